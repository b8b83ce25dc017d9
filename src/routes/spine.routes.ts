import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { CASE_MAX_BYTES, CASE_MAX_ITEMS, SpineFileTooLarge } from '../domain/spine/spine-case.js'
import { principalOf } from '../plugins/auth.js'
import type { Dimension, Level } from '../spine/index.js'
import { sendPage, sendCreated } from './reply.js'
import { LangParam, languageWanted, sayLanguage } from './languages.js'
import { CityParams, PageQuery, Problem, Slug, Text, Translatable, TranslationsSchema, pageOf } from './schemas.js'

// /v1/cities/{city}/spine: the layered elements, the grid, CASE import/export and coverage.

export const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', maxLength: 64, description: 'Stable: never renamed, never reused' })
// Spelt out (not mapped from src/spine) so that the type provider infers literal types.
const Layer = Type.Union([Type.Literal('core'), Type.Literal('cities-of-learning'), Type.Literal('city'), Type.Literal('strategic')])
export const LevelSchema = Type.Union([Type.Literal('engagement'), Type.Literal('participation'), Type.Literal('demonstration'), Type.Literal('leadership')])
export const DimensionSchema = Type.Union([Type.Literal('knowledge'), Type.Literal('skills'), Type.Literal('attitudes-values')])
const Kind = Type.Union([Type.Literal('domain'), Type.Literal('competency'), Type.Literal('knowledge'), Type.Literal('skill'), Type.Literal('disposition'), Type.Literal('framework-item')])
const Status = Type.Union([Type.Literal('active'), Type.Literal('retired')])
const Mapping = Type.Object({
  framework: Text(500),
  url: Type.Optional(Type.String({ minLength: 8, maxLength: 2048 })),
  code: Text(500),
}, { additionalProperties: false })

/** Problem details whose field errors carry the spine problem code (`cycle`, `in_use`, `broken_reference`, ...). */
const SpineProblem = Type.Object({
  ...Problem.properties,
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), code: Type.Optional(Type.String()) }))),
}, { additionalProperties: true, description: 'RFC 9457 problem details' })
export const spineProblems = (...codes: number[]): Record<number, typeof SpineProblem> => Object.fromEntries(codes.map((c) => [c, SpineProblem]))

const elementFields = {
  code: Code,
  layer: Layer,
  parentCode: Type.Optional(Code),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  mappings: Type.Optional(Type.Array(Type.Object({ framework: Type.String(), url: Type.Optional(Type.String()), code: Type.String() }))),
  status: Status,
  version: Type.Integer(),
  url: Type.String({ description: 'Public page of the element (the alignment targetUrl)' }),
  translations: Type.Optional(TranslationsSchema),
}
export const Element = Type.Object(elementFields)
const ElementDetail = Type.Object({ ...elementFields, usedBy: Type.Integer({ description: 'Badge classes aligned to it' }), children: Type.Array(Type.String()) })
const Cell = Type.Object({ level: LevelSchema, dimension: DimensionSchema, descriptors: Type.Record(Type.String(), Type.String()), url: Type.String() })
const Overview = Type.Object({
  title: Type.String(),
  url: Type.String(),
  layers: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), elements: Type.Integer(), active: Type.Integer() })),
  levels: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  dimensions: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  elements: Type.Array(Element),
  grid: Type.Array(Cell),
  updatedAt: Type.String({ format: 'date-time' }),
})

