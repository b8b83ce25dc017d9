import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { AssertionView } from '../../src/domain/credentials/ob2-public.js'
import { encodePngChunk } from '../../src/ob/bake/png.js'
import { ASSERTION_PAGE_CSP, renderAssertionPage, renderMarkdown, sendAssertionPage } from '../../src/routes/assertion-page.js'
import { createRuntime, type Runtime } from '../../src/runtime.js'
import { makeCity, testConfig, type TestContext } from '../helpers/app.js'
import { setupIssuer } from '../helpers/badges.js'

const CHROMIUM = '/usr/bin/chromium'
const require = createRequire(import.meta.url)
// What the callbacks of page.evaluate see in the browser (the project compiles without the DOM lib).
type Img = { complete: boolean; naturalWidth: number }
type Win = { __xss?: number; axe?: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null; help: string }> }> }; getComputedStyle: (el: unknown) => { fontWeight: string } }
const BASE = 'https://badges.test' // PUBLIC_URL of testConfig
const EMAIL = 'secret.learner@example.org'
const HASH = 'sha256$0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'
const SALT = 'salt-9c1e7b'

function tinyPng (): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    encodePngChunk('IHDR', ihdr), encodePngChunk('IDAT', deflateSync(Buffer.from([0, 0x0b, 0x4f, 0x9c, 0xff]))), encodePngChunk('IEND', new Uint8Array()),
  ])
}

function makeView (over: { status?: AssertionView['status']; name?: string; revocationReason?: string } = {}): AssertionView {
  const id = '7d3c1f0e-0000-4000-8000-000000000001'
  const a = `${BASE}/__test/assertions/${id}`
  const org = { id: 'org-1', name: 'City Library <Makers>', url: 'https://library.example.org', email: 'hello@library.example.org', kind: 'library', verified: true, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }
  const view = {
    award: {
      id, badgeClassId: 'bc-1', organisationId: 'org-1',
      // A stray plain identity must never reach the page, even if a caller forgets to strip it.
      recipient: { type: 'email', hashed: true, identity: HASH, salt: SALT, plainIdentity: EMAIL },
      evidence: [
        { url: 'https://portfolio.example.org/robot', name: 'Line-following robot', description: 'Video & code', narrative: 'Built with **two** sensors.' },
        { url: 'javascript:alert(1)', name: 'Sneaky evidence' },
      ],
      narrative: 'Awarded after the _summer_ workshop.',
      issuedOn: '2025-03-14T10:00:00.000Z',
      expires: over.status === 'expired' ? '2025-06-01T00:00:00.000Z' : '2027-03-14T10:00:00.000Z',
      revoked: over.status === 'revoked',
      ...(over.status === 'revoked' ? { revokedAt: '2025-04-01T00:00:00.000Z', revocationReason: over.revocationReason ?? 'issued in error' } : {}),
      createdAt: '2025-03-14T10:00:00.000Z',
      links: {
        assertion: a, assertionImage: `${a}/image`, signedAssertion: `${a}.jws`, signedAssertionImage: `${a}/image?form=signed`,
        badgeClass: `${BASE}/ob/v2/badges/bc-1`, issuer: `${BASE}/ob/v2/issuers/org-1`, revocationList: `${BASE}/ob/v2/issuers/org-1/revocations`, signingKey: `${BASE}/ob/v2/issuers/org-1/keys/k1`,
      },
    },
    badgeClass: {
      id: 'bc-1', familyId: 'bc-1', version: 1, organisationId: 'org-1', status: 'approved', name: over.name ?? 'Robot Maker',
      description: 'Designs and builds a simple robot.',
      image: `${BASE}/__test/badge.png`,
      criteria: { narrative: 'Learners:\n\n- build a robot\n- explain *how* it works\n\nSee [the guide](https://library.example.org/guide) or [this](javascript:alert(2)).\n\n<img src=x onerror=alert(3)>', url: 'https://library.example.org/criteria' },
      tags: ['robotics', 'stem'],
      alignments: [{ targetName: 'Digital making L2', targetUrl: 'https://spine.example.org/dm/2', targetFramework: 'City Spine', targetCode: 'DM.2', targetDescription: 'Makes digital things' }],
      expiry: { kind: 'none' },
      language: 'en',
      createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
      links: { badgeClass: `${BASE}/ob/v2/badges/bc-1`, image: `${BASE}/__test/badge.png`, issuer: `${BASE}/ob/v2/issuers/org-1` },
    },
    organisation: org,
    endorsements: [{
      id: 'e-1', organisationId: 'org-2', subject: { type: 'award', id }, comment: 'Great *work*.', issuedOn: '2025-03-20T00:00:00.000Z', createdAt: '2025-03-20T00:00:00.000Z',
      links: { endorsement: `${BASE}/ob/v2/endorsements/e-1`, subject: a, issuer: `${BASE}/ob/v2/issuers/org-2` },
      endorser: { ...org, id: 'org-2', name: 'Tech Council' },
    }],
    status: over.status ?? 'valid',
    links: {} as AssertionView['links'],
  }
  view.links = view.award.links as AssertionView['links']
  return view as unknown as AssertionView
}

