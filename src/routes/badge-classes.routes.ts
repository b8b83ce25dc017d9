import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Compile } from 'typebox/compile'
import { IMAGE_MAX_BYTES } from '../domain/badges/badge-rules.js'
import { BadRequest } from '../domain/shared/errors.js'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { jsonFieldValue, readingMultipart } from '../plugins/multipart.js'
import { sendPage, sendCreated } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Translatable, TranslationsSchema, Uuid, pageOf, problems } from './schemas.js'
import { Code, DimensionSchema, LevelSchema, spineProblems } from './spine.routes.js'

export const Alignment = Type.Object({
  targetName: Text(500),
  targetUrl: Type.String({ minLength: 8, maxLength: 2048 }),
  targetDescription: Type.Optional(Text(2000)),
  targetFramework: Type.Optional(Text(500)),
  targetCode: Type.Optional(Text(200)),
}, { additionalProperties: false })

export const Expiry = Type.Union([
  Type.Object({ type: Type.Literal('none') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('date'), date: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('duration'), duration: Type.String({ maxLength: 40, description: 'ISO 8601, e.g. P1Y, P6M, P90D' }) }, { additionalProperties: false }),
])

const Criteria = Type.Object({
  narrative: Type.Optional(Translatable(10_000, 0)),
  url: Type.Optional(Type.String({ minLength: 8, maxLength: 2048 })),
}, { additionalProperties: false })

export const SpineSelection = Type.Object({
  elements: Type.Array(Code, { maxItems: 50, description: 'Codes of active spine elements; at least one before submission and approval' }),
  level: LevelSchema,
  dimensions: Type.Array(DimensionSchema, { minItems: 1, maxItems: 3 }),
}, { additionalProperties: false, description: 'Where the badge sits on the skills spine: elements, a level of learning, one or more dimensions' })
const CatalogueRefs = (what: string) => Type.Array(Code, { maxItems: 20, description: `Codes (or ids) of the city's ${what}` })

const Status = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('approved'), Type.Literal('superseded'), Type.Literal('retired')])

export const BadgeClass = Type.Object({
  id: Uuid,
  familyId: Uuid,
  version: Type.Integer(),
  organisationId: Uuid,
  status: Status,
  name: Type.String(),
  description: Type.String(),
  image: Type.String({ description: 'URL of the hosted image' }),
  criteria: Type.Object({ narrative: Type.Optional(Type.String()), url: Type.Optional(Type.String()) }),
  tags: Type.Array(Type.String()),
  alignments: Type.Array(Alignment, { description: 'Free alignments, published after the generated ones' }),
  spine: Type.Optional(SpineSelection),
  themes: Type.Array(Type.String()),
  destinations: Type.Array(Type.String()),
  generatedAlignments: Type.Array(Alignment, { description: 'Generated from spine, themes and destinations: each targetUrl is a page under /spine/{city}' }),
  expiry: Expiry,
  language: Type.Optional(Type.String({ description: 'The language of `name`, `description` and `criteria.narrative` (set when the class has more than one language)' })),
  translations: TranslationsSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  approvedAt: Type.Optional(Type.String({ format: 'date-time' })),
  retiredAt: Type.Optional(Type.String({ format: 'date-time' })),
  links: Type.Object({ badgeClass: Type.String(), image: Type.String(), issuer: Type.String() }),
})

const fields = {
  name: Translatable(200),
  description: Translatable(10_000),
  image: Type.Optional(Type.String({ maxLength: 360_000, description: 'PNG or SVG data URI (or send multipart/form-data with a file part `image`)' })),
  criteria: Criteria,
  tags: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
  alignments: Type.Optional(Type.Array(Alignment, { maxItems: 50 })),
  expiry: Type.Optional(Expiry),
  language: Type.Optional(Type.String({ maxLength: 35 })),
  spine: Type.Optional(SpineSelection),
  themes: Type.Optional(CatalogueRefs('themes')),
  destinations: Type.Optional(CatalogueRefs('destinations')),
}
const { image: _image, ...metadataFields } = fields
const ImageDataUri = Type.String({ maxLength: 360_000, description: 'PNG or SVG data URI (or send multipart/form-data: metadata + image)' })
export const NewBadgeClass = Type.Object({ organisationId: Uuid, ...fields, image: ImageDataUri }, { additionalProperties: false })
/** The `metadata` part of a multipart create: the JSON fields without `image` (which comes as its own part). */
export const NewBadgeClassMetadata = Type.Object({ organisationId: Uuid, ...metadataFields }, { additionalProperties: false })
const NewBadgeClassForm = Type.Object({
  metadata: NewBadgeClassMetadata,
  image: Type.String({ contentMediaType: 'image/png, image/svg+xml', description: `The badge image, PNG or SVG, at most ${IMAGE_MAX_BYTES} bytes` }),
}, {
  description: 'A part `metadata` (the JSON fields, sent as application/json or as plain text) and a file part `image`; both required.',
  'x-encoding': { metadata: { contentType: 'application/json, text/plain' }, image: { contentType: 'image/png, image/svg+xml' } },
})
export const BadgeClassPatch = Type.Partial(Type.Object({ ...fields, spine: Type.Union([SpineSelection, Type.Null({ description: 'null clears the selection' })]) }), { additionalProperties: false, minProperties: 1 })
const newBadgeClassCheck = Compile(NewBadgeClassMetadata)

