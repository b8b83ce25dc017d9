import { generateKeyPairSync } from 'node:crypto'
import { exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Egress, EgressResponse } from '../../infra/egress.js'
import { signDataIntegrity } from '../../ob/v3/data-integrity.js'
import { buildOpenBadgeCredential } from '../../ob/v3/documents.js'
import { signCredentialJwt } from '../../ob/v3/jwt.js'
import { generateEd25519, publicKeyToMultibase } from '../../ob/v3/multikey.js'
import { createVerifyService } from './verify.js'

// Issue #14 item 2: /v1/verify resolves did:web issuers and their keys, and does so through the egress client (the
// one place with the address policy, limits and deadline). The egress here is a recording stand-in for the network.

const DID = 'did:web:issuer.example'
const DOC_URL = 'https://issuer.example/.well-known/did.json'
const ed = generateEd25519()
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const jwk = await exportJWK(ec.publicKey)
const didDocument = {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: DID,
  verificationMethod: [
    { id: `${DID}#key-1`, type: 'Multikey', controller: DID, publicKeyMultibase: publicKeyToMultibase(ed.publicKey) },
    { id: `${DID}#jwt-1`, type: 'JsonWebKey', controller: DID, publicKeyJwk: jwk },
  ],
  assertionMethod: [`${DID}#key-1`, `${DID}#jwt-1`],
}

function recordingEgress (docs: Record<string, unknown>): Egress & { seen: string[] } {
  const seen: string[] = []
  return {
    seen,
    async fetch (url: string): Promise<EgressResponse> {
      seen.push(url)
      const doc = docs[url]
      return { status: doc === undefined ? 404 : 200, headers: {}, body: Buffer.from(JSON.stringify(doc ?? {})), finalUrl: url }
    },
    post: async () => { throw new Error('verification never POSTs') },
    check: async () => undefined,
  }
}

const unsigned = buildOpenBadgeCredential({
  id: 'urn:uuid:0b9d1f7e-4a8e-4d4f-9f4e-0c3f4b1d2a10',
  name: 'Maker',
  issuer: { id: DID, name: 'Issuer on did:web' },
  validFrom: new Date('2025-01-01T00:00:00Z'),
  subject: { id: 'did:example:learner' },
  achievement: { id: 'https://issuer.example/achievements/1', name: 'Maker', description: 'Makes things.', criteria: { narrative: 'Make a thing.' } },
})

describe('POST /v1/verify with did:web issuers', () => {
  it('a Data Integrity credential: the DID document comes through the egress client and binds the key to the issuer', async () => {
    const credential = await signDataIntegrity(unsigned, { privateKey: ed.privateKey, verificationMethod: `${DID}#key-1`, created: new Date('2025-01-01T00:00:00Z') })
    const egress = recordingEgress({ [DOC_URL]: didDocument })
    const report = await createVerifyService({ egress, clock: () => new Date() }).verify({ credential })
    expect(report.checks.filter((c) => !c.valid)).toEqual([])
    expect(report.checks).toContainEqual(expect.objectContaining({ id: 'issuer', valid: true }))
    expect(egress.seen).toEqual([DOC_URL])

    // Another did:web cannot vouch for this issuer's credential.
    const foreign = await signDataIntegrity({ ...unsigned, issuer: { id: 'did:web:other.example', type: ['Profile'], name: 'Other' } },
      { privateKey: ed.privateKey, verificationMethod: `${DID}#key-1`, created: new Date('2025-01-01T00:00:00Z') })
    const refused = await createVerifyService({ egress: recordingEgress({ [DOC_URL]: didDocument }), clock: () => new Date() }).verify({ credential: foreign })
    expect(refused.checks).toContainEqual(expect.objectContaining({ id: 'issuer', valid: false, code: 'key_not_bound' }))
  })

  it('a VC-JWT whose kid is a did:web verification method', async () => {
    const jwt = await signCredentialJwt(unsigned as Record<string, unknown>, { alg: 'ES256', privateKey: ec.privateKey, kid: `${DID}#jwt-1` })
    const egress = recordingEgress({ [DOC_URL]: didDocument })
    const report = await createVerifyService({ egress, clock: () => new Date() }).verify({ jwt })
    expect(report.checks.filter((c) => !c.valid)).toEqual([])
    expect(egress.seen).toEqual([DOC_URL])
    const unreachable = await createVerifyService({ egress: recordingEgress({}), clock: () => new Date() }).verify({ jwt })
    expect(unreachable.verified).toBe(false)
  })
})
