import { sql, type Kysely } from 'kysely'

// Webhook deliveries are ordered by the fan-out, not by the outbox id (issue #12): two transactions may commit their
// outbox rows out of id order, and the relay fans out what it sees in the order it sees it. Positions come from one
// sequence, taken in blocks under an advisory lock by the relay, so a subscription's committed deliveries are always
// in the order the receiver must get them. The sequence starts above every position written so far.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await sql`create sequence webhook_delivery_position`.execute(db)
  await sql`select setval('webhook_delivery_position', greatest(
    (select coalesce(max(position), 0) from webhook_deliveries),
    (select coalesce(max(id), 0) from outbox)) + 1, false)`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await sql`drop sequence if exists webhook_delivery_position`.execute(db)
}
