// Hosted OB 2.0 assertions: GET /ob/v2/assertions/{id} over 100,000 awards in PostgreSQL, 50 connections, against a
// bare Fastify returning the same bytes; then POST /awards against a bare Fastify + pg doing the award's core
// transaction (award row + outbox row). Both comparisons in paired rounds of the same run (see pairedRounds).
// Needs DATABASE_URL (a server where a bench database may be created) and REDIS_URL.
import { rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import pg from 'pg'
import { BENCH_PNG, appendResults, fastLoadGenerator, fmt, load, loadFast, machine, pairedRounds, pinningNote, prime, p99Median, ratioLine, root, row, rssOf, sparePort, spread, startBare, startBaseline, withCpu, startBenchService, startProcessExported, tableHead } from './lib.js'

const AWARDS = Number(process.env.BENCH_AWARDS ?? 100_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
// GET: many short pairs (a pair's two rounds then see the same machine: this VM's speed swings by 2x within minutes).
const GET_SECONDS = Number(process.env.BENCH_GET_SECONDS ?? 3)
const GET_ROUNDS = Number(process.env.BENCH_GET_ROUNDS ?? 21)
const getGen = fastLoadGenerator()
const WARM = Number(process.env.BENCH_WARM_SECONDS ?? 10)
const connections = 50
const awardConnections = 20

// PUBLIC_URL https: the documents and headers a production deployment (behind TLS) sends.
const svc = await startBenchService('ob2-hosted', {}, { https: true })
const { api, publicUrl } = svc
let awardIds: string[] = []
let awardBody = ''
let templateId = ''
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  const org = await api('POST', '/v1/cities/bench/organisations', { name: 'Bench College', url: 'https://college.example', email: 'badges@college.example', kind: 'college' })
  const bc = await api('POST', '/v1/cities/bench/badge-classes', { organisationId: org.id, name: 'Bench Badge', description: 'A badge for benchmarks', image: BENCH_PNG, criteria: { narrative: 'Take part.' }, spine: { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] } })
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/submit`)
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/approve`)
  awardBody = JSON.stringify({ badgeClassId: bc.id, recipient: { type: 'email', identity: 'learner@example.org' }, narrative: 'Did it.' })
  const template = await api('POST', '/v1/cities/bench/awards', JSON.parse(awardBody))
  templateId = template.id

  // 100,000 awards: clones of the template row with fresh ids and salts (status-list entries are allocated lazily).
  const db = new pg.Client({ connectionString: svc.dbUrl })
  await db.connect()
  const cols = (await db.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'awards' and column_name not in ('id', 'salt', 'idempotency_key', 'created_at', 'status_list_id', 'status_index') order by ordinal_position")).rows.map((r) => r.column_name)
  const list = cols.map((c) => `"${c}"`).join(', ')
  const t0 = Date.now()
  await db.query(`insert into awards (id, salt, created_at, ${list})
    select gen_random_uuid(), md5(random()::text), now(), ${list} from awards, generate_series(1, $1) where id = $2`, [AWARDS - 1, template.id])
  process.stderr.write(`seeded ${AWARDS} awards in ${Date.now() - t0} ms\n`)
  awardIds = (await db.query<{ id: string }>('select id from awards order by random() limit 20000')).rows.map((r) => r.id)
  await db.end()
} catch (err) {
  await svc.close()
  throw err
}
const paths = awardIds.map((id) => `/ob/v2/assertions/${id}`)
const sample = await fetch(`${publicUrl}${paths[0]}`)
const sampleBody = await sample.text()
const sampleType = sample.headers.get('content-type') ?? 'application/ld+json'

const barePort = await sparePort()
const bareServer = await startBare({ PORT: String(barePort), BARE_BODY: sampleBody, BARE_TYPE: sampleType })
const bareUrl = `http://127.0.0.1:${barePort}`

// Warm both alike: every benchmarked id fetched once from each (as a verifier's first visit would; deterministic even on
// a slow machine), then the same time under the same load for the JIT.
await prime(bareUrl, paths)
await prime(publicUrl, paths)
await loadFast({ url: bareUrl, connections, seconds: WARM, paths })
await loadFast({ url: publicUrl, connections, seconds: WARM, paths })
const get = await pairedRounds(GET_ROUNDS,
  () => withCpu(bareServer.proc.pid!, () => loadFast({ url: bareUrl, connections, seconds: GET_SECONDS, paths })),
  () => withCpu(svc.server.proc.pid!, () => loadFast({ url: publicUrl, connections, seconds: GET_SECONDS, paths })))
