import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { base64url, CompactSign, decodeProtectedHeader, exportJWK, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildOpenBadgeCredential } from './documents.js'
import { signCredentialJwt, verifyCredentialJwt } from './jwt.js'

const ISSUER = 'https://badges.city.test/ob/v3/issuers/org-1'
const KID = `${ISSUER}/jwks/k1`
const NOW = new Date('2026-01-01T00:00:00Z')

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const otherEc = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ed = generateKeyPairSync('ed25519')

const credential = buildOpenBadgeCredential({
  id: 'https://badges.city.test/ob/v3/credentials/c-1',
  name: 'Maker',
  issuer: { id: ISSUER, name: 'City Library' },
  validFrom: new Date('2025-01-02T03:04:05Z'),
  validUntil: new Date('2027-01-01T00:00:00Z'),
  subject: { id: 'did:example:learner-1' },
  achievement: { id: 'https://badges.city.test/ob/v3/achievements/b-1', name: 'Maker', description: 'D', criteria: { narrative: 'n' } },
})

/** A resolver that publishes `keys` for ISSUER only and records its calls. */
function issuerKeys(...keys: KeyObject[]) {
  const calls: Array<[string | undefined, string]> = []
  return {
    calls,
    resolveKey: async (kid: string | undefined, issuerId: string) => {
      calls.push([kid, issuerId])
      return issuerId === ISSUER ? keys : []
    },
  }
}

const enc = (v: unknown) => base64url.encode(JSON.stringify(v))

/** Signs arbitrary header/payload with jose, to build hostile tokens. */
async function rawJws(header: Record<string, unknown>, payload: unknown, key: KeyObject): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as never).sign(key)
}

describe('signCredentialJwt', () => {
  for (const [alg, pair] of [['RS256', rsa], ['ES256', ec]] as const) {
    it(`${alg}: verifies with jose and carries the claims of CONFORMANCE item 71`, async () => {
      const jws = await signCredentialJwt(credential, { alg, privateKey: pair.privateKey, kid: KID })
      expect(decodeProtectedHeader(jws)).toEqual({ alg, kid: KID, typ: 'JWT' })
      const { payload } = await jwtVerify(jws, pair.publicKey, { algorithms: [alg], currentDate: NOW, issuer: ISSUER })
      expect(payload.iss).toBe(ISSUER)
      expect(payload.jti).toBe(credential.id)
      expect(payload.nbf).toBe(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000)
      expect(payload.exp).toBe(Date.UTC(2027, 0, 1) / 1000)
      expect(payload.sub).toBe('did:example:learner-1')
      const { iss: _i, jti: _j, nbf: _n, exp: _e, sub: _s, ...rest } = payload
      expect(rest).toEqual(credential)

      const keys = issuerKeys(pair.publicKey)
      const result = await verifyCredentialJwt(jws, { resolveKey: keys.resolveKey, now: NOW })
      expect(result).toMatchObject({ ok: true, form: 'vcdm2', kid: KID })
      expect(result.credential).toEqual(credential)
      expect(keys.calls).toEqual([[KID, ISSUER]])
    })
  }

  it('omits exp and sub when the credential has no validUntil or subject id', async () => {
    const { validUntil: _v, ...noExpiry } = credential
    const c = { ...noExpiry, credentialSubject: { ...(credential.credentialSubject as object), id: undefined } }
    delete (c.credentialSubject as Record<string, unknown>).id
    const jws = await signCredentialJwt(c, { alg: 'ES256', privateKey: ec.privateKey, kid: KID })
    const { payload } = await jwtVerify(jws, ec.publicKey, { currentDate: NOW })
    expect(payload.exp).toBeUndefined()
    expect(payload.sub).toBeUndefined()
    expect((await verifyCredentialJwt(jws, { ...issuerKeys(ec.publicKey), now: NOW })).ok).toBe(true)
  })
})

