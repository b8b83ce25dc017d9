import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync } from 'node:zlib'
import { CompactSign, exportJWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVerifyService } from '../../src/domain/verify/verify.js'
import { isPublicAddress } from '../../src/infra/egress.js'
import { bakePng, encodePngChunk } from '../../src/ob/bake/png.js'
import { bakeSvg } from '../../src/ob/bake/svg.js'
import { buildAssertion, buildBadgeClass, buildCryptographicKey, buildIdentityObject, buildProfile } from '../../src/ob/v2/documents.js'
import { signAssertion } from '../../src/ob/v2/jws.js'
import { buildOpenBadgeCredential } from '../../src/ob/v3/documents.js'
import { signDataIntegrity } from '../../src/ob/v3/data-integrity.js'
import { signCredentialJwt } from '../../src/ob/v3/jwt.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519 } from '../../src/ob/v3/multikey.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { setupIssuer } from '../helpers/badges.js'

// Remote issuers are played by a local server on 127.0.0.2, which the egress client may reach only because the test
// runtime injects `allowAddresses` (127.0.0.2 + public) and plain http is allowed by default. 127.0.0.1, private and
// link-local addresses stay blocked, and a trap server on 127.0.0.1 proves nothing ever reaches them.

const HOST = '127.0.0.2'
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
const routes = new Map<string, Handler>()
let remote: http.Server
let trap: http.Server
let trapHits = 0
let base = ''
let trapUrl = ''
let t: TestContext

const json = (body: unknown, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/ld+json' }).end(JSON.stringify(body))
}
const serve = (path: string, h: Handler): void => { routes.set(path, h) }

function listen (server: http.Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)))
}

/** A 1×1 PNG, built here so the test needs no fixture files. */
function tinyPng (): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    encodePngChunk('IHDR', ihdr), encodePngChunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0, 0]))), encodePngChunk('IEND', new Uint8Array()),
  ])
}
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'