describe('renderAssertionPage (no browser)', () => {
  it('escapes every value: a badge name with <script> is text', () => {
    const html = renderAssertionPage(makeView({ name: '<script>window.__xss=1</script>"><img src=x onerror=alert(1)>' }))
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img src=x/i)
    expect(html).toContain('&#60;script&#62;window.__xss=1&#60;/script&#62;')
    expect(html).toContain('City Library &#60;Makers&#62;')
  })

  it('never shows the recipient: no identity, hash or salt', () => {
    const html = renderAssertionPage(makeView())
    for (const secret of [EMAIL, HASH, HASH.slice(7), SALT, 'secret.learner']) expect(html).not.toContain(secret)
  })

  it('shows name, description, issuer, dates, criteria, evidence, endorsements, alignments, downloads and LinkedIn', () => {
    const html = renderAssertionPage(makeView())
    for (const text of ['Robot Maker', 'Designs and builds a simple robot.', 'City Library &#60;Makers&#62;', '14 March 2025', '14 March 2027',
      'Line-following robot', 'Tech Council', 'Digital making L2', 'City Spine DM.2', 'Badge image with the assertion baked in', 'Signed assertion (JWS)',
      'Assertion (Open Badges 2.0 JSON)', 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&#38;name=Robot+Maker']) {
      expect(html).toContain(text)
    }
    expect(html).toContain('<span class="status valid">Valid</span>')
    expect(html).toContain('certUrl=https%3A%2F%2Fbadges.test%2F__test%2Fassertions%2F')
    expect(html).toContain('src="/__test/badge.png"') // own URL made root-relative: loads from 'self'
    expect(html).not.toMatch(/href="(?!https?:|\/|data:,")/) // javascript: links stay text
  })

  it('revoked shows the reason and offers no downloads; expired says so', () => {
    const revoked = renderAssertionPage(makeView({ status: 'revoked', revocationReason: 'awarded to <the wrong person>' }))
    expect(revoked).toContain('<span class="status revoked">Revoked</span>')
    expect(revoked).toContain('Reason: awarded to &#60;the wrong person&#62;')
    expect(revoked).not.toContain('linkedin.com')
    expect(revoked).not.toContain('Signed assertion (JWS)')
    const expired = renderAssertionPage(makeView({ status: 'expired' }))
    expect(expired).toContain('<span class="status expired">Expired</span> on <time datetime="2025-06-01T00:00:00.000Z">1 June 2025</time>')
  })

  it('markdown: paragraphs, lists, emphasis and http(s) links only; everything else escaped', () => {
    expect(renderMarkdown('a **b** *c* _d_ [e](https://x.example/?q=1&r=2)')).toBe(
      '<p>a <strong>b</strong> <em>c</em> <em>d</em> <a href="https://x.example/?q=1&#38;r=2">e</a></p>')
    expect(renderMarkdown('- one\n- two\n\n1. first\n2) second')).toBe('<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>')
    expect(renderMarkdown('[x](javascript:alert(1)) [y](data:text/html,hi) <b onclick="z">&amp;')).toBe(
      '<p>[x](javascript:alert(1)) [y](data:text/html,hi) &#60;b onclick=&#34;z&#34;&#62;&#38;amp;</p>')
    expect(renderMarkdown('[**a** *b*](https://x.example)')).toBe('<p><a href="https://x.example/"><strong>a</strong> <em>b</em></a></p>')
    expect(renderMarkdown('**a *b** c*')).not.toMatch(/<em>[^<]*<\/strong>/) // never misnested tags
    expect(renderMarkdown('line one\nline two')).toBe('<p>line one<br>line two</p>')
  })
})

