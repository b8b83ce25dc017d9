import { sql, type Kysely } from 'kysely'

// Citywide insights (issue #11): the award fact table kept by the insights processor (one row per award that
// counts, with the learner so that distinct learners can be counted), the city's deprivation deciles by area,
// the per-city cell-key secret of disclosure rounding, and the weekly open-data releases.
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // A row exists only for an award that counts: live (not revoked, erased or declined), linked to a learner who has
  // not opted out of insights and is not an under-13 without a guardian's consent. Deleting the learner (erasure)
  // or the award removes the row in the same transaction.
  await db.schema.createTable('insight_award_facts')
    .addColumn('award_id', 'uuid', (c) => c.primaryKey().references('awards.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('organisation_kind', 'text', (c) => c.notNull())
    .addColumn('badge_class_id', 'uuid', (c) => c.notNull())
    .addColumn('issued_on', 'timestamptz', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('destinations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_level', 'text')
    .addColumn('spine_dimensions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_elements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
  await db.schema.createIndex('insight_award_facts_city_time').on('insight_award_facts').columns(['city_id', 'issued_on']).execute()
  await db.schema.createIndex('insight_award_facts_learner').on('insight_award_facts').columns(['learner_id']).execute()

  await db.schema.createTable('insight_deciles')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('decile', 'smallint', (c) => c.notNull().check(sql`decile between 1 and 10`))
    .addPrimaryKeyConstraint('insight_deciles_pk', ['city_id', 'area'])
    .execute()

  // The secret of cell-key rounding (src/insights/disclosure.ts): random per city, never leaves the database.
  await db.schema.createTable('insight_settings')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('cell_key_secret', 'text', (c) => c.notNull())
    .addColumn('deciles_updated_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // One public release per city and ISO week (e.g. 2026-W48), made once and never changed.
  await db.schema.createTable('insight_releases')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('insight_releases_pk', ['city_id', 'week'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['insight_releases', 'insight_settings', 'insight_deciles', 'insight_award_facts']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
