import { sql, type Kysely } from 'kysely'

// created_at has millisecond precision so that keyset cursors (JavaScript Dates) round-trip exactly.
// Foundation: tenants, organisations, API keys, idempotency records, the outbox and event receipts.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('cities')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locales', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{en}'`))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('privacy_threshold', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('store_plain_identity', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema.createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('image', 'text')
    .addColumn('telephone', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('organisations_city_page').on('organisations').columns(['city_id', 'created_at', 'id']).execute()

  await db.schema.createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('platform-admin', 'city-admin', 'issuer', 'reader')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addCheckConstraint('api_keys_scope', sql`(role = 'platform-admin' and city_id is null)
      or (role in ('city-admin', 'reader') and city_id is not null and organisation_id is null)
      or (role = 'issuer' and city_id is not null and organisation_id is not null)`)
    .execute()
  await db.schema.createIndex('api_keys_city_page').on('api_keys').columns(['city_id', 'created_at', 'id']).execute()

  await db.schema.createTable('idempotency_keys')
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('response_status', 'integer')
    .addColumn('response_type', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'key'])
    .execute()

  await db.schema.createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute()
  await sql`create index outbox_pending on outbox (id) where dispatched_at is null`.execute(db)

  await db.schema.createTable('event_receipts')
    .addColumn('outbox_id', 'bigint', (c) => c.notNull())
    .addColumn('processor', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_receipts_pk', ['outbox_id', 'processor'])
    .execute()

  // Derived, rebuilt by `cli reconcile`: per-city counts kept current by event processors.
  await db.schema.createTable('city_stats')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('organisations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('events_processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['city_stats', 'event_receipts', 'outbox', 'idempotency_keys', 'api_keys', 'organisations', 'cities']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
