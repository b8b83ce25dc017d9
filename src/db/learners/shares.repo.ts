import { sql } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type { LearnerRow, LearnerShareRow } from './learners.types.js'

export const insertShare = (db: Executor, row: { id: string; learner_id: string; city_id: string; token_hash: string; award_ids: string[] | null; collection_id: string | null; show_name: boolean; expires_at: Date | null }): Promise<LearnerShareRow> =>
  db.insertInto('learner_shares').values(row).returningAll().executeTakeFirstOrThrow()

export const listShares = (db: Executor, learnerId: string, limit: number, cursor?: Cursor): Promise<LearnerShareRow[]> => {
  let q = db.selectFrom('learner_shares').selectAll().where('learner_id', '=', learnerId)
  if (cursor) q = q.where(after('learner_shares', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/** Revokes once; a second call keeps the first time. Undefined when the share is not the learner's. */
export async function revokeShare (db: Executor, learnerId: string, id: string): Promise<LearnerShareRow | undefined> {
  await db.updateTable('learner_shares').set({ revoked_at: sql<Date>`now()` }).where('learner_id', '=', learnerId).where('id', '=', id).where('revoked_at', 'is', null).execute()
  return db.selectFrom('learner_shares').selectAll().where('learner_id', '=', learnerId).where('id', '=', id).executeTakeFirst()
}

/** A share by its token hash, with its learner (for the public page). */
export async function findShareByTokenHash (db: Executor, tokenHash: string): Promise<{ share: LearnerShareRow; learner: LearnerRow } | undefined> {
  const share = await db.selectFrom('learner_shares').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  if (!share) return undefined
  const learner = await db.selectFrom('learners').selectAll().where('id', '=', share.learner_id).executeTakeFirst()
  return learner ? { share, learner } : undefined
}
