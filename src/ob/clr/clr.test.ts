// @ts-expect-error -- reference implementation ships no type declarations (test-only dependency)
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error -- idem
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error -- idem
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createDocumentLoader } from '../contexts/loader.js'
import { signDataIntegrity } from '../v3/data-integrity.js'
import { buildOpenBadgeCredential } from '../v3/documents.js'
import { didKeyVerificationMethod, generateEd25519, resolveDidKey } from '../v3/multikey.js'
import { buildClrCredential, canonizeClr, fastClrDataset, signClr, type AssociationInput } from './clr.js'
import { validateClr } from './schema.js'

const issuerKey = generateEd25519()
const clrKey = generateEd25519()
const vm = didKeyVerificationMethod(issuerKey.publicKey)
const clrVm = didKeyVerificationMethod(clrKey.publicKey)
// @digitalbazaar/vc requires the issuer to be the controller of the verification method: with did:key, the DID.
const issuerDid = vm.split('#')[0] as string
const clrIssuerDid = clrVm.split('#')[0] as string
const loader = createDocumentLoader((url) => (url.startsWith('did:key:') ? resolveDidKey(url) : undefined))
const refVerify = (credential: object): Promise<{ verified: boolean; error?: unknown }> =>
  vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: loader, checkStatus: async () => ({ verified: true }) })

const issued = new Date('2026-03-01T10:00:00Z')

async function credential (i: number, extra: Record<string, unknown> = {}): Promise<object> {
  const doc = buildOpenBadgeCredential({
    id: `https://badges.example/ob/v3/credentials/00000000-0000-4000-8000-00000000000${i}`,
    name: `Badge ${i % 2}`,
    issuer: { id: issuerDid, name: 'Youth Club', url: 'https://club.example', email: 'hello@club.example' },
    validFrom: issued,
    subject: { id: 'urn:uuid:11111111-2222-4333-8444-555555555555', identifier: [{ identityType: 'emailAddress', identity: 'sam@example.org', salt: `salt-${i}` }] },
    achievement: { id: `https://badges.example/ob/v3/achievements/${i % 2}`, name: `Achievement ${i % 2}`, description: 'Did a thing', criteria: { narrative: 'Turn up and take part.' }, alignment: [{ targetName: 'Teamwork', targetUrl: 'https://badges.example/spine/demo/elements/TW', targetCode: 'TW' }] },
    credentialStatus: { type: 'BitstringStatusListEntry', listUrl: 'https://badges.example/ob/v3/status/list-1', index: i },
  })
  return signDataIntegrity({ ...doc, ...extra }, { privateKey: issuerKey.privateKey, verificationMethod: vm, created: issued })
}

const clrOf = (credentials: object[], associations?: AssociationInput[]) => buildClrCredential({
  id: 'urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  name: 'Learning record',
  description: 'Every badge of one learner',
  issuer: { id: clrIssuerDid, name: 'City of Learning', url: 'https://city.example' },
  validFrom: new Date('2026-06-01T00:00:00Z'),
  subject: { id: 'urn:uuid:11111111-2222-4333-8444-555555555555', identifier: [{ identityType: 'identifier', identityHash: 'sha256$00', salt: 's' }] },
  credentials,
  ...(associations ? { associations } : {}),
})

