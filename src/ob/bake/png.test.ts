import { readFileSync } from 'node:fs'
import { deflateSync, gzipSync } from 'node:zlib'
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose'
import type { JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { BakeError } from './errors.js'
import { bakePng, crc32, extractPng, MAX_BAKED_TEXT_BYTES } from './png.js'

const VECTORS = new URL('../../../test/fixtures/vectors/', import.meta.url)
const vector = (path: string): Buffer => readFileSync(new URL(path, VECTORS))
const HEART = vector('ob20/baked/public_domain_heart.png') // unbaked: IHDR bKGD pHYs IDAT IEND
const TEXT = '{"name":"Ηλιόσπορος — 城市徽章 — مدينة — 🏅"}'

// Independent of the code under test: CRC-32 from zlib's gzip trailer, chunks listed with Buffer reads.
const gzipCrc = (bytes: Uint8Array): number => gzipSync(bytes).readUInt32LE(gzipSync(bytes).length - 8)

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(gzipCrc(body), 8 + data.length)
  return out
}

function listChunks(png: Uint8Array): Array<{ type: string; data: Buffer; crc: number }> {
  const buf = Buffer.from(png)
  const out = []
  for (let pos = 8; pos < buf.length; ) {
    const length = buf.readUInt32BE(pos)
    out.push({
      type: buf.toString('latin1', pos + 4, pos + 8),
      data: buf.subarray(pos + 8, pos + 8 + length),
      crc: buf.readUInt32BE(pos + 8 + length),
    })
    pos += 12 + length
  }
  return out
}

/** The heart PNG with `extra` chunks inserted after IHDR (IHDR is the 25 bytes after the signature). */
const withChunks = (...extra: Buffer[]): Buffer => Buffer.concat([HEART.subarray(0, 33), ...extra, HEART.subarray(33)])

function bakeError(fn: () => unknown): BakeError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(BakeError)
    return err as BakeError
  }
  throw new Error('expected a BakeError')
}

describe('crc32', () => {
  it('matches the CRC-32 check value and zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    const random = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251))
    expect(crc32(random)).toBe(gzipCrc(random))
  })
})

describe('bakePng / extractPng', () => {
  it.each(['openbadges', 'openbadgecredential'] as const)('round-trips UTF-8 text with keyword %s', (keyword) => {
    const baked = bakePng(HEART, keyword, TEXT)
    expect(extractPng(baked)).toEqual({ keyword, text: TEXT })
  })

  it('writes one uncompressed iTXt chunk right after IHDR with keyword, five 0x00 bytes and UTF-8 text', () => {
    const chunks = listChunks(bakePng(HEART, 'openbadgecredential', TEXT))
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'bKGD', 'pHYs', 'IDAT', 'IEND'])
    const itxt = chunks[1]!
    expect(itxt.data).toEqual(Buffer.concat([Buffer.from('openbadgecredential'), Buffer.alloc(5), Buffer.from(TEXT, 'utf8')]))
    for (const c of chunks) expect(c.crc).toBe(gzipCrc(Buffer.concat([Buffer.from(c.type), c.data])))
    // Every original chunk is carried over byte for byte.
    expect(chunks.filter((c) => c.type !== 'iTXt')).toEqual(listChunks(HEART))
  })

  it('replaces on re-baking: exactly one chunk per keyword, the latest text wins', () => {
    let png: Uint8Array = HEART
    for (const text of ['first', 'second', TEXT]) png = bakePng(png, 'openbadges', text)
    png = bakePng(png, 'openbadgecredential', 'a.b.c')
    png = bakePng(png, 'openbadgecredential', 'd.e.f')
    const texts = listChunks(png).filter((c) => c.type === 'iTXt').map((c) => c.data.toString('utf8').split('\0')[0])
    expect(texts.sort()).toEqual(['openbadgecredential', 'openbadges'])
    expect(extractPng(png)).toEqual({ keyword: 'openbadgecredential', text: 'd.e.f' })
    expect(extractPng(bakePng(png, 'openbadges', TEXT))).toEqual({ keyword: 'openbadges', text: TEXT })
  })

  it('reads a legacy tEXt:openbadges URL and replaces it when baking', () => {
    const legacy = withChunks(chunk('tEXt', Buffer.from('openbadges\0https://example.org/assertion/1', 'latin1')))
    expect(extractPng(legacy)).toEqual({ keyword: 'openbadges', text: 'https://example.org/assertion/1' })
    const baked = bakePng(legacy, 'openbadges', TEXT)
    expect(listChunks(baked).map((c) => c.type)).not.toContain('tEXt')
    expect(extractPng(baked)?.text).toBe(TEXT)
  })

  it('ignores other text chunks and bytes after IEND; baking drops the trailing bytes', () => {
    const png = Buffer.concat([withChunks(chunk('tEXt', Buffer.from('Comment\0hello'))), Buffer.from('trailing junk')])
    expect(extractPng(png)).toBeNull()
    const baked = bakePng(png, 'openbadges', 'x')
    expect(listChunks(baked).at(-1)?.type).toBe('IEND')
    expect(listChunks(baked).map((c) => c.type)).toContain('tEXt')
  })

  it('reads compressed iTXt text, and refuses a decompression bomb', () => {
    const itxt = (flag: number, body: Buffer) =>
      chunk('iTXt', Buffer.concat([Buffer.from('openbadges\0'), Buffer.from([flag, 0]), Buffer.from('en\0\0'), body]))
    expect(extractPng(withChunks(itxt(1, deflateSync(Buffer.from(TEXT)))))?.text).toBe(TEXT)
    const bomb = deflateSync(Buffer.alloc(MAX_BAKED_TEXT_BYTES + 1, 0x20))
    expect(bakeError(() => extractPng(withChunks(itxt(1, bomb)))).code).toBe('too_large')
    expect(bakeError(() => extractPng(withChunks(itxt(2, Buffer.from('x'))))).code).toBe('bad_text')
    expect(bakeError(() => extractPng(withChunks(itxt(0, Buffer.from([0xc3, 0x28]))))).code).toBe('bad_text')
  })

  it('refuses text that is not well-formed UTF-16 and keywords outside the two badge keywords', () => {
    expect(bakeError(() => bakePng(HEART, 'openbadges', 'bad \ud800 surrogate')).code).toBe('bad_text')
    expect(bakeError(() => bakePng(HEART, 'Comment' as 'openbadges', 'x')).code).toBe('bad_argument')
  })
})

