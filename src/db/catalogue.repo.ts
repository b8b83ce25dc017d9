import { sql, type SqlBool } from 'kysely'
import type { BadgeClassStatus, SpineLevel } from './badges.types.js'
import { after, type Cursor } from './page.js'
import type { Executor } from './types.js'

// The catalogue: one city's badge classes of one status, filtered by the spine, themes, destinations, issuer and
// text, in (created_at, id) order. Indexes: migrations/20261122T1900_badge_spine.ts.

export interface CatalogueFilter {
  status: BadgeClassStatus
  organisationId?: string | undefined
  level?: SpineLevel | undefined
  dimension?: string | undefined
  /** An element code; with `descendants`, an element anywhere beneath it matches too. */
  element?: { code: string; descendants: boolean } | undefined
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
  if (f.element !== undefined) {
    // The subtree is a handful of codes walked once (an InitPlan); `&&` then uses the GIN index on spine_elements.
    // `union` stops at a corrupt cycle.
    q = q.where(f.element.descendants
      ? sql<SqlBool>`spine_elements && array(
          with recursive sub (code) as (
            select ${f.element.code}::text
            union
            select e.code from spine_elements e join sub on e.parent_code = sub.code where e.city_id = ${cityId}
          ) select code from sub)`
      : contains('spine_elements', f.element.code))
  }
  if (f.theme !== undefined) q = q.where(contains('themes', f.theme))
  if (f.destination !== undefined) q = q.where(contains('destinations', f.destination))
  if (f.tsquery !== undefined) q = q.where(sql<SqlBool>`badge_class_search(name, description, tags) @@ to_tsquery('simple', ${f.tsquery})`)
  if (cursor) q = q.where(after('badge_classes', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

export type CatalogueRow = Awaited<ReturnType<typeof searchCatalogue>>[number]
