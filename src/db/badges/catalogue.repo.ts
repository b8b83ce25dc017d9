import { sql, type SqlBool } from 'kysely'
import type { BadgeClassStatus, SpineLevel } from './badges.types.js'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'

// The catalogue: one city's badge classes of one status, filtered by the spine, themes, destinations, issuer and
// text, in (created_at, id) order. Indexes: migrations/20261122T1900_badge_spine.ts.

export interface CatalogueFilter {
  status: BadgeClassStatus
  organisationId?: string | undefined
  level?: SpineLevel | undefined
  dimension?: string | undefined
  /** Element codes, any of which matches (an element and its subtree: see {@link subtreeCodes}). */
  elements?: readonly string[] | undefined
  theme?: string | undefined
  destination?: string | undefined
  /** A `to_tsquery('simple', …)` expression built from words only (see domain/badge-catalogue.ts). */
  tsquery?: string | undefined
}

export const CATALOGUE_COLUMNS = [
  'id', 'family_id', 'version', 'organisation_id', 'status', 'name', 'description', 'tags',
  'spine_elements', 'spine_level', 'spine_dimensions', 'themes', 'destinations', 'created_at', 'approved_at',
] as const

const contains = (column: string, value: string) => sql<SqlBool>`${sql.ref(column)} @> array[${value}]::text[]`

export function searchCatalogue (db: Executor, cityId: string, f: CatalogueFilter, limit: number, cursor?: Cursor) {
  let q = db.selectFrom('badge_classes').select(CATALOGUE_COLUMNS).where('city_id', '=', cityId).where('status', '=', f.status)
  if (f.organisationId !== undefined) q = q.where('organisation_id', '=', f.organisationId)
  if (f.level !== undefined) q = q.where('spine_level', '=', f.level)
  if (f.dimension !== undefined) q = q.where(contains('spine_dimensions', f.dimension))
  // Codes as a literal array (not a subquery), so that the planner can use the element statistics: walk the
  // (created_at, id) order for a common element, or the GIN index for a rare one.
  if (f.elements !== undefined) q = q.where(sql<SqlBool>`spine_elements && ${sql.val([...f.elements])}::text[]`)
  if (f.theme !== undefined) q = q.where(contains('themes', f.theme))
  if (f.destination !== undefined) q = q.where(contains('destinations', f.destination))
  if (f.tsquery !== undefined) q = q.where(sql<SqlBool>`search @@ to_tsquery('simple', ${f.tsquery})`)
  if (cursor) q = q.where(after('badge_classes', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/** An element's code and the codes of every element beneath it (`union` stops at a corrupt cycle). */
export async function subtreeCodes (db: Executor, cityId: string, code: string): Promise<string[]> {
  const r = await sql<{ code: string }>`with recursive sub (code) as (
      select ${code}::text
      union
      select e.code from spine_elements e join sub on e.parent_code = sub.code where e.city_id = ${cityId}
    ) select code from sub`.execute(db)
  return r.rows.map((x) => x.code)
}

export type CatalogueRow = Awaited<ReturnType<typeof searchCatalogue>>[number]
