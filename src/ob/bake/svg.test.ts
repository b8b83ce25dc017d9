import { readFileSync } from 'node:fs'
import { DOMParser } from '@xmldom/xmldom'
import type { Element } from '@xmldom/xmldom'
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose'
import type { JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { BakeError } from './errors.js'
import { bakeSvg, extractSvg } from './svg.js'
import type { SvgBakeOptions } from './svg.js'

const VECTORS = new URL('../../../test/fixtures/vectors/', import.meta.url)
const vector = (path: string): string => readFileSync(new URL(path, VECTORS), 'utf8')
const UNBAKED = vector('ob20/baked/unbaked_example.svg')
const JSON_TEXT = '{"name":"Ηλιόσπορος 城市徽章 مدينة 🏅","narrative":"a ]]> b ]]]]> c"}'
const URL_TEXT = 'https://badges.example.org/a/7?x=1&y="2"<3>'
const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6InVybjp1dWlkOjEifQ.c2ln'

function root(svg: string): Element {
  return new DOMParser().parseFromString(svg, 'text/xml').documentElement!
}

function bakeError(fn: () => unknown): BakeError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(BakeError)
    return err as BakeError
  }
  throw new Error('expected a BakeError')
}

const cases: Array<[string, SvgBakeOptions, { version: 2 | 3; verify?: string; body?: string }, string, string]> = [
  ['2.0 hosted', { version: 2, hosted: { url: URL_TEXT, json: JSON_TEXT } }, { version: 2, verify: URL_TEXT, body: JSON_TEXT }, 'http://openbadges.org', 'assertion'],
  ['2.0 signed', { version: 2, signed: { jws: JWS } }, { version: 2, verify: JWS }, 'http://openbadges.org', 'assertion'],
  ['3.0 Data Integrity', { version: 3, json: JSON_TEXT }, { version: 3, body: JSON_TEXT }, 'https://purl.imsglobal.org/ob/v3p0', 'credential'],
  ['3.0 VC-JWT', { version: 3, jws: JWS }, { version: 3, verify: JWS }, 'https://purl.imsglobal.org/ob/v3p0', 'credential'],
]

describe('bakeSvg / extractSvg', () => {
  it.each(cases)('%s: round-trips and writes the element as first child of <svg>', (_name, opts, expected, ns, localName) => {
    const baked = bakeSvg(UNBAKED, opts)
    expect(extractSvg(baked)).toEqual(expected)
    const svg = root(baked)
    expect(svg.getAttribute('xmlns:openbadges')).toBe(ns)
    const first = svg.firstChild as Element
    expect([first.namespaceURI, first.localName, first.prefix]).toEqual([ns, localName, 'openbadges'])
    expect(first.getAttribute('verify') ?? undefined).toBe(expected.verify)
    expect(first.hasAttribute('verify')).toBe(expected.verify !== undefined)
    expect(first.textContent || undefined).toBe(expected.body)
    expect(svg.getElementsByTagNameNS(ns, localName).length).toBe(1)
  })

  it('re-baking replaces: exactly one baked element, of the last version', () => {
    let svg = UNBAKED
    for (const [, opts] of [...cases, ...cases]) svg = bakeSvg(svg, opts)
    const r = root(svg)
    expect(r.getElementsByTagNameNS('http://openbadges.org', 'assertion').length).toBe(0)
    expect(r.getElementsByTagNameNS('https://purl.imsglobal.org/ob/v3p0', 'credential').length).toBe(1)
    expect(svg.match(/<openbadges:/g)?.length).toBe(1)
    expect(svg.match(/xmlns:openbadges=/g)?.length).toBe(1)
  })

  it('keeps the drawing and puts <svg and the SVG namespace in the first 256 bytes', () => {
    const prelude = `<?xml version="1.0"?>\n<!-- ${'long comment '.repeat(40)} -->\n`
    const long = UNBAKED.replace('<svg version="1.1"', `${prelude}<svg data-x="${'y'.repeat(300)}" version="1.1"`)
    const baked = bakeSvg(long, { version: 3, jws: JWS })
    expect(baked.startsWith('<svg ')).toBe(true)
    expect(baked.slice(0, 256)).toContain('http://www.w3.org/2000/svg')
    const r = root(baked)
    expect(['rect', 'circle', 'text'].map((n) => r.getElementsByTagName(n).length)).toEqual([1, 1, 1])
    expect(r.getElementsByTagName('text')[0]?.textContent).toBe('SVG')
  })

  it('re-bakes the 1EdTech 3.0 sample (DOCTYPE prelude) into a 2.0 image', () => {
    const baked = bakeSvg(vector('ob30/inspector/simple-json.svg'), { version: 2, signed: { jws: JWS } })
    expect(baked.indexOf('<svg')).toBe(0)
    expect(extractSvg(baked)).toEqual({ version: 2, verify: JWS })
  })

  it('refuses input that is not an SVG document and text XML cannot carry', () => {
    expect(bakeError(() => bakeSvg('not xml', { version: 3, jws: JWS })).code).toBe('not_svg')
    expect(bakeError(() => bakeSvg('<html xmlns="http://www.w3.org/2000/svg"/>', { version: 3, jws: JWS })).code).toBe('not_svg')
    expect(bakeError(() => bakeSvg('<svg/>', { version: 3, jws: JWS })).code).toBe('not_svg') // no SVG namespace
    expect(bakeError(() => bakeSvg(UNBAKED, { version: 3, jws: '' })).code).toBe('bad_argument')
    expect(bakeError(() => bakeSvg(UNBAKED, { version: 3, json: 'a\u0001b' })).code).toBe('bad_text')
    expect(bakeError(() => bakeSvg(UNBAKED, { version: 4 } as unknown as SvgBakeOptions)).code).toBe('bad_argument')
  })
})

