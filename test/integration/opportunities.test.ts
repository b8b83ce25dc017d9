import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, orgBody } from '../helpers/badges.js'

// Opportunities (issue #9): the model with sessions and RRULE expansion, publish/cancel, the public geo + text search,
// schema.org JSON-LD, the RPDE feed out and the supply map — and every bad input of the issue, each a clear 4xx.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let orgId: string
let issuerKey: string
const BRISTOL = { lat: 51.4545, lon: -2.5879 }
const DAY = 24 * 3600 * 1000
const inDays = (d: number, hour = 17) => {
  const x = new Date(Date.now() + d * DAY)
  x.setUTCHours(hour, 0, 0, 0)
  return x
}

beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  const admin = t.auth(city.cityAdminKey)
  orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody('Northgate Youth Club') }), 201).id
  issuerKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: admin, payload: { name: 'i', role: 'issuer', organisationId: orgId } }), 201).key
})
afterAll(async () => { await t?.close() })

const v1 = (path: string) => `/v1/cities/${city.slug}${path}`
const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: unknown, key = issuerKey) =>
  t.app.inject({ method, url: v1(path), headers: t.auth(key), ...(payload !== undefined ? { payload: payload as object } : {}) })
const search = (qs: string) => t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/opportunities/search?${qs}` })
const fields = (res: { json: () => any }) => (res.json().errors ?? []).map((e: { field: string }) => e.field).join(' ')

/** Kilometres east (dx) and north (dy) of the centre, as lat/lon. */
const offset = (dxKm: number, dyKm: number) => ({
  lat: BRISTOL.lat + dyKm / 111.32,
  lon: BRISTOL.lon + dxKm / (111.32 * Math.cos(BRISTOL.lat * Math.PI / 180)),
})

function body (extra: Record<string, unknown> = {}) {
  return {
    organisationId: orgId,
    kind: 'activity',
    title: 'Robotics club',
    description: 'Build **robots**. <script>alert(1)</script> [x](javascript:alert(1))',
    place: { ...BRISTOL, address: '1 Harbourside', postcode: 'BS1 5DB', area: 'central' },
    sessions: [{ start: inDays(2).toISOString(), end: new Date(inDays(2).getTime() + 2 * 3600e3).toISOString(), capacity: 12 }],
    ageRange: { min: 11, max: 16 },
    cost: { free: true },
    themes: ['civic'],
    destinations: ['employment'],
    spine: { elements: ['core.skills.social-emotional'], level: 'participation' },
    bookingUrl: 'https://northgate-youth.example.org/book',
    accessibility: 'Step-free access',
    language: 'en',
    ...extra,
  }
}

async function published (extra: Record<string, unknown> = {}) {
  const o = expectOk(await api('POST', '/opportunities', body(extra)), 201)
  return expectOk(await api('POST', `/opportunities/${o.id}/publish`))
}

describe('an opportunity', () => {
  it('is created as a draft with its sessions, places left and a sanitised Markdown description', async () => {
    const o = expectOk(await api('POST', '/opportunities', body()), 201)
    expect(o.status).toBe('draft')
    expect(o.sessions).toHaveLength(1)
    expect(o.sessions[0]).toMatchObject({ capacity: 12, placesLeft: 12, status: 'scheduled' })
    expect(o.place).toMatchObject({ lat: BRISTOL.lat, lon: BRISTOL.lon, postcode: 'BS1 5DB', area: 'central' })
    expect(o.descriptionHtml).toContain('<strong>robots</strong>')
    expect(o.descriptionHtml).not.toContain('<script>')
    expect(o.descriptionHtml).toContain('&lt;script&gt;')
    expect(o.descriptionHtml).not.toContain('href="javascript:')
    expect(o.spine).toEqual({ elements: ['core.skills.social-emotional'], level: 'participation' })
    expect(expectOk(await api('GET', `/opportunities/${o.id}`)).id).toBe(o.id)
  })

  it('expands a recurring schedule (RRULE) into sessions', async () => {
    const start = inDays(1, 18)
    const o = expectOk(await api('POST', '/opportunities', body({ sessions: undefined, schedule: { rrule: 'FREQ=WEEKLY;COUNT=6', start: start.toISOString(), durationMinutes: 90, capacity: 8 } })), 201)
    expect(o.sessions).toHaveLength(6)
    expect(new Date(o.sessions[5].start).getTime() - start.getTime()).toBe(5 * 7 * DAY)
    expect(new Date(o.sessions[0].end).getTime() - new Date(o.sessions[0].start).getTime()).toBe(90 * 60_000)
    expect(o.sessions.every((s: any) => s.placesLeft === 8)).toBe(true)
  })

  it('publishes, cancels (sessions too), and a cancelled one cannot be published again', async () => {
    const o = await published()
    expect(o.status).toBe('published')
    const c = expectOk(await api('POST', `/opportunities/${o.id}/cancel`))
    expect(c.status).toBe('cancelled')
    expect(c.sessions.every((s: any) => s.status === 'cancelled')).toBe(true)
    expect((await api('POST', `/opportunities/${o.id}/publish`)).statusCode).toBe(409)
  })

  it('belongs to its organisation: another issuer may not create for it, another city cannot see it', async () => {
    const admin = t.auth(city.cityAdminKey)
    const other = expectOk(await t.app.inject({ method: 'POST', url: v1('/organisations'), headers: admin, payload: orgBody('City Museum') }), 201)
    const otherKey = expectOk(await t.app.inject({ method: 'POST', url: v1('/api-keys'), headers: admin, payload: { name: 'm', role: 'issuer', organisationId: other.id } }), 201).key
    expect((await api('POST', '/opportunities', body(), otherKey)).statusCode).toBe(403)
    const o = expectOk(await api('POST', '/opportunities', body()), 201)
    const city2 = await makeCity(t)
    const res = await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/opportunities/${o.id}`, headers: t.auth(city2.cityAdminKey) })
    expect(res.statusCode).toBe(404)
  })
})

