import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../domain/shared/errors.js'

/** RFC 9457 problem details: the one place that knows HTTP statuses for domain errors. */
const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
  BAD_REQUEST: 400,
  GONE: 410,
}

/** The HTTP status of a domain error code (for per-item results of batch endpoints). */
export const statusForCode = (code: string): number => STATUS_BY_CODE[code] ?? 400

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
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

const PROBLEM_BASE = 'https://citybadges.org/problems/'

export function sendProblem (req: FastifyRequest, reply: FastifyReply, status: number, body: Partial<Problem> = {}): FastifyReply {
  const title = TITLES[status] ?? 'Error'
  const problem: Problem = {
    type: PROBLEM_BASE + (body.code ?? title).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title,
    status,
    ...body,
    instance: req.url.split('?')[0],
    requestId: req.id,
  }
  return reply.code(status).type('application/problem+json').send(problem)
}

/** Fastify's own errors that are the client's fault, with the status they deserve. */
function clientStatus (err: FastifyError): number | undefined {
  if (err.validation) return 400
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return 413
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return 415
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 400
  }
  if (err instanceof SyntaxError) return 400 // malformed JSON, __proto__ / constructor poisoning
  const s = err.statusCode
  return typeof s === 'number' && s >= 400 && s < 500 ? s : undefined
}

/** Database and network failures mean "try again", not "bug". */
function isUnavailable (err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  if (typeof e?.code === 'string' && (/^(08|57P0|53)/.test(e.code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code))) return true
  return typeof e?.message === 'string' && /timeout exceeded when trying to connect|Connection terminated|database did not answer/i.test(e.message)
}

export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    if (err instanceof DomainError) {
      const status = STATUS_BY_CODE[err.code] ?? 400
      if (status === 503) reply.header('retry-after', '5')
      return sendProblem(req, reply, status, { detail: err.message, code: err.code, ...(err.fields ? { errors: err.fields } : {}) })
    }
    const status = clientStatus(err as FastifyError)
    if (status !== undefined) {
      const errors = err.validation?.map((v) => ({
        field: (v.instancePath || '') + (v.params && 'additionalProperty' in v.params ? `/${String(v.params.additionalProperty)}` : '') +
          (v.params && 'missingProperty' in v.params ? `/${String(v.params.missingProperty)}` : ''),
        message: v.message ?? 'invalid',
      })).map((e) => ({ ...e, field: e.field || '/' }))
      const detail = err.validation ? `request ${err.validationContext ?? 'input'} is invalid` : err.message
      return sendProblem(req, reply, status, { detail, code: err.code ?? 'BAD_REQUEST', ...(errors ? { errors } : {}) })
    }
    if (isUnavailable(err)) {
      req.log.warn({ err }, 'dependency unavailable')
      reply.header('retry-after', '5')
      return sendProblem(req, reply, 503, { detail: 'a dependency is unavailable; retry shortly', code: 'UNAVAILABLE' })
    }
    req.log.error({ err }, 'unhandled error')
    return sendProblem(req, reply, 500, { detail: 'an unexpected error occurred', code: 'INTERNAL' })
  })
})
