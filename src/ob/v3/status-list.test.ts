import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildOpenBadgeCredential } from './documents.js'
import { buildStatusListCredential, decodeBitstring, encodeBitstring, readBit, StatusListError } from './status-list.js'

// Test-only JS library without type declarations: imported by name so tsc does not resolve it.
const bsl: any = await import('@digitalbazaar/vc-bitstring-status-list' as string)
const { BitstringStatusList, checkStatus, decodeList } = bsl

const VECTORS = 'test/fixtures/vectors/ob30/inspector/bit-string-list'
const testlist = JSON.parse(readFileSync(`${VECTORS}/testlist`, 'utf8')) as { credentialSubject: { encodedList: string } }

describe('decodeBitstring against the 1EdTech inspector list', () => {
  it('reads bit 23 as the only set bit of the 131,072-entry sample list', () => {
    const bytes = decodeBitstring(testlist.credentialSubject.encodedList)
    expect(bytes.length).toBe(16_384)
    const set: number[] = []
    for (let i = 0; i < bytes.length * 8; i++) if (readBitFrom(bytes, i)) set.push(i)
    expect(set).toEqual([23])
    expect(readBit(testlist.credentialSubject.encodedList, 23)).toBe(true)
    expect(readBit(testlist.credentialSubject.encodedList, 22)).toBe(false)
    // Bit order: index 23 = byte 2, least significant bit (index 0 would be the MSB of byte 0).
    expect(bytes[2]).toBe(0x01)
  })
})

function readBitFrom(bytes: Uint8Array, i: number): boolean {
  return ((bytes[i >> 3] as number) >> (7 - (i % 8))) % 2 === 1
}

describe('encodeBitstring', () => {
  it('puts index 0 in the most significant bit of byte 0 and uses the u + base64url(gzip) form', () => {
    const encoded = encodeBitstring([0, 9], 16)
    expect(encoded.startsWith('u')).toBe(true)
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/)
    expect([...decodeBitstring(encoded)]).toEqual([0x80, 0x40])
  })

  it('agrees with @digitalbazaar/vc-bitstring-status-list in both directions', async () => {
    const indices = [0, 7, 8, 23, 4242, 131_071]
    const theirs = await decodeList({ encodedList: encodeBitstring(indices) })
    for (const i of [...indices, 1, 24, 100_000]) expect(theirs.getStatus(i)).toBe(indices.includes(i))

    const list = new BitstringStatusList({ length: 131_072 })
    for (const i of indices) list.setStatus(i, true)
    const encoded = await list.encode()
    for (const i of [...indices, 1, 24, 100_000]) expect(readBit(encoded, i)).toBe(indices.includes(i))
  })

  it('rejects bad lengths and indices', () => {
    expect(() => encodeBitstring([], 12)).toThrow(StatusListError)
    expect(() => encodeBitstring([16], 16)).toThrow(/outside/)
    expect(() => encodeBitstring([1.5], 16)).toThrow(StatusListError)
    expect(() => readBit(encodeBitstring([], 16), 16)).toThrow(/outside/)
  })
})

describe('decodeBitstring on hostile input', () => {
  it('rejects non-base64url and non-gzip data', () => {
    expect(() => decodeBitstring('u!!!')).toThrow(StatusListError)
    expect(() => decodeBitstring(`u${Buffer.from('not gzip').toString('base64url')}`)).toThrow(/GZIP/)
    expect(() => decodeBitstring('')).toThrow(StatusListError)
  })

  it('stops a gzip bomb at 16 MiB instead of inflating it', () => {
    const bomb = 'u' + gzipSync(Buffer.alloc(32 * 1024 * 1024)).toString('base64url')
    const started = performance.now()
    expect(() => decodeBitstring(bomb)).toThrow(StatusListError)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('buildStatusListCredential', () => {
  it('is read by @digitalbazaar/vc-bitstring-status-list checkStatus: set index => true, others false', async () => {
    const listUrl = 'https://badges.city.test/ob/v3/status/l-1'
    const issuer = 'https://badges.city.test/ob/v3/issuers/org-1'
    const slc = buildStatusListCredential({ id: listUrl, issuer, validFrom: new Date('2025-01-01T00:00:00Z'), purpose: 'revocation', set: [5] })
    expect(slc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    })
    const documentLoader = async (url: string) => {
      if (url === listUrl) return { contextUrl: null, documentUrl: url, document: slc }
      throw new Error(`unexpected load ${url}`)
    }
    const credentialAt = (index: number) =>
      buildOpenBadgeCredential({
        id: `https://badges.city.test/ob/v3/credentials/c-${index}`,
        name: 'N',
        issuer: { id: issuer, name: 'Org' },
        validFrom: new Date('2025-01-02T00:00:00Z'),
        subject: { id: 'did:example:1' },
        achievement: { id: 'https://badges.city.test/ob/v3/achievements/a', name: 'A', description: 'D', criteria: { narrative: 'n' } },
        credentialStatus: { type: 'BitstringStatusListEntry', listUrl, index },
      })
    // The list's own proof is checked by verifyOb3's tests; here only the list encoding is under test.
    const revoked = await checkStatus({ credential: credentialAt(5), documentLoader, verifyBitstringStatusListCredential: false })
    const fine = await checkStatus({ credential: credentialAt(6), documentLoader, verifyBitstringStatusListCredential: false })
    expect(revoked.error).toBeUndefined()
    expect(revoked.results?.[0]?.status).toBe(true)
    expect(fine.results?.[0]?.status).toBe(false)
  })
})
