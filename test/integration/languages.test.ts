import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateOb3 } from '../../src/ob/v3/schema.js'
import { verifyOb3 } from '../../src/ob/v3/verify.js'
import { createTestApp, type TestContext } from '../helpers/app.js'
import { BASE, classBody, expectOk, injectFetch, orgBody } from '../helpers/badges.js'
import { refVerify } from '../helpers/ob3.js'

// Languages (issue #13 item 4): texts as maps by BCP 47 tag in the management APIs; public documents and pages in
// the language Accept-Language asks for (the city's default as fallback), saying which; OB 3.0 achievements with
// inLanguage and related achievements, the signed credential unchanged and verifying.

let t: TestContext
type City = { slug: string; id: string; admin: Record<string, string>; orgId: string; issuer: Record<string, string> }
const cities = {} as Record<'en' | 'cy', City>

async function city (locales: string[]) {
  const slug = `l${randomBytes(4).toString('hex')}`
  const c = expectOk(await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug, name: `City ${slug}`, locales } }), 201)
  const key = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'admin', cityId: c.id })
  const admin = t.auth(key.token)
  const orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${slug}/organisations`, headers: admin, payload: orgBody() }), 201).id as string
  const issuerKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${slug}/api-keys`, headers: admin, payload: { name: 'i', role: 'issuer', organisationId: orgId } }), 201).key as string
  return { slug, id: c.id as string, admin, orgId, issuer: t.auth(issuerKey) }
}

beforeAll(async () => {
  t = await createTestApp()
  cities.en = await city(['en', 'cy'])
  cities.cy = await city(['cy', 'en'])
})
afterAll(async () => { await t?.close() })

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: url.startsWith(BASE) ? url.slice(BASE.length) : url, headers })
const WELSH = {
  name: { en: 'Digital Maker', cy: 'Gwneuthurwr Digidol' },
  description: { en: 'Built and shared a digital project.', cy: 'Adeiladodd a rhannodd brosiect digidol.' },
  criteria: { narrative: { en: 'Make something digital.', cy: 'Gwnewch rywbeth digidol.' } },
}

async function approved (c: City, extra: Record<string, unknown> = WELSH) {
  const base = `/v1/cities/${c.slug}/badge-classes`
  const created = expectOk(await t.app.inject({ method: 'POST', url: base, headers: c.issuer, payload: classBody(c.orgId, extra) }), 201)
  expectOk(await t.app.inject({ method: 'POST', url: `${base}/${created.id}/submit`, headers: c.issuer }))
  return expectOk(await t.app.inject({ method: 'POST', url: `${base}/${created.id}/approve`, headers: c.admin }))
}

