import { randomUUID } from 'node:crypto'
import { pageOf } from '../../db/page.js'
import * as repo from '../../db/opportunities/opportunities.repo.js'
import type { OpportunityKind, OpportunityRow, OpportunityStatus, SessionRow } from '../../db/opportunities/opportunities.types.js'
import { findCityBySlug, findOrganisation } from '../../db/repos.js'
import { subtreeCodes } from '../../db/badges/catalogue.repo.js'
import type { CityRow } from '../../db/types.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import { prefixQuery } from '../badges/badge-catalogue.js'
import type { DomainDeps } from '../shared/context.js'
import { BadRequest, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { isUuid } from '../../db/page.js'
import { renderMarkdown } from './markdown.js'
import { applyTexts, defaultLanguage, languagesOf, mapsOf, negotiateLanguage, textIn, type TextInput, type Translations } from '../shared/i18n.js'
import { checkSessions, expandSchedule, parseNear, type PlannedSession, type ScheduleInput, type SessionInput } from './schedule.js'

export const KINDS: readonly OpportunityKind[] = ['activity', 'event', 'course', 'volunteering', 'job', 'apprenticeship', 'internship', 'interview']

/** An opportunity as the API takes it: title and description as strings or maps by language tag. */
export type TranslatableOpportunityInput = Omit<OpportunityInput, 'title' | 'description'> & { title: TextInput; description?: TextInput | undefined }

export interface PlaceInput { lat: number; lon: number; address?: string | undefined; postcode?: string | undefined; area?: string | undefined }
export interface OpportunityInput {
  organisationId: string
  kind: OpportunityKind
  title: string
  description?: string | undefined
  place?: PlaceInput | undefined
  online?: boolean | undefined
  sessions?: SessionInput[] | undefined
  schedule?: ScheduleInput | undefined
  ageRange?: { min?: number | undefined; max?: number | undefined } | undefined
  cost?: { free: boolean; amount?: number | undefined; currency?: string | undefined } | undefined
  accessibility?: string | undefined
  bookingUrl?: string | undefined
  themes?: string[] | undefined
  destinations?: string[] | undefined
  spine?: { elements: string[]; level?: string | undefined } | undefined
  badgeClassIds?: string[] | undefined
  language?: string | undefined
}

export interface Session { id: string; start: string; end: string; capacity: number | null; placesLeft: number | null; status: 'scheduled' | 'cancelled' }

export interface Opportunity {
  id: string
  organisationId: string
  kind: OpportunityKind
  title: string
  description: string
  /** The description rendered from Markdown, raw HTML escaped. */
  descriptionHtml: string
  /** Every language of title and description. */
  translations: Translations
  place?: { lat: number; lon: number; address?: string; postcode?: string; area?: string }
  online: boolean
  ageRange?: { min?: number; max?: number }
  cost: { free: boolean; amount?: number; currency?: string }
  accessibility?: string
  bookingUrl?: string
  themes: string[]
  destinations: string[]
  spine?: { elements: string[]; level?: string }
  badgeClassIds: string[]
  status: OpportunityStatus
  language?: string
  schedule?: unknown
  sessions: Session[]
  source?: { feedId: string; id: string }
  createdAt: string
  updatedAt: string
  publishedAt?: string
  links: { public: string }
}

export interface SearchQuery extends PageQuery {
  near?: string | undefined
  radiusKm?: number | undefined
  from?: string | undefined
  to?: string | undefined
  theme?: string | undefined
  destination?: string | undefined
  element?: string | undefined
  level?: string | undefined
  age?: number | undefined
  free?: boolean | undefined
  online?: boolean | undefined
  kind?: OpportunityKind | undefined
  q?: string | undefined
  sort?: 'distance' | 'start' | 'relevance' | undefined
}

export interface SearchItem {
  id: string
  title: string
  kind: OpportunityKind
  organisationId: string
  distanceKm: number | null
  nextSession: Omit<Session, 'status'> | null
  place?: Opportunity['place']
  online: boolean
  themes: string[]
  ageRange?: Opportunity['ageRange']
  cost: Opportunity['cost']
  relevance?: number
  url: string
}

const day = 24 * 3600 * 1000

export const toSession = (s: SessionRow): Session => ({
  id: s.id, start: s.start_at.toISOString(), end: s.end_at.toISOString(), capacity: s.capacity, placesLeft: s.places_left, status: s.status,
})

export function opportunityUrls (publicUrl: string) {
  return {
    public: (citySlug: string, id: string) => `${publicUrl}/opportunities/${citySlug}/${id}`,
    feed: (citySlug: string) => `${publicUrl}/feeds/${citySlug}/opportunities`,
  }
}

export function placeOf (r: OpportunityRow): Opportunity['place'] {
  if (r.lat === null || r.lon === null) return undefined
  return {
    lat: r.lat, lon: r.lon,
    ...(r.address ? { address: r.address } : {}), ...(r.postcode ? { postcode: r.postcode } : {}), ...(r.area ? { area: r.area } : {}),
  }
}

export function ageOf (r: OpportunityRow): Opportunity['ageRange'] {
  if (r.age_min === null && r.age_max === null) return undefined
  return { ...(r.age_min !== null ? { min: r.age_min } : {}), ...(r.age_max !== null ? { max: r.age_max } : {}) }
}

export const costOf = (r: OpportunityRow): Opportunity['cost'] => ({
  free: r.free, ...(r.cost_amount !== null ? { amount: Number(r.cost_amount) } : {}), ...(r.currency ? { currency: r.currency } : {}),
})

export function toOpportunity (r: OpportunityRow, sessions: SessionRow[], citySlug: string, publicUrl: string, defaultLang = 'en'): Opportunity {
  let html: string | undefined
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    // Rendered when read: the RPDE feed and other machine documents use the Markdown source, not the HTML.
    get descriptionHtml () { return (html ??= renderMarkdown(r.description)) },
    translations: mapsOf({ title: r.title, description: r.description }, r.translations, defaultLang),
    ...(placeOf(r) ? { place: placeOf(r)! } : {}),
    online: r.online,
    ...(ageOf(r) ? { ageRange: ageOf(r)! } : {}),
    cost: costOf(r),
    ...(r.accessibility ? { accessibility: r.accessibility } : {}),
    ...(r.booking_url ? { bookingUrl: r.booking_url } : {}),
    themes: r.themes,
    destinations: r.destinations,
    ...(r.spine_elements.length > 0 ? { spine: { elements: r.spine_elements, ...(r.spine_level ? { level: r.spine_level } : {}) } } : {}),
    badgeClassIds: r.badge_class_ids,
    status: r.status,
    ...(r.language ? { language: r.language } : {}),
    ...(r.schedule ? { schedule: r.schedule } : {}),
    sessions: sessions.map(toSession),
    ...(r.source_feed_id && r.source_id ? { source: { feedId: r.source_feed_id, id: r.source_id } } : {}),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ...(r.published_at ? { publishedAt: r.published_at.toISOString() } : {}),
    links: { public: opportunityUrls(publicUrl).public(citySlug, r.id) },
  }
}

