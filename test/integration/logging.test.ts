import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOptions } from '../../src/log.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'

const lines: string[] = []
const sink = new Writable({ write (chunk, _enc, cb) { lines.push(chunk.toString()); cb() } })
let t: TestContext
beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'info' }, runtime: { log: pino(loggerOptions('info'), sink) } })
})
afterAll(async () => { await t?.close() })

describe('logs', () => {
  it('carry request ids and never an API key, a token or an email', async () => {
    const city = await makeCity(t)
    const email = 'Secret.Person@Example.org'
    await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: { ...t.auth(city.cityAdminKey), 'x-request-id': 'log-test-1' }, payload: { name: 'Org', url: 'https://o.example', email } })
    await t.app.inject({ method: 'GET', url: '/v1/cities', headers: { authorization: `Bearer ${t.adminKey}x` } })
    t.runtime.log.info({ email, apiKey: t.adminKey, nested: { token: 'tok-123', email } }, 'explicit object')
    const all = lines.join('')
    expect(all).toContain('"reqId":"log-test-1"')
    expect(all).toContain('explicit object')
    expect(all).not.toContain(t.adminKey)
    expect(all).not.toContain(city.cityAdminKey)
    expect(all.toLowerCase()).not.toContain(email.toLowerCase())
    expect(all).not.toContain('tok-123')
  })
})
