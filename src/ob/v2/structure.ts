/**
 * Structural checks for OB 2.0 documents, following the class rules of 1EdTech openbadges-validator-core
 * (CONFORMANCE A1–A8). Each `validateX` returns a list of problems (empty = valid) and never throws.
 * Multi-valued properties accept a scalar or an array alike (CONFORMANCE A1 item 5).
 */

type Json = Record<string, unknown>

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `undefined` → `[]`, array → itself, scalar → `[scalar]` (JSON-LD compaction equivalence, A1 item 5). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

const IRI_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/

/** An absolute IRI: a scheme followed by a whitespace-free remainder. */
export function isIri(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 8192 && IRI_RE.test(value)
}

/** An absolute http(s) URL with a host. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 8192 || !/^https?:\/\/[^\s]+$/i.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}

/** The `id` of a node given as an IRI string or an embedded object with `id`. */
export function idOf(value: unknown): string | undefined {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value
  if (typeof single === 'string') return single
  if (isObject(single) && typeof single.id === 'string') return single.id
  return undefined
}

const OBI = 'https://w3id.org/openbadges#'
const TYPE_ALIASES: Record<string, string> = {
  hosted: 'HostedBadge',
  signed: 'SignedBadge',
  'sec:Key': 'CryptographicKey',
  'https://w3id.org/security#Key': 'CryptographicKey',
  'cred:Credential': 'Endorsement',
  'https://w3id.org/credentials#Credential': 'Endorsement',
}

/** Compacts a `type` value to its OB 2.0 term (`obi:Assertion` and the full IRI both become `Assertion`). */
export function typeTerm(value: string): string {
  if (value.startsWith('obi:')) return value.slice(4)
  if (value.startsWith(OBI)) return value.slice(OBI.length)
  return TYPE_ALIASES[value] ?? value
}

/** True when `type` (scalar or array) contains one of `terms`. */
export function hasType(type: unknown, terms: readonly string[]): boolean {
  return asArray(type).some((entry) => typeof entry === 'string' && terms.includes(typeTerm(entry)))
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/

/**
 * Parses an ISO 8601 date-time that carries a timezone (`Z`, `±hh`, `±hhmm`, `±hh:mm`; CONFORMANCE A1 item 3).
 * Returns undefined for anything else, including dates without a zone, integers and impossible calendar dates.
 */
export function parseDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined
  const m = DATETIME_RE.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number]
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3))
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis))
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return undefined
  const zone = m[8] ?? 'Z'
  let offsetMinutes = 0
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '')
    const hours = Number(digits.slice(0, 2))
    const minutes = Number(digits.slice(2) || '0')
    if (hours > 23 || minutes > 59) return undefined
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes)
  }
  return new Date(local.getTime() - offsetMinutes * 60_000)
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+$/
const TELEPHONE_RE = /^\+?[1-9]\d{1,14}(;ext=\d+)?$/
const HASH_RE = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/
const IMAGE_DATA_URI_RE = /^data:image\/(png|svg\+xml)[;,]/i

function isText(value: unknown): value is string {
  return typeof value === 'string'
}

/** Image: IRI, PNG/SVG data URI (when allowed) or Image object with such an `id`; never a list (A3 item 15). */
function imageProblem(value: unknown, label: string, allowDataUri: boolean): string | undefined {
  if (Array.isArray(value)) return `${label} must be a single image, not a list`
  const id = isObject(value) ? value.id : value
  if (typeof id !== 'string') return `${label} must be an IRI or an Image object with id`
  if (/^data:/i.test(id)) {
    if (!allowDataUri) return `${label} must not be a data URI`
    return IMAGE_DATA_URI_RE.test(id) ? undefined : `${label} data URI must be image/png or image/svg+xml`
  }
  return isIri(id) ? undefined : `${label} must be an IRI`
}

function checkText(doc: Json, prop: string, required: boolean, problems: string[], label: string): void {
  const value = doc[prop]
  if (value === undefined) {
    if (required) problems.push(`${label} is missing ${prop}`)
  } else if (!asArray(value).every(isText) || asArray(value).length === 0) {
    problems.push(`${label}.${prop} must be text`)
  }
}

