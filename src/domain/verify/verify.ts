import { BakeError } from '../../ob/bake/errors.js'
import { extractPng } from '../../ob/bake/png.js'
import { extractSvg } from '../../ob/bake/svg.js'
import { identityMatches, normaliseIdentity } from '../../ob/hash.js'
import type { IdentityType } from '../../ob/hash.js'
import { decodeUtf8, sniffImage } from '../../ob/image/sniff.js'
import { isVerified } from '../../ob/report.js'
import type { Check, VerificationReport } from '../../ob/report.js'
import { decodeJws, looksLikeJws } from '../../ob/v2/jws.js'
import { verifyOb2 } from '../../ob/v2/verify.js'
import type { VerifyOb2Input } from '../../ob/v2/verify.js'
import { verifyOb3 } from '../../ob/v3/verify.js'
import type { VerifyOb3Input } from '../../ob/v3/verify.js'
import { EgressError, POLICY_CODES, type Egress } from '../../infra/egress.js'
import { BadRequest } from '../shared/errors.js'

/**
 * Verification of a badge someone hands us (POST /v1/verify): an assertion URL, its JSON, a compact JWS, an OB 3.0
 * credential or VC-JWT, or a baked PNG/SVG. Works out which verifier applies (OB 2.0 or 3.0), gives it an egress-backed
 * fetcher bounded in count and time, and returns its report. A badge that fails is a report, never an error; only
 * input that is not a request at all (nothing to verify, absurd nesting) is a BadRequest.
 */

export type VerifyInput =
  | { url: string }
  | { assertion: unknown }
  | { jws: string }
  | { credential: unknown }
  | { jwt: string }
  | { image: Uint8Array }

export interface ExpectedRecipient { type?: string; identity: string }

/** A fetched resource, from the network or (our own URLs) in-process. */
export interface FetchedResource { status: number; body: Buffer | string }

export interface VerifyDeps {
  egress: Egress
  clock: () => Date
  /** Resolves URLs of this service without the network (see routes/verify.routes.ts); undefined = not ours. */
  fetchOwn?: (url: string) => Promise<FetchedResource | undefined>
  /** Whole-verification deadline; default 20 s. */
  deadlineMs?: number
  /** Outbound GETs one verification may make; default 12. */
  maxFetches?: number
  /**
   * Canonicalises untrusted JSON-LD off the event loop with a time and heap limit (jsonld-pool.ts); without it the
   * general JSON-LD path runs in-thread (bounded only by the inline-context caps).
   */
  canonize?: (doc: object) => Promise<string>
}

const ACCEPT = 'application/ld+json, application/json;q=0.9, text/plain;q=0.5'
const VC_CONTEXTS = new Set(['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1'])
export const MAX_DEPTH = 64
export const MAX_NODES = 100_000

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const coded = (code: string, message: string): Error & { code: string } => Object.assign(new Error(message), { code })

/** Iterative (stack-safe) bound on nesting and size of a parsed JSON value; returns a problem or undefined. */
export function jsonTooComplex (value: unknown, maxDepth = MAX_DEPTH, maxNodes = MAX_NODES): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]]
  let nodes = 0
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (++nodes > maxNodes) return `more than ${maxNodes} JSON values`
    if (v === null || typeof v !== 'object') continue
    if (depth >= maxDepth) return `nested deeper than ${maxDepth} levels`
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1])
  }
  return undefined
}

/** An OB 3.0 credential: a VC context or the VerifiableCredential type (OB 2.0 assertions have neither). */
function isCredential (v: unknown): boolean {
  if (!isObject(v)) return false
  return asArray(v['@context']).some((c) => typeof c === 'string' && VC_CONTEXTS.has(c)) || asArray(v.type).includes('VerifiableCredential')
}

/** A compact JWS whose payload is a VC (VCDM 2.0 form or the 1.1 `vc` claim) is OB 3.0, anything else OB 2.0. */
function isVcJwt (jws: string): boolean {
  const decoded = decodeJws(jws)
  return !('error' in decoded) && (isCredential(decoded.payload) || (isObject(decoded.payload) && isObject(decoded.payload.vc)))
}

type Target = { v: 2; input: VerifyOb2Input } | { v: 3; input: VerifyOb3Input } | { v: 0; check: Check }

const unreadable = (code: string, message: string): Target => ({ v: 0, check: { id: 'structure', valid: false, code, message } })