function multipart (parts: Array<{ name: string; value: Buffer | string; filename?: string; type?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----citybadges-test-boundary'
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/verify', payload: payload as string, headers: { 'content-type': 'application/json', ...headers }, remoteAddress: '198.51.100.10' })
const upload = (file: Buffer | string, extra: Array<{ name: string; value: string }> = []) => {
  const { payload, headers } = multipart([{ name: 'file', value: file, filename: 'badge', type: 'application/octet-stream' }, ...extra])
  return t.app.inject({ method: 'POST', url: '/v1/verify', payload, headers, remoteAddress: '198.51.100.11' })
}
type Report = { verified: boolean; format: string; checks: Array<{ id: string; valid: boolean; code?: string; message?: string }>; assertion?: any; credential?: any }
const report = (res: { statusCode: number; body: string; json: () => unknown }): Report => {
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Report
}
const failed = (r: Report) => r.checks.filter((c) => !c.valid)

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const EMAIL = 'learner@example.org'
let docs: { issuer: string; badge: string; hosted: string; revoked: string; expired: string; key: string; signed: Record<string, unknown> }

beforeAll(async () => {
  remote = http.createServer((req, res) => {
    const h = routes.get((req.url ?? '/').split('?')[0]!)
    if (h) h(req, res)
    else res.writeHead(404).end()
  })
  trap = http.createServer((_req, res) => { trapHits++; res.end('{}') })
  base = await listen(remote, HOST)
  trapUrl = await listen(trap, '127.0.0.1')
  // No EGRESS_ALLOW_HTTP_HOSTS: plain http to a (here: admitted) public address is allowed by default (issue #14 item 7).
  t = await createTestApp({
    runtime: { egress: { allowAddresses: (ip) => ip === HOST || isPublicAddress(ip), timeoutMs: 1500 } },
  })

  const issuer = `${base}/issuer`
  const badge = `${base}/badge`
  const key = `${base}/key`
  docs = { issuer, badge, key, hosted: `${base}/a/hosted`, revoked: `${base}/a/revoked`, expired: `${base}/a/expired`, signed: {} }
  serve('/issuer', json(buildProfile({ id: issuer, name: 'Remote Library', url: base, email: 'hello@example.org', publicKey: [key] })))
  serve('/badge', json(buildBadgeClass({ id: badge, name: 'Maker', description: 'Makes things', image: `${base}/badge.png`, criteria: { narrative: 'Make a thing.' }, issuer })))
  serve('/key', json(buildCryptographicKey({ id: key, owner: issuer, publicKey: rsa.publicKey })))
  const recipient = buildIdentityObject('email', EMAIL, { salt: 'pepper' })
  const hosted = { ...buildAssertion({ id: docs.hosted, badge, recipient, issuedOn: new Date('2025-01-01T00:00:00Z'), verification: { type: 'HostedBadge' } }), 'extensions:note': { kept: ['every', 'field'] } }
  serve('/a/hosted', json(hosted))
  serve('/a/revoked', json({ '@context': 'https://w3id.org/openbadges/v2', id: docs.revoked, revoked: true, revocationReason: 'issued in error' }, 410))
  serve('/a/expired', json(buildAssertion({ id: docs.expired, badge, recipient, issuedOn: new Date('2024-01-01T00:00:00Z'), expires: new Date('2024-06-01T00:00:00Z'), verification: { type: 'HostedBadge' } })))
  docs.signed = buildAssertion({ id: 'urn:uuid:4a2b7f0e-0000-4000-8000-000000000001', badge, recipient, issuedOn: new Date('2025-01-01T00:00:00Z'), verification: { type: 'SignedBadge', creator: key } })

  // Hostile remotes.
  serve('/to-loopback', (_req, res) => res.writeHead(302, { location: `${trapUrl}/x` }).end())
  serve('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end())
  serve('/slow', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write('{"a":"')
    const timer = setInterval(() => res.write('x'), 100)
    res.on('close', () => clearInterval(timer))
  })
  serve('/huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(`{"a":"${'x'.repeat(1_200_000)}"}`)
  })
})

afterAll(async () => {
  await t?.close()
  remote?.closeAllConnections()
  remote?.close()
  trap?.close()
})

describe('POST /v1/verify: OB 2.0', () => {
  it('is public: a hosted assertion URL verifies without an API key, with named checks and every field of the documents', async () => {
    const r = report(await post({ url: docs.hosted, recipient: { type: 'email', identity: EMAIL } }))
    expect(failed(r)).toEqual([])
    expect(r.verified).toBe(true)
    expect(r.format).toBe('ob2-hosted')
    const ids = new Set(r.checks.map((c) => c.id))
    for (const id of ['hosting', 'structure', 'origin', 'revocation', 'recipient']) expect(ids).toContain(id)
    expect(r.assertion['extensions:note']).toEqual({ kept: ['every', 'field'] }) // no response schema stripped it
  })

  it('the assertion JSON verifies against its hosted copy; a wrong recipient is a failed check, not an error', async () => {
    const hosted = await (await fetch(docs.hosted)).json()
    expect(report(await post({ assertion: hosted })).verified).toBe(true)
    const r = report(await post({ assertion: hosted, recipient: { identity: 'someone-else@example.org' } }))
    expect(r.verified).toBe(false)
    expect(failed(r)).toEqual([expect.objectContaining({ id: 'recipient', code: 'recipient_mismatch' })])
  })

  it('revoked (410 with reason) and expired badges are 200 reports that say so', async () => {
    const revoked = report(await post({ url: docs.revoked }))
    expect(revoked.verified).toBe(false)
    expect(failed(revoked)).toEqual([expect.objectContaining({ id: 'revocation', code: 'revoked', message: expect.stringContaining('issued in error') })])
    const expired = report(await post({ url: docs.expired }))
    expect(failed(expired)).toEqual([expect.objectContaining({ id: 'expiry', code: 'expired' })])
  })

  it('a signed assertion (RS256 JWS) verifies with the key bound to the issuer; as text, in a baked PNG and a baked SVG', async () => {
    const jws = await signAssertion(docs.signed, rsa.privateKey)
    const r = report(await post({ jws, recipient: { type: 'email', identity: EMAIL } }))
    expect(failed(r)).toEqual([])
    expect(r.format).toBe('ob2-signed')
    expect(r.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['signature', 'key', 'revocation', 'recipient']))
    expect(report(await post({ assertion: jws })).verified).toBe(true)
    const png = Buffer.from(bakePng(tinyPng(), 'openbadges', jws))
    const fromPng = report(await upload(png, [{ name: 'recipient', value: EMAIL }]))
    expect(failed(fromPng)).toEqual([])
    expect(fromPng.checks.some((c) => c.id === 'recipient' && c.valid)).toBe(true)
    const svg = bakeSvg(SVG, { version: 2, signed: { jws } })
    expect(report(await upload(svg)).verified).toBe(true)
  })

  it('a baked hosted SVG verifies through the hosted copy', async () => {
    const hosted = await (await fetch(docs.hosted)).text()
    const svg = bakeSvg(SVG, { version: 2, hosted: { url: docs.hosted, json: hosted } })
    const r = report(await upload(svg))
    expect(r.format).toBe('ob2-hosted')
    expect(r.verified).toBe(true)
  })
})

