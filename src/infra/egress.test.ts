import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEgress, EgressError, isPublicAddress } from './egress.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

async function listen(host: string, handler: Handler): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, resolve)
  })
  return { server, base: `http://${host}:${(server.address() as AddressInfo).port}` }
}

async function failure(promise: Promise<unknown>): Promise<EgressError> {
  const err = await promise.then(
    () => new Error('expected the fetch to fail'),
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(EgressError)
  return err as EgressError
}

let main: { server: http.Server; base: string }
let second: { server: http.Server; base: string }
const timers = new Set<NodeJS.Timeout>()

beforeAll(async () => {
  second = await listen('127.0.0.2', (_req, res) => res.end('second'))
  main = await listen('127.0.0.1', (req, res) => {
    const path = req.url ?? '/'
    if (path === '/json') {
      res.setHeader('content-type', 'application/ld+json')
      res.setHeader('x-seen-accept', req.headers.accept ?? '')
      res.end(JSON.stringify({ ok: 'ü', ua: req.headers['user-agent'] }))
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' }).end()
    } else if (path.startsWith('/chain/')) {
      const n = Number(path.slice(7))
      res.writeHead(301, { location: n > 0 ? `/chain/${n - 1}` : '/json' }).end()
    } else if (path === '/to-second') {
      res.writeHead(302, { location: `${second.base}/` }).end()
    } else if (path === '/to-https') {
      res.writeHead(302, { location: 'ftp://example.org/x' }).end()
    } else if (path === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const t = setInterval(() => res.write('x'), 20)
      timers.add(t)
      res.on('close', () => clearInterval(t))
    } else if (path === '/silent') {
      // never answers
    } else if (path === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(16 * 1024, 0x61)
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    } else if (path === '/declared-big') {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) })
      res.write('x')
    } else {
      res.writeHead(404).end('nope')
    }
  })
})

