import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, orgBody } from '../helpers/badges.js'

// Issue #9: themes and destinations of an opportunity are the city's own (unknown: 422 naming the field), and a
// recurring schedule with a TZID keeps its local time across the change to summer time.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let orgId: string
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: orgBody('Northgate Youth Club') }), 201).id
})
afterAll(async () => { await t?.close() })

const create = (extra: Record<string, unknown>) => t.app.inject({
  method: 'POST', url: `/v1/cities/${city.slug}/opportunities`, headers: t.auth(city.cityAdminKey),
  payload: { organisationId: orgId, kind: 'activity', title: 'Robotics club', description: 'Robots.', online: true, ...extra },
})
const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number) => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
  return res.json()
}
const fields = (p: { errors?: Array<{ field: string }> }) => (p.errors ?? []).map((e) => e.field)

describe('opportunity themes and destinations', () => {
  it("unknown themes or destinations are a 422 naming the field; the city's own are accepted", async () => {
    const before = await t.runtime.database.db.selectFrom('opportunities').select('id').execute()
    const badTheme = problem(await create({ themes: ['civic', 'astrology'] }), 422)
    expect(fields(badTheme)).toEqual(['themes/1'])
    expect(badTheme.detail).toMatch(/astrology/)
    expect(fields(problem(await create({ destinations: ['moon'] }), 422))).toEqual(['destinations/0'])
    expect(await t.runtime.database.db.selectFrom('opportunities').select('id').execute()).toHaveLength(before.length)
    // A theme the city adds is accepted at once.
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/themes`, headers: t.auth(city.cityAdminKey), payload: { code: 'sector.digital', kind: 'sector', title: 'Digital' } }), 201)
    const ok = expectOk(await create({ themes: ['civic', 'sector.digital'], destinations: ['employment'] }), 201)
    expect(ok.themes).toEqual(['civic', 'sector.digital'])
  })
})

describe('recurring schedules with a TZID', () => {
  it('weekly at 18:00 Europe/London keeps 18:00 local across the change to summer time', async () => {
    const o = expectOk(await create({ schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', start: '2027-03-16T18:00:00Z', durationMinutes: 90, tzid: 'Europe/London' } }), 201)
    expect(o.sessions.map((s: { start: string }) => s.start)).toEqual(['2027-03-16T18:00:00.000Z', '2027-03-23T18:00:00.000Z', '2027-03-30T17:00:00.000Z', '2027-04-06T17:00:00.000Z'])
    expect(o.sessions.map((s: { start: string; end: string }) => new Date(s.end).getTime() - new Date(s.start).getTime())).toEqual([5_400_000, 5_400_000, 5_400_000, 5_400_000])
    expect(fields(problem(await create({ schedule: { rrule: 'FREQ=WEEKLY;COUNT=2', start: '2027-03-16T18:00:00Z', durationMinutes: 60, tzid: 'Mars/Olympus' } }), 422))).toEqual(['schedule/tzid'])
  })
})
