import { randomUUID } from 'node:crypto'
import { addEvent } from '../../db/outbox.js'
import { pageOf } from '../../db/page.js'
import * as repo from '../../db/repos.js'
import type { CityRow } from '../../db/types.js'
import { canReachCity, requireRole, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { canonicalTag, InvalidLanguageTag } from '../shared/i18n.js'
import { seedCitySpine } from '../spine/spine.js'
import { recentRows } from '../shared/recent-rows.js'

export interface City {
  id: string
  slug: string
  name: string
  locales: string[]
  timezone: string
  privacyThreshold: number
  storePlainIdentity: boolean
  createdAt: string
}

export interface NewCity {
  slug: string
  name: string
  locales?: string[] | undefined
  timezone?: string | undefined
  privacyThreshold?: number | undefined
  storePlainIdentity?: boolean | undefined
}

export const toCity = (r: CityRow): City => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  locales: r.locales,
  timezone: r.timezone,
  privacyThreshold: r.privacy_threshold,
  storePlainIdentity: r.store_plain_identity,
  createdAt: r.created_at.toISOString(),
})

/**
 * How old a city row answered by `resolveRecent` may be: a change made by another process applies to this process's
 * reads within it (one made here, through `forget`, at once). A copy is read again in the background once it is half
 * that old, so a steady reader never waits for PostgreSQL.
 */
export const CITY_COPY_MS = 1_000

export function createCityService (deps: DomainDeps) {
  /** The city a caller may see, by slug; another tenant's city is indistinguishable from a missing one. */
  async function resolve (principal: Principal, slug: string): Promise<CityRow> {
    const row = await repo.findCityBySlug(deps.db, slug)
    if (!row || !canReachCity(principal, row.id)) throw new NotFound('city', slug)
    return row
  }

  // City rows by slug as this process last read them (only cities that exist; a slug is a path segment: bounded).
  const recent = recentRows((slug) => repo.findCityBySlug(deps.db, slug), { maxAgeMs: CITY_COPY_MS, max: 1_000 })

  /**
   * `resolve` for read paths where a city row up to CITY_COPY_MS old is as good as the current one (insight reads:
   * the threshold a kept table was published under is checked against it). No round trip while a copy is young.
   */
  async function resolveRecent (principal: Principal, slug: string): Promise<CityRow> {
    const row = await recent.get(slug)
    if (!row || !canReachCity(principal, row.id)) throw new NotFound('city', slug)
    return row
  }

  /** Drops this process's copy of a city it has just changed (its next `resolveRecent` reads it again). */
  function forget (cityId: string): void {
    recent.forget((row) => row.id === cityId)
  }

  async function create (principal: Principal, input: NewCity): Promise<City> {
    requireRole(principal, ['platform-admin'], 'create cities')
    // BCP 47 tags of known languages, canonical (`en-gb` → `en-GB`); the first is the default language.
    const locales = (input.locales ?? ['en']).map((l, i) => canonicalTag(l, `/locales/${i}`))
    if (new Set(locales).size !== locales.length) throw new InvalidLanguageTag('locales repeats a language', [{ field: '/locales', message: 'the same language twice' }])
    const row = await deps.db.transaction().execute(async (trx) => {
      const inserted = await repo.insertCity(trx, {
        id: randomUUID(),
        slug: input.slug,
        name: input.name,
        locales,
        timezone: input.timezone ?? 'UTC',
        privacyThreshold: input.privacyThreshold ?? 10,
        storePlainIdentity: input.storePlainIdentity ?? false,
      })
      if (!inserted) throw new Conflict(`a city with slug "${input.slug}" already exists`)
      await seedCitySpine(trx, inserted.id) // no city ever exists without its spine
      await addEvent(trx, { type: 'city.created', cityId: inserted.id, payload: { cityId: inserted.id } })
      return inserted
    })
    deps.eventsWritten()
    return toCity(row)
  }

  async function list (principal: Principal, q: PageQuery): Promise<Page<City>> {
    requireRole(principal, ['platform-admin'], 'list cities')
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listCities(deps.db, limit, cursor), limit)
    return { items: page.rows.map(toCity), nextCursor: page.nextCursor }
  }

  async function get (principal: Principal, slug: string): Promise<City> {
    return toCity(await resolve(principal, slug))
  }

  return { resolve, resolveRecent, forget, create, list, get }
}

export type CityService = ReturnType<typeof createCityService>
