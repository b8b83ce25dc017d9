import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'

let t: TestContext
let city: { slug: string; cityAdminKey: string }
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
})
afterAll(async () => { await t?.close() })

const orgUrl = () => `/v1/cities/${city.slug}/organisations`
const org = { name: 'Robert’); DROP TABLE organisations;--', url: 'https://x.example.org', email: 'a@x.example.org' }

function expectProblem (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number): any {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json()
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), requestId: expect.any(String) })
  return body
}

describe('bad input never reaches a 5xx', () => {
  it('malformed JSON is a 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload: '{"name": "x",' })
    expectProblem(res, 400)
  })

  it('a wrong content type is a 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: { ...t.auth(city.cityAdminKey), 'content-type': 'text/csv' }, payload: 'a,b' })
    expectProblem(res, 415)
  })

  it('an oversized body is a 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload: JSON.stringify({ ...org, description: 'x'.repeat(1_100_000) }) })
    expectProblem(res, 413)
  })

  it('unknown fields are rejected with the failing field named', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: t.auth(city.cityAdminKey), payload: { ...org, isAdmin: true } })
    const body = expectProblem(res, 400)
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '/isAdmin' })]))
  })

  it('missing and mistyped fields are listed together', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: t.auth(city.cityAdminKey), payload: { name: { first: 'x' } } })
    const body = expectProblem(res, 400)
    const fields = body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['/url', '/email', '/name']))
  })

  it('invalid ids are a 400, unknown ones a 404', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: `${orgUrl()}/not-a-uuid`, headers: t.auth(city.cityAdminKey) }), 400)
    expectProblem(await t.app.inject({ method: 'GET', url: `${orgUrl()}/00000000-0000-4000-8000-000000000000`, headers: t.auth(city.cityAdminKey) }), 404)
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/cities/NOT_A_SLUG', headers: t.auth() }), 400)
  })

  it('__proto__ and constructor keys are refused', async () => {
    for (const payload of ['{"name":"x","url":"https://x.example","email":"a@b.co","__proto__":{"polluted":true}}', '{"name":"x","url":"https://x.example","email":"a@b.co","constructor":{"prototype":{"polluted":true}}}']) {
      const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: { ...t.auth(city.cityAdminKey), 'content-type': 'application/json' }, payload })
      expectProblem(res, 400)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('SQL-looking strings are plain data; control characters are refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: orgUrl(), headers: t.auth(city.cityAdminKey), payload: org })
    expect(res.statusCode).toBe(201)
    const back = await t.app.inject({ method: 'GET', url: `${orgUrl()}/${res.json().id}`, headers: t.auth(city.cityAdminKey) })
    expect(back.json().name).toBe(org.name)
    const ctl = await t.app.inject({ method: 'POST', url: orgUrl(), headers: t.auth(city.cityAdminKey), payload: { ...org, name: 'bell\u0007 and null\u0000' } })
    expectProblem(ctl, 400)
  })

  it('the process stays up and healthy after all of that', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200)
  })
})

describe('routing answers', () => {
  it('404 for unknown routes, 405 with Allow for a wrong method, 406 when JSON is not acceptable', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/nowhere' }), 404)
    const m = await t.app.inject({ method: 'DELETE', url: '/v1/cities', headers: t.auth() })
    expectProblem(m, 405)
    expect(m.headers.allow).toBe('GET, HEAD, POST')
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/cities', headers: { ...t.auth(), accept: 'text/html' } }), 406)
    expect((await t.app.inject({ method: 'GET', url: '/v1/cities', headers: { ...t.auth(), accept: 'text/html, application/json;q=0.5' } })).statusCode).toBe(200)
  })

  it('sends security headers and request ids', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'trace-123' } })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toBeDefined()
    expect(res.headers['x-request-id']).toBe('trace-123')
    expect(res.headers['access-control-allow-origin']).toBe('*')
    // Whatever a browser could render gets a locked-down content security policy.
    const text = await t.app.inject({ method: 'GET', url: '/metrics' })
    expect(text.headers['content-security-policy']).toContain("default-src 'none'")
    expect(text.headers['referrer-policy']).toBe('no-referrer')
    const problem = await t.app.inject({ method: 'GET', url: '/nowhere' })
    expect(problem.headers['x-content-type-options']).toBe('nosniff')
    // A cross-origin resource policy for what is embedded or rendered; JSON is read through CORS, which CORP does not
    // govern, so JSON answers go without it.
    expect(text.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(res.headers['cross-origin-resource-policy']).toBeUndefined()
  })

  it('sends Strict-Transport-Security only when the service is reached over HTTPS (RFC 6797 §7.2)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    const plain = await createTestApp({ env: { PUBLIC_URL: 'http://badges.test' } })
    try {
      for (const url of ['/health/live', '/metrics', '/nowhere']) {
        const res = await plain.app.inject({ method: 'GET', url })
        expect(res.headers['strict-transport-security'], url).toBeUndefined()
        expect(res.headers['x-content-type-options'], url).toBe('nosniff')
      }
    } finally {
      await plain.close()
    }
  })

  it('answers CORS preflights for any path', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/v1/cities', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' } })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['access-control-allow-methods']).toContain('POST')
    expect(res.headers['access-control-allow-headers']).toContain('idempotency-key')
  })
})