afterAll(async () => {
  for (const t of timers) clearInterval(t)
  for (const { server } of [main, second]) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

const localOnly = (ip: string): boolean => ip === '127.0.0.1'
const httpHosts = ['127.0.0.1', '127.0.0.2', 'localhost']

describe('createEgress against real local servers', () => {
  it('refuses loopback under the default address policy even when http is allowed for the host', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts })
    expect((await failure(egress.fetch(`${main.base}/json`))).code).toBe('blocked_address')
  })

  it('refuses a name that resolves to loopback at connect time (localhost), as "not reachable"', async () => {
    const egress = createEgress()
    const port = new URL(main.base).port
    const err = await failure(egress.fetch(`http://localhost:${port}/json`))
    expect([err.code, err.message]).toEqual(['unreachable', 'localhost is not reachable'])
  })

  it('DNS rebinding: an address judged public when the name was looked up but not by the time the socket is connected is refused before a byte is sent', async () => {
    // The two checks disagree, as when a name is rebound between lookup and connect (or any path that dials an
    // address the lookup did not vet): the policy allows the loopback address once (the lookup), never again.
    const seen: string[] = []
    const target = await listen('127.0.0.1', (req, res) => { seen.push(req.url ?? ''); res.end('secret') })
    try {
      let calls = 0
      const rebinding = createEgress({ allowAddresses: (ip) => ip === '127.0.0.1' && ++calls === 1 })
      const err = await failure(rebinding.fetch(`http://localhost:${new URL(target.base).port}/internal`))
      expect([err.code, err.message]).toEqual(['unreachable', 'localhost is not reachable'])
      expect(calls).toBeGreaterThanOrEqual(2) // the connected address was checked too
      await new Promise((r) => setTimeout(r, 100))
      expect(seen).toEqual([]) // no request reached the listener
    } finally {
      target.server.closeAllConnections()
      await new Promise((resolve) => target.server.close(resolve))
    }
  })

  it('gives a name resolving to a private address and an unreachable one the same outcome (no oracle)', async () => {
    const probe = await listen('127.0.0.1', () => undefined)
    await new Promise((resolve) => probe.server.close(resolve))
    const port = new URL(probe.base).port
    // "localhost" resolves to loopback (refused by policy at connect time); the same name with everything allowed
    // dials a closed port; a name under .invalid never resolves. All three: one code, one message shape.
    const privateName = await failure(createEgress().fetch(`http://localhost:${port}/`))
    const closedPort = await failure(createEgress({ allowAddresses: () => true }).fetch(`http://localhost:${port}/`))
    const noName = await failure(createEgress().fetch('http://no-such-host.invalid/'))
    expect([privateName.code, privateName.message]).toEqual([closedPort.code, closedPort.message])
    expect([noName.code, noName.message]).toEqual(['unreachable', 'no-such-host.invalid is not reachable'])
  })

  it('allows plain http to a public address by default (the policy is about addresses, not the scheme)', async () => {
    const publicLoopback = createEgress({ allowAddresses: localOnly }) // stands in for a public http-only issuer
    expect((await publicLoopback.fetch(`${main.base}/json`)).status).toBe(200)
    const strict = createEgress({ httpsOnly: true, allowAddresses: localOnly })
    expect((await failure(strict.fetch(`${main.base}/json`))).code).toBe('bad_scheme')
    const listed = createEgress({ httpsOnly: true, allowHttpHosts: httpHosts, allowAddresses: localOnly })
    expect((await listed.fetch(`${main.base}/json`)).status).toBe(200)
  })

  it('fetches, sends Accept and User-Agent, and reports status, headers and body', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, userAgent: 'test-agent' })
    const res = await egress.fetch(`${main.base}/json`, { accept: 'application/ld+json' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/ld+json')
    expect(res.headers['x-seen-accept']).toBe('application/ld+json')
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ ok: 'ü', ua: 'test-agent' })
    expect(res.finalUrl).toBe(`${main.base}/json`)
  })

  it('returns non-2xx responses as they are', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly })
    const res = await egress.fetch(`${main.base}/missing`)
    expect([res.status, res.body.toString()]).toEqual([404, 'nope'])
  })

  it('follows up to maxRedirects redirects and reports the final URL', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, maxRedirects: 5 })
    const res = await egress.fetch(`${main.base}/chain/4`) // 5 redirects
    expect(res.status).toBe(200)
    expect(res.finalUrl).toBe(`${main.base}/json`)
    expect((await failure(egress.fetch(`${main.base}/chain/5`))).code).toBe('too_many_redirects')
  })

  it('fails a redirect loop with too_many_redirects', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly })
    expect((await failure(egress.fetch(`${main.base}/loop`))).code).toBe('too_many_redirects')
  })

  it('re-checks every redirect target: a hop to another loopback address is blocked', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly })
    // The second server answers when asked directly (with a policy that admits it) ...
    const open = createEgress({ allowHttpHosts: httpHosts, allowAddresses: (ip) => ip.startsWith('127.') })
    expect((await open.fetch(`${second.base}/`)).body.toString()).toBe('second')
    // ... but our policy refuses it as a redirect target.
    expect((await failure(egress.fetch(`${main.base}/to-second`))).code).toBe('blocked_address')
  })

  it('refuses a redirect to a scheme other than https', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly })
    expect((await failure(egress.fetch(`${main.base}/to-https`))).code).toBe('bad_scheme')
  })

  it('times out a body that trickles forever within the total deadline', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, timeoutMs: 300 })
    const started = performance.now()
    expect((await failure(egress.fetch(`${main.base}/trickle`))).code).toBe('timeout')
    const elapsed = performance.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(2000)
  })

  it('times out a server that never sends headers', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, timeoutMs: 200 })
    expect((await failure(egress.fetch(`${main.base}/silent`))).code).toBe('timeout')
  })

  it('fails an endless fast body with too_large', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, maxBytes: 100_000, timeoutMs: 5000 })
    expect((await failure(egress.fetch(`${main.base}/endless`))).code).toBe('too_large')
  })

  it('fails early on a declared Content-Length above maxBytes', async () => {
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly, maxBytes: 1000 })
    expect((await failure(egress.fetch(`${main.base}/declared-big`))).code).toBe('too_large')
  })

  it('maps a refused connection to unreachable', async () => {
    const probe = await listen('127.0.0.1', () => undefined)
    await new Promise((resolve) => probe.server.close(resolve))
    const egress = createEgress({ allowHttpHosts: httpHosts, allowAddresses: localOnly })
    expect((await failure(egress.fetch(`${probe.base}/`))).code).toBe('unreachable')
  })
})

