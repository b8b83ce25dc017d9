import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ACCESS_TOKEN_TTL, oauthUrls, type AuthorizationServer } from '../domain/oauth/authorization-server.js'
import { MAX_PAGE, ObApiError, type ImsxCodeMinor, type ObApiCaller } from '../domain/oauth/ob-api.js'
import { ALL_OB_SCOPES, OB_SCOPES, type ObScope } from '../domain/oauth/scopes.js'
import { DomainError } from '../domain/shared/errors.js'
import { createJsonLdPool } from '../domain/verify/jsonld-pool.js'
import { createVerifyService } from '../domain/verify/verify.js'
import type { Runtime } from '../runtime.js'
import { ownFetcher } from './verify.routes.js'

/**
 * The Open Badges 3.0 REST API (issue #13; OB 3.0 §6, CONFORMANCE items 82–91) under `/ims/ob/v3p0`: the discovery
 * document (public), and on behalf of a learner with an OAuth access token from `/oauth`: their credentials (read,
 * upsert) and their profile (read, update). Every error is the spec's Imsx_StatusInfo, never a problem document:
 * 401 without a live token, 403 for a scope the token lacks, 400 for bad data or parameters.
 */

const Imsx = Type.Object({
  imsx_codeMajor: Type.Union([Type.Literal('failure'), Type.Literal('processing'), Type.Literal('success'), Type.Literal('unsupported')]),
  imsx_severity: Type.Union([Type.Literal('error'), Type.Literal('status'), Type.Literal('warning')]),
  imsx_description: Type.Optional(Type.String()),
  imsx_codeMinor: Type.Optional(Type.Object({
    imsx_codeMinorField: Type.Array(Type.Object({ imsx_codeMinorFieldName: Type.String(), imsx_codeMinorFieldValue: Type.String() })),
  })),
}, { $id: 'Imsx_StatusInfo', description: 'OB 3.0 Imsx_StatusInfo: the body of every error of this API.' })

const imsxErrors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Imsx])) as Record<number, typeof Imsx>

export function imsxBody (codeMinor: ImsxCodeMinor, description: string) {
  return {
    imsx_codeMajor: 'failure' as const,
    imsx_severity: 'error' as const,
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
  }
}

const sendImsx = (reply: FastifyReply, status: number, codeMinor: ImsxCodeMinor, description: string): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').type('application/json').send(imsxBody(codeMinor, description))

const Credential = Type.Unknown({ description: 'An OpenBadgeCredential (AchievementCredential) with an embedded proof' })
const CredentialsResponse = Type.Object({
  credential: Type.Optional(Type.Array(Credential)),
  compactJwsString: Type.Optional(Type.Array(Type.String({ description: 'A VC-JWT OpenBadgeCredential (compact JWS)' }))),
}, { description: 'GetOpenBadgeCredentialsResponse' })
const Profile = Type.Object({
  '@context': Type.Optional(Type.Array(Type.String())),
  id: Type.String(),
  type: Type.Array(Type.String()),
  name: Type.Optional(Type.String()),
}, { description: 'The learner\'s OB 3.0 Profile: a pseudonymous id (`urn:uuid:…`) and, where the city stores names, the display name' })

declare module 'fastify' {
  interface FastifyRequest {
    obCaller?: ObApiCaller
  }
}

