import { sql, type Kysely } from 'kysely'

// Webhooks (Standard Webhooks 1.0): subscriptions and their deliveries. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // The signing secret is kept encrypted under KEY_ENCRYPTION_KEY (it must be read back to sign); during a rotation
  // the previous secret signs too until `previous_secret_expires_at`. A lease lets one dispatcher at a time deliver a
  // subscription's deliveries, in order.
  await db.schema.createTable('webhook_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('previous_secret_enc', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
    .addColumn('disabled_reason', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('webhook_subscriptions_city_page').on('webhook_subscriptions').columns(['city_id', 'created_at', 'id']).execute()

  // One row per (subscription, event): the unique pair makes a re-delivered outbox event fan out once. `position`
  // orders a subscription's deliveries (the outbox id of the event); `id` is the Standard Webhooks message id, the
  // same on every attempt and on a replay.
  await db.schema.createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('outbox_id', 'bigint')
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index webhook_deliveries_once on webhook_deliveries (subscription_id, outbox_id) where outbox_id is not null`.execute(db)
  await sql`create index webhook_deliveries_due on webhook_deliveries (subscription_id, position, created_at) where status = 'pending'`.execute(db)
  await db.schema.createIndex('webhook_deliveries_log').on('webhook_deliveries').columns(['subscription_id', 'created_at', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').ifExists().execute()
  await db.schema.dropTable('webhook_subscriptions').ifExists().execute()
}
