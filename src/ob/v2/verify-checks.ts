/**
 * The individual OB 2.0 verification checks used by verify.ts (CONFORMANCE A4–A7). Each records its outcome on the
 * run's report and never throws on bad documents.
 */
import { identityMatches, normaliseIdentity } from '../hash.js'
import type { IdentityType } from '../hash.js'
import type { CheckId, ReportBuilder } from '../report.js'
import {
  asArray, idOf, isHttpUrl, isObject, parseDateTime, validateBadgeClass, validateProfile, validateRevocationList,
} from './structure.js'

type Json = Record<string, unknown>

/** Injected I/O and context. `fetchJson` may throw (an error with `code` is reported, never rethrown). */
export interface VerifyOb2Deps {
  fetchJson(url: string): Promise<{ status: number; json: unknown }>
  now: Date
  /** When given, the assertion must be awarded to this identity (hash or plain comparison). */
  recipient?: { type?: string; identity: string }
  /** Per-fetch time limit in milliseconds (default 15000). */
  fetchTimeoutMs?: number
}

const DEFAULT_FETCH_TIMEOUT_MS = 15_000

/** State of one verification run. */
export interface Run {
  report: ReportBuilder
  deps: VerifyOb2Deps
  format: string
  documents: { assertion?: unknown; badgeClass?: unknown; issuer?: unknown }
}

/** Caps text echoed from remote documents so a hostile value cannot bloat the report. */
export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * Check code and message of a failed GET. The fetcher may say why with `code`: `policy_refused` (the verifying service
 * would not fetch it: a refusal, not a fault of the badge) and `not_reachable` are reported under their own codes;
 * anything else is `fetch_failed` with the fetcher's code in the message.
 */
export function fetchFailure(err: unknown, what: string): [string, string] {
  const code = (err as { code?: unknown } | null)?.code
  const message = (err as { message?: unknown } | null)?.message
  if (code === 'policy_refused' || code === 'not_reachable') return [code, `${what}: ${shorten(String(message ?? code), 300)}`]
  return ['fetch_failed', `${what} failed${typeof code === 'string' ? `: ${shorten(code, 60)}` : ''}`]
}

