import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Slug, Translatable, TranslationsSchema, Uuid, pageOf, problems } from './schemas.js'

// Requirement trees are checked by src/pathways/tree.ts (types, limits, windows, cycles, city lookups); the schema here
// only bounds the size of what is sent.
const Tree = Type.Unknown({ description: 'A requirement tree: nodes `{ type: all|any|atLeast (n) , children }`, leaves `badge { badgeClassId }`, `skill { element, minLevel?, dimension?, count }`, `theme { theme, count }`, `opportunity { kind?, attended }`, `pathway { pathwayId }`; any node may carry `within` (ISO 8601 duration), `after`/`before` and `ordered`. At most 8 levels and 500 nodes.' })
const Code = Type.String({ minLength: 1, maxLength: 100 })
const AgeBand = Type.Union([Type.Literal('under-13'), Type.Literal('13-15'), Type.Literal('16-18'), Type.Literal('19-24'), Type.Literal('25-plus')])
const Eligibility = Type.Object({
  ageBands: Type.Optional(Type.Array(AgeBand, { maxItems: 5 })),
  areas: Type.Optional(Type.Array(Code, { maxItems: 200, description: 'area codes (e.g. ONS output areas) a learner must live in' })),
}, { additionalProperties: false })
const UnlockIn = Type.Object({
  opportunityId: Uuid,
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()], { description: 'places; absent or null: no limit' })),
  eligibility: Type.Optional(Eligibility),
}, { additionalProperties: false, description: 'The opportunity completion unlocks for eligible completers who consent to be contacted' })
const UnlockOut = Type.Object({
  opportunityId: Type.String({ format: 'uuid' }), capacity: Type.Optional(Type.Integer()), placesLeft: Type.Optional(Type.Integer()),
  eligibility: Eligibility, offered: Type.Integer(),
})

export const Pathway = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('recommended'), Type.Literal('interest')]),
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
  learnerId: Type.Optional(Type.String({ format: 'uuid' })),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]),
  version: Type.Integer(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  translations: TranslationsSchema,
  destinations: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  requirements: Type.Unknown(),
  completionBadgeClassId: Type.Optional(Type.String({ format: 'uuid' })),
  unlocks: Type.Optional(UnlockOut),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Pathway' })

const fields = {
  title: Translatable(200),
  description: Type.Optional(Translatable(5000, 0)),
  destinations: Type.Optional(Type.Array(Code, { maxItems: 20 })),
  themes: Type.Optional(Type.Array(Code, { maxItems: 20 })),
  requirements: Tree,
  completionBadgeClassId: Type.Optional(Uuid),
  unlocks: Type.Optional(UnlockIn),
}
const NewPathway = Type.Object({
  kind: Type.Union([Type.Literal('recommended'), Type.Literal('interest')]),
  organisationId: Type.Optional(Uuid),
  learnerId: Type.Optional(Uuid),
  ...fields,
}, { additionalProperties: false })
const PathwayPatch = Type.Partial(Type.Object({ ...fields, unlocks: Type.Union([UnlockIn, Type.Null()]) }), { additionalProperties: false, minProperties: 1 })
const Params = Type.Object({ city: Slug, id: Uuid })
const ListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')])),
  kind: Type.Optional(Type.Union([Type.Literal('recommended'), Type.Literal('interest')])),
  organisationId: Type.Optional(Uuid),
}, { additionalProperties: false })
const Following = Type.Object({ pathwayId: Type.String(), learnerId: Type.String(), version: Type.Integer(), percent: Type.Integer(), satisfied: Type.Boolean() })
const LearnerPathways = Type.Object({
  items: Type.Array(Type.Object({
    pathwayId: Type.String(), version: Type.Integer(), title: Type.String(), percent: Type.Integer({ minimum: 0, maximum: 100 }), satisfied: Type.Boolean(),
    missing: Type.Unknown({ description: 'the missing steps, next best first' }), next: Type.Unknown({ description: 'the next best steps (at most 5)' }),
    contributing: Type.Array(Type.String(), { description: 'award ids that count' }),
    updatedAt: Type.String({ format: 'date-time', description: 'when the workers last computed this row' }),
    completedAt: Type.Optional(Type.String({ format: 'date-time' })), completionAwardId: Type.Optional(Type.String()),
    unlock: Type.Optional(Type.Object({ opportunityId: Type.String(), state: Type.Union([Type.Literal('offered'), Type.Literal('waitlisted')]) })),
  })),
})
const Stages = Type.Object({ pathwayId: Type.String(), started: Type.Integer(), halfway: Type.Integer(), completed: Type.Integer(), unlocked: Type.Integer({ description: 'completers offered a place of the unlocked opportunity' }) })
const Unlocks = Type.Object({
  pathwayId: Type.String(),
  unlocks: Type.Optional(UnlockOut),
  items: Type.Array(Type.Object({ learnerId: Type.String(), opportunityId: Type.String(), state: Type.Union([Type.Literal('offered'), Type.Literal('waitlisted')]), at: Type.String({ format: 'date-time' }) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
const RecommendationQuery = Type.Object({
  destination: Type.Optional(Code),
  pathwayId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
}, { additionalProperties: false })
const Recommendations = Type.Object({
  learnerId: Type.String(),
  pathwayId: Type.Optional(Type.String()),
  pathwayTitle: Type.Optional(Type.String()),
  destination: Type.Optional(Type.String()),
  gap: Type.Object({ missingSteps: Type.Integer(), destinationElements: Type.Integer() }),
  items: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('badgeClass'), Type.Literal('opportunity')]),
    id: Type.String(), title: Type.String(), score: Type.Number(), closes: Type.Integer({ description: 'missing steps this closes' }),
    reasons: Type.Array(Type.String(), { description: "e.g. 'closes 2 of 5 missing steps', '1.2 km', 'Saturday', 'free'" }),
    distanceKm: Type.Optional(Type.Number()),
  })),
})
const tags = ['Pathways']