function checkIdentityObject(recipient: unknown, problems: string[]): void {
  if (!isObject(recipient)) {
    problems.push('Assertion.recipient must be an IdentityObject')
    return
  }
  const type = asArray(recipient.type)
  if (type.length !== 1 || !['email', 'url', 'telephone', 'id'].includes(String(type[0]))) {
    problems.push('recipient.type must be one of email, url, telephone, id')
  }
  if (typeof recipient.identity !== 'string') problems.push('recipient.identity must be text')
  if (typeof recipient.hashed !== 'boolean') problems.push('recipient.hashed must be a boolean')
  if (recipient.salt !== undefined && typeof recipient.salt !== 'string') problems.push('recipient.salt must be text')
  if (typeof recipient.identity !== 'string') return
  const looksHashed = HASH_RE.test(recipient.identity)
  if (recipient.hashed === true && !looksHashed) problems.push('recipient.identity must be sha256$/md5$ hex when hashed is true')
  if (recipient.hashed === false && looksHashed) problems.push('recipient.identity must not be a hash when hashed is false')
  if (recipient.hashed === false && type[0] === 'email' && !EMAIL_RE.test(recipient.identity)) problems.push('recipient.identity must be an email address')
}

/** OB 2.0 §Assertion required properties and value types (CONFORMANCE A4, A5 item 27). */
export function validateAssertion(doc: unknown): string[] {
  if (!isObject(doc)) return ['Assertion must be a JSON object']
  const problems: string[] = []
  if (!isIri(doc.id)) problems.push('Assertion.id must be an IRI')
  if (!hasType(doc.type, ['Assertion'])) problems.push('Assertion.type must include Assertion')
  checkIdentityObject(doc.recipient, problems)
  if (!isIri(idOf(doc.badge))) problems.push('Assertion.badge must be a BadgeClass IRI or an embedded BadgeClass with id')
  if (verificationKind(doc) === undefined) problems.push('Assertion.verification.type must be HostedBadge or SignedBadge')
  if (parseDateTime(doc.issuedOn) === undefined) problems.push('Assertion.issuedOn must be an ISO 8601 date-time with timezone')
  if (doc.expires !== undefined && parseDateTime(doc.expires) === undefined) problems.push('Assertion.expires must be an ISO 8601 date-time with timezone')
  if (doc.image !== undefined) {
    const problem = imageProblem(doc.image, 'Assertion.image', true)
    if (problem) problems.push(problem)
  }
  checkText(doc, 'narrative', false, problems, 'Assertion')
  for (const evidence of asArray(doc.evidence)) {
    if (!(isIri(evidence) || (isObject(evidence) && (evidence.id === undefined || isIri(evidence.id))))) problems.push('Assertion.evidence entries must be IRIs or Evidence objects')
  }
  return problems
}

/** `hosted` or `signed` from `verification.type` (accepting `hosted`/`HostedBadge`/full IRIs), else undefined. */
export function verificationKind(assertion: Json): 'hosted' | 'signed' | undefined {
  const verification = asArray(assertion.verification)
  if (verification.length !== 1 || !isObject(verification[0])) return undefined
  const type = asArray(verification[0].type)
  if (type.length !== 1) return undefined
  if (hasType(type, ['HostedBadge'])) return 'hosted'
  if (hasType(type, ['SignedBadge'])) return 'signed'
  return undefined
}

