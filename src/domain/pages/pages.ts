import * as awardsRepo from '../../db/badges/awards.repo.js'
import * as badgesRepo from '../../db/badges/badges.repo.js'
import type { SpineDimension, SpineLevel } from '../../db/badges/badges.types.js'
import { isUuid } from '../../db/page.js'
import * as repo from '../../db/pages/pages.repo.js'
import * as sharesRepo from '../../db/learners/shares.repo.js'
import { findCityById, findCityBySlug } from '../../db/repos.js'
import type { CityRow } from '../../db/types.js'
import { DIMENSIONS, LEVELS, labelOf, spineUrls } from '../../spine/index.js'
import type { BadgeClass, BadgeClassService } from '../badges/badge-classes.js'
import { PUBLISHED, badgeClassLanguage, localiseBadgeClass } from '../badges/badge-classes.js'
import { defaultLanguage, type Translations } from '../shared/i18n.js'
import { brandingOf, type Branding } from '../cities/branding.js'
import { toOrganisation, type Organisation } from '../cities/organisations.js'
import type { AwardService } from '../badges/awards.js'
import type { AssertionView } from '../credentials/ob2-public.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { ob3Urls } from '../credentials/ob3-urls.js'
import { opportunityUrls } from '../opportunities/opportunities.js'
import type { DomainDeps } from '../shared/context.js'
import { NotFound } from '../shared/errors.js'
import { createPageCache, type Freshness, type PageCache } from './page-cache.js'

// What the public HTML pages show (src/routes/pages/): the badge page, issuer and badge class pages, the city landing
// page and the list of cities. Read-only; every URL is absolute (our PUBLIC_URL), the renderers make our own ones
// root-relative. Nothing here knows HTML.

export interface Ref { code: string; title: string; url: string }
export interface CityRef { slug: string; name: string; branding: Branding; landing: string; spine: string }

/** A badge class's place on the skills spine, with names and links for people. */
export interface Skills {
  elements: Array<Ref & { retired: boolean }>
  level?: { value: SpineLevel; label: string }
  dimensions: Array<{ value: SpineDimension; label: string; url?: string }>
  themes: Ref[]
  destinations: Ref[]
  /** The grid cell page of (level, dimension). */
  gridUrl: (level: string, dimension: string) => string
}

export interface EndorsementItem {
  id: string
  endorser: { id: string; name: string; url: string; verified: boolean; page: string }
  comment?: string
  issuedOn: string
  /** The endorsement document (OB 2.0 JSON). */
  url: string
}

export interface ClassCard {
  id: string
  name: string
  description: string
  page: string
  image: string
  issuer: { id: string; name: string; verified: boolean; page: string }
  level?: { value: SpineLevel; label: string }
}

export interface BadgePageView extends Omit<AssertionView, 'endorsements'> {
  city: CityRef
  skills: Skills
  /** Who vouches for the badge class (a college validating a small employer's badge) and for the issuer. */
  classEndorsements: EndorsementItem[]
  issuerEndorsements: EndorsementItem[]
  awardEndorsements: EndorsementItem[]
  /** Only when the learner chose to show it: a live share of this award with "show my name" (sharedDisplayName). */
  recipientName?: string
  machine: { achievement: string; issuerV3: string; issuerPage: string; badgeClassPage: string }
  /** Where the page's "verify" form posts to. */
  verifyAction: string
  /** Until when the page stays true without a change in the database (its expiry; never kept when it shows a name). */
  freshness: Freshness
}

export interface IssuerPageView {
  city: CityRef
  organisation: Organisation
  badges: ClassCard[]
  endorsements: EndorsementItem[]
  links: { ob2: string; ob3: string; revocations: string }
}

export interface BadgeClassPageView {
  city: CityRef
  badgeClass: BadgeClass
  organisation: Organisation
  skills: Skills
  endorsements: EndorsementItem[]
  /** Where the badge is on offer: published opportunities that give it, soonest first. */
  opportunities: OfferCard[]
  links: { ob2: string; achievement: string; image: string; issuerPage: string }
  /** Until the next session of an opportunity on it starts (the list changes then). */
  freshness: Freshness
}

