import { createHmac, sign as nodeSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { VerificationReport } from '../report.js'
import {
  buildAssertion, buildBadgeClass, buildCryptographicKey, buildIdentityObject, buildProfile, buildRevocationList,
  buildRevokedAssertion,
} from './documents.js'
import { generateRsaKeyPair, signAssertion, type RsaKeyPair } from './jws.js'
import type { AssertionInput, ProfileInput } from './types.js'
import { verifyOb2, type VerifyOb2Deps } from './verify.js'

const BASE = 'https://city.example/ob/v2'
const ISSUER = `${BASE}/issuers/i1`
const KEY = `${ISSUER}/keys/k1`
const KEY2 = `${ISSUER}/keys/k2`
const REVOCATIONS = `${ISSUER}/revocations`
const BADGE = `${BASE}/badges/b1`
const ASSERTION = `${BASE}/assertions/a1`
const SIGNED_ID = 'urn:uuid:7e0c5f4e-2a1b-4c3d-8e9f-0a1b2c3d4e5f'
const REVOKED_SIGNED_ID = 'urn:uuid:11111111-2222-4333-8444-555555555555'
const NOW = new Date('2025-01-01T00:00:00Z')

type Route = { status: number; json: unknown }
const b64u = (value: string | Buffer) => Buffer.from(value).toString('base64url')

let issuerKeys: RsaKeyPair
let otherKeys: RsaKeyPair
beforeAll(async () => {
  ;[issuerKeys, otherKeys] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()])
})

function profile(extra: Partial<ProfileInput> = {}) {
  return buildProfile({ id: ISSUER, name: 'City of Learning', url: 'https://city.example', email: 'badges@city.example', publicKey: [KEY], revocationList: REVOCATIONS, ...extra })
}

function assertionInput(extra: Partial<AssertionInput> = {}): AssertionInput {
  return {
    id: ASSERTION, badge: BADGE, recipient: buildIdentityObject('email', 'alice@city.example', { salt: 's4lt' }),
    issuedOn: new Date('2024-03-01T10:00:00Z'), expires: new Date('2026-03-01T10:00:00Z'), verification: { type: 'HostedBadge' }, ...extra,
  }
}

const signedInput = (extra: Partial<AssertionInput> = {}) => assertionInput({ id: SIGNED_ID, verification: { type: 'SignedBadge', creator: KEY }, ...extra })

/** The published document set, served from memory; `log` records every URL fetched. */
function site(overrides: Record<string, Route | undefined> = {}) {
  const routes: Record<string, Route | undefined> = {
    [ISSUER]: { status: 200, json: profile() },
    [BADGE]: { status: 200, json: buildBadgeClass({ id: BADGE, name: 'Bike Mechanic', description: 'Fixes bikes', image: `${BADGE}/image`, criteria: { narrative: 'Fix a tyre' }, issuer: ISSUER }) },
    [ASSERTION]: { status: 200, json: buildAssertion(assertionInput()) },
    [KEY]: { status: 200, json: buildCryptographicKey({ id: KEY, owner: ISSUER, publicKey: issuerKeys.publicKey }) },
    [REVOCATIONS]: { status: 200, json: buildRevocationList({ id: REVOCATIONS, issuer: ISSUER, revoked: [{ id: REVOKED_SIGNED_ID, revocationReason: 'Issued in error' }] }) },
    ...overrides,
  }
  const log: string[] = []
  const deps: VerifyOb2Deps = {
    now: NOW,
    fetchJson: async (url: string) => {
      log.push(url)
      return routes[url] ?? { status: 404, json: { error: 'not found' } }
    },
  }
  return { deps, log, routes }
}

/** Every report must satisfy the report invariant; returns the failed checks as `id:code`. */
function failures(report: VerificationReport): string[] {
  expect(report.checks.length).toBeGreaterThan(0)
  expect(report.verified).toBe(report.checks.every((check) => check.valid))
  return report.checks.filter((check) => !check.valid).map((check) => `${check.id}:${check.code ?? ''}`)
}

