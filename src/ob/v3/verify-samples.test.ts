import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contexts } from '../contexts/loader.js'
import type { VerificationReport } from '../report.js'
import { signDataIntegrity } from './data-integrity.js'
import { buildOpenBadgeCredential, buildProfile } from './documents.js'
import { didKeyFromPublicKey, didKeyVerificationMethod, generateEd25519, publicKeyToMultibase, resolveDidKey } from './multikey.js'
import { validateOb3 } from './schema.js'
import { buildStatusListCredential } from './status-list.js'
import { verifyOb3 } from './verify.js'

// Test-only JS libraries without type declarations: imported by name so tsc does not resolve them.
const vc: any = await import('@digitalbazaar/vc' as string)
const { DataIntegrityProof }: any = await import('@digitalbazaar/data-integrity' as string)
const { cryptosuite }: any = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite' as string)
const bsl: any = await import('@digitalbazaar/vc-bitstring-status-list' as string)

const INSPECTOR = 'test/fixtures/vectors/ob30/inspector'
const NOW = new Date('2026-01-01T00:00:00Z')
const sample = (name: string) => JSON.parse(readFileSync(`${INSPECTOR}/${name}`, 'utf8')) as Record<string, any>
const failed = (report: VerificationReport) => report.checks.filter((c) => !c.valid).map((c) => `${c.id}:${c.code}`)

/**
 * Models the sample issuers' servers: each https VM of a proof is published in a controller document (a Profile
 * built by us) at the VM URL without fragment, listing the key named by the fragment under assertionMethod.
 */
function issuerServer(docs: object[], extra: Record<string, unknown> = {}) {
  const served: Record<string, unknown> = { ...extra }
  for (const doc of docs) {
    for (const proof of [(doc as any).proof].flat()) {
      const vm = proof?.verificationMethod
      if (typeof vm !== 'string' || !vm.startsWith('https://')) continue
      const [base, key] = vm.split('#') as [string, string]
      served[base] = buildProfile({ id: base, name: 'Sample issuer', keys: [key] })
    }
  }
  const fetched: string[] = []
  return {
    fetched,
    fetchJson: async (url: string) => {
      fetched.push(url)
      if (url in served) return { status: 200, json: served[url] }
      throw Object.assign(new Error(`offline: ${url}`), { code: 'ENOTFOUND' })
    },
  }
}

