import { createRequire } from 'node:module'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHostedCache, redisInvalidationBus } from '../../src/domain/credentials/hosted-cache.js'
import { readPngChunks } from '../../src/ob/bake/png.js'
import { hashIdentity } from '../../src/ob/hash.js'
import { verifyOb2 } from '../../src/ob/v2/verify.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { BASE, SVG_URI, approvedClass, expectOk, injectFetch, setupIssuer } from '../helpers/badges.js'

const bakery = createRequire(import.meta.url)('openbadges-bakery') as { extract(image: Buffer, cb: (err: Error | null, data?: string) => void): void }
const extract = (image: Buffer): Promise<string> => new Promise((resolve, reject) => bakery.extract(image, (err, data) => (err ? reject(err) : resolve(data ?? ''))))

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let issuer: Awaited<ReturnType<typeof setupIssuer>>
let college: Awaited<ReturnType<typeof setupIssuer>>
const EMAIL = 'Conformance@IMSGlobal.org'
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  issuer = await setupIssuer(t, city, { name: 'Brightwater Engineering' })
  college = await setupIssuer(t, city, { name: 'Harbourside College' })
})
afterAll(async () => { await t?.close() })

const issue = async (badgeClassId = issuer.klass.id, extra: object = {}) => expectOk(await t.app.inject({
  method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey),
  payload: { badgeClassId, recipient: { type: 'email', identity: EMAIL }, evidence: [{ url: 'https://portfolio.example.org/1' }], ...extra },
}), 201)
const get = (url: string, accept = 'application/ld+json, application/json', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: url.startsWith(BASE) ? url.slice(BASE.length) : url, headers: { accept, ...headers } })
const deps = (seen?: string[]) => ({ fetchJson: injectFetch(t, seen), now: new Date(), recipient: { type: 'email', identity: EMAIL } })

/** Every string in a document that is one of our URLs. */
function ourUrls (doc: unknown, out = new Set<string>()): Set<string> {
  if (typeof doc === 'string' && doc.startsWith(BASE)) out.add(doc)
  else if (Array.isArray(doc)) doc.forEach((d) => ourUrls(d, out))
  else if (doc && typeof doc === 'object') Object.values(doc).forEach((d) => ourUrls(d, out))
  return out
}

/** Follows every URL reachable from `start` and checks each answers 200 with the right type. */
async function walk (start: string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>()
  const queue = [...start]
  while (queue.length > 0) {
    const url = queue.shift()!
    if (types.has(url)) continue
    const res = await get(url)
    expect(res.statusCode, url).toBe(200)
    const type = String(res.headers['content-type'])
    types.set(url, type)
    expect(res.headers['access-control-allow-origin'], url).toBe('*')
    expect(res.headers.etag, url).toBeTruthy()
    expect(res.headers['cache-control'], url).toMatch(/max-age|no-cache/)
    if (/\/image(\?|$)/.test(url)) {
      expect(type, url).toMatch(/^image\/(png|svg\+xml)/)
      continue
    }
    if (url.endsWith('.jws')) {
      expect(type).toMatch(/^text\/plain/)
      const payload = JSON.parse(Buffer.from(res.body.split('.')[1]!, 'base64url').toString())
      for (const u of ourUrls(payload)) queue.push(u)
      continue
    }
    if (!url.startsWith(`${BASE}/ob/v2/`)) continue // OB 3.0 and spine documents have tests of their own
    expect(type, url).toMatch(/^application\/ld\+json/)
    const doc = res.json()
    expect(doc['@context']).toBe('https://w3id.org/openbadges/v2')
    if (typeof doc.id === 'string' && doc.id.startsWith('http')) expect(doc.id).toBe(url)
    // A revocation list names revoked assertions (410): they are not links to follow.
    for (const u of ourUrls(doc.type === 'RevocationList' ? { ...doc, revokedAssertions: [] } : doc)) queue.push(u)
  }
  return types
}

