import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { createRuntime, type Runtime } from '../../src/runtime.js'
import { SHARE_PAGE_CSP } from '../../src/routes/share-page.js'
import { makeCity, embeddedSnapshot, testConfig, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import { axeViolations, haveChromium, warnWithoutChromium, withBrowser } from '../helpers/browser.js'

// The public share page (issue #8 item 6) in headless Chromium, with axe-core, like the assertion page.
type Img = { complete: boolean; naturalWidth: number }
type Win = { __xss?: number }

describe('the share page in headless Chromium', () => {
  warnWithoutChromium('the share page')
  let app: FastifyInstance
  let runtime: Runtime
  let cleanup: () => Promise<void>
  let origin = ''
  const pages: Record<string, string> = {}
  let learnerId = ''

  beforeAll(async () => {
    const made = await testConfig()
    cleanup = made.cleanup
    runtime = await createRuntime(made.config, { log: pino({ level: 'silent' }), inMemory: !made.config.databaseUrl, embeddedSnapshot: embeddedSnapshot(), redisPrefix: `cbtest-share-${process.pid}` })
    app = await buildApp(runtime)
    origin = await app.listen({ port: 0, host: '127.0.0.1' })
    const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'share page admin' })
    const t = { app, runtime, auth: (key = token) => ({ authorization: `Bearer ${key}` }) } as unknown as TestContext
    const city = await makeCity(t)
    expectOk(await app.inject({ method: 'PUT', url: `/v1/cities/${city.slug}/learner-settings`, headers: t.auth(city.cityAdminKey), payload: { learnerNames: true } }))
    const issuer = await setupIssuer(t, city, { name: 'Harbourside <College>', klass: { name: 'Digital <script>window.__xss=1</script> Maker' } })
    const L = `/v1/cities/${city.slug}/learners`
    const learner = expectOk(await app.inject({ method: 'POST', url: L, headers: t.auth(city.cityAdminKey), payload: { ageBand: '19-24', displayName: 'Alex Example', identifiers: [{ type: 'email', value: 'alex.page@example.org', verified: true }] } }), 201)
    learnerId = learner.id
    const award = async () => expectOk(await app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: learner.id } } }), 201).id as string
    const ids = [await award(), await award()]
    const share = async (body: Record<string, unknown>) => new URL(expectOk(await app.inject({ method: 'POST', url: `${L}/${learner.id as string}/shares`, headers: t.auth(city.cityAdminKey), payload: body }), 201).url as string).pathname
    pages.named = await share({ awardIds: ids, showName: true })
    pages.anonymous = await share({ awardIds: ids })
    const c = expectOk(await app.inject({ method: 'POST', url: `${L}/${learner.id as string}/collections`, headers: t.auth(city.cityAdminKey), payload: { name: 'My making', awardIds: [ids[1]] } }), 201)
    pages.collection = await share({ collectionId: c.id })
  }, 300_000) // a first embedded start and the seeding, on a busy machine
  afterAll(async () => {
    await app?.close()
    await runtime?.close()
    await cleanup?.()
  })

  it.skipIf(!haveChromium)('renders under its strict CSP with images, no console errors, the name only when chosen, no identity', async () => {
    await withBrowser({}, async (page, problems) => {
      for (const [kind, url] of Object.entries(pages)) {
        const res = await page.goto(`${origin}${url}`)
        expect(res?.status(), kind).toBe(200)
        expect(res?.headers()['content-security-policy']).toBe(SHARE_PAGE_CSP)
        expect(res?.headers()['content-type']).toMatch(/^text\/html/)
        const h1 = await page.locator('h1').innerText()
        if (kind === 'named') expect(h1).toBe('Shared badges — Alex Example')
        else expect(h1).not.toContain('Alex')
        if (kind === 'collection') expect(h1).toBe('My making')
        const images = await page.locator('li.badge img').evaluateAll((imgs: unknown[]) => imgs.map((i) => (i as Img).complete && (i as Img).naturalWidth > 0))
        expect(images.length).toBe(kind === 'collection' ? 1 : 2)
        expect(images.every(Boolean)).toBe(true)
        expect(await page.locator('h2').first().innerText()).toBe('Digital <script>window.__xss=1</script> Maker')
        expect(await page.evaluate(() => (globalThis as unknown as Win).__xss)).toBeUndefined()
        const html = await page.content()
        expect(html).not.toContain('alex.page')
        expect(html).not.toContain(learnerId)
        if (kind === 'named') await page.screenshot({ path: path.join(os.tmpdir(), 'citybadges-share-page.png'), fullPage: true })
      }
      expect(problems).toEqual([])
    })
  })

  it.skipIf(!haveChromium)('axe-core finds no serious or critical accessibility violation', async () => {
    await withBrowser({ bypassCSP: true }, async (page) => {
      for (const url of Object.values(pages)) {
        await page.goto(`${origin}${url}`)
        expect(await axeViolations(page), url).toEqual([])
      }
    })
  })

  it('answers JSON-LD to machines and 406 to what it cannot give', async () => {
    const ld = await app.inject({ method: 'GET', url: pages.named!, headers: { accept: 'application/ld+json' } })
    expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(ld.json()).toMatchObject({ '@context': 'https://schema.org', '@type': 'ItemList', numberOfItems: 2, author: { '@type': 'Person', name: 'Alex Example' } })
    expect(ld.headers['cache-control']).toBe('private, no-store')
    const anon = await app.inject({ method: 'GET', url: pages.anonymous!, headers: { accept: 'application/ld+json' } })
    expect(anon.json().author).toBeUndefined()
    expect((await app.inject({ method: 'GET', url: pages.named!, headers: { accept: 'image/png' } })).statusCode).toBe(406)
  })
})
