/**
 * Builders for the OB 2.0 hosted documents (OB 2.0 §Profile, §BadgeClass, §Assertion, §CryptographicKey,
 * §RevocationList, §Endorsement; CONFORMANCE A1–A8). Pure: every URL and date comes from the caller.
 * Absent optional fields are omitted (no nulls, no empty arrays); dates are emitted as ISO 8601 UTC (`...Z`).
 * Builders throw TypeError only on programmer misuse (invalid Date, criteria without id or narrative, non-RSA key).
 */
import { createHash, createPublicKey } from 'node:crypto'
import { hashIdentity, normaliseIdentity } from '../hash.js'
import type { IdentityType } from '../hash.js'
import {
  OB2_CONTEXT,
  type Alignment,
  type AssertionInput,
  type AssertionVerification,
  type BadgeClassInput,
  type Criteria,
  type CryptographicKeyInput,
  type EndorsementInput,
  type Evidence,
  type IdentityObject,
  type Ob2Assertion,
  type Ob2BadgeClass,
  type Ob2CryptographicKey,
  type Ob2Endorsement,
  type Ob2Profile,
  type Ob2RevocationList,
  type Ob2RevokedAssertion,
  type ProfileInput,
  type RevocationListInput,
  type RevokedAssertionInput,
  type RevokedEntry,
} from './types.js'

type Json = Record<string, unknown>

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false
  return !(Array.isArray(value) && value.length === 0)
}

/** Copies the present entries of `optional` onto `base` (arrays are copied, never aliased). */
function withOptional<T extends Json>(base: T, optional: Json): T {
  const out: Json = base
  for (const [key, value] of Object.entries(optional)) {
    if (isPresent(value)) out[key] = Array.isArray(value) ? [...(value as unknown[])] : value
  }
  return base
}

function pick(source: object, keys: readonly string[]): Json {
  const out: Json = {}
  for (const key of keys) {
    const value = (source as Json)[key]
    if (isPresent(value)) out[key] = value
  }
  return out
}

/** Date to ISO 8601 UTC with `Z` (CONFORMANCE A1 item 3). */
function isoDate(date: Date, field: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError(`${field} must be a valid Date`)
  return date.toISOString()
}

function criteriaObject(criteria: Criteria): Criteria {
  const out = pick(criteria, ['id', 'narrative']) as Criteria
  if (out.id === undefined && out.narrative === undefined) throw new TypeError('criteria needs an id or a narrative')
  return out
}

function alignmentObject(alignment: Alignment): Alignment {
  return pick(alignment, ['targetName', 'targetUrl', 'targetDescription', 'targetFramework', 'targetCode']) as unknown as Alignment
}

function evidenceObject(evidence: Evidence): Evidence {
  return pick(evidence, ['id', 'narrative', 'name', 'description', 'genre', 'audience'])
}

function verificationObject(verification: AssertionVerification): AssertionVerification {
  if (verification.type === 'SignedBadge') return { type: 'SignedBadge', creator: verification.creator }
  return { type: 'HostedBadge' }
}

/**
 * Builds an IdentityObject (OB 2.0 §IdentityObject): the identifier is normalised ({@link normaliseIdentity}) and,
 * unless `hashed: false`, replaced by `sha256$...` of identifier + salt (salt omitted when empty).
 * @throws IdentityError on an invalid identifier.
 */
export function buildIdentityObject(
  type: IdentityType,
  identity: string,
  options: { salt?: string; hashed?: boolean } = {},
): IdentityObject {
  const normalised = normaliseIdentity(type, identity)
  if (options.hashed === false) return { type, hashed: false, identity: normalised }
  const salt = options.salt ?? ''
  const object: IdentityObject = { type, hashed: true, identity: hashIdentity(normalised, salt) }
  if (salt !== '') object.salt = salt
  return object
}

/** Issuer Profile (OB 2.0 §Profile; CONFORMANCE A2). `type` is `Issuer`. */
export function buildProfile(input: ProfileInput): Ob2Profile {
  const base: Ob2Profile = { '@context': OB2_CONTEXT, type: 'Issuer', id: input.id, name: input.name, url: input.url, email: input.email }
  const policy = input.verification
  const verification = policy && (isPresent(policy.allowedOrigins) || isPresent(policy.startsWith))
    ? withOptional({ type: 'VerificationObject' }, { allowedOrigins: policy.allowedOrigins, startsWith: policy.startsWith })
    : undefined
  return withOptional(base, {
    description: input.description,
    image: input.image,
    telephone: input.telephone,
    publicKey: input.publicKey,
    revocationList: input.revocationList,
    verification,
    endorsement: input.endorsement,
  })
}

/** BadgeClass (OB 2.0 §BadgeClass; CONFORMANCE A3). `image` is the URL of the unbaked image. */
export function buildBadgeClass(input: BadgeClassInput): Ob2BadgeClass {
  const base: Ob2BadgeClass = {
    '@context': OB2_CONTEXT,
    type: 'BadgeClass',
    id: input.id,
    name: input.name,
    description: input.description,
    image: input.image,
    criteria: criteriaObject(input.criteria),
    issuer: input.issuer,
  }
  return withOptional(base, {
    alignment: input.alignment?.map(alignmentObject),
    tags: input.tags,
    endorsement: input.endorsement,
    version: input.version,
    related: input.related,
  })
}

