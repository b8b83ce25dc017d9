import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, orgBody } from '../helpers/badges.js'

// Open data in (issue #9): the RPDE importer against feeds served by a local HTTP server (allow-listed through
// EGRESS_ALLOW_PRIVATE_HOSTS), every broken-feed case of the issue (a recorded job error, nothing lost), resuming
// after a failure, and the round trip: publish in one city, import our own feed into another, same opportunities.

type Page = { status?: number; body: string | Buffer }
const pages = new Map<string, Page | (() => Page)>()
const requested: string[] = []
let t: TestContext
let base: string
let server: http.Server
let closedPort: number

const DAY = 24 * 3600 * 1000
const future = (d: number) => new Date(Date.UTC(2030, 5, 3, 17) + d * DAY).toISOString()

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    requested.push(url)
    if (url.startsWith('/feeds/')) {
      // Our own feed, as the service publishes it (PUBLIC_URL is this server).
      void t.app.inject({ method: 'GET', url }).then((r) => {
        res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'application/json') })
        res.end(r.rawPayload)
      })
      return
    }
    const p = pages.get(url)
    const page = typeof p === 'function' ? p() : p
    if (!page) { res.writeHead(404); res.end('not found'); return }
    res.writeHead(page.status ?? 200, { 'content-type': 'application/json' })
    res.end(page.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  const probe = http.createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  closedPort = (probe.address() as AddressInfo).port
  await new Promise((r) => probe.close(r))
  t = await createTestApp({
    env: {
      PUBLIC_URL: base,
      EGRESS_ALLOW_HTTP_HOSTS: '127.0.0.1,localhost',
      EGRESS_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port},localhost:${closedPort}`,
    },
  })
})
afterAll(async () => {
  await t?.close()
  await new Promise((r) => server?.close(r))
})

const json = (items: unknown[], next: string): Page => ({ body: JSON.stringify({ items, next, license: 'https://creativecommons.org/licenses/by/4.0/' }) })
const series = (id: string, modified: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, modified, kind: 'SessionSeries', state: 'updated',
  data: {
    '@context': ['https://openactive.io/'], '@type': 'SessionSeries', '@id': `https://leisure.example.org/series/${id}`, name,
    description: 'Lane swimming for all.',
    location: { '@type': 'Place', address: { '@type': 'PostalAddress', streetAddress: '1 Pool Lane', postalCode: 'BS2 0AA' }, geo: { '@type': 'GeoCoordinates', latitude: 51.46, longitude: -2.58 } },
    ageRange: { '@type': 'QuantitativeValue', minValue: 8, maxValue: 18 },
    offers: [{ '@type': 'Offer', price: 3.5, priceCurrency: 'GBP' }],
    subEvent: [{ '@type': 'ScheduledSession', identifier: `${id}-s1`, startDate: future(1), endDate: future(1.05), maximumAttendeeCapacity: 20, remainingAttendeeCapacity: 7 }],
    ...extra,
  },
})
const deleted = (id: string, modified: number, kind = 'SessionSeries') => ({ id, modified, kind, state: 'deleted' })

async function setup () {
  const c = await makeCity(t)
  const admin = t.auth(c.cityAdminKey)
  const org = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: admin, payload: orgBody('Leisure Trust') }), 201)
  return { c, admin, org }
}

async function runFeed (ctx: Awaited<ReturnType<typeof setup>>, url: string): Promise<any> {
  const feed = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${ctx.c.slug}/opportunity-feeds`, headers: ctx.admin, payload: { url, organisationId: ctx.org.id } }), 201)
  return settle(ctx, feed.id)
}

async function settle (ctx: Awaited<ReturnType<typeof setup>>, id: string): Promise<any> {
  return eventually(async () => {
    const f = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${ctx.c.slug}/opportunity-feeds/${id}`, headers: ctx.admin }))
    return f.status === 'done' || f.status === 'error' ? f : undefined
  }, 30_000, 'the import to settle')
}

