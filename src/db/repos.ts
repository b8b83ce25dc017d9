import { sql } from 'kysely'
import { after, type Cursor } from './page.js'
import type { ApiKeyRow, CityRow, Executor, OrganisationRow } from './types.js'
import { executePrepared } from './prepared.js'

// Repositories: every SQL statement of the foundation lives here; executor first (Kysely or a transaction).

export const findCityBySlug = (db: Executor, slug: string): Promise<CityRow | undefined> =>
  db.selectFrom('cities').selectAll().where('slug', '=', slug).executeTakeFirst()

/**
 * The city with its row version: PostgreSQL's `xmin`, which every update of the row changes (and freezing keeps), so
 * a statement can check that a cached copy is still the current row (insertAwardWithEvent).
 */
export const findCityBySlugVersioned = (db: Executor, slug: string): Promise<(CityRow & { row_version: string }) | undefined> =>
  db.selectFrom('cities').selectAll().select(sql<string>`xmin::text`.as('row_version')).where('slug', '=', slug).executeTakeFirst()

export const findCityById = (db: Executor, id: string): Promise<CityRow | undefined> =>
  db.selectFrom('cities').selectAll().where('id', '=', id).executeTakeFirst()

export async function insertCity (db: Executor, city: { id: string; slug: string; name: string; locales: string[]; timezone: string; privacyThreshold: number; storePlainIdentity: boolean }): Promise<CityRow | undefined> {
  return db.insertInto('cities').values({
    id: city.id, slug: city.slug, name: city.name, locales: city.locales, timezone: city.timezone,
    privacy_threshold: city.privacyThreshold, store_plain_identity: city.storePlainIdentity,
  }).onConflict((oc) => oc.column('slug').doNothing()).returningAll().executeTakeFirst()
}

export const listCities = (db: Executor, limit: number, cursor?: Cursor): Promise<CityRow[]> => {
  let q = db.selectFrom('cities').selectAll().orderBy('created_at').orderBy('id').limit(limit + 1)
  if (cursor) q = q.where(after('cities', cursor))
  return q.execute()
}

export const findOrganisation = (db: Executor, cityId: string, id: string): Promise<OrganisationRow | undefined> =>
  db.selectFrom('organisations').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const insertOrganisation = (db: Executor, row: Omit<OrganisationRow, 'created_at' | 'updated_at'>): Promise<OrganisationRow> =>
  db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow()

export const updateOrganisation = (db: Executor, cityId: string, id: string, patch: Partial<Omit<OrganisationRow, 'id' | 'city_id' | 'created_at'>>): Promise<OrganisationRow | undefined> =>
  db.updateTable('organisations').set({ ...patch, updated_at: sql`now()` }).where('city_id', '=', cityId).where('id', '=', id).returningAll().executeTakeFirst()

export const listOrganisations = (db: Executor, cityId: string, limit: number, cursor?: Cursor): Promise<OrganisationRow[]> => {
  let q = db.selectFrom('organisations').selectAll().where('city_id', '=', cityId).orderBy('created_at').orderBy('id').limit(limit + 1)
  if (cursor) q = q.where(after('organisations', cursor))
  return q.execute()
}

export const countOrganisations = async (db: Executor, cityId: string): Promise<number> => {
  const r = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', cityId).executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** Every authenticated request reads its key: a prepared statement (db/prepared.ts). */
export const findApiKey = async (db: Executor, id: string): Promise<ApiKeyRow | undefined> =>
  (await executePrepared(db, db.selectFrom('api_keys').selectAll().where('id', '=', id)))[0]

export const insertApiKey = (db: Executor, row: Omit<ApiKeyRow, 'created_at' | 'revoked_at' | 'last_used_at'>): Promise<ApiKeyRow> =>
  db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow()

/** Creates the key or (same id) makes sure it is live with that secret: for CITYBADGES_ADMIN_KEY. */
export const upsertApiKey = (db: Executor, row: Omit<ApiKeyRow, 'created_at' | 'revoked_at' | 'last_used_at'>): Promise<ApiKeyRow> =>
  db.insertInto('api_keys').values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ secret_hash: row.secret_hash, revoked_at: null, role: row.role }))
    .returningAll().executeTakeFirstOrThrow()

export const listApiKeys = (db: Executor, cityId: string, limit: number, cursor?: Cursor): Promise<ApiKeyRow[]> => {
  let q = db.selectFrom('api_keys').selectAll().where('city_id', '=', cityId).orderBy('created_at').orderBy('id').limit(limit + 1)
  if (cursor) q = q.where(after('api_keys', cursor))
  return q.execute()
}

export const revokeApiKey = (db: Executor, cityId: string, id: string): Promise<ApiKeyRow | undefined> =>
  db.updateTable('api_keys').set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('city_id', '=', cityId).where('id', '=', id).returningAll().executeTakeFirst()

/** At most one write a minute per key: `last_used_at` is for humans, not an audit log. */
export async function touchApiKey (db: Executor, id: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: sql`now()` })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '60 seconds'`)]))
    .execute()
}

/** Derived table: recomputed from source rows, so applying it twice changes nothing. */
export async function refreshCityStats (db: Executor, cityId: string, opts: { countEvent: boolean }): Promise<void> {
  const organisations = sql<number>`(select count(*)::int from organisations where city_id = ${cityId})`
  await db.insertInto('city_stats')
    .values({ city_id: cityId, organisations, events_processed: opts.countEvent ? 1 : 0 })
    .onConflict((oc) => oc.column('city_id').doUpdateSet((eb) => ({
      organisations,
      events_processed: opts.countEvent ? eb('city_stats.events_processed', '+', 1) : eb.ref('city_stats.events_processed'),
      updated_at: sql`now()`,
    })))
    .execute()
}

/** Rebuilds city_stats from scratch: counts from source tables, events from the receipts. */
export async function rebuildCityStats (db: Executor): Promise<number> {
  await db.deleteFrom('city_stats').execute()
  const r = await sql`
    insert into city_stats (city_id, organisations, events_processed)
    select c.id,
      (select count(*)::int from organisations o where o.city_id = c.id),
      (select count(*)::int from event_receipts r join outbox e on e.id = r.outbox_id
        where e.city_id = c.id and r.processor = 'city-stats')
    from cities c`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}
