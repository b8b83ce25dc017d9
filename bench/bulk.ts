// Bulk issuing (issue #12): a CSV of 100,000 rows (BENCH_ROWS) through POST /v1/cities/{city}/jobs/awards, timed from
// the upload until the job is completed; in the same run, the baseline: BENCH_BASELINE_ROWS rows of the same shape
// issued one request at a time through POST /v1/cities/{city}/awards by BENCH_CLIENTS concurrent clients (each with
// an Idempotency-Key, as a careful integrator sends). Targets: >= 1,000 awards/s, and >= 2x the baseline.
// Needs DATABASE_URL (a server where a bench database may be created) and REDIS_URL.
import pg from 'pg'
import { appendResults, fmt, machine, pinningNote, startBenchService, seedBenchCity } from './lib.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? 5_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const TARGET_RATE = 1_000
const TARGET_RATIO = 2

const svc = await startBenchService('bulk')
const { api, publicUrl, headers } = svc
const db = new pg.Client({ connectionString: svc.dbUrl })
await db.connect()
const row = (klass: string, i: number, prefix: string): string[] => [klass, 'email', `${prefix}${i}@example.org`, `https://evidence.example.org/${prefix}/${i}`]

let result: string
try {
  const { badgeClass: bc } = await seedBenchCity(api)
  // Warm-up (signing key, status list, caches): a few awards each way, not timed.
  for (let i = 0; i < 20; i++) await api('POST', '/v1/cities/bench/awards', { badgeClassId: bc.id, recipient: { type: 'email', identity: `warm${i}@example.org` } })

  // Baseline: one request per award, CLIENTS at a time.
  let next = 0
  let failures = 0
  const b0 = performance.now()
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < BASELINE_ROWS) {
      const i = next++
      const [badgeClassId, type, identity, url] = row(bc.id as string, i, 'one')
      const res = await fetch(`${publicUrl}/v1/cities/bench/awards`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `one-${i}` },
        body: JSON.stringify({ badgeClassId, recipient: { type, identity }, evidence: [{ url }] }),
      })
      await res.arrayBuffer()
      if (res.status !== 201) failures++
    }
  }))
  const baselineSeconds = (performance.now() - b0) / 1000
  const baselineRate = BASELINE_ROWS / baselineSeconds

  // Bulk: the whole file in one upload, then the job until it is completed.
  const csv = `badgeClassId,recipientType,recipientIdentity,evidenceUrl\n${Array.from({ length: ROWS }, (_, i) => row(bc.id as string, i, 'bulk').join(',')).join('\n')}\n`
  const t0 = performance.now()
  const res = await fetch(`${publicUrl}/v1/cities/bench/jobs/awards`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv })
  const accepted = await res.json() as { id: string; total: number }
  if (res.status !== 202) throw new Error(`bulk upload: ${res.status} ${JSON.stringify(accepted)}`)
  const tAccepted = performance.now()
  let job: { state: string; processed: number; succeeded: number; failed: number }
  for (;;) {
    job = await api('GET', `/v1/cities/bench/jobs/${accepted.id}`)
    if (!['queued', 'running'].includes(job.state)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const tDone = performance.now()
  if (job.state !== 'completed' || job.succeeded !== ROWS) throw new Error(`bulk job ended ${JSON.stringify(job)}`)
  const counted = await db.query<{ n: string; d: string }>("select count(*) as n, count(distinct idempotency_key) as d from awards where idempotency_key like $1", [`bulk-${accepted.id}-%`])
  const events = await db.query<{ n: string }>("select count(*) as n from outbox o join bulk_job_rows r on r.award_id::text = o.payload->>'awardId' where o.type = 'award.issued' and r.job_id = $1", [accepted.id])
  if (Number(counted.rows[0]!.n) !== ROWS || Number(counted.rows[0]!.d) !== ROWS) throw new Error(`bulk job made ${counted.rows[0]!.n} awards for ${ROWS} rows`)
  if (Number(events.rows[0]!.n) !== ROWS) throw new Error(`bulk job wrote ${events.rows[0]!.n} award.issued events for ${ROWS} awards`)
  const total = (tDone - t0) / 1000
  const issuing = (tDone - tAccepted) / 1000
  const rate = ROWS / total
  const ratio = rate / baselineRate
  const pass = (ok: boolean): string => ok ? 'PASS' : 'FAIL'
  result = `## Bulk issuing: ${fmt(ROWS)} rows by CSV job vs one request per award — ${new Date().toISOString()}

- machine: ${machine()}; ${pinningNote()}
- data: one city in PostgreSQL with Redis; rows \`badgeClassId,recipientType,recipientIdentity,evidenceUrl\`, every recipient a distinct email no learner holds (so every award is pending and gets its claim and link event: the costly case); LOG_LEVEL=warn
- bulk: one upload of ${fmt(ROWS)} rows (${fmt(csv.length / 1024 / 1024, 1)} MiB) to \`POST /v1/cities/bench/jobs/awards\`, the job polled every 100 ms until completed; checked afterwards: ${fmt(ROWS)} awards with distinct idempotency keys and ${fmt(ROWS)} award.issued events
- baseline (same run, before the bulk job): ${fmt(BASELINE_ROWS)} rows of the same shape, one \`POST /v1/cities/bench/awards\` each with an Idempotency-Key, ${CLIENTS} concurrent clients; non-201 answers: ${failures}

| way | rows | seconds | awards/s |
|---|---:|---:|---:|
| bulk job, upload to completed | ${fmt(ROWS)} | ${fmt(total, 1)} | ${fmt(rate)} |
| (of which upload and checks until 202) | | ${fmt(total - issuing, 1)} | |
| (of which the job after 202) | | ${fmt(issuing, 1)} | ${fmt(ROWS / issuing)} |
| one request per award, ${CLIENTS} clients | ${fmt(BASELINE_ROWS)} | ${fmt(baselineSeconds, 1)} | ${fmt(baselineRate)} |

- **${fmt(rate)} awards/s end to end (target >= ${fmt(TARGET_RATE)}): ${pass(rate >= TARGET_RATE)}; ${fmt(ratio, 2)}× the one-request-per-award baseline (target >= ${TARGET_RATIO}×): ${pass(ratio >= TARGET_RATIO && failures === 0)}**`
} catch (err) {
  process.stderr.write(`bulk bench failed: ${String(err)}\n`)
  await db.end()
  await svc.close()
  throw err
}
await db.end()
await svc.close()
appendResults(result)
