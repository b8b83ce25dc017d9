import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { contexts, createDocumentLoader, DocumentNotBundledError, staticDocumentLoader } from './loader.js'

// CONFORMANCE B10 item 92: the contexts every OB 2.0 / OB 3.0 / CLR document we emit or accept may reference.
const REQUIRED = [
  'https://www.w3.org/ns/credentials/v2',
  'https://www.w3.org/2018/credentials/v1',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/openbadges/v2',
  'https://openbadgespec.org/v2/context.json',
  'https://w3id.org/security/data-integrity/v1',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/multikey/v1',
  'https://www.w3.org/ns/did/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://w3id.org/vc/status-list/2021/v1',
  'https://w3id.org/security/v1',
  'https://w3id.org/security/v2',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
]

// sha256 of the vectors/contexts files these were copied from (the DI signature covers their expansion).
const PINNED: Record<string, string> = {
  'credentials-v2.jsonld': '59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734',
  'ob-v3p0-context-3.0.3.json': 'ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761',
  'ob-v3p0-extensions.json': '146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3',
  'data-integrity-v2.jsonld': '0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363',
  'multikey-v1.jsonld': 'c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6',
  'did-v1.jsonld': 'adefa50311393eb1bd788a38ac9fe2696c65367928f6996812cd54577394f4da',
  'credentials-status-v1.jsonld': 'fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c',
  'openbadges-v2.jsonld': '3c0c25a0e581c64cbe632197377c4f334c6c0b95f0d90e3b74449781612b153d',
}

const fileHash = (name: string) =>
  createHash('sha256').update(readFileSync(new URL(`./files/${name}`, import.meta.url))).digest('hex')

describe('bundled contexts', () => {
  it.each(REQUIRED)('serves %s in the jsonld RemoteDocument shape', async (url) => {
    const remote = await staticDocumentLoader(url)
    expect(remote.contextUrl).toBeNull()
    expect(remote.documentUrl).toBe(url)
    expect(remote.document).toHaveProperty('@context')
    expect(remote.document).toBe(contexts.get(url))
  })

  it('deep-freezes every document so nothing can alter what signatures cover', () => {
    const v2 = contexts.get('https://www.w3.org/ns/credentials/v2') as { '@context': Record<string, unknown> }
    expect(Object.isFrozen(v2)).toBe(true)
    expect(Object.isFrozen(v2['@context'])).toBe(true)
    expect(() => {
      ;(v2['@context'] as Record<string, unknown>).name = 'x'
    }).toThrow(TypeError)
  })

  it('serves the published OB 2.0 text (targetFramework -> schema:educationalFramework) for both aliases', () => {
    const a = contexts.get('https://w3id.org/openbadges/v2') as { '@context': Record<string, unknown> }
    expect(contexts.get('https://openbadgespec.org/v2/context.json')).toBe(a)
    expect(JSON.stringify(a['@context'].targetFramework)).toContain('educationalFramework')
  })

  it('keeps the signature-relevant files byte-identical to the spec copies (SOURCES.md commits)', () => {
    expect(Object.fromEntries(Object.keys(PINNED).map((f) => [f, fileHash(f)]))).toEqual(PINNED)
    const ob = contexts.get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json') as { '@context': Record<string, unknown> }
    expect(ob['@context']['@protected']).toBe(true)
  })
})

describe('staticDocumentLoader', () => {
  it.each(['https://example.com/context.json', 'https://www.w3.org/ns/credentials/v3', 'did:key:z6Mk', ''])(
    'rejects %j without touching the network',
    async (url) => {
      await expect(staticDocumentLoader(url)).rejects.toBeInstanceOf(DocumentNotBundledError)
      await expect(staticDocumentLoader(url)).rejects.toThrow(/not bundled/)
    },
  )

  it('makes jsonld fail closed on a remote context', async () => {
    const doc = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/ctx.json'], type: 'VerifiableCredential' }
    await expect(jsonld.expand(doc, { documentLoader: staticDocumentLoader as never })).rejects.toThrow(/evil\.example/)
  })

  it('lets jsonld expand an OB 3.0 credential offline', async () => {
    const doc = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'x',
    }
    const expanded = await jsonld.expand(doc, { documentLoader: staticDocumentLoader as never })
    expect(expanded[0]?.['@type']).toEqual([
      'https://www.w3.org/2018/credentials#VerifiableCredential',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
    ])
  })
})

describe('createDocumentLoader', () => {
  const controller = { '@context': 'https://www.w3.org/ns/did/v1', id: 'https://issuer.example/keys' }
  const loader = createDocumentLoader((url) => (url === controller.id ? controller : undefined))

  it('serves extra documents next to the bundled contexts', async () => {
    expect((await loader(controller.id)).document).toBe(controller)
    expect((await loader('https://w3id.org/security/multikey/v1')).document).toBe(contexts.get('https://w3id.org/security/multikey/v1'))
  })

  it('never lets an extra document shadow a bundled context', async () => {
    const evil = createDocumentLoader(() => ({ '@context': { name: 'https://evil.example/name' } }))
    expect((await evil('https://www.w3.org/ns/credentials/v2')).document).toBe(contexts.get('https://www.w3.org/ns/credentials/v2'))
  })

  it('rejects what neither holds', async () => {
    await expect(loader('https://issuer.example/other')).rejects.toBeInstanceOf(DocumentNotBundledError)
  })
})
