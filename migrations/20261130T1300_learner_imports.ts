import { sql, type Kysely } from 'kysely'

// Learner imports (issue #8 item 7): a badge from elsewhere, kept with its verification report and re-verified on a
// schedule. Guardian access links (item 4). Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('learner_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    // Goes with the learner (erasure deletes the learner row).
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    // What was handed in, kept so that the scheduled job verifies the same input again (an image as base64).
    .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind in ('url', 'assertion', 'jws', 'credential', 'jwt', 'image')`))
    .addColumn('source', 'text', (c) => c.notNull())
    // SHA-256 of kind and source: importing the same badge twice finds the first import.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('verified', 'failed')`))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('issued_on', 'timestamptz')
    // The spine mapping: { elements, level, dimensions } or null; themes (codes of this city).
    .addColumn('spine', 'jsonb')
    .addColumn('themes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('mapped_by', 'text', (c) => c.check(sql`mapped_by in ('alignment', 'admin')`))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    // A re-verifying process holds the row until then (two schedulers never check one import at once).
    .addColumn('check_lease_until', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('learner_imports_learner_fingerprint', ['learner_id', 'fingerprint'])
    .execute()
  await db.schema.createIndex('learner_imports_learner').on('learner_imports').columns(['learner_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('learner_imports_due').on('learner_imports').column('checked_at').execute()

  // Guardian access links (issue #8 item 4): the guardian of an under-13 sees, exports and erases with the token of
  // a link sent to the address of the consent record. SHA-256 of the token only; expiring; gone with the learner.
  await db.schema.createTable('guardian_access_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('guardian_access_tokens_learner').on('guardian_access_tokens').column('learner_id').execute()
  await sql`alter table mail_messages drop constraint mail_messages_kind_check`.execute(db)
  await sql`alter table mail_messages add constraint mail_messages_kind_check check (kind in ('claim', 'guardian-consent', 'guardian-access'))`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guardian_access_tokens').ifExists().execute()
  await db.schema.dropTable('learner_imports').ifExists().execute()
}
