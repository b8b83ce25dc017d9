import { readFileSync } from 'node:fs'
import { Ajv2019 } from 'ajv/dist/2019.js'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, usingPostgres, usingRedis, type TestContext } from '../helpers/app.js'
import { BASE, expectOk, setupIssuer } from '../helpers/badges.js'
import { refVerify } from '../helpers/ob3.js'
import { ALL_SCOPES, REDIRECT, basic, connect, learnerWithToken, local, token, type Client } from '../helpers/wallet.js'

// Issue #13 item 3: a conformance-style run of a wallet against the OB 3.0 REST API, end to end: discovery,
// RFC 7591 registration, authorization code + PKCE (S256) with the learner's sign-in and consent, getCredentials
// (every credential verifies in @digitalbazaar/vc; the answer validates against the spec's JSON schema), upsert,
// profile, refresh, revocation, and refusal afterwards. Runs on PostgreSQL + Redis and embedded.

type AddFormats = (ajv: Ajv2019) => Ajv2019
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats
const ajv = new Ajv2019({ strict: false, allErrors: true })
addFormats(ajv)
const schema = (file: string) => ajv.compile(JSON.parse(readFileSync(new URL(`../../src/ob/contexts/schemas/${file}`, import.meta.url), 'utf8')) as object)
const validCredentials = schema('ghpages-getopenbadgecredentialsresponse.json')
const validProfile = schema('ghpages-profile.json')
const validImsx = schema('ghpages-imsx_statusinfo.json')
const expectValid = (validate: ReturnType<typeof schema>, doc: unknown) => {
  const ok = validate(doc)
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5))).toBe(true)
}

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let issuer: Awaited<ReturnType<typeof setupIssuer>>
let learner: { id: string; token: string }

const api = (method: 'GET' | 'POST' | 'PUT', path: string, access: string, body?: { type: string; payload: string }) => t.app.inject({
  method, url: `/ims/ob/v3p0${path}`,
  headers: { authorization: `Bearer ${access}`, accept: 'application/json', ...(body ? { 'content-type': body.type } : {}) },
  ...(body ? { payload: body.payload } : {}),
})

beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  issuer = await setupIssuer(t, city, { name: 'Harbour Wallet College' })
  learner = await learnerWithToken(t, city)
  for (let i = 0; i < 3; i++) {
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: learner.id }, issuedOn: `2026-0${i + 1}-10T10:00:00Z` } }), 201)
  }
})
afterAll(async () => { await t?.close() })

