import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLdBomb } from '../../../test/helpers/jsonld-bomb.js'
import { canonizeGeneral, CanonError } from '../../ob/v3/canon.js'
import { createJsonLdPool } from './jsonld-pool.js'

// The worker pool is the second bound on untrusted JSON-LD: whatever passes the inline-context caps still cannot
// hold the event loop or grow the heap past a limit. The bomb is handed to the pool directly (no caps before it).

/** Runs `fn` while sampling the event loop every 10 ms; returns its result and the worst gap seen. */
async function withLoopLag<T> (fn: () => Promise<T>): Promise<{ value: T | Error; lagMs: number; ms: number }> {
  let last = performance.now()
  let worst = 0
  const timer = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - last - 10)
    last = now
  }, 10)
  const started = performance.now()
  let value: T | Error
  try {
    value = await fn()
  } catch (err) {
    value = err as Error
  }
  const ms = performance.now() - started
  clearInterval(timer)
  return { value, lagMs: worst, ms }
}

const doc = { '@context': { name: 'https://schema.org/name' }, '@id': 'https://e.org/x', name: 'x' }

describe('JSON-LD worker pool', () => {
  const pool = createJsonLdPool({ size: 2, deadlineMs: 1_500, maxHeapMb: 128 })
  beforeAll(() => pool.ready())
  afterAll(() => pool.close())

  it('canonicalises exactly as the in-thread general path', async () => {
    expect(await pool.canonize(doc)).toBe(await canonizeGeneral(doc))
    const bomb = jsonLdBomb(20)
    expect(await pool.canonize(bomb)).toBe(await canonizeGeneral(bomb))
  })

  it('reports JSON-LD errors with the in-thread codes', async () => {
    const err = await pool.canonize({ '@context': 'https://unknown.example/ctx', name: 'x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CanonError)
    expect((err as CanonError).code).toBe('unknown_context')
  })

  for (const terms of [600, 1_200]) {
    it(`stops the issue's ${terms}-term reproducer within its deadline, without stalling the event loop`, async () => {
      const { value, lagMs, ms } = await withLoopLag(() => pool.canonize(jsonLdBomb(terms)))
      expect(value).toBeInstanceOf(CanonError)
      expect((value as CanonError).code).toBe('too_complex')
      expect(ms).toBeLessThan(2_000)
      expect(lagMs).toBeLessThan(500) // in-thread it is the whole expansion: seconds
      // The pool recovers: a fresh worker replaces the terminated one.
      await pool.ready()
      expect(await pool.canonize(doc)).toBe(await canonizeGeneral(doc))
    })
  }

  it('enforces the heap limit (a worker out of memory is a failed job, not a dead process)', async () => {
    const small = createJsonLdPool({ size: 1, deadlineMs: 20_000, maxHeapMb: 32 })
    try {
      await small.ready()
      const { value, ms } = await withLoopLag(() => small.canonize(jsonLdBomb(1_200)))
      expect(value).toBeInstanceOf(CanonError)
      expect((value as CanonError).message).toMatch(/memory limit/)
      expect(ms).toBeLessThan(20_000)
      expect(await small.canonize(doc)).toBe(await canonizeGeneral(doc))
    } finally {
      await small.close()
    }
  })

  it('bounds its queue and fails jobs at once when full', async () => {
    const tiny = createJsonLdPool({ size: 1, deadlineMs: 300, maxQueue: 1 })
    try {
      await tiny.ready()
      const first = tiny.canonize(jsonLdBomb(600)).catch((e: unknown) => e)
      const second = tiny.canonize(doc).catch((e: unknown) => e)
      const third = await tiny.canonize(doc).catch((e: unknown) => e)
      expect((third as CanonError).code).toBe('busy')
      expect(((await first) as CanonError).code).toBe('too_complex')
      await second
    } finally {
      await tiny.close()
    }
  })
})
