import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { runOnce } from '../../db/outbox.js'
import * as repo from '../../db/integration/webhooks.repo.js'
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../../db/integration/webhooks.types.js'
import type { Db } from '../../db/types.js'
import type { Egress } from '../../infra/egress.js'
import { createPoller } from './poller.js'
import { nextRetryDelay, RETRY_SCHEDULE_MS, webhookHeaders } from './webhook-signature.js'
import { signingSecrets, WEBHOOK_EVENTS } from './webhooks.js'

/** An outbox event as the fan-out sees it (ids only). */
export interface WebhookSourceEvent { outboxId: number; type: string; cityId: string | null; payload: Record<string, unknown> }

/**
 * Queues one delivery per matching active subscription, once per (subscription, event) whatever the number of times
 * the event is delivered. An organisation's subscription takes the events of its own organisation only.
 */
export async function fanOutWebhookEvent (db: Db, event: WebhookSourceEvent, opts: { publicUrl: string; now: Date }): Promise<number> {
  if (!event.cityId || !(WEBHOOK_EVENTS as readonly string[]).includes(event.type)) return 0
  const cityId = event.cityId
  let queued = 0
  await runOnce(db, event.outboxId, 'webhook-fanout', async (trx) => {
    const subs = await repo.subscribersOf(trx, cityId, event.type)
    if (subs.length === 0) return
    const awardId = typeof event.payload.awardId === 'string' ? event.payload.awardId : undefined
    let organisationId = typeof event.payload.organisationId === 'string' ? event.payload.organisationId : undefined
    if (!organisationId && awardId && subs.some((s) => s.organisation_id)) organisationId = await repo.awardOrganisation(trx, awardId)
    const body = JSON.stringify({ type: event.type, timestamp: opts.now.toISOString(), data: thinData(event, opts.publicUrl) })
    for (const s of subs) {
      if (s.organisation_id && s.organisation_id !== organisationId) continue
      await repo.insertDelivery(trx, {
        id: `msg-${randomUUID()}`, subscription_id: s.id, city_id: cityId, outbox_id: event.outboxId, position: event.outboxId,
        event_type: event.type, payload: body, next_attempt_at: opts.now,
      })
      queued++
    }
  })
  return queued
}

/** Ids from the event and the public URLs a receiver follows; never personal data (the outbox holds ids only). */
function thinData (event: WebhookSourceEvent, publicUrl: string): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(event.payload)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') data[k] = v
  }
  if (typeof data.awardId === 'string') {
    data.links = {
      assertion: `${publicUrl}/ob/v2/assertions/${data.awardId}`,
      credential: `${publicUrl}/ob/v3/credentials/${data.awardId}`,
    }
  }
  return data
}

export interface DispatcherOptions {
  db: Db
  egress: Egress
  keyEncryptionKey: Buffer
  log: Logger
  clock?: () => Date
  /** Waits before each attempt after the first (default: the Standard Webhooks schedule, about three days). */
  schedule?: readonly number[]
  /** Multiplies each wait of the default schedule (WEBHOOK_RETRY_SCALE; 1 = the spec's schedule). */
  retryScale?: number
  /** Deadline of one attempt (default 10 s). */
  timeoutMs?: number
  /** How often to look for due deliveries when nothing kicks (default 1 s). */
  pollMs?: number
  /** Subscriptions delivered at once by this process (default 8). */
  concurrency?: number
}

/**
 * Delivers queued webhook messages. All state is in PostgreSQL (`webhook_deliveries`): a crash or a Redis flush loses
 * nothing, and any process may take over. Each subscription is leased by one dispatcher at a time and delivered in
 * order: a failing head delivery holds the ones behind it until it succeeds or its schedule is spent.
 */
export function createWebhookDispatcher (opts: DispatcherOptions) {
  const { db, egress, log } = opts
  const clock = opts.clock ?? (() => new Date())
  const schedule = opts.schedule ?? RETRY_SCHEDULE_MS.map((ms) => Math.round(ms * (opts.retryScale ?? 1)))
  const timeoutMs = opts.timeoutMs ?? 10_000
  const pollMs = opts.pollMs ?? 1_000
  const concurrency = opts.concurrency ?? 8
  const leaseMs = Math.max(60_000, timeoutMs * 4)

  async function attempt (sub: WebhookSubscriptionRow, d: WebhookDeliveryRow): Promise<'delivered' | 'retry' | 'failed' | 'gone'> {
    const now = clock()
    let status: number | undefined
    let error: string | undefined
    try {
      const headers = { 'content-type': 'application/json', ...webhookHeaders(signingSecrets(sub, opts.keyEncryptionKey, now), d.id, Math.floor(now.getTime() / 1000), d.payload) }
      const res = await egress.post(sub.url, { headers, body: d.payload, timeoutMs })
      status = res.status
      if (status >= 200 && status <= 299) {
        await repo.recordAttempt(db, d.id, { status: 'delivered', delivered_at: now, last_status: status, last_error: null })
        return 'delivered'
      }
      error = status >= 300 && status <= 399 ? `receiver answered ${status} (redirects are not followed)` : `receiver answered ${status}`
    } catch (err) {
      error = (err as Error).message.slice(0, 300)
    }
    if (status === 410) {
      await repo.recordAttempt(db, d.id, { status: 'failed', last_status: status, last_error: 'receiver answered 410 Gone: subscription disabled' })
      await repo.updateSubscription(db, sub.city_id, sub.id, { status: 'disabled', disabled_reason: 'the receiver answered 410 Gone' })
      return 'gone'
    }
    const wait = nextRetryDelay(d.attempts + 1, schedule)
    if (wait === undefined) {
      await repo.recordAttempt(db, d.id, { status: 'failed', last_status: status ?? null, last_error: `${error}; retries exhausted` })
      return 'failed'
    }
    await repo.recordAttempt(db, d.id, { next_attempt_at: new Date(now.getTime() + wait), last_status: status ?? null, last_error: error ?? null })
    return 'retry'
  }

  /** Delivers one leased subscription's due deliveries in order, then lets the lease go. */
  async function drain (sub: WebhookSubscriptionRow): Promise<number> {
    let sent = 0
    try {
      for (;;) {
        if (poller.stopped && sent > 0) break
        const head = await repo.headDelivery(db, sub.id)
        if (!head || head.next_attempt_at > clock()) break
        const outcome = await attempt(sub, head)
        if (outcome === 'delivered') sent++
        if (outcome === 'retry' || outcome === 'gone') break
      }
    } finally {
      await repo.releaseLease(db, sub.id).catch((err: unknown) => log.warn({ err }, 'could not release a webhook lease'))
    }
    return sent
  }

  /** One pass: lease due subscriptions and drain them; answers how many messages were delivered. */
  async function runOnceNow (): Promise<number> {
    const subs = await repo.leaseDueSubscriptions(db, leaseMs, concurrency)
    const counts = await Promise.all(subs.map((s) => drain(s)))
    return counts.reduce((a, b) => a + b, 0)
  }

  const poller = createPoller({ pollMs, log, what: 'webhook dispatch', pass: async () => (await runOnceNow()) > 0 })

  return { start: () => poller.start(), kick: () => poller.kick(), runOnce: runOnceNow, stop: () => poller.stop() }
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>
