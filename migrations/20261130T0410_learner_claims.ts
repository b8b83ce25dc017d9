import { sql, type Kysely } from 'kysely'

// Learners part B: mail outbox, claims of pending awards, claim codes, guardian consent, imports.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // A message to send. The address and the link are encrypted (AES-256-GCM under KEY_ENCRYPTION_KEY) and erased
  // once sent; job payloads and logs carry only the id.
  await db.schema.createTable('mail_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('claim', 'guardian-consent')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'cancelled')`))
    .addColumn('recipient_enc', 'text')
    .addColumn('content_enc', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    // A sender holds the message until lease_until (two workers never send it at once); last_attempt_at paces the
    // scheduled re-queue of messages whose job ran out of retries.
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addCheckConstraint('mail_messages_pending_has_content', sql`status <> 'pending' or (recipient_enc is not null and content_enc is not null)`)
    .execute()
  await sql`create index mail_messages_pending on mail_messages (created_at) where status = 'pending'`.execute(db)

  // A pending award (to an identity no learner holds) and its claim token: only the SHA-256 of the token is kept;
  // single use (claimed_at), expiring. Deleted with the award.
  await db.schema.createTable('award_claims')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().unique().references('awards.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('learner_id', 'uuid', (c) => c.references('learners.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Claim codes of a badge class (a QR at the venue): a window and a maximum number of claims. `claims` only grows,
  // under the row lock of the redeeming transaction, so the last place goes to exactly one learner.
  await db.schema.createTable('claim_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('badge_class_id', 'uuid', (c) => c.notNull().references('badge_classes.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('max_claims', 'integer', (c) => c.notNull())
    .addColumn('claims', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('claim_codes_city_code', ['city_id', 'code'])
    .addCheckConstraint('claim_codes_window', sql`ends_at > starts_at`)
    .addCheckConstraint('claim_codes_count', sql`max_claims between 1 and 100000 and claims between 0 and max_claims`)
    .execute()
  // One redemption per learner and code: a second redeem finds the first award instead of making another.
  await db.schema.createTable('claim_code_redemptions')
    .addColumn('code_id', 'uuid', (c) => c.notNull().references('claim_codes.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.references('awards.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('claim_code_redemptions_pk', ['code_id', 'learner_id'])
    .execute()

  // Guardian consent links of under-13 learners: SHA-256 of the token only, single use, expiring.
  await db.schema.createTable('guardian_consent_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('guardian_consent_tokens_learner').on('guardian_consent_tokens').column('learner_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['guardian_consent_tokens', 'claim_code_redemptions', 'claim_codes', 'award_claims', 'mail_messages']) await db.schema.dropTable(t).ifExists().execute()
}
