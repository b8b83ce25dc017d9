import { createRequire } from 'node:module'
import { DocumentNotBundledError, staticDocumentLoader } from '../contexts/loader.js'
import type { DocumentLoader } from '../contexts/loader.js'

/**
 * RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, general path: `jsonld.toRDF` in safe mode over
 * the offline loader, then `rdf-canonize` with a bounded work factor (Data Integrity EdDSA Cryptosuites v1.0
 * §3.3.1 "Transformation (eddsa-rdfc-2022)", CONFORMANCE B4 items 66, 68, 69).
 */

/** An RDF term in the rdf-canonize / RDF/JS dataset shape. */
export interface RdfTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph'
  value: string
  datatype?: { termType: 'NamedNode'; value: string }
  language?: string
}

/** One quad; graph is always the default graph for our documents. */
export interface RdfQuad {
  subject: RdfTerm
  predicate: RdfTerm
  object: RdfTerm
  graph: RdfTerm
}

interface RdfCanonizeApi {
  canonize(dataset: RdfQuad[], options: Record<string, unknown>): Promise<string>
}

type ToRdf = (input: object, options: object) => Promise<RdfQuad[]>

/**
 * jsonld and rdf-canonize (~20 MB loaded), at the first document that needs the general path: our own credentials
 * take the fast path (canon-fast.ts), so most processes never load them. rdf-canonize ships no type declarations;
 * it is loaded through require, typed for the one call we make.
 */
let libraries: Promise<{ toRdf: ToRdf; rdfCanonize: RdfCanonizeApi }> | undefined
const load = (): Promise<{ toRdf: ToRdf; rdfCanonize: RdfCanonizeApi }> => libraries ??= import('jsonld').then((m) => ({
  toRdf: (m.default as unknown as { toRDF: ToRdf }).toRDF,
  rdfCanonize: createRequire(import.meta.url)('rdf-canonize') as RdfCanonizeApi,
}))

/**
 * Work bound for RDFC-1.0 N-Degree hashing (rdf-canonize `maxWorkFactor`): 1 = O(n) deep iterations over the
 * non-unique blank nodes, the library default that digitalbazaar verifiers use too, so anything we sign they can
 * verify, and a poison graph fails fast instead of burning CPU.
 */
export const MAX_WORK_FACTOR = 1

/** Serialised-size limit (UTF-8 bytes of `JSON.stringify`) checked before any JSON-LD work. */
export const MAX_DOCUMENT_BYTES = 256 * 1024
/** Nesting-depth limit (objects + arrays) checked before any JSON-LD work. */
export const MAX_DOCUMENT_DEPTH = 64

/** Machine codes for documents rejected before or during canonicalisation. */
export type CanonErrorCode =
  | 'malformed' | 'too_large' | 'too_deep' | 'unknown_context' | 'too_complex' | 'canonicalization_failed'
  /** A bounded JSON-LD worker pool (domain/verify/jsonld-pool.ts) could not take the job. */
  | 'busy'

/** Thrown by the canonicalisation helpers; `code` is stable. */
export class CanonError extends Error {
  override readonly name = 'CanonError'
  constructor(
    readonly code: CanonErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Nesting depth of a JSON value, stopping as soon as `limit` is exceeded (cycles count as too deep). */
export function jsonDepth(value: unknown, limit: number): number {
  const walk = (v: unknown, depth: number): number => {
    if (v === null || typeof v !== 'object') return depth
    if (depth + 1 > limit) return depth + 1
    let max = depth + 1
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const d = walk(child, depth + 1)
      if (d > max) max = d
      if (max > limit) break
    }
    return max
  }
  return walk(value, 0)
}

/**
 * Rejects what must not reach the JSON-LD processor: non-objects, more than {@link MAX_DOCUMENT_DEPTH} levels,
 * more than {@link MAX_DOCUMENT_BYTES} serialised. Returns the JSON text.
 * @throws CanonError `malformed` / `too_deep` / `too_large`.
 */
export function assertWithinLimits(doc: unknown): string {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CanonError('malformed', 'document must be a JSON object')
  }
  // Depth first: it also stops cyclic structures before JSON.stringify would throw on them.
  if (jsonDepth(doc, MAX_DOCUMENT_DEPTH) > MAX_DOCUMENT_DEPTH) {
    throw new CanonError('too_deep', `document nests deeper than ${MAX_DOCUMENT_DEPTH} levels`)
  }
  let text: string
  try {
    text = JSON.stringify(doc)
  } catch (err) {
    throw new CanonError('malformed', 'document is not serialisable JSON', { cause: err })
  }
  if (text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new CanonError('too_large', `document exceeds ${MAX_DOCUMENT_BYTES} bytes`)
  }
  return text
}