/** Calls the injected `fetchJson`, rejecting with `code: 'timeout'` after `fetchTimeoutMs` (sync throws become rejections). */
export async function fetchWithTimeout(deps: VerifyOb2Deps, url: string): Promise<{ status: number; json: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'timeout' })), deps.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS)
  })
  try {
    return await Promise.race([Promise.resolve().then(() => deps.fetchJson(url)), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** GETs a JSON object that must be served at its own `id`; records a `checkId` check, undefined on failure. */
export async function fetchDocument(run: Run, url: string | undefined, label: string, checkId: CheckId = 'hosting'): Promise<Json | undefined> {
  if (!isHttpUrl(url)) {
    run.report.fail(checkId, 'not_hosted', `${label} ${shorten(String(url))} is not an http(s) URL`)
    return undefined
  }
  let response: { status: number; json: unknown }
  try {
    response = await fetchWithTimeout(run.deps, url)
  } catch (err) {
    run.report.fail(checkId, ...fetchFailure(err, `GET ${shorten(url)} (${label})`))
    return undefined
  }
  if (!isObject(response) || response.status !== 200) {
    run.report.fail(checkId, 'http_error', `GET ${shorten(url)} (${label}) answered HTTP ${String(isObject(response) ? response.status : 'nothing')}`)
    return undefined
  }
  if (!isObject(response.json)) {
    run.report.fail(checkId, 'not_json', `${label} at ${shorten(url)} is not a JSON object`)
    return undefined
  }
  if (response.json.id !== undefined && response.json.id !== url) {
    run.report.fail(checkId, 'id_mismatch', `${label} fetched from ${shorten(url)} declares id ${shorten(String(response.json.id))}`)
    return undefined
  }
  run.report.pass(checkId, `fetched ${label} ${shorten(url)}`)
  return response.json
}

/** Records a `structure` (or `checkId`) check from a validator's problem list; true when there were none. */
export function structureOk(run: Run, problems: string[], label: string, checkId: CheckId = 'structure'): boolean {
  if (problems.length === 0) {
    run.report.pass(checkId, `${label} is well formed`)
    return true
  }
  run.report.fail(checkId, 'invalid_structure', shorten(`${label}: ${problems.join('; ')}`, 600))
  return false
}

/** Dereferences the BadgeClass and issuer Profile by URL (embedded copies ignored; CONFORMANCE A6 items 29–30). */
export async function fetchBadgeAndIssuer(run: Run, assertion: Json): Promise<{ badge: Json; issuer: Json } | undefined> {
  const badge = await fetchDocument(run, idOf(assertion.badge), 'BadgeClass')
  if (!badge || !structureOk(run, validateBadgeClass(badge), 'BadgeClass')) return undefined
  run.documents.badgeClass = badge
  const issuer = await fetchDocument(run, idOf(badge.issuer), 'issuer Profile')
  if (!issuer || !structureOk(run, validateProfile(issuer), 'issuer Profile', 'issuer')) return undefined
  run.documents.issuer = issuer
  return { badge, issuer }
}

function authority(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.username || parsed.password ? `${parsed.username}@${parsed.host}` : parsed.host.toLowerCase()
  } catch {
    return undefined
  }
}

/** Hosted origin policy (CONFORMANCE A6 item 31): `startsWith` first, then `allowedOrigins` (default: issuer authority). */
export function checkOrigin(run: Run, assertionId: string, issuer: Json): void {
  const policy = asArray(issuer.verification).find(isObject) ?? {}
  const prefixes = asArray(policy.startsWith).filter((p): p is string => typeof p === 'string')
  if (prefixes.length > 0 && !prefixes.some((prefix) => assertionId.startsWith(prefix))) {
    run.report.fail('origin', 'origin_mismatch', `assertion id ${shorten(assertionId)} does not start with an allowed prefix`)
    return
  }
  const allowed = 'allowedOrigins' in policy
    ? asArray(policy.allowedOrigins).filter((o): o is string => typeof o === 'string').map((o) => o.toLowerCase())
    : [authority(String(issuer.id)) ?? '']
  if (allowed.length > 0 && !allowed.includes(authority(assertionId) ?? '\u0000')) {
    run.report.fail('origin', 'origin_mismatch', `assertion id ${shorten(assertionId)} is not hosted on an origin allowed by the issuer (${shorten(allowed.join(', '), 120)})`)
    return
  }
  run.report.pass('origin', 'assertion is hosted on an origin allowed by the issuer')
}

/** issuedOn not in the future; expires >= issuedOn and not past (CONFORMANCE A4 item 21). */
export function checkDates(run: Run, assertion: Json): void {
  const issuedOn = parseDateTime(assertion.issuedOn)
  const now = run.deps.now.getTime()
  if (issuedOn === undefined) return
  if (issuedOn.getTime() > now) run.report.fail('not-before', 'issued_in_future', `issuedOn ${String(assertion.issuedOn)} is in the future`)
  else run.report.pass('not-before', 'issuedOn is not in the future')
  const expires = parseDateTime(assertion.expires)
  if (expires === undefined) return
  if (expires.getTime() < issuedOn.getTime()) run.report.fail('expiry', 'expires_before_issued', 'expires is before issuedOn')
  else if (expires.getTime() < now) run.report.fail('expiry', 'expired', `expired on ${String(assertion.expires)}`)
  else run.report.pass('expiry', 'not expired')
}

/** Recipient check against an expected identity (OB 2.0 §IdentityObject; validator `verify_recipient_against_trusted_profile`). */
export function checkRecipient(run: Run, assertion: Json): void {
  const expected = run.deps.recipient
  if (!expected) return
  const recipient = assertion.recipient as Json
  const type = String(recipient.type)
  if (expected.type !== undefined && expected.type !== type) {
    run.report.fail('recipient', 'recipient_mismatch', `assertion recipient type is ${shorten(type, 40)}, not ${shorten(expected.type, 40)}`)
    return
  }
  const candidates = new Set([expected.identity, expected.identity.trim()])
  try {
    candidates.add(normaliseIdentity(type as IdentityType, expected.identity))
  } catch {
    // an identity we cannot normalise is still compared as given
  }
  const identity = String(recipient.identity)
  const salt = typeof recipient.salt === 'string' ? recipient.salt : ''
  const matches = [...candidates].some((candidate) =>
    recipient.hashed === true ? identityMatches(identity, candidate, salt) : candidate === identity || (type === 'email' && candidate.toLowerCase() === identity.toLowerCase()),
  )
  if (matches) run.report.pass('recipient', 'assertion is awarded to the expected recipient')
  else run.report.fail('recipient', 'recipient_mismatch', 'assertion is not awarded to the expected recipient')
}

/** `: <revocationReason>` for messages, or an empty string. */
export function revokedReason(doc: Json): string {
  return typeof doc.revocationReason === 'string' ? `: ${shorten(doc.revocationReason)}` : ''
}

/** Revocation list lookup for signed assertions (CONFORMANCE A7 items 39–40): ids, `{id}` and legacy `{uid}`. */
export async function checkRevocationList(run: Run, assertion: Json, issuer: Json): Promise<void> {
  const listUrl = idOf(issuer.revocationList)
  if (listUrl === undefined) {
    run.report.pass('revocation', 'issuer publishes no revocation list')
    return
  }
  const list = await fetchDocument(run, listUrl, 'RevocationList', 'revocation')
  if (!list) return
  const problems = validateRevocationList(list)
  if (problems.length > 0) {
    run.report.fail('revocation', 'invalid_revocation_list', shorten(problems.join('; ')))
    return
  }
  const hit = asArray(list.revokedAssertions).find((entry) =>
    entry === assertion.id || (isObject(entry) && ((entry.id !== undefined && entry.id === assertion.id) || (entry.uid !== undefined && entry.uid === assertion.uid))),
  )
  if (hit === undefined) run.report.pass('revocation', 'assertion is not on the issuer revocation list')
  else run.report.fail('revocation', 'revoked', `assertion is revoked${isObject(hit) ? revokedReason(hit) : ''}`)
}
