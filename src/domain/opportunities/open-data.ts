import * as repo from '../../db/opportunities/opportunities.repo.js'
import type { OpportunityRow } from '../../db/opportunities/opportunities.types.js'
import { findCityBySlug } from '../../db/repos.js'
import type { DomainDeps } from '../shared/context.js'
import { BadRequest, NotFound } from '../shared/errors.js'
import { isUuid } from '../../db/page.js'
import { opportunityUrls, toOpportunity, type Opportunity, type Session } from './opportunities.js'

// Open data out: schema.org JSON-LD per opportunity (Event / Course / JobPosting) and the city's OpenActive RPDE feed
// (Realtime Paged Data Exchange 1.0: "modified" + "id" ordering, tombstones for deleted and unpublished items).

const JOB_KINDS = new Set(['job', 'apprenticeship', 'internship'])

export function schemaOrgType (kind: Opportunity['kind']): 'Event' | 'Course' | 'JobPosting' {
  if (kind === 'course') return 'Course'
  if (JOB_KINDS.has(kind)) return 'JobPosting'
  return 'Event'
}

const place = (o: Opportunity) => o.place
  ? {
      '@type': 'Place',
      ...(o.place.address ? { name: o.place.address } : {}),
      address: { '@type': 'PostalAddress', ...(o.place.address ? { streetAddress: o.place.address } : {}), ...(o.place.postcode ? { postalCode: o.place.postcode } : {}) },
      geo: { '@type': 'GeoCoordinates', latitude: o.place.lat, longitude: o.place.lon },
    }
  : undefined

const attendance = (o: Opportunity): string => o.place && o.online
  ? 'https://schema.org/MixedEventAttendanceMode'
  : o.online ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode'

const ageText = (o: Opportunity): string | undefined => o.ageRange ? `${o.ageRange.min ?? ''}-${o.ageRange.max ?? ''}` : undefined

const offers = (o: Opportunity) => [{
  '@type': 'Offer',
  price: o.cost.free ? 0 : o.cost.amount ?? 0,
  ...(o.cost.currency ? { priceCurrency: o.cost.currency } : {}),
  ...(o.bookingUrl ? { url: o.bookingUrl } : {}),
}]

/** schema.org JSON-LD of a public opportunity: Event (with sub-events), Course (with course instances) or JobPosting. */
export function schemaOrgDocument (o: Opportunity, organisation: { name: string; url: string }): Record<string, unknown> {
  const org = { '@type': 'Organization', name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) }
  const type = schemaOrgType(o.kind)
  const base = {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': o.links.public,
    url: o.links.public,
    ...(o.language ? { inLanguage: o.language } : {}),
  }
  const live = o.sessions.filter((s) => s.status === 'scheduled')
  if (type === 'JobPosting') {
    return {
      ...base,
      title: o.title,
      description: o.descriptionHtml,
      datePosted: o.publishedAt ?? o.createdAt,
      hiringOrganization: org,
      employmentType: o.kind === 'internship' ? 'INTERN' : o.kind === 'apprenticeship' ? 'OTHER' : 'FULL_TIME',
      ...(place(o) ? { jobLocation: place(o) } : {}),
      ...(o.online ? { jobLocationType: 'TELECOMMUTE' } : {}),
      ...(live.length > 0 ? { validThrough: live[live.length - 1]!.end } : {}),
      ...(o.bookingUrl ? { directApply: true, sameAs: o.bookingUrl } : {}),
    }
  }
  const event = (s: Opportunity['sessions'][number]) => ({
    '@type': type === 'Course' ? 'CourseInstance' : 'Event',
    ...(type === 'Event' ? { name: o.title } : {}),
    startDate: s.start,
    endDate: s.end,
    eventStatus: s.status === 'cancelled' || o.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    ...(s.capacity !== null ? { maximumAttendeeCapacity: s.capacity } : {}),
    ...(s.placesLeft !== null ? { remainingAttendeeCapacity: s.placesLeft } : {}),
    ...(type === 'Course' ? { courseMode: o.online ? 'online' : 'onsite' } : {}),
    ...(place(o) ? { location: place(o) } : {}),
  })
  const common = {
    name: o.title,
    description: o.descriptionHtml,
    ...(o.themes.length > 0 ? { keywords: o.themes.join(', ') } : {}),
    ...(o.ageRange ? { typicalAgeRange: ageText(o) } : {}),
    isAccessibleForFree: o.cost.free,
    offers: offers(o),
    ...(o.accessibility ? { accessibilitySummary: o.accessibility } : {}),
  }
  if (type === 'Course') return { ...base, ...common, provider: org, hasCourseInstance: o.sessions.map(event) }
  const first = live[0] ?? o.sessions[0]
  return {
    ...base,
    ...common,
    organizer: org,
    eventAttendanceMode: attendance(o),
    eventStatus: o.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    ...(first ? { startDate: first.start, endDate: first.end } : {}),
    ...(place(o) ? { location: place(o) } : o.online ? { location: { '@type': 'VirtualLocation', url: o.bookingUrl ?? o.links.public } } : {}),
    ...(o.sessions.length > 1 ? { subEvent: o.sessions.map(event) } : {}),
  }
}

