import { createHash, sign as edSign, type KeyObject } from 'node:crypto'
import type { DocumentLoader } from '../contexts/loader.js'
import { staticDocumentLoader } from '../contexts/loader.js'
import { canonizeDataset, CanonError, jsonDepth, toDataset, type RdfQuad, type RdfTerm } from '../v3/canon.js'
import { fastCredentialDataset } from '../v3/canon-fast.js'
import { isoSeconds, JSON_SCHEMA_VALIDATOR_TYPE, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT, type IdentifierInput, type ProfileInput } from '../v3/documents.js'
import { xsdDateTime } from '../v3/data-integrity.js'
import { hashIdentity } from '../hash.js'
import { multibaseEncode } from '../v3/multikey.js'

/**
 * CLR 2.0 `ClrCredential` (Comprehensive Learner Record 2.0 on VC Data Model 2.0; CONFORMANCE C items 93–95): a
 * portfolio credential whose `ClrSubject.verifiableCredential` holds the learner's individually signed OB 3.0
 * credentials, itself signed with an `eddsa-rdfc-2022` Data Integrity proof.
 *
 * Signing a portfolio of 1,000 credentials through JSON-LD expansion costs seconds (each embedded credential is
 * expanded with its own contexts). The signer therefore builds the RDF dataset directly when every embedded
 * credential has our OpenBadgeCredential shape (the OB 3.0 fast path, with each credential's blank nodes renamed
 * apart and its proofs in their own blank graphs, as JSON-LD toRdf places them), and falls back to the general
 * jsonld path for anything else. clr.test.ts proves the two give the same canonical N-Quads, and @digitalbazaar/vc
 * verifies the result. Pure: keys, time and loaders are passed in.
 */

export const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'
export const CLR_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json'
/** `@context` of a ClrCredential (CONFORMANCE item 93). */
export const CLR_CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, CLR_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT] as const
/** A portfolio is a big document, but not an unbounded one. */
export const MAX_CLR_BYTES = 64 * 1024 * 1024

type Json = Record<string, unknown>

/** Inputs of {@link buildClrCredential}. */
export interface ClrInput {
  /** The CLR's id, e.g. `urn:uuid:…` (an export is a snapshot, not a hosted document). */
  id: string
  name: string
  description?: string
  issuer: ProfileInput
  validFrom: Date
  validUntil?: Date
  subject: { id?: string; identifier?: readonly IdentifierInput[] }
  /** Signed OB 3.0 credentials (AchievementCredential / OpenBadgeCredential), each with its own proof. */
  credentials: readonly object[]
  /**
   * CLR 2.0 Associations between achievements of the embedded credentials (`ClrSubject.association`), e.g. each
   * achievement that counted towards a pathway `isPartOf` the pathway's completion achievement.
   */
  associations?: readonly AssociationInput[]
}

/** CLR 2.0 AssociationType (the vocabulary's enumeration). */
export const ASSOCIATION_TYPES = ['exactMatchOf', 'isChildOf', 'isParentOf', 'isPartOf', 'isPeerOf', 'isRelatedTo', 'precedes', 'replacedBy'] as const
export type AssociationType = (typeof ASSOCIATION_TYPES)[number]

/** One CLR 2.0 `Association`: the source achievement stands in `associationType` to the target achievement (ids). */
export interface AssociationInput {
  associationType: AssociationType
  sourceId: string
  targetId: string
}

function identityObject(input: IdentifierInput): Json {
  const identityHash = input.identity !== undefined ? hashIdentity(input.identity, input.salt) : input.identityHash
  return { type: 'IdentityObject', identityType: input.identityType ?? 'identifier', hashed: true, identityHash, salt: input.salt }
}

