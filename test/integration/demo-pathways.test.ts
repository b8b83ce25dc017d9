import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'
import { seedDemo } from '../../src/demo.js'
import { DEMO_INTEREST_PATHWAY, DEMO_PATHWAYS } from '../../src/demo-pathways.js'

let t: TestContext
beforeAll(async () => { t = await createTestApp() })
afterAll(async () => { await t?.close() })

const get = async (path: string) => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/demo${path}`, headers: t.auth() }))

describe('the demo city’s pathways', () => {
  it('has three published recommended pathways unlocking real opportunities, an interest pathway, and learners at three stages', async () => {
    expect((await seedDemo(t.runtime.services)).created).toBe(true)
    const pathways = (await get('/pathways?limit=100')).items as Array<{ id: string; kind: string; status: string; title: string; completionBadgeClassId?: string; learnerId?: string; unlocks?: { opportunityId: string; capacity?: number } }>
    const recommended = pathways.filter((p) => p.kind === 'recommended')
    expect(recommended.map((p) => p.title).sort()).toEqual(DEMO_PATHWAYS.map((d) => d.title).sort())
    expect(pathways.every((p) => p.status === 'published')).toBe(true)
    const kinds: string[] = []
    for (const p of recommended) {
      expect(p.completionBadgeClassId, p.title).toBeDefined()
      expect((await get(`/badge-classes/${p.completionBadgeClassId!}`)).status).toBe('approved')
      expect(p.unlocks?.capacity, p.title).toBeGreaterThan(0)
      const o = await get(`/opportunities/${p.unlocks!.opportunityId}`)
      expect(o.status).toBe('published')
      kinds.push(o.kind)
    }
    expect(kinds.sort()).toEqual(['course', 'interview', 'volunteering'])
    const interest = pathways.filter((p) => p.kind === 'interest')
    expect(interest.map((p) => p.title)).toEqual([DEMO_INTEREST_PATHWAY.title])

    const learners = (await get('/learners?limit=100')).items as Array<{ id: string; externalRefs: Array<{ ref: string }> }>
    const byRef = (ref: string) => learners.find((l) => l.externalRefs.some((r) => r.ref === ref))!.id
    const titled = (title: string) => pathways.find((p) => p.title === title)!.id
    const [apprenticeship, college, council] = DEMO_PATHWAYS.map((d) => titled(d.title)) as [string, string, string]

    // Amira: completed the apprenticeship route (by the workers, after her last award), holds its badge and is offered the interview.
    const amira = await eventually(async () => {
      const items = (await get(`/learners/${byRef('amira')}/pathways`)).items as any[]
      const done = items.find((i) => i.pathwayId === apprenticeship)
      return done?.satisfied && done.completionAwardId && done.unlock?.state === 'offered' ? items : undefined
    }, 15_000, 'Amira to complete the apprenticeship route')
    expect(amira.find((i) => i.pathwayId === apprenticeship).percent).toBe(100)
    const started = amira.find((i) => i.pathwayId === council)
    expect(started).toMatchObject({ percent: 0, satisfied: false })
    expect(started.next.length).toBeGreaterThan(0)
    const badge = await get(`/awards/${amira.find((i) => i.pathwayId === apprenticeship).completionAwardId}`)
    expect(badge.badgeClassId).toBe(recommended.find((p) => p.id === apprenticeship)!.completionBadgeClassId)
    const unlocks = await get(`/pathways/${apprenticeship}/unlocks`)
    expect(unlocks.items.map((u: any) => [u.learnerId, u.state])).toEqual([[byRef('amira'), 'offered']])

    // Ben: halfway into the college route; Dev: two thirds of his own interest pathway.
    const ben = (await get(`/learners/${byRef('ben')}/pathways`)).items as any[]
    expect(ben.map((i) => [i.pathwayId, i.percent, i.satisfied])).toEqual([[college, 50, false]])
    const dev = (await get(`/learners/${byRef('dev')}/pathways`)).items as any[]
    expect(dev.map((i) => [i.pathwayId, i.percent, i.satisfied])).toEqual([[interest[0]!.id, 66, false]])

    const counts = await get(`/pathways/${apprenticeship}/progress`)
    expect(counts).toMatchObject({ started: 1, completed: 1, unlocked: 1 })
  })
})
