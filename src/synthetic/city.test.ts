import { describe, expect, it } from 'vitest'
import { evaluateTree } from '../pathways/evaluate.js'
import { validateRequirementTree } from '../pathways/tree.js'
import { syntheticCity } from './city.js'

const take = <T>(g: Generator<T>, n: number): T[] => {
  const out: T[] = []
  for (const x of g) { if (out.length >= n) break; out.push(x) }
  return out
}

describe('syntheticCity', () => {
  const small = { seed: 7, learners: 500, awards: 5000, pathways: 30, followings: 1200, opportunities: 40 }

  it('is deterministic: the same seed gives the same city, another seed another city', () => {
    const a = syntheticCity(small)
    const b = syntheticCity(small)
    expect(b.badgeClasses).toEqual(a.badgeClasses)
    expect([...b.awards()]).toEqual([...a.awards()])
    expect([...b.pathways()]).toEqual([...a.pathways()])
    expect([...b.followings()]).toEqual([...a.followings()])
    expect([...b.opportunities()]).toEqual([...a.opportunities()])
    const c = syntheticCity({ ...small, seed: 8 })
    expect(take(c.awards(), 50)).not.toEqual(take(a.awards(), 50))
  })

  it('derives entity i from (seed, i) alone: a bigger city starts with the same entities', () => {
    const big = syntheticCity({ ...small, awards: 50_000 })
    expect(take(big.awards(), 5000)).toEqual([...syntheticCity(small).awards()])
  })

  it('has the requested sizes, unique ids and references that resolve', () => {
    const city = syntheticCity(small)
    const learners = [...city.learners()]
    const awards = [...city.awards()]
    const pathways = [...city.pathways()]
    const followings = [...city.followings()]
    const opportunities = [...city.opportunities()]
    expect([learners.length, awards.length, pathways.length, followings.length, opportunities.length]).toEqual([500, 5000, 30, 1200, 40])
    const learnerIds = new Set(learners.map((l) => l.id))
    const badgeIds = new Map(city.badgeClasses.map((b) => [b.id, b]))
    const orgIds = new Set(city.organisations.map((o) => o.id))
    const areaCodes = new Set(city.areas.map((a) => a.code))
    expect(learnerIds.size).toBe(500)
    expect(new Set(awards.map((a) => a.id)).size).toBe(5000)
    for (const l of learners) expect(areaCodes.has(l.area)).toBe(true)
    for (const a of awards) {
      expect(learnerIds.has(a.learnerId)).toBe(true)
      expect(badgeIds.get(a.badgeClassId)?.familyId).toBe(a.badgeFamilyId)
      expect(orgIds.has(a.organisationId)).toBe(true)
      expect(a.issuedOn >= '2025-01-01' && a.issuedOn <= '2026-12-31').toBe(true)
    }
    expect(new Set(followings.map((f) => `${f.learnerId}|${f.pathwayId}`)).size).toBe(1200)
    for (const o of opportunities) {
      expect(o.sessions).toHaveLength(3)
      for (const id of o.badgeClassIds) expect(badgeIds.has(id)).toBe(true)
    }
    for (const a of city.areas) expect(a.decile >= 1 && a.decile <= 10).toBe(true)
    // Skewed popularity: the most awarded badge class has many times the median.
    const perBadge = [...awards.reduce((m, a) => m.set(a.badgeClassId, (m.get(a.badgeClassId) ?? 0) + 1), new Map<string, number>()).values()].sort((x, y) => x - y)
    expect((perBadge.at(-1) as number) / (perBadge[Math.floor(perBadge.length / 2)] as number)).toBeGreaterThan(3)
  })

  it('makes pathways whose trees pass validation and evaluate against the awards', () => {
    const city = syntheticCity(small)
    const badgeIds = new Set(city.badgeClasses.map((b) => b.id))
    const elements = new Set(city.spine.elements)
    const byLearner = new Map<string, { id: string; badgeFamilyId: string; issuedOn: string }[]>()
    for (const a of city.awards()) byLearner.set(a.learnerId, [...(byLearner.get(a.learnerId) ?? []), a])
    const bc = new Map(city.badgeClasses.map((b) => [b.id, b]))
    let someProgress = false
    for (const p of city.pathways()) {
      const v = validateRequirementTree(p.requirements, { badgeClassExists: (id) => badgeIds.has(id), elementExists: (c) => elements.has(c), themeExists: (t) => city.themes.includes(t) })
      expect(v.ok).toBe(true)
      const awards = (byLearner.get('ln-1') ?? []).map((a) => ({ ...a, spine: bc.get(a.badgeFamilyId.replace('fam', 'bc'))?.spine, themes: bc.get(a.badgeFamilyId.replace('fam', 'bc'))?.themes }))
      const r = evaluateTree(p.requirements, { evidence: { awards }, now: '2027-01-01T00:00:00Z', descendantsOf: city.spine.descendantsOf, familyOf: (id) => bc.get(id)?.familyId ?? id })
      if (r.percent > 0) someProgress = true
    }
    expect(someProgress).toBe(true)
  })

  it('streams: a billion-award city yields its first award at once, and a million stream through', () => {
    const huge = syntheticCity({ seed: 1, learners: 100_000, awards: 1_000_000_000 })
    expect(huge.awards().next().value).toMatchObject({ id: 'aw-0' })
    let n = 0
    let last = ''
    for (const a of syntheticCity({ seed: 1, learners: 100_000, awards: 1_000_000 }).awards()) { n++; last = a.id }
    expect(n).toBe(1_000_000)
    expect(last).toBe('aw-999999')
  })

  it('refuses nonsense sizes and dates', () => {
    expect(() => syntheticCity({ seed: 1, learners: -1 })).toThrow(RangeError)
    expect(() => syntheticCity({ seed: 1, organisations: 0 })).toThrow(RangeError)
    expect(() => syntheticCity({ seed: 1, from: '2026-01-01', to: '2025-01-01' })).toThrow(RangeError)
  })
})
