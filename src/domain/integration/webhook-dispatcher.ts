import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import * as repo from '../../db/integration/webhooks.repo.js'
import type { Insertable } from 'kysely'
import type { WebhookDeliveriesTable, WebhookDeliveryRow, WebhookSubscriptionRow } from '../../db/integration/webhooks.types.js'
import type { Db, Executor } from '../../db/types.js'
import type { Egress } from '../../infra/egress.js'
import { createPoller } from './poller.js'
import { nextRetryDelay, RETRY_SCHEDULE_MS, webhookHeaders } from './webhook-signature.js'
import { signingSecrets, WEBHOOK_EVENTS } from './webhooks.js'

/** An outbox event as the fan-out sees it (ids only). */
export interface WebhookSourceEvent { outboxId: number; type: string; cityId: string | null; payload: Record<string, unknown> }

/**
 * Queues one delivery per matching active subscription for a batch of outbox events, in the relay's transaction
 * (so a batch fans out exactly when it is marked dispatched), once per (subscription, event) whatever the number of
 * times an event is relayed. An organisation's subscription takes the events of its own organisation only.
 *
 * Order: deliveries take their positions in the order of `events` under a lock held until the transaction ends, so
 * a subscription's committed deliveries are always in the order the relay saw the events (two transactions may
 * commit outbox rows out of id order; the receiver gets them in the order they became visible).
 */
export async function fanOutWebhookEvents (trx: Executor, events: readonly WebhookSourceEvent[], opts: { publicUrl: string; now: Date }): Promise<number> {
  const wanted = events.filter((e) => e.cityId && (WEBHOOK_EVENTS as readonly string[]).includes(e.type))
  if (wanted.length === 0) return 0
  const subs = await repo.activeSubscriptionsOf(trx, [...new Set(wanted.map((e) => e.cityId!))])
  if (subs.length === 0) return 0
  const str = (v: unknown): string | undefined => typeof v === 'string' ? v : undefined
  const orgs = subs.some((s) => s.organisation_id)
    ? await repo.awardOrganisations(trx, wanted.filter((e) => !str(e.payload.organisationId) && str(e.payload.awardId)).map((e) => str(e.payload.awardId)!))
    : new Map<string, string>()
  const rows: Array<Insertable<WebhookDeliveriesTable>> = []
  for (const e of wanted) {
    const organisationId = str(e.payload.organisationId) ?? orgs.get(str(e.payload.awardId) ?? '')
    let body: string | undefined
    for (const s of subs) {
      if (s.city_id !== e.cityId || !s.events.includes(e.type)) continue
      if (s.organisation_id && s.organisation_id !== organisationId) continue
      body ??= JSON.stringify({ type: e.type, timestamp: opts.now.toISOString(), data: thinData(e, opts.publicUrl) })
      rows.push({ id: `msg-${randomUUID()}`, subscription_id: s.id, city_id: e.cityId!, outbox_id: e.outboxId, position: 0, event_type: e.type, payload: body, next_attempt_at: opts.now })
    }
  }
  if (rows.length === 0) return 0
  await repo.lockFanOut(trx)
  const first = await repo.takePositions(trx, rows.length)
  rows.forEach((r, i) => { r.position = first + i })
  return repo.insertDeliveries(trx, rows)
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
  // One drain: 10 s of sending plus one attempt's deadline stays well inside the lease.
  const drainMs = Math.min(10_000, leaseMs / 4)
  const BATCH = 200

  type Outcome = { ok: true; status: number } | { ok: false; status?: number; error: string }

  /** One signed POST of one delivery. */
  async function send (sub: WebhookSubscriptionRow, secrets: readonly string[], d: WebhookDeliveryRow, now: Date): Promise<Outcome> {
    try {
      const headers = { 'content-type': 'application/json', ...webhookHeaders(secrets, d.id, Math.floor(now.getTime() / 1000), d.payload) }
      const res = await egress.post(sub.url, { headers, body: d.payload, timeoutMs })
      if (res.status >= 200 && res.status <= 299) return { ok: true, status: res.status }
      return { ok: false, status: res.status, error: res.status >= 300 && res.status <= 399 ? `receiver answered ${res.status} (redirects are not followed)` : `receiver answered ${res.status}` }
    } catch (err) {
      return { ok: false, error: (err as Error).message.slice(0, 300) }
    }
  }

  /**
   * Records a failed attempt: a retry on the schedule (the deliveries behind it wait), 410 Gone (the subscription
   * stops), or the end of the schedule (the message is failed and the next one may go). Answers whether to go on.
   */
  async function recordFailure (sub: WebhookSubscriptionRow, d: WebhookDeliveryRow, r: Extract<Outcome, { ok: false }>, now: Date): Promise<boolean> {
    if (r.status === 410) {
      await repo.recordAttempt(db, d.id, { status: 'failed', last_status: 410, last_error: 'receiver answered 410 Gone: subscription disabled' })
      await repo.updateSubscription(db, sub.city_id, sub.id, { status: 'disabled', disabled_reason: 'the receiver answered 410 Gone' })
      return false
    }
    const wait = nextRetryDelay(d.attempts + 1, schedule)
    if (wait === undefined) {
      await repo.recordAttempt(db, d.id, { status: 'failed', last_status: r.status ?? null, last_error: `${r.error}; retries exhausted` })
      return true
    }
    await repo.recordAttempt(db, d.id, { next_attempt_at: new Date(now.getTime() + wait), last_status: r.status ?? null, last_error: r.error })
    return false
  }

  /**
   * Delivers one leased subscription's due deliveries in order, then lets the lease go. Deliveries are read a batch at
   * a time and sent one after the other on a kept-alive connection; successes are recorded together (a crash between
   * a POST and its record sends that message again, with the same webhook-id: at least once, as the spec allows).
   * A drain ends after `drainMs` so the lease (60 s or more) never runs out under it; the poller comes back at once.
   */
  async function drain (sub: WebhookSubscriptionRow): Promise<number> {
    let sent = 0
    const started = Date.now()
    const done: Array<{ id: string; status: number; at: Date }> = []
    const flush = async (): Promise<void> => { if (done.length > 0) { await repo.recordDelivered(db, done); done.length = 0 } }
    try {
      const secrets = signingSecrets(sub, opts.keyEncryptionKey, clock())
      for (;;) {
        if ((poller.stopped && sent > 0) || Date.now() - started > drainMs) break
        const heads = await repo.headDeliveries(db, sub.id, BATCH)
        if (heads.length === 0) break
        let stop = false
        for (const d of heads) {
          const now = clock()
          if (d.next_attempt_at > now) { stop = true; break }
          const r = await send(sub, secrets, d, now)
          if (r.ok) {
            done.push({ id: d.id, status: r.status, at: now })
            sent++
            if (done.length >= 100) await flush()
            continue
          }
          await flush()
          if (await recordFailure(sub, d, r, now)) continue
          stop = true
          break
        }
        await flush()
        if (stop) break
      }
    } finally {
      await flush().catch((err: unknown) => log.warn({ err }, 'could not record webhook deliveries'))
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
