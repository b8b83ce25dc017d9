import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCityBadgesClient, paginate, retryAfterMs, verifyWebhook } from '../../sdk/src/index.js'
import { SCHEMA_FILE, sdkTypes } from '../../scripts/generate-sdk.js'
import { newWebhookSecret, webhookHeaders } from '../../src/domain/integration/webhook-signature.js'
import { createTestApp, type TestContext } from '../helpers/app.js'
import { PNG_URI } from '../helpers/badges.js'

// The SDK against the real service listening on a port (no inject): typed calls, pagination, idempotency keys,
// retries on 429 with Retry-After, webhook signatures — and its generated types match the committed OpenAPI.

describe('the SDK', () => {
  let t: TestContext
  let base = ''

  beforeAll(async () => {
    t = await createTestApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  })
  afterAll(async () => { await t?.close() })

  it('has types generated from the committed openapi/openapi.json (run npm run sdk:generate when this fails)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await sdkTypes())
  })

  it('creates and reads through typed calls, pages through lists, and adds an Idempotency-Key to every POST', async () => {
    const sent: Request[] = []
    const client = createCityBadgesClient({ baseUrl: base, apiKey: t.adminKey, fetch: async (r) => { sent.push((r as Request).clone()); return fetch(r) } })
    const city = await client.POST('/v1/cities', { body: { slug: 'sdk-city', name: 'SDK City' } })
    expect(city.response.status).toBe(201)
    expect(city.data?.slug).toBe('sdk-city')
    expect(sent.at(-1)!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/)
    for (let i = 0; i < 5; i++) {
      const o = await client.POST('/v1/cities/{city}/organisations', { params: { path: { city: 'sdk-city' } }, body: { name: `Org ${i}`, url: 'https://org.example.org', email: 'badges@org.example.org', kind: 'college' } })
      expect(o.response.status).toBe(201)
    }
    const names: string[] = []
    for await (const o of paginate((cursor) => client.GET('/v1/cities/{city}/organisations', { params: { path: { city: 'sdk-city' }, query: { limit: 2, ...(cursor ? { cursor } : {}) } } }))) names.push(o.name)
    expect(names).toEqual(['Org 0', 'Org 1', 'Org 2', 'Org 3', 'Org 4'])
    expect(sent.filter((r) => r.method === 'GET' && r.url.includes('/organisations')).length).toBe(3)

    // A problem answer arrives as `error` with the problem+json body.
    const missing = await client.GET('/v1/cities/{city}/organisations/{id}', { params: { path: { city: 'sdk-city', id: '00000000-0000-4000-8000-000000000000' } } })
    expect(missing.response.status).toBe(404)
    expect((missing.error as { code?: string }).code).toBe('NOT_FOUND')

    // The same Idempotency-Key twice (a retried create) gives the same badge class, not two.
    const org = (await client.GET('/v1/cities/{city}/organisations', { params: { path: { city: 'sdk-city' } } })).data!.items[0]!
    const body = { organisationId: org.id, name: 'SDK badge', description: 'Made through the SDK.', image: PNG_URI, criteria: { narrative: 'Use the SDK.' } }
    const a = await client.POST('/v1/cities/{city}/badge-classes', { params: { path: { city: 'sdk-city' }, header: { 'idempotency-key': 'sdk-fixed-key' } as never }, body: body as never, headers: { 'idempotency-key': 'sdk-fixed-key' } })
    const b = await client.POST('/v1/cities/{city}/badge-classes', { params: { path: { city: 'sdk-city' } }, body: body as never, headers: { 'idempotency-key': 'sdk-fixed-key' } })
    expect(a.response.status).toBe(201)
    expect((b.data as { id: string }).id).toBe((a.data as { id: string }).id)
  })

  it('retries 429 answers after Retry-After, a bounded number of times', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } })
    try {
      await limited.app.listen({ port: 0, host: '127.0.0.1' })
      const url = `http://127.0.0.1:${(limited.app.server.address() as AddressInfo).port}`
      let calls = 0
      const client = createCityBadgesClient({ baseUrl: url, apiKey: limited.adminKey, retries: 2, maxRetryWaitMs: 50, fetch: async (r) => { calls++; return fetch(r) } })
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await client.GET('/v1/cities', {})).response.status)
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
      expect(statuses[3]).toBe(429)
      expect(calls).toBe(3 + 3) // the fourth call was tried three times
    } finally {
      await limited.close()
    }
    expect(retryAfterMs('5')).toBe(5000)
    expect(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8_000)
    expect(retryAfterMs(null)).toBeUndefined()
  })

  it('verifies webhook signatures made by the service, and refuses tampering and replays', () => {
    const secret = newWebhookSecret()
    const body = '{"type":"award.issued","data":{"awardId":"x"}}'
    const now = Math.floor(Date.now() / 1000)
    const headers = webhookHeaders([secret], 'msg-1', now, body)
    expect(verifyWebhook(secret, headers, body)).toBe(true)
    expect(verifyWebhook(secret, new Headers(headers), body)).toBe(true)
    expect(verifyWebhook(secret, headers, body.replace('x', 'y'))).toBe(false)
    expect(verifyWebhook(newWebhookSecret(), headers, body)).toBe(false)
    expect(verifyWebhook(secret, webhookHeaders([secret], 'msg-1', now - 3_600, body), body)).toBe(false)
  })
})
