import { afterAll, beforeAll, expect, it } from 'vitest'
import { PROFILE, eventually, http, recordFigures, seedTenant, sleep, startStack, type Stack, type Tenant } from './lib.js'

// Item 2 of #15: Redis stopped (and back empty: flushed) and PostgreSQL restarted, then stopped, while a client keeps
// awarding and revoking and a prober watches /health/ready. Full run only (`npm run reliability`): it waits on purpose.
const REDIS_DOWN_MS = 60_000
const PG_DOWN_MS = 20_000

let s: Stack
let t: Tenant
beforeAll(async () => {
  s = await startStack({ servers: 1, workers: 1 })
  t = await seedTenant(s.url(), s.adminKey, 'deps')
})
afterAll(async () => { await s?.close() })

type Phase = 'before' | 'redis-down' | 'redis-back' | 'pg-restart' | 'pg-down' | 'pg-back'

it.skipIf(PROFILE === 'ci')('keeps awarding while Redis is away, refuses only with 503 problems while PostgreSQL is, and recovers by itself', async () => {
  let phase: Phase = 'before'
  const outcomes: Record<string, Record<string, number>> = {}
  const bad: string[] = []
  const readiness: Array<{ at: number; phase: Phase; status: number }> = []
  const revokedWhileRedisDown: string[] = []
  let stop = false
  let n = 0
  const count = (k: string): void => { const o = (outcomes[phase] ??= {}); o[k] = (o[k] ?? 0) + 1 }
  const client = async (): Promise<void> => {
    while (!stop) {
      const i = n++
      const p = phase
      try {
        const a = await http(s.url() + `/v1/cities/${t.slug}/awards`, {
          method: 'POST', timeoutMs: 30_000, body: JSON.stringify({ badgeClassId: t.classId, recipient: { type: 'email', identity: `dep${i}@example.org` } }),
          headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'application/json', 'idempotency-key': `dep-${i}` },
        })
        count(String(a.status))
        if (a.status >= 300 && !/problem\+json/.test(a.headers.get('content-type') ?? '')) bad.push(`${p}: ${a.status} not problem+json: ${a.body.slice(0, 200)}`)
        if (a.status >= 500 && a.status !== 503) bad.push(`${p}: ${a.status} ${a.body.slice(0, 200)}`)
        if (/57P01|shutting down|ECONNREFUSED|terminating connection/.test(a.body)) bad.push(`${p}: driver message leaked: ${a.body.slice(0, 200)}`)
        if (a.status === 201 && i % 5 === 0) {
          const r = await http(s.url() + `/v1/cities/${t.slug}/awards/${a.json.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'deps' }) })
          if (r.status === 200 && phase === 'redis-down') revokedWhileRedisDown.push(a.json.id)
        }
      } catch { count('no answer') }
      await sleep(100)
    }
  }
  const prober = async (): Promise<void> => {
    while (!stop) {
      try { readiness.push({ at: Date.now(), phase, status: (await http(s.url() + '/health/ready', { timeoutMs: 5_000 })).status }) } catch { readiness.push({ at: Date.now(), phase, status: 0 }) }
      await sleep(500)
    }
  }
  const running = Promise.all([client(), client(), prober()])
  await sleep(3_000)

  await s.redis.stop()
  phase = 'redis-down'
  await sleep(REDIS_DOWN_MS)
  await s.redis.start() // a new, empty redis-server: Redis came back flushed
  phase = 'redis-back'
  const redisReady = Date.now()
  await eventually(async () => (await http(s.url() + '/health/ready')).status === 200, 60_000, 'ready after Redis returned')
  const redisReadyAfterMs = Date.now() - redisReady
  await sleep(3_000)

  phase = 'pg-restart'
  await s.pg.restart()
  await sleep(3_000)
  await s.pg.stop('fast')
  phase = 'pg-down' // after the stop returned: requests that raced it belong to the restart phase
  await sleep(PG_DOWN_MS)
  await s.pg.start()
  phase = 'pg-back'
  const pgBack = Date.now()
  await eventually(async () => (await http(s.url() + '/health/ready')).status === 200, 60_000, 'ready after PostgreSQL returned')
  const pgReadyAfterMs = Date.now() - pgBack
  await sleep(3_000)
  stop = true
  await running

  // Events of the outage are delivered afterwards: the outbox drains, every revocation is in its status list.
  await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>('select count(*) as n from outbox where dispatched_at is null')
    return Number(r!.n) === 0
  }, 120_000, 'the outbox to drain after the outages')
  await eventually(async () => {
    const l = await s.pg.query<{ published_bits: number | null; revoked: string }>('select sl.published_bits, (select count(*) from awards a where a.status_list_id = sl.id and a.revoked_at is not null) as revoked from status_lists sl')
    return l.every((x) => Number(x.revoked) === 0 || x.published_bits === Number(x.revoked))
  }, 60_000, 'status lists republished with the revocations made during the outages')

  const flips = readiness.filter((r, i) => i > 0 && (r.status === 200) !== (readiness[i - 1]!.status === 200)).length
  const readyIn = (ph: Phase): Record<string, number> => readiness.filter((r) => r.phase === ph).reduce<Record<string, number>>((a, r) => { a[r.status] = (a[r.status] ?? 0) + 1; return a }, {})
  const figures = {
    redisDownS: REDIS_DOWN_MS / 1000, pgDownS: PG_DOWN_MS / 1000, awards: outcomes, revokedWhileRedisDown: revokedWhileRedisDown.length,
    readiness: { 'redis-down': readyIn('redis-down'), 'pg-down': readyIn('pg-down'), flips }, redisReadyAfterMs, pgReadyAfterMs,
    badAnswers: bad.length, badExamples: bad.slice(0, 5), unexpectedExits: s.servers[0]!.unexpectedExits + s.workers[0]!.unexpectedExits,
  }
  recordFigures('2-dependencies', figures)
  const refusedWhileRedisDown = Object.entries(outcomes['redis-down'] ?? {}).filter(([k]) => k !== '201').reduce((a, [, v]) => a + v, 0)
  expect(outcomes['redis-down']?.['201'] ?? 0, 'awards made while Redis was down').toBeGreaterThan(0)
  expect(refusedWhileRedisDown, 'awards refused while Redis was down').toBe(0)
  expect(Object.keys(outcomes['pg-down'] ?? {}).filter((k) => k !== '503'), 'answers other than 503 while PostgreSQL was down').toEqual([])
  expect(readyIn('redis-down')['503'] ?? 0, 'readiness said not ready while Redis was down').toBeGreaterThan(0)
  expect(readyIn('pg-down')['503'] ?? 0, 'readiness said not ready while PostgreSQL was down').toBeGreaterThan(0)
  expect(bad, 'answers that were not 2xx or a 503 problem').toEqual([])
  expect(figures.unexpectedExits, 'processes that exited').toBe(0)
})
