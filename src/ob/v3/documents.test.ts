import { createHash } from 'node:crypto'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { staticDocumentLoader } from '../contexts/loader.js'
import {
  buildAchievement,
  buildEndorsementCredential,
  buildOpenBadgeCredential,
  buildProfile,
  buildRevocationList1EdTech,
  OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA,
} from './documents.js'
import type { OpenBadgeCredentialInput } from './documents.js'
import { validateOb3 } from './schema.js'
import { buildStatusListCredential } from './status-list.js'

const BASE = 'https://badges.city.test'
const ISSUER = { id: `${BASE}/ob/v3/issuers/org-1`, name: 'City Library', url: 'https://library.city.test', email: 'badges@library.city.test' }

const fullInput: OpenBadgeCredentialInput = {
  id: `${BASE}/ob/v3/credentials/c-1`,
  name: 'Maker Badge',
  description: 'Awarded for building a robot',
  issuer: { ...ISSUER, image: { id: `${BASE}/img/org-1.png`, caption: 'logo' } },
  validFrom: new Date('2025-01-02T03:04:05.678Z'),
  validUntil: new Date('2027-01-02T03:04:05Z'),
  awardedDate: new Date('2025-01-01T00:00:00Z'),
  image: { id: `${BASE}/img/maker.png` },
  subject: {
    id: 'did:example:learner-1',
    identifier: [{ identity: ' A@Example.com ', salt: 'Kosher' }, { identityType: 'sisSourcedId', identityHash: 'sha256$00', salt: 'x' }],
  },
  achievement: {
    id: `${BASE}/ob/v3/achievements/b-1`,
    name: 'Maker',
    description: 'Builds things',
    criteria: { id: `${BASE}/criteria/b-1`, narrative: 'Build a robot' },
    image: { id: `${BASE}/img/b-1.png`, caption: 'badge' },
    alignment: [{ targetName: 'Engineering', targetUrl: 'https://skills.test/eng', targetFramework: 'Skills', targetCode: 'E1', targetType: 'CFItem' }],
    tag: ['stem', 'robots'],
    inLanguage: 'en',
    achievementType: 'Badge',
  },
  evidence: [{ id: `${BASE}/evidence/1`, narrative: 'Photo of the robot', name: 'Robot' }],
  credentialStatus: { type: 'BitstringStatusListEntry', listUrl: `${BASE}/ob/v3/status/l-1`, index: 42 },
}

const minimalInput: OpenBadgeCredentialInput = {
  id: `${BASE}/ob/v3/credentials/c-2`,
  name: 'Reader',
  issuer: { id: ISSUER.id, name: ISSUER.name },
  validFrom: new Date('2025-01-02T00:00:00Z'),
  subject: { identifier: [{ identity: 'kid@example.org', salt: 'pepper' }] },
  achievement: { id: `${BASE}/ob/v3/achievements/b-2`, name: 'Reader', description: 'Reads', criteria: { narrative: 'Read 10 books' } },
}

/** Every value reachable from `value`, depth first. */
function* walk(value: unknown): Generator<unknown> {
  yield value
  if (value !== null && typeof value === 'object') for (const v of Object.values(value)) yield* walk(v)
}

async function expandSafe(doc: object): Promise<unknown[]> {
  const expand = jsonld.expand as unknown as (d: object, o: object) => Promise<unknown[]>
  return expand(doc, { documentLoader: staticDocumentLoader, safe: true })
}

describe('buildOpenBadgeCredential', () => {
  it('emits a credential that passes the OB 3.0 AchievementCredential schema, full and minimal', () => {
    for (const input of [fullInput, minimalInput]) {
      const credential = buildOpenBadgeCredential(input)
      // The schema requires proof to be an array once signed; an unsigned credential passes too.
      expect(validateOb3(credential, 'achievement')).toEqual({ valid: true, errors: [] })
      expect(validateOb3({ ...credential, proof: [{ type: 'DataIntegrityProof' }] }).valid).toBe(true)
    }
  })

  it('has the VCDM 2.0 envelope, contexts and arrays of CONFORMANCE B1', () => {
    const c = buildOpenBadgeCredential(fullInput) as Record<string, any>
    expect(c['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ])
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(c.issuer).toEqual({
      id: ISSUER.id,
      type: ['Profile'],
      name: ISSUER.name,
      url: ISSUER.url,
      email: ISSUER.email,
      image: { id: `${BASE}/img/org-1.png`, type: 'Image', caption: 'logo' },
    })
    expect(c.validFrom).toBe('2025-01-02T03:04:05Z')
    expect(c.validUntil).toBe('2027-01-02T03:04:05Z')
    expect(c.credentialSubject.type).toEqual(['AchievementSubject'])
    expect(c.credentialSubject.achievement.type).toEqual(['Achievement'])
    expect(c.credentialSubject.achievement.alignment[0].type).toEqual(['Alignment'])
    expect(c.evidence[0].type).toEqual(['Evidence'])
    expect(c.credentialSchema).toEqual([{ id: OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }])
    expect(c.credentialStatus).toEqual({
      id: `${BASE}/ob/v3/status/l-1#42`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: `${BASE}/ob/v3/status/l-1`,
    })
  })

  it('hashes the email identity with the OB 3.0 spec vector after trimming and lower-casing it', () => {
    const c = buildOpenBadgeCredential(fullInput) as Record<string, any>
    // OB 3.0 §IdentityObject example: a@example.com + "Kosher" (CONFORMANCE item 60).
    expect(c.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
      salt: 'Kosher',
    })
    const independent = createHash('sha256').update('kid@example.orgpepper').digest('hex')
    const m = buildOpenBadgeCredential(minimalInput) as Record<string, any>
    expect(m.credentialSubject.identifier[0].identityHash).toBe(`sha256$${independent}`)
    expect(c.credentialSubject.identifier[1].identityHash).toBe('sha256$00')
  })

  it('omits absent optionals: no null, undefined or empty array anywhere', () => {
    const m = buildOpenBadgeCredential({ ...minimalInput, evidence: [], achievement: { ...minimalInput.achievement, tag: [], alignment: [] } })
    for (const v of walk(m)) {
      expect(v).not.toBeNull()
      expect(v).not.toBeUndefined()
      if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0)
    }
    expect(Object.keys(m)).not.toContain('credentialStatus')
    expect(Object.keys(m)).not.toContain('evidence')
    expect(Object.keys(m.credentialSubject as object)).not.toContain('id')
  })

  it('rejects a subject with neither id nor identifier, and criteria with neither id nor narrative', () => {
    expect(() => buildOpenBadgeCredential({ ...minimalInput, subject: {} })).toThrow(TypeError)
    expect(() => buildOpenBadgeCredential({ ...minimalInput, achievement: { ...minimalInput.achievement, criteria: {} } })).toThrow(TypeError)
    expect(() => buildOpenBadgeCredential({ ...minimalInput, credentialStatus: { type: 'BitstringStatusListEntry', listUrl: 'https://x.test/l', index: -1 } })).toThrow(TypeError)
  })

  it('every term is defined by the bundled contexts (jsonld safe-mode expansion succeeds)', async () => {
    const expanded = await expandSafe(buildOpenBadgeCredential(fullInput))
    const text = JSON.stringify(expanded)
    expect(text).toContain('https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019')
    expect(text).toContain('https://www.w3.org/ns/credentials/status#BitstringStatusListEntry')
    expect(text).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash')
  })

  it('safe mode does reject an undefined term (the expansion check above can fail)', async () => {
    const c = { ...buildOpenBadgeCredential(minimalInput), notATerm: 1 }
    await expect(expandSafe(c)).rejects.toThrow()
  })
})