describe(`a wallet end to end (${usingPostgres() ? 'PostgreSQL' : 'PGlite'}${usingRedis() ? ' + Redis' : ''})`, () => {
  let client: Client
  let access = ''
  let refresh = ''

  it('discovers the service: OpenAPI with the privacy policy, registration, authorization and token URLs and the four scopes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ims/ob/v3p0/discovery' })
    const doc = expectOk(res)
    expect(doc.openapi).toMatch(/^3\.0/)
    expect(doc.info['x-imssf-privacyPolicyUrl']).toMatch(/^https?:\/\//)
    const acg = doc.components.securitySchemes.OAuth2ACG
    expect(acg).toMatchObject({ type: 'oauth2', 'x-imssf-registrationUrl': `${BASE}/oauth/reg` })
    expect(acg.flows.authorizationCode).toMatchObject({ authorizationUrl: `${BASE}/oauth/auth`, tokenUrl: `${BASE}/oauth/token` })
    expect(Object.keys(acg.flows.authorizationCode.scopes).sort()).toEqual(ALL_SCOPES.split(' ').sort())
    // The authorization server's own metadata agrees (RFC 8414 fields through oidc-provider's discovery).
    const meta = expectOk(await t.app.inject({ method: 'GET', url: '/oauth/.well-known/openid-configuration' }))
    expect(meta).toMatchObject({ issuer: `${BASE}/oauth`, authorization_endpoint: `${BASE}/oauth/auth`, token_endpoint: `${BASE}/oauth/token`, registration_endpoint: `${BASE}/oauth/reg`, revocation_endpoint: `${BASE}/oauth/token/revocation` })
    expect(meta.code_challenge_methods_supported).toEqual(['S256'])
  })

  it('registers (RFC 7591), authorizes with PKCE S256 and gets tokens for the scopes it was granted', async () => {
    const connected = await connect(t, learner.token)
    client = connected.client
    expect(client).toMatchObject({ client_name: 'Pocket Wallet', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' })
    expect(typeof client.client_secret).toBe('string')
    const tk = connected.tokens
    expect(tk.token_type.toLowerCase()).toBe('bearer')
    expect(tk.expires_in).toBe(3600)
    expect(tk.scope.split(' ').sort()).toEqual(ALL_SCOPES.split(' ').sort())
    expect(tk.refresh_token).toBeTruthy()
    access = tk.access_token
    refresh = tk.refresh_token
  })

  it('pulls the learner\'s credentials (paged, X-Total-Count, Link); every one validates and verifies in @digitalbazaar/vc', async () => {
    const res = await api('GET', '/credentials?limit=2', access)
    const body = expectOk(res)
    expectValid(validCredentials, body)
    expect(res.headers['x-total-count']).toBe('3')
    const link = String(res.headers.link)
    expect(link).toContain('rel="next"')
    expect(link).toContain('rel="first"')
    expect(link).toContain('rel="last"')
    expect(link).not.toContain('rel="prev"')
    expect(body.credential).toHaveLength(2)
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!
    const res2 = await api('GET', local(next).replace('/ims/ob/v3p0', ''), access)
    const body2 = expectOk(res2)
    expect(body2.credential).toHaveLength(1)
    expect(String(res2.headers.link)).toContain('rel="prev"')
    expect(String(res2.headers.link)).not.toContain('rel="next"')
    const all = [...body.credential, ...body2.credential]
    expect(new Set(all.map((c: any) => c.id)).size).toBe(3)
    for (const credential of all) {
      const verdict = await refVerify(t, credential)
      expect(verdict.verified, JSON.stringify(verdict.error)?.slice(0, 500)).toBe(true)
    }
    // since: only those issued after it
    const since = expectOk(await api('GET', '/credentials?since=2026-01-31T00:00:00Z', access))
    expect(since.credential).toHaveLength(2)
  })

  it('upserts a credential the learner brings: 201, then 200 for the same one; a later read returns it', async () => {
    const other = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'elsewhere@example.org' } } }), 201)
    const doc = (await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${other.id}`, headers: { accept: 'application/ld+json' } })).body
    const created = await api('POST', '/credentials', access, { type: 'application/vc+ld+json', payload: doc })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toEqual(JSON.parse(doc))
    const again = await api('POST', '/credentials', access, { type: 'application/json', payload: doc })
    expect(again.statusCode, again.body).toBe(200)
    const jwt = (await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${other.id}.jwt` })).body
    const list = expectOk(await api('GET', '/credentials', access))
    expectValid(validCredentials, list)
    expect(list.credential.map((c: any) => c.id)).toContain(JSON.parse(doc).id)
    expect(list.credential).toHaveLength(4)
    // The same credential as a VC-JWT is the same credential (issuer + id): replaced, then listed as a compact JWS.
    const asJwt = await api('POST', '/credentials', access, { type: 'text/plain', payload: jwt })
    expect(asJwt.statusCode, asJwt.body).toBe(200)
    expect(asJwt.body).toBe(jwt)
    const list2 = expectOk(await api('GET', '/credentials', access))
    expectValid(validCredentials, list2)
    expect(list2.compactJwsString).toEqual([jwt])
    expect(list2.credential).toHaveLength(3)
  })

  it('reads and updates the profile (only the name is kept, where the city stores names)', async () => {
    const profile = expectOk(await api('GET', '/profile', access))
    expectValid(validProfile, profile)
    expect(profile.id).toMatch(/^urn:uuid:/)
    expect(profile.type).toEqual(['Profile'])
    const refused = await api('PUT', '/profile', access, { type: 'application/json', payload: JSON.stringify({ ...profile, name: 'Sam' }) })
    expect(refused.statusCode).toBe(400)
    expectValid(validImsx, refused.json())
    expectOk(await t.app.inject({ method: 'PUT', url: `/v1/cities/${city.slug}/learner-settings`, headers: t.auth(city.cityAdminKey), payload: { learnerNames: true } }))
    const put = expectOk(await api('PUT', '/profile', access, { type: 'application/json', payload: JSON.stringify({ ...profile, name: 'Sam' }) }))
    expectValid(validProfile, put)
    expect(put.name).toBe('Sam')
    expect(expectOk(await api('GET', '/profile', access)).name).toBe('Sam')
    const extra = await api('PUT', '/profile', access, { type: 'application/json', payload: JSON.stringify({ ...profile, email: 'sam@example.org' }) })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_data')
  })

  it('a shared hook\'s refusal on an /ims route is a 4xx problem, never a 500 (found by the fuzzer: the Imsx schema broke it)', async () => {
    for (const [method, url] of [['GET', '/ims/ob/v3p0/credentials?offset=%00'], ['PUT', '/ims/ob/v3p0/profile?x=%0B'], ['POST', '/ims/ob/v3p0/credentials?x=caller']] as const) {
      const r = await t.app.inject({ method, url })
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(400)
      expect(r.headers['content-type']).toMatch(/problem\+json/)
    }
  })

  it('refreshes the token (rotated), revokes it, and is refused afterwards', async () => {
    const refreshed = expectOk(await token(t, client, { grant_type: 'refresh_token', refresh_token: refresh }))
    expect(refreshed.access_token).not.toBe(access)
    expect(refreshed.refresh_token).not.toBe(refresh)
    expectOk(await api('GET', '/credentials', refreshed.access_token))
    const revoked = await t.app.inject({ method: 'POST', url: '/oauth/token/revocation', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) }, payload: `token=${refreshed.refresh_token}&token_type_hint=refresh_token` })
    expect(revoked.statusCode).toBe(200)
    for (const tok of [refreshed.access_token, access]) {
      const res = await api('GET', '/credentials', tok)
      expect(res.statusCode).toBe(401)
      expectValid(validImsx, res.json())
      expect(String(res.headers['www-authenticate'])).toContain('invalid_token')
    }
    const again = await token(t, client, { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token })
    expect(again.statusCode).toBe(400)
    expect(again.json().error).toBe('invalid_grant')
  })
})