export const obApiRoutes: FastifyPluginAsyncTypebox<{ runtime: Runtime; server: AuthorizationServer }> = async (app, { runtime, server }) => {
  const { services, config } = runtime
  const base = server.urls.resource
  const jsonParser = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/vc+ld+json', { parseAs: 'string' }, jsonParser)
  app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, jsonParser)
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body))

  // Upserted credentials are verified like POST /v1/verify: our own URLs in-process, untrusted JSON-LD in a worker.
  const jsonld = createJsonLdPool({ size: 1 })
  app.addHook('onClose', async () => jsonld.close())
  const verifier = createVerifyService({ egress: runtime.egress, clock: runtime.clock, fetchOwn: ownFetcher(app, config.publicUrl), canonize: jsonld.canonize })

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ObApiError) return sendImsx(reply, err.status, err.codeMinor, err.message)
    if (err.validation) {
      const where = err.validationContext === 'querystring' ? 'invalid_query_parameter' : 'invalid_data'
      return sendImsx(reply, 400, where, `${err.validationContext ?? 'request'}: ${err.message}`)
    }
    if (err instanceof DomainError && err.code === 'BAD_REQUEST') return sendImsx(reply, 400, 'invalid_data', err.message)
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500
    if (status === 415) return sendImsx(reply, 415, 'invalid_data', 'send the credential as application/json, application/vc+ld+json or text/plain (a compact JWS)')
    if (status === 429) return sendImsx(reply, 429, 'server_busy', err.message)
    if (status >= 400 && status < 500) return sendImsx(reply, status, status === 413 ? 'invalid_data' : 'unknown', err.message)
    req.log.error({ err }, 'OB API request failed')
    return sendImsx(reply, 500, 'internal_server_error', 'the request could not be completed')
  })
  app.setNotFoundHandler((req, reply) => sendImsx(reply, 404, 'not_found', `no operation ${req.method} ${req.url.split('?')[0]}`))

  /** The caller of a protected operation: a live access token for our resource, carrying `scope`. */
  const requireScope = (scope: ObScope) => async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (!m) {
      reply.header('www-authenticate', `Bearer realm="${base}"`)
      return void sendImsx(reply, 401, 'unauthorizedrequest', 'send an OAuth 2.0 access token as `Authorization: Bearer <token>`')
    }
    const token = await server.accessToken(m[1]!)
    const caller = token ? await services.obApi.caller(token.accountId, token.clientId, token.grantId) : undefined
    if (!token || !caller) {
      reply.header('www-authenticate', `Bearer realm="${base}", error="invalid_token"`)
      return void sendImsx(reply, 401, 'unauthorizedrequest', 'the access token is unknown, expired or revoked')
    }
    if (!token.scopes.has(scope)) {
      reply.header('www-authenticate', `Bearer realm="${base}", error="insufficient_scope", scope="${scope}"`)
      return void sendImsx(reply, 403, 'forbidden', `this operation needs the scope ${scope}, which the learner did not grant`)
    }
    req.obCaller = caller
  }
  const callerOf = (req: FastifyRequest): ObApiCaller => req.obCaller!
  const tags = ['Open Badges 3.0 API']
  const security = [{ OAuth2ACG: [] as string[] }]

  app.get('/discovery', {
    schema: {
      operationId: 'getServiceDescription', tags,
      summary: 'The service description document (OpenAPI 3.0 with the OAuth 2.0 registration, authorization and token URLs)',
      response: { 200: Type.Unknown({ description: 'ServiceDescriptionDocument' }) },
    },
  }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    return reply.type('application/json').send(JSON.stringify(discovery(server, config.privacyPolicyUrl, config.termsOfServiceUrl)))
  })

  app.get('/credentials', {
    schema: {
      operationId: 'getObCredentials', tags, security,
      summary: 'The learner\'s OpenBadgeCredentials (scope credential.readonly), oldest first',
      description: 'Our awards the learner holds (not revoked, not declined, not held for a guardian) and the credentials ' +
        `they brought in with POST. \`limit\` (1–${MAX_PAGE}, default ${MAX_PAGE}), \`offset\`, \`since\` (issued after). ` +
        '`X-Total-Count` gives the total; `Link` has rel first, last, and next/prev when they exist.',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
        since: Type.Optional(Type.String({ format: 'date-time' })),
      }),
      response: { 200: CredentialsResponse, ...imsxErrors(400, 401, 403, 404, 405, 500) },
    },
    preHandler: requireScope(OB_SCOPES.credentialRead),
  }, async (req, reply) => {
    const limit = Math.min(req.query.limit ?? MAX_PAGE, MAX_PAGE)
    const offset = req.query.offset ?? 0
    const since = req.query.since !== undefined ? new Date(req.query.since) : undefined
    const page = await services.obApi.credentials(callerOf(req), { limit, offset, since })
    const link = (o: number) => {
      const u = new URL(`${base}/credentials`)
      u.searchParams.set('limit', String(limit))
      u.searchParams.set('offset', String(o))
      if (req.query.since !== undefined) u.searchParams.set('since', req.query.since)
      return u.href
    }
    const last = page.total === 0 ? 0 : Math.floor((page.total - 1) / limit) * limit
    const links = [`<${link(0)}>; rel="first"`, `<${link(last)}>; rel="last"`]
    if (offset + page.count < page.total) links.unshift(`<${link(offset + limit)}>; rel="next"`)
    if (offset > 0) links.push(`<${link(Math.max(0, Math.min(offset - limit, last)))}>; rel="prev"`)
    reply.header('x-total-count', String(page.total)).header('link', links.join(', ')).header('cache-control', 'no-store')
    return { credential: page.credential, compactJwsString: page.compactJwsString }
  })

  app.post('/credentials', {
    schema: {
      operationId: 'upsertObCredential', tags, security,
      summary: 'Adds or replaces a credential the learner brings (scope credential.upsert); it must verify',
      description: 'The body is an OpenBadgeCredential with an embedded proof (`application/json` or `application/vc+ld+json`) ' +
        'or a VC-JWT (`text/plain`). It is verified like `POST /v1/verify` (proof, dates, status); one that does not ' +
        'verify is a 400 Imsx_StatusInfo (`invalid_data`). 201 when new, 200 when it replaced the stored copy (same issuer ' +
        'and id), 304 when the stored copy is newer; the body echoes the credential in the format it came in.',
      body: {
        content: {
          'application/json': { schema: Credential },
          'application/vc+ld+json': { schema: Credential },
          'text/plain': { schema: Type.String({ description: 'A VC-JWT (compact JWS)' }) },
        },
      },
      response: { 200: Credential, 201: Credential, 304: Type.Null(), ...imsxErrors(400, 401, 403, 413, 415, 500) },
    },
    bodyLimit: 1024 * 1024,
    config: { idempotent: false },
    preHandler: requireScope(OB_SCOPES.credentialUpsert),
  }, async (req, reply) => {
    const body = req.body
    const input = typeof body === 'string' ? { jwt: body } : { credential: body }
    if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) throw new ObApiError(400, 'invalid_data', 'the body is empty')
    const out = await services.obApi.upsert(callerOf(req), input, (i) => verifier.verify(i))
    reply.header('cache-control', 'no-store')
    if (out.outcome === 'kept') return reply.code(304).send(null)
    reply.code(out.outcome === 'created' ? 201 : 200)
    return out.format === 'jwt' ? reply.type('text/plain; charset=utf-8').send(out.document) : reply.type('application/json').send(out.document)
  })

  app.get('/profile', {
    schema: { operationId: 'getObProfile', tags, security, summary: 'The learner\'s Profile (scope profile.readonly)', response: { 200: Profile, ...imsxErrors(401, 403, 404, 500) } },
    preHandler: requireScope(OB_SCOPES.profileRead),
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    return services.obApi.profile(callerOf(req))
  })

  app.put('/profile', {
    schema: {
      operationId: 'putObProfile', tags, security,
      summary: 'Replaces the learner\'s Profile (scope profile.update): only `name` is kept, as the display name where the city stores names',
      body: { content: { 'application/json': { schema: Type.Unknown() }, 'application/ld+json': { schema: Type.Unknown() } } },
      response: { 200: Profile, ...imsxErrors(400, 401, 403, 415, 500) },
    },
    preHandler: requireScope(OB_SCOPES.profileUpdate),
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    return services.obApi.putProfile(callerOf(req), req.body)
  })
}

