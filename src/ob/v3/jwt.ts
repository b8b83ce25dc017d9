import { createPublicKey } from 'node:crypto'
import type { JsonWebKey, KeyObject } from 'node:crypto'
import { CompactSign, compactVerify, decodeJwt, decodeProtectedHeader } from 'jose'

/**
 * VC-JWT for OB 3.0 (OB 3.0 §8.2 "JSON Web Token Proof Format"; VC-JOSE-COSE; CONFORMANCE items 70–72).
 * Only RS256 and ES256 are accepted (what the 1EdTech inspector verifies, item 63). A key found in the header is
 * never trusted on its own: it must be one the issuer publishes.
 */

export type JwtAlg = 'RS256' | 'ES256'

/** Accepted signature algorithms. `none`, HS*, EdDSA, PS* ... are rejected. */
export const JWT_ALGORITHMS: readonly JwtAlg[] = ['RS256', 'ES256']

/** Longest compact JWS accepted before any decoding. */
export const MAX_JWT_LENGTH = 1024 * 1024

/** Options of {@link signCredentialJwt}. `kid` dereferences to the JWK (`/ob/v3/issuers/{orgId}/jwks/{kid}`). */
export interface SignJwtOptions {
  alg: JwtAlg
  privateKey: KeyObject
  kid: string
}

type Json = Record<string, unknown>

const seconds = (iso: unknown): number | undefined => {
  if (typeof iso !== 'string') return undefined
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined
}

const idOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
    return (value as { id: string }).id
  }
  return undefined
}

const subjectId = (credential: Json): string | undefined => {
  const subject = credential.credentialSubject
  return Array.isArray(subject) ? undefined : idOf(subject)
}

/**
 * Signs a VCDM 2.0 credential as a VC-JWT (CONFORMANCE items 70, 71). Header: `{ alg, kid, typ: 'JWT' }` only.
 * Payload: the credential plus `iss` = issuer id, `jti` = id, `nbf` = validFrom, `exp` = validUntil (if present),
 * `sub` = credentialSubject.id (if present).
 * @throws TypeError if the credential has no issuer id, id or valid validFrom; jose errors on a key/alg mismatch.
 */
export async function signCredentialJwt(credential: Json, opts: SignJwtOptions): Promise<string> {
  if (!JWT_ALGORITHMS.includes(opts.alg)) throw new TypeError(`unsupported alg ${String(opts.alg)}`)
  const iss = idOf(credential.issuer)
  const jti = credential.id
  const nbf = seconds(credential.validFrom)
  if (iss === undefined || typeof jti !== 'string' || nbf === undefined) {
    throw new TypeError('credential needs issuer.id, id and a valid validFrom')
  }
  const payload: Json = { ...credential, iss, jti, nbf }
  if (credential.validUntil !== undefined) {
    const exp = seconds(credential.validUntil)
    if (exp === undefined) throw new TypeError('invalid validUntil')
    payload.exp = exp
  }
  const sub = subjectId(credential)
  if (sub !== undefined) payload.sub = sub
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: opts.alg, kid: opts.kid, typ: 'JWT' })
    .sign(opts.privateKey)
}

/** Dependencies of {@link verifyCredentialJwt}. */
export interface VerifyJwtOptions {
  /** The public keys the issuer publishes for `kid` (or all its JWT keys when `kid` is absent). May throw. */
  resolveKey(kid: string | undefined, issuerId: string): Promise<KeyObject[]>
  now: Date
}

/**
 * Result of {@link verifyCredentialJwt}. `ok` = signature, claims and validity window all good. When only the
 * window fails (`code` `not_yet_valid` / `expired`) the signature and claims were good and `credential` is set.
 */
export interface VerifyJwtResult {
  ok: boolean
  credential?: Json
  /** `vcdm2` = the payload is the credential; `vcdm1` = VCDM 1.1 `vc` claim. */
  form?: 'vcdm2' | 'vcdm1'
  kid?: string
  code?: string
  message?: string
}

const ALLOWED_HEADER = new Set(['alg', 'kid', 'typ', 'jwk'])
const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const

function fail(code: string, message: string, extra: Partial<VerifyJwtResult> = {}): VerifyJwtResult {
  return { ok: false, ...extra, code, message }
}

function keyFitsAlg(key: KeyObject, alg: JwtAlg): boolean {
  if (key.type !== 'public' && key.type !== 'private') return false
  if (alg === 'RS256') return key.asymmetricKeyType === 'rsa'
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
}

/**
 * Extracts the credential from the payload and checks it against the JWT claims (CONFORMANCE item 71; VC-JWT 1.1
 * §6.3.1 for the `vc` form, where a claim may also supply a missing credential property).
 */
