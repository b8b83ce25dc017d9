import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
// @ts-expect-error -- reference implementation ships no type declarations (test-only dependency)
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { describe, expect, it } from 'vitest'
import {
  base58btcDecode,
  base58btcEncode,
  didKeyFromPublicKey,
  didKeyVerificationMethod,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  generateEd25519,
  MultikeyError,
  multibaseDecode,
  publicKeyFromMultibase,
  publicKeyToMultibase,
  rawEd25519PublicKey,
  resolveDidKey,
  resolveDidKeyVerificationMethod,
} from './multikey.js'

const vector = JSON.parse(
  readFileSync(new URL('../contexts/test-vectors/ldp-eddsa-rdfc-2022-ob-vector.json', import.meta.url), 'utf8'),
) as { publicKeyHex: string; privateKeyHex: string; publicKeyMultibase: string }

describe('base58btc', () => {
  // draft-msporny-base58-03 §5 test vectors.
  it.each([
    ['Hello World!', '2NEpo7TZRRrLZSi2U'],
    ['The quick brown fox jumps over the lazy dog.', 'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z'],
  ])('encodes %j as the draft vector', (text, encoded) => {
    expect(base58btcEncode(Buffer.from(text))).toBe(encoded)
    expect(Buffer.from(base58btcDecode(encoded)).toString()).toBe(text)
  })

  it('keeps leading zero bytes as leading 1s (draft vector 0x0000287fb4cd)', () => {
    expect(base58btcEncode(Buffer.from('0000287fb4cd', 'hex'))).toBe('11233QC4')
    expect(Buffer.from(base58btcDecode('11233QC4')).toString('hex')).toBe('0000287fb4cd')
    expect(base58btcEncode(new Uint8Array(0))).toBe('')
    expect(base58btcEncode(new Uint8Array(3))).toBe('111')
  })

  it('round-trips random byte strings of every length up to 80', () => {
    for (let len = 0; len <= 80; len++) {
      const bytes = randomBytes(len)
      if (len > 2) bytes[0] = 0 // exercise the zero-prefix branch too
      expect(Buffer.from(base58btcDecode(base58btcEncode(bytes))).equals(bytes)).toBe(true)
    }
  })

  it.each(['0', 'O', 'I', 'l', 'abc+', 'é'])('rejects characters outside the alphabet: %j', (bad) => {
    expect(() => base58btcDecode(bad)).toThrow(MultikeyError)
  })

  it('requires the z multibase prefix', () => {
    expect(() => multibaseDecode('u' + 'abc')).toThrow(/prefix "z"/)
    expect(() => multibaseDecode('z')).toThrow(MultikeyError)
  })
})

describe('Ed25519 Multikey', () => {
  it('derives the OB 3.0 vector publicKeyMultibase from its private key', () => {
    const privateKey = ed25519PrivateKeyFromSeed(Buffer.from(vector.privateKeyHex, 'hex'))
    expect(publicKeyToMultibase(privateKey)).toBe(vector.publicKeyMultibase)
    expect(Buffer.from(rawEd25519PublicKey(privateKey)).toString('hex')).toBe(vector.publicKeyHex)
  })

  it('decodes the vector multibase back to the same raw key', () => {
    const key = publicKeyFromMultibase(vector.publicKeyMultibase)
    expect(Buffer.from(rawEd25519PublicKey(key)).toString('hex')).toBe(vector.publicKeyHex)
    expect(publicKeyToMultibase(ed25519PublicKeyFromRaw(Buffer.from(vector.publicKeyHex, 'hex')))).toBe(vector.publicKeyMultibase)
  })

  it('agrees with @digitalbazaar/ed25519-multikey on generated keys, both ways', async () => {
    for (let i = 0; i < 5; i++) {
      const ref = await Ed25519Multikey.generate({ controller: 'did:example:1' })
      const exported = await ref.export({ publicKey: true })
      const ours = publicKeyFromMultibase(exported.publicKeyMultibase)
      expect(publicKeyToMultibase(ours)).toBe(exported.publicKeyMultibase)
      // A signature by the reference key pair verifies under our decoded key.
      const data = randomBytes(32)
      const signature: Uint8Array = await ref.signer().sign({ data })
      expect(verify(null, data, ours, signature)).toBe(true)
    }
    const { publicKey, privateKey } = generateEd25519()
    const ref = await Ed25519Multikey.from({ type: 'Multikey', controller: 'did:example:1', publicKeyMultibase: publicKeyToMultibase(publicKey) })
    const data = randomBytes(48)
    expect(await ref.verifier().verify({ data, signature: sign(null, data, privateKey) })).toBe(true)
  })

  it('rejects other multicodecs and lengths', () => {
    const secp = 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' // secp256k1-pub (0xe701)
    expect(() => publicKeyFromMultibase(secp)).toThrow(/not an Ed25519 Multikey/)
    expect(() => publicKeyFromMultibase(vector.publicKeyMultibase.slice(0, -2))).toThrow(MultikeyError)
    expect(() => ed25519PrivateKeyFromSeed(new Uint8Array(31))).toThrow(MultikeyError)
    expect(() => publicKeyToMultibase(generateKeyPairSync('x25519').publicKey)).toThrow(/Ed25519/)
  })
})

describe('did:key', () => {
  const key = publicKeyFromMultibase(vector.publicKeyMultibase)
  const did = `did:key:${vector.publicKeyMultibase}`

  it('builds the DID and the full verification method URL', () => {
    expect(didKeyFromPublicKey(key)).toBe(did)
    expect(didKeyVerificationMethod(key)).toBe(`${did}#${vector.publicKeyMultibase}`)
  })

  it('resolves a DID to a document listing the Multikey under assertionMethod', () => {
    const doc: unknown = resolveDidKey(did)
    const vmId = `${did}#${vector.publicKeyMultibase}`
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: vector.publicKeyMultibase }],
      authentication: [vmId],
      assertionMethod: [vmId],
      capabilityDelegation: [vmId],
      capabilityInvocation: [vmId],
    })
  })

  it('resolves a DID URL with the key fragment to the verification method alone', () => {
    expect(resolveDidKey(`${did}#${vector.publicKeyMultibase}`)).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${did}#${vector.publicKeyMultibase}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: vector.publicKeyMultibase,
    })
  })

  it.each([
    'did:web:example.com',
    'did:key:',
    `did:key:${vector.publicKeyMultibase}#key-1`,
    'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme',
    'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw0',
    42 as unknown as string,
  ])('rejects %j', (bad) => {
    expect(() => resolveDidKey(bad)).toThrow(MultikeyError)
  })

  it('resolves only full did:key verification method URLs for verification', async () => {
    const vm = await resolveDidKeyVerificationMethod(`${did}#${vector.publicKeyMultibase}`)
    expect(vm?.controller).toBe(did)
    expect(publicKeyToMultibase(vm!.publicKey)).toBe(vector.publicKeyMultibase)
    expect(await resolveDidKeyVerificationMethod(did)).toBeNull()
    expect(await resolveDidKeyVerificationMethod(`${did}#key-1`)).toBeNull()
    expect(await resolveDidKeyVerificationMethod('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme#zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toBeNull()
    expect(await resolveDidKeyVerificationMethod('https://issuer.example/keys#1')).toBeNull()
  })
})
