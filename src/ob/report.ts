/**
 * The verification report shared by the OB 2.0 and OB 3.0 verifiers. A verification failure is data, not an
 * exception (STYLE §3.5/§3.6): verifiers never throw on bad input, they list failed checks.
 */

/** What a check is about. One id may appear more than once (e.g. two `hosting` fetches). */
export type CheckId =
  | 'structure'
  | 'context'
  | 'hosting'
  | 'signature'
  | 'proof'
  | 'key'
  | 'origin'
  | 'revocation'
  | 'expiry'
  | 'not-before'
  | 'recipient'
  | 'schema'
  | 'issuer'

/** One verification step. `code` is a stable snake_case failure code (e.g. `bad_signature`); `message` is for people. */
export interface Check {
  id: CheckId
  valid: boolean
  message?: string
  code?: string
}

/** The result of verifying one badge (OB 2.0 assertion or OB 3.0 credential). */
export interface VerificationReport {
  /** True iff at least one check ran and every check is valid. */
  verified: boolean
  /** What was verified, e.g. `ob2-hosted`, `ob2-signed`, `ob3-di`, `ob3-jwt`, or `unknown`. */
  format: string
  checks: Check[]
  /** OB 2.0: the assertion that was verified (the hosted copy for hosted badges, the JWS payload for signed ones). */
  assertion?: unknown
  /** OB 2.0: the dereferenced BadgeClass. */
  badgeClass?: unknown
  /** The dereferenced issuer Profile (OB 2.0) or the credential issuer (OB 3.0). */
  issuer?: unknown
  /** OB 3.0: the credential that was verified. */
  credential?: unknown
}

/** Optional documents attached to a report. */
export type ReportDocuments = Pick<VerificationReport, 'assertion' | 'badgeClass' | 'issuer' | 'credential'>

/** verified = at least one check listed and all of them valid. */
export function isVerified(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((check) => check.valid)
}

/** Assembles a report, computing `verified` from the checks and dropping undefined documents. */
export function buildReport(format: string, checks: readonly Check[], documents: ReportDocuments = {}): VerificationReport {
  const report: VerificationReport = { verified: isVerified(checks), format, checks: [...checks] }
  for (const key of ['assertion', 'badgeClass', 'issuer', 'credential'] as const) {
    if (documents[key] !== undefined) report[key] = documents[key]
  }
  return report
}

/** A small accumulator for checks: `pass`/`fail` as you go, then `build`. */
export interface ReportBuilder {
  readonly checks: readonly Check[]
  pass(id: CheckId, message?: string): void
  fail(id: CheckId, code: string, message: string): void
  /** True when any check recorded so far failed. */
  hasFailure(): boolean
  build(format: string, documents?: ReportDocuments): VerificationReport
}

/** Creates a {@link ReportBuilder}. */
export function createReportBuilder(): ReportBuilder {
  const checks: Check[] = []
  return {
    checks,
    pass(id, message) {
      checks.push(message === undefined ? { id, valid: true } : { id, valid: true, message })
    },
    fail(id, code, message) {
      checks.push({ id, valid: false, code, message })
    },
    hasFailure() {
      return checks.some((check) => !check.valid)
    },
    build(format, documents) {
      return buildReport(format, checks, documents)
    },
  }
}
