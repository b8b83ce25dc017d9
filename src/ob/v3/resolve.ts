import { createPublicKey } from 'node:crypto'
import type { JsonWebKey, KeyObject } from 'node:crypto'
import { publicKeyFromMultibase, resolveDidKey } from './multikey.js'

/**
 * Key resolution for OB 3.0 verification (OB 3.0 §8 "Proofs", CONFORMANCE items 64, 67, 70): `did:key` locally,
 * `did:web` DID documents, http(s) verification methods and JWKs through the injected `fetchJson`. Besides the key it records whether the
 * key is bound to the expected issuer, so the verifier can report `issuer` separately from `proof`.
 */

/** Injected egress: GET a URL as JSON. May throw (an error with a string `code` is reported). */
export type FetchJson = (url: string) => Promise<{ status: number; json: unknown }>

/** A problem with the key's binding to its controller/issuer (reported under the `issuer` check). */
export interface BindingNote {
  key: string
  code: 'key_not_authorized' | 'key_not_bound'
  message: string
}

/** A resolved Ed25519 verification method: B1's `ResolveVerificationMethod` result. */
export interface ResolvedMethod {
  publicKey: KeyObject
  controller: string
}

/** The resolvers of one verification run; `notes` collects binding problems, `fetches` counts GETs. */
export interface Resolvers {
  resolveVerificationMethod(vmId: string): Promise<ResolvedMethod | null>
  resolveJwtKey(kid: string | undefined, issuerId: string): Promise<KeyObject[]>
  /** GET JSON with the run's cache, fetch budget and timeout; throws an Error with `code` on failure. */
  getJson(url: string): Promise<Record<string, unknown>>
  notes: BindingNote[]
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof v.id === 'string' ? v.id : undefined)
const isHttpUrl = (v: string): boolean => /^https?:\/\/[^\s]+$/i.test(v)

/** An Error with a stable `code`. */
export function codedError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code })
}

function lists(doc: Json, relationship: string, vmId: string): boolean {
  return asArray(doc[relationship]).some((entry) => idOf(entry) === vmId)
}

function findMethod(doc: Json, vmId: string): Json | undefined {
  if (doc.id === vmId && (doc.publicKeyMultibase !== undefined || doc.publicKeyJwk !== undefined)) return doc
  for (const entry of [...asArray(doc.verificationMethod), ...asArray(doc.assertionMethod)]) {
    if (isObject(entry) && entry.id === vmId) return entry
  }
  return undefined
}

function publicJwkKey(jwk: unknown): KeyObject {
  if (!isObject(jwk) || 'd' in jwk) throw codedError('invalid_key', 'publicKeyJwk must be a public JWK')
  return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
}

function methodKey(vm: Json): KeyObject {
  if (typeof vm.publicKeyMultibase === 'string') return publicKeyFromMultibase(vm.publicKeyMultibase)
  if (vm.publicKeyJwk !== undefined) return publicJwkKey(vm.publicKeyJwk)
  throw codedError('invalid_key', 'verification method has no publicKeyMultibase or publicKeyJwk')
}

/**
 * The URL of a `did:web` DID's document (DID Web Method Specification §3.2 "Read"): `did:web:example.com` ->
 * `https://example.com/.well-known/did.json`, `did:web:example.com%3A8443:orgs:7` -> `https://example.com:8443/orgs/7/did.json`.
 * Undefined when `did` is not a well-formed did:web (no fragment, query or slash; a host name; non-empty path parts).
 */
