import { sql, type Kysely } from 'kysely'

// OB 2.0 issuing: signing keys, badge class images and versions, awards, endorsements.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // One row per key; `id` is the kid in the published key URL. Private keys are AES-256-GCM encrypted.
  await db.schema.createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('algorithm', 'text', (c) => c.notNull().check(sql`algorithm in ('RS256', 'Ed25519', 'ES256')`))
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute()
  // At most one active key per organisation and algorithm: concurrent first awards race on this index.
  await sql`create unique index signing_keys_active on signing_keys (organisation_id, algorithm) where retired_at is null`.execute(db)

  await db.schema.createTable('badge_class_images')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('media_type', 'text', (c) => c.notNull().check(sql`media_type in ('image/png', 'image/svg+xml')`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // A row per version; awards reference the exact version, so what was awarded never changes.
  await db.schema.createTable('badge_classes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('family_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted', 'approved', 'superseded', 'retired')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('image_id', 'uuid', (c) => c.notNull().references('badge_class_images.id'))
    .addColumn('criteria_narrative', 'text')
    .addColumn('criteria_url', 'text')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('alignments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('expiry', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"type":"none"}'`))
    .addColumn('language', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('retired_at', 'timestamptz')
    .addUniqueConstraint('badge_classes_family_version', ['family_id', 'version'])
    .addCheckConstraint('badge_classes_criteria', sql`criteria_narrative is not null or criteria_url is not null`)
    .execute()
  await db.schema.createIndex('badge_classes_city_page').on('badge_classes').columns(['city_id', 'created_at', 'id']).execute()

  // OB 3.0 will add status-list columns (list id + index) to awards.
  await db.schema.createTable('awards')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('badge_class_id', 'uuid', (c) => c.notNull().references('badge_classes.id'))
    .addColumn('recipient_type', 'text', (c) => c.notNull().check(sql`recipient_type in ('email', 'url', 'telephone', 'id')`))
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('plain_identity', 'text')
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('narrative', 'text')
    .addColumn('issued_on', 'timestamptz', (c) => c.notNull())
    .addColumn('expires', 'timestamptz')
    .addColumn('signing_key_id', 'text', (c) => c.notNull().references('signing_keys.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('issued_by', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .execute()
  await db.schema.createIndex('awards_city_page').on('awards').columns(['city_id', 'created_at', 'id']).execute()
  await sql`create unique index awards_idempotency on awards (city_id, idempotency_key) where idempotency_key is not null`.execute(db)
  await sql`create index awards_revoked on awards (organisation_id, revoked_at) where revoked_at is not null`.execute(db)
  await db.schema.createIndex('awards_badge_class').on('awards').column('badge_class_id').execute()

  await db.schema.createTable('endorsements')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('badge-class', 'organisation', 'award')`))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('issued_on', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('endorsements_subject').on('endorsements').columns(['subject_id', 'subject_type']).execute()
  await db.schema.createIndex('endorsements_city_page').on('endorsements').columns(['city_id', 'created_at', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['endorsements', 'awards', 'badge_classes', 'badge_class_images', 'signing_keys']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
