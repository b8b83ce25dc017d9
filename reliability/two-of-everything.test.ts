import { spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DIST, PNG_URI, PROFILE, api, eventually, http, recordFigures, seedTenant, startStack, type Stack, type Tenant } from './lib.js'

// Item 3 of #15: two API processes and two workers on the same PostgreSQL and Redis, driven round-robin.
const N = PROFILE === 'ci' ? 40 : 200
/** Learners completing a pathway whose unlock has CAPACITY places (fewer than the completers). */
const COMPLETERS = PROFILE === 'ci' ? 16 : 60
const CAPACITY = Math.floor(COMPLETERS / 3)

let s: Stack
let t: Tenant
// A webhook receiver of the test: every delivery kept with its `webhook-id` (Standard Webhooks).
let receiver: Server
const deliveries: Array<{ id: string; type: string; data: any }> = []
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => { body += c.toString() })
    req.on('end', () => {
      try { const j = JSON.parse(body); deliveries.push({ id: String(req.headers['webhook-id']), type: j.type, data: j.data }) } catch { /* counted as missing */ }
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const hook = `127.0.0.1:${(receiver.address() as AddressInfo).port}`
  s = await startStack({ servers: 2, workers: 2, env: { EGRESS_ALLOW_PRIVATE_HOSTS: hook, EGRESS_ALLOW_HTTP_HOSTS: hook } })
  t = await seedTenant(s.url(0), s.adminKey, 'twins')
  await api(s.url(0), t.cityAdminKey, 'POST', `/v1/cities/${t.slug}/webhooks`, { url: `http://${hook}/hook`, events: ['pathway.completed', 'opportunity.unlocked'] })
})
afterAll(async () => {
  await s?.close()
  await new Promise<void>((resolve) => receiver ? receiver.close(() => resolve()) : resolve())
})

const award = (i: number, key: string, server: number) => http(s.url(server) + `/v1/cities/${t.slug}/awards`, {
  method: 'POST', body: JSON.stringify({ badgeClassId: t.classId, recipient: { type: 'email', identity: `twin${i}@example.org` } }),
  headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'application/json', 'idempotency-key': key },
})

