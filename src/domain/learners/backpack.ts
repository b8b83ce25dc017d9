import { createHash, randomUUID } from 'node:crypto'
import * as repo from '../../db/learners/backpack.repo.js'
import { verifiedImportRows } from '../../db/learners/imports.repo.js'
import { findCityBySlug } from '../../db/repos.js'
import type { Acceptance, LearnerCollectionRow } from '../../db/learners/learners.types.js'
import { addEvent } from '../../db/outbox.js'
import { encodeCursor, isUuid, pageOf } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import { canReachCity, type Principal } from '../access/auth.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { ob3Urls } from '../credentials/ob3-urls.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { requireLearnerAccess } from './access.js'
import type { LearnerService } from './learners.js'

// The backpack (issue #8 item 5): a learner's awards with their state, accept / decline, collections.

export interface BackpackItem {
  awardId: string
  badgeClassId: string
  badgeName: string
  badgeDescription: string
  organisationId: string
  issuerName: string
  issuedOn: string
  expires?: string
  acceptance: Acceptance
  acceptanceAt?: string
  revoked: boolean
  revocationReason?: string
  links: { assertion: string; image: string; credential: string; badgeClass: string }
}

/** A verified imported badge in the backpack (issue #8 item 7). */
export interface BackpackImport { importId: string; name?: string; issuerName?: string; issuedOn?: string; format: string; verifiedAt: string; checkedAt: string }

export interface Collection { id: string; name: string; position: number; awardIds: string[]; createdAt: string; updatedAt: string }

