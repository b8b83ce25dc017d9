import { createHash, generateKeyPairSync } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
// @ts-expect-error -- reference implementation ships no type declarations (test-only dependency)
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error -- idem
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error -- idem
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error -- idem
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { describe, expect, it } from 'vitest'
import { createDocumentLoader } from '../contexts/loader.js'
import { canonizeDataset, canonizeGeneral } from './canon.js'
import { fastCredentialDataset, fastProofOptionsDataset } from './canon-fast.js'
import { signDataIntegrity, verifyDataIntegrity } from './data-integrity.js'
import type { ResolveVerificationMethod } from './data-integrity.js'
import { didKeyVerificationMethod, ed25519PrivateKeyFromSeed, generateEd25519, publicKeyFromMultibase, resolveDidKey } from './multikey.js'

const read = (name: string) => readFileSync(new URL(`../contexts/test-vectors/${name}`, import.meta.url), 'utf8')
const V = JSON.parse(read('ldp-eddsa-rdfc-2022-ob-vector.json'))
const DOC_CANON = read('obv3p0-document-canon.txt')
const PROOF_CANON = read('obv3p0-proof-canon.txt')
const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const vectorKey = ed25519PrivateKeyFromSeed(Buffer.from(V.privateKeyHex, 'hex'))
const CREATED = new Date(V.proofOptions.created)

// The vector's issuer publishes its Multikey in a controller document (CONFORMANCE B4 item 67).
const vectorVm = { '@context': 'https://w3id.org/security/multikey/v1', id: V.verificationMethod, type: 'Multikey', controller: V.controller, publicKeyMultibase: V.publicKeyMultibase }
const vectorController = { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: V.controller, verificationMethod: [vectorVm], assertionMethod: [V.verificationMethod] }
const refLoader = createDocumentLoader((url) =>
  url === V.verificationMethod ? structuredClone(vectorVm) : url === V.controller ? structuredClone(vectorController) : url.startsWith('did:key:') ? resolveDidKey(url) : undefined,
)
const refVerify = (credential: object) =>
  vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: refLoader, checkStatus: async () => ({ verified: true }) })

// Our resolver for tests: did:key locally, the vector's controller document otherwise.
const resolve: ResolveVerificationMethod = async (vmId) => {
  if (vmId === V.verificationMethod) return { publicKey: publicKeyFromMultibase(V.publicKeyMultibase), controller: V.controller }
  if (vmId.startsWith('did:key:')) {
    const vm = resolveDidKey(vmId) as { publicKeyMultibase: string; controller: string }
    return { publicKey: publicKeyFromMultibase(vm.publicKeyMultibase), controller: vm.controller }
  }
  return null
}

/** A credential in B2's full shape (every optional part present), issued by `issuerId`. */
function richCredential(issuerId: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    id: 'urn:uuid:0b5f0e39-70c4-4f7a-9f1e-6d0c4bbd8a11',
    name: 'Bike Repair — Level "1" \\ ünïcode 🚲\nline two',
    description: 'Fixes flats',
    issuer: { id: issuerId, type: ['Profile'], name: 'City Makers', url: 'https://makers.example', email: 'hi@makers.example' },
    validFrom: '2024-05-01T10:00:00Z',
    validUntil: '2030-05-01T10:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399', salt: 'Kosher' }],
      achievement: {
        id: 'https://makers.example/achievements/bike-1', type: ['Achievement'], name: 'Bike Repair 1', description: 'Can fix a flat',
        criteria: { narrative: 'Fix three flats.' }, image: { id: 'https://makers.example/img/bike.png', type: 'Image' },
        alignment: [{ type: ['Alignment'], targetName: 'Mechanics', targetUrl: 'https://skills.example/mech', targetFramework: 'ESCO', targetCode: 'M1' }],
        tag: ['bikes', 'repair'], inLanguage: 'en', achievementType: 'Badge',
      },
    },
    evidence: [{ type: ['Evidence'], id: 'https://makers.example/ev/1', narrative: 'Observed', name: 'Workshop' }],
    credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: { id: 'https://makers.example/status/1#42', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: 'https://makers.example/status/1' },
  }
}

