import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateClr } from '../../src/ob/clr/schema.js'
import { extractPng } from '../../src/ob/bake/png.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import { refVerify } from '../helpers/ob3.js'

// Issue #8 item 8: export as JSON, as a signed CLR 2.0 ClrCredential (verified by @digitalbazaar/vc, valid against
// the CLR schema), and as a zip of baked badges; held (under-13) awards never leave.

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
let issuer: Awaited<ReturnType<typeof setupIssuer>>
let learnerId: string
const awardIds: string[] = []
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'youth app', cityId: city.id })).token
  issuer = await setupIssuer(t, city)
  learnerId = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201).id
  for (let i = 0; i < 4; i++) {
    awardIds.push(expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId }, narrative: `Session ${i}` } }), 201).id)
  }
  // One declined, one revoked: neither leaves in the CLR or the zip.
  expectOk(await t.app.inject({ method: 'POST', url: V(`/learners/${learnerId}/backpack/${awardIds[2]!}/decline`), headers: t.auth(appKey) }))
  expectOk(await t.app.inject({ method: 'POST', url: V(`/awards/${awardIds[3]!}/revoke`), headers: t.auth(issuer.issuerKey), payload: { reason: 'issued in error' } }))
})
afterAll(async () => { await t?.close() })

function V (p: string): string { return `/v1/cities/${city.slug}${p}` }
const exp = (format: string, id = learnerId, key = appKey) => t.app.inject({ method: 'GET', url: V(`/learners/${id}/export?format=${format}`), headers: t.auth(key) })

describe('learner export', () => {
  it('format=json: everything about the learner', async () => {
    const res = await exp('json')
    const body = expectOk(res)
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(body.learner).toMatchObject({ id: learnerId, ageBand: '19-24' })
    expect(body.awards.map((a: { awardId: string }) => a.awardId)).toEqual(awardIds)
    expect(body.awards[2]).toMatchObject({ acceptance: 'declined' })
    expect(body.awards[3]).toMatchObject({ revoked: true, revocationReason: 'issued in error' })
    expect(body.collections).toEqual([])
    // Default format is json.
    expect(expectOk(await t.app.inject({ method: 'GET', url: V(`/learners/${learnerId}/export`), headers: t.auth(appKey) })).learner.id).toBe(learnerId)
  })

  it('format=clr: a signed ClrCredential that @digitalbazaar/vc verifies and the CLR schema accepts, with every portable award inside', async () => {
    const res = await exp('clr')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    const clr = res.json()
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential'])
    expect(clr.issuer.id).toBe(`https://badges.test/ob/v3/issuers/${issuer.org.id as string}`)
    expect(clr.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })
    expect(clr.credentialSubject.id).toMatch(/^urn:uuid:/)
    expect(clr.credentialSubject.id).not.toContain(learnerId)
    const inside = clr.credentialSubject.verifiableCredential.map((c: { id: string }) => c.id)
    expect(inside).toEqual([awardIds[0], awardIds[1]].map((id) => `https://badges.test/ob/v3/credentials/${id!}`))
    expect(validateClr(clr)).toEqual({ valid: true, errors: [] })
    const result = await refVerify(t, clr)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
    for (const c of clr.credentialSubject.verifiableCredential) expect((await refVerify(t, c)).verified).toBe(true)
    const tampered = structuredClone(clr)
    tampered.credentialSubject.verifiableCredential.pop()
    expect((await refVerify(t, tampered)).verified).toBe(false)
  })

  it('format=zip: the baked badges, each carrying its signed credential', async () => {
    const res = await exp('zip')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/zip/)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cbzip-'))
    try {
      writeFileSync(path.join(dir, 'x.zip'), res.rawPayload)
      execFileSync('unzip', ['-q', 'x.zip', '-d', 'out'], { cwd: dir })
      const list = execFileSync('unzip', ['-Z1', 'x.zip'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').sort()
      expect(list).toHaveLength(3)
      expect(list).toContain('README.txt')
      const images = list.filter((n) => n !== 'README.txt')
      expect(images.every((n) => /\.png$/.test(n))).toBe(true)
      const ids = new Set<string>()
      for (const n of images) {
        const baked = extractPng(readFileSync(path.join(dir, 'out', n)))
        expect(baked?.keyword).toBe('openbadgecredential')
        const cred = JSON.parse(baked!.text)
        ids.add(cred.id)
        expect((await refVerify(t, cred)).verified).toBe(true)
      }
      expect([...ids].sort()).toEqual([awardIds[0], awardIds[1]].map((id) => `https://badges.test/ob/v3/credentials/${id!}`).sort())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("an under-13's awards are held: no CLR or zip until the guardian consents (JSON still available)", async () => {
    const child = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: 'under-13', guardian: { email: 'parent@example.org' } } }), 201).id as string
    expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: child } } }), 201)
    for (const f of ['clr', 'zip']) {
      const r = await exp(f, child)
      expect(r.statusCode).toBe(409)
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(r.json().detail).toMatch(/guardian/)
    }
    expect(expectOk(await exp('json', child)).awards).toHaveLength(1)
  })

  it('bad inputs and the wrong callers get a clear 4xx', async () => {
    expect((await exp('pdf')).statusCode).toBe(400)
    expect((await exp('json', 'not-a-uuid')).statusCode).toBe(400)
    expect((await exp('json', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await exp('json', learnerId, issuer.issuerKey)).statusCode).toBe(403)
    const other = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201).id as string
    const lt = expectOk(await t.app.inject({ method: 'POST', url: V(`/learners/${other}/tokens`), headers: t.auth(appKey), payload: {} }), 201).token as string
    expect((await exp('json', learnerId, lt)).statusCode).toBe(404)
    expect(expectOk(await exp('json', other, lt)).learner.id).toBe(other)
    // A learner with nothing portable: 409 for the CLR.
    expect((await exp('clr', other)).statusCode).toBe(409)
    const city2 = await makeCity(t)
    expect((await exp('json', learnerId, city2.cityAdminKey)).statusCode).toBe(404)
  })
})
