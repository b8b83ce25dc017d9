import type { KeyObject } from 'node:crypto'
import { contexts } from '../contexts/loader.js'
import { createReportBuilder } from '../report.js'
import type { ReportBuilder, VerificationReport } from '../report.js'
import { assertWithinLimits, CanonError } from './canon.js'
import { verifyDataIntegrity } from './data-integrity.js'
import type { ResolveVerificationMethod } from './data-integrity.js'
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './documents.js'
import { verifyCredentialJwt } from './jwt.js'
import { createResolvers } from './resolve.js'
import type { FetchJson, Resolvers } from './resolve.js'
import { validateOb3 } from './schema.js'
import { checkCredentialStatus } from './status-check.js'
import { inlineContextProblem } from './context-limits.js'

/**
 * OB 3.0 credential verification (OB 3.0 §9 "Verification and Validation"; CONFORMANCE B1–B6): structure, bundled
 * contexts, JSON Schema, proof (Data Integrity `eddsa-rdfc-2022` or VC-JWT RS256/ES256), issuer key binding,
 * validity window and status. Failures are data (report checks), never exceptions.
 */

/** `{ credential }` = a JSON credential with an embedded proof (VCDM 2.0, or the 1.1 form); `{ jwt }` = VC-JWT. */
export type VerifyOb3Input = { credential: unknown } | { jwt: string }

/** Injected time and egress. */
export interface VerifyOb3Deps {
  now: Date
  /** GET a URL as JSON (controller documents, JWKs, status lists). May throw an error with a string `code`. */
  fetchJson: FetchJson
  /** Overrides the default Data Integrity VM resolution (did:key locally, http(s) via controller documents). */
  resolveVerificationMethod?: ResolveVerificationMethod
  /** Overrides the default VC-JWT key resolution (kid under the issuer URL, or the issuer's JWK VMs). */
  resolveJwtKey?: (kid: string | undefined, issuerId: string) => Promise<KeyObject[]>
  /** Per-GET time limit, default 10 s. */
  fetchTimeoutMs?: number
  /**
   * General-path JSON-LD canonicalisation of the (untrusted) documents verified, e.g. a bounded worker pool; default
   * in-thread. See data-integrity.ts `canonize`.
   */
  canonize?: (doc: object) => Promise<string>
}

type Json = Record<string, unknown>

const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential']
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof v.id === 'string' ? v.id : undefined)
// XSD dateTime with a mandatory timezone (OB 3.0 DateTimeZ).
const DATE_TIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

interface Dates {
  from: string
  until: string | undefined
}

/** Structural problems that make every later check meaningless (OB 3.0 §B.1 AchievementCredential, VCDM 2.0 §4). */
function structureProblem(c: Json): { code: string; message: string } | Dates {
  const context = asArray(c['@context'])
  if (context[0] !== VC_V2_CONTEXT && context[0] !== VC_V1_CONTEXT) {
    return { code: 'missing_vc_context', message: `@context must start with ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT})` }
  }
  const types = asArray(c.type)
  if (!types.includes('VerifiableCredential') || !OB_TYPES.some((t) => types.includes(t))) {
    return { code: 'not_an_ob3_credential', message: `type must include VerifiableCredential and one of ${OB_TYPES.join(', ')}` }
  }
  if (typeof c.id !== 'string' || c.id === '') return { code: 'missing_id', message: 'an OB 3.0 credential must have an id' }
  if (idOf(c.issuer) === undefined) return { code: 'missing_issuer', message: 'issuer must be a URI or a Profile with an id' }
  if (!asArray(c.credentialSubject).every(isObject) || c.credentialSubject === undefined) {
    return { code: 'missing_subject', message: 'credentialSubject must be an object' }
  }
  // VCDM 2.0 names; the 1.1 form (issuanceDate/expirationDate) is accepted on verify (CONFORMANCE item 56).
  const from = c.validFrom ?? c.issuanceDate
  const until = c.validUntil ?? c.expirationDate
  if (typeof from !== 'string' || !DATE_TIME_Z.test(from) || !Number.isFinite(Date.parse(from))) {
    return { code: 'invalid_date', message: 'validFrom (or issuanceDate) must be a date-time with a timezone' }
  }
  if (until !== undefined && (typeof until !== 'string' || !DATE_TIME_Z.test(until) || !Number.isFinite(Date.parse(until)))) {
    return { code: 'invalid_date', message: 'validUntil (or expirationDate) must be a date-time with a timezone' }
  }
  return { from, until: until as string | undefined }
}

