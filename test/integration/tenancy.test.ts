import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'

let t: TestContext
beforeAll(async () => { t = await createTestApp() })
afterAll(async () => { await t?.close() })

const newOrg = (name = 'Harbourside College') => ({ name, url: 'https://harbourside.example.org', email: 'Badges@Harbourside.example.org', kind: 'college' })

describe('authentication', () => {
  it('answers 401 problem+json without a key, with a malformed header and with an unknown key', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer cbk_aaaaaaaaaaaaaaaa_' + 'x'.repeat(43) }, { authorization: 'Bearer nonsense' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/cities', headers })
      expect(res.statusCode).toBe(401)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
      expect(res.json()).toMatchObject({ status: 401, title: 'Unauthorized', code: 'UNAUTHENTICATED' })
    }
  })

  it('stores only a hash of the key, records last use, and refuses a revoked key', async () => {
    const city = await makeCity(t)
    const created = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: t.auth(city.cityAdminKey), payload: { name: 'reader for dashboards', role: 'reader' } })
    expect(created.statusCode).toBe(201)
    const { key, apiKey } = created.json() as { key: string; apiKey: { id: string } }
    expect(key).toMatch(/^cbk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/)
    const row = await t.runtime.database.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow()
    expect(row.secret_hash).not.toContain(key.split('_').slice(2).join('_'))
    expect(JSON.stringify(row)).not.toContain(key)
    expect(row.last_used_at).toBeNull()

    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}`, headers: t.auth(key) })).statusCode).toBe(200)
    await expect.poll(async () => (await t.runtime.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow()).last_used_at, { timeout: 15_000 }).not.toBeNull()

    const revoked = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys/${apiKey.id}/revoke`, headers: t.auth(city.cityAdminKey) })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json().revokedAt).toBeTypeOf('string')
    const again = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys/${apiKey.id}/revoke`, headers: t.auth(city.cityAdminKey) })
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}`, headers: t.auth(key) })).statusCode).toBe(401)
  })

  it('CITYBADGES_ADMIN_KEY is a working platform-admin key', async () => {
    const value = 'operator-chosen-admin-key-0123456789'
    await t.runtime.services.apiKeys.ensureAdminKey(value)
    const res = await t.app.inject({ method: 'GET', url: '/v1/cities', headers: t.auth(value) })
    expect(res.statusCode).toBe(200)
  })
})

describe('tenancy and roles', () => {
  it('hides another city and its organisations behind 404s', async () => {
    const a = await makeCity(t)
    const b = await makeCity(t)
    const org = await t.app.inject({ method: 'POST', url: `/v1/cities/${b.slug}/organisations`, headers: t.auth(b.cityAdminKey), payload: newOrg() })
    expect(org.statusCode).toBe(201)
    const orgId = org.json().id as string
    // A's admin cannot see B, nor B's organisation through A's path.
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${b.slug}`, headers: t.auth(a.cityAdminKey) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${b.slug}/organisations/${orgId}`, headers: t.auth(a.cityAdminKey) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${a.slug}/organisations/${orgId}`, headers: t.auth(a.cityAdminKey) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${b.slug}/organisations/${orgId}`, headers: t.auth(b.cityAdminKey) })).statusCode).toBe(200)
  })

  it('enforces roles: readers read, issuers edit only their own organisation, only platform admins create cities', async () => {
    const c = await makeCity(t)
    const o1 = (await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: newOrg('One') })).json()
    const o2 = (await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: newOrg('Two') })).json()
    const issuer = (await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/api-keys`, headers: t.auth(c.cityAdminKey), payload: { name: 'one', role: 'issuer', organisationId: o1.id } })).json().key as string
    const reader = (await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/api-keys`, headers: t.auth(c.cityAdminKey), payload: { name: 'r', role: 'reader' } })).json().key as string

    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(reader) })).statusCode).toBe(200)
    const readerWrite = await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(reader), payload: newOrg() })
    expect(readerWrite.statusCode).toBe(403)
    expect(readerWrite.json().code).toBe('FORBIDDEN')
    expect((await t.app.inject({ method: 'PATCH', url: `/v1/cities/${c.slug}/organisations/${o1.id}`, headers: t.auth(issuer), payload: { description: 'ours' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'PATCH', url: `/v1/cities/${c.slug}/organisations/${o2.id}`, headers: t.auth(issuer), payload: { description: 'theirs' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(c.cityAdminKey), payload: { slug: 'nope', name: 'Nope' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/v1/cities', headers: t.auth(issuer) })).statusCode).toBe(403)
    // An issuer key must name an organisation of this city.
    const bad = await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/api-keys`, headers: t.auth(c.cityAdminKey), payload: { name: 'x', role: 'issuer', organisationId: '00000000-0000-4000-8000-000000000000' } })
    expect(bad.statusCode).toBe(422)
  })
})

describe('cities and organisations', () => {
  it('creates a city once: a second city with the same slug is a 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: 'plymouth', name: 'Plymouth', locales: ['en', 'cy'] } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ slug: 'plymouth', name: 'Plymouth', locales: ['en', 'cy'], privacyThreshold: 10, storePlainIdentity: false })
    const dup = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug: 'plymouth', name: 'Again' } })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().code).toBe('CONFLICT')
  })

  it('validates issuer profiles and lower-cases emails', async () => {
    const c = await makeCity(t)
    const ok = await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: { ...newOrg(), telephone: '+441632960000' } })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().email).toBe('badges@harbourside.example.org')
    const bad = await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: { ...newOrg(), email: 'not-an-email', url: 'ftp://x.example', telephone: '0123' } })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['/email', '/telephone', '/url'])
  })

  it('pages through organisations with a cursor and a Link header', async () => {
    const c = await makeCity(t)
    const names = Array.from({ length: 7 }, (_, i) => `Org ${i}`)
    for (const name of names) await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/organisations`, headers: t.auth(c.cityAdminKey), payload: newOrg(name) })
    const seen: string[] = []
    let url = `/v1/cities/${c.slug}/organisations?limit=3`
    for (let i = 0; i < 5 && url; i++) {
      const res = await t.app.inject({ method: 'GET', url, headers: t.auth(c.cityAdminKey) })
      expect(res.statusCode).toBe(200)
      const page = res.json() as { items: Array<{ name: string }>; nextCursor: string | null }
      seen.push(...page.items.map((o) => o.name))
      if (page.nextCursor) expect(res.headers.link).toContain('rel="next"')
      url = page.nextCursor ? `/v1/cities/${c.slug}/organisations?limit=3&cursor=${encodeURIComponent(page.nextCursor)}` : ''
    }
    expect(seen).toEqual(names)
    const broken = await t.app.inject({ method: 'GET', url: `/v1/cities/${c.slug}/organisations?cursor=garbage`, headers: t.auth(c.cityAdminKey) })
    expect(broken.statusCode).toBe(400)
  })
})