describe('1EdTech inspector samples through verifyOb3', () => {
  it.each([
    'simple.json',
    'simple-context-alias.json',
    'simple-context-version.json', // OB context 3.0.2
    'simple-did-web-method.json', // proof as a single object: schema accepts it after JSON-LD array normalisation
    'simple-multiple-proofs.json', // one unknown proof type next to an eddsa-rdfc-2022 proof
    'endorsement-valid.json',
  ])('%s verifies', async (name) => {
    const doc = sample(name)
    const report = await verifyOb3({ credential: doc }, { now: NOW, fetchJson: issuerServer([doc]).fetchJson })
    expect(failed(report)).toEqual([])
    expect(report.verified).toBe(true)
  })

  it('complete.json verifies, and is revoked once its 1EdTechRevocationList names it', async () => {
    const doc = sample('complete.json')
    const listUrl = doc.credentialStatus.id as string
    const empty = { id: listUrl, issuer: doc.issuer.id, revokedCredential: [] }
    expect(failed(await verifyOb3({ credential: doc }, { now: NOW, fetchJson: issuerServer([doc], { [listUrl]: empty }).fetchJson }))).toEqual([])
    const revoked = { ...empty, revokedCredential: [{ id: doc.id, revoked: true, revocationReason: 'test' }] }
    const report = await verifyOb3({ credential: doc }, { now: NOW, fetchJson: issuerServer([doc], { [listUrl]: revoked }).fetchJson })
    expect(failed(report)).toEqual(['revocation:revoked'])
  })

  it.each(['credential-status-revoked.json', 'credential-status-revoked-blank-nodes.json'])(
    'bit-string-list/%s is revoked through the signed 1EdTech status list (bit 23)',
    async (name) => {
      const doc = sample(`bit-string-list/${name}`)
      const list = sample('bit-string-list/testlist')
      const server = issuerServer([doc, list], { [doc.credentialStatus.statusListCredential]: list })
      const report = await verifyOb3({ credential: doc }, { now: NOW, fetchJson: server.fetchJson })
      expect(failed(report)).toEqual(['revocation:revoked'])
      expect(server.fetched).toContain(doc.credentialStatus.statusListCredential)
    },
  )

  it('simple-did-key-method.json: the bare did:key proof verifies, but the key is not bound to its urn:uuid issuer', async () => {
    const report = await verifyOb3({ credential: sample('simple-did-key-method.json') }, { now: NOW, fetchJson: issuerServer([]).fetchJson })
    expect(failed(report)).toEqual(['issuer:key_not_bound'])
  })

  it.each([
    ['simple_v1.json', 'Ed25519Signature2020'],
    ['complete_v1.json', 'Ed25519Signature2020'],
    ['credential-status-revoked.json', 'Ed25519Signature2020'],
    ['endorsement-err-schema-status-refresh.json', 'Ed25519Signature2020'],
    ['simple-eddsa-2022.json', 'DataIntegrityProof eddsa-2022'],
    ['sd/derivedcredential.json', 'DataIntegrityProof ecdsa-sd-2023'],
  ])('%s (%s) fails proof with unsupported_cryptosuite, without throwing', async (name) => {
    const report = await verifyOb3({ credential: sample(name) }, { now: NOW, fetchJson: issuerServer([]).fetchJson })
    expect(report.verified).toBe(false)
    expect(report.checks.find((c) => c.id === 'proof')).toMatchObject({ valid: false, code: 'unsupported_cryptosuite' })
  })

  it('simple-noproof.json fails proof with no_proof', async () => {
    const report = await verifyOb3({ credential: sample('simple-noproof.json') }, { now: NOW, fetchJson: issuerServer([]).fetchJson })
    expect(report.checks.find((c) => c.id === 'proof')).toMatchObject({ valid: false, code: 'no_proof' })
  })

  it('simple.jwt (VCDM 1.1, RS256, no kid) parses; its issuer key is not available offline, so proof fails by name', async () => {
    const jwt = readFileSync(`${INSPECTOR}/simple.jwt`, 'utf8')
    const server = issuerServer([])
    const report = await verifyOb3({ jwt }, { now: NOW, fetchJson: server.fetchJson })
    expect(failed(report)).toEqual(['proof:key_resolution_failed'])
    expect(server.fetched).toEqual(['https://example.edu/issuers/565049'])
  })
})

