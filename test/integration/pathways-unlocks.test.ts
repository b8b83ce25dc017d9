import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, expectOk, setupIssuer } from '../helpers/badges.js'

// Pathways, part two (issue #10 items 2, 4, 6): attendance records count as evidence and recompute progress through
// the `attendance.recorded` event; completion unlocks an opportunity for eligible, consenting completers, and the
// places are never over-allocated however many completions race for the last ones; the owner alone sees the list.

const HOUR = 3600e3

describe('pathway evidence and unlocks', () => {
  let t: TestContext
  let city: { slug: string; id: string; cityAdminKey: string }
  let issuer: Awaited<ReturnType<typeof setupIssuer>>
  let completion: any
  let interview: any

  beforeAll(async () => {
    t = await createTestApp()
    city = await makeCity(t)
    issuer = await setupIssuer(t, city)
    completion = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Interview Ready' })
    interview = await opportunity({ kind: 'interview', title: 'Digital apprenticeship interview' })
  }, 300_000)
  afterAll(async () => { await t?.close() })

  const base = () => `/v1/cities/${city.slug}`
  const admin = () => t.auth(city.cityAdminKey)
  const post = (path: string, payload?: object, key = issuer.issuerKey) => t.app.inject({ method: 'POST', url: `${base()}${path}`, headers: t.auth(key), ...(payload ? { payload } : {}) })
  const learner = async (ageBand = '16-18', contact = true) => expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand, consents: { contact } } }), 201).id as string
  async function opportunity (extra: Record<string, unknown> = {}) {
    const now = Date.now()
    const o = expectOk(await post('/opportunities', {
      organisationId: issuer.org.id, kind: 'activity', title: 'Robotics club', badgeClassIds: [issuer.klass.id],
      sessions: [{ start: new Date(now - 2 * HOUR).toISOString(), end: new Date(now - HOUR).toISOString(), capacity: 10 }], ...extra,
    }), 201)
    return expectOk(await post(`/opportunities/${o.id}/publish`))
  }
  const pathway = async (extra: Record<string, unknown>) => {
    const p = expectOk(await post('/pathways', { kind: 'recommended', title: 'Towards an interview', completionBadgeClassId: completion.id, ...extra }), 201)
    return expectOk(await post(`/pathways/${p.id}/publish`))
  }
  const follow = async (pathwayId: string, learnerId: string) => expectOk(await post(`/pathways/${pathwayId}/followers`, { learnerId }, city.cityAdminKey), 201)
  const progressOf = async (learnerId: string, pathwayId: string) =>
    (expectOk(await t.app.inject({ method: 'GET', url: `${base()}/learners/${learnerId}/pathways`, headers: admin() })).items as any[]).find((i) => i.pathwayId === pathwayId)

  it('counts a recorded attendance as an opportunity step: the attendance event recomputes progress', async () => {
    const club = await opportunity({ title: 'Coding club' })
    const p = await pathway({ title: 'Come to a club', requirements: { type: 'all', children: [{ type: 'opportunity', kind: 'activity', attended: 1 }] } })
    const l = await learner()
    expect((await follow(p.id, l)).percent).toBe(0)
    expectOk(await post(`/opportunities/${club.id}/sessions/${club.sessions[0].id}/attendance`, { learnerIds: [l] }))
    const done = await eventually(async () => { const r = await progressOf(l, p.id); return r?.completionAwardId ? r : undefined }, 20_000, 'completion from attendance')
    expect(done).toMatchObject({ percent: 100, satisfied: true })
    const events = await sql<{ n: string }>`select count(*) as n from outbox where type = 'attendance.recorded' and payload->>'learnerId' = ${l}`.execute(t.runtime.database.db)
    expect(Number(events.rows[0]!.n)).toBe(1)
    // Only awards are linked as evidence of the completion badge (the attendance record is not an assertion).
    const badge = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/awards/${done.completionAwardId}`, headers: admin() }))
    expect(JSON.stringify(badge.evidence)).not.toContain('attendance:')
  })

  it('offers the unlocked places to eligible consenting completers, never more than the capacity, even when completions race', async () => {
    const p = await pathway({
      requirements: { type: 'badge', badgeClassId: issuer.klass.id },
      unlocks: { opportunityId: interview.id, capacity: 3, eligibility: { ageBands: ['16-18', '19-24'] } },
    })
    expect(p.unlocks).toMatchObject({ opportunityId: interview.id, capacity: 3, placesLeft: 3, offered: 0 })
    const eligibleOnes = await Promise.all(Array.from({ length: 8 }, (_, i) => learner(i % 2 ? '16-18' : '19-24')))
    const noConsent = await learner('16-18', false)
    const tooYoung = await learner('13-15')
    for (const l of [...eligibleOnes, noConsent, tooYoung]) await follow(p.id, l)

    // Every learner earns the badge at once; the workers and these direct recomputes race (two or three per learner).
    const db = t.runtime.database.db
    await Promise.all([...eligibleOnes, noConsent, tooYoung].map((l) => post('/awards', { badgeClassId: issuer.klass.id, recipient: { learnerId: l } })))
    await Promise.all([...eligibleOnes, noConsent, tooYoung].flatMap((l) => [t.runtime.services.pathways.recompute(city.id, l), t.runtime.services.pathways.recompute(city.id, l)]))
    await eventually(async () => Number((await db.selectFrom('pathway_unlocks').select((eb) => eb.fn.countAll<string>().as('n')).where('pathway_id', '=', p.id).executeTakeFirstOrThrow()).n) === 8, 20_000, 'every unlock decision')
    await t.runtime.relay.drain?.()

    const rows = await db.selectFrom('pathway_unlocks').selectAll().where('pathway_id', '=', p.id).execute()
    expect(rows.filter((r) => r.state === 'offered')).toHaveLength(3)
    expect(rows.filter((r) => r.state === 'waitlisted')).toHaveLength(5)
    expect(rows.map((r) => r.learner_id)).not.toContain(noConsent)
    expect(rows.map((r) => r.learner_id)).not.toContain(tooYoung)
    expect((await db.selectFrom('pathways').select('unlock_offered').where('id', '=', p.id).executeTakeFirstOrThrow()).unlock_offered).toBe(3)
    const unlockedEvents = await sql<{ n: string }>`select count(*) as n from outbox where type = 'opportunity.unlocked' and payload->>'pathwayId' = ${p.id}`.execute(db)
    expect(Number(unlockedEvents.rows[0]!.n)).toBe(3)
    // Exactly one completion badge per learner, however many workers completed them at once.
    const badges = await sql<{ learner_id: string; n: string }>`select learner_id, count(*) as n from awards where badge_class_id = ${completion.id} group by learner_id`.execute(db)
    expect(badges.rows.every((r) => Number(r.n) === 1)).toBe(true)
    expect(badges.rows.length).toBeGreaterThanOrEqual(10)

    // The organisation sees the consenting completers, offered first; the counts include the unlocked stage.
    const list = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/unlocks?limit=5`, headers: t.auth(issuer.issuerKey) }))
    expect(list.unlocks).toMatchObject({ capacity: 3, placesLeft: 0, offered: 3 })
    expect(list.items).toHaveLength(5)
    const rest = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/unlocks?limit=5&cursor=${encodeURIComponent(list.nextCursor)}`, headers: t.auth(issuer.issuerKey) }))
    expect([...list.items, ...rest.items].map((i: any) => i.learnerId).sort()).toEqual([...eligibleOnes].sort())
    const stages = expectOk(await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/progress`, headers: t.auth(issuer.issuerKey) }))
    expect(stages).toMatchObject({ started: 10, completed: 10, unlocked: 3 })
    const mine = await progressOf(rows.find((r) => r.state === 'offered')!.learner_id, p.id)
    expect(mine.unlock).toEqual({ opportunityId: interview.id, state: 'offered' })
    const waiting = await progressOf(rows.find((r) => r.state === 'waitlisted')!.learner_id, p.id)
    expect(waiting.unlock).toEqual({ opportunityId: interview.id, state: 'waitlisted' })

    // Nobody else sees the list: another organisation's issuer, an app, another city.
    const other = await setupIssuer(t, city, { name: 'Other College' })
    expect((await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/unlocks`, headers: t.auth(other.issuerKey) })).statusCode).toBe(403)
    const app = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/api-keys`, headers: admin(), payload: { name: 'app', role: 'app' } }), 201).key as string
    expect((await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/unlocks`, headers: t.auth(app) })).statusCode).toBe(404)
    const elsewhere = await makeCity(t)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${elsewhere.slug}/pathways/${p.id}/unlocks`, headers: t.auth(elsewhere.cityAdminKey) })).statusCode).toBe(404)
    expectOk(await t.app.inject({ method: 'GET', url: `${base()}/pathways/${p.id}/unlocks`, headers: admin() }))

    // No places left is a clear outcome: lowering the capacity below the places offered is refused.
    const lower = await t.app.inject({ method: 'PATCH', url: `${base()}/pathways/${p.id}`, headers: t.auth(issuer.issuerKey), payload: { unlocks: { opportunityId: interview.id, capacity: 2 } } })
    expect(lower.statusCode).toBe(422)
    expect(lower.headers['content-type']).toContain('application/problem+json')
    // Raising it gives the next completer a place (and does not make a new version of the tree).
    const raised = expectOk(await t.app.inject({ method: 'PATCH', url: `${base()}/pathways/${p.id}`, headers: t.auth(issuer.issuerKey), payload: { unlocks: { opportunityId: interview.id, capacity: 4, eligibility: { ageBands: ['16-18', '19-24'] } } } }))
    expect(raised).toMatchObject({ version: 1, unlocks: { capacity: 4, placesLeft: 1 } })
    const late = await learner('19-24')
    await follow(p.id, late)
    await post('/awards', { badgeClassId: issuer.klass.id, recipient: { learnerId: late } })
    await eventually(async () => (await progressOf(late, p.id))?.unlock?.state === 'offered', 20_000, 'the late completer\'s place')
  })

  it('recommends badge classes and upcoming opportunities with their reasons, to the learner, their app and the city only', async () => {
    const DAY = 24 * HOUR
    const soon = Date.now() + 3 * DAY
    const club = expectOk(await post('/opportunities', {
      organisationId: issuer.org.id, kind: 'activity', title: 'Saturday coding club', badgeClassIds: [issuer.klass.id], cost: { free: true }, ageRange: { min: 11, max: 19 },
      place: { lat: 50.37, lon: -4.14, area: 'e0100001' }, sessions: [{ start: new Date(soon).toISOString(), end: new Date(soon + HOUR).toISOString(), capacity: 12 }],
    }), 201)
    expectOk(await post(`/opportunities/${club.id}/publish`))
    const civic = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Civic Voice', spine: { elements: ['col.civic-global'], level: 'demonstration', dimensions: ['skills'] }, themes: ['civic'], destinations: ['civic-engagement'] })
    const p = await pathway({ title: 'Youth council seat', requirements: { type: 'all', children: [{ type: 'badge', badgeClassId: issuer.klass.id }, { type: 'badge', badgeClassId: civic.id }] } })
    const l = await learner('16-18')
    const rec = (q = '', headers = admin()) => t.app.inject({ method: 'GET', url: `${base()}/learners/${l}/recommendations${q}`, headers })

    // No awards, no destination: still sensible suggestions (entry-level, near, soon, free first).
    const plain = expectOk(await rec())
    expect(plain.items.length).toBeGreaterThan(0)
    const clubItem = plain.items.find((i: any) => i.id === club.id)
    expect(clubItem).toMatchObject({ kind: 'opportunity' })
    expect(clubItem.reasons).toContain('free')
    expect(clubItem.reasons.join(' ')).toMatch(/12 places left/)

    // For a pathway: what closes missing steps comes first and says so.
    const forPathway = expectOk(await rec(`?pathwayId=${p.id}`))
    expect(forPathway.gap.missingSteps).toBe(2)
    expect(forPathway.items[0].closes).toBeGreaterThan(0)
    expect(forPathway.items[0].reasons[0]).toMatch(/^closes \d of 2 missing steps$/)
    expect(forPathway.items.filter((i: any) => i.closes > 0).map((i: any) => i.id)).toEqual(expect.arrayContaining([issuer.klass.id, civic.id, club.id]))
    // Once the learner holds a step, it is no longer recommended and the gap shrinks.
    await post('/awards', { badgeClassId: civic.id, recipient: { learnerId: l } })
    const after = expectOk(await rec(`?pathwayId=${p.id}`))
    expect(after.gap.missingSteps).toBe(1)
    expect(after.items.map((i: any) => i.id)).not.toContain(civic.id)

    // For a destination: the spine elements its badge classes ask for.
    const dest = expectOk(await rec('?destination=employment'))
    expect(dest.gap.destinationElements).toBeGreaterThan(0)
    expect(dest.items[0].reasons.join(' ')).toMatch(/covers .* for /)
    expect((await rec('?destination=no-such-place')).statusCode).toBe(422)

    // Who may ask: the learner's own token, an app, the city; not an issuer; another city sees nothing.
    const app = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/api-keys`, headers: admin(), payload: { name: 'rec app', role: 'app' } }), 201).key as string
    const token = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners/${l}/tokens`, headers: t.auth(app), payload: {} }), 201).token as string
    expectOk(await rec('', t.auth(token)))
    expectOk(await rec('', t.auth(app)))
    expect((await rec('', t.auth(issuer.issuerKey))).statusCode).toBe(403)
    const elsewhere = await makeCity(t)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${elsewhere.slug}/learners/${l}/recommendations`, headers: t.auth(elsewhere.cityAdminKey) })).statusCode).toBe(404)
    const otherLearner = await learner()
    const otherToken = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners/${otherLearner}/tokens`, headers: t.auth(app), payload: {} }), 201).token as string
    expect((await rec('', t.auth(otherToken))).statusCode).toBe(404)
  })

  it('refuses an unlock of an unknown opportunity or a bad eligibility with a problem', async () => {
    const bad = async (unlocks: unknown, field: RegExp) => {
      const r = await post('/pathways', { kind: 'recommended', title: 'Bad unlock', requirements: { type: 'badge', badgeClassId: issuer.klass.id }, unlocks })
      expect([400, 422]).toContain(r.statusCode)
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(r.body).toMatch(field)
    }
    await bad({ opportunityId: '00000000-0000-4000-8000-000000000000' }, /unlocks\/opportunityId/)
    await bad({ opportunityId: interview.id, capacity: -1 }, /capacity/)
    await bad({ opportunityId: interview.id, eligibility: { ageBands: ['12-14'] } }, /ageBands/)
    const elsewhere = await makeCity(t)
    const foreign = await setupIssuer(t, elsewhere)
    const o = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${elsewhere.slug}/opportunities`, headers: t.auth(foreign.issuerKey), payload: { organisationId: foreign.org.id, kind: 'interview', title: 'Elsewhere' } }), 201)
    await bad({ opportunityId: o.id }, /unlocks\/opportunityId/)
  })
})
