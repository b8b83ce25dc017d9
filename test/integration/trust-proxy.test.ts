import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { createTestApp, type TestContext } from '../helpers/app.js'

// Issue #14 item 9: rate limiting behind a proxy. The per-address limit of POST /v1/verify (2 a minute here) is keyed
// by the client's address: from X-Forwarded-For only when the connection comes from a proxy named in TRUST_PROXY.
const verify = (t: TestContext, forwardedFor: string | undefined, remoteAddress = '127.0.0.1') => t.app.inject({
  method: 'POST', url: '/v1/verify', remoteAddress, payload: { jwt: 'x.y.z' },
  headers: forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {},
})
const statuses = async (t: TestContext, n: number, forwardedFor: string | undefined, remoteAddress?: string) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await verify(t, forwardedFor, remoteAddress)).statusCode)
  return out
}

describe('TRUST_PROXY', () => {
  let plain: TestContext
  let proxied: TestContext
  beforeAll(async () => {
    plain = await createTestApp({ env: { VERIFY_RATE_LIMIT_PER_MINUTE: '2' } })
    proxied = await createTestApp({ env: { VERIFY_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' } })
  })
  afterAll(async () => {
    await plain?.close()
    await proxied?.close()
  })

  it('by default X-Forwarded-For is ignored: a client cannot get a fresh limit by inventing an address', async () => {
    expect(await statuses(plain, 3, '203.0.113.1')).toEqual([200, 200, 429])
    expect(await statuses(plain, 1, '203.0.113.2')).toEqual([429]) // same peer, same bucket
  })

  it('behind a trusted proxy each real client has its own limit; an untrusted peer\'s header is still ignored', async () => {
    expect(await statuses(proxied, 3, '203.0.113.1')).toEqual([200, 200, 429])
    expect(await statuses(proxied, 1, '203.0.113.3')).toEqual([200]) // another client through the same proxy
    expect(await statuses(proxied, 2, '203.0.113.2', '10.1.2.3')).toEqual([200, 200]) // another client via another trusted proxy
    expect(await statuses(proxied, 1, '198.51.100.9, 203.0.113.2', '10.1.2.3')).toEqual([429]) // the right-most untrusted hop is the client
    // A peer that is no proxy of ours: its header counts for nothing; it is limited by its own address.
    expect(await statuses(proxied, 3, '203.0.113.77', '192.0.2.50')).toEqual([200, 200, 429])
    expect(await statuses(proxied, 1, '203.0.113.78', '192.0.2.50')).toEqual([429])
  })

  it('reads a list, a hop count or nothing, and refuses true and nonsense clearly', () => {
    const env = { PUBLIC_URL: 'https://x.test', KEY_ENCRYPTION_KEY: 'a'.repeat(64), DATA_DIR: '/tmp' }
    expect(loadConfig(env).trustProxy).toBe(false)
    expect(loadConfig({ ...env, TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ ...env, TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1'])
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '0']) {
      expect(() => loadConfig({ ...env, TRUST_PROXY: bad }), bad).toThrow(ConfigError)
      expect(() => loadConfig({ ...env, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/)
    }
  })
})
