import { LangParam, languageKey, languageWanted, sayLanguage } from './languages.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ob3Service } from '../domain/credentials/ob3-credentials.js'
import type { PagesService } from '../domain/pages/pages.js'
import { sendProblem } from '../plugins/problem.js'
import { choose } from './ob2-public.routes.js'
import { renderBadgePage } from './pages/badge-page.js'
import { renderBadgeClassPage, renderIssuerPage } from './pages/documents.js'
import { cachedPage, sendCachedPage } from './pages/layout.js'

/**
 * Public OB 3.0 documents (no API key, open CORS): credentials (Data Integrity JSON, VC-JWT, baked images),
 * Achievements, Profiles (controller documents), JWKs, status lists, the 1EdTech revocation list, endorsements.
 * Signed documents leave as the bytes the domain signed, never through a response schema (STYLE §3.3).
 */

const VC_TYPE = 'application/vc+ld+json; charset=utf-8'
const JSON_TYPES = { ld: 'application/ld+json; charset=utf-8', json: 'application/json; charset=utf-8' } as const
const CACHE_DOCS = 'public, max-age=60'
// Status must show at once: revalidate every time (the ETag makes that cheap).
const CACHE_LIVE = 'no-cache'

/** Wants the VC media type (CONFORMANCE item 72): no Accept, a wildcard, or `application/vc+ld+json` itself. */
function wantsVc (accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim())
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) return false
    return range === 'application/vc+ld+json' || range === 'application/vc' || range === '*/*'
  })
}

/** Sends a JSON document as `application/vc+ld+json` (credentials), `application/ld+json` or `application/json`. */
function sendDoc (req: FastifyRequest, reply: FastifyReply, body: string | Buffer, opts: { vc?: boolean; cache?: string; lang?: string | undefined } = {}): FastifyReply {
  reply.header('vary', 'Accept').header('cache-control', opts.cache ?? CACHE_DOCS)
  if (opts.lang !== undefined) sayLanguage(reply, opts.lang)
  if (opts.vc && ((req.query as { format?: unknown } | undefined)?.format === 'json' || wantsVc(req.headers.accept))) return reply.type(VC_TYPE).send(body)
  const choice = choose(req, false)
  if (choice === null || choice === 'html') {
    return sendProblem(req, reply, 406, { detail: 'this document is available as application/vc+ld+json, application/ld+json or application/json', code: 'NOT_ACCEPTABLE' })
  }
  return reply.type(JSON_TYPES[choice]).send(body)
}

const Id = Type.String({ maxLength: 100 })

const Format = Type.Optional(Type.Literal('json', { description: 'the JSON document whatever the Accept header says (the pages’ machine links)' }))

