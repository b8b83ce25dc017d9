import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateTree } from './evaluate.js'
import { compareRecommendations, formatKm, haversineKm, recommend, whenText, type BadgeCandidate, type OpportunityCandidate, type RecommendInput } from './recommend.js'
import { descendantsOf } from './test-arbitraries.js'
import type { RequirementNode } from './tree.js'

// Saturday 5 December 2026 is 5 days after this Monday.
const NOW = Date.parse('2026-11-30T09:00:00Z')
const home = { lat: 50.3755, lon: -4.1427 } // Plymouth centre
const near = { lat: 50.3755, lon: -4.1259 } // ~1.2 km east
const far = { lat: 50.5, lon: -3.6 }

const tree: RequirementNode = {
  type: 'all', children: [
    { type: 'badge', badgeClassId: 'code-club' },
    { type: 'skill', element: 'e.a', minLevel: 'participation' },
    { type: 'theme', theme: 't1' },
    { type: 'opportunity', kind: 'workshop', attended: 1 },
    { type: 'badge', badgeClassId: 'first-aid' },
  ],
}
const missing = evaluateTree(tree, { evidence: { awards: [] }, now: NOW, descendantsOf }).next

const badges: BadgeCandidate[] = [
  { id: 'code-club', name: 'Code club', spine: { elements: ['e.a.x'], level: 'participation', dimensions: ['skills'] }, themes: ['t1'] },
  { id: 'first-aid', name: 'First aid', spine: { elements: ['g'], level: 'engagement', dimensions: ['skills'] } },
  { id: 'unrelated', name: 'Unrelated', spine: { elements: ['g'], level: 'leadership', dimensions: ['knowledge'] } },
]
const opp = (o: Partial<OpportunityCandidate> & { id: string }): OpportunityCandidate =>
  ({ title: o.id, startsAt: '2026-12-05T10:00:00Z', ...o })

const base = (over: Partial<RecommendInput> = {}): RecommendInput => ({
  gap: { missing },
  learner: { location: home, age: 15 },
  badgeClasses: badges,
  opportunities: [],
  now: NOW,
  descendantsOf,
  ...over,
})

