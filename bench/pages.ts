// The public HTML pages (issue #16) as a browser asks for them (Accept: text/html): the badge page (OB 2.0 assertion
// and OB 3.0 credential URL), issuer, badge class, achievement, city landing page, `/`, and the spine pages (an
// element lists the badges that build it). A city with branding, 10 organisations (half verified), 200 approved badge
// classes on the default spine with endorsements, and 500 awards. Target: p99 < 50 ms from the server.
// Needs DATABASE_URL and REDIS_URL.
import os from 'node:os'
import { BENCH_PNG, appendResults, fmt, load, machine, rssOf, startBenchService, type LoadResult } from './lib.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const CLASSES = 200
const AWARDS = 500
const TARGET_P99 = 50
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

const svc = await startBenchService('pages')
const { api, publicUrl, server } = svc
const ELEMENTS = ['core.knowledge', 'core.skills', 'core.attitudes-values', 'col.civic-global', 'col.creative-entrepreneurial', 'col.digital', 'col.interpersonal-social-emotional']
const LEVELS = ['engagement', 'participation', 'demonstration', 'leadership']

const orgs: string[] = []
const classes: string[] = []
const awards: string[] = []
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  await api('PATCH', '/v1/cities/bench/branding', { name: 'Bench City of Learning', accentColour: '#7a1f5c', logo: BENCH_PNG, about: 'A **City of Learning** for benchmarks.' })
  for (let i = 0; i < 10; i++) {
    const o = await api('POST', '/v1/cities/bench/organisations', { name: `Bench Org ${i}`, url: `https://org${i}.example`, email: `badges@org${i}.example`, kind: 'college', description: `Organisation ${i} runs *clubs* and courses.` })
    if (i % 2 === 0) await api('PUT', `/v1/cities/bench/organisations/${o.id}/verified`, { verified: true })
    orgs.push(o.id)
  }
  for (let i = 0; i < CLASSES; i++) {
    const bc = await api('POST', '/v1/cities/bench/badge-classes', {
      organisationId: orgs[i % orgs.length], name: `Bench Badge ${i}`, description: `Badge ${i}: took part in a **project** with others.`, image: BENCH_PNG,
      criteria: { narrative: '## What to do\n\n- take part\n- reflect on *what* you learnt\n\n[More](https://example.org/criteria)' },
      spine: { elements: [ELEMENTS[i % ELEMENTS.length], ELEMENTS[(i + 3) % ELEMENTS.length]], level: LEVELS[i % 4], dimensions: ['skills', 'knowledge'] },
      themes: ['civic'], destinations: ['education', 'employment'],
    })
    await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/submit`)
    await api('POST', `/v1/cities/bench/badge-classes/${bc.id}/approve`)
    if (i % 3 === 0) await api('POST', '/v1/cities/bench/endorsements', { organisationId: orgs[(i + 1) % orgs.length], subject: { type: 'badge-class', id: bc.id }, comment: 'We *validated* this badge.' })
    classes.push(bc.id)
  }
  for (let i = 0; i < orgs.length; i += 3) await api('POST', '/v1/cities/bench/endorsements', { organisationId: orgs[(i + 1) % orgs.length], subject: { type: 'organisation', id: orgs[i] } })
  for (let i = 0; i < AWARDS; i++) {
    const a = await api('POST', '/v1/cities/bench/awards', { badgeClassId: classes[i % CLASSES], recipient: { type: 'email', identity: `learner${i}@example.org` }, evidence: [{ url: `https://portfolio.example.org/${i}`, narrative: 'A *project*.' }] })
    awards.push(a.id)
  }
  for (let i = 0; i < AWARDS; i += 10) await api('POST', `/v1/cities/bench/awards/${awards[i]}/revoke`, { reason: 'bench' })
} catch (err) {
  process.stderr.write(`seeding failed: ${String(err)}\n`)
  await svc.close()
  throw err
}

