import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { contrast, textOn } from '../../src/domain/cities/branding.js'
import { markdown } from '../../src/routes/pages/layout.js'
import { createRuntime, type Runtime } from '../../src/runtime.js'
import { makeCity, embeddedSnapshot, testConfig, type TestContext } from '../helpers/app.js'
import { PNG_URI, SVG_URI, approvedClass, expectOk, orgBody, setupIssuer } from '../helpers/badges.js'
import { axeViolations, haveChromium, warnWithoutChromium, withBrowser } from '../helpers/browser.js'

// The public pages (issue #16) on the real app: content, escaping, CSP, negotiation, the verify button, and in
// headless Chromium at 1280 and 390 px: axe (no serious or critical violation), no console error (a CSP violation is
// one), no horizontal scrolling on a phone, content read from the rendered page, and screenshots in SHOTS.

const SHOTS = process.env.PAGES_SCREENSHOTS ?? path.join(os.tmpdir(), 'citybadges-pages')
type Win = { innerWidth: number; document: { documentElement: { scrollWidth: number } } }
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
/** Sixteen pages in a real browser, twice per width: minutes on a busy 2-core machine. */
const BROWSER_TIMEOUT = 360_000
const EMAIL = 'page.learner@example.org'

let app: FastifyInstance
let runtime: Runtime
let cleanup: () => Promise<void>
let origin = ''
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
const ids = { valid: '', revoked: '', expired: '', klass: '', welsh: '', issuer: '', college: '', opportunity: '', learnerAward: '', share: '', learner: '' }
const skills = { digital: '', creative: '' }

const get = (url: string, accept = BROWSER) => app.inject({ method: 'GET', url, headers: { accept } })

beforeAll(async () => {
  const made = await testConfig()
  cleanup = made.cleanup
  runtime = await createRuntime(made.config, { log: pino({ level: 'silent' }), inMemory: !made.config.databaseUrl, embeddedSnapshot: embeddedSnapshot(), redisPrefix: `cbtest-pages-${process.pid}` })
  app = await buildApp(runtime)
  origin = await app.listen({ port: 0, host: '127.0.0.1' })
  const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'pages test admin' })
  t = { app, runtime, auth: (key = token) => ({ authorization: `Bearer ${key}` }) } as unknown as TestContext
  city = await makeCity(t)
  const admin = t.auth(city.cityAdminKey)
  expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: admin, payload: {
    name: 'Harbourside City of Learning', accentColour: '#7A1F5C', logo: PNG_URI,
    about: 'Harbourside recognises learning **everywhere**: <script>window.__xss=1</script>',
  } }))
  const issuer = await setupIssuer(t, city, {
    name: 'Quayside <Makers> Ltd',
    klass: { name: 'Digital <script>window.__xss=1</script> Maker', criteria: { narrative: '# Do this\n\n- build a robot\n- explain *how*\n\n[guide](https://example.org/guide) [bad](javascript:alert(1)) <img src=x onerror=alert(3)>' } },
  })
  ids.issuer = issuer.org.id
  ids.klass = issuer.klass.id
  // A badge class in English and Welsh (issue #13 Languages): its Welsh page is checked in Chromium below.
  ids.welsh = (await approvedClass(t, city, issuer.org.id, issuer.issuerKey, {
    name: { en: 'Digital Maker', cy: 'Gwneuthurwr Digidol' }, description: { en: 'Built a digital project.', cy: 'Adeiladodd brosiect digidol.' },
  })).id
  const college = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody('Harbourside College') }), 201)
  ids.college = college.id
  expectOk(await app.inject({ method: 'PUT', url: `/v1/cities/${city.slug}/organisations/${college.id}/verified`, headers: admin, payload: { verified: true } }))
  expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/endorsements`, headers: admin, payload: { organisationId: college.id, subject: { type: 'badge-class', id: issuer.klass.id }, comment: 'We validated this badge with the *employer*.' } }), 201)
  const award = async (extra: Record<string, unknown> = {}) => expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: EMAIL }, evidence: [{ url: 'https://portfolio.example.org/1', narrative: 'A *robot*.' }], ...extra } }), 201)
  ids.valid = (await award({ expires: '2099-01-31T00:00:00Z' })).id
  ids.revoked = (await award({ expires: '2099-01-31T00:00:00Z' })).id
  ids.expired = (await award({ issuedOn: '2024-01-15T00:00:00Z', expires: '2024-06-01T00:00:00Z' })).id
  expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${ids.revoked}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'awarded by <mistake>' } }))
  // Where the badge is on offer and what asks for its skill: an opportunity giving it, a pathway asking for col.digital.
  const week = new Date(Date.now() + 7 * 86_400_000)
  const opp = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/opportunities`, headers: admin, payload: {
    organisationId: issuer.org.id, kind: 'activity', title: 'Harbour <robotics> club', place: { lat: 51.45, lon: -2.59, area: 'harbourside' },
    sessions: [{ start: week.toISOString(), end: new Date(week.getTime() + 7_200_000).toISOString(), capacity: 12 }],
    spine: { elements: ['col.digital'], level: 'participation' }, badgeClassIds: [issuer.klass.id],
  } }), 201)
  ids.opportunity = opp.id
  expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/opportunities/${opp.id}/publish`, headers: admin }))
  const pathway = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/pathways`, headers: admin, payload: {
    kind: 'recommended', organisationId: issuer.org.id, title: 'Towards a digital apprenticeship', requirements: { type: 'skill', element: 'col.digital', count: 1 },
  } }), 201)
  expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/pathways/${pathway.id}/publish`, headers: admin }))
  // A learner who shares one award with their name on.
  expectOk(await app.inject({ method: 'PUT', url: `/v1/cities/${city.slug}/learner-settings`, headers: admin, payload: { learnerNames: true } }))
  const learner = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: admin, payload: { ageBand: '19-24', displayName: 'Sam <Harbour>' } }), 201)
  ids.learner = learner.id
  ids.learnerAward = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: learner.id } } }), 201).id
  ids.share = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners/${learner.id}/shares`, headers: admin, payload: { awardIds: [ids.learnerAward], showName: true } }), 201).id
  skills.digital = (await get(`/spine/${city.slug}/elements/col.digital`, 'application/ld+json')).json().name
  skills.creative = (await get(`/spine/${city.slug}/elements/col.creative-entrepreneurial`, 'application/ld+json')).json().name
})

