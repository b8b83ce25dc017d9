import { randomUUID } from 'node:crypto'
import jsonld from 'jsonld'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replaceBadgeClassAlignments, setBadgeClassApproved } from '../../src/db/spine/spine.repo.js'
import { InvalidInput } from '../../src/domain/shared/errors.js'
import { buildAlignments, computeCoverage, type SpineElement, type SpineSelection } from '../../src/spine/index.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'

let t: TestContext
beforeAll(async () => { t = await createTestApp() })
afterAll(async () => { await t?.close() })

type City = Awaited<ReturnType<typeof makeCity>>
const BASE = 'https://badges.test'
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
const db = () => t.runtime.database.db
const pathOf = (url: string) => url.slice(BASE.length)

function call (c: City, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, payload?: unknown) {
  return t.app.inject({ method, url: `/v1/cities/${c.slug}${path}`, headers: t.auth(c.cityAdminKey), ...(payload !== undefined ? { payload: payload as object } : {}) })
}

function expectProblem (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, code?: string): any {
  expect(res.statusCode, (res as unknown as { body: string }).body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json()
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) })
  if (code !== undefined) expect(body.errors?.map((e: { code?: string }) => e.code)).toContain(code)
  return body
}

/** Everything a spine write touches, for "nothing was half-written" checks. */
async function snapshot (cityId: string) {
  return {
    elements: await db().selectFrom('spine_elements').selectAll().where('city_id', '=', cityId).orderBy('code').execute(),
    versions: await db().selectFrom('spine_element_versions').selectAll().where('city_id', '=', cityId).orderBy('code').orderBy('version').execute(),
    deleted: await db().selectFrom('spine_deleted_codes').selectAll().where('city_id', '=', cityId).orderBy('code').execute(),
  }
}

const useElement = (c: City, codes: string[], approved = true, badgeClassId = randomUUID(), level = 'engagement', dimensions = ['knowledge']) =>
  replaceBadgeClassAlignments(db(), c.id, badgeClassId, { elements: codes, level, dimensions }, approved).then(() => badgeClassId)

const ourFields = (e: Record<string, unknown>) => ({
  code: e.code, layer: e.layer, parentCode: e.parentCode, title: e.title, description: e.description, kind: e.kind, mappings: e.mappings, status: e.status, version: e.version,
})

// A small framework of another publisher: two items under one, one external exact match.
function foreignCase (items: Array<{ id: string; code: string; statement: string; parent?: string }>, extra: object[] = []) {
  const doc = { identifier: 'd0000000-0000-4000-8000-000000000000', uri: 'https://frameworks.example.org/doc', creator: 'Example Board', title: 'Example Skills Framework', lastChangeDateTime: '2025-01-01T00:00:00Z' }
  const link = (id: string) => ({ title: id, identifier: id, uri: `https://frameworks.example.org/items/${id}` })
  return {
    CFDocument: doc,
    CFItems: items.map((i) => ({ identifier: i.id, uri: `https://frameworks.example.org/items/${i.id}`, fullStatement: i.statement, humanCodingScheme: i.code, lastChangeDateTime: '2025-01-01T00:00:00Z' })),
    CFAssociations: [
      ...items.map((i, n) => ({
        identifier: `a${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`, uri: `https://frameworks.example.org/assoc/${n}`, associationType: 'isChildOf', lastChangeDateTime: '2025-01-01T00:00:00Z',
        originNodeURI: link(i.id), destinationNodeURI: i.parent ? link(i.parent) : { title: doc.title, identifier: doc.identifier, uri: doc.uri },
      })),
      ...extra,
    ],
  }
}
const ITEMS = [
  { id: '10000000-0000-4000-8000-000000000001', code: 'LIT', statement: 'Literacy' },
  { id: '10000000-0000-4000-8000-000000000002', code: 'LIT.1', statement: 'Reads a range of texts with understanding', parent: '10000000-0000-4000-8000-000000000001' },
  { id: '10000000-0000-4000-8000-000000000003', code: 'LIT.2', statement: 'Writes clearly for an audience', parent: '10000000-0000-4000-8000-000000000001' },
]
const importCase = (c: City, body: unknown, query = '', contentType = 'application/json') => t.app.inject({
  method: 'POST', url: `/v1/cities/${c.slug}/spine/case${query}`, headers: { ...t.auth(c.cityAdminKey), 'content-type': contentType },
  payload: Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body),
})

