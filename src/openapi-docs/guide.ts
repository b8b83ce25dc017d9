// The words at the top of the API reference: a getting-started walkthrough (info.description, Markdown) and the tags.

export const GUIDE = `CityBadges is the headless API of a **City of Learning**: organisations issue Open Badges 2.0 and 3.0 aligned to
the city's skills spine, learners keep them in a backpack, opportunities and pathways lead somewhere, and integrators
get events pushed to them.

## Getting started

**1. Get an API key.** A platform admin creates your city and a key for you (\`npm run cli -- create-key\`), or
\`POST /v1/cities/{city}/api-keys\` with a city-admin key. Keys look like \`cbk_…\`; send them on every management
call:

\`\`\`sh
export CB=https://badges.example.org KEY=cbk_…
curl -H "Authorization: Bearer $KEY" $CB/v1/cities/leeds
\`\`\`

**2. Add an organisation** (the Open Badges issuer):

\`\`\`sh
curl -X POST $CB/v1/cities/leeds/organisations -H "Authorization: Bearer $KEY" \\
  -H 'content-type: application/json' \\
  -d '{"name":"Leeds Youth Hub","url":"https://youthhub.example.org","email":"badges@youthhub.example.org","kind":"youth-club"}'
\`\`\`

**3. Create a badge class, submit it, and have the city approve it.** A class aligns to at least one spine element
(\`spine.elements\`, with a level and a dimension of the grid). \`POST …/badge-classes\`, then
\`POST …/badge-classes/{id}/submit\`; a city admin calls \`POST …/badge-classes/{id}/approve\`.

**4. Award it.** Send an \`Idempotency-Key\` so that a retry after a timeout never issues twice:

\`\`\`sh
curl -X POST $CB/v1/cities/leeds/awards -H "Authorization: Bearer $KEY" \\
  -H 'content-type: application/json' -H 'Idempotency-Key: run-42-row-7' \\
  -d '{"badgeClassId":"…","recipient":{"learnerId":"…"}}'
\`\`\`

The answer (201, with \`Location\`) lists every public URL of the award under \`links\`: the hosted OB 2.0 assertion,
the signed OB 3.0 credential (Data Integrity and VC-JWT) and the baked images. Verifiers need no key for them.

**5. Many at once.** \`POST /v1/cities/{city}/jobs/awards\` takes a CSV (or JSON lines) of up to 100,000 rows; try it
with \`?dryRun=true\` first, then follow \`GET /v1/cities/{city}/jobs/{id}\` until \`state\` is \`completed\`.

**6. Get told.** \`POST /v1/cities/{city}/webhooks\` with a URL and event types; deliveries are signed by the
Standard Webhooks 1.0 rules (\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`) with the \`whsec_…\` secret
shown once in the answer.

**7. Or use the TypeScript SDK** in \`sdk/\` (types generated from this document, openapi-fetch underneath):

\`\`\`ts
import { createCityBadgesClient } from '@citybadges/sdk'
const cb = createCityBadgesClient({ baseUrl: CB, apiKey: KEY })
const { data } = await cb.POST('/v1/cities/{city}/awards', { params: { path: { city: 'leeds' } }, body: { badgeClassId, recipient: { learnerId } } })
\`\`\`

## Conventions

- **Errors** are \`application/problem+json\` (RFC 9457) with a \`type\` URI you can open (see \`/problems\`), a
  machine \`code\`, the \`requestId\` of our logs, and \`errors\` per field for 400 and 422. Another city's resource is
  a 404, never a 403.
- **Pages**: lists take \`limit\` (1–100) and \`cursor\`; the answer has \`nextCursor\` and a \`Link: <…>; rel="next"\`
  header.
- **Caching**: every GET has a strong \`ETag\`; send \`If-None-Match\` for a 304.
- **Retries**: every POST takes an \`Idempotency-Key\`. 429 and 503 answer \`Retry-After\`.
- **Rate limits**: the IETF RateLimit header fields \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`
  (draft-ietf-httpapi-ratelimit-headers, the three-field form) on every rate-limited answer, per API key (per address
  without one). Browsers can read them, and \`ETag\`, \`Link\`, \`Location\`, \`Retry-After\`, \`Idempotent-Replayed\` and
  \`X-Request-Id\`: CORS exposes them.
- **Public documents** (\`/ob/v2/…\`, \`/ob/v3/…\`, \`/spine/…\`) need no key, are open to any origin, answer JSON-LD
  to machines and an HTML page to browsers.
`

