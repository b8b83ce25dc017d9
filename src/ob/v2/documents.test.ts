import { readFileSync } from 'node:fs'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import jsonld from 'jsonld'
import type { ContextDefinition, JsonLdDocument, Options } from 'jsonld'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  buildAssertion, buildBadgeClass, buildCryptographicKey, buildEndorsement, buildIdentityObject, buildProfile,
  SENTINEL_REASON, buildRevocationList, buildRevokedAssertion, revocationSentinels,
} from './documents.js'
import { generateRsaKeyPair, type RsaKeyPair } from './jws.js'
import { validateAssertion, validateBadgeClass, validateCryptographicKey, validateProfile, validateRevocationList } from './structure.js'
import { OB2_CONTEXT } from './types.js'

const VECTORS = 'test/fixtures/vectors'
const v2Context = JSON.parse(readFileSync(`${VECTORS}/contexts/openbadges-v2.w3id.jsonld`, 'utf8')) as object
const specExample = (name: string) => JSON.parse(readFileSync(`${VECTORS}/ob20/spec-examples/${name}.json`, 'utf8')) as Record<string, unknown>

// Offline: serve only the bundled OB 2.0 context, fail on anything else.
const documentLoader = async (url: string) => {
  if (url === OB2_CONTEXT) return { contextUrl: undefined, documentUrl: url, document: v2Context }
  throw new Error(`offline loader: refusing to load ${url}`)
}
// `safe: true` makes jsonld throw instead of silently dropping a term the context does not define (@types lacks it).
const expand = (doc: object) => jsonld.expand(doc as JsonLdDocument, { documentLoader, safe: true } as Options.Expand)
const compact = (doc: object) => jsonld.compact(doc as JsonLdDocument, OB2_CONTEXT as unknown as ContextDefinition, { documentLoader } as Options.Compact)

const BASE = 'https://city.example/ob/v2'
const ISSUER = `${BASE}/issuers/i1`
const KEY = `${ISSUER}/keys/k1`
const REVOCATIONS = `${ISSUER}/revocations`
const BADGE = `${BASE}/badges/b1`
const ASSERTION = `${BASE}/assertions/a1`
// sha256("nobody@example.org" + "deadsea"): CONFORMANCE A5 item 26.
const NOBODY_HASH = 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942'
// Python's uuid.uuid5(uuid.NAMESPACE_URL, f"{REVOCATIONS}#sentinel-1" / "-2"): an independent RFC 4122 implementation.
const SENTINELS = ['urn:uuid:f060b5ea-acd0-5355-94c3-e7bc393ad3cc', 'urn:uuid:bd0ad453-dbd8-5fc9-9d51-8f5d989a133b']

let keys: RsaKeyPair
beforeAll(async () => {
  keys = await generateRsaKeyPair()
})

function fullSet() {
  const profile = buildProfile({
    id: ISSUER, name: 'City of Learning', url: 'https://city.example', email: 'badges@city.example',
    description: 'Open badges for the city', image: `${ISSUER}/image`, telephone: '+441234567890',
    publicKey: [KEY], revocationList: REVOCATIONS, endorsement: [`${BASE}/endorsements/e1`],
    verification: { allowedOrigins: ['city.example'], startsWith: [`${BASE}/assertions/`] },
  })
  const badge = buildBadgeClass({
    id: BADGE, name: 'Bike Mechanic', description: 'Can fix a bike', image: `${BADGE}/image`, issuer: ISSUER,
    criteria: { id: `${BADGE}/criteria`, narrative: 'Fix **three** punctures.' },
    alignment: [
      { targetName: 'Repair', targetUrl: 'https://skills.example/repair', targetFramework: 'City Skills', targetCode: 'R1' },
      { targetName: 'Safety', targetUrl: 'https://skills.example/safety', targetDescription: 'Works safely' },
    ],
    tags: ['bikes', 'repair'], endorsement: [`${BASE}/endorsements/e2`], version: 2, related: [`${BASE}/badges/b0`],
  })
  const assertion = buildAssertion({
    id: ASSERTION, badge: BADGE, recipient: buildIdentityObject('email', ' Nobody@Example.org', { salt: 'deadsea' }),
    issuedOn: new Date('2024-03-01T10:00:00Z'), expires: new Date('2030-03-01T10:00:00Z'),
    verification: { type: 'HostedBadge' }, image: `${ASSERTION}/image`,
    evidence: [{ id: 'https://evidence.example/1', name: 'Photo', genre: 'image', audience: 'public' }, { narrative: 'Fixed a tyre' }],
    narrative: 'Did it at the library', endorsement: [`${BASE}/endorsements/e3`],
  })
  const key = buildCryptographicKey({ id: KEY, owner: ISSUER, publicKey: keys.publicKey })
  const list = buildRevocationList({ id: REVOCATIONS, issuer: ISSUER, revoked: [{ id: `${BASE}/assertions/a0`, revocationReason: 'Issued in error' }, { id: `${BASE}/assertions/a9` }] })
  const endorsement = buildEndorsement({
    id: `${BASE}/endorsements/e2`, issuer: 'https://partner.example/issuer', issuedOn: new Date('2024-01-02T03:04:05Z'),
    claim: { id: BADGE, endorsementComment: 'Great badge' }, verification: { type: 'HostedBadge' },
  })
  const revoked = buildRevokedAssertion({ id: ASSERTION, revocationReason: 'Duplicate' })
  return { profile, badge, assertion, key, list, endorsement, revoked }
}

