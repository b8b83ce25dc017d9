import { describe, expect, it } from 'vitest'
import { createTestApp, eventually, testConfig, usingPostgres } from '../helpers/app.js'
import { sparePort } from '../helpers/redis-server.js'
import { TcpProxy } from '../helpers/tcp-proxy.js'

// PostgreSQL behind a proxy we can cut: the service answers 503 problems while it is away and recovers by itself.
describe.runIf(usingPostgres())('PostgreSQL outage', () => {
  it('answers 503 with Retry-After while the database is away, and 200 again once it returns', async () => {
    const { config, cleanup } = await testConfig()
    const direct = new URL(config.databaseUrl!)
    const proxy = new TcpProxy(await sparePort(), { host: direct.hostname, port: Number(direct.port || 5432) })
    await proxy.start()
    const viaProxy = new URL(direct)
    viaProxy.port = String(proxy.port)
    const t = await createTestApp({ env: { DATABASE_URL: viaProxy.toString(), KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex') } })
    try {
      expect((await t.app.inject({ method: 'GET', url: '/v1/cities', headers: t.auth() })).statusCode).toBe(200)
      await proxy.stop()
      const down = await t.app.inject({ method: 'GET', url: '/v1/cities', headers: t.auth() })
      expect(down.statusCode).toBe(503)
      expect(down.headers['content-type']).toMatch(/problem\+json/)
      expect(down.headers['retry-after']).toBeDefined()
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json().checks.database.ok).toBe(false)
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200)

      await proxy.start()
      await eventually(async () => (await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200, 20_000, 'ready again')
      expect((await t.app.inject({ method: 'GET', url: '/v1/cities', headers: t.auth() })).statusCode).toBe(200)
    } finally {
      await t.close()
      await proxy.stop()
      await cleanup()
    }
  })
})