/** The unsigned ClrCredential. The embedded credentials are copied as they are (their proofs must stay intact). */
export function buildClrCredential(input: ClrInput): Json {
  const identifier = input.subject.identifier?.map(identityObject) ?? []
  if (input.subject.id === undefined && identifier.length === 0) throw new TypeError('ClrSubject needs an id or an identifier')
  if (input.credentials.length === 0) throw new TypeError('a ClrCredential holds at least one credential')
  const issuer: Json = { id: input.issuer.id, type: ['Profile'], name: input.issuer.name }
  if (input.issuer.url !== undefined) issuer.url = input.issuer.url
  if (input.issuer.email !== undefined) issuer.email = input.issuer.email
  const subject: Json = { type: ['ClrSubject'] }
  if (input.subject.id !== undefined) subject.id = input.subject.id
  if (identifier.length > 0) subject.identifier = identifier
  subject.verifiableCredential = [...input.credentials]
  const associations = input.associations ?? []
  for (const a of associations) if (!(ASSOCIATION_TYPES as readonly string[]).includes(a.associationType)) throw new TypeError(`unknown associationType ${a.associationType}`)
  if (associations.length > 0) {
    subject.association = associations.map((a) => ({ type: 'Association', associationType: a.associationType, sourceId: a.sourceId, targetId: a.targetId }))
  }
  const doc: Json = {
    '@context': [...CLR_CREDENTIAL_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: input.name,
  }
  if (input.description !== undefined) doc.description = input.description
  doc.issuer = issuer
  doc.validFrom = isoSeconds(input.validFrom)
  if (input.validUntil !== undefined) doc.validUntil = isoSeconds(input.validUntil)
  doc.credentialSubject = subject
  doc.credentialSchema = [{ id: CLR_CREDENTIAL_SCHEMA, type: JSON_SCHEMA_VALIDATOR_TYPE }]
  return doc
}

// ---- RDF dataset -------------------------------------------------------------------------------------------------

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime'
const OB_XSD_ANYURI = 'https://www.w3.org/2001/XMLSchema#anyURI'
const OB_XSD_BOOLEAN = 'https://www.w3.org/2001/XMLSchema#boolean'
const CRED = 'https://www.w3.org/2018/credentials#'
const OBV = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#'
const CLRV = 'https://purl.imsglobal.org/spec/vc/clr/vocab.html#'
const SCHEMA = 'https://schema.org/'
const SEC = 'https://w3id.org/security#'
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be excluded
const SAFE_IRI = /^(?:https?:\/\/|urn:|did:)[^\s\u0000-\u001f\u007f<>"{}|\\^`]*$/
const DEFAULT_GRAPH: RdfTerm = { termType: 'DefaultGraph', value: '' }

class NotFast extends Error {}
const bail = (): never => { throw new NotFast() }
const named = (value: string): { termType: 'NamedNode'; value: string } => ({ termType: 'NamedNode', value })
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
const obj = (v: unknown): Json => (isObj(v) ? v : bail())
const iri = (v: unknown): string => (typeof v === 'string' && SAFE_IRI.test(v) ? v : bail())
const str = (v: unknown): string => (typeof v === 'string' ? v : bail())
const many = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
function only(o: Json, allowed: readonly string[]): void {
  for (const k in o) if (!allowed.includes(k) || o[k] === undefined) bail()
}
function exactTypes(v: unknown, expected: readonly string[]): void {
  const list = many(v)
  if (list.length === 0 || list.some((t) => !expected.includes(t as string)) || expected.some((e) => !list.includes(e))) bail()
}
function sameContext(v: unknown, expected: readonly string[]): void {
  if (!Array.isArray(v) || v.length !== expected.length || v.some((c, i) => c !== expected[i])) bail()
}

/** A set of quads (RDF datasets are sets: the same issuer or achievement in many credentials is stated once). */
class Dataset {
  readonly quads: RdfQuad[] = []
  private readonly seen = new Set<string>()
  private blanks = 0

  blank(prefix = 'n'): RdfTerm {
    return { termType: 'BlankNode', value: `_:${prefix}${this.blanks++}` }
  }

  push(q: RdfQuad): void {
    const key = `${q.subject.termType}${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}${q.object.value}\u0000${q.object.datatype?.value ?? ''}\u0000${q.object.language ?? ''}\u0000${q.graph.value}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.quads.push(q)
  }

  add(s: RdfTerm, p: string, o: RdfTerm, g: RdfTerm = DEFAULT_GRAPH): void {
    this.push({ subject: s, predicate: named(p), object: o, graph: g })
  }

  literal(s: RdfTerm, p: string, v: unknown, datatype = XSD_STRING, g: RdfTerm = DEFAULT_GRAPH): void {
    if (v === undefined) return
    this.add(s, p, { termType: 'Literal', value: str(v), datatype: named(datatype) }, g)
  }
}

const PROOF_KEYS = ['type', 'created', 'verificationMethod', 'cryptosuite', 'proofPurpose', 'proofValue'] as const

/** Adds one embedded OB credential (our shape) with its proofs; its blank nodes are renamed apart. */
function addEmbedded(ds: Dataset, cred: unknown, n: number): RdfTerm {
  const o = obj(cred)
  const { proof, ...unsecured } = o
  const id = iri(unsecured.id) // embedded credentials must be named: the ClrSubject points at them
  const quads = fastCredentialDataset(unsecured) ?? bail()
  const rename = (t: RdfTerm): RdfTerm => (t.termType === 'BlankNode' ? { termType: 'BlankNode', value: `_:e${n}${t.value.slice(2)}` } : t)
  for (const q of quads) {
    const quad = { subject: rename(q.subject), predicate: q.predicate, object: rename(q.object), graph: q.graph }
    // A quad with one of this credential's (renamed) blank nodes is new to the CLR (the credential's own quads are a
    // set already); only quads between named nodes and values (an issuer, an achievement) may repeat across credentials.
    if (q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode') ds.quads.push(quad)
    else ds.push(quad)
  }
  const subject = named(id)
  const proofs = many(proof)
  if (proofs.length === 0) bail()
  for (const p of proofs) {
    const po = obj(p)
    only(po, PROOF_KEYS)
    if (po.type !== 'DataIntegrityProof' || po.cryptosuite !== 'eddsa-rdfc-2022' || po.proofPurpose !== 'assertionMethod') bail()
    const graph = ds.blank('g')
    const node = ds.blank('p')
    ds.add(subject, `${SEC}proof`, graph)
    ds.add(node, RDF_TYPE, named(`${SEC}DataIntegrityProof`), graph)
    ds.literal(node, 'http://purl.org/dc/terms/created', po.created, XSD_DATETIME, graph)
    ds.add(node, `${SEC}verificationMethod`, named(iri(po.verificationMethod)), graph)
    ds.literal(node, `${SEC}cryptosuite`, po.cryptosuite, `${SEC}cryptosuiteString`, graph)
    ds.add(node, `${SEC}proofPurpose`, named(`${SEC}assertionMethod`), graph)
    ds.literal(node, `${SEC}proofValue`, po.proofValue, `${SEC}multibase`, graph)
  }
  return subject
}

/** The CLR's RDF dataset built directly (our shapes only); `undefined` means "use the general path". */
export function fastClrDataset(doc: object): RdfQuad[] | undefined {
  try {
    const o = obj(doc)
    // No `partial`: the CLR 2.0.1 context types it `xsd:boolean` with no `xsd` prefix in scope (a relative datatype
    // IRI that reference verifiers reject), so we never emit it and leave it to the general path.
    only(o, ['@context', 'id', 'type', 'name', 'description', 'issuer', 'validFrom', 'validUntil', 'credentialSubject', 'credentialSchema'])
    sameContext(o['@context'], CLR_CREDENTIAL_CONTEXT)
    exactTypes(o.type, ['VerifiableCredential', 'ClrCredential'])
    const ds = new Dataset()
    const s = named(iri(o.id))
    ds.add(s, RDF_TYPE, named(`${CRED}VerifiableCredential`))
    ds.add(s, RDF_TYPE, named(`${CLRV}ClrCredential`))
    ds.literal(s, `${SCHEMA}name`, o.name)
    ds.literal(s, `${SCHEMA}description`, o.description)
    ds.literal(s, `${CRED}validFrom`, o.validFrom, XSD_DATETIME)
    ds.literal(s, `${CRED}validUntil`, o.validUntil, XSD_DATETIME)
    const issuer = obj(o.issuer)
    only(issuer, ['id', 'type', 'name', 'url', 'email'])
    exactTypes(issuer.type, ['Profile'])
    const is = named(iri(issuer.id))
    ds.add(s, `${CRED}issuer`, is)
    ds.add(is, RDF_TYPE, named(`${OBV}Profile`))
    ds.literal(is, `${SCHEMA}name`, issuer.name)
    ds.literal(is, `${SCHEMA}url`, issuer.url, OB_XSD_ANYURI)
    ds.literal(is, `${SCHEMA}email`, issuer.email)
    for (const cs of many(o.credentialSchema)) {
      const c = obj(cs)
      only(c, ['id', 'type'])
      exactTypes(c.type, [JSON_SCHEMA_VALIDATOR_TYPE])
      const n = named(iri(c.id))
      ds.add(s, `${CRED}credentialSchema`, n)
      ds.add(n, RDF_TYPE, named(`https://purl.imsglobal.org/spec/vccs/v1p0/context.json#${JSON_SCHEMA_VALIDATOR_TYPE}`))
    }
    const subj = obj(o.credentialSubject)
    only(subj, ['id', 'type', 'identifier', 'verifiableCredential', 'association'])
    exactTypes(subj.type, ['ClrSubject'])
    const ss = subj.id === undefined ? ds.blank('s') : named(iri(subj.id))
    ds.add(s, `${CRED}credentialSubject`, ss)
    ds.add(ss, RDF_TYPE, named(`${CLRV}ClrSubject`))
    for (const idv of many(subj.identifier)) {
      const i = obj(idv)
      only(i, ['type', 'identityType', 'hashed', 'identityHash', 'salt'])
      exactTypes(i.type, ['IdentityObject'])
      if (typeof i.hashed !== 'boolean') bail()
      const b = ds.blank('i')
      ds.add(ss, `${CLRV}identifier-1`, b)
      ds.add(b, RDF_TYPE, named(`${OBV}IdentityObject`))
      ds.add(b, `${OBV}hashed`, { termType: 'Literal', value: String(i.hashed), datatype: named(OB_XSD_BOOLEAN) })
      ds.literal(b, `${OBV}identityType`, str(i.identityType))
      ds.literal(b, `${OBV}identityHash`, str(i.identityHash))
      ds.literal(b, `${OBV}salt`, i.salt)
    }
    for (const av of many(subj.association)) {
      // CLR 2.0.1 context: `Association` scopes associationType (a plain string), sourceId and targetId typed
      // `xsd:anyURI` with no `xsd` prefix in scope, so JSON-LD keeps the datatype IRI as written.
      const a = obj(av)
      only(a, ['type', 'associationType', 'sourceId', 'targetId'])
      exactTypes(a.type, ['Association'])
      if (!(ASSOCIATION_TYPES as readonly unknown[]).includes(a.associationType)) bail()
      const b = ds.blank('a')
      ds.add(ss, `${CLRV}association`, b)
      ds.add(b, RDF_TYPE, named(`${CLRV}Association`))
      ds.literal(b, `${CLRV}AssociationType`, a.associationType)
      ds.literal(b, `${CLRV}sourceId`, iri(a.sourceId), 'xsd:anyURI')
      ds.literal(b, `${CLRV}targetId`, iri(a.targetId), 'xsd:anyURI')
    }
    many(subj.verifiableCredential).forEach((c, n) => ds.add(ss, `${CLRV}verifiableCredential`, addEmbedded(ds, c, n)))
    return ds.quads
  } catch (err) {
    if (err instanceof NotFast) return undefined
    throw err
  }
}

// ---- signing -----------------------------------------------------------------------------------------------------

/** Options of {@link signClr}. */
export interface SignClrOptions {
  privateKey: KeyObject
  /** Full URL of the Multikey verification method (the issuer Profile `#` publicKeyMultibase). */
  verificationMethod: string
  created: Date
  documentLoader?: DocumentLoader
  /** Use the direct dataset path when the document has our shape (default true). */
  fast?: boolean
}

/** The document as JSON data, within {@link MAX_CLR_BYTES}. */
function jsonData(doc: object): Json {
  if (jsonDepth(doc, 64) > 64) throw new CanonError('too_deep', 'document nests deeper than 64 levels')
  const text = JSON.stringify(doc)
  if (text.length > MAX_CLR_BYTES) throw new CanonError('too_large', `a CLR is limited to ${MAX_CLR_BYTES} bytes`)
  return JSON.parse(text) as Json
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Canonical N-Quads of a CLR (the fast dataset when possible, else JSON-LD toRdf). */
export async function canonizeClr(doc: object, opts: { fast?: boolean; documentLoader?: DocumentLoader } = {}): Promise<string> {
  const dataset = (opts.fast !== false ? fastClrDataset(doc) : undefined) ?? (await toDataset(doc, opts.documentLoader ?? staticDocumentLoader))
  return canonizeDataset(dataset)
}

/**
 * Signs a ClrCredential with an `eddsa-rdfc-2022` DataIntegrityProof (EdDSA Cryptosuites §3.3): the hash of the
 * canonical proof configuration, then the hash of the canonical document, Ed25519 over both. Returns a new object
 * with `proof` as an array.
 * @throws CanonError when the document cannot be canonicalised or is too large; TypeError on a non-Ed25519 key.
 */
export async function signClr(doc: object, opts: SignClrOptions): Promise<Json> {
  if (opts.privateKey?.type !== 'private' || opts.privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('privateKey must be an Ed25519 private KeyObject')
  const loader = opts.documentLoader ?? staticDocumentLoader
  const { proof: _existing, ...unsecured } = jsonData(doc)
  const proofConfig: Json = {
    '@context': unsecured['@context'],
    type: 'DataIntegrityProof',
    created: xsdDateTime(opts.created),
    verificationMethod: opts.verificationMethod,
    cryptosuite: 'eddsa-rdfc-2022',
    proofPurpose: 'assertionMethod',
  }
  const proofHash = sha256(await canonizeDataset(await toDataset(proofConfig, loader)))
  const docHash = sha256(await canonizeClr(unsecured, { fast: opts.fast, documentLoader: loader }))
  const signature = edSign(null, Buffer.concat([proofHash, docHash]), opts.privateKey)
  const { '@context': _ctx, ...proofFields } = proofConfig
  return { ...unsecured, proof: [{ ...proofFields, proofValue: multibaseEncode(signature) }] }
}
