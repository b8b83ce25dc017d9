import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { SpineSelection } from './badge-classes.routes.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Uuid, pageOf, problems } from './schemas.js'
import { Code, DimensionSchema, LevelSchema } from './spine.routes.js'

// /v1/cities/{city}/catalogue: what a city offers, found by the spine, themes, destinations, issuer and text.
// The management list (/badge-classes) stays a plain list of every version for issuers and admins.

const Status = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('approved'), Type.Literal('superseded'), Type.Literal('retired')])

const CatalogueEntry = Type.Object({
  id: Uuid,
  familyId: Uuid,
  version: Type.Integer(),
  organisationId: Uuid,
  status: Status,
  name: Type.String(),
  description: Type.String(),
  image: Type.String(),
  tags: Type.Array(Type.String()),
  spine: Type.Optional(SpineSelection),
  themes: Type.Array(Type.String()),
  destinations: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  approvedAt: Type.Optional(Type.String({ format: 'date-time' })),
  links: Type.Object({ badgeClass: Type.String(), achievement: Type.String(), image: Type.String(), issuer: Type.String() }),
})

const CatalogueQuery = Type.Object({
  ...PageQuery.properties,
  element: Type.Optional(Code),
  descendants: Type.Optional(Type.Boolean({ description: 'With `element`: also badges aligned to any element beneath it' })),
  level: Type.Optional(LevelSchema),
  dimension: Type.Optional(DimensionSchema),
  theme: Type.Optional(Code),
  destination: Type.Optional(Code),
  organisation: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name, tags or description (each a prefix: "digi mak" finds "Digital Maker")' })),
  status: Type.Optional(Status),
}, { additionalProperties: false })

export const catalogueRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/', {
    schema: {
      operationId: 'searchCatalogue', tags: ['Catalogue'],
      summary: "The city's badge classes (approved by default) by spine element, grid cell (level + dimension), theme, destination, organisation and text",
      description: 'Filters combine with AND; pages run in creation order (cursor in `nextCursor` and the `Link` header).',
      params: CityParams, querystring: CatalogueQuery,
      response: { 200: pageOf(CatalogueEntry), ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return sendPage(req, reply, await services.catalogue.search(city, req.query))
  })
}
