import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_WORDING_VERSION } from '../../src/domain/learners/guardians.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Issue #8 item 4: guardian consent for under-13s, by a single-use link; awards held until then.

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
const ask = (id: string, key = appKey) => t.app.inject({ method: 'POST', url: V(`/learners/${id}/guardian-consent-requests`), headers: t.auth(key) })
const answer = (token: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/guardian-consent/${token}`, payload: body })
const tokenOf = (url: string) => url.split('/guardian-consent/')[1] as string

describe('guardian consent', () => {
  it('a consent link (returned without SMTP) records consent with time and wording version, and releases held awards', async () => {
    const id = await child()
    const { issuerKey, klass } = await setupIssuer(t, city)
    expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { learnerId: id } } }), 201)
    expect((await t.app.inject({ method: 'GET', url: V(`/learners/${id}/export?format=clr`), headers: t.auth(appKey) })).statusCode).toBe(409)
    const link = expectOk(await ask(id), 201)
    expect(link).toMatchObject({ delivery: 'caller' })
    expect(link.url).toMatch(/^https:\/\/badges\.test\/guardian-consent\/gct_/)
    const rows = await t.runtime.database.db.selectFrom('guardian_consent_tokens').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link.url))
    const ok = expectOk(await answer(tokenOf(link.url), { consent: true, wordingVersion: CONSENT_WORDING_VERSION }))
    expect(ok).toMatchObject({ learnerId: id, guardianConsent: 'given', wordingVersion: CONSENT_WORDING_VERSION })
    const row = await t.runtime.database.db.selectFrom('learners').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.guardian_consent).toBe('given')
    expect(row.guardian_consent_version).toBe(CONSENT_WORDING_VERSION)
    expect(row.guardian_consent_at).toBeInstanceOf(Date)
    expect(expectOk(await t.app.inject({ method: 'GET', url: V(`/learners/${id}`), headers: t.auth(appKey) })).guardianConsent).toBe('given')
    // Held no more: the CLR export works.
    expect((await t.app.inject({ method: 'GET', url: V(`/learners/${id}/export?format=clr`), headers: t.auth(appKey) })).statusCode).toBe(200)
    // Reused: 409; asking again after consent: 409.
    expect((await answer(tokenOf(link.url), { consent: true, wordingVersion: CONSENT_WORDING_VERSION })).statusCode).toBe(409)
    expect((await ask(id)).statusCode).toBe(409)
  })

  it('wrong, expired or malformed tokens, an outdated wording, a refusal and the wrong callers', async () => {
    const id = await child()
    const problem = (res: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
      expect(res.statusCode).toBe(status)
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
    }
    problem(await answer('gct_wrongwrongwrongwrongwrongwrongwrong', { consent: true, wordingVersion: CONSENT_WORDING_VERSION }), 404)
    problem(await answer('nonsense', { consent: true, wordingVersion: CONSENT_WORDING_VERSION }), 404)
    const link = expectOk(await ask(id), 201)
    problem(await answer(tokenOf(link.url), { consent: true }), 400)
    problem(await answer(tokenOf(link.url), { consent: true, wordingVersion: '2001-01' }), 422)
    // A refusal uses the link and records nothing.
    expect(expectOk(await answer(tokenOf(link.url), { consent: false, wordingVersion: CONSENT_WORDING_VERSION })).guardianConsent).toBe('pending')
    const late = expectOk(await ask(id), 201)
    await t.runtime.database.db.updateTable('guardian_consent_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute()
    problem(await answer(tokenOf(late.url), { consent: true, wordingVersion: CONSENT_WORDING_VERSION }), 410)
    const adult = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201).id as string
    problem(await ask(adult), 409)
    problem(await ask('00000000-0000-4000-8000-000000000000'), 404)
    const { issuerKey } = await setupIssuer(t, city, { name: 'Other Org' })
    problem(await ask(id, issuerKey), 403)
    expect((await t.runtime.database.db.selectFrom('learners').select('guardian_consent').where('id', '=', id).executeTakeFirstOrThrow()).guardian_consent).toBe('pending')
  })
})
