import { hashIdentity, normaliseIdentity } from '../hash.js'

/**
 * Builders for the OB 3.0 documents CityBadges publishes (OB 3.0 v1.2 on VC Data Model 2.0; CONFORMANCE B1, B2, B6,
 * B8). Inputs are plain typed values with every URL already computed by the caller; outputs are plain JSON with
 * absent optionals omitted (no nulls, no empty arrays) and arrays wherever the OB 3.0 JSON Schema wants them
 * (CONFORMANCE item 55). Nothing here signs: see `data-integrity.ts` and `jwt.ts`.
 */

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const OB3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1'
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1'
export const OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'
export const OB3_ENDORSEMENT_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json'
export const JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019'

// extensions.json defines 1EdTechJsonSchemaValidator2019 / 1EdTechRevocationList; without it jsonld safe mode
// rejects those types (CONFORMANCE item 68).
const CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT] as const

type Json = Record<string, unknown>

/** An `Image` (OB 3.0 §B.1.x Image): `{ id, type: 'Image', caption? }`. */
export interface ImageInput { id: string; caption?: string }

/** Issuer `Profile` fields (OB 3.0 §Profile). `id` is `/ob/v3/issuers/{orgId}`. */
export interface ProfileInput {
  id: string
  name: string
  url?: string
  email?: string
  description?: string
  image?: ImageInput
}

/** `Alignment` (OB 3.0 §Alignment, CONFORMANCE item 58). */
export interface AlignmentInput {
  targetName: string
  targetUrl: string
  targetFramework?: string
  targetCode?: string
  targetDescription?: string
  targetType?: string
}

/** `Achievement` (OB 3.0 §Achievement, CONFORMANCE item 58). `id` is `/ob/v3/achievements/{badgeClassId}`. */
export interface AchievementInput {
  id: string
  name: string
  description: string
  criteria: { id?: string; narrative?: string }
  image?: ImageInput
  alignment?: readonly AlignmentInput[]
  tag?: readonly string[]
  inLanguage?: string
  /** The same achievement in other languages (OB 3.0 `Related`: its id, language and version). */
  related?: readonly RelatedInput[]
  achievementType?: string
  /** Signed EndorsementCredentials (DI) about this achievement. */
  endorsement?: readonly object[]
  /** Compact-JWS EndorsementCredentials about this achievement. */
  endorsementJwt?: readonly string[]
}

/** `Related` (OB 3.0 §Related): another version of an achievement, e.g. in another language. */
export interface RelatedInput { id: string; inLanguage?: string; version?: string }

/**
 * A recipient `IdentityObject` (OB 3.0 §IdentityObject, CONFORMANCE item 60): give either the plaintext `identity`
 * (hashed here with `salt`; `emailAddress` identities are trimmed and lower-cased first) or a ready `identityHash`.
 */
export type IdentifierInput = { identityType?: string; salt: string } & (
  | { identity: string; identityHash?: never }
  | { identityHash: string; identity?: never }
)

/** `Evidence` (OB 3.0 §Evidence). */
export interface EvidenceInput { id?: string; narrative?: string; name?: string; description?: string }

/** Where the credential's status is published (CONFORMANCE items 73, 74). */
export type CredentialStatusInput =
  | { type: 'BitstringStatusListEntry'; listUrl: string; index: number; purpose?: 'revocation' | 'suspension' }
  | { type: '1EdTechRevocationList'; url: string }

/** Inputs of {@link buildOpenBadgeCredential}. */
export interface OpenBadgeCredentialInput {
  /** `/ob/v3/credentials/{id}` */
  id: string
  name: string
  description?: string
  issuer: ProfileInput
  validFrom: Date
  validUntil?: Date
  awardedDate?: Date
  image?: ImageInput
  subject: {
    /** Learner URL or DID. At least one of `id` and `identifier` is required (CONFORMANCE item 57). */
    id?: string
    identifier?: readonly IdentifierInput[]
    narrative?: string
  }
  achievement: AchievementInput
  evidence?: readonly EvidenceInput[]
  credentialStatus?: CredentialStatusInput
  endorsement?: readonly object[]
  endorsementJwt?: readonly string[]
}

/** Formats a Date as an XSD dateTime in UTC without milliseconds (`2024-05-01T10:00:00Z`; DateTimeZ). */
export function isoSeconds(date: Date): string {
  const time = date.getTime()
  if (!Number.isFinite(time)) throw new TypeError('invalid Date')
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** Copies the defined (non-undefined) entries; arrays are kept only when non-empty (CONFORMANCE item 55). */
function compact(entries: Json): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value) && value.length === 0) continue
    out[key] = value
  }
  return out
}

const list = <T>(values: readonly T[] | undefined): T[] | undefined => (values === undefined ? undefined : [...values])

