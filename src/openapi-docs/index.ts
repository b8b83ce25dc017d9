// The OpenAPI document as documentation: the route schemas give the shapes, this module gives the words.
// It runs as @fastify/swagger's `transformObject` over the generated document, so the route files stay as they are:
// shared component schemas by `$ref`, plain enums, problem+json errors, documented headers, media types, examples,
// tags and servers. The words per operation (summary, description, examples) live in ./operations.ts, keyed by
// operationId; test/integration/openapi-docs.test.ts fails for any operation that has none.
import { Award } from '../routes/awards.routes.js'
import { Alignment, BadgeClass, BadgeClassPatch, Expiry, NewBadgeClass, NewBadgeClassMetadata, SpineSelection } from '../routes/badge-classes.routes.js'
import { LearnerImport } from '../routes/learner-imports.routes.js'
import { Branding, City } from '../routes/cities.routes.js'
import { BackpackItem, Collection, Learner, Share } from '../routes/learners.schemas.js'
import { BulkJob } from '../routes/jobs.routes.js'
import { Opportunity } from '../routes/opportunities.routes.js'
import { Pathway } from '../routes/pathways.routes.js'
import { WebhookSubscription } from '../routes/webhooks.routes.js'
import { Organisation } from '../routes/organisations.routes.js'
import { PageQuery, Problem, Slug, Translatable, TranslationsSchema } from '../routes/schemas.js'
import { Element } from '../routes/spine.routes.js'
import { PROBLEM_TYPES } from '../plugins/problem-types.js'
import { exampleOf } from './examples.js'
import { GUIDE, TAGS } from './guide.js'
import { OPERATIONS, type OperationDoc } from './operations.js'

type Json = Record<string, unknown>
const HTML_EXAMPLE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CityBadges</title></head><body><main>…</main></body></html>'
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const

/** Schemas every client shares, by name. Their inlined copies in the generated document become `$ref`s. */
const NAMED: Record<string, unknown> = {
  Problem, Award, BadgeClass, Learner, Opportunity, Organisation, City, Branding, SpineElement: Element,
  BackpackItem, Collection, Share, Pathway, WebhookSubscription, BulkJob,
  NewBadgeClass, NewBadgeClassMetadata, BadgeClassPatch, Alignment, SpineSelection, Expiry, LearnerImport,
  Translations: TranslationsSchema,
  // The translatable texts (a string, or a map by language tag) of each length in use.
  TranslatableText200: Translatable(200), TranslatableText300: Translatable(300), TranslatableText10000: Translatable(10_000),
  TranslatableOptionalText5000: Translatable(5000, 0), TranslatableOptionalText10000: Translatable(10_000, 0),
}

export const JSON_TYPES = new Set(['application/json', 'application/ld+json', 'application/problem+json', 'application/jwk+json', 'application/jwk-set+json'])
const isJsonType = (t: string): boolean => JSON_TYPES.has(t) || t.endsWith('+json')
const isBinaryType = (t: string): boolean => /^(image\/(png|jpeg|gif|webp|svg\+xml)|application\/(zip|octet-stream))$/.test(t)

/** The route facts the generated document loses, carried as `x-` keys from swagger's per-route transform. */
export function routeFacts (method: string | string[], config: { rateLimit?: unknown; idempotent?: boolean } | undefined): Json {
  const methods = Array.isArray(method) ? method : [method]
  return {
    'x-rate-limited': config?.rateLimit !== false,
    'x-idempotent': methods.includes('POST') && config?.idempotent !== false,
  }
}

const canon = (v: unknown): string => JSON.stringify(v, (_k, val: unknown) =>
  val !== null && typeof val === 'object' && !Array.isArray(val)
    ? Object.fromEntries(Object.entries(val as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : val)
const plain = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json

/** `anyOf: [{type: string, enum: [a]}, {type: string, enum: [b]}]` (TypeBox unions of literals) → `enum: [a, b]`. */
function plainEnums (node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plainEnums)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node as Json)) out[k] = plainEnums(v)
  const alts = out.anyOf
  if (Array.isArray(alts) && alts.length > 0) {
    const values: unknown[] = []
    const ok = alts.every((a: Json) => {
      const keys = Object.keys(a).filter((k) => k !== 'type')
      if (a.type !== 'string' && a.type !== 'integer' && a.type !== 'number') return false
      if (keys.length === 1 && keys[0] === 'enum' && Array.isArray(a.enum)) { values.push(...(a.enum as unknown[])); return true }
      return false
    })
    const types = new Set(alts.map((a: Json) => a.type))
    if (ok && types.size === 1) {
      delete out.anyOf
      return { type: [...types][0], enum: values, ...out }
    }
  }
  return out
}

