import type { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import pino, { type Logger } from 'pino'
import { ConfigError, type Config } from './config.js'
import { checkKeyEncryptionKey } from './domain/keys/keys.js'
import { openDatabase, type Database } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { countPending } from './db/outbox.js'
import { createEgress, type Egress, type EgressOptions } from './infra/egress.js'
import { createMailer, type Mailer } from './infra/mail.js'
import { createHostedCache, redisInvalidationBus, type InvalidationBus } from './domain/credentials/hosted-cache.js'
import { createServices, type Services } from './domain/services.js'
import { createWebhookDispatcher, fanOutWebhookEvents, type WebhookDispatcher, type WebhookSourceEvent } from './domain/integration/webhook-dispatcher.js'
import { createBulkRunner, type BulkRunner } from './domain/integration/bulk.js'
import { createBullSink, createEventWorker, redisConnection } from './jobs/bullmq.js'
import { EVENT_TYPES, checkRegistry, processors, type ProcessorDeps } from './jobs/processors.js'
import { createInlineSink } from './jobs/inline.js'
import { OutboxRelay, type EventSink } from './jobs/relay.js'
import { requeueStaleMail } from './jobs/mail-sender.js'
import { Scheduler } from './jobs/scheduler.js'
import { loggerOptions } from './log.js'
import { createMetrics, type Metrics } from './metrics.js'

/** Everything a process needs, built once from the config; `close()` releases it in order. */
export interface Runtime {
  config: Config
  log: Logger
  database: Database
  /** A fail-fast client for rate limits and readiness; absent in embedded mode. */
  redis: Redis | undefined
  relay: OutboxRelay
  /** Periodic tasks (re-queue stale mail, re-verify imports); `tick()` runs them now. */
  scheduler: Scheduler
  worker: Worker | undefined
  metrics: Metrics
  services: Services
  /** The one client for outbound fetches (remote badge verification, webhook deliveries). */
  egress: Egress
  /** Delivers queued webhook messages (every process runs one; subscriptions are leased, so they never overlap). */
  webhooks: WebhookDispatcher
  /** Works bulk issuing jobs (every process runs one; jobs are leased). */
  bulk: BulkRunner
  /** Redis key prefix of this runtime's queues and rate limits. */
  redisPrefix: string
  clock: () => Date
  /** Readiness of each dependency. */
  checks (): Promise<Record<string, { ok: boolean; error?: string }>>
  close (): Promise<void>
}

export interface RuntimeOptions {
  log?: Logger
  clock?: () => Date
  /** Embedded database in memory instead of DATA_DIR (tests). */
  inMemory?: boolean
  /** In memory: start from this dump of a database (tests dump a migrated one once per run). */
  embeddedSnapshot?: Blob
  /** Run BullMQ workers in this process (default true: one process is a complete service). */
  runWorkers?: boolean
  /** Start the relay's timer (default true). */
  startRelay?: boolean
  /** Scheduler period (default 60 s) and how long a pending mail rests before it is re-queued (default 600 s). */
  scheduleIntervalMs?: number
  mailRequeueAfterSeconds?: number
  relayIntervalMs?: number
  /** Redis key prefix for queues and rate limits (tests isolate themselves with it). */
  redisPrefix?: string
  /** Overrides of the egress client's options (tests: `allowAddresses` for local servers, short timeouts). */
  egress?: EgressOptions
  /** Webhook dispatcher options (tests: a short retry schedule and timeout); `start: false` leaves it stopped. */
  webhooks?: { schedule?: readonly number[]; timeoutMs?: number; pollMs?: number; start?: boolean }
}

export async function createRuntime (config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.log ?? pino(loggerOptions(config.logLevel))
  const clock = opts.clock ?? (() => new Date())
  checkRegistry(processors, EVENT_TYPES)

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    inMemory: opts.inMemory ?? false,
    snapshot: opts.embeddedSnapshot,
    onError: (err) => log.warn({ err }, 'idle database connection failed'),
  })
  const closers: Array<() => Promise<unknown>> = [() => database.close()]
  try {
    await migrateToLatest(database.db)
    // A wrong or rotated KEY_ENCRYPTION_KEY stops the start with a message naming it (not a 500 at the first signature).
    await checkKeyEncryptionKey(database.db, config.keyEncryptionKey).catch((err: Error) => { throw new ConfigError([err.message]) })
    const metrics = createMetrics({ pendingEvents: () => countPending(database.db) })
    const mailer: Mailer | undefined = config.smtpUrl ? createMailer({ url: config.smtpUrl, from: config.mailFrom }) : undefined
    if (mailer) closers.push(async () => mailer.close())
    const egress = createEgress({ allowHttpHosts: [...config.egressAllowHttpHosts], allowPrivateHosts: [...config.egressAllowPrivateHosts], httpsOnly: config.egressHttpsOnly, ...opts.egress })
    const webhooks = createWebhookDispatcher({ db: database.db, egress, keyEncryptionKey: config.keyEncryptionKey, log, clock, retryScale: config.webhookRetryScale, ...opts.webhooks })
    const processorDeps: ProcessorDeps = {
      db: database.db, log, ob3: { clock, publicUrl: config.publicUrl, keyEncryptionKey: config.keyEncryptionKey },
      egress,
      mail: { mailer, keyEncryptionKey: config.keyEncryptionKey },
    }

    let redis: Redis | undefined
    let sink: EventSink
    let worker: Worker | undefined
    if (config.redisUrl) {
      const producer = redisConnection(config.redisUrl, 'producer')
      producer.on('error', () => {}) // reported through the relay and /health/ready
      redis = redisConnection(config.redisUrl, 'client')
      redis.on('error', () => {})
      // Give Redis a moment to connect so that a fresh process is ready at once; start without it when it is away
      // (changes still commit; their events wait in the outbox).
      await Promise.all([producer, redis].map((c) => untilReady(c, 3_000)))
      const bull = createBullSink(producer, opts.redisPrefix)
      sink = bull
      closers.unshift(async () => { await bull.close(); producer.disconnect() }, async () => { redis?.disconnect() })
      if (opts.runWorkers !== false) {
        const workerConn = redisConnection(config.redisUrl, 'worker')
        workerConn.on('error', () => {})
        worker = createEventWorker(workerConn, processorDeps, { onDone: metrics.jobDone, ...(opts.redisPrefix ? { prefix: opts.redisPrefix } : {}) })
        closers.unshift(async () => { await worker?.close(); workerConn.disconnect() })
      }
    } else {
      sink = createInlineSink(processorDeps, metrics.jobDone)
    }

    const relay = new OutboxRelay({
      db: database.db, lockRows: database.kind === 'postgres', sink, log, intervalMs: opts.relayIntervalMs ?? 1000,
      // Webhook deliveries are queued by the relay itself, in the order it sees the events (issue #12).
      batchHook: { run: (trx, events) => fanOutWebhookEvents(trx, events as unknown as WebhookSourceEvent[], { publicUrl: config.publicUrl, now: clock() }), after: () => webhooks.kick() },
    })
    if (opts.startRelay !== false) relay.start()
    closers.unshift(() => relay.stop())
    const scheduler = new Scheduler([
      { name: 'requeue-stale-mail', run: async () => { if (await requeueStaleMail(database.db, opts.mailRequeueAfterSeconds ?? 600) > 0) relay.kick() } },
      { name: 'insight-open-data', run: () => services.insights.publishWeeklyReleases() },
      // Learners' imported badges, verified again (revocations at their issuers show up); `services` exists by the first tick.
      { name: 'reverify-imports', run: () => services.imports.reverifyDue({ olderThanSeconds: config.importReverifySeconds }) },
    ], log, opts.scheduleIntervalMs ?? 60_000)
    if (opts.startRelay !== false) scheduler.start()
    closers.unshift(() => scheduler.stop())

    const hostedCache = createHostedCache({ bus: hostedCacheBus(config.redisUrl, redis, opts.redisPrefix ?? 'citybadges', log, closers) })
    const services = createServices({ db: database.db, clock, publicUrl: config.publicUrl, eventsWritten: () => relay.kick(), keyEncryptionKey: config.keyEncryptionKey, hostedCache, mailEnabled: config.smtpUrl !== undefined, egress, kickWebhooks: () => webhooks.kick(), kickBulk: () => bulk.kick(), insightTableMaxAgeSeconds: config.insightTableMaxAgeSeconds, onInsightTableComputed: metrics.insightTableComputed }, log)
    // Processors that need domain services get them once the services exist (jobs -> domain).
    processorDeps.pathways = services.pathways
    // Where BullMQ workers run, pathway progress is recomputed by a background drainer (events only mark learners
    // dirty); embedded, each event's job drains the marks itself (progress is current once the relay has drained) and
    // the drainer only retries what failed there.
    if (worker || (sink.inline && opts.startRelay !== false)) {
      const drainer = services.pathways.startDrainer({ log, inline: sink.inline, concurrency: database.kind === 'postgres' ? 2 : 1 })
      closers.unshift(() => drainer.stop())
    }
    processorDeps.insights = services.insights
    // Before the database closes: a kept table being computed again in the background finishes (none starts after).
    closers.unshift(() => services.insights.idle({ close: true }))
    const bulk = createBulkRunner({ db: database.db, awards: services.awards, log, leaseMs: config.bulkLeaseSeconds * 1000 })
    if (opts.startRelay !== false) bulk.start()
    closers.unshift(() => bulk.stop())
    if (config.adminKey) await services.apiKeys.ensureAdminKey(config.adminKey)
    if (opts.webhooks?.start !== false && opts.startRelay !== false) webhooks.start()
    closers.unshift(() => webhooks.stop())

    return {
      config, log, database, redis, relay, scheduler, worker, metrics, services, clock, egress, webhooks, bulk, redisPrefix: opts.redisPrefix ?? 'citybadges',
      async checks () {
        // Our own wording only: a driver's message (addresses, ports, internals) never reaches the answer; it is logged.
        const failed = (name: string) => (err: unknown): { ok: false; error: string } => {
          log.debug({ err, dependency: name }, 'readiness check failed')
          return { ok: false, error: /timed out|did not answer/.test(String((err as Error)?.message)) ? 'did not answer in time' : 'not reachable' }
        }
        const out: Record<string, { ok: boolean; error?: string }> = {}
        out.database = await database.ping(1_500).then(() => ({ ok: true }), failed('database'))
        if (redis) {
          out.redis = await withTimeout(redis.ping(), 1_500).then(() => ({ ok: true }), failed('redis'))
        }
        return out
      },
      async close () {
        for (const c of closers) await c().catch((err: unknown) => log.warn({ err }, 'error while closing'))
      },
    }
  } catch (err) {
    for (const c of closers) await c().catch(() => {})
    throw err
  }
}

/** Revocations reach every instance's hosted-document cache through Redis pub/sub (a subscriber connection of its own). */
function hostedCacheBus (redisUrl: string | undefined, publisher: Redis | undefined, prefix: string, log: Logger, closers: Array<() => Promise<unknown>>): InvalidationBus | undefined {
  if (!redisUrl || !publisher) return undefined
  const subscriber = redisConnection(redisUrl, 'worker')
  subscriber.on('error', () => {})
  closers.unshift(async () => { subscriber.disconnect() })
  return redisInvalidationBus({ publisher, subscriber, channel: `${prefix}:hosted-invalidate`, onError: (err) => log.warn({ err }, 'hosted cache invalidation failed') })
}

function untilReady (client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      client.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    client.once('ready', done)
  })
}

function withTimeout<T> (p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_r, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms) }),
  ])
}
