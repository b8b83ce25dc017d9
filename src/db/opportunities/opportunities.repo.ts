import { sql, type RawBuilder } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { CityRow, Executor } from '../types.js'
import { executePrepared } from '../prepared.js'
import type { FeedRow, OpportunitiesTable, OpportunityRow, OpportunityStatus, SessionRow } from './opportunities.types.js'
import type { Insertable } from 'kysely'

// Every SQL statement about opportunities, their sessions, the city's RPDE feed and imported feeds.
// Geo: cube + earthdistance (ll_to_earth, earth_box, earth_distance); the GiST index opportunities_geo serves
// `earth_box(centre, r) @> ll_to_earth(lat, lon)`, then earth_distance trims the box to the circle.

export type NewOpportunityRow = Omit<Insertable<OpportunitiesTable>, 'feed_modified' | 'search'>
export interface NewSessionRow { id: string; city_id: string; opportunity_id: string; start_at: Date; end_at: Date; capacity: number | null; places_left: number | null; source_id?: string | null }

export const insertOpportunity = (db: Executor, row: NewOpportunityRow): Promise<OpportunityRow> =>
  db.insertInto('opportunities').values(row).returningAll().executeTakeFirstOrThrow()

export async function insertSessions (db: Executor, rows: NewSessionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('opportunity_sessions').values(rows.slice(i, i + 500).map((r) => ({ ...r, source_id: r.source_id ?? null }))).execute()
  }
}

export const findOpportunity = (db: Executor, cityId: string, id: string): Promise<OpportunityRow | undefined> =>
  db.selectFrom('opportunities').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()

export const sessionsOf = (db: Executor, opportunityIds: readonly string[]): Promise<SessionRow[]> =>
  opportunityIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('opportunity_sessions').selectAll().where('opportunity_id', 'in', opportunityIds).orderBy('start_at').orderBy('id').execute()

export const findSession = (db: Executor, opportunityId: string, sessionId: string): Promise<SessionRow | undefined> =>
  db.selectFrom('opportunity_sessions').selectAll().where('opportunity_id', '=', opportunityId).where('id', '=', sessionId).executeTakeFirst()

/** Changes the status and moves the item to the end of the RPDE feed. */
export const setStatus = (db: Executor, cityId: string, id: string, status: OpportunityStatus): Promise<OpportunityRow | undefined> =>
  db.updateTable('opportunities')
    .set({
      status,
      updated_at: sql`now()`,
      feed_modified: sql`nextval('opportunity_feed_seq')`,
      ...(status === 'published' ? { published_at: sql`coalesce(published_at, now())` } : {}),
    })
    .where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null)
    .returningAll().executeTakeFirst()

export const softDelete = (db: Executor, cityId: string, id: string): Promise<OpportunityRow | undefined> =>
  db.updateTable('opportunities')
    .set({ deleted_at: sql`now()`, updated_at: sql`now()`, feed_modified: sql`nextval('opportunity_feed_seq')` })
    .where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null)
    .returningAll().executeTakeFirst()

export const cancelSessions = (db: Executor, opportunityId: string): Promise<unknown> =>
  db.updateTable('opportunity_sessions').set({ status: 'cancelled' }).where('opportunity_id', '=', opportunityId).execute()

export function listOpportunities (db: Executor, cityId: string, f: { organisationId?: string | undefined; status?: OpportunityStatus | undefined }, limit: number, cursor?: Cursor) {
  let q = db.selectFrom('opportunities').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null)
    .orderBy('created_at').orderBy('id').limit(limit + 1)
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId)
  if (f.status) q = q.where('status', '=', f.status)
  if (cursor) q = q.where(after('opportunities', cursor))
  return q.execute()
}

export async function maxRadiusKm (db: Executor, cityId: string): Promise<number> {
  const r = await db.selectFrom('opportunity_settings').select('max_radius_km').where('city_id', '=', cityId).executeTakeFirst()
  return r?.max_radius_km ?? 50
}

/** A city by slug with its search radius limit (50 km unless set). */
export async function cityForSearch (db: Executor, slug: string): Promise<{ city: CityRow; maxKm: number } | undefined> {
  const [row] = await executePrepared(db, db.selectFrom('cities').leftJoin('opportunity_settings', 'opportunity_settings.city_id', 'cities.id')
    .selectAll('cities').select('opportunity_settings.max_radius_km').where('cities.slug', '=', slug))
  if (!row) return undefined
  const { max_radius_km: km, ...city } = row
  return { city: city as CityRow, maxKm: km ?? 50 }
}

