import { sql, type Expression } from 'kysely'
import type { AwardRow } from '../badges/badges.types.js'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import { executePrepared } from '../prepared.js'
import type { Acceptance, LearnerCollectionRow } from './learners.types.js'

// The backpack: a learner's awards with their badge class and issuer, and the learner's collections.

export interface BackpackRow {
  id: string
  created_at: Date
  badge_class_id: string
  organisation_id: string
  issued_on: Date
  expires: Date | null
  revoked_at: Date | null
  revocation_reason: string | null
  acceptance: Acceptance
  acceptance_at: Date | null
  badge_name: string
  badge_description: string
  issuer_name: string
}

const backpackSelect = (db: Executor) => db.selectFrom('awards as a')
  .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
  .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
  .select(['a.id', 'a.created_at', 'a.badge_class_id', 'a.organisation_id', 'a.issued_on', 'a.expires', 'a.revoked_at', 'a.revocation_reason',
    'a.acceptance', 'a.acceptance_at', 'b.name as badge_name', 'b.description as badge_description', 'o.name as issuer_name'])

export interface BackpackFilter { organisationId?: string | undefined; acceptance?: Acceptance | undefined }

export const listBackpack = (db: Executor, learnerId: string, f: BackpackFilter, limit: number, cursor?: Cursor): Promise<BackpackRow[]> => {
  let q = backpackSelect(db).where('a.learner_id', '=', learnerId)
  if (f.organisationId) q = q.where('a.organisation_id', '=', f.organisationId)
  if (f.acceptance) q = q.where('a.acceptance', '=', f.acceptance)
  if (cursor) q = q.where(after('a', cursor))
  return q.orderBy('a.created_at').orderBy('a.id').limit(limit + 1).execute()
}

/** The learner's awards among `ids`, in the order given. */
export async function backpackItems (db: Executor, learnerId: string, ids: string[]): Promise<BackpackRow[]> {
  if (ids.length === 0) return []
  const rows = await backpackSelect(db).where('a.learner_id', '=', learnerId).where('a.id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Sets the learner's decision; undefined when the award is not the learner's. */
export const setAcceptance = (db: Executor, learnerId: string, awardId: string, acceptance: Acceptance): Promise<AwardRow | undefined> =>
  db.updateTable('awards').set({ acceptance, acceptance_at: sql<Date>`now()` }).where('learner_id', '=', learnerId).where('id', '=', awardId)
    .returningAll().executeTakeFirst()

export const findLearnerAward = (db: Executor, learnerId: string, awardId: string): Promise<AwardRow | undefined> =>
  db.selectFrom('awards').selectAll().where('learner_id', '=', learnerId).where('id', '=', awardId).executeTakeFirst()

/** Which of `ids` belong to the learner. */
export async function ownedAwardIds (db: Executor, learnerId: string, ids: string[]): Promise<Map<string, Acceptance>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('awards').select(['id', 'acceptance']).where('learner_id', '=', learnerId).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.acceptance]))
}

export const insertCollection = (db: Executor, row: { id: string; learner_id: string; city_id: string; name: string; position: number }): Promise<LearnerCollectionRow> =>
  db.insertInto('learner_collections').values(row).returningAll().executeTakeFirstOrThrow()

export const updateCollection = (db: Executor, learnerId: string, id: string, patch: { name?: string; position?: number }): Promise<LearnerCollectionRow | undefined> =>
  db.updateTable('learner_collections').set({ ...patch, updated_at: sql<Date>`now()` }).where('learner_id', '=', learnerId).where('id', '=', id)
    .returningAll().executeTakeFirst()

export const findCollection = (db: Executor, learnerId: string, id: string): Promise<LearnerCollectionRow | undefined> =>
  db.selectFrom('learner_collections').selectAll().where('learner_id', '=', learnerId).where('id', '=', id).executeTakeFirst()

export const listCollections = (db: Executor, learnerId: string): Promise<LearnerCollectionRow[]> =>
  db.selectFrom('learner_collections').selectAll().where('learner_id', '=', learnerId).orderBy('position').orderBy('created_at').orderBy('id').execute()

export const deleteCollection = (db: Executor, learnerId: string, id: string): Promise<number> =>
  db.deleteFrom('learner_collections').where('learner_id', '=', learnerId).where('id', '=', id).executeTakeFirst().then((r) => Number(r.numDeletedRows))

export const nextCollectionPosition = async (db: Executor, learnerId: string): Promise<number> => {
  const r = await db.selectFrom('learner_collections').select((eb) => eb.fn.max('position').as('m')).where('learner_id', '=', learnerId).executeTakeFirst()
  return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1
}

/** Replaces the collection's awards with `ids`, in that order. */
export async function setCollectionAwards (db: Executor, collectionId: string, ids: string[]): Promise<void> {
  await db.deleteFrom('learner_collection_awards').where('collection_id', '=', collectionId).execute()
  if (ids.length) await db.insertInto('learner_collection_awards').values(ids.map((award_id, position) => ({ collection_id: collectionId, award_id, position }))).execute()
}

export async function collectionAwardIds (db: Executor, collectionIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(collectionIds.map((id) => [id, []]))
  if (collectionIds.length === 0) return out
  const rows = await db.selectFrom('learner_collection_awards').select(['collection_id', 'award_id']).where('collection_id', 'in', collectionIds)
    .orderBy('collection_id').orderBy('position').execute()
  for (const r of rows) out.get(r.collection_id)?.push(r.award_id)
  return out
}

