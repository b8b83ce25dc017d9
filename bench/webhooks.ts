// Webhooks (issue #12): deliveries per second to a local receiver, and a receiver that is down for a while gets every
// event afterwards, in order per subscription.
//
// Phase 1: BENCH_EVENTS awards (a CSV bulk job) with BENCH_SUBSCRIPTIONS subscriptions to
// award.issued, all pointing at a plain node:http receiver in this process (allow-listed with
// EGRESS_ALLOW_PRIVATE_HOSTS); timed from the first award until the receiver has every delivery. Target >= 500/s.
// Phase 2: the receiver goes down (its server closed: connections refused) for BENCH_OUTAGE_SECONDS (default 600),
// BENCH_OUTAGE_EVENTS awards are issued at its start, then it comes back on the same port; the run waits until
// every message has arrived and checks that each subscription received them in its delivery order. The server
// retries on the Standard Webhooks schedule times WEBHOOK_RETRY_SCALE (BENCH_RETRY_SCALE, default 1: the real
// schedule, so a 600 s outage is caught up by the attempt 35 min after the first failure).
// Needs DATABASE_URL (a server where a bench database may be created) and REDIS_URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import pg from 'pg'
import { appendResults, fmt, machine, pinningNote, sparePort, startBenchService, seedBenchCity } from './lib.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000)
const SUBS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1)
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 600)
const OUTAGE_EVENTS = Number(process.env.BENCH_OUTAGE_EVENTS ?? 1_000)
const RETRY_SCALE = process.env.BENCH_RETRY_SCALE ?? '1'
const TARGET = 500
// The Standard Webhooks waits (src/domain/integration/webhook-signature.ts), for the report.
const SCHEDULE_S = [0, 5, 300, 1800, 7200, 18000, 36000, 36000, 86400, 86400]

// The receiver: 204 to every POST; what each subscription (path /hook/<n>) received, in arrival order.
const received = new Map<number, string[]>()
let firstAt = 0
let lastAt = 0
const port = await sparePort()
const handler = (req: IncomingMessage, res: ServerResponse): void => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const n = Number(/^\/hook\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)
    const id = String(req.headers['webhook-id'] ?? '')
    if (n >= 0 && id) {
      const list = received.get(n) ?? []
      list.push(id)
      received.set(n, list)
      lastAt = performance.now()
      firstAt ||= lastAt
    }
    res.statusCode = 204
    res.end()
  })
}
let server: Server = createServer(handler)
const listen = (): Promise<void> => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
await listen()

