// The CityBadges SDK: `paths` are generated from openapi/openapi.json (`npm run sdk:generate`; a test fails when they
// are stale), the client is openapi-fetch, and these helpers add what every integrator writes otherwise.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema.js'

export type { components, paths }
export type CityBadgesClient = Client<paths>

export interface ClientOptions {
  /** The service's base URL, e.g. https://badges.example.org */
  baseUrl: string
  /** An API key (`cbk_…`) or a learner token. */
  apiKey?: string
  /** Retries of a 429 or 503 answer (waiting `Retry-After`, at most `maxRetryWaitMs` each); default 3. */
  retries?: number
  maxRetryWaitMs?: number
  /** Adds an `Idempotency-Key` to every POST that has none (safe retries of creates); default true. */
  idempotencyKeys?: boolean
  fetch?: typeof globalThis.fetch
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs (value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : Math.max(0, t - now)
}

/** A typed client. Every call answers `{ data, error, response }` (openapi-fetch); errors are problem+json bodies. */
export function createCityBadgesClient (opts: ClientOptions): CityBadgesClient {
  const retries = opts.retries ?? 3
  const maxWait = opts.maxRetryWaitMs ?? 30_000
  const baseFetch = opts.fetch ?? globalThis.fetch
  // Retries resend the same Request (cloned before the first attempt, so a body can be sent again).
  const retryingFetch = async (input: Request): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const res = await baseFetch(input.clone())
      if ((res.status !== 429 && res.status !== 503) || attempt >= retries) return res
      const wait = Math.min(retryAfterMs(res.headers.get('retry-after')) ?? 1000 * 2 ** attempt, maxWait)
      await res.body?.cancel()
      await sleep(wait)
    }
  }
  const client = createFetchClient<paths>({ baseUrl: opts.baseUrl.replace(/\/$/, ''), fetch: retryingFetch })
  const auth: Middleware = {
    onRequest ({ request }) {
      if (opts.apiKey && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${opts.apiKey}`)
      if ((opts.idempotencyKeys ?? true) && request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', randomUUID())
      return request
    },
  }
  client.use(auth)
  return client
}

/**
 * Every item of a paginated list, page after page (`nextCursor`), e.g.
 * `for await (const a of paginate((cursor) => client.GET('/v1/cities/{city}/awards', { params: { path: { city }, query: { cursor } } })))`.
 */
export async function * paginate<T> (page: (cursor: string | undefined) => Promise<{ data?: { items: T[]; nextCursor: string | null } | undefined; error?: unknown; response: Response }>): AsyncGenerator<T> {
  let cursor: string | undefined
  for (;;) {
    const { data, error, response } = await page(cursor)
    if (!data) throw Object.assign(new Error(`page request failed with ${response.status}`), { problem: error })
    for (const item of data.items) yield item
    if (!data.nextCursor) return
    cursor = data.nextCursor
  }
}

/**
 * Checks a webhook delivery (Standard Webhooks 1.0) with its `whsec_…` secret: one `v1` signature over
 * `id.timestamp.body` must match, and the timestamp must be within `toleranceSeconds` of now (replays are refused).
 * Pass the body exactly as received.
 */
export function verifyWebhook (secret: string, headers: Record<string, string | string[] | undefined> | Headers, body: string, opts: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const get = (k: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(k) ?? undefined
    const v = headers[k]
    return Array.isArray(v) ? v[0] : v
  }
  if (!secret.startsWith('whsec_')) throw new Error('a webhook secret starts with whsec_')
  const id = get('webhook-id')
  const ts = Number(get('webhook-timestamp'))
  const sigs = get('webhook-signature')
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000)
  if (!id || !Number.isInteger(ts) || !sigs || Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) return false
  const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${id}.${ts}.${body}`, 'utf8').digest()
  return sigs.split(' ').some((s) => {
    const [v, mac] = s.split(',')
    if (v !== 'v1' || !mac) return false
    const got = Buffer.from(mac, 'base64')
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}
