import { createHmac, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeJws, generateRsaKeyPair, MAX_JWS_LENGTH, signAssertion, verifyJws, type RsaKeyPair } from './jws.js'

const b64u = (value: string | Buffer) => Buffer.from(value).toString('base64url')
const json = (value: unknown) => b64u(JSON.stringify(value))

// Spec example payload: vectors/ob20/spec-examples/example-signed-badge-assertion-2.json (shape only).
const ASSERTION = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b',
  recipient: { type: 'email', hashed: true, salt: 'deadsea', identity: 'sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5' },
  issuedOn: '2016-12-31T23:59:59Z',
  badge: 'https://example.org/robotics-badge.json',
  verification: { type: 'SignedBadge', creator: 'https://example.org/publicKey.json' },
}

/** Builds a compact JWS by hand with node:crypto (independent of jose and of the code under test). */
function handSigned(header: object, payload: unknown, key: KeyObject, digest = 'sha256'): string {
  const input = `${json(header)}.${json(payload)}`
  return `${input}.${b64u(nodeSign(digest, Buffer.from(input), key))}`
}

let issuer: RsaKeyPair
let attacker: RsaKeyPair
beforeAll(async () => {
  ;[issuer, attacker] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()])
})

describe('signAssertion', () => {
  it('produces a compact JWS with header exactly {"alg":"RS256"} and the assertion JSON as payload (A7 items 34-35)', async () => {
    const jws = await signAssertion(ASSERTION, issuer.privateKey)
    const [header = '', payload = '', signature = ''] = jws.split('.')
    expect(Buffer.from(header, 'base64url').toString('utf8')).toBe('{"alg":"RS256"}')
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual(ASSERTION)
    // RS256 = RSASSA-PKCS1-v1_5 with SHA-256 over "header.payload" (RFC 7518 §3.3), checked with node:crypto.
    expect(nodeVerify('sha256', Buffer.from(`${header}.${payload}`), issuer.publicKey, Buffer.from(signature, 'base64url'))).toBe(true)
  })

  it('refuses public keys and non-RSA keys', async () => {
    await expect(signAssertion(ASSERTION, issuer.publicKey)).rejects.toThrow(TypeError)
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    await expect(signAssertion(ASSERTION, ec.privateKey)).rejects.toThrow(TypeError)
  })
})

