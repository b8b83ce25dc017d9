/** Every public OB 2.0 URL, from the service's public base URL: one place, so documents and links agree. */
export function ob2Urls (base: string) {
  const root = `${base}/ob/v2`
  return {
    issuer: (organisationId: string) => `${root}/issuers/${organisationId}`,
    key: (organisationId: string, kid: string) => `${root}/issuers/${organisationId}/keys/${kid}`,
    revocations: (organisationId: string) => `${root}/issuers/${organisationId}/revocations`,
    badge: (badgeClassId: string) => `${root}/badges/${badgeClassId}`,
    badgeImage: (badgeClassId: string) => `${root}/badges/${badgeClassId}/image`,
    assertion: (awardId: string) => `${root}/assertions/${awardId}`,
    signedAssertion: (awardId: string) => `${root}/assertions/${awardId}.jws`,
    assertionImage: (awardId: string, form: 'hosted' | 'signed' = 'hosted') => `${root}/assertions/${awardId}/image${form === 'signed' ? '?form=signed' : ''}`,
    endorsement: (endorsementId: string) => `${root}/endorsements/${endorsementId}`,
  }
}

export type Ob2Urls = ReturnType<typeof ob2Urls>

/** The id of a signed assertion (OB 2.0 recommends `urn:uuid:` for signed badges; CONFORMANCE A4 item 20). */
export const signedAssertionId = (awardId: string): string => `urn:uuid:${awardId}`