const invalid = (field: string, message: string): never => { throw new InvalidInput(message, [{ field, message }]) }

/** The sessions an input asks for: given sessions and/or an expanded schedule (at most 500 in all). */
export function plannedSessions (input: Pick<OpportunityInput, 'sessions' | 'schedule'>): PlannedSession[] {
  const given = checkSessions(input.sessions ?? [])
  const expanded = input.schedule ? expandSchedule(input.schedule) : []
  const all = [...given, ...expanded]
  if (all.length > 500) invalid('sessions', 'at most 500 sessions in all')
  return all
}

export function createOpportunityService (deps: DomainDeps) {
  const urls = opportunityUrls(deps.publicUrl)

  async function withSessions (city: CityRow, rows: OpportunityRow[]): Promise<Opportunity[]> {
    const sessions = await repo.sessionsOf(deps.db, rows.map((r) => r.id))
    return rows.map((r) => toOpportunity(r, sessions.filter((s) => s.opportunity_id === r.id), city.slug, deps.publicUrl, defaultLanguage(city)))
  }

  async function checkRefs (city: CityRow, input: OpportunityInput): Promise<void> {
    if (input.badgeClassIds && input.badgeClassIds.length > 0) {
      const ids = [...new Set(input.badgeClassIds)]
      const found = await deps.db.selectFrom('badge_classes').select('id').where('city_id', '=', city.id).where('id', 'in', ids).execute()
      const missing = ids.filter((id) => !found.some((f) => f.id === id))
      if (missing.length > 0) invalid('badgeClassIds', `no badge class ${missing[0]} in this city`)
    }
    if (input.spine && input.spine.elements.length > 0) {
      const codes = [...new Set(input.spine.elements)]
      const found = await deps.db.selectFrom('spine_elements').select('code').where('city_id', '=', city.id).where('code', 'in', codes).execute()
      const missing = codes.filter((c) => !found.some((f) => f.code === c))
      if (missing.length > 0) invalid('spine/elements', `no spine element ${missing[0]} in this city`)
    }
    // Themes and destinations are the city's own catalogues (GET .../themes, .../destinations).
    for (const [field, table] of [['themes', 'themes'], ['destinations', 'destinations']] as const) {
      const codes = input[field] ?? []
      if (codes.length === 0) continue
      const found = new Set((await deps.db.selectFrom(table as 'themes').select('code').where('city_id', '=', city.id).where('code', 'in', [...new Set(codes)]).execute()).map((r) => r.code))
      const i = codes.findIndex((c) => !found.has(c))
      if (i >= 0) invalid(`${field}/${i}`, `no ${field === 'themes' ? 'theme' : 'destination'} ${codes[i]} in this city`)
    }
  }

  function checkInput (input: OpportunityInput): void {
    if (input.place) {
      const { lat, lon } = input.place
      if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) invalid('place/lat', 'latitude must be between -90 and 90')
      if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) invalid('place/lon', 'longitude must be between -180 and 180')
    }
    if (input.ageRange?.min !== undefined && input.ageRange.max !== undefined && input.ageRange.min > input.ageRange.max) {
      invalid('ageRange', 'min must not be above max')
    }
    if (input.cost && !input.cost.free && input.cost.amount === undefined) invalid('cost/amount', 'a cost that is not free needs an amount')
    if (input.bookingUrl !== undefined) {
      let u: URL | undefined
      try { u = new URL(input.bookingUrl) } catch { u = undefined }
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) invalid('bookingUrl', 'bookingUrl must be an http(s) URL')
    }
  }

  async function create (principal: Principal, city: CityRow, given: TranslatableOpportunityInput): Promise<Opportunity> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'create opportunities')
    // Title and description: a string (the city's default language) or a map by language tag.
    const texts = applyTexts({ title: given.title, description: given.description }, {}, defaultLanguage(city))
    const input: OpportunityInput = { ...given, title: texts.columns.title ?? '', description: texts.columns.description ?? undefined }
    requireOrganisationWrite(principal, input.organisationId, 'create opportunities')
    if (!isUuid(input.organisationId) || !await findOrganisation(deps.db, city.id, input.organisationId)) throw new NotFound('organisation', input.organisationId)
    checkInput(input)
    const planned = plannedSessions(input)
    await checkRefs(city, input)
    const id = randomUUID()
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertOpportunity(trx, { ...rowOf(city.id, id, input), translations: JSON.stringify(texts.translations) })
      await repo.insertSessions(trx, planned.map((s) => ({
        id: randomUUID(), city_id: city.id, opportunity_id: id, start_at: s.start, end_at: s.end, capacity: s.capacity, places_left: s.capacity,
      })))
      return r
    })
    return (await withSessions(city, [row]))[0]!
  }

  async function getRow (principal: Principal, city: CityRow, id: string): Promise<OpportunityRow> {
    const row = isUuid(id) ? await repo.findOpportunity(deps.db, city.id, id) : undefined
    if (!row) throw new NotFound('opportunity', id)
    // Issuers see their own drafts; everyone with a key of the city sees published and cancelled ones.
    if (row.status === 'draft' && principal.role === 'issuer' && principal.organisationId !== row.organisation_id) throw new NotFound('opportunity', id)
    return row
  }

  async function get (principal: Principal, city: CityRow, id: string): Promise<Opportunity> {
    return (await withSessions(city, [await getRow(principal, city, id)]))[0]!
  }

  async function list (principal: Principal, city: CityRow, q: PageQuery & { organisationId?: string | undefined; status?: OpportunityStatus | undefined }): Promise<Page<Opportunity>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const organisationId = principal.role === 'issuer' && q.status === 'draft' ? principal.organisationId ?? undefined : q.organisationId
    const page = pageOf(await repo.listOpportunities(deps.db, city.id, { organisationId, status: q.status }, limit, cursor), limit)
    const rows = page.rows.filter((r) => !(r.status === 'draft' && principal.role === 'issuer' && r.organisation_id !== principal.organisationId))
    return { items: await withSessions(city, rows), nextCursor: page.nextCursor }
  }

  async function transition (principal: Principal, city: CityRow, id: string, to: OpportunityStatus): Promise<Opportunity> {
    const row = await getRow(principal, city, id)
    requireOrganisationWrite(principal, row.organisation_id, `${to === 'published' ? 'publish' : 'cancel'} this opportunity`)
    if (to === 'published' && row.status === 'cancelled') throw new InvalidState('a cancelled opportunity cannot be published again')
    if (row.status === to) return (await withSessions(city, [row]))[0]!
    const updated = await deps.db.transaction().execute(async (trx) => {
      const u = await repo.setStatus(trx, city.id, id, to)
      if (to === 'cancelled') await repo.cancelSessions(trx, id)
      return u
    })
    if (!updated) throw new NotFound('opportunity', id)
    return (await withSessions(city, [updated]))[0]!
  }

  async function remove (principal: Principal, city: CityRow, id: string): Promise<void> {
    const row = await getRow(principal, city, id)
    requireOrganisationWrite(principal, row.organisation_id, 'delete this opportunity')
    await repo.softDelete(deps.db, city.id, id)
  }

  /** Public search: published opportunities of a city (no key). */
  async function search (citySlug: string, q: SearchQuery): Promise<{ items: SearchItem[]; nextCursor: string | null }> {
    // The city and its search radius limit in one round trip (the search is the hottest public API call).
    const found = await repo.cityForSearch(deps.db, citySlug)
    if (!found) throw new NotFound('city', citySlug)
    const { city, maxKm } = found
    const limit = Math.min(Math.max(q.limit ?? 25, 1), 100)
    let offset = 0
    if (q.cursor !== undefined) {
      const m = /^o(\d{1,5})$/.exec(Buffer.from(q.cursor, 'base64url').toString('utf8'))
      if (!m) throw new BadRequest('cursor is not valid: pass back the nextCursor of a previous page')
      offset = Number(m[1])
    }
    if (offset > 10_000) throw new BadRequest('cursor is past the end of what search pages through (10,000 results): narrow the search')
    let near: { lat: number; lon: number; radiusKm: number } | undefined
    if (q.near !== undefined) {
      const p = parseNear(q.near)
      const radiusKm = q.radiusKm ?? Math.min(10, maxKm)
      if (!(radiusKm > 0)) invalid('radiusKm', 'radiusKm must be above zero')
      if (radiusKm > maxKm) invalid('radiusKm', `radiusKm may be at most ${maxKm} in this city`)
      near = { ...p, radiusKm }
    } else if (q.radiusKm !== undefined) {
      invalid('radiusKm', 'radiusKm needs near=lat,lon')
    }
    const now = deps.clock()
    const from = q.from !== undefined ? new Date(q.from) : now
    const to = q.to !== undefined ? new Date(q.to) : undefined
    if (Number.isNaN(from.getTime())) invalid('from', 'from must be a date-time')
    if (to && Number.isNaN(to.getTime())) invalid('to', 'to must be a date-time')
    if (to && to.getTime() <= from.getTime()) invalid('to', 'to must be after from')
    if (to && to.getTime() - from.getTime() > 400 * day) invalid('to', 'the window may span at most 400 days')
    const sort = q.sort ?? (near ? 'distance' : q.q ? 'relevance' : 'start')
    if (sort === 'distance' && !near) invalid('sort', 'sort=distance needs near=lat,lon')
    if (sort === 'relevance' && !q.q) invalid('sort', 'sort=relevance needs q')
    let text: { tsquery: string | undefined; text: string } | undefined
    if (q.q !== undefined && q.q.trim() !== '') {
      text = { tsquery: prefixQuery(q.q), text: q.q.trim().slice(0, 200) }
    }
    const elements = q.element !== undefined ? await subtreeCodes(deps.db, city.id, q.element) : undefined
    const rows = await repo.searchOpportunities(deps.db, city.id, {
      near, from: from.getTime() < now.getTime() && q.from === undefined ? now : from, to,
      requireSession: q.from !== undefined || q.to !== undefined,
      theme: q.theme, destination: q.destination, elements, level: q.level, age: q.age, free: q.free, online: q.online, kind: q.kind,
      q: text, sort,
    }, limit, offset)
    const more = rows.length > limit
    const items = rows.slice(0, limit).map((r): SearchItem => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      organisationId: r.organisation_id,
      distanceKm: r.distance_m === null ? null : Math.round(Number(r.distance_m)) / 1000,
      nextSession: r.next_id && r.next_start && r.next_end
        ? { id: r.next_id, start: new Date(r.next_start).toISOString(), end: new Date(r.next_end).toISOString(), capacity: r.next_capacity, placesLeft: r.next_places_left }
        : null,
      ...(placeOf(r) ? { place: placeOf(r)! } : {}),
      online: r.online,
      themes: r.themes,
      ...(ageOf(r) ? { ageRange: ageOf(r)! } : {}),
      cost: costOf(r),
      ...(r.relevance !== null ? { relevance: Math.round(Number(r.relevance) * 1000) / 1000 } : {}),
      url: urls.public(city.slug, r.id),
    }))
    return { items, nextCursor: more ? Buffer.from(`o${offset + limit}`).toString('base64url') : null }
  }

  /** A published (or cancelled) opportunity for its public page; drafts and deleted ones are not found. */
  /**
   * A published opportunity for its public page and JSON-LD, its title and description in the language the reader
   * asked for (`Accept-Language`, `?lang=`) when it has it, else the city's default language; `language` says which.
   */
  async function publicOne (citySlug: string, id: string, want: { header?: string | undefined; lang?: string | undefined } = {}): Promise<{ opportunity: Opportunity; organisation: { name: string; url: string }; language: string }> {
    const city = await findCityBySlug(deps.db, citySlug)
    if (!city) throw new NotFound('city', citySlug)
    const row = isUuid(id) ? await repo.findOpportunity(deps.db, city.id, id) : undefined
    if (!row || row.published_at === null) throw new NotFound('opportunity', id)
    const org = await findOrganisation(deps.db, city.id, row.organisation_id)
    const o = (await withSessions(city, [row]))[0]!
    const def = defaultLanguage(city)
    const language = negotiateLanguage({ header: want.header, explicit: want.lang, available: languagesOf(o.translations, def), fallback: def })
    const title = textIn(o.translations.title, language, def) ?? o.title
    const description = textIn(o.translations.description, language, def) ?? o.description
    const opportunity: Opportunity = { ...o, title, description, descriptionHtml: renderMarkdown(description), language }
    return { opportunity, organisation: { name: org?.name ?? '', url: org?.url ?? '' }, language }
  }

  async function supply (principal: Principal, city: CityRow, q: { from?: string | undefined; to?: string | undefined }) {
    requireRole(principal, ['platform-admin', 'city-admin', 'reader'], 'read the supply map')
    const now = deps.clock()
    const from = q.from ? new Date(q.from) : new Date(now.getTime() - (now.getUTCDay() + 6) % 7 * day)
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 8 * 7 * day)
    if (Number.isNaN(from.getTime())) invalid('from', 'from must be a date-time')
    if (Number.isNaN(to.getTime())) invalid('to', 'to must be a date-time')
    if (to.getTime() <= from.getTime()) invalid('to', 'to must be after from')
    if (to.getTime() - from.getTime() > 366 * day) invalid('to', 'the supply map spans at most a year')
    const rows = await repo.supply(deps.db, city.id, from, to)
    return {
      from: from.toISOString(), to: to.toISOString(),
      cells: rows.map((r) => ({
        area: r.area === '' ? null : r.area,
        theme: r.theme === '' ? null : r.theme,
        week: new Date(r.week).toISOString().slice(0, 10),
        opportunities: r.opportunities,
        sessions: r.sessions,
        freePlaces: r.free_places,
      })),
    }
  }

  async function setMaxRadius (principal: Principal, city: CityRow, km: number): Promise<{ maxRadiusKm: number }> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'change opportunity settings')
    if (!(km > 0 && km <= 500)) invalid('maxRadiusKm', 'maxRadiusKm must be above 0 and at most 500')
    await repo.setMaxRadiusKm(deps.db, city.id, km)
    return { maxRadiusKm: km }
  }

  async function settings (principal: Principal, city: CityRow): Promise<{ maxRadiusKm: number }> {
    void principal
    return { maxRadiusKm: await repo.maxRadiusKm(deps.db, city.id) }
  }

  return { create, get, getRow, list, publish: (p: Principal, c: CityRow, id: string) => transition(p, c, id, 'published'), cancel: (p: Principal, c: CityRow, id: string) => transition(p, c, id, 'cancelled'), remove, search, publicOne, supply, setMaxRadius, settings }
}

export function rowOf (cityId: string, id: string, input: OpportunityInput): repo.NewOpportunityRow {
  return {
    id,
    city_id: cityId,
    organisation_id: input.organisationId,
    kind: input.kind,
    title: input.title,
    description: input.description ?? '',
    lat: input.place?.lat ?? null,
    lon: input.place?.lon ?? null,
    address: input.place?.address ?? null,
    postcode: input.place?.postcode ?? null,
    area: input.place?.area ?? null,
    online: input.online ?? false,
    age_min: input.ageRange?.min ?? null,
    age_max: input.ageRange?.max ?? null,
    free: input.cost?.free ?? true,
    cost_amount: input.cost?.amount ?? null,
    currency: input.cost?.currency ?? null,
    accessibility: input.accessibility ?? null,
    booking_url: input.bookingUrl ?? null,
    themes: input.themes ?? [],
    destinations: input.destinations ?? [],
    spine_elements: input.spine?.elements ?? [],
    spine_level: input.spine?.level ?? null,
    badge_class_ids: input.badgeClassIds ?? [],
    language: input.language ?? null,
    schedule: input.schedule ? JSON.stringify(input.schedule) : null,
  }
}

export type OpportunityService = ReturnType<typeof createOpportunityService>