describe('POST /v1/verify: OB 3.0 is routed to verifyOb3', () => {
  it('a VC-JWT (ES256, kid published under the issuer) verifies, as { jwt }, { jws } and baked (iTXt openbadgecredential)', async () => {
    const issuer = `${base}/ob3/issuer`
    const kid = `${issuer}/jwks/k1`
    serve('/ob3/issuer/jwks/k1', json({ ...(await exportJWK(ec.publicKey)), kid, alg: 'ES256' }))
    const credential = buildOpenBadgeCredential({
      id: 'urn:uuid:4a2b7f0e-0000-4000-8000-0000000000b3',
      name: 'Maker',
      issuer: { id: issuer, name: 'Remote Library' },
      validFrom: new Date('2025-01-02T03:04:05Z'),
      subject: { id: 'did:example:learner-1' },
      achievement: { id: `${base}/ob3/achievements/1`, name: 'Maker', description: 'Makes things', criteria: { narrative: 'Make a thing.' } },
    })
    const jwt = await signCredentialJwt(credential, { alg: 'ES256', privateKey: ec.privateKey, kid })
    const r = report(await post({ jwt }))
    expect(r.format).toBe('ob3-jwt')
    expect(failed(r)).toEqual([])
    expect(report(await post({ jws: jwt })).format).toBe('ob3-jwt') // decided by content, not by field
    const baked = report(await upload(Buffer.from(bakePng(tinyPng(), 'openbadgecredential', jwt))))
    expect(baked.format).toBe('ob3-jwt')
    expect(baked.verified).toBe(true)
    const svg = report(await upload(bakeSvg(SVG, { version: 3, jws: jwt })))
    expect(svg.verified).toBe(true)
  })

  it('a Data Integrity credential (eddsa-rdfc-2022, did:key issuer) verifies as { credential }; a tampered copy does not', async () => {
    const ed = generateEd25519()
    const did = didKeyFromPublicKey(ed.publicKey)
    const unsigned = buildOpenBadgeCredential({
      id: 'urn:uuid:4a2b7f0e-0000-4000-8000-0000000000d1',
      name: 'Maker',
      issuer: { id: did, name: 'Remote Library' },
      validFrom: new Date('2025-01-02T03:04:05Z'),
      subject: { id: 'did:example:learner-1' },
      achievement: { id: 'urn:uuid:4a2b7f0e-0000-4000-8000-0000000000a1', name: 'Maker', description: 'Makes things', criteria: { narrative: 'Make a thing.' } },
    })
    const sample = await signDataIntegrity(unsigned, { privateKey: ed.privateKey, verificationMethod: didKeyVerificationMethod(ed.publicKey), created: new Date('2025-01-02T03:04:05Z') }) as Record<string, unknown>
    const r = report(await post({ credential: sample }))
    expect(r.format).toBe('ob3-di')
    expect(failed(r)).toEqual([])
    expect(r.credential).toEqual(sample) // echoed untouched
    const tampered = report(await post({ credential: { ...sample, name: `${String(sample.name)} (edited)` } }))
    expect(tampered.verified).toBe(false)
    expect(tampered.checks.find((c) => c.id === 'proof')?.valid).toBe(false)
  })
})

