import { sql, type Kysely } from 'kysely'

// The skills spine of each city: its elements (a tree per layer), their superseded versions, codes deleted once
// (never reused), the levels x dimensions grid, themes, destinations, and the alignment rows badge classes write
// (the source of coverage and of "in use"). Frozen in time: never import from src/.
export async function up (db: Kysely<any>): Promise<void> {
  // One row per city whose spine exists; its presence means "seeded".
  await db.schema.createTable('spines')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema.createTable('spine_elements')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull().check(sql`layer in ('core', 'cities-of-learning', 'city', 'strategic')`))
    .addColumn('parent_code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text')
    .addColumn('mappings', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'retired')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    // Display and export order (parents first when seeded or imported); keyset pagination runs over (position, code).
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('spine_elements_pk', ['city_id', 'code'])
    .execute()
  // Deferred: a whole layer can be rewritten in one transaction in any row order, and is checked at commit.
  await sql`alter table spine_elements add constraint spine_elements_parent
    foreign key (city_id, parent_code) references spine_elements (city_id, code) deferrable initially deferred`.execute(db)
  await db.schema.createIndex('spine_elements_city_order').on('spine_elements').columns(['city_id', 'position', 'code']).execute()
  await db.schema.createIndex('spine_elements_city_layer').on('spine_elements').columns(['city_id', 'layer', 'position']).execute()
  await db.schema.createIndex('spine_elements_city_parent').on('spine_elements').columns(['city_id', 'parent_code']).execute()

  // The content of each superseded version of an element (written when an edit bumps the version).
  await db.schema.createTable('spine_element_versions')
    .addColumn('city_id', 'uuid', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('superseded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('spine_element_versions_pk', ['city_id', 'code', 'version'])
    .addForeignKeyConstraint('spine_element_versions_element', ['city_id', 'code'], 'spine_elements', ['city_id', 'code'], (fk) => fk.onDelete('cascade'))
    .execute()

  // Codes of deleted elements: a code is never reused, so that an old alignment can never change meaning.
  await db.schema.createTable('spine_deleted_codes')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('spine_deleted_codes_pk', ['city_id', 'code'])
    .execute()

  await db.schema.createTable('spine_grid_cells')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('engagement', 'participation', 'demonstration', 'leadership')`))
    .addColumn('dimension', 'text', (c) => c.notNull().check(sql`dimension in ('knowledge', 'skills', 'attitudes-values')`))
    .addColumn('descriptors', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('spine_grid_cells_pk', ['city_id', 'level', 'dimension'])
    .execute()

  await db.schema.createTable('themes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('civic', 'wellbeing', 'sector')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('themes_city_code', ['city_id', 'code'])
    .addCheckConstraint('themes_industry_code_sector', sql`industry_code is null or kind = 'sector'`)
    .execute()
  await db.schema.createIndex('themes_city_page').on('themes').columns(['city_id', 'created_at', 'id']).execute()

  await db.schema.createTable('destinations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('education', 'employment', 'enterprise', 'civic-engagement')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('destinations_city_code', ['city_id', 'code'])
    .execute()
  await db.schema.createIndex('destinations_city_page').on('destinations').columns(['city_id', 'created_at', 'id']).execute()

  // Written by badge classes (one row per badge class x element x dimension; the level is the badge class's).
  // The element foreign key (NO ACTION) makes "an element in use is never deleted" a database rule too.
  // badge_class_id gets its foreign key in the badge classes migration.
  await db.schema.createTable('badge_class_alignments')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('badge_class_id', 'uuid', (c) => c.notNull())
    .addColumn('element_code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('engagement', 'participation', 'demonstration', 'leadership')`))
    .addColumn('dimension', 'text', (c) => c.notNull().check(sql`dimension in ('knowledge', 'skills', 'attitudes-values')`))
    .addColumn('approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('badge_class_alignments_pk', ['city_id', 'badge_class_id', 'element_code', 'dimension'])
    .addForeignKeyConstraint('badge_class_alignments_element', ['city_id', 'element_code'], 'spine_elements', ['city_id', 'code'])
    .execute()
  // Coverage: an index-only scan grouped by level x dimension x element over the approved rows of one city.
  await sql`create index badge_class_alignments_coverage on badge_class_alignments
    (city_id, level, dimension, element_code, badge_class_id) where approved`.execute(db)
  // "Is this element in use?" and the foreign key's check on element deletes.
  await db.schema.createIndex('badge_class_alignments_element').on('badge_class_alignments').columns(['city_id', 'element_code']).execute()

  // One row per badge class: its whole selection. Coverage totals (distinct badge classes per level x dimension)
  // read these few rows instead of de-duplicating the alignment rows per badge class.
  await db.schema.createTable('badge_class_selections')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('badge_class_id', 'uuid', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('engagement', 'participation', 'demonstration', 'leadership')`))
    .addColumn('dimensions', sql`text[]`, (c) => c.notNull())
    .addColumn('elements', sql`text[]`, (c) => c.notNull())
    .addColumn('approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('badge_class_selections_pk', ['city_id', 'badge_class_id'])
    .execute()
  await sql`create index badge_class_selections_coverage on badge_class_selections (city_id, level) include (dimensions) where approved`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const t of ['badge_class_selections', 'badge_class_alignments', 'destinations', 'themes', 'spine_grid_cells', 'spine_deleted_codes', 'spine_element_versions', 'spine_elements', 'spines']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
