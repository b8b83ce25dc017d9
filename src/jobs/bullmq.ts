import { Queue, UnrecoverableError, Worker } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'
import { NotFound } from '../domain/shared/errors.js'
import { EVENTS_QUEUE, QUEUE_PREFIX, type DeliveredEvent } from './events.js'
import { dispatchEvent, type ProcessorDeps } from './processors.js'
import type { EventSink } from './relay.js'

/**
 * The producer's connection fails fast while Redis is away (no offline queue), so the relay keeps rows in the
 * outbox instead of piling commands up in memory; workers block on Redis and must retry for ever.
 */
export function redisConnection (url: string, role: 'producer' | 'worker' | 'client'): Redis {
  const opts: RedisOptions = {
    lazyConnect: false,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  }
  return new Redis(url, opts)
}

export const jobIdOf = (e: { outboxId: number; at?: number | undefined }): string =>
  e.at === undefined ? `outbox-${e.outboxId}` : `outbox-${e.outboxId}-${e.at.toString(36)}`

export function createBullSink (connection: Redis, prefix = QUEUE_PREFIX): EventSink & { queue: Queue; close(): Promise<void> } {
  const queue = new Queue<DeliveredEvent, void, string>(EVENTS_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 3_600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3_600 },
    },
  })
  // Connection errors surface through publish(); the emitter must not crash the process.
  queue.on('error', () => {})
  return {
    inline: false,
    queue,
    async publish (events) {
      // job id = the outbox row (BullMQ refuses integer-like ids, hence the prefix): a re-publish of the same row while
      // its job still exists is a no-op. The row's creation time is part of it: a database restored from a backup (or
      // created afresh) numbers its rows again from where it stands, and BullMQ silently drops a job whose id it still
      // holds, so an id alone would lose the new rows' events.
      await queue.addBulk(events.map((e) => ({ name: e.type as string, data: e, opts: { jobId: jobIdOf(e) } })))
    },
    close: () => queue.close(),
  }
}

/**
 * Jobs in flight per worker. Most events wait on PostgreSQL, and award events are coalesced across the jobs in flight
 * (one statement for all of them, src/jobs/batcher.ts), so more at once means fewer, larger statements: at 4, a
 * steady 100 awards/s cost 100 small transactions a second and the queue fell behind on a busy 2-core machine.
 */
export const EVENT_CONCURRENCY = 16

export function createEventWorker (connection: Redis, deps: ProcessorDeps, opts: {
  concurrency?: number
  prefix?: string
  onDone?: (type: string, outcome: 'completed' | 'failed', seconds: number) => void
} = {}): Worker<DeliveredEvent> {
  const worker = new Worker<DeliveredEvent>(EVENTS_QUEUE, async (job) => {
    const started = performance.now()
    try {
      await dispatchEvent(job.data, deps, undefined, { batch: true })
      opts.onDone?.(job.name, 'completed', (performance.now() - started) / 1000)
    } catch (err) {
      opts.onDone?.(job.name, 'failed', (performance.now() - started) / 1000)
      if (err instanceof NotFound) throw new UnrecoverableError(err.message)
      throw err
    }
  }, { connection, prefix: opts.prefix ?? QUEUE_PREFIX, concurrency: opts.concurrency ?? EVENT_CONCURRENCY, autorun: true })
  worker.on('error', (err) => deps.log.warn({ err }, 'event worker error'))
  worker.on('failed', (job, err) => deps.log.warn({ err, jobId: job?.id, type: job?.name }, 'event job failed'))
  return worker
}
