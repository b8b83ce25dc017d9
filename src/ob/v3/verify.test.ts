import { generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { base64url, CompactSign, exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import type { VerificationReport } from '../report.js'
import { signDataIntegrity } from './data-integrity.js'
import { buildOpenBadgeCredential, buildProfile, buildRevocationList1EdTech } from './documents.js'
import type { CredentialStatusInput } from './documents.js'
import { signCredentialJwt } from './jwt.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519, publicKeyToMultibase } from './multikey.js'
import { buildStatusListCredential } from './status-list.js'
import { verifyOb3 } from './verify.js'

const BASE = 'https://badges.city.test'
const ISSUER = `${BASE}/ob/v3/issuers/org-1`
const OTHER = `${BASE}/ob/v3/issuers/org-2`
const LIST = `${BASE}/ob/v3/status/l-1`
const REVOCATIONS = `${ISSUER}/revocations`
const KID = `${ISSUER}/jwks/k1`
const NOW = new Date('2026-01-01T00:00:00Z')
const CREATED = new Date('2025-01-01T00:00:00Z')

const key = generateEd25519()
const otherKey = generateEd25519()
const mb = publicKeyToMultibase(key.publicKey)
const otherMb = publicKeyToMultibase(otherKey.publicKey)
const VM = `${ISSUER}#${mb}`
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })

function credential(opts: { id?: string; issuer?: string; status?: CredentialStatusInput; validUntil?: Date } = {}) {
  return buildOpenBadgeCredential({
    id: opts.id ?? `${BASE}/ob/v3/credentials/c-1`,
    name: 'Maker',
    issuer: { id: opts.issuer ?? ISSUER, name: 'City Library' },
    validFrom: new Date('2025-01-02T00:00:00Z'),
    ...(opts.validUntil === undefined ? {} : { validUntil: opts.validUntil }),
    subject: { id: 'did:example:learner-1', identifier: [{ identity: 'kid@example.org', salt: 'pepper' }] },
    achievement: { id: `${BASE}/ob/v3/achievements/b-1`, name: 'Maker', description: 'Builds', criteria: { narrative: 'Build a robot' } },
    ...(opts.status === undefined ? {} : { credentialStatus: opts.status }),
  })
}

const sign = (doc: object, privateKey: KeyObject = key.privateKey, verificationMethod = VM) =>
  signDataIntegrity(doc, { privateKey, verificationMethod, created: CREATED }) as Promise<Record<string, unknown>>

// What the issuer's server publishes.
const profile = buildProfile({ id: ISSUER, name: 'City Library', keys: [mb] })
const otherProfile = buildProfile({ id: OTHER, name: 'Elsewhere', keys: [otherMb] })
const statusList = await sign(buildStatusListCredential({ id: LIST, issuer: ISSUER, validFrom: CREATED, purpose: 'revocation', set: [7] }))
const revocations = buildRevocationList1EdTech({ id: REVOCATIONS, issuer: ISSUER, revoked: [{ id: `${BASE}/ob/v3/credentials/gone`, revocationReason: 'mistake' }] })

/** A fetchJson over `docs` that records every URL and throws (with a code) for anything else. */
function server(docs: Record<string, unknown>) {
  const fetched: string[] = []
  const fetchJson = async (url: string) => {
    fetched.push(url)
    if (url in docs) return { status: 200, json: docs[url] }
    throw Object.assign(new Error(`unreachable ${url}`), { code: 'ENOTFOUND' })
  }
  return { fetched, fetchJson }
}
const site = () => server({ [ISSUER]: profile, [OTHER]: otherProfile, [LIST]: statusList, [REVOCATIONS]: revocations, [KID]: jwk })
const jwk = await exportJWK(ec.publicKey)

const check = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id)
const failed = (report: VerificationReport) => report.checks.filter((c) => !c.valid).map((c) => `${c.id}:${c.code}`)