describe('POST /v1/verify: bad input is a 4xx or a failed check, never a 5xx or a hang', () => {
  it('garbage bodies and malformed requests are 400 problems', async () => {
    for (const payload of ['{"url": ', '[]', '{}', JSON.stringify({ url: docs.hosted, jws: 'a.b.c' }), JSON.stringify({ nope: 1 }), JSON.stringify({ url: docs.hosted, recipient: { identity: '' } })]) {
      const res = await post(payload)
      expect(res.statusCode, payload).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    expect((await post('x', { 'content-type': 'text/csv' })).statusCode).toBe(415)
    expect((await post({ url: docs.hosted }, { accept: 'text/html' })).statusCode).toBe(406)
  })

  it('garbage inside a well-formed request is a failed structure check', async () => {
    for (const assertion of ['garbage', 42, '{not json', ['a'], null]) {
      const r = report(await post({ assertion }))
      expect(r.verified).toBe(false)
      expect(failed(r).length).toBeGreaterThan(0)
    }
  })

  it('JSON nested absurdly deep is refused before verifying; bodies over 2 MB are 413', async () => {
    const deep = `{"assertion":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`
    const res = await post(deep)
    expect(res.statusCode).toBe(400)
    expect(res.json().detail).toMatch(/nested deeper than 64/)
    expect((await post(`{"credential":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).statusCode).toBe(400)
    expect((await post({ assertion: 'x'.repeat(2_200_000) })).statusCode).toBe(413)
  })

  it('uploads: garbage, an unbaked image and a truncated PNG are failed checks; a file over 2 MB is a 413', async () => {
    const notImage = report(await upload(Buffer.from('hello, I am not a picture')))
    expect(failed(notImage)).toEqual([expect.objectContaining({ id: 'structure', code: 'not_an_image' })])
    expect(failed(report(await upload(tinyPng())))).toEqual([expect.objectContaining({ code: 'not_baked' })])
    expect(failed(report(await upload(SVG)))).toEqual([expect.objectContaining({ code: 'not_baked' })])
    const baked = Buffer.from(bakePng(tinyPng(), 'openbadges', await signAssertion(docs.signed, rsa.privateKey)))
    const truncated = report(await upload(baked.subarray(0, baked.length - 30)))
    expect(failed(truncated)).toEqual([expect.objectContaining({ id: 'structure', code: expect.stringMatching(/truncated|bad_structure|bad_chunk/) })])
    expect((await upload(Buffer.alloc(2 * 1024 * 1024 + 10))).statusCode).toBe(413)
    const noFile = multipart([{ name: 'recipient', value: EMAIL }])
    expect((await t.app.inject({ method: 'POST', url: '/v1/verify', ...noFile })).statusCode).toBe(400)
  })

  it('a JWS with alg none or HS256 is rejected before any key is fetched (OB 2.0 and OB 3.0 payloads)', async () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    const vc = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: `${base}/ob3/issuer` }
    for (const payload of [docs.signed, vc]) {
      const none = `${enc({ alg: 'none' })}.${enc(payload)}.`
      const hs = await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg: 'HS256' }).sign(Buffer.from('secret-secret-secret-secret-32by'))
      for (const jws of [none, hs]) {
        const r = report(await post({ jws }))
        expect(r.verified).toBe(false)
        expect(failed(r).map((c) => c.code).join()).toMatch(/alg/)
      }
    }
  })

  it('URLs of loopback, private and link-local addresses are refused by the egress client', async () => {
    for (const url of [`${trapUrl}/a`, 'https://127.0.0.1/a', 'https://10.0.0.1/a', 'http://169.254.169.254/latest/meta-data/', 'https://[::1]/a', 'https://192.168.1.1/a']) {
      const r = report(await post({ url }))
      expect(r.verified).toBe(false)
      expect(failed(r)[0]?.message, url).toMatch(/blocked_address|bad_scheme/)
      expect(failed(r)[0]?.code, url).toBe('policy_refused') // a refusal by policy, not a broken badge
    }
    expect(trapHits).toBe(0)
  })

  it('a refusal by policy is reported as policy; a private name and an unreachable one give one "not reachable" outcome', async () => {
    const policy = failed(report(await post({ url: 'http://[fe80::1]/a/1' })))[0]
    expect(policy).toMatchObject({ id: 'hosting', code: 'policy_refused' })
    expect(policy?.message).toMatch(/policy/)
    // localhost resolves to loopback (refused at connect time); the closed port and the .invalid name cannot be reached.
    const closed = http.createServer()
    const closedBase = await listen(closed, '127.0.0.2')
    await new Promise((resolve) => closed.close(resolve))
    const trapPort = new URL(trapUrl).port
    const privateName = failed(report(await post({ url: `http://localhost:${trapPort}/a` })))[0]
    const noName = failed(report(await post({ url: 'http://no-such-issuer.invalid/a' })))[0]
    const closedPort = failed(report(await post({ url: `${closedBase}/a` })))[0]
    for (const c of [privateName, noName, closedPort]) expect(c).toMatchObject({ id: 'hosting', code: 'not_reachable' })
    expect(privateName?.message).toBe(`GET http://localhost:${trapPort}/a: localhost is not reachable`)
    expect(noName?.message).toBe('GET http://no-such-issuer.invalid/a: no-such-issuer.invalid is not reachable')
    expect(trapHits).toBe(0)
  })

  it('a redirect to loopback is re-checked and refused; a redirect loop stops after 5 hops', async () => {
    expect(failed(report(await post({ url: `${base}/to-loopback` })))[0]?.message).toMatch(/blocked_address/)
    expect(trapHits).toBe(0)
    expect(failed(report(await post({ url: `${base}/loop` })))[0]?.message).toMatch(/too_many_redirects/)
  })

  it('a slow endless body times out and an oversized body is cut off: quick 200 reports', async () => {
    const started = Date.now()
    expect(failed(report(await post({ url: `${base}/slow` })))[0]?.message).toMatch(/timeout/)
    expect(Date.now() - started).toBeLessThan(6_000)
    expect(failed(report(await post({ url: `${base}/huge` })))[0]?.message).toMatch(/too_large/)
  })

  it('plain http to a public address is fetched by default (older OB 2.0 issuers host on http)', async () => {
    const r = report(await post({ url: docs.hosted }))
    expect(docs.hosted.startsWith('http://')).toBe(true)
    expect(failed(r)).toEqual([])
  })

  it('the whole verification has a deadline', async () => {
    const service = createVerifyService({ egress: t.runtime.egress, clock: () => new Date(), deadlineMs: 300 })
    const started = Date.now()
    const r = await service.verify({ url: `${base}/slow` })
    expect(Date.now() - started).toBeLessThan(1_400)
    expect(r.checks).toEqual([expect.objectContaining({ valid: false, code: 'deadline' })])
  })
})

describe('POST /v1/verify: badges of this service', () => {
  it('an award of ours verifies by URL, by its baked image and signed JWS (resolved in-process), and shows revocation', async () => {
    const city = await makeCity(t)
    const issuer = await setupIssuer(t, city, { name: 'Harbourside College' })
    const email = 'Own.Learner@example.org'
    const res = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: email } } })
    expect(res.statusCode, res.body).toBe(201)
    const award = res.json() as { id: string; links: Record<string, string> }
    const byUrl = report(await post({ url: award.links.assertion, recipient: { type: 'email', identity: email } }))
    expect(failed(byUrl)).toEqual([])
    expect(byUrl.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['hosting', 'origin', 'revocation', 'recipient']))
    const path = (u: string) => u.slice('https://badges.test'.length)
    for (const link of [award.links.assertionImage!, award.links.signedAssertionImage!]) {
      const img = await t.app.inject({ method: 'GET', url: path(link) })
      expect(img.statusCode).toBe(200)
      const fromImage = report(await upload(img.rawPayload, [{ name: 'recipient', value: email }]))
      expect(failed(fromImage), link).toEqual([])
    }
    const jws = (await t.app.inject({ method: 'GET', url: path(award.links.signedAssertion!) })).body
    expect(report(await post({ jws })).format).toBe('ob2-signed')
    expect(report(await post({ jws })).verified).toBe(true)
    await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${award.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'wrong learner' } })
    const revoked = report(await post({ url: award.links.assertion }))
    expect(failed(revoked)).toEqual([expect.objectContaining({ id: 'revocation', code: 'revoked', message: expect.stringContaining('wrong learner') })])
    const revokedSigned = report(await post({ jws }))
    expect(failed(revokedSigned)).toEqual([expect.objectContaining({ id: 'revocation', code: 'revoked', message: expect.stringContaining('wrong learner') })])
  })
})

