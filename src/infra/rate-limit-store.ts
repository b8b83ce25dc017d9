import type { Redis } from 'ioredis'

/**
 * A rate-limit store for @fastify/rate-limit shared by every process over Redis, without a Redis round trip on most
 * requests. The plugin's own Redis store runs a script on every request: one more wait (and, on a busy machine, one
 * more wake-up of the process) in front of every answer. This one keeps, per key and window, the count Redis last
 * told this process plus the increments it has taken since, and:
 *
 * - a limit below LOCAL_MIN is counted in Redis on every request (exact);
 * - otherwise the first request of a key in a window (this process has no count for it) goes to Redis, and so does
 *   every request near the limit (its last tenth);
 * - far below the limit a request is counted here and answered at once; its increment is pushed to Redis (INCRBY) at
 *   most PUSH_MS later, or at once when this process holds a hundredth of the limit unpushed (the batch), and Redis's
 *   answer brings back the count of every process. A process never holds more than two batches Redis has not
 *   answered for: beyond that it waits for Redis.
 *
 * So one process alone counts exactly; several together may let a caller pass the limit by at most two batches per
 * process (2 % of the limit each) — what the others held unanswered when the count crossed it. Redis away: the plugin
 * serves (skipOnError), and what was not pushed is dropped with its window.
 *
 * Only the plugin options this service uses are supported: fixed windows (no continueExceeding, no exponentialBackoff).
 */

/** How long increments counted here may wait before they are pushed to Redis. */
export const PUSH_MS = 100
/** Limits below this are counted in Redis on every request. */
export const LOCAL_MIN = 100

interface Count {
  /** The key's count as Redis last answered it (every process's increments pushed by then). */
  known: number
  /** Increments taken here since, not pushed yet. */
  pending: number
  /** Being pushed right now (counted in the estimate until Redis answers). */
  pushing: number
  /** When the window ends (this process's clock, from Redis's PTTL). */
  resetAt: number
}

type Callback = (err: Error | null, res: { current: number; ttl: number } | null) => void

interface StoreRedis extends Redis {
  cbRateLimitAdd?: (key: string, n: number, windowMs: number, cb: (err: Error | null, res: [number, number]) => void) => void
}

// INCRBY with the window's expiry set by the increment that created the key; answers the count and the ms left.
const ADD = `
local c = redis.call('INCRBY', KEYS[1], ARGV[1])
if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {c, ttl}`

/** A store class for the plugin's `store` option, counting under `prefix` in `redis`. */
export function sharedRateLimitStore (redis: Redis, prefix: string, now: () => number = Date.now) {
  const r = redis as StoreRedis
  if (!r.cbRateLimitAdd) r.defineCommand('cbRateLimitAdd', { numberOfKeys: 1, lua: ADD })

  return class SharedRateLimitStore {
    readonly counts = new Map<string, Count>()
    readonly prefix: string
    private timer: NodeJS.Timeout | undefined
    private windowMs = 60_000

    constructor (_globalParams?: unknown, prefixOverride?: string) {
      this.prefix = prefixOverride ?? prefix
    }

    private add (key: string, n: number, windowMs: number, cb: (err: Error | null, res: [number, number] | null) => void): void {
      r.cbRateLimitAdd!(this.prefix + key, n, windowMs, (err, res) => cb(err, err ? null : res))
    }

    incr (key: string, cb: Callback, timeWindow: number, max: number): void {
      const t = now()
      this.windowMs = timeWindow
      const c = this.counts.get(key)
      const batch = Math.max(1, Math.floor(max / 100))
      const estimate = c && t < c.resetAt ? c.known + c.pushing + c.pending + 1 : undefined
      if (estimate !== undefined && max >= LOCAL_MIN && estimate < max - Math.ceil(max / 10) && c!.pushing + c!.pending < 2 * batch) {
        c!.pending++
        if (c!.pending >= batch) void this.pushKey(key, c!)
        else this.schedulePush()
        return cb(null, { current: estimate, ttl: c!.resetAt - t })
      }
      // Exact: the first request of the window here, or near the limit. What this process took meanwhile goes too.
      const carried = c && t < c.resetAt ? c.pending : 0
      if (c) c.pending -= carried
      this.add(key, carried + 1, timeWindow, (err, res) => {
        if (err || !res) {
          if (c) c.pending += carried
          return cb(err ?? new Error('no answer from the rate-limit store'), null)
        }
        const [current, ttl] = res
        // Updated in place: pushes in flight hold this entry and take their increments off it when Redis answers.
        let mine = this.counts.get(key)
        if (mine === undefined) this.counts.set(key, mine = { known: current, pending: 0, pushing: 0, resetAt: t + ttl })
        else {
          if (now() >= mine.resetAt) mine.pending = 0 // taken in a window that has ended
          mine.known = current
          mine.resetAt = t + ttl
        }
        if (this.counts.size > 50_000) this.sweep()
        cb(null, { current: current + mine.pending, ttl })
      })
    }

    read (key: string, cb: Callback): void {
      const t = now()
      const c = this.counts.get(key)
      cb(null, c && t < c.resetAt ? { current: c.known + c.pushing + c.pending, ttl: c.resetAt - t } : { current: 0, ttl: 0 })
    }

    child (routeOptions: { routeInfo: { method: string; url: string } }): SharedRateLimitStore {
      return new SharedRateLimitStore(undefined, `${this.prefix}${routeOptions.routeInfo.method}${routeOptions.routeInfo.url}-`)
    }

    /** Pushes every key's pending increments now (tests, and the timer). */
    push (): Promise<void> {
      this.timer = undefined
      const t = now()
      const work: Array<Promise<void>> = []
      for (const [key, c] of this.counts) {
        if (t >= c.resetAt) { if (c.pushing === 0) this.counts.delete(key); continue }
        if (c.pending > 0) work.push(this.pushKey(key, c))
      }
      return Promise.all(work).then(() => {})
    }

    private pushKey (key: string, c: Count): Promise<void> {
      const n = c.pending
      c.pending = 0
      c.pushing += n
      return new Promise<void>((resolve) => {
        this.add(key, n, this.windowMs, (err, res) => {
          c.pushing -= n
          if (!err && res) {
            // The same window (or a new one Redis started): Redis's count includes these n.
            if (res[0] >= c.known) c.known = res[0]
            c.resetAt = now() + res[1]
          }
          resolve()
        })
      })
    }

    private schedulePush (): void {
      if (this.timer) return
      this.timer = setTimeout(() => { void this.push() }, PUSH_MS)
      this.timer.unref()
    }

    private sweep (): void {
      const t = now()
      for (const [key, c] of this.counts) if (t >= c.resetAt && c.pending === 0 && c.pushing === 0) this.counts.delete(key)
    }
  }
}
