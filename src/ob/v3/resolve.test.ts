import { generateKeyPairSync } from 'node:crypto'
import { exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildProfile } from './documents.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519, publicKeyToMultibase } from './multikey.js'
import { createResolvers } from './resolve.js'

const ISSUER = 'https://badges.city.test/ob/v3/issuers/org-1'
const ed = generateEd25519()
const mb = publicKeyToMultibase(ed.publicKey)
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ec2 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const jwk = await exportJWK(ec.publicKey)
const jwk2 = await exportJWK(ec2.publicKey)

function serve(docs: Record<string, unknown>, opts: { delayMs?: number } = {}) {
  const fetched: string[] = []
  const fetchJson = async (url: string) => {
    fetched.push(url)
    if (opts.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, opts.delayMs))
    if (url in docs) return { status: 200, json: docs[url] }
    return { status: 404, json: null }
  }
  return { fetched, fetchJson }
}

describe('resolveVerificationMethod', () => {
  it('did:key (with or without fragment) resolves locally to the DID as controller', async () => {
    const { fetched, fetchJson } = serve({})
    const r = createResolvers({ fetchJson })
    for (const vm of [didKeyVerificationMethod(ed.publicKey), didKeyFromPublicKey(ed.publicKey)]) {
      const resolved = await r.resolveVerificationMethod(vm)
      expect(resolved?.controller).toBe(didKeyFromPublicKey(ed.publicKey))
      expect(resolved?.publicKey.equals(ed.publicKey)).toBe(true)
    }
    expect(fetched).toEqual([])
  })

  it('an https VM comes from its controller document, fetched once per run', async () => {
    const { fetched, fetchJson } = serve({ [ISSUER]: buildProfile({ id: ISSUER, name: 'Org', keys: [mb] }) })
    const r = createResolvers({ fetchJson })
    const a = await r.resolveVerificationMethod(`${ISSUER}#${mb}`)
    const b = await r.resolveVerificationMethod(`${ISSUER}#${mb}`)
    expect(a?.controller).toBe(ISSUER)
    expect(b?.publicKey.equals(ed.publicKey)).toBe(true)
    expect(await r.resolveVerificationMethod(`${ISSUER}#zUnknown`)).toBeNull()
    expect(fetched).toEqual([ISSUER])
    expect(r.notes).toEqual([])
  })

  it('a VM served on its own URL is authorised only by its controller document', async () => {
    const vmUrl = `${ISSUER}/keys/1`
    const vm = { id: vmUrl, type: 'Multikey', controller: ISSUER, publicKeyMultibase: mb }
    const listed = serve({ [vmUrl]: vm, [ISSUER]: { id: ISSUER, assertionMethod: [vmUrl] } })
    const r1 = createResolvers({ fetchJson: listed.fetchJson })
    expect((await r1.resolveVerificationMethod(vmUrl))?.controller).toBe(ISSUER)
    expect(r1.notes).toEqual([])
    const unlisted = createResolvers({ fetchJson: serve({ [vmUrl]: vm, [ISSUER]: { id: ISSUER, assertionMethod: [] } }).fetchJson })
    await unlisted.resolveVerificationMethod(vmUrl)
    expect(unlisted.notes.map((n) => n.code)).toEqual(['key_not_authorized'])
  })

  it('unsupported methods, HTTP errors, too many fetches and slow servers are coded errors', async () => {
    const r = createResolvers({ fetchJson: serve({}).fetchJson, maxFetches: 1 })
    await expect(r.resolveVerificationMethod('did:ion:EiAbc#k')).rejects.toMatchObject({ code: 'unsupported_method' })
    await expect(r.resolveVerificationMethod(`${ISSUER}#k`)).rejects.toMatchObject({ code: 'http_error' })
    await expect(r.resolveVerificationMethod('https://other.test/x#k')).rejects.toMatchObject({ code: 'too_many_fetches' })
    const slow = createResolvers({ fetchJson: serve({ [ISSUER]: {} }, { delayMs: 200 }).fetchJson, fetchTimeoutMs: 20 })
    await expect(slow.getJson(ISSUER)).rejects.toMatchObject({ code: 'timeout' })
    const throwing = createResolvers({ fetchJson: () => Promise.reject(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })) })
    await expect(throwing.getJson(ISSUER)).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringContaining('ECONNREFUSED') })
  })
})