const NewElement = Type.Object({
  code: Code,
  layer: Layer,
  parentCode: Type.Optional(Code),
  title: Translatable(300),
  description: Type.Optional(Translatable(10_000)),
  kind: Type.Optional(Kind),
  mappings: Type.Optional(Type.Array(Mapping, { maxItems: 50 })),
}, { additionalProperties: false })
const ElementPatch = Type.Object({
  title: Type.Optional(Translatable(300)),
  description: Type.Optional(Type.Union([Type.Null(), Translatable(10_000)])),
  kind: Type.Optional(Type.Union([Type.Null(), Kind])),
  // One schema with two types, not anyOf: Ajv's type coercion would rewrite the value inside a failing branch.
  mappings: Type.Optional(Type.Unsafe<Static<typeof Mapping>[] | null>({ type: ['array', 'null'], items: Mapping, maxItems: 50 } as never)),
  parentCode: Type.Optional(Type.Union([Type.Null(), Code])),
}, { additionalProperties: false, minProperties: 1 })
const ElementQuery = Type.Object({
  ...PageQuery.properties,
  layer: Type.Optional(Layer),
  status: Type.Optional(Status),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Text in the code, title or description' })),
  parent: Type.Optional(Code),
}, { additionalProperties: false })
const ElementParams = Type.Object({ city: Slug, code: Code })
const CellParams = Type.Object({ city: Slug, level: LevelSchema, dimension: DimensionSchema })
const Descriptors = Type.Object({
  descriptors: Type.Record(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$' }), Text(500), { minProperties: 1, maxProperties: 50, additionalProperties: false }),
}, { additionalProperties: false })

const CoverageCell = Type.Object({ level: LevelSchema, dimension: DimensionSchema, elementCode: Type.String(), count: Type.Integer() })
const Coverage = Type.Object({
  badgeClasses: Type.Integer(),
  elements: Type.Integer(),
  totals: Type.Array(Type.Object({ level: LevelSchema, dimension: DimensionSchema, count: Type.Integer() })),
  cells: Type.Array(CoverageCell),
  emptyCells: Type.Integer(),
})
const ImportResult = Type.Object({
  layer: Type.String(), mode: Type.String(), items: Type.Integer(),
  created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), retired: Type.Integer(), deleted: Type.Integer(),
  shared: Type.Integer({ description: 'Items of the shared layers (core, Cities of Learning) in a file exported by CityBadges: matched by code and left as this city has them' }),
})

export interface SpineRouteOptions { services: Services; caseMaxBytes?: number; caseMaxItems?: number }

