import { describe, expect, it } from 'vitest'
import { canonizeDataset, canonizeGeneral } from './canon.js'
import { fastCredentialDataset, fastProofOptionsDataset } from './canon-fast.js'

// Differential test: for thousands of generated credentials in B2's shape, the fast path's canonical N-Quads must
// equal jsonld's (general path) byte for byte; whatever the fast path declines must be something unusual.

const SEED = 0x0b3c_a110
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(SEED)
const int = (n: number) => Math.floor(rand() * n)
const chance = (p: number) => rand() < p
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T

const PIECES = ['a', 'Z', ' ', '"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', 'e\u0301', 'ß', '漢字',
  'русский', '🚲', '\ud83d', '<', '>', '@id', '_:b0', 'http://x.example/', '^^', "'", '{}', '&amp;', '%20', '\u00a0']
function text(): string {
  if (chance(0.05)) return ''
  let s = ''
  for (let i = int(12) + 1; i > 0; i--) s += chance(0.5) ? pick(PIECES) : String.fromCharCode(32 + int(95))
  return s
}
function iri(kind = 'any'): string {
  const n = int(1e6)
  switch (kind === 'any' ? int(5) : 0) {
    case 0: return `https://city.example/${pick(['a', 'b/c', 'ach', 'é', 'x?y=1&z=2', 'p#frag'])}/${n}`
    case 1: return `http://old.example/${n}`
    case 2: return `urn:uuid:${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`
    case 3: return `did:example:${n}`
    default: return `did:key:z6Mk${n}`
  }
}
function date(): string {
  const y = 1990 + int(60)
  const ms = chance(0.2) ? `.${int(1000)}` : ''
  const tz = pick(['Z', '+02:00', '-05:30', 'Z'])
  return `${y}-0${1 + int(9)}-1${int(9)}T0${int(10)}:${10 + int(50)}:${10 + int(50)}${ms}${tz}`
}
const maybe = <T>(p: number, f: () => T): T | undefined => (chance(p) ? f() : undefined)
const oneOrMany = <T>(x: T): T | T[] => (chance(0.3) ? x : [x])
/** Drops absent optional members (explicit `undefined` is covered in data-integrity.test.ts). */
function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const OB_EXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'

function alignment(): Record<string, unknown> {
  return clean({
    type: oneOrMany('Alignment'), targetName: text(), targetUrl: chance(0.8) ? iri() : text(),
    targetFramework: maybe(0.5, text), targetCode: maybe(0.5, text), targetDescription: maybe(0.5, text),
    targetType: maybe(0.5, () => pick(['CFItem', 'ceasn:Competency', 'ext:Thing', text()])),
  })
}

function credential(): Record<string, unknown> {
  const issuerId = iri()
  const shared = chance(0.05) ? issuerId : undefined // node-map merging: two nodes with one @id
  const align = Array.from({ length: int(4) }, alignment)
  if (align.length > 0 && chance(0.15)) align.push(structuredClone(align[0]!)) // identical blank nodes
  const withSchema = chance(0.6)
  return clean({
    '@context': withSchema || chance(0.5) ? [VC_V2, OB_303, OB_EXT] : [VC_V2, OB_303],
    type: chance(0.1) ? ['OpenBadgeCredential', 'VerifiableCredential'] : ['VerifiableCredential', 'OpenBadgeCredential'],
    id: chance(0.95) ? iri() : undefined,
    name: text(),
    description: maybe(0.5, text),
    issuer: chance(0.1) ? issuerId : clean({ id: issuerId, type: oneOrMany('Profile'), name: text(), url: maybe(0.5, () => iri()), email: maybe(0.5, () => `${text()}@x.example`) }),
    validFrom: date(),
    validUntil: maybe(0.4, date),
    credentialSubject: clean({
      type: oneOrMany('AchievementSubject'),
      id: maybe(0.4, () => iri()),
      narrative: maybe(0.3, text),
      identifier: chance(0.9)
        ? Array.from({ length: 1 + int(2) }, () => clean({ type: oneOrMany('IdentityObject'), identityType: pick(['emailAddress', 'name', 'ext:Badge']), hashed: chance(0.8), identityHash: chance(0.8) ? `sha256$${int(1e9).toString(16)}` : text(), salt: maybe(0.8, text) }))
        : undefined,
      achievement: clean({
        id: shared ?? iri(), type: oneOrMany('Achievement'), name: text(), description: text(),
        criteria: chance(0.9) ? clean({ id: maybe(0.3, () => iri()), narrative: maybe(0.8, text) }) : undefined,
        image: maybe(0.4, () => clean({ id: iri(), type: oneOrMany('Image'), caption: maybe(0.3, text) })),
        alignment: align.length || chance(0.5) ? align : undefined,
        tag: maybe(0.5, () => { const t = Array.from({ length: int(4) }, text); return chance(0.2) ? [...t, ...t] : t }),
        inLanguage: maybe(0.4, () => pick(['en', 'nl-BE', 'fr', text()])),
        achievementType: maybe(0.4, () => pick(['Badge', 'Certificate', 'ext:CityPass', text()])),
      }),
    }),
    evidence: maybe(0.5, () => Array.from({ length: int(4) }, () => clean({ type: oneOrMany('Evidence'), id: maybe(0.5, () => iri()), narrative: maybe(0.6, text), name: maybe(0.6, text), description: maybe(0.5, text) }))),
    credentialSchema: withSchema ? [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }] : undefined,
    credentialStatus: maybe(0.5, () => { const list = iri(); return clean({ id: chance(0.9) ? `${list}#${int(1e5)}` : undefined, type: 'BitstringStatusListEntry', statusPurpose: pick(['revocation', 'suspension']), statusListIndex: String(int(131072)), statusListCredential: list }) }),
  })
}

