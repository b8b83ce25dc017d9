import { createHash, randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { bearerAuth } from './plugins/auth.js'
import { docsRoutes } from './plugins/docs.js'
import { applyDocs, routeFacts } from './openapi-docs/index.js'
import { httpConventions, requireJsonAccept } from './plugins/http.js'
import { liftMultipartEncodings } from './plugins/openapi-encoding.js'
import { idempotencyPlugin } from './plugins/idempotency.js'
import { clientErrorHandler, frameworkErrors, problemPlugin, problemRoutes } from './plugins/problem.js'
import { jsonAnswerHeaders, securityHeaders } from './plugins/security-headers.js'
import { apiKeyRoutes } from './routes/api-keys.routes.js'
import { awardRoutes } from './routes/awards.routes.js'
import { badgeClassRoutes } from './routes/badge-classes.routes.js'
import { catalogueRoutes } from './routes/catalogue.routes.js'
import { cityRoutes } from './routes/cities.routes.js'
import { endorsementRoutes, signingKeyRoutes } from './routes/endorsements.routes.js'
import { negotiate, ob2PublicRoutes } from './routes/ob2-public.routes.js'
import { hostedFastPath, serverWithFastPath } from './plugins/hosted-fast-path.js'
import { ob3PublicRoutes } from './routes/ob3-public.routes.js'
import { operationsRoutes } from './routes/operations.routes.js'
import { organisationRoutes } from './routes/organisations.routes.js'
import { destinationRoutes, themeRoutes } from './routes/spine-catalogue.routes.js'
import { spinePublicRoutes } from './routes/spine-public.routes.js'
import { spineRoutes } from './routes/spine.routes.js'
import { verifyRoutes } from './routes/verify.routes.js'
import { learnerRoutes, learnerSettingsRoutes } from './routes/learners.routes.js'
import { learnerImportRoutes } from './routes/learner-imports.routes.js'
import { sharePublicRoutes } from './routes/shares.routes.js'
import { pathwayRoutes } from './routes/pathways.routes.js'
import { opportunityFeedRoutes, opportunityRoutes, opportunitySearchRoutes, opportunitySettingsRoutes } from './routes/opportunities.routes.js'
import { openDataRoutes } from './routes/feeds.routes.js'
import { claimRoutes } from './routes/claims.routes.js'
import { guardianAccessPublicRoutes, guardianConsentPublicRoutes, guardianRequestRoutes, learnerPortfolioRoutes } from './routes/learner-portfolio.routes.js'
import { pagesRoutes } from './routes/pages.routes.js'
import { webhookRoutes } from './routes/webhooks.routes.js'
import { jobRoutes } from './routes/jobs.routes.js'
import { insightRoutes } from './routes/insights.routes.js'
import { insightPageRoutes } from './routes/insights-pages.routes.js'
import { oauthRoutes } from './routes/oauth.routes.js'
import { obApiRoutes } from './routes/ob-api.routes.js'
import { createAuthorizationServer } from './domain/oauth/authorization-server.js'
import { obApiSecurityScheme } from './routes/ob-api.routes.js'
import type { Runtime } from './runtime.js'
import { CLAIM_TOKEN_PATTERN } from './domain/learners/claims.js'
import { lazyChild } from './lazy-logger.js'
import { loggableUrl } from './log.js'
import type { Logger } from 'pino'
import { lazyCompilers } from './plugins/lazy-compilers.js'
import { sharedRateLimitStore } from './infra/rate-limit-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Compiles route schemas not compiled yet, at most `limit` (they compile at first use); throws on a broken one. */
    compileAllSchemas: (limit?: number) => number
    /** Requests the HTTP server answered before routing (cached hosted assertions). */
    fastPathAnswers: () => number
  }
}

