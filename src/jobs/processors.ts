import type { Logger } from 'pino'
import { runOnce } from '../db/outbox.js'
import { refreshCityStats } from '../db/repos.js'
import type { Db } from '../db/types.js'
import type { DeliveredEvent, EventType } from './events.js'
import { publishStatusListOf, type PublisherDeps } from './status-list-publisher.js'
import { fanOutWebhookEvent } from '../domain/integration/webhook-dispatcher.js'
import { WEBHOOK_EVENTS } from '../domain/integration/webhooks.js'

export interface ProcessorDeps {
  db: Db
  log: Logger
  /** Signing deps of the OB 3.0 status-list publisher (absent in tests that dispatch other events). */
  ob3?: PublisherDeps
  /** Webhook fan-out: the public base URL of payload links, and a wake-up for this process's dispatcher. */
  webhooks?: { publicUrl: string; kick: () => void; clock: () => Date }
}

/** Every event type the outbox carries (each must have a processor). */
export const EVENT_TYPES: readonly EventType[] = ['city.created', 'organisation.created', 'award.revoked', 'award.issued']

/** A processor reacts to events; its effect must be idempotent (recompute, or use runOnce). */
export interface Processor {
  name: string
  handles: readonly EventType[]
  process (event: DeliveredEvent, deps: ProcessorDeps): Promise<void>
}

/** Keeps city_stats current; counts each event exactly once even when the relay delivers it twice. */
export const cityStatsProcessor: Processor = {
  name: 'city-stats',
  handles: ['city.created', 'organisation.created'],
  async process (event, deps) {
    const cityId = event.cityId
    if (!cityId) return
    await runOnce(deps.db, event.outboxId, this.name, (trx) => refreshCityStats(trx, cityId, { countEvent: true }))
  },
}

/** Re-signs the OB 3.0 status list of a revoked award (idempotent: recomputed from the awards rows). */
export const statusListPublisher: Processor = {
  name: 'status-list-publisher',
  handles: ['award.revoked'],
  process: (event, deps) => publishStatusListOf(event, deps),
}

/** Queues a webhook delivery per matching subscription (idempotent: once per subscription and event). */
export const webhookFanout: Processor = {
  name: 'webhook-fanout',
  handles: WEBHOOK_EVENTS.filter((t): t is EventType & typeof t => (EVENT_TYPES as readonly string[]).includes(t)),
  async process (event, deps) {
    if (!deps.webhooks) return
    const queued = await fanOutWebhookEvent(deps.db, { ...event, payload: event.payload as unknown as Record<string, unknown> }, { publicUrl: deps.webhooks.publicUrl, now: deps.webhooks.clock() })
    if (queued > 0) deps.webhooks.kick()
  },
}

export const processors: readonly Processor[] = [cityStatsProcessor, statusListPublisher, webhookFanout]

/** Fails at start-up when an event type has no processor (an event nobody handles is a bug). */
export function checkRegistry (all: readonly Processor[], types: readonly EventType[]): void {
  const names = new Set<string>()
  for (const p of all) {
    if (names.has(p.name)) throw new Error(`two processors are named ${p.name}`)
    names.add(p.name)
  }
  for (const t of types) {
    if (!all.some((p) => p.handles.includes(t))) throw new Error(`no processor handles event ${t}`)
  }
}


/** Runs every processor of the event's type; throws the first failure so the job is retried. */
export async function dispatchEvent (event: DeliveredEvent, deps: ProcessorDeps, all: readonly Processor[] = processors): Promise<void> {
  for (const p of all) {
    if (p.handles.includes(event.type)) await p.process(event, deps)
  }
}
