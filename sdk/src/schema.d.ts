// Generated from openapi/openapi.json by scripts/generate-sdk.ts (npm run sdk:generate). Do not edit.
export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
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
        /** PostgreSQL (and Redis when configured) answer */
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
        /** Prometheus metrics (text exposition format) */
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
         * @description JSON body with exactly one of url, assertion, jws, credential, jwt (+ optional recipient), or multipart/form-data with the baked image in field `file` (+ optional `recipient`, `recipientType`). Public; limited to 60 requests a minute per address.
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
        /** Issuer Profile (JSON-LD), or its human page (text/html) */
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
        /** BadgeClass (JSON-LD), or its human page (text/html) */
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
        /** Hosted assertion (JSON-LD), its human page (text/html), or `{id}.jws` for the signed form */
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
        /** The badge image baked with the assertion (hosted JSON by default, `?form=signed` for the JWS) */
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
        /** OpenBadgeCredential with a Data Integrity proof (eddsa-rdfc-2022), or `{id}.jwt` for the VC-JWT (`?alg=ES256`, default RS256) */
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
        /** The badge image with the signed credential baked in (PNG iTXt `openbadgecredential` or SVG) */
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
        /** Achievement (JSON-LD), or the badge class page (text/html) */
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
        /** Issuer Profile; also the controller document of its Multikey verification methods (text/html: the issuer page) */
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
        /** A Multikey verification method on its own (the `verificationMethod` of Data Integrity proofs); the issuer Profile lists it under assertionMethod */
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
        /** JWKS of the issuer's VC-JWT keys (RS256, ES256, retired ones too); linked from the Profile as a JsonWebKeySet service */
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
        /** A public JWK (the VC-JWT `kid`) */
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
        /** 1EdTech revocation list (VCRL 1.0) */
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
        /** Signed BitstringStatusListCredential (revocation) */
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
        /** EndorsementCredential (Data Integrity) */
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
        /** A city’s skills spine as a schema.org DefinedTermSet */
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
        /** A spine element (retired ones too); `?version=` for an earlier version */
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
        /** One level x dimension cell of the grid with its descriptors */
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
        /** A theme of the city’s catalogue */
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
        /** A destination of the city’s catalogue */
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
        /** CASE 1.1 CFPackage of the spine or of one layer */
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
        /** CASE 1.1 CFDocument of the spine or of one layer */
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
        /** A shared set of badges (text/html or application/ld+json); 410 when revoked or expired */
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
         * @description No API key. Sorted by distance (with near), relevance (with q) or start time; each result carries distanceKm and its nextSession. Limited to 600 requests a minute per address. Pages: pass back `nextCursor` (or follow `next`).
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
        /** The city’s opportunities as an OpenActive RPDE feed (keyset by modified, id; tombstones for deleted items) */
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
        /** A published opportunity as schema.org JSON-LD (Event, Course or JobPosting), or HTML for a browser */
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
        /** A guardian gives (or refuses) consent with the token of their link; 404 wrong token, 409 used, 410 expired */
        post: operations["giveGuardianConsent"];
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
        /** The cities (HTML for browsers; `{ cities: [{ slug, name, url }] }` as JSON) */
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
        /** A city’s landing page: what its City of Learning is, its spine, themes, destinations, issuers and badges (HTML; a JSON summary for machines) */
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
        /** The city’s logo (PNG or sanitised SVG) */
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
        /** The badge page’s verify button: runs the verifier on this badge (OB 2.0 and OB 3.0 forms) and answers an HTML report */
        post: operations["verifyBadgePage"];
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
         * @description oidc-provider sends the browser here from `/oauth/auth`. Without a signed-in learner: a form for the learner token (`POST …/login`); then the consent page with the client's name and the scopes (Allow: `POST …/confirm`, Deny: `POST …/abort`).
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
         * @description The city's app (integrator) completes the sign-in: it mints a learner token (`POST /v1/cities/{city}/learners/{id}/tokens`) and sends it here as `learner_token` — a form post from the learner's browser (answered 303 to the consent page) or JSON from its server (answered 200 `{ next }`, the consent page the browser then opens). The interaction id comes from the URL the browser was sent to. The consent itself is only given in the browser that started the authorization.
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
        /** The learner allows the client the scopes it asked for (form post from the consent page) */
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
        /** The learner denies (or cancels) the authorization: the client gets `access_denied` */
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
        /** The service description document (OpenAPI 3.0 with the OAuth 2.0 registration, authorization and token URLs) */
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
         * @description Our awards the learner holds (not revoked, not declined, not held for a guardian) and the credentials they brought in with POST. `limit` (1–100, default 100), `offset`, `since` (issued after). `X-Total-Count` gives the total; `Link` has rel first, last, and next/prev when they exist.
         */
        get: operations["getObCredentials"];
        put?: never;
        /**
         * Adds or replaces a credential the learner brings (scope credential.upsert); it must verify
         * @description The body is an OpenBadgeCredential with an embedded proof (`application/json` or `application/vc+ld+json`) or a VC-JWT (`text/plain`). It is verified like `POST /v1/verify` (proof, dates, status); one that does not verify is a 400 Imsx_StatusInfo (`invalid_data`). 201 when new, 200 when it replaced the stored copy (same issuer and id), 304 when the stored copy is newer; the body echoes the credential in the format it came in.
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
        /** The learner's Profile (scope profile.readonly) */
        get: operations["getObProfile"];
        /** Replaces the learner's Profile (scope profile.update): only `name` is kept, as the display name where the city stores names */
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
        /** Every problem type this API answers with (the targets of problem `type` URIs) */
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
        /** What a problem `type` URI means: a short page (text/html) or its JSON entry */
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
        /** List cities (platform admins) */
        get: operations["listCities"];
        put?: never;
        /** Create a city (platform admins) */
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
        /** A city */
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
        /** How the city’s public pages look */
        get: operations["getCityBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the branding of the city’s public pages (city admins): name, about text, accent colour, logo; null clears a field */
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
        get: operations["listOrganisations"];
        put?: never;
        /** Add an organisation (an OB issuer Profile) */
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
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
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
        /** Mark an organisation as verified by the city (city admins): public pages show "Verified by {city}" beside it */
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
        get: operations["listApiKeys"];
        put?: never;
        /** Create a key for this city (city admins) */
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
        /** Revoke a key (idempotent) */
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
        /** New signing keys (RS256 returned; OB 3.0 Ed25519 and ES256 rotated too); old keys stay published so what they signed still verifies */
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
        get: operations["listBadgeClasses"];
        put?: never;
        /** Create a draft badge class (JSON with a data URI image, or multipart with metadata + image) */
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
        get: operations["getBadgeClass"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a draft in place; editing an approved class creates a new draft version (awards keep the version they were given) */
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
        /** Submit a draft for quality assurance (needs a spine element) */
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
        /** Approve a submitted class (city admins); its alignments are frozen as the spine is now */
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
        /** Retire a class: no new awards */
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
         * @description Filters combine with AND; pages run in creation order (cursor in `nextCursor` and the `Link` header).
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
        get: operations["listAwards"];
        put?: never;
        /** Award an approved badge class (send an Idempotency-Key to retry safely) */
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
        /** Up to 1000 awards; each item has its own result (status 201, 200 for a replay, or a problem) */
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
        /** Revoke with a reason (idempotent: the first reason is kept) */
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
        get: operations["listEndorsements"];
        put?: never;
        /** An organisation endorses a badge class, an issuer or an award */
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
        /** The spine: layers, elements and the grid of levels x dimensions */
        get: operations["getSpine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename the spine (the targetFramework of alignments); null restores the default */
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
        /** Elements in spine order, filtered by layer, status, text or parent */
        get: operations["listSpineElements"];
        put?: never;
        /** Add an element (codes are never reused) */
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
        get: operations["getSpineElement"];
        put?: never;
        post?: never;
        /** Delete an element no badge class uses and that has no children (409 otherwise: retire it) */
        delete: operations["deleteSpineElement"];
        options?: never;
        head?: never;
        /** Edit an element; editing one in use bumps its version. null clears a field */
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
        /** Retire an element (idempotent); it keeps resolving. `cascade` retires its active subtree too */
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
        get: operations["getGridCell"];
        /** Reword a cell: its descriptors in every language at once */
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
        /** Approved badge classes per level x dimension x element: where no badge exists yet */
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
        /** Export the spine (or one layer) as 1EdTech CASE 1.1 JSON (a CFPackage) */
        get: operations["exportSpineCase"];
        put?: never;
        /**
         * Import a CASE 1.1 CFPackage (JSON, at most 5242880 bytes and 5000 items) into a layer, atomically
         * @description `layer` (default strategic) receives the framework; `preserve` restores a spine exported by us, every layer as exported. `mode=replace` (default) makes the layer equal to the file: missing elements are deleted, or retired when badge classes use them. `mode=merge` only adds and updates.
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
        get: operations["listThemes"];
        put?: never;
        /** Add a civic, wellbeing or sector theme (only sector themes carry an industry code) */
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
        get: operations["getTheme"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
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
        get: operations["listDestinations"];
        put?: never;
        /** Add a named local destination of one of the four kinds */
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
        get: operations["getDestination"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
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
        /** List learners, or find one by ?externalRef=platform:ref */
        get: operations["listLearners"];
        put?: never;
        /** Create a pseudonymous learner */
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
        get: operations["getLearner"];
        put?: never;
        post?: never;
        /** Erase a learner: awards become revoked stubs (410 erased); idempotent */
        delete: operations["eraseLearner"];
        options?: never;
        head?: never;
        /** Change consents or area; add external refs; add or verify identifiers */
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
        /** Mint a short-lived learner token (reaches only this learner's backpack and shares) */
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
        /** The learner's awards with their state (an issuer key sees only its own awards) */
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
        get: operations["listCollections"];
        put?: never;
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
        delete: operations["deleteCollection"];
        options?: never;
        head?: never;
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
        get: operations["listShares"];
        put?: never;
        /** Share awards or a collection: an unguessable, expiring, revocable URL */
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
        /** Revoke a share (idempotent): its URL answers 410 */
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
        get: operations["listPathways"];
        put?: never;
        /** Make a recommended (organisation) or interest (learner) pathway */
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
        get: operations["getPathway"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit: a draft in place, a published pathway as a new version (followers keep theirs) */
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
        /** A learner starts a published pathway (an app may enrol them) */
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
        /** For the owner: followers by stage (started, at least half way, completed) */
        get: operations["getPathwayProgress"];
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
        /** A learner's pathways: percent, missing and next steps */
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
        get: operations["getLearnerSettings"];
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
        /** The city’s opportunities in creation order */
        get: operations["listOpportunities"];
        put?: never;
        /** Create an opportunity (a draft) with its sessions, given or expanded from an RRULE */
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
         * @description For city admins and readers (the insights issue compares it with learner demand). Default window: this week and the next seven.
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
        /** One opportunity with its sessions */
        get: operations["getOpportunity"];
        put?: never;
        post?: never;
        /** Delete (a tombstone in the RPDE feed) */
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
        /** Publish: searchable, on the public page and in the RPDE feed */
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
        /** Cancel the opportunity and its sessions (stays in the feed as cancelled) */
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
         * @description Idempotent per learner and opportunity: recording again (a retry, another session) replays the same award. All learners must be of this city (else 422, nothing awarded); a cancelled session or opportunity answers 409.
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
        /** Search settings of the city */
        get: operations["getOpportunitySettings"];
        /** Set the largest search radius (km) of the city */
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
        /** Imported feeds and their state */
        get: operations["listOpportunityFeeds"];
        put?: never;
        /** Register an OpenActive RPDE feed of a provider organisation; an import job starts at once */
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
        /** An imported feed: position, counts, last error */
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
        /** Run the import again from where it stopped */
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
        /** Link a pending award to a learner with its claim token (single use; 409 used, 410 expired) */
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
        /** A claim code for an approved badge class: a window and a maximum number of claims; answers its QR code (SVG) */
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
        /** The QR code of a claim code (image/svg+xml) */
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
        /** Redeem a claim code for a learner: one award per learner (201), the same award again (200); 409 not open or full, 410 closed */
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
        /** Export a learner: ?format=json (everything), clr (signed CLR 2.0, eddsa-rdfc-2022) or zip (baked badges); clr and zip: 409 while an under-13's awards are held */
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
        /** Send (or return) a consent link to an under-13 learner's guardian */
        post: operations["requestGuardianConsent"];
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
        /** List subscriptions */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a receiver to events
         * @description Deliveries follow Standard Webhooks 1.0: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the base64 part of the secret). The answer carries the secret once. An issuer key subscribes for its own organisation.
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
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change the URL or events, or disable / enable */
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
        /** A new secret, shown once; the previous one keeps signing for 24 hours */
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
        /** Send a signed `webhook.test` message now and report the answer */
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
        /** The delivery log, oldest first */
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
        /** Send a delivery again (same message id), next in line */
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
         * @description A file of up to 100,000 rows, `text/csv` (UTF-8, header row `badgeClassId,recipientType,recipientIdentity`, optional `evidenceUrl,evidenceNarrative,issuedOn,idempotencyKey`) or `application/x-ndjson` (one object a line with the same keys). `?dryRun=true` checks every row and answers the row errors without issuing. Otherwise answers 202 with the job; rows are issued in the background, each with its own idempotency key (the `idempotencyKey` column, or one derived from the job and row), so a crash never duplicates an award.
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
        /** State, progress and counts of a job */
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
        /** Stop a job; rows already issued stand */
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
         * @description The CSV has the columns `row,error` and the row's own columns; every cell is quoted and a leading `= + - @` is neutralised so a spreadsheet never runs it as a formula.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Pathway */
        "def-0": {
            /** Format: uuid */
            id: string;
            kind: "recommended" | "interest";
            /** Format: uuid */
            organisationId?: string;
            /** Format: uuid */
            learnerId?: string;
            status: "draft" | "published" | "archived";
            version: number;
            title: string;
            description?: string;
            destinations: string[];
            themes: string[];
            requirements: unknown;
            /** Format: uuid */
            completionBadgeClassId?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * WebhookSubscription
         * @description A webhook subscription (Standard Webhooks 1.0)
         */
        "def-1": {
            /** Format: uuid */
            id: string;
            url: string;
            events: string[];
            /** Format: uuid */
            organisationId?: string;
            description?: string;
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
        /** WebhookDelivery */
        "def-2": {
            /** @description The message id (`webhook-id` header): the same on every attempt and replay */
            id: string;
            eventType: string;
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
        /** BulkJob */
        "def-3": {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "awards";
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOb2Issuer: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2Key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2RevocationList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2BadgeClass: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2BadgeImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2Endorsement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2Assertion: {
        parameters: {
            query?: {
                /** @description JSON-LD whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb2AssertionImage: {
        parameters: {
            query?: {
                form?: "hosted" | "signed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Credential: {
        parameters: {
            query?: {
                alg?: "RS256" | "ES256";
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3CredentialImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Achievement: {
        parameters: {
            query?: {
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Issuer: {
        parameters: {
            query?: {
                /** @description the JSON document whatever the Accept header says (the pages’ machine links) */
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3VerificationMethod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Jwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Jwk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3RevocationList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3StatusList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                list: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOb3Endorsement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPublicSpine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicSpineElement: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicGridCell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON-LD (application/ld+json), or an HTML page when the client prefers text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicCasePackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicCaseDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getShare: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    searchOpportunities: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
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
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            title: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
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
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            modified: number;
                            kind: string;
                            state: "updated" | "deleted";
                            data?: unknown;
                        }[];
                        next: string;
                        license: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPublicOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/ld+json, or text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
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
                "application/json": {
                    consent: boolean;
                    /** @description the version of the wording the guardian was shown */
                    wordingVersion: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        learnerId: string;
                        guardianConsent: "given" | "pending";
                        /** Format: date-time */
                        consentedAt?: string;
                        wordingVersion: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getHome: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getCityPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getCityLogo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description image/png or image/svg+xml */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
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
                "application/json": {
                    recipient?: string;
                };
            };
        };
        responses: {
            /** @description An HTML page (text/html), or JSON for machines where noted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOauthInteraction: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
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
                "application/json": {
                    learner_token: string;
                };
                "application/x-www-form-urlencoded": {
                    learner_token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        next: string;
                    };
                };
            };
            /** @description Default Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
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
            /** @description Default Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
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
            /** @description Default Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    getServiceDescription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ServiceDescriptionDocument */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getObCredentials: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GetOpenBadgeCredentialsResponse */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential?: unknown[];
                        compactJwsString?: string[];
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
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
                "application/json": unknown;
                "application/vc+ld+json": unknown;
                "text/plain": string;
            };
        };
        responses: {
            /** @description An OpenBadgeCredential (AchievementCredential) with an embedded proof */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description An OpenBadgeCredential (AchievementCredential) with an embedded proof */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Default Response */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
        };
    };
    getObProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The learner's OB 3.0 Profile: a pseudonymous id (`urn:uuid:…`) and, where the city stores names, the display name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        "@context"?: string[];
                        id: string;
                        type: string[];
                        name?: string;
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
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
                "application/json": unknown;
                "application/ld+json": unknown;
            };
        };
        responses: {
            /** @description The learner's OB 3.0 Profile: a pseudonymous id (`urn:uuid:…`) and, where the city stores names, the display name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        "@context"?: string[];
                        id: string;
                        type: string[];
                        name?: string;
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
            /** @description OB 3.0 Imsx_StatusInfo: the body of every error of this API. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
                        imsx_severity: "error" | "status" | "warning";
                        imsx_description?: string;
                        imsx_codeMinor?: {
                            imsx_codeMinorField: {
                                imsx_codeMinorFieldName: string;
                                imsx_codeMinorFieldValue: string;
                            }[];
                        };
                    };
                };
            };
        };
    };
    listProblemTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            type: string;
                            code: string;
                            status: number;
                            title: string;
                            explanation: string;
                        }[];
                    };
                };
            };
        };
    };
    getProblemType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        code: string;
                        status: number;
                        title: string;
                        explanation: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listCities: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createCity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
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
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getCity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getCityBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateCityBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: null | string;
                    about?: null | string;
                    accentColour?: null | string;
                    logo?: null | string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listOrganisations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    url: string;
                    email: string;
                    description?: string;
                    /** @description https URL or PNG/SVG data URI */
                    image?: string;
                    telephone?: string;
                    kind?: "school" | "college" | "university" | "employer" | "charity" | "youth-club" | "museum" | "library" | "council" | "cultural" | "sport" | "other";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    url?: string;
                    email?: string;
                    description?: string;
                    /** @description https URL or PNG/SVG data URI */
                    image?: string;
                    telephone?: string;
                    kind?: "school" | "college" | "university" | "employer" | "charity" | "youth-club" | "museum" | "library" | "council" | "cultural" | "sport" | "other";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    setOrganisationVerified: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    verified: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    role: "city-admin" | "issuer" | "reader" | "app";
                    /** Format: uuid */
                    organisationId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listBadgeClasses: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                organisationId?: string;
                status?: "draft" | "submitted" | "approved" | "superseded" | "retired";
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
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
                            alignments: {
                                targetName: string;
                                targetUrl: string;
                                targetDescription?: string;
                                targetFramework?: string;
                                targetCode?: string;
                            }[];
                            /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                            spine?: {
                                /** @description Codes of active spine elements; at least one before submission and approval */
                                elements: string[];
                                level: "engagement" | "participation" | "demonstration" | "leadership";
                                dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                            };
                            themes: string[];
                            destinations: string[];
                            /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                            generatedAlignments: {
                                targetName: string;
                                targetUrl: string;
                                targetDescription?: string;
                                targetFramework?: string;
                                targetCode?: string;
                            }[];
                            expiry: {
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
                            language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    name: string;
                    description: string;
                    /** @description PNG or SVG data URI (or send multipart/form-data with a file part `image`) */
                    image?: string;
                    criteria: {
                        narrative?: string;
                        url?: string;
                    };
                    tags?: string[];
                    alignments?: {
                        targetName: string;
                        targetUrl: string;
                        targetDescription?: string;
                        targetFramework?: string;
                        targetCode?: string;
                    }[];
                    expiry?: {
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
                    language?: string;
                    /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                    spine?: {
                        /** @description Codes of active spine elements; at least one before submission and approval */
                        elements: string[];
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                    };
                    /** @description Codes (or ids) of the city's themes */
                    themes?: string[];
                    /** @description Codes (or ids) of the city's destinations */
                    destinations?: string[];
                };
                "multipart/form-data": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                    /** @description PNG or SVG data URI (or send multipart/form-data with a file part `image`) */
                    image?: string;
                    criteria?: {
                        narrative?: string;
                        url?: string;
                    };
                    tags?: string[];
                    alignments?: {
                        targetName: string;
                        targetUrl: string;
                        targetDescription?: string;
                        targetFramework?: string;
                        targetCode?: string;
                    }[];
                    expiry?: {
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
                    language?: string;
                    spine?: {
                        /** @description Codes of active spine elements; at least one before submission and approval */
                        elements: string[];
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                    } | null;
                    /** @description Codes (or ids) of the city's themes */
                    themes?: string[];
                    /** @description Codes (or ids) of the city's destinations */
                    destinations?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listBadgeClassVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
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
                            alignments: {
                                targetName: string;
                                targetUrl: string;
                                targetDescription?: string;
                                targetFramework?: string;
                                targetCode?: string;
                            }[];
                            /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                            spine?: {
                                /** @description Codes of active spine elements; at least one before submission and approval */
                                elements: string[];
                                level: "engagement" | "participation" | "demonstration" | "leadership";
                                dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                            };
                            themes: string[];
                            destinations: string[];
                            /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                            generatedAlignments: {
                                targetName: string;
                                targetUrl: string;
                                targetDescription?: string;
                                targetFramework?: string;
                                targetCode?: string;
                            }[];
                            expiry: {
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
                            language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    submitBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    approveBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    retireBadgeClass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        familyId: string;
                        version: number;
                        /** Format: uuid */
                        organisationId: string;
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
                        alignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                        spine?: {
                            /** @description Codes of active spine elements; at least one before submission and approval */
                            elements: string[];
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                        };
                        themes: string[];
                        destinations: string[];
                        /** @description Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city} */
                        generatedAlignments: {
                            targetName: string;
                            targetUrl: string;
                            targetDescription?: string;
                            targetFramework?: string;
                            targetCode?: string;
                        }[];
                        expiry: {
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
                        language?: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    searchCatalogue: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
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
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            familyId: string;
                            version: number;
                            /** Format: uuid */
                            organisationId: string;
                            status: "draft" | "submitted" | "approved" | "superseded" | "retired";
                            name: string;
                            description: string;
                            image: string;
                            tags: string[];
                            /** @description Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions */
                            spine?: {
                                /** @description Codes of active spine elements; at least one before submission and approval */
                                elements: string[];
                                level: "engagement" | "participation" | "demonstration" | "leadership";
                                dimensions: ("knowledge" | "skills" | "attitudes-values")[];
                            };
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listAwards: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                organisationId?: string;
                badgeClassId?: string;
                revoked?: boolean;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            badgeClassId: string;
                            /** Format: uuid */
                            organisationId: string;
                            recipient: {
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
                            /** @description the learner's decision (backpack) */
                            acceptance?: "pending" | "accepted" | "declined";
                            /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                            claim?: {
                                /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    issueAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    badgeClassId: string;
                    recipient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: uuid */
                        organisationId: string;
                        recipient: {
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
                        /** @description the learner's decision (backpack) */
                        acceptance?: "pending" | "accepted" | "declined";
                        /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                        claim?: {
                            /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: uuid */
                        organisationId: string;
                        recipient: {
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
                        /** @description the learner's decision (backpack) */
                        acceptance?: "pending" | "accepted" | "declined";
                        /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                        claim?: {
                            /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    issueAwards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        /** Format: uuid */
                        badgeClassId: string;
                        recipient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            index: number;
                            status: number;
                            award?: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                badgeClassId: string;
                                /** Format: uuid */
                                organisationId: string;
                                recipient: {
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
                                /** @description the learner's decision (backpack) */
                                acceptance?: "pending" | "accepted" | "declined";
                                /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                                claim?: {
                                    /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                            /** @description RFC 9457 problem details */
                            problem?: {
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
                        }[];
                        created: number;
                        failed: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: uuid */
                        organisationId: string;
                        recipient: {
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
                        /** @description the learner's decision (backpack) */
                        acceptance?: "pending" | "accepted" | "declined";
                        /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                        claim?: {
                            /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    revokeAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        badgeClassId: string;
                        /** Format: uuid */
                        organisationId: string;
                        recipient: {
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
                        /** @description the learner's decision (backpack) */
                        acceptance?: "pending" | "accepted" | "declined";
                        /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                        claim?: {
                            /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listEndorsements: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                subjectId?: string;
                organisationId?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            subject: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createEndorsement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    subject: {
                        type: "badge-class" | "organisation" | "award";
                        /** Format: uuid */
                        id: string;
                    };
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        subject: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getEndorsement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        subject: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getSpine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                        }[];
                        grid: {
                            level: "engagement" | "participation" | "demonstration" | "leadership";
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateSpine: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: null | string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                        }[];
                        grid: {
                            level: "engagement" | "participation" | "demonstration" | "leadership";
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listSpineElements: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                layer?: "core" | "cities-of-learning" | "city" | "strategic";
                status?: "active" | "retired";
                /** @description Text in the code, title or description */
                q?: string;
                /** @description Stable: never renamed, never reused */
                parent?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Stable: never renamed, never reused */
                            code: string;
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
                            status: "active" | "retired";
                            version: number;
                            /** @description Public page of the element (the alignment targetUrl) */
                            url: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    layer: "core" | "cities-of-learning" | "city" | "strategic";
                    /** @description Stable: never renamed, never reused */
                    parentCode?: string;
                    title: string;
                    description?: string;
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
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
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
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
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
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateSpineElement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: null | string;
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
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
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    retireSpineElement: {
        parameters: {
            query?: {
                cascade?: boolean;
            };
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Stable: never renamed, never reused */
                        code: string;
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
                        status: "active" | "retired";
                        version: number;
                        /** @description Public page of the element (the alignment targetUrl) */
                        url: string;
                        /** @description Badge classes aligned to it */
                        usedBy: number;
                        children: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getGridCell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                level: "engagement" | "participation" | "demonstration" | "leadership";
                dimension: "knowledge" | "skills" | "attitudes-values";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        dimension: "knowledge" | "skills" | "attitudes-values";
                        descriptors: {
                            [key: string]: string;
                        };
                        url: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    putGridCell: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                level: "engagement" | "participation" | "demonstration" | "leadership";
                dimension: "knowledge" | "skills" | "attitudes-values";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    descriptors: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        level: "engagement" | "participation" | "demonstration" | "leadership";
                        dimension: "knowledge" | "skills" | "attitudes-values";
                        descriptors: {
                            [key: string]: string;
                        };
                        url: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
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
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        badgeClasses: number;
                        elements: number;
                        totals: {
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            count: number;
                        }[];
                        cells: {
                            level: "engagement" | "participation" | "demonstration" | "leadership";
                            dimension: "knowledge" | "skills" | "attitudes-values";
                            elementCode: string;
                            count: number;
                        }[];
                        emptyCells: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    exportSpineCase: {
        parameters: {
            query?: {
                layer?: "core" | "cities-of-learning" | "city" | "strategic";
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CASE 1.1 CFPackage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    importSpineCase: {
        parameters: {
            query?: {
                layer?: ("core" | "cities-of-learning" | "city" | "strategic") | "preserve";
                mode?: "replace" | "merge";
                /** @description Stable: never renamed, never reused */
                prefix?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        layer: string;
                        mode: string;
                        items: number;
                        created: number;
                        updated: number;
                        unchanged: number;
                        retired: number;
                        deleted: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listThemes: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                kind?: "civic" | "wellbeing" | "sector";
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            title: string;
                            description?: string;
                            /** @description Public page (the alignment targetUrl) */
                            url: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            kind: "civic" | "wellbeing" | "sector";
                            industryCode?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    kind: "civic" | "wellbeing" | "sector";
                    title: string;
                    description?: string;
                    industryCode?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: null | string;
                    industryCode?: null | string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "civic" | "wellbeing" | "sector";
                        industryCode?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listDestinations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                kind?: "education" | "employment" | "enterprise" | "civic-engagement";
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            title: string;
                            description?: string;
                            /** @description Public page (the alignment targetUrl) */
                            url: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            kind: "education" | "employment" | "enterprise" | "civic-engagement";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Stable: never renamed, never reused */
                    code: string;
                    kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    title: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                /** @description Stable: never renamed, never reused */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: null | string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        code: string;
                        title: string;
                        description?: string;
                        /** @description Public page (the alignment targetUrl) */
                        url: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        kind: "education" | "employment" | "enterprise" | "civic-engagement";
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                            code?: string;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listLearners: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description platform:ref */
                externalRef?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description under-13 needs a guardian */
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
                            guardianConsent?: "pending" | "given";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description under-13 needs a guardian */
                    ageBand: "under-13" | "13-15" | "16-18" | "19-24" | "25-plus";
                    /** @description coarse area: a postcode district (LS6) or a ward/LSOA code */
                    area?: string;
                    externalRefs?: {
                        platform: string;
                        ref: string;
                    }[];
                    identifiers?: {
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
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description under-13 needs a guardian */
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
                        guardianConsent?: "pending" | "given";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description under-13 needs a guardian */
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
                        guardianConsent?: "pending" | "given";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    eraseLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description under-13 needs a guardian */
                    ageBand?: "under-13" | "13-15" | "16-18" | "19-24" | "25-plus";
                    area?: string | null;
                    /** @description added to the existing ones */
                    externalRefs?: {
                        platform: string;
                        ref: string;
                    }[];
                    /** @description added, or verified when marked verified */
                    identifiers?: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description under-13 needs a guardian */
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
                        guardianConsent?: "pending" | "given";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createLearnerToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 900 */
                    ttlSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getBackpack: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                acceptance?: "pending" | "accepted" | "declined";
            };
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    acceptAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                awardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    declineAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                awardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listCollections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            position: number;
                            awardIds: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description the learner's own awards, in order */
                    awardIds?: string[];
                    position?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    deleteCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                collectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                collectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description the learner's own awards, in order */
                    awardIds?: string[];
                    position?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listShares: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
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
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
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
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    revokeShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                shareId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listPathways: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "draft" | "published" | "archived";
                kind?: "recommended" | "interest";
                organisationId?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-0"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createPathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: "recommended" | "interest";
                    /** Format: uuid */
                    organisationId?: string;
                    /** Format: uuid */
                    learnerId?: string;
                    title: string;
                    description?: string;
                    destinations?: string[];
                    themes?: string[];
                    /** @description A requirement tree: nodes `{ type: all|any|atLeast (n) , children }`, leaves `badge { badgeClassId }`, `skill { element, minLevel?, dimension?, count }`, `theme { theme, count }`, `opportunity { kind?, attended }`, `pathway { pathwayId }`; any node may carry `within` (ISO 8601 duration), `after`/`before` and `ordered`. At most 8 levels and 500 nodes. */
                    requirements: unknown;
                    /** Format: uuid */
                    completionBadgeClassId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updatePathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string;
                    destinations?: string[];
                    themes?: string[];
                    /** @description A requirement tree: nodes `{ type: all|any|atLeast (n) , children }`, leaves `badge { badgeClassId }`, `skill { element, minLevel?, dimension?, count }`, `theme { theme, count }`, `opportunity { kind?, attended }`, `pathway { pathwayId }`; any node may carry `within` (ISO 8601 duration), `after`/`before` and `ordered`. At most 8 levels and 500 nodes. */
                    requirements?: unknown;
                    /** Format: uuid */
                    completionBadgeClassId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    publishPathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    archivePathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        kind: "recommended" | "interest";
                        /** Format: uuid */
                        organisationId?: string;
                        /** Format: uuid */
                        learnerId?: string;
                        status: "draft" | "published" | "archived";
                        version: number;
                        title: string;
                        description?: string;
                        destinations: string[];
                        themes: string[];
                        requirements: unknown;
                        /** Format: uuid */
                        completionBadgeClassId?: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    followPathway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pathwayId: string;
                        learnerId: string;
                        version: number;
                        percent: number;
                        satisfied: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getPathwayProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pathwayId: string;
                        started: number;
                        halfway: number;
                        completed: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listLearnerPathways: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
                            /** Format: date-time */
                            completedAt?: string;
                            completionAwardId?: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getLearnerSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description learners may carry a display name */
                        learnerNames: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    putLearnerSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description learners may carry a display name */
                    learnerNames: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description learners may carry a display name */
                        learnerNames: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listOpportunities: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                organisation?: string;
                status?: "draft" | "published" | "cancelled";
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                            title: string;
                            description: string;
                            /** @description The description rendered from Markdown (raw HTML escaped) */
                            descriptionHtml: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    organisationId: string;
                    kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                    title: string;
                    /** @description Markdown; raw HTML is escaped when rendered */
                    description?: string;
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
                        level?: "engagement" | "participation" | "demonstration" | "leadership";
                    };
                    badgeClassIds?: string[];
                    language?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOpportunitySupply: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    deleteOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    publishOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    cancelOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        kind: "activity" | "event" | "course" | "volunteering" | "job" | "apprenticeship" | "internship" | "interview";
                        title: string;
                        description: string;
                        /** @description The description rendered from Markdown (raw HTML escaped) */
                        descriptionHtml: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    recordAttendance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    learnerIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOpportunitySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        maxRadiusKm: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    putOpportunitySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    maxRadiusKm: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        maxRadiusKm: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listOpportunityFeeds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organisationId: string;
                            url: string;
                            nextUrl: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    registerOpportunityFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    /** Format: uuid */
                    organisationId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getOpportunityFeedImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    syncOpportunityFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        organisationId: string;
                        url: string;
                        nextUrl: string;
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
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    claimAward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createClaimCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
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
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getClaimCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getClaimCodeQr: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    redeemClaimCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    learnerId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description true when this learner had redeemed the code before: the same award */
                        alreadyRedeemed: boolean;
                        award: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            badgeClassId: string;
                            /** Format: uuid */
                            organisationId: string;
                            recipient: {
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
                            /** @description the learner's decision (backpack) */
                            acceptance?: "pending" | "accepted" | "declined";
                            /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                            claim?: {
                                /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description true when this learner had redeemed the code before: the same award */
                        alreadyRedeemed: boolean;
                        award: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            badgeClassId: string;
                            /** Format: uuid */
                            organisationId: string;
                            recipient: {
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
                            /** @description the learner's decision (backpack) */
                            acceptance?: "pending" | "accepted" | "declined";
                            /** @description a new award to an identity no learner holds: pending, with a single-use claim link */
                            claim?: {
                                /** @description mail: sent to the recipient; caller: pass `url` on to them */
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
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    exportLearner: {
        parameters: {
            query?: {
                /** @description json (default): everything; clr: a signed CLR 2.0 ClrCredential; zip: the baked badges */
                format?: "json" | "clr" | "zip";
            };
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/json, application/ld+json (ClrCredential) or application/zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    requestGuardianConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description mail: sent to the guardian; caller: pass `url` on to them */
                        delivery: "mail" | "caller";
                        url?: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-1"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        events: string[];
                        /** Format: uuid */
                        organisationId?: string;
                        description?: string;
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        events: string[];
                        /** Format: uuid */
                        organisationId?: string;
                        description?: string;
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        events: string[];
                        /** Format: uuid */
                        organisationId?: string;
                        description?: string;
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook subscription (Standard Webhooks 1.0) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        events: string[];
                        /** Format: uuid */
                        organisationId?: string;
                        description?: string;
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivered: boolean;
                        status?: number;
                        error?: string;
                        delivery: components["schemas"]["def-2"];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "pending" | "delivered" | "failed";
            };
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-2"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The message id (`webhook-id` header): the same on every attempt and replay */
                        id: string;
                        eventType: string;
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    createBulkAwardJob: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "awards";
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listBulkJobs: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                city: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-3"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    getBulkJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "awards";
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    cancelBulkJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "awards";
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
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                };
            };
        };
    };
    listBulkJobErrors: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                city: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
                    "text/csv": {
                        items: {
                            row: number;
                            error: string;
                            data: {
                                [key: string]: string;
                            };
                        }[];
                        next: number | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                    "text/csv": {
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
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                    "text/csv": {
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
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
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
                    "text/csv": {
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
                };
            };
        };
    };
}
