import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fastClrDataset } from '../../src/ob/clr/clr.js'
import { validateClr } from '../../src/ob/clr/schema.js'
import { extractPng } from '../../src/ob/bake/png.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, expectOk, setupIssuer } from '../helpers/badges.js'
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

  it("format=clr holds the learner's pathway record: the completion Achievement describes the pathway, each contributing achievement isPartOf it", async () => {
    const db = t.runtime.database.db
    const steps = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Code Club Regular' })
    const finish = await approvedClass(t, city, issuer.org.id, issuer.issuerKey, { name: 'Digital Pathway Complete', criteria: { narrative: 'Finish the pathway.' } })
    const pathway = expectOk(await t.app.inject({ method: 'POST', url: V('/pathways'), headers: t.auth(issuer.issuerKey), payload: {
      kind: 'recommended', organisationId: issuer.org.id, title: 'Into digital work', description: 'From first code to an apprenticeship interview.',
      destinations: ['employment'], completionBadgeClassId: finish.id,
      requirements: { type: 'all', ordered: true, children: [{ type: 'badge', badgeClassId: issuer.klass.id }, { type: 'skill', element: 'col.digital', minLevel: 'participation', count: 2 }] },
    } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: V(`/pathways/${pathway.id as string}/publish`), headers: t.auth(issuer.issuerKey) }))
    const completer = expectOk(await t.app.inject({ method: 'POST', url: V('/learners'), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201).id as string
    expectOk(await t.app.inject({ method: 'POST', url: V(`/pathways/${pathway.id as string}/followers`), headers: t.auth(appKey), payload: { learnerId: completer } }), 201)
    const first = expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient: { learnerId: completer } } }), 201).id as string
    const second = expectOk(await t.app.inject({ method: 'POST', url: V('/awards'), headers: t.auth(issuer.issuerKey), payload: { badgeClassId: steps.id, recipient: { learnerId: completer } } }), 201).id as string
    const done = await eventually(async () => db.selectFrom('pathway_completions').selectAll().where('learner_id', '=', completer).where('award_id', 'is not', null).executeTakeFirst(), 30_000, 'the pathway to be completed')
    const res = await exp('clr', completer)
    expect(res.statusCode).toBe(200)
    const clr = res.json()
    const ach = (id: string) => `https://badges.test/ob/v3/achievements/${id}`
    // The completion credential's Achievement describes the pathway (the version completed).
    const completion = clr.credentialSubject.verifiableCredential.find((c: any) => c.id === `https://badges.test/ob/v3/credentials/${done.award_id!}`)
    const achievement = completion.credentialSubject.achievement
    // Its own Achievement: the badge class's URL naming the pathway version, which answers what the credential says.
    const completionAch = `${ach(finish.id)}?pathway=${pathway.id as string}&version=1`
    expect(achievement.id).toBe(completionAch)
    expect(achievement.criteria.narrative).toBe([
      'Awarded for completing the pathway "Into digital work" (version 1): From first code to an apprenticeship interview.',
      '',
      'Complete both of these, in this order:',
      '- Earn the "Digital Maker" badge (any version).',
      '- Earn 2 badges in "Digital" (or a part of it) at Participation level or above.',
      '',
      'Finish the pathway.',
    ].join('\n'))
    const pathwayUrl = `https://badges.test/v1/cities/${city.slug}/pathways/${pathway.id as string}`
    expect(achievement.alignment.slice(0, 3)).toEqual([
      { type: ['Alignment'], targetName: 'Into digital work', targetUrl: pathwayUrl, targetDescription: 'From first code to an apprenticeship interview.', targetFramework: expect.stringContaining('pathways'), targetCode: `pathway.${pathway.id as string}`, targetType: 'ext:CityBadgesPathway' },
      expect.objectContaining({ type: ['Alignment'], targetUrl: `https://badges.test/spine/${city.slug}/destinations/employment`, targetCode: 'destination.employment', targetType: 'ext:CityBadgesDestination' }),
      expect.objectContaining({ type: ['Alignment'], targetName: expect.any(String), targetUrl: `https://badges.test/spine/${city.slug}/elements/col.digital`, targetCode: 'col.digital', targetType: 'CFItem' }),
    ])
    expect(new Set(achievement.alignment.map((a: any) => a.targetUrl)).size).toBe(achievement.alignment.length) // each target once
    // The contributing achievements are associated with the completion achievement.
    expect(clr.credentialSubject.association).toEqual([
      { type: 'Association', associationType: 'isPartOf', sourceId: ach(issuer.klass.id), targetId: completionAch },
      { type: 'Association', associationType: 'isPartOf', sourceId: ach(steps.id), targetId: completionAch },
    ])
    // Following the completion Achievement's id gives the same description; the plain URL describes the class alone.
    const hostedAch = expectOk(await t.app.inject({ method: 'GET', url: completionAch.slice('https://badges.test'.length), headers: { accept: 'application/ld+json' } }))
    expect(hostedAch.id).toBe(completionAch)
    expect(hostedAch.criteria).toEqual(achievement.criteria)
    expect(hostedAch.alignment).toEqual(achievement.alignment)
    const plain = expectOk(await t.app.inject({ method: 'GET', url: `/ob/v3/achievements/${finish.id}`, headers: { accept: 'application/ld+json' } }))
    expect(plain.criteria.narrative).toBe('Finish the pathway.')
    expect((await t.app.inject({ method: 'GET', url: `/ob/v3/achievements/${finish.id}?pathway=${pathway.id as string}&version=2`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/ob/v3/achievements/${steps.id}?pathway=${pathway.id as string}&version=1`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/ob/v3/achievements/${finish.id}?pathway=${pathway.id as string}`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(400)
    const inClr = new Set(clr.credentialSubject.verifiableCredential.map((c: any) => c.credentialSubject.achievement.id))
    for (const a of clr.credentialSubject.association) expect(inClr.has(a.sourceId) && inClr.has(a.targetId)).toBe(true)
    expect([first, second].every((id) => clr.credentialSubject.verifiableCredential.some((c: any) => c.id.endsWith(id)))).toBe(true)
    expect(validateClr(clr)).toEqual({ valid: true, errors: [] })
    expect(await refVerify(t, clr)).toMatchObject({ verified: true })
    expect((await refVerify(t, completion)).verified).toBe(true)
    const { proof: _proof, ...unsigned } = clr
    expect(fastClrDataset(unsigned)).toBeDefined() // signed on the direct dataset path, associations and all
    const dropped = structuredClone(clr)
    delete dropped.credentialSubject.association
    expect((await refVerify(t, dropped)).verified).toBe(false)
    // The JSON export carries the same pathway record.
    const json = expectOk(await exp('json', completer))
    expect(json.pathways).toEqual([{
      pathwayId: pathway.id, title: 'Into digital work', version: 1, startedAt: expect.any(String), percent: 100, satisfied: true,
      contributingAwardIds: expect.arrayContaining([first, second]), completedAt: expect.any(String), completionAwardId: done.award_id,
    }])
    // The hosted credential of the completion award says the same as the one in the CLR.
    const hosted = expectOk(await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${done.award_id!}`, headers: { accept: 'application/ld+json' } }))
    expect((typeof hosted === 'string' ? JSON.parse(hosted) : hosted).credentialSubject.achievement).toEqual(achievement)
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