const pick = <T>(xs: readonly T[], n: number): T[] => Array.from({ length: n }, (_, i) => xs[(i * 37) % xs.length]!)
const PAGES: Array<[string, string[]]> = [
  ['badge page (OB 2.0 assertion URL)', pick(awards, 50).map((a) => `/ob/v2/assertions/${a}`)],
  ['badge page (OB 3.0 credential URL)', pick(awards, 50).map((a) => `/ob/v3/credentials/${a}`)],
  ['issuer page', orgs.map((o) => `/ob/v2/issuers/${o}`)],
  ['badge class page', pick(classes, 50).map((c) => `/ob/v2/badges/${c}`)],
  ['achievement page', pick(classes, 50).map((c) => `/ob/v3/achievements/${c}`)],
  ['city landing page', ['/cities/bench']],
  ['home (cities)', ['/']],
  ['spine page', ['/spine/bench']],
  ['spine element page (badges that build it)', ELEMENTS.map((e) => `/spine/bench/elements/${e}`)],
  ['theme page', ['/spine/bench/themes/civic']],
]
const run = async (paths: string[], s = seconds, c = connections): Promise<LoadResult> => {
  await load({ url: publicUrl, connections: c, seconds: 2, paths, headers: BROWSER })
  return load({ url: publicUrl, connections: c, seconds: s, paths, headers: BROWSER })
}
const all = PAGES.flatMap(([, p]) => p)
const loadBefore = os.loadavg()[0]!
const mix = await run(all)
const rss = rssOf(server.proc.pid!)
const one = await run(all, seconds, 1)
const each: Array<[string, LoadResult]> = []
for (const [name, paths] of PAGES) each.push([name, await run(paths, 3)])
const loadAfter = os.loadavg()[0]!
await svc.close()

// A revoked badge page answers 410 at its OB 2.0 assertion URL by design: an intended answer, counted apart from
// errors (connection errors, timeouts and any other non-2xx answer).
const revokedShare = all.filter((p) => p.startsWith('/ob/v2/assertions/') && awards.indexOf(p.split('/').pop()!) % 10 === 0).length / all.length
const gone = (r: LoadResult): number => r.statuses['410'] ?? 0
const failures = (r: LoadResult): number => r.errors + r.non2xx - gone(r)
const ok = (r: LoadResult) => r.p99 < TARGET_P99 && failures(r) === 0
const row = (name: string, r: LoadResult, rss?: { rss: number; peak: number }): string =>
  `| ${name} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p90, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(gone(r))} | ${fmt(failures(r))} | ${rss ? `${fmt(rss.rss)} / ${fmt(rss.peak)}` : '–'} |`
const tableHead = '| page | req/s | p50 ms | p90 ms | p99 ms | max ms | 410 revoked (intended) | errors + other non-2xx | RSS / peak MiB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|'
const worst = each.reduce((w, [n, r]) => (r.p99 > w[1].p99 ? [n, r] : w), each[0]!)
appendResults(`## Public HTML pages — ${new Date().toISOString()}

- machine: ${machine()}
- data: one branded city in PostgreSQL, ${orgs.length} organisations (half verified by the city), ${fmt(CLASSES)} approved badge classes on the default spine (a third endorsed), ${fmt(AWARDS)} awards (1 in 10 revoked: their OB 2.0 badge pages answer 410, an intended answer counted apart from errors; ${fmt(revokedShare * 100, 1)}% of the rotated paths); autocannon in a separate process with a browser's Accept header, ${connections} connections, ${seconds} s after a 2 s warm-up (3 s per page kind); CityBadges compiled, with Redis, LOG_LEVEL=warn
- machine load (1-minute load average, ${os.cpus().length} CPUs): ${loadBefore.toFixed(1)} when the run started, ${loadAfter.toFixed(1)} when it ended — other processes share the CPUs: latencies include their queueing

${tableHead}
${row(`GET every page kind, ${fmt(all.length)} URLs rotated`, mix, rss)}
${row('GET every page kind, rotated, 1 connection', one)}
${each.map(([name, r]) => row(`— ${name}`, r)).join('\n')}

- **${connections} connections: p99 ${mix.p99} ms over every page: ${ok(mix) ? 'PASS' : 'FAIL'}** (target p99 < ${TARGET_P99} ms, no errors; ${fmt(gone(mix))} intended 410s of revoked badges, ${fmt(failures(mix))} errors); slowest page kind: ${worst[0]} (p99 ${worst[1].p99} ms, ${ok(worst[1]) ? 'pass' : 'FAIL'}); one request at a time: p99 ${one.p99} ms`)