describe('bad input', () => {
  it('latitude or longitude out of range or not numbers: 400 naming the field', async () => {
    for (const place of [{ lat: 91, lon: 0 }, { lat: 0, lon: -181 }, { lat: 'north', lon: 0 }]) {
      const res = await api('POST', '/opportunities', body({ place }))
      expect(res.statusCode).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(fields(res)).toMatch(/place/)
    }
    for (const near of ['91,0', '0,181', 'abc,def', '51.45', '']) {
      const res = await search(`near=${encodeURIComponent(near)}&radiusKm=5`)
      expect(res.statusCode, near).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, near).toBeLessThan(500)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
  })

  it('a radius over the city’s maximum (or without near): 422', async () => {
    const res = await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=51`)
    expect(res.statusCode).toBe(422)
    expect(fields(res)).toBe('radiusKm')
    expect(res.json().detail).toMatch(/at most 50/)
    expect(expectOk(await api('PUT', '/opportunity-settings', { maxRadiusKm: 20 }, city.cityAdminKey))).toEqual({ maxRadiusKm: 20 })
    expect((await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=25`)).statusCode).toBe(422)
    expect((await api('PUT', '/opportunity-settings', { maxRadiusKm: 50 }, issuerKey)).statusCode).toBe(403)
    expectOk(await api('PUT', '/opportunity-settings', { maxRadiusKm: 50 }, city.cityAdminKey))
    expect((await search('radiusKm=5')).statusCode).toBe(422)
    expect((await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=-1`)).statusCode).toBe(400)
  })

  it('an end before its start: 422', async () => {
    const s = inDays(3)
    const res = await api('POST', '/opportunities', body({ sessions: [{ start: s.toISOString(), end: new Date(s.getTime() - 3600e3).toISOString() }] }))
    expect(res.statusCode).toBe(422)
    expect(fields(res)).toBe('sessions/0/end')
    const window = await search(`from=${inDays(5).toISOString()}&to=${inDays(4).toISOString()}`)
    expect(window.statusCode).toBe(422)
  })

  it('an RRULE that never ends or runs past a year: 422 with a clear message', async () => {
    const start = inDays(1).toISOString()
    const never = await api('POST', '/opportunities', body({ schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', start, durationMinutes: 60 } }))
    expect(never.statusCode).toBe(422)
    expect(never.json().detail).toMatch(/never ends/)
    const long = await api('POST', '/opportunities', body({ schedule: { rrule: 'FREQ=DAILY;COUNT=400', start, durationMinutes: 60 } }))
    expect(long.statusCode).toBe(422)
    expect(long.json().detail).toMatch(/year/)
    const until = await api('POST', '/opportunities', body({ schedule: { rrule: 'FREQ=MONTHLY', start, durationMinutes: 60, until: new Date(Date.now() + 800 * DAY).toISOString() } }))
    expect(until.statusCode).toBe(422)
    const bad = await api('POST', '/opportunities', body({ schedule: { rrule: 'FREQ=SOMETIMES', start, durationMinutes: 60 } }))
    expect(bad.statusCode).toBe(422)
    expect(fields(bad)).toBe('schedule/rrule')
  })

  it('capacity below zero: 400', async () => {
    const s = inDays(3)
    const res = await api('POST', '/opportunities', body({ sessions: [{ start: s.toISOString(), end: new Date(s.getTime() + 3600e3).toISOString(), capacity: -1 }] }))
    expect(res.statusCode).toBe(400)
    expect(fields(res)).toMatch(/sessions\/0\/capacity/)
  })

  it('unknown spine elements or badge classes of another city: 422', async () => {
    expect((await api('POST', '/opportunities', body({ spine: { elements: ['no.such'], level: 'participation' } }))).statusCode).toBe(422)
    expect((await api('POST', '/opportunities', body({ badgeClassIds: ['00000000-0000-4000-8000-000000000000'] }))).statusCode).toBe(422)
  })
})

describe('public search', () => {
  let near: any, far: any, online: any, course: any, paid: any, typo: any
  beforeAll(async () => {
    near = await published({ title: 'Harbour kayaking', place: { ...offset(0.5, 0), area: 'central' }, themes: ['wellbeing'], sessions: [{ start: inDays(3).toISOString(), end: new Date(inDays(3).getTime() + 3600e3).toISOString(), capacity: 10 }] })
    far = await published({ title: 'Downs football', place: { ...offset(0, 4), area: 'north' }, themes: ['wellbeing'], sessions: [{ start: inDays(1).toISOString(), end: new Date(inDays(1).getTime() + 3600e3).toISOString(), capacity: 22 }] })
    online = await published({ title: 'Coding online', place: undefined, online: true, themes: ['civic'], kind: 'course', spine: { elements: ['core.skills'], level: 'demonstration' }, sessions: [{ start: inDays(20).toISOString(), end: new Date(inDays(20).getTime() + 3600e3).toISOString() }] })
    course = await published({ title: 'Welding apprenticeship', kind: 'apprenticeship', place: { ...offset(8, 0) }, themes: ['sector.construction'], ageRange: { min: 16, max: 24 }, destinations: ['employment'], sessions: [] })
    paid = await published({ title: 'Pottery evenings', place: { ...offset(-1, -1), area: 'south' }, cost: { free: false, amount: 12.5, currency: 'GBP' }, ageRange: { min: 18, max: 99 }, themes: ['wellbeing'], sessions: [] })
    typo = await published({ title: 'Photography walk', place: { ...offset(2, 2) }, themes: ['civic'], description: 'Take pictures of the harbour' })
    // A draft never shows.
    expectOk(await api('POST', '/opportunities', body({ title: 'Secret draft', place: offset(0.1, 0) })), 201)
  })

  it('answers without a key, nearest first, with distanceKm and the next session', async () => {
    const res = await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=5&theme=wellbeing`)
    const page = expectOk(res)
    const ids = page.items.map((i: any) => i.id)
    expect(ids).toEqual([near.id, paid.id, far.id])
    expect(page.items[0].distanceKm).toBeCloseTo(0.5, 1)
    expect(page.items[2].distanceKm).toBeCloseTo(4, 1)
    expect(page.items[0].nextSession).toMatchObject({ capacity: 10, placesLeft: 10, start: near.sessions[0].start })
    expect(page.items[1].nextSession).toBeNull()
    expect(page.items.some((i: any) => i.title === 'Secret draft')).toBe(false)
    expect(res.headers['cache-control']).toContain('public')
  })

  it('is cacheable with an ETag', async () => {
    const res = await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=5`)
    const etag = res.headers.etag as string
    expect(etag).toBeTruthy()
    const again = await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/opportunities/search?near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=5`, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
  })

  it('filters by radius, window, kind, free, online, age, destination, element (with descendants) and level', async () => {
    const ids = async (qs: string) => expectOk(await search(qs)).items.map((i: any) => i.id)
    expect(await ids(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=1&theme=wellbeing`)).toEqual([near.id])
    expect(await ids(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=10&kind=apprenticeship`)).toEqual([course.id])
    expect(await ids(`from=${inDays(0.5).toISOString()}&to=${inDays(2).toISOString()}&theme=wellbeing`)).toEqual([far.id])
    expect(await ids(`from=${inDays(2).toISOString()}&to=${inDays(30).toISOString()}&sort=start&theme=wellbeing`)).toEqual([near.id])
    expect(await ids(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=5&free=false`)).toEqual([paid.id])
    expect(await ids('online=true')).toEqual([online.id])
    expect(await ids(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=10&age=20&destination=employment&kind=apprenticeship`)).toEqual([course.id])
    expect(await ids(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=10&age=12&kind=apprenticeship`)).toEqual([])
    expect(await ids('element=core.skills&online=true')).toEqual([online.id])
    expect(await ids('element=core.skills&level=demonstration')).toEqual([online.id])
    expect((await ids('element=core.skills')).length).toBeGreaterThan(1) // descendants: core.skills.social-emotional
    expect(await ids('element=core.skills.social-emotional&online=true')).toEqual([])
  })

  it('finds text with typos, by relevance', async () => {
    const items = expectOk(await search('q=photgraphy')).items
    expect(items[0]?.id).toBe(typo.id)
    expect(items[0].relevance).toBeGreaterThan(0)
    expect(expectOk(await search('q=harbour&sort=relevance')).items.map((i: any) => i.id)).toContain(typo.id)
    expect(expectOk(await search('q=zzzzqqq')).items).toEqual([])
  })

  it('pages with nextCursor and next', async () => {
    const first = expectOk(await search(`near=${BRISTOL.lat},${BRISTOL.lon}&radiusKm=10&limit=2`))
    expect(first.items).toHaveLength(2)
    expect(first.next).toContain('cursor=')
    const second = expectOk(await t.app.inject({ method: 'GET', url: first.next }))
    expect(second.items.map((i: any) => i.id)).not.toContain(first.items[0].id)
    expect((await search('cursor=garbage')).statusCode).toBe(400)
  })

  it('pages by distance through opportunities at one venue (tied distances): each once, ties in id order', async () => {
    const venue = offset(-20, -20)
    const made: string[] = []
    for (let i = 0; i < 5; i++) made.push((await published({ title: `Venue club ${i}`, themes: ['civic'], place: venue })).id)
    const farther = (await published({ title: 'Venue neighbour', themes: ['civic'], place: offset(-20.3, -20) })).id
    const seen: string[] = []
    let url: string | undefined = `/v1/cities/${city.slug}/opportunities/search?near=${venue.lat},${venue.lon}&radiusKm=2&theme=civic&limit=2`
    while (url) {
      const page = expectOk(await t.app.inject({ method: 'GET', url }))
      seen.push(...page.items.map((i: any) => i.id))
      url = page.next ?? undefined
    }
    expect(seen).toEqual([...[...made].sort(), farther])
  })

  it('is rate limited per address (429 with Retry-After)', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } })
    try {
      const c = await makeCity(limited)
      const codes = []
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/search` })).statusCode)
      expect(codes.slice(0, 3)).toEqual([200, 200, 200])
      expect(codes[4]).toBe(429)
      const last = await limited.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/search` })
      expect(last.headers['retry-after']).toBeDefined()
      expect(last.headers['content-type']).toContain('application/problem+json')
    } finally {
      await limited.close()
    }
  })

  it('answers 404 for an unknown city', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/cities/no-such-city/opportunities/search' })).statusCode).toBe(404)
  })
})

describe('open data out', () => {
  it('serves schema.org JSON-LD: Event, Course or JobPosting; HTML for browsers with the title escaped; drafts are not found', async () => {
    const ev = await published({ title: 'Night <b>walk</b>' })
    const doc = expectOk(await t.app.inject({ method: 'GET', url: `/opportunities/${city.slug}/${ev.id}` }))
    expect(doc['@context']).toBe('https://schema.org')
    expect(doc['@type']).toBe('Event')
    expect(doc.location.geo).toEqual({ '@type': 'GeoCoordinates', latitude: BRISTOL.lat, longitude: BRISTOL.lon })
    expect(doc.startDate).toBe(ev.sessions[0].start)
    expect(doc.typicalAgeRange).toBe('11-16')
    expect(doc.isAccessibleForFree).toBe(true)
    const course = await published({ kind: 'course' })
    expect(JSON.parse((await t.app.inject({ method: 'GET', url: `/opportunities/${city.slug}/${course.id}` })).body)['@type']).toBe('Course')
    const job = await published({ kind: 'job' })
    const jobDoc = JSON.parse((await t.app.inject({ method: 'GET', url: `/opportunities/${city.slug}/${job.id}` })).body)
    expect(jobDoc['@type']).toBe('JobPosting')
    expect(jobDoc.hiringOrganization.name).toBe('Northgate Youth Club')
    const html = await t.app.inject({ method: 'GET', url: `/opportunities/${city.slug}/${ev.id}`, headers: { accept: 'text/html' } })
    expect(html.headers['content-type']).toContain('text/html')
    expect(html.body).toContain('Night &lt;b&gt;walk&lt;/b&gt;')
    expect(html.body).not.toContain('<script>')
    const draft = expectOk(await api('POST', '/opportunities', body()), 201)
    expect((await t.app.inject({ method: 'GET', url: `/opportunities/${city.slug}/${draft.id}` })).statusCode).toBe(404)
  })

  it('publishes an RPDE feed: keyset order, next, updates move to the end, tombstones for deleted items', async () => {
    const c = await makeCity(t)
    const admin = t.auth(c.cityAdminKey)
    const org = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: admin, payload: orgBody('Leisure Trust') }), 201)
    const mk = async (title: string) => {
      const o = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities`, headers: admin, payload: body({ organisationId: org.id, title, spine: undefined }) }), 201)
      return expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities/${o.id}/publish`, headers: admin }))
    }
    const a = await mk('Swim A')
    const b = await mk('Swim B')
    const draft = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities`, headers: admin, payload: body({ organisationId: org.id, spine: undefined }) }), 201)
    const page1 = expectOk(await t.app.inject({ method: 'GET', url: `/feeds/${c.slug}/opportunities` }))
    expect(page1.items.map((i: any) => i.id)).toEqual([a.id, b.id])
    expect(page1.items.map((i: any) => i.id)).not.toContain(draft.id)
    expect(page1.items[0]).toMatchObject({ kind: 'SessionSeries', state: 'updated' })
    expect(page1.items[0].data['@type']).toBe('SessionSeries')
    expect(page1.items[0].data.subEvent[0]['@type']).toBe('ScheduledSession')
    expect(page1.items[0].modified).toBeLessThan(page1.items[1].modified)
    const next = new URL(page1.next)
    expect(next.searchParams.get('afterId')).toBe(b.id)
    const empty = expectOk(await t.app.inject({ method: 'GET', url: `${next.pathname}${next.search}` }))
    expect(empty.items).toEqual([])
    expect(empty.next).toBe(page1.next)
    // Cancel A, delete B: both move after the last position; B becomes a tombstone.
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities/${a.id}/cancel`, headers: admin }))
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/cities/${c.slug}/opportunities/${b.id}`, headers: admin })).statusCode).toBe(204)
    const page2 = expectOk(await t.app.inject({ method: 'GET', url: `${next.pathname}${next.search}` }))
    expect(page2.items.map((i: any) => [i.id, i.state])).toEqual([[a.id, 'updated'], [b.id, 'deleted']])
    expect(page2.items[0].data.eventStatus).toBe('https://schema.org/EventCancelled')
    expect(page2.items[1].data).toBeUndefined()
    expect((await t.app.inject({ method: 'GET', url: `/feeds/${c.slug}/opportunities?afterTimestamp=abc` })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: `/feeds/${c.slug}/opportunities?afterId=${a.id}` })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/feeds/nowhere/opportunities' })).statusCode).toBe(404)
  })
})

