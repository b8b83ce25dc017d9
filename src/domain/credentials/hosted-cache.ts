/**
 * An in-memory LRU of serialised public documents (hosted assertions, signed JWS): the hot path of verifiers.
 * Bounded by entries and bytes; entries also expire after `ttlMs`, which bounds staleness if an invalidation
 * message is ever lost. Revocation invalidates on EVERY instance through an {@link InvalidationBus}
 * (Redis pub/sub in production, in-process otherwise).
 */
export interface CachedDocument {
  status: number
  body: Buffer
  etag: string
}

export interface HostedCache {
  /** A token to pass to `set`: an entry read before an invalidation must not be stored after it. */
  generation (): number
  get (key: string): CachedDocument | undefined
  set (key: string, value: CachedDocument, generation: number): void
  /** Drops every entry of an award (hosted JSON, JWS, baked images) here and on every other instance. */
  invalidate (awardId: string): void
  clear (): void
  readonly size: number
  close (): Promise<void>
}

/** Carries invalidations between instances. */
export interface InvalidationBus {
  publish (awardId: string): void
  subscribe (handler: (awardId: string) => void, onResync: () => void): void
  close (): Promise<void>
}

/** The subset of an ioredis client the Redis bus needs (the domain imports no Redis library). */
export interface RedisPubSubLike {
  publish (channel: string, message: string): Promise<unknown>
  subscribe (channel: string): Promise<unknown>
  on (event: 'message', listener: (channel: string, message: string) => void): unknown
  on (event: 'ready', listener: () => void): unknown
}

export const inProcessBus = (): InvalidationBus => ({
  publish () {},
  subscribe () {},
  async close () {},
})

/** Redis pub/sub: `publisher` is any client, `subscriber` a connection of its own (it enters subscriber mode). */
export function redisInvalidationBus (opts: { publisher: RedisPubSubLike; subscriber: RedisPubSubLike; channel: string; onError?: (err: unknown) => void }): InvalidationBus {
  const { publisher, subscriber, channel } = opts
  return {
    publish (awardId) {
      publisher.publish(channel, awardId).catch((err: unknown) => opts.onError?.(err))
    },
    subscribe (handler, onResync) {
      let first = true
      subscriber.on('message', (ch, msg) => { if (ch === channel) handler(msg) })
      // After a reconnect, messages may have been missed: start from an empty cache.
      subscriber.on('ready', () => {
        if (!first) onResync()
        first = false
      })
      subscriber.subscribe(channel).catch((err: unknown) => opts.onError?.(err))
    },
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
  const entries = new Map<string, CachedDocument & { at: number; touched: number; size: number }>()
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
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used. A hot entry is
      // moved at most once a second: approximate LRU at a fraction of the cost on the hottest path.
      if (t - e.touched > 1_000) {
        e.touched = t
        entries.delete(key)
        entries.set(key, e)
      }
      return e
    },
    set (key, value, generation) {
      if (generation !== gen) return
      const size = value.body.length + key.length + 64
      if (size > maxBytes / 16) return
      drop(key)
      // A small Buffer is a slice of a shared 8 KiB pool slab and would pin the whole slab for as long as it is
      // cached: keep a copy in an allocation of its own.
      const body = Buffer.allocUnsafeSlow(value.body.length)
      value.body.copy(body)
      entries.set(key, { ...value, body, at: now(), touched: now(), size })
      bytes += size
      while (entries.size > maxEntries || bytes > maxBytes) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        drop(oldest)
      }
    },
    invalidate (awardId) {
      dropAward(awardId)
      bus.publish(awardId)
    },
    clear,
    get size () { return entries.size },
    close: () => bus.close(),
  }
}
