import type { RdfQuad, RdfTerm } from './canon.js'

/**
 * Fast path for `eddsa-rdfc-2022` transformation (EdDSA Cryptosuites §3.3.1): turns OUR OpenBadgeCredential shape
 * (VC v2 + OB 3.0.3 [+ extensions] contexts, the known set of terms) straight into the RDF dataset that JSON-LD
 * toRdf would produce, skipping expansion (~3 ms). Anything it does not recognise exactly — an unknown key, another
 * context, an unexpected type or value kind, a relative or unusual IRI — returns `undefined`, and the caller uses
 * the general jsonld path. The term IRIs below are what the bundled contexts expand to (quirks included, e.g. the
 * `https://www.w3.org/2001/XMLSchema#…` datatypes of OB 3.0.3); canon-fast.test.ts proves byte equality with the
 * general path over thousands of generated credentials.
 */

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const OB_EXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime'
// OB 3.0.3 declares these datatypes under https:, which is what toRdf emits.
const OB_XSD_ANYURI = 'https://www.w3.org/2001/XMLSchema#anyURI'
const OB_XSD_BOOLEAN = 'https://www.w3.org/2001/XMLSchema#boolean'
const CRED = 'https://www.w3.org/2018/credentials#'
const OBV = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#'
const SCHEMA = 'https://schema.org/'
const STATUS = 'https://www.w3.org/ns/credentials/status#'
const SEC = 'https://w3id.org/security#'

// Absolute IRIs the contexts cannot reinterpret: schemes that are not terms (so no compact-IRI expansion), no
// whitespace (jsonld's absolute-IRI test) and none of the characters N-Quads IRIREF forbids.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be excluded
const SAFE_IRI = /^(?:https?:\/\/|urn:|did:)[^\s\u0000-\u001f\u007f<>"{}|\\^`]*$/

/** Internal signal: "not our shape", caught at the entry points. */
class NotFast extends Error {}
const bail = (): never => {
  throw new NotFast()
}
/** Runs a builder; "not our shape" becomes `undefined`. */
function attempt(build: () => RdfQuad[]): RdfQuad[] | undefined {
  try {
    return build()
  } catch (err) {
    if (err instanceof NotFast) return undefined
    throw err
  }
}

type Obj = Record<string, unknown>

function obj(v: unknown): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bail()
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) bail()
  return v as Obj
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : bail()
}

function iri(v: unknown): string {
  return typeof v === 'string' && SAFE_IRI.test(v) ? v : bail()
}