/** Every string @context must be bundled: the loader never fetches, so an unknown one cannot be processed. */
function contextProblem(c: Json): string | undefined {
  for (const entry of asArray(c['@context'])) {
    if (typeof entry === 'string' && !contexts.has(entry)) return entry.slice(0, 200)
    if (typeof entry !== 'string' && !isObject(entry)) return String(entry).slice(0, 200)
  }
  return undefined
}

function checkSchema(report: ReportBuilder, c: Json): void {
  if (asArray(c['@context'])[0] !== VC_V2_CONTEXT) {
    report.pass('schema', 'VCDM 1.1 credential: the OB 3.0 v1.2 JSON Schema (VCDM 2.0) does not apply')
    return
  }
  // JSON-LD makes `proof: {…}` and `proof: [{…}]` the same; the schema wants the array (CONFORMANCE item 55).
  const doc = c.proof !== undefined && !Array.isArray(c.proof) ? { ...c, proof: [c.proof] } : c
  const result = validateOb3(doc)
  if (result.valid) report.pass('schema')
  else report.fail('schema', 'schema_invalid', result.errors.join('; ').slice(0, 2000))
}

function checkTimes(report: ReportBuilder, dates: Dates, now: Date): void {
  const t = now.getTime()
  if (t < Date.parse(dates.from)) report.fail('not-before', 'not_yet_valid', `valid from ${dates.from}`)
  else report.pass('not-before')
  if (dates.until !== undefined && t > Date.parse(dates.until)) report.fail('expiry', 'expired', `expired at ${dates.until}`)
  else report.pass('expiry', dates.until === undefined ? 'no validUntil' : undefined)
}

/** Runs the Data Integrity proof + issuer binding checks; true when both pass. */
async function checkDataIntegrity(report: ReportBuilder, c: Json, issuerId: string, r: Resolvers, deps: VerifyOb3Deps): Promise<boolean> {
  const resolve = deps.resolveVerificationMethod ?? r.resolveVerificationMethod
  const limits = inlineContextProblem(c)
  if (limits !== undefined) {
    report.fail('proof', limits.code, limits.message)
    return false
  }
  const result = await verifyDataIntegrity(c, { resolveVerificationMethod: resolve, ...(deps.canonize ? { canonize: deps.canonize } : {}) })
  if (!result.verified) {
    report.fail('proof', result.code ?? 'invalid_proof', result.message ?? 'the proof does not verify')
    return false
  }
  report.pass('proof', `eddsa-rdfc-2022 signature by ${result.verificationMethod}`)
  const note = r.notes.find((n) => n.key === result.verificationMethod)
  if (note !== undefined) report.fail('issuer', note.code, note.message)
  else if (result.controller !== issuerId) {
    report.fail('issuer', 'key_not_bound', `the signing key is controlled by ${String(result.controller)}, not by the issuer ${issuerId}`)
  } else {
    report.pass('issuer', `key controlled by ${issuerId}`)
    return true
  }
  return false
}

/** Verifies a VC-JWT; returns the credential when its signature and claims are good (window checked later). */
async function checkJwt(report: ReportBuilder, jws: string, r: Resolvers, deps: VerifyOb3Deps): Promise<Json | undefined> {
  const resolveKey = deps.resolveJwtKey ?? r.resolveJwtKey
  const result = await verifyCredentialJwt(jws, { resolveKey, now: deps.now })
  const windowOnly = result.code === 'expired' || result.code === 'not_yet_valid'
  if (!result.ok && !windowOnly) {
    if (result.code === 'malformed_jwt' || result.code === 'jwt_too_large') report.fail('structure', result.code, result.message ?? '')
    else report.fail('proof', result.code ?? 'invalid_proof', result.message ?? 'the JWT does not verify')
    const note = r.notes[0]
    if (note !== undefined) report.fail('issuer', note.code, note.message)
    return undefined
  }
  report.pass('proof', `VC-JWT signature${result.kid === undefined ? '' : ` by ${result.kid}`} (${result.form})`)
  report.pass('issuer', 'key published by the issuer')
  return result.credential
}