describe('hosted OB 2.0 documents', () => {
  it('every URL a verifier follows answers 200 with the right type, for hosted and signed awards', async () => {
    const aw = await issue()
    const types = await walk(Object.values(aw.links) as string[])
    const docs = [...types.keys()]
    expect(docs).toEqual(expect.arrayContaining([
      aw.links.assertion, aw.links.signedAssertion, aw.links.badgeClass, aw.links.issuer, aw.links.revocationList, aw.links.signingKey,
      `${BASE}/ob/v2/badges/${issuer.klass.id}/image`, aw.links.assertionImage, aw.links.signedAssertionImage,
    ]))
    const assertion = expectOk(await get(aw.links.assertion))
    expect(assertion).toMatchObject({ type: 'Assertion', id: aw.links.assertion, badge: aw.links.badgeClass, verification: { type: 'HostedBadge' }, image: aw.links.assertionImage })
    expect(assertion.recipient).toEqual({ type: 'email', hashed: true, identity: hashIdentity(EMAIL.toLowerCase(), assertion.recipient.salt), salt: assertion.recipient.salt })
    const profile = expectOk(await get(aw.links.issuer))
    expect(profile).toMatchObject({ type: 'Issuer', name: 'Brightwater Engineering', publicKey: [aw.links.signingKey], revocationList: aw.links.revocationList })
    expect(expectOk(await get(aw.links.signingKey))).toMatchObject({ type: 'CryptographicKey', owner: aw.links.issuer, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') })
  })

  it('hosted and signed awards verify with verifyOb2 through app.inject, recipient included', async () => {
    const aw = await issue()
    const seen: string[] = []
    const hosted = await verifyOb2({ url: aw.links.assertion }, deps(seen))
    expect(hosted.checks.filter((c) => !c.valid)).toEqual([])
    expect(hosted.verified).toBe(true)
    expect(seen).toEqual(expect.arrayContaining([aw.links.assertion, aw.links.badgeClass, aw.links.issuer]))
    const jws = (await get(aw.links.signedAssertion)).body
    const signed = await verifyOb2({ jws }, deps())
    expect(signed.checks.filter((c) => !c.valid)).toEqual([])
    expect(signed.verified).toBe(true)
    // Deterministic RS256: the same award gives the same JWS.
    expect((await get(aw.links.signedAssertion)).body).toBe(jws)
  })

  it('baked PNG and SVG images extract with openbadges-bakery and verify, hosted and signed', async () => {
    const svgClass = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { image: SVG_URI })
    for (const klass of [issuer.klass.id, svgClass.id]) {
      const aw = await issue(klass)
      for (const form of ['hosted', 'signed'] as const) {
        const res = await get(form === 'hosted' ? aw.links.assertionImage : aw.links.signedAssertionImage)
        expect(res.statusCode).toBe(200)
        const text = await extract(res.rawPayload)
        if (res.headers['content-type'] === 'image/png') {
          const chunks = readPngChunks(res.rawPayload).chunks.filter((c) => c.type === 'iTXt' && Buffer.from(c.data.subarray(0, 11)).toString('latin1') === 'openbadges\0')
          expect(chunks).toHaveLength(1)
          expect(chunks[0]!.data[11]).toBe(0) // uncompressed
        } else {
          expect(res.headers['content-type']).toBe('image/svg+xml')
        }
        const report = form === 'hosted' ? await verifyOb2({ assertion: text }, deps()) : await verifyOb2({ jws: text }, deps())
        expect(report.checks.filter((c) => !c.valid), `${klass} ${form}`).toEqual([])
        expect(report.verified).toBe(true)
        if (form === 'hosted') expect(JSON.parse(text).id).toBe(aw.links.assertion)
      }
    }
  })

  it('negotiates content types and honours ETags', async () => {
    const aw = await issue()
    expect((await get(aw.links.assertion, 'application/json')).headers['content-type']).toMatch(/^application\/json/)
    expect((await get(aw.links.assertion, '')).headers['content-type']).toMatch(/^application\/ld\+json/)
    expect((await get(aw.links.assertion, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).statusCode).toBeLessThan(500)
    // A browser gets the issuer's human page (src/routes/pages/); a client that takes neither HTML nor JSON gets 406.
    const htmlOnly = await get(aw.links.issuer, 'text/html')
    expect(htmlOnly.headers['content-type']).toMatch(/^text\/html/)
    expect((await get(aw.links.issuer, 'image/png')).statusCode).toBe(406)
    const first = await get(aw.links.assertion)
    expect(first.headers['cache-control']).toBe('no-cache')
    expect(first.headers.vary).toMatch(/accept/i)
    const again = await get(aw.links.assertion, 'application/ld+json', { 'if-none-match': String(first.headers.etag) })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    // The hosted JSON is written straight to the socket: it still carries every header the hooks add, and counts.
    for (const h of ['x-content-type-options', 'strict-transport-security', 'access-control-allow-origin', 'x-request-id', 'etag']) {
      expect(first.headers[h], h).toBeDefined()
    }
    expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(first.body))
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toMatch(/citybadges_http_requests_total\{method="GET",route="\/ob\/v2\/assertions\/:id",status="304"\} [1-9]/)
    expect((await get(aw.links.badgeClass)).headers['cache-control']).toBe('public, max-age=60')
    for (const bad of ['/ob/v2/assertions/nope', `/ob/v2/assertions/${crypto.randomUUID()}`, `/ob/v2/issuers/${crypto.randomUUID()}`, '/ob/v2/badges/x/image', `/ob/v2/issuers/${issuer.org.id}/keys/nope`]) {
      const res = await get(bad)
      expect(res.statusCode, bad).toBe(404)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
    }
  })

  it('over a socket, a cached assertion is answered before routing with the route\'s bytes and headers; revocation still shows at once', async () => {
    const aw = await issue()
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const path = aw.links.assertion.slice(BASE.length)
    const fetchIt = (headers: Record<string, string> = {}) => fetch(`${address}${path}`, { headers: { accept: 'application/ld+json', ...headers } })
    const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => !['date', 'x-request-id', 'keep-alive', 'connection'].includes(k)))
    const before = t.app.fastPathAnswers()
    const routed = await fetchIt() // not cached yet: Fastify's route answers and caches it
    const routedBody = await routed.text()
    expect(t.app.fastPathAnswers()).toBe(before)
    const fast = await fetchIt()
    expect(t.app.fastPathAnswers()).toBe(before + 1)
    expect(fast.status).toBe(200)
    expect(await fast.text()).toBe(routedBody)
    expect(headersOf(fast)).toEqual(headersOf(routed))
    expect(fast.headers.get('x-request-id')).toMatch(/\S/)
    expect((await fetchIt({ 'x-request-id': 'trace-42' })).headers.get('x-request-id')).toBe('trace-42')
    expect((await fetchIt({ accept: 'application/json' })).headers.get('content-type')).toMatch(/^application\/json/)
    const notModified = await fetchIt({ 'if-none-match': String(fast.headers.get('etag')) })
    expect(notModified.status).toBe(304)
    // A browser, a query string or a HEAD: the route answers (the page; the JSON).
    const page = await fetchIt({ accept: 'text/html' })
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect((await fetch(`${address}${path}?format=json`)).headers.get('content-type')).toMatch(/^application\/ld\+json/)
    const answered = t.app.fastPathAnswers()
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${aw.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'Issued in error' } }))
    const gone = await fetchIt()
    expect(gone.status).toBe(410)
    expect(t.app.fastPathAnswers()).toBe(answered) // the cache entry was dropped: the route looked again
    expect((await fetchIt()).status).toBe(410) // and the revoked document is cached (and answered fast) from now on
    expect(t.app.fastPathAnswers()).toBe(answered + 1)
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toMatch(/citybadges_http_requests_total\{method="GET",route="\/ob\/v2\/assertions\/:id",status="410"\} [1-9]/)
  })

  it('a new organisation\'s revocation lists: OB 2.0 holds only its two self-describing placeholders, OB 3.0 none (#14 item 7)', async () => {
    const fresh = await setupIssuer(t, city, { name: 'Fresh Start Trust' })
    const list = expectOk(await get(`/ob/v2/issuers/${fresh.org.id}/revocations`))
    expect(list.revokedAssertions).toHaveLength(2)
    for (const entry of list.revokedAssertions) {
      // Not assertions: each says so itself (README "Revocation lists"); a urn:uuid no award ever has.
      expect(entry).toEqual({ id: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/), revocationReason: expect.stringMatching(/^Not an assertion: a permanent placeholder/) })
    }
    expect(expectOk(await get(`/ob/v3/issuers/${fresh.org.id}/revocations`)).revokedCredential).toEqual([])
    // After a revocation: one placeholder stays first, then the award by both of its ids.
    const aw = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(fresh.issuerKey), payload: { badgeClassId: fresh.klass.id, recipient: { type: 'email', identity: EMAIL } } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${aw.id}/revoke`, headers: t.auth(fresh.issuerKey), payload: { reason: 'Issued in error' } }))
    const after = expectOk(await get(`/ob/v2/issuers/${fresh.org.id}/revocations`)).revokedAssertions
    expect(after).toEqual([list.revokedAssertions[0], { id: aw.links.assertion, revocationReason: 'Issued in error' }, { id: `urn:uuid:${aw.id}`, revocationReason: 'Issued in error' }])
  })

  it('a revoked award answers 410 at once (cache invalidated) and appears in the revocation list', async () => {
    const aw = await issue()
    const jws = (await get(aw.links.signedAssertion)).body
    expect((await get(aw.links.assertion)).statusCode).toBe(200) // now cached
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${aw.id}/revoke`, headers: t.auth(issuer.issuerKey), payload: { reason: 'Evidence was not the learner\'s own' } }))
    const gone = await get(aw.links.assertion)
    expect(gone.statusCode).toBe(410)
    expect(gone.json()).toMatchObject({ id: aw.links.assertion, revoked: true, revocationReason: 'Evidence was not the learner\'s own' })
    expect((await get(aw.links.signedAssertion)).statusCode).toBe(410)
    expect((await get(aw.links.assertionImage)).statusCode).toBe(410)
    const list = expectOk(await get(aw.links.revocationList))
    expect(list.revokedAssertions).toEqual(expect.arrayContaining([
      { id: aw.links.assertion, revocationReason: 'Evidence was not the learner\'s own' },
      { id: `urn:uuid:${aw.id}`, revocationReason: 'Evidence was not the learner\'s own' },
    ]))
    expect((await get(aw.links.revocationList)).headers['cache-control']).toBe('no-cache')
    const hosted = await verifyOb2({ url: aw.links.assertion }, deps())
    expect(hosted.verified).toBe(false)
    expect(hosted.checks.find((c) => c.id === 'revocation' && !c.valid)?.code).toBe('revoked')
    const signed = await verifyOb2({ jws }, deps())
    expect(signed.verified).toBe(false)
    expect(signed.checks.find((c) => c.id === 'revocation' && !c.valid)?.code).toBe('revoked')
  })

  it('key rotation keeps old keys published: old JWS still verify, new awards use the new key', async () => {
    const before = await issue()
    const oldJws = (await get(before.links.signedAssertion)).body
    expect((await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations/${issuer.org.id}/keys/rotate`, headers: t.auth(college.issuerKey) })).statusCode).toBe(403)
    const rotated = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations/${issuer.org.id}/keys/rotate`, headers: t.auth(issuer.issuerKey) }), 201)
    expect(rotated.active).toBe(true)
    const keys = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/organisations/${issuer.org.id}/keys`, headers: t.auth(city.cityAdminKey) }))
    const rsa = keys.items.filter((k: { algorithm: string }) => k.algorithm === 'RS256')
    expect(rsa.filter((k: { active: boolean }) => k.active)).toHaveLength(1)
    expect(rsa.length).toBeGreaterThanOrEqual(2)
    const profile = expectOk(await get(before.links.issuer))
    expect(profile.publicKey).toEqual(rsa.map((k: { url: string }) => k.url))
    expect((await verifyOb2({ jws: oldJws }, deps())).verified).toBe(true)
    const after = await issue()
    expect(after.links.signingKey).toBe(rotated.url)
    expect((await verifyOb2({ jws: (await get(after.links.signedAssertion)).body }, deps())).verified).toBe(true)
  })

  it('endorsements are published and linked from what they endorse', async () => {
    const aw = await issue()
    await get(aw.links.assertion) // cached before the endorsement
    const endorse = (subject: object, comment: string, key = college.issuerKey, organisationId = college.org.id) =>
      t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/endorsements`, headers: t.auth(key), payload: { organisationId, subject, comment } })
    const onClass = expectOk(await endorse({ type: 'badge-class', id: issuer.klass.id }, 'Validated by Harbourside College against our Level 2 engineering criteria.'), 201)
    const onIssuer = expectOk(await endorse({ type: 'organisation', id: issuer.org.id }, 'A trusted local employer.'), 201)
    const onAward = expectOk(await endorse({ type: 'award', id: aw.id }, 'Witnessed the assessment.'), 201)
    expect((await endorse({ type: 'badge-class', id: college.klass.id }, 'self')).statusCode).toBe(422)
    expect((await endorse({ type: 'award', id: aw.id }, 'not mine', issuer.issuerKey, college.org.id)).statusCode).toBe(403)

    const klass = expectOk(await get(aw.links.badgeClass))
    expect(klass.endorsement).toContain(onClass.links.endorsement)
    expect(expectOk(await get(aw.links.issuer)).endorsement).toContain(onIssuer.links.endorsement)
    expect(expectOk(await get(aw.links.assertion)).endorsement).toEqual([onAward.links.endorsement])
    const doc = expectOk(await get(onClass.links.endorsement))
    expect(doc).toMatchObject({ type: 'Endorsement', issuer: college.org && `${BASE}/ob/v2/issuers/${college.org.id}`, claim: { id: aw.links.badgeClass, endorsementComment: expect.stringContaining('Level 2') }, verification: { type: 'HostedBadge' } })
    await walk([aw.links.assertion])
    expect((await verifyOb2({ url: aw.links.assertion }, deps())).verified).toBe(true)
    const list = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/endorsements?subjectId=${aw.id}`, headers: t.auth(city.cityAdminKey) }))
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([onAward.id])
  })

  it('the hosted cache is bounded and revocation reaches every instance', async () => {
    const local = createHostedCache({ maxEntries: 2 })
    const g = local.generation()
    for (const k of ['hosted:1', 'hosted:2', 'hosted:3']) local.set(k, { status: 200, body: Buffer.from(k), etag: '"x"' }, g)
    expect(local.size).toBe(2)
    expect(local.get('hosted:1')).toBeUndefined()
    // An entry read since it was stored is kept over one that was not (approximately least recently used).
    expect(local.get('hosted:2')?.body.toString()).toBe('hosted:2')
    local.set('hosted:4', { status: 200, body: 'hosted:4', etag: '"x"' }, g)
    expect(local.get('hosted:3')).toBeUndefined()
    expect(local.get('hosted:2')).toBeDefined()
    expect(local.get('hosted:4')?.bytes).toBe(8)
    // A read that started before an invalidation is not stored after it.
    const stale = local.generation()
    local.invalidate('9')
    local.set('hosted:9', { status: 200, body: Buffer.from('old'), etag: '"o"' }, stale)
    expect(local.get('hosted:9')).toBeUndefined()
    if (!process.env.REDIS_URL) return
    const conns = Array.from({ length: 4 }, () => new Redis(process.env.REDIS_URL!))
    const channel = `cbtest:${Date.now()}:hosted-invalidate`
    const [a, b] = [0, 2].map((i) => createHostedCache({ bus: redisInvalidationBus({ publisher: conns[i]!, subscriber: conns[i + 1]!, channel }) }))
    await new Promise((r) => setTimeout(r, 200))
    b!.set('hosted:42', { status: 200, body: Buffer.from('{}'), etag: '"e"' }, b!.generation())
    a!.invalidate('42')
    await eventually(async () => b!.get('hosted:42') === undefined, 5_000, 'invalidation over Redis')
    for (const c of conns) c.disconnect()
  })
})

describe('public routes need no key and leak nothing private', () => {
  it('never shows the plain identity, even when the city stores it', async () => {
    const c = expectOk(await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: `pl${Date.now().toString(36)}`, name: 'P', storePlainIdentity: true } }), 201)
    const key = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'x', cityId: c.id })
    const s = await setupIssuer(t, { slug: c.slug, cityAdminKey: key.token })
    const aw = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/awards`, headers: t.auth(s.issuerKey), payload: { badgeClassId: s.klass.id, recipient: { type: 'email', identity: 'visible@example.org' } } }), 201)
    expect(aw.recipient.plainIdentity).toBe('visible@example.org')
    for (const url of [aw.links.assertion, aw.links.signedAssertion, aw.links.assertionImage]) expect((await get(url)).body).not.toContain('visible@')
    const view = await t.runtime.services.ob2.assertionView(aw.id)
    expect(JSON.stringify(view)).not.toContain('visible@')
    expect(view).toMatchObject({ status: 'valid', badgeClass: { id: s.klass.id }, organisation: { id: s.org.id }, links: aw.links })
    void makeCity
  })
})
