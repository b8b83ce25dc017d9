import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ImageError } from './errors.js'
import { parseDataUri, sniffImage } from './sniff.js'

const VECTORS = new URL('../../../test/fixtures/vectors/', import.meta.url)
const PNG = readFileSync(new URL('ob20/baked/public_domain_heart.png', VECTORS))
const SVG = readFileSync(new URL('ob20/baked/unbaked_example.svg', VECTORS))
const SVG_DOCTYPE = readFileSync(new URL('ob30/inspector/simple-json.svg', VECTORS))

function imageError(fn: () => unknown): ImageError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ImageError)
    return err as ImageError
  }
  throw new Error('expected an ImageError')
}

describe('sniffImage', () => {
  it.each([
    ['PNG vector', PNG, 'png'],
    ['SVG vector', SVG, 'svg'],
    ['SVG with XML declaration and DOCTYPE (1EdTech sample)', SVG_DOCTYPE, 'svg'],
    ['SVG with BOM, declaration, comments and a PI', Buffer.from('\ufeff<?xml version="1.0"?>\n<!-- a -> b --><?xml-stylesheet href="x"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    ['DOCTYPE with an internal subset containing >', Buffer.from('<!DOCTYPE svg [<!ENTITY a "x>y">]><svg/>'), 'svg'],
    ['self-closing svg', Buffer.from('<svg/>'), 'svg'],
    ['HTML embedding an svg', Buffer.from('<html><body><svg/></body></html>'), null],
    ['root named svgfoo', Buffer.from('<svgfoo/>'), null],
    ['svg after text', Buffer.from('hello <svg/>'), null],
    ['unterminated comment', Buffer.from('<!-- <svg/>'), null],
    ['UTF-16 SVG', Buffer.from('\ufeff<svg/>', 'utf16le'), null],
    ['invalid UTF-8', Buffer.concat([Buffer.from('<svg>'), Buffer.from([0xc3, 0x28]), Buffer.from('</svg>')]), null],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), null],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), null],
    ['JSON', Buffer.from('{"svg":true}'), null],
    ['empty', Buffer.alloc(0), null],
  ])('%s => %s', (_name, bytes, expected) => {
    expect(sniffImage(bytes)).toBe(expected)
  })
})

describe('parseDataUri', () => {
  it('decodes base64 PNG and SVG to the original bytes', () => {
    const png = parseDataUri(`data:image/png;base64,${PNG.toString('base64')}`)
    expect(png.type).toBe('png')
    expect(Buffer.from(png.bytes).equals(PNG)).toBe(true)
    const svg = parseDataUri(`DATA:Image/SVG+XML;BASE64,${SVG.toString('base64').replace(/(.{60})/g, '$1\n')}`)
    expect([svg.type, svg.mediaType]).toEqual(['svg', 'image/svg+xml'])
    expect(Buffer.from(svg.bytes).equals(SVG)).toBe(true)
  })

  it('decodes percent-encoded, charset and raw "utf8" SVG data', () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="100%"><text>Zoë 城市 #1</text></svg>'
    for (const uri of [
      `data:image/svg+xml,${encodeURIComponent(text)}`,
      `data:image/svg+xml;charset=UTF-8,${encodeURIComponent(text)}`,
      `data:image/svg+xml;utf8,${text}`,
    ]) {
      expect(Buffer.from(parseDataUri(uri).bytes).toString('utf8')).toBe(text)
    }
  })

  it('refuses a declared type that disagrees with the content', () => {
    expect(imageError(() => parseDataUri(`data:image/png;base64,${SVG.toString('base64')}`)).code).toBe('type_mismatch')
    expect(imageError(() => parseDataUri(`data:image/svg+xml;base64,${PNG.toString('base64')}`)).code).toBe('type_mismatch')
    expect(imageError(() => parseDataUri('data:image/svg+xml,<html/>')).code).toBe('type_mismatch')
  })

  it.each([
    ['https://example.org/a.png', 'bad_data_uri'],
    ['data:image/png;base64', 'bad_data_uri'],
    ['data:image/png;base64,@@@@', 'bad_data_uri'],
    ['data:image/png;base64,iVBORw0KGgoA=A', 'bad_data_uri'],
    ['data:image/svg+xml;charset=iso-8859-1,<svg/>', 'bad_data_uri'],
    ['data:image/jpeg;base64,/9j/4AAQ', 'unsupported_type'],
    ['data:text/html,<svg/>', 'unsupported_type'],
    ['data:,<svg/>', 'unsupported_type'],
  ])('%s => %s', (uri, code) => {
    expect(imageError(() => parseDataUri(uri)).code).toBe(code)
  })

  it('bounds the decoded size', () => {
    const uri = `data:image/png;base64,${PNG.toString('base64')}`
    expect(imageError(() => parseDataUri(uri, { maxBytes: PNG.length - 1 })).code).toBe('too_large')
    expect(parseDataUri(uri, { maxBytes: PNG.length }).bytes.length).toBe(PNG.length)
    expect(imageError(() => parseDataUri(`data:image/svg+xml,${'%20'.repeat(400)}<svg/>`, { maxBytes: 100 })).code).toBe('too_large')
  })
})
