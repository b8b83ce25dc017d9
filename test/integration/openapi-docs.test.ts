// The OpenAPI document reads like documentation (issue #12 item 4): every operation has a summary, a description,
// an example of each request and response body, and its error answers as problem+json; shared schemas by $ref;
// plain enums; headers; servers and tags. The examples must be true: each validates against its own schema.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { missingDocs } from '../../src/openapi-docs/index.js'
import { createTestApp, type TestContext } from '../helpers/app.js'

type Json = Record<string, unknown>
interface Op { operationId?: string; summary?: string; description?: string; tags?: string[]; parameters?: Json[]; requestBody?: { content?: Record<string, Json> }; responses?: Record<string, Json>; [k: string]: unknown }

let t: TestContext
let spec: Json & { paths: Record<string, Record<string, Op>>; components: Json & { schemas: Record<string, Json>; responses: Record<string, Json> } }
const ops: Array<{ method: string; path: string; op: Op }> = []
beforeAll(async () => {
  t = await createTestApp()
  spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json()
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) ops.push({ method, path, op })
  }
})
afterAll(async () => { await t?.close() })

const walk = (node: unknown, visit: (n: Json, at: string) => void, at = ''): void => {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${at}/${i}`))
  else if (node !== null && typeof node === 'object') {
    visit(node as Json, at)
    for (const [k, v] of Object.entries(node as Json)) if (k !== 'example' && k !== 'examples') walk(v, visit, `${at}/${k}`)
  }
}

describe('OpenAPI as documentation', () => {
  it('every route schema compiles (they compile lazily at first use, so a broken one must fail here)', () => {
    // Ajv (requests) and fast-json-stringify (responses) for every route of the app, as Fastify would have at ready.
    expect(t.app.compileAllSchemas()).toBeGreaterThan(150)
    expect(t.app.compileAllSchemas(), 'nothing left to compile').toBe(0)
  })

  it('every operation has a summary, a description, request and response examples and its error answers', () => {
    expect(ops.length).toBeGreaterThan(100)
    const missing = ops.flatMap(({ op }) => missingDocs(op as never))
    // Fill these in src/openapi-docs/operations.ts (keyed by operationId), then `npm run openapi`.
    expect(missing, `operations missing documentation:\n${missing.join('\n')}`).toEqual([])
  })

  it('every error answer is application/problem+json with the Problem schema, and every operation has some', () => {
    const wrong: string[] = []
    for (const { method, path, op } of ops) {
      const errors = Object.entries(op.responses ?? {}).filter(([s]) => Number(s) >= 400)
      if (errors.length === 0) wrong.push(`${method} ${path}: no error answers`)
      for (const [status, r0] of errors) {
        const r = typeof r0.$ref === 'string' ? spec.components.responses[r0.$ref.split('/').pop()!]! : r0
        const content = r.content as Record<string, Json> | undefined
        if (!content || Object.keys(content).join() !== 'application/problem+json') wrong.push(`${method} ${path} ${status}: ${Object.keys(content ?? {}).join()}`)
        else if ((content['application/problem+json']!.schema as Json).$ref !== '#/components/schemas/Problem') wrong.push(`${method} ${path} ${status}: not the Problem schema`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('every example validates against its schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
    type AddFormats = (a: unknown) => unknown
    const addFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats)
    addFormats(ajv)
    ajv.addSchema({ $id: 'doc', components: spec.components }, 'doc')
    const fix = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/'))
    const bad: string[] = []
    let checked = 0
    const check = (where: string, media: Json): void => {
      if (media.example === undefined || media.schema === undefined) return
      const schema = media.schema as Json
      if (schema.type === 'string' && typeof media.example === 'string') return
      const validate = ajv.compile(fix(schema) as Json)
      checked++
      if (!validate(media.example)) bad.push(`${where}: ${ajv.errorsText(validate.errors)}`)
    }
    for (const { method, path, op } of ops) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) check(`${method} ${path} request ${type}`, media)
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        for (const [type, media] of Object.entries((r.content as Record<string, Json> | undefined) ?? {})) check(`${method} ${path} ${status} ${type}`, media)
      }
    }
    for (const [name, r] of Object.entries(spec.components.responses)) {
      for (const [type, media] of Object.entries((r.content as Record<string, Json>))) check(`responses/${name} ${type}`, media)
    }
    expect(checked).toBeGreaterThan(200)
    expect(bad, bad.join('\n')).toEqual([])
  })

  it('shares component schemas by $ref instead of inlined copies, with plain enums', () => {
    for (const name of ['Problem', 'Award', 'BadgeClass', 'Learner', 'Opportunity', 'Pathway', 'Organisation', 'WebhookSubscription', 'BulkJob', 'AwardList']) {
      expect(spec.components.schemas[name], name).toBeDefined()
    }
    const text = JSON.stringify(spec.paths)
    expect(text).toContain('"$ref":"#/components/schemas/Award"')
    expect(text).toContain('"$ref":"#/components/schemas/AwardList"')
    expect(text).toContain('"$ref":"#/components/parameters/Cursor"')
    // No inlined copy of a named schema: the award's own property set appears only in its component.
    const awardKeys = JSON.stringify(Object.keys((spec.components.schemas.Award!.properties as Json)))
    let copies = 0
    walk(spec.paths, (n) => { if (n.properties && JSON.stringify(Object.keys(n.properties as Json)) === awardKeys) copies++ })
    expect(copies).toBe(0)
    // Unions of one-value enums (TypeBox literals) are written as one plain enum.
    const literalUnions: string[] = []
    walk(spec, (n, at) => {
      if (Array.isArray(n.anyOf) && (n.anyOf as Json[]).length > 1 && (n.anyOf as Json[]).every((a) => Array.isArray(a.enum) && (a.enum as unknown[]).length === 1)) literalUnions.push(at)
    })
    expect(literalUnions).toEqual([])
  })

  it('documents media types, headers, tags and servers', () => {
    expect((spec.servers as Json[]).length).toBeGreaterThan(0)
    const tagNames = new Set((spec.tags as Array<{ name: string; description: string }>).map((x) => x.name))
    for (const { method, path, op } of ops) for (const tag of op.tags ?? []) expect(tagNames.has(tag), `${method} ${path} tag ${tag}`).toBe(true)
    const op = (id: string): Op => ops.find((o) => o.op.operationId === id)!.op
    const types = (id: string, status: string): string[] => Object.keys((op(id).responses![status]!.content as Json) ?? {})
    expect(types('getOb3Credential', '200')).toEqual(expect.arrayContaining(['application/ld+json', 'text/html']))
    expect(types('getOb2AssertionImage', '200')).toEqual(expect.arrayContaining(['image/png']))
    expect(types('listBulkJobErrors', '200')).toEqual(expect.arrayContaining(['application/json', 'text/csv']))
    expect(Object.keys(op('createBulkAwardJob').requestBody!.content!)).toEqual(expect.arrayContaining(['text/csv']))
    const headerNames = (r: Json): string[] => Object.keys((r.headers as Json) ?? {})
    const issue = op('issueAward')
    expect(issue.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' })
    expect(headerNames(issue.responses!['201']!)).toEqual(expect.arrayContaining(['Location', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Idempotent-Replayed']))
    const list = op('listAwards')
    expect(list.parameters).toContainEqual({ $ref: '#/components/parameters/IfNoneMatch' })
    expect(headerNames(list.responses!['200']!)).toEqual(expect.arrayContaining(['ETag', 'Link']))
    expect(list.responses!['304']).toBeDefined()
    expect(headerNames(spec.components.responses.RateLimited!)).toContain('Retry-After')
  })
})