describe('verifyOb3 on our own credentials', () => {
  it('a signed credential with an https Multikey VM and a status entry verifies, every check named', async () => {
    const signed = await sign(credential({ status: { type: 'BitstringStatusListEntry', listUrl: LIST, index: 8 } }))
    const { fetched, fetchJson } = site()
    const report = await verifyOb3({ credential: signed }, { now: NOW, fetchJson })
    expect(failed(report)).toEqual([])
    expect(report).toMatchObject({ verified: true, format: 'ob3-di' })
    expect(report.checks.map((c) => c.id)).toEqual(['structure', 'context', 'schema', 'proof', 'issuer', 'not-before', 'expiry', 'revocation'])
    // The controller document once (cached for the list's own proof), then the list.
    expect(fetched).toEqual([ISSUER, LIST])
  })

  it('revoked: the status bit is set (BitstringStatusList) or the 1EdTech list names the credential', async () => {
    const bit = await sign(credential({ status: { type: 'BitstringStatusListEntry', listUrl: LIST, index: 7 } }))
    const r1 = await verifyOb3({ credential: bit }, { now: NOW, fetchJson: site().fetchJson })
    expect(failed(r1)).toEqual(['revocation:revoked'])
    const listed = await sign(credential({ id: `${BASE}/ob/v3/credentials/gone`, status: { type: '1EdTechRevocationList', url: REVOCATIONS } }))
    const r2 = await verifyOb3({ credential: listed }, { now: NOW, fetchJson: site().fetchJson })
    expect(failed(r2)).toEqual(['revocation:revoked'])
    expect(check(r2, 'revocation')?.message).toContain('mistake')
    const fine = await sign(credential({ status: { type: '1EdTechRevocationList', url: REVOCATIONS } }))
    expect((await verifyOb3({ credential: fine }, { now: NOW, fetchJson: site().fetchJson })).verified).toBe(true)
  })

  it('a status list that was altered, is from another issuer, or cannot be fetched fails revocation', async () => {
    const signed = await sign(credential({ status: { type: 'BitstringStatusListEntry', listUrl: LIST, index: 8 } }))
    const cleared = { ...statusList, credentialSubject: buildStatusListCredential({ id: LIST, issuer: ISSUER, validFrom: CREATED, purpose: 'revocation' }).credentialSubject }
    const tampered = await verifyOb3({ credential: signed }, { now: NOW, fetchJson: server({ [ISSUER]: profile, [LIST]: cleared }).fetchJson })
    expect(failed(tampered)).toEqual(['revocation:status_list_invalid'])
    const foreign = await sign(buildStatusListCredential({ id: LIST, issuer: OTHER, validFrom: CREATED, purpose: 'revocation' }), otherKey.privateKey, `${OTHER}#${otherMb}`)
    const r2 = await verifyOb3({ credential: signed }, { now: NOW, fetchJson: server({ [ISSUER]: profile, [OTHER]: otherProfile, [LIST]: foreign }).fetchJson })
    expect(failed(r2)).toEqual(['revocation:status_list_issuer_mismatch'])
    const r3 = await verifyOb3({ credential: signed }, { now: NOW, fetchJson: server({ [ISSUER]: profile }).fetchJson })
    expect(failed(r3)).toEqual(['revocation:status_unavailable'])
  })

  it('tampered field, wrong key, unlisted key: proof fails and nothing else is fetched', async () => {
    const signed = await sign(credential({ status: { type: 'BitstringStatusListEntry', listUrl: LIST, index: 8 } }))
    const tampered = { ...signed, name: 'Master Maker' }
    const s1 = site()
    expect(failed(await verifyOb3({ credential: tampered }, { now: NOW, fetchJson: s1.fetchJson }))).toEqual(['proof:invalid_signature'])
    expect(s1.fetched).toEqual([ISSUER])
    const wrongKey = await sign(credential(), otherKey.privateKey, VM)
    expect(failed(await verifyOb3({ credential: wrongKey }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:invalid_signature'])
    const unlisted = await sign(credential(), otherKey.privateKey, `${ISSUER}#${otherMb}`)
    expect(failed(await verifyOb3({ credential: unlisted }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:verification_method_not_found'])
  })

  it('a valid signature by a key not bound to the issuer fails the issuer check', async () => {
    // Signed by the other organisation's published key, claiming our issuer.
    const foreign = await sign(credential(), otherKey.privateKey, `${OTHER}#${otherMb}`)
    expect(failed(await verifyOb3({ credential: foreign }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['issuer:key_not_bound'])
    // A did:key signature on an https issuer.
    const did = await sign(credential(), key.privateKey, didKeyVerificationMethod(key.publicKey))
    expect(failed(await verifyOb3({ credential: did }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['issuer:key_not_bound'])
    // Listed as a verificationMethod but not under assertionMethod.
    const { assertionMethod: _a, ...noAssertion } = profile
    const r = await verifyOb3({ credential: await sign(credential()) }, { now: NOW, fetchJson: server({ [ISSUER]: noAssertion }).fetchJson })
    expect(failed(r)).toEqual(['issuer:key_not_authorized'])
  })

  it('did:key issuer verifies offline, without any fetch', async () => {
    const issuer = didKeyFromPublicKey(key.publicKey)
    const signed = await sign(credential({ issuer }), key.privateKey, didKeyVerificationMethod(key.publicKey))
    const s = server({})
    expect(failed(await verifyOb3({ credential: signed }, { now: NOW, fetchJson: s.fetchJson }))).toEqual([])
    expect(s.fetched).toEqual([])
  })

  it('expired and not yet valid', async () => {
    const signed = await sign(credential({ validUntil: new Date('2025-06-01T00:00:00Z') }))
    expect(failed(await verifyOb3({ credential: signed }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['expiry:expired'])
    const early = await verifyOb3({ credential: signed }, { now: new Date('2025-01-01T23:59:59Z'), fetchJson: site().fetchJson })
    expect(failed(early)).toEqual(['not-before:not_yet_valid'])
  })
})

describe('verifyOb3 on VC-JWT', () => {
  const enc = (v: unknown) => base64url.encode(JSON.stringify(v))

  it('an ES256 JWT whose kid dereferences to a JWK under the issuer URL verifies', async () => {
    const jwt = await signCredentialJwt(credential({ status: { type: 'BitstringStatusListEntry', listUrl: LIST, index: 7 } }), { alg: 'ES256', privateKey: ec.privateKey, kid: KID })
    const report = await verifyOb3({ jwt }, { now: NOW, fetchJson: site().fetchJson })
    expect(report.format).toBe('ob3-jwt')
    expect(report.checks.map((c) => c.id)).toEqual(['proof', 'issuer', 'structure', 'schema', 'not-before', 'expiry', 'revocation'])
    // Index 7 is revoked in the list: the JWT path reads status too.
    expect(failed(report)).toEqual(['revocation:revoked'])
    const ok = await signCredentialJwt(credential(), { alg: 'ES256', privateKey: ec.privateKey, kid: KID })
    expect((await verifyOb3({ jwt: ok }, { now: NOW, fetchJson: site().fetchJson })).verified).toBe(true)
  })

  it('alg none / HS256, a header key the issuer does not list, and a kid outside the issuer', async () => {
    const c = credential()
    const payload = { ...c, iss: ISSUER, jti: c.id, nbf: 1735776000, sub: 'did:example:learner-1' }
    const none = `${enc({ alg: 'none' })}.${enc(payload)}.`
    expect(failed(await verifyOb3({ jwt: none }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:unsupported_alg'])
    const hs = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(new Uint8Array(32))
    expect(failed(await verifyOb3({ jwt: hs }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:unsupported_alg'])
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const withJwk = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: KID, jwk: await exportJWK(attacker.publicKey) })
      .sign(attacker.privateKey)
    expect(failed(await verifyOb3({ jwt: withJwk }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:key_not_listed'])
    const outside = await signCredentialJwt(c, { alg: 'ES256', privateKey: ec.privateKey, kid: 'https://evil.test/jwks/k1' })
    expect(failed(await verifyOb3({ jwt: outside }, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['proof:key_not_found', 'issuer:key_not_bound'])
  })
})

describe('verifyOb3 on hostile input', () => {
  it('an unknown or remote @context fails the context check and nothing is fetched or signed over', async () => {
    const signed = await sign(credential())
    const remote = { ...signed, '@context': [...(signed['@context'] as string[]), 'https://evil.test/context.json'] }
    const s = site()
    const report = await verifyOb3({ credential: remote }, { now: NOW, fetchJson: s.fetchJson })
    expect(failed(report)).toEqual(['context:unknown_context'])
    expect(check(report, 'proof')).toBeUndefined()
    expect(s.fetched).toEqual([])
  })

  it('huge, deeply nested, cyclic, non-object and throwing input: structure fails fast, no throw', async () => {
    const signed = await sign(credential())
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 100_000; i++) deep = (deep.x = {}) as Record<string, unknown>
    const cyclic: Record<string, unknown> = { ...signed }
    cyclic.self = cyclic
    const hostile = new Proxy({}, { get: () => { throw new Error('boom') }, ownKeys: () => { throw new Error('boom') } })
    const cases: Array<[unknown, string]> = [
      [{ ...signed, description: 'x'.repeat(300 * 1024) }, 'structure:too_large'],
      [{ ...signed, credentialSubject: root }, 'structure:too_deep'],
      [cyclic, 'structure:too_deep'],
      ['not an object', 'structure:malformed'],
      [hostile, 'structure'],
      [{ ...signed, type: ['VerifiableCredential'] }, 'structure:not_an_ob3_credential'],
      [{ ...signed, validFrom: '2025-01-02' }, 'structure:invalid_date'],
    ]
    for (const [value, expected] of cases) {
      const started = performance.now()
      const report = await verifyOb3({ credential: value }, { now: NOW, fetchJson: site().fetchJson })
      expect(report.verified).toBe(false)
      expect(failed(report)[0]?.startsWith(expected)).toBe(true)
      expect(performance.now() - started).toBeLessThan(1_000)
    }
    expect((await verifyOb3({ jwt: 'x'.repeat(2 * 1024 * 1024) }, { now: NOW, fetchJson: site().fetchJson })).checks).toMatchObject([{ id: 'structure', code: 'jwt_too_large' }])
    expect(failed(await verifyOb3({} as never, { now: NOW, fetchJson: site().fetchJson }))).toEqual(['structure:invalid_input'])
  })

  it('a schema violation is reported as schema, with the proof still checked', async () => {
    const bad = await sign({ ...credential(), credentialSubject: { ...(credential().credentialSubject as object), type: 'AchievementSubject' } })
    const report = await verifyOb3({ credential: bad }, { now: NOW, fetchJson: site().fetchJson })
    expect(failed(report)).toEqual(['schema:schema_invalid'])
    expect(check(report, 'schema')?.message).toContain('/credentialSubject/type must be array')
    expect(check(report, 'proof')?.valid).toBe(true)
  })
})
