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
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_messages').ifExists().execute()
}
