import type { Logger } from 'pino'

/** A periodic task: what it is called (for logs) and what it does; it must be safe to run on several processes. */
export interface ScheduledTask {
  name: string
  run (): Promise<unknown>
}

/**
 * Runs scheduled tasks every `intervalMs` (re-queueing stale mail, re-verifying imported badges). Every process
 * runs its own scheduler: tasks are idempotent and hand their work to the outbox, whose processors serialise it.
 * Runs never overlap; a failing task is logged and tried again on the next tick.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor (private readonly tasks: readonly ScheduledTask[], private readonly log: Logger, private readonly intervalMs: number) {}

  start (): void {
    this.timer = setInterval(() => { void this.tick() }, this.intervalMs)
    this.timer.unref()
  }

  /** One pass over every task now (also used by tests and the CLI). */
  tick (): Promise<void> {
    if (this.running) return this.running
    this.running = (async () => {
      for (const t of this.tasks) {
        try {
          await t.run()
        } catch (err) {
          this.log.warn({ err, task: t.name }, 'scheduled task failed; will retry on the next tick')
        }
      }
    })().finally(() => { this.running = undefined })
    return this.running
  }

  async stop (): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    if (this.running) await this.running
  }
}