/**
 * Verifies an OB 3.0 credential (OB 3.0 §9; CONFORMANCE B1–B6, items 51–77) and reports the checks `structure`,
 * `context` (DI only), `schema`, `proof`, `issuer`, `not-before`, `expiry`, `revocation`. Checks that cannot be
 * meaningful after an earlier failure (e.g. `revocation` after a failed `proof`) are not run. Size and depth are
 * bounded before any JSON-LD work, contexts are only ever the bundled ones and at most 8 documents are fetched.
 * Never throws on bad input; throws TypeError only when `deps` is misused.
 */
export async function verifyOb3(input: VerifyOb3Input, deps: VerifyOb3Deps): Promise<VerificationReport> {
  if (!(deps.now instanceof Date) || Number.isNaN(deps.now.getTime())) throw new TypeError('deps.now must be a valid Date')
  if (typeof deps.fetchJson !== 'function') throw new TypeError('deps.fetchJson must be a function')
  const report = createReportBuilder()
  let format = 'unknown'
  let credential: Json | undefined
  try {
    const r = createResolvers({ fetchJson: deps.fetchJson, ...(deps.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: deps.fetchTimeoutMs }) })
    let value: unknown
    if (isObject(input) && 'jwt' in input) {
      format = 'ob3-jwt'
      value = await checkJwt(report, input.jwt, r, deps)
      if (value === undefined) return report.build(format)
    } else if (isObject(input) && 'credential' in input) {
      format = 'ob3-di'
      value = input.credential
    } else {
      report.fail('structure', 'invalid_input', 'input must be { credential } or { jwt }')
      return report.build(format)
    }
    try {
      assertWithinLimits(value)
    } catch (err) {
      const e = err instanceof CanonError ? err : new CanonError('malformed', 'not a JSON object')
      report.fail('structure', e.code, e.message)
      return report.build(format)
    }
    credential = value as Json
    const dates = structureProblem(credential)
    if ('code' in dates) {
      report.fail('structure', dates.code, dates.message)
      return report.build(format, { credential })
    }
    report.pass('structure')
    const issuerId = idOf(credential.issuer) as string
    if (format === 'ob3-di') {
      const unknown = contextProblem(credential)
      // Inline contexts are bounded before any JSON-LD work (context-limits.ts): expansion cost grows with them.
      const tooComplex = unknown === undefined ? inlineContextProblem(credential) : undefined
      if (unknown !== undefined) {
        report.fail('context', 'unknown_context', `@context ${unknown} is not bundled (remote contexts are never fetched)`)
      } else if (tooComplex !== undefined) {
        report.fail('context', tooComplex.code, tooComplex.message)
      } else report.pass('context')
    }
    checkSchema(report, credential)
    // The issuer's proof gates the status fetch: no egress on behalf of an unauthenticated document.
    let trusted = format === 'ob3-jwt'
    if (format === 'ob3-di' && report.checks.every((c) => c.id !== 'context' || c.valid)) {
      trusted = await checkDataIntegrity(report, credential, issuerId, r, deps)
    }
    checkTimes(report, dates, deps.now)
    if (trusted) {
      const outcome = await checkCredentialStatus(credential.credentialStatus, {
        credentialId: credential.id as string,
        issuerId,
        now: deps.now,
        getJson: r.getJson,
        verifyListProof: async (list) => {
          const listReport = createReportBuilder()
          const ok = await checkDataIntegrity(listReport, list, idOf(list.issuer) ?? '', r, deps)
          const failed = listReport.checks.find((c) => !c.valid)
          return ok ? { ok: true } : { ok: false, code: failed?.code ?? 'invalid_proof', message: failed?.message ?? '' }
        },
      })
      if (outcome.valid) report.pass('revocation', outcome.message)
      else report.fail('revocation', outcome.code, outcome.message)
    }
  } catch (err) {
    // Hostile objects (throwing getters, proxies) end here: the report says why instead of the caller crashing.
    report.fail('structure', 'internal_error', `verification aborted: ${(err as Error)?.message ?? String(err)}`.slice(0, 300))
  }
  return report.build(format, credential === undefined ? {} : { credential, issuer: credential.issuer })
}
