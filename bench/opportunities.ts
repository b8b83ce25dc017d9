// Opportunities (issue #9) on PostgreSQL: 100,000 opportunities with 1,000,000 sessions in one city around Bristol.
// 1. Public search, 5 km radius + a one-week window + a theme, rotating 12 centres and windows: the API vs a bare
//    Fastify + pg server running the same SQL (bench/servers/opportunities-bare.mjs), alternating rounds in one run.
//    Targets: API p99 <= 50 ms at 10 connections; API >= 0.5x the bare server's requests/s.
// 2. The RPDE feed paged through from the start, one page after another: target >= 5,000 items/s.
// Needs DATABASE_URL and REDIS_URL. BENCH_OPPORTUNITIES / BENCH_SESSIONS_EACH / BENCH_SECONDS / BENCH_ROUNDS scale it.
import path from 'node:path'
import pg from 'pg'
import { appendResults, fmt, load, machine, median, root, row, rssOf, sparePort, startBenchService, startTs, tableHead, type LoadResult } from './lib.js'

const N = Number(process.env.BENCH_OPPORTUNITIES ?? 100_000)
const EACH = Number(process.env.BENCH_SESSIONS_EACH ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = 10
const CENTRE = { lat: 51.4545, lon: -2.5879 }
const THEMES = ['civic', 'wellbeing', 'sector.construction', 'sport', 'arts']

// The search's own per-address limit (600 a minute by default) would answer the load generator 429.
const svc = await startBenchService('opportunities', { SEARCH_RATE_LIMIT_PER_MINUTE: '10000000' })
const { api, publicUrl, headers, server } = svc
let seedMs = 0
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  const orgs: string[] = []
  for (let i = 0; i < 20; i++) orgs.push((await api('POST', '/v1/cities/bench/organisations', { name: `Provider ${i}`, url: `https://p${i}.example`, email: `hi@p${i}.example`, kind: 'charity' })).id)
  const db = new pg.Client({ connectionString: svc.dbUrl })
  await db.connect()
  db.on('error', () => {})
  const t0 = Date.now()
  const city = (await db.query<{ id: string }>("select id from cities where slug = 'bench'")).rows[0]!.id
  // Uniform over a disc of 25 km around the centre (r = 25 sqrt(u)); themes, kinds, ages and costs varied.
  await db.query(`insert into opportunities (id, city_id, organisation_id, kind, title, description, lat, lon, area, online, age_min, age_max, free,
      themes, destinations, status, published_at, created_at, updated_at)
    select gen_random_uuid(), $1, ($2::uuid[])[i % 20 + 1],
      (array['activity', 'event', 'course', 'volunteering', 'job', 'apprenticeship', 'internship', 'interview'])[i % 8 + 1],
      (array['Robotics', 'Dance', 'Coding', 'Football', 'Pottery', 'Climbing', 'Choir', 'Chess'])[i % 8 + 1] || ' club ' || i,
      'Opportunity number ' || i,
      $3::float8 + 25 * sqrt(u1) * sin(2 * pi() * u2) / 111.32,
      $4::float8 + 25 * sqrt(u1) * cos(2 * pi() * u2) / (111.32 * cos(radians($3::float8))),
      'area-' || (i % 30), i % 10 = 0, 11 + i % 5, 18 + i % 7, i % 3 <> 0,
      array[($5::text[])[i % 5 + 1]], array['education'], 'published', now(), now(), now()
    from (select i, random() as u1, random() as u2 from generate_series(1, $6::int) i) g`, [city, orgs, CENTRE.lat, CENTRE.lon, THEMES, N])
  // EACH sessions per opportunity, spread over the next ten weeks.
  await db.query(`insert into opportunity_sessions (id, city_id, opportunity_id, start_at, end_at, capacity, places_left)
    select gen_random_uuid(), o.city_id, o.id, s.t, s.t + interval '90 minutes', 20, (hashtext(o.id::text || k) & 15)
    from opportunities o, generate_series(1, $1::int) k,
      lateral (select date_trunc('hour', now()) + ((hashtext(o.id::text) & 1023) % 70) * interval '1 day' / 7 + (k - 1) * interval '7 days' + interval '9 hours' as t) s
    where o.city_id = $2`, [EACH, city])
  await db.query('vacuum analyze opportunities')
  await db.query('vacuum analyze opportunity_sessions')
  seedMs = Date.now() - t0
  const counts = (await db.query<{ o: number; s: number }>('select (select count(*)::int from opportunities) as o, (select count(*)::int from opportunity_sessions) as s')).rows[0]!
  process.stderr.write(`seeded ${fmt(counts.o)} opportunities and ${fmt(counts.s)} sessions in ${seedMs} ms\n`)
  await db.end()
} catch (err) {
  process.stderr.write(`seeding failed: ${String(err)}\n`)
  await svc.close()
  throw err
}

