import { readFileSync, readdirSync, statSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { sql } from 'kysely'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROBLEM_TYPES, problemSlug } from '../../src/plugins/problem-types.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { classBody, expectOk, orgBody } from '../helpers/badges.js'

// Issue #14 items 5 and 6: inputs that answered 500, Fastify's and Node's own errors, and our problem vocabulary.
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let orgId: string
let port: number
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: orgBody() }), 201).id
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  port = (t.app.server.address() as net.AddressInfo).port
})
afterAll(async () => { await t?.close() })

const OUR_CODES = new Set(Object.keys(PROBLEM_TYPES))

/** A problem of our vocabulary: problem+json, our code, a type URI under PUBLIC_URL named after the code. */
function expectOurProblem (status: number, headers: Record<string, unknown>, text: string, wantStatus: number): Record<string, any> {
  expect(status, text).toBe(wantStatus)
  expect(String(headers['content-type'])).toMatch(/^application\/problem\+json/)
  const body = JSON.parse(text)
  expect(body.status).toBe(wantStatus)
  expect(OUR_CODES.has(body.code), `code ${body.code} is ours`).toBe(true)
  expect(body.type).toBe(`https://badges.test/problems/${problemSlug(body.code)}`)
  expect(text).not.toMatch(/FST_|"statusCode"|"error":/)
  return body
}
const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) => expectOurProblem(res.statusCode, res.headers, res.body, status)

/** Sends raw bytes over a real socket and parses the answer (for errors Node and Fastify meet before routing). */
async function rawRequest (request: string): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    let out = ''
    socket.on('data', (d: Buffer) => { out += d.toString('utf8') })
    socket.on('close', () => resolve(out))
    socket.on('error', reject)
    setTimeout(() => socket.destroy(), 5_000).unref()
  })
  const [head = '', ...rest] = text.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') }
}

describe('the five inputs that answered 500 (item 5)', () => {
  it('a malformed multipart body (bad or no boundary) on /v1/verify is a 400 problem', async () => {
    for (const type of ['multipart/form-data; boundary=zz', 'multipart/form-data']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/verify', headers: { 'content-type': type }, payload: '{"jwt":"x"}' })
      expect(expectProblem(res, 400).code).toBe('MALFORMED_MULTIPART')
    }
  })

  it('a malformed multipart body on POST badge-classes is a 400 problem', async () => {
    for (const type of ['multipart/form-data; boundary=zz', 'multipart/form-data']) {
      const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: { ...t.auth(city.cityAdminKey), 'content-type': type }, payload: '{"jwt":"x"}' })
      expect(expectProblem(res, 400).code).toBe('MALFORMED_MULTIPART')
    }
    // A truncated file part too.
    const truncated = '--b\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG'
    const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: { ...t.auth(city.cityAdminKey), 'content-type': 'multipart/form-data; boundary=b' }, payload: truncated })
    expect(res.statusCode).toBeLessThan(500)
    expectProblem(res, res.statusCode)
  })

  it('POST badge-classes with no body and no content type is a 400 problem', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: t.auth(city.cityAdminKey) })
    expect(expectProblem(res, 400).code).toBe('BODY_REQUIRED')
    const verify = await t.app.inject({ method: 'POST', url: '/v1/verify' })
    expectProblem(verify, 400)
  })

  it('a NUL byte in a path parameter or query value never reaches PostgreSQL', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/ob/v2/issuers/${orgId}/keys/%00` })
    expect(expectProblem(res, 400).code).toBe('BAD_URL')
    expectProblem(await t.app.inject({ method: 'GET', url: '/spine/demo%00/elements/x' }), 400)
    expectProblem(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/catalogue?q=a%00b`, headers: t.auth(city.cityAdminKey) }), 400)
    expectProblem(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/awards?cursor=%00`, headers: t.auth(city.cityAdminKey) }), 400)
  })

  it('an integer out of range in ?version= is a 400 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/spine/${city.slug}/elements/col.digital?version=2147483648` })
    const body = expectProblem(res, 400)
    expect(body.errors).toEqual([expect.objectContaining({ field: '/version' })])
    expect((await t.app.inject({ method: 'GET', url: `/spine/${city.slug}/elements/col.digital?version=99999` })).statusCode).toBe(404)
  })
})

