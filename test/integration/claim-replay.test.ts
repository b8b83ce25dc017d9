import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Issue #8: the answer that creates a pending award carries its claim link; a replay with the same Idempotency-Key
// answers it again, but the replay table never holds the token in plain text (it is sealed under the KEK).

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let issuer: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  issuer = await setupIssuer(t, city)
})
afterAll(async () => { await t?.close() })

const V = (path: string) => `/v1/cities/${city.slug}${path}`

describe('claim links in the Idempotency-Key replay table', () => {
  it('a replay answers the same claim link; the table holds no usable token; the link still claims', async () => {
    const post = (key: string, payload: unknown, url = V('/awards')) =>
      t.app.inject({ method: 'POST', url, headers: { ...t.auth(issuer.issuerKey), 'idempotency-key': key }, payload: payload as string })
    const body = { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'replay@example.org' } }
    const first = expectOk(await post('claim-replay-1', body), 201)
    const url = first.claim.url as string
    const token = url.split('/claims/')[1]!
    expect(token).toMatch(/^clm_/)
    const batch = expectOk(await post('claim-replay-batch', { items: [{ ...body, recipient: { type: 'email', identity: 'replay2@example.org' } }] }, V('/awards/batch')))
    const batchToken = (batch.items[0].award.claim.url as string).split('/claims/')[1]!

    // Scan every stored replay: neither token (nor any claim token) is there in plain text.
    const rows = await t.runtime.database.db.selectFrom('idempotency_keys').selectAll().execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(token)
    expect(dump).not.toContain(batchToken)
    expect(dump).not.toMatch(/clm_[A-Za-z0-9_-]{8}/)
    expect(dump).toContain('sealed:v1.')
    // The rest of the answer stays readable (erasure looks for learner ids in it).
    expect(dump).toContain(first.id)

    const replay = await post('claim-replay-1', body)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(first)
    const batchReplay = await post('claim-replay-batch', { items: [{ ...body, recipient: { type: 'email', identity: 'replay2@example.org' } }] }, V('/awards/batch'))
    expect(batchReplay.json().items[0].award.claim.url).toBe(batch.items[0].award.claim.url)

    const appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'app', cityId: city.id })).token
    const learnerId = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201).id as string
    expectOk(await t.app.inject({ method: 'POST', url: V(`/claims/${token}`), headers: t.auth(appKey), payload: { learnerId } }))
  })

  it('a sealed token is bound to its caller and key: copied into another row it does not open', async () => {
    const db = t.runtime.database.db
    const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'claim-replay-1').executeTakeFirstOrThrow()
    const other = await t.runtime.services.apiKeys.issue({ role: 'issuer', name: 'other', cityId: city.id, organisationId: issuer.org.id })
    const principal = (await t.runtime.services.apiKeys.authenticate(other.token))!.keyId
    await db.insertInto('idempotency_keys').values({ ...row, principal, key: 'copied' }).execute()
    const res = await t.app.inject({ method: 'POST', url: V('/awards'), headers: { ...t.auth(other.token), 'idempotency-key': 'copied' }, payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'replay@example.org' } } })
    expect(res.statusCode).toBe(201)
    expect(res.body).not.toMatch(/clm_/)
    expect(res.body).toContain('sealed:v1.')
  })
})
