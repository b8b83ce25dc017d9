import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Recipient identity kinds accepted by OB 2.0 IdentityObject `type` (OB 2.0 §IdentityObject; CONFORMANCE A5 item 25). */
export type IdentityType = 'email' | 'url' | 'telephone' | 'id'

/** Stable machine codes for {@link IdentityError}. */
export type IdentityErrorCode =
  | 'invalid_identity_type'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_telephone'
  | 'invalid_id'

/** Thrown by {@link normaliseIdentity} when an identifier cannot be used as a recipient identity. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError'
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message)
  }
}

// Validator-core's email pattern (CONFORMANCE A2 item 9): anything stricter would reject addresses verifiers accept.
const EMAIL_RE = /^[^@\s]+@[^@\s]+$/
const TELEPHONE_RE = /^\+?[1-9]\d{1,14}$/
// RFC 3987 scheme followed by a non-empty, whitespace-free remainder.
const IRI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/

/**
 * Normalises a recipient identifier before hashing (OB 2.0 §IdentityObject, CONFORMANCE A5 item 28).
 * The spec defines no normalisation and verifiers compare exact bytes, so the only rewrite is trimming and
 * lower-casing emails; every other type is validated and returned trimmed, byte for byte.
 * @throws IdentityError on an invalid identifier or type.
 */
export function normaliseIdentity(type: IdentityType, identity: string): string {
  const value = typeof identity === 'string' ? identity.trim() : ''
  switch (type) {
    case 'email': {
      const email = value.toLowerCase()
      if (!EMAIL_RE.test(email) || email.length > 254) throw new IdentityError('invalid_email', 'not a valid email address')
      return email
    }
    case 'url': {
      if (!/^https?:\/\//i.test(value) || /\s/.test(value)) throw new IdentityError('invalid_url', 'url identity must be an absolute http(s) URL')
      try {
        const parsed = new URL(value)
        if (parsed.hostname === '') throw new Error('no host')
      } catch {
        throw new IdentityError('invalid_url', 'url identity must be an absolute http(s) URL')
      }
      return value
    }
    case 'telephone':
      if (!TELEPHONE_RE.test(value)) throw new IdentityError('invalid_telephone', 'telephone identity must be E.164 (+ and up to 15 digits)')
      return value
    case 'id':
      if (!IRI_RE.test(value)) throw new IdentityError('invalid_id', 'id identity must be an IRI with a scheme')
      return value
    default:
      throw new IdentityError('invalid_identity_type', 'identity type must be one of email, url, telephone, id')
  }
}

/**
 * Hashes a recipient identity: `sha256$` + hex(SHA-256(UTF8(identity) || UTF8(salt))). Salt is appended with no
 * separator; an empty salt hashes the identity alone (OB 2.0 §IdentityObject; OB 3.0 §IdentityObject;
 * CONFORMANCE A5 item 26, B2 item 60). The identity is hashed as given: normalise it first.
 */
export function hashIdentity(identity: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identity + salt, 'utf8').digest('hex')}`
}

/** A fresh random salt: 16 random bytes as 32 lower-case hex characters (CONFORMANCE A5 item 28). */
export function newSalt(): string {
  return randomBytes(16).toString('hex')
}

const HASH_RE = /^(sha256|md5)\$([0-9a-fA-F]+)$/
const HEX_LENGTH = { sha256: 64, md5: 32 } as const

/**
 * True when `hash` (`sha256$<64 hex>` or `md5$<32 hex>`, hex in either case) is the hash of `identity` + `salt`
 * (OB 2.0 §IdentityObject; CONFORMANCE A5 item 26). Malformed hashes never match; nothing throws.
 */
export function identityMatches(hash: string, identity: string, salt?: string): boolean {
  if (typeof hash !== 'string' || typeof identity !== 'string') return false
  const match = HASH_RE.exec(hash.trim())
  if (!match) return false
  const algorithm = match[1] as 'sha256' | 'md5'
  const expectedHex = (match[2] ?? '').toLowerCase()
  if (expectedHex.length !== HEX_LENGTH[algorithm]) return false
  const actual = createHash(algorithm).update(identity + (typeof salt === 'string' ? salt : ''), 'utf8').digest()
  return timingSafeEqual(actual, Buffer.from(expectedHex, 'hex'))
}