afterAll(async () => {
  await app?.close()
  await runtime?.close()
  await cleanup?.()
})

describe('branding and the verified mark (management API)', () => {
  it('a city admin sets name, about, accent colour and logo; others may not; bad values are 4xx', async () => {
    const b = expectOk(await app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey) }))
    expect(b).toMatchObject({ name: 'Harbourside City of Learning', accentColour: '#7a1f5c', accentText: '#ffffff' })
    expect(b.logo).toMatch(new RegExp(`^/cities/${city.slug}/logo\\?v=`))
    const logo = await get(b.logo, 'image/*')
    expect(logo.statusCode).toBe(200)
    expect(logo.headers['content-type']).toBe('image/png')
    const issuerKey = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: t.auth(city.cityAdminKey), payload: { name: 'i2', role: 'issuer', organisationId: ids.issuer } }), 201).key
    expect((await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(issuerKey), payload: { name: 'Mine' } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'PUT', url: `/v1/cities/${city.slug}/organisations/${ids.issuer}/verified`, headers: t.auth(issuerKey), payload: { verified: true } })).statusCode).toBe(403)
    const bad = await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { accentColour: 'red' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    const badLogo = await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { logo: 'data:image/png;base64,aGVsbG8=' } })
    expect(badLogo.statusCode).toBe(422)
    expect((await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: {} })).statusCode).toBe(400)
    // An SVG logo is sanitised like a badge image; null removes it.
    const svg = expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { logo: SVG_URI } }))
    expect((await get(svg.logo, 'image/*')).headers['content-type']).toBe('image/svg+xml')
    const none = expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { logo: null } }))
    expect(none.logo).toBeUndefined()
    expect((await get(svg.logo, 'image/*')).statusCode).toBe(404)
    expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { logo: PNG_URI } }))
  })

  it('text on the accent colour always reaches WCAG AA contrast', () => {
    for (let i = 0; i < 4096; i++) {
      const c = `#${[i >> 8, (i >> 4) & 15, i & 15].map((n) => (n * 17).toString(16).padStart(2, '0')).join('')}`
      expect(contrast(c, textOn(c)), c).toBeGreaterThanOrEqual(4.5)
    }
  })
})

