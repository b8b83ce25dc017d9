/**
 * The authorisation matrix (issue #14 item 6, issue #15 item 5): for every operation of openapi/openapi.json,
 * what each role gets on its own tenant and on others'. One declarative table; test/authz/matrix.test.ts runs it
 * over every operation of the OpenAPI document, and an operation without an entry FAILS. New routes add a line.
 *
 * Tenants: `own` — the caller's city (and, for an issuer, its own organisation's resource); `otherOrg` — another
 * organisation's resource in the caller's city; `otherCity` — a resource of another city.
 * Outcomes: 'ok' (2xx; 409 where the fixture's state makes the action a conflict) or an exact status.
 * The rule: 404 for what the caller may not see (another city; anything without a key is 401), 403 for what it may
 * see but not change (a reader writing, an issuer changing another organisation's resource or city settings).
 */
export const ROLES = ['platform-admin', 'city-admin', 'issuer', 'reader', 'none'] as const
export type Role = (typeof ROLES)[number]
export const TENANTS = ['own', 'otherOrg', 'otherCity'] as const
export type Tenant = (typeof TENANTS)[number]
/**
 * 'ok': 2xx/304 (or 409/410/422 when the fixture's state refuses it); 'public': anything but 401/403/5xx;
 * 'provisional': anything but 401 and 5xx — for operations whose fixtures are still to come (webhooks, bulk jobs):
 * only their 401 and other-city 404 are pinned. Replace it by the real outcome when the fixture lands.
 */
export type Outcome = 'ok' | 'public' | 'provisional' | 401 | 403 | 404
export type Policy = Record<Role, Partial<Record<Tenant, Outcome>>>

/** The fixture a request is built from: city A (orgs A1 — the issuer's — and A2) and city B (org B1). */
export interface Target {
  city: string
  /** The organisation that owns the resource (A1 for `own`, A2 for `otherOrg`, B1 for `otherCity`). */
  orgId: string
  /** An organisation of the same city other than orgId (to endorse with, for instance). */
  peerOrgId: string
  classId: string
  awardId: string
  endorsementId: string
  assertionId: string
  apiKeyId: string
  /** A badge class of orgId in draft (for submit) / submitted (for approve). */
  draftClassId: string
  submittedClassId: string
  elementCode: string
  themeCode: string
  destinationCode: string
  unique: string
}
export interface Request { method: string; url: string; payload?: unknown; headers?: Record<string, string> }
export interface Entry {
  policy: Policy
  /** Also tried on another organisation's resource of the caller's city. */
  orgScoped?: boolean
  /** The request consumes its resource (a delete): the runner makes a fresh spine element for each call. */
  freshElement?: boolean
  /** A batch: the outcome is the status of its first item (the batch itself answers 200). */
  itemStatus?: boolean
  request: (t: Target) => Request
}

