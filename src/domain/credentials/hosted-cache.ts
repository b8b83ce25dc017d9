/**
 * An in-memory LRU of serialised public documents (hosted assertions, signed JWS): the hot path of verifiers.
 * Bounded by entries and bytes; entries also expire after `ttlMs`, which bounds staleness if an invalidation
 * message is ever lost. Revocation invalidates on EVERY instance through an {@link InvalidationBus}
 * (Redis pub/sub in production, in-process otherwise).
 */
export interface CachedDocument {
  status: number
  /**
   * The bytes to send. Text (a hosted assertion, a JWS) is kept as a string: Node writes a string body together with
   * the status line and headers in one write (a Buffer body takes a second, vectored write), and a string is one heap
   * object where a Buffer is an object plus a backing store of its own.
   */
  body: string | Buffer
  etag: string
  /** byteLength(body), when known (the cache keeps it). */
  bytes?: number
}

/** The body's length in bytes (Content-Length). */
export const byteLength = (body: string | Buffer): number => typeof body === 'string' ? Buffer.byteLength(body) : body.length

export interface HostedCache {
  /** A token to pass to `set`: an entry read before an invalidation must not be stored after it. */
  generation (): number
  get (key: string): CachedDocument | undefined
  set (key: string, value: CachedDocument, generation: number): void
  /**
   * Drops every entry of an award (hosted JSON, JWS, baked images) here and on every other instance; resolves once
   * every instance listening has dropped it (or after the bus's timeout), so a caller that awaits it knows a read
   * on any instance no longer sees the old document.
   */
  invalidate (awardId: string): Promise<void>
  clear (): void
  readonly size: number
  close (): Promise<void>
}

/** Carries invalidations between instances. */
export interface InvalidationBus {
  /** Resolves when every subscribed instance has applied the invalidation (or after a timeout). */
  publish (awardId: string): Promise<void>
  subscribe (handler: (awardId: string) => void, onResync: () => void): void
  /** False while invalidations could be missed (the subscriber is disconnected): nothing may be cached then. */
  live (): boolean
  close (): Promise<void>
}

/** The subset of an ioredis client the Redis bus needs (the domain imports no Redis library). */
export interface RedisPubSubLike {
  publish (channel: string, message: string): Promise<number>
  subscribe (...channels: string[]): Promise<unknown>
  on (event: 'message', listener: (channel: string, message: string) => void): unknown
  on (event: 'ready' | 'close', listener: () => void): unknown
  readonly status?: string
}

export const inProcessBus = (): InvalidationBus => ({
  async publish () {},
  subscribe () {},
  live: () => true,
  async close () {},
})

/**
 * Redis pub/sub: `publisher` is any client, `subscriber` a connection of its own (it enters subscriber mode).
 * Every instance acknowledges each invalidation on `<channel>:ack` after applying it; `publish` waits for as many
 * acknowledgements as Redis counted receivers (at most `ackTimeoutMs`), so revocation is read-after-write across
 * instances. While the subscriber is disconnected the cache is emptied and stores nothing (it could miss messages).
 */
