import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashIdentity } from '../../src/ob/hash.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, classBody, expectOk, setupIssuer } from '../helpers/badges.js'

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let a: Awaited<ReturnType<typeof setupIssuer>>
let b: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  a = await setupIssuer(t, city, { name: 'Northgate Youth Club', klass: { expiry: { type: 'duration', duration: 'P1Y' } } })
  b = await setupIssuer(t, city, { name: 'Brightwater Engineering' })
})
afterAll(async () => { await t?.close() })

const awards = () => `/v1/cities/${city.slug}/awards`
const award = (payload: object, key = a.issuerKey, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: awards(), headers: { ...t.auth(key), ...headers }, payload })
const body = (extra: object = {}) => ({ badgeClassId: a.klass.id, recipient: { type: 'email', identity: 'Zoe.Learner@Example.ORG' }, ...extra })

describe('awards', () => {
  it('issues an award: salted hash of the lower-cased email, expiry from the rule, every public URL under links', async () => {
    const res = await award(body({ evidence: [{ url: 'https://portfolio.example.org/zoe/robot', name: 'Robot' }, { narrative: 'Led the build.' }], narrative: 'Built a robot.' }))
    const aw = expectOk(res, 201)
    expect(aw.recipient.identity).toBe(hashIdentity('zoe.learner@example.org', aw.recipient.salt))
    expect(aw.recipient.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(aw.recipient.plainIdentity).toBeUndefined()
    expect(JSON.stringify(aw)).not.toMatch(/zoe\.learner/i)
    const year = new Date(aw.issuedOn)
    year.setUTCFullYear(year.getUTCFullYear() + 1)
    expect(aw.expires).toBe(year.toISOString())
    expect(aw.evidence).toEqual([{ url: 'https://portfolio.example.org/zoe/robot', name: 'Robot' }, { narrative: 'Led the build.' }])
    expect(aw.links).toMatchObject({
      assertion: `https://badges.test/ob/v2/assertions/${aw.id}`,
      assertionImage: `https://badges.test/ob/v2/assertions/${aw.id}/image`,
      signedAssertion: `https://badges.test/ob/v2/assertions/${aw.id}.jws`,
      signedAssertionImage: `https://badges.test/ob/v2/assertions/${aw.id}/image?form=signed`,
      badgeClass: `https://badges.test/ob/v2/badges/${a.klass.id}`,
      issuer: `https://badges.test/ob/v2/issuers/${a.org.id}`,
      revocationList: `https://badges.test/ob/v2/issuers/${a.org.id}/revocations`,
      signingKey: expect.stringMatching(new RegExp(`^https://badges.test/ob/v2/issuers/${a.org.id}/keys/rsa-`)),
      credential: `https://badges.test/ob/v3/credentials/${aw.id}`,
      credentialJwt: `https://badges.test/ob/v3/credentials/${aw.id}.jwt`,
      credentialImage: `https://badges.test/ob/v3/credentials/${aw.id}/image`,
    })
    const row = await t.runtime.database.db.selectFrom('awards').selectAll().where('id', '=', aw.id).executeTakeFirstOrThrow()
    expect(row.plain_identity).toBeNull()
    // The claim (link to an award no learner holds yet) is in the answer that creates the award only.
    const { claim: _claim, ...stored } = aw
    expect(_claim).toMatchObject({ delivery: 'caller' })
    expect(expectOk(await t.app.inject({ method: 'GET', url: `${awards()}/${aw.id}`, headers: t.auth(a.issuerKey) }))).toEqual(stored)
  })

  it('keeps the plain identity only when the city switches it on', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: `plain${Date.now().toString(36)}`, name: 'Plain', storePlainIdentity: true } })
    const c = expectOk(res, 201)
    const key = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'x', cityId: c.id })
    const pc = { slug: c.slug, cityAdminKey: key.token }
    const s = await setupIssuer(t, pc)
    const aw = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/awards`, headers: t.auth(s.issuerKey), payload: { badgeClassId: s.klass.id, recipient: { type: 'email', identity: 'Sam@Example.org' } } }), 201)
    expect(aw.recipient.plainIdentity).toBe('sam@example.org')
    const list = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/awards`, headers: t.auth(pc.cityAdminKey) }))
    expect(list.items[0].recipient.plainIdentity).toBe('sam@example.org')
  })

  it('refuses bad input with 4xx problems: invalid email, future issuedOn, expires before issuedOn', async () => {
    const cases: Array<[object, string]> = [
      [body({ recipient: { type: 'email', identity: 'not an email' } }), '/recipient/identity'],
      [body({ recipient: { type: 'telephone', identity: '0123' } }), '/recipient/identity'],
      [body({ issuedOn: new Date(Date.now() + 3_600_000).toISOString() }), '/issuedOn'],
      [body({ issuedOn: '2026-01-01' }), '/issuedOn'],
      [body({ issuedOn: '2025-01-01T00:00:00Z', expires: '2024-01-01T00:00:00Z' }), '/expires'],
      [body({ evidence: [{ name: 'nothing' }] }), '/evidence/0'],
    ]
    for (const [payload, field] of cases) {
      const res = await award(payload)
      expect(res.statusCode, field).toBe(422)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field)
    }
    expect((await award(body({ recipient: { type: 'fax', identity: 'x' } }))).statusCode).toBe(400)
  })

  it('awards only approved classes of the caller\'s own organisation', async () => {
    const draft = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: t.auth(a.issuerKey), payload: classBody(a.org.id) }), 201)
    const d = await award(body({ badgeClassId: draft.id }))
    expect(d.statusCode).toBe(409)
    expect(d.json().code).toBe('INVALID_STATE')
    const retired = await approvedClass(t, city, a.org.id, a.issuerKey)
    await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes/${retired.id}/retire`, headers: t.auth(a.issuerKey) })
    expect((await award(body({ badgeClassId: retired.id }))).statusCode).toBe(409)
    // Organisation A's issuer key cannot award B's class.
    const other = await award(body({ badgeClassId: b.klass.id }))
    expect(other.statusCode).toBe(403)
    // Another city's class is invisible.
    const c2 = await makeCity(t)
    expect((await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/awards`, headers: t.auth(c2.cityAdminKey), payload: body() })).statusCode).toBe(404)
  })

  it('the award row carries its Idempotency-Key: a retry after a lost response returns the same award', async () => {
    const key = `award-${Date.now()}`
    const first = expectOk(await award(body(), a.issuerKey, { 'idempotency-key': key }), 201)
    const replay = await award(body(), a.issuerKey, { 'idempotency-key': key })
    expect(replay.json().id).toBe(first.id)
    // Crash between commit and response: the idempotency record never reached "done". The row still holds the key.
    await t.runtime.database.db.deleteFrom('idempotency_keys').execute()
    const retry = await award(body(), a.issuerKey, { 'idempotency-key': key })
    expect(retry.statusCode).toBe(201)
    expect(retry.json().id).toBe(first.id)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    const n = await t.runtime.database.db.selectFrom('awards').select((eb) => eb.fn.countAll<number>().as('n')).where('idempotency_key', '=', key).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
    await t.runtime.database.db.deleteFrom('idempotency_keys').execute()
    const misuse = await award(body({ recipient: { type: 'email', identity: 'someone.else@example.org' } }), a.issuerKey, { 'idempotency-key': key })
    expect(misuse.statusCode).toBe(422)
  })

  it('creates one signing key even when the first awards race', async () => {
    const c = await setupIssuer(t, city, { name: 'Racing Org' })
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => award({ badgeClassId: c.klass.id, recipient: { type: 'email', identity: `r${i}@example.org` } }, c.issuerKey)))
    for (const r of results) expect(r.statusCode).toBe(201)
    const keys = await t.runtime.database.db.selectFrom('signing_keys').selectAll().where('organisation_id', '=', c.org.id).execute()
    expect(keys).toHaveLength(1)
    expect(keys[0]!.private_key_enc).not.toMatch(/PRIVATE KEY/)
    expect(new Set(results.map((r) => r.json().links.signingKey)).size).toBe(1)
  })

  it('batch: up to 1,000 awards, each with its own result; per-item idempotency keys', async () => {
    const draft = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: t.auth(a.issuerKey), payload: classBody(a.org.id) }), 201)
    const items = [
      { ...body(), idempotencyKey: 'batch-item-0' },
      body({ recipient: { type: 'email', identity: 'bad' } }),
      body({ badgeClassId: draft.id }),
      body({ badgeClassId: b.klass.id }),
      { badgeClassId: a.klass.id, recipient: { type: 'url', identity: 'https://learner.example.org/me' } },
    ]
    const res = expectOk(await t.app.inject({ method: 'POST', url: `${awards()}/batch`, headers: t.auth(a.issuerKey), payload: { items } }))
    expect(res.items.map((i: { status: number }) => i.status)).toEqual([201, 422, 409, 403, 201])
    expect(res).toMatchObject({ created: 2, failed: 3 })
    expect(res.items[1].problem).toMatchObject({ status: 422, code: 'INVALID_INPUT' })
    const again = expectOk(await t.app.inject({ method: 'POST', url: `${awards()}/batch`, headers: t.auth(a.issuerKey), payload: { items: [items[0]] } }))
    expect(again.items[0]).toMatchObject({ status: 200, award: { id: res.items[0].award.id } })
    const tooMany = await t.app.inject({ method: 'POST', url: `${awards()}/batch`, headers: t.auth(a.issuerKey), payload: { items: Array.from({ length: 1001 }, () => body()) } })
    expect(tooMany.statusCode).toBe(400)
    const big = expectOk(await t.app.inject({ method: 'POST', url: `${awards()}/batch`, headers: t.auth(a.issuerKey), payload: { items: Array.from({ length: 1000 }, (_, i) => body({ recipient: { type: 'email', identity: `learner${i}@example.org` } })) } }))
    expect(big.created).toBe(1000)
  })

  it('revokes with a reason, idempotently; only the issuing organisation or a city admin may', async () => {
    const aw = expectOk(await award(body()), 201)
    const revoke = (reason: string, key: string) => t.app.inject({ method: 'POST', url: `${awards()}/${aw.id}/revoke`, headers: t.auth(key), payload: { reason } })
    expect((await revoke('not theirs', b.issuerKey)).statusCode).toBe(404)
    const reader = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: t.auth(city.cityAdminKey), payload: { name: 'r', role: 'reader' } }), 201).key
    expect((await revoke('reader', reader)).statusCode).toBe(403)
    const first = expectOk(await revoke('Awarded in error', a.issuerKey))
    expect(first).toMatchObject({ revoked: true, revocationReason: 'Awarded in error', revokedAt: expect.any(String) })
    const second = expectOk(await revoke('A different reason', city.cityAdminKey))
    expect(second).toMatchObject({ revoked: true, revocationReason: 'Awarded in error', revokedAt: first.revokedAt })
    expect((await revoke('   ', a.issuerKey)).statusCode).toBe(422)
  })

  it('lists awards: issuers see their own organisation only, filters by badge class and revocation', async () => {
    const mine = expectOk(await t.app.inject({ method: 'GET', url: `${awards()}?limit=100`, headers: t.auth(b.issuerKey) }))
    expect(mine.items.every((i: { organisationId: string }) => i.organisationId === b.org.id)).toBe(true)
    const revoked = expectOk(await t.app.inject({ method: 'GET', url: `${awards()}?revoked=true&badgeClassId=${a.klass.id}`, headers: t.auth(city.cityAdminKey) }))
    expect(revoked.items.length).toBeGreaterThan(0)
    expect(revoked.items.every((i: { revoked: boolean }) => i.revoked)).toBe(true)
  })
})