describe('pages without a browser: content, escaping, CSP, negotiation', () => {
  it('the badge page: city, issuer, verified endorser, skills on the grid, themes, destinations, share, OG, machine links', async () => {
    const res = await get(`/ob/v2/assertions/${ids.valid}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toMatch(/^default-src 'none'; img-src 'self' data:; style-src 'sha256-[^']+' 'sha256-[^']+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/)
    const html = res.body
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('Digital &#60;script&#62;window.__xss=1&#60;/script&#62; Maker')
    expect(html).toContain('Harbourside City of Learning')
    expect(html).toContain('Quayside &#60;Makers&#62; Ltd')
    expect(html).toContain('(not verified by the city)')
    expect(html).toMatch(/Harbourside College<\/a><\/strong><span class="verified"><span aria-hidden="true">✓ <\/span>Verified by Harbourside City of Learning<\/span> endorsed this badge/)
    for (const s of [skills.digital, skills.creative]) expect(html).toContain(`>${s}</a>`)
    expect(html).toContain(`href="/spine/${city.slug}/elements/col.digital"`)
    expect(html).toContain(`href="/spine/${city.slug}/grid/participation/skills"`)
    expect(html).toContain(`href="/spine/${city.slug}/themes/civic"`)
    expect(html).toContain(`href="/spine/${city.slug}/destinations/employment"`)
    expect(html).toMatch(/<td class="on"><a [^>]+>✓<span class="label"> Participation: Knowledge<\/span><\/a><\/td>/)
    expect(html).toContain('<meta property="og:image" content="https://badges.test/ob/v2/badges/')
    expect(html).toContain('<meta name="twitter:card" content="summary">')
    expect(html).toContain(`<meta property="og:url" content="https://badges.test/ob/v2/assertions/${ids.valid}">`)
    const linkedin = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&')
    const q = new URL(linkedin).searchParams
    expect(Object.fromEntries(q)).toMatchObject({ startTask: 'CERTIFICATION_NAME', name: 'Digital <script>window.__xss=1</script> Maker', organizationName: 'Quayside <Makers> Ltd', expirationYear: '2099', expirationMonth: '1', certUrl: `https://badges.test/ob/v2/assertions/${ids.valid}`, certId: ids.valid })
    expect(html).toContain(`<form method="post" action="/ob/v2/assertions/${ids.valid}/verify">`)
    for (const href of [`/ob/v2/assertions/${ids.valid}?format=json`, `/ob/v2/assertions/${ids.valid}.jws`, `/ob/v3/credentials/${ids.valid}?format=json`, `/ob/v3/credentials/${ids.valid}.jwt`, `/ob/v3/credentials/${ids.valid}/image`, `/ob/v3/achievements/${ids.klass}?format=json`]) {
      expect(html).toContain(`href="${href}"`)
    }
    expect(html).toContain(`id="share-link" type="url" readonly value="https://badges.test/ob/v2/assertions/${ids.valid}"`)
    expect(html).toContain('Expires on')
    for (const secret of [EMAIL, 'page.learner']) expect(html).not.toContain(secret)
  })

  it('Markdown: rendered by markdown-it with raw HTML off, no javascript: links, headings demoted', async () => {
    const html = (await get(`/ob/v2/assertions/${ids.valid}`)).body
    expect(html).toContain('<h3>Do this</h3>')
    expect(html).toContain('<li>explain <em>how</em></li>')
    expect(html).toContain('<a href="https://example.org/guide" rel="nofollow ugc">guide</a>')
    expect(html).toContain('[bad](javascript:alert(1))')
    expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;')
    expect(markdown('<b onclick="x">a</b> [x](data:text/html,hi) ![i](https://e.example/i.png) ![j](javascript:alert(1))')).toBe(
      '<p>&lt;b onclick=&quot;x&quot;&gt;a&lt;/b&gt; [x](data:text/html,hi) <a href="https://e.example/i.png" rel="nofollow ugc">i</a> ![j](javascript:alert(1))</p>\n')
  })

  it('revoked says so first and hides the expiry; expired says since when', async () => {
    const revoked = await get(`/ob/v2/assertions/${ids.revoked}`)
    expect(revoked.statusCode).toBe(410)
    const main = revoked.body.slice(revoked.body.indexOf('<main'))
    expect(main.indexOf('class="status revoked"')).toBeGreaterThan(0)
    expect(main.indexOf('class="status revoked"')).toBeLessThan(main.indexOf('<h1>'))
    expect(main).toContain('Reason: awarded by &#60;mistake&#62;')
    expect(main).not.toContain('Expires on')
    expect(main).not.toContain('2099')
    expect(main).not.toContain('linkedin.com')
    expect(revoked.body).toContain('<title>Revoked: ')
    const expired = await get(`/ob/v2/assertions/${ids.expired}`)
    expect(expired.statusCode).toBe(200)
    expect(expired.body).toContain('<strong>Expired</strong> since <time datetime="2024-06-01T00:00:00.000Z">1 June 2024</time>')
    // The OB 3.0 credential URL gives the same badge page to a browser; revoked there too.
    const cred = await get(`/ob/v3/credentials/${ids.revoked}`)
    expect(cred.headers['content-type']).toMatch(/^text\/html/)
    expect(cred.body).toContain('class="status revoked"')
  })

  it('every document stays JSON-LD for machines at the same URL', async () => {
    const pairs: Array<[string, string, RegExp]> = [
      [`/ob/v2/assertions/${ids.valid}`, 'application/ld+json', /^application\/ld\+json/],
      [`/ob/v2/issuers/${ids.issuer}`, 'application/ld+json', /^application\/ld\+json/],
      [`/ob/v2/badges/${ids.klass}`, 'application/json', /^application\/json/],
      [`/ob/v3/credentials/${ids.valid}`, 'application/vc+ld+json', /^application\/vc\+ld\+json/],
      [`/ob/v3/credentials/${ids.valid}`, '*/*', /^application\/vc\+ld\+json/],
      [`/ob/v3/achievements/${ids.klass}`, 'application/ld+json', /^application\/ld\+json/],
      [`/ob/v3/issuers/${ids.issuer}`, 'application/ld+json', /^application\/ld\+json/],
      [`/spine/${city.slug}`, 'application/ld+json', /^application\/ld\+json/],
      ['/', 'application/json', /^application\/json/],
      [`/cities/${city.slug}`, 'application/json', /^application\/json/],
    ]
    for (const [url, accept, type] of pairs) {
      const res = await get(url, accept)
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toMatch(type)
      expect(res.headers.vary, url).toMatch(/accept/i)
    }
    // The pages' machine links work from a browser (which always asks for text/html first).
    expect((await get(`/ob/v3/credentials/${ids.valid}?format=json`)).headers['content-type']).toMatch(/^application\/vc\+ld\+json/)
    expect((await get(`/ob/v2/issuers/${ids.issuer}?format=json`)).json().name).toBe('Quayside <Makers> Ltd')
    expect((await get('/', 'application/json')).json().cities).toContainEqual({ slug: city.slug, name: 'Harbourside City of Learning', url: `https://badges.test/cities/${city.slug}` })
    expect((await get('/', 'image/png')).statusCode).toBe(406)
    expect((await get('/cities/nope-nope', BROWSER)).statusCode).toBe(404)
    expect((await get(`/ob/v2/issuers/${ids.issuer}?format=xml`)).statusCode).toBe(400)
  })

  it('the verify button runs the verifier on this badge: named checks in plain words (form POST, no JavaScript)', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: BROWSER }
    const ok = await app.inject({ method: 'POST', url: `/ob/v2/assertions/${ids.valid}/verify`, headers: form, payload: `recipient=${encodeURIComponent(EMAIL)}` })
    expect(ok.statusCode).toBe(200)
    expect(ok.headers['content-type']).toMatch(/^text\/html/)
    expect(ok.body).toContain('Both forms of this badge verified.')
    expect(ok.body).toMatch(/data-check="revocation">.*Passed:.*The issuer has not revoked it\./)
    expect(ok.body).toMatch(/data-check="recipient">.*Passed:.*It was awarded to the email address you gave\./)
    expect(ok.body).toContain('Open Badges 3.0 credential (Data Integrity proof)')
    const wrong = await app.inject({ method: 'POST', url: `/ob/v2/assertions/${ids.valid}/verify`, headers: form, payload: 'recipient=someone.else%40example.org' })
    expect(wrong.body).toMatch(/data-check="recipient">.*Failed:.*It was not awarded to the email address you gave\./)
    const revoked = await app.inject({ method: 'POST', url: `/ob/v2/assertions/${ids.revoked}/verify`, headers: form, payload: '' })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.body).toContain('This badge did not verify')
    expect(revoked.body).toMatch(/data-check="revocation">.*Failed:.*The issuer has revoked it\./)
    const missing = await app.inject({ method: 'POST', url: '/ob/v2/assertions/00000000-0000-4000-8000-000000000000/verify', headers: form, payload: '' })
    expect(missing.statusCode).toBe(404)
    const unknownField = await app.inject({ method: 'POST', url: `/ob/v2/assertions/${ids.valid}/verify`, headers: form, payload: 'x=1' })
    expect(unknownField.statusCode).toBe(400)
  })

  it('issuer, badge class, city and spine element pages link to each other', async () => {
    const issuer = (await get(`/ob/v2/issuers/${ids.issuer}`)).body
    expect(issuer).toContain(`href="/ob/v2/badges/${ids.klass}"`)
    expect(issuer).toContain('Not verified by Harbourside City of Learning')
    const college = (await get(`/ob/v3/issuers/${ids.college}`)).body
    expect(college).toContain('Verified by Harbourside City of Learning')
    const klass = (await get(`/ob/v3/achievements/${ids.klass}`)).body
    expect(klass).toContain('How to earn it')
    expect(klass).toContain(`href="/ob/v2/issuers/${ids.issuer}"`)
    expect(klass).toContain('We validated this badge with the <em>employer</em>.')
    const landing = (await get(`/cities/${city.slug}`)).body
    expect(landing).toContain('Harbourside recognises learning <strong>everywhere</strong>: &lt;script&gt;')
    expect(landing).toContain(`href="/ob/v2/badges/${ids.klass}"`)
    expect(landing).toContain(`href="/spine/${city.slug}"`)
    expect(landing).toContain(`<img src="/cities/${city.slug}/logo?v=`)
    const spine = (await get(`/spine/${city.slug}`, 'application/ld+json')).json() as { hasDefinedTerm: Array<{ termCode: string }> }
    const unused = spine.hasDefinedTerm.map((e) => e.termCode).find((c) => !['col.digital', 'col.creative-entrepreneurial'].includes(c))!
    const element = (await get(`/spine/${city.slug}/elements/col.digital`)).body
    expect(element).toMatch(/<h3>Level: Participation<\/h3><ul class="cards"><li>.*Digital &#60;script&#62;/)
    expect((await get(`/spine/${city.slug}/elements/${unused}`)).body).toContain('No approved badge builds this yet.')
    expect((await get(`/spine/${city.slug}/themes/civic`)).body).toContain(`href="/ob/v2/badges/${ids.klass}"`)
    expect((await get('/')).body).toContain(`href="/cities/${city.slug}"`)
  })
})

