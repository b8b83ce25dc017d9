import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

/**
 * Ed25519 Multikey helpers (Controlled Identifiers v1.0 §2.2.2 Multikey; Multibase base58-btc; did:key v0.7)
 * used by Data Integrity `eddsa-rdfc-2022` (CONFORMANCE B4 item 67).
 */

/** Thrown on malformed base58btc / multibase / did:key input. */
export class MultikeyError extends Error {
  override readonly name = 'MultikeyError'
  constructor(
    readonly code: 'invalid_base58' | 'invalid_multibase' | 'invalid_key' | 'invalid_did_key',
    message: string,
  ) {
    super(message)
  }
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i

/** Base58 (Bitcoin alphabet) encoding, as used by multibase prefix `z` (draft-msporny-base58 §3). */
export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  // Digits in base 58, least significant first; repeated "multiply by 256 and add" over the input.
  const digits: number[] = []
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) << 8
      digits[j] = carry % 58
      carry = (carry / 58) | 0
    }
    while (carry > 0) {
      digits.push(carry % 58)
      carry = (carry / 58) | 0
    }
  }
  let out = '1'.repeat(zeros)
  for (let k = digits.length - 1; k >= 0; k--) out += ALPHABET[digits[k] as number]
  return out
}

/**
 * Decodes Base58 (Bitcoin alphabet).
 * @throws MultikeyError `invalid_base58` on a character outside the alphabet.
 */
export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  const bytes: number[] = [] // base 256, least significant first
  for (let i = zeros; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const v = c < 128 ? (INDEX[c] as number) : -1
    if (v < 0) throw new MultikeyError('invalid_base58', `invalid base58btc character at ${i}`)
    let carry = v
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58
      bytes[j] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  const out = new Uint8Array(zeros + bytes.length)
  for (let k = 0; k < bytes.length; k++) out[zeros + k] = bytes[bytes.length - 1 - k] as number
  return out
}

/** Multibase base58-btc: `z` + base58btc(bytes) (Multibase §2.4). */
export function multibaseEncode(bytes: Uint8Array): string {
  return 'z' + base58btcEncode(bytes)
}

/**
 * Decodes a `z`-prefixed multibase string.
 * @throws MultikeyError `invalid_multibase` / `invalid_base58`.
 */
export function multibaseDecode(text: string): Uint8Array {
  if (typeof text !== 'string' || text[0] !== 'z' || text.length < 2) {
    throw new MultikeyError('invalid_multibase', 'expected a base58-btc multibase string (prefix "z")')
  }
  return base58btcDecode(text.slice(1))
}

// Multicodec ed25519-pub = 0xed, as an unsigned varint: 0xed 0x01.
const ED25519_PUB_HEADER = [0xed, 0x01] as const
// PKCS#8 / SPKI DER prefixes for raw Ed25519 keys (RFC 8410 §7, §10.3).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

function assertEd25519(key: KeyObject, kind: 'public' | 'private'): void {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== kind) {
    throw new MultikeyError('invalid_key', `expected an Ed25519 ${kind} KeyObject`)
  }
}

/** Raw 32-byte Ed25519 public key (RFC 8032 §5.1.5) of a public or private KeyObject. */
export function rawEd25519PublicKey(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key
  assertEd25519(pub, 'public')
  const der = pub.export({ format: 'der', type: 'spki' })
  return new Uint8Array(der.subarray(SPKI_PREFIX.length))
}

/** Ed25519 public KeyObject from 32 raw bytes. */
export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new MultikeyError('invalid_key', 'an Ed25519 public key is 32 bytes')
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
}

/** Ed25519 private KeyObject from the 32-byte seed (or the 64-byte seed||public form; only the seed is used). */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32 && seed.length !== 64) {
    throw new MultikeyError('invalid_key', 'an Ed25519 private key is a 32-byte seed (or 64 bytes seed||public)')
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed.subarray(0, 32)]), format: 'der', type: 'pkcs8' })
}

/** Multikey `publicKeyMultibase`: `z` + base58btc(0xed01 || 32-byte key) (Controlled Identifiers §2.2.2). */
export function publicKeyToMultibase(key: KeyObject): string {
  const raw = rawEd25519PublicKey(key)
  const bytes = new Uint8Array(34)
  bytes.set(ED25519_PUB_HEADER, 0)
  bytes.set(raw, 2)
  return multibaseEncode(bytes)
}

