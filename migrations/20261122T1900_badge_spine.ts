import { sql, type Kysely } from 'kysely'

// A badge class version's claim on the skills spine (elements, a level, dimensions), its themes and destinations,
// the OB 3.0 alignment objects generated from them, and the indexes of the catalogue (filters and text search).
// Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('badge_classes')
    .addColumn('spine_elements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_level', 'text', (c) => c.check(sql`spine_level in ('engagement', 'participation', 'demonstration', 'leadership')`))
    .addColumn('spine_dimensions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('destinations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // OB 3.0 Alignment objects built from the selection (the OB 2.0 ones are the same minus `type`/`targetType`);
    // rebuilt on every draft edit and at approval, then frozen with the version.
    .addColumn('spine_alignments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute()

  // The catalogue lists one status of one city in (created_at, id) order; the filters below narrow it.
  await db.schema.createIndex('badge_classes_catalogue').on('badge_classes').columns(['city_id', 'status', 'created_at', 'id']).execute()
  await sql`create index badge_classes_spine_elements on badge_classes using gin (spine_elements)`.execute(db)
  await sql`create index badge_classes_themes on badge_classes using gin (themes)`.execute(db)
  await sql`create index badge_classes_destinations on badge_classes using gin (destinations)`.execute(db)

  // Text search without extensions (PGlite has no pg_trgm): the 'simple' configuration (no stemming, any language),
  // name weighted above tags above description. array_to_string is only STABLE, so the expression is wrapped in a
  // function declared IMMUTABLE (true for text[]) that the index and the query both call.
  await sql`create function badge_class_search (name text, description text, tags text[]) returns tsvector
    language sql immutable parallel safe as $$
      select setweight(to_tsvector('simple', name), 'A')
        || setweight(to_tsvector('simple', array_to_string(tags, ' ')), 'B')
        || setweight(to_tsvector('simple', description), 'D')
    $$`.execute(db)
  await sql`create index badge_classes_search on badge_classes using gin (badge_class_search(name, description, tags))`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const i of ['badge_classes_search', 'badge_classes_destinations', 'badge_classes_themes', 'badge_classes_spine_elements', 'badge_classes_catalogue']) {
    await db.schema.dropIndex(i).ifExists().execute()
  }
  await sql`drop function if exists badge_class_search (text, text, text[])`.execute(db)
  await db.schema.alterTable('badge_classes')
    .dropColumn('spine_elements').dropColumn('spine_level').dropColumn('spine_dimensions')
    .dropColumn('themes').dropColumn('destinations').dropColumn('spine_alignments')
    .execute()
}