export interface CityLandingView {
  city: CityRef
  elements: Ref[]
  themes: Array<Ref & { description?: string }>
  destinations: Array<Ref & { description?: string }>
  issuers: Array<{ id: string; name: string; kind: string; verified: boolean; page: string }>
  badges: ClassCard[]
  badgeCount: number
}

/** A published opportunity as a line on a page. */
export interface OfferCard { title: string; url: string; kind: string; online: boolean; area?: string; free: boolean; nextStart?: string }

/** What uses a spine element beyond badges: opportunities that build it and recommended pathways that ask for it. */
export interface ElementUses { opportunities: OfferCard[]; pathways: Array<{ title: string; organisation?: string }>; freshness: Freshness }

export interface CityIndexView { cities: Array<{ slug: string; name: string; landing: string }> }

export interface PagesDeps extends DomainDeps {
  awards: AwardService
  badgeClasses: BadgeClassService
}

const LANDING_BADGES = 24
const OFFERS = 20

/** What a page request asks for: its Accept-Language header and an explicit `?lang=`. */
export interface LanguageWanted { header?: string | undefined; lang?: string | undefined }

/** A badge class in the negotiated language of a page (the city's default language as the fallback). */
function localised (bc: BadgeClass, city: CityRow, want: LanguageWanted): BadgeClass {
  const withDefault = bc.language !== undefined ? bc : { ...bc, language: defaultLanguage(city) }
  return localiseBadgeClass(withDefault, badgeClassLanguage(withDefault, want.header, want.lang))
}

/** A rendered page as the routes keep it (HTML bytes and their headers): the domain only stores it. */
export interface CachedPage { status: number; body: Buffer; headers: Record<string, string> }

/** The offers on a page change when the soonest of their next sessions starts. */
const offersFreshness = (offers: readonly repo.OfferSummary[]): Freshness => {
  const next = offers.flatMap((o) => (o.next_start !== null ? [o.next_start.getTime()] : []))
  return next.length > 0 ? { until: new Date(Math.min(...next)) } : {}
}