/** One change the fast path must decline (and that the general path then handles or rejects). */
const UNUSUAL: ReadonlyArray<(c: Record<string, any>) => void> = [
  (c) => { c.credentialSubject.achievement.creator = { id: iri(), type: ['Profile'] } }, // a term outside our shape
  (c) => { c['@context'] = [VC_V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'] }, // another context version
  (c) => { c.id = 'relative/id' },
  (c) => { c.id = 'tag:city.example,2024:x' }, // `tag` is a term, so the scheme could be read as a prefix
  (c) => { c.credentialSubject.achievement.id = 'https://x.example/with space' },
  (c) => { c.credentialSubject.achievement.id = '_:b7' },
  (c) => { c.type = ['VerifiableCredential', 'OpenBadgeCredential', 'AchievementCredential'] },
  (c) => { c.credentialSubject.identifier = [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: 'true', identityHash: 'x' }] },
  (c) => { c.validFrom = new Date('2020-01-01T00:00:00Z') },
  (c) => { c.credentialSubject.achievement.tag = ['a', 7] },
  (c) => { c.name = null },
  (c) => { c.credentialSubject.achievement.description = undefined },
  (c) => { c.credentialSubject.achievement.criteria = JSON.parse('{"__proto__": {"x": 1}, "narrative": "n"}') },
  (c) => { c.credentialSchema = [{ id: iri(), type: 'JsonSchema' }] },
]

describe('fast path = general path (differential)', () => {
  it('produces byte-identical canonical N-Quads for 2000 generated credentials', { timeout: 180_000 }, async () => {
    let fast = 0
    for (let i = 0; i < 2000; i++) {
      const c = credential()
      const dataset = fastCredentialDataset(c)
      const general = await canonizeGeneral(c)
      expect(dataset, `credential #${i} (seed ${SEED}) should take the fast path`).toBeDefined()
      const mine = await canonizeDataset(dataset!)
      if (mine !== general) expect({ i, c, mine }).toEqual({ i, c, mine: general })
      fast++
    }
    expect(fast).toBe(2000)
  })

  it('declines anything unusual, and the general path then decides', { timeout: 30_000 }, async () => {
    for (let i = 0; i < UNUSUAL.length * 15; i++) {
      const c = credential()
      UNUSUAL[i % UNUSUAL.length]!(c)
      expect(fastCredentialDataset(c), `mutation ${i % UNUSUAL.length}`).toBeUndefined()
    }
    // A credentialSchema without the extensions context is an undefined type: jsonld safe mode rejects it, and so
    // must we (no fast-path signature over something no verifier could reproduce).
    const c = credential()
    c['@context'] = [VC_V2, OB_303]
    c.credentialSchema = [{ id: iri(), type: '1EdTechJsonSchemaValidator2019' }]
    expect(fastCredentialDataset(c)).toBeUndefined()
    await expect(canonizeGeneral(c)).rejects.toMatchObject({ code: 'canonicalization_failed' })
  })

  it('produces byte-identical proof-option N-Quads for 300 generated proof configurations', async () => {
    for (let i = 0; i < 300; i++) {
      const config = {
        '@context': chance(0.5) ? [VC_V2, OB_303, OB_EXT] : [VC_V2, OB_303],
        type: 'DataIntegrityProof', created: date(), verificationMethod: `${iri()}#${chance(0.5) ? 'z6Mk' + int(1e9) : 'key-1'}`,
        cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod',
      }
      const dataset = fastProofOptionsDataset(config)
      expect(dataset).toBeDefined()
      expect(await canonizeDataset(dataset!)).toBe(await canonizeGeneral(config))
    }
    const base = { '@context': [VC_V2, OB_303], type: 'DataIntegrityProof', created: date(), verificationMethod: iri(), cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' }
    expect(fastProofOptionsDataset({ ...base, proofPurpose: 'authentication' })).toBeUndefined()
    expect(fastProofOptionsDataset({ ...base, expires: date() })).toBeUndefined()
    expect(fastProofOptionsDataset({ ...base, cryptosuite: 'eddsa-jcs-2022' })).toBeUndefined()
    expect(fastProofOptionsDataset({ ...base, '@context': [VC_V2] })).toBeUndefined()
  })
})