/**
 * The document as JSON data (what a verifier will parse): checks the limits, then drops `undefined` members and
 * turns `Date`s / `toJSON` objects into their JSON form, so the signature covers exactly the serialised credential.
 * @throws CanonError `malformed` / `too_deep` / `too_large`.
 */
export function toJsonData(doc: unknown): Record<string, unknown> {
  return JSON.parse(assertWithinLimits(doc)) as Record<string, unknown>
}

function classify(err: unknown): CanonError {
  if (err instanceof CanonError) return err
  const e = err as { name?: string; message?: string; details?: { code?: string; url?: string; cause?: unknown } } | undefined
  const message = typeof e?.message === 'string' ? e.message : String(err)
  const code = e?.details?.code ?? ''
  if (e?.name === 'jsonld.LoadDocumentError' || e?.details?.cause instanceof DocumentNotBundledError || /loading (remote )?(context|document) failed/.test(code)) {
    return new CanonError('unknown_context', `context not bundled: ${e?.details?.url ?? message}`, { cause: err })
  }
  if (/maximum deep iterations/i.test(message)) {
    return new CanonError('too_complex', 'canonicalisation work limit exceeded (poison graph?)', { cause: err })
  }
  return new CanonError('canonicalization_failed', message, { cause: err })
}

/**
 * RDFC-1.0 canonical N-Quads of an RDF dataset (RDF Dataset Canonicalization §4.4), work-bounded.
 * @throws CanonError `too_complex` when the work factor is exceeded.
 */
export async function canonizeDataset(dataset: RdfQuad[]): Promise<string> {
  const { rdfCanonize } = await load()
  try {
    return await rdfCanonize.canonize(dataset, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      maxWorkFactor: MAX_WORK_FACTOR,
    })
  } catch (err) {
    throw classify(err)
  }
}

/**
 * The RDF dataset of a JSON-LD document as `eddsa-rdfc-2022` defines it: JSON-LD 1.1 toRdf with `safe: true`
 * (undefined terms are errors, CONFORMANCE B4 item 68), `base: null`, `rdfDirection: 'i18n-datatype'`, only
 * bundled contexts (plus what `documentLoader` adds).
 * @throws CanonError on any JSON-LD error.
 */
export async function toDataset(doc: object, documentLoader: DocumentLoader = staticDocumentLoader): Promise<RdfQuad[]> {
  const { toRdf } = await load()
  try {
    return await toRdf(doc, {
      documentLoader,
      safe: true,
      base: null,
      rdfDirection: 'i18n-datatype',
      produceGeneralizedRdf: false,
    })
  } catch (err) {
    throw classify(err)
  }
}

/**
 * General-path canonical N-Quads of a JSON-LD document (EdDSA Cryptosuites §3.3.1): limits, toRdf, RDFC-1.0.
 * @throws CanonError (see {@link CanonErrorCode}).
 */
export async function canonizeGeneral(doc: object, documentLoader: DocumentLoader = staticDocumentLoader): Promise<string> {
  assertWithinLimits(doc)
  return canonizeDataset(await toDataset(doc, documentLoader))
}
