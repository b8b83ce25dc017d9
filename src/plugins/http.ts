import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import { sendProblem } from './problem.js'

/**
 * HTTP conventions every route shares: strong ETags with `If-None-Match` on GETs, 405 with `Allow` for a known
 * path asked with another method, 404 problems for unknown routes, and 406 when a JSON route cannot answer in
 * any type the client accepts.
 */
export const httpConventions = fp(async (app: FastifyInstance) => {
  const shadow = FindMyWay()
  const noop = (): void => {}
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const m of methods) {
      try {
        shadow.on(m as HTTPMethod, route.url, noop)
      } catch { /* duplicate registrations (HEAD) are fine */ }
    }
  })

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    const allowed = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => shadow.find(m as HTTPMethod, path) !== null)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendProblem(req, reply, 405, { detail: `${req.method} is not allowed here; use ${allowed.join(', ')}`, code: 'METHOD_NOT_ALLOWED' })
    }
    return sendProblem(req, reply, 404, { detail: `no route ${req.method} ${path}`, code: 'NO_ROUTE' })
  })

  app.addHook('onSend', (req, reply, payload, done) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return done(null, payload)
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload)
    let etag = reply.getHeader('etag') as string | undefined
    if (!etag) {
      etag = `"${createHash('sha1').update(payload).digest('base64url')}"`
      reply.header('etag', etag)
    }
    const inm = req.headers['if-none-match']
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
      reply.code(304)
      reply.removeHeader('content-length')
      return done(null, '')
    }
    done(null, payload)
  })
})

/** True when an Accept header admits a JSON answer (problem details included). */
export function acceptsJson (accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true
  return accept.split(',').some((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';')
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p))) return false
    return range === '*/*' || range === 'application/*' || range === 'application/json' ||
      range === 'application/problem+json' || range === 'application/ld+json' || (range?.endsWith('+json') ?? false)
  })
}

export function etagOf (body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

/** onRequest hook for JSON-only routes. */
export async function requireJsonAccept (req: FastifyRequest, reply: FastifyReply): Promise<void> {
  // A route may also offer CSV (config.produces): then Accept: text/csv is fine too.
  const produces = (req.routeOptions.config as { produces?: string[] } | undefined)?.produces
  if (produces?.includes('text/csv') && /\btext\/csv\b/.test(req.headers.accept ?? '')) return
  if (!acceptsJson(req.headers.accept)) {
    await sendProblem(req, reply, 406, { detail: 'this resource is available as application/json only', code: 'NOT_ACCEPTABLE' })
  }
}
