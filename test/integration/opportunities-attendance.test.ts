import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Attendance turns into badges (issue #9 item 3): recording learners at a session awards the opportunity's
// participation badge once per learner through the award service; learners of another city and cancelled sessions
// are refused with a 4xx and nothing is awarded.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let issuer: Awaited<ReturnType<typeof setupIssuer>>
const HOUR = 3600e3

beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  issuer = await setupIssuer(t, city)
})
afterAll(async () => { await t?.close() })

const v1 = (path: string) => `/v1/cities/${city.slug}${path}`
const post = (path: string, payload?: object, key = issuer.issuerKey) => t.app.inject({ method: 'POST', url: v1(path), headers: t.auth(key), ...(payload ? { payload } : {}) })
const learner = async (c = city) => expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/learners`, headers: t.auth(c.cityAdminKey), payload: { ageBand: '16-18' } }), 201).id as string

async function opportunity (extra: Record<string, unknown> = {}, publish = true) {
  const now = Date.now()
  const o = expectOk(await post('/opportunities', {
    organisationId: issuer.org.id, kind: 'activity', title: 'Robotics club',
    sessions: [{ start: new Date(now - 2 * HOUR).toISOString(), end: new Date(now - HOUR).toISOString(), capacity: 10 }, { start: new Date(now - HOUR).toISOString(), end: new Date(now - HOUR / 2).toISOString() }],
    badgeClassIds: [issuer.klass.id],
    ...extra,
  }), 201)
  return publish ? expectOk(await post(`/opportunities/${o.id}/publish`)) : o
}

describe('attendance', () => {
  it('awards the participation badge once per learner, through the award service (idempotent)', async () => {
    const o = await opportunity()
    const [a, b] = [await learner(), await learner()]
    const first = expectOk(await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: [a, b, a] }))
    expect(first.badgeClassId).toBe(issuer.klass.id)
    expect(first.items.map((i: any) => [i.learnerId, i.replayed])).toEqual([[a, false], [b, false]])
    // Again, and at the next session: the same awards.
    const again = expectOk(await post(`/opportunities/${o.id}/sessions/${o.sessions[1].id}/attendance`, { learnerIds: [a] }))
    expect(again.items).toEqual([{ learnerId: a, awardId: first.items[0].awardId, replayed: true }])
    const awards = expectOk(await t.app.inject({ method: 'GET', url: v1(`/awards?badgeClassId=${issuer.klass.id}&limit=100`), headers: t.auth(city.cityAdminKey) })).items
    const mine = awards.filter((x: any) => x.learnerId === a || x.learnerId === b)
    expect(mine).toHaveLength(2)
    // A real award: its hosted OB 2.0 assertion answers.
    const award = mine.find((x: any) => x.id === first.items[0].awardId)
    expect((await t.app.inject({ method: 'GET', url: new URL(award.links.assertion).pathname })).statusCode).toBe(200)
  })

  it('refuses a learner of another city (nothing awarded), a cancelled session, a draft and an opportunity without a badge', async () => {
    const o = await opportunity()
    const other = await makeCity(t)
    const mine = await learner()
    const foreign = await learner(other)
    const res = await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: [mine, foreign] })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].field).toBe('learnerIds/1')
    const awards = expectOk(await t.app.inject({ method: 'GET', url: v1(`/awards?badgeClassId=${issuer.klass.id}&limit=100`), headers: t.auth(city.cityAdminKey) })).items
    expect(awards.some((x: any) => x.learnerId === mine)).toBe(false)
    expect((await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: ['not-a-uuid'] })).statusCode).toBe(422)
    expect((await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: [] })).statusCode).toBe(400)

    const cancelled = await opportunity()
    expectOk(await post(`/opportunities/${cancelled.id}/cancel`))
    const c = await post(`/opportunities/${cancelled.id}/sessions/${cancelled.sessions[0].id}/attendance`, { learnerIds: [mine] })
    expect(c.statusCode).toBe(409)
    expect(c.json().detail).toMatch(/cancelled/)

    const draft = await opportunity({}, false)
    expect((await post(`/opportunities/${draft.id}/sessions/${draft.sessions[0].id}/attendance`, { learnerIds: [mine] })).statusCode).toBe(409)
    const none = await opportunity({ badgeClassIds: [] })
    expect((await post(`/opportunities/${none.id}/sessions/${none.sessions[0].id}/attendance`, { learnerIds: [mine] })).statusCode).toBe(409)
    expect((await post(`/opportunities/${o.id}/sessions/00000000-0000-4000-8000-000000000000/attendance`, { learnerIds: [mine] })).statusCode).toBe(404)
    const future = await opportunity({ sessions: [{ start: new Date(Date.now() + 48 * HOUR).toISOString(), end: new Date(Date.now() + 49 * HOUR).toISOString() }] })
    expect((await post(`/opportunities/${future.id}/sessions/${future.sessions[0].id}/attendance`, { learnerIds: [mine] })).statusCode).toBe(409)
  })

  it('is for the opportunity’s own organisation (or the city admin)', async () => {
    const o = await opportunity()
    const l = await learner()
    const other = await setupIssuer(t, city, { name: 'City Museum' })
    expect((await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: [l] }, other.issuerKey)).statusCode).toBe(403)
    expectOk(await post(`/opportunities/${o.id}/sessions/${o.sessions[0].id}/attendance`, { learnerIds: [l] }, city.cityAdminKey))
  })
})