// 12 searches: 4 centres within 5 km of the middle × 3 one-week windows, each with a theme.
const day = 86_400_000
const base = Date.now()
const paths: string[] = []
for (let c = 0; c < 4; c++) {
  for (let w = 0; w < 3; w++) {
    const lat = CENTRE.lat + (c - 1.5) * 0.02
    const lon = CENTRE.lon + (w - 1) * 0.03
    const from = new Date(base + (w * 7 + c) * day).toISOString()
    const to = new Date(base + (w * 7 + c + 7) * day).toISOString()
    paths.push(`/v1/cities/bench/opportunities/search?near=${lat.toFixed(4)},${lon.toFixed(4)}&radiusKm=5&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&theme=${THEMES[(c + w) % 5]}`)
  }
}
const sample = await (await fetch(`${publicUrl}${paths[0]}`)).json() as { items: Array<{ distanceKm: number }> }
const sizes: number[] = []
for (const p of paths) sizes.push(((await (await fetch(`${publicUrl}${p}`)).json()) as { items: unknown[] }).items.length)

const barePort = await sparePort()
const bare = await startTs(path.join(root, 'bench/servers/opportunities-bare.mjs'), { PORT: String(barePort), DATABASE_URL: svc.dbUrl, CITY: 'bench' }, /bare server ready/)
const bareSample = await (await fetch(`http://127.0.0.1:${barePort}${paths[0]}`)).json() as { items: Array<{ distanceKm: number }> }
if (JSON.stringify(bareSample.items.map((i) => i.distanceKm)) !== JSON.stringify(sample.items.map((i) => i.distanceKm))) {
  process.stderr.write('warning: the bare server and the API disagree on the first search\n')
}

await load({ url: publicUrl, connections, seconds: 3, paths, headers })
await load({ url: `http://127.0.0.1:${barePort}`, connections, seconds: 3, paths })
const apiRounds: LoadResult[] = []
const bareRounds: LoadResult[] = []
for (let r = 0; r < rounds; r++) {
  apiRounds.push(await load({ url: publicUrl, connections, seconds, paths }))
  bareRounds.push(await load({ url: `http://127.0.0.1:${barePort}`, connections, seconds, paths }))
}
const apiR = median(apiRounds)
const bareR = median(bareRounds)
const apiRss = rssOf(server.proc.pid!)
await bare.stop()

// RPDE: every page from the start, sequentially, as a harvester reads it.
let items = 0
let pages = 0
let next = `${publicUrl}/feeds/bench/opportunities`
const f0 = performance.now()
for (;;) {
  const page = await (await fetch(next)).json() as { items: unknown[]; next: string }
  if (page.items.length === 0) break
  items += page.items.length
  pages++
  next = page.next
}
const feedSeconds = (performance.now() - f0) / 1000
const feedRate = items / feedSeconds
// BENCH_KEEP_DB=1 keeps the seeded database (its name is printed) for EXPLAIN work.
if (process.env.BENCH_KEEP_DB === '1') process.stderr.write(`kept database ${svc.dbUrl}\n`)
await svc.close({ keep: process.env.BENCH_KEEP_DB === '1' })

const ratio = apiR.rps / bareR.rps
const pass = apiR.p99 <= 50 && apiR.errors + apiR.non2xx === 0
appendResults(`## Opportunities: search and RPDE over ${fmt(N)} opportunities — ${new Date().toISOString()}

- machine: ${machine()}
- data: one city in PostgreSQL, ${fmt(N)} published opportunities uniform over a 25 km disc around Bristol (51.4545, -2.5879), ${fmt(N * EACH)} sessions (${EACH} each, over ten weeks), seeded with INSERT … SELECT generate_series in ${fmt(seedMs / 1000, 1)} s; GiST on ll_to_earth(lat, lon)
- search: 12 requests rotated (4 centres × 3 one-week windows), each \`near=…&radiusKm=5&from=…&to=…&theme=…\`; results per page ${Math.min(...sizes)}–${Math.max(...sizes)}; autocannon in a separate process, ${connections} connections, ${rounds} alternating rounds of ${seconds} s (median round shown) after a 3 s warm-up each; the API compiled, with Redis, LOG_LEVEL=warn; the baseline a bare Fastify + pg (pool 20) running the same SQL

${tableHead}
${row('CityBadges GET /v1/cities/{city}/opportunities/search', apiR, apiRss)}
${row('bare Fastify + pg, same SQL', bareR)}

- **search p99 ${apiR.p99} ms at ${connections} connections: ${pass ? 'PASS' : 'FAIL'}** (target ≤ 50 ms); **API/bare requests/s ${fmt(ratio, 2)}x: ${ratio >= 0.5 ? 'PASS' : 'FAIL'}** (target ≥ 0.5x)
- answers by status: API ${JSON.stringify(apiR.statuses)}, bare ${JSON.stringify(bareR.statuses)}
- **RPDE feed: ${fmt(items)} items in ${fmt(pages)} pages in ${fmt(feedSeconds, 1)} s = ${fmt(feedRate)} items/s: ${feedRate >= 5000 && items >= N ? 'PASS' : 'FAIL'}** (target ≥ 5,000 items/s, all ${fmt(N)} items)`)
process.stdout.write(`search p99 ${apiR.p99} ms, ${fmt(apiR.rps)} req/s vs bare ${fmt(bareR.rps)} req/s (${fmt(ratio, 2)}x); RPDE ${fmt(feedRate)} items/s\n`)