describe('OB 2.0 document builders', () => {
  it('builds a minimal issuer Profile with only the required fields (A2 item 7)', () => {
    expect(buildProfile({ id: ISSUER, name: 'City', url: 'https://city.example', email: 'a@city.example', publicKey: [], description: '' })).toEqual({
      '@context': 'https://w3id.org/openbadges/v2', type: 'Issuer', id: ISSUER, name: 'City', url: 'https://city.example', email: 'a@city.example',
    })
  })

  it('emits every document with the OB 2.0 context, passing our structure checks', () => {
    const set = fullSet()
    for (const doc of Object.values(set)) expect(doc['@context']).toBe('https://w3id.org/openbadges/v2')
    expect(validateProfile(set.profile)).toEqual([])
    expect(validateBadgeClass(set.badge)).toEqual([])
    expect(validateAssertion(set.assertion)).toEqual([])
    expect(validateCryptographicKey(set.key)).toEqual([])
    expect(validateRevocationList(set.list)).toEqual([])
  })

  it('hashes the normalised recipient email with the salt appended (A5 item 26 vector)', () => {
    expect(fullSet().assertion.recipient).toEqual({ type: 'email', hashed: true, salt: 'deadsea', identity: NOBODY_HASH })
    expect(buildIdentityObject('email', 'Nobody@example.org', { hashed: false })).toEqual({ type: 'email', hashed: false, identity: 'nobody@example.org' })
  })

  it('writes dates as ISO 8601 UTC with Z and the right verification objects (A1 item 3, A4 item 20, A7 item 36)', () => {
    const { assertion } = fullSet()
    expect(assertion.issuedOn).toBe('2024-03-01T10:00:00.000Z')
    expect(assertion.expires).toBe('2030-03-01T10:00:00.000Z')
    expect(assertion.verification).toEqual({ type: 'HostedBadge' })
    const signed = buildAssertion({ ...baseAssertion(), id: 'urn:uuid:0b5e2a3c-1111-4222-8333-944455556666', verification: { type: 'SignedBadge', creator: KEY } })
    expect(signed.verification).toEqual({ type: 'SignedBadge', creator: KEY })
  })

  it('omits absent optional fields: no nulls, no empty arrays, no empty strings', () => {
    const assertion = buildAssertion({ ...baseAssertion(), evidence: [], endorsement: [], narrative: '' })
    expect(Object.keys(assertion).sort()).toEqual(['@context', 'badge', 'id', 'issuedOn', 'recipient', 'type', 'verification'])
    const badge = buildBadgeClass({ id: BADGE, name: 'n', description: 'd', image: `${BADGE}/image`, issuer: ISSUER, criteria: { narrative: 'Do it' }, tags: [], alignment: [{ targetName: 'x', targetUrl: 'https://x.example' }] })
    expect(badge.criteria).toEqual({ narrative: 'Do it' })
    expect(badge.alignment).toEqual([{ targetName: 'x', targetUrl: 'https://x.example' }])
    expect('tags' in badge).toBe(false)
    expect(JSON.stringify(fullSet())).not.toContain('null')
  })

  it('refuses a data URI as Assertion.image, criteria without id or narrative, and invalid dates (A3 item 16, A4 item 22)', () => {
    expect(() => buildAssertion({ ...baseAssertion(), image: 'data:image/png;base64,iVBORw0KGgo=' })).toThrow(TypeError)
    expect(() => buildBadgeClass({ id: BADGE, name: 'n', description: 'd', image: 'https://x.example/i.png', issuer: ISSUER, criteria: {} })).toThrow(/criteria/)
    expect(() => buildAssertion({ ...baseAssertion(), issuedOn: new Date('not a date') })).toThrow(/issuedOn/)
  })

  it('publishes the CryptographicKey as SPKI PEM, never private material, even from a private key (A7 item 37)', () => {
    const fromPrivate = buildCryptographicKey({ id: KEY, owner: ISSUER, publicKey: keys.privateKey })
    const fromPkcs1 = buildCryptographicKey({ id: KEY, owner: ISSUER, publicKey: keys.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString() })
    for (const doc of [fromPrivate, fromPkcs1]) {
      expect(doc.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/)
      expect(doc.publicKeyPem).toBe(keys.publicKeyPem)
      expect(createPublicKey(doc.publicKeyPem).export({ format: 'jwk' })).not.toHaveProperty('d')
    }
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    expect(() => buildCryptographicKey({ id: KEY, owner: ISSUER, publicKey: ec.publicKey })).toThrow(/RSA/)
  })

  it('keeps at least two revocation entries, led by a permanent urn:uuid sentinel (A7 items 39-40)', () => {
    expect(revocationSentinels(REVOCATIONS)).toEqual(SENTINELS)
    const placeholder = (id: string) => ({ id, revocationReason: SENTINEL_REASON })
    expect(buildRevocationList({ id: REVOCATIONS, issuer: ISSUER, revoked: [] }).revokedAssertions).toEqual(SENTINELS.map(placeholder))
    const one = buildRevocationList({ id: REVOCATIONS, issuer: ISSUER, revoked: [{ id: ASSERTION, revocationReason: 'Cheating' }] })
    expect(one).toEqual({
      '@context': OB2_CONTEXT, type: 'RevocationList', id: REVOCATIONS, issuer: ISSUER,
      revokedAssertions: [placeholder(SENTINELS[0]!), { id: ASSERTION, revocationReason: 'Cheating' }],
    })
  })

  it('shapes Endorsement and the 410 body like the spec examples (A6 item 32, A8 item 41)', () => {
    const { endorsement, revoked } = fullSet()
    expect(Object.keys(endorsement).sort()).toEqual(Object.keys(specExample('Endorsement-2')).sort())
    expect(endorsement.claim).toEqual({ id: BADGE, endorsementComment: 'Great badge' })
    expect(Object.keys(revoked).sort()).toEqual(Object.keys(specExample('revoked-hosted-assertion-1')).sort())
    expect(revoked.revoked).toBe(true)
  })
})

