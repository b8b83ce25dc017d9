import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { addEvent } from '../../db/outbox.js'
import { isUuid, pageOf } from '../../db/page.js'
import * as repo from '../../db/pathways/pathways.repo.js'
import type { PathwayRow, PathwayVersionRow } from '../../db/pathways/pathways.types.js'
import { findLearner } from '../../db/learners/learners.repo.js'
import { findOrganisation } from '../../db/repos.js'
import { listAllCatalogue, listAllElements } from '../../db/spine/spine.repo.js'
import type { CityRow, Db } from '../../db/types.js'
import { evaluateTree, validateRequirementTree, type LearnerEvidence, type RequirementNode } from '../../pathways/index.js'
import type { Dimension, Level } from '../../spine/model.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import type { AwardService } from '../badges/awards.js'
import { requireLearnerAccess } from '../learners/access.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
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
  title: string
  description?: string | undefined
  destinations?: string[] | undefined
  themes?: string[] | undefined
  requirements: unknown
  completionBadgeClassId?: string | undefined
}
export type PathwayPatch = Partial<Pick<PathwayInput, 'title' | 'description' | 'destinations' | 'themes' | 'requirements' | 'completionBadgeClassId'>>

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
  createdAt: string
  updatedAt: string
}

const toPathway = (p: PathwayRow, v: PathwayVersionRow): Pathway => ({
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
  createdAt: p.created_at.toISOString(),
  updatedAt: p.updated_at.toISOString(),
})

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
    if (fields.length) throw new InvalidInput('pathway is invalid', fields)
  }

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
    return toPathway(p, (await repo.findVersion(db, p.id, p.version))!)
  }

  // ---- progress ----------------------------------------------------------------------------------------------

  /**
   * Recomputes every progress row of one learner from PostgreSQL (their counting awards and completions), issues
   * completion badges that became due, and records broken completions. Idempotent.
   */
  async function recompute (cityId: string, learnerId: string): Promise<void> {
    const follows = await repo.followedBy(db, learnerId)
    if (follows.length === 0) return
    const now = deps.clock()
    const [spine, families, awards, completions] = await Promise.all([spineOf(cityId), repo.familiesOf(db, cityId), repo.countingAwards(db, learnerId, now), repo.completionsOf(db, learnerId)])
    const evidence: LearnerEvidence = {
      awards: awards.map((a) => ({
        id: a.id, badgeFamilyId: a.family_id, issuedOn: a.issued_on.toISOString(),
        ...(a.spine_level ? { spine: { elements: a.spine_elements, level: a.spine_level as Level, dimensions: a.spine_dimensions as Dimension[] } } : {}),
        themes: a.themes,
      })),
      completedPathways: completions.filter((c) => !c.broken_at).map((c) => ({ pathwayId: c.pathway_id, completedOn: c.completed_at.toISOString(), ...(c.award_id ? { awardId: c.award_id } : {}) })),
    }
    for (const f of follows) {
      const v = await repo.findVersion(db, f.pathway_id, f.version)
      if (!v) continue
      const result = evaluateTree(v.requirements as RequirementNode, { evidence, now: now.getTime(), descendantsOf: spine.descendantsOf, familyOf: (id) => families.get(id) ?? id })
      const contributing = [...new Set(result.root.contributing)]
      await repo.upsertProgress(db, {
        pathway_id: f.pathway_id, learner_id: learnerId, city_id: cityId, version: f.version, percent: result.percent, satisfied: result.satisfied,
        missing: JSON.stringify(result.next.slice(0, 50)), next: JSON.stringify(result.next.slice(0, 5)), contributing,
      })
      const done = completions.find((c) => c.pathway_id === f.pathway_id)
      if (result.satisfied && !done) await complete(cityId, learnerId, f.pathway_id, f.version, v, contributing)
      else if (!result.satisfied && done && !done.broken_at) await repo.markBroken(db, f.pathway_id, learnerId)
    }
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
  }

  /** Recomputes every follower of a pathway, a batch of learners at a time. */
  async function recomputeFollowers (cityId: string, pathwayId: string, batch = 200): Promise<number> {
    let afterId: string | undefined
    let n = 0
    for (;;) {
      const rows = await repo.followersOf(db, pathwayId, afterId, batch)
      if (rows.length === 0) return n
      for (const r of rows) await recompute(cityId, r.learner_id)
      n += rows.length
      afterId = rows[rows.length - 1]!.learner_id
    }
  }

  /** `cli reconcile`: drops every progress row and recomputes every following. */
  async function rebuildAll (): Promise<number> {
    await repo.deleteAllProgress(db)
    const all = await repo.allFollowings(db)
    for (const f of all) await recompute(f.city_id, f.learner_id)
    return all.length
  }

  return {
    get,
    recompute,
    recomputeFollowers,
    rebuildAll,

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
      const tree = await checkTree(city.id, input.requirements, id)
      const { p, v } = await db.transaction().execute(async (trx) => {
        const p = await repo.insertPathway(trx, { id, city_id: city.id, kind: input.kind, organisation_id: input.organisationId ?? null, learner_id: input.learnerId ?? null, created_by: principal.keyId })
        const v = await repo.insertVersion(trx, { pathway_id: id, version: 1, title: input.title, description: input.description ?? null, destinations: input.destinations ?? [], themes: input.themes ?? [], requirements: JSON.stringify(tree), completion_badge_class_id: input.completionBadgeClassId ?? null })
        return { p, v }
      })
      return toPathway(p, v)
    },

    async list (principal: Principal, city: CityRow, q: PageQuery & repo.PathwayFilter): Promise<Page<Pathway>> {
      const { limit, cursor } = readPageQuery(q, { uuidIds: true })
      const filter: repo.PathwayFilter = { ...q }
      if (principal.role === 'learner') { filter.kind = 'interest'; filter.learnerId = principal.learnerId ?? '' }
      const { rows, nextCursor } = pageOf(await repo.listPathways(db, city.id, filter, limit, cursor), limit)
      const seen = rows.filter((p) => p.kind === 'recommended' || ['platform-admin', 'city-admin', 'app', 'reader', 'learner'].includes(principal.role))
      const items = await Promise.all(seen.map(async (p) => toPathway(p, (await repo.findVersion(db, p.id, p.version))!)))
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
      const fields = {
        title: patch.title ?? cur.title, description: patch.description ?? cur.description, destinations: patch.destinations ?? cur.destinations, themes: patch.themes ?? cur.themes,
        requirements: JSON.stringify(tree ?? cur.requirements), completion_badge_class_id: patch.completionBadgeClassId ?? cur.completion_badge_class_id,
      }
      const out = await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockPathway(trx, city.id, p.id))!
        if (locked.status === 'draft') {
          const v = (await repo.updateVersion(trx, p.id, locked.version, fields))!
          return { p: (await repo.updatePathway(trx, p.id, {}))!, v }
        }
        const version = locked.version + 1
        const v = await repo.insertVersion(trx, { pathway_id: p.id, version, ...fields })
        const np = (await repo.updatePathway(trx, p.id, { version }))!
        await addEvent(trx, { type: 'pathway.edited', cityId: city.id, payload: { cityId: city.id, pathwayId: p.id, version } })
        return { p: np, v }
      })
      deps.eventsWritten()
      return toPathway(out.p, out.v)
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
      return toPathway(np, (await repo.findVersion(db, p.id, np.version))!)
    },

    async archive (principal: Principal, city: CityRow, id: string): Promise<Pathway> {
      const p = await visible(principal, city, id)
      requireWrite(principal, p)
      const np = (await repo.updatePathway(db, p.id, { status: 'archived' }))!
      return toPathway(np, (await repo.findVersion(db, p.id, np.version))!)
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
          missing: r.missing, next: r.next, contributing: r.contributing,
          ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}), ...(r.award_id ? { completionAwardId: r.award_id } : {}),
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
  }
}

export type PathwayService = ReturnType<typeof createPathwayService>
