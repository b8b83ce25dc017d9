import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { CityRow } from '../db/types.js'
import type { Principal } from '../domain/access/auth.js'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { BackpackPage, ErasureResult, Learner } from './learners.schemas.js'
import { PageQuery, problems, Slug, Uuid } from './schemas.js'

const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('clr'), Type.Literal('zip')], { description: 'json (default): everything; clr: a signed CLR 2.0 ClrCredential; zip: the baked badges' })),
}, { additionalProperties: false })

/**
 * A learner's portfolio, under `/v1/cities/{city}/learners/{id}` (issue #8 item 8). No response schemas for the
 * bodies: the CLR is a signed document and must go out byte for byte.
 */
export const learnerPortfolioRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/:id/export', {
    config: { learnerToken: true },
    schema: {
      operationId: 'exportLearner', tags: ['Learners'],
      summary: 'Export a learner: ?format=json (everything), clr (signed CLR 2.0, eddsa-rdfc-2022) or zip (baked badges); clr and zip: 409 while an under-13\'s awards are held',
      params: Type.Object({ city: Slug, id: Uuid }), querystring: ExportQuery,
      response: { 200: Type.Unknown({ description: 'application/json, application/ld+json (ClrCredential) or application/zip' }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const p = principalOf(req)
    const city = await services.cities.resolve(p, req.params.city)
    return sendExport(services, reply, p, city, req.params.id, req.query.format ?? 'json')
  })
}

async function sendExport (services: Services, reply: FastifyReply, p: Principal, city: CityRow, learnerId: string, format: 'json' | 'clr' | 'zip'): Promise<FastifyReply> {
  reply.header('cache-control', 'private, no-store')
  if (format === 'clr') {
    const body = await services.exports.clr(p, city, learnerId)
    return reply.type('application/ld+json').header('content-disposition', `attachment; filename="learner-${learnerId}-clr.json"`).send(body)
  }
  if (format === 'zip') {
    const body = await services.exports.zip(p, city, learnerId)
    return reply.type('application/zip').header('content-disposition', `attachment; filename="learner-${learnerId}-badges.zip"`).send(body)
  }
  return reply.type('application/json').send(JSON.stringify(await services.exports.json(p, city, learnerId)))
}

const ConsentLink = Type.Object({
  delivery: Type.Union([Type.Literal('mail'), Type.Literal('caller')], { description: 'mail: sent to the guardian; caller: pass `url` on to them' }),
  url: Type.Optional(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
})

/** Asking an under-13's guardian for consent (a learner manager), under `/v1/cities/{city}/learners`. */
export const guardianRequestRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post('/:id/guardian-consent-requests', {
    config: { idempotent: false },
    schema: {
      operationId: 'requestGuardianConsent', tags: ['Learners'], summary: "Send (or return) a consent link to an under-13 learner's guardian",
      params: Type.Object({ city: Slug, id: Uuid }), response: { 201: ConsentLink, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const p = principalOf(req)
    const city = await services.cities.resolve(p, req.params.city)
    return reply.code(201).send(await services.guardians.requestConsent(p, city, req.params.id))
  })

  // The answer may carry the link (a secret): never stored in the Idempotency-Key replay table.
  app.post('/:id/guardian-access-requests', {
    config: { idempotent: false },
    schema: {
      operationId: 'requestGuardianAccess', tags: ['Learners'],
      summary: "Send (or return) an under-13 learner's guardian a link to see, export and erase the learner (7 days)",
      params: Type.Object({ city: Slug, id: Uuid }), response: { 201: ConsentLink, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const p = principalOf(req)
    const city = await services.cities.resolve(p, req.params.city)
    return reply.code(201).send(await services.guardians.requestAccess(p, city, req.params.id))
  })
}

const AccessToken = Type.Object({ token: Type.String({ maxLength: 100 }) })

/**
 * The guardian of an under-13 (issue #8 item 4), with the token of an access link (no API key): sees the learner and
 * the backpack, exports (json; clr and zip once consent is given), erases. Unknown or expired token: 404.
 */
export const guardianAccessPublicRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onSend', async (_req, reply) => { reply.header('referrer-policy', 'no-referrer') })
  app.get('/:token', {
    schema: {
      operationId: 'guardianViewLearner', tags: ['Learners'], summary: "A guardian sees the learner and the learner's backpack",
      params: AccessToken, querystring: PageQuery,
      response: { 200: Type.Object({ learner: Learner, backpack: BackpackPage }), ...problems(400, 404) },
    },
  }, async (req, reply) => {
    const a = await services.guardians.access(req.params.token)
    reply.header('cache-control', 'private, no-store')
    return { learner: await services.learners.get(a.principal, a.city, a.learnerId), backpack: await services.backpack.list(a.principal, a.city, a.learnerId, req.query) }
  })
  app.get('/:token/export', {
    schema: {
      operationId: 'guardianExportLearner', tags: ['Learners'], summary: 'A guardian exports the learner: json, clr or zip (clr and zip: 409 until consent is given)',
      params: AccessToken, querystring: ExportQuery,
      response: { 200: Type.Unknown({ description: 'as GET .../learners/{id}/export' }), ...problems(400, 404, 409) },
    },
  }, async (req, reply) => {
    const a = await services.guardians.access(req.params.token)
    return sendExport(services, reply, a.principal, a.city, a.learnerId, req.query.format ?? 'json')
  })
  app.delete('/:token', {
    config: { idempotent: false },
    schema: {
      operationId: 'guardianEraseLearner', tags: ['Learners'], summary: "A guardian erases the learner (as DELETE .../learners/{id}); the link stops working",
      params: AccessToken, response: { 200: ErasureResult, ...problems(400, 404) },
    },
  }, async (req) => {
    const a = await services.guardians.access(req.params.token)
    return services.erasure.eraseByGuardian(a.city, a.learnerId, a.linkId)
  })
}

/** The guardian's answer: no API key, the single-use token is the authority (`/guardian-consent/{token}`). */
export const guardianConsentPublicRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post('/:token', {
    config: { idempotent: false },
    schema: {
      operationId: 'giveGuardianConsent', tags: ['Learners'], summary: 'A guardian gives (or refuses) consent with the token of their link; 404 wrong token, 409 used, 410 expired',
      params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
      body: Type.Object({ consent: Type.Boolean(), wordingVersion: Type.String({ maxLength: 40, description: 'the version of the wording the guardian was shown' }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ learnerId: Uuid, guardianConsent: Type.Union([Type.Literal('given'), Type.Literal('pending')]), consentedAt: Type.Optional(Type.String({ format: 'date-time' })), wordingVersion: Type.String() }),
        ...problems(400, 404, 409, 410, 422),
      },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    return services.guardians.consent(req.params.token, req.body)
  })
}