describe('recommend', () => {
  it('ranks by missing steps closed first, and explains why', () => {
    const r = recommend(base({
      opportunities: [
        opp({ id: 'saturday-code-workshop', kind: 'workshop', location: near, cost: 0, placesLeft: 4, badgeClasses: [badges[0] as BadgeCandidate] }),
        opp({ id: 'far-first-aid', kind: 'course', location: far, cost: 20, badgeClasses: [badges[1] as BadgeCandidate] }),
      ],
    }))
    expect(r[0]).toMatchObject({ kind: 'opportunity', id: 'saturday-code-workshop', closes: 4 })
    expect(r[0]?.reasons).toEqual(['closes 4 of 5 missing steps', '1.2 km', 'Saturday', 'free', '4 places left', ])
    expect(r[1]).toMatchObject({ kind: 'badgeClass', id: 'code-club', closes: 3 })
    expect(r.find((x) => x.id === 'unrelated')).toMatchObject({ closes: 0 })
    expect(r.at(-1)?.id).toBe('unrelated')
  })

  it('leaves out started, full and age-inappropriate opportunities, and families the learner holds', () => {
    const r = recommend(base({
      learner: { location: home, age: 15, heldFamilies: ['first-aid'] },
      opportunities: [
        opp({ id: 'past', startsAt: '2026-11-29T10:00:00Z', kind: 'workshop' }),
        opp({ id: 'full', placesLeft: 0, kind: 'workshop' }),
        opp({ id: 'adults', ageMin: 18, kind: 'workshop' }),
        opp({ id: 'ok', ageMin: 14, ageMax: 19, kind: 'workshop' }),
      ],
    }))
    expect(r.map((x) => x.id)).not.toContain('past')
    expect(r.map((x) => x.id)).not.toContain('full')
    expect(r.map((x) => x.id)).not.toContain('adults')
    expect(r.map((x) => x.id)).not.toContain('first-aid')
    expect(r.find((x) => x.id === 'ok')?.reasons).toContain('ages 14–19')
  })

  it('covers a destination gap weighted by level', () => {
    const r = recommend(base({
      gap: { missing: [], destination: [{ element: 'e', level: 'participation' }, { element: 'g', level: 'leadership' }], destinationTitle: 'Digital apprenticeship' },
    }))
    expect(r.map((x) => [x.id, x.gapWeight])).toEqual([['unrelated', 4], ['code-club', 2], ['first-aid', 0]])
    expect(r[0]?.reasons).toEqual(['covers 1 skill for Digital apprenticeship'])
  })

  it('gives a learner with no awards and no gap sensible suggestions: entry level, near, soon, free', () => {
    const r = recommend(base({
      gap: { missing: [] },
      learner: { location: home, noAwards: true },
      opportunities: [
        opp({ id: 'far-paid-later', location: far, cost: 30, startsAt: '2027-03-01T10:00:00Z' }),
        opp({ id: 'near-free-soon', location: near, cost: 0, badgeClasses: [badges[1] as BadgeCandidate] }),
      ],
    }))
    expect(r.length).toBeGreaterThan(0)
    expect(r[0]?.id).toBe('near-free-soon')
    expect(r.findIndex((x) => x.id === 'first-aid')).toBeLessThan(r.findIndex((x) => x.id === 'unrelated'))
  })

  it('formats distances and days for people', () => {
    expect(formatKm(haversineKm(home, near))).toBe('1.2 km')
    expect(formatKm(0.34)).toBe('340 m')
    expect(formatKm(14.4)).toBe('14 km')
    expect(whenText(Date.parse('2026-11-30T18:00:00Z'), NOW, 'Europe/London')).toBe('today')
    expect(whenText(Date.parse('2026-12-01T18:00:00Z'), NOW, 'Europe/London')).toBe('tomorrow')
    expect(whenText(Date.parse('2026-12-05T10:00:00Z'), NOW, 'Europe/London')).toBe('Saturday')
    expect(whenText(Date.parse('2026-12-12T10:00:00Z'), NOW, 'Europe/London')).toBe('12 Dec')
  })

  it('property: closing more missing steps never ranks lower, all else equal', () => {
    const leafArb = fc.constantFrom<RequirementNode>(
      { type: 'theme', theme: 't1' }, { type: 'theme', theme: 't2' }, { type: 'skill', element: 'e' }, { type: 'badge', badgeClassId: 'x' })
    fc.assert(fc.property(fc.array(leafArb, { minLength: 1, maxLength: 6 }), fc.subarray(['t1', 't2']), fc.constantFrom('t1', 't2'),
      fc.double({ min: 0, max: 30, noNaN: true }), fc.integer({ min: 0, max: 90 }), fc.boolean(),
      (leaves, themes, extraTheme, km, days, free) => {
        const gapMissing = evaluateTree({ type: 'all', children: leaves }, { evidence: { awards: [] }, now: NOW, descendantsOf }).next
        const place = { lat: home.lat, lon: home.lon + km / 71 }
        const startsAt = new Date(NOW + (days + 1) * 86_400_000).toISOString()
        const mk = (id: string, th: string[]): OpportunityCandidate =>
          ({ id, title: id, startsAt, location: place, ...(free ? { cost: 0 } : {}), badgeClasses: [{ id: `${id}-badge`, name: id, themes: th }] })
        const fewer = mk('a-fewer', themes)
        const more = mk('b-more', [...new Set([...themes, extraTheme])])
        const r = recommend(base({ gap: { missing: gapMissing }, badgeClasses: [], opportunities: [fewer, more] }))
        const [rf, rm] = [r.find((x) => x.id === 'a-fewer'), r.find((x) => x.id === 'b-more')]
        expect(rm!.closes).toBeGreaterThanOrEqual(rf!.closes)
        if (rm!.closes > rf!.closes) expect(r.indexOf(rm!)).toBeLessThan(r.indexOf(rf!))
        expect(compareRecommendations(rm!, rf!) <= 0 || rm!.closes === rf!.closes).toBe(true)
      }), { numRuns: 300 })
  })

  it('property: deterministic, and nearer or sooner never ranks lower, all else equal', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }),
      (km1, km2, d1, d2) => {
        const mk = (id: string, km: number, d: number): OpportunityCandidate =>
          ({ id, title: id, location: { lat: home.lat, lon: home.lon + km / 71 }, startsAt: new Date(NOW + (d + 1) * 86_400_000).toISOString() })
        const input = base({ gap: { missing: [] }, badgeClasses: [], opportunities: [mk('a', km1, d1), mk('b', km2, d2)] })
        const r = recommend(input)
        expect(recommend(input)).toEqual(r)
        const [a, b] = [r.find((x) => x.id === 'a')!, r.find((x) => x.id === 'b')!]
        if (km1 <= km2 && d1 <= d2) expect(a.practical).toBeGreaterThanOrEqual(b.practical)
      }), { numRuns: 300 })
  })
})
