import { describe, expect, it } from 'vitest'
import { hashIdentity, identityMatches, IdentityError, newSalt, normaliseIdentity } from './hash.js'

// Vectors from CONFORMANCE A5 item 26 and B2 item 60 (spec / inspector samples) and RFC 1321 (MD5 test suite).
const NOBODY_HASH = 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942'
const OB3_SPEC_HASH = 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'
const MD5_ABC = 'md5$900150983cd24fb0d6963f7d28e17f72'

describe('hashIdentity', () => {
  it('appends the salt with no separator (OB 2.0 vector: nobody@example.org + deadsea)', () => {
    expect(hashIdentity('nobody@example.org', 'deadsea')).toBe(NOBODY_HASH)
  })

  it('matches the OB 3.0 spec vector (a@example.com + Kosher)', () => {
    expect(hashIdentity('a@example.com', 'Kosher')).toBe(OB3_SPEC_HASH)
  })

  it('hashes the identity alone when the salt is empty (vector: mayze)', () => {
    const hash = hashIdentity('mayze', '')
    expect(hash).toMatch(/^sha256\$7a1a1b3f[0-9a-f]{51}c60c6$/)
  })

  it('hashes UTF-8 bytes, so composed and decomposed accents differ', () => {
    expect(hashIdentity('caf\u00e9@example.org', '')).not.toBe(hashIdentity('cafe\u0301@example.org', ''))
  })
})

describe('identityMatches', () => {
  it('accepts the sha256 vectors in lower and upper case hex', () => {
    expect(identityMatches(NOBODY_HASH, 'nobody@example.org', 'deadsea')).toBe(true)
    expect(identityMatches(`sha256$${NOBODY_HASH.slice(7).toUpperCase()}`, 'nobody@example.org', 'deadsea')).toBe(true)
    expect(identityMatches(OB3_SPEC_HASH, 'a@example.com', 'Kosher')).toBe(true)
  })

  it('accepts md5 hashes (RFC 1321 "abc")', () => {
    expect(identityMatches(MD5_ABC, 'abc')).toBe(true)
    expect(identityMatches(MD5_ABC.toUpperCase().replace('MD5', 'md5'), 'a', 'bc')).toBe(true)
  })

  it('rejects a wrong identity, a wrong or missing salt', () => {
    expect(identityMatches(NOBODY_HASH, 'somebody@example.org', 'deadsea')).toBe(false)
    expect(identityMatches(NOBODY_HASH, 'nobody@example.org', 'deadsee')).toBe(false)
    expect(identityMatches(NOBODY_HASH, 'nobody@example.org')).toBe(false)
  })

  it.each([
    ['no prefix', NOBODY_HASH.slice(7)],
    ['unknown algorithm', `sha1$${NOBODY_HASH.slice(7)}`],
    ['truncated hex', NOBODY_HASH.slice(0, -1)],
    ['md5 prefix with sha256 length', `md5$${NOBODY_HASH.slice(7)}`],
    ['non-hex', `sha256$${'z'.repeat(64)}`],
    ['empty', ''],
  ])('never matches a malformed hash (%s)', (_label, hash) => {
    expect(identityMatches(hash, 'nobody@example.org', 'deadsea')).toBe(false)
  })

  it('returns false instead of throwing on non-string input', () => {
    expect(identityMatches(42 as unknown as string, 'x')).toBe(false)
    expect(identityMatches(NOBODY_HASH, null as unknown as string)).toBe(false)
  })
})

describe('newSalt', () => {
  it('returns 16 random bytes as hex, different each time', () => {
    const a = newSalt()
    const b = newSalt()
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(a).not.toBe(b)
  })
})

describe('normaliseIdentity', () => {
  it('trims and lower-cases emails', () => {
    expect(normaliseIdentity('email', '  Conformance@IMSGlobal.org \n')).toBe('conformance@imsglobal.org')
  })

  it('keeps urls, telephones and ids byte for byte apart from trimming', () => {
    expect(normaliseIdentity('url', ' https://Example.org/Me ')).toBe('https://Example.org/Me')
    expect(normaliseIdentity('telephone', '+15551234567')).toBe('+15551234567')
    expect(normaliseIdentity('telephone', '447700900123')).toBe('447700900123')
    expect(normaliseIdentity('id', 'did:example:123')).toBe('did:example:123')
    expect(normaliseIdentity('id', 'urn:uuid:5b2c1f4e-8a7c-4f7d-9e3a-1b2c3d4e5f60')).toBe('urn:uuid:5b2c1f4e-8a7c-4f7d-9e3a-1b2c3d4e5f60')
  })

  it.each([
    ['email', 'no-at-sign', 'invalid_email'],
    ['email', 'two@@example.org', 'invalid_email'],
    ['email', 'sp ace@example.org', 'invalid_email'],
    ['email', '', 'invalid_email'],
    ['url', 'ftp://example.org/x', 'invalid_url'],
    ['url', '/relative/path', 'invalid_url'],
    ['url', 'https://', 'invalid_url'],
    ['url', 'https://exa mple.org', 'invalid_url'],
    ['telephone', '+0123456', 'invalid_telephone'],
    ['telephone', '+1 555 123', 'invalid_telephone'],
    ['telephone', '+1234567890123456', 'invalid_telephone'],
    ['id', 'no-scheme', 'invalid_id'],
    ['id', 'urn:has space', 'invalid_id'],
    ['id', '1abc:x', 'invalid_id'],
  ] as const)('rejects %s %j with %s', (type, identity, code) => {
    expect(() => normaliseIdentity(type, identity)).toThrow(IdentityError)
    try {
      normaliseIdentity(type, identity)
    } catch (err) {
      expect((err as IdentityError).code).toBe(code)
    }
  })

  it('rejects an unknown identity type', () => {
    expect(() => normaliseIdentity('sourcedId' as 'id', 'x:1')).toThrow(/identity type/)
  })
})
