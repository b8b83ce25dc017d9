import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'

// Bulk issuing from CSV / JSON lines: dry run, the job, its progress and row errors (JSON and CSV), cancellation, and a
// resume after a runner died between issuing and recording (no duplicates) — on the real database and job runner.

describe('bulk issuing', () => {
  let t: TestContext
  let city: { slug: string; id: string; cityAdminKey: string }
  let issuer: Awaited<ReturnType<typeof setupIssuer>>
  const header = 'badgeClassId,recipientType,recipientIdentity,evidenceUrl,evidenceNarrative,issuedOn,idempotencyKey'

  beforeAll(async () => {
    t = await createTestApp()
    city = await makeCity(t)
    issuer = await setupIssuer(t, city)
  })
  afterAll(async () => { await t?.close() })

  const post = (body: string | Buffer, opts: { type?: string; dryRun?: boolean; key?: string } = {}) => t.app.inject({
    method: 'POST', url: `/v1/cities/${city.slug}/jobs/awards${opts.dryRun ? '?dryRun=true' : ''}`,
    headers: { ...t.auth(opts.key ?? issuer.issuerKey), 'content-type': opts.type ?? 'text/csv' }, payload: body,
  })
  const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${issuer.klass.id},email,${prefix}${i}@example.org,https://evidence.example.org/${i},"Did it, well",2026-11-01,`).join('\n')
  const countAwards = async (like: string) => Number((await sql<{ n: string }>`select count(*) as n from awards where idempotency_key like ${like}`.execute(t.runtime.database.db)).rows[0]!.n)

  it('dry-runs a file: every row checked, row errors reported, nothing issued', async () => {
    const otherCity = await makeCity(t)
    const foreign = await setupIssuer(t, otherCity)
    const csv = [header,
      `${issuer.klass.id},email,ok1@example.org,,,,`,
      `${issuer.klass.id},email,not-an-email,,,,`,
      `${foreign.klass.id},email,ok2@example.org,,,,`,
      `${issuer.klass.id},fax,123,,,,`,
      `${issuer.klass.id},email,ok3@example.org,ftp://x,,2999-01-01,`,
    ].join('\n')
    const before = await countAwards('%')
    const r = expectOk(await post(csv, { dryRun: true }))
    expect(r).toMatchObject({ dryRun: true, rows: 5, valid: 1 })
    const fields = r.errors.map((e: any) => `${e.row}:${e.field}`)
    expect(fields).toEqual(expect.arrayContaining(['2:recipientIdentity', '3:badgeClassId', '4:recipientType', '5:evidenceUrl', '5:issuedOn']))
    expect(await countAwards('%')).toBe(before)
  })

  it('issues a CSV job in the background with progress, and exactly one award per row', async () => {
    const csv = `${header}\n${rows(120, 'csv')}\n`
    const res = await post(csv)
    const job = expectOk(res, 202)
    expect(res.headers.location).toBe(`/v1/cities/${city.slug}/jobs/${job.id}`)
    expect(job).toMatchObject({ kind: 'awards', total: 120 })
    const done = await eventually(async () => {
      const j = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) }))
      return j.state === 'completed' ? j : undefined
    }, 90_000, 'the job to complete')
    expect(done).toMatchObject({ processed: 120, succeeded: 120, failed: 0, percent: 100 })
    expect(await countAwards(`bulk-${job.id}-%`)).toBe(120)
    // The awards are real: hosted and carrying the evidence.
    const one = (await t.runtime.database.db.selectFrom('awards').select(['id', 'evidence']).where('idempotency_key', '=', `bulk-${job.id}-7`).executeTakeFirstOrThrow())
    expect(JSON.stringify(one.evidence)).toContain('https://evidence.example.org/6')
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/assertions/${one.id}` })).statusCode).toBe(200)
  })

  it('takes an Idempotency-Key: the same file again replays the job, another file with that key is a 422 (was a 500)', async () => {
    // Over real HTTP: a request body stream is not serialisable (inject's is, which hid the 500).
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const send = (body: string, key: string, type = 'text/csv') => fetch(`${origin}/v1/cities/${city.slug}/jobs/awards`, {
      method: 'POST', headers: { ...t.auth(issuer.issuerKey), 'content-type': type, 'idempotency-key': key }, body,
    })
    const csv = `${header}\n${rows(3, 'idem')}\n`
    const first = await send(csv, 'bulk-idem-1')
    const firstBody = await first.text()
    expect(first.status, firstBody).toBe(202)
    const again = await send(csv, 'bulk-idem-1')
    expect(again.status).toBe(202)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect((await again.json() as { id: string }).id).toBe((JSON.parse(firstBody) as { id: string }).id)
    const other = await send(`${header}\n${rows(4, 'idem-other')}\n`, 'bulk-idem-1')
    expect(other.status).toBe(422)
    expect(other.headers.get('content-type')).toMatch(/problem\+json/)
    const ndjson = await send(`${JSON.stringify({ badgeClassId: issuer.klass.id, recipientType: 'email', recipientIdentity: 'nd@example.org' })}\n`, 'bulk-idem-2', 'application/x-ndjson')
    expect(ndjson.status, await ndjson.text()).toBe(202)
  })

  it('takes JSON lines and reports row errors as JSON and as a CSV that no spreadsheet will run as a formula', async () => {
    const lines = [
      JSON.stringify({ badgeClassId: issuer.klass.id, recipientType: 'email', recipientIdentity: 'jl1@example.org' }),
      JSON.stringify({ badgeClassId: issuer.klass.id, recipientType: 'email', recipientIdentity: '=cmd|\' /C calc\'!A0' }),
      JSON.stringify({ badgeClassId: issuer.klass.id, recipientType: 'email', recipientIdentity: 'jl2@example.org', idempotencyKey: 'mine-1' }),
    ].join('\n')
    const job = expectOk(await post(lines, { type: 'application/x-ndjson' }), 202)
    await eventually(async () => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) })).state === 'completed', 30_000, 'completed')
    const j = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) }))
    expect(j).toMatchObject({ total: 3, succeeded: 2, failed: 1 })
    expect(await countAwards('mine-1')).toBe(1)
    const errs = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}/errors`, headers: t.auth(issuer.issuerKey) }))
    expect(errs.items).toHaveLength(1)
    expect(errs.items[0]).toMatchObject({ row: 2 })
    const csv = await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}/errors`, headers: { ...t.auth(issuer.issuerKey), accept: 'text/csv' } })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain(`"'=cmd|' /C calc'!A0"`)
    expect(csv.body).not.toMatch(/(^|,)"?=cmd/m)
  })

  it('issues to learners by id (badgeClassId,learnerId): another city\'s learner or an unknown one is a row error, never an award', async () => {
    const learner = async (c: { slug: string; cityAdminKey: string }) => expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${c.slug}/learners`, headers: t.auth(c.cityAdminKey), payload: { ageBand: '19-24' } }), 201).id as string
    const mine = [await learner(city), await learner(city)]
    const otherCity = await makeCity(t)
    const theirs = await learner(otherCity)
    const unknown = '00000000-0000-4000-8000-000000000000'
    const csv = ['badgeClassId,learnerId,evidenceNarrative',
      `${issuer.klass.id},${mine[0]},First`,
      `${issuer.klass.id},${theirs},Foreign`,
      `${issuer.klass.id},${unknown},Nobody`,
      `${issuer.klass.id},not-a-uuid,Bad`,
      `${issuer.klass.id},${mine[1]},Second`,
    ].join('\n')
    const awardsOf = async (ids: string[]) => Number((await t.runtime.database.db.selectFrom('awards').select((eb) => eb.fn.countAll<string>().as('n')).where('learner_id', 'in', ids).executeTakeFirstOrThrow()).n)

    const dry = expectOk(await post(csv, { dryRun: true }))
    expect(dry).toMatchObject({ dryRun: true, rows: 5, valid: 2, errorCount: 3 })
    expect(dry.errors.map((e: any) => `${e.row}:${e.field}`).sort()).toEqual(['2:learnerId', '3:learnerId', '4:learnerId'])
    expect(await awardsOf([...mine, theirs])).toBe(0)

    const job = expectOk(await post(csv), 202)
    const done = await eventually(async () => {
      const j = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) }))
      return j.state === 'completed' ? j : undefined
    }, 60_000, 'the learner job to complete')
    expect(done).toMatchObject({ total: 5, processed: 5, succeeded: 2, failed: 3 })
    const issued = await t.runtime.database.db.selectFrom('awards').select(['learner_id', 'recipient_type', 'plain_identity', 'idempotency_key']).where('idempotency_key', 'like', `bulk-${job.id}-%`).orderBy('idempotency_key').execute()
    expect(issued.map((a) => [a.idempotency_key, a.learner_id])).toEqual([[`bulk-${job.id}-1`, mine[0]], [`bulk-${job.id}-5`, mine[1]]])
    expect(issued.every((a) => a.plain_identity === null)).toBe(true)
    expect(await awardsOf([theirs])).toBe(0)
    const errs = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}/errors`, headers: t.auth(issuer.issuerKey) }))
    expect(errs.items.map((e: any) => e.row)).toEqual([2, 3, 4])
    // The errors CSV carries the learner column back.
    const errCsv = await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}/errors`, headers: { ...t.auth(issuer.issuerKey), accept: 'text/csv' } })
    expect(errCsv.body).toContain(theirs)
    // A learner header with a recipient column too is a header error; so is a JSON line naming both.
    const both = await post(`badgeClassId,learnerId,recipientType\n${issuer.klass.id},${mine[0]},email\n`, { dryRun: true })
    expect(both.statusCode, both.body).toBe(400)
    expect(both.json().detail).toMatch(/learnerId/)
    const nd = expectOk(await post(`${JSON.stringify({ badgeClassId: issuer.klass.id, learnerId: mine[0] })}\n${JSON.stringify({ badgeClassId: issuer.klass.id, learnerId: theirs })}\n`, { dryRun: true, type: 'application/x-ndjson' }))
    expect(nd).toMatchObject({ rows: 2, valid: 1 })
  })

  it('issues a chunk in batches with every per-award guarantee: a key repeated in the file or used before replays (a different award is a row error), a verified email links its learner, a pending award gets its claim, status entries never repeat', async () => {
    const learner = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: t.auth(city.cityAdminKey), payload: { ageBand: '19-24', identifiers: [{ type: 'email', value: 'batch-verified@example.org', verified: true }] } }), 201)
    const before = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: { ...t.auth(issuer.issuerKey), 'idempotency-key': 'batch-used-before' }, payload: { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: 'batch-before@example.org' } } }), 201)
    const csv = [header,
      `${issuer.klass.id},email,batch-verified@example.org,,,,`,
      `${issuer.klass.id},email,batch-pending@example.org,,,,`,
      `${issuer.klass.id},email,batch-twice@example.org,,,,batch-twice`,
      `${issuer.klass.id},email,batch-twice@example.org,,,,batch-twice`,
      `${issuer.klass.id},email,batch-before@example.org,,,,batch-used-before`,
      `${issuer.klass.id},email,someone-else@example.org,,,,batch-used-before`,
      `${issuer.klass.id},email,batch-twice-other@example.org,,,,batch-twice`,
      ...Array.from({ length: 600 }, (_, i) => `${issuer.klass.id},email,batch-many${i}@example.org,,,,`),
    ].join('\n')
    const job = expectOk(await post(csv), 202)
    const done = await eventually(async () => {
      const j = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) }))
      return j.state === 'completed' ? j : undefined
    }, 60_000, 'the batched job')
    expect(done).toMatchObject({ total: 607, processed: 607, succeeded: 605, failed: 2 })
    const db = t.runtime.database.db
    const states = await db.selectFrom('bulk_job_rows').select(['row_no', 'state', 'award_id', 'error']).where('job_id', '=', job.id).where('row_no', '<=', 7).orderBy('row_no').execute()
    expect(states.map((r) => r.state)).toEqual(['issued', 'issued', 'issued', 'replayed', 'replayed', 'error', 'error'])
    expect(states[3]!.award_id).toBe(states[2]!.award_id)
    expect(states[4]!.award_id).toBe(before.id)
    expect(states[5]!.error).toMatch(/different award/)
    expect(states[6]!.error).toMatch(/different award/)
    expect(await countAwards('batch-twice')).toBe(1)
    expect(await countAwards('batch-used-before')).toBe(1)
    expect(await countAwards(`bulk-${job.id}-%`)).toBe(602)
    const linked = await db.selectFrom('awards').select(['learner_id', 'recipient_match']).where('idempotency_key', '=', `bulk-${job.id}-1`).executeTakeFirstOrThrow()
    expect(linked.learner_id).toBe(learner.id)
    const pending = await db.selectFrom('awards').select(['id', 'learner_id']).where('idempotency_key', '=', `bulk-${job.id}-2`).executeTakeFirstOrThrow()
    expect(pending.learner_id).toBeNull()
    expect(await db.selectFrom('award_claims').select('id').where('award_id', '=', pending.id).execute()).toHaveLength(1)
    // One award.issued event per new award, and every award its own status entry.
    const ids = (await db.selectFrom('bulk_job_rows').select('award_id').where('job_id', '=', job.id).where('state', '=', 'issued').execute()).map((r) => r.award_id!)
    expect(ids).toHaveLength(603)
    const events = await sql<{ n: string }>`select count(*) as n from outbox where type = 'award.issued' and payload->>'awardId' = any(${ids}::text[])`.execute(db)
    expect(Number(events.rows[0]!.n)).toBe(603)
    const entries = await sql<{ n: string; d: string }>`select count(*) as n, count(distinct (status_list_id, status_index)) as d from awards where organisation_id = ${issuer.org.id}`.execute(db)
    expect(Number(entries.rows[0]!.d)).toBe(Number(entries.rows[0]!.n))
  })

  it('takes a chunk\'s status entries at once, across a list that fills up (the rest on a new list, no index twice)', async () => {
    const db = t.runtime.database.db
    const open = await db.selectFrom('status_lists').select(['id', 'size']).where('organisation_id', '=', issuer.org.id).where(sql<boolean>`next_index < size`).executeTakeFirstOrThrow()
    await db.updateTable('status_lists').set({ next_index: open.size - 3 }).where('id', '=', open.id).execute()
    const job = expectOk(await post(`${header}\n${rows(10, 'fill')}\n`), 202)
    await eventually(async () => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) })).state === 'completed', 30_000, 'completed')
    const got = await db.selectFrom('awards').select(['status_list_id', 'status_index']).where('idempotency_key', 'like', `bulk-${job.id}-%`).orderBy('status_list_id').orderBy('status_index').execute()
    const onOld = got.filter((a) => a.status_list_id === open.id).map((a) => a.status_index)
    const onNew = got.filter((a) => a.status_list_id !== open.id)
    expect(onOld).toEqual([open.size - 3, open.size - 2, open.size - 1])
    expect(new Set(onNew.map((a) => a.status_list_id)).size).toBe(1)
    expect(onNew.map((a) => a.status_index)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const lists = await db.selectFrom('status_lists').select(['id', 'next_index', 'size']).where('organisation_id', '=', issuer.org.id).execute()
    expect(lists.find((l) => l.id === open.id)!.next_index).toBe(open.size)
    expect(lists.find((l) => l.id === onNew[0]!.status_list_id)!.next_index).toBe(7)
  })

  it('refuses broken files with clear problems', async () => {
    const bad = async (body: string | Buffer, status: number, match: RegExp, type?: string) => {
      const r = await post(body, { dryRun: true, ...(type ? { type } : {}) })
      expect(r.statusCode, r.body).toBe(status)
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(r.json().detail).toMatch(match)
    }
    await bad('name,email\nAda,ada@example.org\n', 400, /header row/)
    await bad(`${header}\n${issuer.klass.id},email,"open@example.org,,,,\n`, 400, /could not be read|quote/i)
    await bad(Buffer.concat([Buffer.from(`${header}\n${issuer.klass.id},email,caf`), Buffer.from([0xe9]), Buffer.from('@example.org,,,,\n')]), 400, /UTF-8/)
    await bad(`${header}\n`, 400, /no rows/)
    await bad('{"badgeClassId": 1\n', 400, /not JSON/, 'application/x-ndjson')
    const tooMany = `badgeClassId,recipientType,recipientIdentity\n${`${issuer.klass.id},email,a@example.org\n`.repeat(100_001)}`
    await bad(tooMany, 422, /at most 100,000 rows/)
    const r = await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/jobs/awards`, headers: { ...t.auth(issuer.issuerKey), 'content-type': 'application/xml' }, payload: '<x/>' })
    expect(r.statusCode).toBe(415)
  })

  it('resumes a job whose runner died after issuing a chunk but before recording it, without duplicating an award', async () => {
    await t.runtime.bulk.stop()
    try {
      const job = expectOk(await post(`${header}\n${rows(60, 'resume')}\n`), 202)
      // Issue the first 25 rows as a runner would, then "die" before recording: the rows stay pending.
      const city0 = await t.runtime.database.db.selectFrom('cities').selectAll().where('slug', '=', city.slug).executeTakeFirstOrThrow()
      const principal = (await t.runtime.database.db.selectFrom('bulk_jobs').select('principal').where('id', '=', job.id).executeTakeFirstOrThrow()).principal as any
      for (let i = 1; i <= 25; i++) {
        await t.runtime.services.awards.issue(principal, city0, { badgeClassId: issuer.klass.id, recipient: { type: 'email', identity: `resume${i - 1}@example.org` }, idempotencyKey: `bulk-${job.id}-${i}` })
      }
      await t.runtime.database.db.updateTable('bulk_jobs').set({ state: 'running', lease_until: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute()
      expect(await countAwards(`bulk-${job.id}-%`)).toBe(25)
      t.runtime.bulk.start()
      const done = await eventually(async () => {
        const j = expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(issuer.issuerKey) }))
        return j.state === 'completed' ? j : undefined
      }, 60_000, 'the resumed job')
      expect(done).toMatchObject({ processed: 60, succeeded: 60, failed: 0 })
      expect(await countAwards(`bulk-${job.id}-%`)).toBe(60)
      const replayed = await t.runtime.database.db.selectFrom('bulk_job_rows').select((eb) => eb.fn.countAll<string>().as('n')).where('job_id', '=', job.id).where('state', '=', 'replayed').executeTakeFirstOrThrow()
      expect(Number(replayed.n)).toBe(25)
    } finally {
      t.runtime.bulk.start()
    }
  })

  it('cancels a job (issued rows stand), and scopes jobs to the issuer and the city', async () => {
    await t.runtime.bulk.stop()
    const job = expectOk(await post(`${header}\n${rows(30, 'cancel')}\n`), 202)
    const cancelled = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/jobs/${job.id}/cancel`, headers: t.auth(issuer.issuerKey) }))
    expect(cancelled.state).toBe('cancelled')
    t.runtime.bulk.start()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(await countAwards(`bulk-${job.id}-%`)).toBe(0)

    const other = await setupIssuer(t, city, { name: 'Another Org' })
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id}`, headers: t.auth(other.issuerKey) })).statusCode).toBe(404)
    const otherCity = await makeCity(t)
    expect((await t.app.inject({ method: 'GET', url: `/v1/cities/${otherCity.slug}/jobs/${job.id}`, headers: t.auth(otherCity.cityAdminKey) })).statusCode).toBe(404)
    const readerKey = (await t.runtime.services.apiKeys.issue({ role: 'reader', name: 'reader', cityId: city.id })).token
    expect((await post(`${header}\n${rows(1, 'reader')}\n`, { key: readerKey })).statusCode).toBe(403)
  })
})
