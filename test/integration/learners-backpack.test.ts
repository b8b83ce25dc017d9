import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Items 2, 5, 6 and 10 of issue #8: awards to learners, the backpack, collections, shares and learner tokens.
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
let issuer: Awaited<ReturnType<typeof setupIssuer>>
let other: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'youth app', cityId: city.id })).token
  issuer = await setupIssuer(t, city)
  other = await setupIssuer(t, city, { name: 'Museum of Making' })
})
afterAll(async () => { await t?.close() })

const L = (path = '') => `/v1/cities/${city.slug}/learners${path}`
const newLearner = async (body: Record<string, unknown>) => expectOk(await t.app.inject({ method: 'POST', url: L(), headers: t.auth(appKey), payload: body }), 201)
const award = async (recipient: Record<string, unknown>, key = issuer.issuerKey, klass = issuer.klass.id as string) =>
  t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(key), payload: { badgeClassId: klass, recipient } })
const backpack = async (id: string, key = appKey, query = '') => t.app.inject({ method: 'GET', url: L(`/${id}/backpack${query}`), headers: t.auth(key) })

describe('awards belong to learners', () => {
  it('awards to { learnerId }: OB 2.0 and 3.0 carry only the salted hash of a pseudonym', async () => {
    const l = await newLearner({ ageBand: '19-24', identifiers: [{ type: 'email', value: 'kim@example.org', verified: true }] })
    const a = expectOk(await award({ learnerId: l.id }), 201)
    expect(a.learnerId).toBe(l.id)
    expect(a.acceptance).toBe('pending')
    expect(a.recipient.type).toBe('id')
    const row = await t.runtime.database.db.selectFrom('learners').select('pseudonym').where('id', '=', l.id).executeTakeFirstOrThrow()
    expect(a.recipient.identity).toBe(`sha256$${createHash('sha256').update(`urn:uuid:${row.pseudonym}${a.recipient.salt as string}`).digest('hex')}`)
    const ob2 = await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${a.id as string}`, headers: { accept: 'application/ld+json' } })
    const ob3 = await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${a.id as string}`, headers: { accept: 'application/ld+json' } })
    for (const body of [ob2.body, ob3.body]) {
      expect(body).not.toContain(l.id)
      expect(body).not.toContain(row.pseudonym)
      expect(body).not.toContain('kim@')
    }
    expect(ob2.json().recipient).toEqual({ type: 'id', hashed: true, identity: a.recipient.identity, salt: a.recipient.salt })
  })

  it('never stores or publishes the pseudonym in plain, even where the city stores plain identities', async () => {
    const slug = `plain${Date.now().toString(36)}`
    const c = expectOk(await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug, name: 'Plain City', storePlainIdentity: true } }), 201)
    const admin = (await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'a', cityId: c.id })).token
    const iss = await setupIssuer(t, { slug, cityAdminKey: admin })
    const l = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${slug}/learners`, headers: t.auth(admin), payload: { ageBand: '19-24' } }), 201)
    const a = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${slug}/awards`, headers: t.auth(iss.issuerKey), payload: { badgeClassId: iss.klass.id, recipient: { learnerId: l.id } } }), 201)
    expect(a.recipient.plainIdentity).toBeUndefined()
    const ob3 = await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${a.id as string}`, headers: { accept: 'application/ld+json' } })
    expect(ob3.json().credentialSubject.id).toBeUndefined()
    const { pseudonym } = await t.runtime.database.db.selectFrom('learners').select('pseudonym').where('id', '=', l.id).executeTakeFirstOrThrow()
    expect(ob3.body).not.toContain(pseudonym)
    expect(JSON.stringify(await t.runtime.database.db.selectFrom('awards').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow())).not.toContain(pseudonym)
  })

  it('links an award to an identity matching a verified identifier at once; a later verification links earlier awards', async () => {
    const l = await newLearner({ ageBand: '16-18', identifiers: [{ type: 'email', value: 'ravi@example.org', verified: true }, { type: 'email', value: 'ravi.old@example.org' }] })
    const now = expectOk(await award({ type: 'email', identity: 'Ravi@Example.org' }), 201)
    expect(now.learnerId).toBe(l.id)
    const early = expectOk(await award({ type: 'email', identity: 'ravi.old@example.org' }), 201)
    expect(early.learnerId).toBeUndefined() // unverified identifiers never link
    const stranger = expectOk(await award({ type: 'email', identity: 'someone.else@example.org' }), 201)
    expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${l.id as string}`), headers: t.auth(appKey), payload: { identifiers: [{ type: 'email', value: 'ravi.old@example.org', verified: true }] } }))
    const items = expectOk(await backpack(l.id)).items.map((i: { awardId: string }) => i.awardId)
    expect(items).toEqual([now.id, early.id])
    expect(items).not.toContain(stranger.id)
  })

  it('refuses an award to an unknown or another city\'s learner with a 4xx problem', async () => {
    const res = await award({ learnerId: '00000000-0000-4000-8000-000000000000' })
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    const c2 = await makeCity(t)
    const foreign = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/learners`, headers: t.auth(c2.cityAdminKey), payload: { ageBand: '19-24' } }), 201)
    expect((await award({ learnerId: foreign.id })).statusCode).toBe(422)
    expect((await award({ learnerId: 'x', type: 'email' })).statusCode).toBe(400)
  })
})

describe('backpack', () => {
  it('pages the awards with their state; accept and decline record events once', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(expectOk(await award({ learnerId: l.id }), 201).id)
    const first = expectOk(await backpack(l.id, appKey, '?limit=2'))
    expect(first.items.map((i: { awardId: string }) => i.awardId)).toEqual(ids.slice(0, 2))
    expect(first.items[0]).toMatchObject({ acceptance: 'pending', badgeName: 'Digital Maker', revoked: false })
    const second = expectOk(await backpack(l.id, appKey, `?limit=2&cursor=${first.nextCursor as string}`))
    expect(second.items.map((i: { awardId: string }) => i.awardId)).toEqual(ids.slice(2, 4))

    expect(expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[0]!}/accept`), headers: t.auth(appKey) })).acceptance).toBe('accepted')
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[0]!}/accept`), headers: t.auth(appKey) }))
    expect(expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[1]!}/decline`), headers: t.auth(appKey) })).acceptance).toBe('declined')
    const events = await t.runtime.database.db.selectFrom('outbox').select(['type', 'payload']).where('type', 'in', ['award.accepted', 'award.declined']).execute()
    const mine = events.filter((e) => (e.payload as { learnerId: string }).learnerId === l.id)
    expect(mine.map((e) => e.type).sort()).toEqual(['award.accepted', 'award.declined'])
    expect(expectOk(await backpack(l.id, appKey, '?acceptance=declined')).items.map((i: { awardId: string }) => i.awardId)).toEqual([ids[1]])
    // Declined but still verifiable by its issuer's URL.
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${ids[1]!}`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(200)
    // Someone else's award is a 404 here.
    const stranger = expectOk(await award({ type: 'email', identity: 'x@example.org' }), 201)
    expect((await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${stranger.id as string}/accept`), headers: t.auth(appKey) })).statusCode).toBe(404)
  })

  it('shows an issuer only the awards it issued; readers and other cities get nothing', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const mine = expectOk(await award({ learnerId: l.id }), 201)
    expectOk(await award({ learnerId: l.id }, other.issuerKey, other.klass.id), 201)
    expect(expectOk(await backpack(l.id, issuer.issuerKey)).items.map((i: { awardId: string }) => i.awardId)).toEqual([mine.id])
    expect(expectOk(await backpack(l.id, appKey)).items).toHaveLength(2)
    const reader = (await t.runtime.services.apiKeys.issue({ role: 'reader', name: 'r', cityId: city.id })).token
    expect((await backpack(l.id, reader)).statusCode).toBe(403)
    const c2 = await makeCity(t)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c2.slug}/learners/${l.id as string}/backpack`, headers: t.auth(c2.cityAdminKey) })).statusCode).toBe(404)
    expect((await backpack(l.id, c2.cityAdminKey)).statusCode).toBe(404)
  })

  // GET .../backpack is read and serialised by PostgreSQL in one query (BackpackService.listJson); the service's
  // object form (BackpackService.list, used by the portfolio and the demo) is the reference it must equal.
  it('the served backpack equals the object form, item for item, on every page, filter and caller', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(expectOk(await award({ learnerId: l.id }), 201).id)
    ids.push(expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: l.id }, expires: '2099-03-04T05:06:07.891Z' } }), 201).id)
    ids.push(expectOk(await award({ learnerId: l.id }, other.issuerKey, other.klass.id), 201).id)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[0]!}/accept`), headers: t.auth(appKey) }))
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[1]!}/decline`), headers: t.auth(appKey) }))
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${ids[2]!}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'a "quoted" \\ reason — ✓' } }))
    const now = new Date()
    await t.runtime.database.db.insertInto('learner_imports').values({
      id: crypto.randomUUID(), city_id: city.id, learner_id: l.id, source_kind: 'url', source: 'https://elsewhere.example/a', fingerprint: `fp-${l.id as string}`,
      status: 'verified', format: 'ob2', report: JSON.stringify({}), name: 'Imported <badge>', issuer_name: null, issued_on: null, checked_at: now, verified_at: null,
    } as never).execute()
    const token = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/tokens`), headers: t.auth(appKey), payload: {} }), 201).token as string
    const cityRow = await t.runtime.database.db.selectFrom('cities').selectAll().where('id', '=', city.id).executeTakeFirstOrThrow()
    const principals = {
      app: { keyId: 'k', role: 'app', cityId: city.id, organisationId: null },
      issuer: { keyId: 'k', role: 'issuer', cityId: city.id, organisationId: issuer.org.id },
      learner: { keyId: 'k', role: 'learner', cityId: city.id, organisationId: null, learnerId: l.id },
    } as const
    const keys = { app: appKey, issuer: issuer.issuerKey, learner: token }
    let compared = 0
    for (const who of ['app', 'issuer', 'learner'] as const) {
      for (const q of [{}, { limit: 2 }, { acceptance: 'declined' as const }, { acceptance: 'pending' as const, limit: 3 }]) {
        let query: Record<string, unknown> = q
        for (;;) {
          const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string])).toString()
          const served = await backpack(l.id, keys[who], qs ? `?${qs}` : '')
          expect(served.statusCode, served.body).toBe(200)
          const reference = await t.runtime.services.backpack.list(principals[who] as never, cityRow, l.id, query as never)
          expect(served.json()).toEqual(JSON.parse(JSON.stringify(reference)))
          compared++
          if (!reference.nextCursor) break
          expect(served.headers.link).toContain('rel="next"')
          query = { ...q, cursor: reference.nextCursor }
        }
      }
    }
    expect(compared).toBeGreaterThan(12)
    const all = expectOk(await backpack(l.id))
    expect(all.items).toHaveLength(7)
    expect(all.items[2]).toMatchObject({ revoked: true, revocationReason: 'a "quoted" \\ reason — ✓' })
    expect(all.items[5].expires).toBe('2099-03-04T05:06:07.891Z')
    expect(all.items[0].acceptanceAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(all.imports).toEqual([expect.objectContaining({ name: 'Imported <badge>', format: 'ob2', verifiedAt: now.toISOString() })])
    // A strong ETag of the page: If-None-Match answers 304 until the page changes.
    const etag = (await backpack(l.id)).headers.etag as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const url = L(`/${l.id as string}/backpack`)
    expect((await t.app.inject({ method: 'GET', url, headers: { ...t.auth(appKey), 'if-none-match': etag } })).statusCode).toBe(304)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${ids[3]!}/accept`), headers: t.auth(appKey) }))
    const changed = await t.app.inject({ method: 'GET', url, headers: { ...t.auth(appKey), 'if-none-match': etag } })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    // Unknown learner, another learner's token: 404 as before.
    expect((await backpack('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    const otherLearner = await newLearner({ ageBand: '19-24' })
    expect((await backpack(otherLearner.id, token)).statusCode).toBe(404)
  })

  it('keeps named, ordered collections of the learner\'s own awards', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const a1 = expectOk(await award({ learnerId: l.id }), 201).id as string
    const a2 = expectOk(await award({ learnerId: l.id }), 201).id as string
    const c = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey), payload: { name: 'Making', awardIds: [a2, a1] } }), 201)
    expect(c.awardIds).toEqual([a2, a1])
    const c2 = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey), payload: { name: 'Later' } }), 201)
    expect(c2.position).toBe(c.position + 1)
    expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${l.id as string}/collections/${c2.id as string}`), headers: t.auth(appKey), payload: { awardIds: [a1] } }))
    expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${l.id as string}/collections/${c.id as string}`), headers: t.auth(appKey), payload: { position: 5, name: 'Making things' } }))
    const list = expectOk(await t.app.inject({ method: 'GET', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey) }))
    expect(list.items.map((x: { name: string; awardIds: string[] }) => [x.name, x.awardIds])).toEqual([['Later', [a1]], ['Making things', [a2, a1]]])
    const stranger = expectOk(await award({ type: 'email', identity: 'y@example.org' }), 201).id as string
    const bad = await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey), payload: { name: 'Theft', awardIds: [stranger] } })
    expect(bad.statusCode).toBe(422)
    expect((await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}/collections/${c2.id as string}`), headers: t.auth(appKey) })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}/collections/${c2.id as string}`), headers: t.auth(appKey) })).statusCode).toBe(404)
  })
})

describe('shares', () => {
  it('shares awards as an unguessable, revocable link; declined awards never appear', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const a1 = expectOk(await award({ learnerId: l.id }), 201).id as string
    const a2 = expectOk(await award({ learnerId: l.id }), 201).id as string
    const s = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [a1, a2] } }), 201)
    expect(s.url).toMatch(/^https:\/\/badges\.test\/shares\/[A-Za-z0-9_-]{43}$/)
    const path = new URL(s.url as string).pathname
    const rows = await t.runtime.database.db.selectFrom('learner_shares').selectAll().where('id', '=', s.id).execute()
    expect(JSON.stringify(rows)).not.toContain(path.split('/').pop())
    const ld = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'application/ld+json' } })
    expect(ld.statusCode).toBe(200)
    expect(ld.json().itemListElement.map((i: { item: { '@id': string } }) => i.item['@id'])).toEqual([`https://badges.test/ob/v2/assertions/${a1}`, `https://badges.test/ob/v2/assertions/${a2}`])
    expect(ld.body).not.toContain(l.id)
    // Declining an award hides it from the share at once.
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${a2}/decline`), headers: t.auth(appKey) }))
    expect((await t.app.inject({ method: 'GET', url: path, headers: { accept: 'application/ld+json' } })).json().numberOfItems).toBe(1)
    const html = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } })
    expect(html.headers['content-type']).toMatch(/text\/html/)
    expect(html.body).toContain('Digital Maker')
    // Revoked: 410, and again idempotently.
    const r1 = expectOk(await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}/shares/${s.id as string}`), headers: t.auth(appKey) }))
    const r2 = expectOk(await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}/shares/${s.id as string}`), headers: t.auth(appKey) }))
    expect(r2.revokedAt).toBe(r1.revokedAt)
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(410)
    expect((await t.app.inject({ method: 'GET', url: `/shares/${'A'.repeat(43)}` })).statusCode).toBe(404)
    // A declined award cannot be shared at all.
    expect((await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [a2] } })).statusCode).toBe(422)
  })

  it('expires, shares collections, and refuses someone else\'s award, under-13s and minors without consent', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const a1 = expectOk(await award({ learnerId: l.id }), 201).id as string
    const soon = new Date(Date.now() + 1500).toISOString()
    const s = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [a1], expiresAt: soon } }), 201)
    expect((await t.app.inject({ method: 'GET', url: new URL(s.url as string).pathname })).statusCode).toBe(200)
    await new Promise((r) => setTimeout(r, 1700))
    expect((await t.app.inject({ method: 'GET', url: new URL(s.url as string).pathname })).statusCode).toBe(410)

    const c = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey), payload: { name: 'My best', awardIds: [a1] } }), 201)
    const cs = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { collectionId: c.id } }), 201)
    expect((await t.app.inject({ method: 'GET', url: new URL(cs.url as string).pathname, headers: { accept: 'application/ld+json' } })).json().name).toBe('My best')

    const someone = await newLearner({ ageBand: '19-24' })
    const theirs = expectOk(await award({ learnerId: someone.id }), 201).id as string
    const steal = await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [a1, theirs] } })
    expect(steal.statusCode).toBe(422)
    expect(steal.json().errors).toEqual([{ field: '/awardIds/1', message: expect.stringMatching(/backpack/) }])
    for (const body of [{}, { awardIds: [a1], collectionId: c.id }, { awardIds: [a1], expiresAt: '2020-01-01T00:00:00Z' }, { awardIds: [a1], expiresAt: 'tomorrow' }]) {
      expect((await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: body })).statusCode, JSON.stringify(body)).toBe(422)
    }

    const child = await newLearner({ ageBand: 'under-13', guardian: { email: 'g@example.org' }, consents: { sharing: true } })
    const ca = expectOk(await award({ learnerId: child.id }), 201).id as string
    const refusedChild = await t.app.inject({ method: 'POST', url: L(`/${child.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [ca] } })
    expect(refusedChild.statusCode).toBe(409)
    expect(refusedChild.json().detail).toMatch(/under-13/)
    const teen = await newLearner({ ageBand: '13-15' })
    const ta = expectOk(await award({ learnerId: teen.id }), 201).id as string
    expect((await t.app.inject({ method: 'POST', url: L(`/${teen.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [ta] } })).statusCode).toBe(409)
    expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${teen.id as string}`), headers: t.auth(appKey), payload: { consents: { sharing: true } } }))
    const ts = expectOk(await t.app.inject({ method: 'POST', url: L(`/${teen.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [ta] } }), 201)
    expect((await t.app.inject({ method: 'GET', url: new URL(ts.url as string).pathname })).statusCode).toBe(200)
    // Consent withdrawn: the link stops working.
    expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${teen.id as string}`), headers: t.auth(appKey), payload: { consents: { sharing: false } } }))
    expect((await t.app.inject({ method: 'GET', url: new URL(ts.url as string).pathname })).statusCode).toBe(410)
  })
})

