import { createServer, type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DIST, recordFigures, seedTenant, sleep, sparePort, startStack, type Stack, type Tenant } from './lib.js'
import { fromSchema, operations, send } from './openapi.js'
import type * as Egress from '../src/infra/egress.js'

// Item 6 of #15: every URL the service can be made to fetch, pointed at a listener of this test, in every notation of
// a local address. The listener counts TCP connections: it must count none.
let s: Stack
let t: Tenant
let listener: Server
let redirector: Server
let port: number
const connections: string[] = []

beforeAll(async () => {
  port = await sparePort()
  listener = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}') })
  listener.on('connection', (sock) => { connections.push(`${sock.remoteAddress} -> ${sock.localAddress}:${port}`) })
  // '::' with dual stack: IPv4, IPv6 and IPv4-mapped connections to any local address all land here.
  await new Promise<void>((resolve) => listener.listen(port, '::', resolve))
  // Operators who allow http for their own hosts must still not open a door to loopback.
  s = await startStack({ servers: 1, workers: 1, env: { EGRESS_ALLOW_HTTP_HOSTS: '127.0.0.1,localhost,::1,::,0.0.0.0,::ffff:7f00:1,::7f00:1,::ffff:0:0,localhost.,ip6-localhost' } })
  t = await seedTenant(s.url(), s.adminKey, 'egress')
})
afterAll(async () => {
  await s?.close()
  listener?.close()
  redirector?.close()
})

/** The listener's address in every notation we know. */
function inward (): string[] {
  const hosts = [
    '127.0.0.1', '127.1', '127.0.1', '2130706433', '0x7f000001', '0x7f.0x0.0x0.0x1', '0177.0.0.1', '0177.0000.0000.0001', '127.000.000.001',
    '0', '0.0.0.0', '0x0', '127.255.255.254', 'localhost', 'localhost.', 'LOCALHOST', 'ip6-localhost',
    '[::1]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:127.0.0.1]', '[::]', '[::127.0.0.1]',
    '[::ffff:0.0.0.0]', '[0000::1]', '[::1%25lo]', '127.0.0.1.', 'user:pass@127.0.0.1',
  ]
  // The machine's own addresses (private ranges), as a neighbour would try.
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) hosts.push(a.family === 'IPv6' ? `[${a.address.replace('%', '%25')}]` : a.address)
  }
  const urls: string[] = []
  for (const h of [...new Set(hosts)]) for (const scheme of ['http', 'https']) urls.push(`${scheme}://${h}:${port}/x`)
  return urls
}

function didWebs (): string[] {
  return [`did:web:127.0.0.1%3A${port}`, `did:web:localhost%3A${port}`, `did:web:%5B%3A%3A1%5D%3A${port}`, `did:web:127.0.0.1%3A${port}:issuers:x`, `did:web:2130706433%3A${port}`]
}

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')

