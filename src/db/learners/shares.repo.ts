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

/**
 * The display name a learner chose to show with this award, or undefined. The learner chooses by sharing the award
 * (alone or in a collection) with "show my name" on: while such a share is live (not revoked, not expired) the award's
 * public page shows the name too. Never for a declined or erased award, a learner without a name, an under-13 or a
 * city that stores no names.
 */
export async function sharedDisplayName (db: Executor, awardId: string, now: Date): Promise<string | undefined> {
  const row = await db.selectFrom('awards as a')
    .innerJoin('learners as l', 'l.id', 'a.learner_id')
    .innerJoin('cities as c', 'c.id', 'a.city_id')
    .select('l.display_name')
    .where('a.id', '=', awardId)
    .where('a.acceptance', '<>', 'declined')
    .where('a.erased_at', 'is', null)
    .where('l.display_name', 'is not', null)
    .where('l.age_band', '<>', 'under-13')
    .where('c.learner_names', '=', true)
    .where(({ exists, selectFrom }) => exists(
      selectFrom('learner_shares as s').select(sql`1`.as('one'))
        .whereRef('s.learner_id', '=', 'l.id')
        .where('s.show_name', '=', true)
        .where('s.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('s.expires_at', 'is', null), eb('s.expires_at', '>', now)]))
        .where((eb) => eb.or([
          sql<boolean>`${awardId}::uuid = any(s.award_ids)`,
          eb.exists(eb.selectFrom('learner_collection_awards as ca').select(sql`1`.as('one'))
            .whereRef('ca.collection_id', '=', 's.collection_id').where('ca.award_id', '=', awardId)),
        ])),
    ))
    .executeTakeFirst()
  return row?.display_name ?? undefined
}
