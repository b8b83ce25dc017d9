import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Issue #8 item 3: pending awards with claim tokens, and claim codes (window, maximum, one award per learner).

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
let issuer: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'youth app', cityId: city.id })).token
  issuer = await setupIssuer(t, city)
})
afterAll(async () => { await t?.close() })

const V = (path: string) => `/v1/cities/${city.slug}${path}`
const newLearner = async (body: Record<string, unknown> = { ageBand: '16-18' }) => expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: body }), 201).id as string
const award = async (identity: string) => expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity } } }), 201)
const tokenOf = (url: string) => url.split('/claims/')[1] as string
const claim = (token: string, learnerId: string, key = appKey) => t.app.inject({ method: 'POST', url: V(`/claims/${token}`), headers: t.auth(key), payload: { learnerId } })
const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number) => {
  expect(res.statusCode).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
  return res.json()
}

describe('claim tokens', () => {
  it('an award to an identity no learner holds is pending, with a single-use claim link (no SMTP: returned to the issuer)', async () => {
    const a = await award('newcomer@example.org')
    expect(a.learnerId).toBeUndefined()
    expect(a.claim).toMatchObject({ delivery: 'caller' })
    expect(a.claim.url).toMatch(new RegExp(`^https://badges\\.test/v1/cities/${city.slug}/claims/clm_[A-Za-z0-9_-]{32}$`))
    const token = tokenOf(a.claim.url)
    // Stored hashed only.
    const rows = await t.runtime.database.db.selectFrom('award_claims').selectAll().where('award_id', '=', a.id).execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    const learnerId = await newLearner()
    const ok = expectOk(await claim(token, learnerId))
    expect(ok).toMatchObject({ awardId: a.id, learnerId })
    expect(expectOk(await t.app.inject({ method: 'GET', url: V(`/awards/${a.id}`), headers: t.auth(issuer.issuerKey) })).learnerId).toBe(learnerId)
    const backpack = expectOk(await t.app.inject({ method: 'GET', url: V(`/learners/${learnerId}/backpack`), headers: t.auth(appKey) }))
    expect(backpack.items.map((i: { awardId?: string; id?: string }) => i.awardId ?? i.id)).toContain(a.id)
    const ev = await t.runtime.database.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'award.claimed').execute()
    expect(ev.map((e) => e.payload)).toContainEqual({ cityId: city.id, awardId: a.id, learnerId })
    expect((await t.runtime.database.db.selectFrom('outbox').select('payload').where('type', '=', 'link.issued').execute()).map((e) => JSON.stringify(e.payload)).join()).not.toContain(token)

    // Reused: 409, by anyone.
    expect(problem(await claim(token, await newLearner()), 409).detail).toMatch(/already used/)
  })

  it('an award to a learner, or to a verified identifier, needs no claim', async () => {
    const learnerId = await newLearner({ ageBand: '19-24', identifiers: [{ type: 'email', value: 'known@example.org', verified: true }] })
    const a = await award('known@example.org')
    expect(a.learnerId).toBe(learnerId)
    expect(a.claim).toBeUndefined()
  })

  it('expired, unknown and malformed tokens, another city, unknown learners and learner tokens of someone else are refused', async () => {
    const a = await award('late@example.org')
    const token = tokenOf(a.claim.url)
    const learnerId = await newLearner()
    await t.runtime.database.db.updateTable('award_claims').set({ expires_at: new Date(Date.now() - 1000) }).where('award_id', '=', a.id).execute()
    expect(problem(await claim(token, learnerId), 410).detail).toMatch(/expired/)
    problem(await claim('clm_nosuchtokennosuchtokennosuchtoken', learnerId), 404)
    problem(await claim('garbage', learnerId), 404)
    const fresh = await award('other@example.org')
    problem(await claim(tokenOf(fresh.claim.url), '00000000-0000-4000-8000-000000000000'), 422)
    problem(await t.app.inject({ method: 'POST', url: V(`/claims/${tokenOf(fresh.claim.url)}`), headers: t.auth(appKey), payload: { learnerId: 'nope' } }), 400)
    // A learner token reaches only its own learner.
    const other = await newLearner()
    const lt = expectOk(await t.app.inject({ method: 'POST', url: V(`/learners/${other}/tokens`), headers: t.auth(appKey), payload: {} }), 201).token as string
    problem(await claim(tokenOf(fresh.claim.url), learnerId, lt), 404)
    expect(expectOk(await claim(tokenOf(fresh.claim.url), other, lt)).learnerId).toBe(other)
    // Another city's key sees a 404 for this city.
    const city2 = await makeCity(t)
    problem(await t.app.inject({ method: 'POST', url: V(`/claims/${token}`), headers: t.auth(city2.cityAdminKey), payload: { learnerId } }), 404)
    // An issuer key may not claim for learners.
    problem(await claim(token, learnerId, issuer.issuerKey), 403)
  })

  it('two concurrent claims of one token: exactly one wins', async () => {
    const a = await award('race@example.org')
    const [l1, l2] = [await newLearner(), await newLearner()]
    const results = await Promise.all([claim(tokenOf(a.claim.url), l1), claim(tokenOf(a.claim.url), l2)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
  })
})

describe('claim codes', () => {
  const createCode = (body: Record<string, unknown>, key = issuer.issuerKey) => t.app.inject({ method: 'POST', url: V(`/badge-classes/${issuer.klass.id as string}/claim-codes`), headers: t.auth(key), payload: body })
  const redeem = (code: string, learnerId: string, key = appKey) => t.app.inject({ method: 'POST', url: V(`/claim-codes/${code}/redeem`), headers: t.auth(key), payload: { learnerId } })
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()

  it('a code with a window and a maximum, answered with its QR code (SVG)', async () => {
    const c = expectOk(await createCode({ endsAt: inAnHour(), maxClaims: 30 }), 201)
    expect(c.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(c).toMatchObject({ badgeClassId: issuer.klass.id, maxClaims: 30, claims: 0, redeemUrl: `https://badges.test/v1/cities/${city.slug}/claim-codes/${c.code}/redeem` })
    expect(c.qrSvg).toMatch(/^<svg [^>]*role="img"/)
    const svg = await t.app.inject({ method: 'GET', url: V(`/claim-codes/${c.code}/qr.svg`), headers: t.auth(issuer.issuerKey) })
    expect(svg.statusCode).toBe(200)
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/)
  })

  it('redeeming gives one award per learner, never two', async () => {
    const c = expectOk(await createCode({ endsAt: inAnHour(), maxClaims: 5 }), 201)
    const learnerId = await newLearner()
    const first = expectOk(await redeem(c.code, learnerId), 201)
    expect(first.alreadyRedeemed).toBe(false)
    expect(first.award).toMatchObject({ badgeClassId: issuer.klass.id, learnerId })
    const again = expectOk(await redeem(c.code.toLowerCase(), learnerId), 200)
    expect(again).toMatchObject({ alreadyRedeemed: true, award: { id: first.award.id } })
    const [x, y] = await Promise.all([redeem(c.code, learnerId), redeem(c.code, learnerId)])
    expect([x.json().award.id, y.json().award.id]).toEqual([first.award.id, first.award.id])
    const n = await t.runtime.database.db.selectFrom('awards').select((eb) => eb.fn.countAll<number>().as('n')).where('learner_id', '=', learnerId).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(1)
    expect(expectOk(await t.app.inject({ method: 'GET', url: V(`/claim-codes/${c.code}`), headers: t.auth(issuer.issuerKey) })).claims).toBe(1)
    const ev = await t.runtime.database.db.selectFrom('outbox').select('payload').where('type', '=', 'award.claimed').execute()
    expect(ev.map((e) => e.payload)).toContainEqual({ cityId: city.id, awardId: first.award.id, learnerId })
  })

  it('a code past its maximum: 409; two concurrent redeems of the last place: exactly one wins', async () => {
    const c = expectOk(await createCode({ endsAt: inAnHour(), maxClaims: 2 }), 201)
    expectOk(await redeem(c.code, await newLearner()), 201)
    const [l1, l2] = [await newLearner(), await newLearner()]
    const results = await Promise.all([redeem(c.code, l1), redeem(c.code, l2)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409])
    const loser = results.find((r) => r.statusCode === 409)!
    expect(problem(loser, 409).detail).toMatch(/no places left/)
    problem(await redeem(c.code, await newLearner()), 409)
    const taken = await t.runtime.database.db.selectFrom('claim_code_redemptions').selectAll().where('code_id', '=', c.id).execute()
    expect(taken).toHaveLength(2)
    expect(expectOk(await t.app.inject({ method: 'GET', url: V(`/claim-codes/${c.code}`), headers: t.auth(issuer.issuerKey) })).claims).toBe(2)
  })

  it('expired, not yet open, unknown codes; bad windows and maximums; wrong roles', async () => {
    const c = expectOk(await createCode({ endsAt: inAnHour(), maxClaims: 5 }), 201)
    await t.runtime.database.db.updateTable('claim_codes').set({ starts_at: new Date(Date.now() - 7_200_000), ends_at: new Date(Date.now() - 1000) }).where('id', '=', c.id).execute()
    expect(problem(await redeem(c.code, await newLearner()), 410).detail).toMatch(/closed/)
    const later = expectOk(await createCode({ startsAt: inAnHour(), endsAt: new Date(Date.now() + 7_200_000).toISOString(), maxClaims: 5 }), 201)
    expect(problem(await redeem(later.code, await newLearner()), 409).detail).toMatch(/opens at/)
    problem(await redeem('ZZZZ-ZZZZ', await newLearner()), 404)
    problem(await redeem('not a code', await newLearner()), 404)
    problem(await createCode({ endsAt: new Date(Date.now() - 1000).toISOString(), maxClaims: 5 }), 422)
    problem(await createCode({ endsAt: inAnHour(), maxClaims: 0 }), 400)
    problem(await createCode({ endsAt: inAnHour() }), 400)
    problem(await createCode({ endsAt: inAnHour(), maxClaims: 5 }, appKey), 403)
    problem(await t.app.inject({ method: 'POST', url: V('/badge-classes/00000000-0000-4000-8000-000000000000/claim-codes'), headers: t.auth(issuer.issuerKey), payload: { endsAt: inAnHour(), maxClaims: 1 } }), 404)
    const open = expectOk(await createCode({ endsAt: inAnHour(), maxClaims: 5 }), 201)
    problem(await redeem(open.code, '00000000-0000-4000-8000-000000000000'), 422)
    problem(await redeem(open.code, await newLearner(), issuer.issuerKey), 403)
  })
})