/** Which verifier, with what: decided by content, never by which field it came in. */
function classify (value: unknown): Target {
  if (typeof value === 'string') {
    const text = value.trim()
    if (looksLikeJws(text)) return isVcJwt(text) ? { v: 3, input: { jwt: text } } : { v: 2, input: { jws: text } }
    if (text.startsWith('{')) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return unreadable('invalid_json', 'the badge text is not valid JSON')
      }
      const problem = jsonTooComplex(parsed)
      return problem ? unreadable('too_complex', `the badge JSON is ${problem}`) : classify(parsed)
    }
    if (/^https?:\/\/\S+$/i.test(text)) return { v: 2, input: { url: text } }
    if (text.split('.').length === 3) return { v: 2, input: { jws: text } } // let the JWS decoder say what is wrong
    return unreadable('invalid_structure', 'input is not a badge: neither JSON, a compact JWS nor a URL')
  }
  if (isCredential(value)) return { v: 3, input: { credential: value } }
  return { v: 2, input: { assertion: value } }
}

/** What a baked PNG or SVG carries (OB 2.0 Baking; OB 3.0 §5.3), as text for {@link classify}. */
function unbake (bytes: Uint8Array): Target {
  const kind = sniffImage(bytes)
  if (kind === null) return unreadable('not_an_image', 'the file is neither a PNG nor an SVG image')
  try {
    if (kind === 'png') {
      const baked = extractPng(bytes)
      return baked ? classify(baked.text) : unreadable('not_baked', 'the PNG carries no baked badge (no iTXt openbadges / openbadgecredential chunk)')
    }
    const text = decodeUtf8(bytes)
    const baked = text === null ? null : extractSvg(text)
    if (!baked) return unreadable('not_baked', 'the SVG carries no baked badge (no openbadges:assertion / openbadges:credential element)')
    // A JWS in `verify` wins; then the embedded JSON; then (OB 2.0 hosted) the assertion URL.
    if (baked.verify !== undefined && looksLikeJws(baked.verify.trim())) return classify(baked.verify)
    if (baked.body !== undefined) return classify(baked.body)
    if (baked.verify !== undefined) return classify(baked.verify)
    return unreadable('not_baked', 'the baked SVG element is empty')
  } catch (err) {
    if (err instanceof BakeError) return unreadable(err.code, `the image is damaged: ${err.message}`)
    throw err
  }
}

/** Response body → what verifiers expect from `fetchJson`: parsed JSON, a compact JWS string, or undefined. */
function parseBody (body: Buffer | string): unknown {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).trim()
  if (looksLikeJws(text)) return text
  try {
    const json = JSON.parse(text) as unknown
    return jsonTooComplex(json) ? undefined : json
  } catch {
    return undefined
  }
}

/** OB 3.0 recipient check (IdentityObject in credentialSubject.identifier, or credentialSubject.id). */
function ob3RecipientCheck (credential: unknown, expected: ExpectedRecipient): Check {
  const subject = isObject(credential) ? asArray(credential.credentialSubject).find(isObject) : undefined
  const TYPE_MAP: Record<string, string> = { email: 'emailAddress', telephone: 'phoneNumber' }
  const wanted = expected.type === undefined ? undefined : TYPE_MAP[expected.type] ?? expected.type
  const candidates = new Set([expected.identity, expected.identity.trim()])
  const obType = (expected.type ?? 'email') as IdentityType
  try {
    candidates.add(normaliseIdentity(obType, expected.identity))
  } catch { /* compared as given */ }
  const matches = asArray(subject?.identifier).filter(isObject).some((entry) => {
    if (wanted !== undefined && entry.identityType !== wanted) return false
    const hash = typeof entry.identityHash === 'string' ? entry.identityHash : ''
    const salt = typeof entry.salt === 'string' ? entry.salt : ''
    return [...candidates].some((c) => entry.hashed === true ? identityMatches(hash, c, salt) : c === hash || c.toLowerCase() === hash.toLowerCase())
  }) || (typeof subject?.id === 'string' && [...candidates].some((c) => subject.id === c || subject.id === `mailto:${c}`))
  return matches
    ? { id: 'recipient', valid: true, message: 'credential is awarded to the expected recipient' }
    : { id: 'recipient', valid: false, code: 'recipient_mismatch', message: 'credential is not awarded to the expected recipient' }
}

/**
 * What the verifiers report for an egress failure (issue #14 item 7): a refusal by our policy is `policy_refused`
 * (this service would not fetch it; nothing is known about the badge), a host that cannot be reached, or a name
 * that resolves only to non-public addresses, is `not_reachable` with one message (no oracle for internal names).
 */
