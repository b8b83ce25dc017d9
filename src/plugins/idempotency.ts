import { Readable } from 'node:stream'
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'
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
    idempotency: Lease | undefined
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/
/** A live request renews its lease this often (a fraction of the lease). */
const RENEWALS_PER_LEASE = 5
/** A failed settle is retried in the background, for at most this long, while the lease is still renewed. */
const SETTLE_RETRY_MS = 60_000
/** No request runs longer than this (server timeouts are 30 s + handlers): renewal stops after it anyway. */
const MAX_HOLD_MS = 10 * 60_000

/**
 * Secrets an answer may carry that the replay table must not hold in plain text (a claim link's token, issue #8):
 * each match of `pattern` (global) is stored sealed — AES-256-GCM under `key`, the Idempotency-Key and its caller as
 * associated data — and opened again when the answer is replayed. The rest of the answer stays readable (erasure
 * looks for a learner's id in it).
 */
export interface ReplaySecrets { pattern: RegExp; key: Buffer }

const SEALED = /sealed:v1\.([A-Za-z0-9_-]+)/g

function sealer (s: ReplaySecrets) {
  const pattern = new RegExp(s.pattern.source, s.pattern.flags.includes('g') ? s.pattern.flags : `${s.pattern.flags}g`)
  return {
    close (body: string, aad: string): string {
      return body.replace(pattern, (secret) => {
        const iv = randomBytes(12)
        const cipher = createCipheriv('aes-256-gcm', s.key, iv)
        cipher.setAAD(Buffer.from(aad, 'utf8'))
        const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
        return `sealed:v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
      })
    },
    open (body: string, aad: string): string {
      return body.replace(SEALED, (whole, b64: string) => {
        try {
          const raw = Buffer.from(b64, 'base64url')
          const decipher = createDecipheriv('aes-256-gcm', s.key, raw.subarray(0, 12))
          decipher.setAAD(Buffer.from(aad, 'utf8'))
          decipher.setAuthTag(raw.subarray(12, 28))
          return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
        } catch {
          return whole
        }
      })
    },
  }
}

interface Lease { principal: string; key: string; owner: string; timer: NodeJS.Timeout; startedAt: number }

function requestHash (req: FastifyRequest): string {
  const h = createHash('sha256').update(req.method).update('\0').update(req.url).update('\0')
  const body = req.body
  if (Buffer.isBuffer(body)) h.update(body)
  else if (typeof body === 'string') h.update(body)
  else if (body instanceof Readable) {
    // A body still streaming cannot be fingerprinted here: routes that stream read it first when a key is sent
    // (jobs.routes.ts). Never throw on one: fall back to what the headers say of it.
    h.update(`stream:${String(req.headers['content-type'])}:${String(req.headers['content-length'])}`)
  } else if (body !== undefined) h.update(JSON.stringify(body))
  return h.digest('hex')
}

/**
 * `Idempotency-Key` on creating POSTs: the same key and body replays the first response; the same key with
 * another body is a 422; a second request while the first is still running is a 409.
 *
 * "Still running" means a live request holds the key's lease: the request that wrote the pending record renews
 * `lease_until` every lease/3 while it runs (and while it retries a failed settle). A record whose lease has run
 * out belongs to a request that died (kill -9, a lost database connection): the next retry takes it over and runs
 * again within `leaseSeconds`. Awards are safe to run again: the award row carries its key, so a re-run after a
 * crash between commit and settle replays the committed award.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { db: Db; leaseSeconds?: number; secrets?: ReplaySecrets }) => {
  const { db } = opts
  const seal = opts.secrets ? sealer(opts.secrets) : undefined
  const leaseSeconds = opts.leaseSeconds ?? 5
  const leaseInterval = sql<Date>`now() + make_interval(secs => ${leaseSeconds})`
  app.decorateRequest('idempotency', undefined)

  // Only creating POST routes carry these hooks: every other request skips them entirely.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.includes('POST') || route.config?.idempotent === false) return
    const list = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h])
    route.preHandler = [...list(route.preHandler), preHandler] as typeof route.preHandler
    route.onSend = [...list(route.onSend), onSend] as typeof route.onSend
    route.onResponse = [...list(route.onResponse), onResponse] as typeof route.onResponse
    route.onRequestAbort = [...list(route.onRequestAbort), onResponse] as typeof route.onRequestAbort
  })

  const mine = (lease: Lease) => ({ principal: lease.principal, key: lease.key, owner: lease.owner })

  /** Holds the lease: renewed until released (settled, deleted, or given up). */
  function hold (req: FastifyRequest, principal: string, key: string, owner: string): void {
    const lease: Lease = { principal, key, owner, startedAt: Date.now(), timer: undefined as unknown as NodeJS.Timeout }
    lease.timer = setInterval(() => {
      if (Date.now() - lease.startedAt > MAX_HOLD_MS) return release(lease)
      const m = mine(lease)
      db.updateTable('idempotency_keys').set({ lease_until: leaseInterval })
        .where('principal', '=', m.principal).where('key', '=', m.key).where('owner', '=', m.owner).where('state', '=', 'pending')
        .execute().catch((err: unknown) => req.log.warn({ err }, 'idempotency lease renewal failed'))
    }, Math.max(200, Math.floor(leaseSeconds * 1000 / RENEWALS_PER_LEASE)))
    lease.timer.unref()
    req.idempotency = lease
  }
  const release = (lease: Lease): void => clearInterval(lease.timer)

  async function preHandler (req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const raw = req.headers['idempotency-key']
    if (raw === undefined) return
    const key = Array.isArray(raw) ? raw[0] ?? '' : raw
    if (!KEY.test(key)) {
      return sendProblem(req, reply, 400, { detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters', code: 'BAD_IDEMPOTENCY_KEY' })
    }
    const principal = req.principal?.keyId ?? `ip:${req.ip}`
    const hash = requestHash(req)
    const owner = randomUUID()
    const inserted = await db.insertInto('idempotency_keys')
      .values({ principal, key, method: req.method, path: req.url, request_hash: hash, owner, lease_until: leaseInterval })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key').executeTakeFirst()
    if (inserted) return hold(req, principal, key, owner)
    const row = await db.selectFrom('idempotency_keys').selectAll()
      .where('principal', '=', principal).where('key', '=', key).executeTakeFirst()
    if (!row) {
      reply.header('retry-after', '1')
      return sendProblem(req, reply, 409, { detail: 'the request with this Idempotency-Key is changing; retry', code: 'IDEMPOTENCY_IN_FLIGHT' })
    }
    if (row.request_hash !== hash) {
      return sendProblem(req, reply, 422, { detail: 'this Idempotency-Key was used with a different request', code: 'IDEMPOTENCY_KEY_REUSED' })
    }
    if (row.state === 'done' && row.response_status !== null) {
      reply.header('idempotent-replayed', 'true')
      const body = row.response_body ?? ''
      return reply.code(row.response_status).type(row.response_type ?? 'application/json').send(seal ? seal.open(body, `${principal}\0${key}`) : body)
    }
    // Pending: held by a live request (409), or its lease ran out because that request died (take it over).
    // Records written before leases existed have none: their age stands in for it.
    const taken = await db.updateTable('idempotency_keys').set({ owner, lease_until: leaseInterval })
      .where('principal', '=', principal).where('key', '=', key).where('state', '=', 'pending')
      .where((eb) => eb.or([
        eb('lease_until', '<', sql<Date>`now()`),
        eb.and([eb('lease_until', 'is', null), eb('created_at', '<', sql<Date>`now() - make_interval(secs => ${leaseSeconds})`)]),
      ]))
      .returning('key').executeTakeFirst()
    if (taken) return hold(req, principal, key, owner)
    reply.header('retry-after', '1')
    return sendProblem(req, reply, 409, { detail: 'a request with this Idempotency-Key is still being processed', code: 'IDEMPOTENCY_IN_FLIGHT' })
  }

  /** Records the outcome. Never throws: a failed settle is retried in the background while the lease is held. */
  async function onSend (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const lease = req.idempotency
    if (!lease) return payload
    req.idempotency = undefined
    const m = mine(lease)
    let settle: () => Promise<unknown>
    if (reply.statusCode >= 500) {
      // Nothing was created: let the client retry with the same key.
      settle = () => db.deleteFrom('idempotency_keys').where('principal', '=', m.principal).where('key', '=', m.key).where('owner', '=', m.owner).execute()
    } else {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload === null || payload === undefined ? '' : undefined
      if (body === undefined) { // streams are not replayable: free the key
        settle = () => db.deleteFrom('idempotency_keys').where('principal', '=', m.principal).where('key', '=', m.key).where('owner', '=', m.owner).execute()
      } else {
        const type = reply.getHeader('content-type')
        const status = reply.statusCode
        const stored = seal ? seal.close(body, `${m.principal}\0${m.key}`) : body
        settle = () => db.updateTable('idempotency_keys')
          .set({ state: 'done', response_status: status, response_type: typeof type === 'string' ? type : null, response_body: stored, lease_until: null })
          .where('principal', '=', m.principal).where('key', '=', m.key).where('owner', '=', m.owner).execute()
      }
    }
    try {
      await settle()
      release(lease)
    } catch (err) {
      req.log.warn({ err }, 'idempotency settle failed; retrying in the background while the key stays leased')
      void settleLater(req, lease, settle)
    }
    return payload
  }

  async function settleLater (req: FastifyRequest, lease: Lease, settle: () => Promise<unknown>): Promise<void> {
    const until = Date.now() + SETTLE_RETRY_MS
    for (let wait = 250; Date.now() < until; wait = Math.min(wait * 2, 5_000)) {
      await new Promise((resolve) => setTimeout(resolve, wait).unref())
      try {
        await settle()
        return release(lease)
      } catch { /* still failing */ }
    }
    req.log.error({ key: lease.key }, 'idempotency settle gave up; the key is free again when its lease runs out')
    release(lease)
  }

  /** A request that ended without sending (aborted by the client) stops renewing; its lease then runs out. */
  async function onResponse (req: FastifyRequest): Promise<void> {
    const lease = req.idempotency
    if (!lease) return
    req.idempotency = undefined
    release(lease)
  }
})
