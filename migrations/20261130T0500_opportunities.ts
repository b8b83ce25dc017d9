import { sql, type Kysely } from 'kysely'

// Opportunities (issue #9): what is on near a learner, its sessions, the city's open-data feed position and the
// RPDE feeds a city imports. Frozen in time: never import from src/.
//
// Geo search uses `cube` + `earthdistance` (GiST on ll_to_earth(lat, lon)); text search a tsvector plus pg_trgm
// for typos. PGlite loads the same extensions (src/db/database.ts), so embedded and server run the same SQL.
// On a server where the extensions already live in another schema (e.g. `extensions`), that schema is added to the
// database's search_path (and this session's), so that the unqualified ll_to_earth/earth_box/@> resolve everywhere.
const KINDS = `'activity', 'event', 'course', 'volunteering', 'job', 'apprenticeship', 'internship', 'interview'`

export async function up (db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists cube`.execute(db)
  await sql`create extension if not exists earthdistance`.execute(db)
  await sql`create extension if not exists pg_trgm`.execute(db)
  await addExtensionSchemasToSearchPath(db)

  await db.schema.createTable('opportunity_settings')
    .addColumn('city_id', 'uuid', (c) => c.primaryKey().references('cities.id').onDelete('cascade'))
    .addColumn('max_radius_km', 'double precision', (c) => c.notNull().defaultTo(50).check(sql`max_radius_km > 0 and max_radius_km <= 500`))
    .execute()

  // Imported feeds: a provider organisation's OpenActive RPDE feed, and where the importer has got to.
  await db.schema.createTable('opportunity_feeds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('next_url', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text')
    .addColumn('last_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('idle').check(sql`status in ('idle', 'queued', 'running', 'done', 'error')`))
    .addColumn('last_error', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_upserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('opportunity_feeds_city_url', ['city_id', 'url'])
    .execute()

  // RPDE `modified`: a global sequence bumped on every change, so (feed_modified, id) is a stable keyset.
  await sql`create sequence opportunity_feed_seq`.execute(db)

  await db.schema.createTable('opportunities')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in (${KINDS})`)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'double precision', (c) => c.check(sql`lat between -90 and 90`))
    .addColumn('lon', 'double precision', (c) => c.check(sql`lon between -180 and 180`))
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('area', 'text')
    .addColumn('online', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('age_min', 'integer')
    .addColumn('age_max', 'integer')
    .addColumn('free', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('cost_amount', sql`numeric(12,2)`)
    .addColumn('currency', 'text')
    .addColumn('accessibility', 'text')
    .addColumn('booking_url', 'text')
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('destinations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_elements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('spine_level', 'text')
    .addColumn('badge_class_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('language', 'text')
    .addColumn('schedule', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'cancelled')`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('source_feed_id', 'uuid', (c) => c.references('opportunity_feeds.id').onDelete('set null'))
    .addColumn('source_id', 'text')
    .addColumn('feed_modified', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('opportunity_feed_seq')`))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || description)`).stored())
    .addCheckConstraint('opportunities_place', sql`(lat is null) = (lon is null)`)
    .addCheckConstraint('opportunities_age', sql`age_min is null or age_max is null or age_min <= age_max`)
    .execute()
  await sql`create index opportunities_geo on opportunities using gist (ll_to_earth(lat, lon)) where lat is not null`.execute(db)
  await db.schema.createIndex('opportunities_city_page').on('opportunities').columns(['city_id', 'created_at', 'id']).execute()
  await db.schema.createIndex('opportunities_feed').on('opportunities').columns(['city_id', 'feed_modified', 'id']).execute()
  await sql`create index opportunities_themes on opportunities using gin (themes)`.execute(db)
  await sql`create index opportunities_search on opportunities using gin (search)`.execute(db)
  await sql`create index opportunities_title_trgm on opportunities using gin (title gin_trgm_ops)`.execute(db)
  await sql`create unique index opportunities_source on opportunities (source_feed_id, source_id) where source_feed_id is not null`.execute(db)

  await db.schema.createTable('opportunity_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('opportunities.id').onDelete('cascade'))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity >= 0`))
    .addColumn('places_left', 'integer', (c) => c.check(sql`places_left >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'cancelled')`))
    .addColumn('source_id', 'text')
    .addCheckConstraint('opportunity_sessions_times', sql`end_at > start_at`)
    .execute()
  await db.schema.createIndex('opportunity_sessions_next').on('opportunity_sessions').columns(['opportunity_id', 'start_at']).execute()
  await db.schema.createIndex('opportunity_sessions_week').on('opportunity_sessions').columns(['city_id', 'start_at']).execute()
  await sql`create unique index opportunity_sessions_source on opportunity_sessions (opportunity_id, source_id) where source_id is not null`.execute(db)

  // Attendance (a learner came to a session) and the participation award it led to. Learner ids are not a foreign
  // key: erasure of a learner (issue #8) removes their awards, not this record of a session's headcount.
  await db.schema.createTable('opportunity_attendance')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('opportunity_sessions.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull())
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull())
    .addColumn('award_id', 'uuid')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('opportunity_attendance_pk', ['session_id', 'learner_id'])
    .execute()
}

async function addExtensionSchemasToSearchPath (db: Kysely<any>): Promise<void> {
  const r = await sql<{ schema: string; on_path: boolean }>`
    select distinct n.nspname as schema, n.nspname = any (current_schemas(false)) as on_path
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname in ('cube', 'earthdistance', 'pg_trgm')`.execute(db)
  const missing = r.rows.filter((x) => !x.on_path).map((x) => x.schema)
  if (missing.length === 0) return
  const current = await sql<{ path: string }>`select current_setting('search_path') as path`.execute(db)
  const path = [current.rows[0]?.path ?? '"$user", public', ...missing.map((s) => `"${s.replace(/"/g, '""')}"`)].join(', ')
  const name = await sql<{ db: string }>`select current_database() as db`.execute(db)
  await sql`select set_config('search_path', ${path}, false)`.execute(db)
  await sql.raw(`alter database "${name.rows[0]!.db.replace(/"/g, '""')}" set search_path = ${path}`).execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opportunity_attendance').ifExists().execute()
  await db.schema.dropTable('opportunity_sessions').ifExists().execute()
  await db.schema.dropTable('opportunities').ifExists().execute()
  await sql`drop sequence if exists opportunity_feed_seq`.execute(db)
  await db.schema.dropTable('opportunity_feeds').ifExists().execute()
  await db.schema.dropTable('opportunity_settings').ifExists().execute()
}