describe('POST /v1/verify: HTTP behaviour', () => {
  it('our own hosted URLs are resolved in-process (no DNS for the public name)', async () => {
    // https://badges.test does not resolve here; an answer from our own app proves the in-process path.
    const r = report(await post({ url: 'https://badges.test/health/live' }))
    expect(failed(r)[0]).toMatchObject({ id: 'hosting' })
    expect(failed(r)[0]?.message).not.toMatch(/fetch|ENOTFOUND|network/)
  })

  it('Idempotency-Key is ignored (verification creates nothing) and answers are not cached', async () => {
    const a = await post({ url: docs.hosted }, { 'idempotency-key': 'verify-1' })
    const b = await post({ url: docs.hosted }, { 'idempotency-key': 'verify-1' })
    expect(b.headers['idempotent-replayed']).toBeUndefined()
    expect(a.headers['cache-control']).toBe('no-store')
  })

  it('is rate limited per address: 60 a minute', async () => {
    const from = '203.0.113.77'
    const codes: number[] = []
    for (let i = 0; i < 61; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/v1/verify', payload: {}, remoteAddress: from })).statusCode)
    }
    expect(codes.slice(0, 60).every((c) => c === 400)).toBe(true)
    expect(codes[60]).toBe(429)
    // Another address is unaffected.
    expect((await t.app.inject({ method: 'POST', url: '/v1/verify', payload: {}, remoteAddress: '203.0.113.78' })).statusCode).toBe(400)
  })
})
