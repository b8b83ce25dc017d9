import { createHash, sign as edSign, verify as edVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { DocumentLoader } from '../contexts/loader.js'
import { staticDocumentLoader } from '../contexts/loader.js'
import { canonizeDataset, CanonError, toDataset, toJsonData } from './canon.js'
import type { CanonErrorCode } from './canon.js'
import { fastCredentialDataset, fastProofOptionsDataset } from './canon-fast.js'
import { multibaseDecode, multibaseEncode } from './multikey.js'

/**
 * W3C Data Integrity `DataIntegrityProof` with the `eddsa-rdfc-2022` cryptosuite (VC Data Integrity EdDSA
 * Cryptosuites v1.0 §3.3; OB 3.0 §8.3; CONFORMANCE B4 items 65–69).
 */

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const DI_V2 = 'https://w3id.org/security/data-integrity/v2'
const CRYPTOSUITE = 'eddsa-rdfc-2022'
// XML Schema dateTimeStamp (a timezone is mandatory), as Data Integrity §2.1 requires for `created`/`expires`.
const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/

/** Options of {@link signDataIntegrity}. */
export interface SignDataIntegrityOptions {
  privateKey: KeyObject
  /** Full VM URL of a Multikey, e.g. `did:key:z6Mk…#z6Mk…` (CONFORMANCE B4 item 67). */
  verificationMethod: string
  created: Date
  proofPurpose?: 'assertionMethod'
  documentLoader?: DocumentLoader
  /** Use the direct credential -> RDF path when the document has our shape (default true). */
  fast?: boolean
}

/** Resolves a verification method id to its Ed25519 key and controller; `null` when unknown. */
export type ResolveVerificationMethod = (vmId: string) => Promise<{ publicKey: KeyObject; controller: string } | null>

/** Options of {@link verifyDataIntegrity}. */
export interface VerifyDataIntegrityOptions {
  resolveVerificationMethod: ResolveVerificationMethod
  documentLoader?: DocumentLoader
  /** Defaults to `assertionMethod` (OB 3.0 §8.3). */
  expectedProofPurpose?: string
  /** Use the direct credential -> RDF path when the document has our shape (default true). */
  fast?: boolean
  /**
   * Canonicalises what the fast path does not recognise (general JSON-LD path) instead of doing it in-thread: the
   * verifier of untrusted documents passes a bounded worker pool here (domain/verify/jsonld-pool.ts). Must return
   * what `canonizeGeneral` with the bundled loader returns; `documentLoader` is then not used.
   */
  canonize?: (doc: object) => Promise<string>
}

/** Stable failure codes of {@link verifyDataIntegrity}. */
export type DataIntegrityErrorCode =
  | CanonErrorCode
  | 'no_proof'
  | 'unsupported_cryptosuite'
  | 'invalid_proof'
  | 'proof_purpose_mismatch'
  | 'invalid_proof_value'
  | 'verification_method_not_found'
  | 'invalid_key'
  | 'invalid_signature'
  /** The injected resolver's fetcher refused the key URL by policy / could not reach it. */
  | 'policy_refused'
  | 'not_reachable'

/** Result of {@link verifyDataIntegrity}; never thrown. */
export interface DataIntegrityResult {
  verified: boolean
  code?: DataIntegrityErrorCode
  message?: string
  verificationMethod?: string
  controller?: string
}

/** `created` as an XSD dateTimeStamp without fractional seconds, e.g. `2010-01-01T19:23:24Z`. */
export function xsdDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError('created must be a valid Date')
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

type Canonize = (doc: object) => Promise<string>

async function canonicalHash(doc: object, fast: boolean, fastFn: (d: object) => ReturnType<typeof fastCredentialDataset>, loader: DocumentLoader, general?: Canonize): Promise<Buffer> {
  const dataset = fast ? fastFn(doc) : undefined
  if (dataset === undefined && general !== undefined) return sha256(await general(doc))
  return sha256(await canonizeDataset(dataset ?? (await toDataset(doc, loader))))
}

/** The proof configuration's `@context`: the document's, plus DI v2 if it has neither VC v2 nor DI v2 (as the reference library does). */
function proofContext(context: unknown): unknown {
  const list = Array.isArray(context) ? context : context === undefined ? [] : [context]
  if (list.includes(VC_V2) || list.includes(DI_V2)) return context
  return [...list, DI_V2]
}

/**
 * Signs `doc` with an `eddsa-rdfc-2022` DataIntegrityProof (EdDSA Cryptosuites §3.3.1–3.3.5): hash of the
 * canonical proof configuration FIRST, then hash of the canonical document, Ed25519 over the 64 bytes,
 * `proofValue` = base58-btc multibase. Returns a NEW object whose `proof` is always an array (CONFORMANCE B1
 * item 55); proofs already present are kept and the new one signs the document without them (a proof set).
 * What is signed is the document's JSON form (`undefined` members dropped, `Date`s as strings), and the returned
 * object is that JSON form plus the proof.
 * @throws CanonError when the document cannot be canonicalised (undefined term, unbundled context, too large).
 * @throws TypeError on a key that is not an Ed25519 private key or an invalid `created`.
 */
export async function signDataIntegrity(doc: object, opts: SignDataIntegrityOptions): Promise<object> {
  const { privateKey, verificationMethod, created } = opts
  if (privateKey?.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('privateKey must be an Ed25519 private KeyObject')
  }
  if (typeof verificationMethod !== 'string' || verificationMethod === '') throw new TypeError('verificationMethod is required')
  const loader = opts.documentLoader ?? staticDocumentLoader
  const fast = opts.fast !== false
  const { proof: existing, ...unsecured } = toJsonData(doc)
  const proofConfig: Record<string, unknown> = {
    '@context': proofContext(unsecured['@context']),
    type: 'DataIntegrityProof',
    created: xsdDateTime(created),
    verificationMethod,
    cryptosuite: CRYPTOSUITE,
    proofPurpose: opts.proofPurpose ?? 'assertionMethod',
  }
  const proofHash = await canonicalHash(proofConfig, fast, fastProofOptionsDataset, loader)
  const docHash = await canonicalHash(unsecured, fast, fastCredentialDataset, loader)
  const signature = edSign(null, Buffer.concat([proofHash, docHash]), privateKey)

  const { '@context': _ctx, ...proofFields } = proofConfig
  const proof = { ...proofFields, proofValue: multibaseEncode(signature) }
  const previous = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...unsecured, proof: [...previous, proof] }
}