/** TypeBox's `const: x` as swagger writes it: `enum: [x]`. */
function constToEnum (node: unknown): unknown {
  if (Array.isArray(node)) return node.map(constToEnum)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'const' && (node as Json).enum === undefined) out.enum = [v]
    else out[k] = k === 'example' || k === 'examples' || k === 'default' ? v : constToEnum(v)
  }
  return out
}

/** Replace every inlined copy of a named schema with a `$ref`; `skipRoot` keeps a component's own body. */
function hoist (node: unknown, byCanon: Map<string, string>, skipRoot = false): unknown {
  if (Array.isArray(node)) return node.map((n) => hoist(n, byCanon))
  if (node === null || typeof node !== 'object') return node
  if (!skipRoot) {
    const { $id: _id, title: _title, ...rest } = node as Json
    const name = byCanon.get(canon(rest))
    if (name) return { $ref: `#/components/schemas/${name}` }
  }
  const out: Json = {}
  for (const [k, v] of Object.entries(node as Json)) out[k] = k === 'example' || k === 'examples' ? v : hoist(v, byCanon)
  return out
}

/** `{ items: [X], nextCursor }` pages of a named schema become `XPage` components. */
function hoistPages (node: unknown, components: Json, skipRoot = false): unknown {
  if (Array.isArray(node)) return node.map((n) => hoistPages(n, components))
  if (node === null || typeof node !== 'object') return node
  const n = node as Json
  const props = n.properties as Json | undefined
  const items = props?.items as Json | undefined
  const ref = (items?.items as Json | undefined)?.$ref
  if (!skipRoot && props && Object.keys(props).length === 2 && props.nextCursor && items?.type === 'array' && typeof ref === 'string') {
    const name = `${ref.split('/').pop()}List`
    components[name] ??= {
      ...n, description: `A page of ${ref.split('/').pop()}s: follow \`nextCursor\` (or the \`Link: rel="next"\` header) for the next one; null on the last page.`,
    }
    return { $ref: `#/components/schemas/${name}` }
  }
  const out: Json = {}
  for (const [k, v] of Object.entries(n)) out[k] = hoistPages(v, components)
  return out
}

const HEADERS: Record<string, Json> = {
  'RateLimit-Limit': { description: 'IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the three-field form): requests allowed in the current window (one minute), for this API key or, without one, this address.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
  'Retry-After': { description: 'Seconds to wait before retrying (RFC 9110).', schema: { type: 'integer' } },
  ETag: { description: 'A strong validator of the representation; send it back as `If-None-Match` to get 304 Not Modified when nothing changed.', schema: { type: 'string' }, example: '"k2dH8r6Qm1xYv0bN3pWq"' },
  Link: { description: 'RFC 8288 link to the next page, `<…?cursor=…>; rel="next"`; absent on the last page.', schema: { type: 'string' }, example: '</v1/cities/leeds/awards?limit=25&cursor=eyJrIjoiMjAyNi0xMS0zMFQwOTowMDowMFoifQ>; rel="next"' },
  Location: { description: 'The URL of the created resource (or of the accepted job).', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this answer is the stored answer of an earlier request with the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
  'X-Request-Id': { description: 'The request id (yours when you sent a valid `X-Request-Id`); problems carry it as `requestId`, and our logs by it.', schema: { type: 'string' } },
}
const H = (name: string): Json => ({ $ref: `#/components/headers/${name}` })

const PARAMETERS: Record<string, Json> = {
  Limit: { name: 'limit', in: 'query', required: false, description: 'Items per page (1 to 100).', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
  Cursor: { name: 'cursor', in: 'query', required: false, description: 'The `nextCursor` of the previous page (opaque).', schema: { type: 'string', maxLength: 512 } },
  City: { name: 'city', in: 'path', required: true, description: 'The city\'s slug, e.g. `leeds`.', schema: { ...plain(Slug), example: 'leeds' } },
  IdempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false,
    description: 'Makes a POST safe to retry (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII characters, unique per request of your key. A retry with the same key and body answers the stored result (with `Idempotent-Replayed: true`); the same key with another body answers 422; while the first is still running, 409 with `Retry-After`. Keys are kept 24 hours.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' }, example: '6c1f2a4e-award-leeds-0001',
  },
  IfNoneMatch: { name: 'If-None-Match', in: 'header', required: false, description: 'An `ETag` from an earlier answer: 304 Not Modified, with no body, when the representation is unchanged.', schema: { type: 'string' } },
}
const P = (name: string): Json => ({ $ref: `#/components/parameters/${name}` })

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed or a parameter, query or body field breaks the schema (`errors` lists each field).',
  401: 'No API key, or one that is unknown or revoked.',
  403: 'The key\'s role may not do this (for example a reader writing).',
  404: 'No such resource here, or one your key may not see (another city\'s resources are 404, never 403).',
  406: 'The `Accept` header admits no media type this operation answers.',
  409: 'The request conflicts with the resource\'s current state.',
  410: 'The resource existed and is gone for good.',
  413: 'The body exceeds its documented limit.',
  415: 'The body\'s `Content-Type` is not one this operation accepts.',
  422: 'The body is well formed but breaks a rule (`errors` names the fields).',
  429: 'Rate limited: retry after `Retry-After` seconds.',
  500: 'An unexpected error, logged under the answer\'s `requestId`.',
  503: 'A dependency is unavailable for a moment: retry after `Retry-After` seconds (with the same `Idempotency-Key`).',
}