describe('badge classes in several languages', () => {
  it('take and return maps by language; a plain string is the city default language', async () => {
    const c = cities.en
    const base = `/v1/cities/${c.slug}/badge-classes`
    const bc = expectOk(await t.app.inject({ method: 'POST', url: base, headers: c.issuer, payload: classBody(c.orgId, { ...WELSH, name: { EN: 'Digital Maker', cy: 'Gwneuthurwr Digidol' } }) }), 201)
    expect(bc).toMatchObject({ name: 'Digital Maker', description: WELSH.description.en, criteria: { narrative: 'Make something digital.' }, language: 'en' })
    expect(bc.translations).toEqual({ name: WELSH.name, description: WELSH.description, criteriaNarrative: WELSH.criteria.narrative })
    // A string replaces the default language only; the Welsh stays.
    const patched = expectOk(await t.app.inject({ method: 'PATCH', url: `${base}/${bc.id}`, headers: c.issuer, payload: { name: 'Digital Creator' } }))
    expect(patched.name).toBe('Digital Creator')
    expect(patched.translations.name).toEqual({ en: 'Digital Creator', cy: 'Gwneuthurwr Digidol' })
    expect(expectOk(await get(`${base}/${bc.id}`, c.admin)).translations.name).toEqual({ en: 'Digital Creator', cy: 'Gwneuthurwr Digidol' })
    // A class with one language: its string as a one-language map, and no `language` needed.
    const plain = expectOk(await t.app.inject({ method: 'POST', url: base, headers: c.issuer, payload: classBody(c.orgId) }), 201)
    expect(plain.translations.name).toEqual({ en: 'Digital Maker' })
    expect(plain.language).toBeUndefined()
  })

  it('refuses malformed and unknown language tags, and maps without the default language, as problems', async () => {
    const c = cities.en
    const base = `/v1/cities/${c.slug}/badge-classes`
    for (const [name, code, field] of [
      [{ en: 'A', xx: 'B' }, 'INVALID_LANGUAGE_TAG', '/name/xx'],
      [{ en: 'A', 'cy_GB': 'B' }, 'INVALID_LANGUAGE_TAG', '/name/cy_GB'],
      [{ en: 'A', EN: 'B' }, 'INVALID_LANGUAGE_TAG', '/name/EN'],
      [{ cy: 'B' }, 'INVALID_INPUT', '/name'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: base, headers: c.issuer, payload: classBody(c.orgId, { name }) })
      expect(res.statusCode, JSON.stringify(name)).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ code, errors: [{ field }] })
    }
    const city = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: `x${randomBytes(4).toString('hex')}`, name: 'X', locales: ['en', 'qq'] } })
    expect(city.statusCode).toBe(422)
    expect(city.json()).toMatchObject({ code: 'INVALID_LANGUAGE_TAG', errors: [{ field: '/locales/1' }] })
  })

  it('public BadgeClass, Achievement and pages answer in the Accept-Language asked for, saying which', async () => {
    const c = cities.en
    const bc = await approved(c)
    const ob2 = await get(`/ob/v2/badges/${bc.id}`, { accept: 'application/ld+json', 'accept-language': 'fr;q=1, cy;q=0.9, en;q=0.5' })
    expect(ob2.statusCode).toBe(200)
    expect(ob2.headers['content-language']).toBe('cy')
    expect(ob2.headers.vary).toMatch(/Accept-Language/)
    expect(ob2.json()).toMatchObject({ name: 'Gwneuthurwr Digidol', description: WELSH.description.cy, criteria: { narrative: WELSH.criteria.narrative.cy } })
    // No header, or only languages the class lacks: the class's default language.
    for (const al of [undefined, 'fr, de;q=0.5']) {
      const res = await get(`/ob/v2/badges/${bc.id}`, { accept: 'application/ld+json', ...(al ? { 'accept-language': al } : {}) })
      expect(res.headers['content-language']).toBe('en')
      expect(res.json().name).toBe('Digital Maker')
    }
    const ach = await get(`/ob/v3/achievements/${bc.id}`, { accept: 'application/ld+json', 'accept-language': 'cy-GB' })
    expect(ach.headers['content-language']).toBe('cy')
    expect(ach.headers.vary).toMatch(/Accept-Language/)
    const doc = ach.json()
    expect(doc).toMatchObject({ name: 'Gwneuthurwr Digidol', inLanguage: 'cy', related: [{ id: `${BASE}/ob/v3/achievements/${bc.id}?lang=en`, type: ['Related'], inLanguage: 'en', version: '1' }] })
    // The related id answers in its language.
    const en = expectOk(await get(doc.related[0].id, { accept: 'application/ld+json', 'accept-language': 'cy' }))
    expect(en).toMatchObject({ name: 'Digital Maker', inLanguage: 'en', related: [{ inLanguage: 'cy' }] })
    // Pages: <html lang>, Content-Language, Vary.
    const page = await get(`/ob/v2/badges/${bc.id}`, { accept: 'text/html', 'accept-language': 'cy' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-language']).toBe('cy')
    expect(page.headers.vary).toMatch(/Accept-Language/)
    expect(page.body).toContain('<html lang="cy">')
    expect(page.body).toContain('Gwneuthurwr Digidol')
    const enPage = await get(`/ob/v3/achievements/${bc.id}`, { accept: 'text/html', 'accept-language': 'en-US,en;q=0.8' })
    expect(enPage.body).toContain('<html lang="en">')
    expect(enPage.body).toContain('Digital Maker')
    // Rendered pages are kept (src/domain/pages/page-cache.ts): one URL asked in turn in each language answers in each.
    for (const [header, lang, name] of [['en', 'en', 'Digital Maker'], ['cy', 'cy', 'Gwneuthurwr Digidol'], ['en-GB', 'en', 'Digital Maker'], ['cy', 'cy', 'Gwneuthurwr Digidol']] as const) {
      const again = await get(`/ob/v2/badges/${bc.id}`, { accept: 'text/html', 'accept-language': header })
      expect(again.headers['content-language'], header).toBe(lang)
      expect(again.body, header).toContain(name)
    }
  })

  it('falls back to the city default language when the class predates languages', async () => {
    const c = cities.cy
    const bc = await approved(c, { name: 'Gwobr', description: 'Disgrifiad.' })
    expect(bc.translations.name).toEqual({ cy: 'Gwobr' })
    const res = await get(`/ob/v2/badges/${bc.id}`, { accept: 'application/ld+json', 'accept-language': 'en' })
    expect(res.headers['content-language']).toBe('cy')
    expect(res.json().name).toBe('Gwobr')
    const page = await get(`/ob/v2/badges/${bc.id}`, { accept: 'text/html' })
    expect(page.body).toContain('<html lang="cy">')
  })

  it('the signed credential carries the default language with the others as related, validates and verifies', async () => {
    const c = cities.en
    const bc = await approved(c)
    const aw = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/awards`, headers: c.issuer, payload: { badgeClassId: bc.id, recipient: { type: 'email', identity: 'learner@example.org' } } }), 201)
    // Whatever the Accept-Language, the signed credential is the same bytes.
    const plain = await get(`/ob/v3/credentials/${aw.id}`)
    const welsh = await get(`/ob/v3/credentials/${aw.id}`, { 'accept-language': 'cy' })
    expect(welsh.body).toBe(plain.body)
    const cred = JSON.parse(plain.body)
    expect(cred.credentialSubject.achievement).toMatchObject({
      name: 'Digital Maker', inLanguage: 'en',
      related: [{ id: `${BASE}/ob/v3/achievements/${bc.id}?lang=cy`, type: ['Related'], inLanguage: 'cy', version: '1' }],
    })
    expect(validateOb3(cred)).toEqual({ valid: true, errors: [] })
    expect((await refVerify(t, cred)).verified).toBe(true)
    const report = await verifyOb3({ credential: cred }, { now: new Date(), fetchJson: injectFetch(t) })
    expect(report.checks.filter((x) => !x.valid)).toEqual([])
  })
})

describe('the spine in several languages', () => {
  const call = (c: City, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/v1/cities/${c.slug}${path}`, headers: { ...c.admin, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) })

  it('elements, themes and destinations take and return maps; bad tags are problems', async () => {
    const c = cities.en
    const el = expectOk(await call(c, 'POST', '/spine/elements', { code: 'city.coding', layer: 'city', title: { en: 'Coding', cy: 'Codio' }, description: { en: 'Writing programs.', cy: 'Ysgrifennu rhaglenni.' } }), 201)
    expect(el).toMatchObject({ title: 'Coding', description: 'Writing programs.', translations: { title: { en: 'Coding', cy: 'Codio' }, description: { en: 'Writing programs.', cy: 'Ysgrifennu rhaglenni.' } } })
    const patched = expectOk(await call(c, 'PATCH', '/spine/elements/city.coding', { title: 'Programming' }))
    expect(patched.translations.title).toEqual({ en: 'Programming', cy: 'Codio' })
    // Elements without translations read as the default language.
    expect(expectOk(await call(c, 'GET', '/spine/elements/core.knowledge')).translations.title).toEqual({ en: expect.any(String) })
    const theme = expectOk(await call(c, 'POST', '/themes', { code: 'arts', kind: 'civic', title: { en: 'Arts', cy: 'Celfyddydau' } }), 201)
    expect(theme.translations).toEqual({ title: { en: 'Arts', cy: 'Celfyddydau' } })
    const dest = expectOk(await call(c, 'POST', '/destinations', { code: 'uni', kind: 'education', title: 'University' }), 201)
    expect(expectOk(await call(c, 'PATCH', '/destinations/uni', { title: { en: 'University', cy: 'Prifysgol' } })).translations.title).toEqual({ en: 'University', cy: 'Prifysgol' })
    expect(dest.translations).toEqual({ title: { en: 'University' } })
    for (const [path, body] of [['/spine/elements', { code: 'city.bad', layer: 'city', title: { en: 'Bad', 'not a tag': 'x' } }], ['/themes', { code: 'bad', kind: 'civic', title: { en: 'Bad', zz: 'x' } }]] as const) {
      const res = await call(c, 'POST', path, body)
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('INVALID_LANGUAGE_TAG')
    }
  })

  it('public spine JSON-LD and pages answer in the Accept-Language asked for, with the city default as fallback', async () => {
    const c = cities.en
    const url = `/spine/${c.slug}/elements/city.coding`
    const cy = await get(url, { 'accept-language': 'cy, en;q=0.5' })
    expect(cy.headers['content-language']).toBe('cy')
    expect(cy.headers.vary).toMatch(/Accept-Language/)
    expect(cy.json()).toMatchObject({ name: 'Codio', description: 'Ysgrifennu rhaglenni.', inLanguage: 'cy' })
    const fallback = await get(url, { 'accept-language': 'de' })
    expect(fallback.headers['content-language']).toBe('en')
    expect(fallback.json()).toMatchObject({ name: 'Programming', inLanguage: 'en' })
    expect(expectOk(await get(`${url}?lang=cy`)).name).toBe('Codio')
    const page = await get(url, { accept: 'text/html', 'accept-language': 'cy' })
    expect(page.headers['content-language']).toBe('cy')
    expect(page.body).toContain('<html lang="cy">')
    expect(page.body).toContain('Codio')
    const framework = expectOk(await get(`/spine/${c.slug}`, { 'accept-language': 'cy' }))
    expect(framework.inLanguage).toBe('cy')
    expect(framework.themes.find((x: { termCode: string }) => x.termCode === 'arts').name).toBe('Celfyddydau')
    expect(expectOk(await get(`/spine/${c.slug}/destinations/uni`, { 'accept-language': 'cy' })).name).toBe('Prifysgol')
    // An element page names its narrower elements in the page's language.
    expectOk(await call(c, 'POST', '/spine/elements', { code: 'city.coding.games', layer: 'city', parentCode: 'city.coding', title: { en: 'Games', cy: 'Gemau' } }), 201)
    const parentPage = await get(url, { accept: 'text/html', 'accept-language': 'cy' })
    expect(parentPage.body).toContain('Gemau')
    expect((await get(url, { accept: 'text/html', 'accept-language': 'en' })).body).toContain('>Games<')
    // A badge page lists the class's element, theme and destination by their titles in the page's language.
    const aligned = await approved(c, { ...WELSH, spine: { elements: ['city.coding'], level: 'participation', dimensions: ['skills'] }, themes: ['arts'], destinations: ['uni'] })
    const classPage = await get(`/ob/v2/badges/${aligned.id}`, { accept: 'text/html', 'accept-language': 'cy' })
    expect(classPage.headers['content-language']).toBe('cy')
    for (const title of ['Codio', 'Celfyddydau', 'Prifysgol']) expect(classPage.body).toContain(title)
    const classPageEn = await get(`/ob/v2/badges/${aligned.id}`, { accept: 'text/html', 'accept-language': 'en' })
    for (const title of ['Programming', 'Arts', 'University']) expect(classPageEn.body).toContain(title)
    expect(classPageEn.body).not.toContain('Celfyddydau')
    // A city whose default is Welsh answers in Welsh when nothing else matches.
    const welshCity = await get(`/spine/${cities.cy.slug}`, { 'accept-language': 'fr' })
    expect(welshCity.headers['content-language']).toBe('cy')
  })

  it('CASE export carries the languages (statements in the chosen one, all in the extension) and an import keeps them', async () => {
    const c = cities.en
    const cy = await call(c, 'GET', '/spine/case?lang=cy')
    expect(cy.headers['content-language']).toBe('cy')
    const pkg = cy.json()
    expect(pkg.CFDocument.language).toBe('cy')
    const item = pkg.CFItems.find((i: { humanCodingScheme: string }) => i.humanCodingScheme === 'city.coding')
    expect(item).toMatchObject({ abbreviatedStatement: 'Codio', fullStatement: 'Ysgrifennu rhaglenni.', language: 'cy' })
    expect(item.extensions.citybadges.translations).toEqual({ description: { cy: 'Ysgrifennu rhaglenni.', en: 'Writing programs.' }, title: { cy: 'Codio', en: 'Programming' } })
    expect((await call(c, 'GET', '/spine/case')).json().CFDocument.language).toBe('en')
    // Imported into another English city: English in the columns, Welsh kept.
    const other = await city(['en'])
    const imported = await t.app.inject({ method: 'POST', url: `/v1/cities/${other.slug}/spine/case?layer=preserve`, headers: { ...other.admin, 'content-type': 'application/json' }, payload: JSON.stringify(pkg) })
    expect(imported.statusCode, imported.body).toBe(200)
    const el = expectOk(await call(other, 'GET', '/spine/elements/city.coding'))
    expect(el).toMatchObject({ title: 'Programming', description: 'Writing programs.', translations: { title: { en: 'Programming', cy: 'Codio' } } })
    // A bad tag in the extension is refused.
    item.extensions.citybadges.translations.title['xx'] = 'Nonsense'
    const bad = await t.app.inject({ method: 'POST', url: `/v1/cities/${other.slug}/spine/case?layer=preserve`, headers: { ...other.admin, 'content-type': 'application/json' }, payload: JSON.stringify(pkg) })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().code).toBe('INVALID_LANGUAGE_TAG')
  })
})

