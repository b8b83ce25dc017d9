import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendLink } from '../../src/domain/learners/mail-out.js'
import { createTestApp, eventually, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import { bodyOf, TestSmtp } from '../helpers/smtp.js'

// Mail of claim links and guardian requests: recorded with an outbox event in the caller's transaction, sent by
// the mail job over real SMTP (the smtp-server package), retried while SMTP is down; no address in logs or events.

function capture () {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
  return { lines, log: pino({ level: 'debug' }, stream) }
}

const mailDeps = (t: TestContext) => ({ mailEnabled: true, keyEncryptionKey: t.config.keyEncryptionKey })

describe('mail with SMTP', () => {
  let t: TestContext
  let smtp: TestSmtp
  const logs = capture()
  beforeAll(async () => {
    smtp = await TestSmtp.start()
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'City Badges <badges@city.test>' }, runtime: { log: logs.log } })
  })
  afterAll(async () => { await t?.close(); await smtp?.stop() })

  it('the job sends the message; the address and link are erased once sent; events and logs carry ids only', async () => {
    const city = await makeCity(t)
    const out = await t.runtime.database.db.transaction().execute((trx) => sendLink(trx, mailDeps(t), {
      cityId: city.id, kind: 'claim', to: 'sam.learner@example.org', refId: 'claim-1', content: { link: 'https://badges.test/claim/tok-123', about: 'Bike Repair' },
    }))
    expect(out.delivery).toBe('mail')
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes('sam.learner@example.org')), 20_000, 'mail delivered')
    expect(mail.from).toBe('badges@city.test')
    expect(bodyOf(mail.raw)).toContain('https://badges.test/claim/tok-123')
    expect(bodyOf(mail.raw)).toContain('Bike Repair')
    const row = await eventually(async () => {
      const r = await t.runtime.database.db.selectFrom('mail_messages').selectAll().executeTakeFirst()
      return r?.status === 'sent' ? r : undefined
    }, 10_000, 'mail row sent')
    expect(row.recipient_enc).toBeNull()
    expect(row.content_enc).toBeNull()
    const events = await t.runtime.database.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'mail.requested').execute()
    expect(events).toHaveLength(1)
    expect(JSON.stringify(events)).not.toMatch(/@example|tok-123/)
    expect(logs.lines.join('')).not.toMatch(/sam\.learner|tok-123/)
    expect(logs.lines.join('')).toMatch(/mail sent/)
  })

  it('an award to an unknown email: the claim link is mailed (not in the answer) and claims the award', async () => {
    const city = await makeCity(t)
    const { issuerKey, klass } = await setupIssuer(t, city)
    const a = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { type: 'email', identity: 'New.Person@Example.org' } } }), 201)
    expect(a.claim).toMatchObject({ delivery: 'mail' })
    expect(a.claim.url).toBeUndefined()
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes('new.person@example.org')), 20_000, 'claim mail')
    const link = /https:\/\/badges\.test\/v1\/cities\/[a-z0-9-]+\/claims\/clm_[A-Za-z0-9_-]+/.exec(bodyOf(mail.raw))?.[0]
    expect(link).toBeDefined()
    const appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'app', cityId: city.id })).token
    const learner = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201)
    const claimed = expectOk(await t.app.inject({ method: 'POST', url: link!.slice('https://badges.test'.length), headers: t.auth(appKey), payload: { learnerId: learner.id } }))
    expect(claimed).toMatchObject({ awardId: a.id, learnerId: learner.id })
  })

  it('a bulk job mails every pending award its own claim link (claims and messages written a chunk at a time), and each link claims its award', async () => {
    const city = await makeCity(t)
    const { issuerKey, klass } = await setupIssuer(t, city)
    const csv = `badgeClassId,recipientType,recipientIdentity\n${[0, 1, 2].map((i) => `${klass.id},email,bulk-mail-${i}@example.org`).join('\n')}\n`
    const job = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/jobs/awards`, headers: { ...t.auth(issuerKey), 'content-type': 'text/csv' }, payload: csv }), 202)
    await eventually(async () => expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/jobs/${job.id as string}`, headers: t.auth(issuerKey) })).state === 'completed', 30_000, 'the job')
    const appKey = (await t.runtime.services.apiKeys.issue({ role: 'app', name: 'app', cityId: city.id })).token
    const claimedIds = new Set<string>()
    for (const i of [0, 1, 2]) {
      const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(`bulk-mail-${i}@example.org`)), 20_000, `claim mail ${i}`)
      const link = /https:\/\/badges\.test\/v1\/cities\/[a-z0-9-]+\/claims\/clm_[A-Za-z0-9_-]+/.exec(bodyOf(mail.raw))?.[0]
      expect(link).toBeDefined()
      const learner = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/learners`, headers: t.auth(appKey), payload: { ageBand: '19-24' } }), 201)
      const claimed = expectOk(await t.app.inject({ method: 'POST', url: link!.slice('https://badges.test'.length), headers: t.auth(appKey), payload: { learnerId: learner.id } }))
      claimedIds.add(claimed.awardId as string)
    }
    const awards = await t.runtime.database.db.selectFrom('awards').select('id').where('idempotency_key', 'like', `bulk-${job.id as string}-%`).execute()
    expect([...claimedIds].sort()).toEqual(awards.map((a) => a.id).sort())
  })

  it('a re-delivered event does not send twice', async () => {
    const city = await makeCity(t)
    const before = smtp.received.length
    const out = await t.runtime.database.db.transaction().execute((trx) => sendLink(trx, mailDeps(t), {
      cityId: city.id, kind: 'guardian-consent', to: 'parent@example.org', refId: 'learner-1', content: { link: 'https://badges.test/consent/g-1', about: '2026-11' },
    }))
    await eventually(async () => smtp.received.length === before + 1, 20_000, 'mail delivered')
    if (out.delivery !== 'mail') throw new Error('expected mail')
    // The same event again (what an at-least-once relay may do): the message is already sent.
    await t.runtime.database.db.insertInto('outbox').values({ type: 'mail.requested', city_id: city.id, payload: JSON.stringify({ cityId: city.id, mailId: out.mailId }) }).execute()
    t.runtime.relay.kick()
    await eventually(async () => Number((await t.runtime.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dispatched_at', 'is', null).executeTakeFirst())?.n) === 0, 10_000, 'relay drained')
    await new Promise((r) => setTimeout(r, 1_500))
    expect(smtp.received.length).toBe(before + 1)
    expect(bodyOf(smtp.received[before]?.raw ?? '')).toContain('https://badges.test/consent/g-1')
  })
})

describe('mail while SMTP is down', () => {
  let t: TestContext
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await TestSmtp.down()
    t = await createTestApp({ env: { SMTP_URL: smtp.url }, runtime: { scheduleIntervalMs: 300, mailRequeueAfterSeconds: 1 } })
  })
  afterAll(async () => { await t?.close(); await smtp?.stop() })

  it('the award commits, the send fails and is retried, and the message arrives once SMTP is back', async () => {
    const city = await makeCity(t)
    const { issuerKey, klass } = await setupIssuer(t, city)
    const a = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(issuerKey), payload: { badgeClassId: klass.id, recipient: { type: 'email', identity: 'late@example.org' } } }), 201)
    expect(a.claim).toMatchObject({ delivery: 'mail' })
    expectOk(await t.app.inject({ method: 'GET', url: `/v1/cities/${city.slug}/awards/${a.id as string}`, headers: t.auth(issuerKey) }))
    const failed = await eventually(async () => {
      const r = await t.runtime.database.db.selectFrom('mail_messages').selectAll().executeTakeFirst()
      return r && r.attempts >= 1 ? r : undefined
    }, 20_000, 'a failed attempt')
    expect(failed.status).toBe('pending')
    expect(failed.last_error).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET|mail not sent/)
    expect(failed.last_error).not.toMatch(/late@example/)
    await new Promise((r) => setTimeout(r, 1_000))
    await smtp.start()
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes('late@example.org')), 60_000, 'mail delivered after SMTP returned')
    expect(bodyOf(mail.raw)).toMatch(/\/claims\/clm_/)
    await eventually(async () => (await t.runtime.database.db.selectFrom('mail_messages').select('status').executeTakeFirst())?.status === 'sent', 10_000, 'row sent')
  })
})

describe('mail without SMTP', () => {
  let t: TestContext
  beforeAll(async () => { t = await createTestApp() })
  afterAll(async () => { await t?.close() })

  it('the link goes back to the caller and a link.issued event records it (no message stored)', async () => {
    const city = await makeCity(t)
    const out = await t.runtime.database.db.transaction().execute((trx) => sendLink(trx, { mailEnabled: false, keyEncryptionKey: t.config.keyEncryptionKey }, {
      cityId: city.id, kind: 'claim', to: 'x@example.org', refId: 'claim-3', content: { link: 'https://badges.test/claim/tok-3' },
    }))
    expect(out).toEqual({ delivery: 'caller', link: 'https://badges.test/claim/tok-3' })
    expect(await t.runtime.database.db.selectFrom('mail_messages').selectAll().execute()).toEqual([])
    const ev = await t.runtime.database.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'link.issued').execute()
    expect(ev).toHaveLength(1)
    expect(ev[0]?.payload).toEqual({ cityId: city.id, kind: 'claim', refId: 'claim-3', delivery: 'caller' })
  })
})
