import { parse as parseQuery } from 'node:querystring'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuthorizationServer } from '../domain/oauth/authorization-server.js'
import { isObScope } from '../domain/oauth/scopes.js'
import type { Services } from '../domain/services.js'
import { sendProblem } from '../plugins/problem.js'
import { HSTS, isHttps } from '../plugins/security-headers.js'
import { renderConsentPage, renderInteractionProblemPage, renderLoginPage } from './pages/oauth-pages.js'
import { sendHtml } from './pages/layout.js'
import { problems } from './schemas.js'

/**
 * The OAuth 2.0 authorization server under `/oauth` (issue #13). oidc-provider answers its own endpoints (discovery
 * metadata, `/auth`, `/token`, `/reg`, `/token/revocation`, `/jwks`) on the raw request: those routes add no body
 * parser, so the body reaches it unread. The interaction — where the learner signs in with a learner token from the
 * city's app and consents — is ours, under `/oauth/interaction/{uid}`.
 */
export const oauthRoutes: FastifyPluginAsyncTypebox<{ server: AuthorizationServer; services: Services; publicUrl: string; perMinute: number }> = async (app, { server, services, publicUrl, perMinute }) => {
  await app.register(async (mount) => {
    mount.removeAllContentTypeParsers()
    mount.addContentTypeParser('*', (_req, _payload, done) => done(null))
    mount.route({
      method: ['GET', 'POST'],
      url: '/oauth/*',
      schema: { hide: true },
      config: { idempotent: false },
      handler: async (req, reply) => {
        reply.hijack()
        const res = reply.raw
        res.setHeader('x-request-id', req.id)
        res.setHeader('x-content-type-options', 'nosniff')
        res.setHeader('referrer-policy', 'no-referrer')
        res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        if (isHttps(publicUrl)) res.setHeader(...HSTS)
        await server.handle(req.raw, res, req.url)
      },
    })
  })

  await app.register(async (scope) => {
    const ia = scope.withTypeProvider<TypeBoxTypeProvider>()
    ia.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, parseQuery(body as string))
    })
    const Params = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) })
    const tags = ['OAuth 2.0']
    const page = (reply: FastifyReply, status: number, title: string, message: string) =>
      sendHtml(reply, renderInteractionProblemPage({ publicUrl, title, message }), { status, cache: 'no-store' })

    /** The interaction of this browser (the cookie oidc-provider set), or undefined when the cookie is absent or for another. */
    async function ownInteraction (req: FastifyRequest, reply: FastifyReply) {
      try {
        const details = await (await server.provider()).interactionDetails(req.raw, reply.raw)
        return details.uid === (req.params as { uid: string }).uid ? details : undefined
      } catch {
        return undefined
      }
    }
    const notThisBrowser = (reply: FastifyReply) => page(reply, 400, 'This sign-in has ended',
      'It expired, or it was started in another browser. Go back to the app that sent you and start again.')
    const clientName = async (clientId: unknown): Promise<{ name: string; host?: string }> => {
      const client = typeof clientId === 'string' ? await (await server.provider()).Client.find(clientId) : undefined
      const name = typeof client?.clientName === 'string' ? client.clientName : 'An app'
      const uri = typeof client?.clientUri === 'string' ? URL.parse(client.clientUri) : null
      return { name, ...(uri ? { host: uri.host } : {}) }
    }
    const requestedScopes = (params: Record<string, unknown>) => (typeof params.scope === 'string' ? params.scope.split(' ') : []).filter(isObScope)

    ia.get('/oauth/interaction/:uid', {
      schema: {
        operationId: 'getOauthInteraction', tags, params: Params,
        summary: 'The learner\'s sign-in and consent page of an OAuth authorization (HTML)',
        description: 'oidc-provider sends the browser here from `/oauth/auth`. Without a signed-in learner: a form for the ' +
          'learner token (`POST …/login`); then the consent page with the client\'s name and the scopes (Allow: `POST …/confirm`, Deny: `POST …/abort`).',
        produces: ['text/html'],
      },
    }, async (req, reply) => {
      const details = await ownInteraction(req, reply)
      if (!details) return notThisBrowser(reply)
      const client = await clientName(details.params.client_id)
      const accountId = (details.result as { login?: { accountId?: string } } | undefined)?.login?.accountId
      const learner = accountId ? await services.obApi.caller(accountId, String(details.params.client_id), '') : undefined
      if (!learner) return sendHtml(reply, renderLoginPage({ publicUrl, uid: details.uid, clientName: client.name }), { cache: 'no-store' })
      return sendHtml(reply, renderConsentPage({
        uid: details.uid, clientName: client.name, clientHost: client.host, scopes: requestedScopes(details.params), cityName: learner.city.brand_name ?? learner.city.name,
      }, { publicUrl }), { cache: 'no-store' })
    })

    ia.post('/oauth/interaction/:uid/login', {
      schema: {
        operationId: 'loginOauthInteraction', tags, params: Params,
        summary: 'Sign the learner in to an OAuth authorization with a learner token',
        description: 'The city\'s app (integrator) completes the sign-in: it mints a learner token ' +
          '(`POST /v1/cities/{city}/learners/{id}/tokens`) and sends it here as `learner_token` — a form post from the ' +
          'learner\'s browser (answered 303 to the consent page) or JSON from its server (answered 200 `{ next }`, the consent ' +
          'page the browser then opens). The interaction id comes from the URL the browser was sent to. The consent itself is ' +
          'only given in the browser that started the authorization.',
        body: {
          content: {
            'application/json': { schema: Type.Object({ learner_token: Type.String({ maxLength: 200 }) }, { additionalProperties: false }) },
            'application/x-www-form-urlencoded': { schema: Type.Object({ learner_token: Type.String({ maxLength: 200 }) }) },
          },
        },
        response: { 200: Type.Object({ next: Type.String() }), 303: Type.Null(), ...problems(400, 401, 404, 415) },
      },
      config: { idempotent: false, rateLimit: { max: Math.min(perMinute, 60), timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `oauth-login:${r.ip}` } },
    }, async (req, reply) => {
      const form = !String(req.headers['content-type'] ?? '').includes('json')
      const interaction = await (await server.provider()).Interaction.find(req.params.uid)
      if (!interaction) {
        return form ? notThisBrowser(reply) : sendProblem(req, reply, 404, { detail: 'no such authorization in progress (it may have expired)', code: 'NOT_FOUND' })
      }
      const token = String((req.body as { learner_token?: unknown }).learner_token ?? '').trim()
      const principal = token ? await services.learnerTokens.authenticate(token) : undefined
      if (!principal?.learnerId) {
        if (form) {
          const client = await clientName(interaction.params.client_id)
          return sendHtml(reply, renderLoginPage({ publicUrl, uid: interaction.uid, clientName: client.name, error: 'That sign-in code is unknown or has expired. Ask your city\'s app for a new one.' }), { status: 401, cache: 'no-store' })
        }
        reply.header('www-authenticate', 'Bearer realm="citybadges", error="invalid_token"')
        return sendProblem(req, reply, 401, { detail: 'the learner token is unknown, expired or revoked', code: 'UNAUTHENTICATED' })
      }
      interaction.result = { login: { accountId: principal.learnerId } }
      await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)))
      const next = server.urls.interaction(interaction.uid)
      return form ? reply.code(303).header('location', `/oauth/interaction/${interaction.uid}`).send(null) : { next }
    })

    ia.post('/oauth/interaction/:uid/confirm', {
      schema: { operationId: 'confirmOauthInteraction', tags, params: Params, summary: 'The learner allows the client the scopes it asked for (form post from the consent page)', response: { 303: Type.Null(), 400: Type.String() } },
      config: { idempotent: false },
    }, async (req, reply) => {
      const details = await ownInteraction(req, reply)
      const accountId = (details?.result as { login?: { accountId?: string } } | undefined)?.login?.accountId
      if (!details || !accountId) return notThisBrowser(reply)
      const clientId = String(details.params.client_id)
      const grant = (details.grantId ? await (await server.provider()).Grant.find(details.grantId) : undefined) ?? new (await server.provider()).Grant({ accountId, clientId })
      const scopes = requestedScopes(details.params)
      if (scopes.length > 0) {
        // oidc-provider checks the scopes it lists (op scopes) and the resource server's scopes apart: grant both.
        grant.addOIDCScope(scopes.join(' '))
        grant.addResourceScope(server.urls.resource, scopes.join(' '))
      }
      const grantId = await grant.save()
      const returnTo = await (await server.provider()).interactionResult(req.raw, reply.raw, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false })
      return reply.code(303).header('location', returnTo).send(null)
    })

    ia.post('/oauth/interaction/:uid/abort', {
      schema: { operationId: 'abortOauthInteraction', tags, params: Params, summary: 'The learner denies (or cancels) the authorization: the client gets `access_denied`', response: { 303: Type.Null(), 400: Type.String() } },
      config: { idempotent: false },
    }, async (req, reply) => {
      const details = await ownInteraction(req, reply)
      if (!details) return notThisBrowser(reply)
      const returnTo = await (await server.provider()).interactionResult(req.raw, reply.raw, { error: 'access_denied', error_description: 'the learner did not allow access' }, { mergeWithLastSubmission: false })
      return reply.code(303).header('location', returnTo).send(null)
    })
  })
}
