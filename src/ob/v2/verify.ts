/**
 * OB 2.0 verification (OB 2.0 §Verification; CONFORMANCE A4–A7), modelled on 1EdTech openbadges-validator-core:
 * hosted badges are re-fetched at their id (the hosted copy is the source of truth), badge and issuer are always
 * dereferenced by URL (embedded copies are ignored), signed badges need an RS256 JWS whose key is two-way linked to
 * the issuer. Never throws on bad input and never waits longer than `fetchTimeoutMs` per fetch.
 */
import { createReportBuilder } from '../report.js'
import type { VerificationReport } from '../report.js'
import { decodeJws, looksLikeJws, verifyJws } from './jws.js'
import { asArray, idOf, isHttpUrl, isObject, validateAssertion, validateCryptographicKey, verificationKind } from './structure.js'
import {
  checkDates, checkOrigin, checkRecipient, checkRevocationList, fetchBadgeAndIssuer, fetchDocument, fetchFailure, fetchWithTimeout,
  revokedReason, shorten, structureOk,
} from './verify-checks.js'
import type { Run, VerifyOb2Deps } from './verify-checks.js'

export type { VerifyOb2Deps } from './verify-checks.js'

type Json = Record<string, unknown>

/** What to verify: a URL of a hosted assertion, a parsed (or raw text) assertion, or a compact JWS. */
export type VerifyOb2Input = { url: string } | { assertion: unknown } | { jws: string }

// Baked assertions are a few KB; this bounds JSON.parse work on hostile text.
const MAX_JSON_LENGTH = 5_000_000

async function verifyHosted(run: Run, url: string, given?: Json): Promise<void> {
  run.format = 'ob2-hosted'
  let assertion: Json | undefined
  for (let attempt = 0; attempt < 2 && assertion === undefined; attempt++) {
    let response: { status: number; json: unknown }
    try {
      response = await fetchWithTimeout(run.deps, url)
    } catch (err) {
      run.report.fail('hosting', ...fetchFailure(err, `GET ${shorten(url)}`))
      return
    }
    const body = isObject(response) && isObject(response.json) ? response.json : undefined
    if (isObject(response) && response.status === 410) {
      run.report.fail('revocation', 'revoked', `assertion is revoked (410 Gone)${body ? revokedReason(body) : ''}`)
      return
    }
    if (!isObject(response) || response.status !== 200) {
      run.report.fail('hosting', 'http_error', `GET ${shorten(url)} answered HTTP ${String(isObject(response) ? response.status : 'nothing')}`)
      return
    }
    if (given === undefined && attempt === 0 && looksLikeJws(response.json)) return verifySigned(run, response.json as string)
    if (!body) {
      run.report.fail('hosting', 'not_json', `${shorten(url)} did not return a JSON object`)
      return
    }
    // The copy at the assertion's own id is the source of truth: follow a differing id once.
    if (body.id !== url && given === undefined && attempt === 0 && isHttpUrl(body.id)) url = body.id
    else assertion = body
  }
  if (!assertion || assertion.id !== url || (given !== undefined && given.id !== assertion.id)) {
    run.report.fail('hosting', 'id_mismatch', `the assertion served at ${shorten(url)} does not declare that id`)
    return
  }
  run.report.pass('hosting', `fetched assertion ${shorten(url)}`)
  run.documents.assertion = assertion
  if (assertion.revoked === true) {
    run.report.fail('revocation', 'revoked', `assertion is revoked${revokedReason(assertion)}`)
    return
  }
  if (!structureOk(run, validateAssertion(assertion), 'Assertion')) return
  if (verificationKind(assertion) !== 'hosted') {
    run.report.fail('signature', 'signature_missing', 'a SignedBadge assertion must be verified from its JWS')
    return
  }
  run.report.pass('revocation', 'hosted assertion is not revoked')
  const linked = await fetchBadgeAndIssuer(run, assertion)
  if (!linked) return
  checkOrigin(run, url, linked.issuer)
  checkDates(run, assertion)
  checkRecipient(run, assertion)
}

