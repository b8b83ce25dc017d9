/**
 * Rows this process read lately, by key, trusted for `maxAgeMs`: a change made by another process shows here within
 * that time, one made by this process as soon as it calls `forget`. A copy half that old is read again in the
 * background, so a steady reader never waits for the database; one read per key at a time. Ages are measured from
 * the start of the read that made the copy, in monotonic time (a frozen domain clock must not keep a copy for ever).
 * Missing rows are not kept. Used for rows every request of a kind needs: API keys, and the city of insight reads.
 */
export function recentRows<V> (read: (key: string) => Promise<V | undefined>, opts: { maxAgeMs: number; max?: number }) {
  const max = opts.max ?? 10_000
  const copies = new Map<string, { value: V; at: number }>()
  const reading = new Map<string, Promise<V | undefined>>()
  // Bumped by every forget: a read that began before it does not bring back what it forgot.
  let generation = 0

  function load (key: string): Promise<V | undefined> {
    let run = reading.get(key)
    if (!run) {
      const since = generation
      const at = performance.now()
      run = read(key).then((value) => {
        if (since === generation) {
          if (value === undefined) copies.delete(key)
          else {
            if (copies.size >= max && !copies.has(key)) copies.clear()
            copies.set(key, { value, at })
          }
        }
        return value
      }).finally(() => reading.delete(key))
      reading.set(key, run)
    }
    return run
  }

  /** The row as read at most `maxAgeMs` ago, or undefined when it does not exist. */
  async function get (key: string): Promise<V | undefined> {
    const copy = copies.get(key)
    const age = copy === undefined ? Infinity : performance.now() - copy.at
    if (copy === undefined || age >= opts.maxAgeMs) return load(key)
    if (age >= opts.maxAgeMs / 2) void load(key).catch(() => {}) // the next reader's copy; a failure reads on demand
    return copy.value
  }

  /** Drops the copy of `key`, or every copy `which` picks: this process has just changed those rows. */
  function forget (which: string | ((value: V) => boolean)): void {
    generation++
    if (typeof which === 'string') copies.delete(which)
    else for (const [key, c] of copies) if (which(c.value)) copies.delete(key)
  }

  return { get, forget }
}
