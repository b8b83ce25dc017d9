import { sql, type Kysely } from 'kysely'

// The OAuth 2.0 authorization server and the Open Badges 3.0 REST API (issue #13).
// `oauth_store`: what oidc-provider keeps (clients registered by RFC 7591, grants, sessions, interactions,
// authorization codes, access and refresh tokens), one row per model and id with its JSON payload and expiry; the
// columns it looks rows up by (grant, session uid, user code) are indexed. Expired rows are ignored when read and
// swept on write. `ob_api_credentials`: OpenBadgeCredentials a learner brought in through `POST /ims/ob/v3p0/credentials`,
// stored only after they verified, one per (issuer, credential id) per learner, erased with the learner.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('oauth_store')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('oauth_store_pk', ['model', 'id'])
    .execute()
  await db.schema.createIndex('oauth_store_grant').on('oauth_store').columns(['grant_id']).where(sql.ref('grant_id'), 'is not', null).execute()
  await db.schema.createIndex('oauth_store_uid').on('oauth_store').columns(['model', 'uid']).where(sql.ref('uid'), 'is not', null).execute()
  await db.schema.createIndex('oauth_store_expiry').on('oauth_store').columns(['expires_at']).execute()

  await db.schema.createTable('ob_api_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('issuer_id', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('json', 'jwt')`))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ob_api_credentials_key', ['learner_id', 'issuer_id', 'credential_id'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ob_api_credentials').ifExists().execute()
  await db.schema.dropTable('oauth_store').ifExists().execute()
}
