import { multibaseEncode } from '../../src/ob/v3/multikey.js'

/**
 * The reproducer of issue #14 item 1: an otherwise ordinary OpenBadgeCredential whose third, inline `@context`
 * defines `terms` terms, each with its own scoped context, all used by the subject; the proof is well-formed
 * (a 64-byte base58btc proofValue) so nothing before the JSON-LD work rejects it. ~75 KB at 600 terms.
 */
export function jsonLdBomb (terms: number): Record<string, unknown> {
  const ctx: Record<string, unknown> = {}
  const subject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://e.org/achievements/1', type: ['Achievement'], name: 'Bomb', description: 'x', criteria: { narrative: 'x' },
    },
  }
  for (let i = 0; i < terms; i++) {
    ctx[`t${i}`] = { '@id': `https://e.org/t${i}`, '@context': { [`n${i}`]: { '@id': `https://e.org/n${i}`, '@container': '@list' } } }
    subject[`t${i}`] = { [`n${i}`]: [] }
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', ctx],
    id: 'urn:uuid:5b7c0b52-0c0b-4f7e-9c55-0a2f3c1d9e01',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://e.org/issuers/1', type: ['Profile'], name: 'E' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Bomb',
    credentialSubject: subject,
    proof: [{
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2024-01-01T00:00:00Z',
      verificationMethod: 'https://e.org/issuers/1#key',
      proofPurpose: 'assertionMethod',
      proofValue: multibaseEncode(new Uint8Array(64).fill(7)),
    }],
  }
}