export function createPagesService (deps: PagesDeps) {
  const v2 = ob2Urls(deps.publicUrl)
  const v3 = ob3Urls(deps.publicUrl)

  const cityRef = (city: CityRow): CityRef => ({
    slug: city.slug,
    name: city.name,
    branding: brandingOf(city),
    landing: `${deps.publicUrl}/cities/${city.slug}`,
    spine: spineUrls(deps.publicUrl, city.slug).framework,
  })

  async function cityById (id: string): Promise<CityRow> {
    const city = await findCityById(deps.db, id)
    if (!city) throw new NotFound('city', id)
    return city
  }

  const endorsementItem = (e: repo.EndorsementWithEndorser): EndorsementItem => ({
    id: e.id,
    endorser: { id: e.organisation_id, name: e.endorser_name, url: e.endorser_url, verified: e.endorser_verified, page: v2.issuer(e.organisation_id) },
    ...(e.comment !== null ? { comment: e.comment } : {}),
    issuedOn: e.issued_on.toISOString(),
    url: v2.endorsement(e.id),
  })

  /** The spine elements, themes and destinations of a badge class, their titles in `lang` where they have it. */
  async function skillsOf (city: CityRow, c: { spine?: BadgeClass['spine']; themes: string[]; destinations: string[]; language?: string | undefined }): Promise<Skills> {
    const lang = c.language
    const titleOf = (f: { title: string; translations?: Translations | null }): string => (lang !== undefined ? f.translations?.title?.[lang] : undefined) ?? f.title
    const urls = spineUrls(deps.publicUrl, city.slug)
    const codes = c.spine?.elements ?? []
    const [elements, themes, destinations] = await Promise.all([
      repo.elementTitles(deps.db, city.id, codes),
      repo.catalogueTitles(deps.db, 'themes', city.id, c.themes),
      repo.catalogueTitles(deps.db, 'destinations', city.id, c.destinations),
    ])
    const byCode = new Map(elements.map((e) => [e.code, e]))
    const inOrder = <T extends { code: string; title: string; translations?: Translations | null }>(list: readonly string[], found: readonly T[]) => {
      const m = new Map(found.map((f) => [f.code, f]))
      return list.map((code) => { const f = m.get(code); return { code, title: f ? titleOf(f) : code } })
    }
    const level = c.spine?.level
    return {
      elements: codes.map((code) => { const f = byCode.get(code); return { code, title: f ? titleOf(f) : code, url: urls.element(code), retired: f?.status === 'retired' } }),
      ...(level ? { level: { value: level, label: labelOf(LEVELS, level) } } : {}),
      dimensions: (c.spine?.dimensions ?? []).map((d) => ({ value: d, label: labelOf(DIMENSIONS, d), ...(level ? { url: urls.gridCell(level, d) } : {}) })),
      themes: inOrder(c.themes, themes).map((t) => ({ ...t, url: urls.theme(t.code) })),
      destinations: inOrder(c.destinations, destinations).map((d) => ({ ...d, url: urls.destination(d.code) })),
      gridUrl: (lv, d) => urls.gridCell(lv as SpineLevel, d as SpineDimension),
    }
  }

  const offerCard = (city: CityRow, o: repo.OfferSummary): OfferCard => ({
    title: o.title,
    url: opportunityUrls(deps.publicUrl).public(city.slug, o.id),
    kind: o.kind,
    online: o.online,
    ...(o.area !== null ? { area: o.area } : {}),
    free: o.free,
    ...(o.next_start !== null ? { nextStart: o.next_start.toISOString() } : {}),
  })

  const card = (c: repo.ClassSummary): ClassCard => ({
    id: c.id,
    name: c.name,
    description: c.description,
    page: v2.badge(c.id),
    image: v2.badgeImage(c.id),
    issuer: { id: c.organisation_id, name: c.organisation_name, verified: c.organisation_verified, page: v2.issuer(c.organisation_id) },
    ...(c.spine_level !== null ? { level: { value: c.spine_level, label: labelOf(LEVELS, c.spine_level) } } : {}),
  })

  /**
   * The badge page of an award (OB 2.0 assertion or OB 3.0 credential URL): three round trips to the database (the
   * award; its class, issuer and city; skills and endorsements), whatever the number of endorsements.
   */
  async function badge (awardId: string, want: LanguageWanted = {}): Promise<BadgePageView> {
    const row = isUuid(awardId) ? await awardsRepo.findAwardById(deps.db, awardId) : undefined
    if (!row) throw new NotFound('assertion', awardId)
    const [klass, org, city] = await Promise.all([
      badgesRepo.findBadgeClassById(deps.db, row.badge_class_id),
      badgesRepo.findOrganisationById(deps.db, row.organisation_id),
      findCityById(deps.db, row.city_id),
    ])
    if (!klass || !org || !city) throw new NotFound('assertion', awardId)
    const bc = localised(deps.badgeClasses.toBadgeClass(klass, defaultLanguage(city)), city, want)
    const { recipient, ...award } = deps.awards.toAward(row)
    const { plainIdentity: _never, ...publicRecipient } = recipient
    const now = deps.clock()
    const status = row.revoked_at ? 'revoked' : row.expires && row.expires.getTime() < now.getTime() ? 'expired' : 'valid'
    const [skills, classEndorsements, issuerEndorsements, awardEndorsements, recipientName] = await Promise.all([
      skillsOf(city, bc),
      repo.endorsementsOf(deps.db, 'badge-class', bc.id),
      repo.endorsementsOf(deps.db, 'organisation', org.id),
      repo.endorsementsOf(deps.db, 'award', row.id),
      // Pages never show who holds a badge unless the learner chose to (a live share of it with "show my name").
      sharesRepo.sharedDisplayName(deps.db, row.id, now),
    ])
    const organisation = toOrganisation(org)
    const view: Omit<AssertionView, 'endorsements'> = { award: { ...award, recipient: publicRecipient }, badgeClass: bc, organisation, status, links: award.links }
    return {
      ...view,
      city: cityRef(city),
      skills,
      classEndorsements: classEndorsements.map(endorsementItem),
      issuerEndorsements: issuerEndorsements.map(endorsementItem),
      awardEndorsements: awardEndorsements.map(endorsementItem),
      ...(recipientName ? { recipientName } : {}),
      machine: { achievement: v3.achievement(bc.id), issuerV3: v3.issuer(org.id), issuerPage: v2.issuer(org.id), badgeClassPage: v2.badge(bc.id) },
      verifyAction: `${v2.assertion(row.id)}/verify`,
      // A shown name depends on a share that may expire: such a page is never kept. A valid badge with an expiry
      // changes to "expired" at that instant.
      freshness: recipientName ? { noStore: true } : status === 'valid' && row.expires ? { until: row.expires } : {},
    }
  }

  async function issuer (organisationId: string): Promise<IssuerPageView> {
    const row = isUuid(organisationId) ? await badgesRepo.findOrganisationById(deps.db, organisationId) : undefined
    if (!row) throw new NotFound('issuer', organisationId)
    const city = await cityById(row.city_id)
    const [classes, endorsements] = await Promise.all([
      repo.listApprovedClasses(deps.db, city.id, { organisationId: row.id }, 200),
      repo.endorsementsOf(deps.db, 'organisation', row.id),
    ])
    return {
      city: cityRef(city),
      organisation: toOrganisation(row),
      badges: classes.map(card),
      endorsements: endorsements.map(endorsementItem),
      links: { ob2: v2.issuer(row.id), ob3: v3.issuer(row.id), revocations: v2.revocations(row.id) },
    }
  }

  async function badgeClass (id: string, want: LanguageWanted = {}): Promise<BadgeClassPageView> {
    const row = isUuid(id) ? await badgesRepo.findBadgeClassById(deps.db, id) : undefined
    if (!row || !PUBLISHED.includes(row.status)) throw new NotFound('badge-class', id)
    const [city, org] = await Promise.all([cityById(row.city_id), badgesRepo.findOrganisationById(deps.db, row.organisation_id)])
    const bc = localised(deps.badgeClasses.toBadgeClass(row, defaultLanguage(city)), city, want)
    const [skills, endorsements, offers] = await Promise.all([
      skillsOf(city, bc),
      repo.endorsementsOf(deps.db, 'badge-class', row.id),
      repo.listOffers(deps.db, city.id, { badgeClassId: row.id }, deps.clock(), OFFERS),
    ])
    return {
      city: cityRef(city),
      badgeClass: bc,
      organisation: toOrganisation(org!),
      skills,
      endorsements: endorsements.map(endorsementItem),
      opportunities: offers.map((o) => offerCard(city, o)),
      links: { ob2: v2.badge(row.id), achievement: v3.achievement(row.id), image: v2.badgeImage(row.id), issuerPage: v2.issuer(row.organisation_id) },
      freshness: offersFreshness(offers),
    }
  }

  async function cityLanding (slug: string): Promise<CityLandingView> {
    const city = await findCityBySlug(deps.db, slug)
    if (!city) throw new NotFound('city', slug)
    const urls = spineUrls(deps.publicUrl, city.slug)
    const [elements, themes, destinations, issuers, badges, badgeCount] = await Promise.all([
      repo.rootElements(deps.db, city.id),
      repo.listAllTitles(deps.db, 'themes', city.id),
      repo.listAllTitles(deps.db, 'destinations', city.id),
      repo.listIssuingOrganisations(deps.db, city.id, 100),
      repo.listApprovedClasses(deps.db, city.id, {}, LANDING_BADGES),
      repo.countApprovedClasses(deps.db, city.id),
    ])
    return {
      city: cityRef(city),
      elements: elements.map((e) => ({ code: e.code, title: e.title, url: urls.element(e.code) })),
      themes: themes.map((t) => ({ code: t.code, title: t.title, url: urls.theme(t.code), ...(t.description !== null ? { description: t.description } : {}) })),
      destinations: destinations.map((d) => ({ code: d.code, title: d.title, url: urls.destination(d.code), ...(d.description !== null ? { description: d.description } : {}) })),
      issuers: issuers.map((o) => ({ id: o.id, name: o.name, kind: o.kind, verified: o.verified, page: v2.issuer(o.id) })),
      badges: badges.map(card),
      badgeCount,
    }
  }

  async function cityIndex (): Promise<CityIndexView> {
    const cities = await repo.listPublicCities(deps.db)
    return { cities: cities.map((c) => ({ slug: c.slug, name: c.brand_name ?? c.name, landing: `${deps.publicUrl}/cities/${c.slug}` })) }
  }

  /** The approved badge classes that build a spine element, grouped by level in the order of the levels. */
  async function classesBuilding (city: CityRow, code: string): Promise<Array<{ level: { value: string; label: string } | undefined; badges: ClassCard[] }>> {
    const rows = (await repo.listApprovedClasses(deps.db, city.id, { element: code }, 500)).map(card)
    const order = [...LEVELS.map((l) => l.value as string | undefined), undefined]
    return order.map((lv) => ({
      level: lv !== undefined ? { value: lv, label: labelOf(LEVELS, lv) } : undefined,
      badges: rows.filter((r) => r.level?.value === lv).sort((a, b) => a.name.localeCompare(b.name)),
    })).filter((g) => g.badges.length > 0)
  }

  /** The opportunities and recommended pathways that use a spine element (its public page). */
  async function elementUses (city: CityRow, code: string): Promise<ElementUses> {
    const [offers, pathways] = await Promise.all([
      repo.listOffers(deps.db, city.id, { element: code }, deps.clock(), OFFERS),
      repo.listPathwaysUsingElement(deps.db, city.id, code, OFFERS),
    ])
    return {
      opportunities: offers.map((o) => offerCard(city, o)),
      pathways: pathways.map((p) => ({ title: p.title, ...(p.organisation_name !== null ? { organisation: p.organisation_name } : {}) })),
      freshness: offersFreshness(offers),
    }
  }

  /** The approved badge classes of a theme or a destination (their public pages). */
  async function classesWith (city: CityRow, f: { theme?: string; destination?: string }): Promise<ClassCard[]> {
    return (await repo.listApprovedClasses(deps.db, city.id, f, 200)).map(card)
  }

  /** The city of a public spine page, for its branding. */
  const cityRefOf = (city: CityRow): CityRef => cityRef(city)

  // Rendered pages of this instance, valid for one public content version (see page-cache.ts).
  const cache: PageCache<CachedPage> = createPageCache<CachedPage>({ sizeOf: (p) => p.body.length + 200 })

  /**
   * The page of `key` from the cache when nothing it shows has changed since it was rendered, else `render()`d (and
   * kept, as its freshness allows). The version is read before anything the page shows, so a change committed
   * meanwhile makes the next request render again.
   */
  async function cached (key: string, render: () => Promise<{ page: CachedPage; freshness: Freshness }>): Promise<CachedPage> {
    const version = await repo.publicContentVersion(deps.db)
    const hit = cache.get(key, version, deps.clock().getTime())
    if (hit !== undefined) return hit
    const { page, freshness } = await render()
    // 4xx/5xx are thrown, never kept; a 410 of a revoked badge is a page like any other.
    cache.set(key, version, page, freshness)
    return page
  }

  return { badge, issuer, badgeClass, cityLanding, cityIndex, classesBuilding, elementUses, classesWith, cityRefOf, cached, pageCache: cache }
}

export type PagesService = ReturnType<typeof createPagesService>