type Failure = DataIntegrityResult & { verified: false }
const fail = (code: DataIntegrityErrorCode, message: string): Failure => ({ verified: false, code, message })

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function startsWith(docContext: unknown, proofContextValue: unknown): boolean {
  const d = Array.isArray(docContext) ? docContext : [docContext]
  const p = Array.isArray(proofContextValue) ? proofContextValue : [proofContextValue]
  return p.length <= d.length && p.every((v, i) => JSON.stringify(v) === JSON.stringify(d[i]))
}

/**
 * Verifies the `eddsa-rdfc-2022` proof(s) of `doc` (EdDSA Cryptosuites §3.3.2 Verify Proof; Data Integrity §4.3).
 * `proof` may be an object or an array; any eddsa-rdfc-2022 proof that verifies suffices, proofs of other suites are
 * ignored (none at all => `unsupported_cryptosuite`). The canonical proof configuration is hashed first, then the
 * document. Never throws: garbage, tampering, unknown/remote contexts, bad multibase, unknown VM all come back as
 * `{ verified: false, code }`.
 */
export async function verifyDataIntegrity(doc: object, opts: VerifyDataIntegrityOptions): Promise<DataIntegrityResult> {
  try {
    return await verifyInner(doc, opts)
  } catch (err) {
    if (err instanceof CanonError) return fail(err.code, err.message)
    return fail('invalid_proof', err instanceof Error ? err.message : String(err))
  }
}

