import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUSH_MS, sharedRateLimitStore } from '../../src/infra/rate-limit-store.js'
import { createTestApp, usingRedis, type TestContext } from '../helpers/app.js'

// The rate-limit store shared by processes over Redis (src/infra/rate-limit-store.ts), on the real Redis: two stores
// are two processes. Exact near the limit and for a key's first request; counted locally (no round trip) far below it.

type Store = InstanceType<ReturnType<typeof sharedRateLimitStore>>
const incr = (s: Store, key: string, max: number, windowMs = 60_000): Promise<{ current: number; ttl: number }> =>
  new Promise((resolve, reject) => s.incr(key, (err, res) => (err ? reject(err) : resolve(res!)), windowMs, max))

describe.skipIf(!usingRedis())('shared rate-limit store (Redis)', () => {
  let redis: Redis
  let prefix: string
  const commands: string[] = []
  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!)
    prefix = `cbtest-rl-${randomBytes(4).toString('hex')}:`
    // Counts the store's round trips (every command this connection sends).
    const send = redis.sendCommand.bind(redis)
    redis.sendCommand = ((cmd: { name: string }) => { commands.push(cmd.name); return send(cmd as never) }) as typeof redis.sendCommand
  })
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
  })

  it('one process counts exactly, and makes one round trip for a key far below its limit, not one per request', async () => {
    const A = new (sharedRateLimitStore(redis, prefix))()
    await incr(A, 'k0', 1000) // loads the script into Redis (the first call of a script is two commands)
    commands.length = 0
    const seen: number[] = []
    for (let i = 0; i < 50; i++) seen.push((await incr(A, 'k1', 1000)).current)
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    // The first request of the window went to Redis; the others were counted here (and pushed by batches of 10).
    expect(commands.filter((c) => c === 'evalsha' || c === 'eval').length).toBeLessThan(10)
    await A.push()
    expect(Number(await redis.get(`${prefix}k1`))).toBe(50)
    expect(await redis.pttl(`${prefix}k1`)).toBeGreaterThan(50_000)
  })

  it('pushes what it counted within PUSH_MS, so another process sees it', async () => {
    const A = new (sharedRateLimitStore(redis, prefix))()
    const B = new (sharedRateLimitStore(redis, prefix))()
    for (let i = 0; i < 30; i++) await incr(A, 'k2', 1000)
    await new Promise((r) => setTimeout(r, PUSH_MS + 100))
    expect((await incr(B, 'k2', 1000)).current).toBe(31)
  })

  it('two processes together let through at most two batches each past the limit, however fast the requests come', async () => {
    for (const [max, key] of [[1000, 'k3'], [150, 'k3b']] as const) {
      const A = new (sharedRateLimitStore(redis, prefix))()
      const B = new (sharedRateLimitStore(redis, prefix))()
      let allowed = 0
      // Requests far faster than PUSH_MS, alternating, and in parallel pairs: the worst case for counting locally.
      for (let i = 0; i < max * 1.5; i += 2) {
        const both = await Promise.all([incr(A, key, max), incr(B, key, max)])
        allowed += both.filter((r) => r.current <= max).length
      }
      const batch = Math.max(1, Math.floor(max / 100))
      expect(allowed).toBeGreaterThanOrEqual(max - 2 * 2 * batch)
      expect(allowed).toBeLessThanOrEqual(max + 2 * 2 * batch)
      await Promise.all([A.push(), B.push()])
      expect(Number(await redis.get(`${prefix}${key}`))).toBe(Math.ceil(max * 1.5 / 2) * 2)
    }
  })

  it('a small limit is exact on every request (the plugin\'s own check: 3, then refused)', async () => {
    const A = new (sharedRateLimitStore(redis, prefix))()
    const B = new (sharedRateLimitStore(redis, prefix))()
    const got = [await incr(A, 'k4', 3), await incr(B, 'k4', 3), await incr(A, 'k4', 3), await incr(B, 'k4', 3)].map((r) => r.current)
    expect(got).toEqual([1, 2, 3, 4])
  })

  it('a new window starts from zero', async () => {
    const A = new (sharedRateLimitStore(redis, prefix))()
    for (let i = 0; i < 5; i++) await incr(A, 'k5', 100, 300)
    await new Promise((r) => setTimeout(r, 400))
    expect((await incr(A, 'k5', 100, 300)).current).toBe(1)
  })

  it('route stores (child) count apart from the global one', async () => {
    const A = new (sharedRateLimitStore(redis, prefix))()
    const route = A.child({ routeInfo: { method: 'POST', url: '/x' } })
    await incr(A, 'k6', 100)
    expect((await incr(route, 'k6', 100)).current).toBe(1)
    expect(await redis.exists(`${prefix}POST/x-k6`)).toBe(1)
  })
})

describe.skipIf(!usingRedis())('the API on the shared store', () => {
  let a: TestContext
  let b: TestContext
  beforeAll(async () => {
    // Two instances on the same Redis and prefix: one service, two processes.
    const redisPrefix = `cbtest-${randomBytes(4).toString('hex')}`
    a = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' }, runtime: { redisPrefix } })
    b = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' }, runtime: { redisPrefix } })
    // One caller: the same key valid on both (an operator-chosen admin key).
    for (const t of [a, b]) await t.runtime.services.apiKeys.ensureAdminKey(shared)
  })
  const shared = `rl-${randomBytes(16).toString('hex')}`
  afterAll(async () => { await a?.close(); await b?.close() })

  it('one limit for a caller whichever instance answers', async () => {
    const codes: number[] = []
    for (let i = 0; i < 6; i++) {
      const t = i % 2 === 0 ? a : b
      codes.push((await t.app.inject({ method: 'GET', url: '/v1/cities', headers: { authorization: `Bearer ${shared}` } })).statusCode)
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429])
  })
})