/** OB 2.0 §BadgeClass (CONFORMANCE A3). */
export function validateBadgeClass(doc: unknown): string[] {
  if (!isObject(doc)) return ['BadgeClass must be a JSON object']
  const problems: string[] = []
  if (!isIri(doc.id)) problems.push('BadgeClass.id must be an IRI')
  if (!hasType(doc.type, ['BadgeClass'])) problems.push('BadgeClass.type must include BadgeClass')
  if (!isIri(idOf(doc.issuer))) problems.push('BadgeClass.issuer must be a Profile IRI or an embedded Profile with id')
  checkText(doc, 'name', true, problems, 'BadgeClass')
  checkText(doc, 'description', true, problems, 'BadgeClass')
  const image = doc.image === undefined ? 'BadgeClass is missing image' : imageProblem(doc.image, 'BadgeClass.image', true)
  if (image) problems.push(image)
  const criteria = asArray(doc.criteria)
  if (criteria.length !== 1) problems.push('BadgeClass.criteria is required (one IRI or Criteria object)')
  else if (isObject(criteria[0])) {
    const { id, narrative } = criteria[0]
    if (id !== undefined && !isIri(id)) problems.push('BadgeClass.criteria.id must be an IRI')
    if (id === undefined && typeof narrative !== 'string') problems.push('BadgeClass.criteria needs an id or a narrative')
  } else if (!isIri(criteria[0])) problems.push('BadgeClass.criteria must be an IRI or a Criteria object')
  for (const alignment of asArray(doc.alignment)) {
    if (!isObject(alignment) || typeof alignment.targetName !== 'string' || !isHttpUrl(alignment.targetUrl)) {
      problems.push('BadgeClass.alignment entries need targetName and an http(s) targetUrl')
    }
  }
  if (!asArray(doc.tags).every(isText)) problems.push('BadgeClass.tags must be text')
  return problems
}

/** OB 2.0 §Profile used as a badge issuer: id (http(s)), type, name, url, email required (CONFORMANCE A2). */
export function validateProfile(doc: unknown): string[] {
  if (!isObject(doc)) return ['Profile must be a JSON object']
  const problems: string[] = []
  if (!isHttpUrl(doc.id)) problems.push('Profile.id must be an http(s) URL')
  if (!hasType(doc.type, ['Issuer', 'Profile'])) problems.push('Profile.type must include Issuer or Profile')
  checkText(doc, 'name', true, problems, 'Profile')
  if (!isHttpUrl(idOf(doc.url))) problems.push('Profile.url must be an http(s) URL')
  const emails = asArray(doc.email)
  if (emails.length === 0 || !emails.every((email) => typeof email === 'string' && EMAIL_RE.test(email))) problems.push('Profile.email must be an email address')
  if (doc.telephone !== undefined && !asArray(doc.telephone).every((tel) => typeof tel === 'string' && TELEPHONE_RE.test(tel))) problems.push('Profile.telephone must be E.164')
  if (doc.image !== undefined) {
    const problem = imageProblem(doc.image, 'Profile.image', true)
    if (problem) problems.push(problem)
  }
  if (!asArray(doc.publicKey).every((key) => isIri(idOf(key)))) problems.push('Profile.publicKey entries must be IRIs')
  if (doc.revocationList !== undefined && !isHttpUrl(idOf(doc.revocationList))) problems.push('Profile.revocationList must be an http(s) URL')
  return problems
}

/** OB 2.0 §CryptographicKey (CONFORMANCE A7 item 37). */
export function validateCryptographicKey(doc: unknown): string[] {
  if (!isObject(doc)) return ['CryptographicKey must be a JSON object']
  const problems: string[] = []
  if (doc.type !== undefined && !hasType(doc.type, ['CryptographicKey'])) problems.push('CryptographicKey.type must be CryptographicKey')
  if (doc.id !== undefined && !isIri(doc.id)) problems.push('CryptographicKey.id must be an IRI')
  if (!isIri(idOf(doc.owner))) problems.push('CryptographicKey.owner must be the issuer IRI')
  if (typeof doc.publicKeyPem !== 'string' || !doc.publicKeyPem.includes('-----BEGIN')) problems.push('CryptographicKey.publicKeyPem must be a PEM public key')
  return problems
}

/** OB 2.0 §RevocationList (CONFORMANCE A7 item 39). */
export function validateRevocationList(doc: unknown): string[] {
  if (!isObject(doc)) return ['RevocationList must be a JSON object']
  const problems: string[] = []
  if (!hasType(doc.type, ['RevocationList'])) problems.push('RevocationList.type must include RevocationList')
  if (doc.revokedAssertions === undefined) problems.push('RevocationList is missing revokedAssertions')
  for (const entry of asArray(doc.revokedAssertions)) {
    const ok = isIri(entry) || (isObject(entry) && (isIri(entry.id) || (entry.id === undefined && typeof entry.uid === 'string')))
    if (!ok) {
      problems.push('RevocationList.revokedAssertions entries must be IRIs or objects with id or uid')
      break
    }
  }
  return problems
}