const ClassParams = Type.Object({ city: Slug, id: Uuid })
const ListQuery = Type.Object({
  ...PageQuery.properties,
  organisationId: Type.Optional(Uuid),
  status: Type.Optional(Status),
}, { additionalProperties: false })

/**
 * multipart/form-data: a part `metadata` with the JSON fields (as for application/json) and a file part `image`.
 * Size limits come from @fastify/multipart (413); the image itself is checked by magic bytes in the domain.
 */
async function readMultipart (req: FastifyRequest): Promise<{ body: Static<typeof NewBadgeClassMetadata>; image: Buffer | undefined }> {
  let metadata: unknown
  let image: Buffer | undefined
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'image') throw new BadRequest(`unexpected file part "${part.fieldname}"; send the image as "image"`)
      image = await part.toBuffer()
    } else if (part.fieldname === 'metadata') {
      // As text, or with `Content-Type: application/json` (then it arrives already parsed).
      const parsed = jsonFieldValue(part.value)
      if (!parsed.ok) throw new BadRequest('the metadata part is not valid JSON')
      metadata = parsed.value
    } else {
      throw new BadRequest(`unexpected field "${part.fieldname}"; send the JSON fields in a part named "metadata"`)
    }
  }
  if (!newBadgeClassCheck.Check(metadata)) {
    const errors = [...newBadgeClassCheck.Errors(metadata)].slice(0, 20).map((e) => ({ field: e.instancePath || '/', message: e.message }))
    throw Object.assign(new BadRequest('the metadata part is invalid'), { fields: errors })
  }
  return { body: metadata, image }
}

export const badgeClassRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  await app.register(multipart, { limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 5, fieldSize: 64 * 1024, parts: 6 } })
  const ctx = async (req: { params: { city: string } } & FastifyRequest) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }

  app.post('/', {
    schema: {
      operationId: 'createBadgeClass', tags: ['Badge classes'], summary: 'Create a draft badge class (JSON with a data URI image, or multipart with metadata + image)',
      params: CityParams,
      // The server validates the multipart parts itself (readMultipart); the document shows them (swaggerTransform).
      body: { content: { 'application/json': { schema: NewBadgeClass }, 'multipart/form-data': { schema: Type.Unknown() } } } as unknown as typeof NewBadgeClass,
      response: { 201: BadgeClass, ...problems(400, 401, 403, 404, 413, 415), ...spineProblems(422) },
    },
    config: {
      swaggerTransform: ({ schema, url }) => ({
        url: url.replace(/\/$/, ''),
        schema: {
          ...schema,
          body: { content: {
            'application/json': { schema: NewBadgeClass },
            'multipart/form-data': { schema: NewBadgeClassForm },
          } },
        },
      }),
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    const { body, image } = req.isMultipart() ? await readingMultipart(async () => await readMultipart(req)) : { body: req.body, image: undefined }
    const created = await services.badgeClasses.create(p, city, body, image)
    return sendCreated(req, reply, created, created.id)
  })

  app.get('/', {
    schema: { operationId: 'listBadgeClasses', tags: ['Badge classes'], params: CityParams, querystring: ListQuery, response: { 200: pageOf(BadgeClass), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.badgeClasses.list((await ctx(req)).city, req.query)))

  app.get('/:id', {
    schema: { operationId: 'getBadgeClass', tags: ['Badge classes'], params: ClassParams, response: { 200: BadgeClass, ...problems(400, 401, 404) } },
  }, async (req) => services.badgeClasses.get((await ctx(req)).city, req.params.id))

  app.get('/:id/versions', {
    schema: { operationId: 'listBadgeClassVersions', tags: ['Badge classes'], params: ClassParams, response: { 200: Type.Object({ items: Type.Array(BadgeClass) }), ...problems(400, 401, 404) } },
  }, async (req) => ({ items: await services.badgeClasses.versions((await ctx(req)).city, req.params.id) }))

  app.patch('/:id', {
    schema: {
      operationId: 'updateBadgeClass', tags: ['Badge classes'],
      summary: 'Edit a draft in place; editing an approved class creates a new draft version (awards keep the version they were given)',
      params: ClassParams, body: BadgeClassPatch, response: { 200: BadgeClass, ...problems(400, 401, 403, 404), ...spineProblems(409, 422) },
    },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.badgeClasses.update(p, city, req.params.id, req.body)
  })

  for (const action of ['submit', 'approve', 'retire'] as const) {
    app.post(`/:id/${action}`, {
      schema: {
        operationId: `${action}BadgeClass`, tags: ['Badge classes'],
        summary: { submit: 'Submit a draft for quality assurance (needs a spine element)', approve: 'Approve a submitted class (city admins); its alignments are frozen as the spine is now', retire: 'Retire a class: no new awards' }[action],
        params: ClassParams, response: { 200: BadgeClass, ...problems(400, 401, 403, 404), ...spineProblems(409, ...(action === 'retire' ? [] : [422])) },
      },
      config: { idempotent: false },
    }, async (req) => {
      const { p, city } = await ctx(req)
      return services.badgeClasses[action](p, city, req.params.id)
    })
  }
}
