// Rendered public pages, kept per instance and keyed by the public content version (migrations/
// 20261130T1500_public_content_version.ts): the database bumps that version at the commit of any change a page may
// show, and every request reads it first, so an entry is served only while nothing it shows has changed — on every
// instance, at once (a revocation committed on one instance is a 410 on all of them from the next request on).
// Time is the other input of a page (an award expires, a session starts): an entry can carry the instant it stops
// being true, and a page that shows something personal is never kept. Bounded by entries and bytes, least recently
// used out first.

/** How long a rendered page stays true when nothing changes in the database. */
export interface Freshness {
  /** The page changes by itself at this instant (an expiry, the next session): not served from the cache after it. */
  until?: Date | undefined
  /** Never keep it (it shows something personal, such as a name a learner chose to show). */
  noStore?: boolean | undefined
}

interface Entry<T> { value: T; until: number; size: number }

export interface PageCache<T> {
  /** The entry of `key` rendered at `version`, if it is still true at `now`. */
  get (key: string, version: string, now: number): T | undefined
  /** Keeps `value`, rendered from data read after `version` was read; older versions are never stored. */
  set (key: string, version: string, value: T, freshness: Freshness): void
  clear (): void
  readonly size: number
}

const newer = (a: string, b: string): boolean => a.length !== b.length ? a.length > b.length : a > b

export function createPageCache<T> (opts: { sizeOf: (value: T) => number; maxEntries?: number; maxBytes?: number }): PageCache<T> {
  const maxEntries = opts.maxEntries ?? 5_000
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024
  let entries = new Map<string, Entry<T>>()
  let current = ''
  let bytes = 0

  /** A newer version makes every entry stale: drop them all at once. */
  const advance = (version: string): boolean => {
    if (version === current) return true
    if (current !== '' && !newer(version, current)) return false
    current = version
    entries = new Map()
    bytes = 0
    return true
  }

  return {
    get (key, version, now) {
      if (!advance(version) || version !== current) return undefined
      const e = entries.get(key)
      if (e === undefined) return undefined
      if (now >= e.until) {
        entries.delete(key)
        bytes -= e.size
        return undefined
      }
      entries.delete(key) // most recently used last
      entries.set(key, e)
      return e.value
    },
    set (key, version, value, freshness) {
      if (freshness.noStore) return
      if (!advance(version) || version !== current) return
      const size = opts.sizeOf(value) + key.length
      if (size > maxBytes / 16) return
      const old = entries.get(key)
      if (old !== undefined) {
        entries.delete(key)
        bytes -= old.size
      }
      entries.set(key, { value, until: freshness.until?.getTime() ?? Number.POSITIVE_INFINITY, size })
      bytes += size
      while (entries.size > maxEntries || bytes > maxBytes) {
        const [k, e] = entries.entries().next().value as [string, Entry<T>]
        entries.delete(k)
        bytes -= e.size
      }
    },
    clear () {
      entries = new Map()
      bytes = 0
    },
    get size () { return entries.size },
  }
}
