import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, expectOk, setupIssuer } from '../helpers/badges.js'

// Pathways end to end on the real database and queue: a recommended pathway, a learner following it, progress kept by
// the workers from award events, one completion badge however often the learner is recomputed, rebuild = incremental,
// and the bad inputs of issue #10.

describe('pathways', () => {
  let t: TestContext
  let city: { slug: string; id: string; cityAdminKey: string }
  let issuer: Awaited<ReturnType<typeof setupIssuer>>
  let second: any
  let completion: any

  beforeAll(async () => {
    t = await createTestApp()
    city = await makeCity(t)
    issuer = await setupIssuer(t, city)
    second = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Civic Voice', spine: { elements: ['col.civic-global'], level: 'demonstration', dimensions: ['skills'] }, themes: ['civic'] })
    completion = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Youth Council Ready' })
  })
  afterAll(async () => { await t?.close() })

  const base = () => `/v1/cities/${city.slug}`
  const admin = () => t.auth(city.cityAdminKey)
  const learner = async (ageBand = '16-18') => expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand } }), 201)
  const award = async (badgeClassId: string, learnerId: string) => expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId, recipient: { learnerId } } }), 201)
  const tree = () => ({ type: 'all', children: [{ type: 'badge', badgeClassId: issuer.klass.id }, { type: 'skill', element: 'col.civic-global', minLevel: 'participation', count: 1 }] })
  const makePathway = async (extra: Record<string, unknown> = {}) => {
    const p = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways`, headers: t.auth(issuer.issuerKey), payload: { kind: 'recommended', title: 'Towards the youth council', destinations: ['civic-engagement'], themes: ['civic'], requirements: tree(), completionBadgeClassId: completion.id, ...extra } }), 201)
    return expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/publish`, headers: t.auth(issuer.issuerKey) }))
  }
  const progressOf = async (learnerId: string, pathwayId: string) =>
    (expectOk(await t.app.inject({ method: 'GET', url: `${base()}/learners/${learnerId}/pathways`, headers: admin() })).items as any[]).find((i) => i.pathwayId === pathwayId)

  it('keeps progress from award events, completes once with a badge that lists the contributing awards, and counts stages', async () => {
    const p = await makePathway()
    expect(p).toMatchObject({ status: 'published', version: 1, kind: 'recommended', organisationId: issuer.org.id })
    const l = await learner()
    const followed = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/followers`, headers: admin(), payload: { learnerId: l.id } }), 201)
    expect(followed).toMatchObject({ percent: 0, satisfied: false })
    expect((await progressOf(l.id, p.id)).next.length).toBeGreaterThan(0)

    const a1 = await award(issuer.klass.id, l.id)
    await eventually(async () => (await progressOf(l.id, p.id)).percent === 50, 20_000, 'progress after the first award')
    const a2 = await award(second.id, l.id)
    const done = await eventually(async () => { const r = await progressOf(l.id, p.id); return r.completionAwardId ? r : undefined }, 20_000, 'completion')
    expect(done).toMatchObject({ percent: 100, satisfied: true })
    expect(done.contributing).toEqual(expect.arrayContaining([a1.id, a2.id]))
    const badge = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/awards/${done.completionAwardId}`, headers: admin() }))
    expect(badge.badgeClassId).toBe(completion.id)
    expect(JSON.stringify(badge.evidence)).toContain(a1.id)

    // Recomputing again and again (at-least-once delivery, racing workers) never issues a second completion badge.
    await Promise.all([1, 2, 3, 4].map(() => t.runtime.services.pathways.recompute(city.id, l.id)))
    const completions = await sql<{ n: string }>`select count(*) as n from awards where badge_class_id = ${completion.id} and learner_id = ${l.id}`.execute(t.runtime.database.db)
    expect(Number(completions.rows[0]!.n)).toBe(1)

    const stages = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/progress`, headers: t.auth(issuer.issuerKey) }))
    expect(stages).toMatchObject({ started: 1, halfway: 1, completed: 1 })

    // Revoking a contributing award after the fact is recorded; the completion badge stays.
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards/${a2.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'issued in error' } }))
    await eventually(async () => (await progressOf(l.id, p.id)).percent === 50, 20_000, 'progress after the revocation')
    await eventually(async () => (await t.runtime.database.db.selectFrom('pathway_completions').selectAll().where('learner_id', '=', l.id).executeTakeFirstOrThrow()).broken_at !== null, 20_000, 'the broken completion to be recorded')
    const still = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/awards/${done.completionAwardId}`, headers: admin() }))
    expect(still.revoked).toBe(false)
  })

  it('rebuilds every progress row from scratch to what the workers produced', async () => {
    const p = await makePathway({ title: 'Rebuild me' })
    const ls = await Promise.all([1, 2, 3].map(() => learner()))
    for (const l of ls) expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/followers`, headers: admin(), payload: { learnerId: l.id } }), 201)
    await award(issuer.klass.id, ls[0]!.id)
    await award(second.id, ls[1]!.id)
    const dup = await award(issuer.klass.id, ls[1]!.id)
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards/${dup.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'duplicate' } }))
    await eventually(async () => (await progressOf(ls[0]!.id, p.id)).percent === 50 && (await progressOf(ls[1]!.id, p.id)).percent === 50, 20_000, 'incremental progress')
    await t.runtime.relay.drain?.()
    const snapshot = async () => (await t.runtime.database.db.selectFrom('pathway_progress').select(['pathway_id', 'learner_id', 'version', 'percent', 'satisfied', 'contributing']).orderBy('pathway_id').orderBy('learner_id').execute())
      .map((r) => ({ ...r, contributing: [...r.contributing].sort() }))
    const incremental = await snapshot()
    // Damage the table first, so that a rebuild that does nothing fails.
    await t.runtime.database.db.updateTable('pathway_progress').set({ percent: 7 }).execute()
    await t.runtime.services.pathways.rebuildAll()
    expect(await snapshot()).toEqual(incremental)
    // One learner a batch: the rebuild's overlapping reads, evaluations and writes over many batches agree too.
    await t.runtime.database.db.updateTable('pathway_progress').set({ percent: 7 }).execute()
    await t.runtime.services.pathways.rebuildAll({ batch: 1 })
    expect(await snapshot()).toEqual(incremental)
    // A rebuild empties the table with TRUNCATE; while another session reads the table (and so blocks TRUNCATE's
    // exclusive lock) it falls back to DELETE after a moment instead of failing or waiting behind the reader.
    if (t.runtime.database.kind === 'postgres') {
      const reader = new pg.Client({ connectionString: t.config.databaseUrl })
      await reader.connect()
      try {
        await reader.query('begin')
        await reader.query('select count(*) from pathway_progress')
        await t.runtime.database.db.updateTable('pathway_progress').set({ percent: 7 }).execute()
        await t.runtime.services.pathways.rebuildAll()
        expect(await snapshot()).toEqual(incremental)
      } finally {
        await reader.query('rollback')
        await reader.end()
      }
    }
  })

  it('refuses bad trees, drafts, other cities and archived pathways with clear problems', async () => {
    const post = (payload: unknown, key = issuer.issuerKey) => t.app.inject({ method: 'POST', url: `${base()}/pathways`, headers: t.auth(key), payload: payload as object })
    const bad = async (requirements: unknown, match: RegExp) => {
      const r = await post({ kind: 'recommended', title: 'Bad', requirements })
      expect(r.statusCode, r.body).toBe(422)
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(JSON.stringify(r.json().errors)).toMatch(match)
    }
    await bad({ type: 'atLeast', n: 3, children: [{ type: 'badge', badgeClassId: issuer.klass.id }] }, /at_least_too_large/)
    let deep: any = { type: 'badge', badgeClassId: issuer.klass.id }
    for (let i = 0; i < 9; i++) deep = { type: 'all', children: [deep] }
    await bad(deep, /too_deep/)
    await bad({ type: 'any', children: Array.from({ length: 501 }, () => ({ type: 'badge', badgeClassId: issuer.klass.id })) }, /too_many_nodes/)
    await bad({ type: 'badge', badgeClassId: '00000000-0000-4000-8000-000000000000' }, /unknown_badge_class/)
    await bad({ type: 'skill', element: 'no.such.element', count: 1 }, /unknown_element/)
    await bad({ type: 'all', within: 'P2X', children: [{ type: 'badge', badgeClassId: issuer.klass.id }] }, /invalid_duration/)
    const otherCity = await makeCity(t)
    const foreign = await setupIssuer(t, otherCity)
    await bad({ type: 'badge', badgeClassId: foreign.klass.id }, /unknown_badge_class/)

    // A cycle through pathway leaves.
    const a = expectOk(await post({ kind: 'recommended', title: 'A', requirements: { type: 'badge', badgeClassId: issuer.klass.id } }), 201)
    const b = expectOk(await post({ kind: 'recommended', title: 'B', requirements: { type: 'pathway', pathwayId: a.id } }), 201)
    const cyc = await t.app.inject({ method: 'PATCH', url: `${base()}/pathways/${a.id}`, headers: t.auth(issuer.issuerKey), payload: { requirements: { type: 'pathway', pathwayId: b.id } } })
    expect(cyc.statusCode, cyc.body).toBe(422)
    expect(cyc.body).toMatch(/cycle/)

    const l = await learner()
    const draftFollow = await t.app.inject({ method: 'POST', url: `${base()}/pathways/${a.id}/followers`, headers: admin(), payload: { learnerId: l.id } })
    expect(draftFollow.statusCode).toBe(409)
    const foreignLearner = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${otherCity.slug}/learners`, headers: t.auth(otherCity.cityAdminKey), payload: { ageBand: '19-24' } }), 201)
    const p = await makePathway({ title: 'Published' })
    expect((await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/followers`, headers: admin(), payload: { learnerId: foreignLearner.id } })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${otherCity.slug}/pathways/${p.id}`, headers: t.auth(otherCity.cityAdminKey) })).statusCode).toBe(404)
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/archive`, headers: t.auth(issuer.issuerKey) }))
    expect((await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/followers`, headers: admin(), payload: { learnerId: l.id } })).statusCode).toBe(409)

    // Editing a published pathway makes a new version; followers keep theirs.
    const q = await makePathway({ title: 'Versioned' })
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${q.id}/followers`, headers: admin(), payload: { learnerId: l.id } }), 201)
    const edited = expectOk(await t.app.inject({ method: 'PATCH', url: `${base()}/pathways/${q.id}`, headers: t.auth(issuer.issuerKey), payload: { title: 'Versioned, second edition' } }))
    expect(edited.version).toBe(2)
    expect((await progressOf(l.id, q.id)).version).toBe(1)
  })
})
