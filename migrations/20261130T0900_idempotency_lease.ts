import { sql, type Kysely } from 'kysely'

// Idempotency keys held by a lease (src/plugins/idempotency.ts): a live request renews `lease_until`; a pending
// record whose lease ran out belongs to a dead request and is taken over by the next retry (`owner` tells the
// holder apart, so a late settle of a dead holder changes nothing). Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_keys')
    .addColumn('owner', 'text')
    .addColumn('lease_until', sql`timestamptz(3)`)
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').dropColumn('lease_until').dropColumn('owner').execute()
}