describe('ETags', () => {
  it('answers If-None-Match with 304 and changes when the resource does', async () => {
    const created = await t.app.inject({ method: 'POST', url: orgUrl(), headers: t.auth(city.cityAdminKey), payload: { ...org, name: 'Etag Org' } })
    const url = `${orgUrl()}/${created.json().id}`
    const first = await t.app.inject({ method: 'GET', url, headers: t.auth(city.cityAdminKey) })
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const again = await t.app.inject({ method: 'GET', url, headers: { ...t.auth(city.cityAdminKey), 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    await t.app.inject({ method: 'PATCH', url, headers: t.auth(city.cityAdminKey), payload: { description: 'changed' } })
    const changed = await t.app.inject({ method: 'GET', url, headers: { ...t.auth(city.cityAdminKey), 'if-none-match': etag } })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
  })
})

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, and creates nothing twice', async () => {
    const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'create-org-1' }
    const a = await t.app.inject({ method: 'POST', url: orgUrl(), headers, payload: { ...org, name: 'Idem Org' } })
    const b = await t.app.inject({ method: 'POST', url: orgUrl(), headers, payload: { ...org, name: 'Idem Org' } })
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.headers['idempotent-replayed']).toBe('true')
    expect(b.json()).toEqual(a.json())
    const n = await t.runtime.database.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', 'Idem Org').executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
  })

  it('the same key with another body is a 422', async () => {
    const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'create-org-2' }
    await t.app.inject({ method: 'POST', url: orgUrl(), headers, payload: { ...org, name: 'First' } })
    expectProblem(await t.app.inject({ method: 'POST', url: orgUrl(), headers, payload: { ...org, name: 'Second' } }), 422)
  })

  it('a concurrent request with the same key is a 409', async () => {
    const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'create-org-3' }
    const results = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'POST', url: orgUrl(), headers, payload: { ...org, name: 'Concurrent' } })))
    const codes = results.map((r) => r.statusCode).sort()
    expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(1)
    const created = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().id))
    expect(created.size).toBe(1)
    for (const r of results.filter((r) => r.statusCode !== 201)) expectProblem(r, 409)
    const n = await t.runtime.database.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', 'Concurrent').executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
  })

  it('keys are scoped to the caller and validated', async () => {
    expectProblem(await t.app.inject({ method: 'POST', url: orgUrl(), headers: { ...t.auth(city.cityAdminKey), 'idempotency-key': 'has space' }, payload: org }), 400)
  })
})

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const small = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } })
    try {
      const codes: number[] = []
      let last
      for (let i = 0; i < 5; i++) {
        last = await small.app.inject({ method: 'GET', url: '/v1/cities', headers: small.auth() })
        codes.push(last.statusCode)
      }
      expect(codes).toEqual([200, 200, 200, 429, 429])
      const body = expectProblem(last!, 429)
      expect(body.code).toBe('RATE_LIMITED')
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0)
      // IETF RateLimit header fields, readable by browser clients.
      expect(last!.headers['ratelimit-limit']).toBe('3')
      expect(last!.headers['ratelimit-remaining']).toBe('0')
      expect(Number(last!.headers['ratelimit-reset'])).toBeGreaterThan(0)
      expect(last!.headers['x-ratelimit-limit']).toBeUndefined()
      expect(String(last!.headers['access-control-expose-headers'])).toContain('ratelimit-remaining')
    } finally {
      await small.close()
    }
  })
})