function credentialFromPayload(payload: Json): { credential: Json; form: 'vcdm2' | 'vcdm1' } | { error: string } {
  const vc = payload.vc
  const form = vc !== null && typeof vc === 'object' && !Array.isArray(vc) ? 'vcdm1' : 'vcdm2'
  const credential: Json = form === 'vcdm1' ? { ...(vc as Json) } : { ...payload }
  if (form === 'vcdm2') for (const claim of REGISTERED_CLAIMS) delete credential[claim]
  const fromKey = form === 'vcdm1' && credential.validFrom === undefined ? 'issuanceDate' : 'validFrom'
  const untilKey = form === 'vcdm1' && credential.validUntil === undefined ? 'expirationDate' : 'validUntil'
  if (form === 'vcdm1') {
    // VC-JWT 1.1: claims fill in missing properties; present ones must match (checked below).
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss
    if (credential[fromKey] === undefined && typeof payload.nbf === 'number') {
      credential[fromKey] = new Date(payload.nbf * 1000).toISOString().replace('.000Z', 'Z')
    }
    if (credential[untilKey] === undefined && typeof payload.exp === 'number') {
      credential[untilKey] = new Date(payload.exp * 1000).toISOString().replace('.000Z', 'Z')
    }
    const subject = credential.credentialSubject
    if (typeof payload.sub === 'string' && subject !== null && typeof subject === 'object' && !Array.isArray(subject)) {
      if ((subject as Json).id === undefined) credential.credentialSubject = { ...(subject as Json), id: payload.sub }
    }
  }
  const issuerId = idOf(credential.issuer)
  if (issuerId === undefined) return { error: 'credential has no issuer id' }
  if (payload.iss !== issuerId) return { error: 'iss does not equal the credential issuer id' }
  if (credential.id !== undefined && payload.jti !== credential.id) return { error: 'jti does not equal the credential id' }
  const from = seconds(credential[fromKey])
  if (credential[fromKey] !== undefined && (from === undefined || payload.nbf !== from)) {
    return { error: `nbf does not equal ${fromKey}` }
  }
  const until = seconds(credential[untilKey])
  if (credential[untilKey] !== undefined && (until === undefined || payload.exp !== until)) {
    return { error: `exp does not equal ${untilKey}` }
  }
  if (credential[untilKey] === undefined && payload.exp !== undefined) return { error: `exp set but no ${untilKey}` }
  const sub = subjectId(credential)
  if (payload.sub !== undefined && payload.sub !== sub) return { error: 'sub does not equal credentialSubject.id' }
  return { credential, form }
}

/**
 * Verifies a VC-JWT OB 3.0 credential (CONFORMANCE items 63, 70, 71, 77). Accepts the VCDM 2.0 form and the VCDM 1.1
 * `vc` claim form. Never throws: failures come back as `{ ok: false, code, message }`.
 * Codes: jwt_too_large, malformed_jwt, unsupported_alg, bad_header, jwk_private, claim_mismatch,
 * key_resolution_failed, key_not_found, key_not_listed, bad_signature, not_yet_valid, expired.
 */
export async function verifyCredentialJwt(jws: string, opts: VerifyJwtOptions): Promise<VerifyJwtResult> {
  if (typeof jws !== 'string') return fail('malformed_jwt', 'a compact JWS string is required')
  if (jws.length > MAX_JWT_LENGTH) return fail('jwt_too_large', `JWT longer than ${MAX_JWT_LENGTH} characters`)
  const compactJws = jws.trim()
  let header: Json
  let payload: Json
  try {
    if (compactJws.split('.').length !== 3) throw new Error('not three parts')
    header = decodeProtectedHeader(compactJws) as Json
    payload = decodeJwt(compactJws) as Json
  } catch (err) {
    return fail('malformed_jwt', `not a compact JWS with a JSON payload: ${(err as Error).message}`)
  }
  const alg = header.alg
  if (typeof alg !== 'string' || !(JWT_ALGORITHMS as readonly string[]).includes(alg)) {
    return fail('unsupported_alg', `alg ${JSON.stringify(alg)} is not allowed (only RS256, ES256)`)
  }
  const extra = Object.keys(header).filter((k) => !ALLOWED_HEADER.has(k))
  if (extra.length > 0) return fail('bad_header', `header parameters not allowed: ${extra.join(', ')}`)
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) {
    return fail('bad_header', 'typ must be "JWT"')
  }
  const kid = header.kid
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) return fail('bad_header', 'kid must be a string')
  let headerKey: KeyObject | undefined
  if (header.jwk !== undefined) {
    const jwk = header.jwk
    if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) return fail('bad_header', 'jwk must be an object')
    if ('d' in jwk) return fail('jwk_private', 'the header jwk contains private key material')
    try {
      headerKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
    } catch (err) {
      return fail('bad_header', `header jwk is not a public key: ${(err as Error).message}`)
    }
  }

  const extracted = credentialFromPayload(payload)
  if ('error' in extracted) return fail('claim_mismatch', extracted.error)
  const { credential, form } = extracted
  const issuerId = idOf(credential.issuer) as string
  const base: Partial<VerifyJwtResult> = kid === undefined ? { form } : { form, kid }

  let keys: KeyObject[]
  try {
    keys = await opts.resolveKey(kid, issuerId)
  } catch (err) {
    return fail('key_resolution_failed', `issuer keys could not be resolved: ${(err as Error).message}`, base)
  }
  let candidates = keys.filter((k) => keyFitsAlg(k, alg as JwtAlg))
  if (headerKey !== undefined) {
    const listed = candidates.find((k) => k.equals(headerKey))
    if (listed === undefined) return fail('key_not_listed', 'the header jwk is not a key the issuer publishes', base)
    candidates = [listed]
  }
  if (candidates.length === 0) return fail('key_not_found', `no ${alg} key published by the issuer for this JWT`, base)

  let verified = false
  for (const key of candidates) {
    try {
      await compactVerify(compactJws, key, { algorithms: [alg] })
      verified = true
      break
    } catch {
      // try the next published key
    }
  }
  if (!verified) return fail('bad_signature', 'the JWT signature does not verify with the issuer keys', base)

  const now = Math.floor(opts.now.getTime() / 1000)
  if (typeof payload.nbf === 'number' && now < payload.nbf) {
    return fail('not_yet_valid', 'the credential is not valid yet (nbf)', { ...base, credential })
  }
  if (typeof payload.exp === 'number' && now >= payload.exp) {
    return fail('expired', 'the credential has expired (exp)', { ...base, credential })
  }
  return { ok: true, credential, ...base }
}
