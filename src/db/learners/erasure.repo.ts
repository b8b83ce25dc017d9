import { sql } from 'kysely'
import type { Executor } from '../types.js'

/**
 * Turns every award of the learner into a revoked stub with no recipient data: the salted hash, salt, plain
 * identity, evidence, narrative and keyed match go; the organisation's record (class, issuer, dates, status
 * list entry) stays. Returns the stubs' ids and status lists.
 */
export const stubLearnerAwards = (db: Executor, cityId: string, learnerId: string): Promise<Array<{ id: string; status_list_id: string | null }>> =>
  db.updateTable('awards').set({
    identity_hash: '', salt: '', plain_identity: null, evidence: '[]', narrative: null, recipient_match: null, learner_id: null,
    idempotency_key: null, acceptance: 'pending', acceptance_at: null, erased_at: sql<Date>`now()`,
    revoked_at: sql<Date>`coalesce(revoked_at, now())`, revocation_reason: 'erased',
  }).where('city_id', '=', cityId).where('learner_id', '=', learnerId).returning(['id', 'status_list_id']).execute()

/** Unlinked awards whose keyed recipient hash equals one of the learner's identifiers lose that hash. */
export async function forgetIdentifierMatches (db: Executor, cityId: string, learnerId: string): Promise<void> {
  const hashes = await db.selectFrom('learner_identifiers').select('value_hash').where('learner_id', '=', learnerId).execute()
  if (hashes.length === 0) return
  await db.updateTable('awards').set({ recipient_match: null }).where('city_id', '=', cityId).where('learner_id', 'is', null)
    .where('recipient_match', 'in', hashes.map((h) => h.value_hash)).execute()
}

/** Stored idempotent replies that mention the learner (a replay must not bring back erased data). */
export const forgetIdempotentReplies = (db: Executor, learnerId: string): Promise<unknown> =>
  db.deleteFrom('idempotency_keys').where((eb) => eb.or([eb('path', 'like', `%${learnerId}%`), eb('response_body', 'like', `%${learnerId}%`)])).execute()

export const insertErasure = (db: Executor, row: { learner_id: string; city_id: string; erased_by: string; awards_erased: number }): Promise<{ erased_at: Date }> =>
  db.insertInto('learner_erasures').values(row).returning('erased_at').executeTakeFirstOrThrow()
