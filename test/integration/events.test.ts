import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatchEvent } from '../../src/jobs/processors.js'
import { toDelivered } from '../../src/jobs/relay.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { TestRedis } from '../helpers/redis-server.js'

const stats = async (t: TestContext, cityId: string) =>
  t.runtime.database.db.selectFrom('city_stats').selectAll().where('city_id', '=', cityId).executeTakeFirst()

describe('outbox events with the configured queue', () => {
  let t: TestContext
  beforeAll(async () => { t = await createTestApp() })
  afterAll(async () => { await t?.close() })

  it('writes the event in the same transaction and a processor applies it', async () => {
    const city = await makeCity(t)
    const row = await t.runtime.database.db.selectFrom('outbox').selectAll().where('city_id', '=', city.id).where('type', '=', 'city.created').executeTakeFirstOrThrow()
    expect(row.payload).toEqual({ cityId: city.id })
    await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: { name: 'A', url: 'https://a.example', email: 'a@a.example' } })
    const s = await eventually(async () => {
      const r = await stats(t, city.id)
      return r && r.events_processed === 2 ? r : undefined
    }, 20_000, 'both events processed')
    expect(s.organisations).toBe(1)
    await eventually(async () => (await t.runtime.database.db.selectFrom('outbox').select('dispatched_at').where('id', '=', row.id).executeTakeFirstOrThrow()).dispatched_at !== null)
  })

  it('runs the effect once when the same outbox row is delivered twice', async () => {
    const city = await makeCity(t)
    await eventually(async () => (await stats(t, city.id))?.events_processed === 1, 20_000, 'city.created processed')
    const row = await t.runtime.database.db.selectFrom('outbox').selectAll().where('city_id', '=', city.id).executeTakeFirstOrThrow()
    // A second delivery straight to the processors, and a re-publication through the relay.
    await dispatchEvent(toDelivered(row), { db: t.runtime.database.db, log: t.runtime.log })
    await t.runtime.database.db.updateTable('outbox').set({ dispatched_at: null }).where('id', '=', row.id).execute()
    await t.runtime.relay.drain()
    await eventually(async () => (await t.runtime.database.db.selectFrom('outbox').select('dispatched_at').where('id', '=', row.id).executeTakeFirstOrThrow()).dispatched_at !== null)
    await new Promise((r) => setTimeout(r, 500))
    expect((await stats(t, city.id))?.events_processed).toBe(1)
    const receipts = await t.runtime.database.db.selectFrom('event_receipts').selectAll().where('outbox_id', '=', row.id).execute()
    expect(receipts).toHaveLength(1)
  })

  it('reconcile rebuilds the derived table to the same values', async () => {
    const city = await makeCity(t)
    await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: t.auth(city.cityAdminKey), payload: { name: 'B', url: 'https://b.example', email: 'b@b.example' } })
    await eventually(async () => (await stats(t, city.id))?.events_processed === 2, 20_000)
    const db = t.runtime.database.db
    const before = await db.selectFrom('city_stats').select(['city_id', 'organisations', 'events_processed']).orderBy('city_id').execute()
    expect(before.find((r) => r.city_id === city.id)).toMatchObject({ organisations: 1, events_processed: 2 })
    // Damage the derived table first (a wrong row, a lost row), so that a reconcile that does nothing fails (#14 item 9).
    await db.updateTable('city_stats').set({ organisations: 999, events_processed: 0 }).where('city_id', '=', city.id).execute()
    const other = before.find((r) => r.city_id !== city.id)
    if (other) await db.deleteFrom('city_stats').where('city_id', '=', other.city_id).execute()
    const { rebuildCityStats } = await import('../../src/db/repos.js')
    await rebuildCityStats(db)
    const after = await t.runtime.database.db.selectFrom('city_stats').select(['city_id', 'organisations', 'events_processed']).orderBy('city_id').execute()
    expect(after).toEqual(before)
  })
})

describe('Redis stopped while a city is created', () => {
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

  it('commits the change, reports not ready, and delivers the event once Redis is back', async () => {
    await redis.stop()
    const res = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: 'while-redis-down', name: 'Down Town' } })
    expect(res.statusCode).toBe(201)
    const cityId = res.json().id as string
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' })
    expect(ready.statusCode).toBe(503)
    expect(ready.headers['content-type']).toMatch(/problem\+json/)
    expect(ready.json().checks.redis.ok).toBe(false)
    // Nothing can be delivered while Redis is away: the row waits in the outbox.
    await new Promise((r) => setTimeout(r, 600))
    const pending = await t.runtime.database.db.selectFrom('outbox').selectAll().where('city_id', '=', cityId).executeTakeFirstOrThrow()
    expect(pending.dispatched_at).toBeNull()
    expect(await stats(t, cityId)).toBeUndefined()

    await redis.start()
    const s = await eventually(async () => {
      const r = await stats(t, cityId)
      return r && r.events_processed === 1 ? r : undefined
    }, 30_000, 'event delivered after Redis returned')
    expect(s.events_processed).toBe(1)
    await eventually(async () => (await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200, 15_000, 'ready again')
  })
})