export const pathwayRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = (req: { params: { city: string } } & Parameters<typeof principalOf>[0]) => services.cities.resolve(principalOf(req), req.params.city)
  const learnerToken = { learnerToken: true }

  app.post('/pathways', {
    config: learnerToken,
    schema: { operationId: 'createPathway', tags, summary: 'Make a recommended (organisation) or interest (learner) pathway', params: CityParams, body: NewPathway, response: { 201: Pathway, ...problems(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const p = await services.pathways.create(principalOf(req), await city(req), req.body)
    return reply.code(201).header('location', `/v1/cities/${req.params.city}/pathways/${p.id}`).send(p)
  })

  app.get('/pathways', {
    config: learnerToken,
    schema: { operationId: 'listPathways', tags, params: CityParams, querystring: ListQuery, response: { 200: pageOf(Pathway), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.pathways.list(principalOf(req), await city(req), req.query)))

  app.get('/pathways/:id', {
    config: learnerToken,
    schema: { operationId: 'getPathway', tags, params: Params, response: { 200: Pathway, ...problems(400, 401, 404) } },
  }, async (req) => services.pathways.get(principalOf(req), await city(req), req.params.id))

  app.patch('/pathways/:id', {
    config: learnerToken,
    schema: { operationId: 'updatePathway', tags, summary: 'Edit: a draft in place, a published pathway as a new version (followers keep theirs)', params: Params, body: PathwayPatch, response: { 200: Pathway, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req) => services.pathways.update(principalOf(req), await city(req), req.params.id, req.body))

  app.post('/pathways/:id/publish', {
    config: learnerToken,
    schema: { operationId: 'publishPathway', tags, params: Params, response: { 200: Pathway, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.pathways.publish(principalOf(req), await city(req), req.params.id))

  app.post('/pathways/:id/archive', {
    schema: { operationId: 'archivePathway', tags, params: Params, response: { 200: Pathway, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.pathways.archive(principalOf(req), await city(req), req.params.id))

  app.post('/pathways/:id/followers', {
    config: learnerToken,
    schema: { operationId: 'followPathway', tags, summary: 'A learner starts a published pathway (an app may enrol them)', params: Params, body: Type.Object({ learnerId: Uuid }, { additionalProperties: false }), response: { 201: Following, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(await services.pathways.follow(principalOf(req), await city(req), req.params.id, req.body.learnerId)))

  app.get('/pathways/:id/progress', {
    schema: { operationId: 'getPathwayProgress', tags, summary: 'For the owner: followers by stage (started, at least half way, completed)', params: Params, response: { 200: Stages, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.pathways.progress(principalOf(req), await city(req), req.params.id))

  app.get('/pathways/:id/unlocks', {
    schema: { operationId: 'listPathwayUnlocks', tags, summary: 'For the owner only: consenting completers offered (or waitlisted for) the unlocked opportunity', params: Params, querystring: PageQuery, response: { 200: Unlocks, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.pathways.unlocks(principalOf(req), await city(req), req.params.id, req.query))

  app.get('/learners/:id/recommendations', {
    config: learnerToken,
    schema: {
      operationId: 'getLearnerRecommendations', tags,
      summary: 'Badge classes and upcoming opportunities ranked by how much of the gap to a destination or pathway they close, each with its reasons',
      params: Params, querystring: RecommendationQuery, response: { 200: Recommendations, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (req) => services.pathways.recommendations(principalOf(req), await city(req), req.params.id, req.query))

  app.get('/learners/:id/pathways', {
    config: learnerToken,
    schema: { operationId: 'listLearnerPathways', tags, summary: "A learner's pathways: percent, missing and next steps", params: Params, response: { 200: LearnerPathways, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.pathways.learnerPathways(principalOf(req), await city(req), req.params.id))
}
