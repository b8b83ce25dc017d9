/**
 * Open Badges 2.0 document shapes (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html).
 * Inputs carry every URL already computed by the caller; outputs are the plain JSON objects we publish.
 */
import type { KeyObject } from 'node:crypto'
import type { IdentityType } from '../hash.js'

/** The OB 2.0 JSON-LD context IRI (OB 2.0 §Context; CONFORMANCE A1 item 1). */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2'

/** OB 2.0 §Criteria: an embedded Criteria without `id` must carry `narrative`. */
export interface Criteria {
  id?: string
  narrative?: string
}

/** OB 2.0 §AlignmentObject. */
export interface Alignment {
  targetName: string
  targetUrl: string
  targetDescription?: string
  targetFramework?: string
  targetCode?: string
}

/** OB 2.0 §Evidence. */
export interface Evidence {
  id?: string
  narrative?: string
  name?: string
  description?: string
  genre?: string
  audience?: string
}

/** OB 2.0 §IdentityObject. `identity` is `sha256$...` when `hashed`, the plain identifier otherwise. */
export interface IdentityObject {
  type: IdentityType
  identity: string
  hashed: boolean
  salt?: string
}

/** OB 2.0 §VerificationObject as used by an Assertion or Endorsement. */
export type AssertionVerification = { type: 'HostedBadge' } | { type: 'SignedBadge'; creator: string }

/** OB 2.0 §VerificationObject as used by an issuer Profile (origin policy, CONFORMANCE A8 / item 31). */
export interface IssuerVerificationPolicy {
  allowedOrigins?: string[]
  startsWith?: string[]
}

export interface ProfileInput {
  id: string
  name: string
  url: string
  email: string
  description?: string
  /** http(s) URL or PNG/SVG data URI. */
  image?: string
  telephone?: string
  /** CryptographicKey URLs (signed badges). */
  publicKey?: string[]
  /** RevocationList URL (signed badges). */
  revocationList?: string
  endorsement?: string[]
  verification?: IssuerVerificationPolicy
}

export interface BadgeClassInput {
  id: string
  name: string
  description: string
  /** URL of the unbaked badge image (PNG or SVG). */
  image: string
  criteria: Criteria
  issuer: string
  alignment?: Alignment[]
  tags?: string[]
  endorsement?: string[]
  version?: string | number
  related?: string[]
}

export interface AssertionInput {
  id: string
  badge: string
  recipient: IdentityObject
  issuedOn: Date
  verification: AssertionVerification
  expires?: Date
  /** URL of the baked image; never a data URI (CONFORMANCE A4 item 22). */
  image?: string
  evidence?: Evidence[]
  narrative?: string
  endorsement?: string[]
}

export interface CryptographicKeyInput {
  id: string
  owner: string
  /** Public key as a KeyObject or PEM (SPKI or PKCS#1); published as SPKI PEM. */
  publicKey: KeyObject | string
}

export interface RevokedEntry {
  id: string
  revocationReason?: string
}

export interface RevocationListInput {
  id: string
  issuer: string
  revoked: RevokedEntry[]
}

export interface EndorsementInput {
  id: string
  issuer: string
  issuedOn: Date
  /** The endorsed entity (`id`) plus claim properties, e.g. `endorsementComment`. */
  claim: { id: string; endorsementComment?: string }
  verification: AssertionVerification
}

export interface RevokedAssertionInput {
  id: string
  revocationReason?: string
}

/** Any published OB 2.0 document: a JSON object with `@context` first. */
export type Ob2Document = { '@context': string } & Record<string, unknown>

export interface Ob2Profile extends Ob2Document {
  type: 'Issuer'
  id: string
  name: string
  url: string
  email: string
}

export interface Ob2BadgeClass extends Ob2Document {
  type: 'BadgeClass'
  id: string
  name: string
  description: string
  image: string
  criteria: Criteria
  issuer: string
}

export interface Ob2Assertion extends Ob2Document {
  type: 'Assertion'
  id: string
  recipient: IdentityObject
  badge: string
  verification: AssertionVerification
  issuedOn: string
}

export interface Ob2CryptographicKey extends Ob2Document {
  type: 'CryptographicKey'
  id: string
  owner: string
  publicKeyPem: string
}

export interface Ob2RevocationList extends Ob2Document {
  type: 'RevocationList'
  id: string
  issuer: string
  revokedAssertions: Array<string | RevokedEntry>
}

export interface Ob2Endorsement extends Ob2Document {
  type: 'Endorsement'
  id: string
  issuer: string
  issuedOn: string
  claim: { id: string; endorsementComment?: string }
  verification: AssertionVerification
}

export interface Ob2RevokedAssertion extends Ob2Document {
  id: string
  revoked: true
  revocationReason?: string
}
