import { createHash, randomBytes } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import type { TestContext } from './app.js'
import { BASE, expectOk } from './badges.js'

// A wallet (an OB 3.0 API client) driven through app.inject: a cookie jar for the browser part of the authorization,
// PKCE, dynamic registration, the authorization code flow with the learner's sign-in and consent, and the token calls.

export const SCOPES = {
  read: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly',
  upsert: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert',
  profileRead: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly',
  profileUpdate: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update',
}
export const ALL_SCOPES = Object.values(SCOPES).join(' ')
export const REDIRECT = 'https://wallet.example.org/callback'

/** The path (and query) of one of our URLs, for app.inject. */
export const local = (url: string): string => (url.startsWith(BASE) ? url.slice(BASE.length) : url)

/** A browser's cookies (name → value), paths ignored: enough for one authorization at a time. */
export class CookieJar {
  readonly cookies = new Map<string, string>()
  take (res: LightMyRequestResponse): void {
    const set = res.headers['set-cookie']
    for (const c of (Array.isArray(set) ? set : set ? [set] : [])) {
      const [pair] = c.split(';')
      const i = pair!.indexOf('=')
      const name = pair!.slice(0, i).trim()
      const value = pair!.slice(i + 1).trim()
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header (): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

export function pkce (): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export interface Client { client_id: string; client_secret: string; [k: string]: unknown }

export const registration = (extra: Record<string, unknown> = {}) => ({
  client_name: 'Pocket Wallet',
  client_uri: 'https://wallet.example.org',
  logo_uri: 'https://wallet.example.org/logo.png',
  tos_uri: 'https://wallet.example.org/tos',
  policy_uri: 'https://wallet.example.org/privacy',
  software_id: 'pocket-wallet',
  software_version: '1.0.0',
  redirect_uris: [REDIRECT],
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: ALL_SCOPES,
  ...extra,
})

export async function register (t: TestContext, extra: Record<string, unknown> = {}): Promise<Client> {
  return expectOk(await t.app.inject({ method: 'POST', url: '/oauth/reg', headers: { 'content-type': 'application/json' }, payload: registration(extra) }), 201) as Client
}

export const basic = (c: Client): string => `Basic ${Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.client_secret)}`).toString('base64')}`

export function authorizeUrl (c: Client, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams()
  const all: Record<string, string | undefined> = { response_type: 'code', client_id: c.client_id, redirect_uri: REDIRECT, scope: ALL_SCOPES, state: randomBytes(8).toString('hex'), ...params }
  for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, v)
  return `/oauth/auth?${q.toString()}`
}

/** Starts an authorization in a browser: answers the interaction uid (after the redirect to our sign-in page). */
export async function startAuthorization (t: TestContext, jar: CookieJar, url: string): Promise<{ uid: string; res: LightMyRequestResponse }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } })
  jar.take(res)
  const loc = String(res.headers.location ?? '')
  const m = /\/oauth\/interaction\/([A-Za-z0-9_-]+)$/.exec(loc)
  if (res.statusCode !== 303 || !m) throw new Error(`authorize: ${res.statusCode} ${loc} ${res.body.slice(0, 300)}`)
  return { uid: m[1]!, res }
}

/** The whole browser part: authorize, sign in with the learner token, consent; answers the redirect back to the client. */
export async function authorize (t: TestContext, c: Client, learnerToken: string, opts: { scope?: string; challenge?: string; method?: string; state?: string } = {}): Promise<URL> {
  const jar = new CookieJar()
  const { challenge } = opts.challenge ? { challenge: opts.challenge } : pkce()
  const { uid } = await startAuthorization(t, jar, authorizeUrl(c, { scope: opts.scope ?? ALL_SCOPES, code_challenge: challenge, code_challenge_method: opts.method ?? 'S256', state: opts.state ?? 'st-1' }))
  const login = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/login`, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: `learner_token=${encodeURIComponent(learnerToken)}` })
  if (login.statusCode !== 303) throw new Error(`login: ${login.statusCode} ${login.body.slice(0, 300)}`)
  const consent = await t.app.inject({ method: 'POST', url: `/oauth/interaction/${uid}/confirm`, headers: { cookie: jar.header() } })
  jar.take(consent)
  if (consent.statusCode !== 303) throw new Error(`confirm: ${consent.statusCode} ${consent.body.slice(0, 300)}`)
  const resume = await t.app.inject({ method: 'GET', url: local(String(consent.headers.location)), headers: { cookie: jar.header() } })
  jar.take(resume)
  if (resume.statusCode !== 303 || !/^https:/.test(String(resume.headers.location))) throw new Error(`resume: ${resume.statusCode} ${String(resume.headers.location)} ${resume.body.slice(0, 300)}`)
  return new URL(String(resume.headers.location))
}

export async function token (t: TestContext, c: Client | undefined, form: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST', url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(c ? { authorization: basic(c) } : {}), ...headers },
    payload: new URLSearchParams(form).toString(),
  })
}

/** A learner of the city and a learner token for them (as the city's app would mint it). */
export async function learnerWithToken (t: TestContext, city: { slug: string; cityAdminKey: string }, body: Record<string, unknown> = { ageBand: '19-24' }): Promise<{ id: string; token: string; pseudonym?: string }> {
  const learner = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: t.auth(city.cityAdminKey), payload: body }), 201)
  const minted = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners/${learner.id}/tokens`, headers: t.auth(city.cityAdminKey), payload: {} }), 201)
  return { id: learner.id, token: minted.token }
}

/** Everything up to the tokens: register, authorize with PKCE, exchange the code. */
export async function connect (t: TestContext, learnerToken: string, opts: { scope?: string } = {}): Promise<{ client: Client; tokens: { access_token: string; refresh_token: string; scope: string; expires_in: number; token_type: string } }> {
  const client = await register(t)
  const { verifier, challenge } = pkce()
  const back = await authorize(t, client, learnerToken, { challenge, ...(opts.scope ? { scope: opts.scope } : {}) })
  const code = back.searchParams.get('code')
  if (!code) throw new Error(`no code: ${back.href}`)
  const res = await token(t, client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier })
  return { client, tokens: expectOk(res) }
}
