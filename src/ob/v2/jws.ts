/**
 * OB 2.0 signed assertions: compact JWS, RS256 only (OB 2.0 §SignedBadge; CONFORMANCE A7 items 34–38).
 * Verification takes the key from the hosted CryptographicKey (passed in by the caller) and never from the JWS
 * header; any `alg` other than RS256 — including `none` and HS256 — is rejected before any crypto runs.
 */
import { generateKeyPair as generateKeyPairCb, createPublicKey } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { CompactSign, compactVerify } from 'jose'

/** Largest compact JWS we will look at (baked images carry a few KB; this bounds work on hostile input). */
export const MAX_JWS_LENGTH = 1_000_000

const B64URL_RE = /^[A-Za-z0-9_-]*$/

/** Why a JWS could not be decoded or verified. */
export interface JwsError {
  code: 'invalid_jws' | 'alg_not_allowed' | 'key_invalid' | 'bad_signature'
  message: string
}

export interface DecodedJws {
  header: Record<string, unknown>
  payload: unknown
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown
}

/** True when `value` has the shape of a compact JWS (three base64url segments). Cheap; no decoding. */
export function looksLikeJws(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const text = value.trim()
  if (text.length > MAX_JWS_LENGTH) return false
  const parts = text.split('.')
  return parts.length === 3 && parts.every((part) => B64URL_RE.test(part)) && (parts[0] ?? '') !== '' && (parts[1] ?? '') !== ''
}

/**
 * Decodes a compact JWS without verifying it (RFC 7515 §7.1). Never throws: garbage yields `{ error }`.
 * The payload must be JSON (an OB 2.0 Assertion); the header must be a JSON object.
 */
export function decodeJws(jws: unknown): DecodedJws | { error: JwsError } {
  if (typeof jws !== 'string' || !looksLikeJws(jws)) return { error: { code: 'invalid_jws', message: 'not a compact JWS' } }
  const [headerPart = '', payloadPart = ''] = jws.trim().split('.')
  try {
    const header = decodeSegment(headerPart)
    if (!isPlainObject(header)) return { error: { code: 'invalid_jws', message: 'JWS header is not a JSON object' } }
    return { header, payload: decodeSegment(payloadPart) }
  } catch {
    return { error: { code: 'invalid_jws', message: 'JWS header or payload is not base64url JSON' } }
  }
}

/**
 * Signs an assertion as a compact JWS with protected header exactly `{"alg":"RS256"}` (CONFORMANCE A7 items 34–35).
 * The payload is the UTF-8 JSON of `assertion`. Throws TypeError if the key is not an RSA private key of >= 2048 bits.
 */
export async function signAssertion(assertion: object, privateKey: KeyObject): Promise<string> {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') throw new TypeError('signAssertion needs an RSA private key')
  const payload = new TextEncoder().encode(JSON.stringify(assertion))
  return new CompactSign(payload).setProtectedHeader({ alg: 'RS256' }).sign(privateKey)
}

/**
 * Verifies a compact JWS with an RSA public key given as PEM (SPKI or PKCS#1), accepting only `alg: RS256`
 * (CONFORMANCE A7 item 35) and ignoring any key material in the header (`jwk`, `x5c`, `jku`, `kid`; item 38).
 * Never throws. On success returns the parsed JSON payload.
 */
export async function verifyJws(jws: unknown, publicKeyPem: string): Promise<{ payload: unknown } | { error: JwsError }> {
  const decoded = decodeJws(jws)
  if ('error' in decoded) return decoded
  if (decoded.header.alg !== 'RS256') {
    return { error: { code: 'alg_not_allowed', message: `JWS alg ${JSON.stringify(decoded.header.alg) ?? 'undefined'} is not allowed; only RS256` } }
  }
  let key: KeyObject
  try {
    key = createPublicKey(publicKeyPem)
  } catch {
    return { error: { code: 'key_invalid', message: 'publicKeyPem is not a valid public key' } }
  }
  if (key.asymmetricKeyType !== 'rsa') return { error: { code: 'key_invalid', message: 'key is not an RSA key' } }
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return { error: { code: 'key_invalid', message: 'RSA key is shorter than 2048 bits' } }
  try {
    await compactVerify((jws as string).trim(), key, { algorithms: ['RS256'] })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { error: { code: 'bad_signature', message: 'JWS signature does not verify with the key' } }
    return { error: { code: 'invalid_jws', message: `JWS rejected: ${code === undefined ? 'malformed' : String(code)}` } }
  }
  return { payload: decoded.payload }
}

/** A freshly generated RSA key pair for RS256 signing (2048-bit by default). */
export interface RsaKeyPair {
  privateKey: KeyObject
  publicKey: KeyObject
  /** PKCS#8 PEM. */
  privateKeyPem: string
  /** SPKI PEM (what CryptographicKey.publicKeyPem publishes). */
  publicKeyPem: string
}

const generateKeyPairAsync = promisify(generateKeyPairCb)

/** Generates an RSA key pair (>= 2048 bits; CONFORMANCE A7 item 35 via jose's RS256 minimum). */
export async function generateRsaKeyPair(modulusLength = 2048): Promise<RsaKeyPair> {
  if (modulusLength < 2048) throw new TypeError('RSA keys must be at least 2048 bits')
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength, publicExponent: 0x10001 })
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}