describe('extractSvg on spec vectors and hostile input', () => {
  it('reads the OB 2.0 baked example (verify URL + CDATA JSON)', () => {
    const found = extractSvg(vector('ob20/baked/baked_example.svg'))
    expect(found?.version).toBe(2)
    expect(found?.verify).toBe('https://example.org/assertion.json')
    expect(JSON.parse(found!.body!)).toMatchObject({ uid: 'abcdef12345', badge: 'https://example.org/badge.json' })
    expect(extractSvg(UNBAKED)).toBeNull()
  })

  it.each(['simple-jwt.svg', 'simple-jwt_v1.svg'])('reads a VC-JWT whose signature verifies from %s', async (file) => {
    const found = extractSvg(vector(`ob30/inspector/${file}`))
    expect(found?.version).toBe(3)
    expect(found?.body).toBeUndefined()
    const header = decodeProtectedHeader(found!.verify!) as { alg: string; jwk: JWK }
    const { payload } = await compactVerify(found!.verify!, await importJWK(header.jwk, header.alg))
    expect(new TextDecoder().decode(payload)).toContain('OpenBadgeCredential')
  })

  it('reads the Data Integrity credential from simple-json.svg', () => {
    const found = extractSvg(vector('ob30/inspector/simple-json.svg'))
    expect(found?.verify).toBeUndefined()
    const credential = JSON.parse(found!.body!) as { id: string; proof: Array<{ type: string }> }
    expect(credential.id).toBe('http://example.com/credentials/3527')
    expect(credential.proof[0]?.type).toBe('DataIntegrityProof')
  })

  it('never expands entities (billion laughs) and refuses them as not well-formed', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
      <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
      <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
      <openbadges:assertion verify="x">&d;</openbadges:assertion></svg>`
    expect(bakeError(() => extractSvg(lol)).code).toBe('not_svg')
  })

  it('only matches the element in the right namespace', () => {
    const wrongNs = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://example.org/ns"><openbadges:assertion verify="x"/></svg>'
    expect(extractSvg(wrongNs)).toBeNull()
    const unbound = '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:assertion verify="x"/></svg>'
    expect(bakeError(() => extractSvg(unbound)).code).toBe('not_svg')
  })
})
