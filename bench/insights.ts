// Citywide insights (issue #11) on PostgreSQL, on the synthetic city (src/synthetic/load-postgres.ts):
// 1. Rebuild of the insight fact table (`cli reconcile`) vs hand-written GROUP BY queries over the source tables
//    computing the same cells (distinct learners and awards by month, organisation, organisation kind, badge class,
//    theme, destination, spine cell, area, age band), in the same run. Target: rebuild <= 2x the GROUP BYs.
// 2. Lag under a steady award rate (default 100 awards/s through the award service, the outbox, the relay and the
//    workers): from an award's commit to its fact row. Target: p99 <= 1 s.
// 3. The insight API (in process, app.inject, the disclosure rules included), p99 over rotating tables, target <= 50 ms:
//    warm (tables kept by the workers, asked during the steady award stream of 2, with how stale the answers were:
//    now - asOf) and cold (a first ask: the kept tables dropped before each call, so it computes and stores).
// Needs DATABASE_URL and REDIS_URL. BENCH_LEARNERS / BENCH_AWARDS / BENCH_RATE / BENCH_SECONDS / BENCH_CALLS / BENCH_COLD_CALLS scale it;
// BENCH_REUSE_DB / BENCH_REBUILD_ROUNDS make quick looks (see below); BENCH_API_NODE_ARGS passes node options to the API process.
// Run only small on a shared machine, e.g. BENCH_LEARNERS=2000 BENCH_AWARDS=20000 BENCH_SECONDS=5 BENCH_CALLS=100.
import { randomBytes } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import pino from 'pino'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import type { Principal } from '../src/domain/access/auth.js'
import { createRuntime } from '../src/runtime.js'
import { loadSyntheticCity } from '../src/synthetic/load-postgres.js'
import type { DB } from '../src/db/types.js'
import { appendResults, fmt, httpClient, machine, sparePort, startApiAndWorker } from './lib.js'

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100_000)
const AWARDS = Number(process.env.BENCH_AWARDS ?? 1_000_000)
const RATE = Number(process.env.BENCH_RATE ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const CALLS = Number(process.env.BENCH_CALLS ?? 500)
const base = process.env.DATABASE_URL
if (!base || !process.env.REDIS_URL) throw new Error('bench/insights.ts needs DATABASE_URL and REDIS_URL')

// BENCH_REUSE_DB=<name> keeps the loaded city in that database for the next run (which then loads nothing): for
// quick looks at the API; BENCH_REBUILD_ROUNDS=0 then skips the rebuild (the facts are kept too).
const reuse = process.env.BENCH_REUSE_DB
const dbName = reuse ?? `cbbench_insights_${randomBytes(4).toString('hex')}`
const admin = new pg.Client({ connectionString: base })
await admin.connect()
const existed = reuse !== undefined && (await admin.query('select 1 from pg_database where datname = $1', [reuse])).rowCount === 1
if (!existed) await admin.query(`create database "${dbName}"`)
const url = new URL(base)
url.pathname = `/${dbName}`
const kek = reuse ? Buffer.alloc(32, 7) : randomBytes(32)
const config = loadConfig({ DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL, PUBLIC_URL: 'https://bench.test', KEY_ENCRYPTION_KEY: kek.toString('hex'), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', DATA_DIR: '/tmp' })
const runtime = await createRuntime(config, { log: pino({ level: 'silent' }), relayIntervalMs: 50, redisPrefix: `cbbench-insights-${randomBytes(3).toString('hex')}` })
const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN }
const time = async (fn: () => Promise<unknown>): Promise<number> => { const t0 = performance.now(); await fn(); return performance.now() - t0 }
/** Kept tables computed so far in this process, by cause (request, revalidation, refresh): count and seconds. */
const computedTables = async (): Promise<Record<string, { n: number; s: number }>> => {
  const m = await runtime.metrics.registry.getSingleMetric('citybadges_insight_table_compute_seconds')!.get()
  const out: Record<string, { n: number; s: number }> = {}
  for (const cause of ['request', 'revalidation', 'refresh']) {
    const v = (suffix: string) => Number(m.values.find((x) => (x as { metricName?: string }).metricName === `citybadges_insight_table_compute_seconds_${suffix}` && x.labels.cause === cause)?.value ?? 0)
    out[cause] = { n: v('count'), s: v('sum') }
  }
  return out
}

let closed = false
try {
  const db = runtime.database.db
  const t0 = Date.now()
  const kept = existed ? await db.selectFrom('cities').select(['id', 'slug']).executeTakeFirst() : undefined
  const loaded = kept
    ? {
        cityId: kept.id, citySlug: kept.slug,
        classIds: (await db.selectFrom('badge_classes').select('id').where('city_id', '=', kept.id).orderBy('id').execute()).map((r) => r.id),
        learnerIds: (await db.selectFrom('learners').select('id').where('city_id', '=', kept.id).orderBy('id').execute()).map((r) => r.id),
      }
    : await loadSyntheticCity(db, { seed: 11, learners: LEARNERS, awards: AWARDS, organisations: Math.max(5, Math.round(LEARNERS / 500)), pathways: 50, followings: LEARNERS, opportunities: 200, sessionsPerOpportunity: 5, keyEncryptionKey: kek, from: '2025-01-01', to: '2026-10-31' })
      .then((l) => ({ cityId: l.cityId, citySlug: l.citySlug, classIds: l.city.badgeClasses.map((b) => l.ids.badgeClass(b.id)), learnerIds: Array.from({ length: LEARNERS }, (_, i) => l.ids.learner(i)) }))
  const loadS = (Date.now() - t0) / 1000
  const cityId = loaded.cityId
  await sql`analyze`.execute(db)

  // 1. Rebuild vs GROUP BY, alternating, three rounds each.
  const SRC = sql`from awards a join learners l on l.id = a.learner_id join badge_classes bc on bc.id = a.badge_class_id join organisations o on o.id = a.organisation_id
    where a.city_id = ${cityId} and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given')`
  const groupBys = [
    sql`select to_char(a.issued_on, 'YYYY-MM'), count(distinct a.learner_id), count(*) ${SRC} group by 1`,
    sql`select a.organisation_id, count(distinct a.learner_id), count(*) ${SRC} group by 1`,
    sql`select o.kind, count(distinct a.learner_id), count(*) ${SRC} group by 1`,
    sql`select a.badge_class_id, count(distinct a.learner_id), count(*) ${SRC} group by 1`,
    sql`select th, count(distinct a.learner_id), count(*) from awards a join learners l on l.id = a.learner_id join badge_classes bc on bc.id = a.badge_class_id cross join lateral unnest(bc.themes) th where a.city_id = ${cityId} and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given') group by 1`,
    sql`select de, count(distinct a.learner_id), count(*) from awards a join learners l on l.id = a.learner_id join badge_classes bc on bc.id = a.badge_class_id cross join lateral unnest(bc.destinations) de where a.city_id = ${cityId} and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given') group by 1`,
    sql`select bc.spine_level, d, e, count(distinct a.learner_id), count(*) from awards a join learners l on l.id = a.learner_id join badge_classes bc on bc.id = a.badge_class_id cross join lateral unnest(bc.spine_dimensions) d cross join lateral unnest(bc.spine_elements) e where a.city_id = ${cityId} and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given') group by 1, 2, 3`,
    sql`select l.area, count(distinct a.learner_id), count(*) ${SRC} group by 1`,
    sql`select l.age_band, count(distinct a.learner_id), count(*) ${SRC} group by 1`,
  ]
  const rebuild: number[] = []
  const grouped: number[] = []
  let facts = 0
  // BENCH_REBUILD_ROUNDS=1 for a quick look at the API alone (the facts must be built once).
  for (let round = 0; round < Math.max(existed ? 0 : 1, Number(process.env.BENCH_REBUILD_ROUNDS ?? 3)); round++) {
    rebuild.push(await time(async () => { facts = await runtime.services.insights.rebuild(cityId) }))
    grouped.push(await time(async () => { for (const q of groupBys) await q.execute(db) }))
  }
  const med = (xs: number[]) => pct(xs, 0.5)

  const app = await buildApp(runtime)
  await app.ready()
  const key = (await runtime.services.apiKeys.issue({ role: 'reader', name: 'bench reader', cityId })).token
  const slug = loaded.citySlug
  const urls = ['learners?by=area', 'learners?by=theme', 'awards?period=month', 'learners?by=level,dimension', 'learners?by=ageBand&period=year', 'learners?by=organisationKind', 'funnel?by=pathway', 'supply-demand?by=area']
  const ask = async (u: string): Promise<{ ms: number; asOf: number; at: number }> => {
    const url = `/v1/cities/${slug}/insights/${u}`
    const t1 = performance.now()
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
    const ms = performance.now() - t1
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    return { ms, asOf: Date.parse((JSON.parse(res.body) as { asOf: string }).asOf), at: Date.now() }
  }

  // 3a. Cold: a first ask each time (the kept tables dropped before the call).
  const coldMs: number[] = []
  const COLD = Number(process.env.BENCH_COLD_CALLS ?? Math.max(urls.length, Math.round(CALLS / 5)))
  // The kept tables are dropped as a threshold change drops them (the same threshold set again): the rows go, and so do
  // the process's copies of them.
  const admin0: Principal = { keyId: 'bench', role: 'platform-admin', cityId: null, organisationId: null }
  const city0 = await db.selectFrom('cities').selectAll().where('id', '=', cityId).executeTakeFirstOrThrow()
  for (let i = 0; i < COLD; i++) {
    await runtime.services.insights.updateSettings(admin0, city0, { threshold: city0.privacy_threshold })
    coldMs.push((await ask(urls[i % urls.length]!)).ms)
  }
  // The report's tables are read once before the stream (so the workers keep them).
  for (const u of urls) await ask(u)

  // 2. Lag at a steady rate: a poller records when each award's fact row appears.
  // 3b. Meanwhile, warm API calls over the kept tables, spread over the stream: latency and staleness (now - asOf).
  const cityRow = await db.selectFrom('cities').selectAll().where('id', '=', cityId).executeTakeFirstOrThrow()
  const system: Principal = { keyId: 'bench', role: 'platform-admin', cityId: null, organisationId: null }
  const classes = loaded.classIds
  interface Streamed { lags: number[]; warm: Array<{ ms: number; stale: number; at: number; url: string }>; achieved: number; failed: number }
  /** One steady stream of awards (`issue` answers the award's id once it is committed) with warm reads spread over it. */
  const stream = async (pollDb: Kysely<DB>, issue: (i: number) => Promise<string>, read: typeof ask, seconds = SECONDS): Promise<Streamed> => {
    const committed = new Map<string, number>()
    const lags: number[] = []
    let failed = 0
    let polling = true
    let lastIssue = performance.now()
    const poller = (async () => {
      while (polling || committed.size > 0) {
        const ids = [...committed.keys()]
        if (ids.length > 0) {
          const seen = await pollDb.selectFrom('insight_award_facts').select('award_id').where('award_id', 'in', ids).execute()
          const now = performance.now()
          for (const s of seen) { lags.push(now - committed.get(s.award_id)!); committed.delete(s.award_id) }
        }
        await new Promise((r) => setTimeout(r, 10))
        if (!polling && performance.now() - lastIssue > 30_000) break
      }
    })()
    const total = RATE * seconds
    const start = performance.now()
    process.stdout.write(`a stream of ${seconds} s starts at ${new Date().toISOString()}\n`)
    const inflight: Array<Promise<void>> = []
    const warm: Array<{ ms: number; stale: number; at: number; url: string }> = []
    const warmCalls = (async () => {
      for (let i = 0; i < Math.round((CALLS * seconds) / SECONDS); i++) {
        const due = start + (i * seconds * 1000) / CALLS
        const wait = due - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        try {
          const r = await read(urls[i % urls.length]!)
          warm.push({ ms: r.ms, stale: r.at - r.asOf, at: (performance.now() - start) / 1000, url: urls[i % urls.length]! })
        } catch (err) {
          failed++
          process.stderr.write(`a warm read failed: ${(err as Error).message}\n`)
        }
      }
    })()
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      inflight.push((async () => {
        try {
          const id = await issue(i)
          lastIssue = performance.now()
          committed.set(id, lastIssue)
        } catch (err) {
          // Counted and shown; the stream goes on (an exception here would end the process and leave its servers).
          failed++
          if (failed === 1) process.stderr.write(`an award failed: ${(err as Error).message}\n`)
        }
      })())
    }
    await Promise.all(inflight)
    await warmCalls
    polling = false
    await poller
    return { lags, warm, achieved: (total - failed) / ((lastIssue - start) / 1000), failed }
  }

  // Layout 1, one process: the API (app.inject), the workers and the award stream (through the award service) share
  // this process's event loop.
  // The event loop of this process (the API, the workers and the load all share it): its delays are part of every answer.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const computedBefore = await computedTables()
  const one = await stream(db, async (i) => {
    const learnerId = loaded.learnerIds[(i * 7919) % loaded.learnerIds.length]!
    return (await runtime.services.awards.issue(system, cityRow, { badgeClassId: classes[i % classes.length]!, recipient: { learnerId } })).award.id
  }, ask)
  loopDelay.disable()
  const computedAfter = await computedTables()
  const during = Object.entries(computedAfter).map(([cause, v]) => `${cause} ${fmt(v.n - computedBefore[cause]!.n)} (${fmt(v.s - computedBefore[cause]!.s, 1)} s)`).join(', ')
  const slowest = (s: Streamed): string => [...s.warm].sort((a, b) => b.ms - a.ms).slice(0, 8).map((w) => `${fmt(w.ms)} ms at ${fmt(w.at, 1)} s ${w.url}`).join('; ')
  process.stdout.write(`one process: slowest warm reads: ${slowest(one)}\n`)
  process.stdout.write(`one process: warm p50 ${fmt(pct(one.warm.map((w) => w.ms), 0.5), 1)} / p99 ${fmt(pct(one.warm.map((w) => w.ms), 0.99), 1)} ms; lag p99 ${fmt(pct(one.lags, 0.99))} ms; loop delay p99 ${fmt(loopDelay.percentile(99) / 1e6, 1)} ms; ${during}\n`)
  await app.close()
  await runtime.close()
  closed = true

  // Layout 2, the production one (ARCHITECTURE.md §2): an API process (RUN_WORKERS=false) takes the awards
  // (POST /awards) and the insight reads over HTTP; a worker process runs the processors. BENCH_SPLIT=0 skips it.
  let two: Streamed | undefined
  if (process.env.BENCH_SPLIT !== '0') {
    const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`
    const port = await sparePort()
    const origin = `http://127.0.0.1:${port}`
    const procs = await startApiAndWorker({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: 'https://bench.test', DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL, KEY_ENCRYPTION_KEY: kek.toString('hex'), CITYBADGES_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' })
    const pollDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) })
    try {
      const client = httpClient(origin)
      const askHttp = async (u: string): Promise<{ ms: number; asOf: number; at: number }> => {
        const t1 = performance.now()
        const { status, body } = await client.request('GET', `/v1/cities/${slug}/insights/${u}`, { authorization: `Bearer ${key}` })
        const ms = performance.now() - t1
        if (status !== 200) throw new Error(`${u}: ${status} ${body.slice(0, 200)}`)
        return { ms, asOf: Date.parse((JSON.parse(body) as { asOf: string }).asOf), at: Date.now() }
      }
      // A fresh API process compiles its route schemas in small steps after it starts listening, and its code is not
      // optimised yet: a warm-up stream of BENCH_WARMUP_SECONDS (default 15) at the same rate is not measured, as
      // the one-process layout was warmed by everything before its stream.
      const postAward = async (i: number): Promise<string> => {
        const learnerId = loaded.learnerIds[(i * 7919) % loaded.learnerIds.length]!
        const { status, body } = await client.request('POST', `/v1/cities/${slug}/awards`, { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, JSON.stringify({ badgeClassId: classes[i % classes.length], recipient: { learnerId } }))
        if (status !== 201) throw new Error(`POST /awards: ${status} ${body.slice(0, 200)}`)
        return (JSON.parse(body) as { id: string }).id
      }
      await stream(pollDb, (i) => postAward(i + RATE * SECONDS), askHttp, Number(process.env.BENCH_WARMUP_SECONDS ?? 15))
      two = await stream(pollDb, postAward, askHttp)
      client.close()
      process.stdout.write(`API + worker processes: slowest warm reads: ${slowest(two)}\n`)
      const m = await (await fetch(`${origin}/metrics`)).text()
      process.stdout.write(`API process: ${[...m.matchAll(/^citybadges_insight_table_compute_seconds_(?:count|sum)\{cause="\w+"\} .*$/gm)].map((x) => x[0]).join('; ') || 'no kept table computed (the worker process refreshes them)'}\n`)
    } finally {
      await procs.stop()
      await pollDb.destroy()
    }
  }

  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')
  const warmMs = (s: Streamed, p: number) => fmt(pct(s.warm.map((w) => w.ms), p), 1)
  const lines = [
    `\n## Insights (issue #11) — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}`,
    `Synthetic city: ${fmt(LEARNERS)} learners, ${fmt(AWARDS)} awards, ${fmt(facts)} facts (loaded in ${fmt(loadS, 1)} s). PostgreSQL + Redis.`,
    '',
    '| what | result | target |',
    '|---|---:|---|',
    `| rebuild of the fact table (median of 3) | ${fmt(med(rebuild))} ms | |`,
    `| hand-written GROUP BY of the same cells (9 queries, median of 3) | ${fmt(med(grouped))} ms | |`,
    `| rebuild / GROUP BY | ${fmt(med(rebuild) / med(grouped), 2)}x | <= 2x |`,
    `| insight API, cold (first ask: computed and kept), ${fmt(coldMs.length)} calls: p50 / p99 | ${fmt(pct(coldMs, 0.5), 1)} / ${fmt(pct(coldMs, 0.99), 1)} ms | |`,
    `| **one process** (API by app.inject, workers and the award service in the bench process): lag, award commit -> fact row, at ${fmt(one.achieved, 0)} awards/s for ${SECONDS} s (${fmt(one.lags.length)} awards, ${fmt(one.failed)} failed): p50 / p99 / max | ${fmt(pct(one.lags, 0.5))} / ${fmt(pct(one.lags, 0.99))} / ${fmt(Math.max(...one.lags))} ms | p99 <= 1,000 ms |`,
    `| one process: insight API, warm (kept tables), ${fmt(one.warm.length)} calls over ${urls.length} tables during the award stream: p50 / p99 | ${warmMs(one, 0.5)} / ${warmMs(one, 0.99)} ms | p99 <= 50 ms |`,
    `| one process: event-loop delay during the stream: p50 / p99 / max | ${fmt(loopDelay.percentile(50) / 1e6, 1)} / ${fmt(loopDelay.percentile(99) / 1e6, 1)} / ${fmt(loopDelay.max / 1e6, 1)} ms | |`,
    `| one process: staleness of warm answers (now - asOf) under the stream: p50 / p99 / max | ${fmt(pct(one.warm.map((w) => w.stale), 0.5) / 1000, 1)} / ${fmt(pct(one.warm.map((w) => w.stale), 0.99) / 1000, 1)} / ${fmt(Math.max(...one.warm.map((w) => w.stale)) / 1000, 1)} s | <= INSIGHT_TABLE_MAX_AGE_SECONDS (60) |`,
    `| one process: kept tables computed during the stream, by cause: count (seconds of computation) | ${during} | request: 0 |`,
    ...(two
      ? [
          `| **API process + worker process** (the production layout; awards by POST /awards and reads over HTTP to the API process, RUN_WORKERS=false): lag, award answered -> fact row, at ${fmt(two.achieved, 0)} awards/s for ${SECONDS} s (${fmt(two.lags.length)} awards, ${fmt(two.failed)} failed): p50 / p99 / max | ${fmt(pct(two.lags, 0.5))} / ${fmt(pct(two.lags, 0.99))} / ${fmt(Math.max(...two.lags))} ms | p99 <= 1,000 ms |`,
          `| API + worker processes: insight API, warm (kept tables), ${fmt(two.warm.length)} calls over HTTP during the award stream: p50 / p99 | ${warmMs(two, 0.5)} / ${warmMs(two, 0.99)} ms | p99 <= 50 ms |`,
          `| API + worker processes: staleness of warm answers: p50 / p99 / max | ${fmt(pct(two.warm.map((w) => w.stale), 0.5) / 1000, 1)} / ${fmt(pct(two.warm.map((w) => w.stale), 0.99) / 1000, 1)} / ${fmt(Math.max(...two.warm.map((w) => w.stale)) / 1000, 1)} s | <= INSIGHT_TABLE_MAX_AGE_SECONDS (60) |`,
        ]
      : []),
    `| load average (1, 5, 15 min) at the end | ${load} | |`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  if (process.env.BENCH_RECORD === '1') appendResults(lines.join('\n'))
} finally {
  if (!closed) await runtime.close()
  if (!reuse) await admin.query(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
}
