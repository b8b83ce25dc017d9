import { sql, type Kysely } from 'kysely'

// Pathway unlocks (issue #10 item 6): a pathway may unlock an opportunity with a number of places and an eligibility
// rule; each eligible, consenting completer is offered a place once. `unlock_offered` only grows, by a conditional
// UPDATE that never passes `unlock_capacity`, so places are never over-allocated however many workers complete at
// once. Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pathways')
    .addColumn('unlock_opportunity_id', 'uuid', (c) => c.references('opportunities.id').onDelete('set null'))
    .addColumn('unlock_capacity', 'integer')
    .addColumn('unlock_eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('unlock_offered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`alter table pathways add constraint pathways_unlock_places check (unlock_offered >= 0 and (unlock_capacity is null or (unlock_capacity >= 0 and unlock_offered <= unlock_capacity)))`.execute(db)

  // One row per (pathway, learner): `offered` holds a place, `waitlisted` completed when none was left.
  await db.schema.createTable('pathway_unlocks')
    .addColumn('pathway_id', 'uuid', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('offered', 'waitlisted')`))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pathway_unlocks_pk', ['pathway_id', 'learner_id'])
    .execute()
  await db.schema.createIndex('pathway_unlocks_learner').on('pathway_unlocks').column('learner_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pathway_unlocks').ifExists().execute()
  await sql`alter table pathways drop constraint if exists pathways_unlock_places`.execute(db)
  for (const c of ['unlock_offered', 'unlock_eligibility', 'unlock_capacity', 'unlock_opportunity_id']) await db.schema.alterTable('pathways').dropColumn(c).execute()
}
