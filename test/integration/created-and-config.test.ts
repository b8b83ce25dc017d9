import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, loadEnvFileIfPresent } from '../../src/config.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { classBody, expectOk, orgBody, setupIssuer } from '../helpers/badges.js'

// Issue #14 item 7: Location on creates, the spine's framework name, a stable CASE export, safe defaults.
let t: TestContext
beforeAll(async () => { t = await createTestApp() })
afterAll(async () => { await t?.close() })

describe('Location on every create points at the management resource', () => {
  it('cities, organisations, badge classes, awards, endorsements, themes, destinations and spine elements', async () => {
    const slug = `loc${Date.now().toString(36)}`
    const created = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug, name: 'Location City' } })
    const city = { slug, cityAdminKey: (await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'loc', cityId: expectOk(created, 201).id })).token }
    const check = async (res: Awaited<ReturnType<TestContext['app']['inject']>>, key: string, field = 'id') => {
      const body = expectOk(res, 201)
      const location = res.headers.location as string
      expect(location, res.body).toBeDefined()
      const back = await t.app.inject({ method: 'GET', url: location, headers: t.auth(key) })
      expect(back.statusCode, `${location}: ${back.body}`).toBe(200)
      expect(back.json()[field]).toBe(body[field])
      return body
    }
    await check(created, t.adminKey, 'slug')
    const admin = city.cityAdminKey
    const base = `/v1/cities/${slug}`
    const endorser = await check(await t.app.inject({ method: 'POST', url: `${base}/organisations`, headers: t.auth(admin), payload: orgBody('Located') }), admin)
    const { org, issuerKey, klass } = await setupIssuer(t, city)
    const award = await t.app.inject({ method: 'POST', url: `${base}/awards`, headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { type: 'email', identity: 'loc@example.org' } } })
    await check(award, issuerKey)
    await check(await t.app.inject({ method: 'POST', url: `${base}/endorsements`, headers: t.auth(admin), payload: { organisationId: endorser.id, subject: { type: 'badge-class', id: klass.id }, comment: 'Good' } }), admin)
    await check(await t.app.inject({ method: 'POST', url: `${base}/themes`, headers: t.auth(admin), payload: { code: 'sector.located', kind: 'sector', title: 'Located' } }), admin, 'code')
    await check(await t.app.inject({ method: 'POST', url: `${base}/destinations`, headers: t.auth(admin), payload: { code: 'employment.located', kind: 'employment', title: 'Located' } }), admin, 'code')
    await check(await t.app.inject({ method: 'POST', url: `${base}/spine/elements`, headers: t.auth(admin), payload: { code: 'city.located', layer: 'city', title: 'Located' } }), admin, 'code')
    await check(await t.app.inject({ method: 'POST', url: `${base}/badge-classes`, headers: t.auth(issuerKey), payload: classBody(org.id) }), issuerKey)
  })
})

describe('the skills spine as a framework', () => {
  it('names a city already called "… City of Learning" once, and exports CASE with the spine’s own last change (stable ETag)', async () => {
    const slug = `col${Date.now().toString(36)}`
    expectOk(await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug, name: 'Demo City of Learning' } }), 201)
    const url = `/v1/cities/${slug}/spine/case`
    const first = await t.app.inject({ method: 'GET', url, headers: t.auth() })
    const pkg = expectOk(first)
    expect(pkg.CFDocument.title).toBe('Demo City of Learning skills spine')
    await new Promise((r) => setTimeout(r, 20))
    const second = await t.app.inject({ method: 'GET', url, headers: t.auth() })
    expect(second.json().CFDocument.lastChangeDateTime).toBe(pkg.CFDocument.lastChangeDateTime)
    expect(second.headers.etag).toBe(first.headers.etag)
    expect((await t.app.inject({ method: 'GET', url, headers: { ...t.auth(), 'if-none-match': first.headers.etag as string } })).statusCode).toBe(304)
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${slug}/spine/elements`, headers: t.auth(), payload: { code: 'city.new', layer: 'city', title: 'New' } }), 201)
    const third = await t.app.inject({ method: 'GET', url, headers: t.auth() })
    expect(Date.parse(third.json().CFDocument.lastChangeDateTime)).toBeGreaterThan(Date.parse(pkg.CFDocument.lastChangeDateTime))
    expect(third.headers.etag).not.toBe(first.headers.etag)
    const other = await makeCity(t)
    const named = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${other.slug}/spine/case`, headers: t.auth() }))
    expect(named.CFDocument.title).toBe(`City ${other.slug} City of Learning skills spine`)
  })
})

describe('configuration defaults', () => {
  const key = 'a'.repeat(64)
  it('binds loopback unless HOST says otherwise', () => {
    expect(loadConfig({ KEY_ENCRYPTION_KEY: key }).host).toBe('127.0.0.1')
    expect(loadConfig({ KEY_ENCRYPTION_KEY: key, HOST: '0.0.0.0' }).host).toBe('0.0.0.0')
  })

  it('loads a .env file when present; the environment wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-env-'))
    try {
      const file = path.join(dir, '.env')
      expect(loadEnvFileIfPresent(file)).toBe(false)
      process.env.CB_TEST_SET_ALREADY = 'from-env'
      writeFileSync(file, 'CB_TEST_FROM_FILE=from-file\nCB_TEST_SET_ALREADY=from-file\n')
      expect(loadEnvFileIfPresent(file)).toBe(true)
      expect(process.env.CB_TEST_FROM_FILE).toBe('from-file')
      expect(process.env.CB_TEST_SET_ALREADY).toBe('from-env')
    } finally {
      delete process.env.CB_TEST_FROM_FILE
      delete process.env.CB_TEST_SET_ALREADY
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