const CODE_OF: Record<number, string> = Object.fromEntries(
  Object.entries(PROBLEM_TYPES).reverse().map(([code, t]) => [t.status, code]))
CODE_OF[400] = 'INVALID_REQUEST'
CODE_OF[404] = 'NOT_FOUND'
CODE_OF[409] = 'CONFLICT'

function problemExample (status: number, path: string): Json {
  const code = CODE_OF[status] ?? 'BAD_REQUEST'
  const t = PROBLEM_TYPES[code]
  const slug = code.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const example: Json = {
    type: `https://citybadges.example/problems/${slug}`, title: t?.title ?? 'Problem', status,
    detail: ERROR_TEXT[status]?.replace(/ \(.*\)\.?$/, '') ?? t?.title, instance: path.replace(/\{city\}/g, 'leeds').replace(/\{[^}]+\}/g, '3f6c2a9e-8d41-4b6a-9c1e-5a7b2d4e6f80'),
    code, requestId: '5b1e2c3d-1a',
  }
  if (status === 400 || status === 422) example.errors = [{ field: '/badgeClassId', message: status === 400 ? 'must match format "uuid"' : 'no approved badge class with this id in this city' }]
  return example
}

/** The error answers every operation shares, as `components.responses`. */
const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'NotFound', 406: 'NotAcceptable', 409: 'Conflict', 410: 'Gone',
  413: 'ContentTooLarge', 415: 'UnsupportedMediaType', 422: 'UnprocessableContent', 429: 'RateLimited', 500: 'InternalError', 503: 'Unavailable',
}

function errorResponse (code: number, description: string, path: string): Json {
  const headers: Json = { 'X-Request-Id': H('X-Request-Id') }
  if (code === 429 || code === 503 || code === 409) headers['Retry-After'] = H('Retry-After')
  return { description, headers, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: problemExample(code, path) } } }
}

const SUCCESS_TEXT: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted: the work runs in the background', 204: 'Done; no body', 304: 'Not Modified: the `If-None-Match` ETag still matches' }

interface Operation {
  operationId?: string; summary?: string; description?: string; tags?: string[]
  parameters?: Json[]; requestBody?: { content?: Record<string, Json>; required?: boolean; description?: string }
  responses?: Record<string, Json>; security?: unknown[]; [x: string]: unknown
}

