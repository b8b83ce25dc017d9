/**
 * Recommendation scoring: for one learner's gap, rank badge classes and upcoming opportunities, each with the
 * human reasons behind its place. Explainable and pure: no model, no clock (`now` is passed in), no I/O.
 *
 *   const ranked = recommend({ gap, learner, badgeClasses, opportunities, now, descendantsOf })
 *   ranked[0] -> { kind: 'opportunity', id, score, closes: 2, reasons: ['closes 2 of 5 missing steps', '1.2 km', 'Saturday', 'free'] }
 *
 * The gap is (1) the missing leaves of a pathway's tree (from {@link evaluateTree}) and (2) the spine elements of a
 * destination the learner does not hold yet, each weighted by the level the destination asks for
 * (engagement 1, participation 2, demonstration 3, leadership 4).
 *
 * Order, most important first (a lexicographic comparison, so no weight tuning can break it):
 *   1. missing steps closed (a candidate closes a missing leaf when the award it leads to would count for it)
 *   2. destination gap weight covered
 *   3. practical fit, 0..40: nearer (10 at 0 km, 0 from 20 km), sooner (10 today, 0 from 60 days), free (+10),
 *      places left (+5), an entry-level step for a learner with no awards yet (+5 engagement, +3 participation)
 *   4. id, for determinism
 * Opportunities that have started, are full, or whose age range excludes the learner are left out. A learner with
 * no gap at all (no pathway, no destination) still gets a sensible list: entry-level, near, soon, free first.
 */
import { LEVELS, type Level, type SpineSelection } from '../spine/model.js'
import type { MissingStep } from './evaluate.js'
import type { LeafNode } from './tree.js'

export interface GapElement {
  element: string
  /** The level the destination asks for. */
  level: Level
}

export interface LearnerGap {
  /** Missing leaves (e.g. `evaluateTree(...).next`); empty when there is no pathway. */
  missing: readonly MissingStep[]
  /** Destination elements the learner lacks; empty when there is no destination. */
  destination?: readonly GapElement[]
  /** Shown in reasons: `covers 2 skills for Digital apprenticeship`. */
  destinationTitle?: string
}

export interface GeoPoint { lat: number; lon: number }

export interface LearnerProfile {
  /** Age in whole years, when known. */
  age?: number
  /** Centre of the learner's area, when known. */
  location?: GeoPoint
  /** Badge families the learner already holds: never recommended again. */
  heldFamilies?: readonly string[]
  /** True when the learner holds no award yet. */
  noAwards?: boolean
}

export interface BadgeCandidate {
  id: string
  /** Family id (defaults to id). */
  familyId?: string
  name: string
  spine?: SpineSelection
  themes?: readonly string[]
}

export interface OpportunityCandidate {
  id: string
  title: string
  kind?: string
  /** ISO 8601 start of the next session. */
  startsAt: string
  location?: GeoPoint
  ageMin?: number
  ageMax?: number
  /** Undefined: unlimited. */
  placesLeft?: number
  /** 0 is free; undefined is unknown. */
  cost?: number
  /** Badge classes awarded for taking part. */
  badgeClasses?: readonly BadgeCandidate[]
  themes?: readonly string[]
}

export interface RecommendInput {
  gap: LearnerGap
  learner: LearnerProfile
  badgeClasses: readonly BadgeCandidate[]
  opportunities: readonly OpportunityCandidate[]
  now: number | string
  descendantsOf: (code: string) => Iterable<string>
  /** Family of a badge class id named by a badge leaf; defaults to the id. */
  familyOf?: (badgeClassId: string) => string
  /** Time zone for weekday names (default Europe/London). */
  timeZone?: string
  /** How many results (default 20). */
  limit?: number
}

export interface Recommendation {
  kind: 'badgeClass' | 'opportunity'
  id: string
  title: string
  /** Missing steps this would close. */
  closes: number
  /** Destination gap weight covered. */
  gapWeight: number
  /** Practical fit, 0..40. */
  practical: number
  /** One number for display, consistent with the order: closes x 1e6 + gapWeight x 1e3 + practical. */
  score: number
  reasons: string[]
  /** Paths of the missing leaves it closes. */
  closesPaths: string[]
  distanceKm?: number
}

