// Hosted OB 2.0 assertions: GET /ob/v2/assertions/{id} over 100,000 awards in PostgreSQL, 50 connections, against a
// bare Fastify returning the same bytes (same run); then POST /awards throughput on PostgreSQL + Redis.
// Needs DATABASE_URL (a server where a bench database may be created) and REDIS_URL.
import pg from 'pg'
import { BENCH_PNG, appendResults, fmt, load, machine, median, row, rssOf, sparePort, startBare, startBenchService, tableHead, type LoadResult } from './lib.js'

const AWARDS = Number(process.env.BENCH_AWARDS ?? 100_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const connections = 50

const svc = await startBenchService('ob2-hosted')
const { api, publicUrl, server } = svc
let awardIds: string[] = []
let awardBody = ''
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  const org = await api('POST', '/v1/cities/bench/organisations', { name: 'Bench College', url: 'https://college.example', email: 'badges@college.example', kind: 'college' })
  const bc = await api('POST', '/v1/cities/bench/badge-classes', { organisationId: org.id, name: 'Bench Badge', description: 'A badge for benchmarks', image: BENCH_PNG, criteria: { narrative: 'Take part.' }, spine: { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] } })
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/submit`)
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/approve`)
  awardBody = JSON.stringify({ badgeClassId: bc.id, recipient: { type: 'email', identity: 'learner@example.org' }, narrative: 'Did it.' })
  const template = await api('POST', '/v1/cities/bench/awards', JSON.parse(awardBody))

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

// Warm: every benchmarked id fetched once, as a verifier's first visit would; then alternating rounds, so that
// both servers see the same machine conditions, and the median round of each is compared.
await load({ url: publicUrl, connections, seconds: 15, paths })
await load({ url: `http://127.0.0.1:${barePort}`, connections, seconds: 3, paths })
const bareRounds: LoadResult[] = []
const hostedRounds: LoadResult[] = []
for (let i = 0; i < ROUNDS; i++) {
  bareRounds.push(await load({ url: `http://127.0.0.1:${barePort}`, connections, seconds, paths }))
  hostedRounds.push(await load({ url: publicUrl, connections, seconds, paths }))
}
const bare = median(bareRounds)
const hosted = median(hostedRounds)
const hostedRss = rssOf(server.proc.pid!)
const bareRss = rssOf(bareServer.proc.pid!)
await bareServer.stop()

// POST /awards: new awards (distinct bodies are not needed: each POST without Idempotency-Key is a new award).
const awardsLoad = await load({ url: `${publicUrl}/v1/cities/bench/awards`, connections: 20, seconds, method: 'POST', body: awardBody, headers: { ...svc.headers, 'content-type': 'application/json' } })
await svc.close()

appendResults(`## Hosted OB 2.0 assertions and award creation — ${new Date().toISOString()}

- machine: ${machine()}
- data: ${fmt(AWARDS)} awards in PostgreSQL; GET rotates over ${fmt(paths.length)} random award ids (${sampleBody.length} byte documents); autocannon in a separate process, ${connections} connections; ${ROUNDS} alternating rounds of ${seconds} s per server after a warm-up, median round shown after a 15 s warm-up of CityBadges (JIT and cache) and 3 s of bare (req/s of every round: bare ${bareRounds.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${hostedRounds.map((r) => fmt(r.rps)).join(', ')}); CityBadges compiled (node dist/src/server.js) with Redis, LOG_LEVEL=warn

${tableHead}
${row('bare Fastify, same bytes', bare, bareRss)}
${row('CityBadges GET /ob/v2/assertions/{id}', hosted, hostedRss)}
${row('CityBadges POST /v1/cities/{city}/awards (20 connections)', awardsLoad)}

- **GET ratio CityBadges / bare: ${(hosted.rps / bare.rps).toFixed(2)}×** (target ≥ 0.7×); p99 ${hosted.p99} ms (target ≤ 10 ms); server RSS ${fmt(hostedRss.rss)} MiB (target ≤ 250 MB)
- **awards created: ${fmt(awardsLoad.rps)} /s** (target ≥ 300/s), ${awardsLoad.non2xx} non-2xx answers`)