/** Apply the documentation to a generated OpenAPI 3.1 document (swagger's `transformObject`). */
export function applyDocs ({ openapiObject }: { openapiObject: Partial<Json> }): Json {
  const doc = openapiObject as Json & { paths: Record<string, Record<string, Operation>>; components: Json & { schemas?: Json } }
  doc.info = { ...(doc.info as Json), description: GUIDE }
  doc.servers = [{ url: '/', description: 'This service (the origin this document is served from); production hosts serve it under their PUBLIC_URL.' }]
  doc.tags = TAGS
  doc.externalDocs = { description: 'Problem types (the `type` of every error)', url: '/problems' }

  // Shared schemas: the named ones by value, everything else as generated. Both sides are normalised first (swagger
  // writes TypeBox's `const` as a one-value `enum`; unions of literals become plain enums).
  const norm = (x: unknown): Json => plainEnums(constToEnum(x)) as Json
  const bare = (x: Json): Json => { const { $id: _id, title: _title, ...rest } = x; return rest }
  const schemas: Json = {}
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) schemas[name] = bare(norm(schema))
  for (const [name, schema] of Object.entries(NAMED)) schemas[name] = bare(norm(plain(schema)))
  const byCanon = new Map<string, string>()
  for (const [name, schema] of Object.entries(schemas)) byCanon.set(canon(schema), name)
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = hoist(schema, byCanon, true)
  let paths = hoist(norm(doc.paths), byCanon) as typeof doc.paths
  paths = hoistPages(paths, schemas) as typeof doc.paths
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = hoistPages(schema, schemas, true)
  doc.paths = paths
  doc.components = {
    ...doc.components,
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    parameters: PARAMETERS,
    headers: HEADERS,
    responses: Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([code, name]) => [name, errorResponse(Number(code), ERROR_TEXT[Number(code)] ?? 'A problem', '/v1/cities/{city}/awards/{id}')])),
  }

  const pageQuery = plain(PageQuery) as { properties: Record<string, unknown> }
  const limitCanon = canon(plainEnums(pageQuery.properties.limit))
  const cursorCanon = canon(plainEnums(pageQuery.properties.cursor))
  const cityCanon = canon(plainEnums(plain(Slug)))

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      documentOperation(op, method, path, { limitCanon, cursorCanon, cityCanon }, schemas)
    }
  }
  return doc
}