const LEVEL_RANK = new Map<Level, number>(LEVELS.map((l, i) => [l.value, i]))
const DAY = 24 * 3600 * 1000

/** Ranks badge classes and opportunities for a learner's gap. */
export function recommend(input: RecommendInput): Recommendation[] {
  const now = typeof input.now === 'number' ? input.now : Date.parse(input.now)
  if (!Number.isFinite(now)) throw new TypeError('recommend: now must be a valid instant')
  const familyOf = input.familyOf ?? ((id: string) => id)
  const held = new Set(input.learner.heldFamilies ?? [])
  const cache = new Map<string, ReadonlySet<string>>()
  const under = (code: string) => {
    let s = cache.get(code)
    if (!s) cache.set(code, (s = new Set([code, ...input.descendantsOf(code)])))
    return s
  }
  const missingTotal = input.gap.missing.length
  const ctx: ScoreContext = { gap: input.gap, familyOf, under, held }

  const out: Recommendation[] = []
  for (const b of input.badgeClasses) {
    if (held.has(b.familyId ?? b.id)) continue
    const c = contribution([b], undefined, ctx)
    let practical = 0
    if (input.learner.noAwards === true) practical += entryBonus([b])
    out.push(finish('badgeClass', b.id, b.name, c, practical, missingTotal, input.gap, []))
  }
  for (const o of input.opportunities) {
    const starts = Date.parse(o.startsAt)
    if (!Number.isFinite(starts) || starts < now) continue
    if (o.placesLeft !== undefined && o.placesLeft <= 0) continue
    const age = input.learner.age
    if (age !== undefined && ((o.ageMin !== undefined && age < o.ageMin) || (o.ageMax !== undefined && age > o.ageMax))) continue
    const badges = (o.badgeClasses ?? []).filter((b) => !held.has(b.familyId ?? b.id))
    const c = contribution(badges, o, ctx)
    const reasons: string[] = []
    let practical = 0
    let distanceKm: number | undefined
    if (input.learner.location && o.location) {
      distanceKm = haversineKm(input.learner.location, o.location)
      practical += 10 * Math.max(0, 1 - distanceKm / 20)
      reasons.push(formatKm(distanceKm))
    }
    const days = (starts - now) / DAY
    practical += 10 * Math.max(0, 1 - days / 60)
    reasons.push(whenText(starts, now, input.timeZone ?? 'Europe/London'))
    if (o.cost === 0) {
      practical += 10
      reasons.push('free')
    }
    if (o.placesLeft !== undefined) {
      practical += 5
      reasons.push(o.placesLeft === 1 ? '1 place left' : `${o.placesLeft} places left`)
    }
    if (o.ageMin !== undefined || o.ageMax !== undefined) reasons.push(ageText(o.ageMin, o.ageMax))
    if (input.learner.noAwards === true) practical += entryBonus(badges)
    const r = finish('opportunity', o.id, o.title, c, practical, missingTotal, input.gap, reasons)
    if (distanceKm !== undefined) r.distanceKm = Math.round(distanceKm * 10) / 10
    out.push(r)
  }
  return out.sort(compareRecommendations).slice(0, input.limit ?? 20)
}

