import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { hashIdentity } from '../../src/ob/hash.js'
import { extractPng } from '../../src/ob/bake/png.js'
import { extractSvg } from '../../src/ob/bake/svg.js'
import { signDataIntegrity } from '../../src/ob/v3/data-integrity.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519 } from '../../src/ob/v3/multikey.js'
import { validateOb3 } from '../../src/ob/v3/schema.js'
import { readBit } from '../../src/ob/v3/status-list.js'
import { verifyOb3 } from '../../src/ob/v3/verify.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, BASE, expectOk, injectFetch, setupIssuer, SVG_URI } from '../helpers/badges.js'
import { refLoader, refVerify } from '../helpers/ob3.js'
import { STATUS_ENTRY_BLOCK } from '../../src/domain/credentials/ob3-status.js'

// Test-only JS libraries without type declarations: imported by name so tsc does not resolve them.
const bsl: any = await import('@digitalbazaar/vc-bitstring-status-list' as string)
const { DataIntegrityProof }: any = await import('@digitalbazaar/data-integrity' as string)
const { cryptosuite }: any = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite' as string)

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let a: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  a = await setupIssuer(t, city, { name: 'Northgate Youth Club', klass: { expiry: { type: 'duration', duration: 'P1Y' } } })
})
afterAll(async () => { await t?.close() })

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: url.startsWith(BASE) ? url.slice(BASE.length) : url, headers })
const issue = async (payload: object = {}, key = a.issuerKey, slug = city.slug) => expectOk(await t.app.inject({
  method: 'POST', url: `/v1/cities/${slug}/awards`, headers: t.auth(key),
  payload: { badgeClassId: a.klass.id, recipient: { type: 'email', identity: 'Zoe.Learner@Example.ORG' }, ...payload },
}), 201)
const revoke = async (id: string, reason = 'Issued in error') => expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards/${id}/revoke`, headers: t.auth(a.issuerKey), payload: { reason } }))
const credentialOf = async (id: string) => expectOk(await get(`/ob/v3/credentials/${id}`)) as Record<string, any>
const verify = (input: { credential: unknown } | { jwt: string }) => verifyOb3(input, { now: new Date(), fetchJson: injectFetch(t) })
/** The failed checks of a report: `[]` for a verified credential, and a readable failure otherwise. */
const failedChecks = (r: { checks: Array<{ valid: boolean }> }) => r.checks.filter((c) => !c.valid)
const failed = (report: { checks: Array<{ id: string; valid: boolean; code?: string }> }) => report.checks.filter((c) => !c.valid).map((c) => `${c.id}:${c.code}`)

describe('OpenBadgeCredential of an award', () => {
  it('is served as VCDM 2.0 JSON-LD that passes the OB 3.0 schema, with the award in it', async () => {
    const aw = await issue({ evidence: [{ url: 'https://portfolio.example.org/zoe', name: 'Robot', genre: 'Project' }, { narrative: 'Led the build.' }], narrative: 'Built a robot.' })
    const res = await get(`/ob/v3/credentials/${aw.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/vc\+ld\+json/)
    const c = JSON.parse(res.body)
    expect(validateOb3(c)).toEqual({ valid: true, errors: [] })
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'])
    expect(c).toMatchObject({
      id: `${BASE}/ob/v3/credentials/${aw.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `${BASE}/ob/v3/issuers/${a.org.id}`, type: ['Profile'], name: 'Northgate Youth Club' },
      validFrom: aw.issuedOn.replace(/\.\d{3}Z$/, 'Z'),
      validUntil: aw.expires.replace(/\.\d{3}Z$/, 'Z'),
      credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }],
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: expect.stringMatching(`^${BASE}/ob/v3/status/`) },
      evidence: [{ id: 'https://portfolio.example.org/zoe', type: ['Evidence'], name: 'Robot', genre: 'Project' }, { type: ['Evidence'], narrative: 'Led the build.' }],
    })
    expect(c.credentialSubject).toMatchObject({
      type: ['AchievementSubject'],
      narrative: 'Built a robot.',
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: hashIdentity('zoe.learner@example.org', aw.recipient.salt), salt: aw.recipient.salt }],
      achievement: { id: `${BASE}/ob/v3/achievements/${a.klass.id}`, type: ['Achievement'], name: 'Digital Maker', criteria: { narrative: expect.any(String) }, achievementType: 'Badge' },
    })
    expect(c.proof).toEqual([expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', created: c.validFrom })])
    // Deterministic: the same bytes again; the award API links to every form.
    expect((await get(`/ob/v3/credentials/${aw.id}`)).body).toBe(res.body)
    expect(aw.links).toMatchObject({ credential: c.id, credentialJwt: `${c.id}.jwt`, credentialImage: `${c.id}/image` })
    const report = await verify({ credential: c })
    expect(failedChecks(report)).toEqual([])
    expect(report).toMatchObject({ verified: true })
  })

  it('carries the learner URL or DID as credentialSubject.id when the city keeps plain identities', async () => {
    const c2 = expectOk(await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: `plain${Date.now().toString(36)}`, name: 'Plain', storePlainIdentity: true } }), 201)
    const key = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'x', cityId: c2.id })
    const s = await setupIssuer(t, { slug: c2.slug, cityAdminKey: key.token })
    const did = didKeyFromPublicKey(generateEd25519().publicKey)
    const aw = await issue({ badgeClassId: s.klass.id, recipient: { type: 'id', identity: did } }, s.issuerKey, c2.slug)
    const c = await credentialOf(aw.id)
    expect(c.credentialSubject.id).toBe(did)
    expect(c.credentialSubject.identifier[0]).toMatchObject({ identityType: 'identifier', identityHash: hashIdentity(did, aw.recipient.salt) })
    expect(validateOb3(c).valid).toBe(true)
    const jwt = expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt`)) as string
    expect(failedChecks(await verify({ jwt }))).toEqual([])
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).sub).toBe(did)
  })

  it('Data Integrity proof verifies in @digitalbazaar/vc against our controller document', async () => {
    const aw = await issue()
    const c = await credentialOf(aw.id)
    const result = await refVerify(t, c)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
    expect((await refVerify(t, { ...c, name: 'Something else' })).verified).toBe(false)
    const vm = c.proof[0].verificationMethod as string
    // A key URL that serves the Multikey itself (issue #14 item 2; was `{profile}#z6Mk…`).
    expect(vm.startsWith(`${BASE}/ob/v3/issuers/${a.org.id}/keys/z6Mk`)).toBe(true)
  })

  it.each(['RS256', 'ES256'] as const)('VC-JWT %s verifies with jose from the JWK at the kid URL, with the claims of CONFORMANCE B5', async (alg) => {
    const aw = await issue()
    const res = await get(`/ob/v3/credentials/${aw.id}.jwt${alg === 'ES256' ? '?alg=ES256' : ''}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const jwt = res.body
    const header = decodeProtectedHeader(jwt)
    expect(Object.keys(header).sort()).toEqual(['alg', 'kid', 'typ'])
    expect(header).toMatchObject({ alg, typ: 'JWT' })
    const issuerId = `${BASE}/ob/v3/issuers/${a.org.id}`
    expect(header.kid!.startsWith(`${issuerId}/jwks/`)).toBe(true)
    const jwkRes = await get(header.kid!)
    expect(jwkRes.statusCode).toBe(200)
    const jwk = jwkRes.json()
    expect(jwk.d).toBeUndefined()
    expect(jwk.kid).toBe(header.kid)
    const { payload } = await jwtVerify(jwt, await importJWK(jwk, alg), { issuer: issuerId, algorithms: [alg] })
    const c = await credentialOf(aw.id)
    const { proof: _p, ...unsigned } = c
    expect(payload).toMatchObject({ ...unsigned, iss: issuerId, jti: c.id, nbf: Date.parse(c.validFrom) / 1000, exp: Date.parse(c.validUntil) / 1000 })
    expect(payload.sub).toBeUndefined() // a hashed email only: no subject id
    expect(validateOb3(unsigned).valid).toBe(true)
    expect(failedChecks(await verify({ jwt }))).toEqual([])
  })

  it('is baked into the badge image: PNG iTXt openbadgecredential, and SVG for an SVG class', async () => {
    const aw = await issue()
    const png = await get(`/ob/v3/credentials/${aw.id}/image`)
    expect(png.statusCode).toBe(200)
    expect(png.headers['content-type']).toBe('image/png')
    const baked = extractPng(png.rawPayload)
    expect(baked?.keyword).toBe('openbadgecredential')
    expect(JSON.parse(baked!.text)).toEqual(await credentialOf(aw.id))

    const svgClass = await approvedClass(t, city, a.org.id, a.issuerKey, { image: SVG_URI, name: 'Vector Maker' })
    const aw2 = await issue({ badgeClassId: svgClass.id })
    const svg = await get(`/ob/v3/credentials/${aw2.id}/image`)
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/)
    const content = extractSvg(svg.body)
    expect(content?.version).toBe(3)
    expect(content?.verify).toBeUndefined()
    const c = JSON.parse(content!.body!)
    expect(c.credentialSubject.achievement.name).toBe('Vector Maker')
    expect(failedChecks(await verify({ credential: c }))).toEqual([])
  })

  it('answers 404 problems for unknown credentials, lists and keys', async () => {
    for (const url of ['/ob/v3/credentials/00000000-0000-4000-8000-000000000000', '/ob/v3/credentials/nope.jwt', '/ob/v3/status/00000000-0000-4000-8000-000000000000',
      `/ob/v3/issuers/${a.org.id}/jwks/nope`, '/ob/v3/achievements/00000000-0000-4000-8000-000000000000', '/ob/v3/endorsements/x']) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })
})

describe('documents', () => {
  it('endorsements are EndorsementCredentials (DI), also embedded in the Achievement', async () => {
    const college = await setupIssuer(t, city, { name: 'Harbourside College' })
    const e = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/endorsements`, headers: t.auth(college.issuerKey), payload: { organisationId: college.org.id, subject: { type: 'badge-class', id: a.klass.id }, comment: 'Meets our entry standard.' } }), 201)
    const res = await get(`/ob/v3/endorsements/${e.id}`)
    expect(res.headers['content-type']).toMatch(/^application\/vc\+ld\+json/)
    const ec = res.json()
    expect(validateOb3(ec, 'endorsement')).toEqual({ valid: true, errors: [] })
    expect(ec).toMatchObject({
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: `${BASE}/ob/v3/issuers/${college.org.id}` },
      credentialSubject: { id: `${BASE}/ob/v3/achievements/${a.klass.id}`, type: ['EndorsementSubject'], endorsementComment: 'Meets our entry standard.' },
    })
    expect(failedChecks(await verify({ credential: ec }))).toEqual([])
    expect((await refVerify(t, ec)).verified).toBe(true)
    const ach = expectOk(await get(`/ob/v3/achievements/${a.klass.id}`))
    expect(ach.endorsement).toEqual([ec])
  })


  it('Achievement and Profile (controller document listing the Multikey keys and the 1EdTech list)', async () => {
    const ach = expectOk(await get(`/ob/v3/achievements/${a.klass.id}`, { accept: 'application/ld+json' }))
    expect(ach).toMatchObject({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: `${BASE}/ob/v3/achievements/${a.klass.id}`, type: ['Achievement'], name: 'Digital Maker' })
    const res = await get(`/ob/v3/issuers/${a.org.id}`, { accept: 'application/json' })
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const p = res.json()
    const id = `${BASE}/ob/v3/issuers/${a.org.id}`
    expect(p).toMatchObject({ id, type: ['Profile'], name: 'Northgate Youth Club', email: 'badges@harbourside.example.org' })
    expect(p.verificationMethod.length).toBeGreaterThan(0)
    // Each Ed25519 key under its key URL and its pre-#14 fragment id; VC-JWT keys as JsonWebKey (issue #14 items 2, 3).
    for (const vm of p.verificationMethod.filter((m: { type: string }) => m.type === 'Multikey')) {
      expect([`${id}/keys/${vm.publicKeyMultibase}`, `${id}#${vm.publicKeyMultibase}`]).toContain(vm.id)
      expect(vm).toMatchObject({ controller: id })
    }
    for (const vm of p.verificationMethod) expect(p.assertionMethod).toContain(vm.id)
    expect(p.service).toEqual([
      { id: `${id}#revocation-list`, type: '1EdTechRevocationList', serviceEndpoint: `${id}/revocations` },
      { id: `${id}#jwks`, type: 'JsonWebKeySet', serviceEndpoint: `${id}/jwks` },
    ])
  })
})