// The context defines two terms for the same IRI (`hosted` and `HostedBadge` -> obi:HostedBadge); compaction picks
// the shortest, so a compacting consumer sees `hosted`. Same IRI, same meaning.
const SAME_IRI_TERMS: Record<string, string> = { hosted: 'HostedBadge', signed: 'SignedBadge' }

/** JSON-LD treats `["x"]` and `"x"` alike (A1 item 5): compare documents with one-element arrays unwrapped. */
function unwrapSingletons(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? unwrapSingletons(value[0]) : value.map(unwrapSingletons)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'type' && typeof v === 'string' ? (SAME_IRI_TERMS[v] ?? v) : unwrapSingletons(v)]))
  }
  return value
}

describe('JSON-LD processing with the bundled OB 2.0 context (A1 items 1, 4, 6)', () => {
  it('expands every document in safe mode and maps our terms to the OB vocabulary', async () => {
    const set = fullSet()
    const expanded = await expand(set.assertion)
    const node = expanded[0] as Record<string, unknown>
    expect(node['@type']).toEqual(['https://w3id.org/openbadges#Assertion'])
    expect(node['@id']).toBe(ASSERTION)
    expect(node['https://w3id.org/openbadges#badge']).toEqual([{ '@id': BADGE }])
    expect(node['https://w3id.org/openbadges#issueDate']).toEqual([{ '@type': 'http://www.w3.org/2001/XMLSchema#dateTime', '@value': '2024-03-01T10:00:00.000Z' }])
    const key = (await expand(set.key))[0] as Record<string, unknown>
    expect(key['@type']).toEqual(['https://w3id.org/security#Key'])
    expect(key['https://w3id.org/security#owner']).toEqual([{ '@id': ISSUER }])
    const profile = (await expand(set.profile))[0] as Record<string, unknown>
    expect(profile['@type']).toEqual(['https://w3id.org/openbadges#Issuer'])
    expect(profile['https://w3id.org/security#publicKey']).toEqual([{ '@id': KEY }])
  })

  it('round-trips expand → compact without losing any property we emit', async () => {
    for (const [name, doc] of Object.entries(fullSet())) {
      const compacted = await compact(await expand(doc))
      expect(unwrapSingletons(compacted), name).toEqual(unwrapSingletons(doc))
    }
  })

  it('the loader really is offline and strict: an unknown context fails', async () => {
    await expect(expand({ '@context': 'https://evil.example/ctx', name: 'x' })).rejects.toMatchObject({ details: { cause: { message: expect.stringContaining('offline loader') } } })
  })
})

function baseAssertion() {
  return {
    id: ASSERTION, badge: BADGE, issuedOn: new Date('2024-03-01T10:00:00Z'), verification: { type: 'HostedBadge' as const },
    recipient: { type: 'email' as const, hashed: true, salt: 'deadsea', identity: NOBODY_HASH },
  }
}
