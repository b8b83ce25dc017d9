import { readFileSync } from 'node:fs'
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contexts } from '../../src/ob/contexts/loader.js'
import { signDataIntegrity } from '../../src/ob/v3/data-integrity.js'
import { verifyOb3 } from '../../src/ob/v3/verify.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { BASE, expectOk, injectFetch, setupIssuer } from '../helpers/badges.js'
import { refVerify } from '../helpers/ob3.js'

// Issue #14 items 2 and 3: our REAL credentials (issued through the API) verify in DCC verifier-core (the Learner
// Credential Wallet's verifier), in @digitalbazaar/vc and in our own verifier; VC-JWT keys are discoverable from the
// issuer. verifier-core's document loader cannot be replaced, so `fetch` is confined for the whole file: our own
// URLs go to app.inject, the OB 3.0 schema and bundled contexts come from local copies, anything else is refused
// (and counted: nothing may reach the network).

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let a: Awaited<ReturnType<typeof setupIssuer>>
const realFetch = globalThis.fetch
const refused: string[] = []
const served: string[] = []
const schemaText = readFileSync(new URL('../../src/ob/contexts/schemas/ghpages-achievementcredential.json', import.meta.url), 'utf8')

async function confinedFetch (input: string | URL | Request): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input)
  if (url.startsWith(`${BASE}/`)) {
    served.push(url)
    const res = await t.app.inject({ method: 'GET', url: url.slice(BASE.length), headers: { accept: 'application/ld+json, application/json' } })
    return new Response(res.rawPayload, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } })
  }
  if (url.endsWith('/ob_v3p0_achievementcredential_schema.json')) {
    return new Response(JSON.stringify({ ...(JSON.parse(schemaText) as object), $id: url }), { headers: { 'content-type': 'application/json' } })
  }
  const bundled = contexts.get(url)
  if (bundled) return new Response(JSON.stringify(bundled), { headers: { 'content-type': 'application/ld+json' } })
  refused.push(url)
  throw new TypeError(`confined fetch: ${url} is not reachable from this test`)
}

type CoreResult = { errors?: unknown[]; log?: Array<{ id: string; valid?: boolean }> }
let verifierCore: { verifyCredential(opts: { credential: object; knownDIDRegistries: unknown[] }): Promise<CoreResult> }

beforeAll(async () => {
  globalThis.fetch = confinedFetch as typeof fetch
  verifierCore = (await import('@digitalcredentials/verifier-core' as string)) as typeof verifierCore
  t = await createTestApp()
  city = await makeCity(t)
  a = await setupIssuer(t, city, { name: 'Riverside Makerspace' })
})
afterAll(async () => {
  globalThis.fetch = realFetch
  await t?.close()
})

const issue = async (): Promise<{ id: string }> => expectOk(await t.app.inject({
  method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(a.issuerKey),
  payload: { badgeClassId: a.klass.id, recipient: { type: 'email', identity: 'learner@example.org' } },
}), 201)
const get = async (url: string): Promise<any> => expectOk(await t.app.inject({ method: 'GET', url: url.startsWith(BASE) ? url.slice(BASE.length) : url }))
const issuerUrl = (): string => `${BASE}/ob/v3/issuers/${a.org.id}`

/** verifier-core's verdict: every log step valid except the issuer registry (we are in no DCC registry). */
function coreProblems (r: CoreResult): unknown[] {
  return [...(r.errors ?? []), ...(r.log ?? []).filter((s) => s.valid !== true && s.id !== 'registered_issuer')]
}

