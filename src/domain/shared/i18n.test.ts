import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyTexts, checkTag, defaultLanguage, InvalidLanguageTag, mapsOf, negotiateLanguage, parseAcceptLanguage, textIn } from './i18n.js'
import { InvalidInput } from './errors.js'

describe('language tags', () => {
  it('canonicalises well-formed tags of known languages', () => {
    expect(checkTag('cy')).toEqual({ ok: true, tag: 'cy' })
    expect(checkTag('EN-gb')).toEqual({ ok: true, tag: 'en-GB' })
    expect(checkTag('zh-Hant-TW')).toEqual({ ok: true, tag: 'zh-Hant-TW' })
  })
  it('refuses malformed and unknown tags', () => {
    for (const t of ['', 'e', 'en_GB', 'en--GB', 'x-foo', 'english-language-tag-is-too-long-for-us', 'en GB', '<b>']) expect(checkTag(t)).toEqual({ ok: false, reason: 'malformed' })
    for (const t of ['xx', 'zz', 'qaa']) expect(checkTag(t)).toEqual({ ok: false, reason: 'unknown' })
  })
  it('the default language is the first locale', () => {
    expect(defaultLanguage({ locales: ['cy', 'en'] })).toBe('cy')
    expect(defaultLanguage({ locales: [] })).toBe('en')
    expect(defaultLanguage({ locales: ['en-gb'] })).toBe('en-GB')
  })
})

describe('Accept-Language', () => {
  it('orders ranges by q, keeping header order for ties, dropping q=0 and junk', () => {
    expect(parseAcceptLanguage('en;q=0.5, cy, fr;q=0, de;q=0.5, ;;, *;q=0.1, x;q=2')).toEqual(['cy', 'en', 'de', '*'])
    expect(parseAcceptLanguage(undefined)).toEqual([])
  })
  it('negotiates with q-values, prefixes and the city default as fallback', () => {
    const available = ['en', 'cy']
    expect(negotiateLanguage({ header: 'cy', available, fallback: 'en' })).toBe('cy')
    expect(negotiateLanguage({ header: 'fr, cy;q=0.8, en;q=0.9', available, fallback: 'en' })).toBe('en')
    expect(negotiateLanguage({ header: 'cy-GB;q=0.9, fr', available, fallback: 'en' })).toBe('cy')
    expect(negotiateLanguage({ header: 'fr, de', available, fallback: 'cy' })).toBe('cy')
    expect(negotiateLanguage({ header: '*', available, fallback: 'cy' })).toBe('cy')
    expect(negotiateLanguage({ header: 'en', available: ['en-GB', 'cy'], fallback: 'cy' })).toBe('en-GB')
    expect(negotiateLanguage({ header: 'en', explicit: 'cy', available, fallback: 'en' })).toBe('cy')
    expect(negotiateLanguage({ header: undefined, available: ['cy'], fallback: 'en' })).toBe('cy')
  })
  it('always answers one of the available languages, whatever the header', () => {
    fc.assert(fc.property(fc.string(), fc.uniqueArray(fc.constantFrom('en', 'cy', 'fr', 'en-GB', 'de'), { minLength: 1 }), (header, available) => {
      expect(available).toContain(negotiateLanguage({ header, available, fallback: 'en' }))
    }))
  })
})

describe('texts by language', () => {
  it('a string is the default language; a map replaces the field; null clears it', () => {
    const stored = { name: { en: 'Old', cy: 'Hen' } }
    expect(applyTexts({ name: ' New ' }, stored, 'en', { trim: ['name'] })).toEqual({ columns: { name: 'New' }, translations: { name: { en: 'New', cy: 'Hen' } } })
    expect(applyTexts({ name: { EN: 'A', cy: 'B' } }, stored, 'en')).toEqual({ columns: { name: 'A' }, translations: { name: { en: 'A', cy: 'B' } } })
    expect(applyTexts({ name: null, description: undefined }, stored, 'en')).toEqual({ columns: { name: null }, translations: {} })
  })
  it('refuses bad tags, repeated languages and maps without the default language', () => {
    expect(() => applyTexts({ name: { en: 'A', xx: 'B' } }, {}, 'en')).toThrow(InvalidLanguageTag)
    expect(() => applyTexts({ name: { en: 'A', 'e!': 'B' } }, {}, 'en')).toThrow(InvalidLanguageTag)
    expect(() => applyTexts({ name: { en: 'A', EN: 'B' } }, {}, 'en')).toThrow(InvalidLanguageTag)
    expect(() => applyTexts({ name: { cy: 'B' } }, {}, 'en')).toThrow(InvalidInput)
  })
  it('rows written before languages existed read as the default language', () => {
    expect(mapsOf({ name: 'Old', description: null }, {}, 'en')).toEqual({ name: { en: 'Old' } })
    expect(mapsOf({ name: 'Old' }, { name: { en: 'Old', cy: 'Hen' } }, 'en')).toEqual({ name: { en: 'Old', cy: 'Hen' } })
    expect(textIn({ en: 'Old', cy: 'Hen' }, 'fr', 'cy')).toBe('Hen')
    expect(textIn({ en: 'Old' }, 'cy')).toBe('Old')
  })
})