describe('learner tokens', () => {
  it('reach only their learner and only learner routes', async () => {
    const l = await newLearner({ ageBand: '19-24' })
    const someone = await newLearner({ ageBand: '19-24' })
    const a = expectOk(await award({ learnerId: l.id }), 201).id as string
    const minted = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/tokens`), headers: t.auth(appKey), payload: { ttlSeconds: 300 } }), 201)
    expect(minted.token).toMatch(/^cblt_/)
    const stored = await t.runtime.database.db.selectFrom('learner_tokens').selectAll().execute()
    expect(JSON.stringify(stored)).not.toContain((minted.token as string).split('_').slice(2).join('_'))
    const lt = t.auth(minted.token as string)
    expect(expectOk(await backpack(l.id, minted.token)).items).toHaveLength(1)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${a}/accept`), headers: lt }))
    expectOk(await t.app.inject({ method: 'GET', url: L(`/${l.id as string}`), headers: lt }))
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: lt, payload: { awardIds: [a] } }), 201)
    // A learner token may add an identifier but never verify one (that would claim someone else's awards).
    const claim = await t.app.inject({ method: 'PATCH', url: L(`/${l.id as string}`), headers: lt, payload: { identifiers: [{ type: 'email', value: 'victim@example.org', verified: true }] } })
    expect(claim.statusCode).toBe(422)
    expect(claim.json().errors).toEqual([{ field: '/identifiers/0/verified', message: expect.any(String) }])
    expect(expectOk(await t.app.inject({ method: 'PATCH', url: L(`/${l.id as string}`), headers: lt, payload: { identifiers: [{ type: 'email', value: 'mine@example.org' }], consents: { contact: false } } })).identifiers).toHaveLength(1)
    // Another learner: 404; management routes and other resources: 403; minting and erasing: 403.
    expect((await backpack(someone.id, minted.token)).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: L(`/${someone.id as string}`), headers: lt })).statusCode).toBe(404)
    for (const [method, path] of [['GET', L()], ['GET', `/v1/cities/${city.slug}/awards`], ['GET', `/v1/cities/${city.slug}`], ['DELETE', L(`/${l.id as string}`)], ['POST', L(`/${l.id as string}/tokens`)]] as const) {
      const res = await t.app.inject({ method, url: path, headers: lt, ...(method === 'POST' ? { payload: {} } : {}) })
      expect(res.statusCode, `${method} ${path}`).toBe(403)
    }
    // Issuers, readers and learner tokens cannot mint; a wrong or expired token is a 401.
    for (const key of [issuer.issuerKey, (await t.runtime.services.apiKeys.issue({ role: 'reader', name: 'r', cityId: city.id })).token]) {
      expect((await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/tokens`), headers: t.auth(key), payload: {} })).statusCode).toBe(403)
    }
    expect((await backpack(l.id, `cblt_${'a'.repeat(16)}_${'b'.repeat(43)}`)).statusCode).toBe(401)
    await t.runtime.database.db.updateTable('learner_tokens').set({ expires_at: new Date(Date.now() - 1000) }).execute()
    expect((await backpack(l.id, minted.token)).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/tokens`), headers: t.auth(appKey), payload: { ttlSeconds: 86400 } })).statusCode).toBe(400)
  })
})