export async function setMaxRadiusKm (db: Executor, cityId: string, km: number): Promise<void> {
  await db.insertInto('opportunity_settings').values({ city_id: cityId, max_radius_km: km })
    .onConflict((oc) => oc.column('city_id').doUpdateSet({ max_radius_km: km })).execute()
}

// ---- search ---------------------------------------------------------------------------------------------------

export interface SearchFilter {
  near?: { lat: number; lon: number; radiusKm: number } | undefined
  from: Date
  to?: Date | undefined
  /** true: only opportunities with a session in [from, to) */
  requireSession: boolean
  theme?: string | undefined
  destination?: string | undefined
  elements?: readonly string[] | undefined
  level?: string | undefined
  age?: number | undefined
  free?: boolean | undefined
  online?: boolean | undefined
  kind?: string | undefined
  q?: { tsquery: string | undefined; text: string } | undefined
  sort: 'distance' | 'start' | 'relevance'
}

export interface SearchRow extends OpportunityRow {
  distance_m: number | null
  relevance: number | null
  next_id: string | null
  next_start: Date | null
  next_end: Date | null
  next_capacity: number | null
  next_places_left: number | null
}

/** One page of published opportunities of a city; offset paging (results are ranked, not keyed). */
export async function searchOpportunities (db: Executor, cityId: string, f: SearchFilter, limit: number, offset: number): Promise<SearchRow[]> {
  const where: RawBuilder<unknown>[] = [sql`o.city_id = ${cityId}`, sql`o.status = 'published'`, sql`o.deleted_at is null`]
  let distance: RawBuilder<unknown> = sql`null::float8`
  if (f.near) {
    const centre = sql`ll_to_earth(${f.near.lat}::float8, ${f.near.lon}::float8)`
    const metres = f.near.radiusKm * 1000
    where.push(sql`o.lat is not null`) // lets the planner use the partial GiST index opportunities_geo
    where.push(sql`earth_box(${centre}, ${metres}::float8) @> ll_to_earth(o.lat, o.lon)`)
    where.push(sql`earth_distance(${centre}, ll_to_earth(o.lat, o.lon)) <= ${metres}::float8`)
    distance = sql`earth_distance(${centre}, ll_to_earth(o.lat, o.lon))`
  }
  if (f.theme) where.push(sql`o.themes @> array[${f.theme}]::text[]`)
  if (f.destination) where.push(sql`o.destinations @> array[${f.destination}]::text[]`)
  if (f.elements) where.push(sql`o.spine_elements && ${sql.val([...f.elements])}::text[]`)
  if (f.level) where.push(sql`o.spine_level = ${f.level}`)
  if (f.age !== undefined) where.push(sql`coalesce(o.age_min, 0) <= ${f.age}::int and coalesce(o.age_max, 200) >= ${f.age}::int`)
  if (f.free !== undefined) where.push(sql`o.free = ${f.free}`)
  if (f.online !== undefined) where.push(sql`o.online = ${f.online}`)
  if (f.kind) where.push(sql`o.kind = ${f.kind}`)
  let relevance: RawBuilder<unknown> = sql`null::float8`
  if (f.q) {
    const ts = f.q.tsquery ? sql`o.search @@ to_tsquery('simple', ${f.q.tsquery})` : sql`false`
    where.push(sql`(${ts} or ${f.q.text} <% o.title)`)
    relevance = sql`(word_similarity(${f.q.text}, o.title) + ${f.q.tsquery ? sql`ts_rank(o.search, to_tsquery('simple', ${f.q.tsquery}))` : sql`0`})`
  }
  const window = sql`s.status = 'scheduled' and s.start_at >= ${f.from.toISOString()}::timestamptz ${f.to ? sql`and s.start_at < ${f.to.toISOString()}::timestamptz` : sql``}`
  const join = f.requireSession ? sql`cross join lateral` : sql`left join lateral`
  const select = sql`
    select o.*, ${distance} as distance_m, ${relevance} as relevance,
      ns.id as next_id, ns.start_at as next_start, ns.end_at as next_end, ns.capacity as next_capacity, ns.places_left as next_places_left
    from opportunities o
    ${join} (
      select s.id, s.start_at, s.end_at, s.capacity, s.places_left from opportunity_sessions s
      where s.opportunity_id = o.id and ${window} order by s.start_at limit 1
    ) ns ${f.requireSession ? sql`` : sql`on true`}
    where ${sql.join(where, sql` and `)}`
  if (f.sort === 'distance' && f.near) {
    // Nearest first through the GiST index's KNN ordering (cube `<->`: chord distance, in the same order as the
    // great-circle distance) inside the radius's box, so a page stops reading after its rows instead of fetching and
    // ranking every candidate in the circle (on 100,000 opportunities: 2.5 ms instead of 25–40 ms). The inner query is
    // ordered by distance alone (what the index gives; WITH TIES keeps every row tied at the cut), the outer one
    // breaks ties by id, so pages are stable. PostgreSQL estimates the box's rows badly (a fixed 0.1 %) and would
    // fetch all of them through a bitmap instead: bitmap scans are off for this one statement (SET LOCAL).
    const knn = sql`ll_to_earth(o.lat, o.lon) <-> ll_to_earth(${f.near.lat}::float8, ${f.near.lon}::float8)`
    const query = sql<SearchRow>`
      select * from (
        ${select} order by ${knn} fetch first ${offset + limit + 1} rows with ties
      ) k order by (ll_to_earth(k.lat, k.lon) <-> ll_to_earth(${f.near.lat}::float8, ${f.near.lon}::float8)), k.id
      limit ${limit + 1} offset ${offset}`
    if (f.q) return (await query.execute(db)).rows // text search: its GIN indexes are bitmap scans
    // One connection, three round trips: BEGIN and SET LOCAL go as one simple query.
    return db.connection().execute(async (conn) => {
      await sql.raw('begin; set local enable_bitmapscan = off').execute(conn)
      try {
        const rows = (await query.execute(conn)).rows
        await sql.raw('commit').execute(conn)
        return rows
      } catch (err) {
        await sql.raw('rollback').execute(conn).catch(() => {})
        throw err
      }
    })
  }
  const order = f.sort === 'relevance' && f.q ? sql`relevance desc, o.id` : sql`next_start nulls last, o.id`
  const r = await sql<SearchRow>`${select} order by ${order} limit ${limit + 1} offset ${offset}`.execute(db)
  return r.rows
}

