import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBit } from '../../src/ob/v3/status-list.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Item 9 of issue #8: erasure.
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let appKey: string
let issuer: Awaited<ReturnType<typeof setupIssuer>>
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'youth app', cityId: city.id })).token
  issuer = await setupIssuer(t, city)
})
afterAll(async () => { await t?.close() })

const L = (path = '') => `/v1/cities/${city.slug}/learners${path}`
const personal = { narrative: 'Zeynep built the robot arm at the Saturday club.', evidence: [{ narrative: 'Photos of Zeynep\'s robot' }] }
const award = (recipient: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId: issuer.klass.id, recipient, ...extra } })

/** Every row of every table of the public schema, as text, by table. */
async function everyRow (): Promise<Map<string, string>> {
  const db = t.runtime.database.db
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)
  const out = new Map<string, string>()
  for (const { table_name: name } of tables.rows) {
    const rows = await sql<{ r: string }>`select row_to_json(x)::text as r from ${sql.table(name)} x`.execute(db)
    out.set(name, rows.rows.map((r) => r.r).join('\n'))
  }
  return out
}

describe('erasure', () => {
  it('leaves nothing of the learner: awards become revoked stubs (410 erased), status list updated, one audit row', async () => {
    const db = t.runtime.database.db
    // With an Idempotency-Key: the stored reply (area, refs, masked identifiers) must go with the learner too.
    const l = expectOk(await t.app.inject({
      method: 'POST', url: L(), headers: { ...t.auth(appKey), 'idempotency-key': 'create-zeynep-1' },
      payload: { ageBand: '16-18', area: 'ZZ9', externalRefs: [{ platform: 'erasehub', ref: 'zeynep-771' }], identifiers: [{ type: 'email', value: 'zeynep.erase@example.org', verified: true }, { type: 'telephone', value: '+447700900777' }], consents: { sharing: true } },
    }), 201)
    const mine = [expectOk(await award({ learnerId: l.id }, personal), 201), expectOk(await award({ type: 'email', identity: 'zeynep.erase@example.org' }, personal), 201)]
    expect(mine[1].learnerId).toBe(l.id)
    const unlinked = expectOk(await award({ type: 'telephone', identity: '+447700900777' }), 201) // unverified: not the learner's
    const bystander = expectOk(await award({ type: 'email', identity: 'bystander@example.org' }), 201)
    const share = expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/shares`), headers: t.auth(appKey), payload: { awardIds: [mine[0].id] } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/collections`), headers: t.auth(appKey), payload: { name: 'Robots', awardIds: [mine[0].id] } }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/tokens`), headers: t.auth(appKey), payload: {} }), 201)
    expectOk(await t.app.inject({ method: 'POST', url: L(`/${l.id as string}/backpack/${mine[0].id as string}/accept`), headers: t.auth(appKey) }))
    // Publish the status list before, to see the erasure re-publish it.
    const entries = await db.selectFrom('awards').select(['id', 'status_list_id', 'status_index']).where('id', 'in', mine.map((m) => m.id)).execute()
    const listId = entries[0]!.status_list_id!
    expectOk(await t.app.inject({ method: 'GET', url: `/ob/v3/status/${listId}` }))
    const before = await db.selectFrom('status_lists').select('published_bits').where('id', '=', listId).executeTakeFirstOrThrow()
    const secrets = {
      pseudonym: (await db.selectFrom('learners').select('pseudonym').where('id', '=', l.id).executeTakeFirstOrThrow()).pseudonym,
      hashes: (await db.selectFrom('learner_identifiers').select('value_hash').where('learner_id', '=', l.id).execute()).map((r) => r.value_hash),
      guardianless: 'zeynep',
    }

    const erased = expectOk(await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}`), headers: t.auth(appKey) }))
    expect(erased).toMatchObject({ learnerId: l.id, awardsErased: 2, alreadyErased: false })
    // Idempotent: a second erasure answers the same, a third too.
    const again = expectOk(await t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}`), headers: t.auth(city.cityAdminKey) }))
    expect(again).toMatchObject({ learnerId: l.id, awardsErased: 2, alreadyErased: true, erasedAt: erased.erasedAt })
    expect((await t.app.inject({ method: 'GET', url: L(`/${l.id as string}`), headers: t.auth(appKey) })).statusCode).toBe(404)

    for (const a of mine) {
      const res = await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${a.id as string}`, headers: { accept: 'application/ld+json' } })
      expect(res.statusCode).toBe(410)
      expect(res.json().revocationReason).toBe('erased')
      expect(res.body).not.toContain('sha256$')
      const v3 = await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${a.id as string}`, headers: { accept: 'application/ld+json' } })
      expect(v3.statusCode).toBe(410)
      expect(v3.json()).toMatchObject({ code: 'GONE' })
    }
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${bystander.id as string}`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${unlinked.id as string}`, headers: { accept: 'application/ld+json' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: new URL(share.url as string).pathname })).statusCode).toBe(404)
    const after = await eventually(async () => {
      const r = await db.selectFrom('status_lists').select(['published', 'published_bits']).where('id', '=', listId).executeTakeFirstOrThrow()
      return r.published_bits === (before.published_bits ?? 0) + 2 ? r : undefined
    }, 15_000, 'the status list to be republished')
    for (const e of entries) expect(readBit(JSON.parse(after.published!).credentialSubject.encodedList, e.status_index!)).toBe(true)

    const audit = await db.selectFrom('learner_erasures').selectAll().where('learner_id', '=', l.id).execute()
    expect(audit).toEqual([expect.objectContaining({ city_id: city.id, awards_erased: 2, erased_by: expect.any(String) })])
    const events = await db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'learner.erased').execute()
    expect(events.map((e) => e.payload)).toContainEqual({ cityId: city.id, learnerId: l.id, awards: 2 })

    // Scan every table: nothing of the learner remains, and the id only in the audit row and the event log.
    const rows = await everyRow()
    for (const [table, text] of rows) {
      for (const needle of [secrets.pseudonym, ...secrets.hashes, 'zeynep', 'Zeynep', 'erasehub', 'ZZ9', '7700900777']) {
        expect(text.includes(needle), `${table} still holds ${needle}`).toBe(false)
      }
      if (text.includes(l.id as string)) expect(['learner_erasures', 'outbox'], `${table} still holds the learner id`).toContain(table)
    }
    const stubs = await db.selectFrom('awards').selectAll().where('id', 'in', mine.map((m) => m.id)).execute()
    for (const s of stubs) {
      expect(s).toMatchObject({ identity_hash: '', salt: '', plain_identity: null, narrative: null, learner_id: null, recipient_match: null, revocation_reason: 'erased' })
      expect(s.evidence).toEqual([])
      expect(s.erased_at).not.toBeNull()
    }
  })

  it('answers 404 for an unknown learner and another city\'s learner; 403 for issuers', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: L('/00000000-0000-4000-8000-000000000000'), headers: t.auth(appKey) })).statusCode).toBe(404)
    const c2 = await makeCity(t)
    const foreign = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c2.slug}/learners`, headers: t.auth(c2.cityAdminKey), payload: { ageBand: '19-24' } }), 201)
    expect((await t.app.inject({ method: 'DELETE', url: L(`/${foreign.id as string}`), headers: t.auth(appKey) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'DELETE', url: L(`/${foreign.id as string}`), headers: t.auth(issuer.issuerKey) })).statusCode).toBe(403)
    expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${c2.slug}/learners/${foreign.id as string}`, headers: t.auth(c2.cityAdminKey) }))
  })

  it('racing new awards: each award lands before and is erased, or is refused — never orphaned', async () => {
    const db = t.runtime.database.db
    for (let round = 0; round < 3; round++) {
      const l = expectOk(await t.app.inject({ method: 'POST', url: L(), headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201)
      // Two land for certain before the erasure; the others race it.
      const before = [expectOk(await award({ learnerId: l.id }), 201).id as string, expectOk(await award({ learnerId: l.id }), 201).id as string]
      const awards = Array.from({ length: 8 }, () => award({ learnerId: l.id }))
      const erasure = t.app.inject({ method: 'DELETE', url: L(`/${l.id as string}`), headers: t.auth(appKey) })
      const more = Array.from({ length: 8 }, () => award({ learnerId: l.id }))
      const results = await Promise.all([...awards, ...more])
      const done = expectOk(await erasure)
      const created = [...before, ...results.filter((r) => r.statusCode === 201).map((r) => r.json().id as string)]
      for (const r of results) expect([201, 422]).toContain(r.statusCode)
      expect(await db.selectFrom('awards').select('id').where('learner_id', '=', l.id).execute()).toEqual([])
      if (created.length) {
        const rows = await db.selectFrom('awards').select(['id', 'erased_at', 'identity_hash']).where('id', 'in', created).execute()
        expect(rows).toHaveLength(created.length)
        for (const r of rows) expect(r.erased_at, 'an award that landed was not erased').not.toBeNull()
      }
      expect(done.awardsErased).toBe(created.length)
    }
  })
})
