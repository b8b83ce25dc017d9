import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Slug, Text, pageOf, problems } from './schemas.js'

export const City = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  locales: Type.Array(Type.String()),
  timezone: Type.String(),
  privacyThreshold: Type.Integer(),
  storePlainIdentity: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
})

const NewCity = Type.Object({
  slug: Slug,
  name: Text(200),
  locales: Type.Optional(Type.Array(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' }), { minItems: 1, maxItems: 20, uniqueItems: true })),
  timezone: Type.Optional(Type.String({ pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$', maxLength: 64 })),
  privacyThreshold: Type.Optional(Type.Integer({ minimum: 5, maximum: 1000, description: 'Insights never publish a cell of fewer people' })),
  storePlainIdentity: Type.Optional(Type.Boolean({ description: 'Keep recipients’ plain identities beside the salted hashes (off by default)' })),
}, { additionalProperties: false })

export const cityRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post('/', {
    schema: { operationId: 'createCity', tags: ['Cities'], summary: 'Create a city (platform admins)', body: NewCity, response: { 201: City, ...problems(400, 401, 403, 409, 422) } },
  }, async (req, reply) => {
    const city = await services.cities.create(principalOf(req), req.body)
    return sendCreated(req, reply, city, city.slug)
  })

  app.get('/', {
    schema: { operationId: 'listCities', tags: ['Cities'], summary: 'List cities (platform admins)', querystring: PageQuery, response: { 200: pageOf(City), ...problems(400, 401, 403) } },
  }, async (req, reply) => sendPage(req, reply, await services.cities.list(principalOf(req), req.query)))

  app.get('/:city', {
    schema: { operationId: 'getCity', tags: ['Cities'], summary: 'A city', params: CityParams, response: { 200: City, ...problems(400, 401, 404) } },
  }, async (req) => services.cities.get(principalOf(req), req.params.city))
}
