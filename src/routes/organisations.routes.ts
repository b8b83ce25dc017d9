import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import { ORGANISATION_KINDS, toOrganisation } from '../domain/cities/organisations.js'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Uuid, pageOf, problems } from './schemas.js'

export const Organisation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  url: Type.String(),
  email: Type.String(),
  description: Type.Optional(Type.String()),
  image: Type.Optional(Type.String()),
  telephone: Type.Optional(Type.String()),
  kind: Type.String(),
  verified: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

const fields = {
  name: Text(200),
  url: Type.String({ minLength: 8, maxLength: 2048 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  description: Type.Optional(Text(5000, 0)),
  image: Type.Optional(Type.String({ maxLength: 350_000, description: 'https URL or PNG/SVG data URI' })),
  telephone: Type.Optional(Type.String({ maxLength: 20 })),
  kind: Type.Optional(Type.Union(ORGANISATION_KINDS.map((k) => Type.Literal(k)))),
}
const NewOrganisation = Type.Object(fields, { additionalProperties: false })
const OrganisationPatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 })
const OrgParams = Type.Object({ city: Slug, id: Uuid })

export const organisationRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = (req: { params: { city: string } } & Parameters<typeof principalOf>[0]) => services.cities.resolve(principalOf(req), req.params.city)

  app.post('/', {
    schema: { operationId: 'createOrganisation', tags: ['Organisations'], summary: 'Add an organisation (an OB issuer Profile)', params: CityParams, body: NewOrganisation, response: { 201: Organisation, ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const org = await services.organisations.create(principalOf(req), await city(req), req.body)
    return sendCreated(req, reply, org, org.id)
  })

  app.get('/', {
    schema: { operationId: 'listOrganisations', tags: ['Organisations'], params: CityParams, querystring: PageQuery, response: { 200: pageOf(Organisation), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.organisations.list(await city(req), req.query)))

  app.get('/:id', {
    schema: { operationId: 'getOrganisation', tags: ['Organisations'], params: OrgParams, response: { 200: Organisation, ...problems(400, 401, 404) } },
  }, async (req) => {
    return toOrganisation(await services.organisations.get(await city(req), req.params.id))
  })

  app.patch('/:id', {
    schema: { operationId: 'updateOrganisation', tags: ['Organisations'], params: OrgParams, body: OrganisationPatch, response: { 200: Organisation, ...problems(400, 401, 403, 404, 422) } },
  }, async (req) => services.organisations.update(principalOf(req), await city(req), req.params.id, req.body))

  app.put('/:id/verified', {
    schema: {
      operationId: 'setOrganisationVerified', tags: ['Organisations'],
      summary: 'Mark an organisation as verified by the city (city admins): public pages show "Verified by {city}" beside it',
      params: OrgParams, body: Type.Object({ verified: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Organisation, ...problems(400, 401, 403, 404) },
    },
  }, async (req) => services.organisations.setVerified(principalOf(req), await city(req), req.params.id, req.body.verified))
}
