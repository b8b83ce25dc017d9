import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../domain/shared/errors.js'
import { CODE_FOR_STATUS, PROBLEM_TYPES, codeForSlug, problemSlug } from './problem-types.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** `${PUBLIC_URL}/problems/`: the base of every problem `type` URI. */
    problemBase: string
  }
}

/** RFC 9457 problem details: the one place that knows HTTP statuses for domain errors. */
const STATUS_BY_CODE: Record<string, number> = Object.fromEntries(Object.entries(PROBLEM_TYPES).map(([c, t]) => [c, t.status]))

/** The HTTP status of a domain error code (for per-item results of batch endpoints). */
export const statusForCode = (code: string): number => STATUS_BY_CODE[code] ?? 400

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 413: 'Content Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable',
}

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  code?: string
  requestId?: string
  errors?: Array<{ field: string; message: string }>
  [extra: string]: unknown
}

const DEFAULT_BASE = 'https://citybadges.org/problems/'
const OUR_CODE = /^[A-Z][A-Z0-9_]{1,63}$/

/** Our code for a problem: the given one when it is ours, else the generic one of the status (never `FST_…`). */
export function problemCode (status: number, code: string | undefined): string {
  if (code !== undefined && OUR_CODE.test(code) && !code.startsWith('FST_')) return code
  return CODE_FOR_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST')
}

/** The problem `type` URI of a code, under the service's PUBLIC_URL. */
export function problemType (base: string, code: string): string {
  return base + problemSlug(code)
}

export function problemBody (base: string, status: number, body: Partial<Problem>, instance: string | undefined, requestId: string): Problem {
  const code = problemCode(status, body.code)
  return {
    type: problemType(base, code),
    title: TITLES[status] ?? 'Error',
    status,
    ...body,
    code,
    instance,
    requestId,
  }
}

export function sendProblem (req: FastifyRequest, reply: FastifyReply, status: number, body: Partial<Problem> = {}): FastifyReply {
  const base = (req.server as FastifyInstance | undefined)?.problemBase ?? DEFAULT_BASE
  // Sent as text: a problem from a shared hook must never go through the route's own response schema (the OB 3.0 API's
  // Imsx_StatusInfo schema made such a refusal a 500).
  return reply.code(status).type('application/problem+json').send(JSON.stringify(problemBody(base, status, body, req.url.split('?')[0], req.id)))
}

interface Classified { status: number; code: string; detail: string; errors?: Array<{ field: string; message: string }> }