const everyTenant = (o: Outcome): Partial<Record<Tenant, Outcome>> => ({ own: o, otherOrg: o, otherCity: o })
/** Public documents: no key needed, any caller. */
const PUBLIC: Policy = { 'platform-admin': everyTenant('public'), 'city-admin': everyTenant('public'), issuer: everyTenant('public'), reader: everyTenant('public'), none: everyTenant('public') }
/** Any key of the city reads it; another city's is 404. */
const CITY_READ: Policy = {
  'platform-admin': everyTenant('ok'),
  'city-admin': { own: 'ok', otherOrg: 'ok', otherCity: 404 },
  issuer: { own: 'ok', otherOrg: 'ok', otherCity: 404 },
  reader: { own: 'ok', otherOrg: 'ok', otherCity: 404 },
  none: everyTenant(401),
}
/** City settings: city admins (and platform admins) change them; issuers and readers see but may not change. */
const CITY_WRITE: Policy = {
  'platform-admin': everyTenant('ok'),
  'city-admin': { own: 'ok', otherOrg: 'ok', otherCity: 404 },
  issuer: { own: 403, otherOrg: 403, otherCity: 404 },
  reader: { own: 403, otherOrg: 403, otherCity: 404 },
  none: everyTenant(401),
}
/** An organisation's resources: its issuer changes them; another organisation's issuer sees them (403). */
const ORG_WRITE: Policy = {
  'platform-admin': everyTenant('ok'),
  'city-admin': { own: 'ok', otherOrg: 'ok', otherCity: 404 },
  issuer: { own: 'ok', otherOrg: 403, otherCity: 404 },
  reader: { own: 403, otherOrg: 403, otherCity: 404 },
  none: everyTenant(401),
}
/** The city's key management: city admins only; the others may not even list keys. */
const KEYS: Policy = CITY_WRITE
/** Awards are visible to the city's admins and readers, and to the issuer of their organisation only. */
const AWARD_READ: Policy = { ...CITY_READ, issuer: { own: 'ok', otherOrg: 404, otherCity: 404 } }
const AWARD_WRITE: Policy = { ...ORG_WRITE, issuer: { own: 'ok', otherOrg: 404, otherCity: 404 } }
/** Authenticated, city-scoped operations whose own-city outcomes are pinned by their own tests, not yet here. */
const PROVISIONAL: Policy = {
  'platform-admin': everyTenant('provisional'),
  'city-admin': { own: 'provisional', otherCity: 404 },
  issuer: { own: 'provisional', otherCity: 404 },
  reader: { own: 'provisional', otherCity: 404 },
  none: everyTenant(401),
}
/** The same with a body: an empty body is refused as 400 before the city is looked up, so another city's answer is not pinned either. */
const PROVISIONAL_BODY: Policy = {
  'platform-admin': everyTenant('provisional'),
  'city-admin': { own: 'provisional', otherCity: 'provisional' },
  issuer: { own: 'provisional', otherCity: 'provisional' },
  reader: { own: 'provisional', otherCity: 'provisional' },
  none: everyTenant(401),
}
/**
 * A learner's own records (imports): learner managers (platform and city admins, apps) only. The fixture has no
 * learner, so a manager gets the 404 of a missing learner; issuers and readers are refused (403) before any lookup.
 */
const LEARNER_RECORD: Policy = {
  'platform-admin': everyTenant(404),
  'city-admin': { own: 404, otherCity: 404 },
  issuer: { own: 403, otherCity: 404 },
  reader: { own: 403, otherCity: 404 },
  none: everyTenant(401),
}
const PLATFORM: Policy = {
  'platform-admin': everyTenant('ok'), 'city-admin': everyTenant(403), issuer: everyTenant(403), reader: everyTenant(403), none: everyTenant(401),
}

/** OAuth access tokens only (the OB 3.0 API): every API key, and no key, is a 401. */
const OAUTH_ONLY: Policy = { 'platform-admin': everyTenant(401), 'city-admin': everyTenant(401), issuer: everyTenant(401), reader: everyTenant(401), none: everyTenant(401) }
const v1 = (t: Target, rest = ''): string => `/v1/cities/${t.city}${rest}`
const recipient = { type: 'email', identity: 'matrix@example.org' }