describe('pathways and opportunities in several languages', () => {
  it('take and return maps; a bad tag is a problem', async () => {
    const c = cities.en
    const bc = await approved(c)
    const base = `/v1/cities/${c.slug}`
    const p = expectOk(await t.app.inject({ method: 'POST', url: `${base}/pathways`, headers: c.issuer, payload: { kind: 'recommended', title: { en: 'Towards coding', cy: 'Tuag at godio' }, description: 'Start here.', requirements: { type: 'all', children: [{ type: 'badge', badgeClassId: bc.id }] } } }), 201)
    expect(p).toMatchObject({ title: 'Towards coding', translations: { title: { en: 'Towards coding', cy: 'Tuag at godio' }, description: { en: 'Start here.' } } })
    const edited = expectOk(await t.app.inject({ method: 'PATCH', url: `${base}/pathways/${p.id}`, headers: c.issuer, payload: { description: { en: 'Start here.', cy: 'Dechreuwch yma.' } } }))
    expect(edited.translations).toEqual({ title: { en: 'Towards coding', cy: 'Tuag at godio' }, description: { en: 'Start here.', cy: 'Dechreuwch yma.' } })
    const bad = await t.app.inject({ method: 'POST', url: `${base}/pathways`, headers: c.issuer, payload: { kind: 'recommended', title: { en: 'X', 'e-': 'Y' }, requirements: { type: 'all', children: [{ type: 'badge', badgeClassId: bc.id }] } } })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().code).toBe('INVALID_LANGUAGE_TAG')

    const start = new Date(Date.now() + 2 * 86400e3)
    const o = expectOk(await t.app.inject({ method: 'POST', url: `${base}/opportunities`, headers: c.issuer, payload: {
      organisationId: c.orgId, kind: 'activity', title: { en: 'Robotics club', cy: 'Clwb roboteg' }, description: { en: 'Build robots.', cy: 'Adeiladu robotiaid.' },
      online: true, sessions: [{ start: start.toISOString(), end: new Date(start.getTime() + 3600e3).toISOString() }],
    } }), 201)
    expect(o).toMatchObject({ title: 'Robotics club', description: 'Build robots.', translations: { title: { en: 'Robotics club', cy: 'Clwb roboteg' }, description: { en: 'Build robots.', cy: 'Adeiladu robotiaid.' } } })
    expect(expectOk(await t.app.inject({ method: 'GET', url: `${base}/opportunities/${o.id}`, headers: c.issuer })).translations.title.cy).toBe('Clwb roboteg')
    // Its public JSON-LD and page answer in the language asked for, the city default otherwise.
    expectOk(await t.app.inject({ method: 'POST', url: `${base}/opportunities/${o.id}/publish`, headers: c.issuer }))
    const doc = await get(`/opportunities/${c.slug}/${o.id}`, { accept: 'application/ld+json', 'accept-language': 'cy-GB, en;q=0.5' })
    expect(doc.headers['content-language']).toBe('cy')
    expect(doc.headers.vary).toMatch(/Accept-Language/)
    expect(doc.json()).toMatchObject({ name: 'Clwb roboteg' })
    const page = await get(`/opportunities/${c.slug}/${o.id}`, { accept: 'text/html', 'accept-language': 'cy' })
    expect(page.body).toContain('<html lang="cy">')
    expect(page.body).toContain('Adeiladu robotiaid.')
    const fallback = await get(`/opportunities/${c.slug}/${o.id}?lang=fr`, { accept: 'application/ld+json' })
    expect(fallback.headers['content-language']).toBe('en')
    expect(fallback.json()).toMatchObject({ name: 'Robotics club' })
  })
})
