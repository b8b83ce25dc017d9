import type { AgeBand } from '../../db/learners/learners.types.js'

// The privacy rules of learners (ICO Children's Code: high privacy by default), pure so they can be proven.

export const isMinor = (band: AgeBand): boolean => band === 'under-13' || band === '13-15' || band === '16-18'

/** Consents a new learner starts with: off for under-18s unless given, on for adults unless refused. */
export function initialConsents (band: AgeBand, given: { sharing?: boolean | undefined; contact?: boolean | undefined; insightsOptOut?: boolean | undefined } = {}): { sharing: boolean; contact: boolean; insightsOptOut: boolean } {
  const minor = isMinor(band)
  return { sharing: given.sharing ?? !minor, contact: given.contact ?? !minor, insightsOptOut: given.insightsOptOut ?? false }
}

/** Why a learner may not share right now, or undefined when they may. */
export function sharingRefusal (l: { age_band: AgeBand; consent_sharing: boolean }): string | undefined {
  if (l.age_band === 'under-13') return 'sharing is off for under-13 learners'
  if (isMinor(l.age_band) && !l.consent_sharing) return 'an under-18 learner needs the sharing consent to share'
  if (!l.consent_sharing) return 'the learner has not consented to sharing'
  return undefined
}