/** A value that JSON-LD treats as one-or-many; absent = none. */
function many(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/** Only known keys; an explicit `undefined` bails too (jsonld rejects some, e.g. `id: undefined`). */
function only(o: Obj, allowed: ReadonlySet<string>): void {
  for (const k in o) if (!allowed.has(k) || o[k] === undefined) bail()
}

/** `type` must be exactly these names (as a string or an array; duplicates collapse in RDF). */
function types(v: unknown, expected: readonly string[]): void {
  const list = many(v)
  if (list.length === 0) bail()
  for (const t of list) if (!expected.includes(t as string)) bail()
  for (const e of expected) if (!list.includes(e)) bail()
}

const named = (value: string): { termType: 'NamedNode'; value: string } => ({ termType: 'NamedNode', value })
const DEFAULT_GRAPH: RdfTerm = { termType: 'DefaultGraph', value: '' }

class Emitter {
  readonly quads: RdfQuad[] = []
  private readonly seen = new Set<string>()
  private blanks = 0

  node(o: Obj): RdfTerm {
    return o.id === undefined ? { termType: 'BlankNode', value: `_:b${this.blanks++}` } : named(iri(o.id))
  }

  add(s: RdfTerm, p: string, o: RdfTerm): void {
    // RDF datasets are sets; jsonld's node map drops duplicate values the same way.
    const key = `${s.value}\u0000${p}\u0000${o.termType}${o.value}\u0000${o.datatype?.value ?? ''}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.quads.push({ subject: s, predicate: named(p), object: o, graph: DEFAULT_GRAPH })
  }

  type(s: RdfTerm, typeIri: string): void {
    this.add(s, RDF_TYPE, named(typeIri))
  }

  literal(s: RdfTerm, p: string, v: unknown, datatype = XSD_STRING): void {
    if (v === undefined) return
    this.add(s, p, { termType: 'Literal', value: str(v), datatype: named(datatype) })
  }

  literals(s: RdfTerm, p: string, v: unknown): void {
    for (const item of many(v)) this.literal(s, p, item)
  }
}

const keys = (...k: string[]): ReadonlySet<string> => new Set(k)
const CREDENTIAL_KEYS = keys('@context', 'type', 'id', 'name', 'description', 'issuer', 'validFrom', 'validUntil', 'credentialSubject', 'evidence', 'credentialSchema', 'credentialStatus')
const PROFILE_KEYS = keys('id', 'type', 'name', 'url', 'email')
const SUBJECT_KEYS = keys('id', 'type', 'identifier', 'achievement', 'narrative')
const IDENTITY_KEYS = keys('type', 'identityType', 'hashed', 'identityHash', 'salt')
const ACHIEVEMENT_KEYS = keys('id', 'type', 'name', 'description', 'criteria', 'image', 'alignment', 'tag', 'inLanguage', 'achievementType')
const CRITERIA_KEYS = keys('id', 'narrative')
const IMAGE_KEYS = keys('id', 'type', 'caption')
const ALIGNMENT_KEYS = keys('type', 'targetName', 'targetUrl', 'targetFramework', 'targetCode', 'targetDescription', 'targetType')
const EVIDENCE_KEYS = keys('type', 'id', 'narrative', 'name', 'description')
const SCHEMA_KEYS = keys('id', 'type')
const STATUS_KEYS = keys('id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential')
const PROOF_KEYS = keys('@context', 'type', 'created', 'verificationMethod', 'cryptosuite', 'proofPurpose')

/** Returns whether the extensions context is present; bails on any other `@context`. */
function checkContext(ctx: unknown): boolean {
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2 || ctx[1] !== OB_303) bail()
  const list = ctx as unknown[]
  if (list.length === 2) return false
  if (list.length === 3 && list[2] === OB_EXT) return true
  return bail()
}

function profile(e: Emitter, v: unknown): RdfTerm {
  if (typeof v === 'string') return named(iri(v)) // ProfileRef: `issuer` is @type @id in VC v2
  const o = obj(v)
  only(o, PROFILE_KEYS)
  if (o.id === undefined) bail()
  const s = e.node(o)
  types(o.type, ['Profile'])
  e.type(s, `${OBV}Profile`)
  e.literal(s, `${SCHEMA}name`, o.name)
  e.literal(s, `${SCHEMA}url`, o.url, OB_XSD_ANYURI)
  e.literal(s, `${SCHEMA}email`, o.email)
  return s
}

function identity(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, IDENTITY_KEYS)
  const s = e.node(o)
  types(o.type, ['IdentityObject'])
  e.type(s, `${OBV}IdentityObject`)
  if (typeof o.hashed !== 'boolean') bail()
  e.add(s, `${OBV}hashed`, { termType: 'Literal', value: String(o.hashed), datatype: named(OB_XSD_BOOLEAN) })
  e.literal(s, `${OBV}identityType`, str(o.identityType))
  e.literal(s, `${OBV}identityHash`, str(o.identityHash))
  e.literal(s, `${OBV}salt`, o.salt)
  return s
}

function alignment(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, ALIGNMENT_KEYS)
  const s = e.node(o)
  types(o.type, ['Alignment'])
  e.type(s, `${SCHEMA}AlignmentObject`)
  e.literal(s, `${SCHEMA}targetName`, o.targetName)
  e.literal(s, `${SCHEMA}targetUrl`, o.targetUrl, OB_XSD_ANYURI)
  e.literal(s, `${SCHEMA}targetFramework`, o.targetFramework)
  e.literal(s, `${OBV}targetCode`, o.targetCode)
  e.literal(s, `${SCHEMA}targetDescription`, o.targetDescription)
  e.literal(s, `${OBV}targetType`, o.targetType)
  return s
}

function achievement(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, ACHIEVEMENT_KEYS)
  const s = e.node(o)
  types(o.type, ['Achievement'])
  e.type(s, `${OBV}Achievement`)
  e.literal(s, `${SCHEMA}name`, o.name)
  e.literal(s, `${SCHEMA}description`, o.description)
  if (o.criteria !== undefined) {
    const c = obj(o.criteria)
    only(c, CRITERIA_KEYS)
    const cs = e.node(c)
    e.literal(cs, `${OBV}narrative`, c.narrative)
    e.add(s, `${OBV}Criteria`, cs)
  }
  if (o.image !== undefined) {
    const i = obj(o.image)
    only(i, IMAGE_KEYS)
    if (i.id === undefined) bail()
    const is = e.node(i)
    types(i.type, ['Image'])
    e.type(is, `${OBV}Image`)
    e.literal(is, `${SCHEMA}caption`, i.caption)
    e.add(s, `${OBV}image`, is)
  }
  for (const a of many(o.alignment)) e.add(s, `${OBV}alignment`, alignment(e, a))
  e.literals(s, `${SCHEMA}keywords`, o.tag)
  e.literal(s, `${SCHEMA}inLanguage`, o.inLanguage)
  e.literal(s, `${OBV}achievementType`, o.achievementType)
  return s
}

function subject(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, SUBJECT_KEYS)
  const s = e.node(o)
  types(o.type, ['AchievementSubject'])
  e.type(s, `${OBV}AchievementSubject`)
  for (const i of many(o.identifier)) e.add(s, `${OBV}identifier`, identity(e, i))
  if (o.achievement !== undefined) e.add(s, `${OBV}achievement`, achievement(e, o.achievement))
  // The award's own narrative (a pathway completion says which pathway): OB 3.0 context's top-level `narrative`.
  e.literal(s, `${OBV}narrative`, o.narrative)
  return s
}

function evidence(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, EVIDENCE_KEYS)
  const s = e.node(o)
  types(o.type, ['Evidence'])
  e.type(s, `${OBV}Evidence`)
  e.literal(s, `${OBV}narrative`, o.narrative)
  e.literal(s, `${SCHEMA}name`, o.name)
  e.literal(s, `${SCHEMA}description`, o.description)
  return s
}

function credentialSchema(e: Emitter, v: unknown, extensions: boolean): RdfTerm {
  const o = obj(v)
  only(o, SCHEMA_KEYS)
  if (!extensions || o.id === undefined) bail()
  const s = e.node(o)
  types(o.type, ['1EdTechJsonSchemaValidator2019'])
  e.type(s, 'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019')
  return s
}

function credentialStatus(e: Emitter, v: unknown): RdfTerm {
  const o = obj(v)
  only(o, STATUS_KEYS)
  const s = e.node(o)
  types(o.type, ['BitstringStatusListEntry'])
  e.type(s, `${STATUS}BitstringStatusListEntry`)
  e.literal(s, `${STATUS}statusPurpose`, o.statusPurpose)
  e.literal(s, `${STATUS}statusListIndex`, o.statusListIndex)
  if (o.statusListCredential !== undefined) e.add(s, `${STATUS}statusListCredential`, named(iri(o.statusListCredential)))
  return s
}

/**
 * RDF dataset of an unsecured OpenBadgeCredential in our shape (no `proof`), exactly as jsonld toRdf would emit
 * it (blank node labels aside, which RDFC-1.0 replaces); `undefined` when the general path must be used.
 */
export function fastCredentialDataset(doc: object): RdfQuad[] | undefined {
  return attempt(() => {
    const o = obj(doc)
    only(o, CREDENTIAL_KEYS)
    const extensions = checkContext(o['@context'])
    const e = new Emitter()
    const s = e.node(o)
    types(o.type, ['VerifiableCredential', 'OpenBadgeCredential'])
    e.type(s, `${CRED}VerifiableCredential`)
    e.type(s, `${OBV}OpenBadgeCredential`)
    e.literal(s, `${SCHEMA}name`, o.name)
    e.literal(s, `${SCHEMA}description`, o.description)
    if (o.issuer !== undefined) e.add(s, `${CRED}issuer`, profile(e, o.issuer))
    e.literal(s, `${CRED}validFrom`, o.validFrom, XSD_DATETIME)
    e.literal(s, `${CRED}validUntil`, o.validUntil, XSD_DATETIME)
    for (const cs of many(o.credentialSubject)) e.add(s, `${CRED}credentialSubject`, subject(e, cs))
    for (const ev of many(o.evidence)) e.add(s, `${CRED}evidence`, evidence(e, ev))
    for (const cs of many(o.credentialSchema)) e.add(s, `${CRED}credentialSchema`, credentialSchema(e, cs, extensions))
    for (const st of many(o.credentialStatus)) e.add(s, `${CRED}credentialStatus`, credentialStatus(e, st))
    return e.quads
  })
}

/**
 * RDF dataset of an `eddsa-rdfc-2022` proof configuration (proof options + the credential's `@context`,
 * EdDSA Cryptosuites §3.3.4); `undefined` when the general path must be used.
 */
export function fastProofOptionsDataset(proofConfig: object): RdfQuad[] | undefined {
  return attempt(() => {
    const o = obj(proofConfig)
    only(o, PROOF_KEYS)
    checkContext(o['@context'])
    if (o.type !== 'DataIntegrityProof' || o.cryptosuite !== 'eddsa-rdfc-2022' || o.proofPurpose !== 'assertionMethod') bail()
    const e = new Emitter()
    const s = e.node({})
    e.type(s, `${SEC}DataIntegrityProof`)
    e.literal(s, 'http://purl.org/dc/terms/created', o.created, XSD_DATETIME)
    e.add(s, `${SEC}verificationMethod`, named(iri(o.verificationMethod)))
    e.literal(s, `${SEC}cryptosuite`, o.cryptosuite, `${SEC}cryptosuiteString`)
    e.add(s, `${SEC}proofPurpose`, named(`${SEC}assertionMethod`))
    return e.quads
  })
}
