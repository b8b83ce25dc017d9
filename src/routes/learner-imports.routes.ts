import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import type { VerifyInput } from '../domain/verify/verify.js'
import { principalOf } from '../plugins/auth.js'
import { readingMultipart } from '../plugins/multipart.js'
import { sendCreated, sendPage } from './reply.js'
import { PageQuery, Slug, Uuid, pageOf, problems } from './schemas.js'
import { MAX_IMAGE_BYTES, VerifyBody, jsonInput, multipartInput } from './verify.routes.js'

// Learners' imports (issue #8 item 7): a badge from elsewhere in any form POST /v1/verify takes, verified by the
// same pipeline and kept with its report. Learner tokens reach their own learner's imports.

const Params = Type.Object({ city: Slug, id: Uuid })
const ImportParams = Type.Object({ city: Slug, id: Uuid, importId: Uuid })
const Code = Type.String({ minLength: 1, maxLength: 200 })

const ImportSpine = Type.Object({ elements: Type.Array(Type.String()), level: Type.String(), dimensions: Type.Array(Type.String()) })
export const LearnerImport = Type.Object({
  id: Uuid,
  learnerId: Uuid,
  status: Type.Union([Type.Literal('verified'), Type.Literal('failed')], { description: 'failed: kept with its report, counts nowhere' }),
  format: Type.String({ description: 'ob2-hosted, ob2-signed, ob3-di, ob3-jwt or unknown' }),
  source: Type.Object({ kind: Type.String(), url: Type.Optional(Type.String()) }),
  name: Type.Optional(Type.String()),
  issuerName: Type.Optional(Type.String()),
  issuedOn: Type.Optional(Type.String({ format: 'date-time' })),
  spine: Type.Optional(ImportSpine),
  themes: Type.Array(Type.String()),
  mappedBy: Type.Optional(Type.Union([Type.Literal('alignment'), Type.Literal('admin')])),
  report: Type.Unknown({ description: 'the stored VerificationReport of the last check (as POST /v1/verify answers it)' }),
  verifiedAt: Type.Optional(Type.String({ format: 'date-time', description: 'first time it verified' })),
  checkedAt: Type.String({ format: 'date-time', description: 'last verification (re-verified on a schedule)' }),
  createdAt: Type.String({ format: 'date-time' }),
})

const ImportBody = Type.Omit(VerifyBody, ['recipient'], { additionalProperties: false })

const ImportMapping = Type.Object({
  elements: Type.Array(Code, { maxItems: 50, description: 'element codes of this city; [] clears the spine mapping' }),
  level: Type.Optional(Type.String({ description: 'a grid level (default engagement)' })),
  dimensions: Type.Optional(Type.Array(Type.String(), { maxItems: 3, description: 'grid dimensions (default skills)' })),
  themes: Type.Optional(Type.Array(Code, { maxItems: 50 })),
}, { additionalProperties: false })

export const learnerImportRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } })
  const ctx = async (req: { params: { city: string } } & FastifyRequest) => {
    const p = principalOf(req)
    return { p, city: await services.cities.resolve(p, req.params.city) }
  }
  const tags = ['Imports']

  app.post('/:id/imports', {
    config: { learnerToken: true },
    bodyLimit: MAX_IMAGE_BYTES + 64 * 1024,
    schema: {
      operationId: 'importBadge', tags,
      summary: 'Import a badge from elsewhere (the POST /v1/verify input forms); kept with its verification report',
      description: 'JSON body with exactly one of url, assertion, jws, credential, jwt, or multipart/form-data with a baked PNG/SVG in ' +
        'field `file`. The badge is verified by the same pipeline as POST /v1/verify and kept whatever the outcome: `status: failed` ' +
        'imports (revoked, tampered, unreachable) keep their report and count nowhere. 201 for a new import, 200 when this learner ' +
        'already imported the same badge. Verified again on a schedule (IMPORT_REVERIFY_SECONDS).',
      params: Params,
      body: { content: { 'application/json': { schema: ImportBody } } },
      response: { 200: LearnerImport, 201: LearnerImport, ...problems(400, 401, 403, 404, 413, 415) },
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    let input: VerifyInput
    if (req.isMultipart()) {
      ({ input } = await readingMultipart(async () => await multipartInput(req)))
    } else {
      input = jsonInput((req.body ?? {}) as never)
    }
    const { created, item } = await services.imports.create(p, city, req.params.id, input)
    return created ? sendCreated(req, reply, item, item.id) : reply.send(item)
  })

  app.get('/:id/imports', {
    config: { learnerToken: true },
    schema: {
      operationId: 'listImports', tags, summary: "The learner's imported badges with their last verification", params: Params,
      querystring: Type.Object({ ...PageQuery.properties, status: Type.Optional(Type.Union([Type.Literal('verified'), Type.Literal('failed')])) }, { additionalProperties: false }),
      response: { 200: pageOf(LearnerImport), ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    return sendPage(req, reply, await services.imports.list(p, city, req.params.id, req.query))
  })

  app.get('/:id/imports/:importId', {
    config: { learnerToken: true },
    schema: { operationId: 'getImport', tags, params: ImportParams, response: { 200: LearnerImport, ...problems(400, 401, 403, 404) } },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.imports.get(p, city, req.params.id, req.params.importId)
  })

  app.delete('/:id/imports/:importId', {
    config: { learnerToken: true },
    schema: { operationId: 'deleteImport', tags, summary: 'Remove an imported badge', params: ImportParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const { p, city } = await ctx(req)
    await services.imports.remove(p, city, req.params.id, req.params.importId)
    return reply.code(204).send(null)
  })

  app.put('/:id/imports/:importId/spine', {
    schema: {
      operationId: 'mapImport', tags, summary: "A city admin maps an imported badge to the city's spine (replaces what its alignments said)",
      params: ImportParams, body: ImportMapping, response: { 200: LearnerImport, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (req) => {
    const { p, city } = await ctx(req)
    return services.imports.setMapping(p, city, req.params.id, req.params.importId, req.body)
  })
}