describe('ClrCredential (CLR 2.0 on VCDM 2.0)', () => {
  it('is signed eddsa-rdfc-2022 and verifies in @digitalbazaar/vc, with every embedded credential intact', async () => {
    const creds = await Promise.all([1, 2, 3].map((i) => credential(i)))
    const signed = await signClr(clrOf(creds), { privateKey: clrKey.privateKey, verificationMethod: clrVm, created: new Date('2026-06-01T00:00:00Z') })
    expect(signed.type).toEqual(['VerifiableCredential', 'ClrCredential'])
    expect((signed.proof as Array<Record<string, unknown>>)[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })
    const result = await refVerify(signed)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
    // Each embedded credential keeps its own proof and verifies alone.
    const embedded = (signed.credentialSubject as { verifiableCredential: object[] }).verifiableCredential
    expect(embedded).toHaveLength(3)
    for (const c of embedded) expect((await refVerify(c)).verified).toBe(true)
  })

  it('fails verification when anything inside is changed (an embedded credential, the subject)', async () => {
    const creds = await Promise.all([1, 2].map((i) => credential(i)))
    const signed = await signClr(clrOf(creds), { privateKey: clrKey.privateKey, verificationMethod: clrVm, created: new Date() })
    const tampered = structuredClone(signed) as any
    tampered.credentialSubject.verifiableCredential[1].name = 'Forged'
    expect((await refVerify(tampered)).verified).toBe(false)
    const tampered2 = structuredClone(signed) as any
    tampered2.credentialSubject.id = 'urn:uuid:99999999-2222-4333-8444-555555555555'
    expect((await refVerify(tampered2)).verified).toBe(false)
  })

  it('direct dataset path gives the same canonical N-Quads as JSON-LD toRdf', async () => {
    const creds = await Promise.all([1, 2, 3, 4].map((i) => credential(i)))
    const doc = clrOf(creds)
    expect(fastClrDataset(doc)).toBeDefined()
    expect(await canonizeClr(doc)).toBe(await canonizeClr(doc, { fast: false }))
    // Without identifier, with validUntil and without partial.
    const doc2 = { ...doc, validUntil: '2030-01-01T00:00:00Z', credentialSubject: { type: ['ClrSubject'], id: 'urn:uuid:11111111-2222-4333-8444-555555555555', verifiableCredential: creds.slice(0, 1) } }
    expect(fastClrDataset(doc2)).toBeDefined()
    expect(await canonizeClr(doc2)).toBe(await canonizeClr(doc2, { fast: false }))
  })

  it('carries CLR 2.0 associations between achievements: fast == general, verifies, validates; tampering fails', async () => {
    const creds = await Promise.all([1, 2, 3].map((i) => credential(i)))
    const A = (i: number) => `https://badges.example/ob/v3/achievements/${i}`
    const associations: AssociationInput[] = [
      { associationType: 'isPartOf', sourceId: A(1), targetId: A(0) },
      { associationType: 'isPartOf', sourceId: A(1), targetId: A(0) }, // the same association twice stays two nodes
      { associationType: 'precedes', sourceId: A(0), targetId: A(1) },
    ]
    const doc = clrOf(creds, associations)
    expect((doc.credentialSubject as { association: unknown[] }).association).toEqual([
      { type: 'Association', associationType: 'isPartOf', sourceId: A(1), targetId: A(0) },
      { type: 'Association', associationType: 'isPartOf', sourceId: A(1), targetId: A(0) },
      { type: 'Association', associationType: 'precedes', sourceId: A(0), targetId: A(1) },
    ])
    expect(fastClrDataset(doc)).toBeDefined()
    const fast = await canonizeClr(doc)
    expect(fast).toBe(await canonizeClr(doc, { fast: false }))
    expect(fast).toContain('<https://purl.imsglobal.org/spec/vc/clr/vocab.html#AssociationType> "isPartOf"')
    // Without the associations the canonical document differs (they are signed, not decoration).
    expect(await canonizeClr(clrOf(creds))).not.toBe(fast)
    const signed = await signClr(doc, { privateKey: clrKey.privateKey, verificationMethod: clrVm, created: new Date('2026-06-01T00:00:00Z') })
    expect(await refVerify(signed)).toMatchObject({ verified: true })
    expect(validateClr(signed)).toEqual({ valid: true, errors: [] })
    const dropped = structuredClone(signed) as any
    delete dropped.credentialSubject.association
    expect((await refVerify(dropped)).verified).toBe(false)
    const turned = structuredClone(signed) as any
    turned.credentialSubject.association[2].associationType = 'isChildOf'
    expect((await refVerify(turned)).verified).toBe(false)
    const bad = structuredClone(signed) as any
    bad.credentialSubject.association[0].associationType = 'isFriendOf'
    expect(validateClr(bad).errors.join()).toMatch(/association\/0/)
    expect(fastClrDataset(bad)).toBeUndefined() // not our shape: the general path signs it
    expect(() => clrOf(creds, [{ associationType: 'isFriendOf' as 'isPartOf', sourceId: A(1), targetId: A(0) }])).toThrow(TypeError)
  })

  it('falls back to the general path for credentials not in our shape, and still verifies', async () => {
    const odd = await credential(5, { awardedDate: '2026-03-01T10:00:00Z' })
    const doc = clrOf([odd])
    expect(fastClrDataset(doc)).toBeUndefined()
    const signed = await signClr(doc, { privateKey: clrKey.privateKey, verificationMethod: clrVm, created: new Date() })
    expect((await refVerify(signed)).verified).toBe(true)
  })

  it('validates against the CLR 2.0 schema (and each credential against OB 3.0); broken ones do not', async () => {
    const creds = await Promise.all([1, 2].map((i) => credential(i)))
    const signed = await signClr(clrOf(creds), { privateKey: clrKey.privateKey, verificationMethod: clrVm, created: new Date() })
    expect(validateClr(signed)).toEqual({ valid: true, errors: [] })
    const noCreds = structuredClone(signed) as any
    delete noCreds.credentialSubject.verifiableCredential
    expect(validateClr(noCreds).valid).toBe(false)
    const noDate = structuredClone(signed) as any
    delete noDate.validFrom
    expect(validateClr(noDate).errors.join()).toMatch(/validFrom/)
    const badInner = structuredClone(signed) as any
    delete badInner.credentialSubject.verifiableCredential[0].credentialSubject
    expect(validateClr(badInner).errors.join()).toMatch(/verifiableCredential\/0/)
  })

  it('the 1EdTech signed CLR vector validates against the bundled schema', () => {
    const vector = JSON.parse(readFileSync(new URL('../contexts/test-vectors/clr-ldp-signed-vector.json', import.meta.url), 'utf8')) as object
    expect(validateClr(vector).errors.filter((e) => !e.includes('/verifiableCredential/'))).toEqual([])
  })

  it('refuses a CLR without credentials or subject', () => {
    expect(() => clrOf([])).toThrow(TypeError)
    expect(() => buildClrCredential({ id: 'urn:uuid:x', name: 'x', issuer: { id: 'https://a.example', name: 'a' }, validFrom: new Date(), subject: {}, credentials: [{}] })).toThrow(TypeError)
  })
})
