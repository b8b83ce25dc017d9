import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allImportFacts } from '../../src/db/insights/insights.repo.js'
import { verifiedImportsOf } from '../../src/db/learners/imports.repo.js'
import { bakeSvg } from '../../src/ob/bake/svg.js'
import { buildAssertion, buildBadgeClass, buildCryptographicKey, buildIdentityObject, buildProfile } from '../../src/ob/v2/documents.js'
import { signAssertion } from '../../src/ob/v2/jws.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk } from '../helpers/badges.js'

// Issue #8 item 7: imports go through the POST /v1/verify pipeline, are kept with their report whatever the outcome,
// count only when verified, map to the spine by their alignments or by a city admin, and are verified again by the
// scheduler (a revocation at the issuer shows up). Remote issuers are a local HTTP server allow-listed through
// EGRESS_ALLOW_PRIVATE_HOSTS; a closed port of the same host plays an unreachable issuer.

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
const routes = new Map<string, Handler>()
const json = (body: unknown, status = 200): Handler => (_req, res) => { res.writeHead(status, { 'content-type': 'application/ld+json' }).end(JSON.stringify(body)) }
let remote: http.Server
let base = ''
let closedPort = 0
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let learnerId = ''
let other = ''
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const EMAIL = 'kim@example.org'
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'

const L = (path = '') => `/v1/cities/${city.slug}/learners/${learnerId}${path}`
const importBadge = (payload: unknown, id = learnerId, key?: string) =>
  t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners/${id}/imports`, headers: { ...t.auth(key ?? city.cityAdminKey), 'content-type': 'application/json' }, payload: payload as string })

async function hosted (path: string, extra: Record<string, unknown> = {}) {
  const recipient = buildIdentityObject('email', EMAIL, { salt: 'pepper' })
  const doc = buildAssertion({ id: `${base}${path}`, badge: `${base}/badge`, recipient, issuedOn: new Date('2025-03-01T00:00:00Z'), verification: { type: 'HostedBadge' }, ...extra })
  routes.set(path, json(doc))
  return `${base}${path}`
}

beforeAll(async () => {
  remote = http.createServer((req, res) => {
    const h = routes.get((req.url ?? '/').split('?')[0]!)
    if (h) h(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve))
  const port = (remote.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  closedPort = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  t = await createTestApp({ env: { EGRESS_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port},127.0.0.1:${closedPort}`, IMPORT_REVERIFY_SECONDS: '0' } })
  city = await makeCity(t)
  const admin = t.auth(city.cityAdminKey)
  expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/spine/elements`, headers: admin, payload: { code: 'city.teamwork', layer: 'city', title: 'Teamwork' } }), 201)
  expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/themes`, headers: admin, payload: { code: 'civic-life', kind: 'civic', title: 'Civic life' } }), 201)

  const spine = `https://badges.test/spine/${city.slug}`
  routes.set('/issuer', json(buildProfile({ id: `${base}/issuer`, name: 'Remote Library', url: base, email: 'hello@example.org', publicKey: [`${base}/key`] })))
  routes.set('/badge', json({
    ...buildBadgeClass({ id: `${base}/badge`, name: 'Maker', description: 'Makes things', image: `${base}/badge.png`, criteria: { narrative: 'Make a thing.' }, issuer: `${base}/issuer` }),
    alignment: [
      { targetName: 'Teamwork', targetUrl: `${spine}/elements/city.teamwork`, targetCode: 'city.teamwork' },
      { targetName: 'Demonstration: Skills', targetUrl: `${spine}/grid/demonstration/skills` },
      { targetName: 'Civic life', targetUrl: `${spine}/themes/civic-life` },
      { targetName: 'Elsewhere', targetUrl: 'https://esco.example.org/s/1', targetCode: 'city.teamwork-not' },
    ],
  }))
  routes.set('/key', json(buildCryptographicKey({ id: `${base}/key`, owner: `${base}/issuer`, publicKey: rsa.publicKey })))
  routes.set('/a/revoked', json({ '@context': 'https://w3id.org/openbadges/v2', id: `${base}/a/revoked`, revoked: true, revocationReason: 'issued in error' }, 410))

  learnerId = (expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: admin, payload: { ageBand: '19-24' } }), 201) as { id: string }).id
  other = (expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: admin, payload: { ageBand: '19-24' } }), 201) as { id: string }).id
})

