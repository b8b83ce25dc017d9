import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MATRIX, TENANTS, type Outcome, type Role, type Target, type Tenant } from '../authz/matrix.js'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, classBody, expectOk, orgBody } from '../helpers/badges.js'

// Issue #14 item 6 / issue #15 item 5: every operation of the OpenAPI document × every role × every tenant.
const spec = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../openapi/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> }
const OPERATIONS = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId ?? '(no operationId)'))

let t: TestContext
const keys = {} as Record<Role, string | undefined>
const targets = {} as Record<Tenant, Target>
beforeAll(async () => {
  t = await createTestApp()
  const a = await makeCity(t)
  const b = await makeCity(t)
  const org = async (c: { slug: string; cityAdminKey: string }, name: string) =>
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: orgBody(name) }), 201).id as string
  const issuer = async (c: { slug: string; cityAdminKey: string }, orgId: string) =>
    expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/api-keys`, headers: t.auth(c.cityAdminKey), payload: { name: 'issuer', role: 'issuer', organisationId: orgId } }), 201).key as string
  const a1 = await org(a, 'A1')
  const a2 = await org(a, 'A2')
  const b1 = await org(b, 'B1')
  const b2 = await org(b, 'B2')
  const build = async (c: { slug: string; cityAdminKey: string }, orgId: string, peerOrgId: string): Promise<Target> => {
    const key = await issuer(c, orgId)
    const admin = t.auth(c.cityAdminKey)
    const klass = await approvedClass(t, c, orgId, key)
    const base = `/v1/cities/${c.slug}`
    const draft = expectOk(await t.app.inject({ method: 'POST', url: `${base}/badge-classes`, headers: t.auth(key), payload: classBody(orgId) }), 201)
    const submitted = expectOk(await t.app.inject({ method: 'POST', url: `${base}/badge-classes`, headers: t.auth(key), payload: classBody(orgId) }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: `${base}/badge-classes/${submitted.id}/submit`, headers: t.auth(key) }))
    const award = expectOk(await t.app.inject({ method: 'POST', url: `${base}/awards`, headers: t.auth(key), payload: { badgeClassId: klass.id, recipient: { type: 'email', identity: 'a@example.org' } } }), 201)
    const endorsement = expectOk(await t.app.inject({ method: 'POST', url: `${base}/endorsements`, headers: t.auth(key), payload: { organisationId: orgId, subject: { type: 'organisation', id: peerOrgId } } }), 201)
    const apiKey = expectOk(await t.app.inject({ method: 'POST', url: `${base}/api-keys`, headers: admin, payload: { name: 'to revoke', role: 'reader' } }), 201)
    const element = `city.m${randomBytes(3).toString('hex')}`
    expectOk(await t.app.inject({ method: 'POST', url: `${base}/spine/elements`, headers: admin, payload: { code: element, layer: 'city', title: 'Matrix' } }), 201)
    const theme = `sector.m${randomBytes(3).toString('hex')}`
    expectOk(await t.app.inject({ method: 'POST', url: `${base}/themes`, headers: admin, payload: { code: theme, kind: 'sector', title: 'Matrix' } }), 201)
    const destination = `employment.m${randomBytes(3).toString('hex')}`
    expectOk(await t.app.inject({ method: 'POST', url: `${base}/destinations`, headers: admin, payload: { code: destination, kind: 'employment', title: 'Matrix' } }), 201)
    return {
      city: c.slug, orgId, peerOrgId, classId: klass.id, awardId: award.id, endorsementId: endorsement.id, assertionId: award.id,
      apiKeyId: apiKey.apiKey.id, draftClassId: draft.id, submittedClassId: submitted.id, elementCode: element, themeCode: theme,
      destinationCode: destination, unique: randomBytes(8).toString('hex'),
    }
  }
  targets.own = await build(a, a1, a2)
  targets.otherOrg = await build(a, a2, a1)
  targets.otherCity = await build(b, b1, b2)
  keys['platform-admin'] = t.adminKey
  keys['city-admin'] = a.cityAdminKey
  keys.issuer = await issuer(a, a1)
  keys.reader = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${a.slug}/api-keys`, headers: t.auth(a.cityAdminKey), payload: { name: 'reader', role: 'reader' } }), 201).key
  keys.none = undefined
}, 300_000)
afterAll(async () => { await t?.close() })

function matches (outcome: Outcome, status: number): boolean {
  if (outcome === 'provisional') return status !== 401 && status < 500
  if (outcome === 'public') return status !== 401 && status !== 403 && status < 500
  if (outcome === 'ok') return (status >= 200 && status < 300) || [304, 409, 410, 422].includes(status)
  return status === outcome
}

