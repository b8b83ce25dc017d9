// The four scopes of the Open Badges 3.0 REST API (OB 3.0 §6.3, CONFORMANCE item 83), each with the words the
// consent page shows a learner.
const BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/'
export const OB_SCOPES = {
  credentialRead: `${BASE}credential.readonly`,
  credentialUpsert: `${BASE}credential.upsert`,
  profileRead: `${BASE}profile.readonly`,
  profileUpdate: `${BASE}profile.update`,
} as const
export type ObScope = typeof OB_SCOPES[keyof typeof OB_SCOPES]
export const ALL_OB_SCOPES: readonly ObScope[] = Object.values(OB_SCOPES)

export const SCOPE_WORDS: Record<ObScope, string> = {
  [OB_SCOPES.credentialRead]: 'See your badges (your Open Badges credentials)',
  [OB_SCOPES.credentialUpsert]: 'Add badges to your backpack here, and update ones it added',
  [OB_SCOPES.profileRead]: 'See your profile (your pseudonymous id, and your display name if you have one)',
  [OB_SCOPES.profileUpdate]: 'Change your display name',
}

export const isObScope = (s: string): s is ObScope => (ALL_OB_SCOPES as readonly string[]).includes(s)