describe('verifyOb2: hosted assertions (CONFORMANCE A6)', () => {
  it('verifies a hosted assertion by URL, by object and by JSON text', async () => {
    const { deps, routes } = site()
    for (const input of [{ url: ASSERTION }, { assertion: routes[ASSERTION]?.json }, { assertion: JSON.stringify(routes[ASSERTION]?.json) }, { assertion: ` ${ASSERTION} ` }]) {
      const report = await verifyOb2(input, deps)
      expect(failures(report)).toEqual([])
      expect(report.verified).toBe(true)
      expect(report.format).toBe('ob2-hosted')
      expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['hosting', 'structure', 'revocation', 'issuer', 'origin', 'not-before', 'expiry']))
      expect(report.assertion).toEqual(routes[ASSERTION]?.json)
      expect(report.badgeClass).toEqual(routes[BADGE]?.json)
      expect(report.issuer).toEqual(routes[ISSUER]?.json)
    }
  })

  it('treats the hosted copy as the source of truth: a doctored copy is replaced by the hosted one', async () => {
    const { deps } = site()
    const doctored = { ...buildAssertion(assertionInput({ recipient: buildIdentityObject('email', 'mallory@evil.example', { salt: 's4lt' }) })) }
    const report = await verifyOb2({ assertion: doctored }, { ...deps, recipient: { identity: 'mallory@evil.example' } })
    expect(failures(report)).toEqual(['recipient:recipient_mismatch'])
    expect((report.assertion as { recipient: unknown }).recipient).not.toEqual(doctored.recipient)
  })

  it('follows a URL whose document declares another id to the copy served at that id', async () => {
    const alias = `${BASE}/a/short-link`
    const doctored = buildAssertion(assertionInput({ recipient: buildIdentityObject('email', 'mallory@evil.example', { salt: 's4lt' }) }))
    const { deps, log, routes } = site({ [alias]: { status: 200, json: doctored } })
    const report = await verifyOb2({ url: alias }, deps)
    expect(failures(report)).toEqual([])
    expect(log.slice(0, 2)).toEqual([alias, ASSERTION])
    expect(report.assertion).toEqual(routes[ASSERTION]?.json)
    const loop = site({ [ASSERTION]: { status: 200, json: { ...buildAssertion(assertionInput()), id: alias } }, [alias]: { status: 200, json: doctored } })
    expect(failures(await verifyOb2({ assertion: buildAssertion(assertionInput()) }, loop.deps))).toEqual(['hosting:id_mismatch'])
  })

  it('ignores an embedded badge and issuer and dereferences them by URL', async () => {
    const embedded = { ...buildAssertion(assertionInput()), badge: { id: BADGE, type: 'BadgeClass', issuer: { id: 'https://evil.example/issuer', verification: { allowedOrigins: 'evil.example' } } } }
    const { deps, log } = site({ [ASSERTION]: { status: 200, json: embedded } })
    const report = await verifyOb2({ url: ASSERTION }, deps)
    expect(failures(report)).toEqual([])
    expect(log).toEqual(expect.arrayContaining([BADGE, ISSUER]))
    expect(log).not.toContain('https://evil.example/issuer')
  })

  it('reports 410 Gone and a 200 body with revoked: true as revoked, with the reason (A6 item 32)', async () => {
    const gone = site({ [ASSERTION]: { status: 410, json: buildRevokedAssertion({ id: ASSERTION, revocationReason: 'Duplicate award' }) } })
    const report = await verifyOb2({ url: ASSERTION }, gone.deps)
    expect(failures(report)).toEqual(['revocation:revoked'])
    expect(report.checks[0]?.message).toContain('Duplicate award')
    const flagged = site({ [ASSERTION]: { status: 200, json: buildRevokedAssertion({ id: ASSERTION }) } })
    expect(failures(await verifyOb2({ url: ASSERTION }, flagged.deps))).toEqual(['revocation:revoked'])
  })

  it('enforces the default origin policy: the assertion must live on the issuer authority (A6 item 31)', async () => {
    const elsewhere = 'https://elsewhere.example/ob/v2/assertions/a1'
    const { deps } = site({ [elsewhere]: { status: 200, json: buildAssertion(assertionInput({ id: elsewhere })) } })
    expect(failures(await verifyOb2({ url: elsewhere }, deps))).toEqual(['origin:origin_mismatch'])
  })

  it('honours verification.allowedOrigins and verification.startsWith on the issuer', async () => {
    const partner = 'https://badges.partner.example/a1'
    const other = `${BASE}/other/a1`
    const allowed = site({
      [ISSUER]: { status: 200, json: profile({ verification: { allowedOrigins: ['badges.partner.example'] } }) },
      [partner]: { status: 200, json: buildAssertion(assertionInput({ id: partner })) },
    })
    expect(failures(await verifyOb2({ url: partner }, allowed.deps))).toEqual([])
    expect(failures(await verifyOb2({ url: ASSERTION }, allowed.deps))).toEqual(['origin:origin_mismatch'])
    const prefixed = site({
      [ISSUER]: { status: 200, json: profile({ verification: { startsWith: [`${BASE}/assertions/`] } }) },
      [other]: { status: 200, json: buildAssertion(assertionInput({ id: other })) },
    })
    expect(failures(await verifyOb2({ url: ASSERTION }, prefixed.deps))).toEqual([])
    expect(failures(await verifyOb2({ url: other }, prefixed.deps))).toEqual(['origin:origin_mismatch'])
  })

  it('fails when a fetched document does not declare the URL it was served from', async () => {
    const { deps } = site({ [ISSUER]: { status: 200, json: { ...profile(), id: 'https://elsewhere.example/issuer' } } })
    expect(failures(await verifyOb2({ url: ASSERTION }, deps))).toEqual(['hosting:id_mismatch'])
  })

  it('reports expiry, a future issuedOn and expires before issuedOn (A4 item 21)', async () => {
    const expired = site({ [ASSERTION]: { status: 200, json: buildAssertion(assertionInput({ expires: new Date('2024-06-01T00:00:00Z') })) } })
    expect(failures(await verifyOb2({ url: ASSERTION }, expired.deps))).toEqual(['expiry:expired'])
    const future = site({ [ASSERTION]: { status: 200, json: buildAssertion(assertionInput({ issuedOn: new Date('2025-01-01T00:00:01Z'), expires: undefined })) } })
    expect(failures(await verifyOb2({ url: ASSERTION }, future.deps))).toEqual(['not-before:issued_in_future'])
    const backwards = site({ [ASSERTION]: { status: 200, json: buildAssertion(assertionInput({ expires: new Date('2024-01-01T00:00:00Z') })) } })
    expect(failures(await verifyOb2({ url: ASSERTION }, backwards.deps))).toEqual(['expiry:expires_before_issued'])
  })

  it('checks the recipient against the salted hash, tolerating case and whitespace in the email', async () => {
    const { deps } = site()
    expect(failures(await verifyOb2({ url: ASSERTION }, { ...deps, recipient: { type: 'email', identity: ' Alice@City.example ' } }))).toEqual([])
    expect(failures(await verifyOb2({ url: ASSERTION }, { ...deps, recipient: { identity: 'bob@city.example' } }))).toEqual(['recipient:recipient_mismatch'])
    expect(failures(await verifyOb2({ url: ASSERTION }, { ...deps, recipient: { type: 'url', identity: 'alice@city.example' } }))).toEqual(['recipient:recipient_mismatch'])
  })

  it('turns fetch errors, timeouts and HTTP errors into failed checks', async () => {
    const { deps } = site()
    const refused = await verifyOb2({ url: ASSERTION }, { ...deps, fetchJson: async () => { throw Object.assign(new Error('nope'), { code: 'ECONNREFUSED' }) } })
    expect(failures(refused)).toEqual(['hosting:fetch_failed'])
    expect(refused.checks[0]?.message).toContain('ECONNREFUSED')
    const sync = await verifyOb2({ url: ASSERTION }, { ...deps, fetchJson: () => { throw new Error('sync') } })
    expect(failures(sync)).toEqual(['hosting:fetch_failed'])
    const hang = await verifyOb2({ url: ASSERTION }, { ...deps, fetchTimeoutMs: 30, fetchJson: () => new Promise(() => {}) })
    expect(failures(hang)).toEqual(['hosting:fetch_failed'])
    expect(hang.checks[0]?.message).toContain('timeout')
    expect(failures(await verifyOb2({ url: `${BASE}/assertions/missing` }, deps))).toEqual(['hosting:http_error'])
    const badBadge = site({ [BADGE]: { status: 200, json: { id: BADGE, type: 'BadgeClass' } } })
    expect(failures(await verifyOb2({ url: ASSERTION }, badBadge.deps))).toEqual(['structure:invalid_structure'])
  })
})