describe('a city and its default spine', () => {
  it('gets the Cities of Learning defaults in the same transaction as the city', async () => {
    const c = await makeCity(t)
    // Written with the city, before any spine request.
    expect((await db().selectFrom('spine_elements').select('code').where('city_id', '=', c.id).execute()).length).toBe(15)
    const res = await call(c, 'GET', '/spine')
    expect(res.statusCode).toBe(200)
    const spine = res.json()
    expect(spine.title).toBe(`City ${c.slug} City of Learning skills spine`)
    expect(spine.url).toBe(`${BASE}/spine/${c.slug}`)
    expect(spine.layers.map((l: { value: string; elements: number }) => [l.value, l.elements])).toEqual([['core', 10], ['cities-of-learning', 5], ['city', 0], ['strategic', 0]])
    expect(spine.grid).toHaveLength(12)
    expect(spine.grid.find((g: any) => g.level === 'engagement' && g.dimension === 'knowledge').descriptors).toEqual({ en: 'acquire information' })
    expect(spine.grid.find((g: any) => g.level === 'leadership' && g.dimension === 'attitudes-values').descriptors.en).toBe('take ownership and inspire')
    expect(spine.elements.find((e: any) => e.code === 'col.digital')).toMatchObject({ layer: 'cities-of-learning', status: 'active', version: 1, url: `${BASE}/spine/${c.slug}/elements/col.digital` })
    const themes = (await call(c, 'GET', '/themes')).json().items
    expect(themes.map((x: any) => x.kind).sort()).toEqual(['civic', 'sector', 'wellbeing'])
    expect(themes.find((x: any) => x.kind === 'sector').industryCode).toBe('uk-sic-2007:F')
    expect((await call(c, 'GET', '/destinations')).json().items.map((x: any) => x.code).sort()).toEqual(['civic-engagement', 'education', 'employment', 'enterprise'])
  })

  it('seeds a city created before the spine existed on first access, once, even under concurrent first requests', async () => {
    const id = randomUUID()
    const slug = `old${id.slice(0, 8)}`
    await db().insertInto('cities').values({ id, slug, name: 'Older City', locales: ['en'] }).execute()
    const { token } = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'old', cityId: id })
    const c = { slug, id, cityAdminKey: token }
    const answers = await Promise.all([call(c, 'GET', '/spine'), call(c, 'GET', '/spine/elements?limit=5'), call(c, 'GET', '/themes'), t.app.inject({ method: 'GET', url: `/spine/${slug}` })])
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200])
    expect((await db().selectFrom('spines').selectAll().where('city_id', '=', id).execute())).toHaveLength(1)
    expect((await snapshot(id)).elements).toHaveLength(15)
    expect((await db().selectFrom('themes').selectAll().where('city_id', '=', id).execute())).toHaveLength(3)
  })
})

