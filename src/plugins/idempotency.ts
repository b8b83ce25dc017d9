import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import type { Db } from '../db/types.js'
import { sendProblem } from './problem.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on POST routes that create nothing (verification, searches). */
    idempotent?: boolean
  }
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | undefined
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/
/** A pending record older than this belongs to a request that died: it may be taken over. */
const ABANDONED_AFTER_SECONDS = 300

function requestHash (req: FastifyRequest): string {
  const h = createHash('sha256').update(req.method).update('\0').update(req.url).update('\0')
  const body = req.body
  if (Buffer.isBuffer(body)) h.update(body)
  else if (body !== undefined) h.update(JSON.stringify(body))
  return h.digest('hex')
}

/**
 * `Idempotency-Key` on creating POSTs: the same key and body replays the first response; the same key with
 * another body is a 422; a second request while the first is still running is a 409.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const { db } = opts
  app.decorateRequest('idempotency', undefined)

  // Only creating POST routes carry these hooks: every other request skips them entirely.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.includes('POST') || route.config?.idempotent === false) return
    const list = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h])
    route.preHandler = [...list(route.preHandler), preHandler] as typeof route.preHandler
    route.onSend = [...list(route.onSend), onSend] as typeof route.onSend
  })

  async function preHandler (req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const raw = req.headers['idempotency-key']
    if (raw === undefined) return
    const key = Array.isArray(raw) ? raw[0] ?? '' : raw
    if (!KEY.test(key)) {
      return sendProblem(req, reply, 400, { detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters', code: 'BAD_IDEMPOTENCY_KEY' })
    }
    const principal = req.principal?.keyId ?? `ip:${req.ip}`
    const hash = requestHash(req)
    const inserted = await db.insertInto('idempotency_keys')
      .values({ principal, key, method: req.method, path: req.url, request_hash: hash })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key').executeTakeFirst()
    if (inserted) {
      req.idempotency = { principal, key }
      return
    }
    const row = await db.selectFrom('idempotency_keys').selectAll()
      .where('principal', '=', principal).where('key', '=', key).executeTakeFirst()
    if (!row) return sendProblem(req, reply, 409, { detail: 'the request with this Idempotency-Key is changing; retry', code: 'IDEMPOTENCY_IN_FLIGHT' })
    if (row.request_hash !== hash) {
      return sendProblem(req, reply, 422, { detail: 'this Idempotency-Key was used with a different request', code: 'IDEMPOTENCY_KEY_REUSED' })
    }
    if (row.state === 'done' && row.response_status !== null) {
      reply.header('idempotent-replayed', 'true')
      return reply.code(row.response_status).type(row.response_type ?? 'application/json').send(row.response_body ?? '')
    }
    // Still pending: either in flight (409) or abandoned by a crashed request (take it over).
    const taken = await db.updateTable('idempotency_keys').set({ created_at: sql`now()` })
      .where('principal', '=', principal).where('key', '=', key).where('state', '=', 'pending')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`)
      .returning('key').executeTakeFirst()
    if (taken) {
      req.idempotency = { principal, key }
      return
    }
    reply.header('retry-after', '1')
    return sendProblem(req, reply, 409, { detail: 'a request with this Idempotency-Key is still being processed', code: 'IDEMPOTENCY_IN_FLIGHT' })
  }

  async function onSend (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const idem = req.idempotency
    if (!idem) return payload
    req.idempotency = undefined
    const where = db.updateTable('idempotency_keys').where('principal', '=', idem.principal).where('key', '=', idem.key)
    if (reply.statusCode >= 500) {
      // Nothing was created: let the client retry with the same key.
      await db.deleteFrom('idempotency_keys').where('principal', '=', idem.principal).where('key', '=', idem.key).execute()
      return payload
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload === null || payload === undefined ? '' : undefined
    if (body === undefined) return payload // streams are not replayable; leave the record pending
    const type = reply.getHeader('content-type')
    await where.set({ state: 'done', response_status: reply.statusCode, response_type: typeof type === 'string' ? type : null, response_body: body }).execute()
    return payload
  }
})
