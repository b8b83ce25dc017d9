import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { addEvent, addEvents } from '../../db/outbox.js'
import { isUuid, pageOf } from '../../db/page.js'
import * as repo from '../../db/pathways/pathways.repo.js'
import * as importsRepo from '../../db/learners/imports.repo.js'
import type { PathwayRow, PathwayVersionRow } from '../../db/pathways/pathways.types.js'
import { findLearner } from '../../db/learners/learners.repo.js'
import { findOrganisation } from '../../db/repos.js'
import { listAllCatalogue, listAllElements } from '../../db/spine/spine.repo.js'
import type { CityRow, Db } from '../../db/types.js'
import { evaluateTree, prepareEvidence, validateRequirementTree, type LearnerEvidence, type RequirementNode } from '../../pathways/index.js'
import type { MissingStep } from '../../pathways/evaluate.js'
import { recommend, type BadgeCandidate, type GapElement, type OpportunityCandidate } from '../../pathways/recommend.js'
import { LEVELS } from '../../spine/model.js'
import type { Dimension, Level } from '../../spine/model.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import type { AwardService } from '../badges/awards.js'
import { requireLearnerAccess } from '../learners/access.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { applyTexts, defaultLanguage, mapsOf, type TextInput, type Translations } from '../shared/i18n.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'

// Pathways (issue #10): recommended and interest pathways with versions, followers, and progress kept from the
// learner's awards by the pure evaluator in src/pathways/. Progress rows are derived data: `recompute` rebuilds a
// learner's rows from PostgreSQL whatever happened before (idempotent, at-least-once safe), and completion issues
// the completion badge through the award service with an idempotency key per (pathway, learner), so concurrent
// workers give one badge.

const SYSTEM: Principal = { keyId: 'pathways', role: 'platform-admin', cityId: null, organisationId: null }

export interface PathwayInput {
  kind: 'recommended' | 'interest'
  organisationId?: string | undefined
  learnerId?: string | undefined
  /** A string (the city's default language) or a map by language tag. */
  title: TextInput
  description?: TextInput | undefined
  destinations?: string[] | undefined
  themes?: string[] | undefined
  requirements: unknown
  completionBadgeClassId?: string | undefined
  /** The opportunity completion unlocks (not versioned: places are the pathway's); `null` in a PATCH removes it. */
  unlocks?: UnlockInput | null | undefined
}
export type PathwayPatch = Partial<Pick<PathwayInput, 'title' | 'description' | 'destinations' | 'themes' | 'requirements' | 'completionBadgeClassId' | 'unlocks'>>

export const AGE_BANDS = ['under-13', '13-15', '16-18', '19-24', '25-plus'] as const
export type AgeBand = typeof AGE_BANDS[number]
export interface Eligibility { ageBands?: AgeBand[] | undefined; areas?: string[] | undefined }
export interface UnlockInput { opportunityId: string; capacity?: number | null | undefined; eligibility?: Eligibility | undefined }
export interface Unlock { opportunityId: string; capacity?: number; eligibility: Eligibility; offered: number; placesLeft?: number }

export interface Pathway {
  id: string
  kind: 'recommended' | 'interest'
  organisationId?: string
  learnerId?: string
  status: 'draft' | 'published' | 'archived'
  version: number
  title: string
  description?: string
  destinations: string[]
  themes: string[]
  requirements: unknown
  completionBadgeClassId?: string
  unlocks?: Unlock
  /** Every language of title and description. */
  translations: Translations
  createdAt: string
  updatedAt: string
}

const toPathway = (city: CityRow, p: PathwayRow, v: PathwayVersionRow): Pathway => ({
  id: p.id,
  kind: p.kind,
  ...(p.organisation_id ? { organisationId: p.organisation_id } : {}),
  ...(p.learner_id ? { learnerId: p.learner_id } : {}),
  status: p.status,
  version: p.version,
  title: v.title,
  ...(v.description ? { description: v.description } : {}),
  destinations: v.destinations,
  themes: v.themes,
  requirements: v.requirements,
  ...(v.completion_badge_class_id ? { completionBadgeClassId: v.completion_badge_class_id } : {}),
  ...(p.unlock_opportunity_id ? { unlocks: unlockOf(p) } : {}),
  translations: mapsOf({ title: v.title, description: v.description }, v.translations, defaultLanguage(city)),
  createdAt: p.created_at.toISOString(),
  updatedAt: p.updated_at.toISOString(),
})

const unlockOf = (p: PathwayRow): Unlock => ({
  opportunityId: p.unlock_opportunity_id!,
  ...(p.unlock_capacity !== null ? { capacity: p.unlock_capacity, placesLeft: Math.max(0, p.unlock_capacity - p.unlock_offered) } : {}),
  eligibility: (p.unlock_eligibility ?? {}) as Eligibility,
  offered: p.unlock_offered,
})

/** Whether a learner meets an unlock's eligibility (every rule given must hold). */
export const eligible = (e: Eligibility, l: { age_band: string; area: string | null }): boolean =>
  (!e.ageBands?.length || (e.ageBands as string[]).includes(l.age_band)) && (!e.areas?.length || (l.area !== null && e.areas.includes(l.area)))

const AGE_OF_BAND: Record<string, number> = { 'under-13': 12, '13-15': 14, '16-18': 17, '19-24': 21, '25-plus': 30 }
const levelRank = (level: string | null): number => level === null ? -1 : LEVELS.findIndex((l) => l.value === level)

export interface PathwayDeps { db: Db; clock: () => Date; awards: AwardService; publicUrl: string; eventsWritten: () => void; log?: Logger }

