import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'

let t: TestContext
beforeAll(async () => { t = await createTestApp() })
afterAll(async () => { await t?.close() })

describe('operations endpoints', () => {
  it('live and ready', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' })
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json().checks.database.ok).toBe(true)
    if (t.config.redisUrl) expect(ready.json().checks.redis.ok).toBe(true)
  })

  it('exposes Prometheus request and job metrics', async () => {
    const city = await makeCity(t)
    await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}`, headers: t.auth() })
    await t.runtime.relay.drain()
    await expect.poll(async () => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
      return /citybadges_jobs_total\{type="city\.created",outcome="completed"\} [1-9]/.test(text)
    }, { timeout: 15_000 }).toBe(true)
    const res = await t.app.inject({ method: 'GET', url: '/metrics' })
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toMatch(/citybadges_http_requests_total\{method="GET",route="\/v1\/cities\/:city",status="200"\} 1/)
    expect(res.body).toContain('citybadges_http_request_duration_seconds_bucket')
    expect(res.body).toMatch(/citybadges_outbox_pending \d+/)
  })

  it('serves the OpenAPI document, identical to the committed openapi/openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const live = res.json()
    expect(live.openapi).toBe('3.1.0')
    const committed = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
    // When this fails, run `npm run openapi` and commit the result.
    expect(live).toEqual(committed)
    for (const [path, ops] of Object.entries(live.paths as Record<string, Record<string, { operationId?: string }>>)) {
      for (const [method, op] of Object.entries(ops)) expect(op.operationId, `${method} ${path}`).toBeTruthy()
    }
  })

  it('serves an API reference page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    // Rendered in the browser by Swagger UI from /openapi.json (test/integration/docs-page.test.ts opens it).
    expect(res.body).toContain('/docs/assets/swagger-ui-bundle.js')
    expect(res.body).toContain('/openapi.json')
  })
})