function documentOperation (op: Operation, method: string, path: string, c: { limitCanon: string; cursorCanon: string; cityCanon: string }, schemas: Json): void {
  const docs: OperationDoc | undefined = op.operationId ? OPERATIONS[op.operationId] : undefined
  const rateLimited = op['x-rate-limited'] !== false
  const idempotent = op['x-idempotent'] === true
  delete op['x-rate-limited']
  delete op['x-idempotent']
  if (docs?.summary) op.summary = docs.summary
  if (docs?.description) op.description = docs.description
  const resolve = (ref: string): Json | undefined => schemas[ref.replace('#/components/schemas/', '')] as Json | undefined

  // Parameters: pagination and the city by reference; the documented request headers.
  let paginated = false
  const params: Json[] = []
  for (const p of op.parameters ?? []) {
    const s = canon(p.schema)
    if (p.in === 'query' && p.name === 'limit' && s === c.limitCanon) params.push(P('Limit'))
    else if (p.in === 'query' && p.name === 'cursor' && s === c.cursorCanon) { params.push(P('Cursor')); paginated = true } else if (p.in === 'path' && p.name === 'city' && s === c.cityCanon) params.push(P('City'))
    else params.push(p)
  }
  if (idempotent) params.push(P('IdempotencyKey'))
  if (method === 'get') params.push(P('IfNoneMatch'))
  if (params.length > 0) op.parameters = params

  // The request body: its real media types and an example of each. Bodies read by a content-type parser of the
  // route (CSV, CASE JSON) have no schema in the route: the documentation gives them.
  if (!op.requestBody && docs?.request && method !== 'get') {
    op.requestBody = { required: true, content: Object.fromEntries(Object.keys(docs.request).map((t) => [t, { schema: isJsonType(t) ? { type: 'object' } : { type: 'string' } }])) }
  }
  if (op.requestBody?.content) {
    const content = op.requestBody.content
    if (docs?.requestTypes) {
      const schema = Object.values(content)[0]?.schema
      for (const t of Object.keys(content)) if (!docs.requestTypes.includes(t)) delete content[t]
      for (const t of docs.requestTypes) content[t] ??= { schema: isJsonType(t) ? schema : { type: 'string' } }
    }
    for (const [type, media] of Object.entries(content)) {
      const given = docs?.request?.[type]
      // Written by hand (never synthesised): the documentation test then catches a new body nobody described.
      if (given !== undefined) media.example = given
    }
  }

  // Responses: words, media types, examples, headers; every error as problem+json.
  const responses: Record<string, Json> = { ...(op.responses ?? {}) }
  const secured = Array.isArray(op.security) && op.security.length > 0
  const hasInput = (op.parameters ?? []).length > 0 || op.requestBody !== undefined
  const standard = [
    ...(hasInput ? [400] : []), ...(secured ? [401, 406] : []), ...(/\{[^}]+\}/.test(path) ? [404] : []),
    ...(op.requestBody ? [415] : []), ...(rateLimited ? [429] : []), ...(docs?.errors ?? []),
  ]
  for (const status of standard) responses[String(status)] ??= {}
  if (method === 'get') responses['304'] ??= { description: SUCCESS_TEXT[304] }
  const rateHeaders = rateLimited ? { 'RateLimit-Limit': H('RateLimit-Limit'), 'RateLimit-Remaining': H('RateLimit-Remaining'), 'RateLimit-Reset': H('RateLimit-Reset') } : {}

  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status)
    const headers: Json = { 'X-Request-Id': H('X-Request-Id'), ...rateHeaders }
    if (code >= 400) {
      // The shared error answers by reference; an operation's own wording of one inline.
      const own = docs?.errorText?.[code]
      responses[status] = own === undefined && ERROR_RESPONSES[code]
        ? { $ref: `#/components/responses/${ERROR_RESPONSES[code]}` }
        : errorResponse(code, own ?? ERROR_TEXT[code] ?? (response.description as string) ?? 'A problem', path)
      continue
    }
    if (code === 304 || code === 204) {
      responses[status] = { description: docs?.responseText?.[code] ?? SUCCESS_TEXT[code], headers: code === 304 ? { ETag: H('ETag'), ...headers } : headers }
      continue
    }
    if (method === 'get' && code === 200) headers.ETag = H('ETag')
    if (paginated && code === 200) headers.Link = H('Link')
    if ((code === 201 && docs?.location !== false) || (code === 202 && docs?.location === true)) headers.Location = H('Location')
    if (idempotent && code < 300) headers['Idempotent-Replayed'] = H('Idempotent-Replayed')
    const content = { ...((response.content as Record<string, Json> | undefined) ?? {}) }
    const schema = Object.values(content)[0]?.schema ?? (docs?.responseSchema ? docs.responseSchema : undefined)
    const types = docs?.media?.[code] ?? docs?.media?.[0] ?? (Object.keys(content).length > 0 ? Object.keys(content) : ['application/json'])
    const out: Record<string, Json> = {}
    for (const type of types) {
      // A route that answers HTML to browsers declares a string schema; its JSON form is an object.
      const jsonSchema = (schema as Json | undefined)?.type === 'string' ? (docs?.responseSchema ?? { type: 'object' }) : (schema ?? {})
      const media: Json = { schema: isJsonType(type) ? jsonSchema : isBinaryType(type) ? { type: 'string', format: 'binary' } : { type: 'string' } }
      const given = docs?.response?.[code]?.[type] ?? docs?.response?.[code]?.['*']
      if (given !== undefined && !isBinaryType(type)) media.example = given
      else if (isJsonType(type) && Object.keys(jsonSchema).some((k) => k !== 'description')) media.example = exampleOf(jsonSchema, resolve)
      else if (type === 'text/html') media.example = HTML_EXAMPLE
      out[type] = media
    }
    responses[status] = {
      description: docs?.responseText?.[code] ?? (response.description !== 'Default Response' ? response.description : undefined) ?? SUCCESS_TEXT[status] ?? 'OK',
      headers,
      content: out,
    }
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)))
}

/** For the documentation test: what is missing from an operation's words and examples. */
export function missingDocs (op: Operation): string[] {
  const missing: string[] = []
  const id = op.operationId ?? '(no operationId)'
  if (!op.summary) missing.push('summary')
  if (!op.description) missing.push('description (add it to src/openapi-docs/operations.ts)')
  for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
    if (media.example === undefined) missing.push(`request example (${type})`)
  }
  const responses = Object.entries(op.responses ?? {})
  for (const [status, r] of responses) {
    for (const [type, media] of Object.entries((r.content as Record<string, Json> | undefined) ?? {})) {
      if (media.example === undefined && !isBinaryType(type)) missing.push(`response example (${status} ${type})`)
    }
  }
  if (!responses.some(([s]) => Number(s) >= 400)) missing.push('error responses')
  return missing.map((m) => `${id}: ${m}`)
}