/** verify bodies that make the service fetch `u`: hosted assertions, contexts, issuers, keys, status lists, JWT headers. */
function verifyBodies (u: string, did: string): unknown[] {
  const credential = (over: Record<string, unknown>) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000', type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: u, type: ['Profile'], name: 'x' },
    validFrom: '2026-01-01T00:00:00Z', credentialSubject: { type: ['AchievementSubject'], achievement: { id: u, type: ['Achievement'], name: 'x', criteria: { narrative: 'x' } } },
    credentialStatus: { id: `${u}#1`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: u },
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', proofPurpose: 'assertionMethod', verificationMethod: `${u}#key`, proofValue: 'z' + '1'.repeat(87) },
    ...over,
  })
  return [
    { url: u },
    { assertion: { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: u, recipient: { type: 'email', hashed: false, identity: 'a@b.org' }, badge: u, verification: { type: 'hosted' }, issuedOn: '2026-01-01T00:00:00Z' } },
    { assertion: { '@context': u, type: 'Assertion', id: u, badge: u, verification: { type: 'signed', creator: u } } },
    { jws: `${b64({ alg: 'RS256', jku: u, kid: u })}.${b64({ '@context': 'https://w3id.org/openbadges/v2', id: u, badge: u, verification: { type: 'signed', creator: u } })}.AAAA` },
    { credential: credential({}) },
    { credential: credential({ '@context': ['https://www.w3.org/ns/credentials/v2', u] }) },
    { credential: credential({ issuer: did, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${did}#key-1`, proofValue: 'z' + '1'.repeat(87) } }) },
    { credential: credential({ '@context': ['https://www.w3.org/ns/credentials/v2', { '@context': u }, { '@import': u }] }) },
    { jwt: `${b64({ alg: 'EdDSA', kid: `${u}#k`, jku: u, x5u: u })}.${b64({ iss: u, vc: credential({}) })}.AAAA` },
    { jwt: `${b64({ alg: 'ES256', kid: `${did}#key-1` })}.${b64({ iss: did, vc: credential({ issuer: did }) })}.AAAA` },
  ]
}

it('reaches no local address: verify (hosted URLs, contexts, issuers, keys, did:web, jku/kid, status lists) and every URL field of the API', async () => {
  const urls = inward()
  const dids = didWebs()
  let requests = 0
  const statuses: Record<string, number> = {}
  const bad: string[] = []
  const post = async (p: string, key: string | undefined, body: unknown): Promise<void> => {
    const a = await send(s.url(), { op: p, method: 'POST', path: p, headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) }, 30_000)
    requests++
    statuses[a.status] = (statuses[a.status] ?? 0) + 1
    if (a.status >= 500 || a.status === 0) bad.push(`${p} ${a.status} ${a.body.slice(0, 200)}`)
  }
  let i = 0
  for (const u of urls) {
    for (const body of verifyBodies(u, dids[i++ % dids.length]!)) await post('/v1/verify', undefined, body)
  }
  // Every string field that names a URL, in every operation that takes a body (webhooks, feeds and images included
  // as soon as they exist): schema-shaped bodies with that field pointed inward, with the platform admin's key.
  const keys = [s.adminKey, t.cityAdminKey, t.issuerKey]
  let urlFields = 0
  for (const op of operations()) {
    const schema = op.body?.['application/json']
    if (!schema?.properties || op.id === 'verify') continue
    const fields = findUrlFields(schema)
    if (fields.length === 0) continue
    const p = op.path.replace('{city}', t.slug).replace(/\{[^}]+\}/g, t.orgId)
    for (const field of fields) {
      urlFields++
      const bases = fc.sample(fromSchema(schema, { organisationId: [t.orgId], badgeClassId: [t.classId] }), { seed: 15, numRuns: 3 })
      for (const [j, u] of urls.filter((_, k) => k % 3 === 0).entries()) {
        const body = setPath(structuredClone(bases[j % bases.length]) as Record<string, unknown>, field, u)
        await post(p, keys[j % keys.length], body)
      }
    }
  }
  // A badge class whose image is an inward URL (fetched, if ever, when baking).
  for (const u of urls.slice(0, 6)) {
    await post(`/v1/cities/${t.slug}/badge-classes`, t.issuerKey, { organisationId: t.orgId, name: 'x', description: 'x', image: u, criteria: { narrative: 'x' }, spine: { elements: ['col.digital'], level: 'participation', dimensions: ['skills'] } })
  }
  await sleep(3_000) // jobs triggered by the requests (deliveries, fetches) have run
  expect(statuses['429'] ?? 0, 'requests refused by a rate limit (they prove nothing)').toBe(0)
  recordFigures('6-egress', { listenerPort: port, inwardUrls: urls.length, didWeb: dids.length, requests, urlFields, statuses, connections: connections.length, over500: bad.length })
  expect(connections, 'connections that reached the test listener').toEqual([])
  expect(bad, 'answers >= 500').toEqual([])
})

function findUrlFields (schema: any, prefix: string[] = []): string[][] {
  const out: string[][] = []
  for (const [k, v] of Object.entries<any>(schema?.properties ?? {})) {
    if (/url|uri|image|webhook|callback|feed|endpoint|href|link/i.test(k) || v?.format === 'uri') out.push([...prefix, k])
    if (v?.type === 'object') out.push(...findUrlFields(v, [...prefix, k]))
  }
  return out
}

function setPath (o: Record<string, unknown>, p: string[], v: unknown): Record<string, unknown> {
  const root = o && typeof o === 'object' ? o : {}
  let cur: Record<string, unknown> = root
  p.forEach((k, i) => {
    if (i === p.length - 1) cur[k] = v
    else {
      if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {}
      cur = cur[k] as Record<string, unknown>
    }
  })
  return root
}

it('follows no redirect inward (the compiled egress client: a redirector it may reach sends it to the listener)', async () => {
  const { createEgress } = await import(path.join(DIST, 'src/infra/egress.js')) as typeof Egress
  const rport = await sparePort()
  const targets = inward().filter((u) => u.startsWith('http://'))
  let hop = 0
  redirector = createServer((req, res) => {
    const to = req.url === '/chain' ? `http://127.0.0.2:${rport}/x${hop++}` : targets[Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'))] ?? targets[0]!
    res.writeHead(req.url === '/chain' ? 301 : 302, { location: to })
    res.end()
  })
  await new Promise<void>((resolve) => redirector.listen(rport, '127.0.0.2', resolve))
  // The redirector (127.0.0.2) is the only address allowed: what the redirect points to must be re-checked.
  const egress = createEgress({ allowHttpHosts: ['127.0.0.2', '127.0.0.1', 'localhost', 'localhost.', '::1', '::', '0.0.0.0', '::ffff:7f00:1', '::7f00:1', '::ffff:0:0', 'ip6-localhost'], allowAddresses: (ip: string) => ip === '127.0.0.2', timeoutMs: 3_000 })
  const before = connections.length
  const outcomes: Record<string, number> = {}
  for (let i = 0; i < targets.length; i++) {
    try {
      await egress.fetch(`http://127.0.0.2:${rport}/r?i=${i}`)
      outcomes.fetched = (outcomes.fetched ?? 0) + 1
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'error'
      outcomes[code] = (outcomes[code] ?? 0) + 1
    }
  }
  recordFigures('6-egress-redirects', { redirects: targets.length, outcomes, connections: connections.length - before })
  expect(connections.length - before, 'connections that reached the listener through a redirect').toBe(0)
})