describe('our OpenBadgeCredentials in third-party verifiers', () => {
  it('verify in DCC verifier-core, @digitalbazaar/vc and verifyOb3 (the proof names a key URL that serves the key)', async () => {
    const award = await issue()
    const credential = await get(`/ob/v3/credentials/${award.id}`)
    const vm = credential.proof[0].verificationMethod as string
    expect(vm).toMatch(new RegExp(`^${issuerUrl()}/keys/z6Mk`))

    const core = await verifierCore.verifyCredential({ credential, knownDIDRegistries: [] })
    expect(coreProblems(core), JSON.stringify(core).slice(0, 2000)).toEqual([])
    expect(core.log?.find((s) => s.id === 'valid_signature')?.valid).toBe(true)
    expect(served).toContain(vm)

    const ref = await refVerify(t, credential)
    expect(ref, JSON.stringify(ref, (_k, v) => v instanceof Error ? { message: v.message, stack: v.stack?.slice(0, 600) } : v).slice(0, 3000)).toMatchObject({ verified: true })
    const ours = await verifyOb3({ credential }, { now: new Date(), fetchJson: injectFetch(t) })
    expect(ours.checks.filter((c) => !c.valid)).toEqual([])

    // A tampered copy fails in verifier-core too (the test can fail).
    const tampered = { ...credential, name: `${credential.name as string} (edited)` }
    const bad = await verifierCore.verifyCredential({ credential: tampered, knownDIDRegistries: [] })
    expect(bad.log?.find((s) => s.id === 'valid_signature')?.valid).not.toBe(true)
    expect(refused).toEqual([])
  })

  it('the key URL serves the Multikey itself; the Profile lists it (and the pre-#14 fragment id) under assertionMethod', async () => {
    const award = await issue()
    const credential = await get(`/ob/v3/credentials/${award.id}`)
    const vm = credential.proof[0].verificationMethod as string
    const key = await get(vm)
    expect(key).toEqual({
      '@context': ['https://w3id.org/security/multikey/v1'], id: vm, type: 'Multikey', controller: issuerUrl(), publicKeyMultibase: vm.split('/keys/')[1],
    })
    const profile = await get(issuerUrl())
    const legacy = `${issuerUrl()}#${key.publicKeyMultibase as string}`
    expect(profile.assertionMethod).toEqual(expect.arrayContaining([vm, legacy]))
    expect(profile.verificationMethod).toEqual(expect.arrayContaining([
      { id: vm, type: 'Multikey', controller: issuerUrl(), publicKeyMultibase: key.publicKeyMultibase },
      { id: legacy, type: 'Multikey', controller: issuerUrl(), publicKeyMultibase: key.publicKeyMultibase },
    ]))
    expect((await t.app.inject({ method: 'GET', url: `/ob/v3/issuers/${a.org.id}/keys/z6MkNotOurKey` })).statusCode).toBe(404)
  })

  it('a credential signed before the change (fragment verification method) still verifies', async () => {
    const award = await issue()
    const { ob3 } = t.runtime.services
    const { doc } = await ob3.unsignedCredential(award.id)
    const row = await ob3.keys.activeKey(city.id, a.org.id, 'Ed25519')
    const credential = await get(`/ob/v3/credentials/${award.id}`)
    const multibase = (credential.proof[0].verificationMethod as string).split('/keys/')[1]!
    const old = await signDataIntegrity(doc, { privateKey: ob3.keys.privateKey(row), verificationMethod: `${issuerUrl()}#${multibase}`, created: new Date(credential.validFrom as string) })
    expect(await refVerify(t, old)).toMatchObject({ verified: true })
    const ours = await verifyOb3({ credential: old }, { now: new Date(), fetchJson: injectFetch(t) })
    expect(ours.checks.filter((c) => !c.valid)).toEqual([])
  })
})

describe('VC-JWT keys are discoverable from the issuer (item 3)', () => {
  it('goes from the JWT kid to the issuer: JsonWebKey VM in the Profile, the JWKS it links, the signature', async () => {
    const award = await issue()
    for (const alg of ['RS256', 'ES256'] as const) {
      const jwt = (await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${award.id}.jwt?alg=${alg}` })).body
      const { kid } = decodeProtectedHeader(jwt)
      expect(kid).toMatch(new RegExp(`^${issuerUrl()}/jwks/`))
      const jwk = await get(kid!)
      const { payload } = await jwtVerify(jwt, await importJWK(jwk, alg))
      expect(payload.iss).toBe(issuerUrl())

      // The issuer (iss) claims the key: a JsonWebKey verification method with the kid as id, under assertionMethod.
      const profile = await get(payload.iss!)
      const vm = (profile.verificationMethod as Array<Record<string, any>>).find((m) => m.id === kid)
      expect(vm).toMatchObject({ type: 'JsonWebKey', controller: issuerUrl() })
      const { kid: _k, ...bare } = jwk
      expect(vm!.publicKeyJwk).toEqual(bare)
      expect(profile.assertionMethod).toContain(kid)
      expect(vm!.publicKeyJwk.d).toBeUndefined()

      // The Profile links the JWKS, which lists the same key.
      const service = (profile.service as Array<Record<string, string>>).find((s) => s.type === 'JsonWebKeySet')
      expect(service?.serviceEndpoint).toBe(`${issuerUrl()}/jwks`)
      const jwks = await get(service!.serviceEndpoint!)
      expect(jwks.keys).toContainEqual(jwk)
      expect(jwks.keys.every((k: Record<string, unknown>) => k.d === undefined)).toBe(true)
    }
  })
})