export function redisInvalidationBus (opts: {
  publisher: RedisPubSubLike; subscriber: RedisPubSubLike; channel: string; ackTimeoutMs?: number; onError?: (err: unknown) => void
}): InvalidationBus {
  const { publisher, subscriber, channel } = opts
  const ackChannel = `${channel}:ack`
  const ackTimeoutMs = opts.ackTimeoutMs ?? 2_000
  const waiting = new Map<string, { got: number; needed: number; done: () => void }>()
  let subscribed = false
  let seq = 0
  const instance = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`
  const settle = (nonce: string): void => {
    const w = waiting.get(nonce)
    if (w && w.got >= w.needed) {
      waiting.delete(nonce)
      w.done()
    }
  }
  return {
    async publish (awardId) {
      const nonce = `${instance}.${++seq}`
      let timer: NodeJS.Timeout | undefined
      const acked = new Promise<void>((resolve) => {
        waiting.set(nonce, { got: 0, needed: Number.POSITIVE_INFINITY, done: resolve })
        timer = setTimeout(() => {
          if (waiting.delete(nonce)) opts.onError?.(new Error(`hosted cache invalidation of ${awardId}: not every instance acknowledged within ${ackTimeoutMs} ms`))
          resolve()
        }, ackTimeoutMs)
        timer.unref()
      })
      try {
        const receivers = await publisher.publish(channel, `${nonce} ${awardId}`)
        const w = waiting.get(nonce)
        if (w) w.needed = receivers
        settle(nonce)
        await acked
      } catch (err) {
        waiting.delete(nonce)
        opts.onError?.(err)
      } finally {
        clearTimeout(timer)
      }
    },
    subscribe (handler, onResync) {
      subscriber.on('message', (ch, msg) => {
        if (ch === ackChannel) {
          const w = waiting.get(msg)
          if (w) {
            w.got++
            settle(msg)
          }
          return
        }
        if (ch !== channel) return
        const space = msg.indexOf(' ')
        handler(space < 0 ? msg : msg.slice(space + 1)) // (a message without a nonce: an older instance)
        if (space > 0) publisher.publish(ackChannel, msg.slice(0, space)).catch((err: unknown) => opts.onError?.(err))
      })
      // Disconnected: messages may be missed from now on. Empty the cache and store nothing until resubscribed.
      subscriber.on('close', () => {
        if (subscribed) onResync()
        subscribed = false
      })
      const listen = (): void => {
        subscriber.subscribe(channel, ackChannel).then(() => {
          onResync()
          subscribed = true
        }, (err: unknown) => opts.onError?.(err))
      }
      subscriber.on('ready', listen)
      if (subscriber.status === undefined || subscriber.status === 'ready') listen()
    },
    live: () => subscribed,
    async close () {},
  }
}

export const CACHE_KINDS = ['hosted', 'jws'] as const

export function createHostedCache (opts: { maxEntries?: number; maxBytes?: number; ttlMs?: number; bus?: InvalidationBus; now?: () => number } = {}): HostedCache {
  const maxEntries = opts.maxEntries ?? 50_000
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const ttlMs = opts.ttlMs ?? 5 * 60_000
  const now = opts.now ?? Date.now
  const bus = opts.bus ?? inProcessBus()
  const entries = new Map<string, CachedDocument & { at: number; hit: boolean; size: number }>()
  let bytes = 0
  let gen = 0

  const drop = (key: string): void => {
    const e = entries.get(key)
    if (!e) return
    bytes -= e.size
    entries.delete(key)
  }
  const dropAward = (awardId: string): void => {
    gen++
    for (const kind of CACHE_KINDS) drop(`${kind}:${awardId}`)
  }
  const clear = (): void => {
    gen++
    entries.clear()
    bytes = 0
  }
  bus.subscribe(dropAward, clear)

  return {
    generation: () => gen,
    get (key) {
      const e = entries.get(key)
      if (!e) return undefined
      const t = now()
      if (t - e.at > ttlMs) {
        drop(key)
        return undefined
      }
      // Recency is a flag here, used when something must be evicted (second chance, below): moving the entry within
      // the Map on every read cost a measurable share of the hottest answer.
      e.hit = true
      return e
    },
    set (key, value, generation) {
      if (generation !== gen || !bus.live()) return
      const length = byteLength(value.body)
      const size = length + key.length + 64
      if (size > maxBytes / 16) return
      drop(key)
      let body = value.body
      if (typeof body !== 'string') {
        // A small Buffer is a slice of a shared 8 KiB pool slab and would pin the whole slab for as long as it is
        // cached: keep a copy in an allocation of its own.
        const copy = Buffer.allocUnsafeSlow(body.length)
        body.copy(copy)
        body = copy
      }
      // Every field named in one literal: an object spread would leave the added fields out of the object, one more
      // memory access on each read (a hit took twice as long over 20,000 entries).
      const t = now()
      entries.set(key, { status: value.status, body, etag: value.etag, bytes: length, at: t, hit: false, size })
      bytes += size
      // Evicts the least recently inserted entry not read since it was inserted or last spared (a Map keeps insertion
      // order): one read since spares an entry once, moving it to the young end (CLOCK, an approximate LRU). At most
      // 64 are spared per eviction, so a cache read through entirely still evicts at once.
      let spared = 0
      while (entries.size > maxEntries || bytes > maxBytes) {
        const [oldest, e] = entries.entries().next().value ?? []
        if (oldest === undefined || e === undefined) break
        if (e.hit && spared < 64 && oldest !== key) {
          spared++
          e.hit = false
          entries.delete(oldest)
          entries.set(oldest, e)
          continue
        }
        drop(oldest)
      }
    },
    async invalidate (awardId) {
      dropAward(awardId)
      await bus.publish(awardId)
    },
    clear,
    get size () { return entries.size },
    close: () => bus.close(),
  }
}