describe('authorisation matrix', () => {
  it('every operation of the OpenAPI document has an entry, and every entry an operation', () => {
    expect(OPERATIONS.length).toBeGreaterThan(70)
    expect(OPERATIONS.filter((op) => MATRIX[op] === undefined), 'operations without an entry in test/authz/matrix.ts').toEqual([])
    expect(Object.keys(MATRIX).filter((op) => !OPERATIONS.includes(op)), 'entries without an operation').toEqual([])
  })

  // Another city's ids under one's own city (a repository that forgot its city filter would answer them).
  it('another city’s resource ids under the caller’s own city answer 404, for every operation on one resource', async () => {
    const wrong: string[] = []
    const scoped = Object.entries(MATRIX).filter(([, e]) => e.orgScoped && e.policy.none.own === 401)
    expect(scoped.length).toBeGreaterThan(10)
    for (const [op, entry] of scoped) {
      for (const role of ['city-admin', 'platform-admin'] as const) {
        const req = entry.request({ ...targets.otherCity, city: targets.own.city, peerOrgId: targets.own.peerOrgId })
        const res = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: t.auth(keys[role]), ...(req.payload !== undefined ? { payload: req.payload as object } : {}) })
        const status = entry.itemStatus && res.statusCode === 200 ? (res.json() as { items: Array<{ status: number }> }).items[0]!.status : res.statusCode
        if (![404, 422].includes(status)) wrong.push(`${op} as ${role}: ${status} ${res.body.slice(0, 120)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('lists hold what the caller may see, and only that: an issuer its organisation’s awards; a city admin its keys', async () => {
    const issuerAwards = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${targets.own.city}/awards`, headers: t.auth(keys.issuer) })).items as Array<{ id: string; organisationId: string }>
    expect(issuerAwards.map((a) => a.id)).toContain(targets.own.awardId)
    expect(issuerAwards.every((a) => a.organisationId === targets.own.orgId)).toBe(true)
    const adminAwards = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${targets.own.city}/awards`, headers: t.auth(keys['city-admin']) })).items as Array<{ id: string }>
    expect(adminAwards.map((a) => a.id)).toEqual(expect.arrayContaining([targets.own.awardId, targets.otherOrg.awardId]))
    expect(adminAwards.map((a) => a.id)).not.toContain(targets.otherCity.awardId)

    const listed = await t.app.inject({ method: 'GET', url: `/v1/cities/${targets.own.city}/api-keys`, headers: t.auth(keys['city-admin']) })
    const items = expectOk(listed).items as Array<Record<string, unknown>>
    expect(items.map((k) => k.id)).toEqual(expect.arrayContaining([targets.own.apiKeyId, targets.otherOrg.apiKeyId]))
    expect(items.map((k) => k.id)).not.toContain(targets.otherCity.apiKeyId)
    expect(items.find((k) => k.id === targets.own.apiKeyId)).toMatchObject({ role: 'reader', name: 'to revoke' })
    expect(listed.body).not.toMatch(/cbk_[A-Za-z0-9]{8}|"(token|hash|key_hash)"/)
  })

  // Roles that are refused go first, so the resources are still in their fixture state when they are tried.
  const ORDER: Role[] = ['none', 'reader', 'issuer', 'city-admin', 'platform-admin']
  it.each(OPERATIONS.filter((op) => MATRIX[op] !== undefined))('%s', async (op) => {
    const entry = MATRIX[op]!
    const wrong: string[] = []
    for (const tenant of TENANTS) {
      if (tenant === 'otherOrg' && !entry.orgScoped) continue
      for (const role of ORDER) {
        const want = entry.policy[role][tenant]
        if (want === undefined) continue
        let target = targets[tenant]
        if (entry.freshElement) {
          const code = `city.f${randomBytes(4).toString('hex')}`
          expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${target.city}/spine/elements`, headers: t.auth(), payload: { code, layer: 'city', title: 'Fresh' } }), 201)
          target = { ...target, elementCode: code }
        }
        const req = entry.request({ ...target, unique: randomBytes(8).toString('hex') })
        const key = keys[role]
        const res = await t.app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers: { ...(key ? t.auth(key) : {}), ...(req.headers ?? {}) },
          ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
        })
        const status = entry.itemStatus && res.statusCode === 200 ? (res.json() as { items: Array<{ status: number }> }).items[0]!.status : res.statusCode
        if (!matches(want, status)) wrong.push(`${role} on ${tenant}: want ${want}, got ${status} ${res.body.slice(0, 160)}`)
        if (res.statusCode >= 400) {
          // Our errors are problem+json, except where a standard says otherwise: the OB 3.0 API answers the spec's
          // Imsx_StatusInfo, and the OAuth sign-in steps are pages a browser shows.
          const type = String(res.headers['content-type'])
          if (req.url.startsWith('/ims/')) expect((res.json() as { imsx_codeMajor?: string }).imsx_codeMajor, `${op} ${role} ${tenant}: Imsx_StatusInfo`).toBe('failure')
          else if (req.url.startsWith('/oauth/interaction/') && type.startsWith('text/html')) expect(res.body, `${op} ${role} ${tenant}`).toMatch(/<html/)
          else expect(type, `${op} ${role} ${tenant}`).toMatch(/problem\+json/)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})