describe('the other builders', () => {
  it('buildAchievement is a standalone JSON-LD Achievement', async () => {
    const a = buildAchievement(fullInput.achievement) as Record<string, any>
    expect(a['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'])
    expect(a.type).toEqual(['Achievement'])
    await expect(expandSafe(a)).resolves.toHaveLength(1)
  })

  it('buildProfile lists Multikey VMs under assertionMethod, with contexts that define them', async () => {
    const key = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
    const p = buildProfile({ ...ISSUER, keys: [key] }) as Record<string, any>
    expect(p.type).toEqual(['Profile'])
    expect(p.verificationMethod).toEqual([{ id: `${ISSUER.id}#${key}`, type: 'Multikey', controller: ISSUER.id, publicKeyMultibase: key }])
    expect(p.assertionMethod).toEqual([`${ISSUER.id}#${key}`])
    const text = JSON.stringify(await expandSafe(p))
    expect(text).toContain('https://w3id.org/security#assertionMethod')
    expect(text).toContain('https://w3id.org/security#publicKeyMultibase')
    const noKeys = buildProfile(ISSUER) as Record<string, any>
    expect(noKeys.verificationMethod).toBeUndefined()
    expect(noKeys.assertionMethod).toBeUndefined()
    await expect(expandSafe(noKeys)).resolves.toHaveLength(1)
    // The Profile part also passes the OB 3.0 Profile definition embedded in the credential schema.
    const c = buildOpenBadgeCredential({ ...minimalInput })
    expect(validateOb3({ ...c, issuer: p }).valid).toBe(true)
  })

  it('buildEndorsementCredential passes the EndorsementCredential schema and safe expansion', async () => {
    const e = buildEndorsementCredential({
      id: `${BASE}/ob/v3/endorsements/e-1`,
      name: 'Endorsement of Maker',
      issuer: { id: `${BASE}/ob/v3/issuers/org-2`, name: 'Museum' },
      validFrom: new Date('2025-02-01T00:00:00Z'),
      subject: { id: fullInput.achievement.id, endorsementComment: 'Solid criteria' },
    }) as Record<string, any>
    expect(e.type).toEqual(['VerifiableCredential', 'EndorsementCredential'])
    expect(e.credentialSubject).toEqual({ id: fullInput.achievement.id, type: ['EndorsementSubject'], endorsementComment: 'Solid criteria' })
    expect(validateOb3(e)).toEqual({ valid: true, errors: [] })
    expect(validateOb3(e, 'achievement').valid).toBe(false)
    await expect(expandSafe(e)).resolves.toHaveLength(1)
  })

  it('buildRevocationList1EdTech uses the revokedCredential key', () => {
    expect(
      buildRevocationList1EdTech({ id: `${ISSUER.id}/revocations`, issuer: ISSUER.id, revoked: [{ id: 'urn:a' }, { id: 'urn:b', revocationReason: 'error' }] }),
    ).toEqual({
      id: `${ISSUER.id}/revocations`,
      issuer: ISSUER.id,
      revokedCredential: [{ id: 'urn:a', revoked: true }, { id: 'urn:b', revoked: true, revocationReason: 'error' }],
    })
  })

  it('a status list credential expands in safe mode with only the VC v2 context', async () => {
    const s = buildStatusListCredential({ id: `${BASE}/ob/v3/status/l-1`, issuer: ISSUER.id, validFrom: new Date(0), purpose: 'revocation', set: [1] })
    await expect(expandSafe(s)).resolves.toHaveLength(1)
  })
})
