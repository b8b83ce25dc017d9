import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Translatable, TranslationsSchema, pageOf } from './schemas.js'
import { Code, spineProblems } from './spine.routes.js'

// /v1/cities/{city}/themes and /destinations: one shape, two catalogues. Codes and kinds never change
// (alignments point at them); titles, descriptions and a sector theme's industry code may.

const ThemeKind = Type.Union([Type.Literal('civic'), Type.Literal('wellbeing'), Type.Literal('sector')])
const DestinationKind = Type.Union([Type.Literal('education'), Type.Literal('employment'), Type.Literal('enterprise'), Type.Literal('civic-engagement')])
const IndustryCode = Text(100)

const common = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  url: Type.String({ description: 'Public page (the alignment targetUrl)' }),
  translations: TranslationsSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}
const Theme = Type.Object({ ...common, kind: ThemeKind, industryCode: Type.Optional(Type.String()) })
const Destination = Type.Object({ ...common, kind: DestinationKind })

const NewTheme = Type.Object({
  code: Code, kind: ThemeKind, title: Translatable(300), description: Type.Optional(Translatable(10_000)),
  industryCode: Type.Optional(Text(100, 1)),
}, { additionalProperties: false })
const NewDestination = Type.Object({ code: Code, kind: DestinationKind, title: Translatable(300), description: Type.Optional(Translatable(10_000)) }, { additionalProperties: false })
const ThemePatch = Type.Object({
  title: Type.Optional(Translatable(300)),
  description: Type.Optional(Type.Union([Type.Null(), Translatable(10_000)])),
  industryCode: Type.Optional(Type.Union([Type.Null(), IndustryCode])),
}, { additionalProperties: false, minProperties: 1 })
const DestinationPatch = Type.Object({
  title: Type.Optional(Translatable(300)),
  description: Type.Optional(Type.Union([Type.Null(), Translatable(10_000)])),
}, { additionalProperties: false, minProperties: 1 })
const Params = Type.Object({ city: Slug, code: Code })

const cityOf = (services: Services) => (req: FastifyRequest & { params: { city: string } }) => services.cities.resolve(principalOf(req), req.params.city)

export const themeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = cityOf(services)
  const tags = ['Themes']
  app.get('/', {
    schema: { operationId: 'listThemes', tags, params: CityParams, querystring: Type.Object({ ...PageQuery.properties, kind: Type.Optional(ThemeKind) }, { additionalProperties: false }), response: { 200: pageOf(Theme), ...spineProblems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.themes.list(await city(req), req.query)) as never)
  app.post('/', {
    schema: { operationId: 'createTheme', tags, summary: 'Add a civic, wellbeing or sector theme (only sector themes carry an industry code)', params: CityParams, body: NewTheme, response: { 201: Theme, ...spineProblems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const theme = await services.themes.create(principalOf(req), await city(req), req.body)
    return sendCreated(req, reply, theme as never, theme.code)
  })
  app.get('/:code', {
    schema: { operationId: 'getTheme', tags, params: Params, response: { 200: Theme, ...spineProblems(400, 401, 404) } },
  }, async (req) => services.themes.get(await city(req), req.params.code) as never)
  app.patch('/:code', {
    schema: { operationId: 'updateTheme', tags, params: Params, body: ThemePatch, response: { 200: Theme, ...spineProblems(400, 401, 403, 404, 422) } },
  }, async (req) => services.themes.update(principalOf(req), await city(req), req.params.code, req.body) as never)
}

export const destinationRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = cityOf(services)
  const tags = ['Destinations']
  app.get('/', {
    schema: { operationId: 'listDestinations', tags, params: CityParams, querystring: Type.Object({ ...PageQuery.properties, kind: Type.Optional(DestinationKind) }, { additionalProperties: false }), response: { 200: pageOf(Destination), ...spineProblems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.destinations.list(await city(req), req.query)) as never)
  app.post('/', {
    schema: { operationId: 'createDestination', tags, summary: 'Add a named local destination of one of the four kinds', params: CityParams, body: NewDestination, response: { 201: Destination, ...spineProblems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const destination = await services.destinations.create(principalOf(req), await city(req), req.body)
    return sendCreated(req, reply, destination as never, destination.code)
  })
  app.get('/:code', {
    schema: { operationId: 'getDestination', tags, params: Params, response: { 200: Destination, ...spineProblems(400, 401, 404) } },
  }, async (req) => services.destinations.get(await city(req), req.params.code) as never)
  app.patch('/:code', {
    schema: { operationId: 'updateDestination', tags, params: Params, body: DestinationPatch, response: { 200: Destination, ...spineProblems(400, 401, 403, 404, 422) } },
  }, async (req) => services.destinations.update(principalOf(req), await city(req), req.params.code, req.body) as never)
}
