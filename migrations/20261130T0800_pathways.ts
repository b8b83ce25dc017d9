import { sql, type Kysely } from 'kysely'

// Pathways: recommended (an organisation's) and interest (a learner's) pathways with versions, followers, the
// progress rows kept by workers, and completions. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('pathways')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('recommended', 'interest')`))
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.references('learners.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'archived')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('pathways_owner', sql`(kind = 'recommended' and learner_id is null) or (kind = 'interest' and learner_id is not null)`)
    .execute()
  await db.schema.createIndex('pathways_city_page').on('pathways').columns(['city_id', 'created_at', 'id']).execute()

  // A published pathway's version is frozen: editing it makes the next version; followers keep theirs.
  await db.schema.createTable('pathway_versions')
    .addColumn('pathway_id', 'uuid', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('destinations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('requirements', 'jsonb', (c) => c.notNull())
    .addColumn('completion_badge_class_id', 'uuid', (c) => c.references('badge_classes.id'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pathway_versions_pk', ['pathway_id', 'version'])
    .execute()

  await db.schema.createTable('pathway_followers')
    .addColumn('pathway_id', 'uuid', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('started_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pathway_followers_pk', ['pathway_id', 'learner_id'])
    .execute()
  await db.schema.createIndex('pathway_followers_learner').on('pathway_followers').columns(['learner_id']).execute()

  // Derived: recomputed from awards by the progress processor, rebuilt by `cli reconcile`.
  await db.schema.createTable('pathway_progress')
    .addColumn('pathway_id', 'uuid', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('satisfied', 'boolean', (c) => c.notNull())
    .addColumn('missing', 'jsonb', (c) => c.notNull())
    .addColumn('next', 'jsonb', (c) => c.notNull())
    .addColumn('contributing', sql`text[]`, (c) => c.notNull())
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pathway_progress_pk', ['pathway_id', 'learner_id'])
    .execute()
  await db.schema.createIndex('pathway_progress_learner').on('pathway_progress').columns(['learner_id']).execute()

  // Once per (pathway, learner): the primary key makes a second completion impossible, however many workers race.
  await db.schema.createTable('pathway_completions')
    .addColumn('pathway_id', 'uuid', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('award_id', 'uuid')
    .addColumn('completed_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('broken_at', 'timestamptz')
    .addPrimaryKeyConstraint('pathway_completions_pk', ['pathway_id', 'learner_id'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['pathway_completions', 'pathway_progress', 'pathway_followers', 'pathway_versions', 'pathways']) await db.schema.dropTable(t).ifExists().execute()
}