// The servers' CPU time per answer in each pair: bare / CityBadges is the same comparison as the throughput ratio when
// the server's core is what saturates, and says so independently of the load generator.
const cpuRatios = spread(get.a.map((x, i) => x.cpuPerAnswer / get.b[i]!.cpuPerAnswer))
const cpuMedian = (rs: { cpuPerAnswer: number }[]): number => spread(rs.map((r) => r.cpuPerAnswer)).median
// The memory target is the GET benchmark's: the peak (VmHWM) of the server's whole life up to here (start, 100,000
// awards written through it, every benchmarked id fetched, the warm-up and the rounds), not the value at the end.
const hostedRss = rssOf(svc.server.proc.pid!)
const bareRss = rssOf(bareServer.proc.pid!)
await bareServer.stop()

// The second baseline: a bare Fastify giving the same answers (each id's own document, the same headers), filled from
// the service. What it adds to the fixed-bytes baseline is what the answers themselves cost; what CityBadges adds to
// it is the service's own share.
const pathsFile = path.join(os.tmpdir(), `cb-bench-paths-${process.pid}.json`)
writeFileSync(pathsFile, JSON.stringify(paths))
const sameAnswersPort = await sparePort()
const sameAnswers = await startBaseline('bare-docs.mjs', { PORT: String(sameAnswersPort), SOURCE_URL: publicUrl, PATHS_FILE: pathsFile })
rmSync(pathsFile) // read at its start
const sameAnswersUrl = `http://127.0.0.1:${sameAnswersPort}`
await loadFast({ url: sameAnswersUrl, connections, seconds: WARM, paths })
const SAME_ROUNDS = Math.max(5, Math.ceil(GET_ROUNDS / 2) | 1)
const same = await pairedRounds(SAME_ROUNDS,
  () => withCpu(sameAnswers.proc.pid!, () => loadFast({ url: sameAnswersUrl, connections, seconds: GET_SECONDS, paths })),
  () => withCpu(svc.server.proc.pid!, () => loadFast({ url: publicUrl, connections, seconds: GET_SECONDS, paths })))
const sameCpuRatios = spread(same.a.map((x, i) => x.cpuPerAnswer / same.b[i]!.cpuPerAnswer))
await sameAnswers.stop()

// POST /awards vs the bare Fastify + pg transaction, paired the same way.
const bareAwardsPort = await sparePort()
const bareAwards = await startProcessExported([path.join(root, 'bench/servers/bare-awards.mjs')], { PORT: String(bareAwardsPort), DATABASE_URL: svc.dbUrl, BARE_TEMPLATE_AWARD: templateId }, /bare server ready/)
const awardHeaders = { ...svc.headers, 'content-type': 'application/json' }
const postBare = () => load({ url: `http://127.0.0.1:${bareAwardsPort}/awards`, connections: awardConnections, seconds, method: 'POST', body: awardBody, headers: { 'content-type': 'application/json' } })
const postOurs = () => load({ url: `${publicUrl}/v1/cities/bench/awards`, connections: awardConnections, seconds, method: 'POST', body: awardBody, headers: awardHeaders })
await postBare()
await postOurs()
const awardRounds = Math.max(3, Math.ceil(ROUNDS / 2))
// (1) One process doing everything: the API and, in the same process, the processing of every event it writes.
const awardsAllInOne = await pairedRounds(awardRounds, postBare, postOurs)
const peakAfterAwards = rssOf(svc.server.proc.pid!)
// (2) The API process as deployed beside worker processes (RUN_WORKERS=false): the same request path, its events
// queued for workers (none runs during the rounds — the bare server's outbox rows are processed by nobody either);
// then a worker process drains what was queued, timed, so the work is not hidden.
await svc.restart({ RUN_WORKERS: 'false' })
await postOurs()
const awards = await pairedRounds(awardRounds, postBare, postOurs)
const peakApiOnly = rssOf(svc.server.proc.pid!)
const pgc = new pg.Client({ connectionString: svc.dbUrl })
await pgc.connect()
const eventsBefore = Number((await pgc.query<{ n: string }>("select count(*) as n from outbox")).rows[0]!.n)
const queue = new Queue('events', { connection: { url: process.env.REDIS_URL }, prefix: 'citybadges' })
// Done when no outbox row waits for the relay and no job waits for a worker.
const pendingWork = async (): Promise<number> => {
  const rows = Number((await pgc.query<{ n: string }>('select count(*) as n from outbox where dispatched_at is null')).rows[0]!.n)
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
  return rows + Object.values(c).reduce((a, b) => a + b, 0)
}
const awardsNow = Number((await pgc.query<{ n: string }>('select count(*) as n from awards')).rows[0]!.n)
const drain0 = performance.now()
const worker = await svc.startWorker()
let drained = false
for (const end = Date.now() + 600_000; Date.now() < end;) {
  if (await pendingWork() === 0) { drained = true; break }
  await new Promise((r) => setTimeout(r, 200))
}
const drainS = (performance.now() - drain0) / 1000
await worker.stop()
await queue.close()
await pgc.end()
await bareAwards.stop()
await svc.close()