describe('supply map', () => {
  it('counts published opportunities, sessions and free places per area × theme × week, for admins and readers', async () => {
    const c = await makeCity(t)
    const admin = t.auth(c.cityAdminKey)
    const org = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: admin, payload: orgBody('Leisure Trust') }), 201)
    const monday = new Date(Date.UTC(2030, 0, 7, 17))
    const at = (d: number) => ({ start: new Date(monday.getTime() + d * DAY).toISOString(), end: new Date(monday.getTime() + d * DAY + 3600e3).toISOString(), capacity: 10 })
    const mk = async (extra: Record<string, unknown>, publish = true) => {
      const o = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities`, headers: admin, payload: body({ organisationId: org.id, spine: undefined, ...extra }) }), 201)
      if (publish) expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/opportunities/${o.id}/publish`, headers: admin }))
    }
    await mk({ place: { ...BRISTOL, area: 'central' }, themes: ['civic', 'wellbeing'], sessions: [at(0), at(1), at(8)] })
    await mk({ place: { ...BRISTOL, area: 'central' }, themes: ['civic'], sessions: [at(2)] })
    await mk({ place: { ...BRISTOL, area: 'central' }, themes: ['civic'], sessions: [at(2)] }, false) // draft: not counted
    const res = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/supply?from=2030-01-07T00:00:00Z&to=2030-01-21T00:00:00Z`, headers: admin }))
    expect(res.cells).toEqual([
      { area: 'central', theme: 'civic', week: '2030-01-07', opportunities: 2, sessions: 3, freePlaces: 30 },
      { area: 'central', theme: 'wellbeing', week: '2030-01-07', opportunities: 1, sessions: 2, freePlaces: 20 },
      { area: 'central', theme: 'civic', week: '2030-01-14', opportunities: 1, sessions: 1, freePlaces: 10 },
      { area: 'central', theme: 'wellbeing', week: '2030-01-14', opportunities: 1, sessions: 1, freePlaces: 10 },
    ])
    const reader = await t.runtime.services.apiKeys.issue({ role: 'reader', name: 'r', cityId: c.id })
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/supply`, headers: t.auth(reader.token) })).statusCode).toBe(200)
    const issuer = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/api-keys`, headers: admin, payload: { name: 'i', role: 'issuer', organisationId: org.id } }), 201).key
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/supply`, headers: t.auth(issuer) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/opportunities/supply?from=2030-01-21T00:00:00Z&to=2030-01-07T00:00:00Z`, headers: admin })).statusCode).toBe(422)
  })
})

describe('demo city', () => {
  it('has 200+ published opportunities around the centre with sessions over the coming weeks', async () => {
    const { seedDemo } = await import('../../src/demo.js')
    const { DEMO_CENTRE } = await import('../../src/demo-opportunities.js')
    await seedDemo(t.runtime.services)
    const near = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/demo/opportunities/search?near=${DEMO_CENTRE.lat},${DEMO_CENTRE.lon}&radiusKm=2&limit=100` }))
    expect(near.items.length).toBeGreaterThanOrEqual(50)
    expect(near.items.every((i: any) => i.distanceKm <= 2)).toBe(true)
    expect(near.items.filter((i: any) => i.nextSession !== null).length).toBeGreaterThan(40)
    const week = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/demo/opportunities/search?near=${DEMO_CENTRE.lat},${DEMO_CENTRE.lon}&radiusKm=5&from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * DAY).toISOString()}&sort=start` }))
    expect(week.items.length).toBeGreaterThan(10)
    let total = 0
    let next: string | undefined = '/feeds/demo/opportunities'
    for (let i = 0; i < 5 && next; i++) {
      const page: any = expectOk(await t.app.inject({ method: 'GET', url: next }))
      total += page.items.filter((x: any) => x.state === 'updated').length
      next = page.items.length > 0 ? new URL(page.next).pathname + new URL(page.next).search : undefined
    }
    expect(total).toBeGreaterThanOrEqual(200)
  })
})