/** The OpenActive SessionSeries of an opportunity (RPDE item data), with its sessions as ScheduledSession sub-events. */
export function sessionSeries (o: Opportunity, organisation: { name: string; url: string }): Record<string, unknown> {
  return {
    '@context': ['https://openactive.io/', 'https://openactive.io/ns-beta'],
    '@type': 'SessionSeries',
    '@id': o.links.public,
    identifier: o.id,
    name: o.title,
    description: o.description,
    ...(o.bookingUrl ? { url: o.bookingUrl } : {}),
    organizer: { '@type': 'Organization', name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) },
    ...(place(o) ? { location: place(o) } : {}),
    eventAttendanceMode: attendance(o),
    eventStatus: o.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    ...(o.ageRange ? { ageRange: { '@type': 'QuantitativeValue', ...(o.ageRange.min !== undefined ? { minValue: o.ageRange.min } : {}), ...(o.ageRange.max !== undefined ? { maxValue: o.ageRange.max } : {}) } } : {}),
    isAccessibleForFree: o.cost.free,
    offers: offers(o),
    ...(o.accessibility ? { accessibilityInformation: o.accessibility } : {}),
    ...(o.language ? { inLanguage: [o.language] } : {}),
    'beta:opportunityKind': o.kind,
    'beta:themes': o.themes,
    'beta:destinations': o.destinations,
    subEvent: o.sessions.map((s) => ({
      '@type': 'ScheduledSession',
      '@id': `${o.links.public}#session-${s.id}`,
      identifier: s.id,
      startDate: s.start,
      endDate: s.end,
      eventStatus: s.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
      ...(s.capacity !== null ? { maximumAttendeeCapacity: s.capacity } : {}),
      ...(s.placesLeft !== null ? { remainingAttendeeCapacity: s.placesLeft } : {}),
    })),
  }
}

export interface RpdeItem { id: string; modified: number; kind: 'SessionSeries'; state: 'updated' | 'deleted'; data?: Record<string, unknown> }
export interface RpdePage { items: RpdeItem[]; next: string; license: string }

export const RPDE_PAGE = 500

export function createOpenDataService (deps: Pick<DomainDeps, 'db' | 'publicUrl'>) {
  const urls = opportunityUrls(deps.publicUrl)

  /** One RPDE page after (afterTimestamp, afterId); `next` always present (the same URL again at the end). */
  async function feed (citySlug: string, q: { afterTimestamp?: string | undefined; afterId?: string | undefined }): Promise<RpdePage> {
    const city = await findCityBySlug(deps.db, citySlug)
    if (!city) throw new NotFound('city', citySlug)
    let afterModified: number | undefined
    if (q.afterTimestamp !== undefined) {
      if (!/^\d{1,15}$/.test(q.afterTimestamp)) throw new BadRequest('afterTimestamp must be the `modified` of a previous item (an integer)')
      afterModified = Number(q.afterTimestamp)
    }
    if (q.afterId !== undefined && (!isUuid(q.afterId) || afterModified === undefined)) {
      throw new BadRequest('afterId must be the `id` of a previous item, with its afterTimestamp')
    }
    const rows = await repo.feedPage(deps.db, city.id, afterModified, q.afterId, RPDE_PAGE)
    const live = rows.filter((r) => r.deleted_at === null && r.status !== 'draft')
    const sessions = await repo.feedSessionsOf(deps.db, live.map((r) => r.id))
    const orgIds = [...new Set(live.map((r) => r.organisation_id))]
    const orgs = new Map((orgIds.length === 0 ? [] : await deps.db.selectFrom('organisations').select(['id', 'name', 'url']).where('city_id', '=', city.id).where('id', 'in', orgIds).execute())
      .map((o) => [o.id, { name: o.name, url: o.url }]))
    const byOpportunity = new Map<string, Session[]>()
    for (const s of sessions) {
      const session: Session = { id: s.id, start: s.start, end: s.end, capacity: s.capacity, placesLeft: s.places_left, status: s.status }
      const list = byOpportunity.get(s.opportunity_id)
      if (list) list.push(session)
      else byOpportunity.set(s.opportunity_id, [session])
    }
    const items = rows.map((r) => item(r, byOpportunity.get(r.id) ?? [], orgs.get(r.organisation_id) ?? { name: '', url: '' }, citySlug))
    const last = rows[rows.length - 1]
    const base = urls.feed(citySlug)
    const next = last
      ? `${base}?afterTimestamp=${last.feed_modified}&afterId=${last.id}`
      : afterModified !== undefined ? `${base}?afterTimestamp=${afterModified}${q.afterId ? `&afterId=${q.afterId}` : ''}` : base
    return { items, next, license: 'https://creativecommons.org/licenses/by/4.0/' }
  }

  function item (r: OpportunityRow, sessions: Session[], org: { name: string; url: string } | undefined, citySlug: string): RpdeItem {
    // Deleted, or back to draft: a tombstone (no data), so harvesters drop it.
    if (r.deleted_at !== null || r.status === 'draft' || !org) return { id: r.id, modified: r.feed_modified, kind: 'SessionSeries', state: 'deleted' }
    const o = toOpportunity(r, [], citySlug, deps.publicUrl)
    o.sessions = sessions
    return { id: r.id, modified: r.feed_modified, kind: 'SessionSeries', state: 'updated', data: sessionSeries(o, org) }
  }

  return { feed }
}