export function createPathwayService (deps: PathwayDeps) {
  const { db } = deps

  /** The evaluator's spine lookups for a city: descendants of an element (itself included). */
  async function spineOf (cityId: string): Promise<{ descendantsOf: (code: string) => string[]; codes: Set<string>; themes: Set<string>; destinations: Set<string> }> {
    const rows = await listAllElements(db, cityId)
    const children = new Map<string, string[]>()
    for (const r of rows) if (r.parent_code) children.set(r.parent_code, [...(children.get(r.parent_code) ?? []), r.code])
    const cache = new Map<string, string[]>()
    const descendantsOf = (code: string): string[] => {
      const hit = cache.get(code)
      if (hit) return hit
      const out: string[] = []
      const stack = [code]
      while (stack.length) { const c = stack.pop()!; out.push(c); stack.push(...(children.get(c) ?? [])) }
      cache.set(code, out)
      return out
    }
    const themes = new Set((await listAllCatalogue(db, 'themes', cityId)).map((t) => t.code))
    const destinations = new Set((await listAllCatalogue(db, 'destinations', cityId)).map((t) => t.code))
    return { descendantsOf, codes: new Set(rows.map((r) => r.code)), themes, destinations }
  }

  /** Validates a tree against the city (badge classes, elements, themes, other pathways for cycles); 422 with paths. */
  async function checkTree (cityId: string, input: unknown, selfId?: string): Promise<RequirementNode> {
    const [spine, families, trees] = await Promise.all([spineOf(cityId), repo.familiesOf(db, cityId), repo.currentTrees(db, cityId)])
    const byId = new Map(trees.map((t) => [t.id, t.requirements as RequirementNode]))
    const v = validateRequirementTree(input, {
      badgeClassExists: (id) => families.has(id),
      elementExists: (c) => spine.codes.has(c),
      themeExists: (c) => spine.themes.has(c),
      pathwayTree: (id) => byId.get(id),
      ...(selfId ? { selfId } : {}),
    })
    if (!v.ok) throw new InvalidInput('the requirement tree is not valid', v.problems.map((p) => ({ field: `/requirements${p.path === '$' ? '' : p.path.replace(/^\$/, '').replace(/\.children\[(\d+)\]/g, '/children/$1').replace(/\./g, '/')}`, message: `${p.code}: ${p.message}` })))
    return v.tree
  }

  async function checkFields (cityId: string, f: PathwayPatch): Promise<void> {
    const spine = await spineOf(cityId)
    const fields: Array<{ field: string; message: string }> = []
    for (const d of f.destinations ?? []) if (!spine.destinations.has(d)) fields.push({ field: '/destinations', message: `unknown destination ${d}` })
    for (const t of f.themes ?? []) if (!spine.themes.has(t)) fields.push({ field: '/themes', message: `unknown theme ${t}` })
    if (f.completionBadgeClassId !== undefined) {
      const families = await repo.familiesOf(db, cityId)
      if (!isUuid(f.completionBadgeClassId) || !families.has(f.completionBadgeClassId)) fields.push({ field: '/completionBadgeClassId', message: 'no badge class with this id in this city' })
    }
    if (f.unlocks) {
      const u = f.unlocks
      if (!isUuid(u.opportunityId) || !(await repo.opportunityOfCity(db, cityId, u.opportunityId))) fields.push({ field: '/unlocks/opportunityId', message: 'no opportunity with this id in this city' })
      if (u.capacity !== undefined && u.capacity !== null && (!Number.isInteger(u.capacity) || u.capacity < 0 || u.capacity > 100_000)) fields.push({ field: '/unlocks/capacity', message: 'a whole number of places from 0 to 100000' })
      for (const b of u.eligibility?.ageBands ?? []) if (!(AGE_BANDS as readonly string[]).includes(b)) fields.push({ field: '/unlocks/eligibility/ageBands', message: `unknown age band ${b}` })
    }
    if (fields.length) throw new InvalidInput('pathway is invalid', fields)
  }

  /** The unlock columns of an input (undefined: unchanged; null: removed). */
  const unlockColumns = (u: UnlockInput | null | undefined) => u === undefined ? {} : u === null
    ? { unlock_opportunity_id: null, unlock_capacity: null, unlock_eligibility: '{}' }
    : { unlock_opportunity_id: u.opportunityId, unlock_capacity: u.capacity ?? null, unlock_eligibility: JSON.stringify({ ...(u.eligibility?.ageBands ? { ageBands: [...new Set(u.eligibility.ageBands)] } : {}), ...(u.eligibility?.areas ? { areas: [...new Set(u.eligibility.areas)] } : {}) }) }

  /** A pathway the caller may see: interest pathways only by their learner and learner managers. */
  async function visible (principal: Principal, city: CityRow, id: string): Promise<PathwayRow> {
    const p = isUuid(id) ? await repo.findPathway(db, city.id, id) : undefined
    if (!p) throw new NotFound('pathway', id)
    if (p.kind === 'interest' && (principal.role === 'learner' ? principal.learnerId !== p.learner_id : !['platform-admin', 'city-admin', 'app', 'reader'].includes(principal.role))) throw new NotFound('pathway', id)
    if (p.status === 'draft' && principal.role === 'issuer' && principal.organisationId !== p.organisation_id) throw new NotFound('pathway', id)
    return p
  }

  function requireWrite (principal: Principal, p: Pick<PathwayRow, 'kind' | 'organisation_id' | 'learner_id'>): void {
    if (p.kind === 'interest') return requireLearnerAccess(principal, p.learner_id!, 'make interest pathways')
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'manage pathways')
    if (p.organisation_id) requireOrganisationWrite(principal, p.organisation_id, 'manage this pathway')
    else if (principal.role === 'issuer') requireRole(principal, ['platform-admin', 'city-admin'], 'manage city pathways')
  }

  async function get (principal: Principal, city: CityRow, id: string): Promise<Pathway> {
    const p = await visible(principal, city, id)
    return toPathway(city, p, (await repo.findVersion(db, p.id, p.version))!)
  }

  // ---- progress ----------------------------------------------------------------------------------------------

  /**
   * Recomputes every progress row of one learner from PostgreSQL (their counting awards and completions), issues
   * completion badges that became due, and records broken completions. Idempotent.
   */
  async function recompute (cityId: string, learnerId: string): Promise<void> {
    await recomputeMany(cityId, [learnerId])
  }

  interface Completion { cityId: string; learnerId: string; pathwayId: string; version: number; v: PathwayVersionRow; contributing: string[] }

  /** What the evaluator needs of a city besides the learner: spine lookups and badge families. */
  interface CityContext {
    descendantsOf: (code: string) => string[]
    familyOf: (id: string) => string
    /** What an award of each badge class claims (family, spine, themes): built once, shared by all its awards. */
    claims: Map<string, ClassClaim>
  }
  interface ClassClaim { badgeFamilyId: string; spine?: LearnerEvidence['awards'][number]['spine']; themes: string[] }
  async function cityContext (cityId: string): Promise<CityContext> {
    const [spine, classes] = await Promise.all([spineOf(cityId), repo.classesOf(db, cityId)])
    const claims = new Map(classes.map((b): [string, ClassClaim] => [b.id, {
      badgeFamilyId: b.family_id, themes: b.themes,
      ...(b.spine_level ? { spine: { elements: b.spine_elements, level: b.spine_level as Level, dimensions: b.spine_dimensions as Dimension[] } } : {}),
    }]))
    return { descendantsOf: spine.descendantsOf, familyOf: (id) => claims.get(id)?.badgeFamilyId ?? id, claims }
  }

  /** The evidence of a batch of learners in six queries, whatever its size (those following nothing are left out). */
  async function loadBatch (learnerIds: readonly string[], now: Date) {
    const follows = await repo.followsOfMany(db, learnerIds)
    const ids = [...new Set(follows.map((f) => f.learner_id))]
    if (ids.length === 0) return { follows, ids, awards: [], completions: [], attendances: [], unlocks: [], imports: [] }
    const [awards, completions, attendances, unlocks, imports] = await Promise.all([
      repo.countingAwardsOfMany(db, ids, now), repo.completionsOfMany(db, ids), repo.attendancesOfMany(db, ids), repo.unlocksOfMany(db, ids),
      importsRepo.verifiedImportsOfMany(db, ids),
    ])
    return { follows, ids, awards, completions, attendances, unlocks, imports }
  }
  type Batch = Awaited<ReturnType<typeof loadBatch>>

  /** Fills `versions` (keyed `pathway:version`) with the versions a batch follows that it does not hold yet. */
  async function addVersions (batch: Batch, versions: Map<string, PathwayVersionRow>): Promise<void> {
    const missing = new Map<string, { pathway_id: string; version: number }>()
    for (const f of batch.follows) { const k = `${f.pathway_id}:${f.version}`; if (!versions.has(k)) missing.set(k, f) }
    for (const v of await repo.versionsOf(db, [...missing.values()])) versions.set(`${v.pathway_id}:${v.version}`, v)
  }

  /**
   * Evaluates a loaded batch (pure work, no query): the progress rows to write, and the steps due after them
   * (completions, broken completions, unlocks still owed), which issue badges and events of their own.
   */
  function evaluateBatch (batch: Batch, now: Date, contextOf: (cityId: string) => CityContext, versions: Map<string, PathwayVersionRow>) {
    const by = <T extends { learner_id: string | null }>(rows: T[]) => {
      const m = new Map<string, T[]>()
      for (const r of rows) if (r.learner_id) { const l = m.get(r.learner_id); if (l) l.push(r); else m.set(r.learner_id, [r]) }
      return (id: string) => m.get(id) ?? []
    }
    const [followsOf, awardsOf, completionsOf, attendancesOf, unlocksOf, importsOf] = [by(batch.follows), by(batch.awards), by(batch.completions), by(batch.attendances), by(batch.unlocks), by(batch.imports)]
    const rows: repo.ProgressWrite[] = []
    const completions: Completion[] = []
    const broken: Array<{ pathway_id: string; learner_id: string }> = []
    const unlocksDue: Array<{ cityId: string; learnerId: string; pathwayId: string }> = []
    for (const learnerId of batch.ids) {
      const mine = awardsOf(learnerId)
      const done = completionsOf(learnerId)
      const unlocked = new Set(unlocksOf(learnerId).map((u) => u.pathway_id))
      const { claims } = contextOf(followsOf(learnerId)[0]!.city_id)
      const evidence: LearnerEvidence = {
        awards: [...mine.map((a) => {
          const b = claims.get(a.badge_class_id)
          return b ? { id: a.id, issuedAt: a.issued_at, ...b } : { id: a.id, issuedAt: a.issued_at, badgeFamilyId: a.badge_class_id, themes: [] }
        }), ...importsOf(learnerId).map(importEvidence)],
        // Attendance records count as `opportunity` leaves (ids kept apart from award ids: evidence links only awards).
        attendances: attendancesOf(learnerId).map((a) => ({ id: `attendance:${a.session_id}`, opportunityId: a.opportunity_id, kind: a.kind, attendedOn: a.recorded_at.toISOString() })),
        completedPathways: done.filter((c) => !c.broken_at).map((c) => ({ pathwayId: c.pathway_id, completedOn: c.completed_at.toISOString(), ...(c.award_id ? { awardId: c.award_id } : {}) })),
      }
      const awardIds = new Set(mine.map((a) => a.id))
      // Parsed and sorted once for all the learner's pathways.
      const prepared = prepareEvidence(evidence)
      for (const f of followsOf(learnerId)) {
        const v = versions.get(`${f.pathway_id}:${f.version}`)
        if (!v) continue
        const cityId = f.city_id
        const { descendantsOf, familyOf } = contextOf(cityId)
        const result = evaluateTree(v.requirements as RequirementNode, { evidence: prepared, now: now.getTime(), descendantsOf, familyOf })
        const contributing = [...new Set(result.root.contributing)]
        rows.push({
          pathway_id: f.pathway_id, learner_id: learnerId, city_id: cityId, version: f.version, percent: result.percent, satisfied: result.satisfied,
          missing: result.next.slice(0, 50), next: result.next.slice(0, 5), contributing,
        })
        const completed = done.find((c) => c.pathway_id === f.pathway_id)
        if (result.satisfied && !completed) completions.push({ cityId, learnerId, pathwayId: f.pathway_id, version: f.version, v, contributing: contributing.filter((id) => awardIds.has(id)) })
        else if (!result.satisfied && completed && !completed.broken_at) broken.push({ pathway_id: f.pathway_id, learner_id: learnerId })
        // A completer whose unlock is still due (consent given later, a retry after a crash): offered now, once.
        if (completed && !unlocked.has(f.pathway_id)) unlocksDue.push({ cityId, learnerId, pathwayId: f.pathway_id })
      }
    }
    return { rows, completions, broken, unlocksDue }
  }

  /**
   * Writes an evaluated batch: its progress rows in one upsert, then what became due. Completions with a badge go one
   * by one through the award service; those without are inserted together with their events in one transaction (the
   * primary key keeps each once: only the rows inserted get an event). Unlocks are offered only for the pathways
   * that have one (read once for the batch), so a rebuild of many completers costs a few statements, not several each.
   */
  async function writeBatch ({ rows, completions, broken, unlocksDue }: ReturnType<typeof evaluateBatch>): Promise<void> {
    await repo.upsertProgressMany(db, rows)
    for (const c of completions.filter((c) => c.v.completion_badge_class_id)) await complete(c.cityId, c.learnerId, c.pathwayId, c.version, c.v, c.contributing)
    const plain = completions.filter((c) => !c.v.completion_badge_class_id)
    const due = [...unlocksDue]
    if (plain.length > 0) {
      const inserted = await db.transaction().execute(async (trx) => {
        const ins = await repo.insertCompletionsMany(trx, plain.map((c) => ({ pathway_id: c.pathwayId, learner_id: c.learnerId, city_id: c.cityId, version: c.version })))
        await addEvents(trx, ins.map((r) => ({ type: 'pathway.completed' as const, cityId: r.city_id, payload: { cityId: r.city_id, pathwayId: r.pathway_id, learnerId: r.learner_id } })))
        return ins
      })
      if (inserted.length > 0) deps.eventsWritten()
      due.push(...inserted.map((r) => ({ cityId: r.city_id, learnerId: r.learner_id, pathwayId: r.pathway_id })))
    }
    await repo.markBrokenMany(db, broken)
    if (due.length > 0) {
      const withUnlock = await repo.pathwaysWithUnlock(db, [...new Set(due.map((u) => u.pathwayId))])
      for (const u of due) if (withUnlock.has(u.pathwayId)) await offerUnlock(u.cityId, u.learnerId, u.pathwayId)
    }
  }

  /**
   * Recomputes a batch of learners of one city with a handful of queries (their followings, awards, completions,
   * attendances and unlocks at once; the spine, families and versions once) and one upsert of their progress rows.
   */
  async function recomputeMany (cityId: string, learnerIds: readonly string[]): Promise<void> {
    if (learnerIds.length === 0) return
    const now = deps.clock()
    const batch = await loadBatch(learnerIds, now)
    // A learner belongs to one city; rows of another city's learner are never written under this one.
    batch.follows = batch.follows.filter((f) => f.city_id === cityId)
    if (batch.follows.length === 0) return
    const versions = new Map<string, PathwayVersionRow>()
    const [context] = await Promise.all([cityContext(cityId), addVersions(batch, versions)])
    await writeBatch(evaluateBatch(batch, now, () => context, versions))
  }

  /** One completion per (pathway, learner): the badge's idempotency key and the completion's primary key see to it. */
  async function complete (cityId: string, learnerId: string, pathwayId: string, version: number, v: PathwayVersionRow, contributing: string[]): Promise<void> {
    const city = (await db.selectFrom('cities').selectAll().where('id', '=', cityId).executeTakeFirstOrThrow())
    let awardId: string | null = null
    if (v.completion_badge_class_id) {
      const evidence = contributing.slice(0, 20).map((id) => ({ url: `${deps.publicUrl}/ob/v2/assertions/${id}`, name: 'Contributing badge' }))
      const { award } = await deps.awards.issue(SYSTEM, city, {
        badgeClassId: v.completion_badge_class_id, recipient: { learnerId },
        narrative: `Completed the pathway "${v.title}".`, evidence: evidence.length ? evidence : [{ narrative: `Completed the pathway "${v.title}".` }],
        idempotencyKey: `pathway-${pathwayId}-${learnerId}`,
      })
      awardId = award.id
    }
    await db.transaction().execute(async (trx) => {
      const inserted = await repo.insertCompletion(trx, { pathway_id: pathwayId, learner_id: learnerId, city_id: cityId, version, award_id: awardId })
      if (inserted) await addEvent(trx, { type: 'pathway.completed', cityId, payload: { cityId, pathwayId, learnerId, ...(awardId ? { awardId } : {}) } })
    })
    deps.eventsWritten()
    await offerUnlock(cityId, learnerId, pathwayId)
  }

  /**
   * Offers a completer the unlocked opportunity's place when they are eligible and have consented to be contacted
   * about opportunities. Once per (pathway, learner) (primary key); a place is taken by a conditional UPDATE that never
   * passes the capacity (concurrent completers queue on the pathway row and re-check), else the learner is waitlisted.
   * Answers the state recorded, or undefined when no unlock applies.
   */
  async function offerUnlock (cityId: string, learnerId: string, pathwayId: string): Promise<'offered' | 'waitlisted' | undefined> {
    const p = await repo.findPathway(db, cityId, pathwayId)
    if (!p?.unlock_opportunity_id) return undefined
    const l = await findLearner(db, cityId, learnerId)
    if (!l || !l.consent_contact || !eligible((p.unlock_eligibility ?? {}) as Eligibility, l)) return undefined
    const opportunityId = p.unlock_opportunity_id
    const state = await db.transaction().execute(async (trx) => {
      const fresh = await repo.insertUnlock(trx, { pathway_id: pathwayId, learner_id: learnerId, city_id: cityId, opportunity_id: opportunityId, state: 'waitlisted' })
      if (!fresh) return undefined
      if (!(await repo.takePlace(trx, pathwayId))) return 'waitlisted' as const
      await repo.setUnlockState(trx, pathwayId, learnerId, 'offered')
      await addEvent(trx, { type: 'opportunity.unlocked', cityId, payload: { cityId, pathwayId, opportunityId, learnerId } })
      return 'offered' as const
    })
    if (state === 'offered') deps.eventsWritten()
    return state
  }

  // ---- dirty marks and their drainer ---------------------------------------------------------------------------
  // Events do not recompute: they mark their learner dirty (one upsert) and a drainer recomputes the marked learners
  // a batch at a time, so that 100 awards a second cost a few batches, not 100 recomputes. Nothing is lost: a mark
  // is deleted only by the batch that covered it (a newer marking bumps it and stays), and a drainer that dies leaves
  // its claimed marks leased until the lease runs out, when any drainer claims them again.

  const DRAIN = { batch: 500, leaseSeconds: 60 }
  let drainer: { kick: () => void; stop: () => Promise<void>; inline: boolean } | undefined
  let log = deps.log

  /** Marks learners dirty: drained at once when no background drainer runs in this process, else the drainer is kicked. */
  async function markDirty (cityId: string, learnerIds: readonly string[]): Promise<void> {
    await repo.markDirty(db, learnerIds.map((learner_id) => ({ learner_id, city_id: cityId })), 0)
    await settle()
  }

  /**
   * The awards' learners marked dirty (issued, revoked, accepted, declined: the learners' awards changed), in one
   * statement however many awards: the event processor hands over the awards of every job in flight together.
   */
  async function markAwardsDirty (awardIds: readonly string[]): Promise<void> {
    if (await repo.markAwardLearnersDirty(db, awardIds) > 0) await settle()
  }

  /**
   * A published or edited pathway: every follower marked dirty in one statement, at the lower priority (the drainer
   * takes learners' own events first, and a batch at a time, so a fan-out of 50,000 never holds the rest back).
   */
  async function recomputeFollowers (_cityId: string, pathwayId: string): Promise<number> {
    const n = await repo.markFollowersDirty(db, pathwayId, 1)
    await settle()
    return n
  }

  async function settle (): Promise<void> {
    if (drainer && !drainer.inline) drainer.kick()
    else await drainDirty()
  }

  /** Claims one batch of marks and recomputes it; answers how many marks it claimed. */
  async function drainOnce (size = DRAIN.batch, leaseSeconds = DRAIN.leaseSeconds): Promise<number> {
    const marks = await repo.claimDirty(db, size, leaseSeconds)
    if (marks.length === 0) return 0
    const byCity = new Map<string, string[]>()
    for (const m of marks) { const l = byCity.get(m.city_id); if (l) l.push(m.learner_id); else byCity.set(m.city_id, [m.learner_id]) }
    try {
      for (const [cityId, ids] of byCity) await recomputeMany(cityId, ids)
      await repo.clearDirty(db, marks)
    } catch (err) {
      // One learner's failure must not hold back the others: each again alone. A learner that still fails keeps its
      // leased mark and is tried again when the lease runs out.
      log?.warn({ err, learners: marks.length }, 'pathway progress batch failed; recomputing its learners one by one')
      for (const m of marks) {
        try {
          await recomputeMany(m.city_id, [m.learner_id])
          await repo.clearDirty(db, [m])
        } catch (e) {
          log?.warn({ err: e, learnerId: m.learner_id }, 'pathway progress of a learner failed; retried when its lease runs out')
        }
      }
    }
    return marks.length
  }

  /** Recomputes every claimable dirty learner, a batch at a time; answers how many marks were taken. */
  async function drainDirty (opts: { batch?: number; leaseSeconds?: number } = {}): Promise<number> {
    let n = 0
    for (;;) {
      const k = await drainOnce(opts.batch, opts.leaseSeconds)
      if (k === 0) return n
      n += k
    }
  }

  /**
   * Starts this process's background drainer: `concurrency` loops claim disjoint batches (one reads and evaluates
   * while another writes), kicked by every marking here and polled every `pollMs` for marks of other processes and
   * expired leases. `inline` (embedded mode): markings still drain at once, in the event's job; the loops only retry
   * what failed there.
   */
  function startDrainer (opts: { concurrency?: number; pollMs?: number; inline?: boolean; log?: Logger } = {}): { kick: () => void; stop: () => Promise<void> } {
    if (drainer) return drainer
    log = opts.log ?? log
    const concurrency = opts.concurrency ?? 2
    let running = 0
    let again = false
    let stopped = false
    const loops = new Set<Promise<void>>()
    const loop = async (): Promise<void> => {
      try {
        for (;;) {
          again = false
          if (stopped) return
          if (await drainOnce() === 0 && !again) return
        }
      } catch (err) {
        log?.warn({ err }, 'pathway progress drainer failed; polling again')
      } finally {
        running--
      }
    }
    const kick = (): void => {
      again = true
      while (!stopped && running < concurrency) {
        running++
        const p = loop()
        loops.add(p)
        void p.finally(() => loops.delete(p))
      }
    }
    const timer = setInterval(kick, opts.pollMs ?? 1_000)
    timer.unref()
    drainer = {
      kick,
      inline: opts.inline ?? false,
      async stop () {
        stopped = true
        clearInterval(timer)
        await Promise.all([...loops])
        drainer = undefined
      },
    }
    kick()
    return drainer
  }

  /**
   * `cli reconcile`: drops every progress row and recomputes every following, `batch` learners at a time. The versions
   * followed are read once, each city's spine and families once; the next batch is read while the current one is
   * evaluated and the previous ones written (multi-row upserts of 1,000 rows).
   */
  async function rebuildAll (opts: { batch?: number } = {}): Promise<number> {
    const size = opts.batch ?? 2_000
    const writers = 2
    await repo.deleteAllProgress(db)
    const now = deps.clock()
    const versions = new Map((await repo.followedVersions(db)).map((v) => [`${v.pathway_id}:${v.version}`, v]))
    const contexts = new Map<string, CityContext>()
    // Every following learner in one read (a page at a time would scan and group the followings again for each page);
    // one who starts following meanwhile is computed by `follow` itself.
    const learners = await repo.allFollowings(db)
    const read = async (from: number) => {
      const page = learners.slice(from, from + size)
      if (page.length === 0) return undefined
      const batch = await loadBatch(page.map((r) => r.learner_id), now)
      // A pathway followed at a version made since the start (a concurrent edit) is read with its batch.
      await addVersions(batch, versions)
      for (const c of new Set(batch.follows.map((f) => f.city_id))) if (!contexts.has(c)) contexts.set(c, await cityContext(c))
      return { n: page.length, batch }
    }
    // Three stages overlap: batch k+1 is read while batch k is evaluated, and batches k-1 and k-2 are written
    // meanwhile. Two writes at a time: writing is PostgreSQL's largest share (JSON, indexes, foreign keys), and one
    // backend a write lets it use a second core while this process evaluates.
    let n = 0
    let pending = read(0)
    const writes: Array<Promise<void>> = []
    for (;;) {
      const cur = await pending
      if (!cur) break
      pending = read(n + cur.n)
      pending.catch(() => {}) // awaited on the next turn; not an unhandled rejection meanwhile
      const evaluated = evaluateBatch(cur.batch, now, (c) => contexts.get(c)!, versions)
      if (writes.length >= writers) await writes.shift()
      const w = writeBatch(evaluated)
      w.catch(() => {}) // awaited when its slot is needed, or below
      writes.push(w)
      n += cur.n
    }
    await Promise.all(writes)
    return n
  }

  /**
   * Explainable recommendations (issue #10 item 8) through the pure ranking of src/pathways/recommend.ts: the gap is
   * the missing steps of a pathway (the version the learner follows, else the current one) and/or the spine elements
   * a destination asks for (those of the city's approved badge classes that lead there) that the learner does not
   * hold; candidates are the approved badge classes and the upcoming published opportunities of the city.
   */
  async function recommendations (principal: Principal, city: CityRow, learnerId: string, q: { destination?: string | undefined; pathwayId?: string | undefined; limit?: number | undefined }) {
    requireLearnerAccess(principal, learnerId, 'read recommendations for this learner')
    const l = isUuid(learnerId) ? await findLearner(db, city.id, learnerId) : undefined
    if (!l) throw new NotFound('learner', learnerId)
    const now = deps.clock()
    const [spine, families, awards] = await Promise.all([spineOf(city.id), repo.familiesOf(db, city.id), repo.countingAwards(db, learnerId, now)])
    let missing: MissingStep[] = []
    let pathwayTitle: string | undefined
    if (q.pathwayId !== undefined) {
      const p = await visible(principal, city, q.pathwayId)
      const followed = (await repo.followedBy(db, learnerId)).find((f) => f.pathway_id === p.id)
      const v = (await repo.findVersion(db, p.id, followed?.version ?? p.version))!
      pathwayTitle = v.title
      missing = evaluateTree(v.requirements as RequirementNode, { evidence: await evidenceOf(learnerId, awards), now: now.getTime(), descendantsOf: spine.descendantsOf, familyOf: (id) => families.get(id) ?? id }).next
    }
    let destination: GapElement[] = []
    let destinationTitle: string | undefined
    if (q.destination !== undefined) {
      if (!spine.destinations.has(q.destination)) throw new InvalidInput(`unknown destination ${q.destination}`, [{ field: '/destination', message: 'not a destination of this city' }])
      destinationTitle = (await repo.destinationTitle(db, city.id, q.destination)) ?? q.destination
      const held = new Map<string, number>()
      for (const a of awards) for (const e of a.spine_elements) held.set(e, Math.max(held.get(e) ?? -1, levelRank(a.spine_level)))
      const asked = new Map<string, number>()
      for (const b of await repo.destinationClasses(db, city.id, q.destination)) for (const e of b.spine_elements) asked.set(e, Math.max(asked.get(e) ?? -1, levelRank(b.spine_level)))
      destination = [...asked].filter(([e, lvl]) => (held.get(e) ?? -1) < lvl).map(([element, lvl]) => ({ element, level: LEVELS[Math.max(0, lvl)]!.value }))
    }
    const [classes, opps] = await Promise.all([repo.recommendableClasses(db, city.id), repo.upcomingOpportunities(db, city.id, now)])
    const badge = (b: (typeof classes)[number]): BadgeCandidate => ({ id: b.id, familyId: b.family_id, name: b.name, themes: b.themes, ...(b.spine_level ? { spine: { elements: b.spine_elements, level: b.spine_level as Level, dimensions: b.spine_dimensions as Dimension[] } } : {}) })
    const byId = new Map(classes.map((b) => [b.id, badge(b)]))
    // The learner's area has no coordinates of its own: the centre of the opportunities in it stands for it.
    const inArea = l.area ? opps.filter((o) => o.area?.toLowerCase() === l.area!.toLowerCase() && o.lat !== null && o.lon !== null) : []
    const location = inArea.length ? { lat: inArea.reduce((s, o) => s + o.lat!, 0) / inArea.length, lon: inArea.reduce((s, o) => s + o.lon!, 0) / inArea.length } : undefined
    const candidates: OpportunityCandidate[] = opps.map((o) => ({
      id: o.id, title: o.title, kind: o.kind, startsAt: o.start_at.toISOString(),
      ...(o.lat !== null && o.lon !== null ? { location: { lat: o.lat, lon: o.lon } } : {}),
      ...(o.age_min !== null ? { ageMin: o.age_min } : {}), ...(o.age_max !== null ? { ageMax: o.age_max } : {}),
      ...(o.places_left !== null ? { placesLeft: o.places_left } : {}), ...(o.free ? { cost: 0 } : o.cost_amount !== null ? { cost: Number(o.cost_amount) } : {}),
      badgeClasses: o.badge_class_ids.flatMap((id) => byId.get(id) ?? []), themes: o.themes,
    }))
    const items = recommend({
      gap: { missing, destination, ...(destinationTitle ? { destinationTitle } : {}) },
      learner: { age: AGE_OF_BAND[l.age_band] ?? 17, ...(location ? { location } : {}), heldFamilies: [...new Set(awards.map((a) => a.family_id))], noAwards: awards.length === 0 },
      badgeClasses: [...byId.values()], opportunities: candidates, now: now.getTime(), descendantsOf: spine.descendantsOf,
      familyOf: (id) => families.get(id) ?? id, timeZone: city.timezone, limit: q.limit ?? 20,
    })
    return {
      learnerId, ...(q.pathwayId ? { pathwayId: q.pathwayId, pathwayTitle } : {}), ...(q.destination ? { destination: q.destination } : {}),
      gap: { missingSteps: missing.length, destinationElements: destination.length },
      items: items.map((r) => ({ kind: r.kind, id: r.id, title: r.title, score: Math.round(r.score * 100) / 100, closes: r.closes, reasons: r.reasons, ...(r.distanceKm !== undefined ? { distanceKm: r.distanceKm } : {}) })),
    }
  }

  /**
   * A verified import as evidence: it counts for skill and theme leaves through its spine mapping (its own family,
   * `import:<id>`, never matches a badge leaf; its id is kept apart from award ids: completion evidence links awards).
   */
  function importEvidence (i: { id: string; issuedOn: Date; spine: { elements: string[]; level: string; dimensions: string[] } | null; themes: string[] }): LearnerEvidence['awards'][number] {
    return {
      id: `import:${i.id}`, badgeFamilyId: `import:${i.id}`, issuedOn: i.issuedOn.toISOString(), themes: i.themes,
      ...(i.spine && i.spine.elements.length > 0 ? { spine: { elements: i.spine.elements, level: i.spine.level as Level, dimensions: i.spine.dimensions as Dimension[] } } : {}),
    }
  }

  /** The evaluator's evidence of a learner (awards given, attendances and completions read). */
  async function evidenceOf (learnerId: string, awards: Awaited<ReturnType<typeof repo.countingAwards>>): Promise<LearnerEvidence> {
    const [completions, attendances, imports] = await Promise.all([repo.completionsOf(db, learnerId), repo.attendancesOf(db, learnerId), importsRepo.verifiedImportsOf(db, learnerId)])
    return {
      awards: [...awards.map((a) => ({
        id: a.id, badgeFamilyId: a.family_id, issuedOn: a.issued_on.toISOString(),
        ...(a.spine_level ? { spine: { elements: a.spine_elements, level: a.spine_level as Level, dimensions: a.spine_dimensions as Dimension[] } } : {}),
        themes: a.themes,
      })), ...imports.map(importEvidence)],
      attendances: attendances.map((a) => ({ id: `attendance:${a.session_id}`, opportunityId: a.opportunity_id, kind: a.kind, attendedOn: a.recorded_at.toISOString() })),
      completedPathways: completions.filter((c) => !c.broken_at).map((c) => ({ pathwayId: c.pathway_id, completedOn: c.completed_at.toISOString(), ...(c.award_id ? { awardId: c.award_id } : {}) })),
    }
  }

  return {
    get,
    offerUnlock,
    recommendations,
    recompute,
    recomputeMany,
    recomputeFollowers,
    rebuildAll,
    markDirty,
    markAwardsDirty,
    drainDirty,
    startDrainer,

    async create (principal: Principal, city: CityRow, input: PathwayInput): Promise<Pathway> {
      if (input.kind === 'recommended') {
        if (input.learnerId) throw new InvalidInput('a recommended pathway has no learnerId', [{ field: '/learnerId', message: 'only for interest pathways' }])
        const orgId = input.organisationId ?? (principal.role === 'issuer' ? principal.organisationId ?? undefined : undefined)
        if (orgId !== undefined && (!isUuid(orgId) || !(await findOrganisation(db, city.id, orgId)))) throw new NotFound('organisation', orgId)
        requireWrite(principal, { kind: 'recommended', organisation_id: orgId ?? null, learner_id: null })
        input = { ...input, organisationId: orgId }
      } else {
        if (!input.learnerId) throw new InvalidInput('an interest pathway names its learner', [{ field: '/learnerId', message: 'required for interest pathways' }])
        requireLearnerAccess(principal, input.learnerId, 'make interest pathways')
        if (!isUuid(input.learnerId) || !(await findLearner(db, city.id, input.learnerId))) throw new NotFound('learner', input.learnerId)
      }
      await checkFields(city.id, input)
      const id = randomUUID()
      const texts = applyTexts({ title: input.title, description: input.description }, {}, defaultLanguage(city))
      const tree = await checkTree(city.id, input.requirements, id)
      const { p, v } = await db.transaction().execute(async (trx) => {
        const p = await repo.insertPathway(trx, { id, city_id: city.id, kind: input.kind, organisation_id: input.organisationId ?? null, learner_id: input.learnerId ?? null, created_by: principal.keyId, ...unlockColumns(input.unlocks) })
        const v = await repo.insertVersion(trx, { pathway_id: id, version: 1, title: texts.columns.title ?? '', description: texts.columns.description ?? null, translations: JSON.stringify(texts.translations), destinations: input.destinations ?? [], themes: input.themes ?? [], requirements: JSON.stringify(tree), completion_badge_class_id: input.completionBadgeClassId ?? null })
        return { p, v }
      })
      return toPathway(city, p, v)
    },

    async list (principal: Principal, city: CityRow, q: PageQuery & repo.PathwayFilter): Promise<Page<Pathway>> {
      const { limit, cursor } = readPageQuery(q, { uuidIds: true })
      const filter: repo.PathwayFilter = { ...q }
      if (principal.role === 'learner') { filter.kind = 'interest'; filter.learnerId = principal.learnerId ?? '' }
      const { rows, nextCursor } = pageOf(await repo.listPathways(db, city.id, filter, limit, cursor), limit)
      const seen = rows.filter((p) => p.kind === 'recommended' || ['platform-admin', 'city-admin', 'app', 'reader', 'learner'].includes(principal.role))
      const items = await Promise.all(seen.map(async (p) => toPathway(city, p, (await repo.findVersion(db, p.id, p.version))!)))
      return { items, nextCursor }
    },

    /** Edits a draft in place; a published pathway gets a new version (followers keep theirs). */
    async update (principal: Principal, city: CityRow, id: string, patch: PathwayPatch): Promise<Pathway> {
      const p = await visible(principal, city, id)
      requireWrite(principal, p)
      if (p.status === 'archived') throw new InvalidState('an archived pathway cannot be edited')
      await checkFields(city.id, patch)
      const tree = patch.requirements !== undefined ? await checkTree(city.id, patch.requirements, p.id) : undefined
      const cur = (await repo.findVersion(db, p.id, p.version))!
      const lang = defaultLanguage(city)
      const texts = applyTexts({ title: patch.title, description: patch.description }, mapsOf({ title: cur.title, description: cur.description }, cur.translations, lang), lang)
      const fields = {
        title: texts.columns.title ?? cur.title, description: texts.columns.description ?? cur.description, translations: JSON.stringify(texts.translations), destinations: patch.destinations ?? cur.destinations, themes: patch.themes ?? cur.themes,
        requirements: JSON.stringify(tree ?? cur.requirements), completion_badge_class_id: patch.completionBadgeClassId ?? cur.completion_badge_class_id,
      }
      const unlock = unlockColumns(patch.unlocks)
      const out = await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockPathway(trx, city.id, p.id))!
        const cap = 'unlock_capacity' in unlock ? unlock.unlock_capacity : undefined
        if (cap !== undefined && cap !== null && cap < locked.unlock_offered) throw new InvalidInput(`${locked.unlock_offered} places are already offered`, [{ field: '/unlocks/capacity', message: `at least ${locked.unlock_offered}` }])
        if (locked.status === 'draft' || patch.requirements === undefined && patch.title === undefined && patch.description === undefined && patch.destinations === undefined && patch.themes === undefined && patch.completionBadgeClassId === undefined) {
          const v = locked.status === 'draft' ? (await repo.updateVersion(trx, p.id, locked.version, fields))! : (await repo.findVersion(trx, p.id, locked.version))!
          return { p: (await repo.updatePathway(trx, p.id, unlock))!, v }
        }
        const version = locked.version + 1
        const v = await repo.insertVersion(trx, { pathway_id: p.id, version, ...fields })
        const np = (await repo.updatePathway(trx, p.id, { version, ...unlock }))!
        await addEvent(trx, { type: 'pathway.edited', cityId: city.id, payload: { cityId: city.id, pathwayId: p.id, version } })
        return { p: np, v }
      })
      deps.eventsWritten()
      return toPathway(city, out.p, out.v)
    },

    async publish (principal: Principal, city: CityRow, id: string): Promise<Pathway> {
      const p = await visible(principal, city, id)
      requireWrite(principal, p)
      if (p.status === 'published') return get(principal, city, id)
      const np = await db.transaction().execute(async (trx) => {
        const np = (await repo.updatePathway(trx, p.id, { status: 'published' }))!
        await addEvent(trx, { type: 'pathway.published', cityId: city.id, payload: { cityId: city.id, pathwayId: p.id, version: np.version } })
        return np
      })
      deps.eventsWritten()
      return toPathway(city, np, (await repo.findVersion(db, p.id, np.version))!)
    },

    async archive (principal: Principal, city: CityRow, id: string): Promise<Pathway> {
      const p = await visible(principal, city, id)
      requireWrite(principal, p)
      const np = (await repo.updatePathway(db, p.id, { status: 'archived' }))!
      return toPathway(city, np, (await repo.findVersion(db, p.id, np.version))!)
    },

    /** A learner starts a published pathway (or an app enrols them); progress is computed at once. */
    async follow (principal: Principal, city: CityRow, id: string, learnerId: string): Promise<{ pathwayId: string; learnerId: string; version: number; percent: number; satisfied: boolean }> {
      requireLearnerAccess(principal, learnerId, 'follow pathways for this learner')
      const p = await visible(principal, city, id)
      if (!isUuid(learnerId) || !(await findLearner(db, city.id, learnerId))) throw new NotFound('learner', learnerId)
      if (p.status !== 'published') throw new InvalidState(`only published pathways can be followed; this one is ${p.status}`)
      if (p.kind === 'interest' && p.learner_id !== learnerId) throw new NotFound('pathway', id)
      await repo.insertFollower(db, { pathway_id: p.id, learner_id: learnerId, city_id: city.id, version: p.version })
      await recompute(city.id, learnerId)
      const row = (await repo.learnerProgress(db, learnerId)).find((r) => r.pathway_id === p.id)!
      return { pathwayId: p.id, learnerId, version: row.version, percent: row.percent, satisfied: row.satisfied }
    },

    async learnerPathways (principal: Principal, city: CityRow, learnerId: string) {
      requireLearnerAccess(principal, learnerId, 'read this learner\'s pathways')
      if (!isUuid(learnerId) || !(await findLearner(db, city.id, learnerId))) throw new NotFound('learner', learnerId)
      const rows = await repo.learnerProgress(db, learnerId)
      return {
        items: rows.map((r) => ({
          pathwayId: r.pathway_id, version: r.version, title: r.title, percent: r.percent, satisfied: r.satisfied,
          missing: r.missing, next: r.next, contributing: r.contributing, updatedAt: r.updated_at.toISOString(),
          ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}), ...(r.award_id ? { completionAwardId: r.award_id } : {}),
          ...(r.unlock_state ? { unlock: { opportunityId: r.unlock_opportunity_id!, state: r.unlock_state } } : {}),
        })),
      }
    },

    /** Counts by stage for the pathway's owner. */
    async progress (principal: Principal, city: CityRow, id: string) {
      const p = await visible(principal, city, id)
      if (principal.role === 'learner') throw new NotFound('pathway', id)
      if (p.kind === 'recommended') requireWrite(principal, p)
      return { pathwayId: p.id, ...(await repo.stageCounts(db, p.id)) }
    },

    /** For the owner only: the consenting completers offered (or waitlisted for) the unlocked opportunity. */
    async unlocks (principal: Principal, city: CityRow, id: string, q: PageQuery) {
      const p = await visible(principal, city, id)
      if (p.kind !== 'recommended' || principal.role === 'learner' || principal.role === 'app' || principal.role === 'reader') throw new NotFound('pathway', id)
      requireWrite(principal, p)
      const { limit, cursor } = readPageQuery(q, { uuidIds: true })
      const { rows, nextCursor } = pageOf(await repo.listUnlocks(db, p.id, limit, cursor), limit)
      const items = rows.map((r) => ({ learnerId: r.id, opportunityId: r.opportunity_id, state: r.state, at: r.created_at.toISOString() }))
      return { pathwayId: p.id, ...(p.unlock_opportunity_id ? { unlocks: unlockOf(p) } : {}), items, nextCursor }
    },
  }
}

export type PathwayService = ReturnType<typeof createPathwayService>
