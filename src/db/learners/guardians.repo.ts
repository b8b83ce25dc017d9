import { sql } from 'kysely'
import type { Executor } from '../types.js'

export const insertConsentToken = (db: Executor, row: { id: string; city_id: string; learner_id: string; token_hash: string; expires_at: Date }): Promise<void> =>
  db.insertInto('guardian_consent_tokens').values(row).execute().then(() => undefined)

export const findConsentToken = (db: Executor, tokenHash: string) =>
  db.selectFrom('guardian_consent_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

/** Uses the token once (row lock: of two concurrent uses, one wins). */
export const useConsentToken = (db: Executor, id: string) =>
  db.updateTable('guardian_consent_tokens').set({ used_at: sql<Date>`now()` })
    .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', sql<Date>`now()`)
    .returningAll().executeTakeFirst()

/** Records the guardian's consent with its time and wording version. */
export const recordConsent = (db: Executor, learnerId: string, version: string) =>
  db.updateTable('learners').set({ guardian_consent: 'given', guardian_consent_at: sql<Date>`now()`, guardian_consent_version: version, updated_at: sql<Date>`now()` })
    .where('id', '=', learnerId).where('age_band', '=', 'under-13')
    .returning(['id', 'guardian_consent_at']).executeTakeFirst()

export const insertAccessToken = (db: Executor, row: { id: string; city_id: string; learner_id: string; token_hash: string; expires_at: Date }): Promise<void> =>
  db.insertInto('guardian_access_tokens').values(row).execute().then(() => undefined)

/** A guardian access token that has not expired (gone with its learner). */
export const findAccessToken = (db: Executor, tokenHash: string) =>
  db.selectFrom('guardian_access_tokens').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst()