/** URL of an award or badge class as `prefix || id || suffix` (the service's own URL builders, split at the id). */
export interface UrlParts { prefix: string; suffix: string }

export interface BackpackJsonPage {
  /** The id of the city of the slug, if there is one. */
  cityId: string | undefined
  /** Whether the learner exists in that city (the same answer as `findLearner`). */
  found: boolean
  /** The page's items as a JSON array, in the shape of the service's `BackpackItem` (optional fields left out). */
  items: string
  /** MD5 (hex) of `items`, computed by PostgreSQL: what the page's ETag is made from. */
  itemsMd5: string
  /** How many rows the page query found (limit + 1 means there is a next page). */
  n: number
  /** The last item of the page (the next cursor starts after it). */
  last: { created_at: Date; id: string } | undefined
  /** Verified imports as a JSON array of `BackpackImport`, when asked for. */
  imports?: string
}

const iso = (column: string) => sql`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const url = (u: UrlParts, column: string) => sql`${u.prefix}::text || ${sql.ref(column)}::text || ${u.suffix}::text`

/**
 * A page of the backpack in ONE round trip, serialised by PostgreSQL: whether the learner exists, the page's items
 * as JSON (one `json_agg`; no row objects, dates or JSON to build here), the last row for the cursor and, when asked,
 * the verified imports, and the city of the slug (the route's city look-up too). The same rows, order and filters as
 * `listBackpack`; the rows are the learner's whatever the city, so the caller answers nothing before checking both.
 */
export async function backpackPageJson (db: Executor, q: {
  citySlug: string; learnerId: string; filter: BackpackFilter; limit: number; cursor?: Cursor | undefined; withImports: boolean
  urls: { assertion: UrlParts; image: UrlParts; credential: UrlParts; badgeClass: UrlParts }
}): Promise<BackpackJsonPage> {
  const { filter: f, urls: u } = q
  const where: Array<Expression<unknown>> = [sql`a.learner_id = ${q.learnerId}`]
  if (f.organisationId) where.push(sql`a.organisation_id = ${f.organisationId}`)
  if (f.acceptance) where.push(sql`a.acceptance = ${f.acceptance}`)
  if (q.cursor) where.push(after('a', q.cursor))
  const imports = q.withImports
    ? sql`, (select coalesce(json_agg(json_strip_nulls(json_build_object(
        'importId', i.id, 'name', i.name, 'issuerName', i.issuer_name, 'issuedOn', ${iso('i.issued_on')}, 'format', i.format,
        'verifiedAt', ${iso('i.verified_or_checked')}, 'checkedAt', ${iso('i.checked_at')})) order by i.created_at, i.id)::text, '[]')
        from (select *, coalesce(verified_at, checked_at) as verified_or_checked from learner_imports where learner_id = ${q.learnerId} and status = 'verified') i) as imports`
    : sql``
  const rows = await executePrepared(db, sql<{ city_id: string | null; found: boolean; n: number; items: string; items_md5: string; last_created_at: Date | null; last_id: string | null; imports?: string }>`
    with city as (select id from cities where slug = ${q.citySlug}),
    page as (
      select a.id, a.created_at, a.badge_class_id, a.organisation_id, a.issued_on, a.expires, a.revoked_at, a.revocation_reason,
        a.acceptance, a.acceptance_at, b.name as badge_name, b.description as badge_description, o.name as issuer_name
      from awards a join badge_classes b on b.id = a.badge_class_id join organisations o on o.id = a.organisation_id
      where ${sql.join(where, sql` and `)}
      order by a.created_at, a.id limit ${q.limit + 1}
    ), shown as (select * from page order by created_at, id limit ${q.limit}),
    items as (select coalesce(json_agg(json_strip_nulls(json_build_object(
        'awardId', s.id, 'badgeClassId', s.badge_class_id, 'badgeName', s.badge_name, 'badgeDescription', s.badge_description,
        'organisationId', s.organisation_id, 'issuerName', s.issuer_name, 'issuedOn', ${iso('s.issued_on')}, 'expires', ${iso('s.expires')},
        'acceptance', s.acceptance, 'acceptanceAt', ${iso('s.acceptance_at')}, 'revoked', s.revoked_at is not null, 'revocationReason', s.revocation_reason,
        'links', json_build_object('assertion', ${url(u.assertion, 's.id')}, 'image', ${url(u.image, 's.badge_class_id')},
          'credential', ${url(u.credential, 's.id')}, 'badgeClass', ${url(u.badgeClass, 's.badge_class_id')}))) order by s.created_at, s.id)::text, '[]') as t from shown s)
    select (select id from city) as city_id, exists(select 1 from learners l where l.id = ${q.learnerId} and l.city_id = (select id from city)) as found,
      (select count(*)::int from page) as n,
      items.t as items, md5(items.t) as items_md5,
      (select created_at from shown order by created_at desc, id desc limit 1) as last_created_at,
      (select id from shown order by created_at desc, id desc limit 1) as last_id
      ${imports}
    from items`)
  const row = rows[0]!
  return {
    cityId: row.city_id ?? undefined,
    found: row.found,
    items: row.items,
    itemsMd5: row.items_md5,
    n: row.n,
    last: row.last_created_at !== null && row.last_id !== null ? { created_at: new Date(row.last_created_at), id: row.last_id } : undefined,
    ...(row.imports !== undefined ? { imports: row.imports } : {}),
  }
}