describe('golden vector (OB 3.0 impl guide, eddsa-rdfc-2022)', () => {
  const proofConfig = { '@context': V.unsignedCredential['@context'], ...V.proofOptions }

  it('canonicalises the document and the proof options byte for byte, on both paths', async () => {
    expect(await canonizeGeneral(V.unsignedCredential)).toBe(DOC_CANON)
    expect(await canonizeGeneral(proofConfig)).toBe(PROOF_CANON)
    const fastDoc = fastCredentialDataset(V.unsignedCredential)
    const fastProof = fastProofOptionsDataset(proofConfig)
    expect(fastDoc).toBeDefined()
    expect(fastProof).toBeDefined()
    expect(await canonizeDataset(fastDoc!)).toBe(DOC_CANON)
    expect(await canonizeDataset(fastProof!)).toBe(PROOF_CANON)
    expect(sha256hex(DOC_CANON)).toBe(V.documentHashHex)
    expect(sha256hex(PROOF_CANON)).toBe(V.proofHashHex)
  })

  it.each([true, false])('reproduces the signed credential exactly (fast: %s)', async (fast) => {
    const signed = await signDataIntegrity(V.unsignedCredential, { privateKey: vectorKey, verificationMethod: V.verificationMethod, created: CREATED, fast })
    // Same credential, `proof` as a one-element array (CONFORMANCE B1 item 55).
    expect(signed).toEqual({ ...V.signedCredential, proof: [V.signedCredential.proof] })
    expect(JSON.stringify((signed as { proof: object[] }).proof[0])).toBe(JSON.stringify(V.signedCredential.proof))
  })

  it('verifies the vector as published (proof object) and as we emit it (proof array)', async () => {
    expect(await verifyDataIntegrity(V.signedCredential, { resolveVerificationMethod: resolve })).toEqual({
      verified: true, verificationMethod: V.verificationMethod, controller: V.controller,
    })
    const asArray = { ...V.signedCredential, proof: [V.signedCredential.proof] }
    expect((await verifyDataIntegrity(asArray, { resolveVerificationMethod: resolve, fast: false })).verified).toBe(true)
  })
})

describe('signDataIntegrity', () => {
  it('returns a new object, leaves the input alone and appends to an existing proof set', async () => {
    const input = structuredClone(V.unsignedCredential)
    const before = JSON.stringify(input)
    const once = (await signDataIntegrity(input, { privateKey: vectorKey, verificationMethod: V.verificationMethod, created: CREATED })) as { proof: object[] }
    expect(JSON.stringify(input)).toBe(before)
    const k = generateEd25519()
    const twice = (await signDataIntegrity(once, { privateKey: k.privateKey, verificationMethod: didKeyVerificationMethod(k.publicKey), created: CREATED })) as { proof: object[] }
    expect(twice.proof).toHaveLength(2)
    expect(twice.proof[0]).toEqual(once.proof[0])
    // Each proof of the set signs the document without the proofs, so both verify on their own.
    expect((await verifyDataIntegrity({ ...twice, proof: twice.proof[1] }, { resolveVerificationMethod: resolve })).verified).toBe(true)
    expect((await verifyDataIntegrity({ ...twice, proof: twice.proof[0] }, { resolveVerificationMethod: resolve })).verified).toBe(true)
  })

  it('signs the JSON form: undefined members dropped, Dates as strings, still on the fast path', async () => {
    const opts = { privateKey: vectorKey, verificationMethod: V.verificationMethod, created: CREATED }
    const messy = { ...V.unsignedCredential, description: undefined, validFrom: new Date('2010-01-01T00:00:00Z') }
    const signed = (await signDataIntegrity(messy, opts)) as Record<string, unknown>
    expect('description' in signed).toBe(false)
    expect(signed.validFrom).toBe('2010-01-01T00:00:00.000Z')
    const roundTripped = JSON.parse(JSON.stringify(signed))
    expect((await verifyDataIntegrity(roundTripped, { resolveVerificationMethod: resolve })).verified).toBe(true)
    expect((await refVerify(roundTripped)).verified).toBe(true)
    // Equal to signing the clean JSON through the general path.
    const clean = JSON.parse(JSON.stringify(messy))
    expect(await signDataIntegrity(clean, { ...opts, fast: false })).toEqual(signed)
  })

  it('throws on undefined terms and unbundled contexts rather than signing something verifiers reject', async () => {
    const opts = { privateKey: vectorKey, verificationMethod: V.verificationMethod, created: CREATED }
    await expect(signDataIntegrity({ ...V.unsignedCredential, shoeSize: 42 }, opts)).rejects.toMatchObject({ code: 'canonicalization_failed' })
    const remote = { ...V.unsignedCredential, '@context': [...V.unsignedCredential['@context'], 'https://remote.example/ctx'] }
    await expect(signDataIntegrity(remote, opts)).rejects.toMatchObject({ code: 'unknown_context' })
    await expect(signDataIntegrity(V.unsignedCredential, { ...opts, privateKey: generateKeyPairSync('ed448').privateKey })).rejects.toThrow(TypeError)
    await expect(signDataIntegrity(V.unsignedCredential, { ...opts, created: new Date('nope') })).rejects.toThrow(TypeError)
  })
})

