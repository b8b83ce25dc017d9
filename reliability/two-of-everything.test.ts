import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DIST, PROFILE, eventually, http, recordFigures, seedTenant, startStack, type Stack, type Tenant } from './lib.js'

// Item 3 of #15: two API processes and two workers on the same PostgreSQL and Redis, driven round-robin.
const N = PROFILE === 'ci' ? 40 : 200

let s: Stack
let t: Tenant
beforeAll(async () => {
  s = await startStack({ servers: 2, workers: 2 })
  t = await seedTenant(s.url(0), s.adminKey, 'twins')
})
afterAll(async () => { await s?.close() })

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