describe('elements', () => {
  it('creates, lists with filters and pages, gets, edits, retires and deletes', async () => {
    const c = await makeCity(t)
    const stem = await call(c, 'POST', '/spine/elements', { code: 'city.stem', layer: 'city', title: 'STEM', kind: 'domain' })
    expect(stem.statusCode).toBe(201)
    expect(stem.json()).toMatchObject({ code: 'city.stem', status: 'active', version: 1, usedBy: 0, children: [], url: `${BASE}/spine/${c.slug}/elements/city.stem` })
    expect((await call(c, 'POST', '/spine/elements', { code: 'city.stem.coding', layer: 'city', parentCode: 'city.stem', title: 'Coding' })).statusCode).toBe(201)
    const mapped = await call(c, 'POST', '/spine/elements', { code: 'city.resilience', layer: 'city', title: 'Resilience', kind: 'disposition', mappings: [{ framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill/resilience', code: 'T4.1' }] })
    expect(mapped.json().mappings).toEqual([{ framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill/resilience', code: 'T4.1' }])

    const layer = (await call(c, 'GET', '/spine/elements?layer=city')).json()
    expect(layer.items.map((e: any) => e.code)).toEqual(['city.stem', 'city.stem.coding', 'city.resilience'])
    expect((await call(c, 'GET', '/spine/elements?q=codin')).json().items.map((e: any) => e.code)).toEqual(['city.stem.coding'])
    expect((await call(c, 'GET', '/spine/elements?parent=core.skills')).json().items).toHaveLength(3)
    const seen: string[] = []
    let url = '/spine/elements?limit=4'
    for (let i = 0; i < 10 && url; i++) {
      const res = await call(c, 'GET', url)
      const page = res.json()
      seen.push(...page.items.map((e: any) => e.code))
      if (page.nextCursor) expect(res.headers.link).toContain('rel="next"')
      url = page.nextCursor ? `/spine/elements?limit=4&cursor=${encodeURIComponent(page.nextCursor)}` : ''
    }
    expect(seen).toHaveLength(18)
    expect(new Set(seen).size).toBe(18)
    expectProblem(await call(c, 'GET', '/spine/elements?cursor=nonsense'), 400)

    expect((await call(c, 'GET', '/spine/elements/city.stem')).json().children).toEqual(['city.stem.coding'])
    const edited = await call(c, 'PATCH', '/spine/elements/city.stem.coding', { title: 'Coding and programming', description: 'Writing programs' })
    expect(edited.json()).toMatchObject({ title: 'Coding and programming', description: 'Writing programs', version: 1 })
    expect((await call(c, 'PATCH', '/spine/elements/city.stem.coding', { description: null })).json().description).toBeUndefined()

    expectProblem(await call(c, 'POST', '/spine/elements/city.stem/retire'), 409, 'active_children')
    expect((await call(c, 'POST', '/spine/elements/city.stem/retire?cascade=true')).json().status).toBe('retired')
    expect((await call(c, 'GET', '/spine/elements?status=retired')).json().items.map((e: any) => e.code)).toEqual(['city.stem', 'city.stem.coding'])
    expect((await call(c, 'POST', '/spine/elements/city.stem/retire')).statusCode).toBe(200) // idempotent

    expect((await call(c, 'DELETE', '/spine/elements/city.resilience')).statusCode).toBe(204)
    expectProblem(await call(c, 'GET', '/spine/elements/city.resilience'), 404)
    // A code is never reused, not even after a delete.
    expectProblem(await call(c, 'POST', '/spine/elements', { code: 'city.resilience', layer: 'city', title: 'Again' }), 409, 'code_reused')
    expectProblem(await call(c, 'POST', '/spine/elements', { code: 'Not A Code', layer: 'city', title: 'x' }), 400)
  })

  it('refuses duplicate codes, cycles, cross-layer parents and deleting an element in use, changing nothing', async () => {
    const c = await makeCity(t)
    await call(c, 'POST', '/spine/elements', { code: 'city.a', layer: 'city', title: 'A' })
    await call(c, 'POST', '/spine/elements', { code: 'city.b', layer: 'city', parentCode: 'city.a', title: 'B' })
    await call(c, 'POST', '/spine/elements', { code: 'city.c', layer: 'city', parentCode: 'city.b', title: 'C' })
    await useElement(c, ['city.c'])
    const before = await snapshot(c.id)

    const dup = expectProblem(await call(c, 'POST', '/spine/elements', { code: 'core.knowledge', layer: 'city', title: 'Knowledge again' }), 409, 'code_reused')
    expect(dup.detail).toContain('core.knowledge')
    const cycle = expectProblem(await call(c, 'PATCH', '/spine/elements/city.a', { parentCode: 'city.c' }), 422, 'cycle')
    expect(cycle.detail).toMatch(/cycle/)
    expect(cycle.errors[0].field).toMatch(/^\/elements\/city\.[abc]\/parentCode$/)
    expectProblem(await call(c, 'PATCH', '/spine/elements/city.a', { parentCode: 'city.a' }), 422, 'cycle')
    expectProblem(await call(c, 'PATCH', '/spine/elements/city.a', { parentCode: 'core.knowledge' }), 422, 'parent_other_layer')
    expectProblem(await call(c, 'POST', '/spine/elements', { code: 'city.d', layer: 'city', parentCode: 'city.nowhere', title: 'D' }), 422, 'unknown_parent')
    const inUse = expectProblem(await call(c, 'DELETE', '/spine/elements/city.c'), 409, 'in_use')
    expect(inUse.detail).toMatch(/retire it instead/)
    expectProblem(await call(c, 'DELETE', '/spine/elements/city.b'), 409, 'has_children')
    expect(await snapshot(c.id)).toEqual(before)
    // The database enforces it too.
    await expect(db().deleteFrom('spine_elements').where('city_id', '=', c.id).where('code', '=', 'city.c').execute()).rejects.toThrow()

    // An element in use is retired instead, and keeps resolving.
    expect((await call(c, 'POST', '/spine/elements/city.c/retire')).json()).toMatchObject({ status: 'retired', usedBy: 1 })
    const page = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/city.c` })
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({ termCode: 'city.c', status: 'retired' })
  })

  it('bumps the version of an element in use when it is edited, and older versions keep resolving', async () => {
    const c = await makeCity(t)
    await call(c, 'POST', '/spine/elements', { code: 'city.teamwork', layer: 'city', title: 'Teamwork' })
    await useElement(c, ['city.teamwork'])
    const v2 = (await call(c, 'PATCH', '/spine/elements/city.teamwork', { title: 'Working in teams' })).json()
    expect(v2).toMatchObject({ title: 'Working in teams', version: 2, usedBy: 1 })
    const current = (await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/city.teamwork` })).json()
    expect(current).toMatchObject({ name: 'Working in teams', version: 2 })
    const old = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/city.teamwork?version=1` })
    expect(old.json()).toMatchObject({ id: `${BASE}/spine/${c.slug}/elements/city.teamwork?version=1`, name: 'Teamwork', version: 1, versionOf: `${BASE}/spine/${c.slug}/elements/city.teamwork` })
    expectProblem(await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/city.teamwork?version=7` }), 404)
    // Re-sending the same content is not an edit (mappings come back from jsonb with reordered keys).
    const mappings = [{ framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill/teamwork', code: 'T1' }]
    const m3 = await call(c, 'PATCH', '/spine/elements/city.teamwork', { mappings })
    expect(m3.json().version, m3.body).toBe(3)
    expect((await call(c, 'PATCH', '/spine/elements/city.teamwork', { mappings: [{ code: 'T1', url: mappings[0]!.url, framework: 'ESCO' }], title: 'Working in teams' })).json().version).toBe(3)
    const cleared = (await call(c, 'PATCH', '/spine/elements/city.teamwork', { mappings: null })).json()
    expect(cleared).toMatchObject({ version: 4 })
    expect(cleared).not.toHaveProperty('mappings')
  })

  it('lets readers read but not write, and hides another city', async () => {
    const c = await makeCity(t)
    const other = await makeCity(t)
    const reader = (await call(c, 'POST', '/api-keys', { name: 'r', role: 'reader' })).json().key as string
    const as = (key: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url: `/v1/cities/${c.slug}${url}`, headers: t.auth(key), ...(payload ? { payload } : {}) })
    expect((await as(reader, 'GET', '/spine')).statusCode).toBe(200)
    expectProblem(await as(reader, 'POST', '/spine/elements', { code: 'city.x', layer: 'city', title: 'X' }), 403)
    expectProblem(await as(reader, 'POST', '/themes', { code: 'x', kind: 'civic', title: 'X' }), 403)
    expectProblem(await as(other.cityAdminKey, 'GET', '/spine'), 404)
    expectProblem(await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/spine` }), 401)
  })
})

describe('the grid', () => {
  it('rewords a cell in several languages; the public cell shows them', async () => {
    const c = await makeCity(t)
    const res = await call(c, 'PUT', '/spine/grid/participation/skills', { descriptors: { en: 'join in with others', cy: 'ymuno ag eraill' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ level: 'participation', dimension: 'skills', descriptors: { en: 'join in with others', cy: 'ymuno ag eraill' } })
    const spine = (await call(c, 'GET', '/spine')).json()
    expect(spine.grid.find((g: any) => g.level === 'participation' && g.dimension === 'skills').descriptors.cy).toBe('ymuno ag eraill')
    const pub = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/grid/participation/skills` })
    expect(pub.json()).toMatchObject({ type: 'DefinedTerm', termCode: 'grid.participation.skills', descriptors: { en: 'join in with others', cy: 'ymuno ag eraill' } })
    const html = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/grid/participation/skills`, headers: { accept: BROWSER } })
    expect(html.body).toContain('<li lang="cy">ymuno ag eraill')
    expectProblem(await call(c, 'PUT', '/spine/grid/participation/skills', { descriptors: { 'not a tag': 'x' } }), 400)
    expectProblem(await call(c, 'PUT', '/spine/grid/participation/skills', { descriptors: {} }), 400)
    expectProblem(await call(c, 'PUT', '/spine/grid/participation/skills', { descriptors: { en: '   ' } }), 422, 'empty_text')
    expectProblem(await call(c, 'PUT', '/spine/grid/mastery/skills', { descriptors: { en: 'x' } }), 400)
  })
})

describe('themes and destinations', () => {
  it('creates, gets, lists, edits; an industry code only on sector themes; codes are unique', async () => {
    const c = await makeCity(t)
    const marine = await call(c, 'POST', '/themes', { code: 'sector.marine', kind: 'sector', title: 'Marine', industryCode: 'uk-sic-2007:C30.1' })
    expect(marine.statusCode).toBe(201)
    expect(marine.json()).toMatchObject({ code: 'sector.marine', kind: 'sector', industryCode: 'uk-sic-2007:C30.1', url: `${BASE}/spine/${c.slug}/themes/sector.marine` })
    expectProblem(await call(c, 'POST', '/themes', { code: 'heritage', kind: 'civic', title: 'Heritage', industryCode: 'x' }), 422, 'invalid_value')
    expectProblem(await call(c, 'POST', '/themes', { code: 'sector.marine', kind: 'sector', title: 'Again' }), 409)
    expectProblem(await call(c, 'POST', '/themes', { code: 'x', kind: 'sport', title: 'X' }), 400)
    expect((await call(c, 'GET', '/themes?kind=sector')).json().items.map((x: any) => x.code)).toEqual(['sector.construction', 'sector.marine'])
    expect((await call(c, 'PATCH', '/themes/sector.marine', { title: 'Marine and maritime', industryCode: null })).json()).not.toHaveProperty('industryCode')
    expect((await call(c, 'GET', '/themes/sector.marine')).json().title).toBe('Marine and maritime')
    expectProblem(await call(c, 'PATCH', '/themes/civic', { industryCode: 'uk-sic-2007:F' }), 422)
    expectProblem(await call(c, 'GET', '/themes/nothing'), 404)

    const dockyard = await call(c, 'POST', '/destinations', { code: 'employment.dockyard', kind: 'employment', title: 'Devonport Dockyard apprenticeships' })
    expect(dockyard.statusCode).toBe(201)
    expectProblem(await call(c, 'POST', '/destinations', { code: 'x', kind: 'travel', title: 'X' }), 400)
    expectProblem(await call(c, 'POST', '/destinations', { code: 'y', kind: 'education', title: 'Y', industryCode: 'z' }), 400)
    expect((await call(c, 'GET', '/destinations?kind=employment')).json().items.map((x: any) => x.code)).toEqual(['employment', 'employment.dockyard'])
    expect((await call(c, 'PATCH', '/destinations/employment.dockyard', { description: 'Marine engineering' })).json().description).toBe('Marine engineering')
    const pub = await t.app.inject({ method: 'GET', url: pathOf(dockyard.json().url) })
    expect(pub.json()).toMatchObject({ type: 'DefinedTerm', termCode: 'employment.dockyard', kind: 'employment', name: 'Devonport Dockyard apprenticeships' })
  })
})

describe('CASE 1.1 import and export', () => {
  it('round-trips a whole spine losslessly into another city, and re-importing changes nothing', async () => {
    const a = await makeCity(t)
    await call(a, 'POST', '/spine/elements', { code: 'city.health', layer: 'city', title: 'Health and wellbeing', description: 'Looking after body and mind', kind: 'domain' })
    await call(a, 'POST', '/spine/elements', { code: 'city.health.sport', layer: 'city', parentCode: 'city.health', title: 'Sport', kind: 'skill', mappings: [{ framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill/sport', code: 'S7' }, { framework: 'Local', code: 'L-1' }] })
    await call(a, 'POST', '/spine/elements', { code: 'city.old', layer: 'city', title: 'Old idea' })
    await useElement(a, ['city.old'])
    await call(a, 'PATCH', '/spine/elements/city.old', { title: 'Old idea, reworded' }) // version 2
    await call(a, 'POST', '/spine/elements/city.old/retire')
    await call(a, 'PATCH', '/spine/elements/core.knowledge', { description: 'Reworded by the city' })
    expect((await importCase(a, foreignCase(ITEMS), '?prefix=ex.')).statusCode).toBe(200)

    const exported = await call(a, 'GET', '/spine/case')
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toMatch(/^application\/json/)
    const pkg = exported.json()
    expect(pkg.CFDocument).toMatchObject({ caseVersion: '1.1', title: `City ${a.slug} City of Learning skills spine` })
    expect(pkg.CFItems).toHaveLength(21)

    const b = await makeCity(t)
    const imported = await importCase(b, pkg, '?layer=preserve')
    expect(imported.statusCode, imported.body).toBe(200)
    expect(imported.json()).toMatchObject({ items: 21, created: 6, updated: 0, unchanged: 0, deleted: 0, shared: 15 })
    // City and strategic layers arrive exactly; the shared layers stay B's own (A's edit of core.knowledge is not carried).
    const all = async (c: City, shared: boolean) => (await call(c, 'GET', '/spine')).json().elements.map(ourFields)
      .filter((e: any) => ['core', 'cities-of-learning'].includes(e.layer) === shared).sort((x: any, y: any) => x.code.localeCompare(y.code))
    expect(await all(b, false)).toEqual(await all(a, false))
    expect((await all(b, true)).find((e: any) => e.code === 'core.knowledge').description).not.toBe('Reworded by the city')
    const again = await importCase(b, pkg, '?layer=preserve')
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 6, retired: 0, deleted: 0, shared: 15 })
    // One layer alone, and the CASE URIs of an export resolve publicly.
    const strategic = (await call(a, 'GET', '/spine/case?layer=strategic')).json()
    expect(strategic.CFItems.map((i: any) => i.humanCodingScheme)).toEqual(['ex.lit', 'ex.lit.1', 'ex.lit.2'])
    const doc = await t.app.inject({ method: 'GET', url: pathOf(strategic.CFDocument.uri) })
    expect(doc.statusCode).toBe(200)
    expect(doc.json()).toMatchObject({ identifier: strategic.CFDocument.identifier, CFPackageURI: { identifier: strategic.CFDocument.identifier } })
    expect((await t.app.inject({ method: 'GET', url: pathOf(doc.json().CFPackageURI.uri) })).json().CFItems).toHaveLength(3)
    expect((await t.app.inject({ method: 'GET', url: pathOf(strategic.CFItems[1].uri) })).json()).toMatchObject({ termCode: 'ex.lit.1', broader: `${BASE}/spine/${a.slug}/elements/ex.lit` })
  })

  it('imports a whole export of one city into another: shared layers match by code and stay as the city has them (#14 item 7)', async () => {
    const a = await makeCity(t)
    await call(a, 'POST', '/spine/elements', { code: 'city.health', layer: 'city', title: 'Health and wellbeing', kind: 'domain' })
    await call(a, 'POST', '/spine/elements', { code: 'city.health.sport', layer: 'city', parentCode: 'city.health', title: 'Sport', kind: 'skill' })
    await call(a, 'PATCH', '/spine/elements/core.knowledge', { description: 'Reworded by city A' })
    expect((await importCase(a, foreignCase(ITEMS), '?prefix=ex.')).statusCode).toBe(200)
    const pkg = (await call(a, 'GET', '/spine/case')).json()
    expect(pkg.CFItems).toHaveLength(20)

    const b = await makeCity(t)
    await call(b, 'PATCH', '/spine/elements/col.digital', { description: 'Reworded by city B' })
    await call(b, 'POST', '/spine/elements', { code: 'city.b-only', layer: 'city', title: 'Only in B' })
    const sharedBefore = (await snapshot(b.id)).elements.filter((e) => e.layer === 'core' || e.layer === 'cities-of-learning')
    for (const mode of ['merge', 'replace', 'replace']) {
      const res = await importCase(b, pkg, `?layer=preserve&mode=${mode}`)
      expect(res.statusCode, res.body).toBe(200)
      // 15 shared items matched by code, the 5 city and strategic items added once, then unchanged.
      expect(res.json()).toMatchObject({ items: 20, shared: 15, updated: 0, retired: 0, ...(mode === 'merge' ? { created: 5, unchanged: 0 } : { created: 0, unchanged: 5 }) })
    }
    const after = await snapshot(b.id)
    expect(after.elements.filter((e) => e.layer === 'core' || e.layer === 'cities-of-learning')).toEqual(sharedBefore)
    const codes = (layer: string) => after.elements.filter((e) => e.layer === layer).map((e) => e.code).sort()
    expect(codes('city')).toEqual(['city.health', 'city.health.sport']) // replace made the city layer equal to the file
    expect(codes('strategic')).toEqual(['ex.lit', 'ex.lit.1', 'ex.lit.2'])
    expect((await call(b, 'GET', '/spine/elements/core.knowledge')).json().description).not.toBe('Reworded by city A')

    // The default target (the strategic layer) takes the same file: shared items are matched, the rest land in it.
    const c = await makeCity(t)
    const res = await importCase(c, pkg)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ layer: 'strategic', items: 20, shared: 15, created: 5 })
    expect((await importCase(c, pkg)).json()).toMatchObject({ shared: 15, created: 0, unchanged: 5, deleted: 0 })
    expect((await snapshot(c.id)).elements.filter((e) => e.layer === 'strategic')).toHaveLength(5)
  })

  it('imports another publisher’s framework as the strategic layer, then replaces or merges it', async () => {
    const c = await makeCity(t)
    const external = { identifier: 'e0000000-0000-4000-8000-000000000000', uri: 'https://frameworks.example.org/assoc/x', associationType: 'exactMatchOf', lastChangeDateTime: '2025-01-01T00:00:00Z', originNodeURI: { title: 'LIT.1', identifier: ITEMS[1]!.id, uri: 'https://frameworks.example.org/items/x' }, destinationNodeURI: { title: 'National Curriculum', identifier: 'NC-EN-3', uri: 'https://nc.example.gov/en/3' } }
    const res = await importCase(c, foreignCase(ITEMS, [external]))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ layer: 'strategic', mode: 'replace', items: 3, created: 3 })
    const items = (await call(c, 'GET', '/spine/elements?layer=strategic')).json().items
    expect(items.map((e: any) => [e.code, e.parentCode, e.kind])).toEqual([['lit', undefined, 'framework-item'], ['lit.1', 'lit', 'framework-item'], ['lit.2', 'lit', 'framework-item']])
    expect(items[1].mappings).toEqual([
      { framework: 'Example Skills Framework', url: 'https://frameworks.example.org/items/10000000-0000-4000-8000-000000000002', code: 'LIT.1' },
      { framework: 'National Curriculum', url: 'https://nc.example.gov/en/3', code: 'NC-EN-3' },
    ])
    const page = (await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/lit.1` })).json()
    expect(page.exactMatch).toContain('https://nc.example.gov/en/3')

    // Replace: lit.1 (in use) is retired, lit.2 (unused) deleted, lit.3 added.
    await useElement(c, ['lit.1'])
    const next = [ITEMS[0]!, { id: '10000000-0000-4000-8000-000000000004', code: 'LIT.3', statement: 'Speaks with confidence', parent: ITEMS[0]!.id }]
    const replaced = await importCase(c, foreignCase(next))
    expect(replaced.json()).toMatchObject({ created: 1, unchanged: 1, retired: 1, deleted: 1 })
    const after = (await call(c, 'GET', '/spine/elements?layer=strategic')).json().items
    expect(after.map((e: any) => [e.code, e.status])).toEqual([['lit', 'active'], ['lit.1', 'retired'], ['lit.3', 'active']])
    expect((await db().selectFrom('spine_deleted_codes').select('code').where('city_id', '=', c.id).execute()).map((r) => r.code)).toEqual(['lit.2'])
    // Merge only adds and updates.
    const merged = await importCase(c, foreignCase([{ id: '10000000-0000-4000-8000-000000000009', code: 'NUM', statement: 'Numeracy' }]), '?mode=merge')
    expect(merged.json()).toMatchObject({ mode: 'merge', created: 1, deleted: 0, retired: 0 })
    expect((await call(c, 'GET', '/spine/elements?layer=strategic')).json().items).toHaveLength(4)
  })

  it('refuses bad files with a clear 4xx and leaves the spine exactly as it was', async () => {
    const c = await makeCity(t)
    await importCase(c, foreignCase(ITEMS))
    await call(c, 'POST', '/spine/elements', { code: 'city.x', layer: 'city', title: 'X' })
    const before = await snapshot(c.id)
    const link = (id: string) => ({ title: id, identifier: id, uri: `https://frameworks.example.org/items/${id}` })
    const assoc = (type: string, from: object, to: object) => ({ identifier: randomUUID(), uri: 'https://frameworks.example.org/assoc/z', associationType: type, lastChangeDateTime: '2025-01-01T00:00:00Z', originNodeURI: from, destinationNodeURI: to })
    const ids = ITEMS.map((i) => i.id)

    expectProblem(await importCase(c, foreignCase(ITEMS, [assoc('isCousinOf', link(ids[1]!), link(ids[2]!))])), 422, 'unknown_association_type')
    expectProblem(await importCase(c, foreignCase(ITEMS, [assoc('ext:hasFlavour', link(ids[1]!), link(ids[2]!))])), 422, 'unknown_association_type')
    const broken = foreignCase(ITEMS) as { CFAssociations: Array<Record<string, unknown>> }
    broken.CFAssociations[1]!.destinationNodeURI = link('99999999-0000-4000-8000-000000000000')
    expectProblem(await importCase(c, broken), 422, 'broken_reference')
    const cyclic = foreignCase([{ ...ITEMS[0]!, parent: ITEMS[1]!.id }, ITEMS[1]!])
    expectProblem(await importCase(c, cyclic), 422, 'cycle')
    expectProblem(await importCase(c, foreignCase([ITEMS[0]!, { ...ITEMS[1]!, code: 'LIT' }])), 422, 'duplicate_code')
    expectProblem(await importCase(c, foreignCase([{ ...ITEMS[0]!, code: 'core.knowledge' }])), 409, 'duplicate_code')
    expectProblem(await importCase(c, foreignCase([{ ...ITEMS[0]!, code: 'city.x' }])), 409, 'duplicate_code')
    expectProblem(await importCase(c, { CFDocument: {}, CFItems: 'x' }), 422, 'missing_field')

    const bad = Buffer.concat([Buffer.from('{"CFDocument":{"title":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')])
    expect(expectProblem(await importCase(c, bad), 400, 'invalid_utf8').detail).toMatch(/UTF-8/)
    expectProblem(await importCase(c, '{"CFDocument": '), 400, 'invalid_json')
    expectProblem(await importCase(c, ''), 400)
    expectProblem(await importCase(c, 'a,b', '', 'text/csv'), 415)
    expectProblem(await importCase(c, foreignCase(ITEMS), '?layer=moon'), 400)

    const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)
    expectProblem(await importCase(c, huge), 413)
    const many = foreignCase(Array.from({ length: 5_001 }, (_, i) => ({ id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, code: `n${i}`, statement: `Item ${i}` })))
    const tooMany = expectProblem(await importCase(c, many), 413)
    expect(tooMany.detail).toMatch(/5001 items exceed the limit of 5000/)

    expect(await snapshot(c.id)).toEqual(before)
  })
})

