import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { bakePng } from './png.js'
import { bakeSvg } from './svg.js'

// CONFORMANCE A9 / D: our OB 2.0 baked images must extract in the reference JS extractor,
// openbadges-bakery@1.0.5 (test-only, CommonJS, callbacks). Its type sniffer only answers for inputs of
// at least 256 bytes, and its PNG *baking* is broken on Node 20 (bitwriter), so only `extract` is used.
const bakery = createRequire(import.meta.url)('openbadges-bakery') as {
  extract(image: Buffer, callback: (err: Error | null, data?: string) => void): void
}
const extractWithBakery = (image: Buffer): Promise<string> =>
  new Promise((resolve, reject) => bakery.extract(image, (err, data) => (err ? reject(err) : resolve(data ?? ''))))

const VECTORS = new URL('../../../test/fixtures/vectors/ob20/baked/', import.meta.url)
const HEART = readFileSync(new URL('public_domain_heart.png', VECTORS))
const UNBAKED_SVG = readFileSync(new URL('unbaked_example.svg', VECTORS), 'utf8')
const ASSERTION = JSON.stringify({
  '@context': 'https://w3id.org/openbadges/v2',
  id: 'https://badges.example.org/ob/v2/assertions/7',
  type: 'Assertion',
  recipient: { type: 'email', hashed: false, identity: 'zoë@example.org' },
  badge: 'https://badges.example.org/ob/v2/badges/城市',
  verification: { type: 'hosted' },
  issuedOn: '2025-05-01T10:00:00Z',
})
const JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJpZCI6Imh0dHBzOi8vZXhhbXBsZS5vcmcvYS8xIn0.c2lnbmF0dXJl'

describe('openbadges-bakery extracts what we bake (OB 2.0)', () => {
  it('PNG with the assertion JSON (UTF-8)', async () => {
    expect(await extractWithBakery(Buffer.from(bakePng(HEART, 'openbadges', ASSERTION)))).toBe(ASSERTION)
  })

  it('PNG re-baked with a JWS: the reference extractor sees the new text', async () => {
    const twice = bakePng(bakePng(HEART, 'openbadges', ASSERTION), 'openbadges', JWS)
    expect(await extractWithBakery(Buffer.from(twice))).toBe(JWS)
  })

  it('hosted SVG: CDATA JSON (the bakery prefers the body over verify)', async () => {
    const svg = bakeSvg(UNBAKED_SVG, { version: 2, hosted: { url: 'https://badges.example.org/a/7', json: ASSERTION } })
    expect(await extractWithBakery(Buffer.from(svg))).toBe(ASSERTION)
  })

  it('signed SVG: JWS in verify', async () => {
    const svg = bakeSvg(UNBAKED_SVG, { version: 2, signed: { jws: JWS } })
    expect(await extractWithBakery(Buffer.from(svg))).toBe(JWS)
  })
})