describe('verifyCredentialJwt rejects', () => {
  const good = () => signCredentialJwt(credential, { alg: 'ES256', privateKey: ec.privateKey, kid: KID })
  const verify = (jws: string, ...keys: KeyObject[]) => verifyCredentialJwt(jws, { resolveKey: issuerKeys(...keys).resolveKey, now: NOW })

  it('alg none, HS256, EdDSA and PS256 before any key lookup', async () => {
    const payload = { ...credential, iss: ISSUER, jti: credential.id }
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`
    const keys = issuerKeys(ec.publicKey)
    expect(await verifyCredentialJwt(none, { resolveKey: keys.resolveKey, now: NOW })).toMatchObject({ ok: false, code: 'unsupported_alg' })
    const hs = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7))
    expect(await verifyCredentialJwt(hs, { resolveKey: keys.resolveKey, now: NOW })).toMatchObject({ ok: false, code: 'unsupported_alg' })
    expect(await verify(await rawJws({ alg: 'EdDSA' }, payload, ed.privateKey), ed.publicKey)).toMatchObject({ code: 'unsupported_alg' })
    expect(await verify(await rawJws({ alg: 'PS256' }, payload, rsa.privateKey), rsa.publicKey)).toMatchObject({ code: 'unsupported_alg' })
    expect(keys.calls).toEqual([])
  })

  it('a tampered payload, and a signature by a key the issuer does not publish', async () => {
    const [h, p, s] = (await good()).split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
    claims.name = 'Tampered'
    expect(await verify(`${h}.${enc(claims)}.${s}`, ec.publicKey)).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(await verify(await good(), otherEc.publicKey)).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(await verify(await good())).toMatchObject({ ok: false, code: 'key_not_found' })
    // An RSA key cannot verify an ES256 token: it is not even tried.
    expect(await verify(await good(), rsa.publicKey)).toMatchObject({ ok: false, code: 'key_not_found' })
  })

  it('a header jwk the issuer does not list, a private jwk, and unknown header parameters', async () => {
    const payload = { ...credential, iss: ISSUER, jti: credential.id, nbf: 1735787045, exp: 1798761600, sub: 'did:example:learner-1' }
    const attackerJwk = await exportJWK(otherEc.publicKey)
    const forged = await rawJws({ alg: 'ES256', jwk: attackerJwk }, payload, otherEc.privateKey)
    expect(await verify(forged, ec.publicKey)).toMatchObject({ ok: false, code: 'key_not_listed' })
    const listedJwk = await exportJWK(ec.publicKey)
    expect(await verify(await rawJws({ alg: 'ES256', jwk: listedJwk }, payload, ec.privateKey), ec.publicKey)).toMatchObject({ ok: true })
    const privateJwk = await exportJWK(ec.privateKey)
    expect(await verify(await rawJws({ alg: 'ES256', jwk: privateJwk }, payload, ec.privateKey), ec.publicKey)).toMatchObject({ code: 'jwk_private' })
    expect(await verify(await rawJws({ alg: 'ES256', kid: KID, x5u: 'https://evil.test' }, payload, ec.privateKey), ec.publicKey)).toMatchObject({ code: 'bad_header' })
    expect(await verify(await rawJws({ alg: 'ES256', typ: 'JOSE' }, payload, ec.privateKey), ec.publicKey)).toMatchObject({ code: 'bad_header' })
  })

  it('claims inconsistent with the credential, even when correctly signed', async () => {
    const base = { ...credential, iss: ISSUER, jti: credential.id, nbf: 1735787045, exp: 1798761600, sub: 'did:example:learner-1' }
    const cases: Array<Record<string, unknown>> = [
      { iss: 'https://evil.test/issuer' },
      { jti: 'urn:uuid:other' },
      { nbf: 1735787046 },
      { exp: 1798761601 },
      { sub: 'did:example:someone-else' },
      { validUntil: undefined },
    ]
    for (const change of cases) {
      const jws = await rawJws({ alg: 'ES256', kid: KID }, { ...base, ...change }, ec.privateKey)
      expect(await verify(jws, ec.publicKey), JSON.stringify(change)).toMatchObject({ ok: false, code: 'claim_mismatch' })
    }
  })

  it('expired and not-yet-valid tokens, returning the credential with the code', async () => {
    const jws = await good()
    const late = await verifyCredentialJwt(jws, { ...issuerKeys(ec.publicKey), now: new Date('2027-01-01T00:00:00Z') })
    expect(late).toMatchObject({ ok: false, code: 'expired', credential })
    const early = await verifyCredentialJwt(jws, { ...issuerKeys(ec.publicKey), now: new Date('2025-01-02T03:04:04Z') })
    expect(early).toMatchObject({ ok: false, code: 'not_yet_valid' })
  })

  it('garbage, oversized input and a throwing resolver, without throwing', async () => {
    for (const bad of ['', 'a.b', 'a.b.c', '....', `${enc({ alg: 'ES256' })}.${enc([1, 2])}.x`, 42 as unknown as string]) {
      expect(await verify(bad, ec.publicKey)).toMatchObject({ ok: false, code: 'malformed_jwt' })
    }
    expect(await verify('a'.repeat(2 * 1024 * 1024))).toMatchObject({ code: 'jwt_too_large' })
    const boom = await verifyCredentialJwt(await good(), { resolveKey: () => Promise.reject(new Error('dns')), now: NOW })
    expect(boom).toMatchObject({ ok: false, code: 'key_resolution_failed' })
  })
})

describe('VCDM 1.1 `vc` claim form', () => {
  it('verifies a 1.1 token, filling id/issuanceDate from jti/nbf', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: ISSUER, type: ['Profile'], name: 'Org' },
      credentialSubject: { type: ['AchievementSubject'] },
    }
    const jws = await rawJws({ alg: 'RS256', typ: 'JWT' }, { vc, iss: ISSUER, jti: 'urn:uuid:1', nbf: 1262304000, sub: 'did:example:x' }, rsa.privateKey)
    const keys = issuerKeys(rsa.publicKey)
    const result = await verifyCredentialJwt(jws, { resolveKey: keys.resolveKey, now: NOW })
    expect(result).toMatchObject({ ok: true, form: 'vcdm1' })
    expect(result.credential).toMatchObject({ id: 'urn:uuid:1', issuanceDate: '2010-01-01T00:00:00Z', credentialSubject: { id: 'did:example:x' } })
    expect(keys.calls).toEqual([[undefined, ISSUER]])
  })

  it('the 1EdTech sample simple.jwt decodes; without the 1EdTech key it fails key_not_found', async () => {
    const jws = readFileSync('test/fixtures/vectors/ob30/inspector/simple.jwt', 'utf8')
    const keys = issuerKeys()
    const result = await verifyCredentialJwt(jws, { resolveKey: keys.resolveKey, now: NOW })
    expect(result).toMatchObject({ ok: false, code: 'key_not_found', form: 'vcdm1' })
    // No kid and no jwk in its header: the issuer's keys are asked for by issuer id.
    expect(keys.calls).toEqual([[undefined, 'https://example.edu/issuers/565049']])
    // A random RSA key published by that issuer does not verify it.
    const wrong = await verifyCredentialJwt(jws, { resolveKey: async () => [createPublicKey(rsa.privateKey)], now: NOW })
    expect(wrong).toMatchObject({ ok: false, code: 'bad_signature' })
  })
})
