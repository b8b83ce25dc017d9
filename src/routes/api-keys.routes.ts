import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Uuid, pageOf, problems } from './schemas.js'

const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  organisationId: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
})

const NewApiKey = Type.Object({
  name: Text(100),
  role: Type.Union([Type.Literal('city-admin'), Type.Literal('issuer'), Type.Literal('reader'), Type.Literal('app')]),
  organisationId: Type.Optional(Uuid),
}, { additionalProperties: false })

const CreatedKey = Type.Object({ key: Type.String({ description: 'The secret: shown once, never again' }), apiKey: ApiKey })

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post('/', {
    schema: { operationId: 'createApiKey', tags: ['API keys'], summary: 'Create a key for this city (city admins)', params: CityParams, body: NewApiKey, response: { 201: CreatedKey, ...problems(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const p = principalOf(req)
    const city = await services.cities.resolve(p, req.params.city)
    const { token, key } = await services.apiKeys.create(p, city, req.body,
      (id) => services.organisations.get(city, id).then(() => true, () => false))
    reply.header('cache-control', 'no-store')
    return reply.code(201).send({ key: token, apiKey: key })
  })

  app.get('/', {
    schema: { operationId: 'listApiKeys', tags: ['API keys'], params: CityParams, querystring: PageQuery, response: { 200: pageOf(ApiKey), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const p = principalOf(req)
    return sendPage(req, reply, await services.apiKeys.list(p, await services.cities.resolve(p, req.params.city), req.query))
  })

  app.post('/:id/revoke', {
    schema: { operationId: 'revokeApiKey', tags: ['API keys'], summary: 'Revoke a key (idempotent)', params: Type.Object({ city: Slug, id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }), response: { 200: ApiKey, ...problems(400, 401, 403, 404) } },
    config: { idempotent: false },
  }, async (req) => {
    const p = principalOf(req)
    return services.apiKeys.revoke(p, await services.cities.resolve(p, req.params.city), req.params.id)
  })
}
