import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Uuid, pageOf, problems } from './schemas.js'

const SubjectType = Type.Union([Type.Literal('badge-class'), Type.Literal('organisation'), Type.Literal('award')])
const Endorsement = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  subject: Type.Object({ type: SubjectType, id: Uuid }),
  comment: Type.Optional(Type.String()),
  issuedOn: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  links: Type.Object({ endorsement: Type.String(), subject: Type.String(), issuer: Type.String() }),
})
const NewEndorsement = Type.Object({
  organisationId: Uuid,
  subject: Type.Object({ type: SubjectType, id: Uuid }, { additionalProperties: false }),
  comment: Type.Optional(Text(5000)),
}, { additionalProperties: false })
const ListQuery = Type.Object({ ...PageQuery.properties, subjectId: Type.Optional(Uuid), organisationId: Type.Optional(Uuid) }, { additionalProperties: false })

const SigningKey = Type.Object({
  id: Type.String(), organisationId: Uuid, algorithm: Type.String(), active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }), retiredAt: Type.Optional(Type.String({ format: 'date-time' })),
  publicKeyPem: Type.String(), url: Type.String(),
})
const OrgParams = Type.Object({ city: Slug, id: Uuid })

type CityReq = { params: { city: string } } & FastifyRequest

export const endorsementRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const ctx = async (req: CityReq) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }

  app.post('/', {
    schema: {
      operationId: 'createEndorsement', tags: ['Endorsements'], summary: 'An organisation endorses a badge class, an issuer or an award',
      params: CityParams, body: NewEndorsement, response: { 201: Endorsement, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    const created = await services.endorsements.create(p, city, req.body)
    return sendCreated(req, reply, created, created.id)
  })

  app.get('/', {
    schema: { operationId: 'listEndorsements', tags: ['Endorsements'], params: CityParams, querystring: ListQuery, response: { 200: pageOf(Endorsement), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.endorsements.list((await ctx(req)).city, req.query)))

  app.get('/:id', {
    schema: { operationId: 'getEndorsement', tags: ['Endorsements'], params: Type.Object({ city: Slug, id: Uuid }), response: { 200: Endorsement, ...problems(400, 401, 404) } },
  }, async (req) => services.endorsements.get((await ctx(req)).city, req.params.id))
}

/** Signing keys of an organisation (mounted under /cities/:city/organisations). */
export const signingKeyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/:id/keys', {
    schema: { operationId: 'listSigningKeys', tags: ['Organisations'], params: OrgParams, response: { 200: Type.Object({ items: Type.Array(SigningKey) }), ...problems(400, 401, 404) } },
  }, async (req) => {
    const p = principalOf(req)
    return { items: await services.keys.list(await services.cities.resolve(p, req.params.city), req.params.id) }
  })

  app.post('/:id/keys/rotate', {
    schema: {
      operationId: 'rotateSigningKey', tags: ['Organisations'], summary: 'New signing keys (RS256 returned; OB 3.0 Ed25519 and ES256 rotated too); old keys stay published so what they signed still verifies',
      params: OrgParams, response: { 201: SigningKey, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const p = principalOf(req)
    const city = await services.cities.resolve(p, req.params.city)
    const rotated = await services.keys.rotate(p, city, req.params.id)
    await services.ob3.rotateKeys(p, city, req.params.id) // OB 3.0: the Ed25519 and ES256 keys too
    return reply.code(201).send(rotated)
  })
}