describe('spec vectors', () => {
  it('extracts the OB 2.0 baked heart (openbadges-bakery test image)', () => {
    const found = extractPng(vector('ob20/baked/baked_heart.png'))
    expect(found?.keyword).toBe('openbadges')
    expect(JSON.parse(found!.text)).toMatchObject({ uid: '123', issuedOn: '2015-04-01' })
    expect(extractPng(HEART)).toBeNull()
  })

  it.each(['simple-jwt.png', 'simple-jwt_v1.png'])('extracts a VC-JWT whose signature verifies from %s', async (file) => {
    const found = extractPng(vector(`ob30/inspector/${file}`))
    expect(found?.keyword).toBe('openbadgecredential')
    // The 1EdTech sample carries its public key in the header; enough to prove the bytes are exact.
    const header = decodeProtectedHeader(found!.text) as { alg: string; jwk: JWK }
    const { payload } = await compactVerify(found!.text, await importJWK(header.jwk, header.alg))
    const vc = JSON.parse(new TextDecoder().decode(payload)) as { type: string[]; vc?: { type: string[] } }
    expect(vc.type ?? vc.vc?.type).toContain('OpenBadgeCredential')
  })

  it('extracts the Data Integrity credential JSON from simple-json.png', () => {
    const found = extractPng(vector('ob30/inspector/simple-json.png'))
    const credential = JSON.parse(found!.text) as { id: string; proof: Array<{ cryptosuite: string }> }
    expect(found?.keyword).toBe('openbadgecredential')
    expect(credential.id).toBe('http://example.com/credentials/3527')
    expect(credential.proof[0]?.cryptosuite).toBe('eddsa-rdfc-2022')
  })
})

describe('malformed PNGs raise BakeError', () => {
  const baked = Buffer.from(bakePng(HEART, 'openbadges', TEXT))

  it('not a PNG', () => {
    for (const input of [Buffer.alloc(0), Buffer.from('<svg/>'), Buffer.from('\x89PNG\r\n\x1a'), HEART.subarray(1)]) {
      expect(bakeError(() => extractPng(input)).code).toBe('not_png')
    }
  })

  it('every truncation of a baked PNG is refused as truncated', () => {
    for (let cut = 8; cut < baked.length; cut++) {
      expect(bakeError(() => extractPng(baked.subarray(0, cut))).code).toBe('truncated')
    }
  })

  it('a flipped bit anywhere in a chunk is caught', () => {
    for (let at = 8; at < baked.length; at += 7) {
      const bad = Buffer.from(baked)
      bad[at] = bad[at]! ^ 0x10
      const code = bakeError(() => extractPng(bad)).code
      expect(['bad_crc', 'bad_chunk', 'truncated', 'bad_structure']).toContain(code)
    }
    const idat = Buffer.from(HEART)
    const at = idat.indexOf('IDAT') + 100
    idat[at] = idat[at]! ^ 0xff
    expect(bakeError(() => bakePng(idat, 'openbadges', 'x')).code).toBe('bad_crc')
  })

  it('lengths larger than the file or than 2^31-1 never allocate', () => {
    const huge = Buffer.from(HEART)
    huge.writeUInt32BE(0xfffffff0, 33) // bKGD length
    expect(bakeError(() => extractPng(huge)).code).toBe('bad_chunk')
    huge.writeUInt32BE(0x7ffffff0, 33)
    expect(bakeError(() => extractPng(huge)).code).toBe('truncated')
  })

  it('IHDR must come first and IEND must be present', () => {
    const noIhdr = Buffer.concat([HEART.subarray(0, 8), HEART.subarray(33)])
    expect(bakeError(() => extractPng(noIhdr)).code).toBe('bad_structure')
    const noIend = HEART.subarray(0, HEART.length - 12)
    expect(bakeError(() => bakePng(noIend, 'openbadges', 'x')).code).toBe('truncated')
  })
})
