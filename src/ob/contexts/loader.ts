import { readFileSync } from 'node:fs'

/**
 * Offline JSON-LD document loader for the bundled contexts (CONFORMANCE B10 item 92, B4 item 69).
 * Contexts are spec data, read once from `./files/` next to this module (the folder must be copied into
 * `dist/` by the build) and deep-frozen: the signature covers the expanded RDF, so they must be byte-stable.
 */

/** The `jsonld` documentLoader result shape (JSON-LD 1.1 API §9.4.3 RemoteDocument). */
export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: object
}

/** A `jsonld`-compatible document loader. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/** Context URL -> file name under `./files/`. Aliases point at the same file. */
const FILES: ReadonlyArray<readonly [string, string]> = [
  ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.jsonld'],
  ['https://www.w3.org/ns/credentials/undefined-terms/v2', 'credentials-undefined-terms-v2.jsonld'],
  ['https://www.w3.org/2018/credentials/v1', 'credentials-2018-v1.jsonld'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', 'ob-v3p0-context.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', 'ob-v3p0-context-3.0.1.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', 'ob-v3p0-context-3.0.2.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'ob-v3p0-context-3.0.3.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'ob-v3p0-extensions.json'],
  ['https://w3id.org/openbadges/v2', 'openbadges-v2.jsonld'],
  ['https://openbadgespec.org/v2/context.json', 'openbadges-v2.jsonld'],
  ['https://w3id.org/security/data-integrity/v1', 'data-integrity-v1.jsonld'],
  ['https://w3id.org/security/data-integrity/v2', 'data-integrity-v2.jsonld'],
  ['https://w3id.org/security/multikey/v1', 'multikey-v1.jsonld'],
  ['https://www.w3.org/ns/did/v1', 'did-v1.jsonld'],
  ['https://www.w3.org/ns/credentials/status/v1', 'credentials-status-v1.jsonld'],
  ['https://w3id.org/vc/status-list/2021/v1', 'vc-status-list-2021-v1.jsonld'],
  ['https://w3id.org/security/v1', 'security-v1.jsonld'],
  ['https://w3id.org/security/v2', 'security-v2.jsonld'],
  ['https://w3id.org/security/suites/ed25519-2020/v1', 'ed25519-2020-v1.jsonld'],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context.json', 'clr-v2p0-context.json'],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'clr-v2p0-2.0.1.json'],
]

/** Recursively freezes a parsed JSON value. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function loadAll(): Map<string, object> {
  const byFile = new Map<string, object>()
  const map = new Map<string, object>()
  for (const [url, file] of FILES) {
    let doc = byFile.get(file)
    if (doc === undefined) {
      const text = readFileSync(new URL(`./files/${file}`, import.meta.url), 'utf8')
      doc = deepFreeze(JSON.parse(text) as object)
      byFile.set(file, doc)
    }
    map.set(url, doc)
  }
  return map
}

/** Every bundled context, by URL; parsed once at module load and deep-frozen (CONFORMANCE B10 item 92). */
export const contexts: ReadonlyMap<string, object> = loadAll()

/** Thrown for a URL the offline loader does not hold; it never falls back to the network. */
export class DocumentNotBundledError extends Error {
  override readonly name = 'DocumentNotBundledError'
  readonly code = 'loading document failed'
  constructor(readonly url: string) {
    super(`Document not bundled (offline loader, no network): ${url}`)
  }
}

/**
 * `jsonld` documentLoader serving only the bundled contexts (CONFORMANCE B10 item 92).
 * @throws DocumentNotBundledError (as a rejected promise) for any other URL.
 */
export async function staticDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = contexts.get(url)
  if (document === undefined) throw new DocumentNotBundledError(url)
  return { contextUrl: null, documentUrl: url, document }
}

/**
 * Builds a loader over the bundled contexts plus `extra` (controller documents, did:key documents...).
 * Bundled contexts win over `extra`, so a caller can never shadow a context the signatures depend on.
 * `extra` returning `undefined` (or throwing) means "not held": the loader then rejects.
 */
export function createDocumentLoader(extra?: (url: string) => object | undefined): DocumentLoader {
  if (extra === undefined) return staticDocumentLoader
  return async (url: string) => {
    const bundled = contexts.get(url)
    if (bundled !== undefined) return { contextUrl: null, documentUrl: url, document: bundled }
    const document = extra(url)
    if (document === undefined || document === null) throw new DocumentNotBundledError(url)
    return { contextUrl: null, documentUrl: url, document }
  }
}
