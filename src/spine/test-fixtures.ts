// Test-only helpers shared by the spine tests (not exported from index.ts).
import { ELEMENT_KINDS, type Layer, type SpineElement } from './model.js'

/** Deterministic PRNG (mulberry32) so generated fixtures are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = ['resilience', 'Zusammenarbeit', 'créativité', 'cydweithio', '協力', 'مهارة', 'coding 💡', 'care & craft', 'leadership']

/**
 * A valid tree of `n` elements spread over two layers, parents always earlier and in the same layer, with optional
 * descriptions, kinds and mappings (with and without URLs), retired subtrees and versions above 1.
 */
export function generateTree(n: number, seed = 42): SpineElement[] {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const out: SpineElement[] = []
  const byLayer: Record<string, SpineElement[]> = { city: [], strategic: [] }
  for (let i = 0; i < n; i++) {
    const layer: Layer = i % 3 === 0 ? 'strategic' : 'city'
    const pool = byLayer[layer] ?? []
    const parent = pool.length > 0 && rnd() > 0.1 ? pick(pool) : undefined
    const retired = parent?.status === 'retired' || rnd() < 0.05
    const el: SpineElement = {
      code: `${layer === 'city' ? 'gen' : 'frm'}.${i.toString(36)}-${pick(['a', 'b', 'c'])}`,
      layer,
      title: `${pick(WORDS)} ${i}`,
      status: retired ? 'retired' : 'active',
      version: 1 + Math.floor(rnd() * 4),
    }
    if (parent) el.parentCode = parent.code
    if (rnd() < 0.5) el.description = `${pick(WORDS)} — described "${i}"\nline two`
    if (rnd() < 0.7) el.kind = pick(ELEMENT_KINDS)
    if (rnd() < 0.3) {
      el.mappings = [{ framework: 'ESCO', url: `https://esco.example.org/skill/${i}`, code: `S${i}` }]
      if (rnd() < 0.5) el.mappings.push({ framework: 'Local framework', code: `L-${i}` })
    }
    out.push(el)
    pool.push(el)
  }
  return out
}
