import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo.js'
import { validateOb3 } from '../../src/ob/v3/schema.js'
import { verifyOb3 } from '../../src/ob/v3/verify.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { BASE, classBody, expectOk, injectFetch, orgBody } from '../helpers/badges.js'
import { refVerify } from '../helpers/ob3.js'

// Badge classes on the skills spine: selection, generated OB 2.0/3.0 alignments that dereference, approval rules,
// coverage of API-made classes, and the catalogue's filters.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let orgId: string
let issuerKey: string
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  const admin = t.auth(city.cityAdminKey)
  orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody('Northgate Youth Club') }), 201).id
  issuerKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: admin, payload: { name: 'i', role: 'issuer', organisationId: orgId } }), 201).key
})
afterAll(async () => { await t?.close() })

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
const v1 = (path: string) => `/v1/cities/${city.slug}${path}`
const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown, key = issuerKey) =>
  t.app.inject({ method, url: v1(path), headers: t.auth(key), ...(payload !== undefined ? { payload: payload as object } : {}) })
const create = (extra: Record<string, unknown> = {}) => api('POST', '/badge-classes', classBody(orgId, { alignments: [], ...extra }))
const act = (id: string, action: 'submit' | 'approve' | 'retire') => api('POST', `/badge-classes/${id}/${action}`, undefined, action === 'approve' ? city.cityAdminKey : issuerKey)
async function approved (extra: Record<string, unknown> = {}) {
  const bc = expectOk(await create(extra), 201)
  expectOk(await act(bc.id, 'submit'))
  return expectOk(await act(bc.id, 'approve'))
}
const fieldsOf = (res: { json: () => any }) => (res.json().errors ?? []).map((e: { field: string; code?: string }) => `${e.field}:${e.code ?? ''}`)

describe('a badge class on the skills spine', () => {
  it('stores elements, level, dimensions, themes and destinations and generates the alignments from them', async () => {
    const themes = expectOk(await api('GET', '/themes', undefined, city.cityAdminKey)).items
    const civicId = themes.find((x: any) => x.code === 'civic').id
    const bc = expectOk(await create({
      spine: { elements: ['col.digital'], level: 'demonstration', dimensions: ['skills', 'attitudes-values'] },
      themes: [civicId], destinations: ['education'],
      alignments: [{ targetName: 'Free', targetUrl: 'https://frameworks.example.org/x' }],
    }), 201)
    expect(bc).toMatchObject({ spine: { elements: ['col.digital'], level: 'demonstration', dimensions: ['skills', 'attitudes-values'] }, themes: ['civic'], destinations: ['education'] })
    const root = `${BASE}/spine/${city.slug}`
    expect(bc.generatedAlignments.map((a: any) => [a.targetCode, a.targetUrl])).toEqual([
      ['col.digital', `${root}/elements/col.digital`],
      ['grid.demonstration.skills', `${root}/grid/demonstration/skills`],
      ['grid.demonstration.attitudes-values', `${root}/grid/demonstration/attitudes-values`],
      ['theme.civic', `${root}/themes/civic`],
      ['destination.education', `${root}/destinations/education`],
    ])
    expect(bc.generatedAlignments[0]).toMatchObject({ targetName: 'Digital', targetFramework: `City ${city.slug} City of Learning skills spine` })
    expect(bc.generatedAlignments[1].targetDescription).toBe('gain experience and receive feedback to develop')
    expect(bc.alignments).toEqual([{ targetName: 'Free', targetUrl: 'https://frameworks.example.org/x' }])
  })

  it('refuses unknown, retired and repeated codes with 422 naming each field', async () => {
    const bad = await create({ spine: { elements: ['col.digital', 'no.such', 'col.digital'], level: 'engagement', dimensions: ['skills'] }, themes: ['sport'], destinations: ['moon'] })
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    expect(fieldsOf(bad)).toEqual(['/spine/elements/1:unknown_element', '/spine/elements/2:duplicate', '/themes/0:not_found', '/destinations/0:not_found'])
    const admin = t.auth(city.cityAdminKey)
    expectOk(await t.app.inject({ method: 'POST', url: v1('/spine/elements'), headers: admin, payload: { code: 'city.old', layer: 'city', title: 'Old' } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: v1('/spine/elements/city.old/retire'), headers: admin }))
    expect(fieldsOf(await create({ spine: { elements: ['city.old'], level: 'engagement', dimensions: ['skills'] } }))).toEqual(['/spine/elements/0:retired_element'])
    // The schema refuses what is not a level or dimension (400).
    expect((await create({ spine: { elements: ['col.digital'], level: 'mastery', dimensions: ['skills'] } })).statusCode).toBe(400)
    expect((await create({ spine: { elements: ['col.digital'], level: 'engagement', dimensions: [] } })).statusCode).toBe(400)
  })

  it('a draft may have no element yet; submission and approval need one (409 naming /spine/elements)', async () => {
    const none = expectOk(await create({ spine: undefined, themes: ['wellbeing'], destinations: [] }), 201)
    expect(none.spine).toBeUndefined()
    expect(none.generatedAlignments.map((a: any) => a.targetCode)).toEqual(['theme.wellbeing'])
    const empty = expectOk(await create({ spine: { elements: [], level: 'engagement', dimensions: ['knowledge'] } }), 201)
    for (const bc of [none, empty]) {
      const res = await act(bc.id, 'submit')
      expect(res.statusCode).toBe(409)
      expect(res.json().errors).toEqual([{ field: '/spine/elements', message: expect.any(String) }])
    }
    // An admin cannot approve it either (it was never submitted, and could not be).
    expect((await act(empty.id, 'approve')).statusCode).toBe(409)
    const fixed = expectOk(await api('PATCH', `/badge-classes/${empty.id}`, { spine: { elements: ['core.knowledge'], level: 'engagement', dimensions: ['knowledge'] } }))
    expect(fixed.generatedAlignments.map((a: any) => a.targetCode)).toEqual(['core.knowledge', 'grid.engagement.knowledge', 'theme.civic', 'destination.employment'])
    expect(expectOk(await act(empty.id, 'submit')).status).toBe('submitted')
    expect(expectOk(await act(empty.id, 'approve')).status).toBe('approved')
    // PATCH spine: null clears the selection of a draft.
    const cleared = expectOk(await api('PATCH', `/badge-classes/${none.id}`, { spine: null, themes: [] }))
    expect([cleared.spine, cleared.themes, cleared.generatedAlignments]).toEqual([undefined, [], []])
  })
})