describe('alignment', () => {
  it('resolves a selection against the stored spine and builds OB 2.0 / 3.0 alignments whose URLs dereference', async () => {
    const c = await makeCity(t)
    await call(c, 'PATCH', '/spine', { title: 'Plymouth Skills Spine' })
    const themeId = (await call(c, 'GET', '/themes/wellbeing')).json().id
    const spine = t.runtime.services.spine
    const resolved = await spine.resolveSelection(c.id, { elements: ['col.digital', 'core.skills.social-emotional'], level: 'participation', dimensions: ['skills', 'knowledge'] }, [themeId, 'civic'], ['employment'])
    expect(resolved.themes).toEqual(['wellbeing', 'civic'])
    expect(resolved.frameworkName).toBe('Plymouth Skills Spine')
    const { ob2, ob3 } = buildAlignments(resolved)
    expect(ob2.map((a) => a.targetCode)).toEqual(['col.digital', 'core.skills.social-emotional', 'grid.participation.skills', 'grid.participation.knowledge', 'theme.wellbeing', 'theme.civic', 'destination.employment'])
    expect(ob2.every((a) => a.targetFramework === 'Plymouth Skills Spine')).toBe(true)
    expect(ob3[0]).toMatchObject({ type: ['Alignment'], targetType: 'CFItem', targetUrl: `${BASE}/spine/${c.slug}/elements/col.digital` })
    expect(ob2[2]!.targetDescription).toBe('join in')
    expect(await spine.alignmentsFor(c.id, { elements: ['col.digital', 'core.skills.social-emotional'], level: 'participation', dimensions: ['skills', 'knowledge'] }, [themeId, 'civic'], ['employment'])).toEqual({ ob2, ob3 })

    for (const a of ob2) {
      const res = await t.app.inject({ method: 'GET', url: pathOf(a.targetUrl) })
      expect(res.statusCode, a.targetUrl).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
      expect(res.json()).toMatchObject({ id: a.targetUrl, type: 'DefinedTerm', inDefinedTermSet: `${BASE}/spine/${c.slug}` })
      const html = await t.app.inject({ method: 'GET', url: pathOf(a.targetUrl), headers: { accept: BROWSER } })
      expect(html.headers['content-type']).toMatch(/^text\/html/)
      expect(html.body).toContain('Plymouth Skills Spine')
    }
  })

  it('rejects unknown, retired and malformed selections, but keeps building alignments of a retired element', async () => {
    const c = await makeCity(t)
    const spine = t.runtime.services.spine
    const fail = async (p: Promise<unknown>): Promise<string[]> => {
      const err = await p.then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(InvalidInput)
      return ((err as InvalidInput).fields ?? []).map((f) => (f as { code?: string }).code ?? '')
    }
    expect(await fail(spine.resolveSelection(c.id, { elements: ['nope'], level: 'engagement', dimensions: ['skills'] }))).toEqual(['unknown_element'])
    expect(await fail(spine.resolveSelection(c.id, { elements: [], level: 'mastery', dimensions: ['skills', 'skills'] }))).toEqual(['empty_selection', 'invalid_value', 'duplicate'])
    expect(await fail(spine.resolveSelection(c.id, { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] }, ['sport'], ['moon']))).toEqual(['not_found', 'not_found'])
    await expect(spine.resolveSelection(randomUUID(), { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] })).rejects.toThrow(/not found/)

    await useElement(c, ['col.digital'])
    await call(c, 'POST', '/spine/elements/col.digital/retire')
    expect(await fail(spine.resolveSelection(c.id, { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] }))).toEqual(['retired_element'])
    const kept = await spine.alignmentsFor(c.id, { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'] })
    expect(kept.ob2[0]).toMatchObject({ targetCode: 'col.digital', targetName: 'Digital' })
    const res = await t.app.inject({ method: 'GET', url: pathOf(kept.ob2[0]!.targetUrl), headers: { accept: BROWSER } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('This element is retired')
    await expect(spine.alignmentsFor(c.id, { elements: ['gone'], level: 'engagement', dimensions: ['skills'] })).rejects.toBeInstanceOf(InvalidInput)
  })
})

describe('coverage', () => {
  it('counts approved badge classes per level x dimension x element and shows where none exists yet', async () => {
    const c = await makeCity(t)
    const selections: Array<SpineSelection & { approved: boolean }> = [
      { elements: ['col.digital', 'core.skills.cognitive-metacognitive'], level: 'engagement', dimensions: ['knowledge', 'skills'], approved: true },
      { elements: ['col.digital'], level: 'participation', dimensions: ['skills'], approved: true },
      { elements: ['col.digital'], level: 'engagement', dimensions: ['skills'], approved: true },
      { elements: ['col.civic-global'], level: 'leadership', dimensions: ['knowledge'], approved: false },
      { elements: ['core.skills.social-emotional', 'core.skills'], level: 'engagement', dimensions: ['attitudes-values'], approved: true },
    ]
    for (const s of selections) await useElement(c, s.elements, s.approved, randomUUID(), s.level, s.dimensions)
    const elements: SpineElement[] = (await call(c, 'GET', '/spine')).json().elements
    const approved = selections.filter((s) => s.approved)

    for (const descendants of [false, true]) {
      const res = await call(c, 'GET', `/spine/coverage${descendants ? '?descendants=true' : ''}`)
      expect(res.statusCode).toBe(200)
      const got = res.json()
      const expected = computeCoverage({ selections: approved, elements, includeDescendants: descendants })
      expect(got.cells).toEqual(expected.cells)
      expect(got.totals).toEqual(expected.totals)
      expect(got.badgeClasses).toBe(4)
      expect(got.emptyCells).toBe(expected.empty.length)
    }
    const plain = (await call(c, 'GET', '/spine/coverage')).json()
    const cell = (code: string, level: string, dimension: string) => plain.cells.find((x: any) => x.elementCode === code && x.level === level && x.dimension === dimension).count
    expect(cell('col.digital', 'engagement', 'skills')).toBe(2)
    expect(cell('col.civic-global', 'leadership', 'knowledge')).toBe(0) // not approved
    expect(plain.cells).toHaveLength(15 * 12)
    const empty = (await call(c, 'GET', '/spine/coverage?onlyEmpty=true&layer=cities-of-learning')).json()
    expect(empty.elements).toBe(5)
    expect(empty.cells.every((x: any) => x.count === 0)).toBe(true)
    expect(empty.cells).toHaveLength(5 * 12 - 3)
    // Approval is what counts: approving the fourth badge class fills its cell.
    const pending = (await db().selectFrom('badge_class_selections').select('badge_class_id').where('city_id', '=', c.id).where('approved', '=', false).executeTakeFirstOrThrow()).badge_class_id
    await setBadgeClassApproved(db(), c.id, pending, true)
    const now = (await call(c, 'GET', '/spine/coverage')).json()
    expect(now.badgeClasses).toBe(5)
    expect(now.cells.find((x: any) => x.elementCode === 'col.civic-global' && x.level === 'leadership' && x.dimension === 'knowledge').count).toBe(1)
  })
})

describe('public spine pages', () => {
  it('serve JSON-LD without a key and with open CORS, HTML to browsers, ETags, and 404/406 problems', async () => {
    const c = await makeCity(t)
    const res = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}`, headers: { origin: 'https://app.example.org' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(res.headers.vary).toMatch(/Accept/i)
    const doc = res.json()
    expect(doc).toMatchObject({ type: 'DefinedTermSet', id: `${BASE}/spine/${c.slug}`, name: `City ${c.slug} City of Learning skills spine` })
    expect(doc.hasDefinedTerm).toHaveLength(15)
    expect(doc.grid).toHaveLength(12)
    // The inline context defines every term we use (safe mode fails on anything it would drop).
    const expanded = await jsonld.expand(doc, { safe: true } as never)
    expect(JSON.stringify(expanded)).toContain('https://schema.org/DefinedTermSet')
    const element = (await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/core.skills` })).json()
    expect(element).toMatchObject({ termCode: 'core.skills', narrower: expect.arrayContaining([`${BASE}/spine/${c.slug}/elements/core.skills.social-emotional`]) })
    expect(JSON.stringify(await jsonld.expand(element, { safe: true } as never))).toContain('http://www.w3.org/2004/02/skos/core#narrower')

    const html = await t.app.inject({ method: 'GET', url: `/spine/${c.slug}`, headers: { accept: BROWSER } })
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(html.body).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html.body).toContain('<caption>Levels of learning (rows) by dimension (columns)</caption>')
    expect(html.body).toContain('<th scope="col">Attitudes and values</th>')
    expect(html.body).toContain('<th scope="row">Leadership</th>')
    expect(html.headers['content-security-policy']).toContain("default-src 'none'")

    const etag = res.headers.etag as string
    expect((await t.app.inject({ method: 'GET', url: `/spine/${c.slug}`, headers: { 'if-none-match': etag } })).statusCode).toBe(304)
    expectProblem(await t.app.inject({ method: 'GET', url: `/spine/${c.slug}`, headers: { accept: 'image/png' } }), 406)
    expectProblem(await t.app.inject({ method: 'GET', url: '/spine/no-such-city' }), 404)
    expectProblem(await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/elements/no.such` }), 404)
    expectProblem(await t.app.inject({ method: 'GET', url: `/spine/${c.slug}/themes/no.such` }), 404)
  })
})