describe('driver errors never leak (item 5)', () => {
  // A PostgreSQL restart ends sessions with 57P01 ("terminating connection due to administrator command") and
  // refuses new ones with 57P03 ("the database system is shutting down"). Triggers raise exactly those errors at
  // chosen statements, so every path that met them in a restart is tried deterministically.
  const raising = (fn: string, code: string, message: string) => sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
    begin raise exception using errcode = '${code}', message = '${message}'; end $$`)

  it('a failure while settling an Idempotency-Key, and while creating, answers our problem (or the result), never the raw error', async () => {
    const db = t.runtime.database.db
    await raising('cb_test_fail_settle', '57P01', 'terminating connection due to administrator command').execute(db)
    await sql`create trigger cb_test_fail_settle before update on idempotency_keys for each row when (new.state = 'done') execute function cb_test_fail_settle()`.execute(db)
    await raising('cb_test_fail_insert', '57P03', 'the database system is shutting down').execute(db)
    await sql`create trigger cb_test_fail_insert before insert on organisations for each row when (new.name = 'Shutting Down') execute function cb_test_fail_insert()`.execute(db)
    try {
      const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'settle-fails-1' }
      const created = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers, payload: orgBody('Settle Fails') })
      expect(created.statusCode, created.body).toBe(201)
      expect(created.body).not.toMatch(/57P0|terminating|shutting down/)

      const refused = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'idempotency-key': 'insert-fails-1' }, payload: orgBody('Shutting Down') })
      const body = expectProblem(refused, 503)
      expect(body.code).toBe('UNAVAILABLE')
      expect(refused.headers['retry-after']).toBeDefined()
      expect(refused.body).not.toMatch(/57P0|terminating|shutting down|database system/)
    } finally {
      await sql`drop trigger if exists cb_test_fail_settle on idempotency_keys`.execute(db)
      await sql`drop trigger if exists cb_test_fail_insert on organisations`.execute(db)
    }
    // The key whose creation failed is free again: the same request now succeeds.
    const retried = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'idempotency-key': 'insert-fails-1' }, payload: orgBody('Shutting Down') })
    expect(retried.statusCode).toBe(201)
  })
})

describe("Fastify's and Node's own errors are problems of our vocabulary (item 6)", () => {
  it('a path parameter over 200 characters is a 414 problem', async () => {
    const res = await rawRequest(`GET /v1/cities/${'a'.repeat(300)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
    expect(expectOurProblem(res.statusCode, res.headers, res.body, 414).code).toBe('URI_TOO_LONG')
  })

  it('bad percent-encoding is a 400 problem', async () => {
    for (const p of ['/v1/cities/%zz', '/ob/v2/assertions/%E0%A4%A']) {
      const res = await rawRequest(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
      expect(expectOurProblem(res.statusCode, res.headers, res.body, 400).code).toBe('BAD_URL')
    }
  })

  it('headers over the limit are a 431 problem; an unparsable request a 400 problem', async () => {
    const big = await rawRequest(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`)
    expect(expectOurProblem(big.statusCode, big.headers, big.body, 431).code).toBe('HEADERS_TOO_LARGE')
    const broken = await rawRequest('GET /health/live HTTP/1.1\r\nHost x\r\nbroken\r\n\r\n')
    expectOurProblem(broken.statusCode, broken.headers, broken.body, 400)
  })

  it('a non-JSON body on a JSON route is a 415, and Fastify codes never show', async () => {
    for (const type of ['text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'content-type': type }, payload: 'name=x' })
      expect(expectProblem(res, 415).code).toBe('UNSUPPORTED_MEDIA_TYPE')
    }
    const verify = await t.app.inject({ method: 'POST', url: '/v1/verify', headers: { 'content-type': 'text/plain' }, payload: 'https://example.org/a' })
    expectProblem(verify, 415)
    const cases: Array<[InjectOptions, number, string]> = [
      [{ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload: '{"name":' }, 400, 'MALFORMED_BODY'],
      [{ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload: '' }, 400, 'MALFORMED_BODY'],
      [{ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: { name: 1 } }, 400, 'INVALID_REQUEST'],
      [{ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload: JSON.stringify({ description: 'x'.repeat(1_100_000) }) }, 413, 'TOO_LARGE'],
    ]
    for (const [req, status, code] of cases) expect(expectProblem(await t.app.inject(req), status).code).toBe(code)
  })

  it('every problem type URI dereferences to a page that explains it (HTML for browsers, JSON otherwise)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nowhere' })
    const type = expectProblem(res, 404).type as string
    const pathOf = (u: string) => new URL(u).pathname
    const html = await t.app.inject({ method: 'GET', url: pathOf(type), headers: { accept: 'text/html' } })
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(html.body).toContain('NO_ROUTE')
    expect(html.body).toContain(PROBLEM_TYPES.NO_ROUTE!.explanation.slice(0, 30))
    for (const code of OUR_CODES) {
      const page = await t.app.inject({ method: 'GET', url: `/problems/${problemSlug(code)}` })
      expect(page.statusCode, code).toBe(200)
      expect(page.json()).toMatchObject({ code, status: PROBLEM_TYPES[code]!.status, type: `https://badges.test/problems/${problemSlug(code)}` })
    }
    expect((await t.app.inject({ method: 'GET', url: '/problems' })).json().items).toHaveLength(OUR_CODES.size)
    expectProblem(await t.app.inject({ method: 'GET', url: '/problems/fst-err-validation' }), 404)
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(spec.paths['/problems/{slug}'].get.operationId).toBe('getProblemType')
  })

  it('every problem code the source can emit is in the vocabulary (so it has a page)', () => {
    const root = path.resolve(import.meta.dirname, '../../src')
    const files: string[] = []
    const walk = (d: string): void => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p)
      }
    }
    walk(root)
    const found = new Set<string>()
    for (const f of files) {
      const text = readFileSync(f, 'utf8')
      const emits = /sendProblem|statusCode|DomainError|override readonly code/.test(text)
      if (!emits) continue
      for (const m of text.matchAll(/(?:\bcode: |override readonly code = )'([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]!)
    }
    expect(found.size).toBeGreaterThan(10)
    const missing = [...found].filter((c) => !OUR_CODES.has(c))
    expect(missing).toEqual([])
  })
})

describe('badge image upload (item 7)', () => {
  it('accepts the metadata part sent as application/json', async () => {
    const { image: _image, ...meta } = classBody(orgId)
    const png = Buffer.from(classBody(orgId).image.split(',')[1]!, 'base64')
    const boundary = 'cbtestjsonmeta'
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(meta)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n`), png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/badge-classes`, headers: { ...t.auth(city.cityAdminKey), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
    expect(expectOk(res, 201)).toMatchObject({ name: meta.name, status: 'draft' })
  })
})
