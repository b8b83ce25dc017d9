/** Every public OB 3.0 URL, from the service's public base URL: one place, so documents, proofs and links agree. */
export function ob3Urls (base: string) {
  const root = `${base}/ob/v3`
  const issuer = (organisationId: string): string => `${root}/issuers/${organisationId}`
  return {
    /** The Profile, which is also the controller document of the organisation's Multikey verification methods. */
    issuer,
    /**
     * A Multikey verification method: `{profile}/keys/{publicKeyMultibase}`, a URL that dereferences to the key
     * document itself (what DCC verifier-core and @digitalbazaar/vc load); the Profile lists it under assertionMethod.
     */
    verificationMethod: (organisationId: string, publicKeyMultibase: string) => `${issuer(organisationId)}/keys/${publicKeyMultibase}`,
    /** The verification method of credentials signed before issue #14: `{profile}#{publicKeyMultibase}` (still listed). */
    legacyVerificationMethod: (organisationId: string, publicKeyMultibase: string) => `${issuer(organisationId)}#${publicKeyMultibase}`,
    /** A bare public JWK; this URL is the VC-JWT `kid` (under the issuer id, as verifiers require) and a JsonWebKey VM id. */
    jwk: (organisationId: string, kid: string) => `${issuer(organisationId)}/jwks/${kid}`,
    /** The JWKS of the issuer's VC-JWT keys (RS256, ES256), linked from the Profile as a `JsonWebKeySet` service. */
    jwks: (organisationId: string) => `${issuer(organisationId)}/jwks`,
    revocations: (organisationId: string) => `${issuer(organisationId)}/revocations`,
    achievement: (badgeClassId: string) => `${root}/achievements/${badgeClassId}`,
    credential: (awardId: string) => `${root}/credentials/${awardId}`,
    credentialJwt: (awardId: string) => `${root}/credentials/${awardId}.jwt`,
    credentialImage: (awardId: string) => `${root}/credentials/${awardId}/image`,
    status: (listId: string) => `${root}/status/${listId}`,
    endorsement: (endorsementId: string) => `${root}/endorsements/${endorsementId}`,
  }
}

export type Ob3Urls = ReturnType<typeof ob3Urls>

/** The OB 3.0 links of an award, beside E's OB 2.0 links in the award API's `links`. */
export const ob3AwardLinks = (urls: Ob3Urls, awardId: string): { credential: string; credentialJwt: string; credentialImage: string } => ({
  credential: urls.credential(awardId),
  credentialJwt: urls.credentialJwt(awardId),
  credentialImage: urls.credentialImage(awardId),
})
