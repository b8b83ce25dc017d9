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

export const Branding = Type.Object({
  name: Type.String({ description: 'The name the public pages show (the city’s name when not set)' }),
  about: Type.Optional(Type.String({ description: 'What the City of Learning is (Markdown), on the landing page' })),
  accentColour: Type.String({ description: '#rrggbb' }),
  accentText: Type.String({ description: 'Black or white: the text colour the pages use on the accent colour' }),
  logo: Type.Optional(Type.String({ description: 'Path of the logo on this service (changes with the logo)' })),
})

const BrandingPatch = Type.Object({
  // Null first: with type coercion on, a string branch tried first would turn null into "".
  name: Type.Optional(Type.Union([Type.Null(), Text(200)])),
  about: Type.Optional(Type.Union([Type.Null(), Text(5000, 0)])),
  accentColour: Type.Optional(Type.Union([Type.Null(), Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })])),
  logo: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 350_000, description: 'PNG or SVG data URI (256 KB; SVG sanitised)' })])),
}, { additionalProperties: false, minProperties: 1 })

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

  app.get('/:city/branding', {
    schema: { operationId: 'getCityBranding', tags: ['Cities'], summary: 'How the city’s public pages look', params: CityParams, response: { 200: Branding, ...problems(400, 401, 404) } },
  }, async (req) => services.branding.get(principalOf(req), req.params.city))

  app.patch('/:city/branding', {
    schema: {
      operationId: 'updateCityBranding', tags: ['Cities'], params: CityParams, body: BrandingPatch, response: { 200: Branding, ...problems(400, 401, 403, 404, 422) },
      summary: 'Change the branding of the city’s public pages (city admins): name, about text, accent colour, logo; null clears a field',
    },
  }, async (req) => services.branding.update(principalOf(req), req.params.city, req.body))
}
