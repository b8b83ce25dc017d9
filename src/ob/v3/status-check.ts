import { assertWithinLimits } from './canon.js'
import { bitAt, decodeBitstring } from './status-list.js'

/**
 * The `revocation` check of OB 3.0 verification (OB 3.0 §9 "Verification and Validation" step "refresh/status";
 * CONFORMANCE items 73, 74): BitstringStatusListEntry (and the older StatusList2021Entry) read the bit from the
 * issuer's signed status list credential; 1EdTechRevocationList scans the list's `revokedCredential`.
 */

type Json = Record<string, unknown>

/** What the status check needs from the verification run. */
export interface StatusContext {
  credentialId: string | undefined
  issuerId: string
  now: Date
  /** GET JSON (cached and bounded by the run); throws an Error with `code`. */
  getJson(url: string): Promise<Json>
  /** Verifies the status list credential's own proof, and that its key is bound to the list's issuer. */
  verifyListProof(list: Json): Promise<{ ok: true } | { ok: false; code: string; message: string }>
}

/** Outcome of {@link checkCredentialStatus}. */
export type StatusOutcome = { valid: true; message: string } | { valid: false; code: string; message: string }

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof v.id === 'string' ? v.id : undefined)
const includes = (v: unknown, s: string): boolean => (Array.isArray(v) ? v.includes(s) : v === s)
const bad = (code: string, message: string): StatusOutcome => ({ valid: false, code, message })

const BITSTRING = {
  BitstringStatusListEntry: { list: 'BitstringStatusListCredential', subject: 'BitstringStatusList' },
  StatusList2021Entry: { list: 'StatusList2021Credential', subject: 'StatusList2021' },
} as const

async function fetchList(ctx: StatusContext, url: string): Promise<Json | StatusOutcome> {
  try {
    const doc = await ctx.getJson(url)
    assertWithinLimits(doc)
    return doc
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return bad('status_unavailable', `status list ${url} could not be read (${typeof code === 'string' ? code : 'error'}): ${(err as Error).message}`)
  }
}

function parseIndex(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value
  return typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : undefined
}

async function checkBitstring(entry: Json, kind: keyof typeof BITSTRING, ctx: StatusContext): Promise<StatusOutcome> {
  const purpose = entry.statusPurpose
  const listUrl = entry.statusListCredential
  const index = parseIndex(entry.statusListIndex)
  if (typeof purpose !== 'string' || typeof listUrl !== 'string' || index === undefined || entry.id === listUrl) {
    return bad('invalid_status', `${kind} needs statusPurpose, statusListCredential and an integer statusListIndex`)
  }
  const list = await fetchList(ctx, listUrl)
  if ('valid' in list) return list as StatusOutcome
  const subject = list.credentialSubject
  if (!includes(list.type, BITSTRING[kind].list) || !isObject(subject) || !includes(subject.type, BITSTRING[kind].subject)) {
    return bad('status_list_invalid', `${listUrl} is not a ${BITSTRING[kind].list}`)
  }
  if (idOf(list.issuer) !== ctx.issuerId) {
    return bad('status_list_issuer_mismatch', `status list issuer ${String(idOf(list.issuer))} is not the credential issuer`)
  }
  const proof = await ctx.verifyListProof(list)
  if (!proof.ok) return bad('status_list_invalid', `status list ${listUrl} does not verify: ${proof.code}: ${proof.message}`)
  const validFrom = Date.parse(String(list.validFrom ?? list.issuanceDate ?? ''))
  const validUntil = Date.parse(String(list.validUntil ?? list.expirationDate ?? ''))
  if (Number.isFinite(validFrom) && ctx.now.getTime() < validFrom) return bad('status_list_not_yet_valid', `status list ${listUrl} is not valid yet`)
  if (Number.isFinite(validUntil) && ctx.now.getTime() > validUntil) return bad('status_list_expired', `status list ${listUrl} has expired`)
  if (subject.statusPurpose !== purpose) {
    return bad('status_purpose_mismatch', `status list purpose ${String(subject.statusPurpose)} is not the entry's ${purpose}`)
  }
  let set: boolean
  try {
    set = bitAt(decodeBitstring(String(subject.encodedList)), index)
  } catch (err) {
    return bad('status_list_invalid', `status list ${listUrl}: ${(err as Error).message}`)
  }
  if (!set) return { valid: true, message: `${purpose} bit ${index} of ${listUrl} is not set` }
  if (purpose === 'revocation') return bad('revoked', `the credential is revoked (bit ${index} of ${listUrl})`)
  if (purpose === 'suspension') return bad('suspended', `the credential is suspended (bit ${index} of ${listUrl})`)
  return { valid: true, message: `${purpose} bit ${index} is set (not a revocation or suspension purpose)` }
}

async function check1EdTech(entry: Json, ctx: StatusContext): Promise<StatusOutcome> {
  const url = entry.id
  if (typeof url !== 'string') return bad('invalid_status', '1EdTechRevocationList needs the list URL as id')
  const list = await fetchList(ctx, url)
  if ('valid' in list) return list as StatusOutcome
  if (list.issuer !== undefined && idOf(list.issuer) !== ctx.issuerId) {
    return bad('status_list_issuer_mismatch', `revocation list issuer ${String(idOf(list.issuer))} is not the credential issuer`)
  }
  // The inspector reads `revokedCredential`; the VCRL text also shows `revokedCredentials`: accept both.
  const entries = list.revokedCredential ?? list.revokedCredentials
  if (entries !== undefined && !Array.isArray(entries)) return bad('status_list_invalid', `${url}: revokedCredential must be an array`)
  for (const item of entries ?? []) {
    if (isObject(item) && item.id === ctx.credentialId && item.revoked !== false) {
      const reason = typeof item.revocationReason === 'string' ? `: ${item.revocationReason.slice(0, 200)}` : ''
      return bad('revoked', `the credential is listed as revoked by ${url}${reason}`)
    }
  }
  return { valid: true, message: `not listed in ${url}` }
}

/**
 * Checks every `credentialStatus` entry (object or array). Unknown status types fail (`unsupported_status_type`):
 * a verifier that cannot read the status must not say "not revoked". Never throws.
 */
export async function checkCredentialStatus(status: unknown, ctx: StatusContext): Promise<StatusOutcome> {
  if (status === undefined) return { valid: true, message: 'no credentialStatus' }
  const entries = Array.isArray(status) ? status : [status]
  const messages: string[] = []
  for (const entry of entries.slice(0, 4)) {
    if (!isObject(entry)) return bad('invalid_status', 'credentialStatus entries must be objects')
    const type = entry.type
    let outcome: StatusOutcome
    if (type === 'BitstringStatusListEntry' || type === 'StatusList2021Entry') outcome = await checkBitstring(entry, type, ctx)
    else if (type === '1EdTechRevocationList') outcome = await check1EdTech(entry, ctx)
    else outcome = bad('unsupported_status_type', `credentialStatus type ${JSON.stringify(type)} is not supported`)
    if (!outcome.valid) return outcome
    messages.push(outcome.message)
  }
  if (entries.length > 4) return bad('invalid_status', 'more than 4 credentialStatus entries')
  return { valid: true, message: messages.join('; ') }
}
