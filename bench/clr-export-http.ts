// CLR 2.0 export through HTTP (issue #8): a learner with 1,000 awards, GET /v1/cities/{city}/learners/{id}/export?format=clr
// with an app key -> one signed ClrCredential in <= 2 s. The compiled service on PostgreSQL + Redis (startBenchService).
// The first request is cold (every award's OB 3.0 credential is signed and cached on the way), then 3 warm requests.
// Needs DATABASE_URL and REDIS_URL. CLR_AWARDS scales it. Run: npm run bench -- clr-export-http
import { BENCH_PNG, appendResults, fmt, machine, startBenchService } from './lib.js'

const N = Number(process.env.CLR_AWARDS ?? 1000)
const TARGET_MS = 2000
const svc = await startBenchService('clr-export-http')
const { api, publicUrl } = svc
let url = ''
let appHeaders: Record<string, string> = {}
try {
  await api('POST', '/v1/cities', { slug: 'bench', name: 'Bench City' })
  const org = await api('POST', '/v1/cities/bench/organisations', { name: 'Bench Council', url: 'https://council.example', email: 'badges@council.example', kind: 'council' })
  const bc = await api('POST', '/v1/cities/bench/badge-classes', {
    organisationId: org.id, name: 'Bench Badge', description: 'A badge for benchmarks', image: BENCH_PNG, criteria: { narrative: 'Take part.' },
    spine: { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] }, themes: ['civic'],
  })
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id as string}/submit`)
  await api('POST', `/v1/cities/bench/badge-classes/${bc.id as string}/approve`)
  const app = await api('POST', '/v1/cities/bench/api-keys', { name: 'bench app', role: 'app' })
  appHeaders = { authorization: `Bearer ${app.key as string}` }
  const learner = await api('POST', '/v1/cities/bench/learners', { ageBand: '19-24' })
  for (let done = 0; done < N; done += 100) {
    await api('POST', '/v1/cities/bench/awards/batch', { items: Array.from({ length: Math.min(100, N - done) }, () => ({ badgeClassId: bc.id, recipient: { learnerId: learner.id } })) })
  }
  url = `${publicUrl}/v1/cities/bench/learners/${learner.id as string}/export?format=clr`
} catch (err) {
  process.stderr.write(`seeding failed: ${String(err)}\n`)
  await svc.close()
  throw err
}

async function once (): Promise<{ ms: number; bytes: number; credentials: number }> {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { ...appHeaders, accept: 'application/ld+json' } })
  const body = await res.text()
  const ms = performance.now() - t0
  if (res.status !== 200) throw new Error(`export: ${res.status} ${body.slice(0, 300)}`)
  const doc = JSON.parse(body) as { credentialSubject?: { verifiableCredential?: unknown[] } }
  return { ms, bytes: Buffer.byteLength(body), credentials: doc.credentialSubject?.verifiableCredential?.length ?? 0 }
}
const cold = await once()
const warm = [await once(), await once(), await once()]
await svc.close()
if (cold.credentials !== N || warm.some((w) => w.credentials !== N)) throw new Error(`the CLR holds ${cold.credentials} credentials, expected ${N}`)
const median = [...warm].sort((a, b) => a.ms - b.ms)[1]!
const loadAvg = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')
appendResults(`## CLR 2.0 export through HTTP (${fmt(N)} awards) — ${new Date().toISOString()}

- machine: ${machine()}; load average ${loadAvg} (shared machine: measured under load)
- GET /v1/cities/{city}/learners/{id}/export?format=clr with an app key, the compiled service on PostgreSQL + Redis; a ${(median.bytes / 2 ** 20).toFixed(1)} MiB signed ClrCredential holding ${fmt(N)} signed OpenBadgeCredentials

| request | ms | target ≤ ${TARGET_MS} ms |
|---|---:|---|
| first (cold: each award's credential signed on the way) | ${fmt(cold.ms)} | ${cold.ms <= TARGET_MS ? 'PASS' : 'FAIL'} |
| warm, median of 3 (${warm.map((w) => fmt(w.ms)).join(', ')}) | ${fmt(median.ms)} | ${median.ms <= TARGET_MS ? 'PASS' : 'FAIL'} |
`)
