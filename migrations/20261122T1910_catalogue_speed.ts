import { sql, type Kysely } from 'kysely'

// Faster catalogue text search and coverage (bench/catalogue.ts). Frozen in time: never import from src/.
// - The search vector becomes a stored generated column: a filter on it no longer recomputes to_tsvector per row
//   (a rare word walked 9,000 rows in ~60 ms), and ANALYZE keeps lexeme statistics for the planner.
// - GIN indexes without a pending list (fastupdate off): badge classes are written rarely, and a pending list
//   filled by a bulk import is scanned linearly by every search until (auto)vacuum merges it (~3 ms -> 0.1 ms).
// - spines.coverage_version counts changes of what coverage reads (elements, approved alignments), so that a
//   computed coverage grid can be reused until the next change, on every instance.
const GIN = ['badge_classes_spine_elements', 'badge_classes_themes', 'badge_classes_destinations']

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('badge_classes_search').ifExists().execute()
  await sql`alter table badge_classes add column search tsvector
    generated always as (badge_class_search(name, description, tags)) stored`.execute(db)
  await sql`create index badge_classes_search on badge_classes using gin (search) with (fastupdate = off)`.execute(db)
  for (const i of GIN) await sql`alter index ${sql.ref(i)} set (fastupdate = off)`.execute(db)
  await db.schema.alterTable('spines').addColumn('coverage_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('spines').dropColumn('coverage_version').execute()
  for (const i of GIN) await sql`alter index ${sql.ref(i)} reset (fastupdate)`.execute(db)
  await db.schema.dropIndex('badge_classes_search').ifExists().execute()
  await db.schema.alterTable('badge_classes').dropColumn('search').execute()
  await sql`create index badge_classes_search on badge_classes using gin (badge_class_search(name, description, tags))`.execute(db)
}
