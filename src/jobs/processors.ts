import type { Logger } from 'pino'
import type { PathwayService } from '../domain/pathways/pathways.js'
import { runOnce } from '../db/outbox.js'
import { refreshCityStats } from '../db/repos.js'
import type { Db } from '../db/types.js'
import type { DeliveredEvent, EventType } from './events.js'
import { publishStatusListOf, type PublisherDeps } from './status-list-publisher.js'
import { opportunityFeedImporter } from './opportunity-feed-import.js'
import type { Egress } from '../infra/egress.js'
import { sendRequestedMail } from './mail-sender.js'
import type { Mailer } from '../infra/mail.js'
import { INSIGHT_EVENTS, keepInsightFacts, scheduleInsightTableRefresh } from './insights-facts.js'
import { refreshAwardFacts } from '../db/insights/insights.repo.js'
import { createBatcher } from './batcher.js'
import type { InsightService } from '../domain/insights/insights.js'

export interface ProcessorDeps {
  db: Db
  log: Logger
  /** Signing deps of the OB 3.0 status-list publisher (absent in tests that dispatch other events). */
  ob3?: PublisherDeps
  /** The egress client (opportunity feed import). */
  egress?: Egress
  /** SMTP of the mail job (`mailer` absent without SMTP_URL). */
  mail?: { mailer: Mailer | undefined; keyEncryptionKey: Buffer }
  /** Pathway progress (set once the services exist). */
  pathways?: PathwayService
  /** Insight tables kept for readers (set once the services exist): refreshed after fact writes. */
  insights?: InsightService
}

/** Every event type the outbox carries (each must have a processor). */
export const EVENT_TYPES: readonly EventType[] = ['city.created', 'organisation.created', 'award.revoked', 'award.issued', 'learner.created', 'learner.erased', 'award.accepted', 'award.declined', 'pathway.published', 'pathway.edited', 'pathway.completed', 'opportunity-feed.sync', 'mail.requested', 'link.issued', 'award.claimed', 'learner.guardian-consented', 'learner.updated', 'attendance.recorded', 'opportunity.unlocked', 'import.verified', 'import.revoked', 'import.removed', 'import.mapped']

/** A processor reacts to events; its effect must be idempotent (recompute, or use runOnce). */
export interface Processor {
  name: string
  handles: readonly EventType[]
  process (event: DeliveredEvent, deps: ProcessorDeps): Promise<void>
  /**
   * A set-based form for the events `accepts` picks: the events of the jobs in flight are handed over together (one
   * statement for many awards; src/jobs/batcher.ts). Must have the very effect of `process` on each event.
   */
  many?: { accepts (event: DeliveredEvent): boolean; process (events: DeliveredEvent[], deps: ProcessorDeps): Promise<void> }
}