describe('published alignments', () => {
  it('the hosted BadgeClass, the Achievement and every credential carry them, and every targetUrl dereferences', async () => {
    const bc = await approved({
      spine: { elements: ['col.digital', 'core.skills.social-emotional'], level: 'participation', dimensions: ['skills', 'knowledge'] },
      themes: ['civic', 'sector.construction'], destinations: ['employment', 'education'],
    })
    const award = expectOk(await api('POST', '/awards', { badgeClassId: bc.id, recipient: { type: 'email', identity: 'ada@learners.example.org' } }), 201)

    const ob2 = expectOk(await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` }))
    expect(ob2.alignment).toEqual(bc.generatedAlignments)
    expect(ob2.alignment).toHaveLength(8)
    const achievement = expectOk(await t.app.inject({ method: 'GET', url: `/ob/v3/achievements/${bc.id}` }))
    const credential = JSON.parse((await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${award.id}` })).body)
    for (const a of [achievement.alignment, credential.credentialSubject.achievement.alignment]) {
      expect(a).toEqual(ob2.alignment.map((x: any, i: number) => ({ type: ['Alignment'], ...x, targetType: i === 0 || i === 1 ? 'CFItem' : expect.stringMatching(/^ext:CityBadges/) })))
    }
    expect(validateOb3(credential)).toEqual({ valid: true, errors: [] })
    expect(await verifyOb3({ credential }, { now: new Date(), fetchJson: injectFetch(t) })).toMatchObject({ verified: true })
    expect(await refVerify(t, credential)).toMatchObject({ verified: true })

    const urls = new Set<string>([...ob2.alignment, ...achievement.alignment, ...credential.credentialSubject.achievement.alignment].map((a: any) => a.targetUrl))
    expect(urls.size).toBe(8)
    for (const url of urls) {
      expect(url.startsWith(`${BASE}/spine/${city.slug}/`), url).toBe(true)
      const ld = await t.app.inject({ method: 'GET', url: url.slice(BASE.length) })
      expect(ld.statusCode, url).toBe(200)
      expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/)
      expect(ld.json().id).toBe(url)
      const html = await t.app.inject({ method: 'GET', url: url.slice(BASE.length), headers: { accept: BROWSER } })
      expect(html.statusCode, url).toBe(200)
      expect(html.headers['content-type']).toMatch(/^text\/html/)
    }
  })

  it('approval freezes them: renaming or retiring an element later changes no published document', async () => {
    const admin = t.auth(city.cityAdminKey)
    expectOk(await t.app.inject({ method: 'POST', url: v1('/spine/elements'), headers: admin, payload: { code: 'city.sailing', layer: 'city', title: 'Sailing' } }), 201)
    const bc = await approved({ spine: { elements: ['city.sailing'], level: 'engagement', dimensions: ['skills'] }, themes: [], destinations: [] })
    const before = (await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).body
    expectOk(await t.app.inject({ method: 'PATCH', url: v1('/spine/elements/city.sailing'), headers: admin, payload: { title: 'Sailing and boating' } }))
    expectOk(await t.app.inject({ method: 'POST', url: v1('/spine/elements/city.sailing/retire'), headers: admin }))
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).body).toBe(before)
    expect(JSON.parse(before).alignment[0]).toMatchObject({ targetName: 'Sailing', targetCode: 'city.sailing' })
    expect((await t.app.inject({ method: 'GET', url: `/spine/${city.slug}/elements/city.sailing` })).statusCode).toBe(200)
    // A new version carries the retired element over as a draft, but cannot be submitted until it is replaced.
    const v2 = expectOk(await api('PATCH', `/badge-classes/${bc.id}`, { name: 'Sailing taster' }))
    expect(v2).toMatchObject({ version: 2, spine: { elements: ['city.sailing'] } })
    expect(v2.generatedAlignments[0].targetName).toBe('Sailing and boating')
    const refused = await act(v2.id, 'submit')
    expect(refused.statusCode).toBe(422)
    expect(fieldsOf(refused)).toEqual(['/spine/elements/0:retired_element'])
  })
})

