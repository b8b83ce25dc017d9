// The words of every operation, keyed by operationId: what it does, when to use it, and hand-written examples of
// every request body (response examples are synthesised from the response schema unless given here). Applied to the
// generated document by ./index.ts; test/integration/openapi-docs.test.ts lists any operation left without.

export interface OperationDoc {
  /** One line; replaces the route's summary when given. */
  summary?: string
  /** Markdown: what it does, who may call it, what to watch for. */
  description: string
  /** Request examples by media type (every request media type needs one). */
  request?: Record<string, unknown>
  /** The request media types when they differ from what the route schema says. */
  requestTypes?: string[]
  /** Response examples by status, then media type ('*' for all). */
  response?: Record<number, Record<string, unknown>>
  /** Success media types by status (0: every success status). */
  media?: Record<number, string[]>
  /** The success schema when the route has none (public documents served as text). */
  responseSchema?: unknown
  responseText?: Record<number, string>
  /** Error statuses beyond the standard ones derived from the route (400, 401, 404, 406, 415, 429). */
  errors?: number[]
  errorText?: Record<number, string>
  /** 201 answers carry Location unless false; 202 only when true. */
  location?: boolean
}

const ID = '3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80'
const ID2 = '9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13'
const ORG = '5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40'
const LEARNER = 'c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86'
const BASE = 'https://citybadges.example'
const J = (x: unknown): Record<string, unknown> => ({ 'application/json': x })

const OB2_CONTEXT = 'https://w3id.org/openbadges/v2'
const OB2_ISSUER = { '@context': OB2_CONTEXT, type: 'Issuer', id: `${BASE}/ob/v2/issuers/${ORG}`, name: 'Leeds Youth Hub', url: 'https://youthhub.example.org', email: 'badges@youthhub.example.org', publicKey: `${BASE}/ob/v2/issuers/${ORG}/keys/k1`, revocationList: `${BASE}/ob/v2/issuers/${ORG}/revocations` }
const OB2_BADGE = { '@context': OB2_CONTEXT, type: 'BadgeClass', id: `${BASE}/ob/v2/badges/${ID2}`, name: 'Young Climate Champion', description: 'Led a climate action project in their neighbourhood.', image: `${BASE}/ob/v2/badges/${ID2}/image`, criteria: { narrative: 'Plan and run a local climate action with others.' }, issuer: `${BASE}/ob/v2/issuers/${ORG}`, alignment: [{ targetName: 'Climate action', targetUrl: `${BASE}/spine/leeds/elements/climate-action`, targetFramework: 'Leeds skills spine', targetCode: 'climate-action' }], tags: ['climate', 'civic'] }
const OB2_ASSERTION = { '@context': OB2_CONTEXT, type: 'Assertion', id: `${BASE}/ob/v2/assertions/${ID}`, recipient: { type: 'email', hashed: true, salt: 'd41d8cd98f00b204', identity: 'sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c' }, badge: `${BASE}/ob/v2/badges/${ID2}`, issuedOn: '2026-11-30T09:00:00Z', verification: { type: 'HostedBadge' }, evidence: [{ narrative: 'Planned and ran a litter pick with 20 volunteers.' }] }
const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']
const OB3_ACHIEVEMENT = { '@context': OB3_CONTEXT, id: `${BASE}/ob/v3/achievements/${ID2}`, type: ['Achievement'], name: 'Young Climate Champion', description: 'Led a climate action project in their neighbourhood.', criteria: { narrative: 'Plan and run a local climate action with others.' }, image: { id: `${BASE}/ob/v2/badges/${ID2}/image`, type: 'Image' } }
const OB3_ISSUER = { '@context': OB3_CONTEXT, id: `${BASE}/ob/v3/issuers/${ORG}`, type: ['Profile'], name: 'Leeds Youth Hub', url: 'https://youthhub.example.org', assertionMethod: [`${BASE}/ob/v3/issuers/${ORG}/keys/k1`] }
const OB3_CREDENTIAL = {
  '@context': OB3_CONTEXT, id: `${BASE}/ob/v3/credentials/${ID}`, type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Young Climate Champion',
  issuer: { id: `${BASE}/ob/v3/issuers/${ORG}`, type: ['Profile'], name: 'Leeds Youth Hub' }, validFrom: '2026-11-30T09:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], identifier: [{ type: 'IdentityObject', identityHash: 'sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f', identityType: 'emailAddress', hashed: true, salt: 'd41d8cd98f00b204' }], achievement: OB3_ACHIEVEMENT },
  credentialStatus: { id: `${BASE}/ob/v3/status/1#42`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: `${BASE}/ob/v3/status/1` },
  proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-11-30T09:00:00Z', verificationMethod: `${BASE}/ob/v3/issuers/${ORG}/keys/k1`, proofPurpose: 'assertionMethod', proofValue: 'z3FXQjecWufY46…' },
}
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJ2YyI6ey4uLn19.c2lnbmF0dXJl'
const SPINE_TERM = { '@context': 'https://schema.org/', '@type': 'DefinedTerm', '@id': `${BASE}/spine/leeds/elements/climate-action`, termCode: 'climate-action', name: 'Climate action', inDefinedTermSet: `${BASE}/spine/leeds` }
const CSV = 'badgeClassId,learnerId,evidenceUrl,idempotencyKey\n' + `${ID2},${LEARNER},https://example.org/evidence/1,term1-row1\n`
const AWARD_ITEM = { badgeClassId: ID2, recipient: { learnerId: LEARNER }, evidence: [{ url: 'https://youthhub.example.org/projects/41', narrative: 'Planned and ran a litter pick with 20 volunteers.' }], narrative: 'Showed leadership throughout the project.' }
const BADGE_CLASS_FIELDS = { organisationId: ORG, name: { en: 'Young Climate Champion', cy: 'Hyrwyddwr Hinsawdd Ifanc' }, description: 'Led a climate action project in their neighbourhood.', criteria: { narrative: 'Plan and run a local climate action with others.' }, tags: ['climate'], spine: { elements: ['climate-action'], level: 'participation', dimensions: ['skills'] }, themes: ['climate'], expiry: { type: 'none' } }
const TREE = { type: 'all', children: [{ type: 'badge', badgeClassId: ID2 }, { type: 'skill', element: 'climate-action', minLevel: 'participation', count: 2 }] }

