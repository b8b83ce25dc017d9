import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'
import { seedDemo } from '../../src/demo.js'

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'youth app', cityId: city.id })).token
})
afterAll(async () => { await t?.close() })

const url = (path = '') => `/v1/cities/${city.slug}/learners${path}`
const post = (payload: unknown, key = appKey) => t.app.inject({ method: 'POST', url: url(), headers: t.auth(key), payload: payload as object })

describe('learners', () => {
  it('creates a pseudonymous learner: identifiers hashed and masked, consents off for under-18s', async () => {
    const res = await post({
      ageBand: '13-15', area: 'ls6', externalRefs: [{ platform: 'youthhub', ref: 'u-1001' }],
      identifiers: [{ type: 'email', value: 'Jo.Bloggs@Example.org' }, { type: 'telephone', value: '+447700900123', verified: true }],
    })
    const l = expectOk(res, 201)
    expect(l).toMatchObject({ ageBand: '13-15', area: 'LS6', externalRefs: [{ platform: 'youthhub', ref: 'u-1001' }], consents: { sharing: false, contact: false, insightsOptOut: false } })
    expect(l.identifiers).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'email', masked: 'j********@example.org', verified: false }),
      expect.objectContaining({ type: 'telephone', verified: true }),
    ]))
    expect(res.body).not.toMatch(/bloggs|7700900123/i)
    expect(l.guardianConsent).toBeUndefined()
    // Nothing in the database holds the plain identifier either.
    const rows = await t.runtime.database.db.selectFrom('learner_identifiers').selectAll().where('learner_id', '=', l.id).execute()
    expect(JSON.stringify(rows)).not.toMatch(/bloggs|7700900123/i)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.value_hash))).toBe(true)

    expect(expectOk(await t.app.inject({ method: 'GET', url: url(`/${l.id}`), headers: t.auth(appKey) }))).toEqual(l)
    const found = expectOk(await t.app.inject({ method: 'GET', url: url('?externalRef=youthhub:u-1001'), headers: t.auth(appKey) }))
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([l.id])
    const none = expectOk(await t.app.inject({ method: 'GET', url: url('?externalRef=youthhub:nobody'), headers: t.auth(appKey) }))
    expect(none.items).toEqual([])
  })

  it('defaults consents on for adults and keeps an insights opt-out', async () => {
    const l = expectOk(await post({ ageBand: '19-24', consents: { insightsOptOut: true } }), 201)
    expect(l.consents).toEqual({ sharing: true, contact: true, insightsOptOut: true })
  })

  it('refuses an under-13 without a guardian, and keeps the guardian email out of every answer', async () => {
    const bad = await post({ ageBand: 'under-13' })
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: '/guardian' })])
    const ok = await post({ ageBand: 'under-13', guardian: { email: 'parent@example.org' } })
    const l = expectOk(ok, 201)
    expect(l.guardianConsent).toBe('pending')
    expect(ok.body).not.toContain('parent@')
    const row = await t.runtime.database.db.selectFrom('learners').selectAll().where('id', '=', l.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('parent@')
    expect(row.guardian_email_enc).toMatch(/^v1\./)
    expect((await post({ ageBand: '16-18', guardian: { email: 'parent@example.org' } })).statusCode).toBe(422)
  })

  it('answers every bad input with a 4xx problem', async () => {
    const cases: Array<[unknown, number]> = [
      [{ ageBand: 'twelve' }, 400],
      [{}, 400],
      [{ ageBand: '19-24', identifiers: [{ type: 'email', value: 'not-an-email' }] }, 422],
      [{ ageBand: '19-24', identifiers: [{ type: 'fax', value: '123' }] }, 400],
      [{ ageBand: '19-24', identifiers: [{ type: 'did', value: 'did:nothing' }] }, 422],
      [{ ageBand: '19-24', area: 'LS6 1AB' }, 422],
      [{ ageBand: '19-24', area: 'LS61AB' }, 422],
      [{ ageBand: '19-24', displayName: 'Jo' }, 422], // names are off in this city
      [{ ageBand: '19-24', externalRefs: [{ platform: 'has space', ref: 'x' }] }, 400],
      [{ ageBand: '19-24', dateOfBirth: '2010-01-01' }, 400],
    ]
    for (const [body, status] of cases) {
      const res = await post(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(status)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    expect((await t.app.inject({ method: 'GET', url: url('?externalRef=nocolon'), headers: t.auth(appKey) })).statusCode).toBe(422)
    expect((await t.app.inject({ method: 'GET', url: url('/not-a-uuid'), headers: t.auth(appKey) })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: url('/00000000-0000-4000-8000-000000000000'), headers: t.auth(appKey) })).statusCode).toBe(404)
  })

  it('keeps external refs unique per city (409) but not across cities', async () => {
    expectOk(await post({ ageBand: '19-24', externalRefs: [{ platform: 'lms', ref: 'dup' }] }), 201)
    const dup = await post({ ageBand: '19-24', externalRefs: [{ platform: 'lms', ref: 'dup' }] })
    expect(dup.statusCode).toBe(409)
    const other = await makeCity(t)
    const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${other.slug}/learners`, headers: t.auth(other.cityAdminKey), payload: { ageBand: '19-24', externalRefs: [{ platform: 'lms', ref: 'dup' }] } })
    expect(res.statusCode).toBe(201)
    // ... and another city's learner is a 404 here.
    expect((await t.app.inject({ method: 'GET', url: url(`/${res.json().id as string}`), headers: t.auth(appKey) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${other.slug}/learners/${res.json().id as string}`, headers: t.auth(appKey) })).statusCode).toBe(404)
  })

  it('PATCH changes consents and area, adds refs and identifiers, verifies an identifier', async () => {
    const l = expectOk(await post({ ageBand: '16-18', identifiers: [{ type: 'email', value: 'sam@example.org' }] }), 201)
    const patched = expectOk(await t.app.inject({
      method: 'PATCH', url: url(`/${l.id as string}`), headers: t.auth(appKey),
      payload: { consents: { sharing: true }, area: 'M1', externalRefs: [{ platform: 'club', ref: 's-9' }], identifiers: [{ type: 'email', value: 'SAM@example.org', verified: true }, { type: 'did', value: 'did:web:sam.example.org' }] },
    }))
    expect(patched.consents.sharing).toBe(true)
    expect(patched.area).toBe('M1')
    expect(patched.externalRefs).toEqual([{ platform: 'club', ref: 's-9' }])
    expect(patched.identifiers).toHaveLength(2)
    expect(patched.identifiers.find((i: { type: string }) => i.type === 'email').verified).toBe(true)
    // A second learner cannot verify the same email.
    const other = expectOk(await post({ ageBand: '19-24' }), 201)
    const clash = await t.app.inject({ method: 'PATCH', url: url(`/${other.id as string}`), headers: t.auth(appKey), payload: { identifiers: [{ type: 'email', value: 'sam@example.org', verified: true }] } })
    expect(clash.statusCode).toBe(409)
    expect((await t.app.inject({ method: 'PATCH', url: url(`/${l.id as string}`), headers: t.auth(appKey), payload: { ageBand: 'under-13' } })).statusCode).toBe(422)
  })

  it('stores display names only when the city turns names on, and drops them when it turns them off', async () => {
    const settings = `/v1/cities/${city.slug}/learner-settings`
    expect((await t.app.inject({ method: 'PUT', url: settings, headers: t.auth(appKey), payload: { learnerNames: true } })).statusCode).toBe(403)
    expectOk(await t.app.inject({ method: 'PUT', url: settings, headers: t.auth(city.cityAdminKey), payload: { learnerNames: true } }))
    const l = expectOk(await post({ ageBand: '25-plus', displayName: 'Alex' }), 201)
    expect(l.displayName).toBe('Alex')
    expectOk(await t.app.inject({ method: 'PUT', url: settings, headers: t.auth(city.cityAdminKey), payload: { learnerNames: false } }))
    expect(expectOk(await t.app.inject({ method: 'GET', url: url(`/${l.id as string}`), headers: t.auth(appKey) })).displayName).toBeUndefined()
  })

  it('lets only platform admins, city admins and apps manage learners', async () => {
    const org = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: { name: 'Club', url: 'https://club.example.org', email: 'club@example.org' } }), 201)
    const issuer = (await t.runtime.services.apiKeys.issue({ role: 'issuer', name: 'club', cityId: city.id, organisationId: org.id })).token
    const reader = (await t.runtime.services.apiKeys.issue({ role: 'reader', name: 'dash', cityId: city.id })).token
    const l = expectOk(await post({ ageBand: '19-24' }, t.adminKey), 201)
    expectOk(await post({ ageBand: '19-24' }, city.cityAdminKey), 201)
    for (const key of [issuer, reader]) {
      expect((await post({ ageBand: '19-24' }, key)).statusCode).toBe(403)
      expect((await t.app.inject({ method: 'GET', url: url(`/${l.id as string}`), headers: t.auth(key) })).statusCode).toBe(403)
      expect((await t.app.inject({ method: 'GET', url: url(), headers: t.auth(key) })).statusCode).toBe(403)
    }
  })

  it('records learner.created in the outbox with ids only', async () => {
    const l = expectOk(await post({ ageBand: '19-24', identifiers: [{ type: 'email', value: 'outbox@example.org' }] }), 201)
    const rows = await t.runtime.database.db.selectFrom('outbox').selectAll().where('type', '=', 'learner.created').execute()
    const mine = rows.find((r) => (r.payload as { learnerId: string }).learnerId === l.id)
    expect(mine?.payload).toEqual({ cityId: city.id, learnerId: l.id })
  })

  it('the demo city has learners of several age bands, linked/pending/accepted awards and a working share link', async () => {
    const seeded = await seedDemo(t.runtime.services)
    expect(seeded.shareUrl).toMatch(/^https:\/\/badges\.test\/shares\//)
    const page = await t.app.inject({ method: 'GET', url: new URL(seeded.shareUrl!).pathname, headers: { accept: 'application/ld+json' } })
    expect(page.statusCode).toBe(200)
    expect(page.json().numberOfItems).toBe(2)
    const learners = expectOk(await t.app.inject({ method: 'GET', url: '/v1/cities/demo/learners', headers: t.auth() })).items as Array<{ id: string; ageBand: string; guardianConsent?: string }>
    expect(learners.map((l) => l.ageBand).sort()).toEqual(['16-18', '19-24', '25-plus', 'under-13'])
    expect(learners.find((l) => l.ageBand === 'under-13')?.guardianConsent).toBe('pending')
    const states = new Set<string>()
    for (const l of learners) {
      for (const item of expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/demo/learners/${l.id}/backpack`, headers: t.auth() })).items) states.add(item.acceptance)
    }
    expect([...states].sort()).toEqual(['accepted', 'pending'])
    expect((await seedDemo(t.runtime.services)).created).toBe(false)
  })
})