describe('pages that lead somewhere: offers, pathways, the name the learner chose', () => {
  it('the badge class page lists where it is on offer (title escaped, kind, area, free, next session)', async () => {
    const html = (await get(`/ob/v2/badges/${ids.klass}`)).body
    expect(html).toMatch(new RegExp(`<section class="panel" aria-labelledby="offers"><h2 id="offers">Where it is on offer</h2><ul class="plain offers"><li><a href="/opportunities/${city.slug}/${ids.opportunity}">Harbour &#60;robotics&#62; club</a> <span class="hint">\\(Activity · harbourside · Free; next: <time`))
  })

  it('the element page lists the opportunities that build it and the pathways that ask for it', async () => {
    const html = (await get(`/spine/${city.slug}/elements/col.digital`)).body
    expect(html).toContain(`<h2 id="offers">Opportunities that build it</h2><ul class="plain offers"><li><a href="/opportunities/${city.slug}/${ids.opportunity}">`)
    expect(html).toContain('<h2 id="pathways">Pathways that ask for it</h2><ul class="plain"><li>Towards a digital apprenticeship <span class="hint">(recommended by Quayside &#60;Makers&#62; Ltd)</span></li></ul>')
    const other = (await get(`/spine/${city.slug}/elements/col.creative-entrepreneurial`)).body
    expect(other).not.toContain('Opportunities that build it')
    expect(other).not.toContain('Pathways that ask for it')
  })

  it('the badge page shows the learner\'s name only while they share that award with their name on', async () => {
    const page = () => get(`/ob/v2/assertions/${ids.learnerAward}`).then((r) => r.body)
    expect(await page()).toContain('Sam &#60;Harbour&#62;')
    expect((await get(`/ob/v2/assertions/${ids.valid}`)).body).not.toContain('Sam &#60;Harbour&#62;')
    const admin = t.auth(city.cityAdminKey)
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/cities/${city.slug}/learners/${ids.learner}/shares/${ids.share}`, headers: admin })
    expect(revoked.statusCode, revoked.body).toBeLessThan(300)
    expect(await page()).not.toContain('Sam &#60;Harbour&#62;')
    // A share without "show my name" does not show it either.
    expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners/${ids.learner}/shares`, headers: admin, payload: { awardIds: [ids.learnerAward] } }), 201)
    expect(await page()).not.toContain('Sam &#60;Harbour&#62;')
    const named = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners/${ids.learner}/shares`, headers: admin, payload: { awardIds: [ids.learnerAward], showName: true } }), 201)
    expect(await page()).toContain('Sam &#60;Harbour&#62;')
    ids.share = named.id
  })
})

// Rendered pages are kept per instance, keyed by the public content version the database bumps at the commit of any
// change a page shows (migrations/20261130T1500_public_content_version.ts): a kept page never outlives a change.
describe('kept pages never outlive a change', () => {
  it('a revocation, a renamed issuer (API or plain SQL) and new branding show at once on pages served before', async () => {
    const issuer = await setupIssuer(t, city, { name: 'Kept Page Works' })
    const aw = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'kept@example.org' } } }), 201)
    const pages = [`/ob/v2/assertions/${aw.id}`, `/ob/v3/credentials/${aw.id}`, `/ob/v2/issuers/${issuer.org.id}`, `/ob/v2/badges/${issuer.klass.id}`, `/ob/v3/achievements/${issuer.klass.id}`, `/cities/${city.slug}`]
    for (let round = 0; round < 2; round++) {
      for (const url of pages) {
        const res = await get(url)
        expect(res.statusCode, url).toBe(200)
        expect(res.body, url).toContain('Kept Page Works')
      }
    }
    expect(runtime.services.pages.pageCache.size).toBeGreaterThanOrEqual(pages.length)
    // A revocation: the kept badge pages say so on the next request.
    expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${aw.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'kept pages test' } }))
    expect((await get(pages[0]!)).statusCode).toBe(410)
    expect((await get(pages[1]!)).body).toContain('class="status revoked"')
    // A change made behind the service's back (plain SQL) is seen too: the database itself bumps the version.
    await runtime.database.db.updateTable('organisations').set({ name: 'Kept Page Renamed' }).where('id', '=', issuer.org.id).execute()
    for (const url of pages) {
      const body = (await get(url)).body
      expect(body, url).toContain('Kept Page Renamed')
      expect(body, url).not.toContain('Kept Page Works')
    }
    // The city's branding, on every page of the city.
    const admin = t.auth(city.cityAdminKey)
    expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: admin, payload: { name: 'Kept Harbourside' } }))
    for (const url of [...pages, `/spine/${city.slug}`, `/spine/${city.slug}/elements/col.digital`]) expect((await get(url)).body, url).toContain('Kept Harbourside')
    expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: admin, payload: { name: 'Harbourside City of Learning' } }))
    expect((await get(pages[2]!)).body).not.toContain('Kept Harbourside')
  })

  it('a kept badge page turns "expired" at its expiry instant without any change in the database', async () => {
    const issuer = await setupIssuer(t, city, { name: 'Soon Expiring Works' })
    const expires = new Date(Date.now() + 1500)
    const aw = expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'soon@example.org' }, expires: expires.toISOString() } }), 201)
    const before = await get(`/ob/v2/assertions/${aw.id}`)
    if (Date.now() < expires.getTime()) expect(before.body).toContain('<strong>Valid</strong>')
    await new Promise((r) => setTimeout(r, Math.max(0, expires.getTime() - Date.now()) + 50))
    expect((await get(`/ob/v2/assertions/${aw.id}`)).body).toContain('<strong>Expired</strong> since')
  })
})

describe('every page in headless Chromium (1280 and 390 px)', () => {
  warnWithoutChromium('the pages')

  const pagesToCheck = (): Array<[string, string]> => [
    ['home', '/'],
    ['city', `/cities/${city.slug}`],
    ['badge', `/ob/v2/assertions/${ids.valid}`],
    ['badge-revoked', `/ob/v2/assertions/${ids.revoked}`],
    ['badge-expired', `/ob/v2/assertions/${ids.expired}`],
    ['credential', `/ob/v3/credentials/${ids.valid}`],
    ['issuer', `/ob/v2/issuers/${ids.issuer}`],
    ['issuer-v3-verified', `/ob/v3/issuers/${ids.college}`],
    ['badge-class', `/ob/v2/badges/${ids.klass}`],
    ['badge-class-cy', `/ob/v2/badges/${ids.welsh}?lang=cy`],
    ['achievement', `/ob/v3/achievements/${ids.klass}`],
    ['spine', `/spine/${city.slug}`],
    ['element', `/spine/${city.slug}/elements/col.digital`],
    ['grid-cell', `/spine/${city.slug}/grid/participation/skills`],
    ['theme', `/spine/${city.slug}/themes/civic`],
    ['destination', `/spine/${city.slug}/destinations/employment`],
  ]

  for (const width of [1280, 390]) {
    it.skipIf(!haveChromium)(`${width} px: strict CSP holds (no console error), no horizontal scroll, images load; screenshots`, async () => {
      mkdirSync(SHOTS, { recursive: true })
      await withBrowser({ bypassCSP: false, width }, async (page, problems) => {
        for (const [name, url] of pagesToCheck()) {
          const res = await page.goto(`${origin}${url}`)
          expect(res?.headers()['content-type'], url).toMatch(/^text\/html/)
          expect(res?.headers()['content-security-policy'], url).not.toMatch(/unsafe|script-src/)
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true })
          const overflow = await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth - (globalThis as unknown as Win).innerWidth)
          const wide = overflow > 0 ? await page.locator('main *').evaluateAll((els, w) => els.filter((e) => (e as unknown as { getBoundingClientRect (): { right: number } }).getBoundingClientRect().right > w)
            .slice(0, 5).map((e) => (e as unknown as { outerHTML: string }).outerHTML.slice(0, 120)), width) : []
          expect(overflow, `${url} scrolls sideways at ${width}px: ${wide.join(' | ')}`).toBeLessThanOrEqual(0)
          const broken = await page.locator('img').evaluateAll((imgs) => imgs.filter((i) => !(i as { complete: boolean; naturalWidth: number }).naturalWidth).length)
          expect(broken, url).toBe(0)
          // Headers of the levels × dimensions grids never break inside a word ("Demonstra-tion"): a word laid out
          // on two lines has two client rects.
          const split = await page.locator('table.grid th').evaluateAll((ths) => {
            const out: string[] = []
            type Rng = { setStart (n: unknown, o: number): void; setEnd (n: unknown, o: number): void; getClientRects (): { length: number } }
            const doc = (globalThis as unknown as { document: { createRange (): Rng } }).document
            for (const th of ths as unknown as Array<{ childNodes: ArrayLike<{ nodeType: number; textContent: string | null; childNodes: ArrayLike<unknown> }> }>) {
              const walk = (n: { nodeType: number; textContent: string | null; childNodes: ArrayLike<unknown> }): void => {
                if (n.nodeType === 3) {
                  const text = n.textContent ?? ''
                  for (const m of text.matchAll(/\S+/g)) {
                    const r = doc.createRange()
                    r.setStart(n, m.index)
                    r.setEnd(n, m.index + m[0].length)
                    if (r.getClientRects().length > 1) out.push(m[0])
                  }
                } else Array.from(n.childNodes as ArrayLike<typeof n>).forEach(walk)
              }
              Array.from(th.childNodes).forEach(walk)
            }
            return out
          })
          expect(split, `${url} at ${width}px breaks these grid headers inside a word`).toEqual([])
        }
        // A 410 document logs "Failed to load resource" by design: the status is the point. Nothing else may.
        expect(problems.filter((p) => !/status of 410/.test(p))).toEqual([])
      })
    }, BROWSER_TIMEOUT)

    it.skipIf(!haveChromium)(`${width} px: axe finds no serious or critical violation on any page`, async () => {
      await withBrowser({ bypassCSP: true, width }, async (page) => {
        const bad: string[] = []
        for (const [, url] of [...pagesToCheck(), ['verify', '']]) {
          if (url === '') {
            await page.goto(`${origin}/ob/v2/assertions/${ids.valid}`)
            await page.getByRole('button', { name: 'Verify this badge now' }).click()
            await page.waitForLoadState()
          } else {
            await page.goto(`${origin}${url}`)
          }
          bad.push(...await axeViolations(page, url || 'verify report'))
        }
        expect(bad).toEqual([])
      })
    }, BROWSER_TIMEOUT)
  }

  it.skipIf(!haveChromium)('a Welsh page says lang="cy" (Accept-Language or ?lang=), an English one lang="en"', async () => {
    await withBrowser({ bypassCSP: false, width: 390 }, async (page) => {
      await page.setExtraHTTPHeaders({ 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' })
      const res = await page.goto(`${origin}/ob/v3/achievements/${ids.welsh}`)
      expect(res?.headers()['content-language']).toBe('cy')
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('cy')
      expect(await page.locator('h1').innerText()).toBe('Gwneuthurwr Digidol')
      await page.goto(`${origin}/ob/v2/badges/${ids.welsh}?lang=en`)
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en')
    })
  }, BROWSER_TIMEOUT)

  it.skipIf(!haveChromium)('content read in the browser: skills, city, verified mark, revoked first; the verify button works without JavaScript', async () => {
    await withBrowser({ bypassCSP: false, width: 390, javaScript: false }, async (page, problems) => {
      await page.goto(`${origin}/ob/v2/assertions/${ids.valid}`)
      const body = await page.locator('main').innerText()
      for (const s of [skills.digital, skills.creative, 'Participation: Skills', 'Verified by Harbourside City of Learning', 'Harbourside College']) expect(body).toContain(s)
      expect(await page.locator('header.brand').innerText()).toContain('Harbourside City of Learning')
      expect(await page.locator('h1').innerText()).toBe('Digital <script>window.__xss=1</script> Maker')
      await page.getByLabel(/Awarded to/).fill(EMAIL)
      await page.getByRole('button', { name: 'Verify this badge now' }).click()
      await page.waitForURL(/\/verify$/)
      const report = await page.locator('main').innerText()
      expect(report).toContain('Both forms of this badge verified.')
      expect(report).toContain('Passed: It was awarded to the email address you gave.')
      expect(report).toContain('Passed: The issuer has not revoked it.')
      await page.screenshot({ path: path.join(SHOTS, 'verify-390.png'), fullPage: true })

      await page.goto(`${origin}/ob/v2/assertions/${ids.revoked}`)
      const first = await page.locator('main > *').first().innerText()
      expect(first).toMatch(/^Revoked/)
      expect(await page.locator('main').innerText()).not.toMatch(/Expires on/)
      await page.goto(`${origin}/ob/v2/assertions/${ids.expired}`)
      expect(await page.locator('main > *').first().innerText()).toMatch(/^Expired since 1 June 2024/)
      await page.goto(`${origin}/spine/${city.slug}/elements/col.digital`)
      expect(await page.locator('section[aria-labelledby=badges]').innerText()).toMatch(/Level: Participation[\s\S]*Digital <script>window.__xss=1<\/script> Maker[\s\S]*Quayside <Makers> Ltd/)
      await page.goto(`${origin}/cities/${city.slug}`)
      expect(await page.locator('h1').innerText()).toBe('Harbourside City of Learning')
      expect(problems.filter((p) => !/status of 410/.test(p))).toEqual([])
    })
  }, BROWSER_TIMEOUT)
})