export function createBackpackService (deps: DomainDeps & { learners: LearnerService }) {
  const v2 = ob2Urls(deps.publicUrl)
  const v3 = ob3Urls(deps.publicUrl)

  const toItem = (r: repo.BackpackRow): BackpackItem => ({
    awardId: r.id,
    badgeClassId: r.badge_class_id,
    badgeName: r.badge_name,
    badgeDescription: r.badge_description,
    organisationId: r.organisation_id,
    issuerName: r.issuer_name,
    issuedOn: r.issued_on.toISOString(),
    ...(r.expires ? { expires: r.expires.toISOString() } : {}),
    acceptance: r.acceptance,
    ...(r.acceptance_at ? { acceptanceAt: r.acceptance_at.toISOString() } : {}),
    revoked: r.revoked_at !== null,
    ...(r.revocation_reason !== null ? { revocationReason: r.revocation_reason } : {}),
    links: { assertion: v2.assertion(r.id), image: v2.badgeImage(r.badge_class_id), credential: v3.credential(r.id), badgeClass: v2.badge(r.badge_class_id) },
  })

  /**
   * The learner's awards, oldest first, cursor-paged. An issuer key reaches the backpack only for the awards
   * its own organisation issued (never the learner's other badges).
   */
  async function list (p: Principal, city: CityRow, learnerId: string, q: PageQuery & { acceptance?: Acceptance | undefined }): Promise<Page<BackpackItem> & { imports?: BackpackImport[] }> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    let organisationId: string | undefined
    if (p.role === 'issuer') {
      organisationId = p.organisationId ?? undefined
      if (!isUuid(learnerId) || !(await deps.learners.exists(city.id, learnerId))) throw new NotFound('learner', learnerId)
    } else {
      await deps.learners.getRow(p, city, learnerId, 'read backpacks')
    }
    // Verified imports, once, on the first page of the whole backpack; an issuer never sees a learner's other badges.
    // Both queries go out together (two pool connections on PostgreSQL).
    const withImports = !(p.role === 'issuer' || cursor || q.acceptance)
    const [rows, importRows] = await Promise.all([
      repo.listBackpack(deps.db, learnerId, { organisationId, acceptance: q.acceptance }, limit, cursor),
      withImports ? verifiedImportRows(deps.db, learnerId) : undefined,
    ])
    const page = pageOf(rows, limit)
    if (!importRows) return { items: page.rows.map(toItem), nextCursor: page.nextCursor }
    const imports = importRows.map((r): BackpackImport => ({
      importId: r.id,
      ...(r.name !== null ? { name: r.name } : {}),
      ...(r.issuer_name !== null ? { issuerName: r.issuer_name } : {}),
      ...(r.issued_on !== null ? { issuedOn: r.issued_on.toISOString() } : {}),
      format: r.format,
      verifiedAt: (r.verified_at ?? r.checked_at).toISOString(),
      checkedAt: r.checked_at.toISOString(),
    }))
    return { items: page.rows.map(toItem), nextCursor: page.nextCursor, imports }
  }

  // The URL builders split at the id, for PostgreSQL to build the same links (backpackPageJson).
  const parts = (build: (id: string) => string): repo.UrlParts => {
    const [prefix = '', suffix = ''] = build('\u0000').split('\u0000')
    return { prefix, suffix }
  }
  const urlParts = { assertion: parts(v2.assertion), image: parts(v2.badgeImage), credential: parts(v3.credential), badgeClass: parts(v2.badge) }

  /**
   * `list` already serialised: the same page (items, nextCursor, imports on the first page of an unfiltered backpack;
   * the same access rules and errors) as one JSON text, read and serialised by PostgreSQL in one round trip — what
   * `GET .../backpack` sends (a 500-award backpack is read a hundred items at a time without building an object per
   * award here).
   */
  async function listJson (p: Principal, citySlug: string, learnerId: string, q: PageQuery & { acceptance?: Acceptance | undefined }): Promise<{ body: string; nextCursor: string | null; etag: string }> {
    let pq: ReturnType<typeof readPageQuery>
    try {
      pq = readPageQuery(q, { uuidIds: true })
    } catch (err) {
      // An unknown city is a 404 before a bad cursor is a 400, as on every city route.
      const c = await findCityBySlug(deps.db, citySlug)
      if (!c || !canReachCity(p, c.id)) throw new NotFound('city', citySlug)
      throw err
    }
    const { limit, cursor } = pq
    const organisationId = p.role === 'issuer' ? p.organisationId ?? undefined : undefined
    const withImports = !(p.role === 'issuer' || cursor || q.acceptance)
    // The city is resolved in the same query (CityService.resolve's rules below): one round trip for the whole answer.
    const page = isUuid(learnerId) ? await repo.backpackPageJson(deps.db, { citySlug, learnerId, filter: { organisationId, acceptance: q.acceptance }, limit, cursor, withImports, urls: urlParts }) : undefined
    if (page !== undefined && (page.cityId === undefined || !canReachCity(p, page.cityId))) throw new NotFound('city', citySlug)
    if (p.role !== 'issuer') requireLearnerAccess(p, learnerId, 'read backpacks')
    if (!page?.found) throw new NotFound('learner', learnerId)
    const nextCursor = page.n > limit && page.last ? encodeCursor(page.last) : null
    const body = `{"items":${page.items},"nextCursor":${JSON.stringify(nextCursor)}${page.imports !== undefined ? `,"imports":${page.imports}` : ''}}`
    // A strong ETag of exactly these bytes, without hashing the whole body here: the items' MD5 comes from the database.
    const etag = `"${createHash('sha1').update(`${page.itemsMd5}\n${nextCursor ?? ''}\n${page.imports ?? ''}`).digest('base64url')}"`
    return { body, nextCursor, etag }
  }

  /** Accepts or declines an award; repeating the same decision changes nothing and records no event. */
  async function decide (p: Principal, city: CityRow, learnerId: string, awardId: string, acceptance: 'accepted' | 'declined'): Promise<BackpackItem> {
    await deps.learners.getRow(p, city, learnerId, 'accept or decline awards')
    const current = isUuid(awardId) ? await repo.findLearnerAward(deps.db, learnerId, awardId) : undefined
    if (!current) throw new NotFound('award', awardId)
    if (acceptance === 'accepted' && current.revoked_at !== null) throw new InvalidState('a revoked award cannot be accepted')
    if (current.acceptance !== acceptance) {
      await deps.db.transaction().execute(async (trx) => {
        await repo.setAcceptance(trx, learnerId, awardId, acceptance)
        await addEvent(trx, { type: acceptance === 'accepted' ? 'award.accepted' : 'award.declined', cityId: city.id, payload: { cityId: city.id, awardId, learnerId } })
      })
      deps.eventsWritten()
    }
    const [row] = await repo.backpackItems(deps.db, learnerId, [awardId])
    return toItem(row!)
  }

  async function checkOwned (learnerId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)]
    const owned = await repo.ownedAwardIds(deps.db, learnerId, unique.filter(isUuid))
    const fields = unique.flatMap((id) => owned.has(id) ? [] : [{ field: `/awardIds/${ids.indexOf(id)}`, message: "not an award in this learner's backpack" }])
    if (fields.length) throw new InvalidInput("a collection holds only the learner's own awards", fields)
    return unique
  }

  async function present (rows: LearnerCollectionRow[]): Promise<Collection[]> {
    const items = await repo.collectionAwardIds(deps.db, rows.map((r) => r.id))
    return rows.map((r) => ({ id: r.id, name: r.name, position: r.position, awardIds: items.get(r.id) ?? [], createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() }))
  }

  async function createCollection (p: Principal, city: CityRow, learnerId: string, input: { name: string; awardIds?: string[] | undefined; position?: number | undefined }): Promise<Collection> {
    await deps.learners.getRow(p, city, learnerId, 'manage collections')
    const ids = await checkOwned(learnerId, input.awardIds ?? [])
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertCollection(trx, { id: randomUUID(), learner_id: learnerId, city_id: city.id, name: input.name.trim(), position: input.position ?? await repo.nextCollectionPosition(trx, learnerId) })
      await repo.setCollectionAwards(trx, r.id, ids)
      return r
    })
    return (await present([row]))[0]!
  }

  async function listCollections (p: Principal, city: CityRow, learnerId: string): Promise<Collection[]> {
    await deps.learners.getRow(p, city, learnerId, 'read collections')
    return present(await repo.listCollections(deps.db, learnerId))
  }

  async function updateCollection (p: Principal, city: CityRow, learnerId: string, id: string, input: { name?: string | undefined; awardIds?: string[] | undefined; position?: number | undefined }): Promise<Collection> {
    await deps.learners.getRow(p, city, learnerId, 'manage collections')
    if (!isUuid(id) || !(await repo.findCollection(deps.db, learnerId, id))) throw new NotFound('collection', id)
    const ids = input.awardIds !== undefined ? await checkOwned(learnerId, input.awardIds) : undefined
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.updateCollection(trx, learnerId, id, { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.position !== undefined ? { position: input.position } : {}) })
      if (ids) await repo.setCollectionAwards(trx, id, ids)
      return r
    })
    if (!row) throw new NotFound('collection', id)
    return (await present([row]))[0]!
  }

  async function deleteCollection (p: Principal, city: CityRow, learnerId: string, id: string): Promise<void> {
    await deps.learners.getRow(p, city, learnerId, 'manage collections')
    if (!isUuid(id) || (await repo.deleteCollection(deps.db, learnerId, id)) === 0) throw new NotFound('collection', id)
  }

  return { list, listJson, decide, createCollection, listCollections, updateCollection, deleteCollection, toItem }
}

export type BackpackService = ReturnType<typeof createBackpackService>
