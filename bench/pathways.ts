// Pathways (issue #10 "Speed") on PostgreSQL + Redis, over a synthetic city loaded by src/synthetic/load-postgres.ts
// (default: 100,000 learners, 1,000,000 awards, 500 pathways, 300,000 followings):
//  (a) a steady stream of awards (BENCH_RATE/s, default 100) through the API: the time until the award's learner's
//      progress rows are recomputed, seen through GET /learners/{id}/pathways (`updatedAt`), watched with bounded
//      load (one PostgreSQL query per 25 ms, one API read per award once PostgreSQL shows it): target p99 <= 1 s;
//  (b) `reconcile --only progress` (the CLI's code path; its own timing of the step, and the CLI's wall time) vs the
//      bare SQL that reads the same awards and writes the same number of rows (same run): target <= 60 s and <= 3x;
//  (c) a published pathway with many followers (BENCH_EDIT_FOLLOWERS, default 50,000) edited: the time until every
//      follower's row is recomputed: target <= 30 s.
// BENCH_ONLY=b runs (b) alone (no API server, no (a) or (c)), for iterating on the rebuild; by default all three run.
// Sizes: BENCH_LEARNERS, BENCH_AWARDS, BENCH_PATHWAYS, BENCH_FOLLOWINGS, BENCH_SECONDS (a), or BENCH_SIZE=small
// (10,000 learners, 100,000 awards, 50 pathways, 30,000 followings, 5,000 edit followers, 10 s).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from '../src/db/migrate.js'
import type { DB } from '../src/db/types.js'
import { EVENTS_QUEUE, QUEUE_PREFIX } from '../src/jobs/events.js'
import { loadSyntheticCity } from '../src/synthetic/load-postgres.js'
import { appendResults, fmt, machine, root, sparePort, startApiAndWorker, startServer } from './lib.js'

const small = process.env.BENCH_SIZE === 'small'
const num = (name: string, full: number, little: number) => Number(process.env[name] ?? (small ? little : full))
const LEARNERS = num('BENCH_LEARNERS', 100_000, 10_000)
const AWARDS = num('BENCH_AWARDS', 1_000_000, 100_000)
const PATHWAYS = num('BENCH_PATHWAYS', 500, 50)
const FOLLOWINGS = num('BENCH_FOLLOWINGS', 300_000, 30_000)
const EDIT_FOLLOWERS = num('BENCH_EDIT_FOLLOWERS', 50_000, 5_000)
const SECONDS = num('BENCH_SECONDS', 60, 10)
const RATE = num('BENCH_RATE', 100, 100)
const ONLY_B = process.env.BENCH_ONLY === 'b'

const base = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL
if (!base || !redisUrl) {
  process.stderr.write('pathways needs DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)\n')
  process.exit(2)
}
const dbName = `cbbench_pw_${Date.now().toString(36)}`
const admin = new pg.Client({ connectionString: base })
await admin.connect()
await admin.query(`create database "${dbName}"`)
const dbUrl = new URL(base)
dbUrl.pathname = `/${dbName}`
const kek = randomBytes(32)
const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`
const port = await sparePort()
const publicUrl = `http://127.0.0.1:${port}`
const env = { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: publicUrl, DATABASE_URL: dbUrl.toString(), REDIS_URL: redisUrl, KEY_ENCRYPTION_KEY: kek.toString('hex'), CITYBADGES_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' }
// BENCH_LAYOUT: `split` (default), the production layout of ARCHITECTURE.md §2 — an API process (RUN_WORKERS=false)
// and a worker process; `one`, one API process that runs the workers too.
const SPLIT = process.env.BENCH_LAYOUT !== 'one'
const procs = ONLY_B ? undefined : SPLIT ? await startApiAndWorker(env) : undefined
const server = ONLY_B ? undefined : procs ? procs.api : await startServer(env)
const serverPids = (): number[] => procs ? [procs.api.proc.pid!, procs.worker.proc.pid!] : [server!.proc.pid!]
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl.toString(), max: 4 }) }) })
// The server migrates the database as it starts; without it, the bench does.
if (!server) await migrateToLatest(db)
const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
const api = async (method: string, path: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${publicUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}
/** CPU seconds (user + system) a process has used, from /proc (Linux). */
const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
/** Event jobs done so far by type (count, seconds), from the server's Prometheus metrics. */
const jobTimes = async (): Promise<Map<string, { count: number; sum: number }>> => {
  const text = await (await fetch(`${publicUrl}/metrics`)).text()
  const out = new Map<string, { count: number; sum: number }>()
  for (const m of text.matchAll(/^citybadges_job_duration_seconds_(sum|count)\{type="([^"]+)"\} ([\d.e+-]+)$/gm)) {
    const j = out.get(m[2]!) ?? { count: 0, sum: 0 }
    j[m[1] as 'sum' | 'count'] = Number(m[3])
    out.set(m[2]!, j)
  }
  return out
}
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN }

let queueClose: (() => Promise<void>) | undefined
try {
  const t0 = Date.now()
  const loaded = await loadSyntheticCity(db, {
    seed: 10, learners: LEARNERS, awards: AWARDS, pathways: PATHWAYS, followings: FOLLOWINGS, opportunities: 100, keyEncryptionKey: kek, publicUrl,
    onProgress: (what, n) => { if (n % 100_000 === 0) process.stderr.write(`  loaded ${fmt(n)} ${what}\n`) },
  })
  const loadMs = Date.now() - t0
  await sql`analyze`.execute(db)
  const slug = loaded.citySlug

  // (b) reconcile through the CLI's code path: the progress step alone (`--only progress`, which prints its own time),
  // and the CLI's wall time with its start-up. Then the bare SQL baseline: it reads the same awards (the counting ones,
  // with their badge class: what countingAwardsOfMany reads) for the same followings and writes the same number of
  // rows into a table like pathway_progress (logged, with its primary key and index), no evaluation.
  const rb0 = Date.now()
  // BENCH_CPU_PROF=<dir>: the reconcile CLI writes a V8 CPU profile there too.
  const cli = spawnSync(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []), '--import', 'tsx', 'src/cli.ts', 'reconcile', '--only', 'progress'], { cwd: root, env: { ...process.env, ...env, PORT: undefined }, encoding: 'utf8' })
  if (cli.status !== 0) throw new Error(`reconcile failed: ${cli.stderr}`)
  const cliMs = Date.now() - rb0
  const rebuildMs = Number(/rebuilt pathway progress for \d+ learners in (\d+) ms/.exec(cli.stderr)?.[1] ?? NaN)
  const progressRows = Number((await sql<{ n: string }>`select count(*) as n from pathway_progress`.execute(db)).rows[0]!.n)
  await sql`create table bare_progress (like pathway_progress including all)`.execute(db)
  const bb0 = Date.now()
  await sql`insert into bare_progress (pathway_id, learner_id, city_id, version, percent, satisfied, missing, next, contributing)
    select f.pathway_id, f.learner_id, f.city_id, f.version, least(100, count(a.id))::int, count(a.id) > 0, '[]'::jsonb, '[]'::jsonb,
      coalesce(array_agg(a.id::text || b.family_id::text) filter (where a.id is not null), '{}')
    from pathway_followers f
    join pathway_versions v on v.pathway_id = f.pathway_id and v.version = f.version
    left join (awards a join badge_classes b on b.id = a.badge_class_id)
      on a.learner_id = f.learner_id and a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and (a.expires is null or a.expires > now())
    group by f.pathway_id, f.learner_id, f.city_id, f.version`.execute(db)
  const bareMs = Date.now() - bb0
  const bareRows = Number((await sql<{ n: string }>`select count(*) as n from bare_progress`.execute(db)).rows[0]!.n)
  if (bareRows !== progressRows) throw new Error(`the bare SQL wrote ${bareRows} rows, reconcile ${progressRows}`)
  await sql`drop table bare_progress`.execute(db)
  if (ONLY_B) {
    const load = loadavg().map((x) => fmt(x, 2)).join(', ')
    appendResults(`## Pathways, (b) only (${new Date().toISOString().slice(0, 10)}${small ? ', small size' : ''})
${machine()}; PostgreSQL. Load average at the end: ${load} (${loadavg()[0]! > 1 ? 'under load' : 'quiet'}).
Synthetic city: ${fmt(loaded.counts.learners)} learners, ${fmt(loaded.counts.awards)} awards, ${fmt(loaded.counts.pathways)} pathways, ${fmt(loaded.counts.followings)} followings (loaded in ${fmt(loadMs / 1000, 1)} s).

| measure | result | target |
|---|---:|---|
| (b) reconcile, ${fmt(progressRows)} progress rows: the progress step (CLI wall time incl. start-up) | ${fmt(rebuildMs / 1000, 1)} s (${fmt(cliMs / 1000, 1)} s) | <= 60 s |
| (b) bare SQL, same awards read, ${fmt(bareRows)} rows written | ${fmt(bareMs / 1000, 1)} s (ratio ${fmt(rebuildMs / Math.max(1, bareMs), 1)}x; CLI wall ${fmt(cliMs / Math.max(1, bareMs), 1)}x) | reconcile <= 3x |
`)
  } else {

    // What reconcile left to do (the completions it recorded are events: the server's workers take them now) is done
    // before (a) starts, so that (a) measures its own awards, not the backlog of (b).
    const queueConn = new Redis(redisUrl, { maxRetriesPerRequest: null })
    const queue = new Queue(EVENTS_QUEUE, { connection: queueConn, prefix: QUEUE_PREFIX })
    queueClose = async () => { await queue.close(); queueConn.disconnect() }
    const backlog = async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
      const r = await sql<{ events: string; dirty: string }>`select (select count(*) from outbox where dispatched_at is null) as events, (select count(*) from pathway_dirty) as dirty`.execute(db)
      return { queued: (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), outbox: Number(r.rows[0]!.events), dirty: Number(r.rows[0]!.dirty) }
    }
    const reconcileEvents = Number((await sql<{ n: string }>`select count(*) as n from outbox where type = 'pathway.completed'`.execute(db)).rows[0]!.n)
    const s0 = Date.now()
    for (;;) {
      const b = await backlog()
      if (b.queued + b.outbox + b.dirty === 0) break
      if (Date.now() - s0 > 600_000) throw new Error(`the backlog of reconcile did not clear in 10 minutes: ${JSON.stringify(b)}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    const settleMs = Date.now() - s0

    // (a) a steady stream of awards through the API. Visibility is measured with bounded load (the measuring must not
    // add to what it measures): one loop every POLL_MS asks PostgreSQL which pending learners have every progress row
    // updated since their award, confirms each such learner once through the progress API (which reads the same rows),
    // and keeps polling the API only for those it has not seen there yet. Server facts are sampled once a second.
    const POLL_MS = 25
    const follows = (await sql<{ learner_id: string; pathway_id: string }>`select learner_id, pathway_id from pathway_followers order by random() limit 5000`.execute(db)).rows
    const classes = (await db.selectFrom('badge_classes').select('id').where('status', '=', 'approved').execute()).map((r) => r.id)
    const latencies: number[] = []
    const postMs: number[] = []
    let failures = 0
    const inflight: Promise<void>[] = []
    // Awards waiting to be seen: id -> learner and issue time; `confirming`: seen in PostgreSQL, not yet through the API.
    const pending = new Map<number, { learnerId: string; issued: number }>()
    const confirming = new Set<number>()
    const samples: Array<{ queued: number; outbox: number; dirty: number }> = []
    const jobs0 = await jobTimes()
    const cpu0 = serverPids().map(cpuSeconds)
    const aStart = Date.now()
    let issuing = true
    const seen = async (learnerId: string, issued: number): Promise<boolean> => {
      const mine = await api('GET', `/v1/cities/${slug}/learners/${learnerId}/pathways`)
      return (mine.items as Array<{ updatedAt: string }>).every((x) => Date.parse(x.updatedAt) >= issued - 5)
    }
    const watcher = (async () => {
      let lastSample = 0
      while (issuing || pending.size > 0) {
        const t = Date.now()
        if (t - lastSample >= 1000) {
          lastSample = t
          samples.push(await backlog())
        }
        for (const [id, p] of pending) if (t - p.issued > 30_000) { pending.delete(id); confirming.delete(id); failures++ }
        const waiting = [...pending].filter(([id]) => !confirming.has(id))
        if (waiting.length > 0) {
          const oldest = await sql<{ learner_id: string; oldest: Date }>`select learner_id, min(updated_at) as oldest from pathway_progress
            where learner_id = any(${[...new Set(waiting.map(([, p]) => p.learnerId))]}::uuid[]) group by learner_id`.execute(db)
          const byLearner = new Map(oldest.rows.map((r) => [r.learner_id, r.oldest.getTime()]))
          for (const [id, p] of waiting) if ((byLearner.get(p.learnerId) ?? 0) >= p.issued - 5) confirming.add(id)
        }
        await Promise.all([...confirming].map(async (id) => {
          const p = pending.get(id)
          if (!p) return
          if (await seen(p.learnerId, p.issued)) { latencies.push(Date.now() - p.issued); pending.delete(id); confirming.delete(id) }
        }))
        const rest = POLL_MS - (Date.now() - t)
        if (rest > 0) await new Promise((r) => setTimeout(r, rest))
      }
    })()
    for (let i = 0; Date.now() - aStart < SECONDS * 1000; i++) {
      const due = aStart + (i * 1000) / RATE
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
      const f = follows[i % follows.length]!
      inflight.push((async () => {
        const issued = Date.now()
        try {
          await api('POST', `/v1/cities/${slug}/awards`, { badgeClassId: classes[i % classes.length], recipient: { learnerId: f.learner_id } })
          postMs.push(Date.now() - issued)
          pending.set(i, { learnerId: f.learner_id, issued })
        } catch { failures++ }
      })())
    }
    await Promise.all(inflight)
    issuing = false
    await watcher
    const aCpu = serverPids().map((pid, i) => cpuSeconds(pid) - cpu0[i]!)
    const jobs1 = await jobTimes()
    const jobFacts = [...jobs1].filter(([type]) => (jobs1.get(type)!.count - (jobs0.get(type)?.count ?? 0)) > 0).map(([type, j]) => {
      const n = j.count - (jobs0.get(type)?.count ?? 0)
      return `${type} ${fmt(n)} × ${fmt(((j.sum - (jobs0.get(type)?.sum ?? 0)) / n) * 1000, 1)} ms`
    }).join(', ')
    const aWall = (Date.now() - aStart) / 1000
    const maxOf = (k: 'queued' | 'outbox' | 'dirty') => Math.max(0, ...samples.map((x) => x[k]))
    const meanOf = (k: 'queued' | 'outbox' | 'dirty') => samples.reduce((a, x) => a + x[k], 0) / Math.max(1, samples.length)

    // (c) a pathway edit fanned out to its followers (followers added in bulk first).
    const pw = loaded.ids.pathway('pw-0')
    await sql`insert into pathway_followers (pathway_id, learner_id, city_id, version)
      select ${pw}::uuid, id, city_id, 1 from learners where city_id = ${loaded.cityId}::uuid order by id limit ${EDIT_FOLLOWERS} on conflict do nothing`.execute(db)
    const followers = Number((await sql<{ n: string }>`select count(*) as n from pathway_followers where pathway_id = ${pw}::uuid`.execute(db)).rows[0]!.n)
    const current = await api('GET', `/v1/cities/${slug}/pathways/${pw}`)
    const e0 = Date.now()
    const edited = await api('PATCH', `/v1/cities/${slug}/pathways/${pw}`, { title: `${current.title} (second edition)` })
    const editStart = new Date(e0 - 5)
    for (;;) {
      const r = await sql<{ n: string }>`select count(*) as n from pathway_progress where pathway_id = ${pw}::uuid and updated_at >= ${editStart}`.execute(db)
      if (Number(r.rows[0]!.n) >= followers) break
      if (Date.now() - e0 > 600_000) throw new Error('the edit did not fan out within 10 minutes')
      await new Promise((r) => setTimeout(r, 100))
    }
    const editMs = Date.now() - e0
    const load = loadavg().map((x) => fmt(x, 2)).join(', ')

    appendResults(`## Pathways (${new Date().toISOString().slice(0, 10)}${small ? ', small size' : ''})
${machine()}; PostgreSQL + Redis, ${procs ? 'an API process (RUN_WORKERS=false) and a worker process (BENCH_LAYOUT=split)' : 'one API process with its workers (BENCH_LAYOUT=one)'}. Load average at the end: ${load} (${loadavg()[0]! > 1 ? 'under load' : 'quiet'}).
Synthetic city: ${fmt(loaded.counts.learners)} learners, ${fmt(loaded.counts.awards)} awards, ${fmt(loaded.counts.pathways)} pathways, ${fmt(loaded.counts.followings)} followings (loaded in ${fmt(loadMs / 1000, 1)} s).

| measure | result | target |
|---|---:|---|
| (a) award -> progress API, ${RATE}/s for ${SECONDS} s: p50 / p99 / max | ${fmt(pct(latencies, 0.5))} / ${fmt(pct(latencies, 0.99))} / ${fmt(Math.max(...latencies))} ms (${latencies.length} awards, ${failures} not seen within 30 s) | p99 <= 1,000 ms |
| (a) POST /awards answered: p50 / p99 | ${fmt(pct(postMs, 0.5))} / ${fmt(pct(postMs, 0.99))} ms | |
| (a) server during the stream (mean / max of 1 s samples): CPU of the ${procs ? 'API process / worker process' : 'API process'}; event jobs queued in BullMQ; outbox rows pending; learners marked dirty | ${aCpu.map((c) => `${fmt((c / aWall) * 100)} %`).join(' / ')} of a core; ${fmt(meanOf('queued'), 1)} / ${fmt(maxOf('queued'))}; ${fmt(meanOf('outbox'), 1)} / ${fmt(maxOf('outbox'))}; ${fmt(meanOf('dirty'), 1)} / ${fmt(maxOf('dirty'))} | |
| (a) event jobs during the stream, by type: count × mean duration | ${procs ? 'in the worker process (its metrics are not served)' : jobFacts} | |
| (b) then: ${fmt(reconcileEvents)} completions recorded by reconcile, their events worked off by the server before (a) | ${fmt(settleMs / 1000, 1)} s | |
| (b) reconcile, ${fmt(progressRows)} progress rows: the progress step (CLI wall time incl. start-up) | ${fmt(rebuildMs / 1000, 1)} s (${fmt(cliMs / 1000, 1)} s) | <= 60 s |
| (b) bare SQL, same awards read, ${fmt(bareRows)} rows written | ${fmt(bareMs / 1000, 1)} s (ratio ${fmt(rebuildMs / Math.max(1, bareMs), 1)}x; CLI wall ${fmt(cliMs / Math.max(1, bareMs), 1)}x) | reconcile <= 3x |
| (c) edit of a pathway with ${fmt(followers)} followers, fully recomputed (v${edited.version}) | ${fmt(editMs / 1000, 1)} s | <= 30 s |
`)
  }
} finally {
  await db.destroy()
  await queueClose?.()
  if (procs) await procs.stop()
  else await server?.stop()
  await admin.query(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
}