describe('verifyOb2: the OB 2.0 spec example set (vectors/ob20/spec-examples)', () => {
  const example = (name: string) => JSON.parse(readFileSync(`test/fixtures/vectors/ob20/spec-examples/${name}.json`, 'utf8')) as { id: string }
  const routes = Object.fromEntries(['Assertion-1', 'BadgeClass-1', 'Profile-1'].map((name) => [example(name).id, example(name)]))
  const fetchJson = async (url: string) => (routes[url] ? { status: 200, json: routes[url] } : { status: 404, json: {} })

  it('verifies Assertion-1 -> BadgeClass-1 -> Profile-1 while valid, and reports it expired afterwards', async () => {
    const valid = await verifyOb2({ url: example('Assertion-1').id }, { fetchJson, now: new Date('2017-03-01T00:00:00Z') })
    expect(failures(valid)).toEqual([])
    const later = await verifyOb2({ url: example('Assertion-1').id }, { fetchJson, now: new Date('2017-07-01T00:00:00Z') })
    expect(failures(later)).toEqual(['expiry:expired'])
  })
})

describe('verifyOb2: signed assertions (CONFORMANCE A7)', () => {
  it('verifies our JWS and an independently hand-signed one', async () => {
    const { deps } = site()
    const ours = await signAssertion(buildAssertion(signedInput()), issuerKeys.privateKey)
    const header = b64u('{"alg":"RS256"}')
    const payload = b64u(JSON.stringify(buildAssertion(signedInput())))
    const hand = `${header}.${payload}.${b64u(nodeSign('sha256', Buffer.from(`${header}.${payload}`), issuerKeys.privateKey))}`
    for (const input of [{ jws: ours }, { jws: hand }, { assertion: ours }]) {
      const report = await verifyOb2(input, deps)
      expect(failures(report)).toEqual([])
      expect(report.format).toBe('ob2-signed')
      expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['signature', 'key', 'revocation', 'issuer', 'expiry']))
    }
  })

  it('rejects a tampered payload before fetching anything but the key', async () => {
    const { deps, log } = site()
    const [h, , s] = (await signAssertion(buildAssertion(signedInput()), issuerKeys.privateKey)).split('.')
    const tampered = `${h}.${b64u(JSON.stringify(buildAssertion(signedInput({ issuedOn: new Date('2020-01-01T00:00:00Z') }))))}.${s}`
    expect(failures(await verifyOb2({ jws: tampered }, deps))).toEqual(['signature:bad_signature'])
    expect(log).toEqual([KEY])
  })

  it('rejects a signature by another key than the one at verification.creator', async () => {
    const { deps } = site()
    const jws = await signAssertion(buildAssertion(signedInput()), otherKeys.privateKey)
    expect(failures(await verifyOb2({ jws }, deps))).toEqual(['signature:bad_signature'])
  })

  it('requires the two-way key link: issuer.publicKey lists the key AND key.owner is the issuer (A7 item 37)', async () => {
    const unlisted = site({ [KEY2]: { status: 200, json: buildCryptographicKey({ id: KEY2, owner: ISSUER, publicKey: otherKeys.publicKey }) } })
    const jws = await signAssertion(buildAssertion(signedInput({ verification: { type: 'SignedBadge', creator: KEY2 } })), otherKeys.privateKey)
    expect(failures(await verifyOb2({ jws }, unlisted.deps))).toEqual(['key:key_not_owned'])
    const foreignOwner = site({
      [ISSUER]: { status: 200, json: profile({ publicKey: [KEY, KEY2] }) },
      [KEY2]: { status: 200, json: buildCryptographicKey({ id: KEY2, owner: 'https://evil.example/issuer', publicKey: otherKeys.publicKey }) },
    })
    expect(failures(await verifyOb2({ jws }, foreignOwner.deps))).toEqual(['key:key_not_owned'])
  })

  it('rejects alg none and HS256 (keyed with the public PEM) without fetching', async () => {
    const { deps, log } = site()
    const payload = b64u(JSON.stringify(buildAssertion(signedInput())))
    const none = `${b64u('{"alg":"none"}')}.${payload}.`
    const hsInput = `${b64u('{"alg":"HS256"}')}.${payload}`
    const hs256 = `${hsInput}.${b64u(createHmac('sha256', issuerKeys.publicKeyPem).update(hsInput).digest())}`
    for (const jws of [none, hs256]) expect(failures(await verifyOb2({ jws }, deps))).toEqual(['signature:alg_not_allowed'])
    expect(log).toEqual([])
  })

  it('detects revocation on the issuer list, also when the list is a compacted scalar (A7 items 39-40)', async () => {
    const jws = await signAssertion(buildAssertion(signedInput({ id: REVOKED_SIGNED_ID })), issuerKeys.privateKey)
    const listed = await verifyOb2({ jws }, site().deps)
    expect(failures(listed)).toEqual(['revocation:revoked'])
    expect(listed.checks.find((c) => !c.valid)?.message).toContain('Issued in error')
    const scalar = site({ [REVOCATIONS]: { status: 200, json: { '@context': 'https://w3id.org/openbadges/v2', id: REVOCATIONS, type: 'RevocationList', revokedAssertions: REVOKED_SIGNED_ID } } })
    expect(failures(await verifyOb2({ jws }, scalar.deps))).toEqual(['revocation:revoked'])
    const unavailable = site({ [REVOCATIONS]: undefined })
    expect(failures(await verifyOb2({ jws: await signAssertion(buildAssertion(signedInput()), issuerKeys.privateKey) }, unavailable.deps))).toEqual(['revocation:http_error'])
  })

  it('reports an expired signed assertion', async () => {
    const jws = await signAssertion(buildAssertion(signedInput({ expires: new Date('2024-12-31T23:59:59Z') })), issuerKeys.privateKey)
    expect(failures(await verifyOb2({ jws }, site().deps))).toEqual(['expiry:expired'])
  })

  it('refuses signed assertions without a JWS, without creator, or with a hosted payload', async () => {
    const { deps } = site()
    expect(failures(await verifyOb2({ assertion: buildAssertion(signedInput()) }, deps))).toEqual(['signature:signature_missing'])
    const noCreator = await signAssertion({ ...buildAssertion(signedInput()), verification: { type: 'SignedBadge' } }, issuerKeys.privateKey)
    expect(failures(await verifyOb2({ jws: noCreator }, deps))).toEqual(['key:no_creator'])
    const hostedPayload = await signAssertion(buildAssertion(assertionInput()), issuerKeys.privateKey)
    expect(failures(await verifyOb2({ jws: hostedPayload }, deps))).toEqual(['structure:invalid_structure'])
  })
})