describe('coverage and the catalogue', () => {
  let c2: { slug: string; id: string; cityAdminKey: string }
  let org2: string
  const ids: Record<string, string> = {}
  const call = (path: string) => t.app.inject({ method: 'GET', url: `/v1/cities/${c2.slug}${path}`, headers: t.auth(c2.cityAdminKey) })
  const names = async (query: string): Promise<string[]> => expectOk(await call(`/catalogue${query}`)).items.map((i: any) => i.name).sort()

  beforeAll(async () => {
    c2 = await makeCity(t)
    const admin = t.auth(c2.cityAdminKey)
    const mk = (path: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}${path}`, headers: admin, payload })
    const orgA = expectOk(await mk('/organisations', orgBody('Harbourside College')), 201).id
    org2 = expectOk(await mk('/organisations', orgBody('City Museum')), 201).id
    expectOk(await mk('/spine/elements', { code: 'col.digital.coding', layer: 'cities-of-learning', parentCode: 'col.digital', title: 'Coding' }), 201)
    const make = async (name: string, org: string, body: Record<string, unknown>, status: 'draft' | 'approved' = 'approved') => {
      const bc = expectOk(await mk('/badge-classes', classBody(org, { name, alignments: [], ...body })), 201)
      if (status === 'approved') {
        expectOk(await mk(`/badge-classes/${bc.id}/submit`, {}))
        expectOk(await mk(`/badge-classes/${bc.id}/approve`, {}))
      }
      ids[name] = bc.id
    }
    await make('Code Club', orgA, { spine: { elements: ['col.digital.coding'], level: 'engagement', dimensions: ['skills'] }, themes: ['sector.construction'], destinations: ['education'], tags: ['coding'] })
    await make('Digital Maker', orgA, { spine: { elements: ['col.digital'], level: 'participation', dimensions: ['skills', 'knowledge'] }, themes: [], destinations: ['employment'] })
    await make('Young Curator', org2, { description: 'Curated a museum display.', spine: { elements: ['col.civic-global', 'core.knowledge'], level: 'participation', dimensions: ['knowledge'] }, themes: ['civic'], destinations: ['civic-engagement'], tags: ['heritage'] })
    await make('Draft Only', orgA, { spine: { elements: ['col.digital'], level: 'leadership', dimensions: ['attitudes-values'] } }, 'draft')
  })

  it('counts approved badge classes made through the API, and follows approval, supersession and retirement', async () => {
    const cov = async (q = '') => expectOk(await call(`/spine/coverage${q}`))
    const cell = (c: any, code: string, level: string, dimension: string) => c.cells.find((x: any) => x.elementCode === code && x.level === level && x.dimension === dimension)?.count
    let c = await cov()
    expect(c.badgeClasses).toBe(3)
    expect(cell(c, 'col.digital', 'participation', 'skills')).toBe(1)
    expect(cell(c, 'col.digital', 'leadership', 'attitudes-values')).toBe(0) // a draft does not count
    expect(cell(c, 'col.digital.coding', 'engagement', 'skills')).toBe(1)
    expect(cell(c, 'col.digital', 'engagement', 'skills')).toBe(0)
    const desc = await cov('?descendants=true')
    expect(cell(desc, 'col.digital', 'engagement', 'skills')).toBe(1) // Code Club counts for its parent
    expect(desc.badgeClasses).toBe(3)

    // A new version is not counted until approved; then it replaces the old one.
    const admin = t.auth(c2.cityAdminKey)
    const v2 = expectOk(await t.app.inject({ method: 'PATCH', url: `/v1/cities/${c2.slug}/badge-classes/${ids['Digital Maker']}`, headers: admin, payload: { spine: { elements: ['col.digital'], level: 'demonstration', dimensions: ['skills'] } } }))
    expect(cell(await cov(), 'col.digital', 'demonstration', 'skills')).toBe(0)
    for (const a of ['submit', 'approve']) expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/badge-classes/${v2.id}/${a}`, headers: admin }))
    c = await cov()
    expect([cell(c, 'col.digital', 'demonstration', 'skills'), cell(c, 'col.digital', 'participation', 'skills'), c.badgeClasses]).toEqual([1, 0, 3])
    expect(await names('?element=col.digital')).toEqual(['Digital Maker'])
    expect(expectOk(await call('/catalogue?element=col.digital')).items[0]).toMatchObject({ id: v2.id, version: 2, spine: { level: 'demonstration' } })
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/badge-classes/${v2.id}/retire`, headers: admin }))
    c = await cov()
    expect([cell(c, 'col.digital', 'demonstration', 'skills'), c.badgeClasses]).toEqual([0, 2])
    // A superseded version is not edited (its successor was).
    expect((await t.app.inject({ method: 'PATCH', url: `/v1/cities/${c2.slug}/badge-classes/${ids['Digital Maker']}`, headers: admin, payload: { name: 'x' } })).statusCode).toBe(409)
    // Element writes make a computed grid stale too.
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/spine/elements`, headers: admin, payload: { code: 'city.new', layer: 'city', title: 'New' } }), 201)
    expect((await cov()).cells.filter((x: any) => x.elementCode === 'city.new')).toHaveLength(12)
    expect((await cov('?descendants=true')).cells.filter((x: any) => x.elementCode === 'city.new')).toHaveLength(12)
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/spine/elements/city.new/retire`, headers: admin }))
    expect((await cov()).cells.filter((x: any) => x.elementCode === 'city.new')).toHaveLength(0)
  })

  it('filters by element (with descendants), grid cell, theme, destination, organisation, text and status, and pages', async () => {
    const admin = t.auth(c2.cityAdminKey)
    // Digital Maker was retired above: approve a fresh one.
    const dm = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/badge-classes`, headers: admin, payload: classBody(org2, { name: 'Digital Maker', alignments: [], spine: { elements: ['col.digital'], level: 'participation', dimensions: ['skills', 'knowledge'] }, themes: [], destinations: ['employment'] }) }), 201)
    for (const a of ['submit', 'approve']) expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/badge-classes/${dm.id}/${a}`, headers: admin }))

    expect(await names('')).toEqual(['Code Club', 'Digital Maker', 'Young Curator'])
    expect(await names('?element=col.digital')).toEqual(['Digital Maker'])
    expect(await names('?element=col.digital&descendants=true')).toEqual(['Code Club', 'Digital Maker'])
    expect(await names('?element=core.knowledge')).toEqual(['Young Curator'])
    expect(await names('?element=no.such')).toEqual([])
    expect(await names('?level=participation')).toEqual(['Digital Maker', 'Young Curator'])
    expect(await names('?level=participation&dimension=skills')).toEqual(['Digital Maker'])
    expect(await names('?dimension=knowledge&element=col.civic-global')).toEqual(['Young Curator'])
    expect(await names('?theme=civic')).toEqual(['Young Curator'])
    expect(await names('?theme=sector.construction')).toEqual(['Code Club'])
    expect(await names('?destination=employment')).toEqual(['Digital Maker'])
    expect(await names(`?organisation=${org2}`)).toEqual(['Digital Maker', 'Young Curator'])
    expect(await names('?q=digi%20mak')).toEqual(['Digital Maker'])
    expect(await names('?q=MUSEUM')).toEqual(['Young Curator']) // description
    expect(await names('?q=coding')).toEqual(['Code Club']) // tag
    expect(await names('?q=%21%21')).toEqual([])
    expect(await names("?q=digi%27%20%7C%20zzz%3A*")).toEqual([]) // tsquery syntax is not passed through: 'digi' AND 'zzz'
    expect(await names('?status=draft')).toEqual(['Draft Only'])
    expect(await names('?status=retired')).toEqual(['Digital Maker'])

    const entry = expectOk(await call('/catalogue?q=curator')).items[0]
    expect(entry).toMatchObject({
      id: ids['Young Curator'], status: 'approved', organisationId: org2, themes: ['civic'], destinations: ['civic-engagement'],
      spine: { elements: ['col.civic-global', 'core.knowledge'], level: 'participation', dimensions: ['knowledge'] },
      links: { badgeClass: `${BASE}/ob/v2/badges/${ids['Young Curator']}`, achievement: `${BASE}/ob/v3/achievements/${ids['Young Curator']}` },
    })

    const seen: string[] = []
    let url = '/catalogue?limit=1&level=participation'
    for (let i = 0; i < 5 && url; i++) {
      const res = await call(url)
      const page = expectOk(res)
      seen.push(...page.items.map((x: any) => x.name))
      if (page.nextCursor) expect(res.headers.link).toContain('rel="next"')
      url = page.nextCursor ? `/catalogue?limit=1&level=participation&cursor=${encodeURIComponent(page.nextCursor)}` : ''
    }
    expect(seen.sort()).toEqual(['Digital Maker', 'Young Curator'])
    expect((await call('/catalogue?cursor=nonsense')).statusCode).toBe(400)
    expect((await call('/catalogue?level=mastery')).statusCode).toBe(400)
    expect((await call('/catalogue?sort=name')).statusCode).toBe(400)
    // Another city's key does not even learn that this city exists.
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c2.slug}/catalogue`, headers: t.auth(city.cityAdminKey) })).statusCode).toBe(404)
  })
})

