import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { DOMParser } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'
import { ImageError } from './errors.js'
import { checkImage, sanitiseSvg } from './sanitise-svg.js'

const VECTORS = new URL('../../../test/fixtures/vectors/', import.meta.url)
const PNG = readFileSync(new URL('ob20/baked/public_domain_heart.png', VECTORS))
const UNBAKED = readFileSync(new URL('ob20/baked/unbaked_example.svg', VECTORS), 'utf8')
const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
const svg = (body: string, attrs = ''): string => `<svg ${NS} width="100" height="100"${attrs}>${body}</svg>`
const RASTER = `data:image/png;base64,${PNG.toString('base64')}`

function parse(text: string): Element {
  return new DOMParser({ onError: (level, msg) => { throw new Error(`${level}: ${msg}`) } })
    .parseFromString(text, 'text/xml').documentElement!
}
const names = (root: Element): string[] => Array.from(root.getElementsByTagName('*')).map((e) => e.localName ?? '')

function imageError(fn: () => unknown): ImageError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ImageError)
    return err as ImageError
  }
  throw new Error('expected an ImageError')
}

/** Sanitises, checks the result parses as an SVG document and is a fixed point. */
function clean(text: string): string {
  const out = sanitiseSvg(text)
  const root = parse(out)
  expect([root.localName, root.namespaceURI]).toEqual(['svg', 'http://www.w3.org/2000/svg'])
  expect(sanitiseSvg(out)).toBe(out)
  return out
}

