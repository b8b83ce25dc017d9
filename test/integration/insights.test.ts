import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allFacts, allImportFacts, refreshAwardFacts } from '../../src/db/insights/insights.repo.js'
import { signDataIntegrity } from '../../src/ob/v3/data-integrity.js'
import { buildOpenBadgeCredential } from '../../src/ob/v3/documents.js'
import { didKeyVerificationMethod, generateEd25519 } from '../../src/ob/v3/multikey.js'
import { keepInsightFacts } from '../../src/jobs/insights-facts.js'
import type { DeliveredEvent, EventType } from '../../src/jobs/events.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { approvedClass, expectOk, setupIssuer } from '../helpers/badges.js'

// Citywide insights end to end (issue #11) on the real database and queue (and embedded): facts kept from events,
// the tables through the disclosure rules as JSON and CSV, who may see what, exclusions (opt-out, under-13 without
// consent, revoked, erased), rebuild = incremental after a random sequence with duplicates, deciles and bad input.

describe('citywide insights', () => {
  let t: TestContext
  let city: { slug: string; id: string; cityAdminKey: string }
  let other: { slug: string; id: string; cityAdminKey: string }
  let one: Awaited<ReturnType<typeof setupIssuer>>
  let two: Awaited<ReturnType<typeof setupIssuer>>
  let three: Awaited<ReturnType<typeof setupIssuer>>
  let wellbeing: any
  let readerKey: string
  let otherReaderKey: string
  const learners: Array<{ id: string; area: string; band: string }> = []
  const awards: Array<{ id: string; learnerId: string }> = []

  const base = () => `/v1/cities/${city.slug}`
  const admin = () => t.auth(city.cityAdminKey)
  const get = (url: string, key = readerKey, accept = 'application/json') => t.app.inject({ method: 'GET', url: `${base()}${url}`, headers: { ...t.auth(key), accept } })
  const table = async (url: string, key = readerKey) => expectOk(await get(url, key))
  const settle = async () => {
    await t.runtime.relay.drain()
    let last = ''
    await eventually(async () => {
      const n = await sql<{ n: string }>`select count(*) as n from outbox where dispatched_at is null`.execute(t.runtime.database.db)
      const snap = JSON.stringify([await allFacts(t.runtime.database.db, city.id), await allImportFacts(t.runtime.database.db, city.id)])
      const stable = Number(n.rows[0]!.n) === 0 && snap === last
      last = snap
      if (!stable) await new Promise((r) => setTimeout(r, 250))
      return stable
    }, 30_000, 'insight facts to settle')
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { INSIGHT_TABLE_MAX_AGE_SECONDS: '0' } })
    city = await makeCity(t)
    other = await makeCity(t)
    one = await setupIssuer(t, city, { name: 'Harbourside College' })
    two = await setupIssuer(t, city, { name: 'Northside Youth Club' })
    three = await setupIssuer(t, city, { name: 'City Museum' })
    wellbeing = await approvedClass(t, city, two.org.id, two.issuerKey, { name: 'Team Player', spine: { elements: ['col.civic-global'], level: 'demonstration', dimensions: ['attitudes-values'] }, themes: ['civic'], destinations: ['education'] })
    readerKey = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/api-keys`, headers: admin(), payload: { name: 'officer', role: 'reader' } }), 201).key
    otherReaderKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${other.slug}/api-keys`, headers: t.auth(other.cityAdminKey), payload: { name: 'officer', role: 'reader' } }), 201).key
    expectOk(await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold: 5 } }))
    // 36 learners in two areas, and a planted group of 3 in area ZZ9.
    const groups: Array<[string, string, number]> = [['LS6', '16-18', 14], ['LS6', '19-24', 10], ['LS7', '16-18', 12], ['ZZ9', '13-15', 3]]
    for (const [area, band, n] of groups) {
      for (let i = 0; i < n; i++) {
        const l = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand: band, area } }), 201)
        learners.push({ id: l.id, area, band })
      }
    }
    // Three organisations share the learners (none dominates a figure); some of Northside's learners hold two badges.
    for (const [i, l] of learners.entries()) {
      const [issuer, klass] = i % 3 === 0 ? [one, one.klass.id] : i % 3 === 1 ? [two, wellbeing.id] : [three, three.klass.id]
      awards.push({ id: (await award(issuer, klass, l.id)).id, learnerId: l.id })
      if (i % 3 === 1 && i % 2 === 0) awards.push({ id: (await award(two, two.klass.id, l.id)).id, learnerId: l.id })
    }
    await settle()
  }, 300_000)
  afterAll(async () => { await t?.close() })

  const award = async (issuer: { issuerKey: string }, badgeClassId: string, learnerId: string) =>
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards`, headers: t.auth(issuer.issuerKey), payload: { badgeClassId, recipient: { learnerId } } }), 201)

  const cell = (tb: any, row: string, col = 'all') => tb.cells.find((c: any) => c.row === row && c.col === col)

  // Imported badges (issue #8 item 7): OB 3.0 credentials from an issuer elsewhere, signed with a did:key (they verify
  // offline through the POST /v1/verify pipeline).
  const elsewhere = generateEd25519()
  const elsewhereVm = didKeyVerificationMethod(elsewhere.publicKey)
  let importSeq = 0
  const importFor = async (learnerId: string) => {
    const n = importSeq++
    const doc = buildOpenBadgeCredential({
      id: `https://elsewhere.example/credentials/${n}`, name: 'Library reader', issuer: { id: elsewhereVm.split('#')[0]!, name: 'Library elsewhere' },
      validFrom: new Date('2026-02-01T10:00:00Z'), subject: { id: `urn:uuid:${learnerId}` },
      achievement: { id: 'https://elsewhere.example/achievements/reader', name: 'Reader', description: 'Read ten books', criteria: { narrative: 'Read ten books.' } },
    })
    const credential = await signDataIntegrity(doc, { privateKey: elsewhere.privateKey, verificationMethod: elsewhereVm, created: new Date('2026-02-01T10:00:00Z') })
    const item = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners/${learnerId}/imports`, headers: admin(), payload: { credential } }), 201)
    expect(item.status, JSON.stringify(item.report.checks.filter((c: any) => !c.valid))).toBe('verified')
    return item as { id: string }
  }

  it('counts distinct learners by area, suppresses the planted group and lists the rules, as JSON and CSV', async () => {
    const tb = await table('/insights/learners?by=area')
    expect(tb.answered).toBe(true)
    expect(tb.rows.map((r: any) => r.key)).toEqual(['LS6', 'LS7', 'ZZ9'])
    expect(cell(tb, 'ZZ9')).toMatchObject({ value: null, suppressed: true })
    // Secondary suppression: a second figure of the column goes too, so ZZ9 = total - LS6 - LS7 is not possible.
    expect(tb.cells.filter((c: any) => c.suppressed).length).toBeGreaterThanOrEqual(2)
    for (const f of [...tb.cells, ...tb.rowTotals, ...tb.colTotals, tb.total]) if (f.value !== null) expect(f.value % 5).toBe(0)
    expect(Math.abs(tb.total.value - 39)).toBeLessThan(5)
    expect(tb.rules.map((r: any) => r.rule)).toEqual(expect.arrayContaining(['distinct-learners', 'small-cell', 'dominance', 'secondary', 'rounding']))
    expect(JSON.stringify(tb)).not.toContain('"reason"')

    const csv = await get('/insights/learners?by=area', readerKey, 'text/csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\r\n')[0]).toBe('kind,row,row_label,col,col_label,value,suppressed')
    expect(csv.body).toContain('"cell","ZZ9","ZZ9","all","all","","true"')
    expect(csv.body).toContain('"rule","small-cell"')

    // Awards: counted per award, but never where the learner figure is suppressed.
    const aw = await table('/insights/awards?by=area')
    expect(cell(aw, 'ZZ9').suppressed).toBe(true)
    const ls6 = awards.filter((a) => learners.find((l) => l.id === a.learnerId)!.area === 'LS6').length
    expect(ls6).toBeGreaterThan(24)
    expect(Math.abs(cell(aw, 'LS6').value - ls6)).toBeLessThan(5)
  })

  it('breaks down by theme, organisation, spine cell, age band, period and new vs returning; filters narrow', async () => {
    const byOrg = await table('/insights/learners?by=organisation')
    expect(byOrg.rows.map((r: any) => r.label).sort()).toEqual(['City Museum', 'Harbourside College', 'Northside Youth Club'])
    const heat = await table('/insights/learners?by=level,dimension')
    expect(heat.rows.map((r: any) => r.key)).toEqual(expect.arrayContaining(['participation', 'demonstration']))
    expect(heat.cols.map((c: any) => c.key)).toEqual(expect.arrayContaining(['skills', 'knowledge', 'attitudes-values']))
    const month = new Date().toISOString().slice(0, 7)
    const time = await table('/insights/awards?period=month')
    expect(time.rows.map((r: any) => r.key)).toEqual([month])
    const nr = await table(`/insights/learners?by=newReturning&period=${month}`)
    expect(nr.rows.map((r: any) => r.key)).toEqual(['new'])
    const filtered = await table('/insights/learners?by=ageBand&area=LS6')
    expect(filtered.rows.map((r: any) => r.key)).toEqual(['16-18', '19-24'])
    // A filtered population below the threshold answers nothing at all.
    const small = await table('/insights/learners?by=ageBand&area=ZZ9')
    expect(small).toMatchObject({ answered: false, cells: [], total: null })
    expect(small.rules.map((r: any) => r.rule)).toContain('population')
  })

  it('lets an organisation see its own learners only, and refuses other cities and other roles', async () => {
    const own = await table('/insights/learners?by=organisation', two.issuerKey)
    expect(own.rows.map((r: any) => r.label)).toEqual(['Northside Youth Club'])
    expect(Math.abs(own.total.value - 13)).toBeLessThan(5)
    const res = await t.app.inject({ method: 'GET', url: `${base()}/insights/learners`, headers: t.auth(otherReaderKey) })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('answers bad input with problem+json 4xx', async () => {
    const cases: Array<[string, number]> = [
      ['/insights/visitors', 400],
      ['/insights/learners?by=postcode', 400],
      ['/insights/learners?by=area,ageBand,theme', 400],
      ['/insights/learners?religion=x', 400],
      ['/insights/learners?period=2999-01', 422],
      [`/insights/learners?period=${new Date().getUTCFullYear() + 1}`, 422],
      ['/insights/learners?period=fortnight', 400],
      ['/insights/funnel?by=organisation', 400],
      ['/insights/supply-demand?theme=civic', 400],
    ]
    for (const [url, status] of cases) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(status)
      expect(res.headers['content-type'], url).toContain('application/problem+json')
    }
    for (const threshold of [4, 0, -1]) {
      const res = await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: admin(), payload: { threshold } })
      expect(res.statusCode).toBe(422)
    }
    const byReader = await t.app.inject({ method: 'PUT', url: `${base()}/insights/settings`, headers: t.auth(readerKey), payload: { threshold: 20 } })
    expect(byReader.statusCode).toBe(403)
    expect(expectOk(await get('/insights/settings')).threshold).toBe(5)
  })

  it('takes deprivation deciles as CSV, breaks insights down by decile, and refuses bad files', async () => {
    const put = (body: string | Buffer, key = city.cityAdminKey) => t.app.inject({ method: 'PUT', url: `${base()}/insights/deciles`, headers: { ...t.auth(key), 'content-type': 'text/csv' }, payload: body })
    expect(expectOk(await put('area,decile\r\nLS6,1\r\nls7,9\r\n'))).toMatchObject({ areas: 2 })
    const tb = await table('/insights/learners?by=decile')
    expect(tb.rows.map((r: any) => r.key)).toEqual(['1', '9', 'unknown'])
    expect(cell(tb, '1').value).toBeGreaterThanOrEqual(20)
    const two = await table('/insights/learners?by=decile,ageBand')
    expect(two.cols.length).toBeGreaterThan(1)

    const bad: Array<[string | Buffer, number, string?]> = [
      ['area,decile\nLS6,1\nLS6,2\n', 422, 'twice'],
      ['area,decile\nLS6,0\n', 422, 'decile'],
      ['area,decile\nLS6,11\n', 422, 'decile'],
      ['area,decile\nLS6,x\n', 422, 'decile'],
      ['area,decile\n<script>,3\n', 422, 'unknown area code'],
      ['area,decile\nTHISISWAYTOOLONGACODE,3\n', 422, 'unknown area code'],
      ['postcode,score\nLS6,1\n', 400],
      ['area,decile\n"LS6,1\n', 400],
      [Buffer.from([0x61, 0x72, 0x65, 0x61, 0x2c, 0x64, 0x65, 0x63, 0x69, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a]), 400, 'UTF-8'],
      [Buffer.alloc(10 * 1024 * 1024, 'a'), 413],
    ]
    for (const [body, status, text] of bad) {
      const res = await put(body)
      expect(res.statusCode, String(body).slice(0, 40)).toBe(status)
      expect(res.headers['content-type']).toContain('application/problem+json')
      if (text) expect(res.body).toContain(text)
    }
    expect((await put('area,decile\nLS6,1\n', readerKey)).statusCode).toBe(403)
    // Nothing changed by the refused files.
    expect(expectOk(await get('/insights/settings')).decileAreas).toBe(2)
  })

  it('plays the attacker over HTTP: the planted group of 3 in ZZ9 cannot be singled out by filters, periods or differencing', async () => {
    const month = new Date().toISOString().slice(0, 7)
    const year = month.slice(0, 4)
    // Narrowing a filter to the group answers nothing, whatever the measure, breakdown or period.
    for (const url of ['/insights/learners?area=ZZ9', '/insights/awards?area=ZZ9&by=theme', `/insights/learners?area=ZZ9&period=${month}`, '/insights/learners?ageBand=13-15', '/insights/learners?ageBand=13-15&by=organisation', `/insights/awards?ageBand=13-15&period=${year}`]) {
      const tb = await table(url)
      expect(tb.answered, url).toBe(false)
      expect(tb.cells, url).toEqual([])
    }
    // Every breakdown that holds the group as one cell: the cell is suppressed, no line has a single suppressed
    // figure, and the bounds an attacker gets from total minus the other published cells (each raw figure is within
    // 4 of its published one) never pin the group's size below the threshold.
    const attacks: Array<[string, string]> = [
      ['/insights/learners?by=area', 'ZZ9'], [`/insights/learners?by=area&period=${month}`, 'ZZ9'], [`/insights/learners?by=area&period=${year}`, 'ZZ9'],
      ['/insights/learners?by=ageBand', '13-15'], ['/insights/awards?by=ageBand', '13-15'], ['/insights/learners?by=area&theme=civic', 'ZZ9'],
      ['/insights/learners?by=ageBand&period=month', '13-15'],
    ]
    let lo = -Infinity
    let hi = Infinity
    for (const [url, target] of attacks) {
      const tb = await table(url)
      expect(tb.answered, url).toBe(true)
      for (const c of tb.cells.filter((x: any) => x.row === target)) expect(c.suppressed, url).toBe(true)
      const lines = [...tb.rows.map((r: any) => [...tb.cells.filter((c: any) => c.row === r.key), tb.rowTotals.find((f: any) => f.row === r.key)]),
        ...tb.cols.map((c: any) => [...tb.cells.filter((x: any) => x.col === c.key), tb.colTotals.find((f: any) => f.col === c.key)])]
      for (const line of lines) { const n = line.filter((f: any) => f?.suppressed).length; expect(n === 0 || n >= 2, url).toBe(true) }
      if (tb.cols.length !== 1) continue
      const others = tb.cells.filter((c: any) => c.row !== target)
      const otherSuppressed = others.some((c: any) => c.suppressed)
      const published = others.filter((c: any) => !c.suppressed)
      if (tb.total.value === null) continue
      hi = Math.min(hi, tb.total.value + 4 - published.reduce((a: number, c: any) => a + Math.max(0, c.value - 4), 0))
      if (!otherSuppressed) lo = Math.max(lo, tb.total.value - 4 - published.reduce((a: number, c: any) => a + c.value + 4, 0))
    }
    expect(lo).toBeLessThanOrEqual(1)
    expect(hi).toBeGreaterThanOrEqual(4)
  })

  it('counts verified imports like awards (import.verified / import.removed), under the same disclosure rules', async () => {
    const db = t.runtime.database.db
    // Six learners in LS9 hold only imported badges; one in ZZ8 holds a single one (a cell below the threshold).
    const ls9: string[] = []
    for (let i = 0; i < 6; i++) ls9.push(expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand: '19-24', area: 'LS9' } }), 201).id)
    const lone = expectOk(await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand: '19-24', area: 'ZZ8' } }), 201).id
    const before = await table('/insights/learners?by=area')
    expect(cell(before, 'LS9')).toBeUndefined()
    const imports = []
    for (const id of ls9) imports.push(await importFor(id))
    await importFor(lone)
    await settle()
    const facts = await allImportFacts(db, city.id)
    expect(facts.map((f) => f.learner_id).sort()).toEqual([...ls9, lone].sort())
    expect(facts.every((f) => f.area !== null && f.age_band === '19-24')).toBe(true)
    const byArea = await table('/insights/learners?by=area')
    const fives = (c: any) => { expect(c).toMatchObject({ suppressed: false }); expect([5, 10]).toContain(c.value) } // rounded up or down by the cell key
    fives(cell(byArea, 'LS9')) // 6 learners
    expect(cell(byArea, 'ZZ8')).toMatchObject({ value: null, suppressed: true }) // 1 learner: suppressed as for awards
    const awardsByArea = await table('/insights/awards?by=area')
    fives(cell(awardsByArea, 'LS9')) // 6 imported badges
    // An imported badge has no organisation of ours: it shows under the organisation kind `external`.
    fives(cell(await table('/insights/learners?by=organisationKind'), 'external')) // 7 learners
    // An organisation's own view never includes imports.
    const ownView = await table('/insights/learners?by=area', one.issuerKey)
    expect(cell(ownView, 'LS9')).toBeUndefined()
    // Removing two imports (import.removed): LS9 drops to 4 learners, below the threshold of 5.
    for (const imp of imports.slice(0, 2)) {
      expect((await t.app.inject({ method: 'DELETE', url: `${base()}/learners/${ls9[imports.indexOf(imp)]!}/imports/${imp.id}`, headers: admin() })).statusCode).toBe(204)
    }
    const events = await db.selectFrom('outbox').select('payload').where('type', '=', 'import.removed').where('city_id', '=', city.id).execute()
    expect(events.map((e) => (e.payload as { importId: string }).importId).sort()).toEqual(imports.slice(0, 2).map((i) => i.id).sort())
    await settle()
    expect((await allImportFacts(db, city.id)).length).toBe(5)
    expect(cell(await table('/insights/learners?by=area'), 'LS9')).toMatchObject({ value: null, suppressed: true })
  })

  it('stops counting opted-out learners, revoked awards and erased learners; rebuild = incremental after a random sequence with duplicates', async () => {
    const db = t.runtime.database.db
    let seed = 20261130
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const live = learners.filter((l) => l.area !== 'ZZ9')
    // Imports of learners the sequence touches (opt-outs, area changes and erasure apply to them as to awards).
    const imported: Array<{ id: string; learnerId: string }> = []
    for (const l of live.slice(0, 3)) imported.push({ id: (await importFor(l.id)).id, learnerId: l.id })
    for (let step = 0; step < 18; step++) {
      const l = live[rnd(live.length)]!
      switch (rnd(6)) {
        case 0: awards.push({ id: (await award(one, one.klass.id, l.id)).id, learnerId: l.id }); break
        case 4: imported.push({ id: (await importFor(l.id)).id, learnerId: l.id }); break
        case 5: {
          const i = imported.pop()
          if (i) expect((await t.app.inject({ method: 'DELETE', url: `${base()}/learners/${i.learnerId}/imports/${i.id}`, headers: admin() })).statusCode).toBe(204)
          break
        }
        case 1: {
          const a = awards[rnd(awards.length)]!
          expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards/${a.id}/revoke`, headers: admin(), payload: { reason: 'issued in error' } }))
          break
        }
        case 2: expectOk(await t.app.inject({ method: 'PATCH', url: `${base()}/learners/${l.id}`, headers: admin(), payload: { consents: { insightsOptOut: rnd(2) === 0 } } })); break
        default: expectOk(await t.app.inject({ method: 'PATCH', url: `${base()}/learners/${l.id}`, headers: admin(), payload: { area: rnd(2) === 0 ? 'LS6' : 'LS8' } }))
      }
    }
    // A revocation no later learner event recounts (ZZ9's learners are never patched above).
    const planted = awards.find((a) => learners.find((l) => l.id === a.learnerId)!.area === 'ZZ9')!
    expectOk(await t.app.inject({ method: 'POST', url: `${base()}/awards/${planted.id}/revoke`, headers: admin(), payload: { reason: 'issued in error' } }))
    const optOut = live[0]!
    expectOk(await t.app.inject({ method: 'PATCH', url: `${base()}/learners/${optOut.id}`, headers: admin(), payload: { consents: { insightsOptOut: true } } }))
    const erased = live[1]!
    expectOk(await t.app.inject({ method: 'DELETE', url: `${base()}/learners/${erased.id}`, headers: admin() }))
    await settle()
    const settled = await allFacts(db, city.id)
    const settledImports = await allImportFacts(db, city.id)
    expect(settledImports.length).toBeGreaterThan(0)

    // At-least-once delivery: every event of the city again, shuffled (duplicates, out of order).
    const events = (await db.selectFrom('outbox').selectAll().where('city_id', '=', city.id).execute())
    for (let i = events.length - 1; i > 0; i--) { const j = rnd(i + 1); [events[i], events[j]] = [events[j]!, events[i]!] }
    for (const e of events) {
      const payload = typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload
      await keepInsightFacts({ outboxId: Number(e.id), type: e.type as EventType, cityId: e.city_id, payload } as DeliveredEvent, db)
    }
    const incremental = await allFacts(db, city.id)
    expect(incremental).toEqual(settled) // duplicates and reordering change nothing
    const incrementalImports = await allImportFacts(db, city.id)
    expect(incrementalImports).toEqual(settledImports)
    const ids = new Set([...incremental, ...incrementalImports].map((f) => f.learner_id))
    expect(ids.has(optOut.id)).toBe(false)
    expect(ids.has(erased.id)).toBe(false)
    const revoked = await db.selectFrom('awards').select('id').where('city_id', '=', city.id).where('revoked_at', 'is not', null).execute()
    for (const r of revoked) expect(incremental.some((f) => f.award_id === r.id)).toBe(false)

    // The set-based form the BullMQ worker uses for the award events of its jobs in flight: every award of the city
    // in one call, over damaged facts (rows missing, rows wrong, a row for a revoked award), gives the same rows.
    const revokedId = revoked[0]!.id
    await sql`delete from insight_award_facts where award_id in (select award_id from insight_award_facts where city_id = ${city.id} order by award_id limit 2)`.execute(db)
    await sql`update insight_award_facts set area = 'XX1', themes = '{}' where city_id = ${city.id}`.execute(db)
    await sql`insert into insight_award_facts (award_id, city_id, learner_id, organisation_id, organisation_kind, badge_class_id, issued_on, area, age_band, themes, destinations, spine_level, spine_dimensions, spine_elements, record_key, item_key)
      select ${revokedId}::uuid, city_id, learner_id, organisation_id, organisation_kind, badge_class_id, issued_on, area, age_band, themes, destinations, spine_level, spine_dimensions, spine_elements, record_key, item_key
        from insight_award_facts where city_id = ${city.id} limit 1`.execute(db)
    expect(await allFacts(db, city.id)).not.toEqual(incremental)
    const cityAwards = (await db.selectFrom('awards').select('id').where('city_id', '=', city.id).execute()).map((r) => r.id)
    await refreshAwardFacts(db, cityAwards, [city.id])
    expect(await allFacts(db, city.id)).toEqual(incremental)

    const n = await t.runtime.services.insights.rebuild(city.id)
    expect(n).toBe(incremental.length + incrementalImports.length)
    expect(await allFacts(db, city.id)).toEqual(incremental)
    expect(await allImportFacts(db, city.id)).toEqual(incrementalImports)
  })

  it('does not count an under-13 without a guardian consent', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base()}/learners`, headers: admin(), payload: { ageBand: 'under-13', area: 'LS6', guardian: { email: 'parent@example.org' } } })
    if (res.statusCode !== 201) return expect.fail(`could not create an under-13: ${res.body.slice(0, 200)}`)
    const child = res.json()
    await award(one, one.klass.id, child.id)
    await settle()
    expect((await allFacts(t.runtime.database.db, city.id)).some((f) => f.learner_id === child.id)).toBe(false)
  })
})