export const OPERATIONS: Record<string, OperationDoc> = {
  // Operations
  live: { description: 'Liveness: answers 200 while the process runs, without touching a dependency. For orchestrators\' liveness probes.' },
  ready: { description: 'Readiness: 200 when PostgreSQL (and Redis, when configured) answer within a short timeout, 503 with the failing check otherwise. Route traffic on it.', errors: [503] },
  metrics: { description: 'Prometheus metrics in the text exposition format: request counts and durations by route, job queues, outbox lag, process figures. Scrape it from inside your network.', media: { 200: ['text/plain'] }, response: { 200: { 'text/plain': '# HELP http_requests_total HTTP requests\n# TYPE http_requests_total counter\nhttp_requests_total{method="GET",route="/health/live",status="200"} 3\n' } } },
  listProblemTypes: { description: 'The vocabulary of problem types: every `code` an error may carry, with its status, title and what to do about it. JSON for machines, a page for people.', media: { 200: ['application/json', 'text/html'] } },
  getProblemType: { description: 'The target of a problem\'s `type` URI: what the problem means and how to fix the request. HTML for browsers, the JSON entry otherwise.', media: { 200: ['text/html', 'application/json'] } },

  // Verification
  verifyBadge: {
    description: 'Verify any Open Badge without an API key: a hosted URL, an OB 2.0 assertion (JSON or JWS), an OB 3.0 credential (Data Integrity JSON or VC-JWT), or a baked PNG/SVG sent as `multipart/form-data` in field `file`. With `recipient`, also checks the badge was issued to that identity. The report lists each check (`valid_signature`, `expiration`, `revocation_status`, …) and never throws for a bad badge: a badge that fails is a 200 with `verified: false`. Limited per address.',
    request: J({ url: `${BASE}/ob/v3/credentials/${ID}`, recipient: { type: 'email', identity: 'sam@example.org' } }),
    response: { 200: J({ verified: true, version: '3.0', checks: [{ name: 'valid_signature', ok: true }, { name: 'expiration', ok: true }, { name: 'revocation_status', ok: true }], recipientMatched: true }) },
  },

  // Open Badges 2.0 (public)
  getOb2Issuer: { description: 'The issuer Profile as an Open Badges 2.0 JSON-LD document, the `issuer` of every badge class it publishes. A browser gets the issuer\'s public page. No key needed; cacheable.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': OB2_ISSUER } } },
  getOb2Key: { summary: 'A public key of an issuer (OB 2.0 CryptographicKey)', description: 'The PEM public key that verifies the issuer\'s signed (JWS) assertions; retired keys stay published so old signatures still verify.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': OB2_CONTEXT, type: 'CryptographicKey', id: `${BASE}/ob/v2/issuers/${ORG}/keys/k1`, owner: `${BASE}/ob/v2/issuers/${ORG}`, publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh…\n-----END PUBLIC KEY-----\n' } } } },
  getOb2RevocationList: { summary: 'The issuer\'s revocation list (OB 2.0)', description: 'The OB 2.0 RevocationList of the issuer: the ids of its revoked signed assertions with their reasons.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': OB2_CONTEXT, type: 'RevocationList', id: `${BASE}/ob/v2/issuers/${ORG}/revocations`, issuer: `${BASE}/ob/v2/issuers/${ORG}`, revokedAssertions: [{ id: `${BASE}/ob/v2/assertions/${ID}`, revocationReason: 'Issued to the wrong learner' }] } } } },
  getOb2BadgeClass: { description: 'The badge class as an OB 2.0 BadgeClass with its criteria and its alignments to the city\'s spine. Browsers get its page. Texts are in the language `Accept-Language` (or `?lang=`) asks for among the class\'s languages, else its default language; `Content-Language` (and `@language`) say which, and the answer `Vary: Accept-Language`.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': OB2_BADGE } } },
  getOb2BadgeImage: { summary: 'The badge class\'s image (PNG or SVG)', description: 'The image of the badge class as uploaded (SVG sanitised). Baked images of awards are under the assertion.', media: { 200: ['image/png', 'image/svg+xml'] } },
  getOb2Endorsement: { summary: 'An endorsement (OB 2.0)', description: 'An OB 2.0 Endorsement: an organisation vouching for a badge class, an issuer or an award, with its comment.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': OB2_CONTEXT, type: 'Endorsement', id: `${BASE}/ob/v2/endorsements/${ID}`, issuer: `${BASE}/ob/v2/issuers/${ORG}`, issuedOn: '2026-11-30T09:00:00Z', claim: { id: `${BASE}/ob/v2/badges/${ID2}`, endorsementComment: 'A well-run, well-assessed programme.' }, verification: { type: 'HostedBadge' } } } } },
  getOb2Assertion: { description: 'The hosted OB 2.0 assertion (HostedBadge verification). `{id}.jws` answers the signed form as a compact JWS (text/plain). A revoked assertion answers 410 with `revoked: true`, as OB 2.0 asks. Browsers get the badge page.', media: { 200: ['application/ld+json', 'text/html', 'text/plain'] }, response: { 200: { 'application/ld+json': OB2_ASSERTION, 'text/plain': JWT } }, errors: [410], errorText: { 410: 'Revoked or erased.' } },
  getOb2AssertionImage: { description: 'The badge image with the assertion baked in (PNG `iTXt` chunk `openbadges`, or SVG `openbadges:assertion`), ready to upload to any backpack.', media: { 200: ['image/png', 'image/svg+xml'] }, errors: [410] },

  // Open Badges 3.0 (public)
  getOb3Credential: { description: 'The award as an OB 3.0 OpenBadgeCredential secured with a Data Integrity proof (eddsa-rdfc-2022). `{id}.jwt` answers the VC-JWT form (RS256, or ES256 with `?alg=ES256`) as text. Browsers get the badge page. Revocation is in the credential\'s BitstringStatusList entry.', media: { 200: ['application/ld+json', 'text/html', 'text/plain'] }, response: { 200: { 'application/ld+json': OB3_CREDENTIAL, 'text/plain': JWT } }, errors: [410] },
  getOb3CredentialImage: { description: 'The badge image with the signed credential baked in (PNG `iTXt` keyword `openbadgecredential`, or SVG `openbadges:credential`).', media: { 200: ['image/png', 'image/svg+xml'] }, errors: [410] },
  getOb3Achievement: { description: 'The badge class as an OB 3.0 Achievement: the `achievement` of every credential for it. Unsigned, so it answers in the language `Accept-Language` (or `?lang=`) asks for: `inLanguage` and `Content-Language` say which, and the other languages are `related` achievements (`type: ["Related"]`, `inLanguage`, their id this URL with `?lang=`). Signed credentials never change: their achievement is in the class\'s default language, with the same `related` list.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': OB3_ACHIEVEMENT } } },
  getOb3Issuer: { description: 'The issuer as an OB 3.0 Profile; it is also the controller document listing its Multikey verification methods under `assertionMethod`, and links its JWKS.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': OB3_ISSUER } } },
  getOb3VerificationMethod: { description: 'One Multikey verification method (Ed25519, `publicKeyMultibase`): the `verificationMethod` a Data Integrity proof names.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': 'https://w3id.org/security/multikey/v1', id: `${BASE}/ob/v3/issuers/${ORG}/keys/k1`, type: 'Multikey', controller: `${BASE}/ob/v3/issuers/${ORG}`, publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } } } },
  getOb3Jwks: { description: 'The issuer\'s VC-JWT public keys as a JWK Set (RS256 and ES256, retired ones too), so verifiers resolve a JWT `kid`.', media: { 200: ['application/jwk-set+json'] }, response: { 200: { 'application/jwk-set+json': { keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', alg: 'ES256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] } } } },
  getOb3Jwk: { description: 'One public JWK by `kid`.', media: { 200: ['application/jwk+json'] }, response: { 200: { 'application/jwk+json': { kty: 'EC', crv: 'P-256', kid: 'k1', alg: 'ES256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } } } },
  getOb3RevocationList: { description: 'The issuer\'s revoked credentials as a 1EdTech Verifiable Credential Revocation List (VCRL 1.0).', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { id: `${BASE}/ob/v3/issuers/${ORG}/revocations`, issuer: `${BASE}/ob/v3/issuers/${ORG}`, revokedCredentials: [{ id: `${BASE}/ob/v3/credentials/${ID}`, reason: 'Issued to the wrong learner' }] } } } },
  getOb3StatusList: { description: 'A signed BitstringStatusListCredential: the revocation bits of the credentials that point at it. Verifiers fetch it to check `credentialStatus`.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `${BASE}/ob/v3/status/1`, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: `${BASE}/ob/v3/issuers/${ORG}`, credentialSubject: { id: `${BASE}/ob/v3/status/1#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA' } } } } },
  getOb3Endorsement: { description: 'An OB 3.0 EndorsementCredential with a Data Integrity proof.', media: { 200: ['application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': OB3_CONTEXT, id: `${BASE}/ob/v3/endorsements/${ID}`, type: ['VerifiableCredential', 'EndorsementCredential'], issuer: { id: `${BASE}/ob/v3/issuers/${ORG}`, type: ['Profile'] }, validFrom: '2026-11-30T09:00:00Z', credentialSubject: { id: `${BASE}/ob/v3/achievements/${ID2}`, type: ['EndorsementSubject'], endorsementComment: 'A well-run, well-assessed programme.' } } } } },

  // Spine (public)
  getPublicSpine: { description: 'The city\'s skills spine as a schema.org DefinedTermSet: the target of every badge alignment\'s `targetFramework`. HTML for browsers.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': { '@context': 'https://schema.org/', '@type': 'DefinedTermSet', '@id': `${BASE}/spine/leeds`, name: 'Leeds skills spine', hasDefinedTerm: [SPINE_TERM] } } } },
  getPublicSpineElement: { description: 'One spine element as a schema.org DefinedTerm: what an alignment\'s `targetUrl` dereferences to. Retired elements keep resolving; `?version=` shows an earlier wording.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': SPINE_TERM } } },
  getPublicGridCell: { description: 'One cell of the levels × dimensions grid (e.g. participation × skills) with its descriptors in each language.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': { '@context': 'https://schema.org/', '@type': 'DefinedTerm', '@id': `${BASE}/spine/leeds/grid/participation/skills`, name: 'Participation × skills', description: 'Takes part and practises the skill with support.' } } } },
  getPublicTheme: { description: 'A theme of the city\'s catalogue (civic, wellbeing or sector) as a DefinedTerm.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': { '@context': 'https://schema.org/', '@type': 'DefinedTerm', '@id': `${BASE}/spine/leeds/themes/climate`, termCode: 'climate', name: 'Climate and environment' } } } },
  getPublicDestination: { description: 'A destination of the city (education, employment, enterprise, civic engagement, or a named local one) as a DefinedTerm.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': { '@context': 'https://schema.org/', '@type': 'DefinedTerm', '@id': `${BASE}/spine/leeds/destinations/apprenticeship`, termCode: 'apprenticeship', name: 'An apprenticeship' } } } },
  getPublicCasePackage: { description: 'The spine (or one layer) as a 1EdTech CASE 1.1 CFPackage: document, items and associations, for tools that import competency frameworks.', media: { 200: ['application/json'] }, response: { 200: { 'application/json': { CFDocument: { identifier: ID, uri: `${BASE}/spine/leeds/case/CFDocuments/${ID}`, title: 'Leeds skills spine', creator: 'Leeds City of Learning', lastChangeDateTime: '2026-11-30T09:00:00Z' }, CFItems: [{ identifier: ID2, fullStatement: 'Climate action', humanCodingScheme: 'climate-action' }], CFAssociations: [] } } } },
  getPublicCaseDocument: { description: 'The CASE 1.1 CFDocument of the spine or of one layer (the package without its items).', media: { 200: ['application/json'] }, response: { 200: { 'application/json': { identifier: ID, uri: `${BASE}/spine/leeds/case/CFDocuments/${ID}`, title: 'Leeds skills spine', creator: 'Leeds City of Learning', lastChangeDateTime: '2026-11-30T09:00:00Z' } } } },

  // Shares, public pages, guardians
  getShare: { description: 'What a learner chose to share: a page for people, or the badges as JSON-LD for machines. Never cached by others; 410 once revoked or expired.', media: { 200: ['text/html', 'application/ld+json'] }, response: { 200: { 'application/ld+json': { '@context': OB3_CONTEXT, type: 'Collection', name: 'My badges', items: [OB3_CREDENTIAL.id] } } }, errors: [410] },
  getHome: { description: 'The home page: the cities this service hosts. `Accept: application/json` gives `{ cities: [{ slug, name, url }] }`.', media: { 200: ['text/html', 'application/json'] }, response: { 200: { 'application/json': { cities: [{ slug: 'leeds', name: 'Leeds City of Learning', url: `${BASE}/cities/leeds` }] } } } },
  getCityPage: { description: 'A city\'s landing page: what its City of Learning is, its spine, themes, destinations, issuers and badges. A JSON summary for machines.', media: { 200: ['text/html', 'application/json'] }, response: { 200: { 'application/json': { slug: 'leeds', name: 'Leeds City of Learning', organisations: 12, badgeClasses: 48 } } } },
  getCityLogo: { description: 'The city\'s logo as uploaded through its branding (PNG, or SVG sanitised on upload).', media: { 200: ['image/png', 'image/svg+xml'] } },
  verifyBadgePage: { description: 'The verify button of a badge page: runs the verifier on that badge (both OB 2.0 and OB 3.0 forms) and answers the report as an HTML page. Optionally checks a recipient identity. Limited per address.', request: J({ recipient: 'sam@example.org' }), media: { 200: ['text/html'] } },
  giveGuardianConsent: { description: 'The guardian of an under-13 learner gives (or refuses) consent with the single-use token of the link they were sent. Until consent, the learner\'s awards are held: not shared and not exportable.', request: J({ consent: true, wordingVersion: '2026-09' }), errors: [409, 410, 422], errorText: { 404: 'No such token.', 409: 'The token was already used.', 410: 'The link expired.' } },

  // Opportunities
  searchOpportunities: { description: 'Public search of the city\'s published opportunities: near a point within `radiusKm` (up to the city\'s maximum), in a date window, by theme, destination, spine element (with its descendants), level, age, cost, online and kind, or by text. Ordered by distance, then start. Limited per address.', errors: [422] },
  getOpportunityFeed: { description: 'The city\'s published opportunities as an OpenActive RPDE feed, ordered by (modified, id); deleted ones stay as tombstones. Follow `next` until `items` is empty.', response: { 200: J({ items: [{ state: 'updated', kind: 'SessionSeries', id: ID, modified: 1764493200000, data: { '@context': 'https://openactive.io/', '@type': 'SessionSeries', name: 'Youth climate workshop' } }], next: `${BASE}/feeds/leeds/opportunities?afterTimestamp=1764493200000&afterId=${ID}`, license: 'https://creativecommons.org/licenses/by/4.0/' }) } },
  getPublicOpportunity: { description: 'A published opportunity as schema.org JSON-LD (an Event, a Course or a JobPosting), or its page for a browser.', media: { 200: ['application/ld+json', 'text/html'] }, response: { 200: { 'application/ld+json': { '@context': 'https://schema.org/', '@type': 'Event', '@id': `${BASE}/opportunities/leeds/${ID}`, name: 'Youth climate workshop', startDate: '2026-12-05T16:00:00Z', location: { '@type': 'Place', address: '1 Briggate, Leeds' }, isAccessibleForFree: true } } } },
  createOpportunity: { description: 'Create a draft opportunity of an organisation: where (a place or online), when (sessions, or an RFC 5545 `schedule` expanded into sessions), for whom (ages, cost, accessibility), what it leads to (themes, destinations, spine elements, the badges it awards). Publish it to make it searchable.', request: J({ organisationId: ORG, kind: 'activity', title: 'Youth climate workshop', description: 'Plan a climate action for your street.', place: { lat: 53.7997, lon: -1.5492, address: '1 Briggate, Leeds', postcode: 'LS1 6HD' }, sessions: [{ start: '2026-12-05T16:00:00Z', end: '2026-12-05T18:00:00Z', capacity: 20 }], ageRange: { min: 13, max: 18 }, cost: { free: true }, themes: ['climate'], badgeClassIds: [ID2] }), location: false, errors: [403, 409, 422] },
  listOpportunities: { description: 'The city\'s opportunities of every status in creation order, filtered by organisation or status.', errors: [403] },
  getOpportunitySupply: { description: 'The supply map: published opportunities, sessions and free places per area × theme × week, to see where provision is thin.', errors: [403, 422] },
  getOpportunity: { description: 'One opportunity with its sessions and places left.', errors: [403] },
  deleteOpportunity: { description: 'Delete an opportunity. It leaves the search and stays in the RPDE feed as a tombstone so that consumers remove it too.', errors: [403] },
  publishOpportunity: { description: 'Publish a draft: it becomes searchable, gets its public page and enters the RPDE feed.', errors: [403, 409] },
  cancelOpportunity: { description: 'Cancel an opportunity and its sessions. It stays in the feed, marked cancelled.', errors: [403, 409] },
  recordAttendance: { description: 'Record that learners attended a session. Each learner gets the opportunity\'s participation badge (its first badge class) once; a second call for the same learner changes nothing. Pathway progress follows.', request: J({ learnerIds: [LEARNER] }), errors: [403, 409, 422] },
  getOpportunitySettings: { description: 'The city\'s search settings (the largest radius a search may ask for).', errors: [403] },
  putOpportunitySettings: { description: 'Set the largest search radius of the city, in kilometres (city admins).', request: J({ maxRadiusKm: 25 }), errors: [403, 422] },
  registerOpportunityFeed: { description: 'Register a provider\'s OpenActive RPDE feed for one of the city\'s organisations; an import job starts at once and keeps its place in the feed. Only public addresses are fetched.', request: J({ url: 'https://provider.example.org/feeds/session-series', organisationId: ORG }), location: false, errors: [403, 409, 422] },
  listOpportunityFeeds: { description: 'The imported feeds of the city and their state.', errors: [403] },
  getOpportunityFeedImport: { description: 'One imported feed: its position in the feed, counts of items imported and the last error.', errors: [403] },
  syncOpportunityFeed: { description: 'Run the import of a feed again from where it stopped.', errors: [403] },

  // Cities
  createCity: { description: 'Create a city (a tenant): its slug, name, locales, timezone and the privacy threshold of its insights. Platform admins only.', request: J({ slug: 'leeds', name: 'Leeds City of Learning', locales: ['en-GB'], timezone: 'Europe/London', privacyThreshold: 10 }), errors: [403, 409, 422] },
  listCities: { description: 'Every city of this service. Platform admins only.', errors: [403] },
  getCity: { description: 'A city and its settings. Keys of the city and platform admins may read it.' },
  getCityBranding: { description: 'How the city\'s public pages look: display name, about text, accent colour and logo.' },
  updateCityBranding: { description: 'Change the branding of the city\'s public pages (city admins); `null` clears a field. The logo is a PNG or SVG data URI; SVG is sanitised.', request: J({ name: 'Leeds City of Learning', about: 'Recognising learning everywhere in Leeds.', accentColour: '#0b5394' }), errors: [403, 422] },

  // Organisations
  createOrganisation: { description: 'Add an organisation: an Open Badges issuer Profile with its own signing keys (created at once). City admins.', request: J({ name: 'Leeds Youth Hub', url: 'https://youthhub.example.org', email: 'badges@youthhub.example.org', kind: 'youth-club' }), errors: [403, 409, 422] },
  listOrganisations: { summary: 'List organisations', description: 'The organisations (issuers) of the city.' },
  getOrganisation: { summary: 'An organisation', description: 'One organisation with its public Profile URLs.' },
  updateOrganisation: { summary: 'Change an organisation', description: 'Change an organisation\'s name, URL, email, image, telephone or kind. The public Profile follows at once.', request: J({ url: 'https://youthhub.example.org/badges' }), errors: [403, 422] },
  setOrganisationVerified: { description: 'Mark an organisation as verified by the city (city admins): its public pages then show "Verified by {city}".', request: J({ verified: true }), errors: [403] },
  listSigningKeys: { summary: 'An organisation\'s signing keys', description: 'The public parts of the organisation\'s signing keys (RSA and ES256 for JWS/JWT, Ed25519 for Data Integrity), current and retired.' },
  rotateSigningKey: { description: 'Create new signing keys for the organisation (RS256 returned; the OB 3.0 Ed25519 and ES256 keys rotate too). Old keys stay published so what they signed still verifies.', location: false, errors: [403, 409] },

  // API keys
  createApiKey: { description: 'Create an API key for the city (city admins): `city-admin`, `issuer` (bound to one organisation), `reader` or `app`. The secret is in this answer only.', request: J({ name: 'Youth Hub LMS', role: 'issuer', organisationId: ORG }), location: false, errors: [403, 422] },
  listApiKeys: { summary: 'List API keys', description: 'The city\'s keys, without their secrets (city admins).', errors: [403] },
  revokeApiKey: { description: 'Revoke a key at once (city admins). Revoking twice is fine.', errors: [403] },

  // Badge classes
  createBadgeClass: {
    description: 'Create a draft badge class of an organisation: name, description, criteria (name, description and criteria narrative as a string in the city\'s default language, or a map by BCP 47 tag such as `{ "en": "…", "cy": "…" }` that includes it; answers carry every language in `translations`; a bad tag is 422 INVALID_LANGUAGE_TAG), image (a PNG/SVG data URI, or a multipart `image` part beside a `metadata` JSON part), tags, alignments, expiry, and where it sits on the spine (elements, a level, dimensions), themes and destinations. Drafts are edited freely; submit for the city\'s approval before awarding.',
    request: { 'application/json': { ...BADGE_CLASS_FIELDS, image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }, 'multipart/form-data': { metadata: BADGE_CLASS_FIELDS, image: '(the PNG or SVG file, as a binary part named image)' } },
    errors: [403, 413, 422],
  },
  listBadgeClasses: { summary: 'List badge classes', description: 'The city\'s badge classes of every status, filtered by organisation or status. For search by spine, theme or destination use the catalogue.' },
  getBadgeClass: { summary: 'A badge class', description: 'One badge class, in its current version.' },
  updateBadgeClass: { description: 'Edit a badge class. A draft changes in place; an approved class gets a new draft version (awards keep the version they were given).', request: J({ description: 'Led a climate action project with others in their neighbourhood.' }), errors: [403, 409, 422] },
  listBadgeClassVersions: { summary: 'Versions of a badge class', description: 'Every version of a badge class, newest first.' },
  submitBadgeClass: { description: 'Submit a draft for the city\'s quality assurance. It needs at least one active spine element.', errors: [403, 409, 422] },
  approveBadgeClass: { description: 'Approve a submitted class (city admins): it can be awarded, and its alignments are frozen as the spine is now.', errors: [403, 409, 422] },
  retireBadgeClass: { description: 'Retire a class: no new awards; issued ones stay valid.', errors: [403, 409] },
  searchCatalogue: { description: 'Search the city\'s badge classes (approved by default) by spine element, grid cell (level + dimension), theme, destination, organisation and text.', errors: [403] },

  // Awards
  issueAward: {
    description: 'Award an approved badge class to a learner of the city (`recipient.learnerId`) or to an identity (email, URL, telephone). The answer lists every public URL of the award under `links`. Send an `Idempotency-Key`: a retry then answers the same award (200 with `Idempotent-Replayed`) instead of issuing twice. Emits `award.issued`.',
    request: J(AWARD_ITEM), errors: [403, 409, 422], responseText: { 200: 'The award an earlier request with the same Idempotency-Key created', 201: 'The new award' },
  },
  listAwards: { summary: 'List awards', description: 'The city\'s awards, newest first, filtered by organisation, badge class or revocation. An issuer key sees its organisation\'s awards only.' },
  issueAwards: { description: 'Up to 1,000 awards in one request. Each item has its own result (201, 200 for a replay of its `idempotencyKey`, or a problem), so one bad row fails alone. For larger files use a bulk job.', request: J({ items: [{ ...AWARD_ITEM, idempotencyKey: 'term1-row1' }] }), errors: [403, 413] },
  getAward: { summary: 'An award', description: 'One award with its recipient (hashed), evidence, state and public links.' },
  revokeAward: { description: 'Revoke an award with a reason. Its documents answer 410 and its status-list bit is set. Revoking again keeps the first reason. Emits `award.revoked`.', request: J({ reason: 'Issued to the wrong learner' }), errors: [403, 422] },

  // Endorsements
  createEndorsement: { description: 'An organisation of the city endorses a badge class, an issuer or an award, with a comment. Published as OB 2.0 and OB 3.0 endorsements.', request: J({ organisationId: ORG, subject: { type: 'badge-class', id: ID2 }, comment: 'A well-run, well-assessed programme.' }), errors: [403, 409, 422] },
  listEndorsements: { summary: 'List endorsements', description: 'Endorsements of the city, by subject or endorsing organisation.' },
  getEndorsement: { summary: 'An endorsement', description: 'One endorsement and its public URLs.' },

  // Spine
  getSpine: { description: 'The spine of the city: its title, layers, elements and the grid of four levels by three dimensions with their descriptors.' },
  updateSpine: { description: 'Rename the spine (its title is the `targetFramework` of alignments); `null` restores the default.', request: J({ title: 'Leeds skills spine' }), errors: [403] },
  listSpineElements: { description: 'Elements in spine order, filtered by layer, status, text or parent.' },
  createSpineElement: { description: 'Add an element to a layer of the spine, under a parent or at the top. Codes are stable and never reused. `title` and `description` are a string (the city\'s default language) or a map by language tag; answers carry every language in `translations`.', request: J({ code: 'climate-action', layer: 'city', title: { en: 'Climate action', cy: 'Gweithredu ar yr hinsawdd' }, kind: 'competency', mappings: [{ framework: 'GreenComp', code: '4.1' }] }), errors: [403, 409, 422] },
  getSpineElement: { summary: 'A spine element', description: 'One element with the number of badge classes aligned to it.' },
  updateSpineElement: { description: 'Edit an element; editing one in use bumps its version (earlier versions stay readable). `null` clears a field.', request: J({ title: 'Climate action and sustainability' }), errors: [403, 409, 422] },
  deleteSpineElement: { description: 'Delete an element that no badge class uses and that has no children; otherwise 409: retire it instead.', errors: [403, 409] },
  retireSpineElement: { description: 'Retire an element: no new alignments, but it keeps resolving for the badges that use it. `?cascade=true` retires its active subtree too.', errors: [403, 409] },
  getGridCell: { summary: 'A cell of the grid', description: 'One level × dimension cell with its descriptors per language.' },
  putGridCell: { description: 'Reword a cell of the grid: its descriptors in every language at once.', request: J({ descriptors: { en: 'Takes part and practises the skill with support.', cy: 'Yn cymryd rhan ac yn ymarfer y sgil gyda chymorth.' } }), errors: [403, 422] },
  getSpineCoverage: { description: 'Approved badge classes per level × dimension × element: where the city has no badge yet.' },
  exportSpineCase: { description: 'Export the spine, or one layer, as a 1EdTech CASE 1.1 CFPackage. CASE has one `language` per document and item, so one package is one language: `?lang=` (or `Accept-Language`) chooses it, else the city\'s default; `Content-Language` says which. Every language of an element also rides in `extensions.citybadges.translations`, so that an import keeps them.', response: { 200: J({ CFDocument: { identifier: ID, uri: `${BASE}/spine/leeds/case/CFDocuments/${ID}`, title: 'Leeds skills spine', creator: 'Leeds City of Learning', lastChangeDateTime: '2026-11-30T09:00:00Z' }, CFItems: [{ identifier: ID2, uri: `${BASE}/spine/leeds/elements/climate-action`, fullStatement: 'Climate action', humanCodingScheme: 'climate-action', lastChangeDateTime: '2026-11-30T09:00:00Z' }], CFAssociations: [] }) } },
  importSpineCase: { description: 'Import a CASE 1.1 CFPackage (JSON, at most 5 MB and 5,000 items) into a layer, all or nothing. Items become elements; their codes are kept.', request: J({ CFDocument: { identifier: ID, title: 'GreenComp', creator: 'JRC', lastChangeDateTime: '2026-11-30T09:00:00Z' }, CFItems: [{ identifier: ID2, fullStatement: 'Climate action', humanCodingScheme: 'climate-action' }], CFAssociations: [] }), errors: [403, 409, 413, 422] },

  // Themes, destinations
  listThemes: { summary: 'List themes', description: 'The civic, wellbeing and sector themes of the city.' },
  createTheme: { description: 'Add a theme. Only sector themes carry an industry code.', request: J({ code: 'digital', kind: 'sector', title: 'Digital and tech', industryCode: '62' }), errors: [403, 409, 422] },
  getTheme: { summary: 'A theme', description: 'One theme of the city.' },
  updateTheme: { summary: 'Change a theme', description: 'Change a theme\'s title, description or industry code.', request: J({ title: 'Digital, data and tech' }), errors: [403, 422] },
  listDestinations: { summary: 'List destinations', description: 'The destinations of the city: the four kinds and named local ones.' },
  createDestination: { description: 'Add a named local destination of one of the four kinds.', request: J({ code: 'leeds-apprenticeships', kind: 'employment', title: 'An apprenticeship in Leeds' }), errors: [403, 409, 422] },
  getDestination: { summary: 'A destination', description: 'One destination of the city.' },
  updateDestination: { summary: 'Change a destination', description: 'Change a destination\'s title or description.', request: J({ title: 'An apprenticeship in Leeds or Bradford' }), errors: [403, 422] },

  // Learners
  createLearner: { description: 'Create a pseudonymous learner: an age band and, optionally, a coarse area, external references of your platform, identifiers (kept as keyed hashes for matching), consents and, for under-13s, a guardian to ask for consent. No names unless the city turns them on.', request: J({ ageBand: '16-18', area: 'LS6', externalRefs: [{ platform: 'youthhub', ref: 'u-4821' }], consents: { sharing: true } }), location: false, errors: [403, 409, 422] },
  listLearners: { description: 'The city\'s learners, or the one with `?externalRef=platform:ref`.', errors: [403, 422] },
  getLearner: { summary: 'A learner', description: 'One learner: age band, area, external references, consents. Identifiers are never returned.', errors: [403] },
  updateLearner: { description: 'Change a learner\'s consents, age band or area; add external references; add or verify identifiers.', request: J({ consents: { contact: false }, area: 'LS7' }), errors: [403, 409, 422] },
  eraseLearner: { description: 'Erase a learner (the right to erasure): personal data goes, awards become revoked stubs answering 410. Idempotent. Emits `learner.erased` (ids only).', errors: [403] },
  createLearnerToken: { description: 'Mint a short-lived token for one learner, for your app\'s front end: it reaches only this learner\'s backpack and shares.', request: J({ ttlSeconds: 900 }), location: false, errors: [403, 422] },
  getLearnerSettings: { summary: 'The city\'s learner settings', description: 'Whether the city stores display names of learners.', errors: [403] },
  putLearnerSettings: { summary: 'Change the city\'s learner settings', description: 'Turn display names of learners on or off (city admins).', request: J({ learnerNames: false }), errors: [403] },
  exportLearner: { description: 'Export everything about a learner: `?format=json` (all data), `clr` (a signed CLR 2.0 credential, eddsa-rdfc-2022) or `zip` (baked badges). `clr` and `zip` answer 409 while an under-13\'s awards wait for guardian consent.', media: { 200: ['application/json', 'application/ld+json', 'application/zip'] }, response: { 200: { 'application/json': { learner: { id: LEARNER, ageBand: '16-18' }, awards: [], shares: [], pathways: [] }, 'application/ld+json': { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'], type: ['VerifiableCredential', 'ClrCredential'], credentialSubject: { type: ['ClrSubject'], verifiableCredential: [OB3_CREDENTIAL] } } } }, errors: [403, 409] },
  requestGuardianConsent: { description: 'Send (or send again) the consent link to an under-13 learner\'s guardian.', location: false, errors: [403, 409] },

  // Backpack
  getBackpack: { description: 'The learner\'s awards with their state (pending, accepted, declined). An issuer key sees only its own awards.', errors: [403] },
  acceptAward: { summary: 'Accept an award', description: 'The learner accepts an award into their backpack. Emits `award.accepted`.', errors: [403, 409] },
  declineAward: { summary: 'Decline an award', description: 'The learner declines an award; it stays issued but is hidden from their backpack and shares.', errors: [403, 409] },
  createCollection: { summary: 'Create a collection', description: 'Group some of the learner\'s awards into a named, ordered collection.', request: J({ name: 'Climate work', awardIds: [ID] }), location: false, errors: [403, 422] },
  listCollections: { summary: 'List collections', description: 'The learner\'s collections in their order.', errors: [403] },
  updateCollection: { summary: 'Change a collection', description: 'Rename, reorder or change the awards of a collection.', request: J({ name: 'Climate and environment', position: 0 }), errors: [403, 422] },
  deleteCollection: { summary: 'Delete a collection', description: 'Delete a collection; its awards stay in the backpack.', errors: [403] },
  createShare: { description: 'Share some awards or a collection: an unguessable URL that expires and can be revoked. The token is in this answer.', request: J({ awardIds: [ID], expiresAt: '2027-01-31T23:59:59Z' }), location: false, errors: [403, 409, 422] },
  listShares: { summary: 'List shares', description: 'The learner\'s shares and their state.', errors: [403] },
  revokeShare: { description: 'Revoke a share: its URL answers 410. Idempotent.', errors: [403] },

  // Pathways
  createPathway: { description: 'Make a pathway: `recommended` (of an organisation) or `interest` (a learner\'s own). Its requirement tree combines badges, skills, themes, opportunities and sub-pathways with all / any / at-least nodes and time windows; a completion badge may be awarded.', request: J({ kind: 'recommended', organisationId: ORG, title: 'Into green jobs', destinations: ['employment'], themes: ['climate'], requirements: TREE, completionBadgeClassId: ID2 }), errors: [403, 422] },
  listPathways: { summary: 'List pathways', description: 'The city\'s pathways, by kind, status or organisation.' },
  getPathway: { summary: 'A pathway', description: 'One pathway in its current version.' },
  updatePathway: { description: 'Edit a pathway: a draft in place, a published one as a new version (followers keep the version they started).', request: J({ title: 'Into green jobs in Leeds' }), errors: [403, 409, 422] },
  publishPathway: { summary: 'Publish a pathway', description: 'Publish a draft: learners may follow it.', errors: [403] },
  archivePathway: { summary: 'Archive a pathway', description: 'Archive a pathway: no new followers; progress of current ones is kept.', errors: [403] },
  followPathway: { description: 'A learner starts a published pathway (an app may enrol them). Progress is computed from their awards and attendance at once and kept up to date.', request: J({ learnerId: LEARNER }), location: false, errors: [403, 409] },
  getPathwayProgress: { description: 'For the pathway\'s owner: how many followers started, are at least half way, and completed (small counts suppressed).', errors: [403] },
  listLearnerPathways: { description: 'A learner\'s pathways: percent done, what is missing and suggested next steps.', errors: [403] },

  // Claims
  claimAward: { description: 'Link a pending award (issued to an email or other identity) to a learner with the claim token sent to the recipient. Single use. Emits `award.claimed`.', request: J({ learnerId: LEARNER }), errors: [403, 409, 410, 422] },
  createClaimCode: { description: 'A claim code for an approved badge class, for events: open within a window, up to a number of claims. The answer has its QR code (SVG).', request: J({ startsAt: '2026-12-05T16:00:00Z', endsAt: '2026-12-05T20:00:00Z', maxClaims: 60 }), location: false, errors: [403, 409, 422] },
  getClaimCode: { summary: 'A claim code', description: 'A claim code, its window and how many claimed it.', errors: [403] },
  getClaimCodeQr: { description: 'The QR code of a claim code, to print or show on a screen.', media: { 200: ['image/svg+xml'] }, errors: [403] },
  redeemClaimCode: { description: 'Redeem a claim code for a learner: one award per learner (201), the same award again on a second try (200). 409 when the code is not open yet or full, 410 once closed.', request: J({ learnerId: LEARNER }), location: false, errors: [403, 409, 410, 422] },

  // Webhooks
  createWebhook: { description: 'Subscribe an HTTPS receiver to event types of the city (or of one organisation). Deliveries follow Standard Webhooks 1.0: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256 of `id.timestamp.body` with the secret). The `whsec_…` secret is in this answer only. Payloads carry ids and URLs, never personal data. Failed deliveries retry on the Standard Webhooks schedule (about 3 days); a 410 answer disables the subscription.', request: J({ url: 'https://lms.example.org/hooks/citybadges', events: ['award.issued', 'award.revoked'], description: 'Youth Hub LMS' }), errors: [403, 422] },
  listWebhooks: { description: 'The city\'s webhook subscriptions (secrets are never shown again).' },
  getWebhook: { summary: 'A webhook subscription', description: 'One subscription: URL, events, state and why it was disabled, if it was.' },
  updateWebhook: { description: 'Change the URL or the events of a subscription, or disable / enable it.', request: J({ events: ['award.issued', 'award.revoked', 'pathway.completed'] }), errors: [403, 422] },
  deleteWebhook: { summary: 'Delete a webhook subscription', description: 'Delete a subscription; pending deliveries are dropped.', errors: [403] },
  rotateWebhookSecret: { description: 'A new secret, shown once. For 24 hours deliveries carry signatures by both secrets, so receivers switch without losing a message.', errors: [403] },
  testWebhook: { description: 'Send a signed `webhook.test` message to the receiver now and report its answer, to check the URL and the signature check.', errors: [403] },
  listWebhookDeliveries: { description: 'The delivery log of a subscription, oldest first: each message, its attempts, the last status and error.' },
  replayWebhookDelivery: { description: 'Send a delivery again with the same message id (receivers dedupe by `webhook-id`); it goes next in line.', errors: [403] },

  // Bulk jobs
  createBulkAwardJob: {
    description: 'Issue awards from a file of up to 100,000 rows: `text/csv` (UTF-8, a header row `badgeClassId,recipientType,recipientIdentity` or `badgeClassId,learnerId`, optional `evidenceUrl,evidenceNarrative,issuedOn,idempotencyKey`) or `application/x-ndjson` (one object a line with the same keys). `?dryRun=true` checks every row and answers the row errors without issuing. Otherwise 202 with the job (and `Location`); rows are issued in the background in batches, each with its own idempotency key (the `idempotencyKey` column, or one derived from the job and row), so a crash never duplicates an award.',
    request: { 'text/csv': CSV, 'application/x-ndjson': JSON.stringify({ badgeClassId: ID2, learnerId: LEARNER, idempotencyKey: 'term1-row1' }) + '\n' },
    requestTypes: ['text/csv', 'application/x-ndjson'], location: true, errors: [403, 413, 422],
    responseText: { 200: 'The dry run: row errors, nothing issued', 202: 'The job, queued' },
  },
  listBulkJobs: { summary: 'List bulk jobs', description: 'The city\'s bulk jobs, newest first.' },
  getBulkJob: { description: 'A job\'s state (queued, running, completed, cancelled, failed), percent and counts. Poll it, or subscribe to webhooks for the awards.' },
  cancelBulkJob: { description: 'Stop a job; rows already issued stand.', errors: [403] },
  listBulkJobErrors: { description: 'The rows that failed, with the reason: JSON pages, or one CSV file with `Accept: text/csv` (cells that a spreadsheet would run as a formula are escaped).', media: { 200: ['application/json', 'text/csv'] }, response: { 200: { 'text/csv': 'row,error,badgeClassId,learnerId\n2,no approved badge class with this id in this city,' + ID2 + ',' + LEARNER + '\n' } } },

  // Learners' imports (issue #8 item 7) and guardian access (item 4)
  importBadge: { description: 'Add a badge from elsewhere to a learner\'s backpack, in any form `POST /v1/verify` takes (URL, OB 2.0 JSON or JWS, OB 3.0 credential or VC-JWT; a baked image as multipart `file`). It is verified by the same verifier and kept with its report: a failed import is kept too but counts nowhere. Importing the same badge again answers the first import (200). Alignments naming one of the city\'s elements map it to the spine. Verified imports are re-checked on a schedule (`IMPORT_REVERIFY_SECONDS`), so a later revocation shows up.', request: J({ url: 'https://badges.othercity.example/ob/v2/assertions/7d1f0c2e' }), errors: [403, 413, 422] },
  listImports: { description: 'The learner\'s imported badges with their verification state (`verified`, `failed`) and report.', errors: [403] },
  getImport: { summary: 'An imported badge', description: 'One import: its source, state, the verification report and its spine mapping.', errors: [403] },
  deleteImport: { description: 'Remove an imported badge from the backpack (the learner, their app or a city admin).', errors: [403] },
  mapImport: { description: 'Map an imported badge to the city\'s spine by hand (city admins): elements, level, dimensions and themes. `elements: []` clears the mapping. Unknown codes answer 422 naming the field.', request: J({ elements: ['climate-action'], level: 'participation', dimensions: ['skills'], themes: ['climate'] }), errors: [403, 422] },
  requestGuardianAccess: { description: 'Send an under-13 learner\'s guardian a link (7 days, stored as a hash) through which they can see, export and erase the learner\'s record without an API key. Without SMTP the link is returned to the caller.', location: false, errors: [403, 409, 422] },
  guardianViewLearner: { description: 'What the guardian sees through their link: the learner\'s record and backpack. The token in the path is the only authority; it expires after 7 days.' },
  guardianExportLearner: { description: 'The guardian\'s export, like `GET .../learners/{id}/export`: `?format=json`, `clr` or `zip` (`clr` and `zip` answer 409 until the guardian has consented).', response: { 200: J({ learner: { id: LEARNER, ageBand: 'under-13' }, awards: [], shares: [], pathways: [] }) }, errors: [409] },
  guardianEraseLearner: { description: 'The guardian erases the learner (as `DELETE .../learners/{id}`); the audit names the link, never the guardian.' },

  // Pathways: unlocks and recommendations (issue #10)
  listPathwayUnlocks: { description: 'The completers offered a place (or waitlisted) by the opportunity this pathway unlocks: only learners who consented to be contacted, and only for the pathway\'s owner.', errors: [403] },
  getLearnerRecommendations: { description: 'Badge classes and upcoming opportunities that close the learner\'s gap towards a destination (`?destination=`) or a pathway (`?pathwayId=`), ranked by the missing steps they close, the destination\'s skills the learner lacks, distance, age fit, date and places left. Every result carries its reasons, e.g. "closes 2 of 5 missing steps", "1.2 km", "Saturday", "free".', errors: [403, 422] },

  // Citywide insights (issue #11)
  getInsight: { description: 'A measure (`learners`, `awards`, `funnel`, `supply-demand`) broken down `?by=` one or two fixed dimensions, for a `?period=` and fixed filters, through the disclosure rules: distinct learners, cells under the city\'s threshold suppressed (and secondary suppression), other counts rounded with a keyed cell-key method, percentages only over 30. JSON, or CSV with `Accept: text/csv`; the rules applied are listed.', response: { 200: { 'text/csv': 'row,col,learners,suppressed\nLS6,,25,false\nLS7,,,true\n' } }, errors: [403, 422] },
  getInsightSettings: { description: 'The city\'s disclosure threshold (default 10).', errors: [403] },
  updateInsightSettings: { description: 'Set the disclosure threshold: no published figure counts fewer learners. At least 5 (city admins).', request: J({ threshold: 10 }), errors: [403, 422] },
  putInsightDeciles: { description: 'Upload the lookup of area codes to deprivation deciles (1 = most deprived) as CSV with the header `area,decile`; every insight can then be broken down by decile. Unknown codes, duplicates, bad encoding or a decile outside 1..10 answer 422 with the failing lines.', errors: [403, 413, 422] },
  createInsightReportLink: { description: 'A signed link to the insight report page that works without a key until it expires (default 7 days), for sharing with a city officer.', request: J({ ttlSeconds: 604800 }), location: false, errors: [403] },
  getInsightReport: { description: 'The insight report for people: headline numbers, the spine coverage heat map, awards over time, reach by deprivation decile, pathway funnels, supply and demand by area — inline SVG charts with a table behind each, under the same disclosure rules. A reader\'s key or a signed link.', media: { 200: ['text/html'] }, response: { 200: { 'text/html': '<!doctype html><html lang="en"><head><title>Insights — Leeds City of Learning</title></head><body>…</body></html>' } }, errors: [403] },
  getInsightOpenData: { description: 'The weekly open-data release of a city\'s insights (`{week}` is an ISO week such as `2026-W48`, or `latest`), suppression applied; `.json` or `.csv`. Public, stable URLs for the city\'s open data portal.', media: { 200: ['application/json', 'text/csv'] }, response: { 200: { 'application/json': { city: 'leeds', week: '2026-W48', tables: [] }, 'text/csv': 'table,row,col,learners,suppressed\n' } } },

  // OAuth 2.0 interaction and the Open Badges 3.0 REST API (issue #13)
  getOauthInteraction: { description: 'The sign-in or consent page of an OAuth authorization in progress (HTML): the client\'s name and the scopes it asks for, with Allow and Deny. Opened by the browser that started the authorization.', media: { 200: ['text/html'] }, response: { 200: { 'text/html': '<!doctype html><html lang="en"><head><title>Allow access to your badges</title></head><body>…</body></html>' } } },
  loginOauthInteraction: { description: 'Complete the learner\'s sign-in with a learner token minted by the city\'s integrator app (`POST .../learners/{id}/tokens`): as a form post from the browser, or as JSON from the app\'s server. Continues to the consent step.', request: { 'application/json': { learner_token: 'clt_3q8ZkF0pW2mX9rT4yV7bN1cD5eH6jK' }, 'application/x-www-form-urlencoded': { learner_token: 'clt_3q8ZkF0pW2mX9rT4yV7bN1cD5eH6jK' } }, response: { 303: J({}) } },
  confirmOauthInteraction: { description: 'The learner allows the client the scopes shown: the authorization continues to the client\'s redirect URI with a code.', response: { 303: J({}) } },
  abortOauthInteraction: { description: 'The learner denies: the client\'s redirect URI gets `error=access_denied`.', response: { 303: J({}) } },
  getServiceDescription: { description: 'The OB 3.0 Service Description Document: an OpenAPI document of this API with `x-imssf-privacyPolicyUrl`, the dynamic registration, authorization and token URLs, and the four OB scopes. Public.', response: { 200: J({ openapi: '3.0.1', info: { title: 'CityBadges Open Badges API', version: '3.0', 'x-imssf-privacyPolicyUrl': `${BASE}/privacy` }, components: { securitySchemes: { OAuth2ACG: { type: 'oauth2', 'x-imssf-registrationUrl': `${BASE}/oauth/reg` } } } }) } },
  getObCredentials: { description: 'The signed-in learner\'s OpenBadgeCredentials — ours and those they brought — with `limit`, `offset` and `since`, `X-Total-Count` and `Link` headers. Scope `credential.readonly`.' },
  upsertObCredential: { description: 'Bring a credential into the learner\'s account (JSON-LD with a proof, or a VC-JWT as text/plain). It is verified like `/v1/verify`; a tampered one is refused with an Imsx_StatusInfo. 201 when new, 200 when it was there. Scope `credential.upsert`.', request: { 'application/json': OB3_CREDENTIAL, 'application/vc+ld+json': OB3_CREDENTIAL, 'text/plain': JWT }, response: { 200: J(OB3_CREDENTIAL), 201: J(OB3_CREDENTIAL) } },
  getObProfile: { description: 'The signed-in learner\'s Profile (an id, and the display name where the city stores names). Scope `profile.readonly`.' },
  putObProfile: { description: 'Change the learner\'s Profile: only `name` (the display name, where the city stores names); any other field answers 400. Scope `profile.update`.', request: { 'application/json': { name: 'Sam' }, 'application/ld+json': { name: 'Sam' } } },
}