/** Fastify's own (and its plugins') errors that are the client's fault, in our vocabulary. */
function classifyClientError (err: FastifyError): Classified | undefined {
  if (err.validation) {
    const errors = err.validation.map((v) => ({
      field: (v.instancePath || '') + (v.params && 'additionalProperty' in v.params ? `/${String(v.params.additionalProperty)}` : '') +
        (v.params && 'missingProperty' in v.params ? `/${String(v.params.missingProperty)}` : ''),
      message: v.message ?? 'invalid',
    })).map((e) => ({ ...e, field: e.field || '/' }))
    return { status: 400, code: 'INVALID_REQUEST', detail: `request ${err.validationContext ?? 'input'} is invalid`, errors }
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { status: 413, code: 'TOO_LARGE', detail: 'the request body is larger than this operation accepts' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'this operation does not accept a body of this content type; see its documented content types' }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return { status: 400, code: 'MALFORMED_BODY', detail: 'the Content-Length does not match the body' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return { status: 400, code: 'MALFORMED_BODY', detail: 'the JSON body is empty' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return { status: 400, code: 'MALFORMED_BODY', detail: 'the body is not valid JSON' }
    case 'FST_ERR_BAD_URL': return { status: 400, code: 'BAD_URL', detail: 'the URL is not validly percent-encoded' }
    case 'FST_ERR_MAX_PARAM_LENGTH': return { status: 414, code: 'URI_TOO_LONG', detail: 'a path parameter is longer than 200 characters' }
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_PROTO_VIOLATION':
      return { status: 400, code: 'MALFORMED_MULTIPART', detail: 'a multipart part is malformed' }
  }
  if (err instanceof SyntaxError) return { status: 400, code: 'MALFORMED_BODY', detail: 'the body is not valid JSON (or carries __proto__ / constructor keys)' }
  const s = err.statusCode
  if (typeof s === 'number' && s >= 400 && s < 500) {
    return { status: s, code: problemCode(s, err.code), detail: s === 413 && String(err.code).startsWith('FST_') ? 'the request body or a part of it is larger than this operation accepts' : err.message }
  }
  // PostgreSQL data exceptions (class 22: a value out of range, invalid text such as NUL): the input's fault, and
  // its message is never shown.
  const pgErr = err as unknown as { code?: unknown; severity?: unknown }
  if (typeof pgErr.code === 'string' && /^22[0-9A-Z]{3}$/.test(pgErr.code) && typeof pgErr.severity === 'string') {
    return { status: 400, code: 'INVALID_REQUEST', detail: 'a parameter is out of range or not valid text' }
  }
  return undefined
}

/** Database and network failures mean "try again", not "bug". */
function isUnavailable (err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  if (typeof e?.code === 'string' && (/^(08|57P0|53)/.test(e.code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code))) return true
  return typeof e?.message === 'string' && /timeout exceeded when trying to connect|Connection terminated|database did not answer|the database system is|terminating connection|Client has encountered a connection error|Connection closed/i.test(e.message)
}

/** Every error, ours or anyone's, as a problem of our vocabulary (no database message ever reaches the body). */
function handleError (err: FastifyError | DomainError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof DomainError) {
    const status = STATUS_BY_CODE[err.code] ?? 400
    if (status === 503) reply.header('retry-after', '5')
    return sendProblem(req, reply, status, { detail: err.message, code: err.code, ...(err.fields ? { errors: err.fields } : {}) })
  }
  const client = classifyClientError(err as FastifyError)
  if (client !== undefined) {
    return sendProblem(req, reply, client.status, { detail: client.detail, code: client.code, ...(client.errors ? { errors: client.errors } : {}) })
  }
  if (isUnavailable(err)) {
    req.log.warn({ err }, 'dependency unavailable')
    reply.header('retry-after', '5')
    return sendProblem(req, reply, 503, { detail: 'a dependency is unavailable; retry shortly', code: 'UNAVAILABLE' })
  }
  req.log.error({ err }, 'unhandled error')
  return sendProblem(req, reply, 500, { detail: 'an unexpected error occurred', code: 'INTERNAL' })
}

/** Fastify's `frameworkErrors` option: bad percent-encoding (400) and over-long parameters (414) as problems. */
export function frameworkErrors (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  handleError(err, req, reply)
}

/**
 * Fastify's `clientErrorHandler` option: errors Node's HTTP parser meets before there is a request (headers too
 * large, a request timeout, a broken request line) are answered as problems on the socket itself.
 */
export function clientErrorHandler (publicUrl: string): (err: NodeJS.ErrnoException, socket: Socket) => void {
  const base = `${publicUrl}/problems/`
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const [status, detail] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request was not received in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request headers are larger than the server accepts']
        : [400, 'the request is not valid HTTP']
    if (socket.writable) {
      const body = JSON.stringify(problemBody(base, status, { detail }, undefined, randomUUID()))
      socket.write(`HTTP/1.1 ${status} ${TITLES[status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`)
    }
    socket.destroy(err)
  }
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function problemPage (code: string, type: string): string {
  const t = PROBLEM_TYPES[code]!
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)} (${t.status}) — CityBadges problem</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><main><h1>${esc(t.title)}</h1><p>HTTP status <strong>${t.status}</strong>, problem code <code>${esc(code)}</code>.</p><p>${esc(t.explanation)}</p>
<p>Problem type URI: <code>${esc(type)}</code>. Every error of this API is an <code>application/problem+json</code> document (RFC 9457) whose <code>type</code> is a page like this one.</p>
<p><a href="${esc(type.slice(0, type.lastIndexOf('/')))}">All problem types</a></p></main></body></html>`
}

export const problemPlugin = fp(async (app: FastifyInstance, opts: { publicUrl?: string }) => {
  const base = `${opts.publicUrl ?? DEFAULT_BASE.replace(/\/problems\/$/, '')}/problems/`
  app.decorate('problemBase', base)
  app.setErrorHandler(handleError)
})

/** The pages every problem `type` URI points at (registered after the OpenAPI plugin, which documents them). */
export function problemRoutes (app: FastifyInstance): void {
  const base = app.problemBase
  const Entry = {
    type: 'object',
    properties: { type: { type: 'string' }, code: { type: 'string' }, status: { type: 'integer' }, title: { type: 'string' }, explanation: { type: 'string' } },
    required: ['type', 'code', 'status', 'title', 'explanation'],
  } as const
  const entry = (code: string) => ({ type: problemType(base, code), code, ...PROBLEM_TYPES[code]! })
  const wantsHtml = (accept: string | undefined): boolean => accept !== undefined && /text\/html/.test(accept) && !/^\s*application\/(problem\+)?json/.test(accept)

  // The pages every problem `type` URI points at: HTML for a browser, JSON otherwise.
  app.get('/problems', {
    schema: {
      operationId: 'listProblemTypes', tags: ['Operations'], summary: 'Every problem type this API answers with (the targets of problem `type` URIs)',
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: Entry } }, required: ['items'] } },
    },
    config: { rateLimit: false },
  }, async (req, reply) => {
    const items = Object.keys(PROBLEM_TYPES).map(entry)
    if (!wantsHtml(req.headers.accept)) return { items }
    const rows = items.map((i) => `<li><a href="${esc(i.type)}"><code>${esc(i.code)}</code></a> (${i.status}) — ${esc(i.title)}</li>`).join('')
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges problem types</title></head><body><main><h1>Problem types</h1><ul>${rows}</ul></main></body></html>`)
  })
  app.get('/problems/:slug', {
    schema: {
      operationId: 'getProblemType', tags: ['Operations'], summary: 'What a problem `type` URI means: a short page (text/html) or its JSON entry',
      params: { type: 'object', properties: { slug: { type: 'string', maxLength: 64 } }, required: ['slug'] },
      response: { 200: Entry, 404: { type: 'object', additionalProperties: true, description: 'RFC 9457 problem details' } },
    },
    config: { rateLimit: false },
  }, async (req, reply) => {
    const code = codeForSlug((req.params as { slug: string }).slug)
    if (code === undefined) return sendProblem(req, reply, 404, { detail: 'no such problem type; see /problems', code: 'NOT_FOUND' })
    reply.header('cache-control', 'public, max-age=86400')
    if (wantsHtml(req.headers.accept)) return reply.type('text/html; charset=utf-8').send(problemPage(code, problemType(base, code)))
    return entry(code)
  })
}
