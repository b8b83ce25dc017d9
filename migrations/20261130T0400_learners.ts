import { sql, type Kysely } from 'kysely'

// Learners (issue #8): pseudonymous learners per city, their identifiers (keyed hashes only), external
// references, consents, guardians, collections, shares, learner tokens and the erasure audit; awards gain a
// learner link and an acceptance state; API keys gain the `app` role. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // Cities decide whether learners may carry a display name (off: names are never stored).
  await db.schema.alterTable('cities').addColumn('learner_names', 'boolean', (c) => c.notNull().defaultTo(false)).execute()

  // The per-city secret of the identifier keyed hashes (HMAC-SHA-256), AES-256-GCM under KEY_ENCRYPTION_KEY.
  await db.schema.createTable('learner_secrets')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // `pseudonym` is the stable recipient identity (urn:uuid:…) of awards made to a learner by id: unrelated to
  // the learner id, and only ever published salted and hashed.
  await db.schema.createTable('learners')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('pseudonym', 'uuid', (c) => c.notNull().unique())
    .addColumn('age_band', 'text', (c) => c.notNull().check(sql`age_band in ('under-13', '13-15', '16-18', '19-24', '25-plus')`))
    .addColumn('area', 'text')
    .addColumn('display_name', 'text')
    .addColumn('consent_sharing', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consent_contact', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('insights_opt_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consents_updated_at', 'timestamptz')
    // Under-13s: the guardian's email, encrypted (to write to them) and keyed-hashed (to match); never returned.
    .addColumn('guardian_email_enc', 'text')
    .addColumn('guardian_email_hash', 'text')
    .addColumn('guardian_consent', 'text', (c) => c.check(sql`guardian_consent in ('pending', 'given')`))
    .addColumn('guardian_consent_at', 'timestamptz')
    .addColumn('guardian_consent_version', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learners_guardian', sql`age_band <> 'under-13' or (guardian_email_enc is not null and guardian_consent is not null)`)
    .execute()
  await db.schema.createIndex('learners_city_page').on('learners').columns(['city_id', 'created_at', 'id']).execute()

  await db.schema.createTable('learner_external_refs')
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('learner_external_refs_pk', ['city_id', 'platform', 'ref'])
    .execute()
  await db.schema.createIndex('learner_external_refs_learner').on('learner_external_refs').column('learner_id').execute()

  // value_hash = hex HMAC-SHA-256(city secret, type ":" normalised value); `masked` is what answers show.
  await db.schema.createTable('learner_identifiers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('email', 'url', 'telephone', 'did')`))
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('masked', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('learner_identifiers_learner_value', ['learner_id', 'type', 'value_hash'])
    .execute()
  // A verified identifier belongs to one learner of the city: awards to it link there.
  await sql`create unique index learner_identifiers_verified on learner_identifiers (city_id, type, value_hash) where verified`.execute(db)
  await db.schema.createIndex('learner_identifiers_match').on('learner_identifiers').columns(['city_id', 'value_hash']).execute()

  // Awards: the learner link, the learner's decision, and a keyed hash of the recipient identity (same HMAC as
  // identifiers) so that verifying an identifier later finds earlier awards. Erasure nulls all three.
  await db.schema.alterTable('awards').addColumn('learner_id', 'uuid', (c) => c.references('learners.id')).execute()
  await db.schema.alterTable('awards').addColumn('acceptance', 'text', (c) => c.notNull().defaultTo('pending')
    .check(sql`acceptance in ('pending', 'accepted', 'declined')`)).execute()
  await db.schema.alterTable('awards').addColumn('acceptance_at', 'timestamptz').execute()
  await db.schema.alterTable('awards').addColumn('recipient_match', 'text').execute()
  await db.schema.alterTable('awards').addColumn('erased_at', 'timestamptz').execute()
  await sql`create index awards_learner_page on awards (learner_id, created_at, id) where learner_id is not null`.execute(db)
  await sql`create index awards_unlinked_match on awards (city_id, recipient_match) where learner_id is null and recipient_match is not null`.execute(db)

  // Collections: named and ordered, of the learner's own awards.
  await db.schema.createTable('learner_collections')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('learner_collections_learner').on('learner_collections').columns(['learner_id', 'position']).execute()
  await db.schema.createTable('learner_collection_awards')
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('learner_collections.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('learner_collection_awards_pk', ['collection_id', 'award_id'])
    .execute()

  // Shares: only the SHA-256 of the token is stored. Either a list of awards or a collection.
  await db.schema.createTable('learner_shares')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('award_ids', sql`uuid[]`)
    .addColumn('collection_id', 'uuid', (c) => c.references('learner_collections.id').onDelete('cascade'))
    .addColumn('show_name', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learner_shares_subject', sql`(award_ids is null) <> (collection_id is null)`)
    .execute()
  await db.schema.createIndex('learner_shares_learner').on('learner_shares').columns(['learner_id', 'created_at', 'id']).execute()

  // Short-lived learner tokens (SHA-256 of the secret stored), minted by an app or a city admin.
  await db.schema.createTable('learner_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('learner_tokens_learner').on('learner_tokens').column('learner_id').execute()

  // Erasure audit: who (API key id), when, how many awards — no personal data. One row per erased learner.
  await db.schema.createTable('learner_erasures')
    .addColumn('learner_id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('erased_by', 'text', (c) => c.notNull())
    .addColumn('awards_erased', 'integer', (c) => c.notNull())
    .addColumn('erased_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // The `app` role: a city's integrator (bound to a city, not to an organisation).
  await sql`alter table api_keys drop constraint if exists api_keys_role_check`.execute(db)
  await sql`alter table api_keys drop constraint if exists api_keys_scope`.execute(db)
  await sql`alter table api_keys add constraint api_keys_role_check check (role in ('platform-admin', 'city-admin', 'issuer', 'reader', 'app'))`.execute(db)
  await sql`alter table api_keys add constraint api_keys_scope check ((role = 'platform-admin' and city_id is null)
      or (role in ('city-admin', 'reader', 'app') and city_id is not null and organisation_id is null)
      or (role = 'issuer' and city_id is not null and organisation_id is not null))`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await sql`delete from api_keys where role = 'app'`.execute(db)
  await sql`alter table api_keys drop constraint if exists api_keys_role_check`.execute(db)
  await sql`alter table api_keys drop constraint if exists api_keys_scope`.execute(db)
  await sql`alter table api_keys add constraint api_keys_role_check check (role in ('platform-admin', 'city-admin', 'issuer', 'reader'))`.execute(db)
  await sql`alter table api_keys add constraint api_keys_scope check ((role = 'platform-admin' and city_id is null)
      or (role in ('city-admin', 'reader') and city_id is not null and organisation_id is null)
      or (role = 'issuer' and city_id is not null and organisation_id is not null))`.execute(db)
  for (const t of ['learner_erasures', 'learner_tokens', 'learner_shares', 'learner_collection_awards', 'learner_collections']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  await sql`drop index if exists awards_unlinked_match`.execute(db)
  await sql`drop index if exists awards_learner_page`.execute(db)
  for (const c of ['erased_at', 'recipient_match', 'acceptance_at', 'acceptance', 'learner_id']) {
    await db.schema.alterTable('awards').dropColumn(c).execute()
  }
  for (const t of ['learner_identifiers', 'learner_external_refs', 'learners', 'learner_secrets']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  await db.schema.alterTable('cities').dropColumn('learner_names').execute()
}
