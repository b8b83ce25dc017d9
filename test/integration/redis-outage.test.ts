import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import { TestRedis } from '../helpers/redis-server.js'

// #15 known defect 5: right after Redis came back (empty), two answers were `503` plain JSON carrying ioredis's
// error (`"code":"ECONNREFUSED"`, the address). Every answer must be 2xx or a problem+json of our own wording.
describe('Redis stopped and back while awarding, revoking and probing', () => {
  let redis: TestRedis
  let t: TestContext
  beforeAll(async () => {
    redis = await TestRedis.start()
    t = await createTestApp({ env: { REDIS_URL: redis.url } })
  })
  afterAll(async () => {
    await t?.close()
    await redis?.stop()
  })

  it('answers only 2xx or problem+json, never a driver message', async () => {
    const city = await makeCity(t)
    const issuer = await setupIssuer(t, city)
    const bad: string[] = []
    const statuses: Record<string, number> = {}
    const check = (what: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }): void => {
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
      if (res.statusCode >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type']))) bad.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`)
      if (/ECONNREFUSED|ECONNRESET|127\.0\.0\.1:\d+|ioredis|Connection is closed|max retries|Stream isn't writeable/i.test(res.body)) bad.push(`${what}: leaked ${res.body}`)
      if (res.statusCode >= 500 && res.statusCode !== 503) bad.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    }
    let stop = false
    let n = 0
    const client = async (): Promise<void> => {
      while (!stop) {
        const i = n++
        const a = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: { ...t.auth(issuer.issuerKey), 'idempotency-key': `ro-${i}` }, payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: `ro${i}@example.org` } } })
        check('award', a)
        if (a.statusCode === 201) {
          check('get', await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${a.json().id}` }))
          if (i % 3 === 0) check('revoke', await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${a.json().id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'outage' } }))
        }
        check('ready', await t.app.inject({ method: 'GET', url: '/health/ready' }))
        check('verify', await t.app.inject({ method: 'POST', url: '/v1/verify', payload: { jwt: 'x.y.z' } }))
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    const running = Promise.all([client(), client()])
    await new Promise((r) => setTimeout(r, 1_000))
    await redis.stop()
    await new Promise((r) => setTimeout(r, 3_000))
    await redis.start() // back empty
    await new Promise((r) => setTimeout(r, 4_000))
    stop = true
    await running
    expect(bad, JSON.stringify(statuses)).toEqual([])
    expect(statuses['201']).toBeGreaterThan(5)
    expectOk(await t.app.inject({ method: 'GET', url: '/health/ready' }))
  })
})
