import { sql, type Kysely } from 'kysely'

// OB 3.0 issuing: bitstring status lists and each award's entry in one. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // One row per list; `next_index` only ever grows, so an index is never handed out twice.
  // `published` holds the last signed BitstringStatusListCredential (JSON text, served byte for byte) and
  // `published_bits` how many revoked entries it shows: revocations only ever add bits, so a different count
  // of revoked awards on the list means the stored copy is stale.
  await db.schema.createTable('status_lists')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('revocation').check(sql`purpose in ('revocation')`))
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(131072).check(sql`size >= 131072 and size % 8 = 0`))
    .addColumn('next_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published', 'text')
    .addColumn('published_bits', 'integer')
    .addCheckConstraint('status_lists_next_index', sql`next_index >= 0 and next_index <= size`)
    .execute()
  await sql`create index status_lists_open on status_lists (organisation_id, purpose, created_at) where next_index < size`.execute(db)

  // Null for awards made before this migration: they get an entry on their first OB 3.0 request.
  await db.schema.alterTable('awards')
    .addColumn('status_list_id', 'uuid', (c) => c.references('status_lists.id'))
    .execute()
  await db.schema.alterTable('awards').addColumn('status_index', 'integer').execute()
  await sql`alter table awards add constraint awards_status_entry unique (status_list_id, status_index)`.execute(db)
  await sql`create index awards_status_revoked on awards (status_list_id) where revoked_at is not null`.execute(db)
  await sql`alter table awards add constraint awards_status_pair check ((status_list_id is null) = (status_index is null))`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await sql`alter table awards drop constraint if exists awards_status_pair`.execute(db)
  await sql`alter table awards drop constraint if exists awards_status_entry`.execute(db)
  await sql`drop index if exists awards_status_revoked`.execute(db)
  await db.schema.alterTable('awards').dropColumn('status_index').execute()
  await db.schema.alterTable('awards').dropColumn('status_list_id').execute()
  await db.schema.dropTable('status_lists').ifExists().execute()
}
