import { randomBytes } from 'node:crypto'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { ConfigError } from '../../src/config.js'
import { createRuntime } from '../../src/runtime.js'
import { makeCity, testConfig, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Issue #14 item 9: a wrong or rotated KEY_ENCRYPTION_KEY at restart. The stored signing keys cannot be opened with
// it: the start stops with a message naming the variable, instead of serving and failing every signature.
describe('KEY_ENCRYPTION_KEY at restart', () => {
  it('a different key stops the start with a clear message; the right key starts and signs again', async () => {
    const { config, cleanup } = await testConfig()
    const start = async (kek: Buffer) => {
      const runtime = await createRuntime({ ...config, keyEncryptionKey: kek }, { log: pino({ level: 'silent' }), inMemory: false, relayIntervalMs: 200, redisPrefix: `cbtest-${randomBytes(4).toString('hex')}` })
      const app = await buildApp(runtime)
      await app.ready()
      const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'kek test' })
      const t = { app, runtime, config, adminKey: token, auth: (key = token) => ({ authorization: `Bearer ${key}` }), close: async () => { await app.close(); await runtime.close() } } satisfies TestContext
      return t
    }
    try {
      const first = await start(config.keyEncryptionKey)
      const city = await makeCity(first)
      const issuer = await setupIssuer(first, city)
      const award = (t: TestContext) => t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'kek@example.org' } } })
      const aw = expectOk(await award(first), 201)
      expect((await first.app.inject({ method: 'GET', url: `/ob/v2/assertions/${aw.id}.jws` })).statusCode).toBe(200)
      await first.close()

      const wrong = await start(randomBytes(32)).then(() => undefined, (err: unknown) => err)
      expect(wrong).toBeInstanceOf(ConfigError)
      expect((wrong as Error).message).toMatch(/KEY_ENCRYPTION_KEY does not open the signing keys stored in this database/)

      const again = await start(config.keyEncryptionKey)
      try {
        expectOk(await award(again), 201)
      } finally {
        await again.close()
      }
    } finally {
      await cleanup()
    }
  })
})