describe('resolveJwtKey', () => {
  it('kid under the issuer URL serving a JWK or a JWKS', async () => {
    const one = createResolvers({ fetchJson: serve({ [`${ISSUER}/jwks/k1`]: jwk }).fetchJson })
    const [key] = await one.resolveJwtKey(`${ISSUER}/jwks/k1`, ISSUER)
    expect(key?.equals(ec.publicKey)).toBe(true)
    const set = createResolvers({ fetchJson: serve({ [`${ISSUER}/jwks`]: { keys: [jwk, jwk2] } }).fetchJson })
    expect(await set.resolveJwtKey(`${ISSUER}/jwks`, ISSUER)).toHaveLength(2)
  })

  it('a kid outside the issuer URL is not fetched and is noted as not bound', async () => {
    const { fetched, fetchJson } = serve({ 'https://evil.test/jwk': jwk })
    const r = createResolvers({ fetchJson })
    expect(await r.resolveJwtKey('https://evil.test/jwk', ISSUER)).toEqual([])
    expect(await r.resolveJwtKey(`${ISSUER}.evil.test/jwk`, ISSUER)).toEqual([])
    expect(fetched).toEqual([])
    expect(r.notes.map((n) => n.code)).toEqual(['key_not_bound', 'key_not_bound'])
  })

  it('without kid: the publicKeyJwk VMs the issuer lists under assertionMethod; with a fragment kid: that VM', async () => {
    const doc = {
      id: ISSUER,
      verificationMethod: [
        { id: `${ISSUER}#jwt-1`, type: 'JsonWebKey', controller: ISSUER, publicKeyJwk: jwk },
        { id: `${ISSUER}#jwt-2`, type: 'JsonWebKey', controller: ISSUER, publicKeyJwk: jwk2 },
      ],
      assertionMethod: [`${ISSUER}#jwt-1`],
    }
    const r = createResolvers({ fetchJson: serve({ [ISSUER]: doc }).fetchJson })
    const keys = await r.resolveJwtKey(undefined, ISSUER)
    expect(keys).toHaveLength(1)
    expect(keys[0]?.equals(ec.publicKey)).toBe(true)
    expect((await r.resolveJwtKey(`${ISSUER}#jwt-1`, ISSUER))[0]?.equals(ec.publicKey)).toBe(true)
    expect(await r.resolveJwtKey(`${ISSUER}#jwt-2`, ISSUER)).toEqual([])
    expect(r.notes.map((n) => n.code)).toEqual(['key_not_authorized'])
  })
})

describe('did:web (issue #14 item 2)', () => {
  const DID = 'did:web:badges.example.org:orgs:7'
  const DOC_URL = 'https://badges.example.org/orgs/7/did.json'
  const didDoc = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: DID,
    verificationMethod: [
      { id: `${DID}#key-1`, type: 'Multikey', controller: DID, publicKeyMultibase: mb },
      { id: '#jwt-1', type: 'JsonWebKey', controller: DID, publicKeyJwk: jwk },
      { id: '#unlisted', type: 'Multikey', controller: DID, publicKeyMultibase: mb },
    ],
    assertionMethod: [`${DID}#key-1`, '#jwt-1'],
  }

  it('maps DIDs to their document URLs (DID Web Method §3.2) and refuses malformed ones', async () => {
    const { didWebDocumentUrl } = await import('./resolve.js')
    expect(didWebDocumentUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json')
    expect(didWebDocumentUrl('did:web:example.com%3A8443')).toBe('https://example.com:8443/.well-known/did.json')
    expect(didWebDocumentUrl(DID)).toBe(DOC_URL)
    for (const bad of ['did:web:', 'did:web:exa mple.com', 'did:web:example.com:..:x', 'did:web:example.com::x', 'did:web:a%2Fb.com', 'did:web:example.com#k', 'did:web:%']) {
      expect(didWebDocumentUrl(bad), bad).toBeUndefined()
    }
  })

  it('resolves a Multikey VM from the DID document fetched through fetchJson', async () => {
    const { fetched, fetchJson } = serve({ [DOC_URL]: didDoc })
    const r = createResolvers({ fetchJson })
    const resolved = await r.resolveVerificationMethod(`${DID}#key-1`)
    expect(resolved?.controller).toBe(DID)
    expect(resolved?.publicKey.equals(ed.publicKey)).toBe(true)
    expect(fetched).toEqual([DOC_URL])
    expect(r.notes).toEqual([])
  })

  it('notes a VM that is not under assertionMethod; refuses a document that is not the DID\'s', async () => {
    const r = createResolvers(serve({ [DOC_URL]: didDoc }))
    await r.resolveVerificationMethod(`${DID}#unlisted`)
    expect(r.notes.map((n) => n.code)).toEqual(['key_not_authorized'])
    const other = createResolvers(serve({ [DOC_URL]: { ...didDoc, id: 'did:web:evil.example' } }))
    await expect(other.resolveVerificationMethod(`${DID}#key-1`)).rejects.toMatchObject({ code: 'invalid_key' })
  })

  it('resolves a VC-JWT kid (relative VM id) only for the DID that is the issuer; no kid: the issuer\'s JWK methods', async () => {
    const r = createResolvers(serve({ [DOC_URL]: didDoc }))
    const keys = await r.resolveJwtKey(`${DID}#jwt-1`, DID)
    expect(keys).toHaveLength(1)
    expect(keys[0]!.export({ format: 'jwk' })).toMatchObject({ x: jwk.x, y: jwk.y })
    expect(await r.resolveJwtKey(`${DID}#jwt-1`, 'did:web:someone.else')).toEqual([])
    expect(r.notes.map((n) => n.code)).toEqual(['key_not_bound'])
    const byIssuer = await createResolvers(serve({ [DOC_URL]: didDoc })).resolveJwtKey(undefined, DID)
    expect(byIssuer).toHaveLength(1)
  })
})
