import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { Learner, LearnerParams, LearnerPatch, LearnerSettings, NewLearner } from './learners.schemas.js'
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