// ---- RPDE out -----------------------------------------------------------------------------------------------

/** The sessions of the feed's opportunities, times as ISO 8601 UTC text made by PostgreSQL (as `Date#toISOString`
 * writes them): a feed page has thousands, and parsing then formatting their dates was most of its CPU. */
export const feedSessionsOf = (db: Executor, opportunityIds: readonly string[]) =>
  opportunityIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('opportunity_sessions')
      .select(['id', 'opportunity_id', 'capacity', 'places_left', 'status',
        sql<string>`to_char(start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('start'),
        sql<string>`to_char(end_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('end')])
      .where('opportunity_id', 'in', opportunityIds).orderBy('start_at').orderBy('id').execute()

/** Items of the city's feed after (modified, id): ever-published opportunities, deleted ones as tombstones. */
export function feedPage (db: Executor, cityId: string, afterModified: number | undefined, afterId: string | undefined, limit: number) {
  let q = db.selectFrom('opportunities').selectAll().where('city_id', '=', cityId).where('published_at', 'is not', null)
    .orderBy('feed_modified').orderBy('id').limit(limit)
  if (afterModified !== undefined) {
    q = afterId !== undefined
      ? q.where(sql<boolean>`(feed_modified, id) > (${afterModified}::bigint, ${afterId}::uuid)`)
      : q.where('feed_modified', '>', afterModified)
  }
  return q.execute()
}

// ---- supply map ---------------------------------------------------------------------------------------------

export interface SupplyRow { area: string; theme: string; week: Date; opportunities: number; sessions: number; free_places: number | null }

export async function supply (db: Executor, cityId: string, from: Date, to: Date): Promise<SupplyRow[]> {
  const r = await sql<SupplyRow>`
    select coalesce(o.area, '') as area, t.theme, date_trunc('week', s.start_at at time zone 'UTC') as week,
      count(distinct o.id)::int as opportunities, count(*)::int as sessions, sum(s.places_left)::int as free_places
    from opportunities o
    join opportunity_sessions s on s.opportunity_id = o.id and s.status = 'scheduled'
    cross join lateral unnest(case when cardinality(o.themes) = 0 then array['']::text[] else o.themes end) as t(theme)
    where o.city_id = ${cityId} and o.status = 'published' and o.deleted_at is null
      and s.start_at >= ${from.toISOString()}::timestamptz and s.start_at < ${to.toISOString()}::timestamptz
    group by 1, 2, 3
    order by 3, 1, 2`.execute(db)
  return r.rows
}

// ---- imported feeds -----------------------------------------------------------------------------------------

export const insertFeed = (db: Executor, row: { id: string; city_id: string; organisation_id: string; url: string; next_url: string }): Promise<FeedRow | undefined> =>
  db.insertInto('opportunity_feeds').values(row).onConflict((oc) => oc.columns(['city_id', 'url']).doNothing()).returningAll().executeTakeFirst()

export const findFeed = (db: Executor, cityId: string, id: string): Promise<FeedRow | undefined> =>
  db.selectFrom('opportunity_feeds').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const findFeedForUpdate = (db: Executor, id: string): Promise<FeedRow | undefined> =>
  db.selectFrom('opportunity_feeds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const listFeeds = (db: Executor, cityId: string): Promise<FeedRow[]> =>
  db.selectFrom('opportunity_feeds').selectAll().where('city_id', '=', cityId).orderBy('created_at').orderBy('id').limit(100).execute()

export const updateFeed = (db: Executor, id: string, patch: Partial<Omit<FeedRow, 'id' | 'city_id' | 'organisation_id' | 'url' | 'created_at'>>): Promise<unknown> =>
  db.updateTable('opportunity_feeds').set(patch).where('id', '=', id).execute()

export const countFeedProgress = (db: Executor, id: string, upserted: number, deleted: number): Promise<unknown> =>
  db.updateTable('opportunity_feeds').set((eb) => ({
    pages: eb('pages', '+', 1),
    items_upserted: eb('items_upserted', '+', upserted),
    items_deleted: eb('items_deleted', '+', deleted),
  })).where('id', '=', id).execute()

export const findImported = (db: Executor, feedId: string, sourceId: string): Promise<OpportunityRow | undefined> =>
  db.selectFrom('opportunities').selectAll().where('source_feed_id', '=', feedId).where('source_id', '=', sourceId).executeTakeFirst()

/** Updates an imported opportunity's fields (and un-deletes it), moving it to the end of our own feed. */
export const updateImported = (db: Executor, id: string, patch: Partial<NewOpportunityRow>): Promise<unknown> =>
  db.updateTable('opportunities')
    .set({ ...patch, deleted_at: null, updated_at: sql`now()`, feed_modified: sql`nextval('opportunity_feed_seq')` })
    .where('id', '=', id).execute()

export const deleteSessionsOf = (db: Executor, opportunityId: string): Promise<unknown> =>
  db.deleteFrom('opportunity_sessions').where('opportunity_id', '=', opportunityId).execute()

export async function upsertImportedSession (db: Executor, row: NewSessionRow & { source_id: string; status: 'scheduled' | 'cancelled' }): Promise<void> {
  await db.insertInto('opportunity_sessions').values(row)
    .onConflict((oc) => oc.columns(['opportunity_id', 'source_id']).where('source_id', 'is not', null).doUpdateSet({
      start_at: row.start_at, end_at: row.end_at, capacity: row.capacity, places_left: row.places_left, status: row.status,
    })).execute()
}

export const deleteImportedSession = (db: Executor, cityId: string, sourceId: string, feedId: string): Promise<unknown> =>
  db.deleteFrom('opportunity_sessions').where('city_id', '=', cityId).where('source_id', '=', sourceId)
    .where('opportunity_id', 'in', (eb) => eb.selectFrom('opportunities').select('id').where('source_feed_id', '=', feedId))
    .execute()

export const deleteImported = (db: Executor, feedId: string, sourceId: string): Promise<OpportunityRow | undefined> =>
  db.updateTable('opportunities')
    .set({ deleted_at: sql`now()`, updated_at: sql`now()`, feed_modified: sql`nextval('opportunity_feed_seq')` })
    .where('source_feed_id', '=', feedId).where('source_id', '=', sourceId).where('deleted_at', 'is', null)
    .returningAll().executeTakeFirst()

// ---- attendance ---------------------------------------------------------------------------------------------

export const learnersOfCity = (db: Executor, cityId: string, ids: readonly string[]): Promise<Array<{ id: string }>> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('learners').select('id').where('city_id', '=', cityId).where('id', 'in', ids).execute()

export async function recordAttendance (db: Executor, row: { session_id: string; learner_id: string; city_id: string; opportunity_id: string; award_id: string | null; recorded_by: string }): Promise<void> {
  await db.insertInto('opportunity_attendance').values(row)
    .onConflict((oc) => oc.columns(['session_id', 'learner_id']).doUpdateSet({ award_id: sql`coalesce(opportunity_attendance.award_id, excluded.award_id)` }))
    .execute()
}

export const attendanceOf = (db: Executor, sessionId: string) =>
  db.selectFrom('opportunity_attendance').select(['learner_id', 'award_id', 'recorded_at']).where('session_id', '=', sessionId).orderBy('recorded_at').orderBy('learner_id').execute()