/**
 * Ed25519 public KeyObject from a Multikey `publicKeyMultibase`.
 * @throws MultikeyError if it is not `z` + base58btc(0xed01 || 32 bytes).
 */
export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject {
  const bytes = multibaseDecode(publicKeyMultibase)
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_HEADER[0] || bytes[1] !== ED25519_PUB_HEADER[1]) {
    throw new MultikeyError('invalid_key', 'publicKeyMultibase is not an Ed25519 Multikey (0xed01 + 32 bytes)')
  }
  return ed25519PublicKeyFromRaw(bytes.subarray(2))
}

/** `did:key:z6Mk…` for an Ed25519 public key (did:key v0.7 §3.1). */
export function didKeyFromPublicKey(key: KeyObject): string {
  return `did:key:${publicKeyToMultibase(key)}`
}

/** Full verification method URL `did:key:z6Mk…#z6Mk…` (use this in proofs, CONFORMANCE B4 item 67). */
export function didKeyVerificationMethod(key: KeyObject): string {
  const mb = publicKeyToMultibase(key)
  return `did:key:${mb}#${mb}`
}

/** A Multikey verification method as it appears inside a controller / DID document. */
export interface MultikeyVerificationMethod {
  id: string
  type: 'Multikey'
  controller: string
  publicKeyMultibase: string
}

/** A minimal DID document (DID Core §5) listing one Multikey under every verification relationship but keyAgreement. */
export interface DidKeyDocument {
  '@context': [string, string]
  id: string
  verificationMethod: [MultikeyVerificationMethod]
  authentication: [string]
  assertionMethod: [string]
  capabilityDelegation: [string]
  capabilityInvocation: [string]
}

const DID_KEY_RE = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/

/**
 * Resolves an Ed25519 `did:key` locally (did:key v0.7 §3.1.2, no network). For a bare DID it returns the DID
 * document; for `did:key:X#X` the verification method alone with the multikey context, the way digitalbazaar's
 * did:key driver answers (so it plugs into a documentLoader).
 * @throws MultikeyError `invalid_did_key` for anything but an Ed25519 did:key (fragment must equal the key).
 */
export function resolveDidKey(didUrl: string): DidKeyDocument | (MultikeyVerificationMethod & { '@context': string }) {
  const m = typeof didUrl === 'string' ? DID_KEY_RE.exec(didUrl) : null
  if (m === null) throw new MultikeyError('invalid_did_key', 'not a did:key URL')
  const mb = m[1] as string
  if (m[2] !== undefined && m[2] !== mb) throw new MultikeyError('invalid_did_key', 'did:key fragment must equal the key')
  try {
    publicKeyFromMultibase(mb)
  } catch (err) {
    throw new MultikeyError('invalid_did_key', `did:key is not an Ed25519 Multikey: ${(err as Error).message}`)
  }
  const did = `did:key:${mb}`
  const vm: MultikeyVerificationMethod = { id: `${did}#${mb}`, type: 'Multikey', controller: did, publicKeyMultibase: mb }
  if (m[2] !== undefined) return { '@context': 'https://w3id.org/security/multikey/v1', ...vm }
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [vm],
    authentication: [vm.id],
    assertionMethod: [vm.id],
    capabilityDelegation: [vm.id],
    capabilityInvocation: [vm.id],
  }
}

/**
 * Resolver for Data Integrity verification (shape of data-integrity.ts `ResolveVerificationMethod`): the key and
 * controller of a full did:key verification method URL `did:key:X#X`; `null` for anything else (including a bare
 * DID, which reference verifiers reject as a verificationMethod, CONFORMANCE B4 item 67).
 */
export async function resolveDidKeyVerificationMethod(vmId: string): Promise<{ publicKey: KeyObject; controller: string } | null> {
  const m = typeof vmId === 'string' ? DID_KEY_RE.exec(vmId) : null
  if (m === null || m[2] === undefined || m[2] !== m[1]) return null
  try {
    return { publicKey: publicKeyFromMultibase(m[1] as string), controller: `did:key:${m[1]}` }
  } catch {
    return null
  }
}

/** A fresh Ed25519 key pair (RFC 8032). */
export function generateEd25519(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519')
}
