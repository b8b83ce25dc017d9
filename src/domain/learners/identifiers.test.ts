import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keyedHash, maskIdentifier, normaliseIdentifier } from './identifiers.js'

const secret = Buffer.alloc(32, 7)

describe('learner identifiers', () => {
  it('masks an email to its first letter and domain', () => {
    expect(maskIdentifier('email', 'jo.bloggs@example.org')).toBe('j********@example.org')
    expect(maskIdentifier('email', 'j@example.org')).toBe('j***@example.org')
  })

  it('never shows more than a hint of the value (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{6,30}$/), fc.stringMatching(/^[a-z]{3,12}\.org$/), (local, domain) => {
      const email = `${local}@${domain}`
      const masked = maskIdentifier('email', email)
      expect(masked).not.toContain(local.slice(1))
      expect(masked.endsWith(`@${domain}`)).toBe(true)
    }))
    fc.assert(fc.property(fc.stringMatching(/^\+44[0-9]{10}$/), (tel) => {
      const masked = maskIdentifier('telephone', tel)
      expect(masked).not.toContain(tel.slice(3, -2))
    }))
  })

  it('hashes the normalised value, keyed by city secret and type', () => {
    const a = normaliseIdentifier('email', '  Jo@Example.org ')
    const b = normaliseIdentifier('email', 'jo@example.org')
    expect(a).toEqual(b)
    if (!('value' in a)) throw new Error('expected a value')
    expect(keyedHash(secret, 'email', a.value)).toBe(keyedHash(secret, 'email', 'jo@example.org'))
    expect(keyedHash(Buffer.alloc(32, 8), 'email', a.value)).not.toBe(keyedHash(secret, 'email', a.value))
    expect(keyedHash(secret, 'url', a.value)).not.toBe(keyedHash(secret, 'email', a.value))
  })

  it('refuses values that are not identifiers of their type', () => {
    expect(normaliseIdentifier('email', 'not-an-email')).toHaveProperty('error')
    expect(normaliseIdentifier('telephone', '0123 abc')).toHaveProperty('error')
    expect(normaliseIdentifier('url', 'ftp://x')).toHaveProperty('error')
    expect(normaliseIdentifier('did', 'did:web')).toHaveProperty('error')
    expect(normaliseIdentifier('did', 'did:web:example.org')).toEqual({ value: 'did:web:example.org' })
  })
})