describe('the demo city', () => {
  it('shows a full spine: every layer in use, aligned badge classes in the catalogue and coverage, every alignment URL resolving', async () => {
    const { created, adminKey } = await seedDemo(t.runtime.services)
    expect(created).toBe(true)
    const get = async (path: string) => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/demo${path}`, headers: t.auth(adminKey) }))
    const spine = await get('/spine')
    expect(spine.layers.map((l: any) => [l.value, l.elements > 0])).toEqual([['core', true], ['cities-of-learning', true], ['city', true], ['strategic', true]])
    const themes = (await get('/themes')).items
    expect(new Set(themes.map((x: any) => x.kind))).toEqual(new Set(['civic', 'wellbeing', 'sector']))

    const catalogue = (await get('/catalogue?limit=100')).items
    expect(catalogue).toHaveLength(10) // 7 + the completion badges of the three demo pathways
    for (const e of catalogue) expect(e.spine?.elements.length, e.name).toBeGreaterThan(0)
    const layersUsed = new Set(catalogue.flatMap((e: any) => e.spine.elements).map((code: string) => spine.elements.find((x: any) => x.code === code).layer))
    expect(layersUsed).toEqual(new Set(['core', 'cities-of-learning', 'city', 'strategic']))
    expect(new Set(catalogue.flatMap((e: any) => e.spine.level))).toEqual(new Set(['engagement', 'participation', 'demonstration', 'leadership']))
    expect((await get('/catalogue?theme=sector.engineering')).items.map((e: any) => e.name).sort()).toEqual(['Coding Foundations', 'Digital Apprenticeship Ready', 'Engineering Course Ready', 'Engineering Work Taster'])

    const coverage = await get('/spine/coverage')
    expect(coverage.badgeClasses).toBe(10)
    expect(coverage.totals.filter((x: any) => x.count > 0).length).toBeGreaterThan(6)
    expect(coverage.emptyCells).toBeGreaterThan(0)

    const urls = new Set<string>()
    for (const e of catalogue) {
      for (const doc of [`/ob/v2/badges/${e.id}`, `/ob/v3/achievements/${e.id}`]) {
        const alignment = expectOk(await t.app.inject({ method: 'GET', url: doc })).alignment as Array<{ targetUrl: string }>
        expect(alignment.length, doc).toBeGreaterThan(2)
        for (const a of alignment) urls.add(a.targetUrl)
      }
    }
    for (const url of urls) {
      for (const accept of ['application/ld+json', BROWSER]) {
        const res = await t.app.inject({ method: 'GET', url: url.slice(BASE.length), headers: { accept } })
        expect(res.statusCode, `${url} (${accept})`).toBe(200)
      }
    }
    expect(urls.size).toBeGreaterThan(30)
  })
})
