import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AGE_BANDS } from '../../db/learners/learners.types.js'
import { initialConsents, isMinor, sharingRefusal } from './rules.js'

const band = fc.constantFrom(...AGE_BANDS)
const maybe = fc.option(fc.boolean(), { nil: undefined })

describe('learner privacy rules', () => {
  it('an under-13 can never share, whatever the consents', () => {
    fc.assert(fc.property(fc.boolean(), (consent) => {
      expect(sharingRefusal({ age_band: 'under-13', consent_sharing: consent })).toMatch(/under-13/)
    }))
  })

  it('anyone shares only with the sharing consent', () => {
    fc.assert(fc.property(band, fc.boolean(), (b, consent) => {
      const allowed = sharingRefusal({ age_band: b, consent_sharing: consent }) === undefined
      expect(allowed).toBe(consent && b !== 'under-13')
    }))
  })

  it('under-18s start with every consent off unless it is given; adults with sharing and contact on unless refused', () => {
    fc.assert(fc.property(band, maybe, maybe, maybe, (b, sharing, contact, insightsOptOut) => {
      const c = initialConsents(b, { sharing, contact, insightsOptOut })
      expect(c.sharing).toBe(sharing ?? !isMinor(b))
      expect(c.contact).toBe(contact ?? !isMinor(b))
      expect(c.insightsOptOut).toBe(insightsOptOut ?? false)
      if (isMinor(b) && sharing === undefined) expect(c.sharing).toBe(false)
    }))
  })
})