function egressOutcome (err: unknown): unknown {
  if (!(err instanceof EgressError)) return err
  if (POLICY_CODES.has(err.code)) return coded('policy_refused', `refused by this service's egress policy (${err.code}): ${err.message}`)
  if (err.code === 'unreachable') return coded('not_reachable', err.message)
  return err
}

export function createVerifyService (deps: VerifyDeps) {
  const deadlineMs = deps.deadlineMs ?? 20_000
  const maxFetches = deps.maxFetches ?? 12

  async function verify (input: VerifyInput, recipient?: ExpectedRecipient): Promise<VerificationReport> {
    if ('assertion' in input || 'credential' in input) {
      const doc = 'assertion' in input ? input.assertion : input.credential
      const problem = jsonTooComplex(doc)
      if (problem) throw new BadRequest(`the submitted document is ${problem}`)
    }
    if (recipient !== undefined && recipient.identity.trim() === '') throw new BadRequest('recipient.identity must not be empty')

    // One run: a cache (a document fetched twice answers the same), a fetch budget and a deadline after which
    // nothing new goes out.
    const cache = new Map<string, Promise<{ status: number; json: unknown }>>()
    let fetches = 0
    let expired = false
    const fetchJson = (url: string): Promise<{ status: number; json: unknown }> => {
      const hit = cache.get(url)
      if (hit) return hit
      const p = (async () => {
        if (expired) throw coded('deadline', 'verification deadline passed')
        if (++fetches > maxFetches) throw coded('too_many_fetches', `more than ${maxFetches} documents`)
        const own = deps.fetchOwn ? await deps.fetchOwn(url) : undefined
        const res = own ?? await deps.egress.fetch(url, { accept: ACCEPT }).catch((err: unknown) => { throw egressOutcome(err) })
        return { status: res.status, json: parseBody(res.body) }
      })()
      cache.set(url, p)
      return p
    }

    const run = async (): Promise<VerificationReport> => {
      const now = deps.clock()
      let target: Target
      if ('image' in input) target = unbake(input.image)
      else if ('credential' in input) target = { v: 3, input: { credential: input.credential } }
      else if ('url' in input) target = await classifyUrl(input.url, fetchJson)
      else target = classify('assertion' in input ? input.assertion : 'jws' in input ? input.jws : input.jwt)

      if (target.v === 0) return { verified: false, format: 'unknown', checks: [target.check] }
      if (target.v === 2) {
        return verifyOb2(target.input, { now, fetchJson, fetchTimeoutMs: 12_000, ...(recipient ? { recipient } : {}) })
      }
      const report = await verifyOb3(target.input, { now, fetchJson, fetchTimeoutMs: 12_000, ...(deps.canonize ? { canonize: deps.canonize } : {}) })
      const structured = report.checks.some((c) => c.id === 'structure' && c.valid)
      if (recipient && structured) {
        report.checks.push(ob3RecipientCheck(report.credential, recipient))
        report.verified = isVerified(report.checks)
      }
      return report
    }

    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<VerificationReport>((resolve) => {
      timer = setTimeout(() => {
        expired = true
        resolve({
          verified: false,
          format: 'unknown',
          checks: [{ id: 'hosting', valid: false, code: 'deadline', message: `verification did not finish within ${deadlineMs / 1000} s` }],
        })
      }, deadlineMs)
    })
    try {
      return await Promise.race([run(), deadline])
    } finally {
      clearTimeout(timer)
    }
  }

  return { verify }
}

/** A URL may serve an OB 2.0 assertion (JSON or JWS) or an OB 3.0 credential: look once (cached) and decide. */
async function classifyUrl (url: string, fetchJson: (url: string) => Promise<{ status: number; json: unknown }>): Promise<Target> {
  const trimmed = url.trim()
  if (!/^https?:\/\//i.test(trimmed)) return { v: 2, input: { url: trimmed } } // verifyOb2 reports it
  const first = await fetchJson(trimmed).catch(() => undefined) // failures are reported by the OB 2.0 path
  if (first?.status === 200) {
    if (isCredential(first.json)) return { v: 3, input: { credential: first.json } }
    if (typeof first.json === 'string' && isVcJwt(first.json)) return { v: 3, input: { jwt: first.json } }
  }
  return { v: 2, input: { url: trimmed } }
}

export type VerifyService = ReturnType<typeof createVerifyService>
