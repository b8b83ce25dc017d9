import { sql } from 'kysely'
import type { BadgeClassRow, EndorsementSubjectType } from '../badges/badges.types.js'
import type { CityRow, Executor, OrganisationRow } from '../types.js'

// The reads of the public HTML pages (src/domain/pages/) and the city branding writes. Small, indexed queries:
// every page must render in well under 50 ms.

export type ClassSummary = Pick<BadgeClassRow, 'id' | 'name' | 'description' | 'organisation_id' | 'spine_level' | 'spine_elements' | 'spine_dimensions' | 'themes' | 'destinations'> & { organisation_name: string; organisation_verified: boolean }

const summaryColumns = ['bc.id', 'bc.name', 'bc.description', 'bc.organisation_id', 'bc.spine_level', 'bc.spine_elements', 'bc.spine_dimensions', 'bc.themes', 'bc.destinations',
  'o.name as organisation_name', 'o.verified as organisation_verified'] as const

/** Every city, for `/` (a platform has a handful; capped). */
export const listPublicCities = (db: Executor): Promise<Array<Pick<CityRow, 'slug' | 'name' | 'brand_name' | 'brand_accent' | 'brand_logo_etag'>>> =>
  db.selectFrom('cities').select(['slug', 'name', 'brand_name', 'brand_accent', 'brand_logo_etag']).orderBy('name').orderBy('slug').limit(500).execute()

/** Approved (current) badge classes: of one organisation, or of the whole city; newest approvals first. */
export function listApprovedClasses (db: Executor, cityId: string, f: { organisationId?: string; element?: string; theme?: string; destination?: string }, limit: number): Promise<ClassSummary[]> {
  let q = db.selectFrom('badge_classes as bc').innerJoin('organisations as o', 'o.id', 'bc.organisation_id')
    .select(summaryColumns).where('bc.city_id', '=', cityId).where('bc.status', '=', 'approved')
  if (f.organisationId) q = q.where('bc.organisation_id', '=', f.organisationId)
  if (f.element) q = q.where('bc.spine_elements', '@>', sql<string[]>`array[${f.element}]::text[]`)
  if (f.theme) q = q.where('bc.themes', '@>', sql<string[]>`array[${f.theme}]::text[]`)
  if (f.destination) q = q.where('bc.destinations', '@>', sql<string[]>`array[${f.destination}]::text[]`)
  return q.orderBy('bc.approved_at', 'desc').orderBy('bc.id').limit(limit).execute()
}

export const countApprovedClasses = async (db: Executor, cityId: string): Promise<number> => {
  const r = await db.selectFrom('badge_classes').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', cityId).where('status', '=', 'approved').executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** The organisations of a city that have at least one approved badge class, verified ones first. */
export const listIssuingOrganisations = (db: Executor, cityId: string, limit: number): Promise<Array<Pick<OrganisationRow, 'id' | 'name' | 'kind' | 'verified'>>> =>
  db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.kind', 'o.verified']).where('o.city_id', '=', cityId)
    .where((eb) => eb.exists(eb.selectFrom('badge_classes as bc').select('bc.id').whereRef('bc.organisation_id', '=', 'o.id').where('bc.status', '=', 'approved')))
    .orderBy('o.verified', 'desc').orderBy('o.name').limit(limit).execute()

export interface EndorsementWithEndorser {
  id: string
  comment: string | null
  issued_on: Date
  organisation_id: string
  endorser_name: string
  endorser_url: string
  endorser_verified: boolean
}

/** The endorsements of a subject with who made them, oldest first. */
export const endorsementsOf = (db: Executor, subjectType: EndorsementSubjectType, subjectId: string): Promise<EndorsementWithEndorser[]> =>
  db.selectFrom('endorsements as e').innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['e.id', 'e.comment', 'e.issued_on', 'e.organisation_id', 'o.name as endorser_name', 'o.url as endorser_url', 'o.verified as endorser_verified'])
    .where('e.subject_type', '=', subjectType).where('e.subject_id', '=', subjectId)
    .orderBy('e.issued_on').orderBy('e.id').limit(100).execute()

export const updateCityBranding = (db: Executor, cityId: string, patch: Partial<Pick<CityRow, 'brand_name' | 'brand_about' | 'brand_accent' | 'brand_logo_etag'>>): Promise<CityRow | undefined> =>
  db.updateTable('cities').set({ ...patch, updated_at: sql`now()` }).where('id', '=', cityId).returningAll().executeTakeFirst()

export const putCityLogo = (db: Executor, cityId: string, mediaType: 'image/png' | 'image/svg+xml', bytes: Buffer): Promise<unknown> =>
  db.insertInto('city_logos').values({ city_id: cityId, media_type: mediaType, bytes })
    .onConflict((oc) => oc.column('city_id').doUpdateSet({ media_type: mediaType, bytes, updated_at: sql`now()` })).execute()

export const deleteCityLogo = (db: Executor, cityId: string): Promise<unknown> =>
  db.deleteFrom('city_logos').where('city_id', '=', cityId).execute()