const opportunities = async (ctx: Awaited<ReturnType<typeof setup>>): Promise<any[]> =>
  expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${ctx.c.slug}/opportunities?limit=100`, headers: ctx.admin })).items

describe('importing an OpenActive RPDE feed', () => {
  it('pages through, upserts series and sessions as the provider’s opportunities, applies deletions, escapes HTML names', async () => {
    pages.set('/ext/a/1', json([
      series('s1', 1, 'Lane swimming'),
      series('s2', 2, 'Aqua aerobics'),
      { id: 'x3', modified: 3, kind: 'ScheduledSession', state: 'updated', data: { '@type': 'ScheduledSession', superEvent: 'https://leisure.example.org/series/s1', startDate: future(8), endDate: future(8.05), maximumAttendeeCapacity: 15 } },
    ], '/ext/a/2'))
    pages.set('/ext/a/2', json([
      series('s4', 4, '<script>alert("x")</script>Swim <b>fast</b>', { offers: [{ '@type': 'Offer', price: 0 }] }),
      deleted('s2', 5),
    ], `${base}/ext/a/3`))
    pages.set('/ext/a/3', json([], `${base}/ext/a/3`))
    const ctx = await setup()
    const feed = await runFeed(ctx, `${base}/ext/a/1`)
    expect(feed).toMatchObject({ status: 'done', lastError: null, pages: 2, itemsUpserted: 4, itemsDeleted: 1, nextUrl: `${base}/ext/a/3` })
    const items = await opportunities(ctx)
    expect(items.map((o) => o.title).sort()).toEqual(['<script>alert("x")</script>Swim <b>fast</b>', 'Lane swimming'])
    const swim = items.find((o) => o.title === 'Lane swimming')
    expect(swim).toMatchObject({ status: 'published', organisationId: ctx.org.id, kind: 'activity', place: { lat: 51.46, lon: -2.58, postcode: 'BS2 0AA' }, ageRange: { min: 8, max: 18 }, cost: { free: false, amount: 3.5, currency: 'GBP' }, source: { id: 's1' } })
    expect(swim.sessions.map((s: any) => [s.start, s.capacity, s.placesLeft])).toEqual([[future(1), 20, 7], [future(8), 15, 15]])
    const html = items.find((o) => o.title.startsWith('<script>'))
    expect(html.cost.free).toBe(true)
    const page = await t.app.inject({ method: 'GET', url: `/opportunities/${ctx.c.slug}/${html.id}`, headers: { accept: 'text/html' } })
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Swim &lt;b&gt;fast&lt;/b&gt;')
    expect(page.body).not.toContain('<script>')
    // Searchable at once, with the public search.
    const found = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${ctx.c.slug}/opportunities/search?near=51.46,-2.58&radiusKm=2` }))
    expect(found.items.map((i: any) => i.title)).toContain('Lane swimming')

    // A later run takes only what is new: an update of s1 and a deleted session.
    pages.set('/ext/a/3', json([series('s1', 6, 'Lane swimming (adults)', { subEvent: [] })], `${base}/ext/a/4`))
    pages.set('/ext/a/4', json([], `${base}/ext/a/4`))
    const again = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${ctx.c.slug}/opportunity-feeds/${feed.id}/sync`, headers: ctx.admin }), 202)
    const after = await settle(ctx, again.id)
    expect(after).toMatchObject({ status: 'done', pages: 3, itemsUpserted: 5 })
    const swim2 = (await opportunities(ctx)).find((o) => o.id === swim.id)
    expect(swim2.title).toBe('Lane swimming (adults)')
    expect(swim2.sessions).toEqual([])
  })

  it('resumes where it stopped after a failure, without fetching earlier pages again', async () => {
    let failures = 1
    pages.set('/ext/b/1', json([series('b1', 1, 'Climbing')], '/ext/b/2'))
    pages.set('/ext/b/2', () => failures-- > 0 ? { status: 500, body: 'oops' } : json([series('b2', 2, 'Bouldering')], '/ext/b/3'))
    pages.set('/ext/b/3', json([], '/ext/b/3'))
    const ctx = await setup()
    const failed = await runFeed(ctx, `${base}/ext/b/1`)
    expect(failed.status).toBe('error')
    expect(failed.lastError).toMatch(/HTTP 500/)
    expect(failed.nextUrl).toBe(`${base}/ext/b/2`)
    expect((await opportunities(ctx)).map((o) => o.title)).toEqual(['Climbing'])
    const before = requested.filter((u) => u === '/ext/b/1').length
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${ctx.c.slug}/opportunity-feeds/${failed.id}/sync`, headers: ctx.admin }), 202)
    const done = await settle(ctx, failed.id)
    expect(done).toMatchObject({ status: 'done', lastError: null, pages: 2 })
    expect(requested.filter((u) => u === '/ext/b/1').length).toBe(before)
    expect((await opportunities(ctx)).map((o) => o.title).sort()).toEqual(['Bouldering', 'Climbing'])
  })

  const broken: Array<[string, () => void, string, RegExp, string[]]> = [
    ['malformed (not JSON)', () => {
      pages.set('/ext/m/1', json([series('m1', 1, 'Kept')], '/ext/m/2'))
      pages.set('/ext/m/2', { body: '{"items": [' })
    }, '/ext/m/1', /^malformed: .*not JSON/, ['Kept']],
    ['malformed (not an RPDE page)', () => { pages.set('/ext/m2/1', { body: JSON.stringify({ items: 'nope' }) }) }, '/ext/m2/1', /^malformed/, []],
    ['paginating backwards', () => {
      pages.set('/ext/k/1', json([series('k5', 5, 'Kept')], '/ext/k/2'))
      pages.set('/ext/k/2', json([series('k3', 3, 'Older')], '/ext/k/3'))
    }, '/ext/k/1', /^backwards/, ['Kept']],
    ['looping', () => {
      pages.set('/ext/l/1', json([series('l1', 1, 'Kept')], '/ext/l/2'))
      pages.set('/ext/l/2', json([series('l2', 2, 'Kept too')], '/ext/l/1'))
    }, '/ext/l/1', /^loop/, ['Kept']],
    ['looping on itself', () => { pages.set('/ext/l3/1', json([series('l3', 1, 'Self')], '/ext/l3/1')) }, '/ext/l3/1', /^loop/, []],
    ['a huge page', () => {
      pages.set('/ext/h/1', json([series('h1', 1, 'Kept')], '/ext/h/2'))
      pages.set('/ext/h/2', json([series('h2', 2, 'x'.repeat(2 * 1024 * 1024))], '/ext/h/3'))
    }, '/ext/h/1', /^too_large/, ['Kept']],
    ['a next link to another site', () => { pages.set('/ext/f/1', json([series('f1', 1, 'Foreign')], 'https://elsewhere.example.org/feed')) }, '/ext/f/1', /^foreign_next/, []],
  ]
  for (const [name, arrange, path, error, kept] of broken) {
    it(`stops with a recorded error and keeps what it had: ${name}`, async () => {
      arrange()
      const ctx = await setup()
      const feed = await runFeed(ctx, `${base}${path}`)
      expect(feed.status).toBe('error')
      expect(feed.lastError).toMatch(error)
      expect((await opportunities(ctx)).map((o) => o.title).sort()).toEqual(kept)
    })
  }

  it('stops with a recorded error on an unreachable feed, and on a private address that is not allow-listed', async () => {
    const ctx = await setup()
    const down = await runFeed(ctx, `http://localhost:${closedPort}/feed`)
    expect(down.status).toBe('error')
    expect(down.lastError).toMatch(/^unreachable/)
    const blocked = await runFeed(ctx, `http://127.0.0.1:${closedPort}/feed`)
    expect(blocked.status).toBe('error')
    expect(blocked.lastError).toMatch(/not a public address|non-public address/)
  })

  it('refuses bad registrations with a 4xx', async () => {
    const ctx = await setup()
    const post = (payload: object, key = ctx.admin) => t.app.inject({ method: 'POST', url: `/v1/cities/${ctx.c.slug}/opportunity-feeds`, headers: key, payload })
    expect((await post({ url: 'ftp://x.example.org/feed', organisationId: ctx.org.id })).statusCode).toBe(422)
    expect((await post({ url: 'not a url', organisationId: ctx.org.id })).statusCode).toBe(422)
    expect((await post({ url: `${base}/ext/z`, organisationId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404)
    pages.set('/ext/z', json([], '/ext/z'))
    expectOk(await post({ url: `${base}/ext/z`, organisationId: ctx.org.id }), 201)
    expect((await post({ url: `${base}/ext/z`, organisationId: ctx.org.id })).statusCode).toBe(409)
    const issuer = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${ctx.c.slug}/api-keys`, headers: ctx.admin, payload: { name: 'i', role: 'issuer', organisationId: ctx.org.id } }), 201).key
    expect((await post({ url: `${base}/ext/y`, organisationId: ctx.org.id }, t.auth(issuer))).statusCode).toBe(403)
  })
})

describe('round trip', () => {
  it('publishes in one city, imports that city’s feed into another: the same opportunities', async () => {
    const a = await setup()
    const mk = async (payload: Record<string, unknown>, then?: 'cancel' | 'delete') => {
      const o = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${a.c.slug}/opportunities`, headers: a.admin, payload: { organisationId: a.org.id, ...payload } }), 201)
      expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${a.c.slug}/opportunities/${o.id}/publish`, headers: a.admin }))
      if (then === 'cancel') expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${a.c.slug}/opportunities/${o.id}/cancel`, headers: a.admin }))
      if (then === 'delete') await t.app.inject({ method: 'DELETE', url: `/v1/cities/${a.c.slug}/opportunities/${o.id}`, headers: a.admin })
      return o
    }
    await mk({ kind: 'course', title: 'Coding for beginners', description: 'Learn *Python*.', place: { lat: 51.45, lon: -2.59, address: '2 Broad St', postcode: 'BS1 2HD' }, ageRange: { min: 14, max: 19 }, cost: { free: false, amount: 20, currency: 'GBP' }, themes: ['civic'], destinations: ['education'], schedule: { rrule: 'FREQ=WEEKLY;COUNT=4', start: future(2), durationMinutes: 120, capacity: 16 }, bookingUrl: 'https://code.example.org/book', accessibility: 'Hearing loop' })
    await mk({ kind: 'volunteering', title: 'Park clean-up', online: false, place: { lat: 51.47, lon: -2.6 }, sessions: [{ start: future(3), end: future(3.1), capacity: 30 }] })
    await mk({ kind: 'event', title: 'Cancelled gig', place: { lat: 51.45, lon: -2.58 }, sessions: [{ start: future(4), end: future(4.1) }] }, 'cancel')
    await mk({ kind: 'job', title: 'Withdrawn job', place: { lat: 51.45, lon: -2.58 } }, 'delete')
    const b = await setup()
    const feed = await runFeed(b, `${base}/feeds/${a.c.slug}/opportunities`)
    expect(feed).toMatchObject({ status: 'done', lastError: null })
    const shape = (o: any) => ({
      kind: o.kind, title: o.title, description: o.description, status: o.status, place: o.place && { lat: o.place.lat, lon: o.place.lon, address: o.place.address, postcode: o.place.postcode },
      online: o.online, ageRange: o.ageRange, cost: o.cost, themes: o.themes, destinations: o.destinations, bookingUrl: o.bookingUrl, accessibility: o.accessibility,
      sessions: o.sessions.map((s: any) => ({ start: s.start, end: s.end, capacity: s.capacity, placesLeft: s.placesLeft, status: s.status })),
    })
    const byTitle = (xs: any[]) => xs.map(shape).sort((x, y) => x.title.localeCompare(y.title))
    const original = byTitle((await opportunities(a)).filter((o) => o.title !== 'Withdrawn job'))
    const imported = byTitle(await opportunities(b))
    expect(imported).toHaveLength(3)
    expect(imported).toEqual(original)
  })
})