describe('sanitiseSvg keeps a normal badge', () => {
  it('keeps shapes, text, gradients, local references and embedded rasters', () => {
    const out = clean(svg(`
      <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient>
      <symbol id="star" viewBox="0 0 10 10"><path d="M5 0L6 4L10 5L6 6L5 10L4 6L0 5L4 4Z"/></symbol>
      <filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>
      <style>.t{font-family:sans-serif;fill:url(#g)}</style>
      <rect width="100" height="100" fill="url(#g)" filter="url(#f)"/><use xlink:href="#star" x="10"/><use href="#star"/>
      <text class="t" x="50" y="50" text-anchor="middle">Zoë &amp; 城市 <tspan font-weight="bold">2025</tspan></text>
      <image width="10" height="10" href="${RASTER}"/>`, ' viewBox="0 0 100 100" xml:space="preserve"'))
    const root = parse(out)
    expect(names(root)).toEqual(['defs', 'linearGradient', 'stop', 'stop', 'symbol', 'path', 'filter', 'feGaussianBlur', 'style', 'rect', 'use', 'use', 'text', 'tspan', 'image'])
    expect(root.getElementsByTagName('rect')[0]?.getAttribute('fill')).toBe('url(#g)')
    expect(root.getElementsByTagName('use')[0]?.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBe('#star')
    expect(root.getElementsByTagName('use')[1]?.getAttribute('href')).toBe('#star')
    expect(root.getElementsByTagName('image')[0]?.getAttribute('href')).toBe(RASTER)
    expect(root.getElementsByTagName('text')[0]?.textContent).toBe('Zoë & 城市 2025')
    expect(root.getElementsByTagName('style')[0]?.textContent).toBe('.t{font-family:sans-serif;fill:url(#g)}')
    expect(root.getAttribute('viewBox')).toBe('0 0 100 100')
  })

  it('keeps the OB 2.0 sample image intact and adds the namespace to an unqualified root', () => {
    const root = parse(clean(UNBAKED))
    expect(names(root)).toEqual(['rect', 'circle', 'text'])
    expect(root.getElementsByTagName('circle')[0]?.getAttribute('fill')).toBe('green')
    expect(parse(clean('<svg width="10"><rect width="5" height="5"/></svg>')).namespaceURI).toBe('http://www.w3.org/2000/svg')
  })
})

describe('sanitiseSvg neutralises active content', () => {
  it.each([
    ['script element', svg('<script>alert(1)</script><script xlink:href="https://evil.example/x.js"/><rect/>')],
    ['onload on the root', svg('<rect/>', ' onload="alert(1)"')],
    ['event attributes', svg('<rect onclick="alert(1)" onmouseover="alert(1)" ONLOAD="alert(1)"/>')],
    ['external use', svg('<use xlink:href="https://evil.example/x.svg#a"/><use href="//evil.example/x.svg#a"/>')],
    ['xlink:href to http on gradients, patterns, feImage', svg('<linearGradient xlink:href="http://evil.example/g.svg#g"/><pattern href="http://evil.example/p"/><filter><feImage xlink:href="http://evil.example/i.png"/></filter>')],
    ['external and svg-in-data images', svg('<image href="https://evil.example/x.png"/><image xlink:href="data:image/svg+xml;base64,PHN2Zy8+"/><image href="file:///etc/passwd"/>')],
    ['javascript: links', svg('<a xlink:href="javascript:alert(1)"><text>click</text></a><use href=" javascript:alert(1)"/><a href="JaVaScRiPt:alert(1)"><rect/></a>')],
    ['foreignObject', svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject><rect/>')],
    ['animation rewriting href', svg('<a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="xlink:href" values="javascript:alert(1)"/><text>x</text></a>')],
    ['style url(), @import and javascript:', svg('<style>@import url(https://evil.example/x.css);.a{fill:url(https://evil.example/p.svg#p)}.b{background:url(javascript:alert(1))}</style><rect style="fill:url(\'http://evil.example/x\')" fill="url(http://evil.example/y#a)"/>')],
    ['css escapes in style', svg('<rect style="background:u\\72l(http://evil.example/x)"/>')],
    ['foreign namespaces and metadata', svg('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script><rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click" data-x="1"/>')],
    ['processing instructions and comments', `<?xml-stylesheet href="https://evil.example/x.css"?>${svg('<!-- https://evil.example --><?php echo 1 ?><rect/>')}`],
  ])('%s', (_name, input) => {
    const out = clean(input)
    expect(out).not.toMatch(/script|javascript|evil\.example|onload|onclick|onmouseover|foreignObject|@import|<set|<animate|metadata|passwd|svg\+xml|\\|<!--|<\?/i)
    for (const el of Array.from(parse(out).getElementsByTagName('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name).not.toMatch(/^on/i)
    }
  })

  it('unwraps links but keeps their drawing; keeps local css url()', () => {
    const root = parse(clean(svg('<a xlink:href="https://example.org"><text>hello</text></a><style>.a{fill:url(#g)}.b{fill:url(https://e.example/x)}</style>')))
    expect(names(root)).toEqual(['text', 'style'])
    expect(root.getElementsByTagName('text')[0]?.textContent).toBe('hello')
    expect(root.getElementsByTagName('style')[0]?.textContent).toBe('.a{fill:url(#g)}.b{fill:none}')
  })
})

describe('sanitiseSvg refuses', () => {
  it.each([
    ['billion laughs', `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${svg('<text>&b;</text>')}`, 'doctype'],
    ['external entity (XXE)', `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`, 'doctype'],
    ['external DTD', `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg('')}`, 'doctype'],
    ['undefined entity', svg('<text>&nbsp;</text>'), 'invalid_xml'],
    ['malformed XML', '<svg><rect></svg>', 'invalid_xml'],
    ['unquoted attribute', '<svg width=10/>', 'invalid_xml'],
    ['not XML', 'GIF89a', 'invalid_xml'],
    ['HTML root', '<html><svg/></html>', 'not_svg'],
    ['svg root in another namespace', '<svg xmlns="http://www.w3.org/1999/xhtml"/>', 'not_svg'],
    ['huge width', svg('', ' width="100000"').replace('width="100" ', ''), 'dimension_too_large'],
    ['huge height in inches', '<svg xmlns="http://www.w3.org/2000/svg" height="50in"/>', 'dimension_too_large'],
    ['huge viewBox', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 10"/>', 'dimension_too_large'],
    ['huge nested svg', svg('<svg width="9000" height="10"/>'), 'dimension_too_large'],
    ['infinite width', '<svg xmlns="http://www.w3.org/2000/svg" width="1e400"/>', 'bad_dimension'],
    ['negative width', '<svg xmlns="http://www.w3.org/2000/svg" width="-5"/>', 'bad_dimension'],
    ['nonsense height', '<svg xmlns="http://www.w3.org/2000/svg" height="tall"/>', 'bad_dimension'],
    ['short viewBox', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10"/>', 'bad_dimension'],
    ['negative viewBox', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 -10 10"/>', 'bad_dimension'],
    ['absurd viewBox origin', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="1e300 0 10 10"/>', 'bad_dimension'],
    ['deep nesting', svg(`${'<g>'.repeat(200)}${'</g>'.repeat(200)}`), 'too_complex'],
    ['use cycle', svg('<g id="a"><use href="#a"/></g>'), 'too_complex'],
  ])('%s => %s', (_name, input, code) => {
    const err = imageError(() => sanitiseSvg(input))
    expect(err.code).toBe(code)
    expect(err.message.length).toBeGreaterThan(10)
  })

  it('a <use> bomb (10 levels of 10 references)', () => {
    let defs = '<path id="l0" d="M0 0h1"/>'
    for (let i = 1; i <= 9; i++) defs += `<g id="l${i}">${`<use xlink:href="#l${i - 1}"/>`.repeat(10)}</g>`
    expect(imageError(() => sanitiseSvg(svg(`<defs>${defs}</defs><use xlink:href="#l9"/>`))).code).toBe('too_complex')
  })

  it('honours maxBytes and maxDimension', () => {
    expect(imageError(() => sanitiseSvg(UNBAKED, { maxBytes: 100 })).code).toBe('too_large')
    expect(imageError(() => sanitiseSvg(UNBAKED, { maxDimension: 250 })).code).toBe('dimension_too_large')
    expect(sanitiseSvg(UNBAKED, { maxDimension: 300 })).toContain('width="300"')
    expect(sanitiseSvg('<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="auto"/>')).toContain('width="100%"')
  })
})

describe('checkImage', () => {
  const crc = (b: Buffer): number => gzipSync(b).readUInt32LE(gzipSync(b).length - 8)

  it('accepts a valid PNG unchanged and a sanitised SVG', () => {
    expect(checkImage(PNG)).toEqual({ type: 'png', bytes: PNG })
    const out = checkImage(Buffer.from(svg('<script>alert(1)</script><rect width="1" height="1"/>')))
    expect(out.type).toBe('svg')
    expect(Buffer.from(out.bytes).toString('utf8')).toBe(sanitiseSvg(svg('<rect width="1" height="1"/>')))
  })

  it('refuses oversized, corrupt, unknown and gigantic images', () => {
    expect(imageError(() => checkImage(PNG, { maxBytes: 500 })).code).toBe('too_large')
    expect(imageError(() => checkImage(Buffer.from(UNBAKED), { maxBytes: 200 })).code).toBe('too_large')
    const corrupt = Buffer.from(PNG)
    corrupt[60] = corrupt[60]! ^ 1
    expect(imageError(() => checkImage(corrupt)).code).toBe('bad_png')
    expect(imageError(() => checkImage(PNG.subarray(0, PNG.length - 12))).code).toBe('bad_png') // no IEND
    expect(imageError(() => checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).code).toBe('unsupported_type')
    // A 100000 x 1 PNG header (decompression-bomb shaped), with a correct CRC.
    const huge = Buffer.from(PNG)
    huge.writeUInt32BE(100_000, 16)
    huge.writeUInt32BE(crc(huge.subarray(12, 29)), 29)
    expect(imageError(() => checkImage(huge)).code).toBe('dimension_too_large')
  })
})