export const TAGS: Array<{ name: string; description: string }> = [
  { name: 'Cities', description: 'Tenants: a city, its settings and the look of its public pages.' },
  { name: 'Organisations', description: 'Issuers (Open Badges Profiles) and their signing keys.' },
  { name: 'API keys', description: 'Keys of a city: city admins, issuers bound to one organisation, readers.' },
  { name: 'Badge classes', description: 'What can be awarded: draft → submitted → approved → retired, aligned to the spine.' },
  { name: 'Catalogue', description: 'Search the city\'s badge classes by spine element, grid cell, theme and destination.' },
  { name: 'Awards', description: 'Issue, list and revoke awards; each is an OB 2.0 assertion and an OB 3.0 credential.' },
  { name: 'Bulk jobs', description: 'Issue up to 100,000 awards from a CSV or JSON-lines file, with progress and row errors.' },
  { name: 'Webhooks', description: 'Signed event deliveries (Standard Webhooks 1.0) with retries, a log and replay.' },
  { name: 'Endorsements', description: 'An organisation vouches for a badge class, an issuer or an award.' },
  { name: 'Learners', description: 'Pseudonymous learners: age band, coarse area, consents, guardians, export and erasure.' },
  { name: 'Backpack', description: 'A learner\'s awards, acceptance and collections.' },
  { name: 'Shares', description: 'Unguessable, expiring, revocable links to a learner\'s badges.' },
  { name: 'Claims', description: 'Claim links and claim codes (with QR codes) that turn into awards.' },
  { name: 'Pathways', description: 'Requirement trees towards a destination; followers and their progress.' },
  { name: 'Imports', description: 'Badges a learner brings from elsewhere: verified, kept with the report, re-verified, mapped to the spine.' },
  { name: 'Insights', description: 'Citywide figures under disclosure control: distinct learners, suppression, rounding, deciles; a report page and weekly open data.' },
  { name: 'Opportunities', description: 'Things to do in the city: sessions, search, attendance, supply, imported feeds.' },
  { name: 'Opportunities (open data)', description: 'schema.org pages and the OpenActive RPDE feed of published opportunities.' },
  { name: 'Spine', description: 'The city\'s skills spine: layers, elements, the levels × dimensions grid, CASE import/export.' },
  { name: 'Themes', description: 'Civic, wellbeing and sector themes of the city.' },
  { name: 'Destinations', description: 'Education, employment, enterprise and civic-engagement destinations.' },
  { name: 'Verification', description: 'Verify any Open Badge: URL, JSON, JWS/JWT or a baked image.' },
  { name: 'Open Badges 2.0 (public)', description: 'Hosted OB 2.0 documents: issuers, badge classes, assertions, keys, revocation lists.' },
  { name: 'Open Badges 3.0 (public)', description: 'OB 3.0 credentials (Data Integrity, VC-JWT), achievements, profiles, keys, status lists.' },
  { name: 'Spine (public)', description: 'Alignment targets: the spine as schema.org DefinedTerms and CASE 1.1.' },
  { name: 'Public pages', description: 'HTML pages for people: the cities, a city\'s landing page, the verify button.' },
  { name: 'OAuth 2.0', description: 'The sign-in and consent steps of the authorization server (oidc-provider at /oauth) that wallets use.' },
  { name: 'Open Badges 3.0 API', description: 'The 1EdTech OB 3.0 REST API (/ims/ob/v3p0): discovery, a learner\'s credentials and profile, behind OAuth 2.0.' },
  { name: 'Operations', description: 'Health, metrics and the problem-type vocabulary.' },
]
