import { describe, expect, it } from 'vitest'
import { buildReport, createReportBuilder, isVerified } from './report.js'

describe('verification report', () => {
  it('is verified only when at least one check ran and all are valid', () => {
    expect(isVerified([])).toBe(false)
    expect(isVerified([{ id: 'signature', valid: true }])).toBe(true)
    expect(isVerified([{ id: 'signature', valid: true }, { id: 'expiry', valid: false, code: 'expired' }])).toBe(false)
  })

  it('collects checks in order and attaches only the documents given', () => {
    const builder = createReportBuilder()
    builder.pass('hosting', 'fetched')
    expect(builder.hasFailure()).toBe(false)
    builder.fail('revocation', 'revoked', 'assertion is revoked')
    expect(builder.hasFailure()).toBe(true)
    const report = builder.build('ob2-hosted', { assertion: { id: 'x' }, issuer: undefined })
    expect(report).toEqual({
      verified: false,
      format: 'ob2-hosted',
      checks: [
        { id: 'hosting', valid: true, message: 'fetched' },
        { id: 'revocation', valid: false, code: 'revoked', message: 'assertion is revoked' },
      ],
      assertion: { id: 'x' },
    })
    expect('issuer' in report).toBe(false)
  })

  it('copies the checks so later changes do not alter a built report', () => {
    const checks = [{ id: 'proof' as const, valid: true }]
    const report = buildReport('ob3-di', checks)
    checks.push({ id: 'proof', valid: false })
    expect(report.checks).toHaveLength(1)
    expect(report.verified).toBe(true)
  })
})