const gp99 = p99Median(get.b)
appendResults(`## Hosted OB 2.0 assertions and award creation (paired rounds) — ${new Date().toISOString()}

- machine: ${machine()}; ${pinningNote()}
- data: ${fmt(AWARDS)} awards in PostgreSQL; GET rotates over ${fmt(paths.length)} random award ids (${sampleBody.length} byte documents); GET driven by ${getGen === 'wrk' ? 'wrk (one thread, requests formatted once)' : 'autocannon'} in a separate process, ${connections} connections; both servers warmed alike (every id fetched once from each, then ${WARM} s of load each), then ${GET_ROUNDS} pairs of ${GET_SECONDS} s rounds (order alternating); POST driven by autocannon, ${awardRounds} pairs of ${seconds} s rounds; bare Fastify with the tick-object workaround of our entry points (bench/lib.ts startBare); CityBadges compiled (node dist/src/server.js) with Redis, LOG_LEVEL=warn, PUBLIC_URL https (so its answers carry Strict-Transport-Security, as in production)
- GET req/s per round: bare ${get.a.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${get.b.map((r) => fmt(r.rps)).join(', ')}
- POST req/s per round (${awardConnections} connections), API process with RUN_WORKERS=false: bare Fastify + pg (award row + outbox row, one transaction) ${awards.a.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${awards.b.map((r) => fmt(r.rps)).join(', ')}
- POST req/s per round, one process that also processes its events (RUN_WORKERS=true, the default): bare ${awardsAllInOne.a.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${awardsAllInOne.b.map((r) => fmt(r.rps)).join(', ')}

${tableHead}
${row('bare Fastify, same bytes (median round)', get.aMedian, bareRss)}
${row('CityBadges GET /ob/v2/assertions/{id} (median round)', get.bMedian, hostedRss)}
${row('bare Fastify + pg, award + outbox transaction', awards.aMedian)}
${row('CityBadges POST /v1/cities/{city}/awards, API process (RUN_WORKERS=false)', awards.bMedian, peakApiOnly)}
${row('CityBadges POST /v1/cities/{city}/awards, events processed in the same process', awardsAllInOne.bMedian, peakAfterAwards)}

- **GET CityBadges / bare: ${ratioLine(get)}** (target median ≥ 0.9×); p99 (median over rounds) ${gp99} ms (target ≤ 5 ms): ${get.ratio.median >= 0.9 && gp99 <= 5 ? 'PASS' : 'MISS'}
- server CPU time per GET answer (user + system, all threads, median over rounds): bare ${fmt(cpuMedian(get.a), 1)} µs, CityBadges ${fmt(cpuMedian(get.b), 1)} µs; per pair bare / CityBadges min ${cpuRatios.min.toFixed(2)}×, median ${cpuRatios.median.toFixed(2)}×, max ${cpuRatios.max.toFixed(2)}×
- against the second baseline, a bare Fastify giving the same answers (each id's own document from a Map, the same response headers; bench/servers/bare-docs.mjs), ${SAME_ROUNDS} more pairs: GET CityBadges / same answers: ${ratioLine(same)}; server CPU per answer bare ${fmt(cpuMedian(same.a), 1)} µs, CityBadges ${fmt(cpuMedian(same.b), 1)} µs (per pair median ${sameCpuRatios.median.toFixed(2)}×); not the target's baseline, for reading it
- **server memory in the GET benchmark: peak (VmHWM) ${fmt(hostedRss.peak)} MiB** (RSS at its end ${fmt(hostedRss.rss)} MiB; target ≤ 250 MB: ${hostedRss.peak * 1.048576 <= 250 ? 'PASS' : 'MISS'}); peaks of the POST phases for the record: the same process after its all-in-one POST rounds ${fmt(peakAfterAwards.peak)} MiB, the API process (RUN_WORKERS=false) ${fmt(peakApiOnly.peak)} MiB
- **POST /awards, API process (RUN_WORKERS=false) / bare pg: ${ratioLine(awards)}** (target ≥ 0.5×): ${awards.ratio.median >= 0.5 ? 'PASS' : 'MISS'}; ${fmt(awards.bMedian.rps)} awards/s, ${awards.b.reduce((n, r) => n + r.non2xx + r.errors, 0)} non-2xx answers; then one worker process processed the ${fmt(Math.max(0, eventsBefore))} events of the run's ${fmt(awardsNow)} awards in ${fmt(drainS, 1)} s${drained ? '' : ' (NOT finished within 10 minutes)'}
- POST /awards, events processed in the same process / bare pg: ${ratioLine(awardsAllInOne)}; ${fmt(awardsAllInOne.bMedian.rps)} awards/s`)
