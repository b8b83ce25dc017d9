/**
 * Coalesces concurrent calls into one set-based call. Items added in the same turn of the event loop, or while a
 * flush runs, go together into the next flush (one flush at a time): at a trickle every item is flushed at once, alone;
 * under load, the event jobs in flight share one statement instead of a transaction each. Each caller's promise
 * settles with its batch: a failed batch fails every caller in it, and each job is then retried on its own (every
 * batch operation is idempotent, so an item flushed twice is harmless).
 */
export function createBatcher<T> (flush: (items: T[]) => Promise<void>, maxItems = 500): (item: T) => Promise<void> {
  let waiting: Array<{ item: T; resolve: () => void; reject: (err: unknown) => void }> = []
  let running = false
  let scheduled = false

  const schedule = (): void => {
    if (scheduled || running) return
    scheduled = true
    setImmediate(() => { scheduled = false; void run() })
  }

  async function run (): Promise<void> {
    if (running || waiting.length === 0) return
    running = true
    const batch = waiting.slice(0, maxItems)
    waiting = waiting.slice(batch.length)
    try {
      await flush(batch.map((b) => b.item))
      for (const b of batch) b.resolve()
    } catch (err) {
      for (const b of batch) b.reject(err)
    } finally {
      running = false
      if (waiting.length > 0) schedule()
    }
  }

  return (item) => new Promise<void>((resolve, reject) => {
    waiting.push({ item, resolve, reject })
    schedule()
  })
}