export function didWebDocumentUrl(did: string): string | undefined {
  const m = /^did:web:([A-Za-z0-9.%:_~-]+)$/.exec(did)
  if (m === null) return undefined
  let parts: string[]
  try {
    parts = (m[1] as string).split(':').map((p) => decodeURIComponent(p))
  } catch {
    return undefined
  }
  const [host = '', ...path] = parts
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/.test(host)) return undefined
  if (path.some((p) => p === '' || /[/?#\\]/.test(p) || p === '.' || p === '..')) return undefined
  return path.length === 0 ? `https://${host}/.well-known/did.json` : `https://${host}/${path.map(encodeURIComponent).join('/')}/did.json`
}

/** Options of {@link createResolvers}. */
export interface ResolverOptions {
  fetchJson: FetchJson
  /** Per-GET time limit (default 10 s). */
  fetchTimeoutMs?: number
  /** GETs allowed in one run (default 8): bounds the work a hostile credential can cause. */
  maxFetches?: number
}

/**
 * Creates the resolvers for one verification run (GETs are cached per run).
 * - `resolveVerificationMethod`: `did:key` (bare or `#fragment`) locally, controller = the DID; http(s) VMs from the
 *   controller document at the VM URL without fragment. The VM must be listed under that document's
 *   `assertionMethod` and the document's `id` must be the VM's `controller`, else a `key_not_authorized` note.
 * - `resolveJwtKey`: http(s) `kid` under the issuer URL (`{issuer}/…` or `{issuer}#…`; else a `key_not_bound`
 *   note) serving a JWK, a JWKS, or a controller document VM with `publicKeyJwk`; no `kid`: the `publicKeyJwk`
 *   VMs listed under `assertionMethod` of the issuer's own document.
 */
export function createResolvers(opts: ResolverOptions): Resolvers {
  const cache = new Map<string, Promise<Json>>()
  const notes: BindingNote[] = []
  const timeoutMs = opts.fetchTimeoutMs ?? 10_000
  const maxFetches = opts.maxFetches ?? 8

  async function fetchOnce(url: string): Promise<Json> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = codedError('timeout', `GET ${url} timed out after ${timeoutMs} ms`)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut), timeoutMs)
    })
    let response: { status: number; json: unknown }
    try {
      response = await Promise.race([Promise.resolve().then(() => opts.fetchJson(url)), timeout])
    } catch (err) {
      if (err === timedOut) throw err
      const code = (err as { code?: unknown } | null)?.code
      // The fetcher's own verdicts (policy refusal, not reachable) keep their code: they are not a fault of the badge.
      if (code === 'policy_refused' || code === 'not_reachable') throw codedError(code, `GET ${url}: ${String((err as Error).message).slice(0, 200)}`)
      throw codedError('fetch_failed', `GET ${url} failed${typeof code === 'string' ? `: ${code.slice(0, 60)}` : ''}`)
    } finally {
      clearTimeout(timer)
    }
    if (!isObject(response) || response.status !== 200) {
      throw codedError('http_error', `GET ${url} answered HTTP ${String(isObject(response) ? response.status : 'nothing')}`)
    }
    if (!isObject(response.json)) throw codedError('not_json', `${url} is not a JSON object`)
    return response.json
  }

  function getJson(url: string): Promise<Json> {
    if (!isHttpUrl(url)) return Promise.reject(codedError('not_http', `${url} is not an http(s) URL`))
    const hit = cache.get(url)
    if (hit !== undefined) return hit
    if (cache.size >= maxFetches) return Promise.reject(codedError('too_many_fetches', `more than ${maxFetches} documents to fetch`))
    const pending = fetchOnce(url)
    cache.set(url, pending)
    return pending
  }

  /**
   * A did:web verification method (`did:web:…#key`): the DID document fetched from its https URL (through the injected
   * fetch, i.e. the egress client), which must declare `id` = the DID; VM ids may be absolute or `#relative`.
   */
  async function didWebMethod(vmId: string): Promise<{ did: string; doc: Json; vm: Json | undefined; listed: boolean }> {
    const did = vmId.split('#')[0] as string
    const url = didWebDocumentUrl(did)
    if (url === undefined) throw codedError('unsupported_method', `${did.slice(0, 200)} is not a valid did:web`)
    const doc = await getJson(url)
    if (doc.id !== did) throw codedError('invalid_key', `the DID document at ${url} is not the document of ${did}`)
    const absolute = (id: unknown): string | undefined => (typeof id === 'string' && id.startsWith('#') ? `${did}${id}` : typeof id === 'string' ? id : undefined)
    const vm = [...asArray(doc.verificationMethod), ...asArray(doc.assertionMethod)]
      .find((entry): entry is Json => isObject(entry) && absolute(entry.id) === vmId)
    const listed = asArray(doc.assertionMethod).some((entry) => absolute(idOf(entry)) === vmId)
    return { did, doc, vm, listed }
  }

  async function resolveVerificationMethod(vmId: string): Promise<ResolvedMethod | null> {
    if (vmId.startsWith('did:web:')) {
      const { did, vm, listed } = await didWebMethod(vmId)
      if (vm === undefined) return null
      const controller = idOf(vm.controller) ?? did
      if (!listed || controller !== did) {
        notes.push({ key: vmId, code: 'key_not_authorized', message: `${vmId} is not listed under assertionMethod of ${did}` })
      }
      return { publicKey: methodKey(vm), controller }
    }
    if (vmId.startsWith('did:key:')) {
      const doc = resolveDidKey(vmId) as unknown as Json
      // A bare DID resolves to the DID document, `did:key:X#X` to the verification method itself.
      const vm = 'controller' in doc ? doc : (asArray(doc.verificationMethod)[0] as Json)
      return { publicKey: methodKey(vm), controller: String(vm.controller) }
    }
    if (!isHttpUrl(vmId)) throw codedError('unsupported_method', `verification method ${vmId} is neither did:key nor http(s)`)
    const docUrl = vmId.split('#')[0] as string
    const doc = await getJson(docUrl)
    const vm = findMethod(doc, vmId)
    if (vm === undefined) return null
    const controller = idOf(vm.controller)
    if (controller === undefined) throw codedError('invalid_key', `verification method ${vmId} has no controller`)
    const publicKey = methodKey(vm)
    // The controller document is the one at the VM's base URL, unless the VM was served on its own.
    const controllerDoc = doc.id === vmId ? await getJson(controller) : doc
    if (controllerDoc.id !== controller || !lists(controllerDoc, 'assertionMethod', vmId)) {
      notes.push({ key: vmId, code: 'key_not_authorized', message: `${vmId} is not listed under assertionMethod of its controller ${controller}` })
    }
    return { publicKey, controller }
  }

  async function resolveJwtKey(kid: string | undefined, issuerId: string): Promise<KeyObject[]> {
    if (kid !== undefined && kid.startsWith('did:key:')) {
      const { publicKey, controller } = (await resolveVerificationMethod(kid)) as ResolvedMethod
      if (controller !== issuerId) notes.push({ key: kid, code: 'key_not_bound', message: `${kid} is not controlled by issuer ${issuerId}` })
      return controller === issuerId ? [publicKey] : []
    }
    if (kid !== undefined && kid.startsWith('did:web:')) {
      const { did, vm, listed } = await didWebMethod(kid)
      if (vm === undefined || vm.publicKeyJwk === undefined) return []
      if (did !== issuerId || !listed || (idOf(vm.controller) ?? did) !== issuerId) {
        notes.push({ key: kid, code: 'key_not_bound', message: `${kid} is not an assertionMethod key of issuer ${issuerId}` })
        return []
      }
      return [publicJwkKey(vm.publicKeyJwk)]
    }
    if (kid === undefined && issuerId.startsWith('did:web:')) {
      const url = didWebDocumentUrl(issuerId)
      if (url === undefined) return []
      const doc = await getJson(url)
      if (doc.id !== issuerId) return []
      const absolute = (id: unknown): unknown => (typeof id === 'string' && id.startsWith('#') ? `${issuerId}${id}` : id)
      const listed = new Set(asArray(doc.assertionMethod).map((e) => absolute(idOf(e))))
      return asArray(doc.verificationMethod)
        .filter((vm): vm is Json => isObject(vm) && (idOf(vm.controller) ?? issuerId) === issuerId && listed.has(absolute(vm.id)) && vm.publicKeyJwk !== undefined)
        .map((vm) => publicJwkKey(vm.publicKeyJwk))
    }
    if (kid === undefined) {
      const doc = await getJson(issuerId)
      return asArray(doc.verificationMethod)
        .filter((vm): vm is Json => isObject(vm) && idOf(vm.controller) === issuerId && typeof vm.id === 'string' && lists(doc, 'assertionMethod', vm.id))
        .filter((vm) => vm.publicKeyJwk !== undefined)
        .map((vm) => publicJwkKey(vm.publicKeyJwk))
    }
    if (!isHttpUrl(issuerId) || !(kid.startsWith(`${issuerId}/`) || kid.startsWith(`${issuerId}#`))) {
      notes.push({ key: kid, code: 'key_not_bound', message: `kid ${kid} is not published under the issuer id ${issuerId}` })
      return []
    }
    const doc = await getJson(kid.split('#')[0] as string)
    if (typeof doc.kty === 'string') return [publicJwkKey(doc)]
    if (Array.isArray(doc.keys)) return doc.keys.map(publicJwkKey)
    const vm = findMethod(doc, kid)
    if (vm === undefined || vm.publicKeyJwk === undefined) return []
    if (idOf(vm.controller) !== issuerId || !lists(doc, 'assertionMethod', kid)) {
      notes.push({ key: kid, code: 'key_not_authorized', message: `${kid} is not listed under assertionMethod of issuer ${issuerId}` })
      return []
    }
    return [publicJwkKey(vm.publicKeyJwk)]
  }

  return { resolveVerificationMethod, resolveJwtKey, getJson, notes }
}
