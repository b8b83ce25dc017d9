import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  asArray, hasType, parseDateTime, validateAssertion, validateBadgeClass, validateCryptographicKey, validateProfile,
  validateRevocationList, verificationKind,
} from './structure.js'

const example = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/vectors/ob20/spec-examples/${name}.json`, 'utf8')) as Record<string, unknown>

describe('OB 2.0 spec examples against the structure checks', () => {
  it.each(['Assertion-1', 'LinkedData-1', 'example-signed-badge-assertion-2'])('%s is a valid Assertion', (name) => {
    expect(validateAssertion(example(name))).toEqual([])
  })

  it('Assertion-1 is hosted (verification type "hosted") and the signed example is signed', () => {
    expect(verificationKind(example('Assertion-1'))).toBe('hosted')
    expect(verificationKind(example('example-signed-badge-assertion-2'))).toBe('signed')
  })

  it('spec-index Assertion example fails like validator-core: its recipient has no `hashed` (required boolean)', () => {
    expect(validateAssertion(example('spec-index-Assertion-0'))).toEqual(['recipient.hashed must be a boolean'])
  })

  it('the revoked hosted body is not a full Assertion (only id and revoked are required there, A4 item 24)', () => {
    expect(validateAssertion(example('revoked-hosted-assertion-1'))).not.toEqual([])
  })

  it('BadgeClass-1 and the embedded BadgeClasses of LinkedData-1 and spec-index-Assertion-0 are valid', () => {
    expect(validateBadgeClass(example('BadgeClass-1'))).toEqual([])
    expect(validateBadgeClass(example('LinkedData-1').badge)).toEqual([])
    expect(validateBadgeClass(example('spec-index-Assertion-0').badge)).toEqual([])
  })

  it('Profile-1 (scalar publicKey) and the embedded issuers are valid Profiles', () => {
    expect(validateProfile(example('Profile-1'))).toEqual([])
    expect(validateProfile((example('LinkedData-1').badge as Record<string, unknown>).issuer)).toEqual([])
    expect(validateProfile((example('spec-index-Assertion-0').badge as Record<string, unknown>).issuer)).toEqual([])
  })

  it('CryptographicKey-1 and RevocationList-1 (with a legacy uid entry) are valid', () => {
    expect(validateCryptographicKey(example('CryptographicKey-1'))).toEqual([])
    expect(validateRevocationList(example('RevocationList-1'))).toEqual([])
  })
})

describe('structure rules (validator-core class validators)', () => {
  const valid = example('Assertion-1')
  const withRecipient = (recipient: unknown) => validateAssertion({ ...valid, recipient })

  it('enforces the IdentityObject consistency rules (A5 item 27)', () => {
    expect(withRecipient({ type: 'email', hashed: true, identity: 'alice@example.org' })).toEqual(['recipient.identity must be sha256$/md5$ hex when hashed is true'])
    expect(withRecipient({ type: 'id', hashed: false, identity: 'md5$900150983cd24fb0d6963f7d28e17f72' })).toEqual(['recipient.identity must not be a hash when hashed is false'])
    expect(withRecipient({ type: 'email', hashed: false, identity: 'not-an-email' })).toEqual(['recipient.identity must be an email address'])
    expect(withRecipient({ type: 'sourcedId', hashed: false, identity: 'x' })).toEqual(['recipient.type must be one of email, url, telephone, id'])
    expect(withRecipient({ type: 'url', hashed: false, identity: 'https://alice.example' })).toEqual([])
  })

  it('accepts one-element arrays and scalars alike (A1 item 5)', () => {
    expect(validateAssertion({ ...valid, type: ['Assertion'], verification: [{ type: ['HostedBadge'] }], badge: [valid.badge] })).toEqual([])
    expect(asArray(undefined)).toEqual([])
    expect(asArray('x')).toEqual(['x'])
    expect(hasType(['Extension', 'obi:Assertion'], ['Assertion'])).toBe(true)
    expect(hasType('https://w3id.org/openbadges#BadgeClass', ['BadgeClass'])).toBe(true)
  })

  it('rejects bad dates, missing verification and bad evidence', () => {
    expect(validateAssertion({ ...valid, issuedOn: 1483228799 })).toContain('Assertion.issuedOn must be an ISO 8601 date-time with timezone')
    expect(validateAssertion({ ...valid, expires: '2017-06-30' })).toContain('Assertion.expires must be an ISO 8601 date-time with timezone')
    expect(validateAssertion({ ...valid, verification: { type: 'Magic' } })).toContain('Assertion.verification.type must be HostedBadge or SignedBadge')
    expect(validateAssertion({ ...valid, evidence: ['not an iri'] })).toContain('Assertion.evidence entries must be IRIs or Evidence objects')
  })

  it('enforces BadgeClass image, criteria and alignment rules (A3 items 15, 16, 18)', () => {
    const badge = example('BadgeClass-1')
    expect(validateBadgeClass({ ...badge, image: ['https://a.example/1.png', 'https://a.example/2.png'] })).toEqual(['BadgeClass.image must be a single image, not a list'])
    expect(validateBadgeClass({ ...badge, image: 'data:image/gif;base64,R0lGOD' })).toEqual(['BadgeClass.image data URI must be image/png or image/svg+xml'])
    expect(validateBadgeClass({ ...badge, image: 'data:image/svg+xml;base64,PHN2Zz4=' })).toEqual([])
    expect(validateBadgeClass({ ...badge, criteria: {} })).toEqual(['BadgeClass.criteria needs an id or a narrative'])
    expect(validateBadgeClass({ ...badge, criteria: undefined })).toEqual(['BadgeClass.criteria is required (one IRI or Criteria object)'])
    expect(validateBadgeClass({ ...badge, alignment: { targetName: 'x' } })).toEqual(['BadgeClass.alignment entries need targetName and an http(s) targetUrl'])
    expect(validateBadgeClass({ ...badge, name: undefined })).toEqual(['BadgeClass is missing name'])
  })

  it('requires an http(s) issuer id, url and a valid email (A2 items 7-9)', () => {
    const profile = example('Profile-1')
    expect(validateProfile({ ...profile, id: 'urn:uuid:5b2c1f4e-8a7c-4f7d-9e3a-1b2c3d4e5f60' })).toEqual(['Profile.id must be an http(s) URL'])
    expect(validateProfile({ ...profile, email: undefined })).toEqual(['Profile.email must be an email address'])
    expect(validateProfile({ ...profile, telephone: '555-1234' })).toEqual(['Profile.telephone must be E.164'])
    expect(validateProfile({ ...profile, telephone: '+15551234567;ext=12' })).toEqual([])
    expect(validateProfile({ ...profile, type: 'BadgeClass' })).toEqual(['Profile.type must include Issuer or Profile'])
  })

  it('returns problems instead of throwing for non-objects', () => {
    for (const value of [null, 'x', 1, [], undefined]) {
      expect(validateAssertion(value)).toHaveLength(1)
      expect(validateBadgeClass(value)).toHaveLength(1)
      expect(validateProfile(value)).toHaveLength(1)
      expect(validateCryptographicKey(value)).toHaveLength(1)
      expect(validateRevocationList(value)).toHaveLength(1)
    }
  })
})

describe('parseDateTime (A1 item 3: time and timezone required)', () => {
  it.each([
    ['2016-12-31T23:59:59Z', '2016-12-31T23:59:59.000Z'],
    ['2016-12-31T23:59:59+00:00', '2016-12-31T23:59:59.000Z'],
    ['2016-12-31T23:59:59+0000', '2016-12-31T23:59:59.000Z'],
    ['2016-12-31T23:59:59+00', '2016-12-31T23:59:59.000Z'],
    ['2016-12-31T23:59:59-05:00', '2017-01-01T04:59:59.000Z'],
    ['2017-01-01T01:30:00+02:30', '2016-12-31T23:00:00.000Z'],
    ['2016-12-31T23:59:59.123456Z', '2016-12-31T23:59:59.123Z'],
    ['2016-12-31T23:59Z', '2016-12-31T23:59:00.000Z'],
  ])('parses %s as %s', (input, expected) => {
    expect(parseDateTime(input)?.toISOString()).toBe(expected)
  })

  it.each([['2016-12-31T23:59:59'], ['2016-12-31'], [1483228799], ['2017-02-30T00:00:00Z'], ['2016-13-01T00:00:00Z'], ['2016-12-31T24:00:00Z'], ['yesterday'], [null]])(
    'rejects %j',
    (input) => {
      expect(parseDateTime(input)).toBeUndefined()
    },
  )
})