export const ob3PublicRoutes: FastifyPluginAsyncTypebox<{ services: { ob3: Ob3Service; pages: PagesService }; publicUrl: string }> = async (app, { services, publicUrl }) => {
  const { ob3, pages } = services
  // A browser (text/html preferred over every JSON type) gets the human page of the same document.
  const wantsPage = (req: FastifyRequest): boolean => choose(req, true) === 'html'
  const tags = ['Open Badges 3.0 (public)']

  // The hot path of verifiers: exempt from the per-address rate limit, like the OB 2.0 hosted assertion.
  app.get('/credentials/:id', {
    schema: {
      operationId: 'getOb3Credential', tags, params: Type.Object({ id: Id }),
      summary: 'OpenBadgeCredential with a Data Integrity proof (eddsa-rdfc-2022), or `{id}.jwt` for the VC-JWT (`?alg=ES256`, default RS256)',
      querystring: Type.Object({ alg: Type.Optional(Type.Union([Type.Literal('RS256'), Type.Literal('ES256')])), format: Format }),
    },
    config: { rateLimit: false },
  }, async (req, reply) => {
    const raw = req.params.id
    if (raw.endsWith('.jwt')) {
      const jwt = await ob3.credentialJwt(raw.slice(0, -4), req.query.alg ?? 'RS256')
      return reply.header('cache-control', CACHE_DOCS).type('text/plain; charset=utf-8').send(jwt)
    }
    if (wantsPage(req)) {
      const want = languageWanted(req)
      return sendCachedPage(reply, await pages.cached(`credential ${raw} ${languageKey(req)}`, async () => {
        const view = await pages.badge(raw, want)
        return { page: cachedPage(renderBadgePage(view, { publicUrl }), { cache: CACHE_LIVE, lang: view.badgeClass.language }), freshness: view.freshness }
      }))
    }
    // Revocation does not change the credential (its status list says revoked): it stays 200, unlike OB 2.0's 410.
    return sendDoc(req, reply, await ob3.credential(raw), { vc: true })
  })

  app.get('/credentials/:id/image', {
    schema: { operationId: 'getOb3CredentialImage', tags, summary: 'The badge image with the signed credential baked in (PNG iTXt `openbadgecredential` or SVG)', params: Type.Object({ id: Id }) },
  }, async (req, reply) => {
    const img = await ob3.credentialImage(req.params.id)
    return reply.header('cache-control', CACHE_DOCS).type(img.mediaType).send(img.bytes)
  })

  app.get('/achievements/:id', { schema: { operationId: 'getOb3Achievement', tags, summary: 'Achievement (JSON-LD), or the badge class page (text/html), in the language chosen by `Accept-Language` or `?lang=` (`Content-Language` and `inLanguage` say which; the other languages are `related`)', params: Type.Object({ id: Id }),
    querystring: Type.Object({
      format: Format, lang: LangParam,
      pathway: Type.Optional(Type.String({ format: 'uuid', description: 'With `version`: the Achievement of completing that version of the pathway whose completion badge this is (the `id` of the Achievement in its completion credentials)' })),
      version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    }) } },
    async (req, reply) => {
      if (wantsPage(req)) {
        const id = req.params.id
        const want = languageWanted(req)
        return sendCachedPage(reply, await pages.cached(`achievement ${id} ${languageKey(req)}`, async () => {
          const view = await pages.badgeClass(id, want)
          return { page: cachedPage(renderBadgeClassPage(view, { publicUrl, self: view.links.achievement }), { lang: view.badgeClass.language }), freshness: view.freshness }
        }))
      }
      const { pathway, version } = req.query
      if ((pathway === undefined) !== (version === undefined)) return sendProblem(req, reply, 400, { detail: 'pathway and version go together', code: 'BAD_REQUEST' })
      const { doc, language } = await ob3.achievement(req.params.id, languageWanted(req), pathway !== undefined && version !== undefined ? { pathwayId: pathway, version } : undefined)
      return sendDoc(req, reply, JSON.stringify(doc), { lang: language })
    })

  app.get('/issuers/:id', {
    schema: { operationId: 'getOb3Issuer', tags, summary: 'Issuer Profile; also the controller document of its Multikey verification methods (text/html: the issuer page)', params: Type.Object({ id: Id }), querystring: Type.Object({ format: Format }) },
  }, async (req, reply) => {
    if (wantsPage(req)) {
      const id = req.params.id
      return sendCachedPage(reply, await pages.cached(`issuer ${id}`, async () => ({ page: cachedPage(renderIssuerPage(await pages.issuer(id), { publicUrl })), freshness: {} })))
    }
    return sendDoc(req, reply, JSON.stringify(await ob3.profile(req.params.id)))
  })

  app.get('/issuers/:id/keys/:key', {
    schema: {
      operationId: 'getOb3VerificationMethod', tags, params: Type.Object({ id: Id, key: Id }),
      summary: 'A Multikey verification method on its own (the `verificationMethod` of Data Integrity proofs); the issuer Profile lists it under assertionMethod',
    },
  }, async (req, reply) => sendDoc(req, reply, JSON.stringify(await ob3.keyDocument(req.params.id, req.params.key))))

  app.get('/issuers/:id/jwks', {
    schema: { operationId: 'getOb3Jwks', tags, summary: 'JWKS of the issuer\'s VC-JWT keys (RS256, ES256, retired ones too); linked from the Profile as a JsonWebKeySet service', params: Type.Object({ id: Id }) },
  }, async (req, reply) => reply.header('cache-control', CACHE_DOCS).type('application/jwk-set+json').send(JSON.stringify(await ob3.jwks(req.params.id))))

  app.get('/issuers/:id/jwks/:kid', { schema: { operationId: 'getOb3Jwk', tags, summary: 'A public JWK (the VC-JWT `kid`)', params: Type.Object({ id: Id, kid: Id }) } },
    async (req, reply) => reply.header('cache-control', CACHE_DOCS).type('application/jwk+json').send(JSON.stringify(await ob3.jwk(req.params.id, req.params.kid))))

  app.get('/issuers/:id/revocations', { schema: { operationId: 'getOb3RevocationList', tags, summary: '1EdTech revocation list (VCRL 1.0)', params: Type.Object({ id: Id }) } },
    async (req, reply) => sendDoc(req, reply, JSON.stringify(await ob3.status.revocationList(req.params.id)), { cache: CACHE_LIVE }))

  app.get('/status/:list', {
    schema: { operationId: 'getOb3StatusList', tags, summary: 'Signed BitstringStatusListCredential (revocation)', params: Type.Object({ list: Id }) },
    config: { rateLimit: false },
  },
    async (req, reply) => sendDoc(req, reply, await ob3.status.statusList(req.params.list), { vc: true, cache: CACHE_LIVE }))

  app.get('/endorsements/:id', { schema: { operationId: 'getOb3Endorsement', tags, summary: 'EndorsementCredential (Data Integrity)', params: Type.Object({ id: Id }) } },
    async (req, reply) => sendDoc(req, reply, await ob3.endorsement(req.params.id), { vc: true }))
}
