import type { BadgeClassStatus, SpineDimension, SpineLevel } from '../../db/badges/badges.types.js'
import { searchCatalogue, subtreeCodes, type CatalogueRow } from '../../db/badges/catalogue.repo.js'
import { pageOf } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import { badgeClassBasics } from './badge-spine.js'
import type { DomainDeps } from '../shared/context.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { ob3Urls } from '../credentials/ob3-urls.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'

/** A badge class as the catalogue lists it: enough to show and filter, with links to the full documents. */
export interface CatalogueEntry {
  id: string
  familyId: string
  version: number
  organisationId: string
  status: BadgeClassStatus
  name: string
  description: string
  image: string
  tags: string[]
  spine?: { elements: string[]; level: SpineLevel; dimensions: SpineDimension[] }
  themes: string[]
  destinations: string[]
  createdAt: string
  approvedAt?: string
  links: { badgeClass: string; achievement: string; image: string; issuer: string }
}

export interface CatalogueQuery extends PageQuery {
  status?: BadgeClassStatus | undefined
  organisation?: string | undefined
  element?: string | undefined
  descendants?: boolean | undefined
  level?: SpineLevel | undefined
  dimension?: string | undefined
  theme?: string | undefined
  destination?: string | undefined
  q?: string | undefined
}

/**
 * Words of free text as a prefix query (`'digi':* & 'mak':*`), so that "digi mak" finds "Digital Maker". Only
 * letters and digits reach to_tsquery: its operators cannot be injected. Undefined when there is no word at all.
 */
export function prefixQuery (text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8)
  return words && words.length > 0 ? words.map((w) => `'${w}':*`).join(' & ') : undefined
}

export function createBadgeCatalogue (deps: Pick<DomainDeps, 'db' | 'publicUrl'>) {
  const v2 = ob2Urls(deps.publicUrl)
  const v3 = ob3Urls(deps.publicUrl)

  const toEntry = (r: CatalogueRow): CatalogueEntry => ({
    ...badgeClassBasics(r, v2.badgeImage(r.id)),
    createdAt: r.created_at.toISOString(),
    ...(r.approved_at ? { approvedAt: r.approved_at.toISOString() } : {}),
    links: { badgeClass: v2.badge(r.id), achievement: v3.achievement(r.id), image: v2.badgeImage(r.id), issuer: v2.issuer(r.organisation_id) },
  })

  /** One page of the city's catalogue (approved badge classes unless `status` says otherwise); filters combine with AND. */
  async function search (city: CityRow, q: CatalogueQuery): Promise<Page<CatalogueEntry>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const tsquery = q.q !== undefined && q.q.trim() !== '' ? prefixQuery(q.q) : undefined
    // Text with no word in it matches nothing (rather than everything).
    if (q.q !== undefined && q.q.trim() !== '' && tsquery === undefined) return { items: [], nextCursor: null }
    const elements = q.element === undefined ? undefined : q.descendants === true ? await subtreeCodes(deps.db, city.id, q.element) : [q.element]
    const rows = await searchCatalogue(deps.db, city.id, {
      status: q.status ?? 'approved',
      organisationId: q.organisation,
      level: q.level,
      dimension: q.dimension,
      elements,
      theme: q.theme,
      destination: q.destination,
      tsquery,
    }, limit, cursor)
    const page = pageOf(rows, limit)
    return { items: page.rows.map(toEntry), nextCursor: page.nextCursor }
  }

  return { search }
}

export type BadgeCatalogue = ReturnType<typeof createBadgeCatalogue>