describe('verifyOb2: hostile and garbage input', () => {
  const hostile = {
    get verification(): never {
      throw new Error('boom')
    },
  }
  it.each([
    ['empty object', {}],
    ['null', null],
    ['ftp url', { url: 'ftp://city.example/a1' }],
    ['non-string url', { url: 42 }],
    ['number assertion', { assertion: 42 }],
    ['garbage text', { assertion: 'hello world' }],
    ['broken JSON', { assertion: '{"id": ' }],
    ['array', { assertion: [] }],
    ['hosted without http id', { assertion: { id: 'urn:uuid:x', verification: { type: 'HostedBadge' } } }],
    ['jws of garbage', { jws: 'a.b.c' }],
    ['jws not a string', { jws: 42 }],
    ['throwing getter', { assertion: hostile }],
  ])('%s yields a failed report, never an exception', async (_label, input) => {
    const { deps, log } = site()
    const report = await verifyOb2(input as never, deps)
    expect(report.verified).toBe(false)
    expect(failures(report).length).toBeGreaterThan(0)
    expect(log).toEqual([])
  })

  it.each([
    ['a string body', { status: 200, json: 'just text' }],
    ['a null response', null],
    ['an array body', { status: 200, json: [1, 2] }],
  ])('a server returning %s fails the hosting check', async (_label, route) => {
    const { deps } = site()
    const report = await verifyOb2({ url: ASSERTION }, { ...deps, fetchJson: async () => route as never })
    expect(report.verified).toBe(false)
    expect(failures(report)[0]).toMatch(/^hosting:/)
  })

  it('throws TypeError only for programmer misuse of deps', async () => {
    await expect(verifyOb2({ url: ASSERTION }, { ...site().deps, now: new Date('nope') })).rejects.toThrow(TypeError)
  })
})