const svc = await startBenchService('webhooks', { EGRESS_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, WEBHOOK_RETRY_SCALE: RETRY_SCALE })
const { api } = svc
const db = new pg.Client({ connectionString: svc.dbUrl })
await db.connect()
const distinct = (n: number): number => new Set(received.get(n) ?? []).size
const allDistinct = (): number => Array.from({ length: SUBS }, (_, n) => distinct(n)).reduce((a, b) => a + b, 0)
const until = async (cond: () => boolean, timeoutS: number, what: string): Promise<void> => {
  const end = Date.now() + timeoutS * 1000
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${allDistinct()} distinct deliveries received)`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

let result: string
try {
  const { badgeClass: bc } = await seedBenchCity(api)
  const subs: string[] = []
  for (let n = 0; n < SUBS; n++) subs.push((await api('POST', '/v1/cities/bench/webhooks', { url: `http://127.0.0.1:${port}/hook/${n}`, events: ['award.issued'] })).id as string)
  let issued = 0
  // Awards by a bulk job (the fast way in: the events exist at bulk speed, so the deliveries are what is measured).
  const issue = async (count: number): Promise<void> => {
    const csv = `badgeClassId,recipientType,recipientIdentity\n${Array.from({ length: count }, () => `${bc.id as string},email,wh${issued++}@example.org`).join('\n')}\n`
    const res = await fetch(`${svc.publicUrl}/v1/cities/bench/jobs/awards`, { method: 'POST', headers: { ...svc.headers, 'content-type': 'text/csv' }, body: csv })
    const job = await res.json() as { id: string }
    if (res.status !== 202) throw new Error(`bulk upload: ${res.status} ${JSON.stringify(job)}`)
    for (;;) {
      const j = await api('GET', `/v1/cities/bench/jobs/${job.id}`)
      if (j.state === 'completed' && j.succeeded === count) return
      if (!['queued', 'running'].includes(j.state)) throw new Error(`bulk job ended ${JSON.stringify(j)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  // Warm-up: a few deliveries per subscription, not timed.
  await issue(20)
  await until(() => allDistinct() === 20 * SUBS, 120, 'the warm-up deliveries')
  const base = allDistinct()
  firstAt = 0

  // Phase 1: throughput.
  const t0 = performance.now()
  await issue(EVENTS)
  const tIssued = performance.now()
  await until(() => allDistinct() - base === EVENTS * SUBS, 600, 'every delivery of phase 1')
  const tDone = performance.now()
  const window = (lastAt - firstAt) / 1000
  const deliveries = EVENTS * SUBS
  const rate = deliveries / ((tDone - t0) / 1000)
  const windowRate = deliveries / window

  // Phase 2: the receiver is down for OUTAGE_SECONDS; awards are issued as it goes down.
  const before = allDistinct()
  await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  const tDown = performance.now()
  await issue(OUTAGE_EVENTS)
  while (performance.now() - tDown < OUTAGE_SECONDS * 1000) await new Promise((r) => setTimeout(r, 200))
  const pendingAtReturn = await db.query<{ n: string; attempts: string; next: Date | null }>("select count(*) as n, max(attempts) as attempts, min(next_attempt_at) filter (where attempts > 0) as next from webhook_deliveries where status = 'pending'")
  server = createServer(handler)
  await listen()
  const tUp = performance.now()
  const nextIn = pendingAtReturn.rows[0]!.next ? Math.max(0, (new Date(pendingAtReturn.rows[0]!.next).getTime() - Date.now()) / 1000) : 0
  const scale = Number(RETRY_SCALE)
  await until(() => allDistinct() - before === OUTAGE_EVENTS * SUBS, nextIn + 600, 'every delivery after the outage')
  const tRecovered = performance.now()
  // Order: each subscription's first receipts follow its delivery order (position = outbox id), nothing missing.
  let inOrder = true
  let missing = 0
  let overtaken = 0
  for (const [n, id] of subs.entries()) {
    const expected = (await db.query<{ id: string }>('select id from webhook_deliveries where subscription_id = $1 order by position, created_at, id', [id])).rows.map((r) => r.id)
    const seen = new Set<string>()
    const firsts = (received.get(n) ?? []).filter((x) => !seen.has(x) && seen.add(x))
    missing += expected.filter((x) => !seen.has(x)).length
    if (JSON.stringify(firsts) !== JSON.stringify(expected)) inOrder = false
    // Receipts that came after a message of a later position (event order = outbox id order).
    const rank = new Map(expected.map((x, i) => [x, i]))
    let highest = -1
    for (const x of firsts) {
      const r = rank.get(x) ?? -1
      if (r < highest) overtaken++
      highest = Math.max(highest, r)
    }
  }
  const failed = Number((await db.query<{ n: string }>("select count(*) as n from webhook_deliveries where status <> 'delivered'")).rows[0]!.n)
  const duplicates = Array.from({ length: SUBS }, (_, n) => (received.get(n)?.length ?? 0) - distinct(n)).reduce((a, b) => a + b, 0)
  const caughtUp = inOrder && missing === 0 && failed === 0
  const pass = (ok: boolean): string => ok ? 'PASS' : 'FAIL'
  const attemptsAtReturn = Number(pendingAtReturn.rows[0]!.attempts ?? 0)
  result = `## Webhooks: deliveries/s and a ${fmt(OUTAGE_SECONDS)} s receiver outage — ${new Date().toISOString()}

- machine: ${machine()}; ${pinningNote()}
- setup: one city in PostgreSQL with Redis; ${SUBS} subscription${SUBS > 1 ? 's' : ''} to award.issued, each on its own path of one plain node:http receiver in the bench process (answers 204, allow-listed with EGRESS_ALLOW_PRIVATE_HOSTS); awards issued by a CSV bulk job; the whole path runs: outbox → relay (the fan-out in its transaction) → dispatcher → signed POST on a kept-alive connection; LOG_LEVEL=warn
- retry schedule: the Standard Webhooks waits × WEBHOOK_RETRY_SCALE=${RETRY_SCALE} (${SCHEDULE_S.slice(0, 5).map((s) => `${fmt(s * scale, s * scale < 10 ? 1 : 0)} s`).join(', ')}, …)

| phase | deliveries | seconds | deliveries/s |
|---|---:|---:|---:|
| ${fmt(EVENTS)} awards → ${fmt(deliveries)} deliveries, first award to last delivery | ${fmt(deliveries)} | ${fmt((tDone - t0) / 1000, 1)} | ${fmt(rate)} |
| (issuing the awards: a bulk job, until completed) | | ${fmt((tIssued - t0) / 1000, 1)} | |
| (first to last delivery) | | ${fmt(window, 1)} | ${fmt(windowRate)} |

- **${fmt(rate)} deliveries/s end to end (target >= ${TARGET}): ${pass(rate >= TARGET)}**
- outage: the receiver was down ${fmt((tUp - tDown) / 1000, 0)} s (connections refused) while ${fmt(OUTAGE_EVENTS)} awards were issued; when it came back ${fmt(Number(pendingAtReturn.rows[0]!.n))} deliveries were pending, the head ones after ${attemptsAtReturn} failed attempt${attemptsAtReturn === 1 ? '' : 's'}, the next attempt scheduled ${fmt(nextIn, 0)} s later (the schedule, not the bench, sets it); every delivery had arrived ${fmt((tRecovered - tUp) / 1000, 0)} s after the receiver was back
- **after the outage: ${fmt(OUTAGE_EVENTS * SUBS)} of ${fmt(OUTAGE_EVENTS * SUBS)} deliveries arrived, in order per subscription over the whole run: ${inOrder ? 'yes' : `NO (${overtaken} of ${fmt((EVENTS + OUTAGE_EVENTS + 20) * SUBS)} arrived after a message of a later event)`}, missing ${missing}, not delivered in the database ${failed}, repeated receipts ${duplicates}: ${pass(caughtUp)}**`
} catch (err) {
  process.stderr.write(`webhooks bench failed: ${String(err)}\nserver output (end):\n${svc.server.output().slice(-3000)}\n`)
  await db.end()
  await svc.close()
  server.close()
  throw err
}
await db.end()
await svc.close()
server.close()
appendResults(result)
