/**
 * A deterministic, seeded synthetic city for benchmarks and tests (pathways and insights issues). Pure: no clock,
 * no I/O, no global randomness. Every entity is a plain object; the big collections are generators that derive
 * entity i from (seed, kind, i) alone, so 1,000,000 awards stream in constant memory and any slice can be
 * regenerated without the rest.
 *
 *   const city = syntheticCity({ seed: 42, learners: 100_000, awards: 1_000_000, pathways: 500, followings: 300_000 })
 *   city.organisations, city.badgeClasses, city.spine, city.areas    small arrays, built eagerly
 *   for (const a of city.awards()) ...                                 streamed; likewise learners(), pathways(),
 *                                                                      followings(), opportunities()
 *
 * Shapes follow the domain: awards carry the badge family, issuing organisation, date, and (through their badge
 * class) spine selection and themes, i.e. exactly the evidence `evaluateTree` reads; pathways carry requirement
 * trees that pass `validateRequirementTree`. Loaders into PostgreSQL come later, when the tables exist.
 */
import type { RequirementNode } from '../pathways/tree.js'
import { defaultElements, defaultThemes } from '../spine/defaults.js'
import type { Dimension, Level, SpineSelection } from '../spine/model.js'

export interface SyntheticCityOptions {
  seed: number
  learners?: number
  organisations?: number
  badgeClassesPerOrganisation?: number
  awards?: number
  pathways?: number
  followings?: number
  opportunities?: number
  sessionsPerOpportunity?: number
  areas?: number
  /** ISO dates bounding award and session dates. */
  from?: string
  to?: string
}

export interface SyntheticArea { code: string; name: string; decile: number; lat: number; lon: number }
export interface SyntheticOrganisation { id: string; name: string; kind: 'school' | 'college' | 'youth' | 'employer' | 'museum' | 'council'; area: string }
export interface SyntheticBadgeClass { id: string; familyId: string; organisationId: string; name: string; spine: SpineSelection; themes: string[] }
export interface SyntheticLearner { id: string; ageBand: '11-13' | '14-16' | '17-19' | '20-25'; age: number; area: string; createdOn: string }
export interface SyntheticAward {
  id: string
  learnerId: string
  badgeClassId: string
  badgeFamilyId: string
  organisationId: string
  issuedOn: string
}
export interface SyntheticPathway {
  id: string
  kind: 'recommended' | 'interest'
  organisationId?: string
  learnerId?: string
  title: string
  themes: string[]
  requirements: RequirementNode
}
export interface SyntheticFollowing { learnerId: string; pathwayId: string; startedOn: string }
export interface SyntheticOpportunity {
  id: string
  organisationId: string
  kind: 'workshop' | 'course' | 'volunteering' | 'interview' | 'event'
  title: string
  area: string
  lat: number
  lon: number
  ageMin: number
  ageMax: number
  capacity: number
  cost: number
  themes: string[]
  badgeClassIds: string[]
  sessions: { id: string; startsAt: string }[]
}

export interface SyntheticCity {
  options: Required<SyntheticCityOptions>
  areas: SyntheticArea[]
  organisations: SyntheticOrganisation[]
  badgeClasses: SyntheticBadgeClass[]
  spine: { elements: string[]; descendantsOf: (code: string) => string[] }
  themes: string[]
  learners(): Generator<SyntheticLearner>
  awards(): Generator<SyntheticAward>
  pathways(): Generator<SyntheticPathway>
  followings(): Generator<SyntheticFollowing>
  opportunities(): Generator<SyntheticOpportunity>
}

const DEFAULTS = {
  learners: 1000, organisations: 20, badgeClassesPerOrganisation: 5, awards: 10_000, pathways: 20, followings: 3000,
  opportunities: 100, sessionsPerOpportunity: 3, areas: 30, from: '2025-01-01', to: '2026-12-31',
} as const

const LEVELS: Level[] = ['engagement', 'participation', 'demonstration', 'leadership']
const DIMENSIONS: Dimension[] = ['knowledge', 'skills', 'attitudes-values']
const AGE_BANDS = [['11-13', 11, 13], ['14-16', 14, 16], ['17-19', 17, 19], ['20-25', 20, 25]] as const
const ORG_KINDS: SyntheticOrganisation['kind'][] = ['school', 'college', 'youth', 'employer', 'museum', 'council']
const OPP_KINDS: SyntheticOpportunity['kind'][] = ['workshop', 'course', 'volunteering', 'interview', 'event']
const DAY = 86_400_000