describe('createEgress POST connections (webhook deliveries)', () => {
  it('reuses one kept-alive connection for a run of POSTs to one receiver', async () => {
    const sockets = new Set<unknown>()
    const r = await listen('127.0.0.1', (req, res) => { sockets.add(req.socket); req.resume(); req.on('end', () => res.writeHead(204).end()) })
    try {
      const egress = createEgress({ allowPrivateHosts: [new URL(r.base).host] })
      for (let i = 0; i < 20; i++) expect((await egress.post(`${r.base}/hook`, { headers: {}, body: `{"n":${i}}` })).status).toBe(204)
      expect(sockets.size).toBe(1)
    } finally {
      r.server.closeAllConnections()
      r.server.close()
    }
  })

  it('sends again on a new connection when the receiver closed the idle one (no failed attempt)', async () => {
    // The receiver drops a kept-alive connection as the next request arrives on it (the race of a receiver closing
    // an idle connection just as we reuse it): nothing was answered, so that request must go again on a new one.
    let seen = 0
    const uses = new WeakMap<object, number>()
    const r = await listen('127.0.0.1', (req, res) => {
      const n = (uses.get(req.socket) ?? 0) + 1
      uses.set(req.socket, n)
      if (n > 1) { req.socket.destroy(); return }
      req.resume()
      req.on('end', () => { seen++; res.writeHead(204).end() })
    })
    try {
      const egress = createEgress({ allowPrivateHosts: [new URL(r.base).host] })
      for (let i = 0; i < 5; i++) {
        expect((await egress.post(`${r.base}/hook`, { headers: {}, body: '{}' })).status).toBe(204)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(seen).toBe(5)
    } finally {
      r.server.closeAllConnections()
      r.server.close()
    }
  })

  it('still refuses a loopback receiver that is not allow-listed, pooled or not', async () => {
    const r = await listen('127.0.0.1', (req, res) => { req.resume(); req.on('end', () => res.writeHead(204).end()) })
    try {
      const allowed = createEgress({ allowPrivateHosts: [new URL(r.base).host] })
      expect((await allowed.post(`${r.base}/hook`, { headers: {}, body: '{}' })).status).toBe(204)
      const strict = createEgress()
      expect((await failure(strict.post(`${r.base}/hook`, { headers: {}, body: '{}' }))).code).toBe('blocked_address')
    } finally {
      r.server.closeAllConnections()
      r.server.close()
    }
  })
})

describe('createEgress URL checks (no connection is made)', () => {
  const egress = createEgress()
  it.each([
    ['not a url', 'bad_url'],
    ['/relative/path', 'bad_url'],
    ['https://user:pw@example.org/', 'bad_url'],
    ['ftp://example.org/', 'bad_scheme'],
    ['http://127.0.0.1/', 'blocked_address'],
    ['http://[fe80::1]/', 'blocked_address'],
    ['http://10.0.0.1/', 'blocked_address'],
    ['file:///etc/passwd', 'bad_scheme'],
    ['https://127.0.0.1/', 'blocked_address'],
    ['https://[::1]/', 'blocked_address'],
    ['https://[::ffff:10.0.0.1]/', 'blocked_address'],
    ['https://169.254.169.254/latest/meta-data/', 'blocked_address'],
    ['https://0x7f.1/', 'blocked_address'], // WHATWG URL normalises to 127.0.0.1
    ['https://2130706433/', 'blocked_address'], // = 127.0.0.1
  ])('%s => %s', async (url, code) => {
    expect((await failure(egress.fetch(url))).code).toBe(code)
  })
})

describe('createEgress with httpsOnly', () => {
  it('refuses plain http without a connection', async () => {
    expect((await failure(createEgress({ httpsOnly: true }).fetch('http://example.org/'))).code).toBe('bad_scheme')
  })
})

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['93.184.216.34', true],
    ['100.63.255.255', true],
    ['100.128.0.0', true],
    ['172.15.255.255', true],
    ['172.32.0.0', true],
    ['0.0.0.0', false],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['169.254.169.254', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['255.255.255.255', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['2606:4700:4700::1111', true],
    ['2001:4860:4860::8888', true],
    ['::', false],
    ['::1', false],
    ['fc00::1', false],
    ['fd12:3456:789a::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['febf::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:192.168.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::10.0.0.1', false],
    ['64:ff9b::8.8.8.8', true],
    ['2002:0a00:0001::1', false], // 6to4 of 10.0.0.1
    ['2002:0808:0808::1', true], // 6to4 of 8.8.8.8
    ['::127.0.0.1', false], // IPv4-compatible (deprecated)
    ['localhost', false],
    ['example.org', false],
    ['', false],
    ['1.2.3', false],
  ])('%s => %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected)
  })
})
