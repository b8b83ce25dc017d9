// The catalogue and the coverage grid over 10,000 badge classes of one city in PostgreSQL: GET
// /v1/cities/{city}/catalogue rotating through filter combinations, and GET /v1/cities/{city}/spine/coverage (plain
// and with descendants). Target: p99 < 50 ms. Needs DATABASE_URL (a server where a bench database may be created)
// and REDIS_URL. BENCH_SEED_ONLY=1 seeds, prints the database URL and keeps it (to read query plans).
import pg from 'pg'
import { BENCH_PNG, appendResults, fmt, load, machine, row, rssOf, startBenchService, tableHead, type LoadResult } from './lib.js'

const CLASSES = Number(process.env.BENCH_CLASSES ?? 10_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const ORGS = 20
const TARGET_P99 = 50

const svc = await startBenchService('catalogue')
const { api, publicUrl, headers, server } = svc

// Every code of the default spine plus one child (for `descendants`), themes and destinations of a new city.
const ELEMENTS = [
  'core.knowledge', 'core.skills', 'core.skills.cognitive-metacognitive', 'core.skills.social-emotional', 'core.skills.practical-physical',
  'core.attitudes-values', 'core.transformative', 'core.transformative.creating-new-value', 'core.transformative.reconciling-tensions-dilemmas',
  'core.transformative.taking-responsibility', 'col.interpersonal-social-emotional', 'col.civic-global', 'col.creative-entrepreneurial',
  'col.ethic-of-craft-business-awareness', 'col.digital', 'col.digital.coding',
]
const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(', ')}]::text[]`

const orgIds: string[] = []
let cursor = ''
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  for (let i = 0; i < ORGS; i++) {
    orgIds.push((await api('POST', '/v1/cities/bench/organisations', { name: `Bench Org ${i}`, url: `https://org${i}.example`, email: `badges@org${i}.example`, kind: 'college' })).id)
  }
  await api('POST', '/v1/cities/bench/spine/elements', { code: 'col.digital.coding', layer: 'cities-of-learning', parentCode: 'col.digital', title: 'Coding' })
  const bc = await api('POST', '/v1/cities/bench/badge-classes', {
    organisationId: orgIds[0], name: 'Bench Badge', description: 'A badge for benchmarks', image: BENCH_PNG, criteria: { narrative: 'Take part.' },
    spine: { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] }, themes: ['civic'], destinations: ['education'],
  })
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/submit`)
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/approve`)

  // The rest: clones of the API-made row with varied names, issuers, spine choices, themes, destinations and
  // statuses (1 in 20 a draft, 1 in 20 retired), one per minute back in time; then their alignment and selection rows.
  const db = new pg.Client({ connectionString: svc.dbUrl })
  await db.connect()
  db.on('error', () => {}) // dropped with the database on failure
  const varied = ['id', 'family_id', 'organisation_id', 'status', 'name', 'description', 'tags', 'spine_elements', 'spine_level', 'spine_dimensions',
    'themes', 'destinations', 'created_at', 'updated_at', 'approved_at', 'retired_at']
  const copied = (await db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'badge_classes'
    and column_name <> all($1::text[]) and is_generated = 'NEVER' order by ordinal_position`, [varied])).rows.map((r) => `"${r.column_name}"`)
  const t0 = Date.now()
  await db.query(`insert into badge_classes (${[...varied, ...copied].join(', ')})
    select g.id, g.id, (${`array[${orgIds.map((o) => `'${o}'::uuid`).join(', ')}]`})[i % ${ORGS} + 1], g.status,
      (array['Digital', 'Young', 'Coding', 'Wellbeing', 'Civic', 'Engineering', 'Heritage', 'Sailing', 'Music', 'Art', 'Sports', 'Science'])[i % 12 + 1]
        || ' ' || (array['Maker', 'Curator', 'Leader', 'Champion', 'Explorer', 'Taster', 'Foundations', 'Volunteer', 'Mentor'])[(i / 12) % 9 + 1] || ' ' || i,
      'Badge number ' || i || ': ' || (array['built a project with others', 'volunteered in the community', 'completed a work taster', 'led a session for younger members', 'researched and presented a topic'])[i % 5 + 1],
      array[(array['digital', 'heritage', 'making', 'sport', 'music', 'stem', 'volunteering'])[i % 7 + 1]],
      (select array_agg(distinct e) from unnest(array[(${arr(ELEMENTS)})[i % 16 + 1], (${arr(ELEMENTS)})[(i / 16) % 16 + 1]]) e),
      (array['engagement', 'participation', 'demonstration', 'leadership'])[(i / 3) % 4 + 1],
      case i % 4 when 0 then array['knowledge'] when 1 then array['skills'] when 2 then array['attitudes-values'] else array['knowledge', 'skills'] end,
      case i % 5 when 0 then array['civic'] when 1 then array['wellbeing'] when 2 then array['sector.construction'] when 3 then array['civic', 'wellbeing'] else '{}' end,
      case i % 3 when 0 then array['education'] when 1 then array['employment', 'enterprise'] else array['civic-engagement'] end,
      now() - i * interval '1 minute', now(),
      case when g.status = 'draft' then null else now() end, case when g.status = 'retired' then now() else null end,
      ${copied.map((c) => `t.${c}`).join(', ')}
    from (select gen_random_uuid() as id, i, case i % 20 when 0 then 'draft' when 1 then 'retired' else 'approved' end as status
          from generate_series(1, $1) i) g, badge_classes t
    where t.id = $2`, [CLASSES - 1, bc.id])
  await db.query(`insert into badge_class_selections (city_id, badge_class_id, level, dimensions, elements, approved)
    select city_id, id, spine_level, spine_dimensions, spine_elements, status = 'approved' from badge_classes where id <> $1`, [bc.id])
  await db.query(`insert into badge_class_alignments (city_id, badge_class_id, element_code, level, dimension, approved)
    select city_id, id, e, spine_level, d, status = 'approved' from badge_classes, unnest(spine_elements) e, unnest(spine_dimensions) d where id <> $1`, [bc.id])
  await db.query('vacuum analyze') // the steady state autovacuum keeps
  process.stderr.write(`seeded ${fmt(CLASSES)} badge classes in ${Date.now() - t0} ms\n`)
  await db.end()
  cursor = (await api('GET', '/v1/cities/bench/catalogue?limit=25')).nextCursor as string
} catch (err) {
  process.stderr.write(`seeding failed: ${String(err)}\n`)
  await svc.close()
  throw err
}

if (process.env.BENCH_SEED_ONLY) {
  // For reading query plans: keep the seeded database (drop it yourself).
  process.stdout.write(`seeded ${svc.dbUrl}\n`)
  await svc.close({ keep: true })
  process.exit(0)
}

const catalogue = (q: string) => `/v1/cities/bench/catalogue${q}`
const FILTERS: Array<[string, string]> = [
  ['first page', catalogue('')],
  ['second page (cursor)', catalogue(`?cursor=${encodeURIComponent(cursor)}`)],
  ['element', catalogue('?element=col.civic-global')],
  ['element + descendants', catalogue('?element=col.digital&descendants=true')],
  ['grid cell (level + dimension)', catalogue('?level=participation&dimension=skills')],
  ['element in a grid cell', catalogue('?element=core.knowledge&level=demonstration&dimension=knowledge')],
  ['theme', catalogue('?theme=sector.construction')],
  ['destination', catalogue('?destination=employment')],
  ['organisation', catalogue(`?organisation=${orgIds[7]}`)],
  ['text', catalogue('?q=young%20cur')],
  ['text, one rare word', catalogue('?q=9999')],
  ['text + theme + level', catalogue('?q=maker&theme=wellbeing&level=leadership')],
  ['drafts of an issuer', catalogue(`?status=draft&organisation=${orgIds[0]}`)],
]
const COVERAGE: Array<[string, string]> = [
  ['coverage', '/v1/cities/bench/spine/coverage'],
  ['coverage, descendants', '/v1/cities/bench/spine/coverage?descendants=true'],
  ['coverage, empty cells of a layer', '/v1/cities/bench/spine/coverage?onlyEmpty=true&layer=core'],
]
const counts: string[] = []
for (const [name, path] of FILTERS) {
  const page = await api('GET', path)
  counts.push(`${name}: ${page.items.length}${page.nextCursor ? '+' : ''}`)
}
const cov = await api('GET', COVERAGE[0]![1])

const run = async (paths: string[], s = seconds, c = connections): Promise<LoadResult> => {
  await load({ url: publicUrl, connections: c, seconds: 2, paths, headers })
  return load({ url: publicUrl, connections: c, seconds: s, paths, headers })
}
const catalogueMix = await run(FILTERS.map(([, p]) => p))
const coverageMix = await run(COVERAGE.map(([, p]) => p))
const rss = rssOf(server.proc.pid!)
// Unloaded latency (one request at a time) and a heavier load, for context: under load, latency is queueing.
const catalogueOne = await run(FILTERS.map(([, p]) => p), seconds, 1)
const coverageOne = await run(COVERAGE.map(([, p]) => p), seconds, 1)
const catalogue50 = await run(FILTERS.map(([, p]) => p), seconds, 50)
const each: Array<[string, LoadResult]> = []
for (const [name, path] of [...FILTERS, ...COVERAGE]) each.push([name, await run([path], 3)])
await svc.close()

const ok = (r: LoadResult) => r.p99 < TARGET_P99 && r.errors + r.non2xx === 0
const worst = each.reduce((w, [n, r]) => (r.p99 > w[1].p99 ? [n, r] : w), each[0]!)
appendResults(`## Catalogue and coverage over ${fmt(CLASSES)} badge classes — ${new Date().toISOString()}

- machine: ${machine()}
- data: one city in PostgreSQL with ${fmt(CLASSES)} badge classes (90% approved, 5% drafts, 5% retired) from ${ORGS} organisations over the 16 elements of its spine, every level, dimension, theme and destination; ${fmt(cov.badgeClasses)} approved in coverage (${fmt(cov.cells.length)} cells, ${fmt(cov.emptyCells)} empty); autocannon in a separate process, ${connections} connections, ${seconds} s after a 2 s warm-up (3 s per single query); CityBadges with Redis, LOG_LEVEL=warn
- catalogue filters rotated (items on the first page): ${counts.join('; ')}

${tableHead.replace('| server |', '| query |')}
${row(`GET /catalogue, ${FILTERS.length} filter combinations rotated`, catalogueMix, rss)}
${row(`GET /spine/coverage, ${COVERAGE.length} variants rotated`, coverageMix)}
${row('GET /catalogue, rotated, 1 connection', catalogueOne)}
${row('GET /spine/coverage, rotated, 1 connection', coverageOne)}
${row('GET /catalogue, rotated, 50 connections', catalogue50)}
${each.map(([name, r]) => row(`— ${name}`, r)).join('\n')}

- **${connections} connections: catalogue p99 ${catalogueMix.p99} ms, coverage p99 ${coverageMix.p99} ms: ${ok(catalogueMix) && ok(coverageMix) ? 'PASS' : 'FAIL'}** (target p99 < ${TARGET_P99} ms, no errors); slowest single query: ${worst[0]} (p99 ${worst[1].p99} ms, ${ok(worst[1]) ? 'pass' : 'FAIL'})
- context: one request at a time, catalogue p99 ${catalogueOne.p99} ms and coverage p99 ${coverageOne.p99} ms; at 50 connections the catalogue is throughput-bound (${fmt(catalogue50.rps)} req/s, p99 ${catalogue50.p99} ms: ${ok(catalogue50) ? 'pass' : 'over the target'})`)
