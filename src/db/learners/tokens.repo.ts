import { sql } from 'kysely'
import type { Executor } from '../types.js'
import { executePrepared } from '../prepared.js'
import type { LearnerTokenRow } from './learners.types.js'

export const insertLearnerToken = (db: Executor, row: { id: string; learner_id: string; city_id: string; secret_hash: string; scopes: string[]; created_by: string; expires_at: Date }): Promise<LearnerTokenRow> =>
  db.insertInto('learner_tokens').values(row).returningAll().executeTakeFirstOrThrow()

export const findLearnerToken = async (db: Executor, id: string): Promise<LearnerTokenRow | undefined> =>
  (await executePrepared(db, db.selectFrom('learner_tokens').selectAll().where('id', '=', id)))[0]

/** Removes expired tokens of a learner (called when minting, so the table stays small). */
export const deleteExpiredTokens = (db: Executor, learnerId: string): Promise<unknown> =>
  db.deleteFrom('learner_tokens').where('learner_id', '=', learnerId).where('expires_at', '<', sql<Date>`now()`).execute()

export const revokeLearnerTokens = (db: Executor, cityId: string, learnerId: string): Promise<unknown> =>
  db.updateTable('learner_tokens').set({ revoked_at: sql`now()` } as never).where('city_id', '=', cityId).where('learner_id', '=', learnerId)
    .where('revoked_at', 'is', null).execute()
