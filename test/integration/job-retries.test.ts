import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENTS_QUEUE } from '../../src/jobs/events.js'
import { createBullSink, jobIdOf } from '../../src/jobs/bullmq.js'
import { cityStatsProcessor } from '../../src/jobs/processors.js'
import { createTestApp, eventually, makeCity, usingRedis, type TestContext } from '../helpers/app.js'
import { expectOk, orgBody } from '../helpers/badges.js'

// A processor that throws is retried, and its effect happens once (issue #14 item 9(e)). The effect here is the
// city-stats processor's event counter, an increment (not idempotent by itself) kept once per event by its receipt
// (runOnce: effect and receipt in one transaction). Each event fails twice: first before the effect, then after the
// effect has committed; the third delivery succeeds. On PostgreSQL + Redis the retries are BullMQ's (attempts and
// backoff of the events queue); embedded, the outbox relay's (the row stays pending with its attempts counted).

describe('processor retries', () => {
  let t: TestContext
  const calls = new Map<number, number>()
  const original = cityStatsProcessor.process

  beforeAll(async () => {
    t = await createTestApp()
    // A real processor that fails the first two times it sees each event (the test's fault, not a mock of a store).
    cityStatsProcessor.process = async function (event, deps) {
      const n = (calls.get(event.outboxId) ?? 0) + 1
      calls.set(event.outboxId, n)
      if (n === 1) throw new Error('processor failed before its effect')
      await original.call(this, event, deps)
      if (n === 2) throw new Error('processor failed after its effect')
    }
  })
  afterAll(async () => {
    cityStatsProcessor.process = original
    await t?.close()
  })

  it('retries a throwing processor until it succeeds, with its effect once per event', async () => {
    const city = await makeCity(t)
    const admin = t.auth(city.cityAdminKey)
    for (const name of ['Youth Hub', 'Library']) {
      expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody(name) }), 201)
    }
    const events = await t.runtime.database.db.selectFrom('outbox').select(['id', 'type', 'created_at']).where('city_id', '=', city.id)
      .where('type', 'in', ['city.created', 'organisation.created']).orderBy('id').execute()
    expect(events.map((e) => e.type)).toEqual(['city.created', 'organisation.created', 'organisation.created'])
    const ids = events.map((e) => Number(e.id))

    // Every event delivered at least three times (two failures, then success)…
    await eventually(async () => ids.every((id) => (calls.get(id) ?? 0) >= 3), 60_000, 'three deliveries of each event')
    const stats = await eventually(async () => {
      const s = await t.runtime.database.db.selectFrom('city_stats').selectAll().where('city_id', '=', city.id).executeTakeFirst()
      return s && s.events_processed >= 3 ? s : undefined
    }, 15_000, 'the counter')
    // …and its effect once: three events counted, not six (the second delivery's effect committed before it threw).
    expect(stats.events_processed).toBe(3)
    expect(stats.organisations).toBe(2)
    const receipts = await t.runtime.database.db.selectFrom('event_receipts').select(['outbox_id']).where('processor', '=', 'city-stats').where('outbox_id', 'in', ids).execute()
    expect(receipts.map((r) => Number(r.outbox_id)).sort((a, b) => a - b)).toEqual(ids)

    // The retries were the queue's own.
    if (t.runtime.redis) {
      const queue = new Queue(EVENTS_QUEUE, { connection: t.runtime.redis, prefix: t.runtime.redisPrefix })
      try {
        for (const e of events) {
          const job = await eventually(async () => { const j = await queue.getJob(jobIdOf({ outboxId: Number(e.id), at: new Date(e.created_at).getTime() })); return j?.finishedOn ? j : undefined }, 15_000, 'the finished job')
          expect(job.attemptsMade).toBeGreaterThanOrEqual(3)
          expect(job.failedReason ?? '').toMatch(/failed (before|after) its effect/)
          expect(await job.isCompleted()).toBe(true)
        }
      } finally { await queue.close() }
    } else {
      const rows = await t.runtime.database.db.selectFrom('outbox').select(['id', 'attempts', 'dispatched_at', 'last_error']).where('id', 'in', ids).execute()
      for (const r of rows) {
        expect(r.dispatched_at).not.toBeNull()
        expect(r.attempts).toBe(2)
        expect(r.last_error).toMatch(/failed after its effect/)
      }
    }

    // Nothing more happens later: no further delivery, no second count.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const again = await t.runtime.database.db.selectFrom('city_stats').select('events_processed').where('city_id', '=', city.id).executeTakeFirstOrThrow()
    expect(again.events_processed).toBe(3)
  })
})

describe.runIf(usingRedis())('outbox job ids', () => {
  it('a row numbered like an earlier one (a database reset or restored from a backup) still gets its job', async () => {
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null })
    const prefix = `cb-ids-${Date.now().toString(36)}`
    const sink = createBullSink(connection, prefix)
    const queue = new Queue(EVENTS_QUEUE, { connection, prefix })
    try {
      const event = { outboxId: 1, type: 'city.created' as const, cityId: null, payload: { cityId: 'x' } }
      await sink.publish([{ ...event, at: Date.UTC(2026, 0, 1) }])
      await sink.publish([{ ...event, at: Date.UTC(2026, 0, 1) }]) // the same row again: no second job
      await sink.publish([{ ...event, at: Date.UTC(2026, 10, 30) }]) // row 1 of a new database: a job of its own
      expect(await queue.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed')).toBe(2)
    } finally {
      await queue.obliterate({ force: true })
      await queue.close()
      await sink.close()
      connection.disconnect()
    }
  })
})