export const findCityLogo = async (db: Executor, slug: string): Promise<{ mediaType: string; bytes: Buffer; etag: string } | undefined> => {
  const r = await db.selectFrom('city_logos as l').innerJoin('cities as c', 'c.id', 'l.city_id')
    .select(['l.media_type', 'l.bytes', 'c.brand_logo_etag']).where('c.slug', '=', slug).executeTakeFirst()
  return r ? { mediaType: r.media_type, bytes: r.bytes, etag: `"${r.brand_logo_etag ?? 'logo'}"` } : undefined
}

/** Titles (and status) of spine elements by code: what a badge's skills section shows. */
/** Texts by field and language tag (the `translations` column of migration 20261130T1400). */
export type TitleTranslations = Record<string, Record<string, string>>

export const elementTitles = (db: Executor, cityId: string, codes: readonly string[]): Promise<Array<{ code: string; title: string; status: string; translations: TitleTranslations }>> =>
  codes.length === 0 ? Promise.resolve([]) : db.selectFrom('spine_elements').select(['code', 'title', 'status', 'translations']).where('city_id', '=', cityId).where('code', 'in', [...codes]).execute() as Promise<Array<{ code: string; title: string; status: string; translations: TitleTranslations }>>

/** Titles of themes or destinations by code. */
export const catalogueTitles = (db: Executor, table: 'themes' | 'destinations', cityId: string, codes: readonly string[]): Promise<Array<{ code: string; title: string; translations: TitleTranslations }>> =>
  codes.length === 0 ? Promise.resolve([]) : db.selectFrom(table).select(['code', 'title', 'translations']).where('city_id', '=', cityId).where('code', 'in', [...codes]).execute() as Promise<Array<{ code: string; title: string; translations: TitleTranslations }>>

/** Top-level spine elements (no parent), active, in spine order: the landing page's overview. */
export const rootElements = (db: Executor, cityId: string): Promise<Array<{ code: string; title: string; layer: string }>> =>
  db.selectFrom('spine_elements').select(['code', 'title', 'layer']).where('city_id', '=', cityId).where('parent_code', 'is', null)
    .where('status', '=', 'active').orderBy('position').orderBy('code').limit(200).execute()

export const listAllTitles = (db: Executor, table: 'themes' | 'destinations', cityId: string): Promise<Array<{ code: string; title: string; description: string | null }>> =>
  db.selectFrom(table).select(['code', 'title', 'description']).where('city_id', '=', cityId).orderBy('title').limit(200).execute()

export interface OfferSummary { id: string; title: string; kind: string; online: boolean; area: string | null; free: boolean; next_start: Date | null }

/**
 * Published opportunities that give a badge class or build a spine element, soonest upcoming session first (those
 * without a future session last). One query with a lateral look-up of each one's next session.
 */
export function listOffers (db: Executor, cityId: string, f: { badgeClassId?: string; element?: string }, now: Date, limit: number): Promise<OfferSummary[]> {
  let q = db.selectFrom('opportunities as op')
    .leftJoinLateral(
      (eb) => eb.selectFrom('opportunity_sessions as s').select('s.start_at')
        .whereRef('s.opportunity_id', '=', 'op.id').where('s.status', '=', 'scheduled').where('s.start_at', '>=', now)
        .orderBy('s.start_at').limit(1).as('nx'),
      (join) => join.onTrue(),
    )
    .select(['op.id', 'op.title', 'op.kind', 'op.online', 'op.area', 'op.free', 'nx.start_at as next_start'])
    .where('op.city_id', '=', cityId).where('op.status', '=', 'published').where('op.deleted_at', 'is', null)
  if (f.badgeClassId) q = q.where('op.badge_class_ids', '@>', sql<string[]>`array[${f.badgeClassId}]::uuid[]`)
  if (f.element) q = q.where('op.spine_elements', '@>', sql<string[]>`array[${f.element}]::text[]`)
  return q.orderBy(sql`nx.start_at is null`).orderBy('nx.start_at').orderBy('op.id').limit(limit).execute() as Promise<OfferSummary[]>
}

/** Published recommended pathways whose current requirements name a spine element in a skill leaf (at any depth). */
export function listPathwaysUsingElement (db: Executor, cityId: string, element: string, limit: number): Promise<Array<{ id: string; title: string; organisation_name: string | null }>> {
  return db.selectFrom('pathways as p')
    .innerJoin('pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'p.id').onRef('v.version', '=', 'p.version'))
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'v.title', 'o.name as organisation_name'])
    .where('p.city_id', '=', cityId).where('p.status', '=', 'published').where('p.kind', '=', 'recommended')
    .where(sql<boolean>`jsonb_path_exists(v.requirements, '$.** ? (@.type == "skill" && @.element == $code)', jsonb_build_object('code', ${element}::text))`)
    .orderBy('v.title').orderBy('p.id').limit(limit).execute()
}

/** The public content version (bumped at the commit of any change a page may show): one primary-key read. */
export async function publicContentVersion (db: Executor): Promise<string> {
  const r = await db.selectFrom('public_content_version').select(sql<string>`version::text`.as('v')).where('id', '=', 1).executeTakeFirst()
  return r?.v ?? '0'
}
