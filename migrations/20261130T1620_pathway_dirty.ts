import { sql, type Kysely } from 'kysely'

// Pathway progress is recomputed a batch of learners at a time (issue #10 "Speed"): an event marks its learner dirty
// (one idempotent upsert in the event's job) and a drainer recomputes the marked learners in batches. `mark` is bumped
// by every new marking, so a drainer deletes only the marks it covered: a learner marked again while their batch ran
// keeps a mark and is recomputed again. A claimed mark is leased (`leased_until`); a drainer that died leaves its marks
// to be claimed again when the lease runs out. `priority` 0 is a learner's own event, 1 a pathway's fan-out to its
// followers (drained after the first, so an edit never holds back the awards issued meanwhile).
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await sql`create sequence pathway_dirty_mark`.execute(db)
  await db.schema.createTable('pathway_dirty')
    .addColumn('learner_id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('mark', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('pathway_dirty_mark')`))
    .addColumn('priority', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('leased_until', 'timestamptz')
    .execute()
  await db.schema.createIndex('pathway_dirty_order').on('pathway_dirty').columns(['priority', 'mark']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pathway_dirty').ifExists().execute()
  await sql`drop sequence if exists pathway_dirty_mark`.execute(db)
}
