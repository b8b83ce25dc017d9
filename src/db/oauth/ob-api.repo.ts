import type { CityRow, Executor } from '../types.js'
import type { LearnerRow } from '../learners/learners.types.js'
import type { ObApiCredentialRow } from './oauth.types.js'

// Credentials learners bring in through the OB 3.0 REST API (POST /ims/ob/v3p0/credentials).

export const listLearnerCredentials = (db: Executor, learnerId: string): Promise<ObApiCredentialRow[]> =>
  db.selectFrom('ob_api_credentials').selectAll().where('learner_id', '=', learnerId)
    .orderBy('valid_from').orderBy('id').execute()

export const findLearnerCredential = (db: Executor, learnerId: string, issuerId: string, credentialId: string): Promise<ObApiCredentialRow | undefined> =>
  db.selectFrom('ob_api_credentials').selectAll()
    .where('learner_id', '=', learnerId).where('issuer_id', '=', issuerId).where('credential_id', '=', credentialId)
    .executeTakeFirst()

/**
 * Inserts or replaces the learner's copy of a credential (equality: issuer id and credential id). A replacement only
 * lands when its `validFrom` is not older than the stored one (OB 3.0 §6.2.3: the newer credential wins); answers
 * whether a row was created, replaced, or left as it was.
 */
export async function upsertLearnerCredential (db: Executor, row: Omit<ObApiCredentialRow, 'created_at' | 'updated_at'>): Promise<'created' | 'replaced' | 'kept'> {
  const out = await db.insertInto('ob_api_credentials').values({ ...row, updated_at: row.verified_at })
    .onConflict((oc) => oc.columns(['learner_id', 'issuer_id', 'credential_id']).doUpdateSet({
      format: row.format, document: row.document, valid_from: row.valid_from, verified_at: row.verified_at, client_id: row.client_id, updated_at: row.verified_at,
    }).where('ob_api_credentials.valid_from', '<=', row.valid_from))
    .returning(['id'])
    .executeTakeFirst()
  if (!out) return 'kept'
  return out.id === row.id ? 'created' : 'replaced'
}

/** A learner with their city, by id alone (an OAuth grant names the learner, not the city). */
export const learnerWithCity = async (db: Executor, learnerId: string): Promise<{ learner: LearnerRow; city: CityRow } | undefined> => {
  const learner = await db.selectFrom('learners').selectAll().where('id', '=', learnerId).executeTakeFirst()
  if (!learner) return undefined
  const city = await db.selectFrom('cities').selectAll().where('id', '=', learner.city_id).executeTakeFirstOrThrow()
  return { learner, city }
}