export const API_VERSION = '0.1.0'
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/
// Request ids: a random per-process prefix and a counter — unique across instances, cheaper than a UUID each.
const ID_PREFIX = randomUUID().slice(0, 8)
let requestCount = 0
const requestId = (req: { headers: Record<string, string | string[] | undefined> }): string => {
  const h = req.headers['x-request-id']
  return typeof h === 'string' && REQUEST_ID.test(h) ? h : `${ID_PREFIX}-${(++requestCount).toString(36)}`
}

/**
 * Fastify names each plugin for its logs and errors; a plugin without a display name costs a scan of `require.cache`
 * per registration (a quarter of a second per app at our size). The function's own name says the same.
 */
const DISPLAY_NAME = Symbol.for('fastify.display-name')
function named<T extends object> (plugin: T): T {
  const p = plugin as T & { [DISPLAY_NAME]?: string; name?: string }
  if (p[DISPLAY_NAME] === undefined && typeof p.name === 'string' && p.name !== '') p[DISPLAY_NAME] = p.name
  return plugin
}

/** The HTTP application: plugins, then routes. Tests call this with a real runtime and use `app.inject`. */
/** A hop count as Fastify's trust function: the n nearest addresses of the chain are proxies. */
const trustHops = (n: number) => (_address: string, hop: number): boolean => hop < n

