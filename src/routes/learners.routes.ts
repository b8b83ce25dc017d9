import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { linkNext, sendPage } from './reply.js'
import {
  BackpackItem, BackpackPage, BackpackParams, Collection, CollectionParams, CollectionPatch, ErasureResult, Learner, LearnerParams, LearnerPatch,
  LearnerSettings, LearnerToken, NewCollection, NewLearner, NewLearnerToken, NewShare, Share, ShareParams,
} from './learners.schemas.js'
import { CityParams, PageQuery, pageOf, problems } from './schemas.js'

const ListQuery = Type.Object({
  ...PageQuery.properties,
  externalRef: Type.Optional(Type.String({ minLength: 3, maxLength: 330, description: 'platform:ref' })),
}, { additionalProperties: false })

/** Routes a learner token may call carry `config.learnerToken: true` (plugins/auth.ts refuses it elsewhere). */
export const learnerRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const ctx = async (req: { params: { city: string } } & FastifyRequest) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }
  const tags = ['Learners']

  app.post('/', {
    schema: { operationId: 'createLearner', tags, summary: 'Create a pseudonymous learner', params: CityParams, body: NewLearner, response: { 201: Learner, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return reply.code(201).send(await services.learners.create(p, city, req.body))
  })

  app.get('/', {
    schema: { operationId: 'listLearners', tags, summary: 'List learners, or find one by ?externalRef=platform:ref', params: CityParams, querystring: ListQuery, response: { 200: pageOf(Learner), ...problems(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return sendPage(req, reply, await services.learners.list(p, city, req.query))
  })

  app.get('/:id', {
    config: { learnerToken: true },
    schema: { operationId: 'getLearner', tags, params: LearnerParams, response: { 200: Learner, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.learners.get(p, city, req.params.id)
  })

  app.patch('/:id', {
    config: { learnerToken: true },
    schema: { operationId: 'updateLearner', tags, summary: 'Change consents or area; add external refs; add or verify identifiers', params: LearnerParams, body: LearnerPatch, response: { 200: Learner, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.learners.update(p, city, req.params.id, req.body)
  })

  app.delete('/:id', {
    schema: { operationId: 'eraseLearner', tags, summary: 'Erase a learner: awards become revoked stubs (410 erased); idempotent', params: LearnerParams, response: { 200: ErasureResult, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.erasure.erase(p, city, req.params.id)
  })

  // The token is a secret: never stored in the Idempotency-Key replay table.
  app.post('/:id/tokens', {
    config: { idempotent: false },
    schema: { operationId: 'createLearnerToken', tags, summary: "Mint a short-lived learner token (reaches only this learner's backpack and shares)", params: LearnerParams, body: NewLearnerToken, response: { 201: LearnerToken, ...problems(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return reply.code(201).send(await services.learnerTokens.mint(p, city, req.params.id, req.body ?? {}))
  })

  const backpackTags = ['Backpack']
  app.get('/:id/backpack', {
    config: { learnerToken: true },
    schema: {
      operationId: 'getBackpack', tags: backpackTags, summary: "The learner's awards with their state (an issuer key sees only its own awards)", params: LearnerParams,
      querystring: Type.Object({ ...PageQuery.properties, acceptance: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined')])) }, { additionalProperties: false }),
      response: { 200: BackpackPage, ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    // Serialised by the database, city look-up included (see BackpackService.listJson): sent as it is, never through
    // the response schema.
    const page = await services.backpack.listJson(principalOf(req), req.params.city, req.params.id, req.query)
    linkNext(req, reply, page.nextCursor)
    return reply.header('etag', page.etag).type('application/json; charset=utf-8').send(page.body as never)
  })

  for (const [action, state] of [['accept', 'accepted'], ['decline', 'declined']] as const) {
    app.post(`/:id/backpack/:awardId/${action}`, {
      config: { learnerToken: true },
      schema: { operationId: `${action}Award`, tags: backpackTags, params: BackpackParams, response: { 200: BackpackItem, ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => {
      const { p, city } = await ctx(req)
      return services.backpack.decide(p, city, req.params.id, req.params.awardId, state)
    })
  }

  app.post('/:id/collections', {
    config: { learnerToken: true },
    schema: { operationId: 'createCollection', tags: backpackTags, params: LearnerParams, body: NewCollection, response: { 201: Collection, ...problems(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return reply.code(201).send(await services.backpack.createCollection(p, city, req.params.id, req.body))
  })
  app.get('/:id/collections', {
    config: { learnerToken: true },
    schema: { operationId: 'listCollections', tags: backpackTags, params: LearnerParams, response: { 200: Type.Object({ items: Type.Array(Collection) }), ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return { items: await services.backpack.listCollections(p, city, req.params.id) }
  })
  app.patch('/:id/collections/:collectionId', {
    config: { learnerToken: true },
    schema: { operationId: 'updateCollection', tags: backpackTags, params: CollectionParams, body: CollectionPatch, response: { 200: Collection, ...problems(400, 401, 403, 404, 422) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.backpack.updateCollection(p, city, req.params.id, req.params.collectionId, req.body)
  })
  app.delete('/:id/collections/:collectionId', {
    config: { learnerToken: true },
    schema: { operationId: 'deleteCollection', tags: backpackTags, params: CollectionParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    await services.backpack.deleteCollection(p, city, req.params.id, req.params.collectionId)
    return reply.code(204).send(null)
  })

  const shareTags = ['Shares']
  // The answer carries the share URL (a secret): never stored in the Idempotency-Key replay table.
  app.post('/:id/shares', {
    config: { learnerToken: true, idempotent: false },
    schema: { operationId: 'createShare', tags: shareTags, summary: 'Share awards or a collection: an unguessable, expiring, revocable URL', params: LearnerParams, body: NewShare, response: { 201: Share, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return reply.code(201).send(await services.shares.create(p, city, req.params.id, req.body))
  })
  app.get('/:id/shares', {
    config: { learnerToken: true },
    schema: { operationId: 'listShares', tags: shareTags, params: LearnerParams, querystring: PageQuery, response: { 200: pageOf(Share), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return sendPage(req, reply, await services.shares.list(p, city, req.params.id, req.query))
  })
  app.delete('/:id/shares/:shareId', {
    config: { learnerToken: true },
    schema: { operationId: 'revokeShare', tags: shareTags, summary: 'Revoke a share (idempotent): its URL answers 410', params: ShareParams, response: { 200: Share, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.shares.revoke(p, city, req.params.id, req.params.shareId)
  })
}

/** The city's learner settings (city admins). */
export const learnerSettingsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/', {
    schema: { operationId: 'getLearnerSettings', tags: ['Learners'], params: CityParams, response: { 200: LearnerSettings, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const p = principalOf(req)
    return services.learners.settings(p, await services.cities.resolve(p, req.params.city))
  })
  app.put('/', {
    schema: { operationId: 'putLearnerSettings', tags: ['Learners'], params: CityParams, body: LearnerSettings, response: { 200: LearnerSettings, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const p = principalOf(req)
    return services.learners.setSettings(p, await services.cities.resolve(p, req.params.city), req.body)
  })
}