export const MATRIX: Record<string, Entry> = {
  // Operations and documentation
  live: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/health/live' }) },
  ready: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/health/ready' }) },
  metrics: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/metrics', headers: { accept: 'text/plain' } }) },
  listProblemTypes: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/problems' }) },
  getProblemType: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/problems/not-found' }) },
  verifyBadge: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: '/v1/verify', payload: { url: `https://badges.test/ob/v2/assertions/${t.assertionId}` } }) },
  // Public OB 2.0 / 3.0 documents and the public spine
  getOb2Issuer: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/issuers/${t.orgId}` }) },
  getOb2Key: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/issuers/${t.orgId}/keys/${t.unique}` }) },
  getOb2RevocationList: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/issuers/${t.orgId}/revocations` }) },
  getOb2BadgeClass: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/badges/${t.classId}` }) },
  getOb2BadgeImage: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/badges/${t.classId}/image` }) },
  getOb2Endorsement: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/endorsements/${t.endorsementId}` }) },
  getOb2Assertion: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/assertions/${t.assertionId}` }) },
  getOb2AssertionImage: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v2/assertions/${t.assertionId}/image` }) },
  getOb3Credential: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/credentials/${t.assertionId}` }) },
  getOb3CredentialImage: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/credentials/${t.assertionId}/image` }) },
  getOb3Achievement: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/achievements/${t.classId}` }) },
  getOb3Issuer: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/issuers/${t.orgId}` }) },
  getOb3Jwk: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/issuers/${t.orgId}/jwks/${t.unique}` }) },
  getOb3RevocationList: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/issuers/${t.orgId}/revocations` }) },
  getOb3StatusList: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/status/${t.unique}` }) },
  getOb3Endorsement: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/endorsements/${t.endorsementId}` }) },
  getPublicSpine: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}` }) },
  getPublicSpineElement: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/elements/${t.elementCode}` }) },
  getPublicGridCell: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/grid/participation/skills` }) },
  getPublicTheme: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/themes/${t.themeCode}` }) },
  getPublicDestination: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/destinations/${t.destinationCode}` }) },
  getPublicCasePackage: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/case/CFPackages/${t.unique}` }) },
  getPublicCaseDocument: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/spine/${t.city}/case/CFDocuments/${t.unique}` }) },
  // Cities (platform admins create; a city's own keys read it)
  createCity: { policy: PLATFORM, request: (t) => ({ method: 'POST', url: '/v1/cities', payload: { slug: `m${t.unique.slice(0, 12)}`, name: 'Matrix' } }) },
  listCities: { policy: PLATFORM, request: () => ({ method: 'GET', url: '/v1/cities' }) },
  getCity: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t) }) },
  // Organisations and their signing keys
  createOrganisation: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, '/organisations'), payload: { name: 'Matrix Org', url: 'https://m.example.org', email: 'm@example.org' } }) },
  listOrganisations: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/organisations') }) },
  getOrganisation: { policy: CITY_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/organisations/${t.orgId}`) }) },
  updateOrganisation: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'PATCH', url: v1(t, `/organisations/${t.orgId}`), payload: { description: 'matrix' } }) },
  listSigningKeys: { policy: CITY_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/organisations/${t.orgId}/keys`) }) },
  rotateSigningKey: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, `/organisations/${t.orgId}/keys/rotate`) }) },
  // API keys
  createApiKey: { policy: KEYS, request: (t) => ({ method: 'POST', url: v1(t, '/api-keys'), payload: { name: 'matrix', role: 'reader' } }) },
  listApiKeys: { policy: KEYS, request: (t) => ({ method: 'GET', url: v1(t, '/api-keys') }) },
  revokeApiKey: { policy: KEYS, request: (t) => ({ method: 'POST', url: v1(t, `/api-keys/${t.apiKeyId}/revoke`) }) },
  // Badge classes
  createBadgeClass: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, '/badge-classes'), payload: { organisationId: t.orgId, name: 'Matrix', description: 'Matrix class', image: PNG_1PX, criteria: { narrative: 'x' } } }) },
  listBadgeClasses: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/badge-classes') }) },
  getBadgeClass: { policy: CITY_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/badge-classes/${t.classId}`) }) },
  updateBadgeClass: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'PATCH', url: v1(t, `/badge-classes/${t.draftClassId}`), payload: { description: 'matrix edit' } }) },
  listBadgeClassVersions: { policy: CITY_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/badge-classes/${t.classId}/versions`) }) },
  submitBadgeClass: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, `/badge-classes/${t.draftClassId}/submit`) }) },
  approveBadgeClass: { policy: { ...CITY_WRITE }, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, `/badge-classes/${t.submittedClassId}/approve`) }) },
  retireBadgeClass: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, `/badge-classes/${t.classId}/retire`) }) },
  searchCatalogue: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/catalogue') }) },
  // Awards
  issueAward: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, '/awards'), payload: { badgeClassId: t.classId, recipient } }) },
  listAwards: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/awards') }) },
  issueAwards: { policy: ORG_WRITE, orgScoped: true, itemStatus: true, request: (t) => ({ method: 'POST', url: v1(t, '/awards/batch'), payload: { items: [{ badgeClassId: t.classId, recipient }] } }) },
  getAward: { policy: AWARD_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/awards/${t.awardId}`) }) },
  revokeAward: { policy: AWARD_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, `/awards/${t.awardId}/revoke`), payload: { reason: 'matrix' } }) },
  // Endorsements: an organisation endorses another's badge class
  createEndorsement: { policy: ORG_WRITE, orgScoped: true, request: (t) => ({ method: 'POST', url: v1(t, '/endorsements'), payload: { organisationId: t.orgId, subject: { type: 'organisation', id: t.peerOrgId }, comment: 'matrix' } }) },
  listEndorsements: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/endorsements') }) },
  getEndorsement: { policy: CITY_READ, orgScoped: true, request: (t) => ({ method: 'GET', url: v1(t, `/endorsements/${t.endorsementId}`) }) },
  // The skills spine, themes and destinations: the city's own settings
  getSpine: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/spine') }) },
  updateSpine: { policy: CITY_WRITE, request: (t) => ({ method: 'PATCH', url: v1(t, '/spine'), payload: { title: null } }) },
  listSpineElements: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/spine/elements') }) },
  createSpineElement: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, '/spine/elements'), payload: { code: `city.m${t.unique.slice(0, 8)}`, layer: 'city', title: 'Matrix' } }) },
  getSpineElement: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, `/spine/elements/${t.elementCode}`) }) },
  updateSpineElement: { policy: CITY_WRITE, request: (t) => ({ method: 'PATCH', url: v1(t, `/spine/elements/${t.elementCode}`), payload: { title: 'Matrix edit' } }) },
  deleteSpineElement: { policy: CITY_WRITE, freshElement: true, request: (t) => ({ method: 'DELETE', url: v1(t, `/spine/elements/${t.elementCode}`) }) },
  retireSpineElement: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, `/spine/elements/${t.elementCode}/retire`) }) },
  getGridCell: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/spine/grid/participation/skills') }) },
  putGridCell: { policy: CITY_WRITE, request: (t) => ({ method: 'PUT', url: v1(t, '/spine/grid/participation/skills'), payload: { descriptors: { en: 'Matrix' } } }) },
  getSpineCoverage: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/spine/coverage') }) },
  exportSpineCase: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/spine/case') }) },
  importSpineCase: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, '/spine/case?mode=merge&layer=strategic&prefix=mx.'), payload: { CFDocument: {}, CFItems: [] } }) },
  listThemes: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/themes') }) },
  createTheme: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, '/themes'), payload: { code: `sector.m${t.unique.slice(0, 8)}`, kind: 'sector', title: 'Matrix' } }) },
  getTheme: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, `/themes/${t.themeCode}`) }) },
  updateTheme: { policy: CITY_WRITE, request: (t) => ({ method: 'PATCH', url: v1(t, `/themes/${t.themeCode}`), payload: { title: 'Matrix edit' } }) },
  listDestinations: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/destinations') }) },
  createDestination: { policy: CITY_WRITE, request: (t) => ({ method: 'POST', url: v1(t, '/destinations'), payload: { code: `employment.m${t.unique.slice(0, 8)}`, kind: 'employment', title: 'Matrix' } }) },
  getDestination: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, `/destinations/${t.destinationCode}`) }) },
  updateDestination: { policy: CITY_WRITE, request: (t) => ({ method: 'PATCH', url: v1(t, `/destinations/${t.destinationCode}`), payload: { title: 'Matrix edit' } }) },
  // Webhooks and bulk award jobs: provisional entries (see PROVISIONAL) until their fixtures are written.
  createWebhook: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, '/webhooks'), payload: { url: 'https://hooks.example.org/matrix', events: ['award.issued'] } }) },
  listWebhooks: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, '/webhooks') }) },
  getWebhook: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, `/webhooks/${uuidOf(t.unique)}`) }) },
  updateWebhook: { policy: PROVISIONAL, request: (t) => ({ method: 'PATCH', url: v1(t, `/webhooks/${uuidOf(t.unique)}`), payload: { enabled: false } }) },
  deleteWebhook: { policy: PROVISIONAL, request: (t) => ({ method: 'DELETE', url: v1(t, `/webhooks/${uuidOf(t.unique)}`) }) },
  rotateWebhookSecret: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, `/webhooks/${uuidOf(t.unique)}/rotate-secret`) }) },
  testWebhook: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, `/webhooks/${uuidOf(t.unique)}/test`) }) },
  listWebhookDeliveries: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, `/webhooks/${uuidOf(t.unique)}/deliveries`) }) },
  replayWebhookDelivery: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, `/webhooks/${uuidOf(t.unique)}/deliveries/msg-${uuidOf(t.unique)}/replay`) }) },
  createBulkAwardJob: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, '/jobs/awards'), headers: { 'content-type': 'text/csv' }, payload: `badgeClassId,recipientType,recipientIdentity\n${t.classId},email,bulk@example.org\n` }) },
  listBulkJobs: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, '/jobs') }) },
  getBulkJob: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, `/jobs/${uuidOf(t.unique)}`) }) },
  cancelBulkJob: { policy: PROVISIONAL, request: (t) => ({ method: 'POST', url: v1(t, `/jobs/${uuidOf(t.unique)}/cancel`) }) },
  listBulkJobErrors: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: v1(t, `/jobs/${uuidOf(t.unique)}/errors`) }) },
  // Learners, claims, exports, pathways, opportunities, branding and the public pages (issues #8, #9, #10, #16):
  // provisional entries — their 401 (no key) and another city's 404 are pinned; own-city outcomes are each feature's own tests'.
  getOb3VerificationMethod: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/issuers/${t.orgId}/keys/${t.unique}` }) },
  getOb3Jwks: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/ob/v3/issuers/${t.orgId}/jwks` }) },
  getShare: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/shares/${t.unique}` }) },
  searchOpportunities: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunities/search` }) },
  getOpportunityFeed: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/feeds/${t.city}/opportunities` }) },
  getPublicOpportunity: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/opportunities/${t.city}/${uuidOf(t.unique)}` }) },
  giveGuardianConsent: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: `/guardian-consent/${t.unique}`, payload: {} }) },
  getHome: { policy: PUBLIC, request: () => ({ method: 'GET', url: `/` }) },
  getCityPage: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/cities/${t.city}` }) },
  getCityLogo: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/cities/${t.city}/logo` }) },
  verifyBadgePage: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: `/ob/v2/assertions/${uuidOf(t.unique)}/verify`, payload: {} }) },
  getCityBranding: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/branding` }) },
  updateCityBranding: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PATCH', url: `/v1/cities/${t.city}/branding`, payload: {} }) },
  setOrganisationVerified: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PUT', url: `/v1/cities/${t.city}/organisations/${uuidOf(t.unique)}/verified`, payload: {} }) },
  createLearner: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners`, payload: {} }) },
  listLearners: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners` }) },
  getLearner: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}` }) },
  updateLearner: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PATCH', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}`, payload: {} }) },
  eraseLearner: { policy: PROVISIONAL, request: (t) => ({ method: 'DELETE', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}` }) },
  createLearnerToken: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/tokens`, payload: {} }) },
  getBackpack: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/backpack` }) },
  acceptAward: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/backpack/${uuidOf(t.unique)}/accept`, payload: {} }) },
  declineAward: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/backpack/${uuidOf(t.unique)}/decline`, payload: {} }) },
  createCollection: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/collections`, payload: {} }) },
  listCollections: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/collections` }) },
  updateCollection: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PATCH', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/collections/${uuidOf(t.unique)}`, payload: {} }) },
  deleteCollection: { policy: PROVISIONAL, request: (t) => ({ method: 'DELETE', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/collections/${uuidOf(t.unique)}` }) },
  createShare: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/shares`, payload: {} }) },
  listShares: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/shares` }) },
  revokeShare: { policy: PROVISIONAL, request: (t) => ({ method: 'DELETE', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/shares/${uuidOf(t.unique)}` }) },
  createPathway: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/pathways`, payload: {} }) },
  listPathways: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/pathways` }) },
  getPathway: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}` }) },
  updatePathway: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PATCH', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}`, payload: {} }) },
  publishPathway: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}/publish`, payload: {} }) },
  archivePathway: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}/archive`, payload: {} }) },
  followPathway: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}/followers`, payload: {} }) },
  getPathwayProgress: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}/progress` }) },
  listLearnerPathways: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/pathways` }) },
  // Pinned on the fixture (no pathway or learner with this id): a missing pathway is 404 for every key of the city; the
  // unlock list's owner-only rule and the recommendations' roles are pinned in test/integration/pathways-unlocks.test.ts.
  listPathwayUnlocks: {
    policy: { 'platform-admin': everyTenant(404), 'city-admin': everyTenant(404), issuer: everyTenant(404), reader: everyTenant(404), none: everyTenant(401) },
    request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/pathways/${uuidOf(t.unique)}/unlocks` }),
  },
  // Learner managers (admins, apps, the learner's token) only: issuers and readers 403 in their city, another city 404.
  getLearnerRecommendations: {
    policy: { 'platform-admin': everyTenant(404), 'city-admin': everyTenant(404), issuer: { own: 403, otherOrg: 403, otherCity: 404 }, reader: { own: 403, otherOrg: 403, otherCity: 404 }, none: everyTenant(401) },
    request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/recommendations` }),
  },
  getLearnerSettings: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learner-settings` }) },
  putLearnerSettings: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PUT', url: `/v1/cities/${t.city}/learner-settings`, payload: {} }) },
  createOpportunity: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunities`, payload: {} }) },
  listOpportunities: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunities` }) },
  getOpportunitySupply: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunities/supply` }) },
  getOpportunity: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunities/${uuidOf(t.unique)}` }) },
  deleteOpportunity: { policy: PROVISIONAL, request: (t) => ({ method: 'DELETE', url: `/v1/cities/${t.city}/opportunities/${uuidOf(t.unique)}` }) },
  publishOpportunity: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunities/${uuidOf(t.unique)}/publish`, payload: {} }) },
  cancelOpportunity: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunities/${uuidOf(t.unique)}/cancel`, payload: {} }) },
  recordAttendance: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunities/${uuidOf(t.unique)}/sessions/${uuidOf(t.unique)}/attendance`, payload: {} }) },
  getOpportunitySettings: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunity-settings` }) },
  putOpportunitySettings: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'PUT', url: `/v1/cities/${t.city}/opportunity-settings`, payload: {} }) },
  registerOpportunityFeed: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunity-feeds`, payload: {} }) },
  listOpportunityFeeds: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunity-feeds` }) },
  getOpportunityFeedImport: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/opportunity-feeds/${uuidOf(t.unique)}` }) },
  syncOpportunityFeed: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/opportunity-feeds/${uuidOf(t.unique)}/sync`, payload: {} }) },
  claimAward: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/claims/${t.unique}`, payload: {} }) },
  createClaimCode: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/badge-classes/${uuidOf(t.unique)}/claim-codes`, payload: {} }) },
  getClaimCode: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/claim-codes/${t.unique}` }) },
  getClaimCodeQr: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/claim-codes/${t.unique}/qr.svg` }) },
  redeemClaimCode: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/claim-codes/${t.unique}/redeem`, payload: {} }) },
  exportLearner: { policy: PROVISIONAL, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/export` }) },
  requestGuardianConsent: { policy: PROVISIONAL_BODY, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/guardian-consent-requests`, payload: {} }) },
  // Citywide insights (issue #11): admins and readers of the city; an issuer sees its own learners' figures, may not
  // change settings or make report links; the weekly open data is public.
  getInsight: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/insights/learners?by=area') }) },
  getInsightSettings: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/insights/settings') }) },
  updateInsightSettings: { policy: CITY_WRITE, request: (t) => ({ method: 'PUT', url: v1(t, '/insights/settings'), payload: { threshold: 10 } }) },
  putInsightDeciles: { policy: CITY_WRITE, request: (t) => ({ method: 'PUT', url: v1(t, '/insights/deciles'), headers: { 'content-type': 'text/csv' }, payload: 'area,decile\nLS6,3\n' }) },
  createInsightReportLink: { policy: { ...CITY_WRITE, reader: { own: 'ok', otherOrg: 'ok', otherCity: 404 } }, request: (t) => ({ method: 'POST', url: v1(t, '/insights/report-links'), payload: {} }) },
  getInsightReport: { policy: CITY_READ, request: (t) => ({ method: 'GET', url: v1(t, '/insights/report'), headers: { accept: 'text/html' } }) },
  getInsightOpenData: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/open-data/${t.city}/insights/latest.json` }) },
  // Imports (issue #8 item 7), pinned.
  importBadge: { policy: LEARNER_RECORD, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/imports`, payload: { url: 'https://remote.example.org/a/1' } }) },
  listImports: { policy: LEARNER_RECORD, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/imports` }) },
  getImport: { policy: LEARNER_RECORD, request: (t) => ({ method: 'GET', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/imports/${uuidOf(t.unique)}` }) },
  deleteImport: { policy: LEARNER_RECORD, request: (t) => ({ method: 'DELETE', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/imports/${uuidOf(t.unique)}` }) },
  // Guardian access (issue #8 item 4), pinned: managers ask for a link; the guardian's token is the authority.
  requestGuardianAccess: { policy: LEARNER_RECORD, request: (t) => ({ method: 'POST', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/guardian-access-requests` }) },
  guardianViewLearner: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/guardian-access/gat_${t.unique}` }) },
  guardianExportLearner: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/guardian-access/gat_${t.unique}/export` }) },
  guardianEraseLearner: { policy: PUBLIC, request: (t) => ({ method: 'DELETE', url: `/guardian-access/gat_${t.unique}` }) },
  mapImport: { policy: LEARNER_RECORD, request: (t) => ({ method: 'PUT', url: `/v1/cities/${t.city}/learners/${uuidOf(t.unique)}/imports/${uuidOf(t.unique)}/spine`, payload: { elements: [] } }) },
  // The OAuth interaction (issue #13): reached by a browser with oidc-provider's interaction cookie, never with an API
  // key (a key is ignored: public). An unknown interaction answers 400 (the page) or 404 (JSON login), never 401/403.
  // oidc-provider's own endpoints under /oauth (/auth, /token, /reg, /token/revocation, /jwks, metadata) are not in
  // the OpenAPI document (one catch-all route it answers itself, described in the README and the discovery document):
  // API keys mean nothing to them either; test/integration/oauth-bad-input.test.ts covers their refusals.
  getOauthInteraction: { policy: PUBLIC, request: (t) => ({ method: 'GET', url: `/oauth/interaction/${t.unique}` }) },
  loginOauthInteraction: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: `/oauth/interaction/${t.unique}/login`, payload: { learner_token: 'cblt_x' } }) },
  confirmOauthInteraction: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: `/oauth/interaction/${t.unique}/confirm` }) },
  abortOauthInteraction: { policy: PUBLIC, request: (t) => ({ method: 'POST', url: `/oauth/interaction/${t.unique}/abort` }) },
  // The OB 3.0 REST API: discovery is public; the rest takes OAuth access tokens only, so every API key is a 401.
  getServiceDescription: { policy: PUBLIC, request: () => ({ method: 'GET', url: '/ims/ob/v3p0/discovery' }) },
  getObCredentials: { policy: OAUTH_ONLY, request: () => ({ method: 'GET', url: '/ims/ob/v3p0/credentials' }) },
  upsertObCredential: { policy: OAUTH_ONLY, request: () => ({ method: 'POST', url: '/ims/ob/v3p0/credentials', payload: {} }) },
  getObProfile: { policy: OAUTH_ONLY, request: () => ({ method: 'GET', url: '/ims/ob/v3p0/profile' }) },
  putObProfile: { policy: OAUTH_ONLY, request: () => ({ method: 'PUT', url: '/ims/ob/v3p0/profile', payload: {} }) },
}

/** A well-formed UUID made from a fixture's random hex (an id that exists nowhere). */
const uuidOf = (hex: string): string => `${hex.slice(0, 8)}-${hex.slice(8, 12).padEnd(4, '0')}-4000-8000-000000000000`

/** A 1×1 PNG as a data URI (badge images). */
export const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
