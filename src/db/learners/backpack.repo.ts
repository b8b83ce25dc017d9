import { sql } from 'kysely'
import type { AwardRow } from '../badges/badges.types.js'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
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