/** Builds the city description; nothing large is generated until a generator is iterated. */
export function syntheticCity(opts: SyntheticCityOptions): SyntheticCity {
  const o: Required<SyntheticCityOptions> = { ...DEFAULTS, ...opts }
  for (const k of ['learners', 'organisations', 'badgeClassesPerOrganisation', 'awards', 'pathways', 'followings', 'opportunities', 'sessionsPerOpportunity', 'areas'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new RangeError(`${k} must be a whole number >= 0`)
  }
  if (o.organisations < 1 || o.badgeClassesPerOrganisation < 1 || o.areas < 1) throw new RangeError('a city needs at least one organisation, badge class and area')
  const from = Date.parse(`${o.from}T00:00:00Z`)
  const to = Date.parse(`${o.to}T00:00:00Z`)
  if (!(to > from)) throw new RangeError('to must be after from')
  const span = Math.floor((to - from) / DAY)
  const rng = (kind: string, i: number) => stream(o.seed, kind, i)
  const iso = (day: number) => new Date(from + day * DAY).toISOString().slice(0, 10)

  const areas: SyntheticArea[] = Array.from({ length: o.areas }, (_, i) => {
    const r = rng('area', i)
    return { code: `E0100${String(i).padStart(4, '0')}`, name: `Area ${i + 1}`, decile: 1 + r.int(10), lat: 50.35 + r.next() * 0.1, lon: -4.2 + r.next() * 0.15 }
  })
  const organisations: SyntheticOrganisation[] = Array.from({ length: o.organisations }, (_, i) => {
    const r = rng('org', i)
    const kind = r.pick(ORG_KINDS)
    return { id: `org-${i}`, name: `${capitalise(kind)} ${i + 1}`, kind, area: r.pick(areas).code }
  })
  const elements = defaultElements().filter((e) => e.status === 'active').map((e) => e.code)
  const parent = new Map(defaultElements().map((e) => [e.code, e.parentCode]))
  const descendantsOf = (code: string) => elements.filter((c) => {
    for (let p = parent.get(c), hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++) if (p === code) return true
    return false
  })
  const themes = defaultThemes().map((t) => t.code)
  const badgeClasses: SyntheticBadgeClass[] = organisations.flatMap((org, oi) => Array.from({ length: o.badgeClassesPerOrganisation }, (_, k) => {
    const i = oi * o.badgeClassesPerOrganisation + k
    const r = rng('badgeClass', i)
    const spine: SpineSelection = {
      elements: unique([r.pick(elements), ...(r.next() < 0.3 ? [r.pick(elements)] : [])]),
      level: LEVELS[Math.min(3, Math.floor(r.next() ** 1.5 * 4))] as Level,
      dimensions: unique([r.pick(DIMENSIONS), ...(r.next() < 0.4 ? [r.pick(DIMENSIONS)] : [])]),
    }
    return { id: `bc-${i}`, familyId: `fam-${i}`, organisationId: org.id, name: `Badge ${i + 1}`, spine, themes: r.next() < 0.6 ? [r.pick(themes)] : [] }
  }))
  // Popular badge classes: a Zipf-like skew so some cells are large and many are small (what disclosure must face).
  const popularity = (r: Rng) => badgeClasses[Math.min(badgeClasses.length - 1, Math.floor(badgeClasses.length * r.next() ** 2.2))] as SyntheticBadgeClass

  function* learners(): Generator<SyntheticLearner> {
    for (let i = 0; i < o.learners; i++) {
      const r = rng('learner', i)
      const [ageBand, lo, hi] = r.pick(AGE_BANDS)
      yield { id: learnerId(i), ageBand, age: lo + r.int(hi - lo + 1), area: r.pick(areas).code, createdOn: iso(r.int(span)) }
    }
  }
  function* awards(): Generator<SyntheticAward> {
    for (let i = 0; i < o.awards; i++) {
      const r = rng('award', i)
      const bc = popularity(r)
      yield {
        id: `aw-${i}`, learnerId: learnerId(o.learners === 0 ? 0 : r.int(o.learners)), badgeClassId: bc.id, badgeFamilyId: bc.familyId,
        organisationId: bc.organisationId, issuedOn: iso(r.int(span)),
      }
    }
  }
  function* pathways(): Generator<SyntheticPathway> {
    for (let i = 0; i < o.pathways; i++) {
      const r = rng('pathway', i)
      const interest = r.next() < 0.2 && o.learners > 0
      const children: RequirementNode[] = Array.from({ length: 2 + r.int(4) }, () => leaf(r))
      const requirements: RequirementNode = r.next() < 0.5
        ? { type: 'all', children }
        : { type: 'all', children: [children[0] as RequirementNode, { type: 'atLeast', n: 1 + r.int(children.length - 1), children: children.slice(1) }] }
      if (r.next() < 0.2) requirements.within = 'P24M'
      if (r.next() < 0.1) requirements.ordered = true
      yield {
        id: `pw-${i}`, kind: interest ? 'interest' : 'recommended',
        ...(interest ? { learnerId: learnerId(r.int(o.learners)) } : { organisationId: r.pick(organisations).id }),
        title: `Pathway ${i + 1}`, themes: [r.pick(themes)], requirements,
      }
    }
  }
  const leaf = (r: Rng): RequirementNode => {
    const x = r.next()
    if (x < 0.5) return { type: 'badge', badgeClassId: popularity(r).id }
    if (x < 0.8) return { type: 'skill', element: r.pick(elements), count: 1 + r.int(2), ...(r.next() < 0.5 ? { minLevel: r.pick(LEVELS) } : {}) }
    if (x < 0.9) return { type: 'theme', theme: r.pick(themes), count: 1 + r.int(2) }
    return { type: 'opportunity', kind: r.pick(OPP_KINDS), attended: 1 }
  }
  function* followings(): Generator<SyntheticFollowing> {
    if (o.learners === 0 || o.pathways === 0) return
    const max = Math.min(o.followings, o.learners * o.pathways)
    for (let i = 0; i < max; i++) {
      // Learner i mod L follows its k-th pathway, k = floor(i / L): pairs are unique with no memory.
      const l = i % o.learners
      const k = Math.floor(i / o.learners)
      const r = rng('following', i)
      yield { learnerId: learnerId(l), pathwayId: `pw-${(hash32(`${o.seed}:${l}`) + k) % o.pathways}`, startedOn: iso(r.int(span)) }
    }
  }
  function* opportunities(): Generator<SyntheticOpportunity> {
    for (let i = 0; i < o.opportunities; i++) {
      const r = rng('opportunity', i)
      const org = r.pick(organisations)
      const area = r.pick(areas)
      const [, lo, hi] = r.pick(AGE_BANDS)
      const start = r.int(span)
      const kind = r.pick(OPP_KINDS)
      yield {
        id: `op-${i}`, organisationId: org.id, kind, title: `${capitalise(kind)} ${i + 1}`, area: area.code,
        lat: area.lat + (r.next() - 0.5) * 0.01, lon: area.lon + (r.next() - 0.5) * 0.01,
        ageMin: lo, ageMax: hi + r.int(3), capacity: 5 + r.int(40), cost: r.next() < 0.7 ? 0 : 5 * (1 + r.int(10)),
        themes: [r.pick(themes)], badgeClassIds: unique([popularity(r).id]),
        sessions: Array.from({ length: o.sessionsPerOpportunity }, (_, s) => ({ id: `op-${i}-s${s}`, startsAt: `${iso(Math.min(span, start + s * 7))}T${String(9 + r.int(9)).padStart(2, '0')}:00:00Z` })),
      }
    }
  }
  return { options: o, areas, organisations, badgeClasses, spine: { elements, descendantsOf }, themes, learners, awards, pathways, followings, opportunities }
}

const learnerId = (i: number) => `ln-${i}`
const unique = <T>(xs: T[]): T[] => [...new Set(xs)]
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

interface Rng { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T }

/** A small PRNG (mulberry32) seeded from (seed, kind, index): entity i never depends on entity i - 1. */
function stream(seed: number, kind: string, index: number): Rng {
  let a = hash32(`${seed}:${kind}:${index}`)
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number] }
}

function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h >>> 0
}