async function verifyInner(doc: unknown, opts: VerifyDataIntegrityOptions): Promise<DataIntegrityResult> {
  const { proof, ...unsecured } = toJsonData(doc)
  if (proof === undefined || proof === null) return fail('no_proof', 'document has no proof')
  const proofs = (Array.isArray(proof) ? proof : [proof]).filter(isObject)
  const ours = proofs.filter((p) => p.type === 'DataIntegrityProof' && p.cryptosuite === CRYPTOSUITE)
  if (ours.length === 0) return fail('unsupported_cryptosuite', `no DataIntegrityProof with cryptosuite ${CRYPTOSUITE}`)

  const loader = opts.documentLoader ?? staticDocumentLoader
  const fast = opts.fast !== false
  const purpose = opts.expectedProofPurpose ?? 'assertionMethod'
  const docHashes = new Map<unknown, Promise<Buffer>>()
  let firstFailure: Failure | undefined
  for (const p of ours) {
    const result = await verifyOne(p, unsecured, { ...opts, purpose, loader, fast, docHashes })
    if (result.verified) return result
    firstFailure ??= result as Failure
  }
  return firstFailure as Failure
}

interface OneOptions extends VerifyDataIntegrityOptions {
  purpose: string
  loader: DocumentLoader
  fast: boolean
  docHashes: Map<unknown, Promise<Buffer>>
}

async function verifyOne(proof: Record<string, unknown>, unsecured: Record<string, unknown>, o: OneOptions): Promise<DataIntegrityResult> {
  const { proofValue, verificationMethod: vm, proofPurpose, created, expires } = proof
  if (typeof vm !== 'string' || vm === '') return fail('invalid_proof', 'proof.verificationMethod must be a URL string')
  if (proofPurpose !== o.purpose) return fail('proof_purpose_mismatch', `proofPurpose must be ${o.purpose}`)
  if (created !== undefined && (typeof created !== 'string' || !DATE_TIME_STAMP.test(created))) {
    return fail('invalid_proof', 'proof.created must be an XSD dateTimeStamp')
  }
  if (expires !== undefined && (typeof expires !== 'string' || !DATE_TIME_STAMP.test(expires))) {
    return fail('invalid_proof', 'proof.expires must be an XSD dateTimeStamp')
  }
  if (typeof proofValue !== 'string') return fail('invalid_proof_value', 'proof.proofValue must be a multibase string')
  let signature: Uint8Array
  try {
    signature = multibaseDecode(proofValue)
  } catch (err) {
    return fail('invalid_proof_value', (err as Error).message)
  }
  if (signature.length !== 64) return fail('invalid_proof_value', 'an Ed25519 signature is 64 bytes')

  // Data Integrity §4.3 step: a proof-level @context must be a prefix of the document's, and then replaces it.
  let documentContext = unsecured['@context']
  if (proof['@context'] !== undefined) {
    if (!startsWith(documentContext, proof['@context'])) return fail('invalid_proof', 'proof @context must prefix the document @context')
    documentContext = proof['@context']
  }
  const { proofValue: _pv, '@context': _pc, ...options } = proof
  const proofConfig = { '@context': proofContext(documentContext), ...options }
  const proofHash = await canonicalHash(proofConfig, o.fast, fastProofOptionsDataset, o.loader, o.canonize)

  const docKey = documentContext
  let docHash = o.docHashes.get(docKey)
  if (docHash === undefined) {
    const docToHash = documentContext === unsecured['@context'] ? unsecured : { ...unsecured, '@context': documentContext }
    docHash = canonicalHash(docToHash, o.fast, fastCredentialDataset, o.loader, o.canonize)
    o.docHashes.set(docKey, docHash)
  }
  const data = Buffer.concat([proofHash, await docHash])

  let resolved: Awaited<ReturnType<ResolveVerificationMethod>>
  try {
    resolved = await o.resolveVerificationMethod(vm)
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code
    const why = code === 'policy_refused' || code === 'not_reachable' ? code : 'verification_method_not_found'
    return fail(why, `verification method ${vm} could not be resolved: ${(err as Error)?.message ?? err}`)
  }
  if (!resolved) return fail('verification_method_not_found', `verification method ${vm} not found`)
  const { publicKey, controller } = resolved
  if (publicKey?.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') {
    return fail('invalid_key', 'verification method is not an Ed25519 public key')
  }
  if (!edVerify(null, data, publicKey, signature)) return fail('invalid_signature', 'signature does not match')
  return { verified: true, verificationMethod: vm, controller }
}
