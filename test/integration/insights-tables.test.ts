import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { BACKGROUND_LOCK, settingsOf } from '../../src/db/insights/insights.repo.js'
import { CITY_COPY_MS } from '../../src/domain/cities/cities.js'
import type { InsightService } from '../../src/domain/insights/insights.js'
import { recordKey } from '../../src/insights/index.js'
import pg from 'pg'
import { createTestApp, eventually, makeCity, usingPostgres, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Kept insight tables (issue #11 "Speed"), on the real database and queue (and embedded): a kept table is answered from
// insight_tables, fresh while the city's facts are unchanged or it is younger than the max age (here 600 s, so the
// workers' debounce is 150 s); past the max age it is still answered at once, as kept, and computed again in the
// background, once however many read it and not where another process holds its lease; the refresher takes the
// oldest stale table first; threshold and decile changes drop the city's tables; an organisation's view and the
// city's are separate rows; a kept table equals a fresh computation and a computation after `reconcile`; SQL record
// keys are the pure module's.

const MAX_AGE_S = 600
// The insight processor's refresher (src/jobs/insights-facts.ts) runs a second after fact writes and, while stale tables
// that were read wait, comes back within a minute: here at any moment, as this file's clock runs ahead of the timers'.
// A round landing in a test would take the very tables the test watches being revalidated (with rounds every 300 ms the
// first test fails so), so the processor's rounds do their work only in the test about them; elsewhere a round finds
// nothing.
// The tests that call refreshStale call the service's own.
let processorRounds = false
const without = (t: any) => { const { asOf: _asOf, ...rest } = t; return rest }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('kept insight tables', () => {
  let t: TestContext
  let offsetMs = 0
  let city: { slug: string; id: string; cityAdminKey: string }
  let one: Awaited<ReturnType<typeof setupIssuer>>
  let two: Awaited<ReturnType<typeof setupIssuer>>
  let three: Awaited<ReturnType<typeof setupIssuer>>
  let readerKey: string
  let refreshStale: InsightService['refreshStale']

  const base = () => `/v1/cities/${city.slug}`
  const admin = () => t.auth(city.cityAdminKey)
  const get = async (url: string, key = readerKey) => expectOk(await t.app.inject({ method: 'GET', url: `${base()}/insights/${url}`, headers: t.auth(key) }))
  const kept = async () => (await sql<{ scope: string; query_key: string; body: string; computed_at: Date; read_at: Date }>`select scope, query_key, body, computed_at, read_at from insight_tables where city_id = ${city.id} order by scope, query_key`.execute(t.runtime.database.db)).rows
  const version = async () => (await settingsOf(t.runtime.database.db, city.id)).factsVersion
  /** How many kept tables this process computed, by cause (the metric). */
  const computed = async () => {
    const m = await t.runtime.metrics.registry.getSingleMetric('citybadges_insight_table_compute_seconds')!.get()
    const n = (cause: string) => m.values.find((v: any) => v.metricName === 'citybadges_insight_table_compute_seconds_count' && v.labels.cause === cause)?.value ?? 0
    return { request: n('request'), revalidation: n('revalidation'), refresh: n('refresh') }
  }
  /** Lets the refresher's round after the last fact writes pass (it finds nothing due: tables younger than the debounce). */
  const quiet = () => sleep(2_000)
  const keptRow = async (part: string) => (await kept()).find((r) => r.scope === 'city' && r.query_key.includes(part))!
  const factCount = async () => Number((await sql<{ n: string }>`select count(*) as n from insight_award_facts where city_id = ${city.id}`.execute(t.runtime.database.db)).rows[0]!.n)
  /** Awards `n` new learners through `issuer`, and waits for their facts. */
  const awardNew = async (issuer: typeof one, n: number) => {
    const before = await factCount()
    for (let i = 0; i < n; i++) {
      const l = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand: '16-18', area: 'LS6' } }), 201)
      expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: l.id } } }), 201)
    }
    await t.runtime.relay.drain()
    await eventually(async () => (await factCount()) === before + n, 30_000, 'facts of the new awards')
    // Later events (learner.created) write the same facts again and bump the version: wait until it stands still.
    let last = -1
    await eventually(async () => {
      const pending = Number((await sql<{ n: string }>`select count(*) as n from outbox where dispatched_at is null`.execute(t.runtime.database.db)).rows[0]!.n)
      const v = await version()
      const still = pending === 0 && v === last
      last = v
      if (!still) await new Promise((r) => setTimeout(r, 300))
      return still
    }, 30_000, 'the facts version to settle')
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { INSIGHT_TABLE_MAX_AGE_SECONDS: String(MAX_AGE_S) }, runtime: { clock: () => new Date(Date.now() + offsetMs) } })
    const insights = t.runtime.services.insights
    refreshStale = insights.refreshStale
    insights.refreshStale = async (opts) => processorRounds ? refreshStale(opts) : { refreshed: 0, busyMs: 0 }
    city = await makeCity(t)
    one = await setupIssuer(t, city, { name: 'Harbourside College' })
    two = await setupIssuer(t, city, { name: 'Northside Youth Club' })
    three = await setupIssuer(t, city, { name: 'City Museum' })
    readerKey = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/api-keys`, headers: admin(), payload: { name: 'officer', role: 'reader' } }), 201).key
    expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold: 5 } }))
    // No organisation brings more than half of the learners (the dominance rule would hide the totals).
    for (const issuer of [one, two, three]) await awardNew(issuer, 12)
  }, 300_000)
  afterAll(async () => { await t?.close() })

  it('answers the kept table within the max age after an award; after the max age, at once as kept (once recomputed in the background, however many ask), then the new one', async () => {
    const first = await get('learners')
    expect(first.total.value).toBeGreaterThanOrEqual(35)
    expect(first.total.value).toBeLessThanOrEqual(40) // 36 distinct learners, rounded by the cell key
    expect((await kept()).map((r) => r.scope)).toEqual(['city'])
    const v = await version()
    await awardNew(three, 12)
    expect(await version()).toBeGreaterThan(v)
    const again = await get('learners')
    expect(again.asOf).toBe(first.asOf)
    expect(again).toEqual(first) // the same asOf: the kept table, stale but younger than the max age
    await quiet()
    offsetMs += (MAX_AGE_S + 1) * 1000
    const c0 = await computed()
    // Expired: every reader is answered at once with the kept table (its asOf says how old), none computes it ...
    const answers = await Promise.all(Array.from({ length: 8 }, () => get('learners')))
    for (const a of answers) expect(a).toEqual(first)
    expect((await computed()).request).toBe(c0.request)
    // ... and it is computed again once, in the background.
    await t.runtime.services.insights.idle()
    const c1 = await computed()
    expect(c1.revalidation - c0.revalidation).toBe(1)
    expect(c1.refresh).toBe(c0.refresh)
    const later = await get('learners')
    expect(Date.parse(later.asOf)).toBeGreaterThan(Date.parse(first.asOf))
    expect(later.asOf).toBe((await keptRow('learners')).computed_at.toISOString())
    expect(later.total.value).toBeGreaterThanOrEqual(45) // 48 learners now
    // Facts unchanged since: the kept table is answered however old it gets.
    offsetMs += (MAX_AGE_S + 1) * 1000
    expect(await get('learners')).toEqual(later)
  })

  it('the insight processor refreshes a stale table that is read, after the debounce (max age / 4)', async () => {
    processorRounds = true
    onTestFinished(() => { processorRounds = false })
    const before = await get('learners?by=ageBand')
    // Awards within the debounce leave the table as it is; the first one after it triggers the refresh.
    await awardNew(one, 9)
    expect(await get('learners?by=ageBand')).toEqual(before)
    offsetMs += (MAX_AGE_S / 4 + 1) * 1000
    await awardNew(one, 1)
    // The processor's refresh (a second after the fact writes) computes the table again at the service's clock.
    const row = await eventually(async () => (await kept()).find((r) => r.scope === 'city' && r.query_key.includes('"ageBand"') && r.computed_at.getTime() > Date.parse(before.asOf)), 30_000, 'the background refresh')
    // A refresh is not a read (a table nobody reads is not refreshed for ever): read_at stays the first read's.
    expect(row.read_at.toISOString()).toBe(before.asOf)
    const now = await get('learners?by=ageBand')
    expect(now.asOf).toBe(row.computed_at.toISOString())
    expect(JSON.parse(row.body).total).toEqual(now.total)
    expect(now.total.value).toBeGreaterThan(before.total.value) // 58 learners (55 or 60) against 48 (45 or 50)
  })

  it('an expired table whose computation another process holds (its lease) is answered as kept and not computed here', async () => {
    const first = await get('learners?by=organisationKind')
    await awardNew(two, 2)
    await quiet()
    offsetMs += (MAX_AGE_S + 1) * 1000
    const lease = (until: Date | null) => sql`update insight_tables set refreshing_until = ${until} where city_id = ${city.id} and scope = 'city' and query_key like '%"organisationKind"%'`.execute(t.runtime.database.db)
    await lease(new Date(Date.now() + offsetMs + 3_600_000))
    const c0 = await computed()
    expect(await get('learners?by=organisationKind')).toEqual(first)
    await t.runtime.services.insights.idle()
    expect(await computed()).toEqual(c0)
    expect((await keptRow('"organisationKind"')).computed_at.toISOString()).toBe(first.asOf)
    // The other process gives the lease back (its computation failed): the next reader, answered as kept, revalidates.
    await lease(null)
    offsetMs += 1_100 // the process looks at a kept table at most once a second
    expect(await get('learners?by=organisationKind')).toEqual(first)
    await t.runtime.services.insights.idle()
    expect((await computed()).revalidation).toBe(c0.revalidation + 1)
    const now = await get('learners?by=organisationKind')
    expect(Date.parse(now.asOf)).toBeGreaterThan(Date.parse(first.asOf))
  })

  it('the refresher takes the oldest stale table first, and no more than asked', async () => {
    await sql`delete from insight_tables where city_id = ${city.id}`.execute(t.runtime.database.db)
    const older = await get('learners?by=destination') // computed first ...
    offsetMs += 1000
    const newer = await get('learners?by=badgeClass') // ... this one later, and read later
    await awardNew(one, 1)
    await quiet()
    offsetMs += (MAX_AGE_S / 4 + 1) * 1000 // both stale and past the debounce, neither past the max age
    const r = await refreshStale({ limit: 1 })
    expect(r.refreshed).toBe(1)
    expect(Date.parse((await keptRow('"destination"')).computed_at.toISOString())).toBeGreaterThan(Date.parse(older.asOf))
    expect((await keptRow('"badgeClass"')).computed_at.toISOString()).toBe(newer.asOf)
    expect((await refreshStale()).refreshed).toBe(1)
    expect(Date.parse((await keptRow('"badgeClass"')).computed_at.toISOString())).toBeGreaterThan(Date.parse(newer.asOf))
  })

  // Embedded, PGlite's one connection runs everything in turn anyway; on PostgreSQL a lock held by another connection
  // keeps the first computation waiting, long enough to see that the second has not started.
  it.runIf(usingPostgres())('computes expired tables in the background one at a time in a process', async () => {
    await sql`delete from insight_tables where city_id = ${city.id}`.execute(t.runtime.database.db)
    const a = await get('learners?by=dimension')
    const b = await get('learners?by=element')
    await awardNew(two, 1)
    await quiet()
    offsetMs += (MAX_AGE_S + 1) * 1000
    const c0 = await computed()
    /** The tables of this test that are claimed (a lease) for a computation. */
    const claimed = async () => (await sql<{ query_key: string }>`select query_key from insight_tables where city_id = ${city.id} and scope = 'city' and refreshing_until is not null`.execute(t.runtime.database.db)).rows.map((r) => r.query_key)
    const other = new pg.Client({ connectionString: t.config.databaseUrl })
    await other.connect()
    try {
      await other.query('begin')
      await other.query('lock table insight_award_facts in access exclusive mode')
      expect(await get('learners?by=dimension')).toEqual(a)
      expect(await get('learners?by=element')).toEqual(b)
      // The two looks run side by side, so either revalidation may take the lane first; the other waits its turn.
      await eventually(async () => (await claimed()).length > 0, 10_000, 'a first revalidation to claim its table')
      await sleep(500)
      expect(await claimed()).toHaveLength(1) // the other: waiting its turn, not claimed, not computing
      await other.query('commit')
    } finally {
      await other.end()
    }
    await t.runtime.services.insights.idle()
    expect((await computed()).revalidation).toBe(c0.revalidation + 2)
    expect(Date.parse((await get('learners?by=dimension')).asOf)).toBeGreaterThan(Date.parse(a.asOf))
    expect(Date.parse((await get('learners?by=element')).asOf)).toBeGreaterThan(Date.parse(b.asOf))
  })

  it.runIf(usingPostgres())('one background computation at a time on the database: a reader\'s revalidation does not wait its turn, the refresher does', async () => {
    await sql`delete from insight_tables where city_id = ${city.id}`.execute(t.runtime.database.db)
    const a = await get('learners?by=level')
    await awardNew(three, 1)
    await quiet()
    offsetMs += (MAX_AGE_S + 1) * 1000
    const c0 = await computed()
    const row = () => sql<{ until: Date | null; computed_at: Date }>`select refreshing_until as until, computed_at from insight_tables where city_id = ${city.id} and scope = 'city' and query_key like '%"level"%'`.execute(t.runtime.database.db).then((r) => r.rows[0]!)
    const other = new pg.Client({ connectionString: t.config.databaseUrl })
    await other.connect()
    try {
      // Another process's background computation holds the turn.
      await other.query('begin')
      await other.query('select pg_advisory_xact_lock(hashtext($1))', [BACKGROUND_LOCK])
      expect(await get('learners?by=level')).toEqual(a)
      await t.runtime.services.insights.idle()
      expect(await computed()).toEqual(c0) // not computed here ...
      expect((await row()).until).toBeNull() // ... and the claim given back at once, for the refresher
      expect((await row()).computed_at.toISOString()).toBe(a.asOf)
      // The refresher claims the table and waits for its turn.
      const refreshing = refreshStale({ limit: 1 })
      await eventually(async () => (await row()).until !== null, 10_000, 'the refresher to claim the table')
      await sleep(300)
      expect((await computed()).refresh).toBe(c0.refresh)
      await other.query('commit')
      expect((await refreshing).refreshed).toBe(1)
    } finally {
      await other.end()
    }
    expect((await computed()).refresh).toBe(c0.refresh + 1)
    expect(Date.parse((await row()).computed_at.toISOString())).toBeGreaterThan(Date.parse(a.asOf))
  })

  it('a look at a kept table reads its body again only when it was computed again', async () => {
    const first = await get('learners?by=ageBand,level') // computed now: fresh (no revalidation below)
    // The row's body changes under the same computation time (nothing in the service does that): the copy stands.
    await sql`update insight_tables set body = jsonb_set(body::jsonb, '{rules}', '[{"rule":"changed","description":"changed","figures":0}]'::jsonb)::text where city_id = ${city.id} and scope = 'city' and query_key like '%"ageBand","level"%'`.execute(t.runtime.database.db)
    offsetMs += 1_100
    await get('learners?by=ageBand,level')
    await t.runtime.services.insights.idle()
    expect(await get('learners?by=ageBand,level')).toEqual(first)
    // Computed again (a later computation time): the look brings the new body.
    await sql`update insight_tables set computed_at = computed_at + interval '1 millisecond' where city_id = ${city.id} and scope = 'city' and query_key like '%"ageBand","level"%'`.execute(t.runtime.database.db)
    offsetMs += 1_100
    await get('learners?by=ageBand,level')
    await t.runtime.services.insights.idle()
    expect((await get('learners?by=ageBand,level')).rules[0].rule).toBe('changed')
  })

  it('never answers one scope with the table kept for another', async () => {
    const city0 = await get('learners?by=area')
    const own = await get('learners?by=area', one.issuerKey)
    expect(own.total.value).toBeLessThan(city0.total.value) // the issuer sees its own learners only
    const rows = (await kept()).filter((r) => r.query_key.includes('"area"'))
    expect(rows.map((r) => r.scope).sort()).toEqual(['city', one.org.id].sort())
    // Mark each kept row: a reader meets only the city's mark, the issuer only its own, the other issuer neither. (As a
    // new computation: a process holding a copy reads a kept body again only when its computation time changed.)
    const mark = async (scope: string, label: string) => sql`update insight_tables set body = jsonb_set(body::jsonb, '{rules}', ${JSON.stringify([{ rule: label, description: label, figures: 0 }])}::jsonb)::text, computed_at = computed_at + interval '1 millisecond' where city_id = ${city.id} and scope = ${scope} and query_key like '%"area"%'`.execute(t.runtime.database.db)
    await mark('city', 'city-mark')
    await mark(one.org.id, 'org-mark')
    // A process answers its copy of a kept table and looks at the row again a second later, in the background.
    expect((await get('learners?by=area')).rules[0].rule).not.toBe('city-mark')
    offsetMs += 1_100
    await get('learners?by=area')
    await get('learners?by=area', one.issuerKey)
    await t.runtime.services.insights.idle()
    expect((await get('learners?by=area')).rules[0].rule).toBe('city-mark')
    expect((await get('learners?by=area', one.issuerKey)).rules[0].rule).toBe('org-mark')
    const other = await get('learners?by=area', two.issuerKey)
    expect(other.rules.map((r: any) => r.rule)).not.toContain('city-mark')
    expect(other.rules.map((r: any) => r.rule)).not.toContain('org-mark')
    expect((await kept()).filter((r) => r.query_key.includes('"area"')).map((r) => r.scope).sort()).toEqual(['city', one.org.id, two.org.id].sort())
  })

  it('a threshold change or a decile upload drops the city\'s kept tables', async () => {
    await get('learners?by=theme')
    expect((await kept()).length).toBeGreaterThan(0)
    expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold: 6 } }))
    expect(await kept()).toEqual([])
    const at6 = await get('learners?by=theme')
    expect(at6.threshold).toBe(6)
    expect((await kept()).length).toBe(1)
    expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/deciles`, headers: { ...admin(), 'content-type': 'text/csv' }, payload: 'area,decile\nLS6,2\n' }))
    expect(await kept()).toEqual([])
    const byDecile = await get('learners?by=decile')
    expect(byDecile.rows.map((r: any) => r.key)).toEqual(['2'])
  })

  it('a kept table equals a fresh computation, and a computation after reconcile', async () => {
    const urls = ['learners?by=organisation', 'awards?period=month', 'learners?by=area,ageBand', 'funnel', 'supply-demand?by=area']
    const keptTables = []
    for (const u of urls) keptTables.push(await get(u))
    for (const u of urls) expect(without(await get(u))).toEqual(without(keptTables[urls.indexOf(u)])) // answered from the store
    await sql`delete from insight_tables where city_id = ${city.id}`.execute(t.runtime.database.db)
    // The process's copies are answered until a look a second later finds the rows gone; then each is computed again.
    for (const u of urls) expect(without(await get(u))).toEqual(without(keptTables[urls.indexOf(u)]))
    offsetMs += 1_100
    for (const u of urls) await get(u)
    await t.runtime.services.insights.idle()
    const again = []
    for (const u of urls) again.push(await get(u))
    for (const u of urls) {
      expect(Date.parse(again[urls.indexOf(u)].asOf)).toBeGreaterThan(Date.parse(keptTables[urls.indexOf(u)].asOf))
      expect(without(again[urls.indexOf(u)])).toEqual(without(keptTables[urls.indexOf(u)]))
    }
    await t.runtime.services.insights.rebuild(city.id)
    offsetMs += (MAX_AGE_S + 1) * 1000 // rebuild bumped the version: computed again
    for (const u of urls) {
      const fresh = await get(u)
      expect(Date.parse(fresh.asOf)).toBeGreaterThan(Date.parse(keptTables[urls.indexOf(u)].asOf))
      expect(without(fresh)).toEqual(without(keptTables[urls.indexOf(u)]))
    }
  })

  // A reader of a table this process has answered is not kept waiting by PostgreSQL: here the kept tables and the
  // settings are locked by another connection, as a long write would; the copy is answered, and the look that brings
  // it up to date waits for the lock in the background.
  it.runIf(usingPostgres())('answers its copy of a kept table at once while the tables behind it are locked; looks again in the background', async () => {
    const first = await get('learners?by=level')
    offsetMs += 1_100
    const other = new pg.Client({ connectionString: t.config.databaseUrl })
    await other.connect()
    try {
      await other.query('begin')
      await other.query('lock table insight_tables, insight_settings in access exclusive mode')
      const t0 = Date.now()
      expect(await get('learners?by=level')).toEqual(first)
      expect(Date.now() - t0).toBeLessThan(1_000)
      // The background look waits for the lock (on whichever of the two tables it takes first).
      const waiting = async () => Number((await other.query<{ n: string }>("select count(*) as n from pg_locks where not granted and relation in ('insight_tables'::regclass, 'insight_settings'::regclass)")).rows[0]!.n)
      await eventually(async () => (await waiting()) > 0, 10_000, 'the background look to wait for the lock')
      await other.query('commit')
    } finally {
      await other.end()
    }
    await t.runtime.services.insights.idle()
  })

  it('a threshold written by another process applies to this process\'s reads within CITY_COPY_MS, never a copy under the old one after', async () => {
    const before = await get('learners?by=ageBand')
    // Another process (here SQL) raises the threshold without this process hearing of it.
    await sql`update cities set privacy_threshold = ${before.threshold + 1} where id = ${city.id}`.execute(t.runtime.database.db)
    try {
      // The city row a read checks its copy against is at most CITY_COPY_MS old (a read of it that began before the
      // update expires by then): the next read after that is under the new threshold.
      await new Promise((r) => setTimeout(r, CITY_COPY_MS + 20))
      const after = await get('learners?by=ageBand')
      expect(after.threshold).toBe(before.threshold + 1)
      expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf))
    } finally {
      await sql`update cities set privacy_threshold = ${before.threshold} where id = ${city.id}`.execute(t.runtime.database.db)
    }
  })

  it('a threshold changed through this process applies to its very next read (its copy of the city is dropped)', async () => {
    const before = await get('learners?by=ageBand')
    expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold: before.threshold + 2 } }))
    try {
      const after = await get('learners?by=ageBand')
      expect(after.threshold).toBe(before.threshold + 2)
    } finally {
      expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold: before.threshold } }))
    }
  })

  it('record keys in SQL are the pure module\'s recordKey of the learner and of the award', async () => {
    const { secret } = await settingsOf(t.runtime.database.db, city.id)
    const rows = (await sql<{ award_id: string; learner_id: string; record_key: string; item_key: string }>`select award_id, learner_id, record_key, item_key from insight_award_facts where city_id = ${city.id}`.execute(t.runtime.database.db)).rows
    expect(rows.length).toBeGreaterThan(30)
    for (const r of rows) {
      expect(Number(r.record_key)).toBe(recordKey(secret, r.learner_id))
      expect(Number(r.item_key)).toBe(recordKey(secret, r.award_id))
    }
  })
})
