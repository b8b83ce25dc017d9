import { sql, type Updateable } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type {
  IdentifierType, LearnerErasureRow, LearnerExternalRefRow, LearnerIdentifierRow, LearnerRow, LearnersTable, NewLearnerRow,
} from './learners.types.js'

// Learners, their external references and identifiers, the per-city identifier secret. Executor first.

/** The city's stored (encrypted) identifier secret; creates it once when missing (racing creators agree). */
export async function ensureLearnerSecret (db: Executor, cityId: string, newSecretEnc: () => string): Promise<string> {
  const found = await db.selectFrom('learner_secrets').select('secret_enc').where('city_id', '=', cityId).executeTakeFirst()
  if (found) return found.secret_enc
  await db.insertInto('learner_secrets').values({ city_id: cityId, secret_enc: newSecretEnc() })
    .onConflict((oc) => oc.column('city_id').doNothing()).execute()
  const row = await db.selectFrom('learner_secrets').select('secret_enc').where('city_id', '=', cityId).executeTakeFirstOrThrow()
  return row.secret_enc
}

export const insertLearner = (db: Executor, row: NewLearnerRow): Promise<LearnerRow> =>
  db.insertInto('learners').values(row).returningAll().executeTakeFirstOrThrow()

export const findLearner = (db: Executor, cityId: string, id: string): Promise<LearnerRow | undefined> =>
  db.selectFrom('learners').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

/** Many learners of a city by id (bulk issuing), in no particular order. */
export const findLearners = (db: Executor, cityId: string, ids: readonly string[]): Promise<LearnerRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('learners').selectAll().where('city_id', '=', cityId).where('id', 'in', [...ids]).execute()

/** Locks the learner row: erasure takes it FOR UPDATE, so a concurrent award (FK check) waits or fails. */
export const lockLearner = (db: Executor, cityId: string, id: string): Promise<LearnerRow | undefined> =>
  db.selectFrom('learners').selectAll().where('city_id', '=', cityId).where('id', '=', id).forUpdate().executeTakeFirst()

export const updateLearner = (db: Executor, cityId: string, id: string,
  patch: Omit<Updateable<LearnersTable>, 'id' | 'city_id' | 'created_at' | 'pseudonym'>): Promise<LearnerRow | undefined> =>
  db.updateTable('learners').set({ ...patch, updated_at: sql`now()` }).where('city_id', '=', cityId).where('id', '=', id)
    .returningAll().executeTakeFirst()

export const deleteLearner = (db: Executor, cityId: string, id: string): Promise<number> =>
  db.deleteFrom('learners').where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst().then((r) => Number(r.numDeletedRows))

export interface LearnerFilter { externalRef?: { platform: string; ref: string } | undefined }

export const listLearners = (db: Executor, cityId: string, f: LearnerFilter, limit: number, cursor?: Cursor): Promise<LearnerRow[]> => {
  let q = db.selectFrom('learners').selectAll('learners').where('learners.city_id', '=', cityId)
  if (f.externalRef) {
    const { platform, ref } = f.externalRef
    q = q.where((eb) => eb.exists(eb.selectFrom('learner_external_refs as r').select('r.learner_id')
      .whereRef('r.learner_id', '=', 'learners.id').where('r.city_id', '=', cityId).where('r.platform', '=', platform).where('r.ref', '=', ref)))
  }
  if (cursor) q = q.where(after('learners', cursor))
  return q.orderBy('learners.created_at').orderBy('learners.id').limit(limit + 1).execute()
}

/** Inserts external refs; returns false (inserting none) when one is already taken in the city. */
export async function insertExternalRefs (db: Executor, cityId: string, learnerId: string, refs: Array<{ platform: string; ref: string }>): Promise<boolean> {
  if (refs.length === 0) return true
  const rows = await db.insertInto('learner_external_refs')
    .values(refs.map((r) => ({ city_id: cityId, learner_id: learnerId, platform: r.platform, ref: r.ref })))
    .onConflict((oc) => oc.columns(['city_id', 'platform', 'ref']).doNothing()).returning('ref').execute()
  return rows.length === refs.length
}

