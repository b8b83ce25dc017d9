import { afterAll, beforeAll, expect, it } from 'vitest'
import { PROFILE, eventually, http, recordFigures, seedTenant, sleep, startStack, type Stack, type Tenant } from './lib.js'

// Issue #12: a bulk issuing job survives its runner being killed. A CSV of ROWS rows (a few of them invalid) is
// uploaded; once the job is under way every process of the service (the API process and the worker: each runs a
// bulk runner, so one of them holds the job) is SIGKILLed mid-job; the worker alone is started again and resumes the
// job when its lease runs out (BULK_LEASE_SECONDS=5). Afterwards: every valid row is exactly one award with exactly
// one award.issued event, every invalid row one recorded error, no row pending, and the job's counters equal its rows.
const ROWS = PROFILE === 'ci' ? 20_000 : 60_000
const BAD_EVERY = 997

let s: Stack
let t: Tenant
beforeAll(async () => {
  s = await startStack({ servers: 1, workers: 1, env: { BULK_LEASE_SECONDS: '5' } })
  t = await seedTenant(s.url(), s.adminKey, 'bulkcrash')
})
afterAll(async () => { await s?.close() })

it(`resumes a ${ROWS.toLocaleString('en-GB')}-row bulk job after a SIGKILL of the processes working it: no duplicate, no lost row`, async () => {
  const [server] = s.servers
  const [worker] = s.workers
  const lines = ['badgeClassId,recipientType,recipientIdentity']
  let bad = 0
  for (let i = 1; i <= ROWS; i++) {
    if (i % BAD_EVERY === 0) { lines.push(`${t.classId},email,not-an-address-${i}`); bad++ } else lines.push(`${t.classId},email,crash${i}@example.org`)
  }
  const up = await http(`${s.url()}/v1/cities/${t.slug}/jobs/awards`, {
    method: 'POST', timeoutMs: 120_000, body: `${lines.join('\n')}\n`, headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'text/csv' },
  })
  expect(up.status, up.body).toBe(202)
  const jobId = up.json.id as string
  const job = async () => (await s.pg.query<{ state: string; processed: number; succeeded: number; failed: number; total: number }>('select state, processed, succeeded, failed, total from bulk_jobs where id = $1', [jobId]))[0]!

  // Kill mid-job: some rows done, most not.
  const before = await eventually(async () => { const j = await job(); return j.processed >= 1_000 ? j : undefined }, 120_000, 'the job to get under way')
  await Promise.all([server!.kill('SIGKILL'), worker!.kill('SIGKILL')])
  const atKill = await job()
  expect(atKill.processed, 'the kill came after the job had finished: nothing was tested').toBeLessThan(ROWS)
  const killedAt = Date.now()
  await sleep(500)
  expect((await job()).processed).toBe(atKill.processed) // nothing runs it now

  await worker!.start()
  const done = await eventually(async () => { const j = await job(); return j.state !== 'running' && j.state !== 'queued' ? j : undefined }, 300_000, 'the job to be resumed and completed')
  const resumeMs = Date.now() - killedAt
  expect(done).toMatchObject({ state: 'completed', total: ROWS, processed: ROWS, succeeded: ROWS - bad, failed: bad })

  const [awards] = await s.pg.query<{ n: string; keys: string; ids: string }>("select count(*) as n, count(distinct idempotency_key) as keys, count(distinct id) as ids from awards where idempotency_key like $1", [`bulk-${jobId}-%`])
  expect(Number(awards!.n)).toBe(ROWS - bad)
  expect(Number(awards!.keys)).toBe(ROWS - bad)
  const rows = await s.pg.query<{ state: string; n: string; awards: string }>('select state, count(*) as n, count(distinct award_id) as awards from bulk_job_rows where job_id = $1 group by state', [jobId])
  const by = Object.fromEntries(rows.map((r) => [r.state, { n: Number(r.n), awards: Number(r.awards) }]))
  expect(by.pending).toBeUndefined()
  expect(by.error?.n).toBe(bad)
  expect((by.issued?.n ?? 0) + (by.replayed?.n ?? 0)).toBe(ROWS - bad)
  // Each valid row names its own award, and that award is the one its key made.
  const [linked] = await s.pg.query<{ n: string }>(`
    select count(*) as n from bulk_job_rows r join awards a on a.id = r.award_id
    where r.job_id = $1 and a.idempotency_key = 'bulk-' || r.job_id || '-' || r.row_no`, [jobId])
  expect(Number(linked!.n)).toBe(ROWS - bad)
  // One award.issued event per award: none lost with the crash, none doubled by the resume.
  const [events] = await s.pg.query<{ n: string; awards: string }>(`
    select count(*) as n, count(distinct o.payload->>'awardId') as awards from outbox o
    join awards a on a.id::text = o.payload->>'awardId' where o.type = 'award.issued' and a.idempotency_key like $1`, [`bulk-${jobId}-%`])
  expect(Number(events!.n)).toBe(ROWS - bad)
  expect(Number(events!.awards)).toBe(ROWS - bad)
  // Status-list entries were never handed out twice.
  const [entries] = await s.pg.query<{ n: string; d: string }>('select count(*) as n, count(distinct (status_list_id, status_index)) as d from awards where organisation_id = $1', [t.orgId])
  expect(Number(entries!.d)).toBe(Number(entries!.n))
  expect(worker!.unexpectedExits + server!.unexpectedExits).toBe(0)

  recordFigures('bulk job resumed after SIGKILL (issue #12)', {
    rows: ROWS, invalidRows: bad, processedWhenKilled: atKill.processed, processedWhenSeenUnderWay: before.processed,
    replayedAfterResume: by.replayed?.n ?? 0, resumedAndCompletedAfterMs: resumeMs,
  })
})
