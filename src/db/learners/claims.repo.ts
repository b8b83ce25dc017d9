import { sql } from 'kysely'
import type { Executor } from '../types.js'
import type { NewEvent } from '../outbox.js'
import type { AwardClaimRow, ClaimCodeRow, MailKind } from './claims.types.js'

/** A claim, the message that carries its link (with SMTP) and the link's event, in one statement. */
export async function insertClaimWithLink (db: Executor, claim: { id: string; city_id: string; award_id: string; token_hash: string; expires_at: Date },
  mail: { id: string; city_id: string; kind: MailKind; recipient_enc: string; content_enc: string } | undefined, event: NewEvent): Promise<void> {
  const outbox = { type: event.type, city_id: event.cityId, payload: JSON.stringify(event.payload) }
  const withClaim = db.with('c', (qb) => qb.insertInto('award_claims').values(claim))
  if (mail) await withClaim.with('m', (qb) => qb.insertInto('mail_messages').values(mail)).insertInto('outbox').values(outbox).execute()
  else await withClaim.insertInto('outbox').values(outbox).execute()
}

/** Many claims in one statement (bulk issuing). */
export const insertClaims = (db: Executor, rows: Array<{ id: string; city_id: string; award_id: string; token_hash: string; expires_at: Date }>): Promise<void> =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('award_claims').values(rows).execute().then(() => undefined)

export const findClaimByHash = (db: Executor, cityId: string, tokenHash: string): Promise<AwardClaimRow | undefined> =>
  db.selectFrom('award_claims').selectAll().where('city_id', '=', cityId).where('token_hash', '=', tokenHash).executeTakeFirst()

export const findClaimOfAward = (db: Executor, awardId: string): Promise<AwardClaimRow | undefined> =>
  db.selectFrom('award_claims').selectAll().where('award_id', '=', awardId).executeTakeFirst()

/** Uses the claim once: only an unclaimed, unexpired claim is taken (under its row lock, so one of two racers wins). */
export const takeClaim = (db: Executor, id: string, learnerId: string): Promise<AwardClaimRow | undefined> =>
  db.updateTable('award_claims').set({ claimed_at: sql<Date>`now()`, learner_id: learnerId })
    .where('id', '=', id).where('claimed_at', 'is', null).where('expires_at', '>', sql<Date>`now()`)
    .returningAll().executeTakeFirst()

/** Links a pending award to a learner; false when it is already linked, revoked or erased. */
export async function linkAward (db: Executor, cityId: string, awardId: string, learnerId: string): Promise<boolean> {
  const r = await db.updateTable('awards').set({ learner_id: learnerId })
    .where('city_id', '=', cityId).where('id', '=', awardId).where('learner_id', 'is', null)
    .where('revoked_at', 'is', null).where('erased_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export const insertClaimCode = (db: Executor, row: { id: string; city_id: string; badge_class_id: string; code: string; starts_at: Date; ends_at: Date; max_claims: number; created_by: string }): Promise<ClaimCodeRow> =>
  db.insertInto('claim_codes').values(row).returningAll().executeTakeFirstOrThrow()

export const findClaimCode = (db: Executor, cityId: string, code: string): Promise<ClaimCodeRow | undefined> =>
  db.selectFrom('claim_codes').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst()

export const findRedemption = (db: Executor, codeId: string, learnerId: string) =>
  db.selectFrom('claim_code_redemptions').selectAll().where('code_id', '=', codeId).where('learner_id', '=', learnerId).executeTakeFirst()

/** Records the learner's redemption; false when the learner had already redeemed this code. */
export async function insertRedemption (db: Executor, row: { code_id: string; learner_id: string; city_id: string }): Promise<boolean> {
  const r = await db.insertInto('claim_code_redemptions').values(row).onConflict((oc) => oc.doNothing()).returning('code_id').executeTakeFirst()
  return r !== undefined
}

/** Takes one place, inside the window, while places are left (row lock: concurrent takers serialise). */
export const takePlace = (db: Executor, codeId: string): Promise<ClaimCodeRow | undefined> =>
  db.updateTable('claim_codes').set((eb) => ({ claims: eb('claims', '+', 1) }))
    .where('id', '=', codeId).where('claims', '<', sql<number>`max_claims`)
    .where('starts_at', '<=', sql<Date>`now()`).where('ends_at', '>', sql<Date>`now()`)
    .returningAll().executeTakeFirst()

export async function setRedemptionAward (db: Executor, codeId: string, learnerId: string, awardId: string): Promise<void> {
  await db.updateTable('claim_code_redemptions').set({ award_id: awardId }).where('code_id', '=', codeId).where('learner_id', '=', learnerId).execute()
}
