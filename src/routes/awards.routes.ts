import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { MAX_BATCH } from '../domain/badges/awards.js'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { problemType, statusForCode } from '../plugins/problem.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Problem, Slug, Text, Uuid, pageOf, problems } from './schemas.js'

const IdentityType = Type.Union([Type.Literal('email'), Type.Literal('url'), Type.Literal('telephone'), Type.Literal('id')])
const Evidence = Type.Object({
  url: Type.Optional(Type.String({ minLength: 8, maxLength: 2048 })),
  narrative: Type.Optional(Text(10_000)),
  name: Type.Optional(Text(500)),
  description: Type.Optional(Text(5_000)),
  genre: Type.Optional(Text(200)),
  audience: Type.Optional(Text(200)),
}, { additionalProperties: false })

const awardFields = {
  badgeClassId: Uuid,
  recipient: Type.Union([
    Type.Object({ type: IdentityType, identity: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false }),
    Type.Object({ learnerId: Uuid }, { additionalProperties: false, description: "a learner of the city: the documents carry the learner's salted, hashed pseudonym" }),
  ]),
  evidence: Type.Optional(Type.Array(Evidence, { maxItems: 50 })),
  narrative: Type.Optional(Text(10_000)),
  issuedOn: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 with timezone; default now; never in the future' })),
  expires: Type.Optional(Type.String({ maxLength: 40, description: "ISO 8601 with timezone; default from the badge class's expiry rule" })),
}
const NewAward = Type.Object(awardFields, { additionalProperties: false })
const BatchItem = Type.Object({ ...awardFields, idempotencyKey: Type.Optional(Type.String({ pattern: '^[\\x21-\\x7e]{1,255}$' })) }, { additionalProperties: false })
const Batch = Type.Object({ items: Type.Array(BatchItem, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false })

const Links = Type.Object({
  assertion: Type.String(), assertionImage: Type.String(), signedAssertion: Type.String(), signedAssertionImage: Type.String(),
  badgeClass: Type.String(), issuer: Type.String(), revocationList: Type.String(), signingKey: Type.String(),
  credential: Type.String({ description: 'OB 3.0 OpenBadgeCredential (Data Integrity)' }), credentialJwt: Type.String({ description: 'OB 3.0 VC-JWT (RS256; ?alg=ES256)' }),
  credentialImage: Type.String({ description: 'badge image with the OB 3.0 credential baked in' }),
})
export const Award = Type.Object({
  id: Uuid,
  badgeClassId: Uuid,
  organisationId: Uuid,
  recipient: Type.Object({
    type: IdentityType, hashed: Type.Literal(true), identity: Type.String(), salt: Type.String(),
    plainIdentity: Type.Optional(Type.String({ description: 'only when the city stores plain identities' })),
  }),
  evidence: Type.Array(Evidence),
  narrative: Type.Optional(Type.String()),
  issuedOn: Type.String({ format: 'date-time' }),
  expires: Type.Optional(Type.String({ format: 'date-time' })),
  revoked: Type.Boolean(),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  revocationReason: Type.Optional(Type.String()),
  learnerId: Type.Optional(Uuid),
  acceptance: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined')], { description: "the learner's decision (backpack)" })),
  claim: Type.Optional(Type.Object({
    delivery: Type.Union([Type.Literal('mail'), Type.Literal('caller')], { description: 'mail: sent to the recipient; caller: pass `url` on to them' }),
    url: Type.Optional(Type.String({ description: 'the claim link (only when not mailed): POST it with { learnerId }' })),
    expiresAt: Type.String({ format: 'date-time' }),
  }, { description: 'a new award to an identity no learner holds: pending, with a single-use claim link' })),
  createdAt: Type.String({ format: 'date-time' }),
  links: Links,
})
const BatchResult = Type.Object({
  items: Type.Array(Type.Object({ index: Type.Integer(), status: Type.Integer(), award: Type.Optional(Award), problem: Type.Optional(Problem) })),
  created: Type.Integer(),
  failed: Type.Integer(),
})

const AwardParams = Type.Object({ city: Slug, id: Uuid })
const ListQuery = Type.Object({
  ...PageQuery.properties,
  organisationId: Type.Optional(Uuid),
  badgeClassId: Type.Optional(Uuid),
  revoked: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })

const idempotencyKeyOf = (req: FastifyRequest): string | undefined => {
  const raw = req.headers['idempotency-key']
  return typeof raw === 'string' && /^[\x21-\x7e]{1,255}$/.test(raw) ? raw : undefined
}

export const awardRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const ctx = async (req: { params: { city: string } } & FastifyRequest) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }

  app.post('/', {
    schema: {
      operationId: 'issueAward', tags: ['Awards'], summary: 'Award an approved badge class (send an Idempotency-Key to retry safely)',
      params: CityParams, body: NewAward, response: { 200: Award, 201: Award, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    // The city and badge class come from a cache the award's own statement checks (awards.issueInCity).
    const { award, replayed } = await services.awards.issueInCity(principalOf(req), req.params.city, { ...(req.body as Static<typeof NewAward>), idempotencyKey: idempotencyKeyOf(req) })
    if (replayed) reply.header('idempotent-replayed', 'true')
    return sendCreated(req, reply, award, award.id)
  })

  app.post('/batch', {
    schema: {
      operationId: 'issueAwards', tags: ['Awards'], summary: `Up to ${MAX_BATCH} awards; each item has its own result (status 201, 200 for a replay, or a problem)`,
      params: CityParams, body: Batch, response: { 200: BatchResult, ...problems(400, 401, 403, 404, 413) },
    },
  }, async (req) => {
    const { p, city } = await ctx(req)
    const results = await services.awards.issueBatch(p, city, req.body.items)
    const items = results.map((r) => r.award
      ? { index: r.index, status: r.replayed ? 200 : 201, award: r.award }
      : {
          index: r.index,
          status: statusForCode(r.error!.code),
          problem: { type: problemType(req.server.problemBase, r.error!.code), title: r.error!.code, status: statusForCode(r.error!.code), detail: r.error!.message, code: r.error!.code, ...(r.error!.fields ? { errors: r.error!.fields } : {}) },
        })
    return { items, created: items.filter((i) => i.status === 201).length, failed: items.filter((i) => !i.award).length }
  })

  app.get('/', {
    schema: { operationId: 'listAwards', tags: ['Awards'], params: CityParams, querystring: ListQuery, response: { 200: pageOf(Award), ...problems(400, 401, 404) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return sendPage(req, reply, await services.awards.list(p, city, req.query))
  })

  app.get('/:id', {
    schema: { operationId: 'getAward', tags: ['Awards'], params: AwardParams, response: { 200: Award, ...problems(400, 401, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.awards.get(p, city, req.params.id)
  })

  app.post('/:id/revoke', {
    schema: {
      operationId: 'revokeAward', tags: ['Awards'], summary: 'Revoke with a reason (idempotent: the first reason is kept)',
      params: AwardParams, body: Type.Object({ reason: Text(1000) }, { additionalProperties: false }), response: { 200: Award, ...problems(400, 401, 403, 404, 422) },
    },
    config: { idempotent: false },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.awards.revoke(p, city, req.params.id, req.body.reason)
  })
}
