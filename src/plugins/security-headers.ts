import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The headers of every answer — security headers, open CORS, the request id — as one constant table set in one
 * synchronous hook: per-request header computation (a generic helmet and CORS setup, async hooks) cost a measurable
 * share of a cached GET. Routes that serve HTML set their own `content-security-policy` first; it is kept.
 */
const HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['x-content-type-options', 'nosniff'],
  // Open CORS without credentials: public documents are for any verifier, and API keys are bearer tokens.
  ['access-control-allow-origin', '*'],
  ['access-control-expose-headers', 'etag, link, retry-after, x-request-id, idempotent-replayed, location, ratelimit-limit, ratelimit-remaining, ratelimit-reset, x-total-count'],
]
/**
 * Only when the service is reached over HTTPS (PUBLIC_URL): a host must not send it over plain HTTP (RFC 6797 §7.2),
 * where a browser ignores it anyway.
 */
export const HSTS: readonly [string, string] = ['strict-transport-security', 'max-age=31536000; includeSubDomains']
/**
 * Only what is not JSON — what a browser renders (HTML, SVG, ...) or embeds (images) — needs a content security
 * policy, a referrer policy and a cross-origin resource policy: JSON under `nosniff` is never rendered, and it is
 * read cross-origin through CORS, which a resource policy does not govern (Fetch: CORP applies to no-cors requests
 * only). Leaving them off keeps the hot JSON answers small. `frame-ancestors` replaces X-Frame-Options.
 */
const RENDERED: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-resource-policy', 'cross-origin'],
]

export const isHttps = (publicUrl: string): boolean => publicUrl.startsWith('https:')

const jsonHeaders = (https: boolean): readonly string[] => [...HEADERS, ...(https ? [HSTS] : [])].flatMap(([name, value]) =>
  name === 'access-control-expose-headers' ? [name, 'etag, x-request-id'] : [name, value])
const JSON_HEADERS = { http: jsonHeaders(false), https: jsonHeaders(true) }

/**
 * The same headers as a flat [name, value, …] list, for the hosted documents written directly (hosted-fast-path.ts),
 * one constant list per scheme of PUBLIC_URL. Their CORS exposes only the two headers such an answer has beyond the
 * CORS-safelisted ones (ETag, X-Request-Id): the full list above names headers of API answers (rate limits,
 * Location, …) that a document never carries, and each answer's bytes are parsed by every client.
 */
export const jsonAnswerHeaders = (publicUrl: string): readonly string[] => isHttps(publicUrl) ? JSON_HEADERS.https : JSON_HEADERS.http

const PREFLIGHT = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
  'access-control-allow-headers': 'authorization, content-type, accept, idempotency-key, if-none-match, x-request-id',
  'access-control-max-age': '600',
}

export const securityHeaders = fp(async (app: FastifyInstance, opts: { publicUrl: string }) => {
  const every = isHttps(opts.publicUrl) ? [...HEADERS, HSTS] : HEADERS
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id)
    for (const [name, value] of every) {
      if (!reply.hasHeader(name)) reply.header(name, value)
    }
    const type = reply.getHeader('content-type')
    if (typeof type !== 'string' || !/json/.test(type)) {
      for (const [name, value] of RENDERED) {
        if (!reply.hasHeader(name)) reply.header(name, value)
      }
    }
    done(null, payload)
  })
  // CORS preflight for every path.
  app.options('/*', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => reply.code(204).headers(PREFLIGHT).send())
})