export const externalRefsOf = (db: Executor, learnerIds: string[]): Promise<LearnerExternalRefRow[]> =>
  learnerIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('learner_external_refs').selectAll().where('learner_id', 'in', learnerIds).orderBy('created_at').orderBy('platform').orderBy('ref').execute()

export const identifiersOf = (db: Executor, learnerIds: string[]): Promise<LearnerIdentifierRow[]> =>
  learnerIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('learner_identifiers').selectAll().where('learner_id', 'in', learnerIds).orderBy('created_at').orderBy('id').execute()

/** Adds an identifier to a learner; an identifier the learner already has is returned unchanged. */
export async function upsertIdentifier (db: Executor, row: { id: string; learner_id: string; city_id: string; type: IdentifierType; value_hash: string; masked: string }): Promise<LearnerIdentifierRow> {
  const inserted = await db.insertInto('learner_identifiers').values(row)
    .onConflict((oc) => oc.columns(['learner_id', 'type', 'value_hash']).doNothing()).returningAll().executeTakeFirst()
  if (inserted) return inserted
  return db.selectFrom('learner_identifiers').selectAll().where('learner_id', '=', row.learner_id)
    .where('type', '=', row.type).where('value_hash', '=', row.value_hash).executeTakeFirstOrThrow()
}

/** The learner who holds this identifier verified in the city, if any. */
export const findVerifiedHolder = (db: Executor, cityId: string, type: IdentifierType, valueHash: string): Promise<{ learner_id: string } | undefined> =>
  db.selectFrom('learner_identifiers').select('learner_id').where('city_id', '=', cityId).where('type', '=', type)
    .where('value_hash', '=', valueHash).where('verified', '=', true).executeTakeFirst()

/** The verified holders of many identifier hashes of a city at once (bulk issuing). */
export const findVerifiedHolders = (db: Executor, cityId: string, valueHashes: readonly string[]): Promise<Array<{ learner_id: string; type: IdentifierType; value_hash: string }>> =>
  valueHashes.length === 0
    ? Promise.resolve([])
    : db.selectFrom('learner_identifiers').select(['learner_id', 'type', 'value_hash']).where('city_id', '=', cityId)
      .where('value_hash', 'in', [...valueHashes]).where('verified', '=', true).execute()

/** Marks the identifier verified; undefined when another learner of the city already holds it verified. */
export const verifyIdentifier = (db: Executor, learnerId: string, type: IdentifierType, valueHash: string): Promise<LearnerIdentifierRow | undefined> =>
  db.updateTable('learner_identifiers').set({ verified: true, verified_at: sql`now()` } as never)
    .where('learner_id', '=', learnerId).where('type', '=', type).where('value_hash', '=', valueHash)
    .returningAll().executeTakeFirst()

/** Links the city's unlinked awards to this recipient hash to the learner; returns how many. */
export const linkAwardsByMatch = (db: Executor, cityId: string, recipientMatch: string, learnerId: string): Promise<number> =>
  db.updateTable('awards').set({ learner_id: learnerId }).where('city_id', '=', cityId)
    .where('learner_id', 'is', null).where('recipient_match', '=', recipientMatch).where('erased_at', 'is', null)
    .executeTakeFirst().then((r) => Number(r.numUpdatedRows))

export const findErasure = (db: Executor, cityId: string, learnerId: string): Promise<LearnerErasureRow | undefined> =>
  db.selectFrom('learner_erasures').selectAll().where('city_id', '=', cityId).where('learner_id', '=', learnerId).executeTakeFirst()

/** Turns learner names on or off for a city; off also removes every stored name. */
export async function setLearnerNames (db: Executor, cityId: string, on: boolean): Promise<void> {
  await db.updateTable('cities').set({ learner_names: on, updated_at: sql`now()` } as never).where('id', '=', cityId).execute()
  if (!on) await db.updateTable('learners').set({ display_name: null }).where('city_id', '=', cityId).where('display_name', 'is not', null).execute()
}