export const spineRoutes: FastifyPluginAsyncTypebox<SpineRouteOptions> = async (app, opts) => {
  const { services } = opts
  const spine = services.spine
  const city = (req: FastifyRequest & { params: { city: string } }) => services.cities.resolve(principalOf(req), req.params.city)
  const tags = ['Spine']

  app.get('/', {
    schema: { operationId: 'getSpine', tags, summary: 'The spine: layers, elements and the grid of levels x dimensions', params: CityParams, response: { 200: Overview, ...spineProblems(400, 401, 404) } },
  }, async (req) => spine.overview(await city(req)))

  app.patch('/', {
    schema: { operationId: 'updateSpine', tags, summary: 'Rename the spine (the targetFramework of alignments); null restores the default', params: CityParams, body: Type.Object({ title: Type.Union([Type.Null(), Text(300)]) }, { additionalProperties: false }), response: { 200: Overview, ...spineProblems(400, 401, 403, 404) } },
  }, async (req) => spine.rename(principalOf(req), await city(req), req.body.title))

  app.get('/elements', {
    schema: { operationId: 'listSpineElements', tags, summary: 'Elements in spine order, filtered by layer, status, text or parent', params: CityParams, querystring: ElementQuery, response: { 200: pageOf(Element), ...spineProblems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await spine.listElements(await city(req), req.query)))

  app.post('/elements', {
    schema: { operationId: 'createSpineElement', tags, summary: 'Add an element (codes are never reused)', params: CityParams, body: NewElement, response: { 201: ElementDetail, ...spineProblems(400, 401, 403, 404, 409, 422) } },
  }, async (req, reply) => {
    const element = await spine.createElement(principalOf(req), await city(req), req.body)
    return sendCreated(req, reply, element, element.code)
  })

  app.get('/elements/:code', {
    schema: { operationId: 'getSpineElement', tags, params: ElementParams, response: { 200: ElementDetail, ...spineProblems(400, 401, 404) } },
  }, async (req) => spine.getElement(await city(req), req.params.code))

  app.patch('/elements/:code', {
    schema: { operationId: 'updateSpineElement', tags, summary: 'Edit an element; editing one in use bumps its version. null clears a field', params: ElementParams, body: ElementPatch, response: { 200: ElementDetail, ...spineProblems(400, 401, 403, 404, 409, 422) } },
  }, async (req) => spine.updateElement(principalOf(req), await city(req), req.params.code, req.body))

  app.post('/elements/:code/retire', {
    schema: { operationId: 'retireSpineElement', tags, summary: 'Retire an element (idempotent); it keeps resolving. `cascade` retires its active subtree too', params: ElementParams, querystring: Type.Object({ cascade: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: ElementDetail, ...spineProblems(400, 401, 403, 404, 409) } },
    config: { idempotent: false },
  }, async (req) => spine.retireElement(principalOf(req), await city(req), req.params.code, req.query.cascade === true))

  app.delete('/elements/:code', {
    schema: { operationId: 'deleteSpineElement', tags, summary: 'Delete an element no badge class uses and that has no children (409 otherwise: retire it)', params: ElementParams, response: { 204: Type.Null(), ...spineProblems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    await spine.deleteElement(principalOf(req), await city(req), req.params.code)
    return reply.code(204).send(null)
  })

  app.get('/grid/:level/:dimension', {
    schema: { operationId: 'getGridCell', tags, params: CellParams, response: { 200: Cell, ...spineProblems(400, 401, 404) } },
  }, async (req) => spine.getCell(await city(req), req.params.level as Level, req.params.dimension as Dimension))

  app.put('/grid/:level/:dimension', {
    schema: { operationId: 'putGridCell', tags, summary: 'Reword a cell: its descriptors in every language at once', params: CellParams, body: Descriptors, response: { 200: Cell, ...spineProblems(400, 401, 403, 404, 422) } },
  }, async (req) => spine.putCell(principalOf(req), await city(req), req.params.level as Level, req.params.dimension as Dimension, req.body.descriptors))

  app.get('/coverage', {
    schema: { operationId: 'getSpineCoverage', tags, summary: 'Approved badge classes per level x dimension x element: where no badge exists yet', params: CityParams, querystring: Type.Object({ layer: Type.Optional(Layer), descendants: Type.Optional(Type.Boolean({ description: 'A badge counts for the ancestors of its elements too' })), onlyEmpty: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Coverage, ...spineProblems(400, 401, 404) } },
  }, async (req) => spine.coverage(await city(req), req.query))

  app.get('/case', {
    schema: { operationId: 'exportSpineCase', tags, summary: 'Export the spine (or one layer) as 1EdTech CASE 1.1 JSON (a CFPackage), its statements in the language of `?lang=` or `Accept-Language` (every language rides in each item\'s extension)', params: CityParams, querystring: Type.Object({ layer: Type.Optional(Layer), lang: LangParam }, { additionalProperties: false }), response: { 200: Type.Unknown({ description: 'CASE 1.1 CFPackage' }), ...spineProblems(400, 401, 404) } },
  }, async (req, reply) => {
    const pkg = await spine.exportSpine(await city(req), req.query.layer, languageWanted(req))
    sayLanguage(reply, pkg.CFDocument.language)
    return reply.type('application/json').send(JSON.stringify(pkg))
  })

  // The import reads raw bytes so that it can refuse invalid UTF-8 instead of letting it decode to U+FFFD.
  const maxBytes = opts.caseMaxBytes ?? CASE_MAX_BYTES
  const maxItems = opts.caseMaxItems ?? CASE_MAX_ITEMS
  await app.register(async (plugin) => {
    const raw = plugin.withTypeProvider<TypeBoxTypeProvider>()
    raw.removeContentTypeParser(['application/json'])
    raw.addContentTypeParser(['application/json', 'application/ld+json'], { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body))
    raw.post('/case', {
      bodyLimit: maxBytes,
      schema: {
        operationId: 'importSpineCase',
        tags,
        summary: `Import a CASE 1.1 CFPackage (JSON, at most ${maxBytes} bytes and ${maxItems} items) into a layer, atomically`,
        description: '`layer` (default strategic) receives the framework; `preserve` restores a spine exported by us, every layer as exported. ' +
          'In a file exported by CityBadges (e.g. another city\'s spine) the shared layers (core, Cities of Learning) match this city\'s by code and are left as they are; only city and strategic items are written, and re-importing the same file changes nothing. ' +
          '`mode=replace` (default) makes the layer equal to the file: missing elements are deleted, or retired when badge classes use them. `mode=merge` only adds and updates.',
        params: CityParams,
        querystring: Type.Object({
          layer: Type.Optional(Type.Union([Layer, Type.Literal('preserve')], { default: 'strategic' })),
          mode: Type.Optional(Type.Union([Type.Literal('replace'), Type.Literal('merge')], { default: 'replace' })),
          prefix: Type.Optional(Code),
        }, { additionalProperties: false }),
        response: { 200: ImportResult, ...spineProblems(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    }, async (req) => {
      const body = req.body
      if (!Buffer.isBuffer(body)) throw Object.assign(new Error('send the CASE package as application/json'), { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
      try {
        return await spine.importSpine(principalOf(req), await city(req), body, {
          layer: req.query.layer ?? 'strategic', mode: req.query.mode ?? 'replace', prefix: req.query.prefix, maxBytes, maxItems,
        })
      } catch (err) {
        if (err instanceof SpineFileTooLarge) throw Object.assign(new Error(err.message), { statusCode: 413, code: 'TOO_LARGE' })
        throw err
      }
    })
  })
}
