import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allFacts } from '../../src/db/insights/insights.repo.js'
import { loadSyntheticCity, type LoadedCity } from '../../src/synthetic/load-postgres.js'
import { createTestApp, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'

// Insights on the synthetic city (src/synthetic/load-postgres.ts, written in bulk without events): `reconcile`
// builds the facts; pathway funnels and supply vs demand answer with the figures the source tables hold (within
// the rounding), by pathway, area and deprivation decile.

describe('insights on the synthetic city', () => {
  let t: TestContext
  let loaded: LoadedCity
  let key: string

  beforeAll(async () => {
    t = await createTestApp({ env: { INSIGHT_TABLE_MAX_AGE_SECONDS: '0' } })
    loaded = await loadSyntheticCity(t.runtime.database.db, {
      seed: 5, learners: 80, organisations: 4, badgeClassesPerOrganisation: 3, awards: 400, pathways: 3, followings: 160, opportunities: 6, sessionsPerOpportunity: 2,
      areas: 3, keyEncryptionKey: t.config.keyEncryptionKey, from: '2025-06-01', to: '2026-10-31',
    })
    key = (await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'synthetic admin', cityId: loaded.cityId })).token
    const base = `/v1/cities/${loaded.citySlug}`
    expectOk(await t.app.inject({ method: 'PUT', url: `${base}/insights/settings`, headers: t.auth(key), payload: { threshold: 5 } }))
    const csv = `area,decile\n${loaded.city.areas.map((a) => `${a.code},${a.decile}`).join('\n')}\n`
    expectOk(await t.app.inject({ method: 'PUT', url: `${base}/insights/deciles`, headers: { ...t.auth(key), 'content-type': 'text/csv' }, payload: csv }))
  }, 180_000)
  afterAll(async () => { await t?.close() })

  const get = async (url: string) => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${loaded.citySlug}/insights/${url}`, headers: t.auth(key) }))
  const near = (published: number | null, raw: number) => { if (published !== null) expect(Math.abs(published - raw)).toBeLessThan(5) }

  it('reconcile builds the facts the bulk load did not announce; learners by decile', async () => {
    expect(await allFacts(t.runtime.database.db, loaded.cityId)).toEqual([])
    const n = await t.runtime.services.insights.rebuild(loaded.cityId)
    expect(n).toBeGreaterThan(0)
    const raw = await sql<{ n: string }>`select count(distinct learner_id) as n from insight_award_facts where city_id = ${loaded.cityId}`.execute(t.runtime.database.db)
    const tb = await get('learners?by=decile')
    expect(tb.answered).toBe(true)
    expect(tb.rows.every((r: any) => /^(10|[1-9]|unknown)$/.test(r.key))).toBe(true)
    near(tb.total.value, Number(raw.rows[0]!.n))
  })

  it('pathway funnels by pathway (named by title) and by decile; the total started = the eligible followers (within rounding)', async () => {
    const tb = await get('funnel?by=pathway')
    expect(tb.answered).toBe(true)
    expect(tb.cols.map((c: any) => c.key)).toEqual(['started', 'halfway', 'completed', 'unlocked'])
    expect(tb.rows.every((r: any) => r.label !== r.key)).toBe(true) // pathways are named by their title
    const raw = await sql<{ n: string }>`select count(distinct pf.learner_id) as n from pathway_followers pf join pathways p on p.id = pf.pathway_id join learners l on l.id = pf.learner_id
      where p.city_id = ${loaded.cityId} and p.status = 'published' and not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given')`.execute(t.runtime.database.db)
    near(tb.total.value, Number(raw.rows[0]!.n))
    const byDecile = await get('funnel?by=decile')
    expect(byDecile.answered).toBe(true)
  })

  it('supply vs demand by area × theme: places as the sessions hold them; demand through the rules', async () => {
    const tb = await get('supply-demand?by=area')
    const raw = await sql<{ area: string; theme: string; places: string }>`select coalesce(o.area, 'unknown') as area, th as theme, sum(s.capacity) as places from opportunities o
      join opportunity_sessions s on s.opportunity_id = o.id and s.status = 'scheduled' cross join lateral unnest(o.themes) th
      where o.city_id = ${loaded.cityId} and o.status = 'published' and o.deleted_at is null group by 1, 2`.execute(t.runtime.database.db)
    expect(raw.rows.length).toBeGreaterThan(0)
    for (const r of raw.rows) expect(tb.supply.find((s: any) => s.row === r.area && s.col === r.theme)?.places, `${r.area} ${r.theme}`).toBe(Number(r.places))
    for (const c of tb.cells) if (c.value !== null) expect(c.value % 5).toBe(0)
    const byDecile = await get('supply-demand?by=decile')
    expect(byDecile.by).toEqual(['decile', 'theme'])
  })
})