export async function buildApp (runtime: Runtime): Promise<FastifyInstance> {
  const { config, services } = runtime
  const compilers = lazyCompilers()
  const fast: { answer?: ReturnType<typeof hostedFastPath> } = {}
  const app = Fastify({
    schemaController: { compilersFactory: compilers.compilersFactory },
    loggerInstance: runtime.log as FastifyBaseLogger,
    // One line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (logger, bindings, opts) => lazyChild(logger as unknown as Logger, bindings, opts) as unknown as FastifyBaseLogger,
    genReqId: requestId,
    // Cached hosted assertions are answered by the HTTP server before routing (plugins/hosted-fast-path.ts).
    serverFactory: serverWithFastPath(() => fast.answer),
    bodyLimit: 1024 * 1024,
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 72_000,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // The client address (rate limits, logs) from X-Forwarded-For only when the peer is a trusted proxy (TRUST_PROXY).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy === false ? false : [...config.trustProxy],
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    // Fastify's and Node's own errors (bad percent-encoding, 414, 431, ...) as problems of our vocabulary.
    frameworkErrors,
    clientErrorHandler: clientErrorHandler(config.publicUrl),
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('compileAllSchemas', compilers.compileAll)
  app.decorate('fastPathAnswers', () => fast.answer?.answered ?? 0)
  app.decorateRequest('principal', undefined)
  const recordResponse = runtime.metrics.recordResponse
  let closing = false
  app.addHook('preClose', (done) => { closing = true; done() })
  fast.answer = hostedFastPath({
    cache: services.hostedCache,
    negotiate: (accept) => { const c = negotiate(accept, true); return c === 'ld' || c === 'json' ? c : null },
    requestId,
    recordResponse: runtime.metrics.responseRecorder('GET', '/ob/v2/assertions/:id'),
    open: () => !closing,
    security: jsonAnswerHeaders(config.publicUrl),
  })
  app.addHook('onResponse', (req, reply, done) => {
    recordResponse(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
    if (reply.statusCode >= 500) req.log.error({ method: req.method, url: loggableUrl(req.url), status: reply.statusCode, ms: reply.elapsedTime }, 'request failed')
    else if ((req.log as unknown as { isLevelEnabled (l: string): boolean }).isLevelEnabled('info')) req.log.info({ method: req.method, url: loggableUrl(req.url), status: reply.statusCode, ms: reply.elapsedTime }, 'request')
    done()
  })

  await app.register(named(problemPlugin), { publicUrl: config.publicUrl })
  await app.register(named(httpConventions))
  await app.register(named(securityHeaders), { publicUrl: config.publicUrl })
  await app.register(named(rateLimit), {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Shared by the processes over Redis, counted here between pushes (src/infra/rate-limit-store.ts): no round trip
    // in front of most answers. Without Redis, the plugin's in-process store.
    ...(runtime.redis ? { store: sharedRateLimitStore(runtime.redis, `${runtime.redisPrefix}:rl:`) as never } : {}),
    skipOnError: true, // Redis away: serve rather than refuse
    // The IETF RateLimit header fields (ratelimit-limit, ratelimit-remaining, ratelimit-reset), exposed to browsers by CORS.
    enableDraftSpec: true,
    keyGenerator: (req) => {
      const auth = req.headers.authorization
      return auth ? `k:${createHash('sha256').update(auth).digest('base64url').slice(0, 22)}` : `ip:${req.ip}`
    },
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`rate limit of ${ctx.max} requests a minute exceeded; retry in ${ctx.after}`), { statusCode: 429, code: 'RATE_LIMITED' }),
  })
  await app.register(named(swagger), {
    // A resource's '/' under a prefix answers with and without the trailing slash; document the canonical path.
    // The route facts the document would lose (rate limited? idempotent?) ride along as `x-` keys for applyDocs.
    transform: ({ schema, url, route }) => ({
      schema: { ...schema, ...routeFacts(route.method, route.config as Parameters<typeof routeFacts>[1]) } as typeof schema,
      url: url.length > 1 ? url.replace(/\/$/, '') : url,
    }),
    // The words, examples, shared schemas, headers and media types (src/openapi-docs).
    // The multipart parts' encodings are lifted out of their schema first (src/plugins/openapi-encoding.ts).
    transformObject: ((doc: { openapiObject: Record<string, unknown> }) => applyDocs({ openapiObject: liftMultipartEncodings(doc.openapiObject) })) as never,
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CityBadges',
        version: API_VERSION,
        description: 'Open Badges 2.0/3.0, a skills spine, pathways and citywide insights for a City of Learning.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: cbk_…' },
          // The OB 3.0 REST API (/ims/ob/v3p0): OAuth 2.0 access tokens from /oauth (issue #13).
          // Relative to the server (the committed document is the same whatever PUBLIC_URL is); discovery has absolute URLs.
          OAuth2ACG: obApiSecurityScheme(''),
        },
      },
    },
  })
  await app.register(named(idempotencyPlugin), { db: runtime.database.db, leaseSeconds: config.idempotencyLeaseSeconds, secrets: { pattern: CLAIM_TOKEN_PATTERN, key: config.keyEncryptionKey } })

  await app.register(named(operationsRoutes), { runtime })
  // Public (no API key), rate limited per address: employers verify badges.
  await app.register(named(verifyRoutes), { prefix: '/v1/verify', runtime, perMinute: runtime.config.verifyRateLimitPerMinute })
  // Public OB 2.0 documents: no API key, open CORS, cacheable.
  await app.register(named(ob2PublicRoutes), { prefix: '/ob/v2', services, recordResponse, publicUrl: config.publicUrl })
  // Public OB 3.0 documents: credentials (DI, VC-JWT, baked), achievements, profiles, keys, status lists.
  await app.register(named(ob3PublicRoutes), { prefix: '/ob/v3', services, publicUrl: config.publicUrl })
  // Public skills spine pages (alignment targets): no API key, open CORS, JSON-LD or HTML for browsers.
  await app.register(named(spinePublicRoutes), { prefix: '/spine', services, publicUrl: config.publicUrl })
  // Public share links of learners (unguessable tokens): no API key, never cached by others.
  await app.register(named(sharePublicRoutes), { prefix: '/shares', services, publicUrl: config.publicUrl })
  // Public opportunities (issue #9): search (rate limited per address), schema.org pages and the RPDE feed.
  await app.register(named(opportunitySearchRoutes), { prefix: '/v1/cities/:city/opportunities/search', services, perMinute: Math.min(config.rateLimitPerMinute, config.searchRateLimitPerMinute) })
  await app.register(named(openDataRoutes), { services })
  // Guardians answer consent requests with the token of their link (no API key).
  await app.register(named(guardianConsentPublicRoutes), { prefix: '/guardian-consent', services })
  // Guardians of under-13s see, export and erase with the token of an access link (no API key).
  await app.register(named(guardianAccessPublicRoutes), { prefix: '/guardian-access', services })
  // Public HTML pages: `/` (the cities), `/cities/{city}` (landing page, logo), the badge page's verify button.
  await app.register(named(pagesRoutes), { runtime })
  // The insight report page (key or signed link) and the weekly open-data releases of insights.
  await app.register(named(insightPageRoutes), { services })
  // OAuth 2.0 authorization server (/oauth, oidc-provider) and the OB 3.0 REST API it protects (/ims/ob/v3p0; issue #13).
  const oauth = createAuthorizationServer({
    db: runtime.database.db, clock: runtime.clock, publicUrl: config.publicUrl, keyEncryptionKey: config.keyEncryptionKey, devMode: config.oauthDevMode,
    learnerExists: async (id) => (await services.obApi.caller(id, '', '')) !== undefined,
  })
  await app.register(named(oauthRoutes), { server: oauth, services, publicUrl: config.publicUrl, perMinute: config.rateLimitPerMinute })
  await app.register(named(obApiRoutes), { prefix: '/ims/ob/v3p0', runtime, server: oauth })
  docsRoutes(app)
  problemRoutes(app)

  // Management API: JSON only, bearer keys.
  const authenticate = bearerAuth(services.apiKeys, services.learnerTokens)
  await app.register(async (v1) => {
    v1.addHook('onRequest', requireJsonAccept)
    v1.addHook('onRequest', authenticate)
    v1.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, security: [{ apiKey: [] }] } as typeof route.schema
    })
    await v1.register(named(cityRoutes), { prefix: '/cities', services })
    await v1.register(named(organisationRoutes), { prefix: '/cities/:city/organisations', services })
    await v1.register(named(apiKeyRoutes), { prefix: '/cities/:city/api-keys', services })
    await v1.register(named(signingKeyRoutes), { prefix: '/cities/:city/organisations', services })
    await v1.register(named(badgeClassRoutes), { prefix: '/cities/:city/badge-classes', services })
    await v1.register(named(catalogueRoutes), { prefix: '/cities/:city/catalogue', services })
    await v1.register(named(awardRoutes), { prefix: '/cities/:city/awards', services })
    await v1.register(named(endorsementRoutes), { prefix: '/cities/:city/endorsements', services })
    await v1.register(named(spineRoutes), { prefix: '/cities/:city/spine', services })
    await v1.register(named(themeRoutes), { prefix: '/cities/:city/themes', services })
    await v1.register(named(destinationRoutes), { prefix: '/cities/:city/destinations', services })
    await v1.register(named(learnerRoutes), { prefix: '/cities/:city/learners', services })
    await v1.register(named(pathwayRoutes), { prefix: '/cities/:city', services })
    await v1.register(named(learnerSettingsRoutes), { prefix: '/cities/:city/learner-settings', services })
    await v1.register(named(opportunityRoutes), { prefix: '/cities/:city/opportunities', services })
    await v1.register(named(opportunitySettingsRoutes), { prefix: '/cities/:city/opportunity-settings', services })
    await v1.register(named(opportunityFeedRoutes), { prefix: '/cities/:city/opportunity-feeds', services })
    await v1.register(named(claimRoutes), { prefix: '/cities/:city', services })
    await v1.register(named(learnerPortfolioRoutes), { prefix: '/cities/:city/learners', services })
    await v1.register(named(guardianRequestRoutes), { prefix: '/cities/:city/learners', services })
    await v1.register(named(learnerImportRoutes), { prefix: '/cities/:city/learners', services })
    await v1.register(named(webhookRoutes), { prefix: '/cities/:city/webhooks', services })
    await v1.register(named(jobRoutes), { prefix: '/cities/:city/jobs', services })
    await v1.register(named(insightRoutes), { prefix: '/cities/:city', services })
  }, { prefix: '/v1' })

  return app
}
