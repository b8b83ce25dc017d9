// Generated from openapi/openapi.json by scripts/generate-sdk.ts (npm run sdk:generate). Do not edit.
export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up
         * @description Liveness: answers 200 while the process runs, without touching a dependency. For orchestrators' liveness probes.
         */
        get: operations["live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PostgreSQL (and Redis when configured) answer
         * @description Readiness: 200 when PostgreSQL (and Redis, when configured) answer within a short timeout, 503 with the failing check otherwise. Route traffic on it.
         */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format)
         * @description Prometheus metrics in the text exposition format: request counts and durations by route, job queues, outbox lag, process figures. Scrape it from inside your network.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an Open Badge (2.0 or 3.0): URL, JSON, JWS/JWT or a baked PNG/SVG
         * @description Verify any Open Badge without an API key: a hosted URL, an OB 2.0 assertion (JSON or JWS), an OB 3.0 credential (Data Integrity JSON or VC-JWT), or a baked PNG/SVG sent as `multipart/form-data` in field `file`. With `recipient`, also checks the badge was issued to that identity. The report lists each check (`valid_signature`, `expiration`, `revocation_status`, …) and never throws for a bad badge: a badge that fails is a 200 with `verified: false`. Limited per address.
         */
        post: operations["verifyBadge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/issuers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Issuer Profile (JSON-LD), or its human page (text/html)
         * @description The issuer Profile as an Open Badges 2.0 JSON-LD document, the `issuer` of every badge class it publishes. A browser gets the issuer's public page. No key needed; cacheable.
         */
        get: operations["getOb2Issuer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/issuers/{id}/keys/{kid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A public key of an issuer (OB 2.0 CryptographicKey)
         * @description The PEM public key that verifies the issuer's signed (JWS) assertions; retired keys stay published so old signatures still verify.
         */
        get: operations["getOb2Key"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/issuers/{id}/revocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The issuer's revocation list (OB 2.0)
         * @description The OB 2.0 RevocationList of the issuer: the ids of its revoked signed assertions with their reasons.
         */
        get: operations["getOb2RevocationList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/badges/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * BadgeClass (JSON-LD), or its human page (text/html), in the language chosen by `Accept-Language` (`Content-Language` says which)
         * @description The badge class as an OB 2.0 BadgeClass with its criteria and its alignments to the city's spine. Browsers get its page. Texts are in the language `Accept-Language` (or `?lang=`) asks for among the class's languages, else its default language; `Content-Language` (and `@language`) say which, and the answer `Vary: Accept-Language`.
         */
        get: operations["getOb2BadgeClass"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/badges/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The badge class's image (PNG or SVG)
         * @description The image of the badge class as uploaded (SVG sanitised). Baked images of awards are under the assertion.
         */
        get: operations["getOb2BadgeImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/endorsements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endorsement (OB 2.0)
         * @description An OB 2.0 Endorsement: an organisation vouching for a badge class, an issuer or an award, with its comment.
         */
        get: operations["getOb2Endorsement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/assertions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted assertion (JSON-LD), its human page (text/html), or `{id}.jws` for the signed form
         * @description The hosted OB 2.0 assertion (HostedBadge verification). `{id}.jws` answers the signed form as a compact JWS (text/plain). A revoked assertion answers 410 with `revoked: true`, as OB 2.0 asks. Browsers get the badge page.
         */
        get: operations["getOb2Assertion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/assertions/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The badge image baked with the assertion (hosted JSON by default, `?form=signed` for the JWS)
         * @description The badge image with the assertion baked in (PNG `iTXt` chunk `openbadges`, or SVG `openbadges:assertion`), ready to upload to any backpack.
         */
        get: operations["getOb2AssertionImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenBadgeCredential with a Data Integrity proof (eddsa-rdfc-2022), or `{id}.jwt` for the VC-JWT (`?alg=ES256`, default RS256)
         * @description The award as an OB 3.0 OpenBadgeCredential secured with a Data Integrity proof (eddsa-rdfc-2022). `{id}.jwt` answers the VC-JWT form (RS256, or ES256 with `?alg=ES256`) as text. Browsers get the badge page. Revocation is in the credential's BitstringStatusList entry.
         */
        get: operations["getOb3Credential"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/credentials/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The badge image with the signed credential baked in (PNG iTXt `openbadgecredential` or SVG)
         * @description The badge image with the signed credential baked in (PNG `iTXt` keyword `openbadgecredential`, or SVG `openbadges:credential`).
         */
        get: operations["getOb3CredentialImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/achievements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Achievement (JSON-LD), or the badge class page (text/html), in the language chosen by `Accept-Language` or `?lang=` (`Content-Language` and `inLanguage` say which; the other languages are `related`)
         * @description The badge class as an OB 3.0 Achievement: the `achievement` of every credential for it. Unsigned, so it answers in the language `Accept-Language` (or `?lang=`) asks for: `inLanguage` and `Content-Language` say which, and the other languages are `related` achievements (`type: ["Related"]`, `inLanguage`, their id this URL with `?lang=`). Signed credentials never change: their achievement is in the class's default language, with the same `related` list.
         */
        get: operations["getOb3Achievement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/issuers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Issuer Profile; also the controller document of its Multikey verification methods (text/html: the issuer page)
         * @description The issuer as an OB 3.0 Profile; it is also the controller document listing its Multikey verification methods under `assertionMethod`, and links its JWKS.
         */
        get: operations["getOb3Issuer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/issuers/{id}/keys/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A Multikey verification method on its own (the `verificationMethod` of Data Integrity proofs); the issuer Profile lists it under assertionMethod
         * @description One Multikey verification method (Ed25519, `publicKeyMultibase`): the `verificationMethod` a Data Integrity proof names.
         */
        get: operations["getOb3VerificationMethod"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/issuers/{id}/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * JWKS of the issuer's VC-JWT keys (RS256, ES256, retired ones too); linked from the Profile as a JsonWebKeySet service
         * @description The issuer's VC-JWT public keys as a JWK Set (RS256 and ES256, retired ones too), so verifiers resolve a JWT `kid`.
         */
        get: operations["getOb3Jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/issuers/{id}/jwks/{kid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A public JWK (the VC-JWT `kid`)
         * @description One public JWK by `kid`.
         */
        get: operations["getOb3Jwk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/issuers/{id}/revocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 1EdTech revocation list (VCRL 1.0)
         * @description The issuer's revoked credentials as a 1EdTech Verifiable Credential Revocation List (VCRL 1.0).
         */
        get: operations["getOb3RevocationList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/status/{list}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Signed BitstringStatusListCredential (revocation)
         * @description A signed BitstringStatusListCredential: the revocation bits of the credentials that point at it. Verifiers fetch it to check `credentialStatus`.
         */
        get: operations["getOb3StatusList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v3/endorsements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * EndorsementCredential (Data Integrity)
         * @description An OB 3.0 EndorsementCredential with a Data Integrity proof.
         */
        get: operations["getOb3Endorsement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A city’s skills spine as a schema.org DefinedTermSet
         * @description The city's skills spine as a schema.org DefinedTermSet: the target of every badge alignment's `targetFramework`. HTML for browsers.
         */
        get: operations["getPublicSpine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/elements/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A spine element (retired ones too); `?version=` for an earlier version
         * @description One spine element as a schema.org DefinedTerm: what an alignment's `targetUrl` dereferences to. Retired elements keep resolving; `?version=` shows an earlier wording.
         */
        get: operations["getPublicSpineElement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/grid/{level}/{dimension}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One level x dimension cell of the grid with its descriptors
         * @description One cell of the levels × dimensions grid (e.g. participation × skills) with its descriptors in each language.
         */
        get: operations["getPublicGridCell"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/themes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A theme of the city’s catalogue
         * @description A theme of the city's catalogue (civic, wellbeing or sector) as a DefinedTerm.
         */
        get: operations["getPublicTheme"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/destinations/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A destination of the city’s catalogue
         * @description A destination of the city (education, employment, enterprise, civic engagement, or a named local one) as a DefinedTerm.
         */
        get: operations["getPublicDestination"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/case/CFPackages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CASE 1.1 CFPackage of the spine or of one layer
         * @description The spine (or one layer) as a 1EdTech CASE 1.1 CFPackage: document, items and associations, for tools that import competency frameworks.
         */
        get: operations["getPublicCasePackage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/spine/{city}/case/CFDocuments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CASE 1.1 CFDocument of the spine or of one layer
         * @description The CASE 1.1 CFDocument of the spine or of one layer (the package without its items).
         */
        get: operations["getPublicCaseDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shares/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shared set of badges (text/html or application/ld+json); 410 when revoked or expired
         * @description What a learner chose to share: a page for people, or the badges as JSON-LD for machines. Never cached by others; 410 once revoked or expired.
         */
        get: operations["getShare"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public search of published opportunities: near + radiusKm, a date window, theme, destination, spine element (with descendants), level, age, free, online, kind, text
         * @description Public search of the city's published opportunities: near a point within `radiusKm` (up to the city's maximum), in a date window, by theme, destination, spine element (with its descendants), level, age, cost, online and kind, or by text. Ordered by distance, then start. Limited per address.
         */
        get: operations["searchOpportunities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feeds/{city}/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city’s opportunities as an OpenActive RPDE feed (keyset by modified, id; tombstones for deleted items)
         * @description The city's published opportunities as an OpenActive RPDE feed, ordered by (modified, id); deleted ones stay as tombstones. Follow `next` until `items` is empty.
         */
        get: operations["getOpportunityFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{city}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A published opportunity as schema.org JSON-LD (Event, Course or JobPosting), or HTML for a browser, in the language chosen by `Accept-Language` or `?lang=` (`Content-Language` says which)
         * @description A published opportunity as schema.org JSON-LD (an Event, a Course or a JobPosting), or its page for a browser.
         */
        get: operations["getPublicOpportunity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guardian-consent/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A guardian gives (or refuses) consent with the token of their link; 404 wrong token, 409 used, 410 expired
         * @description The guardian of an under-13 learner gives (or refuses) consent with the single-use token of the link they were sent. Until consent, the learner's awards are held: not shared and not exportable.
         */
        post: operations["giveGuardianConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guardian-access/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A guardian sees the learner and the learner's backpack
         * @description What the guardian sees through their link: the learner's record and backpack. The token in the path is the only authority; it expires after 7 days.
         */
        get: operations["guardianViewLearner"];
        put?: never;
        post?: never;
        /**
         * A guardian erases the learner (as DELETE .../learners/{id}); the link stops working
         * @description The guardian erases the learner (as `DELETE .../learners/{id}`); the audit names the link, never the guardian.
         */
        delete: operations["guardianEraseLearner"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guardian-access/{token}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A guardian exports the learner: json, clr or zip (clr and zip: 409 until consent is given)
         * @description The guardian's export, like `GET .../learners/{id}/export`: `?format=json`, `clr` or `zip` (`clr` and `zip` answer 409 until the guardian has consented).
         */
        get: operations["guardianExportLearner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The cities (HTML for browsers; `{ cities: [{ slug, name, url }] }` as JSON)
         * @description The home page: the cities this service hosts. `Accept: application/json` gives `{ cities: [{ slug, name, url }] }`.
         */
        get: operations["getHome"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cities/{city}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A city’s landing page: what its City of Learning is, its spine, themes, destinations, issuers and badges (HTML; a JSON summary for machines)
         * @description A city's landing page: what its City of Learning is, its spine, themes, destinations, issuers and badges. A JSON summary for machines.
         */
        get: operations["getCityPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cities/{city}/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city’s logo (PNG or sanitised SVG)
         * @description The city's logo as uploaded through its branding (PNG, or SVG sanitised on upload).
         */
        get: operations["getCityLogo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ob/v2/assertions/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The badge page’s verify button: runs the verifier on this badge (OB 2.0 and OB 3.0 forms) and answers an HTML report
         * @description The verify button of a badge page: runs the verifier on that badge (both OB 2.0 and OB 3.0 forms) and answers the report as an HTML page. Optionally checks a recipient identity. Limited per address.
         */
        post: operations["verifyBadgePage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/insights/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The insight report page for a city officer (HTML; Authorization: Bearer <reader key>, or ?exp=&sig= from a signed link)
         * @description The insight report for people: headline numbers, the spine coverage heat map, awards over time, reach by deprivation decile, pathway funnels, supply and demand by area — inline SVG charts with a table behind each, under the same disclosure rules. A reader's key or a signed link.
         */
        get: operations["getInsightReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open-data/{city}/insights/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A city's weekly open-data release of insights (suppression applied): {week}.json, {week}.csv, latest.json or latest.csv
         * @description The weekly open-data release of a city's insights (`{week}` is an ISO week such as `2026-W48`, or `latest`), suppression applied; `.json` or `.csv`. Public, stable URLs for the city's open data portal.
         */
        get: operations["getInsightOpenData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/interaction/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The learner's sign-in and consent page of an OAuth authorization (HTML)
         * @description The sign-in or consent page of an OAuth authorization in progress (HTML): the client's name and the scopes it asks for, with Allow and Deny. Opened by the browser that started the authorization.
         */
        get: operations["getOauthInteraction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/interaction/{uid}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign the learner in to an OAuth authorization with a learner token
         * @description Complete the learner's sign-in with a learner token minted by the city's integrator app (`POST .../learners/{id}/tokens`): as a form post from the browser, or as JSON from the app's server. Continues to the consent step.
         */
        post: operations["loginOauthInteraction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/interaction/{uid}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The learner allows the client the scopes it asked for (form post from the consent page)
         * @description The learner allows the client the scopes shown: the authorization continues to the client's redirect URI with a code.
         */
        post: operations["confirmOauthInteraction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/interaction/{uid}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The learner denies (or cancels) the authorization: the client gets `access_denied`
         * @description The learner denies: the client's redirect URI gets `error=access_denied`.
         */
        post: operations["abortOauthInteraction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ims/ob/v3p0/discovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service description document (OpenAPI 3.0 with the OAuth 2.0 registration, authorization and token URLs)
         * @description The OB 3.0 Service Description Document: an OpenAPI document of this API with `x-imssf-privacyPolicyUrl`, the dynamic registration, authorization and token URLs, and the four OB scopes. Public.
         */
        get: operations["getServiceDescription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ims/ob/v3p0/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The learner's OpenBadgeCredentials (scope credential.readonly), oldest first
         * @description The signed-in learner's OpenBadgeCredentials — ours and those they brought — with `limit`, `offset` and `since`, `X-Total-Count` and `Link` headers. Scope `credential.readonly`.
         */
        get: operations["getObCredentials"];
        put?: never;
        /**
         * Adds or replaces a credential the learner brings (scope credential.upsert); it must verify
         * @description Bring a credential into the learner's account (JSON-LD with a proof, or a VC-JWT as text/plain). It is verified like `/v1/verify`; a tampered one is refused with an Imsx_StatusInfo. 201 when new, 200 when it was there. Scope `credential.upsert`.
         */
        post: operations["upsertObCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ims/ob/v3p0/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The learner's Profile (scope profile.readonly)
         * @description The signed-in learner's Profile (an id, and the display name where the city stores names). Scope `profile.readonly`.
         */
        get: operations["getObProfile"];
        /**
         * Replaces the learner's Profile (scope profile.update): only `name` is kept, as the display name where the city stores names
         * @description Change the learner's Profile: only `name` (the display name, where the city stores names); any other field answers 400. Scope `profile.update`.
         */
        put: operations["putObProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every problem type this API answers with (the targets of problem `type` URIs)
         * @description The vocabulary of problem types: every `code` an error may carry, with its status, title and what to do about it. JSON for machines, a page for people.
         */
        get: operations["listProblemTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a problem `type` URI means: a short page (text/html) or its JSON entry
         * @description The target of a problem's `type` URI: what the problem means and how to fix the request. HTML for browsers, the JSON entry otherwise.
         */
        get: operations["getProblemType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List cities (platform admins)
         * @description Every city of this service. Platform admins only.
         */
        get: operations["listCities"];
        put?: never;
        /**
         * Create a city (platform admins)
         * @description Create a city (a tenant): its slug, name, locales, timezone and the privacy threshold of its insights. Platform admins only.
         */
        post: operations["createCity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A city
         * @description A city and its settings. Keys of the city and platform admins may read it.
         */
        get: operations["getCity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the city’s public pages look
         * @description How the city's public pages look: display name, about text, accent colour and logo.
         */
        get: operations["getCityBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the branding of the city’s public pages (city admins): name, about text, accent colour, logo; null clears a field
         * @description Change the branding of the city's public pages (city admins); `null` clears a field. The logo is a PNG or SVG data URI; SVG is sanitised.
         */
        patch: operations["updateCityBranding"];
        trace?: never;
    };
    "/v1/cities/{city}/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List organisations
         * @description The organisations (issuers) of the city.
         */
        get: operations["listOrganisations"];
        put?: never;
        /**
         * Add an organisation (an OB issuer Profile)
         * @description Add an organisation: an Open Badges issuer Profile with its own signing keys (created at once). City admins.
         */
        post: operations["createOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organisation
         * @description One organisation with its public Profile URLs.
         */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an organisation
         * @description Change an organisation's name, URL, email, image, telephone or kind. The public Profile follows at once.
         */
        patch: operations["updateOrganisation"];
        trace?: never;
    };
    "/v1/cities/{city}/organisations/{id}/verified": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark an organisation as verified by the city (city admins): public pages show "Verified by {city}" beside it
         * @description Mark an organisation as verified by the city (city admins): its public pages then show "Verified by {city}".
         */
        put: operations["setOrganisationVerified"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The city's keys, without their secrets (city admins).
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create a key for this city (city admins)
         * @description Create an API key for the city (city admins): `city-admin`, `issuer` (bound to one organisation), `reader` or `app`. The secret is in this answer only.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a key (idempotent)
         * @description Revoke a key at once (city admins). Revoking twice is fine.
         */
        post: operations["revokeApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/organisations/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organisation's signing keys
         * @description The public parts of the organisation's signing keys (RSA and ES256 for JWS/JWT, Ed25519 for Data Integrity), current and retired.
         */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/organisations/{id}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New signing keys (RS256 returned; OB 3.0 Ed25519 and ES256 rotated too); old keys stay published so what they signed still verifies
         * @description Create new signing keys for the organisation (RS256 returned; the OB 3.0 Ed25519 and ES256 keys rotate too). Old keys stay published so what they signed still verifies.
         */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List badge classes
         * @description The city's badge classes of every status, filtered by organisation or status. For search by spine, theme or destination use the catalogue.
         */
        get: operations["listBadgeClasses"];
        put?: never;
        /**
         * Create a draft badge class (JSON with a data URI image, or multipart with metadata + image)
         * @description Create a draft badge class of an organisation: name, description, criteria (name, description and criteria narrative as a string in the city's default language, or a map by BCP 47 tag such as `{ "en": "…", "cy": "…" }` that includes it; answers carry every language in `translations`; a bad tag is 422 INVALID_LANGUAGE_TAG), image (a PNG/SVG data URI, or a multipart `image` part beside a `metadata` JSON part), tags, alignments, expiry, and where it sits on the spine (elements, a level, dimensions), themes and destinations. Drafts are edited freely; submit for the city's approval before awarding.
         */
        post: operations["createBadgeClass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A badge class
         * @description One badge class, in its current version.
         */
        get: operations["getBadgeClass"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a draft in place; editing an approved class creates a new draft version (awards keep the version they were given)
         * @description Edit a badge class. A draft changes in place; an approved class gets a new draft version (awards keep the version they were given).
         */
        patch: operations["updateBadgeClass"];
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Versions of a badge class
         * @description Every version of a badge class, newest first.
         */
        get: operations["listBadgeClassVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a draft for quality assurance (needs a spine element)
         * @description Submit a draft for the city's quality assurance. It needs at least one active spine element.
         */
        post: operations["submitBadgeClass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a submitted class (city admins); its alignments are frozen as the spine is now
         * @description Approve a submitted class (city admins): it can be awarded, and its alignments are frozen as the spine is now.
         */
        post: operations["approveBadgeClass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire a class: no new awards
         * @description Retire a class: no new awards; issued ones stay valid.
         */
        post: operations["retireBadgeClass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city's badge classes (approved by default) by spine element, grid cell (level + dimension), theme, destination, organisation and text
         * @description Search the city's badge classes (approved by default) by spine element, grid cell (level + dimension), theme, destination, organisation and text.
         */
        get: operations["searchCatalogue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/awards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List awards
         * @description The city's awards, newest first, filtered by organisation, badge class or revocation. An issuer key sees its organisation's awards only.
         */
        get: operations["listAwards"];
        put?: never;
        /**
         * Award an approved badge class (send an Idempotency-Key to retry safely)
         * @description Award an approved badge class to a learner of the city (`recipient.learnerId`) or to an identity (email, URL, telephone). The answer lists every public URL of the award under `links`. Send an `Idempotency-Key`: a retry then answers the same award (200 with `Idempotent-Replayed`) instead of issuing twice. Emits `award.issued`.
         */
        post: operations["issueAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/awards/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Up to 1000 awards; each item has its own result (status 201, 200 for a replay, or a problem)
         * @description Up to 1,000 awards in one request. Each item has its own result (201, 200 for a replay of its `idempotencyKey`, or a problem), so one bad row fails alone. For larger files use a bulk job.
         */
        post: operations["issueAwards"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/awards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An award
         * @description One award with its recipient (hashed), evidence, state and public links.
         */
        get: operations["getAward"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/awards/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke with a reason (idempotent: the first reason is kept)
         * @description Revoke an award with a reason. Its documents answer 410 and its status-list bit is set. Revoking again keeps the first reason. Emits `award.revoked`.
         */
        post: operations["revokeAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/endorsements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List endorsements
         * @description Endorsements of the city, by subject or endorsing organisation.
         */
        get: operations["listEndorsements"];
        put?: never;
        /**
         * An organisation endorses a badge class, an issuer or an award
         * @description An organisation of the city endorses a badge class, an issuer or an award, with a comment. Published as OB 2.0 and OB 3.0 endorsements.
         */
        post: operations["createEndorsement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/endorsements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endorsement
         * @description One endorsement and its public URLs.
         */
        get: operations["getEndorsement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/spine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The spine: layers, elements and the grid of levels x dimensions
         * @description The spine of the city: its title, layers, elements and the grid of four levels by three dimensions with their descriptors.
         */
        get: operations["getSpine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the spine (the targetFramework of alignments); null restores the default
         * @description Rename the spine (its title is the `targetFramework` of alignments); `null` restores the default.
         */
        patch: operations["updateSpine"];
        trace?: never;
    };
    "/v1/cities/{city}/spine/elements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Elements in spine order, filtered by layer, status, text or parent
         * @description Elements in spine order, filtered by layer, status, text or parent.
         */
        get: operations["listSpineElements"];
        put?: never;
        /**
         * Add an element (codes are never reused)
         * @description Add an element to a layer of the spine, under a parent or at the top. Codes are stable and never reused. `title` and `description` are a string (the city's default language) or a map by language tag; answers carry every language in `translations`.
         */
        post: operations["createSpineElement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/spine/elements/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A spine element
         * @description One element with the number of badge classes aligned to it.
         */
        get: operations["getSpineElement"];
        put?: never;
        post?: never;
        /**
         * Delete an element no badge class uses and that has no children (409 otherwise: retire it)
         * @description Delete an element that no badge class uses and that has no children; otherwise 409: retire it instead.
         */
        delete: operations["deleteSpineElement"];
        options?: never;
        head?: never;
        /**
         * Edit an element; editing one in use bumps its version. null clears a field
         * @description Edit an element; editing one in use bumps its version (earlier versions stay readable). `null` clears a field.
         */
        patch: operations["updateSpineElement"];
        trace?: never;
    };
    "/v1/cities/{city}/spine/elements/{code}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire an element (idempotent); it keeps resolving. `cascade` retires its active subtree too
         * @description Retire an element: no new alignments, but it keeps resolving for the badges that use it. `?cascade=true` retires its active subtree too.
         */
        post: operations["retireSpineElement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/spine/grid/{level}/{dimension}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A cell of the grid
         * @description One level × dimension cell with its descriptors per language.
         */
        get: operations["getGridCell"];
        /**
         * Reword a cell: its descriptors in every language at once
         * @description Reword a cell of the grid: its descriptors in every language at once.
         */
        put: operations["putGridCell"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/spine/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approved badge classes per level x dimension x element: where no badge exists yet
         * @description Approved badge classes per level × dimension × element: where the city has no badge yet.
         */
        get: operations["getSpineCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/spine/case": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the spine (or one layer) as 1EdTech CASE 1.1 JSON (a CFPackage), its statements in the language of `?lang=` or `Accept-Language` (every language rides in each item's extension)
         * @description Export the spine, or one layer, as a 1EdTech CASE 1.1 CFPackage. CASE has one `language` per document and item, so one package is one language: `?lang=` (or `Accept-Language`) chooses it, else the city's default; `Content-Language` says which. Every language of an element also rides in `extensions.citybadges.translations`, so that an import keeps them.
         */
        get: operations["exportSpineCase"];
        put?: never;
        /**
         * Import a CASE 1.1 CFPackage (JSON, at most 5242880 bytes and 5000 items) into a layer, atomically
         * @description Import a CASE 1.1 CFPackage (JSON, at most 5 MB and 5,000 items) into a layer, all or nothing. Items become elements; their codes are kept.
         */
        post: operations["importSpineCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List themes
         * @description The civic, wellbeing and sector themes of the city.
         */
        get: operations["listThemes"];
        put?: never;
        /**
         * Add a civic, wellbeing or sector theme (only sector themes carry an industry code)
         * @description Add a theme. Only sector themes carry an industry code.
         */
        post: operations["createTheme"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/themes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A theme
         * @description One theme of the city.
         */
        get: operations["getTheme"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a theme
         * @description Change a theme's title, description or industry code.
         */
        patch: operations["updateTheme"];
        trace?: never;
    };
    "/v1/cities/{city}/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List destinations
         * @description The destinations of the city: the four kinds and named local ones.
         */
        get: operations["listDestinations"];
        put?: never;
        /**
         * Add a named local destination of one of the four kinds
         * @description Add a named local destination of one of the four kinds.
         */
        post: operations["createDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/destinations/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A destination
         * @description One destination of the city.
         */
        get: operations["getDestination"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a destination
         * @description Change a destination's title or description.
         */
        patch: operations["updateDestination"];
        trace?: never;
    };
    "/v1/cities/{city}/learners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List learners, or find one by ?externalRef=platform:ref
         * @description The city's learners, or the one with `?externalRef=platform:ref`.
         */
        get: operations["listLearners"];
        put?: never;
        /**
         * Create a pseudonymous learner
         * @description Create a pseudonymous learner: an age band and, optionally, a coarse area, external references of your platform, identifiers (kept as keyed hashes for matching), consents and, for under-13s, a guardian to ask for consent. No names unless the city turns them on.
         */
        post: operations["createLearner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A learner
         * @description One learner: age band, area, external references, consents. Identifiers are never returned.
         */
        get: operations["getLearner"];
        put?: never;
        post?: never;
        /**
         * Erase a learner: awards become revoked stubs (410 erased); idempotent
         * @description Erase a learner (the right to erasure): personal data goes, awards become revoked stubs answering 410. Idempotent. Emits `learner.erased` (ids only).
         */
        delete: operations["eraseLearner"];
        options?: never;
        head?: never;
        /**
         * Change consents or area; add external refs; add or verify identifiers
         * @description Change a learner's consents, age band or area; add external references; add or verify identifiers.
         */
        patch: operations["updateLearner"];
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a short-lived learner token (reaches only this learner's backpack and shares)
         * @description Mint a short-lived token for one learner, for your app's front end: it reaches only this learner's backpack and shares.
         */
        post: operations["createLearnerToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/backpack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The learner's awards with their state (an issuer key sees only its own awards)
         * @description The learner's awards with their state (pending, accepted, declined). An issuer key sees only its own awards.
         */
        get: operations["getBackpack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/backpack/{awardId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an award
         * @description The learner accepts an award into their backpack. Emits `award.accepted`.
         */
        post: operations["acceptAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/backpack/{awardId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an award
         * @description The learner declines an award; it stays issued but is hidden from their backpack and shares.
         */
        post: operations["declineAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List collections
         * @description The learner's collections in their order.
         */
        get: operations["listCollections"];
        put?: never;
        /**
         * Create a collection
         * @description Group some of the learner's awards into a named, ordered collection.
         */
        post: operations["createCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/collections/{collectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a collection
         * @description Delete a collection; its awards stay in the backpack.
         */
        delete: operations["deleteCollection"];
        options?: never;
        head?: never;
        /**
         * Change a collection
         * @description Rename, reorder or change the awards of a collection.
         */
        patch: operations["updateCollection"];
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List shares
         * @description The learner's shares and their state.
         */
        get: operations["listShares"];
        put?: never;
        /**
         * Share awards or a collection: an unguessable, expiring, revocable URL
         * @description Share some awards or a collection: an unguessable URL that expires and can be revoked. The token is in this answer.
         */
        post: operations["createShare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/shares/{shareId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a share (idempotent): its URL answers 410
         * @description Revoke a share: its URL answers 410. Idempotent.
         */
        delete: operations["revokeShare"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pathways
         * @description The city's pathways, by kind, status or organisation.
         */
        get: operations["listPathways"];
        put?: never;
        /**
         * Make a recommended (organisation) or interest (learner) pathway
         * @description Make a pathway: `recommended` (of an organisation) or `interest` (a learner's own). Its requirement tree combines badges, skills, themes, opportunities and sub-pathways with all / any / at-least nodes and time windows; a completion badge may be awarded.
         */
        post: operations["createPathway"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A pathway
         * @description One pathway in its current version.
         */
        get: operations["getPathway"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit: a draft in place, a published pathway as a new version (followers keep theirs)
         * @description Edit a pathway: a draft in place, a published one as a new version (followers keep the version they started).
         */
        patch: operations["updatePathway"];
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a pathway
         * @description Publish a draft: learners may follow it.
         */
        post: operations["publishPathway"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a pathway
         * @description Archive a pathway: no new followers; progress of current ones is kept.
         */
        post: operations["archivePathway"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}/followers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A learner starts a published pathway (an app may enrol them)
         * @description A learner starts a published pathway (an app may enrol them). Progress is computed from their awards and attendance at once and kept up to date.
         */
        post: operations["followPathway"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * For the owner: followers by stage (started, at least half way, completed)
         * @description For the pathway's owner: how many followers started, are at least half way, and completed (small counts suppressed).
         */
        get: operations["getPathwayProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/pathways/{id}/unlocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * For the owner only: consenting completers offered (or waitlisted for) the unlocked opportunity
         * @description The completers offered a place (or waitlisted) by the opportunity this pathway unlocks: only learners who consented to be contacted, and only for the pathway's owner.
         */
        get: operations["listPathwayUnlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Badge classes and upcoming opportunities ranked by how much of the gap to a destination or pathway they close, each with its reasons
         * @description Badge classes and upcoming opportunities that close the learner's gap towards a destination (`?destination=`) or a pathway (`?pathwayId=`), ranked by the missing steps they close, the destination's skills the learner lacks, distance, age fit, date and places left. Every result carries its reasons, e.g. "closes 2 of 5 missing steps", "1.2 km", "Saturday", "free".
         */
        get: operations["getLearnerRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/pathways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A learner's pathways: percent, missing and next steps
         * @description A learner's pathways: percent done, what is missing and suggested next steps.
         */
        get: operations["listLearnerPathways"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learner-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city's learner settings
         * @description Whether the city stores display names of learners.
         */
        get: operations["getLearnerSettings"];
        /**
         * Change the city's learner settings
         * @description Turn display names of learners on or off (city admins).
         */
        put: operations["putLearnerSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city’s opportunities in creation order
         * @description The city's opportunities of every status in creation order, filtered by organisation or status.
         */
        get: operations["listOpportunities"];
        put?: never;
        /**
         * Create an opportunity (a draft) with its sessions, given or expanded from an RRULE
         * @description Create a draft opportunity of an organisation: where (a place or online), when (sessions, or an RFC 5545 `schedule` expanded into sessions), for whom (ages, cost, accessibility), what it leads to (themes, destinations, spine elements, the badges it awards). Publish it to make it searchable.
         */
        post: operations["createOpportunity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/supply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Supply map: published opportunities, sessions and free places per area × theme × week
         * @description The supply map: published opportunities, sessions and free places per area × theme × week, to see where provision is thin.
         */
        get: operations["getOpportunitySupply"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One opportunity with its sessions
         * @description One opportunity with its sessions and places left.
         */
        get: operations["getOpportunity"];
        put?: never;
        post?: never;
        /**
         * Delete (a tombstone in the RPDE feed)
         * @description Delete an opportunity. It leaves the search and stays in the RPDE feed as a tombstone so that consumers remove it too.
         */
        delete: operations["deleteOpportunity"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish: searchable, on the public page and in the RPDE feed
         * @description Publish a draft: it becomes searchable, gets its public page and enters the RPDE feed.
         */
        post: operations["publishOpportunity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel the opportunity and its sessions (stays in the feed as cancelled)
         * @description Cancel an opportunity and its sessions. It stays in the feed, marked cancelled.
         */
        post: operations["cancelOpportunity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunities/{id}/sessions/{sessionId}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that learners attended a session: each gets the opportunity’s participation badge (its first badge class) once
         * @description Record that learners attended a session. Each learner gets the opportunity's participation badge (its first badge class) once; a second call for the same learner changes nothing. Pathway progress follows.
         */
        post: operations["recordAttendance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunity-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search settings of the city
         * @description The city's search settings (the largest radius a search may ask for).
         */
        get: operations["getOpportunitySettings"];
        /**
         * Set the largest search radius (km) of the city
         * @description Set the largest search radius of the city, in kilometres (city admins).
         */
        put: operations["putOpportunitySettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunity-feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Imported feeds and their state
         * @description The imported feeds of the city and their state.
         */
        get: operations["listOpportunityFeeds"];
        put?: never;
        /**
         * Register an OpenActive RPDE feed of a provider organisation; an import job starts at once
         * @description Register a provider's OpenActive RPDE feed for one of the city's organisations; an import job starts at once and keeps its place in the feed. Only public addresses are fetched.
         */
        post: operations["registerOpportunityFeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunity-feeds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An imported feed: position, counts, last error
         * @description One imported feed: its position in the feed, counts of items imported and the last error.
         */
        get: operations["getOpportunityFeedImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/opportunity-feeds/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the import again from where it stopped
         * @description Run the import of a feed again from where it stopped.
         */
        post: operations["syncOpportunityFeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/claims/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a pending award to a learner with its claim token (single use; 409 used, 410 expired)
         * @description Link a pending award (issued to an email or other identity) to a learner with the claim token sent to the recipient. Single use. Emits `award.claimed`.
         */
        post: operations["claimAward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/badge-classes/{id}/claim-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A claim code for an approved badge class: a window and a maximum number of claims; answers its QR code (SVG)
         * @description A claim code for an approved badge class, for events: open within a window, up to a number of claims. The answer has its QR code (SVG).
         */
        post: operations["createClaimCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/claim-codes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A claim code
         * @description A claim code, its window and how many claimed it.
         */
        get: operations["getClaimCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/claim-codes/{code}/qr.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QR code of a claim code (image/svg+xml)
         * @description The QR code of a claim code, to print or show on a screen.
         */
        get: operations["getClaimCodeQr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/claim-codes/{code}/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a claim code for a learner: one award per learner (201), the same award again (200); 409 not open or full, 410 closed
         * @description Redeem a claim code for a learner: one award per learner (201), the same award again on a second try (200). 409 when the code is not open yet or full, 410 once closed.
         */
        post: operations["redeemClaimCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a learner: ?format=json (everything), clr (signed CLR 2.0, eddsa-rdfc-2022) or zip (baked badges); clr and zip: 409 while an under-13's awards are held
         * @description Export everything about a learner: `?format=json` (all data), `clr` (a signed CLR 2.0 credential, eddsa-rdfc-2022) or `zip` (baked badges). `clr` and `zip` answer 409 while an under-13's awards wait for guardian consent.
         */
        get: operations["exportLearner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/guardian-consent-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send (or return) a consent link to an under-13 learner's guardian
         * @description Send (or send again) the consent link to an under-13 learner's guardian.
         */
        post: operations["requestGuardianConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/guardian-access-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send (or return) an under-13 learner's guardian a link to see, export and erase the learner (7 days)
         * @description Send an under-13 learner's guardian a link (7 days, stored as a hash) through which they can see, export and erase the learner's record without an API key. Without SMTP the link is returned to the caller.
         */
        post: operations["requestGuardianAccess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The learner's imported badges with their last verification
         * @description The learner's imported badges with their verification state (`verified`, `failed`) and report.
         */
        get: operations["listImports"];
        put?: never;
        /**
         * Import a badge from elsewhere (the POST /v1/verify input forms); kept with its verification report
         * @description Add a badge from elsewhere to a learner's backpack, in any form `POST /v1/verify` takes (URL, OB 2.0 JSON or JWS, OB 3.0 credential or VC-JWT; a baked image as multipart `file`). It is verified by the same verifier and kept with its report: a failed import is kept too but counts nowhere. Importing the same badge again answers the first import (200). Alignments naming one of the city's elements map it to the spine. Verified imports are re-checked on a schedule (`IMPORT_REVERIFY_SECONDS`), so a later revocation shows up.
         */
        post: operations["importBadge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An imported badge
         * @description One import: its source, state, the verification report and its spine mapping.
         */
        get: operations["getImport"];
        put?: never;
        post?: never;
        /**
         * Remove an imported badge
         * @description Remove an imported badge from the backpack (the learner, their app or a city admin).
         */
        delete: operations["deleteImport"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/learners/{id}/imports/{importId}/spine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * A city admin maps an imported badge to the city's spine (replaces what its alignments said)
         * @description Map an imported badge to the city's spine by hand (city admins): elements, level, dimensions and themes. `elements: []` clears the mapping. Unknown codes answer 422 naming the field.
         */
        put: operations["mapImport"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions
         * @description The city's webhook subscriptions (secrets are never shown again).
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a receiver to events
         * @description Subscribe an HTTPS receiver to event types of the city (or of one organisation). Deliveries follow Standard Webhooks 1.0: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256 of `id.timestamp.body` with the secret). The `whsec_…` secret is in this answer only. Payloads carry ids and URLs, never personal data. Failed deliveries retry on the Standard Webhooks schedule (about 3 days); a 410 answer disables the subscription.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook subscription
         * @description One subscription: URL, events, state and why it was disabled, if it was.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook subscription
         * @description Delete a subscription; pending deliveries are dropped.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change the URL or events, or disable / enable
         * @description Change the URL or the events of a subscription, or disable / enable it.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/cities/{city}/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new secret, shown once; the previous one keeps signing for 24 hours
         * @description A new secret, shown once. For 24 hours deliveries carry signatures by both secrets, so receivers switch without losing a message.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signed `webhook.test` message now and report the answer
         * @description Send a signed `webhook.test` message to the receiver now and report its answer, to check the URL and the signature check.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log, oldest first
         * @description The delivery log of a subscription, oldest first: each message, its attempts, the last status and error.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again (same message id), next in line
         * @description Send a delivery again with the same message id (receivers dedupe by `webhook-id`); it goes next in line.
         */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/jobs/awards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue awards from a CSV or JSON-lines file
         * @description Issue awards from a file of up to 100,000 rows: `text/csv` (UTF-8, a header row `badgeClassId,recipientType,recipientIdentity` or `badgeClassId,learnerId`, optional `evidenceUrl,evidenceNarrative,issuedOn,idempotencyKey`) or `application/x-ndjson` (one object a line with the same keys). `?dryRun=true` checks every row and answers the row errors without issuing. Otherwise 202 with the job (and `Location`); rows are issued in the background in batches, each with its own idempotency key (the `idempotencyKey` column, or one derived from the job and row), so a crash never duplicates an award.
         */
        post: operations["createBulkAwardJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List bulk jobs
         * @description The city's bulk jobs, newest first.
         */
        get: operations["listBulkJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * State, progress and counts of a job
         * @description A job's state (queued, running, completed, cancelled, failed), percent and counts. Poll it, or subscribe to webhooks for the awards.
         */
        get: operations["getBulkJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a job; rows already issued stand
         * @description Stop a job; rows already issued stand.
         */
        post: operations["cancelBulkJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/jobs/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Row errors, as JSON pages or (Accept: text/csv) one CSV file
         * @description The rows that failed, with the reason: JSON pages, or one CSV file with `Accept: text/csv` (cells that a spreadsheet would run as a formula are escaped).
         */
        get: operations["listBulkJobErrors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/insights/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The city's disclosure threshold and how many areas have a deprivation decile
         * @description The city's disclosure threshold (default 10).
         */
        get: operations["getInsightSettings"];
        /**
         * Set the disclosure threshold (at least 5; default 10)
         * @description Set the disclosure threshold: no published figure counts fewer learners. At least 5 (city admins).
         */
        put: operations["updateInsightSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/insights/deciles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the area → deprivation decile lookup (the equity lens)
         * @description Upload the lookup of area codes to deprivation deciles (1 = most deprived) as CSV with the header `area,decile`; every insight can then be broken down by decile. Unknown codes, duplicates, bad encoding or a decile outside 1..10 answer 422 with the failing lines.
         */
        put: operations["putInsightDeciles"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/insights/report-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A signed link to the report page, for an officer without a key
         * @description A signed link to the insight report page that works without a key until it expires (default 7 days), for sharing with a city officer.
         */
        post: operations["createInsightReportLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cities/{city}/insights/{measure}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An insight table (JSON, or CSV with Accept: text/csv), after the disclosure rules
         * @description A measure (`learners`, `awards`, `funnel`, `supply-demand`) broken down `?by=` one or two fixed dimensions, for a `?period=` and fixed filters, through the disclosure rules: distinct learners, cells under the city's threshold suppressed (and secondary suppression), other counts rounded with a keyed cell-key method, percentages only over 30. JSON, or CSV with `Accept: text/csv`; the rules applied are listed.
         */
        get: operations["getInsight"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Alignment: {
            targetName: string;
            targetUrl: string;
            targetDescription?: string;
            targetFramework?: string;
            targetCode?: string;
        };
        Award: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            badgeClassId: string;
            /** Format: uuid */
            organisationId: string;
            recipient: {
                /** @enum {string} */
                type: "email" | "url" | "telephone" | "id";
                /** @enum {boolean} */
                hashed: true;
                identity: string;
                salt: string;
                /** @description only when the city stores plain identities */
                plainIdentity?: string;
            };
            evidence: {
                url?: string;
                narrative?: string;
                name?: string;
                description?: string;
                genre?: string;
                audience?: string;
            }[];
            narrative?: string;
            /** Format: date-time */
            issuedOn: string;
            /** Format: date-time */
            expires?: string;
            revoked: boolean;
            /** Format: date-time */
            revokedAt?: string;
            revocationReason?: string;
            /** Format: uuid */
            learnerId?: string;
            /**
             * @description the learner's decision (backpack)
             * @enum {string}
             */
            acceptance?: "pending" | "accepted" | "declined";
            /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
            claim?: {
                /**
                 * @description mail: sent to the recipient; caller: pass `url` on to them
                 * @enum {string}
                 */
                delivery: "mail" | "caller";
                /** @description the claim link (only when not mailed): POST it with { learnerId } */
                url?: string;
                /** Format: date-time */
                expiresAt: string;
            };
            /** Format: date-time */
            createdAt: string;
            links: {
                assertion: string;
                assertionImage: string;
                signedAssertion: string;
                signedAssertionImage: string;
                badgeClass: string;
                issuer: string;
                revocationList: string;
                signingKey: string;
                /** @description OB 3.0 OpenBadgeCredential (Data Integrity) */
                credential: string;
                /** @description OB 3.0 VC-JWT (RS256; ?alg=ES256) */
                credentialJwt: string;
                /** @description badge image with the OB 3.0 credential baked in */
                credentialImage: string;
            };
        };
        /** @description A page of Awards: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        AwardList: {
            items: components["schemas"]["Award"][];
            nextCursor: string | null;
        };
        BackpackItem: {
            /** Format: uuid */
            awardId: string;
            /** Format: uuid */
            badgeClassId: string;
            badgeName: string;
            badgeDescription: string;
            /** Format: uuid */
            organisationId: string;
            issuerName: string;
            /** Format: date-time */
            issuedOn: string;
            /** Format: date-time */
            expires?: string;
            /** @enum {string} */
            acceptance: "pending" | "accepted" | "declined";
            /** Format: date-time */
            acceptanceAt?: string;
            revoked: boolean;
            revocationReason?: string;
            links: {
                assertion: string;
                image: string;
                credential: string;
                badgeClass: string;
            };
        };
        BadgeClass: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            familyId: string;
            version: number;
            /** Format: uuid */
            organisationId: string;
            /** @enum {string} */
            status: "draft" | "submitted" | "approved" | "superseded" | "retired";
            name: string;
            description: string;
            /** @description URL of the hosted image */
            image: string;
            criteria: {
                narrative?: string;
                url?: string;
            };
            tags: string[];
            /** @description Free alignments, published after the generated ones */
            alignments: components["schemas"]["Alignment"][];
            spine?: components["schemas"]["SpineSelection"];
            themes: string[];
            destinations: string[];
            /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
            generatedAlignments: components["schemas"]["Alignment"][];
            expiry: components["schemas"]["Expiry"];
            /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
            language?: string;
            translations: components["schemas"]["Translations"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            approvedAt?: string;
            /** Format: date-time */
            retiredAt?: string;
            links: {
                badgeClass: string;
                image: string;
                issuer: string;
            };
        };
        BadgeClassPatch: {
            name?: components["schemas"]["TranslatableText200"];
            description?: components["schemas"]["TranslatableText10000"];
            /** @description PNG or SVG data URI (or send multipart/form-data with a file part `image`) */
            image?: string;
            criteria?: {
                narrative?: components["schemas"]["TranslatableOptionalText10000"];
                url?: string;
            };
            tags?: string[];
            alignments?: components["schemas"]["Alignment"][];
            expiry?: components["schemas"]["Expiry"];
            language?: string;
            spine?: components["schemas"]["SpineSelection"] | null;
            /** @description Codes (or ids) of the city's themes */
            themes?: string[];
            /** @description Codes (or ids) of the city's destinations */
            destinations?: string[];
        };
        Branding: {
            /** @description The name the public pages show (the city’s name when not set) */
            name: string;
            /** @description What the City of Learning is (Markdown), on the landing page */
            about?: string;
            /** @description #rrggbb */
            accentColour: string;
            /** @description Black or white: the text colour the pages use on the accent colour */
            accentText: string;
            /** @description Path of the logo on this service (changes with the logo) */
            logo?: string;
        };
        BulkJob: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "awards";
            /** @enum {string} */
            state: "queued" | "running" | "completed" | "cancelled" | "failed";
            total: number;
            processed: number;
            succeeded: number;
            failed: number;
            percent: number;
            error?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            finishedAt?: string;
        };
        /** @description A page of BulkJobs: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        BulkJobList: {
            items: components["schemas"]["BulkJob"][];
            nextCursor: string | null;
        };
        City: {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            locales: string[];
            timezone: string;
            privacyThreshold: number;
            storePlainIdentity: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A page of Citys: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        CityList: {
            items: components["schemas"]["City"][];
            nextCursor: string | null;
        };
        Collection: {
            /** Format: uuid */
            id: string;
            name: string;
            position: number;
            awardIds: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Expiry: {
            /** @enum {string} */
            type: "none";
        } | {
            /** @enum {string} */
            type: "date";
            date: string;
        } | {
            /** @enum {string} */
            type: "duration";
            /** @description ISO 8601, e.g. P1Y, P6M, P90D */
            duration: string;
        };
        Learner: {
            /** Format: uuid */
            id: string;
            /**
             * @description under-13 needs a guardian
             * @enum {string}
             */
            ageBand: "under-13" | "13-15" | "16-18" | "19-24" | "25-plus";
            area?: string;
            displayName?: string;
            externalRefs: {
                platform: string;
                ref: string;
            }[];
            identifiers: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                type: "email" | "url" | "telephone" | "did";
                /** @description e.g. j***@example.org */
                masked: string;
                verified: boolean;
                /** Format: date-time */
                verifiedAt?: string;
            }[];
            consents: {
                sharing: boolean;
                contact: boolean;
                insightsOptOut: boolean;
            };
            /** @enum {string} */
            guardianConsent?: "pending" | "given";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LearnerImport: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            learnerId: string;
            /**
             * @description failed: kept with its report, counts nowhere
             * @enum {string}
             */
            status: "verified" | "failed";
            /** @description ob2-hosted, ob2-signed, ob3-di, ob3-jwt or unknown */
            format: string;
            source: {
                kind: string;
                url?: string;
            };
            name?: string;
            issuerName?: string;
            /** Format: date-time */
            issuedOn?: string;
            spine?: {
                elements: string[];
                level: string;
                dimensions: string[];
            };
            themes: string[];
            /** @enum {string} */
            mappedBy?: "alignment" | "admin";
            /** @description the stored VerificationReport of the last check (as POST /v1/verify answers it) */
            report: unknown;
            /**
             * Format: date-time
             * @description first time it verified
             */
            verifiedAt?: string;
            /**
             * Format: date-time
             * @description last verification (re-verified on a schedule)
             */
            checkedAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A page of LearnerImports: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        LearnerImportList: {
            items: components["schemas"]["LearnerImport"][];
            nextCursor: string | null;
        };
        /** @description A page of Learners: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        LearnerList: {
            items: components["schemas"]["Learner"][];
            nextCursor: string | null;
        };
        NewBadgeClass: {
            /** Format: uuid */
            organisationId: string;
            name: components["schemas"]["TranslatableText200"];
            description: components["schemas"]["TranslatableText10000"];
            /** @description PNG or SVG data URI (or send multipart/form-data: metadata + image) */
            image: string;
            criteria: {
                narrative?: components["schemas"]["TranslatableOptionalText10000"];
                url?: string;
            };
            tags?: string[];
            alignments?: components["schemas"]["Alignment"][];
            expiry?: components["schemas"]["Expiry"];
            language?: string;
            spine?: components["schemas"]["SpineSelection"];
            /** @description Codes (or ids) of the city's themes */
            themes?: string[];
            /** @description Codes (or ids) of the city's destinations */
            destinations?: string[];
        };
        NewBadgeClassMetadata: {
            /** Format: uuid */
            organisationId: string;
            name: components["schemas"]["TranslatableText200"];
            description: components["schemas"]["TranslatableText10000"];
            criteria: {
                narrative?: components["schemas"]["TranslatableOptionalText10000"];
                url?: string;
            };
            tags?: string[];
            alignments?: components["schemas"]["Alignment"][];
            expiry?: components["schemas"]["Expiry"];
            language?: string;
            spine?: components["schemas"]["SpineSelection"];
            /** @description Codes (or ids) of the city's themes */
            themes?: string[];
            /** @description Codes (or ids) of the city's destinations */
            destinations?: string[];
        };
        Opportunity: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            /** @enum {string} */
            kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
            title: string;
            description: string;
            /** @description The description rendered from Markdown (raw HTML escaped) */
            descriptionHtml: string;
            translations: components["schemas"]["Translations"];
            place?: {
                lat: number;
                lon: number;
                address?: string;
                postcode?: string;
                area?: string;
            };
            online: boolean;
            ageRange?: {
                min?: number;
                max?: number;
            };
            cost: {
                free: boolean;
                amount?: number;
                currency?: string;
            };
            accessibility?: string;
            bookingUrl?: string;
            themes: string[];
            destinations: string[];
            spine?: {
                elements: string[];
                level?: string;
            };
            badgeClassIds: string[];
            /** @enum {string} */
            status: "draft" | "published" | "cancelled";
            language?: string;
            schedule?: unknown;
            sessions: {
                /** Format: uuid */
                id: string;
                start: string;
                end: string;
                capacity: number | null;
                placesLeft: number | null;
                /** @enum {string} */
                status: "scheduled" | "cancelled";
            }[];
            source?: {
                /** Format: uuid */
                feedId: string;
                id: string;
            };
            createdAt: string;
            updatedAt: string;
            publishedAt?: string;
            links: {
                /** @description schema.org JSON-LD (or an HTML page) once published */
                public: string;
            };
        };
        Organisation: {
            /** Format: uuid */
            id: string;
            name: string;
            url: string;
            email: string;
            description?: string;
            image?: string;
            telephone?: string;
            kind: string;
            verified: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of Organisations: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        OrganisationList: {
            items: components["schemas"]["Organisation"][];
            nextCursor: string | null;
        };
        Pathway: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "recommended" | "interest";
            /** Format: uuid */
            organisationId?: string;
            /** Format: uuid */
            learnerId?: string;
            /** @enum {string} */
            status: "draft" | "published" | "archived";
            version: number;
            title: string;
            description?: string;
            translations: components["schemas"]["Translations"];
            destinations: string[];
            themes: string[];
            requirements: unknown;
            /** Format: uuid */
            completionBadgeClassId?: string;
            unlocks?: {
                /** Format: uuid */
                opportunityId: string;
                capacity?: number;
                placesLeft?: number;
                eligibility: {
                    ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                    /** @description area codes (e.g. ONS output areas) a learner must live in */
                    areas?: string[];
                };
                offered: number;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of Pathways: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        PathwayList: {
            items: components["schemas"]["Pathway"][];
            nextCursor: string | null;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            code?: string;
            requestId?: string;
            errors?: {
                field: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        Share: {
            /** Format: uuid */
            id: string;
            /** @description the unguessable link: returned once, at creation */
            url?: string;
            awardIds?: string[];
            /** Format: uuid */
            collectionId?: string;
            showName: boolean;
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            revokedAt?: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A page of Shares: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        ShareList: {
            items: components["schemas"]["Share"][];
            nextCursor: string | null;
        };
        SpineElement: {
            /** @description Stable: never renamed, never reused */
            code: string;
            /** @enum {string} */
            layer: "core" | "cities-of-learning" | "city" | "strategic";
            /** @description Stable: never renamed, never reused */
            parentCode?: string;
            title: string;
            description?: string;
            kind?: string;
            mappings?: {
                framework: string;
                url?: string;
                code: string;
            }[];
            /** @enum {string} */
            status: "active" | "retired";
            version: number;
            /** @description Public page of the element (the alignment targetUrl) */
            url: string;
            translations?: components["schemas"]["Translations"];
        };
        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
        SpineSelection: {
            /** @description Codes of active spine elements; at least one before submission and approval */
            elements: string[];
            /** @enum {string} */
            level: "engagement" | "participation" | "demonstration" | "leadership";
            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
        };
        TranslatableOptionalText10000: string | {
            [key: string]: string;
        };
        TranslatableOptionalText5000: string | {
            [key: string]: string;
        };
        TranslatableText10000: string | {
            [key: string]: string;
        };
        TranslatableText200: string | {
            [key: string]: string;
        };
        TranslatableText300: string | {
            [key: string]: string;
        };
        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
        Translations: {
            [key: string]: {
                [key: string]: string;
            };
        };
        WebhookDelivery: {
            /** @description The message id (`webhook-id` header): the same on every attempt and replay */
            id: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt?: string;
            /** Format: date-time */
            lastAttemptAt?: string;
            lastStatus?: number;
            lastError?: string;
            /** Format: date-time */
            deliveredAt?: string;
            payload: unknown;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A page of WebhookDeliverys: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        /** @description A webhook subscription (Standard Webhooks 1.0) */
        WebhookSubscription: {
            /** Format: uuid */
            id: string;
            url: string;
            events: string[];
            /** Format: uuid */
            organisationId?: string;
            description?: string;
            /** @enum {string} */
            status: "active" | "disabled";
            disabledReason?: string;
            /** @description The signing secret (`whsec_…`): in the answer that creates or rotates it only */
            secret?: string;
            /**
             * Format: date-time
             * @description Until then the previous secret signs too
             */
            previousSecretExpiresAt?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A page of WebhookSubscriptions: follow `nextCursor` (or the `Link: rel="next"` header) for the next one; null on the last page. */
        WebhookSubscriptionList: {
            items: components["schemas"]["WebhookSubscription"][];
            nextCursor: string | null;
        };
    };
    responses: {
        /** @description The request is malformed or a parameter, query or body field breaks the schema (`errors` lists each field). */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/invalid-request",
                 *       "title": "Invalid request",
                 *       "status": 400,
                 *       "detail": "The request is malformed or a parameter, query or body field breaks the schema",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "INVALID_REQUEST",
                 *       "requestId": "5b1e2c3d-1a",
                 *       "errors": [
                 *         {
                 *           "field": "/badgeClassId",
                 *           "message": "must match format \"uuid\""
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No API key, or one that is unknown or revoked. */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/unauthenticated",
                 *       "title": "Unauthenticated",
                 *       "status": 401,
                 *       "detail": "No API key, or one that is unknown or revoked.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "UNAUTHENTICATED",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The key's role may not do this (for example a reader writing). */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/forbidden",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "detail": "The key's role may not do this",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "FORBIDDEN",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource here, or one your key may not see (another city's resources are 404, never 403). */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "No such resource here, or one your key may not see",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "NOT_FOUND",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `Accept` header admits no media type this operation answers. */
        NotAcceptable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/not-acceptable",
                 *       "title": "Not acceptable",
                 *       "status": 406,
                 *       "detail": "The `Accept` header admits no media type this operation answers.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "NOT_ACCEPTABLE",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request conflicts with the resource's current state. */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/conflict",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "The request conflicts with the resource's current state.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "CONFLICT",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource existed and is gone for good. */
        Gone: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/gone",
                 *       "title": "Gone",
                 *       "status": 410,
                 *       "detail": "The resource existed and is gone for good.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "GONE",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body exceeds its documented limit. */
        ContentTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/too-large",
                 *       "title": "Content too large",
                 *       "status": 413,
                 *       "detail": "The body exceeds its documented limit.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "TOO_LARGE",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body's `Content-Type` is not one this operation accepts. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/unsupported-media-type",
                 *       "title": "Unsupported media type",
                 *       "status": 415,
                 *       "detail": "The body's `Content-Type` is not one this operation accepts.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "UNSUPPORTED_MEDIA_TYPE",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is well formed but breaks a rule (`errors` names the fields). */
        UnprocessableContent: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/invalid-input",
                 *       "title": "Invalid input",
                 *       "status": 422,
                 *       "detail": "The body is well formed but breaks a rule",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "INVALID_INPUT",
                 *       "requestId": "5b1e2c3d-1a",
                 *       "errors": [
                 *         {
                 *           "field": "/badgeClassId",
                 *           "message": "no approved badge class with this id in this city"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limited: retry after `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/rate-limited",
                 *       "title": "Rate limited",
                 *       "status": 429,
                 *       "detail": "Rate limited: retry after `Retry-After` seconds.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "RATE_LIMITED",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected error, logged under the answer's `requestId`. */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/internal",
                 *       "title": "Internal error",
                 *       "status": 500,
                 *       "detail": "An unexpected error, logged under the answer's `requestId`.",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "INTERNAL",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency is unavailable for a moment: retry after `Retry-After` seconds (with the same `Idempotency-Key`). */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://citybadges.example/problems/unavailable",
                 *       "title": "Service unavailable",
                 *       "status": 503,
                 *       "detail": "A dependency is unavailable for a moment: retry after `Retry-After` seconds",
                 *       "instance": "/v1/cities/leeds/awards/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "code": "UNAVAILABLE",
                 *       "requestId": "5b1e2c3d-1a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Items per page (1 to 100). */
        Limit: number;
        /** @description The `nextCursor` of the previous page (opaque). */
        Cursor: string;
        /** @description The city's slug, e.g. `leeds`. */
        City: string;
        /**
         * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
         * @example 6c1f2a4e-award-leeds-0001
         */
        IdempotencyKey: string;
        /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
        IfNoneMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the three-field form): requests allowed in the current window (one minute), for this API key or, without one, this address. */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window. */
        "RateLimit-Remaining": number;
        /** @description Seconds until the window resets. */
        "RateLimit-Reset": number;
        /** @description Seconds to wait before retrying (RFC 9110). */
        "Retry-After": number;
        /**
         * @description A strong validator of the representation; send it back as `If-None-Match` to get 304 Not Modified when nothing changed.
         * @example "k2dH8r6Qm1xYv0bN3pWq"
         */
        ETag: string;
        /**
         * @description RFC 8288 link to the next page, `<…?cursor=…>; rel="next"`; absent on the last page.
         * @example </v1/cities/leeds/awards?limit=25&cursor=eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ>; rel="next"
         */
        Link: string;
        /** @description The URL of the created resource (or of the accepted job). */
        Location: string;
        /** @description `true` when this answer is the stored answer of an earlier request with the same `Idempotency-Key`. */
        "Idempotent-Replayed": "true";
        /** @description The request id (yours when you sent a valid `X-Request-Id`); problems carry it as `requestId`, and our logs by it. */
        "X-Request-Id": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    live: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready",
                     *       "checks": {
                     *         "en": {
                     *           "ok": false,
                     *           "error": "connection refused"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        checks: {
                            [key: string]: {
                                ok: boolean;
                                error?: string;
                            };
                        };
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            503: components["responses"]["Unavailable"];
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP http_requests_total HTTP requests
                     *     # TYPE http_requests_total counter
                     *     http_requests_total{method="GET",route="/health/live",status="200"} 3
                     */
                    "text/plain": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
        };
    };
    verifyBadge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "recipient": {
                 *         "type": "email",
                 *         "identity": "sam@example.org"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description URL of a hosted OB 2.0 assertion (or of an OB 3.0 credential) */
                    url?: string;
                    /** @description OB 2.0 assertion JSON (object or text) */
                    assertion?: unknown;
                    /** @description compact JWS of a signed OB 2.0 assertion */
                    jws?: string;
                    /** @description OB 3.0 credential JSON with an embedded proof */
                    credential?: unknown;
                    /** @description OB 3.0 VC-JWT */
                    jwt?: string;
                    recipient?: {
                        /** @description email, url, telephone or id (OB 2.0 IdentityObject type) */
                        type?: string;
                        identity: string;
                    };
                };
            };
        };
        responses: {
            /** @description VerificationReport: { verified, format, checks: [{ id, valid, code?, message? }], assertion?, badgeClass?, issuer?, credential? }. A badge that fails verification is a 200 with verified: false. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "verified": true,
                     *       "version": "3.0",
                     *       "checks": [
                     *         {
                     *           "name": "valid_signature",
                     *           "ok": true
                     *         },
                     *         {
                     *           "name": "expiration",
                     *           "ok": true
                     *         },
                     *         {
                     *           "name": "revocation_status",
                     *           "ok": true
                     *         }
                     *       ],
                     *       "recipientMatched": true
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2Issuer: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "Issuer",
                     *       "id": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "name": "Leeds Youth Hub",
                     *       "url": "https://youthhub.example.org",
                     *       "email": "badges@youthhub.example.org",
                     *       "publicKey": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *       "revocationList": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/revocations"
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2Key: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
                kid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "CryptographicKey",
                     *       "id": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *       "owner": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "publicKeyPem": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh…\n-----END PUBLIC KEY-----\n"
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2RevocationList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "RevocationList",
                     *       "id": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/revocations",
                     *       "issuer": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "revokedAssertions": [
                     *         {
                     *           "id": "https://citybadges.example/ob/v2/assertions/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "revocationReason": "Issued to the wrong learner"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2BadgeClass: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "BadgeClass",
                     *       "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *       "name": "Young Climate Champion",
                     *       "description": "Led a climate action project in their neighbourhood.",
                     *       "image": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *       "criteria": {
                     *         "narrative": "Plan and run a local climate action with others."
                     *       },
                     *       "issuer": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "alignment": [
                     *         {
                     *           "targetName": "Climate action",
                     *           "targetUrl": "https://citybadges.example/spine/leeds/elements/climate-action",
                     *           "targetFramework": "Leeds skills spine",
                     *           "targetCode": "climate-action"
                     *         }
                     *       ],
                     *       "tags": [
                     *         "climate",
                     *         "civic"
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2BadgeImage: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2Endorsement: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "Endorsement",
                     *       "id": "https://citybadges.example/ob/v2/endorsements/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "issuer": "https://citybadges.example/ob/v2/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "claim": {
                     *         "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *         "endorsementComment": "A well-run, well-assessed programme."
                     *       },
                     *       "verification": {
                     *         "type": "HostedBadge"
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb2Assertion: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/openbadges/v2",
                     *       "type": "Assertion",
                     *       "id": "https://citybadges.example/ob/v2/assertions/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "recipient": {
                     *         "type": "email",
                     *         "hashed": true,
                     *         "salt": "d41d8cd98f00b204",
                     *         "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c"
                     *       },
                     *       "badge": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "verification": {
                     *         "type": "HostedBadge"
                     *       },
                     *       "evidence": [
                     *         {
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /** @example eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJ2YyI6ey4uLn19.c2lnbmF0dXJl */
                    "text/plain": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            /** @description Revoked or erased. */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://citybadges.example/problems/gone",
                     *       "title": "Gone",
                     *       "status": 410,
                     *       "detail": "The resource existed and is gone for good.",
                     *       "instance": "/ob/v2/assertions/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "GONE",
                     *       "requestId": "5b1e2c3d-1a"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOb2AssertionImage: {
        parameters: {
            query?: {
                form?: "hosted" | "signed";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3Credential: {
        parameters: {
            query?: {
                alg?: "RS256" | "ES256";
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "OpenBadgeCredential"
                     *       ],
                     *       "name": "Young Climate Champion",
                     *       "issuer": {
                     *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *         "type": [
                     *           "Profile"
                     *         ],
                     *         "name": "Leeds Youth Hub"
                     *       },
                     *       "validFrom": "2026-11-30T09:00:00Z",
                     *       "credentialSubject": {
                     *         "type": [
                     *           "AchievementSubject"
                     *         ],
                     *         "identifier": [
                     *           {
                     *             "type": "IdentityObject",
                     *             "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                     *             "identityType": "emailAddress",
                     *             "hashed": true,
                     *             "salt": "d41d8cd98f00b204"
                     *           }
                     *         ],
                     *         "achievement": {
                     *           "@context": [
                     *             "https://www.w3.org/ns/credentials/v2",
                     *             "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *           ],
                     *           "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *           "type": [
                     *             "Achievement"
                     *           ],
                     *           "name": "Young Climate Champion",
                     *           "description": "Led a climate action project in their neighbourhood.",
                     *           "criteria": {
                     *             "narrative": "Plan and run a local climate action with others."
                     *           },
                     *           "image": {
                     *             "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *             "type": "Image"
                     *           }
                     *         }
                     *       },
                     *       "credentialStatus": {
                     *         "id": "https://citybadges.example/ob/v3/status/1#42",
                     *         "type": "BitstringStatusListEntry",
                     *         "statusPurpose": "revocation",
                     *         "statusListIndex": "42",
                     *         "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                     *       },
                     *       "proof": {
                     *         "type": "DataIntegrityProof",
                     *         "cryptosuite": "eddsa-rdfc-2022",
                     *         "created": "2026-11-30T09:00:00Z",
                     *         "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *         "proofPurpose": "assertionMethod",
                     *         "proofValue": "z3FXQjecWufY46…"
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /** @example eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJ2YyI6ey4uLn19.c2lnbmF0dXJl */
                    "text/plain": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
        };
    };
    getOb3CredentialImage: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3Achievement: {
        parameters: {
            query?: {
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
                /** @description With `version`: the Achievement of completing that version of the pathway whose completion badge this is (the `id` of the Achievement in its completion credentials) */
                pathway?: string;
                version?: number;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *       "type": [
                     *         "Achievement"
                     *       ],
                     *       "name": "Young Climate Champion",
                     *       "description": "Led a climate action project in their neighbourhood.",
                     *       "criteria": {
                     *         "narrative": "Plan and run a local climate action with others."
                     *       },
                     *       "image": {
                     *         "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *         "type": "Image"
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3Issuer: {
        parameters: {
            query?: {
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "type": [
                     *         "Profile"
                     *       ],
                     *       "name": "Leeds Youth Hub",
                     *       "url": "https://youthhub.example.org",
                     *       "assertionMethod": [
                     *         "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1"
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3VerificationMethod: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://w3id.org/security/multikey/v1",
                     *       "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *       "type": "Multikey",
                     *       "controller": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3Jwks: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "EC",
                     *           "crv": "P-256",
                     *           "kid": "k1",
                     *           "alg": "ES256",
                     *           "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                     *           "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/jwk-set+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3Jwk: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
                kid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kty": "EC",
                     *       "crv": "P-256",
                     *       "kid": "k1",
                     *       "alg": "ES256",
                     *       "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                     *       "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
                     *     }
                     */
                    "application/jwk+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3RevocationList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/revocations",
                     *       "issuer": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "revokedCredentials": [
                     *         {
                     *           "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "reason": "Issued to the wrong learner"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOb3StatusList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                list: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/status/1",
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "BitstringStatusListCredential"
                     *       ],
                     *       "issuer": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *       "credentialSubject": {
                     *         "id": "https://citybadges.example/ob/v3/status/1#list",
                     *         "type": "BitstringStatusList",
                     *         "statusPurpose": "revocation",
                     *         "encodedList": "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    getOb3Endorsement: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/endorsements/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "EndorsementCredential"
                     *       ],
                     *       "issuer": {
                     *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *         "type": [
                     *           "Profile"
                     *         ]
                     *       },
                     *       "validFrom": "2026-11-30T09:00:00Z",
                     *       "credentialSubject": {
                     *         "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *         "type": [
                     *           "EndorsementSubject"
                     *         ],
                     *         "endorsementComment": "A well-run, well-assessed programme."
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicSpine: {
        parameters: {
            query?: {
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "DefinedTermSet",
                     *       "@id": "https://citybadges.example/spine/leeds",
                     *       "name": "Leeds skills spine",
                     *       "hasDefinedTerm": [
                     *         {
                     *           "@context": "https://schema.org/",
                     *           "@type": "DefinedTerm",
                     *           "@id": "https://citybadges.example/spine/leeds/elements/climate-action",
                     *           "termCode": "climate-action",
                     *           "name": "Climate action",
                     *           "inDefinedTermSet": "https://citybadges.example/spine/leeds"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicSpineElement: {
        parameters: {
            query?: {
                version?: number;
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "DefinedTerm",
                     *       "@id": "https://citybadges.example/spine/leeds/elements/climate-action",
                     *       "termCode": "climate-action",
                     *       "name": "Climate action",
                     *       "inDefinedTermSet": "https://citybadges.example/spine/leeds"
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicGridCell: {
        parameters: {
            query?: {
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                level: "engagement" | "participation" | "demonstration" | "leadership";
                dimension: "knowledge" | "skills" | "attitudes-values";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "DefinedTerm",
                     *       "@id": "https://citybadges.example/spine/leeds/grid/participation/skills",
                     *       "name": "Participation × skills",
                     *       "description": "Takes part and practises the skill with support."
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicTheme: {
        parameters: {
            query?: {
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "DefinedTerm",
                     *       "@id": "https://citybadges.example/spine/leeds/themes/climate",
                     *       "termCode": "climate",
                     *       "name": "Climate and environment"
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicDestination: {
        parameters: {
            query?: {
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "DefinedTerm",
                     *       "@id": "https://citybadges.example/spine/leeds/destinations/apprenticeship",
                     *       "termCode": "apprenticeship",
                     *       "name": "An apprenticeship"
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicCasePackage: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "CFDocument": {
                     *         "identifier": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "uri": "https://citybadges.example/spine/leeds/case/CFDocuments/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "title": "Leeds skills spine",
                     *         "creator": "Leeds City of Learning",
                     *         "lastChangeDateTime": "2026-11-30T09:00:00Z"
                     *       },
                     *       "CFItems": [
                     *         {
                     *           "identifier": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *           "fullStatement": "Climate action",
                     *           "humanCodingScheme": "climate-action"
                     *         }
                     *       ],
                     *       "CFAssociations": []
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicCaseDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "identifier": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "uri": "https://citybadges.example/spine/leeds/case/CFDocuments/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "title": "Leeds skills spine",
                     *       "creator": "Leeds City of Learning",
                     *       "lastChangeDateTime": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getShare: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "type": "Collection",
                     *       "name": "My badges",
                     *       "items": [
                     *         "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ]
                     *     }
                     */
                    "application/ld+json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["RateLimited"];
        };
    };
    searchOpportunities: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                /** @description lat,lon in decimal degrees */
                near?: string;
                /** @description With near; at most the city’s maximum (default 50 km) */
                radiusKm?: number;
                from?: string;
                to?: string;
                /** @description Stable: never renamed, never reused */
                theme?: string;
                /** @description Stable: never renamed, never reused */
                destination?: string;
                /** @description A spine element: matches it and its descendants */
                element?: string;
                level?: "engagement" | "participation" | "demonstration" | "leadership";
                age?: number;
                free?: boolean;
                online?: boolean;
                kind?: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                /** @description Words of the title or description; tolerates typos */
                q?: string;
                sort?: "distance" | "start" | "relevance";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "title": "Young Climate Champion",
                     *           "kind": "activity",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "distanceKm": 1,
                     *           "nextSession": {
                     *             "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "start": "2026-11-30T09:00:00Z",
                     *             "end": "2026-11-30T09:00:00Z",
                     *             "capacity": 1,
                     *             "placesLeft": 1
                     *           },
                     *           "place": {
                     *             "lat": 53.8,
                     *             "lon": -1.55,
                     *             "address": "1 Briggate, Leeds",
                     *             "postcode": "LS1 6HD",
                     *             "area": "LS6"
                     *           },
                     *           "online": false,
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "ageRange": {
                     *             "min": 1,
                     *             "max": 1
                     *           },
                     *           "cost": {
                     *             "free": false,
                     *             "amount": 1,
                     *             "currency": "GBP"
                     *           },
                     *           "relevance": 1,
                     *           "url": "https://example.org/youth-centre"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ",
                     *       "next": "text"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            title: string;
                            /** @enum {string} */
                            kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                            /** Format: uuid */
                            organisationId: string;
                            distanceKm: number | null;
                            nextSession: {
                                /** Format: uuid */
                                id: string;
                                start: string;
                                end: string;
                                capacity: number | null;
                                placesLeft: number | null;
                            } | null;
                            place?: {
                                lat: number;
                                lon: number;
                                address?: string;
                                postcode?: string;
                                area?: string;
                            };
                            online: boolean;
                            themes: string[];
                            ageRange?: {
                                min?: number;
                                max?: number;
                            };
                            cost: {
                                free: boolean;
                                amount?: number;
                                currency?: string;
                            };
                            relevance?: number;
                            url: string;
                        }[];
                        nextCursor: string | null;
                        next?: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOpportunityFeed: {
        parameters: {
            query?: {
                /** @description The `modified` of the last item read */
                afterTimestamp?: string;
                /** @description The `id` of the last item read */
                afterId?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "state": "updated",
                     *           "kind": "SessionSeries",
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "modified": 1764493200000,
                     *           "data": {
                     *             "@context": "https://openactive.io/",
                     *             "@type": "SessionSeries",
                     *             "name": "Youth climate workshop"
                     *           }
                     *         }
                     *       ],
                     *       "next": "https://citybadges.example/feeds/leeds/opportunities?afterTimestamp=1764493200000&afterId=3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "license": "https://creativecommons.org/licenses/by/4.0/"
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            modified: number;
                            kind: string;
                            /** @enum {string} */
                            state: "updated" | "deleted";
                            data?: unknown;
                        }[];
                        next: string;
                        license: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPublicOpportunity: {
        parameters: {
            query?: {
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/ld+json, or text/html */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": "https://schema.org/",
                     *       "@type": "Event",
                     *       "@id": "https://citybadges.example/opportunities/leeds/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Youth climate workshop",
                     *       "startDate": "2026-12-05T16:00:00Z",
                     *       "location": {
                     *         "@type": "Place",
                     *         "address": "1 Briggate, Leeds"
                     *       },
                     *       "isAccessibleForFree": true
                     *     }
                     */
                    "application/ld+json": unknown;
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    giveGuardianConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "consent": true,
                 *       "wordingVersion": "2026-09"
                 *     }
                 */
                "application/json": {
                    consent: boolean;
                    /** @description the version of the wording the guardian was shown */
                    wordingVersion: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "guardianConsent": "given",
                     *       "consentedAt": "2026-11-30T09:00:00Z",
                     *       "wordingVersion": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        learnerId: string;
                        /** @enum {string} */
                        guardianConsent: "given" | "pending";
                        /** Format: date-time */
                        consentedAt?: string;
                        wordingVersion: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description No such token. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://citybadges.example/problems/not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "No such resource here, or one your key may not see",
                     *       "instance": "/guardian-consent/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "NOT_FOUND",
                     *       "requestId": "5b1e2c3d-1a"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token was already used. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://citybadges.example/problems/conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "The request conflicts with the resource's current state.",
                     *       "instance": "/guardian-consent/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "CONFLICT",
                     *       "requestId": "5b1e2c3d-1a"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link expired. */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://citybadges.example/problems/gone",
                     *       "title": "Gone",
                     *       "status": 410,
                     *       "detail": "The resource existed and is gone for good.",
                     *       "instance": "/guardian-consent/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "GONE",
                     *       "requestId": "5b1e2c3d-1a"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    guardianViewLearner: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learner": {
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "ageBand": "under-13",
                     *         "area": "LS6",
                     *         "displayName": "Sam",
                     *         "externalRefs": [
                     *           {
                     *             "platform": "youthhub",
                     *             "ref": "u-4821"
                     *           }
                     *         ],
                     *         "identifiers": [
                     *           {
                     *             "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "type": "email",
                     *             "masked": "text",
                     *             "verified": false,
                     *             "verifiedAt": "2026-11-30T09:00:00Z"
                     *           }
                     *         ],
                     *         "consents": {
                     *           "sharing": false,
                     *           "contact": false,
                     *           "insightsOptOut": false
                     *         },
                     *         "guardianConsent": "pending",
                     *         "createdAt": "2026-11-30T09:00:00Z",
                     *         "updatedAt": "2026-11-30T09:00:00Z"
                     *       },
                     *       "backpack": {
                     *         "items": [
                     *           {
                     *             "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "badgeName": "text",
                     *             "badgeDescription": "2026-11-30T09:00:00Z",
                     *             "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "issuerName": "text",
                     *             "issuedOn": "2026-11-30T09:00:00Z",
                     *             "expires": "2026-11-30T09:00:00Z",
                     *             "acceptance": "pending",
                     *             "acceptanceAt": "2026-11-30T09:00:00Z",
                     *             "revoked": false,
                     *             "revocationReason": "2026-11-30T09:00:00Z",
                     *             "links": {
                     *               "assertion": "2026-11-30T09:00:00Z",
                     *               "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *               "credential": "text",
                     *               "badgeClass": "text"
                     *             }
                     *           }
                     *         ],
                     *         "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ",
                     *         "imports": [
                     *           {
                     *             "importId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "name": "Leeds City of Learning",
                     *             "issuerName": "text",
                     *             "issuedOn": "2026-11-30T09:00:00Z",
                     *             "format": "2026-11-30T09:00:00Z",
                     *             "verifiedAt": "2026-11-30T09:00:00Z",
                     *             "checkedAt": "2026-11-30T09:00:00Z"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": {
                        learner: components["schemas"]["Learner"];
                        backpack: {
                            items: components["schemas"]["BackpackItem"][];
                            nextCursor: string | null;
                            /** @description verified imported badges, on the first page of an unfiltered backpack (not for issuer keys); failed imports are never listed here */
                            imports?: {
                                /** Format: uuid */
                                importId: string;
                                name?: string;
                                issuerName?: string;
                                /** Format: date-time */
                                issuedOn?: string;
                                format: string;
                                /** Format: date-time */
                                verifiedAt: string;
                                /** Format: date-time */
                                checkedAt: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    guardianEraseLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "erasedAt": "2026-11-30T09:00:00Z",
                     *       "awardsErased": 1,
                     *       "alreadyErased": false
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        learnerId: string;
                        /** Format: date-time */
                        erasedAt: string;
                        awardsErased: number;
                        alreadyErased: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    guardianExportLearner: {
        parameters: {
            query?: {
                /** @description json (default): everything; clr: a signed CLR 2.0 ClrCredential; zip: the baked badges */
                format?: "json" | "clr" | "zip";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description as GET .../learners/{id}/export */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learner": {
                     *         "id": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86",
                     *         "ageBand": "under-13"
                     *       },
                     *       "awards": [],
                     *       "shares": [],
                     *       "pathways": []
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    getHome: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /**
                     * @example {
                     *       "cities": [
                     *         {
                     *           "slug": "leeds",
                     *           "name": "Leeds City of Learning",
                     *           "url": "https://citybadges.example/cities/leeds"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": Record<string, never>;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getCityPage: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /**
                     * @example {
                     *       "slug": "leeds",
                     *       "name": "Leeds City of Learning",
                     *       "organisations": 12,
                     *       "badgeClasses": 48
                     *     }
                     */
                    "application/json": Record<string, never>;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getCityLogo: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description image/png or image/svg+xml */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    verifyBadgePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "recipient": "sam@example.org"
                 *     }
                 */
                "application/json": {
                    recipient?: string;
                };
            };
        };
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    getInsightReport: {
        parameters: {
            query?: {
                exp?: number;
                sig?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><title>Insights — Leeds City of Learning</title></head><body>…</body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getInsightOpenData: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "city": "leeds",
                     *       "week": "2026-W48",
                     *       "tables": []
                     *     }
                     */
                    "application/json": unknown;
                    /** @example table,row,col,learners,suppressed */
                    "text/csv": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOauthInteraction: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><title>Allow access to your badges</title></head><body>…</body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    loginOauthInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learner_token": "clt_3q8ZkF0pW2mX9rT4yV7bN1cD5eH6jK"
                 *     }
                 */
                "application/json": {
                    learner_token: string;
                };
                /**
                 * @example {
                 *       "learner_token": "clt_3q8ZkF0pW2mX9rT4yV7bN1cD5eH6jK"
                 *     }
                 */
                "application/x-www-form-urlencoded": {
                    learner_token: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "next": "text"
                     *     }
                     */
                    "application/json": {
                        next: string;
                    };
                };
            };
            /** @description OK */
            303: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example {} */
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    confirmOauthInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            303: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example {} */
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    abortOauthInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            303: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example {} */
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
        };
    };
    getServiceDescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ServiceDescriptionDocument */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "openapi": "3.0.1",
                     *       "info": {
                     *         "title": "CityBadges Open Badges API",
                     *         "version": "3.0",
                     *         "x-imssf-privacyPolicyUrl": "https://citybadges.example/privacy"
                     *       },
                     *       "components": {
                     *         "securitySchemes": {
                     *           "OAuth2ACG": {
                     *             "type": "oauth2",
                     *             "x-imssf-registrationUrl": "https://citybadges.example/oauth/reg"
                     *           }
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            429: components["responses"]["RateLimited"];
        };
    };
    getObCredentials: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                since?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GetOpenBadgeCredentialsResponse */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "credential": [
                     *         {}
                     *       ],
                     *       "compactJwsString": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        credential?: unknown[];
                        compactJwsString?: string[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            405: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://citybadges.example/problems/method-not-allowed",
                     *       "title": "Method not allowed",
                     *       "status": 405,
                     *       "detail": "Method not allowed",
                     *       "instance": "/ims/ob/v3p0/credentials",
                     *       "code": "METHOD_NOT_ALLOWED",
                     *       "requestId": "5b1e2c3d-1a"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    upsertObCredential: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "@context": [
                 *         "https://www.w3.org/ns/credentials/v2",
                 *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                 *       ],
                 *       "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "type": [
                 *         "VerifiableCredential",
                 *         "OpenBadgeCredential"
                 *       ],
                 *       "name": "Young Climate Champion",
                 *       "issuer": {
                 *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *         "type": [
                 *           "Profile"
                 *         ],
                 *         "name": "Leeds Youth Hub"
                 *       },
                 *       "validFrom": "2026-11-30T09:00:00Z",
                 *       "credentialSubject": {
                 *         "type": [
                 *           "AchievementSubject"
                 *         ],
                 *         "identifier": [
                 *           {
                 *             "type": "IdentityObject",
                 *             "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                 *             "identityType": "emailAddress",
                 *             "hashed": true,
                 *             "salt": "d41d8cd98f00b204"
                 *           }
                 *         ],
                 *         "achievement": {
                 *           "@context": [
                 *             "https://www.w3.org/ns/credentials/v2",
                 *             "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                 *           ],
                 *           "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                 *           "type": [
                 *             "Achievement"
                 *           ],
                 *           "name": "Young Climate Champion",
                 *           "description": "Led a climate action project in their neighbourhood.",
                 *           "criteria": {
                 *             "narrative": "Plan and run a local climate action with others."
                 *           },
                 *           "image": {
                 *             "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                 *             "type": "Image"
                 *           }
                 *         }
                 *       },
                 *       "credentialStatus": {
                 *         "id": "https://citybadges.example/ob/v3/status/1#42",
                 *         "type": "BitstringStatusListEntry",
                 *         "statusPurpose": "revocation",
                 *         "statusListIndex": "42",
                 *         "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                 *       },
                 *       "proof": {
                 *         "type": "DataIntegrityProof",
                 *         "cryptosuite": "eddsa-rdfc-2022",
                 *         "created": "2026-11-30T09:00:00Z",
                 *         "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                 *         "proofPurpose": "assertionMethod",
                 *         "proofValue": "z3FXQjecWufY46…"
                 *       }
                 *     }
                 */
                "application/json": unknown;
                /**
                 * @example {
                 *       "@context": [
                 *         "https://www.w3.org/ns/credentials/v2",
                 *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                 *       ],
                 *       "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *       "type": [
                 *         "VerifiableCredential",
                 *         "OpenBadgeCredential"
                 *       ],
                 *       "name": "Young Climate Champion",
                 *       "issuer": {
                 *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *         "type": [
                 *           "Profile"
                 *         ],
                 *         "name": "Leeds Youth Hub"
                 *       },
                 *       "validFrom": "2026-11-30T09:00:00Z",
                 *       "credentialSubject": {
                 *         "type": [
                 *           "AchievementSubject"
                 *         ],
                 *         "identifier": [
                 *           {
                 *             "type": "IdentityObject",
                 *             "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                 *             "identityType": "emailAddress",
                 *             "hashed": true,
                 *             "salt": "d41d8cd98f00b204"
                 *           }
                 *         ],
                 *         "achievement": {
                 *           "@context": [
                 *             "https://www.w3.org/ns/credentials/v2",
                 *             "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                 *           ],
                 *           "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                 *           "type": [
                 *             "Achievement"
                 *           ],
                 *           "name": "Young Climate Champion",
                 *           "description": "Led a climate action project in their neighbourhood.",
                 *           "criteria": {
                 *             "narrative": "Plan and run a local climate action with others."
                 *           },
                 *           "image": {
                 *             "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                 *             "type": "Image"
                 *           }
                 *         }
                 *       },
                 *       "credentialStatus": {
                 *         "id": "https://citybadges.example/ob/v3/status/1#42",
                 *         "type": "BitstringStatusListEntry",
                 *         "statusPurpose": "revocation",
                 *         "statusListIndex": "42",
                 *         "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                 *       },
                 *       "proof": {
                 *         "type": "DataIntegrityProof",
                 *         "cryptosuite": "eddsa-rdfc-2022",
                 *         "created": "2026-11-30T09:00:00Z",
                 *         "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                 *         "proofPurpose": "assertionMethod",
                 *         "proofValue": "z3FXQjecWufY46…"
                 *       }
                 *     }
                 */
                "application/vc+ld+json": unknown;
                /** @example eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJ2YyI6ey4uLn19.c2lnbmF0dXJl */
                "text/plain": string;
            };
        };
        responses: {
            /** @description An OpenBadgeCredential (AchievementCredential) with an embedded proof */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "OpenBadgeCredential"
                     *       ],
                     *       "name": "Young Climate Champion",
                     *       "issuer": {
                     *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *         "type": [
                     *           "Profile"
                     *         ],
                     *         "name": "Leeds Youth Hub"
                     *       },
                     *       "validFrom": "2026-11-30T09:00:00Z",
                     *       "credentialSubject": {
                     *         "type": [
                     *           "AchievementSubject"
                     *         ],
                     *         "identifier": [
                     *           {
                     *             "type": "IdentityObject",
                     *             "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                     *             "identityType": "emailAddress",
                     *             "hashed": true,
                     *             "salt": "d41d8cd98f00b204"
                     *           }
                     *         ],
                     *         "achievement": {
                     *           "@context": [
                     *             "https://www.w3.org/ns/credentials/v2",
                     *             "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *           ],
                     *           "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *           "type": [
                     *             "Achievement"
                     *           ],
                     *           "name": "Young Climate Champion",
                     *           "description": "Led a climate action project in their neighbourhood.",
                     *           "criteria": {
                     *             "narrative": "Plan and run a local climate action with others."
                     *           },
                     *           "image": {
                     *             "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *             "type": "Image"
                     *           }
                     *         }
                     *       },
                     *       "credentialStatus": {
                     *         "id": "https://citybadges.example/ob/v3/status/1#42",
                     *         "type": "BitstringStatusListEntry",
                     *         "statusPurpose": "revocation",
                     *         "statusListIndex": "42",
                     *         "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                     *       },
                     *       "proof": {
                     *         "type": "DataIntegrityProof",
                     *         "cryptosuite": "eddsa-rdfc-2022",
                     *         "created": "2026-11-30T09:00:00Z",
                     *         "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *         "proofPurpose": "assertionMethod",
                     *         "proofValue": "z3FXQjecWufY46…"
                     *       }
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description An OpenBadgeCredential (AchievementCredential) with an embedded proof */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *       ],
                     *       "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "OpenBadgeCredential"
                     *       ],
                     *       "name": "Young Climate Champion",
                     *       "issuer": {
                     *         "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *         "type": [
                     *           "Profile"
                     *         ],
                     *         "name": "Leeds Youth Hub"
                     *       },
                     *       "validFrom": "2026-11-30T09:00:00Z",
                     *       "credentialSubject": {
                     *         "type": [
                     *           "AchievementSubject"
                     *         ],
                     *         "identifier": [
                     *           {
                     *             "type": "IdentityObject",
                     *             "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                     *             "identityType": "emailAddress",
                     *             "hashed": true,
                     *             "salt": "d41d8cd98f00b204"
                     *           }
                     *         ],
                     *         "achievement": {
                     *           "@context": [
                     *             "https://www.w3.org/ns/credentials/v2",
                     *             "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *           ],
                     *           "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *           "type": [
                     *             "Achievement"
                     *           ],
                     *           "name": "Young Climate Champion",
                     *           "description": "Led a climate action project in their neighbourhood.",
                     *           "criteria": {
                     *             "narrative": "Plan and run a local climate action with others."
                     *           },
                     *           "image": {
                     *             "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *             "type": "Image"
                     *           }
                     *         }
                     *       },
                     *       "credentialStatus": {
                     *         "id": "https://citybadges.example/ob/v3/status/1#42",
                     *         "type": "BitstringStatusListEntry",
                     *         "statusPurpose": "revocation",
                     *         "statusListIndex": "42",
                     *         "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                     *       },
                     *       "proof": {
                     *         "type": "DataIntegrityProof",
                     *         "cryptosuite": "eddsa-rdfc-2022",
                     *         "created": "2026-11-30T09:00:00Z",
                     *         "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *         "proofPurpose": "assertionMethod",
                     *         "proofValue": "z3FXQjecWufY46…"
                     *       }
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getObProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The learner's OB 3.0 Profile: a pseudonymous id (`urn:uuid:…`) and, where the city stores names, the display name */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "text"
                     *       ],
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "text"
                     *       ],
                     *       "name": "Leeds City of Learning"
                     *     }
                     */
                    "application/json": {
                        "@context"?: string[];
                        id: string;
                        type: string[];
                        name?: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    putObProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Sam"
                 *     }
                 */
                "application/json": unknown;
                /**
                 * @example {
                 *       "name": "Sam"
                 *     }
                 */
                "application/ld+json": unknown;
            };
        };
        responses: {
            /** @description The learner's OB 3.0 Profile: a pseudonymous id (`urn:uuid:…`) and, where the city stores names, the display name */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "@context": [
                     *         "text"
                     *       ],
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "type": [
                     *         "text"
                     *       ],
                     *       "name": "Leeds City of Learning"
                     *     }
                     */
                    "application/json": {
                        "@context"?: string[];
                        id: string;
                        type: string[];
                        name?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listProblemTypes: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "type": "text",
                     *           "code": "climate-action",
                     *           "status": 1,
                     *           "title": "Young Climate Champion",
                     *           "explanation": "2026-11-30T09:00:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            type: string;
                            code: string;
                            status: number;
                            title: string;
                            explanation: string;
                        }[];
                    };
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
        };
    };
    getProblemType: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html> */
                    "text/html": string;
                    /**
                     * @example {
                     *       "type": "text",
                     *       "code": "climate-action",
                     *       "status": 1,
                     *       "title": "Young Climate Champion",
                     *       "explanation": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        type: string;
                        code: string;
                        status: number;
                        title: string;
                        explanation: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
        };
    };
    listCities: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "slug": "leeds",
                     *           "name": "Leeds City of Learning",
                     *           "locales": [
                     *             "en-GB"
                     *           ],
                     *           "timezone": "Europe/London",
                     *           "privacyThreshold": 1,
                     *           "storePlainIdentity": false,
                     *           "createdAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["CityList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createCity: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "slug": "leeds",
                 *       "name": "Leeds City of Learning",
                 *       "locales": [
                 *         "en-GB"
                 *       ],
                 *       "timezone": "Europe/London",
                 *       "privacyThreshold": 10
                 *     }
                 */
                "application/json": {
                    slug: string;
                    name: string;
                    locales?: string[];
                    timezone?: string;
                    /** @description Insights never publish a cell of fewer people */
                    privacyThreshold?: number;
                    /** @description Keep recipients’ plain identities beside the salted hashes (off by default) */
                    storePlainIdentity?: boolean;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "slug": "leeds",
                     *       "name": "Leeds City of Learning",
                     *       "locales": [
                     *         "en-GB"
                     *       ],
                     *       "timezone": "Europe/London",
                     *       "privacyThreshold": 1,
                     *       "storePlainIdentity": false,
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["City"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getCity: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "slug": "leeds",
                     *       "name": "Leeds City of Learning",
                     *       "locales": [
                     *         "en-GB"
                     *       ],
                     *       "timezone": "Europe/London",
                     *       "privacyThreshold": 1,
                     *       "storePlainIdentity": false,
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["City"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getCityBranding: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "Leeds City of Learning",
                     *       "about": "Leeds City of Learning recognises learning across the city.",
                     *       "accentColour": "#0b5394",
                     *       "accentText": "text",
                     *       "logo": "text"
                     *     }
                     */
                    "application/json": components["schemas"]["Branding"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateCityBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Leeds City of Learning",
                 *       "about": "Recognising learning everywhere in Leeds.",
                 *       "accentColour": "#0b5394"
                 *     }
                 */
                "application/json": {
                    name?: null | string;
                    about?: null | string;
                    accentColour?: null | string;
                    logo?: null | string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "Leeds City of Learning",
                     *       "about": "Leeds City of Learning recognises learning across the city.",
                     *       "accentColour": "#0b5394",
                     *       "accentText": "text",
                     *       "logo": "text"
                     *     }
                     */
                    "application/json": components["schemas"]["Branding"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listOrganisations: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "name": "Leeds City of Learning",
                     *           "url": "https://example.org/youth-centre",
                     *           "email": "badges@example.org",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *           "telephone": "+441130000000",
                     *           "kind": "charity",
                     *           "verified": false,
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["OrganisationList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createOrganisation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Leeds Youth Hub",
                 *       "url": "https://youthhub.example.org",
                 *       "email": "badges@youthhub.example.org",
                 *       "kind": "youth-club"
                 *     }
                 */
                "application/json": {
                    name: string;
                    url: string;
                    email: string;
                    description?: string;
                    /** @description https URL or PNG/SVG data URI */
                    image?: string;
                    telephone?: string;
                    /** @enum {string} */
                    kind?: "school" | "college" | "university" | "employer" | "charity" | "youth-club" | "museum" | "library" | "council" | "cultural" | "sport" | "other";
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "url": "https://example.org/youth-centre",
                     *       "email": "badges@example.org",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "telephone": "+441130000000",
                     *       "kind": "charity",
                     *       "verified": false,
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "url": "https://example.org/youth-centre",
                     *       "email": "badges@example.org",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "telephone": "+441130000000",
                     *       "kind": "charity",
                     *       "verified": false,
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://youthhub.example.org/badges"
                 *     }
                 */
                "application/json": {
                    name?: string;
                    url?: string;
                    email?: string;
                    description?: string;
                    /** @description https URL or PNG/SVG data URI */
                    image?: string;
                    telephone?: string;
                    /** @enum {string} */
                    kind?: "school" | "college" | "university" | "employer" | "charity" | "youth-club" | "museum" | "library" | "council" | "cultural" | "sport" | "other";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "url": "https://example.org/youth-centre",
                     *       "email": "badges@example.org",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "telephone": "+441130000000",
                     *       "kind": "charity",
                     *       "verified": false,
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    setOrganisationVerified: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "verified": true
                 *     }
                 */
                "application/json": {
                    verified: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "url": "https://example.org/youth-centre",
                     *       "email": "badges@example.org",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "telephone": "+441130000000",
                     *       "kind": "charity",
                     *       "verified": false,
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "name": "Leeds City of Learning",
                     *           "role": "text",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "lastUsedAt": "2026-11-30T09:00:00Z",
                     *           "revokedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            role: string;
                            organisationId?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Youth Hub LMS",
                 *       "role": "issuer",
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "city-admin" | "issuer" | "reader" | "app";
                    /** Format: uuid */
                    organisationId?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "cbk_live_2kTz9cQ1vW8yXn4pLr7sHf3a",
                     *       "apiKey": {
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "name": "Leeds City of Learning",
                     *         "role": "text",
                     *         "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "createdAt": "2026-11-30T09:00:00Z",
                     *         "lastUsedAt": "2026-11-30T09:00:00Z",
                     *         "revokedAt": "2026-11-30T09:00:00Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description The secret: shown once, never again */
                        key: string;
                        apiKey: {
                            id: string;
                            name: string;
                            role: string;
                            organisationId?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "role": "text",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "lastUsedAt": "2026-11-30T09:00:00Z",
                     *       "revokedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        role: string;
                        organisationId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        lastUsedAt?: string;
                        /** Format: date-time */
                        revokedAt?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "algorithm": "text",
                     *           "active": false,
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "retiredAt": "2026-11-30T09:00:00Z",
                     *           "publicKeyPem": "text",
                     *           "url": "https://example.org/youth-centre"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            algorithm: string;
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            retiredAt?: string;
                            publicKeyPem: string;
                            url: string;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "algorithm": "text",
                     *       "active": false,
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "publicKeyPem": "text",
                     *       "url": "https://example.org/youth-centre"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        algorithm: string;
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        publicKeyPem: string;
                        url: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    listBadgeClasses: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                organisationId?: string;
                status?: "draft" | "submitted" | "approved" | "superseded" | "retired";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "version": 1,
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "status": "draft",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *           "criteria": {
                     *             "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *             "url": "https://example.org/youth-centre"
                     *           },
                     *           "tags": [
                     *             "text"
                     *           ],
                     *           "alignments": [
                     *             {
                     *               "targetName": "text",
                     *               "targetUrl": "https://example.org/",
                     *               "targetDescription": "2026-11-30T09:00:00Z",
                     *               "targetFramework": "text",
                     *               "targetCode": "text"
                     *             }
                     *           ],
                     *           "spine": {
                     *             "elements": [
                     *               "text"
                     *             ],
                     *             "level": "engagement",
                     *             "dimensions": [
                     *               "knowledge"
                     *             ]
                     *           },
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "destinations": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "generatedAlignments": [
                     *             {
                     *               "targetName": "text",
                     *               "targetUrl": "https://example.org/",
                     *               "targetDescription": "2026-11-30T09:00:00Z",
                     *               "targetFramework": "text",
                     *               "targetCode": "text"
                     *             }
                     *           ],
                     *           "expiry": {
                     *             "type": "none"
                     *           },
                     *           "language": "en",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "approvedAt": "2026-11-30T09:00:00Z",
                     *           "retiredAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "badgeClass": "text",
                     *             "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *             "issuer": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                            name: string;
                            description: string;
                            /** @description URL of the hosted image */
                            image: string;
                            criteria: {
                                narrative?: string;
                                url?: string;
                            };
                            tags: string[];
                            /** @description Free alignments, published after the generated ones */
                            alignments: components["schemas"]["Alignment"][];
                            spine?: components["schemas"]["SpineSelection"];
                            themes: string[];
                            destinations: string[];
                            /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                            generatedAlignments: components["schemas"]["Alignment"][];
                            expiry: components["schemas"]["Expiry"];
                            /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                            language?: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                            links: {
                                badgeClass: string;
                                image: string;
                                issuer: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *       "name": {
                 *         "en": "Young Climate Champion",
                 *         "cy": "Hyrwyddwr Hinsawdd Ifanc"
                 *       },
                 *       "description": "Led a climate action project in their neighbourhood.",
                 *       "criteria": {
                 *         "narrative": "Plan and run a local climate action with others."
                 *       },
                 *       "tags": [
                 *         "climate"
                 *       ],
                 *       "spine": {
                 *         "elements": [
                 *           "climate-action"
                 *         ],
                 *         "level": "participation",
                 *         "dimensions": [
                 *           "skills"
                 *         ]
                 *       },
                 *       "themes": [
                 *         "climate"
                 *       ],
                 *       "expiry": {
                 *         "type": "none"
                 *       },
                 *       "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    name: string | {
                        [key: string]: string;
                    };
                    description: string | {
                        [key: string]: string;
                    };
                    /** @description PNG or SVG data URI (or send multipart/form-data: metadata + image) */
                    image: string;
                    criteria: {
                        narrative?: string | {
                            [key: string]: string;
                        };
                        url?: string;
                    };
                    tags?: string[];
                    alignments?: components["schemas"]["Alignment"][];
                    expiry?: components["schemas"]["Expiry"];
                    language?: string;
                    spine?: components["schemas"]["SpineSelection"];
                    /** @description Codes (or ids) of the city's themes */
                    themes?: string[];
                    /** @description Codes (or ids) of the city's destinations */
                    destinations?: string[];
                };
                /**
                 * @example {
                 *       "metadata": {
                 *         "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *         "name": {
                 *           "en": "Young Climate Champion",
                 *           "cy": "Hyrwyddwr Hinsawdd Ifanc"
                 *         },
                 *         "description": "Led a climate action project in their neighbourhood.",
                 *         "criteria": {
                 *           "narrative": "Plan and run a local climate action with others."
                 *         },
                 *         "tags": [
                 *           "climate"
                 *         ],
                 *         "spine": {
                 *           "elements": [
                 *             "climate-action"
                 *           ],
                 *           "level": "participation",
                 *           "dimensions": [
                 *             "skills"
                 *           ]
                 *         },
                 *         "themes": [
                 *           "climate"
                 *         ],
                 *         "expiry": {
                 *           "type": "none"
                 *         }
                 *       },
                 *       "image": "(the PNG or SVG file, as a binary part named image)"
                 *     }
                 */
                "multipart/form-data": {
                    metadata: {
                        /** Format: uuid */
                        organisationId: string;
                        name: string | {
                            [key: string]: string;
                        };
                        description: string | {
                            [key: string]: string;
                        };
                        criteria: {
                            narrative?: string | {
                                [key: string]: string;
                            };
                            url?: string;
                        };
                        tags?: string[];
                        alignments?: components["schemas"]["Alignment"][];
                        expiry?: components["schemas"]["Expiry"];
                        language?: string;
                        spine?: components["schemas"]["SpineSelection"];
                        /** @description Codes (or ids) of the city's themes */
                        themes?: string[];
                        /** @description Codes (or ids) of the city's destinations */
                        destinations?: string[];
                    };
                    /** @description The badge image, PNG or SVG, at most 262144 bytes */
                    image: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getBadgeClass: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "description": "Led a climate action project with others in their neighbourhood."
                 *     }
                 */
                "application/json": {
                    name?: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                    /** @description PNG or SVG data URI (or send multipart/form-data with a file part `image`) */
                    image?: string;
                    criteria?: {
                        narrative?: string | {
                            [key: string]: string;
                        };
                        url?: string;
                    };
                    tags?: string[];
                    alignments?: components["schemas"]["Alignment"][];
                    expiry?: components["schemas"]["Expiry"];
                    language?: string;
                    spine?: components["schemas"]["SpineSelection"] | null;
                    /** @description Codes (or ids) of the city's themes */
                    themes?: string[];
                    /** @description Codes (or ids) of the city's destinations */
                    destinations?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listBadgeClassVersions: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "version": 1,
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "status": "draft",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *           "criteria": {
                     *             "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *             "url": "https://example.org/youth-centre"
                     *           },
                     *           "tags": [
                     *             "text"
                     *           ],
                     *           "alignments": [
                     *             {
                     *               "targetName": "text",
                     *               "targetUrl": "https://example.org/",
                     *               "targetDescription": "2026-11-30T09:00:00Z",
                     *               "targetFramework": "text",
                     *               "targetCode": "text"
                     *             }
                     *           ],
                     *           "spine": {
                     *             "elements": [
                     *               "text"
                     *             ],
                     *             "level": "engagement",
                     *             "dimensions": [
                     *               "knowledge"
                     *             ]
                     *           },
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "destinations": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "generatedAlignments": [
                     *             {
                     *               "targetName": "text",
                     *               "targetUrl": "https://example.org/",
                     *               "targetDescription": "2026-11-30T09:00:00Z",
                     *               "targetFramework": "text",
                     *               "targetCode": "text"
                     *             }
                     *           ],
                     *           "expiry": {
                     *             "type": "none"
                     *           },
                     *           "language": "en",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "approvedAt": "2026-11-30T09:00:00Z",
                     *           "retiredAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "badgeClass": "text",
                     *             "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *             "issuer": "text"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                            name: string;
                            description: string;
                            /** @description URL of the hosted image */
                            image: string;
                            criteria: {
                                narrative?: string;
                                url?: string;
                            };
                            tags: string[];
                            /** @description Free alignments, published after the generated ones */
                            alignments: components["schemas"]["Alignment"][];
                            spine?: components["schemas"]["SpineSelection"];
                            themes: string[];
                            destinations: string[];
                            /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                            generatedAlignments: components["schemas"]["Alignment"][];
                            expiry: components["schemas"]["Expiry"];
                            /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                            language?: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                            links: {
                                badgeClass: string;
                                image: string;
                                issuer: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    submitBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    approveBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    retireBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "name": "Leeds City of Learning",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *       "criteria": {
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "tags": [
                     *         "text"
                     *       ],
                     *       "alignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "engagement",
                     *         "dimensions": [
                     *           "knowledge"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "generatedAlignments": [
                     *         {
                     *           "targetName": "text",
                     *           "targetUrl": "https://example.org/",
                     *           "targetDescription": "2026-11-30T09:00:00Z",
                     *           "targetFramework": "text",
                     *           "targetCode": "text"
                     *         }
                     *       ],
                     *       "expiry": {
                     *         "type": "none"
                     *       },
                     *       "language": "en",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "approvedAt": "2026-11-30T09:00:00Z",
                     *       "retiredAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "badgeClass": "text",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                        name: string;
                        description: string;
                        /** @description URL of the hosted image */
                        image: string;
                        criteria: {
                            narrative?: string;
                            url?: string;
                        };
                        tags: string[];
                        /** @description Free alignments, published after the generated ones */
                        alignments: components["schemas"]["Alignment"][];
                        spine?: components["schemas"]["SpineSelection"];
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: components["schemas"]["Alignment"][];
                        expiry: components["schemas"]["Expiry"];
                        /** @description The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language) */
                        language?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        approvedAt?: string;
                        /** Format: date-time */
                        retiredAt?: string;
                        links: {
                            badgeClass: string;
                            image: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    searchCatalogue: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                /** @description Stable: never renamed, never reused */
                element?: string;
                /** @description With `element`: also badges aligned to any element beneath it */
                descendants?: boolean;
                level?: "engagement" | "participation" | "demonstration" | "leadership";
                dimension?: "knowledge" | "skills" | "attitudes-values";
                /** @description Stable: never renamed, never reused */
                theme?: string;
                /** @description Stable: never renamed, never reused */
                destination?: string;
                organisation?: string;
                /** @description Words of the name, tags or description (each a prefix: "digi mak" finds "Digital Maker") */
                q?: string;
                status?: "draft" | "submitted" | "approved" | "superseded" | "retired";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "familyId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "version": 1,
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "status": "draft",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *           "tags": [
                     *             "text"
                     *           ],
                     *           "spine": {
                     *             "elements": [
                     *               "text"
                     *             ],
                     *             "level": "engagement",
                     *             "dimensions": [
                     *               "knowledge"
                     *             ]
                     *           },
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "destinations": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "approvedAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "badgeClass": "text",
                     *             "achievement": "text",
                     *             "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *             "issuer": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                            name: string;
                            description: string;
                            image: string;
                            tags: string[];
                            spine?: components["schemas"]["SpineSelection"];
                            themes: string[];
                            destinations: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            approvedAt?: string;
                            links: {
                                badgeClass: string;
                                achievement: string;
                                image: string;
                                issuer: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listAwards: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                organisationId?: string;
                badgeClassId?: string;
                revoked?: boolean;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "recipient": {
                     *             "type": "email",
                     *             "hashed": true,
                     *             "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *             "salt": "d41d8cd98f00b204",
                     *             "plainIdentity": "text"
                     *           },
                     *           "evidence": [
                     *             {
                     *               "url": "https://example.org/youth-centre",
                     *               "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *               "name": "Leeds City of Learning",
                     *               "description": "2026-11-30T09:00:00Z",
                     *               "genre": "text",
                     *               "audience": "text"
                     *             }
                     *           ],
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *           "issuedOn": "2026-11-30T09:00:00Z",
                     *           "expires": "2026-11-30T09:00:00Z",
                     *           "revoked": false,
                     *           "revokedAt": "2026-11-30T09:00:00Z",
                     *           "revocationReason": "2026-11-30T09:00:00Z",
                     *           "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "acceptance": "pending",
                     *           "claim": {
                     *             "delivery": "mail",
                     *             "url": "https://example.org/youth-centre",
                     *             "expiresAt": "2026-11-30T09:00:00Z"
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "assertion": "2026-11-30T09:00:00Z",
                     *             "assertionImage": "text",
                     *             "signedAssertion": "2026-11-30T09:00:00Z",
                     *             "signedAssertionImage": "text",
                     *             "badgeClass": "text",
                     *             "issuer": "text",
                     *             "revocationList": "text",
                     *             "signingKey": "text",
                     *             "credential": "text",
                     *             "credentialJwt": "text",
                     *             "credentialImage": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["AwardList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    issueAward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "badgeClassId": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                 *       "recipient": {
                 *         "learnerId": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *       },
                 *       "evidence": [
                 *         {
                 *           "url": "https://youthhub.example.org/projects/41",
                 *           "narrative": "Planned and ran a litter pick with 20 volunteers."
                 *         }
                 *       ],
                 *       "narrative": "Showed leadership throughout the project."
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    badgeClassId: string;
                    recipient: {
                        /** @enum {string} */
                        type: "email" | "url" | "telephone" | "id";
                        identity: string;
                    } | {
                        /** Format: uuid */
                        learnerId: string;
                    };
                    evidence?: {
                        url?: string;
                        narrative?: string;
                        name?: string;
                        description?: string;
                        genre?: string;
                        audience?: string;
                    }[];
                    narrative?: string;
                    /** @description ISO 8601 with timezone; default now; never in the future */
                    issuedOn?: string;
                    /** @description ISO 8601 with timezone; default from the badge class's expiry rule */
                    expires?: string;
                };
            };
        };
        responses: {
            /** @description The award an earlier request with the same Idempotency-Key created */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "recipient": {
                     *         "type": "email",
                     *         "hashed": true,
                     *         "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *         "salt": "d41d8cd98f00b204",
                     *         "plainIdentity": "text"
                     *       },
                     *       "evidence": [
                     *         {
                     *           "url": "https://example.org/youth-centre",
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "genre": "text",
                     *           "audience": "text"
                     *         }
                     *       ],
                     *       "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "acceptance": "pending",
                     *       "claim": {
                     *         "delivery": "mail",
                     *         "url": "https://example.org/youth-centre",
                     *         "expiresAt": "2026-11-30T09:00:00Z"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "assertionImage": "text",
                     *         "signedAssertion": "2026-11-30T09:00:00Z",
                     *         "signedAssertionImage": "text",
                     *         "badgeClass": "text",
                     *         "issuer": "text",
                     *         "revocationList": "text",
                     *         "signingKey": "text",
                     *         "credential": "text",
                     *         "credentialJwt": "text",
                     *         "credentialImage": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Award"];
                };
            };
            /** @description The new award */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "recipient": {
                     *         "type": "email",
                     *         "hashed": true,
                     *         "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *         "salt": "d41d8cd98f00b204",
                     *         "plainIdentity": "text"
                     *       },
                     *       "evidence": [
                     *         {
                     *           "url": "https://example.org/youth-centre",
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "genre": "text",
                     *           "audience": "text"
                     *         }
                     *       ],
                     *       "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "acceptance": "pending",
                     *       "claim": {
                     *         "delivery": "mail",
                     *         "url": "https://example.org/youth-centre",
                     *         "expiresAt": "2026-11-30T09:00:00Z"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "assertionImage": "text",
                     *         "signedAssertion": "2026-11-30T09:00:00Z",
                     *         "signedAssertionImage": "text",
                     *         "badgeClass": "text",
                     *         "issuer": "text",
                     *         "revocationList": "text",
                     *         "signingKey": "text",
                     *         "credential": "text",
                     *         "credentialJwt": "text",
                     *         "credentialImage": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Award"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    issueAwards: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "items": [
                 *         {
                 *           "badgeClassId": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                 *           "recipient": {
                 *             "learnerId": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *           },
                 *           "evidence": [
                 *             {
                 *               "url": "https://youthhub.example.org/projects/41",
                 *               "narrative": "Planned and ran a litter pick with 20 volunteers."
                 *             }
                 *           ],
                 *           "narrative": "Showed leadership throughout the project.",
                 *           "idempotencyKey": "term1-row1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    items: {
                        /** Format: uuid */
                        badgeClassId: string;
                        recipient: {
                            /** @enum {string} */
                            type: "email" | "url" | "telephone" | "id";
                            identity: string;
                        } | {
                            /** Format: uuid */
                            learnerId: string;
                        };
                        evidence?: {
                            url?: string;
                            narrative?: string;
                            name?: string;
                            description?: string;
                            genre?: string;
                            audience?: string;
                        }[];
                        narrative?: string;
                        /** @description ISO 8601 with timezone; default now; never in the future */
                        issuedOn?: string;
                        /** @description ISO 8601 with timezone; default from the badge class's expiry rule */
                        expires?: string;
                        idempotencyKey?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "index": 1,
                     *           "status": 1,
                     *           "award": {
                     *             "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "recipient": {
                     *               "type": "email",
                     *               "hashed": true,
                     *               "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *               "salt": "d41d8cd98f00b204",
                     *               "plainIdentity": "text"
                     *             },
                     *             "evidence": [
                     *               {
                     *                 "url": "https://example.org/youth-centre",
                     *                 "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *                 "name": "Leeds City of Learning",
                     *                 "description": "2026-11-30T09:00:00Z",
                     *                 "genre": "text",
                     *                 "audience": "text"
                     *               }
                     *             ],
                     *             "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *             "issuedOn": "2026-11-30T09:00:00Z",
                     *             "expires": "2026-11-30T09:00:00Z",
                     *             "revoked": false,
                     *             "revokedAt": "2026-11-30T09:00:00Z",
                     *             "revocationReason": "2026-11-30T09:00:00Z",
                     *             "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "acceptance": "pending",
                     *             "claim": {
                     *               "delivery": "mail",
                     *               "url": "https://example.org/youth-centre",
                     *               "expiresAt": "2026-11-30T09:00:00Z"
                     *             },
                     *             "createdAt": "2026-11-30T09:00:00Z",
                     *             "links": {
                     *               "assertion": "2026-11-30T09:00:00Z",
                     *               "assertionImage": "text",
                     *               "signedAssertion": "2026-11-30T09:00:00Z",
                     *               "signedAssertionImage": "text",
                     *               "badgeClass": "text",
                     *               "issuer": "text",
                     *               "revocationList": "text",
                     *               "signingKey": "text",
                     *               "credential": "text",
                     *               "credentialJwt": "text",
                     *               "credentialImage": "text"
                     *             }
                     *           },
                     *           "problem": {
                     *             "type": "text",
                     *             "title": "Young Climate Champion",
                     *             "status": 1,
                     *             "detail": "badgeClassId: no such badge class in this city",
                     *             "instance": "text",
                     *             "code": "climate-action",
                     *             "requestId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "errors": [
                     *               {
                     *                 "field": "badgeClassId",
                     *                 "message": "must be an approved badge class of this city"
                     *               }
                     *             ]
                     *           }
                     *         }
                     *       ],
                     *       "created": 1,
                     *       "failed": 1
                     *     }
                     */
                    "application/json": {
                        items: {
                            index: number;
                            status: number;
                            award?: components["schemas"]["Award"];
                            problem?: components["schemas"]["Problem"];
                        }[];
                        created: number;
                        failed: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    getAward: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "recipient": {
                     *         "type": "email",
                     *         "hashed": true,
                     *         "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *         "salt": "d41d8cd98f00b204",
                     *         "plainIdentity": "text"
                     *       },
                     *       "evidence": [
                     *         {
                     *           "url": "https://example.org/youth-centre",
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "genre": "text",
                     *           "audience": "text"
                     *         }
                     *       ],
                     *       "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "acceptance": "pending",
                     *       "claim": {
                     *         "delivery": "mail",
                     *         "url": "https://example.org/youth-centre",
                     *         "expiresAt": "2026-11-30T09:00:00Z"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "assertionImage": "text",
                     *         "signedAssertion": "2026-11-30T09:00:00Z",
                     *         "signedAssertionImage": "text",
                     *         "badgeClass": "text",
                     *         "issuer": "text",
                     *         "revocationList": "text",
                     *         "signingKey": "text",
                     *         "credential": "text",
                     *         "credentialJwt": "text",
                     *         "credentialImage": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Award"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    revokeAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Issued to the wrong learner"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "recipient": {
                     *         "type": "email",
                     *         "hashed": true,
                     *         "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *         "salt": "d41d8cd98f00b204",
                     *         "plainIdentity": "text"
                     *       },
                     *       "evidence": [
                     *         {
                     *           "url": "https://example.org/youth-centre",
                     *           "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *           "name": "Leeds City of Learning",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "genre": "text",
                     *           "audience": "text"
                     *         }
                     *       ],
                     *       "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "acceptance": "pending",
                     *       "claim": {
                     *         "delivery": "mail",
                     *         "url": "https://example.org/youth-centre",
                     *         "expiresAt": "2026-11-30T09:00:00Z"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "assertionImage": "text",
                     *         "signedAssertion": "2026-11-30T09:00:00Z",
                     *         "signedAssertionImage": "text",
                     *         "badgeClass": "text",
                     *         "issuer": "text",
                     *         "revocationList": "text",
                     *         "signingKey": "text",
                     *         "credential": "text",
                     *         "credentialJwt": "text",
                     *         "credentialImage": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Award"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listEndorsements: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                subjectId?: string;
                organisationId?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "subject": {
                     *             "type": "badge-class",
                     *             "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *           },
                     *           "comment": "A well-run, well-assessed programme.",
                     *           "issuedOn": "2026-11-30T09:00:00Z",
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "endorsement": "text",
                     *             "subject": "text",
                     *             "issuer": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            subject: {
                                /** @enum {string} */
                                type: "badge-class" | "organisation" | "award";
                                /** Format: uuid */
                                id: string;
                            };
                            comment?: string;
                            /** Format: date-time */
                            issuedOn: string;
                            /** Format: date-time */
                            createdAt: string;
                            links: {
                                endorsement: string;
                                subject: string;
                                issuer: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createEndorsement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *       "subject": {
                 *         "type": "badge-class",
                 *         "id": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13"
                 *       },
                 *       "comment": "A well-run, well-assessed programme."
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    subject: {
                        /** @enum {string} */
                        type: "badge-class" | "organisation" | "award";
                        /** Format: uuid */
                        id: string;
                    };
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "subject": {
                     *         "type": "badge-class",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "comment": "A well-run, well-assessed programme.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "endorsement": "text",
                     *         "subject": "text",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        subject: {
                            /** @enum {string} */
                            type: "badge-class" | "organisation" | "award";
                            /** Format: uuid */
                            id: string;
                        };
                        comment?: string;
                        /** Format: date-time */
                        issuedOn: string;
                        /** Format: date-time */
                        createdAt: string;
                        links: {
                            endorsement: string;
                            subject: string;
                            issuer: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getEndorsement: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "subject": {
                     *         "type": "badge-class",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "comment": "A well-run, well-assessed programme.",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "endorsement": "text",
                     *         "subject": "text",
                     *         "issuer": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        subject: {
                            /** @enum {string} */
                            type: "badge-class" | "organisation" | "award";
                            /** Format: uuid */
                            id: string;
                        };
                        comment?: string;
                        /** Format: date-time */
                        issuedOn: string;
                        /** Format: date-time */
                        createdAt: string;
                        links: {
                            endorsement: string;
                            subject: string;
                            issuer: string;
                        };
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getSpine: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "title": "Young Climate Champion",
                     *       "url": "https://example.org/youth-centre",
                     *       "layers": [
                     *         {
                     *           "value": "text",
                     *           "label": "text",
                     *           "elements": 1,
                     *           "active": 1
                     *         }
                     *       ],
                     *       "levels": [
                     *         {
                     *           "value": "text",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "dimensions": [
                     *         {
                     *           "value": "text",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "elements": [
                     *         {
                     *           "code": "climate-action",
                     *           "layer": "core",
                     *           "parentCode": "text",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "kind": "charity",
                     *           "mappings": [
                     *             {
                     *               "framework": "text",
                     *               "url": "https://example.org/youth-centre",
                     *               "code": "climate-action"
                     *             }
                     *           ],
                     *           "status": "active",
                     *           "version": 1,
                     *           "url": "https://example.org/youth-centre",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "grid": [
                     *         {
                     *           "level": "engagement",
                     *           "dimension": "knowledge",
                     *           "descriptors": {
                     *             "en": "text"
                     *           },
                     *           "url": "https://example.org/youth-centre"
                     *         }
                     *       ],
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        title: string;
                        url: string;
                        layers: {
                            value: string;
                            label: string;
                            elements: number;
                            active: number;
                        }[];
                        levels: {
                            value: string;
                            label: string;
                        }[];
                        dimensions: {
                            value: string;
                            label: string;
                        }[];
                        elements: {
                            /** @description Stable: never renamed, never reused */
                            code: string;
                            /** @enum {string} */
                            layer: "core" | "cities-of-learning" | "city" | "strategic";
                            /** @description Stable: never renamed, never reused */
                            parentCode?: string;
                            title: string;
                            description?: string;
                            kind?: string;
                            mappings?: {
                                framework: string;
                                url?: string;
                                code: string;
                            }[];
                            /** @enum {string} */
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations?: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                        }[];
                        grid: {
                            /** @enum {string} */
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            /** @enum {string} */
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            descriptors: {
                                [key: string]: string;
                            };
                            url: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateSpine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Leeds skills spine"
                 *     }
                 */
                "application/json": {
                    title: null | string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "title": "Young Climate Champion",
                     *       "url": "https://example.org/youth-centre",
                     *       "layers": [
                     *         {
                     *           "value": "text",
                     *           "label": "text",
                     *           "elements": 1,
                     *           "active": 1
                     *         }
                     *       ],
                     *       "levels": [
                     *         {
                     *           "value": "text",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "dimensions": [
                     *         {
                     *           "value": "text",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "elements": [
                     *         {
                     *           "code": "climate-action",
                     *           "layer": "core",
                     *           "parentCode": "text",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "kind": "charity",
                     *           "mappings": [
                     *             {
                     *               "framework": "text",
                     *               "url": "https://example.org/youth-centre",
                     *               "code": "climate-action"
                     *             }
                     *           ],
                     *           "status": "active",
                     *           "version": 1,
                     *           "url": "https://example.org/youth-centre",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "grid": [
                     *         {
                     *           "level": "engagement",
                     *           "dimension": "knowledge",
                     *           "descriptors": {
                     *             "en": "text"
                     *           },
                     *           "url": "https://example.org/youth-centre"
                     *         }
                     *       ],
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        title: string;
                        url: string;
                        layers: {
                            value: string;
                            label: string;
                            elements: number;
                            active: number;
                        }[];
                        levels: {
                            value: string;
                            label: string;
                        }[];
                        dimensions: {
                            value: string;
                            label: string;
                        }[];
                        elements: {
                            /** @description Stable: never renamed, never reused */
                            code: string;
                            /** @enum {string} */
                            layer: "core" | "cities-of-learning" | "city" | "strategic";
                            /** @description Stable: never renamed, never reused */
                            parentCode?: string;
                            title: string;
                            description?: string;
                            kind?: string;
                            mappings?: {
                                framework: string;
                                url?: string;
                                code: string;
                            }[];
                            /** @enum {string} */
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations?: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                        }[];
                        grid: {
                            /** @enum {string} */
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            /** @enum {string} */
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            descriptors: {
                                [key: string]: string;
                            };
                            url: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    listSpineElements: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                layer?: "core" | "cities-of-learning" | "city" | "strategic";
                status?: "active" | "retired";
                /** @description Text in the code, title or description */
                q?: string;
                /** @description Stable: never renamed, never reused */
                parent?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "code": "climate-action",
                     *           "layer": "core",
                     *           "parentCode": "text",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "kind": "charity",
                     *           "mappings": [
                     *             {
                     *               "framework": "text",
                     *               "url": "https://example.org/youth-centre",
                     *               "code": "climate-action"
                     *             }
                     *           ],
                     *           "status": "active",
                     *           "version": 1,
                     *           "url": "https://example.org/youth-centre",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** @description Stable: never renamed, never reused */
                            code: string;
                            /** @enum {string} */
                            layer: "core" | "cities-of-learning" | "city" | "strategic";
                            /** @description Stable: never renamed, never reused */
                            parentCode?: string;
                            title: string;
                            description?: string;
                            kind?: string;
                            mappings?: {
                                framework: string;
                                url?: string;
                                code: string;
                            }[];
                            /** @enum {string} */
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations?: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createSpineElement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "climate-action",
                 *       "layer": "city",
                 *       "title": {
                 *         "en": "Climate action",
                 *         "cy": "Gweithredu ar yr hinsawdd"
                 *       },
                 *       "kind": "competency",
                 *       "mappings": [
                 *         {
                 *           "framework": "GreenComp",
                 *           "code": "4.1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    /** @enum {string} */
                    layer: "core" | "cities-of-learning" | "city" | "strategic";
                    /** @description Stable: never renamed, never reused */
                    parentCode?: string;
                    title: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    kind?: "domain" | "competency" | "knowledge" | "skill" | "disposition" | "framework-item";
                    mappings?: {
                        framework: string;
                        url?: string;
                        code: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "climate-action",
                     *       "layer": "core",
                     *       "parentCode": "text",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "kind": "charity",
                     *       "mappings": [
                     *         {
                     *           "framework": "text",
                     *           "url": "https://example.org/youth-centre",
                     *           "code": "climate-action"
                     *         }
                     *       ],
                     *       "status": "active",
                     *       "version": 1,
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "usedBy": 1,
                     *       "children": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
                        /** @enum {string} */
                        layer: "core" | "cities-of-learning" | "city" | "strategic";
                        /** @description Stable: never renamed, never reused */
                        parentCode?: string;
                        title: string;
                        description?: string;
                        kind?: string;
                        mappings?: {
                            framework: string;
                            url?: string;
                            code: string;
                        }[];
                        /** @enum {string} */
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations?: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getSpineElement: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "climate-action",
                     *       "layer": "core",
                     *       "parentCode": "text",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "kind": "charity",
                     *       "mappings": [
                     *         {
                     *           "framework": "text",
                     *           "url": "https://example.org/youth-centre",
                     *           "code": "climate-action"
                     *         }
                     *       ],
                     *       "status": "active",
                     *       "version": 1,
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "usedBy": 1,
                     *       "children": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
                        /** @enum {string} */
                        layer: "core" | "cities-of-learning" | "city" | "strategic";
                        /** @description Stable: never renamed, never reused */
                        parentCode?: string;
                        title: string;
                        description?: string;
                        kind?: string;
                        mappings?: {
                            framework: string;
                            url?: string;
                            code: string;
                        }[];
                        /** @enum {string} */
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations?: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Climate action and sustainability"
                 *     }
                 */
                "application/json": {
                    title?: string | {
                        [key: string]: string;
                    };
                    description?: null | (string | {
                        [key: string]: string;
                    });
                    kind?: null | ("domain" | "competency" | "knowledge" | "skill" | "disposition" | "framework-item");
                    mappings?: {
                        framework: string;
                        url?: string;
                        code: string;
                    }[] | null;
                    parentCode?: null | string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "climate-action",
                     *       "layer": "core",
                     *       "parentCode": "text",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "kind": "charity",
                     *       "mappings": [
                     *         {
                     *           "framework": "text",
                     *           "url": "https://example.org/youth-centre",
                     *           "code": "climate-action"
                     *         }
                     *       ],
                     *       "status": "active",
                     *       "version": 1,
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "usedBy": 1,
                     *       "children": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
                        /** @enum {string} */
                        layer: "core" | "cities-of-learning" | "city" | "strategic";
                        /** @description Stable: never renamed, never reused */
                        parentCode?: string;
                        title: string;
                        description?: string;
                        kind?: string;
                        mappings?: {
                            framework: string;
                            url?: string;
                            code: string;
                        }[];
                        /** @enum {string} */
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations?: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    retireSpineElement: {
        parameters: {
            query?: {
                cascade?: boolean;
            };
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "climate-action",
                     *       "layer": "core",
                     *       "parentCode": "text",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "kind": "charity",
                     *       "mappings": [
                     *         {
                     *           "framework": "text",
                     *           "url": "https://example.org/youth-centre",
                     *           "code": "climate-action"
                     *         }
                     *       ],
                     *       "status": "active",
                     *       "version": 1,
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "usedBy": 1,
                     *       "children": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
                        /** @enum {string} */
                        layer: "core" | "cities-of-learning" | "city" | "strategic";
                        /** @description Stable: never renamed, never reused */
                        parentCode?: string;
                        title: string;
                        description?: string;
                        kind?: string;
                        mappings?: {
                            framework: string;
                            url?: string;
                            code: string;
                        }[];
                        /** @enum {string} */
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations?: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    getGridCell: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                level: "engagement" | "participation" | "demonstration" | "leadership";
                dimension: "knowledge" | "skills" | "attitudes-values";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "level": "engagement",
                     *       "dimension": "knowledge",
                     *       "descriptors": {
                     *         "en": "text"
                     *       },
                     *       "url": "https://example.org/youth-centre"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        /** @enum {string} */
                        dimension: "knowledge" | "skills" | "attitudes-values";
                        descriptors: {
                            [key: string]: string;
                        };
                        url: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    putGridCell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                level: "engagement" | "participation" | "demonstration" | "leadership";
                dimension: "knowledge" | "skills" | "attitudes-values";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "descriptors": {
                 *         "en": "Takes part and practises the skill with support.",
                 *         "cy": "Yn cymryd rhan ac yn ymarfer y sgil gyda chymorth."
                 *       }
                 *     }
                 */
                "application/json": {
                    descriptors: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "level": "engagement",
                     *       "dimension": "knowledge",
                     *       "descriptors": {
                     *         "en": "text"
                     *       },
                     *       "url": "https://example.org/youth-centre"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        /** @enum {string} */
                        dimension: "knowledge" | "skills" | "attitudes-values";
                        descriptors: {
                            [key: string]: string;
                        };
                        url: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getSpineCoverage: {
        parameters: {
            query?: {
                layer?: "core" | "cities-of-learning" | "city" | "strategic";
                /** @description A badge counts for the ancestors of its elements too */
                descendants?: boolean;
                onlyEmpty?: boolean;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "badgeClasses": 1,
                     *       "elements": 1,
                     *       "totals": [
                     *         {
                     *           "level": "engagement",
                     *           "dimension": "knowledge",
                     *           "count": 1
                     *         }
                     *       ],
                     *       "cells": [
                     *         {
                     *           "level": "engagement",
                     *           "dimension": "knowledge",
                     *           "elementCode": "text",
                     *           "count": 1
                     *         }
                     *       ],
                     *       "emptyCells": 1
                     *     }
                     */
                    "application/json": {
                        badgeClasses: number;
                        elements: number;
                        totals: {
                            /** @enum {string} */
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            /** @enum {string} */
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            count: number;
                        }[];
                        cells: {
                            /** @enum {string} */
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            /** @enum {string} */
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            elementCode: string;
                            count: number;
                        }[];
                        emptyCells: number;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    exportSpineCase: {
        parameters: {
            query?: {
                layer?: "core" | "cities-of-learning" | "city" | "strategic";
                /** @description A BCP 47 language to answer in when the resource has it (else `Accept-Language`, then the city's default language) */
                lang?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CASE 1.1 CFPackage */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "CFDocument": {
                     *         "identifier": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "uri": "https://citybadges.example/spine/leeds/case/CFDocuments/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "title": "Leeds skills spine",
                     *         "creator": "Leeds City of Learning",
                     *         "lastChangeDateTime": "2026-11-30T09:00:00Z"
                     *       },
                     *       "CFItems": [
                     *         {
                     *           "identifier": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *           "uri": "https://citybadges.example/spine/leeds/elements/climate-action",
                     *           "fullStatement": "Climate action",
                     *           "humanCodingScheme": "climate-action",
                     *           "lastChangeDateTime": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "CFAssociations": []
                     *     }
                     */
                    "application/json": unknown;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    importSpineCase: {
        parameters: {
            query?: {
                layer?: "core" | "cities-of-learning" | "city" | "strategic" | "preserve";
                mode?: "replace" | "merge";
                /** @description Stable: never renamed, never reused */
                prefix?: string;
            };
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "CFDocument": {
                 *         "identifier": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                 *         "title": "GreenComp",
                 *         "creator": "JRC",
                 *         "lastChangeDateTime": "2026-11-30T09:00:00Z"
                 *       },
                 *       "CFItems": [
                 *         {
                 *           "identifier": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                 *           "fullStatement": "Climate action",
                 *           "humanCodingScheme": "climate-action"
                 *         }
                 *       ],
                 *       "CFAssociations": []
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "layer": "text",
                     *       "mode": "text",
                     *       "items": 1,
                     *       "created": 1,
                     *       "updated": 1,
                     *       "unchanged": 1,
                     *       "retired": 1,
                     *       "deleted": 1,
                     *       "shared": 1
                     *     }
                     */
                    "application/json": {
                        layer: string;
                        mode: string;
                        items: number;
                        created: number;
                        updated: number;
                        unchanged: number;
                        retired: number;
                        deleted: number;
                        /** @description Items of the shared layers (core, Cities of Learning) in a file exported by CityBadges: matched by code and left as this city has them */
                        shared: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listThemes: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                kind?: "civic" | "wellbeing" | "sector";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "code": "climate-action",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "url": "https://example.org/youth-centre",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "kind": "civic",
                     *           "industryCode": "62"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            title: string;
                            description?: string;
                            /** @description Public page (the alignment targetUrl) */
                            url: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @enum {string} */
                            kind: "civic" | "wellbeing" | "sector";
                            industryCode?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createTheme: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "digital",
                 *       "kind": "sector",
                 *       "title": "Digital and tech",
                 *       "industryCode": "62"
                 *     }
                 */
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    /** @enum {string} */
                    kind: "civic" | "wellbeing" | "sector";
                    title: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                    industryCode?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "civic",
                     *       "industryCode": "62"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getTheme: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "civic",
                     *       "industryCode": "62"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Digital, data and tech"
                 *     }
                 */
                "application/json": {
                    title?: string | {
                        [key: string]: string;
                    };
                    description?: null | (string | {
                        [key: string]: string;
                    });
                    industryCode?: null | string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "civic",
                     *       "industryCode": "62"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listDestinations: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                kind?: "education" | "employment" | "enterprise" | "civic-engagement";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "code": "climate-action",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "url": "https://example.org/youth-centre",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "kind": "education"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            title: string;
                            description?: string;
                            /** @description Public page (the alignment targetUrl) */
                            url: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @enum {string} */
                            kind: "education" | "employment" | "enterprise" | "civic-engagement";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "leeds-apprenticeships",
                 *       "kind": "employment",
                 *       "title": "An apprenticeship in Leeds"
                 *     }
                 */
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    /** @enum {string} */
                    kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    title: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "education"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "education"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "An apprenticeship in Leeds or Bradford"
                 *     }
                 */
                "application/json": {
                    title?: string | {
                        [key: string]: string;
                    };
                    description?: null | (string | {
                        [key: string]: string;
                    });
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "url": "https://example.org/youth-centre",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "kind": "education"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @enum {string} */
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listLearners: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                /** @description platform:ref */
                externalRef?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "ageBand": "under-13",
                     *           "area": "LS6",
                     *           "displayName": "Sam",
                     *           "externalRefs": [
                     *             {
                     *               "platform": "youthhub",
                     *               "ref": "u-4821"
                     *             }
                     *           ],
                     *           "identifiers": [
                     *             {
                     *               "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *               "type": "email",
                     *               "masked": "text",
                     *               "verified": false,
                     *               "verifiedAt": "2026-11-30T09:00:00Z"
                     *             }
                     *           ],
                     *           "consents": {
                     *             "sharing": false,
                     *             "contact": false,
                     *             "insightsOptOut": false
                     *           },
                     *           "guardianConsent": "pending",
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    createLearner: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ageBand": "16-18",
                 *       "area": "LS6",
                 *       "externalRefs": [
                 *         {
                 *           "platform": "youthhub",
                 *           "ref": "u-4821"
                 *         }
                 *       ],
                 *       "consents": {
                 *         "sharing": true
                 *       }
                 *     }
                 */
                "application/json": {
                    /**
                     * @description under-13 needs a guardian
                     * @enum {string}
                     */
                    ageBand: "under-13" | "13-15" | "16-18" | "19-24" | "25-plus";
                    /** @description coarse area: a postcode district (LS6) or a ward/LSOA code */
                    area?: string;
                    externalRefs?: {
                        platform: string;
                        ref: string;
                    }[];
                    identifiers?: {
                        /** @enum {string} */
                        type: "email" | "url" | "telephone" | "did";
                        /** @description stored only as a keyed hash; never returned */
                        value: string;
                        /** @description the caller vouches that the learner controls it */
                        verified?: boolean;
                    }[];
                    consents?: {
                        sharing?: boolean;
                        /** @description being contacted about opportunities */
                        contact?: boolean;
                        insightsOptOut?: boolean;
                    };
                    guardian?: {
                        email: string;
                    };
                    displayName?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "ageBand": "under-13",
                     *       "area": "LS6",
                     *       "displayName": "Sam",
                     *       "externalRefs": [
                     *         {
                     *           "platform": "youthhub",
                     *           "ref": "u-4821"
                     *         }
                     *       ],
                     *       "identifiers": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "type": "email",
                     *           "masked": "text",
                     *           "verified": false,
                     *           "verifiedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "consents": {
                     *         "sharing": false,
                     *         "contact": false,
                     *         "insightsOptOut": false
                     *       },
                     *       "guardianConsent": "pending",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Learner"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getLearner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "ageBand": "under-13",
                     *       "area": "LS6",
                     *       "displayName": "Sam",
                     *       "externalRefs": [
                     *         {
                     *           "platform": "youthhub",
                     *           "ref": "u-4821"
                     *         }
                     *       ],
                     *       "identifiers": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "type": "email",
                     *           "masked": "text",
                     *           "verified": false,
                     *           "verifiedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "consents": {
                     *         "sharing": false,
                     *         "contact": false,
                     *         "insightsOptOut": false
                     *       },
                     *       "guardianConsent": "pending",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Learner"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    eraseLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "erasedAt": "2026-11-30T09:00:00Z",
                     *       "awardsErased": 1,
                     *       "alreadyErased": false
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        learnerId: string;
                        /** Format: date-time */
                        erasedAt: string;
                        awardsErased: number;
                        alreadyErased: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "consents": {
                 *         "contact": false
                 *       },
                 *       "area": "LS7"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description under-13 needs a guardian
                     * @enum {string}
                     */
                    ageBand?: "under-13" | "13-15" | "16-18" | "19-24" | "25-plus";
                    area?: string | null;
                    /** @description added to the existing ones */
                    externalRefs?: {
                        platform: string;
                        ref: string;
                    }[];
                    /** @description added, or verified when marked verified */
                    identifiers?: {
                        /** @enum {string} */
                        type: "email" | "url" | "telephone" | "did";
                        /** @description stored only as a keyed hash; never returned */
                        value: string;
                        /** @description the caller vouches that the learner controls it */
                        verified?: boolean;
                    }[];
                    consents?: {
                        sharing?: boolean;
                        /** @description being contacted about opportunities */
                        contact?: boolean;
                        insightsOptOut?: boolean;
                    };
                    displayName?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "ageBand": "under-13",
                     *       "area": "LS6",
                     *       "displayName": "Sam",
                     *       "externalRefs": [
                     *         {
                     *           "platform": "youthhub",
                     *           "ref": "u-4821"
                     *         }
                     *       ],
                     *       "identifiers": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "type": "email",
                     *           "masked": "text",
                     *           "verified": false,
                     *           "verifiedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "consents": {
                     *         "sharing": false,
                     *         "contact": false,
                     *         "insightsOptOut": false
                     *       },
                     *       "guardianConsent": "pending",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Learner"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    createLearnerToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ttlSeconds": 900
                 *     }
                 */
                "application/json": {
                    /** @default 900 */
                    ttlSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "ltk_9xT2mQ4vZ8rW1pLs",
                     *       "expiresAt": "2026-11-30T09:00:00Z",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *     }
                     */
                    "application/json": {
                        /** @description cblt_…: send as Authorization: Bearer; reaches only this learner */
                        token: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** Format: uuid */
                        learnerId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getBackpack: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                acceptance?: "pending" | "accepted" | "declined";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "badgeName": "text",
                     *           "badgeDescription": "2026-11-30T09:00:00Z",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "issuerName": "text",
                     *           "issuedOn": "2026-11-30T09:00:00Z",
                     *           "expires": "2026-11-30T09:00:00Z",
                     *           "acceptance": "pending",
                     *           "acceptanceAt": "2026-11-30T09:00:00Z",
                     *           "revoked": false,
                     *           "revocationReason": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "assertion": "2026-11-30T09:00:00Z",
                     *             "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *             "credential": "text",
                     *             "badgeClass": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ",
                     *       "imports": [
                     *         {
                     *           "importId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "name": "Leeds City of Learning",
                     *           "issuerName": "text",
                     *           "issuedOn": "2026-11-30T09:00:00Z",
                     *           "format": "2026-11-30T09:00:00Z",
                     *           "verifiedAt": "2026-11-30T09:00:00Z",
                     *           "checkedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["BackpackItem"][];
                        nextCursor: string | null;
                        /** @description verified imported badges, on the first page of an unfiltered backpack (not for issuer keys); failed imports are never listed here */
                        imports?: {
                            /** Format: uuid */
                            importId: string;
                            name?: string;
                            issuerName?: string;
                            /** Format: date-time */
                            issuedOn?: string;
                            format: string;
                            /** Format: date-time */
                            verifiedAt: string;
                            /** Format: date-time */
                            checkedAt: string;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    acceptAward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                awardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeName": "text",
                     *       "badgeDescription": "2026-11-30T09:00:00Z",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "acceptance": "pending",
                     *       "acceptanceAt": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "credential": "text",
                     *         "badgeClass": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["BackpackItem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    declineAward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                awardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeName": "text",
                     *       "badgeDescription": "2026-11-30T09:00:00Z",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "expires": "2026-11-30T09:00:00Z",
                     *       "acceptance": "pending",
                     *       "acceptanceAt": "2026-11-30T09:00:00Z",
                     *       "revoked": false,
                     *       "revocationReason": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "assertion": "2026-11-30T09:00:00Z",
                     *         "image": "https://citybadges.example/ob/v2/badges/3f6c2a9e/image",
                     *         "credential": "text",
                     *         "badgeClass": "text"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["BackpackItem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    listCollections: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "name": "Leeds City of Learning",
                     *           "position": 1,
                     *           "awardIds": [
                     *             "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *           ],
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Collection"][];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createCollection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Climate work",
                 *       "awardIds": [
                 *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @description the learner's own awards, in order */
                    awardIds?: string[];
                    position?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "position": 1,
                     *       "awardIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Collection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                collectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                collectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Climate and environment",
                 *       "position": 0
                 *     }
                 */
                "application/json": {
                    name?: string;
                    /** @description the learner's own awards, in order */
                    awardIds?: string[];
                    position?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "name": "Leeds City of Learning",
                     *       "position": 1,
                     *       "awardIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Collection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listShares: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "url": "https://example.org/youth-centre",
                     *           "awardIds": [
                     *             "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *           ],
                     *           "collectionId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "showName": false,
                     *           "expiresAt": "2026-11-30T09:00:00Z",
                     *           "revokedAt": "2026-11-30T09:00:00Z",
                     *           "createdAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["ShareList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "awardIds": [
                 *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                 *       ],
                 *       "expiresAt": "2027-01-31T23:59:59Z"
                 *     }
                 */
                "application/json": {
                    awardIds?: string[];
                    /** Format: uuid */
                    collectionId?: string;
                    /** @description ISO 8601 with timezone */
                    expiresAt?: string;
                    /** @description show the learner's display name (when the city stores names) */
                    showName?: boolean;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "awardIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "collectionId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "showName": false,
                     *       "expiresAt": "2026-11-30T09:00:00Z",
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Share"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    revokeShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                shareId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "awardIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "collectionId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "showName": false,
                     *       "expiresAt": "2026-11-30T09:00:00Z",
                     *       "revokedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Share"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listPathways: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                status?: "draft" | "published" | "archived";
                kind?: "recommended" | "interest";
                organisationId?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "kind": "recommended",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "status": "draft",
                     *           "version": 1,
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "destinations": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "requirements": {},
                     *           "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "unlocks": {
                     *             "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "capacity": 1,
                     *             "placesLeft": 1,
                     *             "eligibility": {
                     *               "ageBands": [
                     *                 "under-13"
                     *               ],
                     *               "areas": [
                     *                 "LS6"
                     *               ]
                     *             },
                     *             "offered": 1
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["PathwayList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createPathway: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "kind": "recommended",
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *       "title": "Into green jobs",
                 *       "destinations": [
                 *         "employment"
                 *       ],
                 *       "themes": [
                 *         "climate"
                 *       ],
                 *       "requirements": {
                 *         "type": "all",
                 *         "children": [
                 *           {
                 *             "type": "badge",
                 *             "badgeClassId": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13"
                 *           },
                 *           {
                 *             "type": "skill",
                 *             "element": "climate-action",
                 *             "minLevel": "participation",
                 *             "count": 2
                 *           }
                 *         ]
                 *       },
                 *       "completionBadgeClassId": "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    kind: "recommended" | "interest";
                    /** Format: uuid */
                    organisationId?: string;
                    /** Format: uuid */
                    learnerId?: string;
                    title: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                    destinations?: string[];
                    themes?: string[];
                    /** @description A requirement tree: nodes `{ type: all|any|atLeast (n) , children }`, leaves `badge { badgeClassId }`, `skill { element, minLevel?, dimension?, count }`, `theme { theme, count }`, `opportunity { kind?, attended }`, `pathway { pathwayId }`; any node may carry `within` (ISO 8601 duration), `after`/`before` and `ordered`. At most 8 levels and 500 nodes. */
                    requirements: unknown;
                    /** Format: uuid */
                    completionBadgeClassId?: string;
                    /** @description The opportunity completion unlocks for eligible completers who consent to be contacted */
                    unlocks?: {
                        /** Format: uuid */
                        opportunityId: string;
                        /** @description places; absent or null: no limit */
                        capacity?: number | null;
                        eligibility?: {
                            ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                            /** @description area codes (e.g. ONS output areas) a learner must live in */
                            areas?: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "recommended",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "version": 1,
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "requirements": {},
                     *       "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPathway: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "recommended",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "version": 1,
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "requirements": {},
                     *       "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updatePathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Into green jobs in Leeds"
                 *     }
                 */
                "application/json": {
                    title?: string | {
                        [key: string]: string;
                    };
                    description?: string | {
                        [key: string]: string;
                    };
                    destinations?: string[];
                    themes?: string[];
                    /** @description A requirement tree: nodes `{ type: all|any|atLeast (n) , children }`, leaves `badge { badgeClassId }`, `skill { element, minLevel?, dimension?, count }`, `theme { theme, count }`, `opportunity { kind?, attended }`, `pathway { pathwayId }`; any node may carry `within` (ISO 8601 duration), `after`/`before` and `ordered`. At most 8 levels and 500 nodes. */
                    requirements?: unknown;
                    /** Format: uuid */
                    completionBadgeClassId?: string;
                    unlocks?: {
                        /** Format: uuid */
                        opportunityId: string;
                        /** @description places; absent or null: no limit */
                        capacity?: number | null;
                        eligibility?: {
                            ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                            /** @description area codes (e.g. ONS output areas) a learner must live in */
                            areas?: string[];
                        };
                    } | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "recommended",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "version": 1,
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "requirements": {},
                     *       "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    publishPathway: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "recommended",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "version": 1,
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "requirements": {},
                     *       "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    archivePathway: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "recommended",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "draft",
                     *       "version": 1,
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "requirements": {},
                     *       "completionBadgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        /** @enum {string} */
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    followPathway: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learnerId": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "pathwayId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "version": 1,
                     *       "percent": 40,
                     *       "satisfied": false
                     *     }
                     */
                    "application/json": {
                        pathwayId: string;
                        learnerId: string;
                        version: number;
                        percent: number;
                        satisfied: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    getPathwayProgress: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "pathwayId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "started": 1,
                     *       "halfway": 1,
                     *       "completed": 1,
                     *       "unlocked": 1
                     *     }
                     */
                    "application/json": {
                        pathwayId: string;
                        started: number;
                        halfway: number;
                        completed: number;
                        /** @description completers offered a place of the unlocked opportunity */
                        unlocked: number;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listPathwayUnlocks: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "pathwayId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "unlocks": {
                     *         "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "capacity": 1,
                     *         "placesLeft": 1,
                     *         "eligibility": {
                     *           "ageBands": [
                     *             "under-13"
                     *           ],
                     *           "areas": [
                     *             "LS6"
                     *           ]
                     *         },
                     *         "offered": 1
                     *       },
                     *       "items": [
                     *         {
                     *           "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "state": "offered",
                     *           "at": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        pathwayId: string;
                        unlocks?: {
                            /** Format: uuid */
                            opportunityId: string;
                            capacity?: number;
                            placesLeft?: number;
                            eligibility: {
                                ageBands?: ("under-13" | "13-15" | "16-18" | "19-24" | "25-plus")[];
                                /** @description area codes (e.g. ONS output areas) a learner must live in */
                                areas?: string[];
                            };
                            offered: number;
                        };
                        items: {
                            learnerId: string;
                            opportunityId: string;
                            /** @enum {string} */
                            state: "offered" | "waitlisted";
                            /** Format: date-time */
                            at: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getLearnerRecommendations: {
        parameters: {
            query?: {
                destination?: string;
                pathwayId?: string;
                limit?: number;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "pathwayId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "pathwayTitle": "text",
                     *       "destination": "2026-11-30T09:00:00Z",
                     *       "gap": {
                     *         "missingSteps": 1,
                     *         "destinationElements": 1
                     *       },
                     *       "items": [
                     *         {
                     *           "kind": "badgeClass",
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "title": "Young Climate Champion",
                     *           "score": 1,
                     *           "closes": 1,
                     *           "reasons": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "distanceKm": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        learnerId: string;
                        pathwayId?: string;
                        pathwayTitle?: string;
                        destination?: string;
                        gap: {
                            missingSteps: number;
                            destinationElements: number;
                        };
                        items: {
                            /** @enum {string} */
                            kind: "badgeClass" | "opportunity";
                            id: string;
                            title: string;
                            score: number;
                            /** @description missing steps this closes */
                            closes: number;
                            /** @description e.g. 'closes 2 of 5 missing steps', '1.2 km', 'Saturday', 'free' */
                            reasons: string[];
                            distanceKm?: number;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listLearnerPathways: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "pathwayId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "version": 1,
                     *           "title": "Young Climate Champion",
                     *           "percent": 40,
                     *           "satisfied": false,
                     *           "missing": {},
                     *           "next": {},
                     *           "contributing": [
                     *             "text"
                     *           ],
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "completedAt": "2026-11-30T09:00:00Z",
                     *           "completionAwardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "unlock": {
                     *             "opportunityId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "state": "offered"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            pathwayId: string;
                            version: number;
                            title: string;
                            percent: number;
                            satisfied: boolean;
                            /** @description the missing steps, next best first */
                            missing: unknown;
                            /** @description the next best steps (at most 5) */
                            next: unknown;
                            /** @description award ids that count */
                            contributing: string[];
                            /**
                             * Format: date-time
                             * @description when the workers last computed this row
                             */
                            updatedAt: string;
                            /** Format: date-time */
                            completedAt?: string;
                            completionAwardId?: string;
                            unlock?: {
                                opportunityId: string;
                                /** @enum {string} */
                                state: "offered" | "waitlisted";
                            };
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getLearnerSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerNames": false
                     *     }
                     */
                    "application/json": {
                        /** @description learners may carry a display name */
                        learnerNames: boolean;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    putLearnerSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learnerNames": false
                 *     }
                 */
                "application/json": {
                    /** @description learners may carry a display name */
                    learnerNames: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learnerNames": false
                     *     }
                     */
                    "application/json": {
                        /** @description learners may carry a display name */
                        learnerNames: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    listOpportunities: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                organisation?: string;
                status?: "draft" | "published" | "cancelled";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "kind": "activity",
                     *           "title": "Young Climate Champion",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "descriptionHtml": "text",
                     *           "translations": {
                     *             "en": {
                     *               "en": "text"
                     *             }
                     *           },
                     *           "place": {
                     *             "lat": 53.8,
                     *             "lon": -1.55,
                     *             "address": "1 Briggate, Leeds",
                     *             "postcode": "LS1 6HD",
                     *             "area": "LS6"
                     *           },
                     *           "online": false,
                     *           "ageRange": {
                     *             "min": 1,
                     *             "max": 1
                     *           },
                     *           "cost": {
                     *             "free": false,
                     *             "amount": 1,
                     *             "currency": "GBP"
                     *           },
                     *           "accessibility": "text",
                     *           "bookingUrl": "https://example.org/",
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "destinations": [
                     *             "2026-11-30T09:00:00Z"
                     *           ],
                     *           "spine": {
                     *             "elements": [
                     *               "text"
                     *             ],
                     *             "level": "text"
                     *           },
                     *           "badgeClassIds": [
                     *             "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *           ],
                     *           "status": "draft",
                     *           "language": "en",
                     *           "schedule": {},
                     *           "sessions": [
                     *             {
                     *               "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *               "start": "2026-11-30T09:00:00Z",
                     *               "end": "2026-11-30T09:00:00Z",
                     *               "capacity": 1,
                     *               "placesLeft": 1,
                     *               "status": "scheduled"
                     *             }
                     *           ],
                     *           "source": {
                     *             "feedId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *           },
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "publishedAt": "2026-11-30T09:00:00Z",
                     *           "links": {
                     *             "public": "text"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            /** @enum {string} */
                            kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                            title: string;
                            description: string;
                            /** @description The description rendered from Markdown (raw HTML escaped) */
                            descriptionHtml: string;
                            /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                            translations: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                            place?: {
                                lat: number;
                                lon: number;
                                address?: string;
                                postcode?: string;
                                area?: string;
                            };
                            online: boolean;
                            ageRange?: {
                                min?: number;
                                max?: number;
                            };
                            cost: {
                                free: boolean;
                                amount?: number;
                                currency?: string;
                            };
                            accessibility?: string;
                            bookingUrl?: string;
                            themes: string[];
                            destinations: string[];
                            spine?: {
                                elements: string[];
                                level?: string;
                            };
                            badgeClassIds: string[];
                            /** @enum {string} */
                            status: "draft" | "published" | "cancelled";
                            language?: string;
                            schedule?: unknown;
                            sessions: {
                                /** Format: uuid */
                                id: string;
                                start: string;
                                end: string;
                                capacity: number | null;
                                placesLeft: number | null;
                                /** @enum {string} */
                                status: "scheduled" | "cancelled";
                            }[];
                            source?: {
                                /** Format: uuid */
                                feedId: string;
                                id: string;
                            };
                            createdAt: string;
                            updatedAt: string;
                            publishedAt?: string;
                            links: {
                                /** @description schema.org JSON-LD (or an HTML page) once published */
                                public: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createOpportunity: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                 *       "kind": "activity",
                 *       "title": "Youth climate workshop",
                 *       "description": "Plan a climate action for your street.",
                 *       "place": {
                 *         "lat": 53.7997,
                 *         "lon": -1.5492,
                 *         "address": "1 Briggate, Leeds",
                 *         "postcode": "LS1 6HD"
                 *       },
                 *       "sessions": [
                 *         {
                 *           "start": "2026-12-05T16:00:00Z",
                 *           "end": "2026-12-05T18:00:00Z",
                 *           "capacity": 20
                 *         }
                 *       ],
                 *       "ageRange": {
                 *         "min": 13,
                 *         "max": 18
                 *       },
                 *       "cost": {
                 *         "free": true
                 *       },
                 *       "themes": [
                 *         "climate"
                 *       ],
                 *       "badgeClassIds": [
                 *         "9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    /** @enum {string} */
                    kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                    title: string | {
                        [key: string]: string;
                    };
                    /** @description Markdown (raw HTML is escaped when rendered): a string in the city's default language, or a map by BCP 47 language tag */
                    description?: string | {
                        [key: string]: string;
                    };
                    place?: {
                        lat: number;
                        lon: number;
                        address?: string;
                        postcode?: string;
                        /** @description Stable: never renamed, never reused */
                        area?: string;
                    };
                    online?: boolean;
                    sessions?: {
                        /** Format: date-time */
                        start: string;
                        /** Format: date-time */
                        end: string;
                        capacity?: number;
                    }[];
                    schedule?: {
                        /** @description An RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10 (must end: UNTIL, COUNT or `until`; at most a year) */
                        rrule: string;
                        /** Format: date-time */
                        start: string;
                        durationMinutes: number;
                        /** Format: date-time */
                        until?: string;
                        capacity?: number;
                        /** @description IANA time zone (RFC 5545 TZID), e.g. Europe/London: sessions keep their local time across daylight-saving changes; default UTC */
                        tzid?: string;
                    };
                    ageRange?: {
                        min?: number;
                        max?: number;
                    };
                    cost?: {
                        free: boolean;
                        amount?: number;
                        currency?: string;
                    };
                    accessibility?: string;
                    bookingUrl?: string;
                    themes?: string[];
                    destinations?: string[];
                    spine?: {
                        elements: string[];
                        /** @enum {string} */
                        level?: "engagement" | "participation" | "demonstration" | "leadership";
                    };
                    badgeClassIds?: string[];
                    language?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "activity",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "descriptionHtml": "text",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "place": {
                     *         "lat": 53.8,
                     *         "lon": -1.55,
                     *         "address": "1 Briggate, Leeds",
                     *         "postcode": "LS1 6HD",
                     *         "area": "LS6"
                     *       },
                     *       "online": false,
                     *       "ageRange": {
                     *         "min": 1,
                     *         "max": 1
                     *       },
                     *       "cost": {
                     *         "free": false,
                     *         "amount": 1,
                     *         "currency": "GBP"
                     *       },
                     *       "accessibility": "text",
                     *       "bookingUrl": "https://example.org/",
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text"
                     *       },
                     *       "badgeClassIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "status": "draft",
                     *       "language": "en",
                     *       "schedule": {},
                     *       "sessions": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "start": "2026-11-30T09:00:00Z",
                     *           "end": "2026-11-30T09:00:00Z",
                     *           "capacity": 1,
                     *           "placesLeft": 1,
                     *           "status": "scheduled"
                     *         }
                     *       ],
                     *       "source": {
                     *         "feedId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "publishedAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "public": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        place?: {
                            lat: number;
                            lon: number;
                            address?: string;
                            postcode?: string;
                            area?: string;
                        };
                        online: boolean;
                        ageRange?: {
                            min?: number;
                            max?: number;
                        };
                        cost: {
                            free: boolean;
                            amount?: number;
                            currency?: string;
                        };
                        accessibility?: string;
                        bookingUrl?: string;
                        themes: string[];
                        destinations: string[];
                        spine?: {
                            elements: string[];
                            level?: string;
                        };
                        badgeClassIds: string[];
                        /** @enum {string} */
                        status: "draft" | "published" | "cancelled";
                        language?: string;
                        schedule?: unknown;
                        sessions: {
                            /** Format: uuid */
                            id: string;
                            start: string;
                            end: string;
                            capacity: number | null;
                            placesLeft: number | null;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                        }[];
                        source?: {
                            /** Format: uuid */
                            feedId: string;
                            id: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                        publishedAt?: string;
                        links: {
                            /** @description schema.org JSON-LD (or an HTML page) once published */
                            public: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOpportunitySupply: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2026-11-30T09:00:00Z",
                     *       "to": "2026-11-30T09:00:00Z",
                     *       "cells": [
                     *         {
                     *           "area": "LS6",
                     *           "theme": "text",
                     *           "week": "text",
                     *           "opportunities": 1,
                     *           "sessions": 1,
                     *           "freePlaces": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        from: string;
                        to: string;
                        cells: {
                            area: string | null;
                            theme: string | null;
                            /** @description Monday of the week (UTC), YYYY-MM-DD */
                            week: string;
                            opportunities: number;
                            sessions: number;
                            freePlaces: number | null;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOpportunity: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "activity",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "descriptionHtml": "text",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "place": {
                     *         "lat": 53.8,
                     *         "lon": -1.55,
                     *         "address": "1 Briggate, Leeds",
                     *         "postcode": "LS1 6HD",
                     *         "area": "LS6"
                     *       },
                     *       "online": false,
                     *       "ageRange": {
                     *         "min": 1,
                     *         "max": 1
                     *       },
                     *       "cost": {
                     *         "free": false,
                     *         "amount": 1,
                     *         "currency": "GBP"
                     *       },
                     *       "accessibility": "text",
                     *       "bookingUrl": "https://example.org/",
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text"
                     *       },
                     *       "badgeClassIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "status": "draft",
                     *       "language": "en",
                     *       "schedule": {},
                     *       "sessions": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "start": "2026-11-30T09:00:00Z",
                     *           "end": "2026-11-30T09:00:00Z",
                     *           "capacity": 1,
                     *           "placesLeft": 1,
                     *           "status": "scheduled"
                     *         }
                     *       ],
                     *       "source": {
                     *         "feedId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "publishedAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "public": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        place?: {
                            lat: number;
                            lon: number;
                            address?: string;
                            postcode?: string;
                            area?: string;
                        };
                        online: boolean;
                        ageRange?: {
                            min?: number;
                            max?: number;
                        };
                        cost: {
                            free: boolean;
                            amount?: number;
                            currency?: string;
                        };
                        accessibility?: string;
                        bookingUrl?: string;
                        themes: string[];
                        destinations: string[];
                        spine?: {
                            elements: string[];
                            level?: string;
                        };
                        badgeClassIds: string[];
                        /** @enum {string} */
                        status: "draft" | "published" | "cancelled";
                        language?: string;
                        schedule?: unknown;
                        sessions: {
                            /** Format: uuid */
                            id: string;
                            start: string;
                            end: string;
                            capacity: number | null;
                            placesLeft: number | null;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                        }[];
                        source?: {
                            /** Format: uuid */
                            feedId: string;
                            id: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                        publishedAt?: string;
                        links: {
                            /** @description schema.org JSON-LD (or an HTML page) once published */
                            public: string;
                        };
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    publishOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "activity",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "descriptionHtml": "text",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "place": {
                     *         "lat": 53.8,
                     *         "lon": -1.55,
                     *         "address": "1 Briggate, Leeds",
                     *         "postcode": "LS1 6HD",
                     *         "area": "LS6"
                     *       },
                     *       "online": false,
                     *       "ageRange": {
                     *         "min": 1,
                     *         "max": 1
                     *       },
                     *       "cost": {
                     *         "free": false,
                     *         "amount": 1,
                     *         "currency": "GBP"
                     *       },
                     *       "accessibility": "text",
                     *       "bookingUrl": "https://example.org/",
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text"
                     *       },
                     *       "badgeClassIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "status": "draft",
                     *       "language": "en",
                     *       "schedule": {},
                     *       "sessions": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "start": "2026-11-30T09:00:00Z",
                     *           "end": "2026-11-30T09:00:00Z",
                     *           "capacity": 1,
                     *           "placesLeft": 1,
                     *           "status": "scheduled"
                     *         }
                     *       ],
                     *       "source": {
                     *         "feedId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "publishedAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "public": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        place?: {
                            lat: number;
                            lon: number;
                            address?: string;
                            postcode?: string;
                            area?: string;
                        };
                        online: boolean;
                        ageRange?: {
                            min?: number;
                            max?: number;
                        };
                        cost: {
                            free: boolean;
                            amount?: number;
                            currency?: string;
                        };
                        accessibility?: string;
                        bookingUrl?: string;
                        themes: string[];
                        destinations: string[];
                        spine?: {
                            elements: string[];
                            level?: string;
                        };
                        badgeClassIds: string[];
                        /** @enum {string} */
                        status: "draft" | "published" | "cancelled";
                        language?: string;
                        schedule?: unknown;
                        sessions: {
                            /** Format: uuid */
                            id: string;
                            start: string;
                            end: string;
                            capacity: number | null;
                            placesLeft: number | null;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                        }[];
                        source?: {
                            /** Format: uuid */
                            feedId: string;
                            id: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                        publishedAt?: string;
                        links: {
                            /** @description schema.org JSON-LD (or an HTML page) once published */
                            public: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    cancelOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "activity",
                     *       "title": "Young Climate Champion",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "descriptionHtml": "text",
                     *       "translations": {
                     *         "en": {
                     *           "en": "text"
                     *         }
                     *       },
                     *       "place": {
                     *         "lat": 53.8,
                     *         "lon": -1.55,
                     *         "address": "1 Briggate, Leeds",
                     *         "postcode": "LS1 6HD",
                     *         "area": "LS6"
                     *       },
                     *       "online": false,
                     *       "ageRange": {
                     *         "min": 1,
                     *         "max": 1
                     *       },
                     *       "cost": {
                     *         "free": false,
                     *         "amount": 1,
                     *         "currency": "GBP"
                     *       },
                     *       "accessibility": "text",
                     *       "bookingUrl": "https://example.org/",
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "destinations": [
                     *         "2026-11-30T09:00:00Z"
                     *       ],
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text"
                     *       },
                     *       "badgeClassIds": [
                     *         "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       ],
                     *       "status": "draft",
                     *       "language": "en",
                     *       "schedule": {},
                     *       "sessions": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "start": "2026-11-30T09:00:00Z",
                     *           "end": "2026-11-30T09:00:00Z",
                     *           "capacity": 1,
                     *           "placesLeft": 1,
                     *           "status": "scheduled"
                     *         }
                     *       ],
                     *       "source": {
                     *         "feedId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80"
                     *       },
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "publishedAt": "2026-11-30T09:00:00Z",
                     *       "links": {
                     *         "public": "text"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        /** @enum {string} */
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
                        /** @description Every language of the translatable fields: field → BCP 47 tag → text, e.g. `{ "name": { "en": "Coding Club", "cy": "Clwb Codio" } }`. The plain fields hold the default language. */
                        translations: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        place?: {
                            lat: number;
                            lon: number;
                            address?: string;
                            postcode?: string;
                            area?: string;
                        };
                        online: boolean;
                        ageRange?: {
                            min?: number;
                            max?: number;
                        };
                        cost: {
                            free: boolean;
                            amount?: number;
                            currency?: string;
                        };
                        accessibility?: string;
                        bookingUrl?: string;
                        themes: string[];
                        destinations: string[];
                        spine?: {
                            elements: string[];
                            level?: string;
                        };
                        badgeClassIds: string[];
                        /** @enum {string} */
                        status: "draft" | "published" | "cancelled";
                        language?: string;
                        schedule?: unknown;
                        sessions: {
                            /** Format: uuid */
                            id: string;
                            start: string;
                            end: string;
                            capacity: number | null;
                            placesLeft: number | null;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                        }[];
                        source?: {
                            /** Format: uuid */
                            feedId: string;
                            id: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                        publishedAt?: string;
                        links: {
                            /** @description schema.org JSON-LD (or an HTML page) once published */
                            public: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    recordAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learnerIds": [
                 *         "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *       ]
                 *     }
                 */
                "application/json": {
                    learnerIds: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sessionId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "items": [
                     *         {
                     *           "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "replayed": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        sessionId: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        items: {
                            /** Format: uuid */
                            learnerId: string;
                            /** Format: uuid */
                            awardId: string;
                            replayed: boolean;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOpportunitySettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "maxRadiusKm": 1
                     *     }
                     */
                    "application/json": {
                        maxRadiusKm: number;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    putOpportunitySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "maxRadiusKm": 25
                 *     }
                 */
                "application/json": {
                    maxRadiusKm: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "maxRadiusKm": 1
                     *     }
                     */
                    "application/json": {
                        maxRadiusKm: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listOpportunityFeeds: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "url": "https://example.org/youth-centre",
                     *           "nextUrl": "https://example.org/",
                     *           "status": "idle",
                     *           "lastError": "text",
                     *           "pages": 1,
                     *           "itemsUpserted": 1,
                     *           "itemsDeleted": 1,
                     *           "lastRunAt": "2026-11-30T09:00:00Z",
                     *           "createdAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            url: string;
                            nextUrl: string;
                            /** @enum {string} */
                            status: "idle" | "queued" | "running" | "done" | "error";
                            lastError: string | null;
                            pages: number;
                            itemsUpserted: number;
                            itemsDeleted: number;
                            lastRunAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    registerOpportunityFeed: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://provider.example.org/feeds/session-series",
                 *       "organisationId": "5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40"
                 *     }
                 */
                "application/json": {
                    url: string;
                    /** Format: uuid */
                    organisationId: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "nextUrl": "https://example.org/",
                     *       "status": "idle",
                     *       "lastError": "text",
                     *       "pages": 1,
                     *       "itemsUpserted": 1,
                     *       "itemsDeleted": 1,
                     *       "lastRunAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
                        /** @enum {string} */
                        status: "idle" | "queued" | "running" | "done" | "error";
                        lastError: string | null;
                        pages: number;
                        itemsUpserted: number;
                        itemsDeleted: number;
                        lastRunAt: string | null;
                        createdAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getOpportunityFeedImport: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "nextUrl": "https://example.org/",
                     *       "status": "idle",
                     *       "lastError": "text",
                     *       "pages": 1,
                     *       "itemsUpserted": 1,
                     *       "itemsDeleted": 1,
                     *       "lastRunAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
                        /** @enum {string} */
                        status: "idle" | "queued" | "running" | "done" | "error";
                        lastError: string | null;
                        pages: number;
                        itemsUpserted: number;
                        itemsDeleted: number;
                        lastRunAt: string | null;
                        createdAt: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    syncOpportunityFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the work runs in the background */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "nextUrl": "https://example.org/",
                     *       "status": "idle",
                     *       "lastError": "text",
                     *       "pages": 1,
                     *       "itemsUpserted": 1,
                     *       "itemsDeleted": 1,
                     *       "lastRunAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
                        /** @enum {string} */
                        status: "idle" | "queued" | "running" | "done" | "error";
                        lastError: string | null;
                        pages: number;
                        itemsUpserted: number;
                        itemsDeleted: number;
                        lastRunAt: string | null;
                        createdAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    claimAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learnerId": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "awardId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "claimedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        awardId: string;
                        /** Format: uuid */
                        learnerId: string;
                        /** Format: date-time */
                        claimedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            410: components["responses"]["Gone"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    createClaimCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "startsAt": "2026-12-05T16:00:00Z",
                 *       "endsAt": "2026-12-05T20:00:00Z",
                 *       "maxClaims": 60
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: date-time
                     * @description default: now
                     */
                    startsAt?: string;
                    /** Format: date-time */
                    endsAt: string;
                    maxClaims: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "startsAt": "2026-11-30T09:00:00Z",
                     *       "endsAt": "2026-11-30T09:00:00Z",
                     *       "maxClaims": 1,
                     *       "claims": 1,
                     *       "redeemUrl": "https://example.org/",
                     *       "qrSvg": "text"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description typed or scanned at the venue, e.g. K7QW-93FD */
                        code: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        maxClaims: number;
                        /** @description places taken so far */
                        claims: number;
                        redeemUrl: string;
                        /** @description the redeem URL as a QR code (image/svg+xml) */
                        qrSvg: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getClaimCode: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "code": "climate-action",
                     *       "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "startsAt": "2026-11-30T09:00:00Z",
                     *       "endsAt": "2026-11-30T09:00:00Z",
                     *       "maxClaims": 1,
                     *       "claims": 1,
                     *       "redeemUrl": "https://example.org/",
                     *       "qrSvg": "text"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description typed or scanned at the venue, e.g. K7QW-93FD */
                        code: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        maxClaims: number;
                        /** @description places taken so far */
                        claims: number;
                        redeemUrl: string;
                        /** @description the redeem URL as a QR code (image/svg+xml) */
                        qrSvg: string;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getClaimCodeQr: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    redeemClaimCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "learnerId": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86"
                 *     }
                 */
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "alreadyRedeemed": false,
                     *       "award": {
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "recipient": {
                     *           "type": "email",
                     *           "hashed": true,
                     *           "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *           "salt": "d41d8cd98f00b204",
                     *           "plainIdentity": "text"
                     *         },
                     *         "evidence": [
                     *           {
                     *             "url": "https://example.org/youth-centre",
                     *             "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *             "name": "Leeds City of Learning",
                     *             "description": "2026-11-30T09:00:00Z",
                     *             "genre": "text",
                     *             "audience": "text"
                     *           }
                     *         ],
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "issuedOn": "2026-11-30T09:00:00Z",
                     *         "expires": "2026-11-30T09:00:00Z",
                     *         "revoked": false,
                     *         "revokedAt": "2026-11-30T09:00:00Z",
                     *         "revocationReason": "2026-11-30T09:00:00Z",
                     *         "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "acceptance": "pending",
                     *         "claim": {
                     *           "delivery": "mail",
                     *           "url": "https://example.org/youth-centre",
                     *           "expiresAt": "2026-11-30T09:00:00Z"
                     *         },
                     *         "createdAt": "2026-11-30T09:00:00Z",
                     *         "links": {
                     *           "assertion": "2026-11-30T09:00:00Z",
                     *           "assertionImage": "text",
                     *           "signedAssertion": "2026-11-30T09:00:00Z",
                     *           "signedAssertionImage": "text",
                     *           "badgeClass": "text",
                     *           "issuer": "text",
                     *           "revocationList": "text",
                     *           "signingKey": "text",
                     *           "credential": "text",
                     *           "credentialJwt": "text",
                     *           "credentialImage": "text"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description true when this learner had redeemed the code before: the same award */
                        alreadyRedeemed: boolean;
                        award: components["schemas"]["Award"];
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "alreadyRedeemed": false,
                     *       "award": {
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "badgeClassId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "recipient": {
                     *           "type": "email",
                     *           "hashed": true,
                     *           "identity": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f3b2d1c0a9e8f7b6a5d4c3b2a1f0e9d8c",
                     *           "salt": "d41d8cd98f00b204",
                     *           "plainIdentity": "text"
                     *         },
                     *         "evidence": [
                     *           {
                     *             "url": "https://example.org/youth-centre",
                     *             "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *             "name": "Leeds City of Learning",
                     *             "description": "2026-11-30T09:00:00Z",
                     *             "genre": "text",
                     *             "audience": "text"
                     *           }
                     *         ],
                     *         "narrative": "Planned and ran a litter pick with 20 volunteers.",
                     *         "issuedOn": "2026-11-30T09:00:00Z",
                     *         "expires": "2026-11-30T09:00:00Z",
                     *         "revoked": false,
                     *         "revokedAt": "2026-11-30T09:00:00Z",
                     *         "revocationReason": "2026-11-30T09:00:00Z",
                     *         "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "acceptance": "pending",
                     *         "claim": {
                     *           "delivery": "mail",
                     *           "url": "https://example.org/youth-centre",
                     *           "expiresAt": "2026-11-30T09:00:00Z"
                     *         },
                     *         "createdAt": "2026-11-30T09:00:00Z",
                     *         "links": {
                     *           "assertion": "2026-11-30T09:00:00Z",
                     *           "assertionImage": "text",
                     *           "signedAssertion": "2026-11-30T09:00:00Z",
                     *           "signedAssertionImage": "text",
                     *           "badgeClass": "text",
                     *           "issuer": "text",
                     *           "revocationList": "text",
                     *           "signingKey": "text",
                     *           "credential": "text",
                     *           "credentialJwt": "text",
                     *           "credentialImage": "text"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description true when this learner had redeemed the code before: the same award */
                        alreadyRedeemed: boolean;
                        award: components["schemas"]["Award"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            410: components["responses"]["Gone"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    exportLearner: {
        parameters: {
            query?: {
                /** @description json (default): everything; clr: a signed CLR 2.0 ClrCredential; zip: the baked badges */
                format?: "json" | "clr" | "zip";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/json, application/ld+json (ClrCredential) or application/zip */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "learner": {
                     *         "id": "c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86",
                     *         "ageBand": "16-18"
                     *       },
                     *       "awards": [],
                     *       "shares": [],
                     *       "pathways": []
                     *     }
                     */
                    "application/json": unknown;
                    /**
                     * @example {
                     *       "@context": [
                     *         "https://www.w3.org/ns/credentials/v2",
                     *         "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
                     *       ],
                     *       "type": [
                     *         "VerifiableCredential",
                     *         "ClrCredential"
                     *       ],
                     *       "credentialSubject": {
                     *         "type": [
                     *           "ClrSubject"
                     *         ],
                     *         "verifiableCredential": [
                     *           {
                     *             "@context": [
                     *               "https://www.w3.org/ns/credentials/v2",
                     *               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *             ],
                     *             "id": "https://citybadges.example/ob/v3/credentials/3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *             "type": [
                     *               "VerifiableCredential",
                     *               "OpenBadgeCredential"
                     *             ],
                     *             "name": "Young Climate Champion",
                     *             "issuer": {
                     *               "id": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40",
                     *               "type": [
                     *                 "Profile"
                     *               ],
                     *               "name": "Leeds Youth Hub"
                     *             },
                     *             "validFrom": "2026-11-30T09:00:00Z",
                     *             "credentialSubject": {
                     *               "type": [
                     *                 "AchievementSubject"
                     *               ],
                     *               "identifier": [
                     *                 {
                     *                   "type": "IdentityObject",
                     *                   "identityHash": "sha256$4a5c1f0e9b7d3c2a8e6f4b1d0c9a7e5f",
                     *                   "identityType": "emailAddress",
                     *                   "hashed": true,
                     *                   "salt": "d41d8cd98f00b204"
                     *                 }
                     *               ],
                     *               "achievement": {
                     *                 "@context": [
                     *                   "https://www.w3.org/ns/credentials/v2",
                     *                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                     *                 ],
                     *                 "id": "https://citybadges.example/ob/v3/achievements/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13",
                     *                 "type": [
                     *                   "Achievement"
                     *                 ],
                     *                 "name": "Young Climate Champion",
                     *                 "description": "Led a climate action project in their neighbourhood.",
                     *                 "criteria": {
                     *                   "narrative": "Plan and run a local climate action with others."
                     *                 },
                     *                 "image": {
                     *                   "id": "https://citybadges.example/ob/v2/badges/9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13/image",
                     *                   "type": "Image"
                     *                 }
                     *               }
                     *             },
                     *             "credentialStatus": {
                     *               "id": "https://citybadges.example/ob/v3/status/1#42",
                     *               "type": "BitstringStatusListEntry",
                     *               "statusPurpose": "revocation",
                     *               "statusListIndex": "42",
                     *               "statusListCredential": "https://citybadges.example/ob/v3/status/1"
                     *             },
                     *             "proof": {
                     *               "type": "DataIntegrityProof",
                     *               "cryptosuite": "eddsa-rdfc-2022",
                     *               "created": "2026-11-30T09:00:00Z",
                     *               "verificationMethod": "https://citybadges.example/ob/v3/issuers/5e0b8d2c-7a14-4c39-b6f2-1d8e9a3c7b40/keys/k1",
                     *               "proofPurpose": "assertionMethod",
                     *               "proofValue": "z3FXQjecWufY46…"
                     *             }
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/ld+json": unknown;
                    "application/zip": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    requestGuardianConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "delivery": "mail",
                     *       "url": "https://example.org/youth-centre",
                     *       "expiresAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description mail: sent to the guardian; caller: pass `url` on to them
                         * @enum {string}
                         */
                        delivery: "mail" | "caller";
                        url?: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
        };
    };
    requestGuardianAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "delivery": "mail",
                     *       "url": "https://example.org/youth-centre",
                     *       "expiresAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description mail: sent to the guardian; caller: pass `url` on to them
                         * @enum {string}
                         */
                        delivery: "mail" | "caller";
                        url?: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listImports: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                status?: "verified" | "failed";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "status": "verified",
                     *           "format": "2026-11-30T09:00:00Z",
                     *           "source": {
                     *             "kind": "charity",
                     *             "url": "https://example.org/youth-centre"
                     *           },
                     *           "name": "Leeds City of Learning",
                     *           "issuerName": "text",
                     *           "issuedOn": "2026-11-30T09:00:00Z",
                     *           "spine": {
                     *             "elements": [
                     *               "text"
                     *             ],
                     *             "level": "text",
                     *             "dimensions": [
                     *               "2026-11-30T09:00:00Z"
                     *             ]
                     *           },
                     *           "themes": [
                     *             "text"
                     *           ],
                     *           "mappedBy": "alignment",
                     *           "report": {},
                     *           "verifiedAt": "2026-11-30T09:00:00Z",
                     *           "checkedAt": "2026-11-30T09:00:00Z",
                     *           "createdAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerImportList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    importBadge: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://badges.othercity.example/ob/v2/assertions/7d1f0c2e"
                 *     }
                 */
                "application/json": {
                    /** @description URL of a hosted OB 2.0 assertion (or of an OB 3.0 credential) */
                    url?: string;
                    /** @description OB 2.0 assertion JSON (object or text) */
                    assertion?: unknown;
                    /** @description compact JWS of a signed OB 2.0 assertion */
                    jws?: string;
                    /** @description OB 3.0 credential JSON with an embedded proof */
                    credential?: unknown;
                    /** @description OB 3.0 VC-JWT */
                    jwt?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "verified",
                     *       "format": "2026-11-30T09:00:00Z",
                     *       "source": {
                     *         "kind": "charity",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "name": "Leeds City of Learning",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text",
                     *         "dimensions": [
                     *           "2026-11-30T09:00:00Z"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "mappedBy": "alignment",
                     *       "report": {},
                     *       "verifiedAt": "2026-11-30T09:00:00Z",
                     *       "checkedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerImport"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "verified",
                     *       "format": "2026-11-30T09:00:00Z",
                     *       "source": {
                     *         "kind": "charity",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "name": "Leeds City of Learning",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text",
                     *         "dimensions": [
                     *           "2026-11-30T09:00:00Z"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "mappedBy": "alignment",
                     *       "report": {},
                     *       "verifiedAt": "2026-11-30T09:00:00Z",
                     *       "checkedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerImport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getImport: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "verified",
                     *       "format": "2026-11-30T09:00:00Z",
                     *       "source": {
                     *         "kind": "charity",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "name": "Leeds City of Learning",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text",
                     *         "dimensions": [
                     *           "2026-11-30T09:00:00Z"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "mappedBy": "alignment",
                     *       "report": {},
                     *       "verifiedAt": "2026-11-30T09:00:00Z",
                     *       "checkedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerImport"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    mapImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "elements": [
                 *         "climate-action"
                 *       ],
                 *       "level": "participation",
                 *       "dimensions": [
                 *         "skills"
                 *       ],
                 *       "themes": [
                 *         "climate"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description element codes of this city; [] clears the spine mapping */
                    elements: string[];
                    /** @description a grid level (default engagement) */
                    level?: string;
                    /** @description grid dimensions (default skills) */
                    dimensions?: string[];
                    themes?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "learnerId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "status": "verified",
                     *       "format": "2026-11-30T09:00:00Z",
                     *       "source": {
                     *         "kind": "charity",
                     *         "url": "https://example.org/youth-centre"
                     *       },
                     *       "name": "Leeds City of Learning",
                     *       "issuerName": "text",
                     *       "issuedOn": "2026-11-30T09:00:00Z",
                     *       "spine": {
                     *         "elements": [
                     *           "text"
                     *         ],
                     *         "level": "text",
                     *         "dimensions": [
                     *           "2026-11-30T09:00:00Z"
                     *         ]
                     *       },
                     *       "themes": [
                     *         "text"
                     *       ],
                     *       "mappedBy": "alignment",
                     *       "report": {},
                     *       "verifiedAt": "2026-11-30T09:00:00Z",
                     *       "checkedAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LearnerImport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "url": "https://example.org/youth-centre",
                     *           "events": [
                     *             "award.issued"
                     *           ],
                     *           "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "status": "active",
                     *           "disabledReason": "2026-11-30T09:00:00Z",
                     *           "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *           "previousSecretExpiresAt": "2026-11-30T09:00:00Z",
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookSubscriptionList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://lms.example.org/hooks/citybadges",
                 *       "events": [
                 *         "award.issued",
                 *         "award.revoked"
                 *       ],
                 *       "description": "Youth Hub LMS"
                 *     }
                 */
                "application/json": {
                    /** @description https URL of the receiver (plain http only for hosts in EGRESS_ALLOW_PRIVATE_HOSTS) */
                    url: string;
                    events: ("award.issued" | "award.revoked" | "award.accepted" | "award.claimed" | "import.verified" | "pathway.completed" | "opportunity.unlocked" | "learner.erased")[];
                    /** Format: uuid */
                    organisationId?: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "events": [
                     *         "award.issued"
                     *       ],
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "status": "active",
                     *       "disabledReason": "2026-11-30T09:00:00Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *       "previousSecretExpiresAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "events": [
                     *         "award.issued"
                     *       ],
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "status": "active",
                     *       "disabledReason": "2026-11-30T09:00:00Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *       "previousSecretExpiresAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         "award.issued",
                 *         "award.revoked",
                 *         "pathway.completed"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description https URL of the receiver (plain http only for hosts in EGRESS_ALLOW_PRIVATE_HOSTS) */
                    url?: string;
                    events?: ("award.issued" | "award.revoked" | "award.accepted" | "award.claimed" | "import.verified" | "pathway.completed" | "opportunity.unlocked" | "learner.erased")[];
                    description?: string;
                    /** @description false disables the subscription; true enables it again (and resumes pending deliveries) */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "events": [
                     *         "award.issued"
                     *       ],
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "status": "active",
                     *       "disabledReason": "2026-11-30T09:00:00Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *       "previousSecretExpiresAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "url": "https://example.org/youth-centre",
                     *       "events": [
                     *         "award.issued"
                     *       ],
                     *       "organisationId": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "description": "2026-11-30T09:00:00Z",
                     *       "status": "active",
                     *       "disabledReason": "2026-11-30T09:00:00Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *       "previousSecretExpiresAt": "2026-11-30T09:00:00Z",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "delivered": false,
                     *       "status": 1,
                     *       "error": "connection refused",
                     *       "delivery": {
                     *         "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *         "eventType": "award.issued",
                     *         "status": "pending",
                     *         "attempts": 1,
                     *         "nextAttemptAt": "2026-11-30T09:00:00Z",
                     *         "lastAttemptAt": "2026-11-30T09:00:00Z",
                     *         "lastStatus": 1,
                     *         "lastError": "text",
                     *         "deliveredAt": "2026-11-30T09:00:00Z",
                     *         "payload": {},
                     *         "createdAt": "2026-11-30T09:00:00Z"
                     *       }
                     *     }
                     */
                    "application/json": {
                        delivered: boolean;
                        status?: number;
                        error?: string;
                        delivery: components["schemas"]["WebhookDelivery"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
                status?: "pending" | "delivered" | "failed";
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "eventType": "award.issued",
                     *           "status": "pending",
                     *           "attempts": 1,
                     *           "nextAttemptAt": "2026-11-30T09:00:00Z",
                     *           "lastAttemptAt": "2026-11-30T09:00:00Z",
                     *           "lastStatus": 1,
                     *           "lastError": "text",
                     *           "deliveredAt": "2026-11-30T09:00:00Z",
                     *           "payload": {},
                     *           "createdAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "eventType": "award.issued",
                     *       "status": "pending",
                     *       "attempts": 1,
                     *       "nextAttemptAt": "2026-11-30T09:00:00Z",
                     *       "lastAttemptAt": "2026-11-30T09:00:00Z",
                     *       "lastStatus": 1,
                     *       "lastError": "text",
                     *       "deliveredAt": "2026-11-30T09:00:00Z",
                     *       "payload": {},
                     *       "createdAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    createBulkAwardJob: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example badgeClassId,learnerId,evidenceUrl,idempotencyKey
                 *     9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13,c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86,https://example.org/evidence/1,term1-row1
                 */
                "text/csv": string;
                /** @example {"badgeClassId":"9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13","learnerId":"c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86","idempotencyKey":"term1-row1"} */
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description The dry run: row errors, nothing issued */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "dryRun": true,
                     *       "rows": 1,
                     *       "valid": 1,
                     *       "errorCount": 1,
                     *       "errors": [
                     *         {
                     *           "row": 1,
                     *           "field": "badgeClassId",
                     *           "message": "must be an approved badge class of this city"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @enum {boolean} */
                        dryRun: true;
                        rows: number;
                        valid: number;
                        errorCount: number;
                        errors: {
                            row: number;
                            field: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description The job, queued */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "awards",
                     *       "state": "queued",
                     *       "total": 1,
                     *       "processed": 1,
                     *       "succeeded": 1,
                     *       "failed": 1,
                     *       "percent": 40,
                     *       "error": "connection refused",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "finishedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["BulkJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    listBulkJobs: {
        parameters: {
            query?: {
                /** @description Items per page (1 to 100). */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *           "kind": "awards",
                     *           "state": "queued",
                     *           "total": 1,
                     *           "processed": 1,
                     *           "succeeded": 1,
                     *           "failed": 1,
                     *           "percent": 40,
                     *           "error": "connection refused",
                     *           "createdAt": "2026-11-30T09:00:00Z",
                     *           "updatedAt": "2026-11-30T09:00:00Z",
                     *           "finishedAt": "2026-11-30T09:00:00Z"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["BulkJobList"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getBulkJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "awards",
                     *       "state": "queued",
                     *       "total": 1,
                     *       "processed": 1,
                     *       "succeeded": 1,
                     *       "failed": 1,
                     *       "percent": 40,
                     *       "error": "connection refused",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "finishedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["BulkJob"];
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    cancelBulkJob: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80",
                     *       "kind": "awards",
                     *       "state": "queued",
                     *       "total": 1,
                     *       "processed": 1,
                     *       "succeeded": 1,
                     *       "failed": 1,
                     *       "percent": 40,
                     *       "error": "connection refused",
                     *       "createdAt": "2026-11-30T09:00:00Z",
                     *       "updatedAt": "2026-11-30T09:00:00Z",
                     *       "finishedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["BulkJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    listBulkJobErrors: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "row": 1,
                     *           "error": "connection refused",
                     *           "data": {
                     *             "en": "text"
                     *           }
                     *         }
                     *       ],
                     *       "next": 1
                     *     }
                     */
                    "application/json": {
                        items: {
                            row: number;
                            error: string;
                            data: {
                                [key: string]: string;
                            };
                        }[];
                        next: number | null;
                    };
                    /**
                     * @example row,error,badgeClassId,learnerId
                     *     2,no approved badge class with this id in this city,9a1d7c55-2b3e-4f60-8e71-0c2d4b6a8f13,c2a7e4f1-6b38-4d95-a0e2-7f1b3c5d9e86
                     */
                    "text/csv": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    getInsightSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "threshold": 1,
                     *       "decileAreas": 1
                     *     }
                     */
                    "application/json": {
                        threshold: number;
                        decileAreas: number;
                    };
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
        };
    };
    updateInsightSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "threshold": 10
                 *     }
                 */
                "application/json": {
                    /** @description no published figure counts fewer learners; at least 5 */
                    threshold: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "threshold": 1,
                     *       "decileAreas": 1
                     *     }
                     */
                    "application/json": {
                        threshold: number;
                        decileAreas: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    putInsightDeciles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "areas": 1,
                     *       "updatedAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        areas: number;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["ContentTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
    createInsightReportLink: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.
                 * @example 6c1f2a4e-award-leeds-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ttlSeconds": 604800
                 *     }
                 */
                "application/json": {
                    /** @default 604800 */
                    ttlSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "path": "text",
                     *       "expiresAt": "2026-11-30T09:00:00Z"
                     *     }
                     */
                    "application/json": {
                        path: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
        };
    };
    getInsight: {
        parameters: {
            query?: {
                /** @description one or two dimensions, comma-separated: learners/awards — organisation, organisationKind, badgeClass, theme, destination, level, dimension, element, spineCell, area, ageBand, decile, newReturning; funnel — pathway, destination, area, ageBand, decile; supply-demand — area, decile */
                by?: string;
                /** @description `week`, `month` or `year` (a breakdown over time), or one period: `2026`, `2026-11`, `2026-W48` (not in the future) */
                period?: string;
                organisation?: string;
                organisationKind?: string;
                badgeClass?: string;
                theme?: string;
                destination?: string;
                level?: string;
                dimension?: string;
                element?: string;
                area?: string;
                ageBand?: string;
                decile?: string;
                pathway?: string;
            };
            header?: {
                /** @description An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The city's slug, e.g. `leeds`. */
                city: components["parameters"]["City"];
                measure: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "measure": "text",
                     *       "by": [
                     *         "text"
                     *       ],
                     *       "period": "text",
                     *       "filters": {
                     *         "en": "text"
                     *       },
                     *       "asOf": "2026-11-30T09:00:00Z",
                     *       "answered": false,
                     *       "threshold": 1,
                     *       "rows": [
                     *         {
                     *           "key": "cbk_live_2kTz9cQ1vW8yXn4pLr7sHf3a",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "cols": [
                     *         {
                     *           "key": "cbk_live_2kTz9cQ1vW8yXn4pLr7sHf3a",
                     *           "label": "text"
                     *         }
                     *       ],
                     *       "cells": [
                     *         {
                     *           "row": "text",
                     *           "col": "text",
                     *           "value": 1,
                     *           "suppressed": false
                     *         }
                     *       ],
                     *       "rowTotals": [
                     *         {
                     *           "row": "text",
                     *           "col": "text",
                     *           "value": 1,
                     *           "suppressed": false
                     *         }
                     *       ],
                     *       "colTotals": [
                     *         {
                     *           "row": "text",
                     *           "col": "text",
                     *           "value": 1,
                     *           "suppressed": false
                     *         }
                     *       ],
                     *       "total": {
                     *         "row": "text",
                     *         "col": "text",
                     *         "value": 1,
                     *         "suppressed": false
                     *       },
                     *       "rules": [
                     *         {
                     *           "rule": "text",
                     *           "description": "2026-11-30T09:00:00Z",
                     *           "figures": 1
                     *         }
                     *       ],
                     *       "supply": [
                     *         {
                     *           "row": "text",
                     *           "col": "text",
                     *           "places": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        measure: string;
                        by: string[];
                        period?: string;
                        filters: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @description when the facts of this table were read: a kept table is answered at once; one older than INSIGHT_TABLE_MAX_AGE_SECONDS (default 60) whose facts changed since is computed again in the background (the next answer is the new one)
                         */
                        asOf: string;
                        /** @description false when the (filtered) population is below the threshold: nothing is shown */
                        answered: boolean;
                        threshold: number;
                        rows: {
                            key: string;
                            label: string;
                        }[];
                        cols: {
                            key: string;
                            label: string;
                        }[];
                        cells: {
                            /** @description row key, or `*` for a column total / the total */
                            row: string;
                            /** @description column key, or `*` for a row total / the total */
                            col: string;
                            /** @description distinct learners (awards for the awards measure), rounded to a multiple of 5; null when suppressed */
                            value: number | null;
                            suppressed: boolean;
                        }[];
                        rowTotals: {
                            /** @description row key, or `*` for a column total / the total */
                            row: string;
                            /** @description column key, or `*` for a row total / the total */
                            col: string;
                            /** @description distinct learners (awards for the awards measure), rounded to a multiple of 5; null when suppressed */
                            value: number | null;
                            suppressed: boolean;
                        }[];
                        colTotals: {
                            /** @description row key, or `*` for a column total / the total */
                            row: string;
                            /** @description column key, or `*` for a row total / the total */
                            col: string;
                            /** @description distinct learners (awards for the awards measure), rounded to a multiple of 5; null when suppressed */
                            value: number | null;
                            suppressed: boolean;
                        }[];
                        total: {
                            /** @description row key, or `*` for a column total / the total */
                            row: string;
                            /** @description column key, or `*` for a row total / the total */
                            col: string;
                            /** @description distinct learners (awards for the awards measure), rounded to a multiple of 5; null when suppressed */
                            value: number | null;
                            suppressed: boolean;
                        } | null;
                        rules: {
                            rule: string;
                            description: string;
                            /** @description figures the rule changed */
                            figures: number;
                        }[];
                        supply?: {
                            row: string;
                            col: string;
                            places: number;
                        }[];
                    };
                    /**
                     * @example row,col,learners,suppressed
                     *     LS6,,25,false
                     *     LS7,,,true
                     */
                    "text/csv": string;
                };
            };
            /** @description Not Modified: the `If-None-Match` ETag still matches */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
        };
    };
}