const awardIdOf = (e: DeliveredEvent): string | undefined => {
  const id = (e.payload as unknown as Record<string, unknown>).awardId
  return e.type.startsWith('award.') && typeof id === 'string' ? id : undefined
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

/** Sends mail recorded with a `mail.requested` event; `link.issued` (a link handed to the caller) needs nothing. */
export const mailSender: Processor = {
  name: 'mail-sender',
  handles: ['mail.requested', 'link.issued'],
  process: (event, deps) => sendRequestedMail(event, { db: deps.db, log: deps.log, mailer: deps.mail?.mailer, keyEncryptionKey: deps.mail?.keyEncryptionKey ?? Buffer.alloc(32) }),
}

/**
 * Learner events (issue #8) with no other consumer yet (pathway progress and insights arrive with later issues;
 * award.accepted and learner.erased also go to webhooks): delivery is recorded once per event, nothing is lost.
 */
export const learnerEventsProcessor: Processor = {
  name: 'learner-events',
  handles: ['learner.created', 'award.declined', 'award.claimed', 'learner.guardian-consented', 'attendance.recorded', 'opportunity.unlocked'],
  async process (event, deps) {
    await runOnce(deps.db, event.outboxId, this.name, async () => {})
  },
}

/**
 * Keeps pathway progress: an award event marks its learner dirty, so does a completion (a completed pathway may
 * satisfy another), an attendance or an import; a published or edited pathway marks its followers. The pathway
 * service's drainer recomputes marked learners in batches (src/domain/pathways/pathways.ts). Idempotent: a mark is an
 * upsert, and every row is recomputed from PostgreSQL.
 */
export const pathwayProgressProcessor: Processor = {
  name: 'pathway-progress',
  handles: ['award.issued', 'award.revoked', 'award.accepted', 'award.declined', 'pathway.published', 'pathway.edited', 'pathway.completed', 'attendance.recorded', 'import.verified', 'import.revoked', 'import.removed', 'import.mapped'],
  async process (event, deps) {
    const pathways = deps.pathways
    if (!pathways) return
    const p = event.payload as unknown as Record<string, string | undefined>
    const awardId = awardIdOf(event)
    if (awardId) {
      await pathways.markAwardsDirty([awardId])
    } else if ((event.type === 'pathway.completed' || event.type === 'attendance.recorded' || event.type.startsWith('import.')) && p.learnerId && p.cityId) {
      await pathways.markDirty(p.cityId, [p.learnerId])
    } else if (p.pathwayId && p.cityId) {
      await pathways.recomputeFollowers(p.cityId, p.pathwayId)
    }
  },
  many: {
    accepts: (event) => awardIdOf(event) !== undefined,
    async process (events, deps) {
      await deps.pathways?.markAwardsDirty(events.map((e) => awardIdOf(e)!))
    },
  },
}

/** Keeps the citywide insight fact tables, then (debounced) the published tables readers use (src/jobs/insights-facts.ts). */
export const insightFactsProcessor: Processor = {
  name: 'insight-facts',
  handles: INSIGHT_EVENTS,
  async process (event, deps) {
    await keepInsightFacts(event, deps.db)
    if (deps.insights) scheduleInsightTableRefresh(deps.insights, deps.log)
  },
  many: {
    accepts: (event) => awardIdOf(event) !== undefined,
    async process (events, deps) {
      await refreshAwardFacts(deps.db, events.map((e) => awardIdOf(e)!), events.flatMap((e) => (e.cityId ? [e.cityId] : [])))
      if (deps.insights) scheduleInsightTableRefresh(deps.insights, deps.log)
    },
  },
}

export const processors: readonly Processor[] = [cityStatsProcessor, statusListPublisher, learnerEventsProcessor, mailSender, pathwayProgressProcessor, opportunityFeedImporter, insightFactsProcessor]

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

/** Per set of deps (one per worker or sink) and processor: the batcher of its set-based form. */
const batchers = new WeakMap<ProcessorDeps, Map<Processor, (event: DeliveredEvent) => Promise<void>>>()

function batcherOf (p: Processor, deps: ProcessorDeps): (event: DeliveredEvent) => Promise<void> {
  let mine = batchers.get(deps)
  if (!mine) batchers.set(deps, mine = new Map())
  let b = mine.get(p)
  if (!b) mine.set(p, b = createBatcher((events) => p.many!.process(events, deps)))
  return b
}

/**
 * Runs every processor of the event's type; throws the first failure so the job is retried. With `batch`, events
 * a processor can take set-based are coalesced with the other jobs in flight (BullMQ workers run several at once).
 */
export async function dispatchEvent (event: DeliveredEvent, deps: ProcessorDeps, all: readonly Processor[] = processors, opts: { batch?: boolean } = {}): Promise<void> {
  const mine = all.filter((p) => p.handles.includes(event.type))
  const batched = opts.batch ? mine.filter((p) => p.many?.accepts(event)) : []
  // The batched processors wait for their batches side by side (they are independent, and each is idempotent).
  await Promise.all([
    ...batched.map((p) => batcherOf(p, deps)(event)),
    (async () => { for (const p of mine) if (!batched.includes(p)) await p.process(event, deps) })(),
  ])
}
