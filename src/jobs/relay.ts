import type { Logger } from 'pino'
import { lockPendingEvents, markDispatched, markFailed, pendingEvents } from '../db/outbox.js'
import type { Db, Executor, OutboxRow } from '../db/types.js'
import type { DeliveredEvent, EventType } from './events.js'

/** Where the relay hands events: BullMQ (production) or the processors themselves (embedded). */
export interface EventSink {
  /** Publishes a batch; throws when the whole batch could not be handed over (the rows stay pending). */
  publish (events: DeliveredEvent[]): Promise<void>
  /** inline sinks process one by one and report per event. */
  readonly inline: boolean
}

/** Rows that failed this often are parked for an operator (`cli reconcile` rebuilds derived data anyway). */
const MAX_INLINE_ATTEMPTS = 25

export const toDelivered = (r: OutboxRow): DeliveredEvent => ({
  outboxId: r.id, ...(r.created_at ? { at: new Date(r.created_at).getTime() } : {}), type: r.type as EventType, cityId: r.city_id, payload: r.payload as DeliveredEvent['payload'],
})

/**
 * Moves outbox rows to the sink, at least once. Wakes on `kick()` after commits and every `intervalMs`
 * regardless, so events written while the queue was down are delivered once it returns.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = false
  private failures = 0

  constructor (private readonly opts: {
    db: Db
    /** PGlite has one connection: it cannot hold a row lock while processors query. */
    lockRows: boolean
    sink: EventSink
    log: Logger
    intervalMs?: number
    batchSize?: number
    /**
     * Work done in the relay's own transaction for each batch, in the order the relay sees the events (webhook
     * fan-out: its deliveries must be ordered as the events became visible, src/domain/integration). `run` answers
     * how many things it queued; `after` runs once the batch committed with something queued.
     */
    batchHook?: { run (trx: Executor, events: DeliveredEvent[]): Promise<number>; after (): void }
  }) {}

  start (): void {
    this.stopped = false
    const every = this.opts.intervalMs ?? 1000
    this.timer = setInterval(() => this.kick(), every)
    this.timer.unref()
    this.kick()
  }

  /** Schedules a pass now; passes never overlap. */
  kick (): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.loop().finally(() => { this.running = undefined })
  }

  /** Delivers everything pending now; resolves with how many rows were handed over. */
  async drain (): Promise<number> {
    if (this.running) await this.running
    let total = 0
    for (;;) {
      const n = await this.pass()
      total += n
      if (n === 0) return total
    }
  }

  async stop (): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.running) await this.running
  }

  private async loop (): Promise<void> {
    do {
      this.again = false
      try {
        const n = await this.pass()
        this.failures = 0
        if (n >= (this.opts.batchSize ?? 100)) this.again = true
      } catch (err) {
        this.failures++
        // Redis or PostgreSQL away: log once in a while, keep the rows, try on the next tick.
        if (this.failures === 1 || this.failures % 30 === 0) this.opts.log.warn({ err, failures: this.failures }, 'outbox relay could not deliver; will retry')
        return
      }
    } while (this.again && !this.stopped)
  }

  private async pass (): Promise<number> {
    const batch = this.opts.batchSize ?? 100
    const { db, sink } = this.opts
    const hook = this.opts.batchHook
    let queued = 0
    let n: number
    if (this.opts.lockRows) {
      n = await db.transaction().execute(async (trx) => {
        const rows = await lockPendingEvents(trx, batch)
        if (rows.length === 0) return 0
        if (sink.inline) {
          if (hook) queued = await hook.run(trx, rows.map(toDelivered))
          return this.deliverInline(trx, rows)
        }
        await sink.publish(rows.map(toDelivered))
        if (hook) queued = await hook.run(trx, rows.map(toDelivered))
        await markDispatched(trx, rows.map((r) => r.id))
        return rows.length
      })
    } else {
      const rows = (await pendingEvents(db, batch)).filter((r) => r.attempts < MAX_INLINE_ATTEMPTS)
      if (rows.length === 0) return 0
      // One connection (PGlite): the hook's effect commits on its own, before the events; a repeat of it is a no-op.
      if (hook) queued = await db.transaction().execute((trx) => hook.run(trx, rows.map(toDelivered)))
      if (sink.inline) {
        n = await this.deliverInline(db, rows)
      } else {
        await sink.publish(rows.map(toDelivered))
        await markDispatched(db, rows.map((r) => r.id))
        n = rows.length
      }
    }
    if (queued > 0) hook?.after()
    return n
  }

  private async deliverInline (db: Parameters<typeof markDispatched>[0], rows: OutboxRow[]): Promise<number> {
    let delivered = 0
    for (const row of rows) {
      if (row.attempts >= MAX_INLINE_ATTEMPTS) continue
      try {
        await this.opts.sink.publish([toDelivered(row)])
        await markDispatched(db, [row.id])
        delivered++
      } catch (err) {
        this.opts.log.error({ err, outboxId: row.id, type: row.type }, 'event processing failed; will retry')
        await markFailed(db, row.id, String((err as Error).message ?? err))
      }
    }
    return delivered
  }
}
