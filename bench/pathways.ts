// Pathways (issue #10 "Speed") on PostgreSQL + Redis, over a synthetic city loaded by src/synthetic/load-postgres.ts
// (default: 100,000 learners, 1,000,000 awards, 500 pathways, 300,000 followings):
//  (a) a steady stream of awards (BENCH_RATE/s, default 100) through the API: the time until the award's learner's
//      progress rows are recomputed, seen through GET /learners/{id}/pathways (`updatedAt`): target p99 <= 1 s;
//  (b) `reconcile` (rebuild every progress row, the CLI's code path) vs the bare SQL that reads the same awards and
//      writes the same number of rows (measured in the same run): target <= 60 s and <= 3x the bare SQL;
//  (c) a published pathway with many followers (BENCH_EDIT_FOLLOWERS, default 50,000) edited: the time until every
//      follower's row is recomputed: target <= 30 s.
// Sizes: BENCH_LEARNERS, BENCH_AWARDS, BENCH_PATHWAYS, BENCH_FOLLOWINGS, BENCH_SECONDS (a), or BENCH_SIZE=small
// (10,000 learners, 100,000 awards, 50 pathways, 30,000 followings, 5,000 edit followers, 10 s).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DB } from '../src/db/types.js'
import { loadSyntheticCity } from '../src/synthetic/load-postgres.js'
import { appendResults, fmt, machine, root, sparePort, startServer } from './lib.js'

const small = process.env.BENCH_SIZE === 'small'
const num = (name: string, full: number, little: number) => Number(process.env[name] ?? (small ? little : full))
const LEARNERS = num('BENCH_LEARNERS', 100_000, 10_000)
const AWARDS = num('BENCH_AWARDS', 1_000_000, 100_000)
const PATHWAYS = num('BENCH_PATHWAYS', 500, 50)
const FOLLOWINGS = num('BENCH_FOLLOWINGS', 300_000, 30_000)
const EDIT_FOLLOWERS = num('BENCH_EDIT_FOLLOWERS', 50_000, 5_000)
const SECONDS = num('BENCH_SECONDS', 60, 10)
const RATE = num('BENCH_RATE', 100, 100)

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
const server = await startServer(env)
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl.toString(), max: 4 }) }) })
const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
const api = async (method: string, path: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${publicUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN }

try {
  const t0 = Date.now()
  const loaded = await loadSyntheticCity(db, {
    seed: 10, learners: LEARNERS, awards: AWARDS, pathways: PATHWAYS, followings: FOLLOWINGS, opportunities: 100, keyEncryptionKey: kek, publicUrl,
    onProgress: (what, n) => { if (n % 100_000 === 0) process.stderr.write(`  loaded ${fmt(n)} ${what}\n`) },
  })
  const loadMs = Date.now() - t0
  await sql`analyze`.execute(db)
  const slug = loaded.citySlug

  // (b) reconcile through the CLI's code path, then the bare SQL baseline (same reads, same number of rows written).
  const rb0 = Date.now()
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reconcile'], { cwd: root, env: { ...process.env, ...env, PORT: undefined }, encoding: 'utf8' })
  if (cli.status !== 0) throw new Error(`reconcile failed: ${cli.stderr}`)
  const rebuildMs = Date.now() - rb0
  const progressRows = Number((await sql<{ n: string }>`select count(*) as n from pathway_progress`.execute(db)).rows[0]!.n)
  await sql`create unlogged table bare_progress (like pathway_progress including defaults)`.execute(db)
  const bb0 = Date.now()
  await sql`insert into bare_progress (pathway_id, learner_id, city_id, version, percent, satisfied, missing, next, contributing)
    select f.pathway_id, f.learner_id, f.city_id, f.version, least(100, count(a.id))::int, count(a.id) > 0, '[]'::jsonb, '[]'::jsonb, coalesce(array_agg(a.id::text) filter (where a.id is not null), '{}')
    from pathway_followers f left join awards a on a.learner_id = f.learner_id and a.revoked_at is null
    group by f.pathway_id, f.learner_id, f.city_id, f.version`.execute(db)
  const bareMs = Date.now() - bb0

  // (a) a steady stream of awards; each one's visibility in the progress API.
  const follows = (await sql<{ learner_id: string; pathway_id: string }>`select learner_id, pathway_id from pathway_followers order by random() limit 5000`.execute(db)).rows
  const classes = (await db.selectFrom('badge_classes').select('id').where('status', '=', 'approved').execute()).map((r) => r.id)
  const latencies: number[] = []
  let failures = 0
  const inflight: Promise<void>[] = []
  const aStart = Date.now()
  for (let i = 0; Date.now() - aStart < SECONDS * 1000; i++) {
    const due = aStart + (i * 1000) / RATE
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
    const f = follows[i % follows.length]!
    inflight.push((async () => {
      const issued = Date.now()
      try {
        await api('POST', `/v1/cities/${slug}/awards`, { badgeClassId: classes[i % classes.length], recipient: { learnerId: f.learner_id } })
        for (;;) {
          const mine = await api('GET', `/v1/cities/${slug}/learners/${f.learner_id}/pathways`)
          if ((mine.items as Array<{ updatedAt: string }>).every((x) => Date.parse(x.updatedAt) >= issued - 5)) { latencies.push(Date.now() - issued); return }
          if (Date.now() - issued > 30_000) { failures++; return }
          await new Promise((r) => setTimeout(r, 20))
        }
      } catch { failures++ }
    })())
  }
  await Promise.all(inflight)

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

  appendResults(`## Pathways (${new Date().toISOString().slice(0, 10)}${small ? ', small size' : ''})
${machine()}; PostgreSQL + Redis, one API process with its workers. Measured on a shared, loaded machine unless said otherwise.
Synthetic city: ${fmt(loaded.counts.learners)} learners, ${fmt(loaded.counts.awards)} awards, ${fmt(loaded.counts.pathways)} pathways, ${fmt(loaded.counts.followings)} followings (loaded in ${fmt(loadMs / 1000, 1)} s).

| measure | result | target |
|---|---:|---|
| (a) award -> progress API, ${RATE}/s for ${SECONDS} s: p50 / p99 / max | ${fmt(pct(latencies, 0.5))} / ${fmt(pct(latencies, 0.99))} / ${fmt(Math.max(...latencies))} ms (${latencies.length} awards, ${failures} not seen) | p99 <= 1,000 ms |
| (b) reconcile, ${fmt(progressRows)} progress rows (CLI, incl. start-up) | ${fmt(rebuildMs / 1000, 1)} s | <= 60 s |
| (b) bare SQL, same reads and rows | ${fmt(bareMs / 1000, 1)} s (ratio ${fmt(rebuildMs / Math.max(1, bareMs), 1)}x) | reconcile <= 3x |
| (c) edit of a pathway with ${fmt(followers)} followers, fully recomputed (v${edited.version}) | ${fmt(editMs / 1000, 1)} s | <= 30 s |
`)
} finally {
  await db.destroy()
  await server.stop()
  await admin.query(`drop database if exists "${dbName}" with (force)`)
  await admin.end()
}
