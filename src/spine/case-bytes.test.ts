import { describe, expect, it } from 'vitest'
import { SpineInputError, assertMaxBytes, decodeUtf8Strict, exportCase, parseCaseBytes } from './case.js'
import { defaultElements } from './defaults.js'

const enc = (s: string) => new TextEncoder().encode(s)
const pkgBytes = () => enc(JSON.stringify(exportCase({
  elements: defaultElements(), baseUrl: 'https://b.example', citySlug: 'c', frameworkTitle: 'F', now: new Date(0),
})))

describe('decodeUtf8Strict', () => {
  it.each([
    ['a lone continuation byte', [0x61, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9]],
  ])('rejects %s with a typed error', (_name, bytes) => {
    expect(() => decodeUtf8Strict(Uint8Array.from(bytes))).toThrow(SpineInputError)
    try {
      decodeUtf8Strict(Uint8Array.from(bytes))
    } catch (err) {
      expect((err as SpineInputError).code).toBe('invalid_utf8')
    }
  })

  it('decodes valid multi-byte text and drops a byte-order mark', () => {
    expect(decodeUtf8Strict(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('café 協力 💡')]))).toBe('café 協力 💡')
  })
})

describe('assertMaxBytes', () => {
  it('allows exactly the limit and refuses one byte more', () => {
    expect(() => assertMaxBytes(new Uint8Array(10), 10)).not.toThrow()
    expect(() => assertMaxBytes(new Uint8Array(11), 10)).toThrow(expect.objectContaining({ code: 'too_large' }))
  })
})

describe('parseCaseBytes', () => {
  it('parses a valid upload', () => {
    const r = parseCaseBytes(pkgBytes(), { layer: 'preserve' })
    expect(r.ok && r.elements).toHaveLength(15)
  })

  it('turns byte-level failures into one problem each, without throwing', () => {
    const bytes = pkgBytes()
    expect(parseCaseBytes(bytes, { layer: 'preserve', maxBytes: bytes.length - 1 })).toMatchObject({ ok: false, problems: [{ code: 'too_large' }] })
    const broken = Uint8Array.from([...bytes.subarray(0, 50), 0xff, ...bytes.subarray(50)])
    expect(parseCaseBytes(broken, { layer: 'preserve' })).toMatchObject({ ok: false, problems: [{ code: 'invalid_utf8' }] })
    expect(parseCaseBytes(bytes.subarray(0, 100), { layer: 'preserve' })).toMatchObject({ ok: false, problems: [{ code: 'invalid_json' }] })
  })
})