/** OB 3.0 §6.3 ServiceDescriptionDocument: a profiled OpenAPI 3.0 document naming our OAuth 2.0 endpoints and scopes. */
export function discovery (server: AuthorizationServer, privacyPolicyUrl: string, termsOfService: string) {
  const u = server.urls
  const imsx = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Imsx_StatusInfo' } } } }
  const errs = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: `HTTP ${c}`, ...imsx }]))
  const sec = (scope: ObScope) => [{ OAuth2ACG: [scope] }]
  return {
    openapi: '3.0.1',
    info: {
      title: 'CityBadges Open Badges API',
      description: 'The Open Badges 3.0 REST API of this City of Learning service: a learner\'s OpenBadgeCredentials and Profile, reached with OAuth 2.0 (authorization code with PKCE S256).',
      version: '3.0',
      termsOfService,
      'x-imssf-privacyPolicyUrl': privacyPolicyUrl,
    },
    servers: [{ url: u.resource, description: 'OB 3.0 resource server' }],
    tags: [{ name: 'OpenBadgeCredentials' }, { name: 'Profile' }, { name: 'Discovery' }],
    paths: {
      '/credentials': {
        get: {
          tags: ['OpenBadgeCredentials'], operationId: 'getCredentials', security: sec(OB_SCOPES.credentialRead),
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, format: 'int32' } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, format: 'int32' } },
            { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
          ],
          responses: { 200: { description: 'GetOpenBadgeCredentialsResponse', headers: { 'X-Total-Count': { schema: { type: 'integer' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/GetOpenBadgeCredentialsResponse' } } } }, ...errs(400, 401, 403, 500) },
        },
        post: {
          tags: ['OpenBadgeCredentials'], operationId: 'upsertCredential', security: sec(OB_SCOPES.credentialUpsert),
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/AchievementCredential' } }, 'text/plain': { schema: { type: 'string' } } }, required: true },
          responses: { 200: { description: 'Replaced' }, 201: { description: 'Created' }, 304: { description: 'Not modified' }, ...errs(400, 401, 403, 500) },
        },
      },
      '/profile': {
        get: { tags: ['Profile'], operationId: 'getProfile', security: sec(OB_SCOPES.profileRead), responses: { 200: { description: 'Profile', content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } }, ...errs(401, 403, 404, 500) } },
        put: { tags: ['Profile'], operationId: 'putProfile', security: sec(OB_SCOPES.profileUpdate), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } }, required: true }, responses: { 200: { description: 'Profile', content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } }, ...errs(400, 401, 403, 500) } },
      },
      '/discovery': { get: { tags: ['Discovery'], operationId: 'getServiceDescription', security: [], responses: { 200: { description: 'ServiceDescriptionDocument' }, ...errs(500) } } },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: 'oauth2',
          description: 'OAuth 2.0 Authorization Code Grant with PKCE (S256 only). Register with RFC 7591 dynamic client registration (no initial access token). ' +
            `Access tokens live ${ACCESS_TOKEN_TTL} s; refresh tokens rotate; revoke at ${u.revocation}. Authorization server metadata: ${u.issuer}/.well-known/openid-configuration.`,
          'x-imssf-registrationUrl': u.registration,
          flows: {
            authorizationCode: {
              authorizationUrl: u.authorization,
              tokenUrl: u.token,
              refreshUrl: u.token,
              scopes: Object.fromEntries(ALL_OB_SCOPES.map((s) => [s, SCOPE_DESCRIPTIONS[s]])),
            },
          },
        },
      },
      schemas: {
        GetOpenBadgeCredentialsResponse: { $ref: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_getopenbadgecredentialsresponse_schema.json' },
        AchievementCredential: { $ref: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json' },
        Profile: { $ref: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json' },
        Imsx_StatusInfo: { $ref: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_imsx_statusinfo_schema.json' },
      },
    },
  }
}

/** The OAuth2ACG security scheme of our own OpenAPI document (the /ims routes refer to it). */
export function obApiSecurityScheme (publicUrl: string) {
  const u = oauthUrls(publicUrl)
  return {
    type: 'oauth2' as const,
    description: 'OAuth 2.0 authorization code grant with PKCE S256 (see the README, "Open Badges 3.0 API"). Clients register at ' + u.registration,
    flows: { authorizationCode: { authorizationUrl: u.authorization, tokenUrl: u.token, refreshUrl: u.token, scopes: { ...SCOPE_DESCRIPTIONS } } },
  }
}

const SCOPE_DESCRIPTIONS: Record<ObScope, string> = {
  [OB_SCOPES.credentialRead]: 'Permission to read AchievementCredentials for the authenticated entity.',
  [OB_SCOPES.credentialUpsert]: 'Permission to create or update AchievementCredentials for the authenticated entity.',
  [OB_SCOPES.profileRead]: 'Permission to read the profile for the authenticated entity.',
  [OB_SCOPES.profileUpdate]: 'Permission to update the profile for the authenticated entity.',
}