/**
 * Assertion (OB 2.0 §Assertion; CONFORMANCE A4). Hosted: `verification: {type: 'HostedBadge'}` and `id` is the URL
 * where it is served. Signed: `verification: {type: 'SignedBadge', creator: <key URL>}` (A7 item 36).
 */
export function buildAssertion(input: AssertionInput): Ob2Assertion {
  if (input.image !== undefined && /^data:/i.test(input.image)) throw new TypeError('Assertion.image must be a URL, not a data URI')
  const recipient: IdentityObject = { type: input.recipient.type, hashed: input.recipient.hashed, identity: input.recipient.identity }
  if (isPresent(input.recipient.salt)) recipient.salt = input.recipient.salt as string
  const base: Ob2Assertion = {
    '@context': OB2_CONTEXT,
    type: 'Assertion',
    id: input.id,
    recipient,
    badge: input.badge,
    verification: verificationObject(input.verification),
    issuedOn: isoDate(input.issuedOn, 'issuedOn'),
  }
  return withOptional(base, {
    expires: input.expires === undefined ? undefined : isoDate(input.expires, 'expires'),
    image: input.image,
    evidence: input.evidence?.map(evidenceObject),
    narrative: input.narrative,
    endorsement: input.endorsement,
  })
}

/** CryptographicKey (OB 2.0 §CryptographicKey; CONFORMANCE A7 item 37): RSA public key as SPKI PEM. */
export function buildCryptographicKey(input: CryptographicKeyInput): Ob2CryptographicKey {
  // A private key (KeyObject or PEM) is reduced to its public half, so private material can never leak here.
  const given = input.publicKey
  const key = typeof given !== 'string' && given.type === 'public' ? given : createPublicKey(given)
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError('OB 2.0 signing keys must be RSA (RS256)')
  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString()
  return { '@context': OB2_CONTEXT, type: 'CryptographicKey', id: input.id, owner: input.owner, publicKeyPem }
}

// RFC 4122 §4.3 name-based UUID (version 5, SHA-1) in the URL namespace.
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')
function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(URL_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The permanent sentinel entries of a revocation list: `urn:uuid:` v5 UUIDs derived from the list id, so they
 * never change and never collide with a real assertion id.
 */
export function revocationSentinels(listId: string): [string, string] {
  return [`urn:uuid:${uuidV5(`${listId}#sentinel-1`)}`, `urn:uuid:${uuidV5(`${listId}#sentinel-2`)}`]
}

/**
 * RevocationList (OB 2.0 §RevocationList; CONFORMANCE A7 items 39–40). Always holds at least two entries: a
 * permanent sentinel first (plus a second one while nothing is revoked), because a one-entry list is compacted to a
 * scalar by validator-core, which then misses the revocation. Sentinels are `{ id, revocationReason }` objects whose
 * reason says they are placeholders (a new organisation's list holds exactly these two).
 */
export const SENTINEL_REASON = 'Not an assertion: a permanent placeholder that keeps this list a list for verifiers that turn a one-entry list into a single value (and then miss a revocation).'

export function buildRevocationList(input: RevocationListInput): Ob2RevocationList {
  // Each placeholder says what it is, so nobody reading the list takes it for a revoked badge.
  const [first, second] = revocationSentinels(input.id).map((id) => ({ id, revocationReason: SENTINEL_REASON })) as [RevokedEntry, RevokedEntry]
  const entries: Array<string | RevokedEntry> = input.revoked.map((entry) =>
    isPresent(entry.revocationReason) ? { id: entry.id, revocationReason: entry.revocationReason as string } : { id: entry.id },
  )
  const revokedAssertions = entries.length === 0 ? [first, second] : [first, ...entries]
  return { '@context': OB2_CONTEXT, type: 'RevocationList', id: input.id, issuer: input.issuer, revokedAssertions }
}

/** Endorsement (OB 2.0 §Endorsement; CONFORMANCE A8 item 41). */
export function buildEndorsement(input: EndorsementInput): Ob2Endorsement {
  return {
    '@context': OB2_CONTEXT,
    type: 'Endorsement',
    id: input.id,
    issuer: input.issuer,
    issuedOn: isoDate(input.issuedOn, 'issuedOn'),
    claim: withOptional({ id: input.claim.id }, { endorsementComment: input.claim.endorsementComment }),
    verification: verificationObject(input.verification),
  }
}

/** The body served with `410 Gone` for a revoked hosted assertion (OB 2.0 §Assertion revoked; CONFORMANCE A6 item 32). */
export function buildRevokedAssertion(input: RevokedAssertionInput): Ob2RevokedAssertion {
  return withOptional({ '@context': OB2_CONTEXT, id: input.id, revoked: true as const }, { revocationReason: input.revocationReason })
}