/** The order of {@link recommend}: closes, then gap weight, then practical fit, then kind and id. */
export function compareRecommendations(a: Recommendation, b: Recommendation): number {
  return b.closes - a.closes || b.gapWeight - a.gapWeight || b.practical - a.practical ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

interface ScoreContext {
  gap: LearnerGap
  familyOf: (id: string) => string
  under: (code: string) => ReadonlySet<string>
  held: ReadonlySet<string>
}

interface Contribution { closesPaths: string[]; gapWeight: number; gapElements: number }

/** What taking part would add: the missing leaves closed and the destination elements covered. */
function contribution(badges: readonly BadgeCandidate[], opportunity: OpportunityCandidate | undefined, ctx: ScoreContext): Contribution {
  const closesPaths: string[] = []
  for (const step of ctx.gap.missing) {
    if (badges.some((b) => closesLeaf(step.leaf, b, ctx)) || (opportunity !== undefined && step.leaf.type === 'opportunity' &&
      (step.leaf.kind === undefined || step.leaf.kind === opportunity.kind))) {
      closesPaths.push(step.path)
    }
  }
  let gapWeight = 0
  let gapElements = 0
  for (const g of ctx.gap.destination ?? []) {
    const covering = badges.some((b) => b.spine !== undefined &&
      (LEVEL_RANK.get(b.spine.level) ?? -1) >= (LEVEL_RANK.get(g.level) ?? 0) &&
      b.spine.elements.some((code) => ctx.under(g.element).has(code)))
    if (covering) {
      gapWeight += (LEVEL_RANK.get(g.level) ?? 0) + 1
      gapElements++
    }
  }
  return { closesPaths, gapWeight, gapElements }
}

/** True when an award of `b` would count for the leaf (time windows aside). */
function closesLeaf(leaf: LeafNode, b: BadgeCandidate, ctx: ScoreContext): boolean {
  switch (leaf.type) {
    case 'badge':
      return ctx.familyOf(leaf.badgeClassId) === (b.familyId ?? b.id)
    case 'skill': {
      const s = b.spine
      if (s === undefined) return false
      if (leaf.minLevel !== undefined && (LEVEL_RANK.get(s.level) ?? -1) < (LEVEL_RANK.get(leaf.minLevel) ?? 0)) return false
      if (leaf.dimension !== undefined && !s.dimensions.includes(leaf.dimension)) return false
      const codes = ctx.under(leaf.element)
      return s.elements.some((c) => codes.has(c))
    }
    case 'theme':
      return b.themes?.includes(leaf.theme) === true
    default:
      return false
  }
}

function entryBonus(badges: readonly BadgeCandidate[]): number {
  const ranks = badges.map((b) => (b.spine ? (LEVEL_RANK.get(b.spine.level) ?? 9) : 9))
  const best = Math.min(9, ...ranks)
  return best === 0 ? 5 : best === 1 ? 3 : 0
}

function finish(kind: Recommendation['kind'], id: string, title: string, c: Contribution, practical: number,
  missingTotal: number, gap: LearnerGap, practicalReasons: string[]): Recommendation {
  const reasons: string[] = []
  const closes = c.closesPaths.length
  if (closes > 0) reasons.push(`closes ${closes} of ${missingTotal} missing step${missingTotal === 1 ? '' : 's'}`)
  if (c.gapElements > 0) {
    const what = `${c.gapElements} skill${c.gapElements === 1 ? '' : 's'}`
    reasons.push(gap.destinationTitle ? `covers ${what} for ${gap.destinationTitle}` : `covers ${what} you do not have yet`)
  }
  reasons.push(...practicalReasons)
  const p = Math.round(practical * 100) / 100
  return {
    kind, id, title, closes, gapWeight: c.gapWeight, practical: p,
    score: closes * 1e6 + c.gapWeight * 1e3 + p,
    reasons, closesPaths: c.closesPaths,
  }
}

/** Great-circle distance in km. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** `350 m`, `1.2 km`, `14 km`. */
export function formatKm(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`
  if (km < 10) return `${(Math.round(km * 10) / 10).toFixed(1)} km`
  return `${Math.round(km)} km`
}

/** `today`, `tomorrow`, a weekday within the coming week (`Saturday`), else `12 Dec`. */
export function whenText(at: number, now: number, timeZone: string): string {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
  const d0 = Date.parse(`${day(now)}T00:00:00Z`)
  const d1 = Date.parse(`${day(at)}T00:00:00Z`)
  const diff = Math.round((d1 - d0) / DAY)
  if (diff === 0) return 'today'
  if (diff === 1) return 'tomorrow'
  if (diff > 1 && diff < 7) return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' }).format(at)
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(at)
}

function ageText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `ages ${min}–${max}`
  if (min !== undefined) return `ages ${min}+`
  return `up to age ${max as number}`
}
