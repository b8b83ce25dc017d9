import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { Award } from './awards.routes.js'
import { problems, Slug, Uuid } from './schemas.js'

const LearnerBody = Type.Object({ learnerId: Uuid }, { additionalProperties: false })
const ClaimCode = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'typed or scanned at the venue, e.g. K7QW-93FD' }),
  badgeClassId: Uuid,
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  maxClaims: Type.Integer(),
  claims: Type.Integer({ description: 'places taken so far' }),
  redeemUrl: Type.String(),
  qrSvg: Type.String({ description: 'the redeem URL as a QR code (image/svg+xml)' }),
})
const NewClaimCode = Type.Object({
  startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
  endsAt: Type.String({ format: 'date-time' }),
  maxClaims: Type.Integer({ minimum: 1, maximum: 100000 }),
}, { additionalProperties: false })
const Claimed = Type.Object({ awardId: Uuid, learnerId: Uuid, claimedAt: Type.String({ format: 'date-time' }) })
const Redeemed = Type.Object({ alreadyRedeemed: Type.Boolean({ description: 'true when this learner had redeemed the code before: the same award' }), award: Award })

/**
 * Claiming pending awards and claim codes (issue #8 item 3), under `/v1/cities/{city}`. Claim tokens and codes are
 * secrets or near-secrets: never stored by the Idempotency-Key replay table (redeeming is idempotent by itself).
 */
export const claimRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const ctx = async (req: { params: { city: string } } & FastifyRequest) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }
  const tags = ['Claims']

  app.post('/claims/:token', {
    config: { learnerToken: true, idempotent: false },
    schema: {
      operationId: 'claimAward', tags, summary: 'Link a pending award to a learner with its claim token (single use; 409 used, 410 expired)',
      params: Type.Object({ city: Slug, token: Type.String({ maxLength: 100 }) }), body: LearnerBody,
      response: { 200: Claimed, ...problems(400, 401, 403, 404, 409, 410, 422) },
    },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.claims.claim(p, city, req.params.token, req.body.learnerId)
  })

  app.post('/badge-classes/:id/claim-codes', {
    config: { idempotent: false },
    schema: {
      operationId: 'createClaimCode', tags, summary: 'A claim code for an approved badge class: a window and a maximum number of claims; answers its QR code (SVG)',
      params: Type.Object({ city: Slug, id: Uuid }), body: NewClaimCode,
      response: { 201: ClaimCode, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return reply.code(201).send(await services.claimCodes.create(p, city, req.params.id, req.body))
  })

  app.get('/claim-codes/:code', {
    schema: { operationId: 'getClaimCode', tags, params: Type.Object({ city: Slug, code: Type.String({ maxLength: 20 }) }), response: { 200: ClaimCode, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.claimCodes.get(p, city, req.params.code)
  })

  app.get('/claim-codes/:code/qr.svg', {
    schema: { operationId: 'getClaimCodeQr', tags, summary: 'The QR code of a claim code (image/svg+xml)', params: Type.Object({ city: Slug, code: Type.String({ maxLength: 20 }) }) },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    const c = await services.claimCodes.get(p, city, req.params.code)
    return reply.type('image/svg+xml').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(c.qrSvg)
  })

  app.post('/claim-codes/:code/redeem', {
    config: { learnerToken: true, idempotent: false },
    schema: {
      operationId: 'redeemClaimCode', tags, summary: 'Redeem a claim code for a learner: one award per learner (201), the same award again (200); 409 not open or full, 410 closed',
      params: Type.Object({ city: Slug, code: Type.String({ maxLength: 20 }) }), body: LearnerBody,
      response: { 200: Redeemed, 201: Redeemed, ...problems(400, 401, 403, 404, 409, 410, 422) },
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    const r = await services.claimCodes.redeem(p, city, req.params.code, req.body.learnerId)
    return reply.code(r.alreadyRedeemed ? 200 : 201).send(r)
  })
}