describe('interop', () => {
  afterEach(() => { vi.unstubAllGlobals() })

  it('@digitalcredentials/verifier-core verifies a did:key copy of our credential', async () => {
    const aw = await issue()
    const { proof: _p, credentialStatus: _s, ...content } = await credentialOf(aw.id)
    const key = generateEd25519()
    const did = didKeyFromPublicKey(key.publicKey)
    const copy = await signDataIntegrity({ ...content, issuer: { ...content.issuer, id: did } }, { privateKey: key.privateKey, verificationMethod: didKeyVerificationMethod(key.publicKey), created: new Date(content.validFrom) })
    const schema = JSON.parse(readFileSync(new URL('../../src/ob/contexts/schemas/ghpages-achievementcredential.json', import.meta.url), 'utf8'))
    const requested: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(String(url))
      if (String(url).endsWith('/ob_v3p0_achievementcredential_schema.json')) return new Response(JSON.stringify({ ...schema, $id: String(url) }))
      throw new Error(`offline: ${String(url)}`)
    })
    const { verifyCredential } = (await import('@digitalcredentials/verifier-core' as string)) as any
    const result = await verifyCredential({ credential: copy, knownDIDRegistries: [] })
    expect(result.errors).toBeUndefined()
    expect(result.log.find((s: { id: string }) => s.id === 'valid_signature')).toMatchObject({ valid: true })
    expect(result.additionalInformation[0].results[0].result.valid).toBe(true)
  })

  it('the status list reads correctly in @digitalbazaar/vc-bitstring-status-list before and after revocation', async () => {
    const aw = await issue()
    const other = await issue()
    const c = await credentialOf(aw.id)
    const suite = new DataIntegrityProof({ cryptosuite })
    const check = async (credential: object) => {
      const result = await bsl.checkStatus({ credential, documentLoader: refLoader(t), suite, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true })
      expect(result.error).toBeUndefined()
      return result.results[0].status as boolean
    }
    expect(await check(c)).toBe(false)
    expect(failedChecks(await verify({ credential: c }))).toEqual([])
    await revoke(aw.id)
    // At once: the stored list is stale, so the request republishes it.
    expect(await check(c)).toBe(true)
    expect(await check(await credentialOf(other.id))).toBe(false)
    const report = await verify({ credential: c })
    expect(report.verified).toBe(false)
    expect(failed(report)).toEqual(['revocation:revoked'])
    const jwt = expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt`)) as string
    expect(failed(await verify({ jwt }))).toEqual(['revocation:revoked'])
    // The credential itself stays served (its status says revoked); OB 2.0 answers 410 as its convention wants.
    expect((await get(`/ob/v3/credentials/${aw.id}`)).statusCode).toBe(200)
    expect((await get(`/ob/v2/assertions/${aw.id}`)).statusCode).toBe(410)
    const list = expectOk(await get(`/ob/v3/issuers/${a.org.id}/revocations`, { accept: 'application/json' }))
    expect(list.revokedCredential).toContainEqual({ id: c.id, revoked: true, revocationReason: 'Issued in error' })
  })
})

describe('status lists', () => {
  it('allocates entries in order, never twice; the job republishes after a revocation', async () => {
    const db = t.runtime.database.db
    const made = [await issue(), await issue(), await issue()]
    const rows = await db.selectFrom('awards').select(['id', 'status_list_id', 'status_index']).where('id', 'in', made.map((m) => m.id)).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const indexes = made.map((m) => byId.get(m.id)!.status_index!)
    expect(new Set(rows.map((r) => r.status_list_id)).size).toBe(1)
    expect(indexes[1]).toBe(indexes[0]! + 1)
    expect(indexes[2]).toBe(indexes[1]! + 1)
    const listId = rows[0]!.status_list_id!
    const list = await db.selectFrom('status_lists').selectAll().where('id', '=', listId).executeTakeFirstOrThrow()
    expect(list.size).toBe(131_072)
    expect(list.next_index).toBeGreaterThan(indexes[2]!)

    expectOk(await get(`/ob/v3/status/${listId}`))
    const before = await db.selectFrom('status_lists').select(['published', 'published_bits']).where('id', '=', listId).executeTakeFirstOrThrow()
    await revoke(made[1]!.id)
    // No request in between: the status-list-publisher job re-signs the stored list.
    const after = await eventually(async () => {
      const r = await db.selectFrom('status_lists').select(['published', 'published_bits']).where('id', '=', listId).executeTakeFirstOrThrow()
      return r.published_bits === (before.published_bits ?? 0) + 1 ? r : undefined
    }, 15_000, 'the status list to be republished')
    const published = JSON.parse(after.published!)
    expect(readBit(published.credentialSubject.encodedList, indexes[1]!)).toBe(true)
    expect(readBit(published.credentialSubject.encodedList, indexes[0]!)).toBe(false)
    const served = await get(`/ob/v3/status/${listId}`)
    expect(served.headers['content-type']).toMatch(/^application\/vc\+ld\+json/)
    expect(served.headers['cache-control']).toBe('no-cache')
    expect(served.body).toBe(after.published)
  })

  it('concurrent awards get distinct entries; a full list is followed by a new one', async () => {
    const db = t.runtime.database.db
    const made = await Promise.all(Array.from({ length: 8 }, () => issue()))
    const rows = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('id', 'in', made.map((m) => m.id)).execute()
    expect(new Set(rows.map((r) => `${r.status_list_id}:${r.status_index}`)).size).toBe(8)
    const listId = rows[0]!.status_list_id!
    // The entries this process reserved before the list fills are its own (below the old next_index); then a new list.
    const reserved = (await db.selectFrom('status_lists').select('next_index').where('id', '=', listId).executeTakeFirstOrThrow()).next_index
    // Entries are reserved a block at a time (one statement per block, not per award).
    expect(reserved % STATUS_ENTRY_BLOCK).toBe(0)
    await db.updateTable('status_lists').set({ next_index: 131_072 }).where('id', '=', listId).execute()
    let next = await issue()
    let row = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('id', '=', next.id).executeTakeFirstOrThrow()
    for (let i = 0; row.status_list_id === listId; i++) {
      expect(i).toBeLessThan(STATUS_ENTRY_BLOCK)
      expect(row.status_index).toBeLessThan(reserved)
      next = await issue()
      row = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('id', '=', next.id).executeTakeFirstOrThrow()
    }
    expect(row.status_list_id).not.toBe(listId)
    expect(row.status_index).toBe(0)
    // Every award of the organisation holds an entry of its own.
    const all = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('organisation_id', '=', (await db.selectFrom('awards').select('organisation_id').where('id', '=', next.id).executeTakeFirstOrThrow()).organisation_id).execute()
    expect(new Set(all.map((r) => `${r.status_list_id}:${r.status_index}`)).size).toBe(all.length)
    expect(failedChecks(await verify({ credential: await credentialOf(next.id) }))).toEqual([])
  })

  it('gives an award made before OB 3.0 an entry on its first credential request, once', async () => {
    const db = t.runtime.database.db
    const aw = await issue()
    await db.updateTable('awards').set({ status_list_id: null, status_index: null }).where('id', '=', aw.id).execute()
    const [c1, c2] = await Promise.all([credentialOf(aw.id), credentialOf(aw.id)])
    expect(c1.credentialStatus).toEqual(c2.credentialStatus)
    const row = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('id', '=', aw.id).executeTakeFirstOrThrow()
    expect(c1.credentialStatus.statusListIndex).toBe(String(row.status_index))
    expect(failedChecks(await verify({ credential: c1 }))).toEqual([])
  })
})

describe('keys', () => {
  it('rotation keeps what the old keys signed verifiable; new credentials use the new keys', async () => {
    const aw = await issue()
    const oldDi = await credentialOf(aw.id)
    const oldJwts = [expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt`)) as string, expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt?alg=ES256`)) as string]
    const rotated = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations/${a.org.id}/keys/rotate`, headers: t.auth(a.issuerKey) })
    expect(rotated.statusCode).toBe(201)
    // Instances cache the active key for up to 10 s; this one was told.
    const fresh = await credentialOf(aw.id)
    expect(fresh.proof[0].verificationMethod).not.toBe(oldDi.proof[0].verificationMethod)
    const profile = expectOk(await get(`/ob/v3/issuers/${a.org.id}`, { accept: 'application/json' }))
    const vms = profile.verificationMethod.map((v: { id: string }) => v.id)
    expect(vms).toEqual(expect.arrayContaining([oldDi.proof[0].verificationMethod, fresh.proof[0].verificationMethod]))
    expect(profile.assertionMethod).toEqual(vms)
    for (const c of [oldDi, fresh]) {
      expect(failedChecks(await verify({ credential: c }))).toEqual([])
      expect((await refVerify(t, c)).verified).toBe(true)
    }
    for (const jwt of oldJwts) expect(failed(await verify({ jwt }))).toEqual([])
    const newJwt = expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt?alg=ES256`)) as string
    expect(decodeProtectedHeader(newJwt).kid).not.toBe(decodeProtectedHeader(oldJwts[1]!).kid)
    expect(failedChecks(await verify({ jwt: newJwt }))).toEqual([])
    // Private keys are stored encrypted: no PEM private key in the table.
    const stored = await t.runtime.database.db.selectFrom('signing_keys').select(['algorithm', 'private_key_enc']).where('organisation_id', '=', a.org.id).execute()
    expect(new Set(stored.map((k) => k.algorithm))).toEqual(new Set(['RS256', 'Ed25519', 'ES256']))
    for (const k of stored) expect(k.private_key_enc).toMatch(/^v1\./)
  })

  it('jose verifies the compact JWS of a JWK served under the issuer id', async () => {
    const aw = await issue()
    const jwt = expectOk(await get(`/ob/v3/credentials/${aw.id}.jwt?alg=ES256`)) as string
    const jwk = (await get(decodeProtectedHeader(jwt).kid!)).json()
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
    await expect(compactVerify(jwt, await importJWK(jwk, 'ES256'))).resolves.toBeDefined()
  })
})
