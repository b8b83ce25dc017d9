import { sql, type Kysely } from 'kysely'

// Verified learner imports count in the insights (issue #8 item 7, issue #11): one fact row per verified import of an
// eligible learner, kept beside the award facts (the insight queries read both). And the completion award of a
// pathway is found from the award (its OB 3.0 Achievement describes the pathway, issue #10 item 9).
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('insight_import_facts')
    .addColumn('import_id', 'uuid', (c) => c.primaryKey().references('learner_imports.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('issued_on', 'timestamptz', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_level', 'text')
    .addColumn('spine_dimensions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_elements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
  await db.schema.createIndex('insight_import_facts_city_time').on('insight_import_facts').columns(['city_id', 'issued_on']).execute()
  await db.schema.createIndex('insight_import_facts_learner').on('insight_import_facts').column('learner_id').execute()
  await db.schema.createIndex('pathway_completions_award').on('pathway_completions').column('award_id').where(sql.ref('award_id'), 'is not', null).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pathway_completions_award').ifExists().execute()
  await db.schema.dropTable('insight_import_facts').ifExists().execute()
}