it('issues once per Idempotency-Key raced on both servers, shows a revocation on both at once, and processes each event once', async () => {
  // The same key sent to both servers at the same moment (Badgr's duplicate-award race): one award.
  const ids: string[] = []
  const raceStatuses: Record<string, number> = {}
  for (let i = 0; i < N; i++) {
    const answers = await Promise.all([award(i, `twin-${i}`, 0), award(i, `twin-${i}`, 1)])
    for (const a of answers) raceStatuses[a.status] = (raceStatuses[a.status] ?? 0) + 1
    let ok = answers.filter((a) => a.status === 201).map((a) => a.json.id as string)
    // The loser of the race is told to retry (409 in flight) or replays the winner: retry it until it replays.
    if (ok.length < 2) {
      const replay = await eventually(async () => { const a = await award(i, `twin-${i}`, (i + 1) % 2); return a.status === 201 ? a : undefined }, 30_000, `replay of twin-${i}`)
      ok = [...ok, replay.json.id]
    }
    expect(new Set(ok).size, `one award for key twin-${i}`).toBe(1)
    ids.push(ok[0]!)
  }
  const [rows] = await s.pg.query<{ n: string }>("select count(*) as n from awards")
  expect(Number(rows!.n), 'awards in the database').toBe(N)

  // Revoked through one server, the hosted assertion is revoked on both at the next request.
  let staleReads = 0
  for (const [i, id] of ids.entries()) {
    if (i % 4 !== 0) continue
    for (const server of [0, 1]) expect((await http(s.url(server) + `/ob/v2/assertions/${id}`)).status).toBe(200) // both caches warm
    const r = await http(s.url(i % 2) + `/v1/cities/${t.slug}/awards/${id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'twins' }) })
    expect(r.status).toBe(200)
    const both = await Promise.all([0, 1].map((server) => http(s.url(server) + `/ob/v2/assertions/${id}`)))
    staleReads += both.filter((a) => a.status !== 410).length
  }

  // Each event processed once by the two workers: receipts are unique, city_stats equals a rebuild.
  await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>('select count(*) as n from outbox where dispatched_at is null')
    return Number(r!.n) === 0
  }, 60_000, 'the outbox to drain')
  await eventually(async () => {
    const l = await s.pg.query<{ published_bits: number | null; revoked: string }>('select sl.published_bits, (select count(*) from awards a where a.status_list_id = sl.id and a.revoked_at is not null) as revoked from status_lists sl')
    return l.every((x) => Number(x.revoked) === 0 || x.published_bits === Number(x.revoked))
  }, 60_000, 'status lists republished')
  const statsQuery = 'select city_id, organisations, events_processed from city_stats order by city_id'
  const before = await s.pg.query(statsQuery)
  const cli = spawnSync(process.execPath, [path.join(DIST, 'src/cli.js'), 'reconcile'], { env: { PATH: process.env.PATH ?? '', ...s.serverEnv(0) }, encoding: 'utf8' })
  expect(cli.status, cli.stderr).toBe(0)
  const after = await s.pg.query(statsQuery)
  const revokedCount = ids.filter((_, i) => i % 4 === 0).length
  recordFigures('3-two-of-everything', { servers: 2, workers: 2, racedKeys: N, raceStatuses, awards: Number(rows!.n), revocations: revokedCount, staleReadsAfterRevocation: staleReads, cityStatsEqualRebuild: JSON.stringify(before) === JSON.stringify(after) })
  expect(after, 'city_stats equals a full rebuild (no event counted twice)').toEqual(before)
  expect(staleReads, 'reads of a revoked assertion that still answered 200 on either server').toBe(0)
})

it('completes each learner once and never over-allocates an unlock, with two servers and two workers racing', async () => {
  const base = `/v1/cities/${t.slug}`
  const on = (i: number) => s.url(i % 2)
  // A completion badge, an interview with CAPACITY places, and a pathway that one badge satisfies.
  const completion = await api(on(0), t.issuerKey, 'POST', `${base}/badge-classes`, {
    organisationId: t.orgId, name: 'Interview Ready', description: 'Completed the route to an interview.', image: PNG_URI,
    criteria: { narrative: 'Complete the pathway.' }, spine: { elements: ['col.digital'], level: 'demonstration', dimensions: ['skills'] },
  })
  await api(on(0), t.issuerKey, 'POST', `${base}/badge-classes/${completion.id as string}/submit`)
  await api(on(1), t.cityAdminKey, 'POST', `${base}/badge-classes/${completion.id as string}/approve`)
  const now = Date.now()
  const interview = await api(on(0), t.issuerKey, 'POST', `${base}/opportunities`, {
    organisationId: t.orgId, kind: 'interview', title: 'Digital apprenticeship interview', badgeClassIds: [t.classId],
    sessions: [{ start: new Date(now + 86_400_000).toISOString(), end: new Date(now + 90_000_000).toISOString(), capacity: CAPACITY }],
  })
  await api(on(1), t.issuerKey, 'POST', `${base}/opportunities/${interview.id as string}/publish`)
  const pathway = await api(on(0), t.issuerKey, 'POST', `${base}/pathways`, {
    kind: 'recommended', organisationId: t.orgId, title: 'Towards an interview', completionBadgeClassId: completion.id,
    requirements: { type: 'badge', badgeClassId: t.classId }, unlocks: { opportunityId: interview.id, capacity: CAPACITY },
  })
  await api(on(1), t.issuerKey, 'POST', `${base}/pathways/${pathway.id as string}/publish`)
  const learners: string[] = []
  for (let i = 0; i < COMPLETERS; i++) {
    const l = await api(on(i), t.cityAdminKey, 'POST', `${base}/learners`, { ageBand: '16-18', consents: { contact: true } })
    await api(on(i + 1), t.cityAdminKey, 'POST', `${base}/pathways/${pathway.id as string}/followers`, { learnerId: l.id })
    learners.push(l.id as string)
  }
  // Each learner gets the badge twice at once, one through each server: two events that each complete the pathway,
  // taken by whichever worker is free.
  await Promise.all(learners.map((learnerId, i) => Promise.all([0, 1].map((k) =>
    api(on(i + k), t.issuerKey, 'POST', `${base}/awards`, { badgeClassId: t.classId, recipient: { learnerId } }, { 'idempotency-key': `complete-${i}-${k}` })))))

  const decided = await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>('select count(*) as n from pathway_unlocks where pathway_id = $1', [pathway.id])
    return Number(r!.n) === COMPLETERS ? r : undefined
  }, 120_000, 'an unlock decision for every completer')
  const perLearner = await s.pg.query<{ learner_id: string; n: string }>(
    'select learner_id, count(*) as n from awards where badge_class_id = $1 group by learner_id', [completion.id])
  const offered = await s.pg.query<{ n: string }>("select count(*) as n from pathway_unlocks where pathway_id = $1 and state = 'offered'", [pathway.id])
  await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>('select count(*) as n from outbox where dispatched_at is null')
    return Number(r!.n) === 0
  }, 60_000, 'the outbox to drain')
  await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>("select count(*) as n from webhook_deliveries where status not in ('delivered', 'failed')")
    return Number(r!.n) === 0 && deliveries.filter((d) => d.type === 'pathway.completed').length >= COMPLETERS
  }, 60_000, 'the webhook deliveries')
  const completedIds = new Map<string, Set<string>>()
  for (const d of deliveries.filter((x) => x.type === 'pathway.completed')) {
    const k = String(d.data?.learnerId)
    completedIds.set(k, (completedIds.get(k) ?? new Set()).add(d.id))
  }
  const unlockedIds = new Set(deliveries.filter((d) => d.type === 'opportunity.unlocked').map((d) => d.id))
  const figures = {
    servers: 2, workers: 2, completers: COMPLETERS, capacity: CAPACITY, unlockDecisions: Number(decided.n),
    completionBadges: perLearner.reduce((a, r) => a + Number(r.n), 0), learnersWithTwoCompletionBadges: perLearner.filter((r) => Number(r.n) > 1).length,
    offered: Number(offered[0]!.n), completedWebhookIds: [...completedIds.values()].reduce((a, v) => a + v.size, 0),
    completedDeliveries: deliveries.filter((d) => d.type === 'pathway.completed').length, unlockedWebhookIds: unlockedIds.size,
  }
  recordFigures('3-two-of-everything-pathways', figures)
  expect(perLearner.length, 'learners with a completion badge').toBe(COMPLETERS)
  expect(figures.learnersWithTwoCompletionBadges, 'learners given the completion badge twice').toBe(0)
  expect(figures.offered, 'places offered: all of them, never more').toBe(CAPACITY)
  // At-least-once delivery may repeat a message, always with the same id: one id per learner's completion.
  expect(completedIds.size, 'learners announced as completed').toBe(COMPLETERS)
  expect([...completedIds.values()].every((ids) => ids.size === 1), 'one webhook id per completion').toBe(true)
  expect(unlockedIds.size, 'one webhook id per place offered').toBe(CAPACITY)
})