function image(input: ImageInput | undefined): Json | undefined {
  return input === undefined ? undefined : compact({ id: input.id, type: 'Image', caption: input.caption })
}

/** The issuer `Profile` as embedded in a credential (no @context, no keys). */
function profileObject(input: ProfileInput): Json {
  return compact({
    id: input.id,
    type: ['Profile'],
    name: input.name,
    url: input.url,
    email: input.email,
    description: input.description,
    image: image(input.image),
  })
}

function achievementObject(input: AchievementInput): Json {
  if (input.criteria.id === undefined && input.criteria.narrative === undefined) {
    throw new TypeError('achievement.criteria needs an id or a narrative')
  }
  return compact({
    id: input.id,
    type: ['Achievement'],
    name: input.name,
    description: input.description,
    criteria: compact({ id: input.criteria.id, narrative: input.criteria.narrative }),
    image: image(input.image),
    alignment: input.alignment?.map((a) => compact({ type: ['Alignment'], ...a })),
    tag: list(input.tag),
    inLanguage: input.inLanguage,
    related: input.related?.map((r) => compact({ id: r.id, type: ['Related'], inLanguage: r.inLanguage, version: r.version })),
    achievementType: input.achievementType,
    endorsement: list(input.endorsement),
    endorsementJwt: list(input.endorsementJwt),
  })
}

function identityObject(input: IdentifierInput): Json {
  const identityType = input.identityType ?? 'emailAddress'
  let identityHash: string
  if (input.identity !== undefined) {
    // OB 3.0 defines no normalisation; we lower-case emails at issuance, as for OB 2.0 (CONFORMANCE item 28).
    const identity = identityType === 'emailAddress' ? normaliseIdentity('email', input.identity) : input.identity
    identityHash = hashIdentity(identity, input.salt)
  } else {
    identityHash = input.identityHash
  }
  return { type: 'IdentityObject', identityType, hashed: true, identityHash, salt: input.salt }
}

