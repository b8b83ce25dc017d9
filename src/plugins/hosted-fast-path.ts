import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { FastifyServerOptions } from 'fastify'
import { byteLength, type CachedDocument, type HostedCache } from '../domain/credentials/hosted-cache.js'

/**
 * The hottest public answer — a hosted OB 2.0 assertion already in the in-memory cache — written by the HTTP server
 * itself, before Fastify routes the request: verifiers and backpacks refresh these far more often than anything else
 * is asked. Anything else (a query string, a browser asking for the page, a HEAD, an id not cached, the server closing)
 * goes to Fastify untouched, where `GET /ob/v2/assertions/:id` answers the same bytes with the same headers (the
 * route's own fast writer, sendHostedJson). The answer carries what Fastify's hooks would add: security and CORS
 * headers, the request id, and the request metrics.
 */

const PREFIX = '/ob/v2/assertions/'
const TYPES = { ld: 'application/ld+json; charset=utf-8', json: 'application/json; charset=utf-8' } as const

export interface FastPathDeps {
  cache: HostedCache
  /** The JSON form the Accept header asks for, or null when it is a page, nothing acceptable, or anything else. */
  negotiate: (accept: string | undefined) => 'ld' | 'json' | null
  requestId: (req: IncomingMessage) => string
  /** Records one answer of GET /ob/v2/assertions/:id in the request metrics. */
  recordResponse: (status: number, seconds: number) => void
  /** False once the server is closing (Fastify then answers 503). */
  open: () => boolean
  /** The security headers of JSON answers (jsonAnswerHeaders of PUBLIC_URL). */
  security: readonly string[]
}

/**
 * The header list of such answers, per security header list (jsonAnswerHeaders: one per scheme), content type and
 * status kind, built once and refilled in place for each answer: the fixed headers, then the request id and ETag (and
 * Content-Length) slots. Safe to reuse: writeHead reads the list synchronously into the header block and keeps no
 * reference.
 */
const LISTS = new Map<readonly string[], Map<string, { full: string[]; notModified: string[] }>>()
const listsOf = (security: readonly string[], type: string): { full: string[]; notModified: string[] } => {
  let byType = LISTS.get(security)
  if (byType === undefined) LISTS.set(security, byType = new Map())
  let l = byType.get(type)
  if (l === undefined) {
    const fixed = [...security, 'content-type', type, 'cache-control', 'no-cache', 'vary', 'Accept', 'x-request-id', '', 'etag', '']
    byType.set(type, l = { full: [...fixed, 'content-length', ''], notModified: fixed })
  }
  return l
}

/**
 * Writes a cached public document with the headers Fastify's hooks would add (`security`: jsonAnswerHeaders of the
 * service's PUBLIC_URL; CORS; the request id), answering If-None-Match itself; returns the status sent. The fast path
 * and the route (sendHostedJson) both answer with it.
 */
export function writeHostedDocument (req: IncomingMessage, res: ServerResponse, doc: CachedDocument, type: string, requestId: string, security: readonly string[]): number {
  const inm = req.headers['if-none-match']
  const fresh = doc.status === 200 && inm !== undefined && inm.split(',').some((t) => { const v = t.trim(); return v === '*' || v.replace(/^W\//, '') === doc.etag })
  const lists = listsOf(security, type)
  if (fresh) {
    const h = lists.notModified
    h[h.length - 3] = requestId
    h[h.length - 1] = doc.etag
    res.writeHead(304, h)
    res.end()
    return 304
  }
  const h = lists.full
  h[h.length - 5] = requestId
  h[h.length - 3] = doc.etag
  h[h.length - 1] = String(doc.bytes ?? byteLength(doc.body))
  res.writeHead(doc.status, h)
  res.end(doc.body)
  return doc.status
}

export interface FastPath {
  /** Answers the request when it can; false leaves it to Fastify. */
  (req: IncomingMessage, res: ServerResponse): boolean
  /** How many requests it answered (tests tell which path answered). */
  readonly answered: number
}

export function hostedFastPath (deps: FastPathDeps): FastPath {
  let answered = 0
  const answer = function answer (req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url
    if (req.method !== 'GET' || url === undefined || !url.startsWith(PREFIX) || url.length !== PREFIX.length + 36 || !deps.open()) return false
    // Only a real award id is ever cached (ob2-public.ts stores what it found by id), so the lookup is the check.
    const doc = deps.cache.get(`hosted:${url.slice(PREFIX.length)}`)
    if (!doc) return false
    const choice = deps.negotiate(req.headers.accept)
    if (choice === null) return false
    const started = performance.now()
    const status = writeHostedDocument(req, res, doc, TYPES[choice], deps.requestId(req), deps.security)
    deps.recordResponse(status, (performance.now() - started) / 1000)
    answered++
    return true
  }
  return Object.defineProperty(answer, 'answered', { get: () => answered }) as FastPath
}

/**
 * Fastify's `serverFactory`: the HTTP/1.1 server Fastify would make (same timeouts), with `fast` tried first. `fast`
 * is read on each request, so the app can set it once its services exist.
 */
export function serverWithFastPath (fast: () => ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void, opts: FastifyServerOptions): http.Server => {
    const server = http.createServer((req, res) => {
      const f = fast()
      if (f === undefined || !f(req, res)) handler(req, res)
    })
    if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout
    if (opts.requestTimeout !== undefined) server.requestTimeout = opts.requestTimeout
    if (opts.connectionTimeout !== undefined) server.setTimeout(opts.connectionTimeout)
    return server
  }
}
