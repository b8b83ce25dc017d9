import { mkdirSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { createRuntime, type Runtime } from '../../src/runtime.js'
import { makeCity, embeddedSnapshot, testConfig, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'
import { ALL_SCOPES, basic, learnerWithToken, pkce, registration, type Client } from '../helpers/wallet.js'
import { axeViolations, haveChromium, withBrowser } from '../helpers/browser.js'

// Issue #13: the learner's sign-in and consent pages in headless Chromium, on a real listening server in development
// mode (OAUTH_DEV_MODE: a wallet on http://127.0.0.1 may register). With JavaScript off and the strict CSP on, the
// whole authorization works by plain forms and ends at the wallet with a code that exchanges for tokens; axe finds no
// serious or critical violation on either page at 1280 and 390 px. Screenshots in SHOTS.

const SHOTS = process.env.PAGES_SCREENSHOTS ?? path.join(os.tmpdir(), 'citybadges-pages')

let app: FastifyInstance
let runtime: Runtime
let cleanup: () => Promise<void>
let origin = ''
let t: TestContext
let learner: { id: string; token: string }
let client: Client

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

beforeAll(async () => {
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  const made = await testConfig({ PUBLIC_URL: origin, OAUTH_DEV_MODE: 'true' })
  cleanup = made.cleanup
  runtime = await createRuntime(made.config, { log: pino({ level: 'silent' }), inMemory: !made.config.databaseUrl, embeddedSnapshot: embeddedSnapshot(), redisPrefix: `cbtest-consent-${process.pid}` })
  app = await buildApp(runtime)
  await app.listen({ port, host: '127.0.0.1' })
  const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'consent test admin' })
  t = { app, runtime, auth: (key = token) => ({ authorization: `Bearer ${key}` }) } as unknown as TestContext
  const city = await makeCity(t)
  expectOk(await app.inject({ method: 'PATCH', url: `/v1/cities/${city.slug}/branding`, headers: t.auth(city.cityAdminKey), payload: { name: 'Harbourside City of Learning' } }))
  learner = await learnerWithToken(t, city)
  client = expectOk(await app.inject({ method: 'POST', url: '/oauth/reg', payload: registration({ client_name: 'Pocket <Wallet>', redirect_uris: [`${origin}/wallet-callback`] }) }), 201)
})
afterAll(async () => {
  await app?.close()
  await runtime?.close()
  await cleanup?.()
})

describe('registration in development mode', () => {
  it('admits http redirect URIs on loopback addresses only', async () => {
    expect(client.redirect_uris).toEqual([`${origin}/wallet-callback`])
    const res = await app.inject({ method: 'POST', url: '/oauth/reg', payload: registration({ redirect_uris: ['http://wallet.example.org/cb'] }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toBe('invalid_redirect_uri')
  })
})

describe('the sign-in and consent pages in headless Chromium', () => {
  /** The shared browser, plus every answer of 400 or more (the flow's expected 401/404s are checked by name). */
  const withAnswers = <T>(opts: { bypassCSP: boolean; javaScript: boolean; width: number }, fn: (page: Page, problems: string[]) => Promise<T>): Promise<T> =>
    withBrowser(opts, async (page, problems) => {
      page.on('response', (r) => { if (r.status() >= 400) problems.push(`answer ${r.status()}: ${new URL(r.url()).pathname}`) })
      return fn(page, problems)
    })

  const authorizeUrl = (challenge: string, state: string) => {
    const q = new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: `${origin}/wallet-callback`, scope: ALL_SCOPES, state, code_challenge: challenge, code_challenge_method: 'S256' })
    return `${origin}/oauth/auth?${q.toString()}`
  }

  it.skipIf(!haveChromium)('without JavaScript, under the strict CSP: sign in, see the client and the scopes, allow; the code exchanges for tokens', async () => {
    mkdirSync(SHOTS, { recursive: true })
    await withAnswers({ bypassCSP: false, javaScript: false, width: 1280 }, async (page, problems) => {
      const { verifier, challenge } = pkce()
      const first = await page.goto(authorizeUrl(challenge, 'browser-1'))
      expect(page.url()).toMatch(/\/oauth\/interaction\/[A-Za-z0-9_-]+$/)
      expect(first?.headers()['content-security-policy']).not.toMatch(/unsafe|script-src/)
      await page.screenshot({ path: path.join(SHOTS, 'oauth-login-1280.png'), fullPage: true })
      await page.getByLabel('Sign-in code from your city\'s app').fill('cblt_wrong')
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.getByRole('alert').textContent()).resolves.toContain('unknown or has expired')
      await page.getByLabel('Sign-in code from your city\'s app').fill(learner.token)
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Allow Pocket <Wallet> to use your badges?')
      const text = await page.locator('main').innerText()
      expect(text).toContain('Signed in through Harbourside City of Learning')
      expect(text).toContain('wallet.example.org')
      for (const words of ['See your badges', 'Add badges to your backpack', 'See your profile', 'Change your display name']) expect(text).toContain(words)
      await page.screenshot({ path: path.join(SHOTS, 'oauth-consent-1280.png'), fullPage: true })
      await page.getByRole('button', { name: 'Allow' }).click()
      await page.waitForURL(/\/wallet-callback\?/)
      const back = new URL(page.url())
      expect(back.searchParams.get('state')).toBe('browser-1')
      const code = back.searchParams.get('code')!
      expect(code).toBeTruthy()
      const tokens = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) }, payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${origin}/wallet-callback`, code_verifier: verifier }).toString() })
      expect(tokens.statusCode, tokens.body).toBe(200)
      expect(tokens.json().scope.split(' ').sort()).toEqual(ALL_SCOPES.split(' ').sort())
      // The wrong sign-in code answered 401 by design, and there is no wallet at the callback (404, and the browser
      // then asks for /favicon.ico); nothing else may show up.
      const expected = (p: string) => /status of 40[14]/.test(p) || /^answer 401: \/oauth\/interaction\/[^/]+\/login$/.test(p) || p === 'answer 404: /favicon.ico' || p === 'answer 404: /wallet-callback'
      // (Whether Chromium also logs a console line for each of those answers, and asks for /favicon.ico at all, varies
      // from run to run: only unexpected problems are counted.)
      expect(problems.filter((p) => !expected(p))).toEqual([])
    })
  })

  for (const width of [1280, 390]) {
    it.skipIf(!haveChromium)(`${width} px: axe finds no serious or critical violation on the sign-in and consent pages`, async () => {
      await withBrowser({ bypassCSP: true, javaScript: true, width }, async (page) => {
        const bad: string[] = []
        const check = async (name: string) => {
          bad.push(...await axeViolations(page, name))
        }
        await page.goto(authorizeUrl(pkce().challenge, `axe-${width}`))
        await check('sign-in')
        await page.getByLabel('Sign-in code from your city\'s app').fill(learner.token)
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.getByRole('button', { name: 'Allow' }).waitFor()
        await check('consent')
        if (width === 390) await page.screenshot({ path: path.join(SHOTS, 'oauth-consent-390.png'), fullPage: true })
        await page.getByRole('button', { name: 'Deny' }).click()
        await page.waitForURL(/\/wallet-callback\?/)
        expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied')
        expect(bad).toEqual([])
      })
    })
  }
})
