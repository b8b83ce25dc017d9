import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as repo from '../../src/db/pathways/pathways.repo.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, expectOk, setupIssuer } from '../helpers/badges.js'

// Pathway progress through dirty marks (issue #10 "Speed"): events mark learners, a drainer recomputes them in batches
// and deletes only the marks it covered. What must hold: an award's mark is drained; a learner marked again while their
// batch runs keeps a mark (the newer event is not lost); a drainer that dies after claiming loses nothing (its lease
// runs out and the marks are claimed again); a pathway's fan-out gives way to learners' own events.

describe('pathway progress drainer', () => {
  let t: TestContext
  let city: { slug: string; id: string; cityAdminKey: string }
  let issuer: Awaited<ReturnType<typeof setupIssuer>>
  let pathway: any

  beforeAll(async () => {
    t = await createTestApp()
    city = await makeCity(t)
    issuer = await setupIssuer(t, city)
    const second = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Civic Voice', spine: { elements: ['col.civic-global'], level: 'demonstration', dimensions: ['skills'] } })
    const p = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways`, headers: t.auth(issuer.issuerKey), payload: { kind: 'recommended', title: 'Drained', requirements: { type: 'all', children: [{ type: 'badge', badgeClassId: issuer.klass.id }, { type: 'badge', badgeClassId: second.id }] } } }), 201)
    pathway = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${p.id}/publish`, headers: t.auth(issuer.issuerKey) }))
  })
  afterAll(async () => { await t?.close() })

  const base = () => `/v1/cities/${city.slug}`
  const db = () => t.runtime.database.db
  const learner = async () => {
    const l = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: t.auth(city.cityAdminKey), payload: { ageBand: '16-18' } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/pathways/${pathway.id}/followers`, headers: t.auth(city.cityAdminKey), payload: { learnerId: l.id } }), 201)
    return l.id as string
  }
  const award = async (learnerId: string) => expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId } } }), 201)
  const percentOf = async (learnerId: string) => (await db().selectFrom('pathway_progress').select('percent').where('learner_id', '=', learnerId).where('pathway_id', '=', pathway.id).executeTakeFirstOrThrow()).percent
  const marks = async (learnerId: string) => db().selectFrom('pathway_dirty').select(['learner_id', 'mark', 'priority', 'leased_until']).where('learner_id', '=', learnerId).execute()

  it('an award marks its learner dirty, and the drainer recomputes the learner and clears the mark', async () => {
    const l = await learner()
    expect(await percentOf(l)).toBe(0)
    await award(l)
    await eventually(async () => (await percentOf(l)) === 50, 20_000, 'progress after the award')
    await eventually(async () => (await marks(l)).length === 0, 20_000, 'the mark to be cleared')
  })

  describe('with the background drainer stopped (the steps of a drain taken one at a time)', () => {
    beforeAll(async () => { await t.runtime.services.pathways.startDrainer().stop() })
    afterAll(() => { t.runtime.services.pathways.startDrainer({ log: t.runtime.log, inline: t.runtime.worker === undefined }) })

    it('keeps a mark written while its batch runs: the batch clears only the marks it covered', async () => {
      const l = await learner()
      await repo.markDirty(db(), [{ learner_id: l, city_id: city.id }])
      const claimed = await repo.claimDirty(db(), 100, 60)
      expect(claimed.map((m) => m.learner_id)).toContain(l)
      // An event of this learner arrives while the batch is being recomputed: it marks the learner again.
      await repo.markDirty(db(), [{ learner_id: l, city_id: city.id }])
      const bumped = (await marks(l))[0]!
      expect(BigInt(bumped.mark)).toBeGreaterThan(BigInt(claimed.find((m) => m.learner_id === l)!.mark))
      expect(bumped.leased_until).toBeNull()
      await repo.clearDirty(db(), claimed)
      expect(await marks(l), 'the newer mark survives the batch that read the older one').toHaveLength(1)
      // The next drain takes it and clears it.
      await db().updateTable('pathway_progress').set({ percent: 7 }).where('learner_id', '=', l).execute()
      expect(await t.runtime.services.pathways.drainDirty()).toBeGreaterThanOrEqual(1)
      expect(await marks(l)).toHaveLength(0)
      expect(await percentOf(l)).toBe(0)
    })

    it('loses nothing when a drainer dies after claiming: the lease runs out and the marks are drained again', async () => {
      const l = await learner()
      await award(l)
      await eventually(async () => (await percentOf(l)) === 50 && (await marks(l)).length === 0, 20_000, 'progress after the award')
      // The row goes stale and the learner is marked; a drainer claims the mark (lease 1 s) and dies before recomputing.
      await db().updateTable('pathway_progress').set({ percent: 7 }).where('learner_id', '=', l).execute()
      await repo.markDirty(db(), [{ learner_id: l, city_id: city.id }])
      const claimed = await repo.claimDirty(db(), 100, 1)
      expect(claimed.map((m) => m.learner_id)).toContain(l)
      // While the lease holds, nobody else takes the mark.
      expect(await t.runtime.services.pathways.drainDirty()).toBe(0)
      expect(await percentOf(l)).toBe(7)
      await new Promise((r) => setTimeout(r, 1_200))
      expect(await t.runtime.services.pathways.drainDirty()).toBeGreaterThanOrEqual(1)
      expect(await percentOf(l)).toBe(50)
      expect(await marks(l)).toHaveLength(0)
    })

    it('drains learners\' own events before a pathway\'s fan-out to its followers', async () => {
      const [a, b] = [await learner(), await learner()]
      // The whole fan-out first (priority 1), then one learner's own event (priority 0): that learner is claimed first.
      expect(await repo.markFollowersDirty(db(), pathway.id, 1)).toBeGreaterThanOrEqual(2)
      await repo.markDirty(db(), [{ learner_id: b, city_id: city.id }], 0)
      const first = await repo.claimDirty(db(), 1, 60)
      expect(first.map((m) => m.learner_id)).toEqual([b])
      expect((await marks(a))[0]!.priority).toBe(1)
      // A learner of the fan-out who gets an event of their own moves up.
      await repo.markDirty(db(), [{ learner_id: a, city_id: city.id }], 0)
      expect((await marks(a))[0]!.priority).toBe(0)
      await t.runtime.services.pathways.drainDirty()
      await new Promise((r) => setTimeout(r, 0))
      const left = await sql<{ n: string }>`select count(*) as n from pathway_dirty where leased_until is null`.execute(db())
      expect(Number(left.rows[0]!.n)).toBe(0)
    })
  })
})