describe('the page in headless Chromium', () => {
  const haveChromium = existsSync(CHROMIUM)
  if (!haveChromium) console.warn(`\n*** WARNING: ${CHROMIUM} is missing: the browser checks of the assertion page are SKIPPED (apt-get install chromium) ***\n`)

  let app: FastifyInstance
  let runtime: Runtime
  let cleanup: () => Promise<void>
  let origin = ''
  let real: { hosted: string; revoked: string; email: string }
  const views = new Map<string, AssertionView>([['valid', makeView()], ['revoked', makeView({ status: 'revoked' })], ['expired', makeView({ status: 'expired' })],
    ['xss', makeView({ name: '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">' })]])

  beforeAll(async () => {
    if (!haveChromium) return
    const made = await testConfig()
    cleanup = made.cleanup
    runtime = await createRuntime(made.config, { log: pino({ level: 'silent' }), inMemory: !made.config.databaseUrl, redisPrefix: `cbtest-page-${process.pid}` })
    // The real app (helmet, CORS, ETags, problem handler...) plus two test-only routes that serve rendered views.
    app = await buildApp(runtime)
    app.get('/__test/assertions/:kind', async (req, reply) => sendAssertionPage(reply, views.get((req.params as { kind: string }).kind)!))
    app.get('/__test/badge.png', async (_req, reply) => reply.type('image/png').send(tinyPng()))
    origin = await app.listen({ port: 0, host: '127.0.0.1' })

    // A real award through the API, for the real route GET /ob/v2/assertions/{id} (engineer E's, negotiated to HTML).
    const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'page test admin' })
    const t = { app, runtime, auth: (key = token) => ({ authorization: `Bearer ${key}` }) } as unknown as TestContext
    const city = await makeCity(t)
    const issuer = await setupIssuer(t, city, { name: 'Harbourside <College>', klass: { name: 'Digital <script>window.__xss=1</script> Maker' } })
    const email = 'page.learner@example.org'
    const award = async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: email }, evidence: [{ url: 'https://portfolio.example.org/1', narrative: 'A *robot*.' }] } })
      expect(res.statusCode, res.body).toBe(201)
      return res.json() as { id: string; links: { assertion: string } }
    }
    const hosted = await award()
    const revoked = await award()
    const rv = await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${revoked.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'awarded by mistake' } })
    expect(rv.statusCode, rv.body).toBeLessThan(300)
    real = { hosted: new URL(hosted.links.assertion).pathname, revoked: new URL(revoked.links.assertion).pathname, email }
  })
  afterAll(async () => {
    await app?.close()
    await runtime?.close()
    await cleanup?.()
  })

  async function withBrowser<T> (bypassCSP: boolean, fn: (page: Page, problems: string[]) => Promise<T>): Promise<T> {
    const { chromium } = await import('playwright-core')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-chromium-'))
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      bypassCSP,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const page = context.pages()[0] ?? await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`) })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
      return await fn(page, problems)
    } finally {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it.skipIf(!haveChromium)('renders under its strict CSP with no console errors; styles and the image load; <script> in a name stays text', async () => {
    await withBrowser(false, async (page, problems) => {
      for (const kind of ['valid', 'revoked', 'expired', 'xss']) {
        const res = await page.goto(`${origin}/__test/assertions/${kind}`)
        expect(res?.status()).toBe(200)
        expect(res?.headers()['content-security-policy']).toBe(ASSERTION_PAGE_CSP)
        const h1 = await page.locator('h1').innerText()
        expect(h1.length).toBeGreaterThan(0)
        // The hashed style block applied (a wrong hash would leave the status badge unstyled and log a CSP error).
        expect(await page.locator('.status').evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).fontWeight)).toBe('700')
        expect(await page.locator('header img').evaluate((img: unknown) => (img as Img).complete && (img as Img).naturalWidth)).toBe(1)
        if (kind === 'xss') {
          expect(h1).toContain('<script>window.__xss=1</script>')
          expect(await page.evaluate(() => (globalThis as unknown as Win).__xss)).toBeUndefined()
        }
        if (kind === 'revoked') expect(await page.locator('main').innerText()).toContain('Reason: issued in error')
      }
      expect(problems).toEqual([])
    })
  })

  it.skipIf(!haveChromium)('the real assertion URL, asked for text/html by a browser, gives the page: no console errors, no recipient, revoked says why', async () => {
    await withBrowser(false, async (page, problems) => {
      const res = await page.goto(`${origin}${real.hosted}`)
      expect(res?.status()).toBe(200)
      expect(res?.headers()['content-type']).toMatch(/^text\/html/)
      expect(res?.headers()['content-security-policy']).toBe(ASSERTION_PAGE_CSP)
      expect(res?.headers().vary).toMatch(/accept/i)
      expect(await page.locator('h1').innerText()).toBe('Digital <script>window.__xss=1</script> Maker')
      expect(await page.evaluate(() => (globalThis as unknown as Win).__xss)).toBeUndefined()
      expect(await page.locator('header img').evaluate((img: unknown) => (img as Img).complete && (img as Img).naturalWidth > 0)).toBe(true)
      const html = await page.content()
      expect(html).not.toContain(real.email)
      expect(html).not.toContain('page.learner')
      expect(await page.locator('main').innerText()).toContain('Valid')
      const gone = await page.goto(`${origin}${real.revoked}`)
      expect(gone?.status()).toBe(410)
      expect(await page.locator('main').innerText()).toContain('Reason: awarded by mistake')
      // A 410 document logs "Failed to load resource" by design: the status is the point. Nothing else may.
      expect(problems.filter((p) => !/status of 410/.test(p))).toEqual([])
      // The CSP admits no script at all: even an injected one does not run.
      await page.goto(`${origin}${real.hosted}`)
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') }).catch(() => {})
      expect(await page.evaluate(() => typeof (globalThis as unknown as Win).axe)).toBe('undefined')
    })
    // JSON clients still get JSON at the same URL.
    const json = await app.inject({ method: 'GET', url: real.hosted, headers: { accept: 'application/ld+json, application/json' } })
    expect(json.headers['content-type']).toMatch(/^application\/ld\+json/)
    // The page's "download JSON" link works from a browser (which always asks for text/html first).
    const link = await app.inject({ method: 'GET', url: `${real.hosted}?format=json`, headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } })
    expect(link.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(link.json().id).toBe(`https://badges.test${real.hosted}`)
  })

  it.skipIf(!haveChromium)('axe-core finds no serious or critical accessibility violation', async () => {
    await withBrowser(true, async (page) => {
      for (const url of [...['valid', 'revoked', 'expired'].map((k) => `/__test/assertions/${k}`), real.hosted, real.revoked]) {
        await page.goto(`${origin}${url}`)
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
        const result = await page.evaluate(async () => (globalThis as unknown as Win).axe!.run())
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help}`)
        expect(bad, url).toEqual([])
      }
    })
  })
})