describe('interop with @digitalbazaar/vc (reference implementation)', () => {
  it('accepts a fast-path proof with did:key and with an https controller document', async () => {
    const k = generateEd25519()
    const vmId = didKeyVerificationMethod(k.publicKey)
    const cred = richCredential(vmId.split('#')[0]!)
    expect(fastCredentialDataset(cred)).toBeDefined() // really the fast path
    const viaDidKey = await signDataIntegrity(cred, { privateKey: k.privateKey, verificationMethod: vmId, created: new Date('2024-05-01T10:00:01Z') })
    const r1 = await refVerify(viaDidKey)
    expect(r1.error).toBeUndefined()
    expect(r1.verified).toBe(true)

    const viaController = await signDataIntegrity(richCredential(V.controller), { privateKey: vectorKey, verificationMethod: V.verificationMethod, created: CREATED })
    expect((await refVerify(viaController)).verified).toBe(true)
    const tampered = { ...viaController, name: 'Bike Repair — Level "2"' }
    expect((await refVerify(tampered)).verified).toBe(false)
    expect(await verifyDataIntegrity(tampered, { resolveVerificationMethod: resolve })).toMatchObject({ verified: false, code: 'invalid_signature' })
  })

  it('verifies what vc.issue() produces, and reproduces the vector through vc.issue()', async () => {
    const keyPair = await Ed25519Multikey.from({ ...vectorVm, secretKeyMultibase: V.secretKeyMultibase })
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: V.proofOptions.created })
    const issued = await vc.issue({ credential: structuredClone(V.unsignedCredential), suite, documentLoader: refLoader })
    expect(issued.proof.proofValue).toBe(V.proofValue)
    const rich = await vc.issue({ credential: richCredential(V.controller), suite, documentLoader: refLoader })
    expect(await verifyDataIntegrity(rich, { resolveVerificationMethod: resolve })).toMatchObject({ verified: true })
  })
})

