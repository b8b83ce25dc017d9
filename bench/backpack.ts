// The backpack of a learner with 500 awards: GET /v1/cities/{city}/learners/{id}/backpack, first pages and cursor
// pages (limit 25 and 100), with an app key and with a learner token. Target: p99 <= 30 ms at 10 connections.
// Needs DATABASE_URL (a server where a bench database may be created) and REDIS_URL.
import pg from 'pg'
import { appendResults, fmt, load, machine, row, rssOf, startBenchService, tableHead, type LoadResult, seedBenchCity } from './lib.js'

const AWARDS = Number(process.env.BENCH_AWARDS ?? 500)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const TARGET_P99 = 30

const svc = await startBenchService('backpack')
const { api, publicUrl, server } = svc
let paths: string[] = []
let baseline: string[] = []
let appHeaders: Record<string, string> = {}
let learnerHeaders: Record<string, string> = {}
try {
  const { badgeClass: bc } = await seedBenchCity(api)
  const app = await api('POST', '/v1/cities/bench/api-keys', { name: 'bench app', role: 'app' })
  appHeaders = { authorization: `Bearer ${app.key as string}` }
  const learner = await api('POST', '/v1/cities/bench/learners', { ageBand: '19-24', identifiers: [{ type: 'email', value: 'bench@example.org', verified: true }] })
  // Other learners' awards in the same city, so the index must pick this learner's out of many.
  for (let n = 0; n < 3; n++) {
    const other = await api('POST', '/v1/cities/bench/learners', { ageBand: '16-18' })
    await api('POST', '/v1/cities/bench/awards/batch', { items: Array.from({ length: AWARDS }, () => ({ badgeClassId: bc.id, recipient: { learnerId: other.id } })) })
  }
  const t0 = Date.now()
  await api('POST', '/v1/cities/bench/awards/batch', { items: Array.from({ length: AWARDS }, (_, i) => ({ badgeClassId: bc.id, recipient: i % 2 ? { learnerId: learner.id } : { type: 'email', identity: 'bench@example.org' } })) })
  process.stderr.write(`issued ${fmt(AWARDS)} awards to the learner in ${Date.now() - t0} ms\n`)
  const token = await api('POST', `/v1/cities/bench/learners/${learner.id as string}/tokens`, { ttlSeconds: 3600 })
  learnerHeaders = { authorization: `Bearer ${token.token as string}` }
  const base = `/v1/cities/bench/learners/${learner.id as string}/backpack`
  const res = await fetch(`${publicUrl}${base}?limit=100`, { headers: appHeaders })
  let page = await res.json() as { items: unknown[]; nextCursor: string | null }
  if (page.items.length !== 100) throw new Error(`backpack page has ${page.items.length} items`)
  paths = [base, `${base}?limit=100`]
  // Baseline in the same run: the learner record itself (same key check, city and learner lookups, a small body).
  baseline = [`/v1/cities/bench/learners/${learner.id as string}`]
  let count = page.items.length
  while (page.nextCursor) {
    paths.push(`${base}?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`)
    page = await (await fetch(`${publicUrl}${base}?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`, { headers: appHeaders })).json() as typeof page
    count += page.items.length
  }
  if (count !== AWARDS) throw new Error(`the backpack holds ${count} awards, expected ${AWARDS}`)
  // Statistics as autovacuum would have them on a live database: the freshly seeded tables have none yet, and the
  // planner would then read and sort all of the learner's awards instead of the index's first page.
  const pgc = new pg.Client({ connectionString: svc.dbUrl })
  await pgc.connect()
  await pgc.query('analyze')
  await pgc.end()
} catch (err) {
  process.stderr.write(`seeding failed: ${String(err)}\n`)
  await svc.close()
  throw err
}

const run = async (headers: Record<string, string>, s = seconds, c = connections, p = paths): Promise<LoadResult> => {
  await load({ url: publicUrl, connections: c, seconds: 2, paths: p, headers })
  return load({ url: publicUrl, connections: c, seconds: s, paths: p, headers })
}
const withApp = await run(appHeaders)
const base = await run(appHeaders, seconds, connections, baseline)
const withToken = await run(learnerHeaders)
const rss = rssOf(server.proc.pid!)
const loadAvg = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')
const one = await run(appHeaders, seconds, 1)
// BENCH_KEEP_DB=1 keeps the seeded database (its name is printed) for EXPLAIN work.
if (process.env.BENCH_KEEP_DB === '1') process.stderr.write(`kept database ${svc.dbUrl}\n`)
await svc.close({ keep: process.env.BENCH_KEEP_DB === '1' })

const ok = (r: LoadResult) => r.p99 <= TARGET_P99 && r.errors + r.non2xx === 0
appendResults(`## Backpack of a learner with ${fmt(AWARDS)} awards — ${new Date().toISOString()}

- machine: ${machine()}
- data: one city in PostgreSQL (ANALYZEd after seeding), a learner with ${fmt(AWARDS)} awards (half by learner id, half to a verified email, linked at issue) among ${fmt(AWARDS * 4)} awards of four learners; ${paths.length} paths rotated (first page of 25, first page of 100, every cursor page of 100); autocannon in a separate process, ${connections} connections, ${seconds} s after a 2 s warm-up; CityBadges with Redis, LOG_LEVEL=warn

${tableHead.replace('| server |', '| caller |')}
${row(`GET backpack, app key, ${connections} connections`, withApp, rss)}
${row(`GET backpack, learner token, ${connections} connections`, withToken)}
${row('GET backpack, app key, 1 connection', one)}
${row(`baseline: GET the learner record, app key, ${connections} connections`, base)}

- **${connections} connections: p99 ${withApp.p99} ms (app key), ${withToken.p99} ms (learner token): ${ok(withApp) && ok(withToken) ? 'PASS' : 'FAIL'}** (target p99 <= ${TARGET_P99} ms, no errors); the learner record alone in the same run: p99 ${base.p99} ms, so the backpack costs ${fmt(withApp.p99 / Math.max(base.p99, 1), 2)}× a minimal authenticated GET; load average during the run ${loadAvg}`)