async function verifySigned(run: Run, jws: string): Promise<void> {
  run.format = 'ob2-signed'
  const decoded = decodeJws(jws)
  if ('error' in decoded) {
    run.report.fail('signature', decoded.error.code, decoded.error.message)
    return
  }
  if (decoded.header.alg !== 'RS256') {
    run.report.fail('signature', 'alg_not_allowed', `JWS alg ${shorten(JSON.stringify(decoded.header.alg) ?? 'undefined', 40)} is not allowed; only RS256`)
    return
  }
  const assertion = decoded.payload
  if (!structureOk(run, validateAssertion(assertion), 'Assertion') || !isObject(assertion)) return
  run.documents.assertion = assertion
  if (verificationKind(assertion) !== 'signed') {
    run.report.fail('structure', 'invalid_structure', 'a JWS payload must declare verification type SignedBadge')
    return
  }
  const creator = idOf((asArray(assertion.verification)[0] as Json).creator)
  if (!isHttpUrl(creator)) {
    run.report.fail('key', 'no_creator', 'verification.creator must be the http(s) URL of the CryptographicKey')
    return
  }
  const key = await fetchDocument(run, creator, 'CryptographicKey', 'key')
  if (!key || !structureOk(run, validateCryptographicKey(key), 'CryptographicKey', 'key')) return
  const verified = await verifyJws(jws, key.publicKeyPem as string)
  if ('error' in verified) {
    run.report.fail('signature', verified.error.code, verified.error.message)
    return
  }
  run.report.pass('signature', 'RS256 signature verifies with the issuer key')
  const linked = await fetchBadgeAndIssuer(run, assertion)
  if (!linked) return
  const listed = asArray(linked.issuer.publicKey).some((entry) => idOf(entry) === creator)
  if (idOf(key.owner) !== linked.issuer.id || !listed) {
    run.report.fail('key', 'key_not_owned', 'the signing key is not two-way linked to the issuer (key.owner and issuer.publicKey)')
    return
  }
  run.report.pass('key', 'signing key belongs to the issuer')
  if (assertion.revoked === true) run.report.fail('revocation', 'revoked', `assertion is revoked${revokedReason(assertion)}`)
  else await checkRevocationList(run, assertion, linked.issuer)
  checkDates(run, assertion)
  checkRecipient(run, assertion)
}

async function verifyAssertionValue(run: Run, value: unknown): Promise<void> {
  if (typeof value === 'string') {
    const text = value.trim()
    if (looksLikeJws(text)) return verifySigned(run, text)
    if (text.startsWith('{') && text.length <= MAX_JSON_LENGTH) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        run.report.fail('structure', 'invalid_structure', 'input is not valid JSON')
        return
      }
      return verifyAssertionValue(run, parsed)
    }
    if (isHttpUrl(text)) return verifyHosted(run, text)
    run.report.fail('structure', 'invalid_structure', 'input is not an assertion, a JWS or a URL')
    return
  }
  if (!isObject(value)) {
    run.report.fail('structure', 'invalid_structure', 'input is not an assertion object')
    return
  }
  const kind = verificationKind(value)
  if (kind === 'signed') {
    run.format = 'ob2-signed'
    run.report.fail('signature', 'signature_missing', 'a SignedBadge assertion must be verified from its JWS')
  } else if (kind === 'hosted' && isHttpUrl(value.id)) {
    await verifyHosted(run, value.id, value)
  } else {
    structureOk(run, validateAssertion(value), 'Assertion')
    run.report.fail('hosting', 'not_hosted', 'a hosted assertion needs an http(s) id to be fetched from')
  }
}

/**
 * Verifies an OB 2.0 assertion (OB 2.0 §Verification; CONFORMANCE A4–A7) and returns a report: hosted checks
 * (`hosting`, `revocation`, `structure`, `issuer`, `origin`), signed checks (`signature`, `key`, `revocation`), then
 * `not-before`, `expiry` and, when `deps.recipient` is given, `recipient`. Failure codes are in `check.code`.
 * Never throws on bad input; throws TypeError only when `deps` is misused.
 */
export async function verifyOb2(input: VerifyOb2Input, deps: VerifyOb2Deps): Promise<VerificationReport> {
  if (!(deps.now instanceof Date) || Number.isNaN(deps.now.getTime())) throw new TypeError('deps.now must be a valid Date')
  if (typeof deps.fetchJson !== 'function') throw new TypeError('deps.fetchJson must be a function')
  const run: Run = { report: createReportBuilder(), deps, format: 'ob2', documents: {} }
  try {
    if (isObject(input) && 'jws' in input) {
      await verifySigned(run, String(input.jws))
    } else if (isObject(input) && 'url' in input) {
      const url = typeof input.url === 'string' ? input.url.trim() : ''
      if (isHttpUrl(url)) await verifyHosted(run, url)
      else run.report.fail('hosting', 'not_hosted', 'url must be an absolute http(s) URL')
    } else if (isObject(input) && 'assertion' in input) {
      await verifyAssertionValue(run, input.assertion)
    } else {
      run.report.fail('structure', 'invalid_structure', 'input must be { url }, { assertion } or { jws }')
    }
  } catch {
    // Hostile objects (throwing getters, proxies) end here: the report says why instead of the caller crashing.
    run.report.fail('structure', 'internal_error', 'verification aborted on malformed input')
  }
  return run.report.build(run.format, run.documents)
}