describe('verifyJws', () => {
  it('accepts our JWS and one signed independently with node:crypto', async () => {
    expect(await verifyJws(await signAssertion(ASSERTION, issuer.privateKey), issuer.publicKeyPem)).toEqual({ payload: ASSERTION })
    expect(await verifyJws(handSigned({ alg: 'RS256' }, ASSERTION, issuer.privateKey), issuer.publicKeyPem)).toEqual({ payload: ASSERTION })
  })

  it('accepts a PKCS#1 PEM for the same key', async () => {
    const pkcs1 = issuer.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    expect(await verifyJws(await signAssertion(ASSERTION, issuer.privateKey), pkcs1)).toEqual({ payload: ASSERTION })
  })

  it('rejects a tampered payload and a wrong key with bad_signature', async () => {
    const jws = await signAssertion(ASSERTION, issuer.privateKey)
    const [header, , signature] = jws.split('.')
    const tampered = `${header}.${json({ ...ASSERTION, issuedOn: '2015-01-01T00:00:00Z' })}.${signature}`
    expect(await verifyJws(tampered, issuer.publicKeyPem)).toMatchObject({ error: { code: 'bad_signature' } })
    expect(await verifyJws(jws, attacker.publicKeyPem)).toMatchObject({ error: { code: 'bad_signature' } })
  })

  it('rejects alg none, HS256 keyed with the public PEM, RS512, PS256 and ES256 with alg_not_allowed', async () => {
    const none = `${json({ alg: 'none' })}.${json(ASSERTION)}.`
    const hsInput = `${json({ alg: 'HS256' })}.${json(ASSERTION)}`
    const hs256 = `${hsInput}.${b64u(createHmac('sha256', issuer.publicKeyPem).update(hsInput).digest())}`
    const rs512 = handSigned({ alg: 'RS512' }, ASSERTION, issuer.privateKey, 'sha512')
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const es256 = handSigned({ alg: 'ES256' }, ASSERTION, ec.privateKey)
    const noAlg = handSigned({ typ: 'JWT' }, ASSERTION, issuer.privateKey)
    for (const jws of [none, hs256, rs512, es256, noAlg]) {
      expect(await verifyJws(jws, issuer.publicKeyPem)).toMatchObject({ error: { code: 'alg_not_allowed' } })
    }
  })

  it('never trusts a key carried in the header (jwk of the attacker)', async () => {
    const jwk = attacker.publicKey.export({ format: 'jwk' })
    const forged = handSigned({ alg: 'RS256', jwk }, ASSERTION, attacker.privateKey)
    expect(await verifyJws(forged, issuer.publicKeyPem)).toMatchObject({ error: { code: 'bad_signature' } })
  })

  it('rejects keys that are not RSA >= 2048 and PEMs that are not keys, with key_invalid', async () => {
    const jws = await signAssertion(ASSERTION, issuer.privateKey)
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const smallJws = handSigned({ alg: 'RS256' }, ASSERTION, small.privateKey)
    expect(await verifyJws(smallJws, small.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toMatchObject({ error: { code: 'key_invalid' } })
    expect(await verifyJws(jws, ec.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toMatchObject({ error: { code: 'key_invalid' } })
    expect(await verifyJws(jws, '-----BEGIN PUBLIC KEY-----\nMIIBG0BA...OClDQAB\n-----END PUBLIC KEY-----\n')).toMatchObject({ error: { code: 'key_invalid' } })
  })

  it('rejects unknown critical header parameters', async () => {
    const crit = handSigned({ alg: 'RS256', crit: ['x-unknown'], 'x-unknown': 1 }, ASSERTION, issuer.privateKey)
    expect(await verifyJws(crit, issuer.publicKeyPem)).toMatchObject({ error: { code: 'invalid_jws' } })
  })
})

describe('decodeJws', () => {
  it('decodes header and payload without verifying', async () => {
    const jws = await signAssertion(ASSERTION, issuer.privateKey)
    expect(decodeJws(jws)).toEqual({ header: { alg: 'RS256' }, payload: ASSERTION })
  })

  it.each([
    ['a number', 42],
    ['null', null],
    ['empty string', ''],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['four segments', 'a.b.c.d'],
    ['non-base64url characters', 'eyJ!.e30.sig'],
    ['header not JSON', `${b64u('not json')}.${json({})}.sig`],
    ['header is an array', `${json(['RS256'])}.${json({})}.sig`],
    ['payload not JSON', `${json({ alg: 'RS256' })}.${b64u('\u0000\u0001')}.sig`],
    ['oversized', `${json({ alg: 'RS256' })}.${'A'.repeat(MAX_JWS_LENGTH)}.sig`],
  ])('returns invalid_jws for %s and never throws', async (_label, input) => {
    expect(decodeJws(input)).toMatchObject({ error: { code: 'invalid_jws' } })
    expect(await verifyJws(input, issuer.publicKeyPem)).toMatchObject({ error: { code: 'invalid_jws' } })
  })
})

describe('generateRsaKeyPair', () => {
  it('returns a 2048-bit RSA pair whose PEMs round-trip to the same public key', () => {
    expect(issuer.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(issuer.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect(createPublicKey(issuer.privateKeyPem).export({ format: 'jwk' })).toEqual(createPublicKey(issuer.publicKeyPem).export({ format: 'jwk' }))
  })

  it('refuses keys shorter than 2048 bits', async () => {
    await expect(generateRsaKeyPair(1024)).rejects.toThrow(TypeError)
  })
})