describe('our credentials in the reference implementations', () => {
  const key = generateEd25519()
  const mb = publicKeyToMultibase(key.publicKey)
  const ISSUER = 'https://badges.city.test/ob/v3/issuers/org-1'
  const VM = `${ISSUER}#${mb}`
  const profile = buildProfile({ id: ISSUER, name: 'City Library', keys: [mb] })
  const make = (issuer: string, status?: { listUrl: string; index: number }) =>
    buildOpenBadgeCredential({
      id: `https://badges.city.test/ob/v3/credentials/${status?.index ?? 'x'}`,
      name: 'Maker',
      issuer: { id: issuer, name: 'City Library', url: 'https://library.city.test' },
      validFrom: new Date('2025-01-02T00:00:00Z'),
      subject: { id: 'did:example:learner-1' },
      achievement: { id: 'https://badges.city.test/ob/v3/achievements/b-1', name: 'Maker', description: 'Builds', criteria: { narrative: 'Build' } },
      ...(status === undefined ? {} : { credentialStatus: { type: 'BitstringStatusListEntry' as const, ...status } }),
    })
  const sign = (doc: object, verificationMethod = VM) =>
    signDataIntegrity(doc, { privateKey: key.privateKey, verificationMethod, created: new Date('2025-01-01T00:00:00Z') }) as Promise<Record<string, any>>

  /** A digitalbazaar documentLoader: bundled contexts, our controller document, its VMs, did:key, extra docs. */
  const loader = (extra: Record<string, unknown> = {}) => async (url: string) => {
    const [base, fragment] = url.split('#') as [string, string | undefined]
    let document: unknown = contexts.get(url) ?? extra[url]
    if (document === undefined && base.startsWith('did:key:')) document = resolveDidKey(url)
    if (document === undefined && base === ISSUER) {
      document = fragment === undefined ? profile : { '@context': 'https://w3id.org/security/multikey/v1', ...(profile.verificationMethod as object[])[0] }
    }
    if (document === undefined) throw new Error(`not served: ${url}`)
    return { contextUrl: null, documentUrl: url, document }
  }
  const suite = new DataIntegrityProof({ cryptosuite })

  it('@digitalbazaar/vc verifies our DI credential through our controller document; a tampered copy fails', async () => {
    const signed = await sign(make(ISSUER))
    expect(Array.isArray(signed.proof)).toBe(true)
    expect(validateOb3(signed).valid).toBe(true)
    const ok = await vc.verifyCredential({ credential: signed, suite, documentLoader: loader() })
    expect(ok.error).toBeUndefined()
    expect(ok.verified).toBe(true)
    const bad = await vc.verifyCredential({ credential: { ...signed, name: 'Other' }, suite, documentLoader: loader() })
    expect(bad.verified).toBe(false)
  })

  it('@digitalbazaar/vc-bitstring-status-list reads our signed status list: set index true, others false', async () => {
    const listUrl = 'https://badges.city.test/ob/v3/status/l-1'
    const list = await sign(buildStatusListCredential({ id: listUrl, issuer: ISSUER, validFrom: new Date('2025-01-01T00:00:00Z'), purpose: 'revocation', set: [3] }))
    const documentLoader = loader({ [listUrl]: list })
    for (const [index, expected] of [[3, true], [4, false]] as const) {
      const credential = await sign(make(ISSUER, { listUrl, index }))
      const result = await bsl.checkStatus({ credential, documentLoader, suite, verifyBitstringStatusListCredential: true })
      expect(result.error).toBeUndefined()
      expect(result.results[0].status).toBe(expected)
      expect((await verifyOb3({ credential }, { now: NOW, fetchJson: async (u: string) => ({ status: 200, json: u === listUrl ? list : profile }) })).verified).toBe(!expected)
    }
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('@digitalcredentials/verifier-core verifies a did:key copy (fetch stubbed to serve only the bundled schema)', async () => {
    const schema = JSON.parse(readFileSync(new URL('../contexts/schemas/ghpages-achievementcredential.json', import.meta.url), 'utf8'))
    const requested: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(String(url))
      if (String(url).endsWith('/ob_v3p0_achievementcredential_schema.json')) return new Response(JSON.stringify({ ...schema, $id: String(url) }))
      throw new Error(`offline: ${String(url)}`)
    })
    const { verifyCredential } = (await import('@digitalcredentials/verifier-core')) as any
    const did = didKeyFromPublicKey(key.publicKey)
    const signed = await sign(make(did), didKeyVerificationMethod(key.publicKey))
    const result = await verifyCredential({ credential: signed, knownDIDRegistries: [] })
    expect(result.errors).toBeUndefined()
    expect(result.log.find((s: { id: string }) => s.id === 'valid_signature')).toMatchObject({ valid: true })
    expect(result.additionalInformation[0].results[0].result.valid).toBe(true)
    const tampered = await verifyCredential({ credential: { ...signed, name: 'Other' }, knownDIDRegistries: [] })
    expect(tampered.errors?.[0]?.name).toBe('invalid_signature')
    expect(requested.every((u) => u.includes('/schema/'))).toBe(true)
  })
})
