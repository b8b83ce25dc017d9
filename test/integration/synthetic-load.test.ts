import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ageBandOf, loadSyntheticCity, type LoadedCity } from '../../src/synthetic/load-postgres.js'
import { createTestApp, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'

// The synthetic city loader (benchmarks, insights): a small city written in bulk reads back through the API like
// one the API made — learners' backpacks, hosted assertions, catalogue, opportunities, and pathway progress after a
// rebuild.

describe('synthetic city loader', () => {
  let t: TestContext
  let loaded: LoadedCity
  let adminKey: string

  beforeAll(async () => {
    t = await createTestApp()
    loaded = await loadSyntheticCity(t.runtime.database.db, {
      seed: 7, learners: 40, organisations: 3, badgeClassesPerOrganisation: 3, awards: 400, pathways: 6, followings: 80, opportunities: 4, sessionsPerOpportunity: 2,
      areas: 5, keyEncryptionKey: t.config.keyEncryptionKey, batchSize: 37, from: '2025-06-01', to: '2026-10-31',
    })
    adminKey = (await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'synthetic admin', cityId: loaded.cityId })).token
  }, 120_000)
  afterAll(async () => { await t?.close() })

  const base = () => `/v1/cities/${loaded.citySlug}`
  const get = async (url: string) => expectOk(await t.app.inject({ method: 'GET', url, headers: t.auth(adminKey) }))

  it('writes every entity with the counts asked for', async () => {
    expect(loaded.counts).toMatchObject({ organisations: 3, badgeClasses: 9, learners: 40, awards: 400, pathways: 6, followings: 80, opportunities: 4, sessions: 8 })
    const db = t.runtime.database.db
    const n = async (table: 'learners' | 'awards' | 'pathways' | 'pathway_versions' | 'pathway_followers' | 'opportunities') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    expect(await n('learners')).toBe(40)
    expect(await n('awards')).toBe(400)
    expect(await n('pathway_versions')).toBe(6)
    expect(await n('pathway_followers')).toBe(80)
  })

  it('maps synthetic ages onto the learner model\'s bands and reads learners back through the API', async () => {
    expect([12, 13, 15, 16, 18, 19, 24, 25].map(ageBandOf)).toEqual(['under-13', '13-15', '13-15', '16-18', '16-18', '19-24', '19-24', '25-plus'])
    const all = [...loaded.city.learners()]
    for (const i of [0, 1, 2]) {
      const l = await get(`${base()}/learners/${loaded.ids.learner(i)}`)
      expect(l.ageBand).toBe(ageBandOf(all[i]!.age))
      expect(l.area).toBe(all[i]!.area)
    }
  })

  it('links awards to learners: the backpack lists each learner\'s awards and the hosted assertion verifies the recipient', async () => {
    const mine = [...loaded.city.awards()].map((a, i) => ({ a, i })).filter(({ a }) => a.learnerId === 'ln-3')
    expect(mine.length).toBeGreaterThan(0)
    const ids: string[] = []
    let url: string | undefined = `${base()}/learners/${loaded.ids.learner(3)}/backpack?limit=100`
    while (url) {
      const page: any = await get(url)
      ids.push(...page.items.map((x: any) => x.awardId))
      url = page.nextCursor ? `${base()}/learners/${loaded.ids.learner(3)}/backpack?limit=100&cursor=${encodeURIComponent(page.nextCursor)}` : undefined
    }
    expect(ids.sort()).toEqual(mine.map(({ i }) => loaded.ids.award(i)).sort())
    const award = await get(`${base()}/awards/${ids[0]}`)
    expect(award).toMatchObject({ revoked: false })
    const hosted = await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${ids[0]}`, headers: { accept: 'application/ld+json' } })
    expect(hosted.statusCode).toBe(200)
    expect(hosted.json().recipient).toMatchObject({ type: 'id', hashed: true })
  })

  it('publishes opportunities and badge classes the API lists, and pathway progress after a rebuild', async () => {
    const opps = await get(`${base()}/opportunities?limit=50`)
    expect(opps.items).toHaveLength(4)
    expect(opps.items[0]).toMatchObject({ status: 'published' })
    const classes = await get(`${base()}/badge-classes?limit=50&status=approved`)
    expect(classes.items).toHaveLength(9)
    await t.runtime.services.pathways.rebuildAll()
    const follower = [...loaded.city.followings()][0]!
    const idx = Number(follower.learnerId.slice(3))
    const mine = await get(`${base()}/learners/${loaded.ids.learner(idx)}/pathways`)
    expect(mine.items.map((x: any) => x.pathwayId)).toContain(loaded.ids.pathway(follower.pathwayId))
    const p = await get(`${base()}/pathways/${loaded.ids.pathway(follower.pathwayId)}`)
    expect(p).toMatchObject({ status: 'published', version: 1 })
  })
})
