import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_WORDING_VERSION } from '../../src/domain/learners/guardians.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Issue #8 item 4: the guardian of an under-13 can later see, export and erase, with the token of an access link
// sent to the guardian address of the consent record (returned to the caller here: no SMTP).

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'app', cityId: city.id })).token
})
afterAll(async () => { await t?.close() })

const V = (p: string) => `/v1/cities/${city.slug}${p}`
const child = async () => expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: 'under-13', guardian: { email: 'guardian@example.org' } } }), 201).id as string
const askAccess = (id: string, key = appKey) => t.app.inject({ method: 'POST', url: V(`/learners/${id}/guardian-access-requests`), headers: t.auth(key) })
const tokenOf = (url: string) => url.split('/guardian-access/')[1] as string
const G = (token: string, rest = '') => `/guardian-access/${token}${rest}`
const problem = (res: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  expect(res.statusCode).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
}

describe('guardian access: see, export, erase', () => {
  it('with an access link the guardian sees the learner and the backpack, exports, and after consent gets the CLR', async () => {
    const id = await child()
    const { issuerKey, klass } = await setupIssuer(t, city)
    const award = expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { learnerId: id } } }), 201)
    const link = expectOk(await askAccess(id), 201)
    expect(link).toMatchObject({ delivery: 'caller' })
    expect(link.url).toMatch(/^https:\/\/badges\.test\/guardian-access\/gat_/)
    const token = tokenOf(link.url)
    // Stored hashed only.
    expect(JSON.stringify(await t.runtime.database.db.selectFrom('guardian_access_tokens').selectAll().execute())).not.toContain(token)

    const seen = expectOk(await t.app.inject({ method: 'GET', url: G(token) }))
    expect(seen.learner).toMatchObject({ id, ageBand: 'under-13' })
    expect(JSON.stringify(seen)).not.toContain('guardian@example.org')
    expect(seen.backpack.items.map((i: { awardId: string }) => i.awardId)).toEqual([award.id])

    const exported = expectOk(await t.app.inject({ method: 'GET', url: G(token, '/export') }))
    expect(exported.learner.id).toBe(id)
    expect(exported.awards.map((a: { awardId: string }) => a.awardId)).toEqual([award.id])
    // Held until consent: the CLR and the zip leave the platform.
    problem(await t.app.inject({ method: 'GET', url: G(token, '/export?format=clr') }), 409)
    const consent = expectOk(await t.app.inject({ method: 'POST', url: V(`/learners/${id}/guardian-consent-requests`), headers: t.auth(appKey) }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: `/guardian-consent/${consent.url.split('/guardian-consent/')[1] as string}`, payload: { consent: true, wordingVersion: CONSENT_WORDING_VERSION } }))
    const clr = await t.app.inject({ method: 'GET', url: G(token, '/export?format=clr') })
    expect(clr.statusCode).toBe(200)
    expect(clr.headers['content-type']).toMatch(/application\/ld\+json/)
    expect(JSON.parse(clr.body).type).toContain('ClrCredential')
    const zip = await t.app.inject({ method: 'GET', url: G(token, '/export?format=zip') })
    expect(zip.statusCode).toBe(200)
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })

  it('the guardian erases the learner: awards become erased stubs, the audit names the link, the link stops working', async () => {
    const id = await child()
    const { issuerKey, klass } = await setupIssuer(t, city)
    const award = expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { learnerId: id } } }), 201)
    const token = tokenOf(expectOk(await askAccess(id), 201).url)
    const erased = expectOk(await t.app.inject({ method: 'DELETE', url: G(token) }))
    expect(erased).toMatchObject({ learnerId: id, awardsErased: 1, alreadyErased: false })
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${award.id as string}`, headers: { accept: 'application/json' } })).statusCode).toBe(410)
    const audit = await t.runtime.database.db.selectFrom('learner_erasures').selectAll().where('learner_id', '=', id).executeTakeFirstOrThrow()
    expect(audit.erased_by).toMatch(/^guardian:[0-9a-f-]{36}$/)
    expect(JSON.stringify(audit)).not.toContain('guardian@example.org')
    problem(await t.app.inject({ method: 'GET', url: G(token) }), 404)
    problem(await t.app.inject({ method: 'DELETE', url: G(token) }), 404)
    expect((await t.app.inject({ method: 'GET', url: V(`/learners/${id}`), headers: t.auth(appKey) })).statusCode).toBe(404)
  })

  it('wrong, expired or malformed tokens are 404; only learner managers ask; only under-13s have a guardian', async () => {
    problem(await t.app.inject({ method: 'GET', url: G('gat_wrongwrongwrongwrongwrongwrongwrong') }), 404)
    problem(await t.app.inject({ method: 'GET', url: G('nonsense', '/export') }), 404)
    problem(await t.app.inject({ method: 'DELETE', url: G('gct_notanaccesstoken') }), 404)
    const id = await child()
    const token = tokenOf(expectOk(await askAccess(id), 201).url)
    await t.runtime.database.db.updateTable('guardian_access_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('learner_id', '=', id).execute()
    problem(await t.app.inject({ method: 'GET', url: G(token) }), 404)
    problem(await t.app.inject({ method: 'DELETE', url: G(token) }), 404)
    expect((await t.app.inject({ method: 'GET', url: V(`/learners/${id}`), headers: t.auth(appKey) })).statusCode).toBe(200)
    // A consent token is not an access token, and the other way round.
    const consent = expectOk(await t.app.inject({ method: 'POST', url: V(`/learners/${id}/guardian-consent-requests`), headers: t.auth(appKey) }), 201)
    problem(await t.app.inject({ method: 'GET', url: G(consent.url.split('/guardian-consent/')[1] as string) }), 404)

    const { issuerKey } = await setupIssuer(t, city)
    problem(await askAccess(id, issuerKey), 403)
    const teen = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '13-15' } }), 201).id as string
    problem(await askAccess(teen), 409)
    problem(await askAccess('00000000-0000-4000-8000-000000000000'), 404)
  })
})