describe('verifyDataIntegrity never throws and says why', () => {
  const signed = V.signedCredential
  const proof = signed.proof
  const verifyWith = (doc: unknown, resolver: ResolveVerificationMethod = resolve, purpose?: string) =>
    verifyDataIntegrity(doc as object, { resolveVerificationMethod: resolver, expectedProofPurpose: purpose })

  const deep: Record<string, unknown> = {}
  let cursor = deep
  for (let i = 0; i < 100; i++) cursor = (cursor.next = {}) as Record<string, unknown>
  const cyclic: Record<string, unknown> = { proof }
  cyclic.self = cyclic

  it.each([
    ['null', 'malformed', null],
    ['a string', 'malformed', 'hello'],
    ['an array', 'malformed', [signed]],
    ['a cyclic object', 'too_deep', cyclic],
    ['a 300 KiB document', 'too_large', { ...signed, description: 'x'.repeat(300 * 1024) }],
    ['a 100-level document', 'too_deep', { ...signed, deep }],
    ['no proof', 'no_proof', V.unsignedCredential],
    ['another cryptosuite', 'unsupported_cryptosuite', { ...signed, proof: { ...proof, cryptosuite: 'ecdsa-rdfc-2019' } }],
    ['a legacy suite', 'unsupported_cryptosuite', { ...signed, proof: { ...proof, type: 'Ed25519Signature2020' } }],
    ['a non-multibase proofValue', 'invalid_proof_value', { ...signed, proof: { ...proof, proofValue: 'uAAAA' } }],
    ['a bad base58 proofValue', 'invalid_proof_value', { ...signed, proof: { ...proof, proofValue: 'z0OIl' } }],
    ['a short signature', 'invalid_proof_value', { ...signed, proof: { ...proof, proofValue: 'z3mJr7AoUXx2Wqd' } }],
    ['no verificationMethod', 'invalid_proof', { ...signed, proof: { ...proof, verificationMethod: undefined } }],
    ['a bad created', 'invalid_proof', { ...signed, proof: { ...proof, created: '2010-01-01 19:23:24' } }],
    ['another purpose', 'proof_purpose_mismatch', { ...signed, proof: { ...proof, proofPurpose: 'authentication' } }],
    ['a changed created', 'invalid_signature', { ...signed, proof: { ...proof, created: '2010-01-01T19:23:25Z' } }],
    ['a changed name', 'invalid_signature', { ...signed, name: 'Teamwork Badge!' }],
    ['an added property', 'invalid_signature', { ...signed, description: 'new' }],
    ['an undefined term', 'canonicalization_failed', { ...signed, shoeSize: 42 }],
    ['a remote context', 'unknown_context', { ...signed, '@context': [...signed['@context'], 'https://remote.example/ctx'] }],
    ['a proof @context that is no prefix', 'invalid_proof', { ...signed, proof: { ...proof, '@context': ['https://w3id.org/security/data-integrity/v2'] } }],
  ])('%s => %s', async (_label, code, doc) => {
    const result = await verifyWith(doc)
    expect(result.verified).toBe(false)
    expect(result.code).toBe(code)
    expect(typeof result.message).toBe('string')
  })

  it('reports unknown, failing and wrong-type verification methods', async () => {
    expect((await verifyWith(signed, async () => null)).code).toBe('verification_method_not_found')
    expect((await verifyWith(signed, async () => { throw new Error('offline') })).code).toBe('verification_method_not_found')
    const x25519 = generateKeyPairSync('x25519').publicKey
    expect((await verifyWith(signed, async () => ({ publicKey: x25519, controller: V.controller }))).code).toBe('invalid_key')
    const other = generateEd25519().publicKey
    expect((await verifyWith(signed, async () => ({ publicKey: other, controller: V.controller }))).code).toBe('invalid_signature')
  })

  it('honours expectedProofPurpose', async () => {
    expect((await verifyWith(signed, resolve, 'authentication')).code).toBe('proof_purpose_mismatch')
  })

  it('uses any eddsa-rdfc-2022 proof of a set and ignores other suites', async () => {
    const foreign = { type: 'Ed25519Signature2020', proofValue: 'zabc', verificationMethod: 'x', proofPurpose: 'assertionMethod' }
    const broken = { ...proof, proofValue: proof.proofValue.replace(/.$/, 'a') }
    expect((await verifyWith({ ...signed, proof: [foreign, broken, proof] })).verified).toBe(true)
    expect((await verifyWith({ ...signed, proof: [foreign, broken] })).code).toBe('invalid_signature')
  })

  it('stops a poison graph within the work bound', async () => {
    // Ten blank nodes in a ring: every first-degree hash is equal, so RDFC-1.0 needs N-degree hashing.
    const ring = Array.from({ length: 10 }, (_, i) => ({ '@id': `_:n${i}`, 'https://ex.example/p': { '@id': `_:n${(i + 1) % 10}` } }))
    const poison = { '@context': signed['@context'], '@graph': ring, proof }
    const started = performance.now()
    const result = await verifyWith(poison)
    expect(result).toMatchObject({ verified: false, code: 'too_complex' })
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('1EdTech inspector and spec samples (all signed with the vector key, various controllers)', () => {
  const dir = new URL('../contexts/test-vectors/inspector/', import.meta.url)
  const samples = readdirSync(dir).filter((f) => f.endsWith('.json'))
  // Resolves any `<controller>#z6Mk…` (and the bare did:key one sample uses, CONFORMANCE B4 item 67) to its key.
  const anyMultikey: ResolveVerificationMethod = async (vmId) => {
    const mb = /(?:#|^did:key:)(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(vmId)?.[1]
    return mb ? { publicKey: publicKeyFromMultibase(mb), controller: vmId.split('#')[0]! } : null
  }

  it('finds the samples', () => expect(samples.length).toBeGreaterThanOrEqual(10))

  it.each(samples)('%s verifies, and fails once tampered', async (file) => {
    const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8'))
    expect(await verifyDataIntegrity(doc, { resolveVerificationMethod: anyMultikey })).toMatchObject({ verified: true })
    expect((await verifyDataIntegrity(doc, { resolveVerificationMethod: anyMultikey, fast: false })).verified).toBe(true)
    const tampered = { ...doc, validFrom: '2001-01-01T00:00:00Z', issuanceDate: undefined }
    expect(await verifyDataIntegrity(tampered, { resolveVerificationMethod: anyMultikey })).toMatchObject({ verified: false, code: 'invalid_signature' })
  })
})
