import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import {
  ALL_SCOPES, CookieJar, REDIRECT, SCOPES, authorize, authorizeUrl, basic, connect, learnerWithToken, pkce, register, registration, startAuthorization, token,
} from '../helpers/wallet.js'

// Issue #13, bad input: every wrong move of a client or a wallet answers as OAuth 2.0 (RFC 6749, 7636, 7591, 7009,
// 6750) or OB 3.0 (Imsx_StatusInfo) say, never a 5xx. The clock of the store is moved to expire tokens.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let learner: { id: string; token: string }
let offsetMs = 0

const imsxMinor = (res: { json (): any }) => res.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue as string
const api = (method: 'GET' | 'POST' | 'PUT', path: string, bearer: string | undefined, body?: { type: string; payload: string }) => t.app.inject({
  method, url: `/ims/ob/v3p0${path}`,
  headers: { ...(bearer !== undefined ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': body.type } : {}) },
  ...(body ? { payload: body.payload } : {}),
})
const redirectedError = (res: { statusCode: number; headers: Record<string, unknown> }): URLSearchParams => {
  expect(res.statusCode).toBe(303)
  const loc = new URL(String(res.headers.location))
  expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT)
  return loc.searchParams
}

beforeAll(async () => {
  t = await createTestApp({ runtime: { clock: () => new Date(Date.now() + offsetMs) } })
  city = await makeCity(t)
  learner = await learnerWithToken(t, city)
})
afterAll(async () => { await t?.close() })

describe('authorization requests (RFC 6749 §4.1.2.1, RFC 7636)', () => {
  it('without PKCE, or with `plain`: the client is sent back with invalid_request, and no code', async () => {
    const client = await register(t)
    const noPkce = await t.app.inject({ method: 'GET', url: authorizeUrl(client, { state: 's1' }) })
    const e1 = redirectedError(noPkce)
    expect(e1.get('error')).toBe('invalid_request')
    expect(e1.get('error_description')).toMatch(/PKCE/i)
    expect(e1.get('state')).toBe('s1')
    expect(e1.get('code')).toBeNull()
    const plain = await t.app.inject({ method: 'GET', url: authorizeUrl(client, { code_challenge: pkce().verifier, code_challenge_method: 'plain' }) })
    const e2 = redirectedError(plain)
    expect(e2.get('error')).toBe('invalid_request')
    expect(e2.get('error_description')).toMatch(/code_challenge_method/)
  })

  it('a redirect URI that is not registered: an error page here, never a redirect to it', async () => {
    const client = await register(t)
    const res = await t.app.inject({ method: 'GET', url: authorizeUrl(client, { redirect_uri: 'https://evil.example.net/cb', code_challenge: pkce().challenge, code_challenge_method: 'S256' }) })
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toContain('redirect_uri')
    expect(res.body).not.toContain('<script')
  })

  it('an unknown client: 400 invalid_client page; a scope that is not the API\'s is left out (RFC 6749 §3.3), never granted', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: authorizeUrl({ client_id: 'nobody', client_secret: '' }, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }) })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('invalid_client')
    const client = await register(t)
    const { verifier, challenge } = pkce()
    const back = await authorize(t, client, learner.token, { challenge, scope: `${SCOPES.read} https://example.org/scope/everything` })
    const tokens = expectOk(await token(t, client, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier }))
    expect(tokens.scope).toBe(SCOPES.read)
  })

  it('the learner denies: access_denied back to the client', async () => {
    const client = await register(t)
    const jar = new CookieJar()
    const { uid } = await startAuthorization(t, jar, authorizeUrl(client, { code_challenge: pkce().challenge, code_challenge_method: 'S256', state: 'deny' }))
    const res = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/abort`, headers: { cookie: jar.header() } })
    expect(res.statusCode).toBe(303)
    const back = await t.app.inject({ method: 'GET', url: new URL(String(res.headers.location)).pathname, headers: { cookie: jar.header() } })
    const e = redirectedError(back)
    expect(e.get('error')).toBe('access_denied')
    expect(e.get('state')).toBe('deny')
  })
})

describe('the sign-in (interaction)', () => {
  it('a wrong learner token: 401 (the form again, or a problem for JSON); an unknown interaction: 404; another browser: 400', async () => {
    const client = await register(t)
    const jar = new CookieJar()
    const { uid } = await startAuthorization(t, jar, authorizeUrl(client, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }))
    const form = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/login`, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'learner_token=cblt_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })
    expect(form.statusCode).toBe(401)
    expect(form.body).toContain('unknown or has expired')
    const json = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/login`, payload: { learner_token: 'cbk_not-a-learner-token' } })
    expect(json.statusCode).toBe(401)
    expect(json.headers['content-type']).toMatch(/problem\+json/)
    const unknown = await t.app.inject({ method: 'POST', url: '/oauth/interaction/nosuchinteraction/login', payload: { learner_token: learner.token } })
    expect(unknown.statusCode).toBe(404)
    // The integrator's server signs the learner in by JSON; the consent is still only given in the browser that started.
    const ok = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/login`, payload: { learner_token: learner.token } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().next).toMatch(new RegExp(`/oauth/interaction/${uid}$`))
    const elsewhere = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/confirm` })
    expect(elsewhere.statusCode).toBe(400)
    const page = await t.app.inject({ method: 'GET', url: `/oauth/interaction/${uid}` })
    expect(page.statusCode).toBe(400)
    const consent = await t.app.inject({ method: 'GET', url: `/oauth/interaction/${uid}`, headers: { cookie: jar.header() } })
    expect(consent.statusCode).toBe(200)
    expect(consent.body).toContain('Allow Pocket Wallet')
  })
})

describe('the token endpoint (RFC 6749 §5.2)', () => {
  it('a wrong code_verifier: invalid_grant; a reused code: invalid_grant, and the tokens of the first use are revoked', async () => {
    const client = await register(t)
    const { verifier, challenge } = pkce()
    const back = await authorize(t, client, learner.token, { challenge })
    const code = back.searchParams.get('code')!
    const wrong = await token(t, client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error).toBe('invalid_grant')

    const back2 = await authorize(t, client, learner.token, { challenge })
    const code2 = back2.searchParams.get('code')!
    const first = expectOk(await token(t, client, { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, code_verifier: verifier }))
    expectOk(await api('GET', '/credentials', first.access_token))
    const reused = await token(t, client, { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, code_verifier: verifier })
    expect(reused.statusCode).toBe(400)
    expect(reused.json().error).toBe('invalid_grant')
    expect((await api('GET', '/credentials', first.access_token)).statusCode).toBe(401)
  })

  it('a wrong client secret: 401 invalid_client; no client authentication: 400/401, never a token', async () => {
    const client = await register(t)
    const res = await token(t, { ...client, client_secret: 'wrong' }, { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT, code_verifier: pkce().verifier })
    expect(res.statusCode).toBe(401)
    expect(res.json().error).toBe('invalid_client')
    const none = await token(t, undefined, { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT, code_verifier: pkce().verifier })
    expect([400, 401]).toContain(none.statusCode)
    expect(none.json().error).toMatch(/invalid_(client|request)/)
  })
})

describe('registration (RFC 7591 §3.2.2)', () => {
  it('production mode: a non-https redirect URI is invalid_redirect_uri; no client_name is invalid_client_metadata', async () => {
    for (const uri of ['http://127.0.0.1:8080/cb', 'http://wallet.example.org/cb']) {
      const res = await t.app.inject({ method: 'POST', url: '/oauth/reg', payload: registration({ redirect_uris: [uri] }) })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toBe('invalid_redirect_uri')
    }
    const noName = await t.app.inject({ method: 'POST', url: '/oauth/reg', payload: registration({ client_name: undefined }) })
    expect(noName.statusCode).toBe(400)
    expect(noName.json().error).toBe('invalid_client_metadata')
    const broken = await t.app.inject({ method: 'POST', url: '/oauth/reg', headers: { 'content-type': 'application/json' }, payload: '{"redirect_uris":' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error).toBe('invalid_request')
  })
})

describe('the OB 3.0 API (OB 3.0 §6, RFC 6750)', () => {
  it('no token, an API key, a learner token or a made-up token: 401 Imsx_StatusInfo with WWW-Authenticate', async () => {
    for (const bearer of [undefined, t.adminKey, learner.token, 'made-up']) {
      const res = await api('GET', '/credentials', bearer)
      expect(res.statusCode).toBe(401)
      expect(imsxMinor(res)).toBe('unauthorizedrequest')
      expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer /)
    }
  })

  it('a scope not granted: 403 insufficient_scope', async () => {
    const { tokens } = await connect(t, learner.token, { scope: SCOPES.read })
    expect(tokens.scope).toBe(SCOPES.read)
    expectOk(await api('GET', '/credentials', tokens.access_token))
    for (const [method, path] of [['POST', '/credentials'], ['GET', '/profile'], ['PUT', '/profile']] as const) {
      const res = await api(method, path, tokens.access_token, method === 'GET' ? undefined : { type: 'application/json', payload: '{}' })
      expect(res.statusCode).toBe(403)
      expect(imsxMinor(res)).toBe('forbidden')
      expect(String(res.headers['www-authenticate'])).toContain('insufficient_scope')
    }
  })

  it('bad query parameters: 400 invalid_query_parameter; an unknown operation: 404', async () => {
    const { tokens } = await connect(t, learner.token)
    for (const q of ['limit=0', 'offset=-1', 'since=yesterday', 'limit=abc']) {
      const res = await api('GET', `/credentials?${q}`, tokens.access_token)
      expect(res.statusCode, q).toBe(400)
      expect(imsxMinor(res)).toBe('invalid_query_parameter')
    }
    const none = await api('GET', '/nothing', tokens.access_token)
    expect(none.statusCode).toBe(404)
    expect(imsxMinor(none)).toBe('not_found')
  })

  it('a tampered credential, a non-credential, an empty or broken body: 400 invalid_data; nothing stored', async () => {
    const { tokens } = await connect(t, learner.token)
    const issuer = await setupIssuer(t, city, { name: 'Tamper Test College' })
    const award = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'x@example.org' } } }), 201)
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${award.id}`, headers: { accept: 'application/ld+json' } })).body)
    doc.credentialSubject.achievement.name = 'Brain Surgeon'
    const tampered = await api('POST', '/credentials', tokens.access_token, { type: 'application/json', payload: JSON.stringify(doc) })
    expect(tampered.statusCode).toBe(400)
    expect(imsxMinor(tampered)).toBe('invalid_data')
    expect(tampered.json().imsx_description).toMatch(/did not verify/)
    const jwt = (await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${award.id}.jwt` })).body
    const [h, p, s] = jwt.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    payload.credentialSubject.achievement.name = 'Brain Surgeon'
    const forged = await api('POST', '/credentials', tokens.access_token, { type: 'text/plain', payload: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}` })
    expect(forged.statusCode).toBe(400)
    expect(imsxMinor(forged)).toBe('invalid_data')
    for (const [type, payload] of [['application/json', '{"hello":"world"}'], ['application/json', '{"@context":'], ['text/plain', ''], ['application/json', '[]']]) {
      const res = await api('POST', '/credentials', tokens.access_token, { type: type!, payload: payload! })
      expect(res.statusCode, `${type} ${payload}`).toBe(400)
      expect(res.json().imsx_codeMajor).toBe('failure')
    }
    const xml = await api('POST', '/credentials', tokens.access_token, { type: 'application/xml', payload: '<a/>' })
    expect(xml.statusCode).toBe(415)
    expect(xml.json().imsx_codeMajor).toBe('failure')
    const list = expectOk(await api('GET', '/credentials', tokens.access_token))
    expect(list.credential).toEqual([])
  })

  it('an expired access token: 401; an access token revoked directly: 401', async () => {
    const { client, tokens } = await connect(t, learner.token)
    expectOk(await api('GET', '/profile', tokens.access_token))
    offsetMs = 3601_000
    try {
      const res = await api('GET', '/profile', tokens.access_token)
      expect(res.statusCode).toBe(401)
      expect(imsxMinor(res)).toBe('unauthorizedrequest')
    } finally {
      offsetMs = 0
    }
    expectOk(await api('GET', '/profile', tokens.access_token))
    const revoked = await t.app.inject({ method: 'POST', url: '/oauth/token/revocation', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) }, payload: `token=${tokens.access_token}` })
    expect(revoked.statusCode).toBe(200)
    expect((await api('GET', '/profile', tokens.access_token)).statusCode).toBe(401)
  })

  it('an erased learner\'s token answers 401', async () => {
    const other = await learnerWithToken(t, city)
    const { tokens } = await connect(t, other.token, { scope: ALL_SCOPES })
    expectOk(await api('GET', '/profile', tokens.access_token))
    expectOk(await t.app.inject({ method: 'DELETE', url: `/v1/cities/${city.slug}/learners/${other.id}`, headers: t.auth(city.cityAdminKey) }))
    expect((await api('GET', '/profile', tokens.access_token)).statusCode).toBe(401)
  })
})