function credentialStatus(input: CredentialStatusInput | undefined): Json | undefined {
  if (input === undefined) return undefined
  if (input.type === '1EdTechRevocationList') return { id: input.url, type: '1EdTechRevocationList' }
  if (!Number.isSafeInteger(input.index) || input.index < 0) throw new TypeError('statusListIndex must be a non-negative integer')
  return {
    id: `${input.listUrl}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose ?? 'revocation',
    statusListIndex: String(input.index),
    statusListCredential: input.listUrl,
  }
}

/**
 * Builds an unsigned OpenBadgeCredential (OB 3.0 §AchievementCredential on VCDM 2.0; CONFORMANCE items 51–61, 76).
 * Key order is stable (B1's fast signer relies on this exact shape).
 * @throws TypeError when the subject has neither `id` nor `identifier`, or criteria has neither `id` nor `narrative`.
 */
export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): Json {
  const identifiers = input.subject.identifier?.map(identityObject)
  if (input.subject.id === undefined && (identifiers === undefined || identifiers.length === 0)) {
    throw new TypeError('credentialSubject needs an id or at least one identifier')
  }
  return compact({
    '@context': [...CREDENTIAL_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.name,
    description: input.description,
    image: image(input.image),
    issuer: profileObject(input.issuer),
    validFrom: isoSeconds(input.validFrom),
    validUntil: input.validUntil === undefined ? undefined : isoSeconds(input.validUntil),
    awardedDate: input.awardedDate === undefined ? undefined : isoSeconds(input.awardedDate),
    credentialSubject: compact({
      id: input.subject.id,
      type: ['AchievementSubject'],
      identifier: identifiers,
      narrative: input.subject.narrative,
      achievement: achievementObject(input.achievement),
    }),
    evidence: input.evidence?.map((e) => compact({ id: e.id, type: ['Evidence'], narrative: e.narrative, name: e.name, description: e.description })),
    endorsement: list(input.endorsement),
    endorsementJwt: list(input.endorsementJwt),
    credentialSchema: [{ id: OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: JSON_SCHEMA_VALIDATOR_TYPE }],
    credentialStatus: credentialStatus(input.credentialStatus),
  })
}

/** A standalone `Achievement` document, as served at `/ob/v3/achievements/{badgeClassId}` (OB 3.0 §Achievement). */
export function buildAchievement(input: AchievementInput): Json {
  return { '@context': [VC_V2_CONTEXT, OB3_CONTEXT], ...achievementObject(input) }
}

/** A verification method of a controller document: a Multikey, or a JsonWebKey (VC-JWT keys, RS256/ES256). */
export type VerificationMethodInput =
  | { id: string; type: 'Multikey'; publicKeyMultibase: string }
  | { id: string; type: 'JsonWebKey'; publicKeyJwk: Record<string, unknown> }

/**
 * `JsonWebKey` and `publicKeyJwk` as the W3C Controlled Identifiers v1.0 context defines them; no bundled context does
 * (DID v1 and Multikey v1 do not), so the Profile carries these two terms inline when it lists JWK methods.
 */
export const JSON_WEB_KEY_TERMS = {
  JsonWebKey: 'https://w3id.org/security#JsonWebKey',
  publicKeyJwk: { '@id': 'https://w3id.org/security#publicKeyJwk', '@type': '@json' },
} as const

/**
 * Inputs of {@link buildProfile}: the Profile plus its keys, as `keys` (Ed25519 `publicKeyMultibase` values, each a
 * Multikey VM `{id}#{key}`) and/or explicit `verificationMethods` (any id, e.g. a key URL that serves the key).
 */
export interface ProfileDocumentInput extends ProfileInput {
  keys?: readonly string[]
  verificationMethods?: readonly VerificationMethodInput[]
  endorsement?: readonly object[]
}

/** A Multikey served on its own at its id (a verification method URL that dereferences to the key document). */
export function buildMultikeyDocument(input: { id: string; controller: string; publicKeyMultibase: string }): Json {
  return { '@context': [MULTIKEY_V1_CONTEXT], id: input.id, type: 'Multikey', controller: input.controller, publicKeyMultibase: input.publicKeyMultibase }
}

/**
 * The issuer Profile served at `/ob/v3/issuers/{orgId}` (OB 3.0 §Profile), which is also the controller document
 * of its keys (CONFORMANCE item 67): each key is a Multikey VM `{issuerUrl}#{publicKeyMultibase}` listed under
 * `assertionMethod`. `verificationMethod`/`assertionMethod` are defined by the DID v1 context and `Multikey` by the
 * multikey context; neither is in the VC or OB contexts, so they are added only when keys are listed.
 */
export function buildProfile(input: ProfileDocumentInput): Json {
  const vms: Json[] = [
    ...(input.keys ?? []).map((key) => ({ id: `${input.id}#${key}`, type: 'Multikey', controller: input.id, publicKeyMultibase: key })),
    ...(input.verificationMethods ?? []).map(({ id, type, ...key }) => ({ id, type, controller: input.id, ...key })),
  ]
  const context: unknown[] = vms.length > 0 ? [VC_V2_CONTEXT, OB3_CONTEXT, DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT] : [VC_V2_CONTEXT, OB3_CONTEXT]
  if (vms.some((vm) => vm.type === 'JsonWebKey')) context.push(JSON_WEB_KEY_TERMS)
  return compact({
    '@context': context,
    ...profileObject(input),
    endorsement: list(input.endorsement),
    verificationMethod: vms,
    assertionMethod: vms.map((vm) => vm.id),
  })
}

/** Inputs of {@link buildEndorsementCredential}. */
export interface EndorsementCredentialInput {
  id: string
  name: string
  description?: string
  issuer: ProfileInput
  validFrom: Date
  validUntil?: Date
  /** `id` = the endorsed credential, achievement or profile. */
  subject: { id: string; endorsementComment?: string }
  credentialStatus?: CredentialStatusInput
}

/** An unsigned EndorsementCredential (OB 3.0 §EndorsementCredential; CONFORMANCE item 81). */
export function buildEndorsementCredential(input: EndorsementCredentialInput): Json {
  return compact({
    '@context': [...CREDENTIAL_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name,
    description: input.description,
    issuer: profileObject(input.issuer),
    validFrom: isoSeconds(input.validFrom),
    validUntil: input.validUntil === undefined ? undefined : isoSeconds(input.validUntil),
    credentialSubject: compact({
      id: input.subject.id,
      type: ['EndorsementSubject'],
      endorsementComment: input.subject.endorsementComment,
    }),
    credentialSchema: [{ id: OB3_ENDORSEMENT_CREDENTIAL_SCHEMA, type: JSON_SCHEMA_VALIDATOR_TYPE }],
    credentialStatus: credentialStatus(input.credentialStatus),
  })
}

/** Inputs of {@link buildRevocationList1EdTech}. */
export interface RevocationListInput {
  /** `/ob/v3/issuers/{orgId}/revocations` */
  id: string
  issuer: string
  revoked: ReadonlyArray<{ id: string; revocationReason?: string }>
}

/**
 * A 1EdTech revocation list (VCRL 1.0, CONFORMANCE item 73): `{ id, issuer, revokedCredential: [{ id, revoked: true,
 * revocationReason? }] }`. The key is `revokedCredential` (singular), the spelling the 1EdTech inspector reads.
 * `revokedCredential` is always present (possibly empty): an empty list is a meaningful answer here.
 */
export function buildRevocationList1EdTech(input: RevocationListInput): Json {
  return {
    id: input.id,
    issuer: input.issuer,
    revokedCredential: input.revoked.map((r) => compact({ id: r.id, revoked: true, revocationReason: r.revocationReason })),
  }
}