afterAll(async () => {
  await t?.close()
  remote?.closeAllConnections()
  remote?.close()
})

const backpackImports = async (id = learnerId): Promise<string[]> =>
  ((expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/learners/${id}/backpack`, headers: t.auth(city.cityAdminKey) })) as { imports?: Array<{ importId: string }> }).imports ?? []).map((i) => i.importId)
const counted = async (id = learnerId): Promise<string[]> => (await verifiedImportsOf(t.runtime.database.db, id)).map((i) => i.id)
const failedChecks = (r: { report: { checks: Array<{ valid: boolean; code?: string }> } }) => r.report.checks.filter((c) => !c.valid).map((c) => c.code)

describe('importing a badge from elsewhere', () => {
  it('a good hosted badge verifies, maps to the spine by its alignments, counts in the backpack and records import.verified', async () => {
    const url = await hosted('/a/good')
    const res = await importBadge({ url })
    const item = expectOk(res, 201)
    expect(res.headers.location).toBe(L(`/imports/${item.id as string}`))
    expect(item).toMatchObject({
      status: 'verified', format: 'ob2-hosted', name: 'Maker', issuerName: 'Remote Library', issuedOn: '2025-03-01T00:00:00.000Z',
      spine: { elements: ['city.teamwork'], level: 'demonstration', dimensions: ['skills'] }, themes: ['civic-life'], mappedBy: 'alignment',
      source: { kind: 'url', url },
    })
    expect(item.report.verified).toBe(true)
    expect(await backpackImports()).toEqual([item.id])
    expect(await counted()).toEqual([item.id])
    const evidence = (await verifiedImportsOf(t.runtime.database.db, learnerId))[0]!
    expect(evidence).toMatchObject({ issuedOn: new Date('2025-03-01T00:00:00Z'), spine: { elements: ['city.teamwork'] }, themes: ['civic-life'] })
    const events = await t.runtime.database.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'import.verified').execute()
    expect(events.map((e) => e.payload)).toEqual([{ cityId: city.id, learnerId, importId: item.id }])
    // The same badge again: the first import, not a second one.
    const again = await importBadge({ url })
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(item.id)
    // Listed and readable through a learner token of this learner; another learner's token sees a 404.
    const token = (expectOk(await t.app.inject({ method: 'POST', url: L('/tokens'), headers: t.auth(city.cityAdminKey), payload: {} }), 201) as { token: string }).token
    expect(expectOk(await t.app.inject({ method: 'GET', url: L('/imports'), headers: t.auth(token) })).items.map((i: { id: string }) => i.id)).toContain(item.id)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/learners/${other}/imports/${item.id as string}`, headers: t.auth(city.cityAdminKey) })).statusCode).toBe(404)
  })

  it('a verified import counts towards pathways through its spine mapping (import.verified recomputes progress)', async () => {
    const admin = t.auth(city.cityAdminKey)
    const orgs = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/organisations`, headers: admin })) as { items: Array<{ id: string }> }
    const organisationId = orgs.items[0]?.id ?? (expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: { name: 'Pathway maker', url: 'https://maker.example.org', email: 'hi@maker.example.org', kind: 'college' } }), 201) as { id: string }).id
    const pathway = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/pathways`, headers: admin, payload: {
      kind: 'recommended', organisationId, title: 'Teamwork at demonstration level',
      requirements: { type: 'skill', element: 'city.teamwork', minLevel: 'demonstration', count: 1 },
    } }), 201) as { id: string }
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/pathways/${pathway.id}/publish`, headers: admin }))
    const progressOf = async (id: string) => ((expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/learners/${id}/pathways`, headers: admin })) as { items: Array<{ pathwayId: string; percent: number; satisfied: boolean }> }).items.find((i) => i.pathwayId === pathway.id))
    for (const id of [learnerId, other]) expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/pathways/${pathway.id}/followers`, headers: admin, payload: { learnerId: id } }), 201)
    // learnerId holds the verified import of the first test (city.teamwork at demonstration); `other` holds nothing.
    await eventually(async () => (await progressOf(learnerId))?.satisfied === true, 30_000, 'the import to satisfy the pathway')
    expect(await progressOf(other)).toMatchObject({ percent: 0, satisfied: false })
  })

  it('a baked SVG goes through the same pipeline', async () => {
    const url = await hosted('/a/baked')
    const svg = bakeSvg(SVG, { version: 2, hosted: { url, json: await (await fetch(url)).text() } })
    const boundary = '----import-boundary'
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.svg"\r\nContent-Type: image/svg+xml\r\n\r\n`), Buffer.from(svg), Buffer.from(`\r\n--${boundary}--\r\n`)])
    const res = await t.app.inject({ method: 'POST', url: L('/imports'), headers: { ...t.auth(city.cityAdminKey), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
    const item = expectOk(res, 201)
    expect(item).toMatchObject({ status: 'verified', source: { kind: 'image' } })
  })

  it('a revoked, a tampered and an unreachable badge are each kept with a failed report and count nowhere', async () => {
    const before = await counted()
    const revoked = expectOk(await importBadge({ url: `${base}/a/revoked` }, other), 201)
    expect(revoked.status).toBe('failed')
    expect(failedChecks(revoked).join(' ')).toMatch(/revoked/)

    const recipient = buildIdentityObject('email', EMAIL, { salt: 'pepper' })
    const jws = await signAssertion(buildAssertion({ id: 'urn:uuid:4a2b7f0e-0000-4000-8000-0000000000aa', badge: `${base}/badge`, recipient, issuedOn: new Date('2025-01-01T00:00:00Z'), verification: { type: 'SignedBadge', creator: `${base}/key` } }), rsa.privateKey)
    const good = expectOk(await importBadge({ jws }, other), 201)
    expect(good.status).toBe('verified') // the control: the untampered JWS verifies
    const [h, p, s] = jws.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, issuedOn: '2020-01-01T00:00:00Z' })).toString('base64url'), s].join('.')
    const bad = expectOk(await importBadge({ jws: tampered }, other), 201)
    expect(bad.status).toBe('failed')
    expect(failedChecks(bad)).toContain('bad_signature')

    const unreachable = expectOk(await importBadge({ url: `http://127.0.0.1:${closedPort}/a/1` }, other), 201)
    expect(unreachable.status).toBe('failed')
    expect(unreachable.report.verified).toBe(false)

    for (const failed of [revoked, bad, unreachable]) {
      expect(expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/learners/${other}/imports/${failed.id as string}`, headers: t.auth(city.cityAdminKey) })).status).toBe('failed')
    }
    expect(await counted(other)).toEqual([good.id])
    expect(await backpackImports(other)).toEqual([good.id])
    expect(await counted()).toEqual(before)
    const listed = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/learners/${other}/imports?status=failed`, headers: t.auth(city.cityAdminKey) }))
    expect(listed.items.map((i: { id: string }) => i.id).sort()).toEqual([revoked.id, bad.id, unreachable.id].sort())
  })

  it('the scheduled re-verification finds a later revocation: the import stops counting (pathways, insights) with import.revoked', async () => {
    const db = t.runtime.database.db
    const url = await hosted('/a/later')
    const item = expectOk(await importBadge({ url }), 201)
    expect(item.status).toBe('verified')
    expect(await counted()).toContain(item.id)
    // Verified imports count in the insights like awards (issue #8 item 7): import.verified adds its fact.
    const fact = await eventually(async () => (await allImportFacts(db, city.id)).find((f) => f.import_id === item.id), 30_000, 'the import to count in the insights')
    expect(fact).toMatchObject({ learner_id: learnerId, age_band: '19-24', spine_level: 'demonstration', spine_elements: ['city.teamwork'], spine_dimensions: ['skills'], themes: ['civic-life'], issued_on: new Date('2025-03-01T00:00:00Z') })
    routes.set('/a/later', json({ '@context': 'https://w3id.org/openbadges/v2', id: url, revoked: true, revocationReason: 'withdrawn' }, 410))
    await t.runtime.scheduler.tick()
    const after = expectOk(await t.app.inject({ method: 'GET', url: L(`/imports/${item.id as string}`), headers: t.auth(city.cityAdminKey) }))
    expect(after.status).toBe('failed')
    expect(failedChecks(after).join(' ')).toMatch(/revoked/)
    expect(after.verifiedAt).toBe(item.verifiedAt)
    expect(new Date(after.checkedAt).getTime()).toBeGreaterThan(new Date(item.checkedAt).getTime())
    expect(await counted()).not.toContain(item.id)
    expect(await backpackImports()).not.toContain(item.id)
    const revokedEvents = await db.selectFrom('outbox').select('payload').where('type', '=', 'import.revoked').execute()
    expect(revokedEvents.map((e) => e.payload)).toContainEqual({ cityId: city.id, learnerId, importId: item.id })
    await eventually(async () => !(await allImportFacts(db, city.id)).some((f) => f.import_id === item.id), 30_000, 'the revoked import to stop counting in the insights')
    // reconcile: the rebuild equals what the events made.
    const incremental = await allImportFacts(db, city.id)
    await t.runtime.services.insights.rebuild(city.id)
    expect(await allImportFacts(db, city.id)).toEqual(incremental)
  })

  it('an import that failed (issuer away) and verifies later on the schedule starts counting, with import.verified', async () => {
    const url = `${base}/a/flaky`
    const item = expectOk(await importBadge({ url }), 201)
    expect(item.status).toBe('failed')
    await hosted('/a/flaky')
    await t.runtime.scheduler.tick()
    await eventually(async () => (await counted()).includes(item.id), 5_000, 'the import to count')
    const events = await t.runtime.database.db.selectFrom('outbox').select('payload').where('type', '=', 'import.verified').execute()
    expect(events.map((e) => (e.payload as { importId: string }).importId)).toContain(item.id)
  })

  it('a city admin maps an import to the spine; unknown codes are a 422 naming the field; apps may not map', async () => {
    const url = await hosted('/a/unaligned')
    routes.set('/badge2', json(buildBadgeClass({ id: `${base}/badge2`, name: 'Plain', description: 'No alignments', image: `${base}/b.png`, criteria: { narrative: 'x' }, issuer: `${base}/issuer` })))
    routes.set('/a/unaligned', json(buildAssertion({ id: url, badge: `${base}/badge2`, recipient: buildIdentityObject('email', EMAIL, { salt: 's' }), issuedOn: new Date('2025-04-01T00:00:00Z'), verification: { type: 'HostedBadge' } })))
    const item = expectOk(await importBadge({ url }), 201)
    expect(item.spine).toBeUndefined()
    const path = L(`/imports/${item.id as string}/spine`)
    const bad = await t.app.inject({ method: 'PUT', url: path, headers: t.auth(city.cityAdminKey), payload: { elements: ['city.nope'], themes: ['civic-life'] } })
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    expect(JSON.stringify(bad.json())).toContain('/elements/0')
    const appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'app', cityId: city.id })).token
    expect((await t.app.inject({ method: 'PUT', url: path, headers: t.auth(appKey), payload: { elements: ['city.teamwork'] } })).statusCode).toBe(403)
    const mapped = expectOk(await t.app.inject({ method: 'PUT', url: path, headers: t.auth(city.cityAdminKey), payload: { elements: ['city.teamwork'], level: 'participation', themes: ['civic-life'] } }))
    expect(mapped).toMatchObject({ spine: { elements: ['city.teamwork'], level: 'participation', dimensions: ['skills'] }, themes: ['civic-life'], mappedBy: 'admin' })
    // A re-verification keeps the admin's mapping.
    await t.runtime.scheduler.tick()
    expect(expectOk(await t.app.inject({ method: 'GET', url: L(`/imports/${item.id as string}`), headers: t.auth(city.cityAdminKey) }))).toMatchObject({ mappedBy: 'admin', spine: { level: 'participation' } })
  })

  it('input that is no badge request at all is a 400 problem and stores nothing', async () => {
    const n = (await t.runtime.database.db.selectFrom('learner_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    const res = await importBadge({ url: 'https://a.example', jws: 'x.y.z' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect((await t.runtime.database.db.selectFrom('learner_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(n)
  })

  it('erasing the learner erases the imports', async () => {
    const fresh = (expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: t.auth(city.cityAdminKey), payload: { ageBand: '19-24' } }), 201) as { id: string }).id
    expectOk(await importBadge({ url: await hosted('/a/erase') }, fresh), 201)
    expectOk(await t.app.inject({ method: 'DELETE', url: `/v1/cities/${city.slug}/learners/${fresh}`, headers: t.auth(city.cityAdminKey) }))
    expect(await t.runtime.database.db.selectFrom('learner_imports').select('id').where('learner_id', '=', fresh).execute()).toEqual([])
  })
})
