import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, eventually, makeCity, testConfig, usingPostgres, type TestContext } from '../helpers/app.js'
import { expectOk, orgBody } from '../helpers/badges.js'
import { sparePort } from '../helpers/redis-server.js'

// Issue #14 item 4: an Idempotency-Key is "in flight" only while a live request holds its lease; a key left
// pending by a dead request (kill -9, a failed settle) is replayed or run again within seconds, never 409 for 5 min.
let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
beforeAll(async () => {
  t = await createTestApp({ env: { IDEMPOTENCY_LEASE_SECONDS: '1' } })
  city = await makeCity(t)
})
afterAll(async () => { await t?.close() })

const orgs = () => `/v1/cities/${city.slug}/organisations`
const countOrgs = async (name: string): Promise<number> => Number((await t.runtime.database.db.selectFrom('organisations')
  .select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', name).executeTakeFirstOrThrow()).n)

describe('Idempotency-Key leases', () => {
  it('a failed settle does not leave the key stuck: the retry gets the committed result within seconds', async () => {
    const db = t.runtime.database.db
    await sql`create or replace function cb_test_fail_settle() returns trigger language plpgsql as $$
      begin raise exception using errcode = '57P01', message = 'terminating connection due to administrator command'; end $$`.execute(db)
    await sql`create trigger cb_test_fail_settle before update on idempotency_keys for each row
      when (new.state = 'done' and new.key = 'lease-settle-1') execute function cb_test_fail_settle()`.execute(db)
    const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'lease-settle-1' }
    let first
    try {
      first = await t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Lease Settle') })
      expect(first.statusCode, first.body).toBe(201)
      // While the settle keeps failing, the live request still holds the key: a retry is told to wait.
      const meanwhile = await t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Lease Settle') })
      expect(meanwhile.statusCode).toBe(409)
      expect(meanwhile.json().code).toBe('IDEMPOTENCY_IN_FLIGHT')
    } finally {
      await sql`drop trigger if exists cb_test_fail_settle on idempotency_keys`.execute(db)
    }
    const t0 = Date.now()
    const replay = await eventually(async () => {
      const r = await t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Lease Settle') })
      return r.statusCode === 409 ? undefined : r
    }, 10_000, 'the key to settle')
    expect(Date.now() - t0).toBeLessThan(10_000)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json().id).toBe(first.json().id)
    expect(await countOrgs('Lease Settle')).toBe(1)
  })

  it('a pending key whose lease ran out is taken over at once; one whose lease is live answers 409 with Retry-After', async () => {
    const db = t.runtime.database.db
    const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'lease-takeover-1' }
    const payload = orgBody('Lease Takeover')
    expectOk(await t.app.inject({ method: 'POST', url: orgs(), headers, payload }), 201)
    const reset = (lease: string) => sql`update idempotency_keys set state = 'pending', response_status = null, response_body = null,
      owner = 'a-dead-request', lease_until = now() + ${sql.raw(`interval '${lease}'`)} where key = 'lease-takeover-1'`.execute(db)

    await reset('30 seconds') // held by a live request elsewhere
    const busy = await t.app.inject({ method: 'POST', url: orgs(), headers, payload })
    expect(busy.statusCode).toBe(409)
    expect(busy.json().code).toBe('IDEMPOTENCY_IN_FLIGHT')
    expect(busy.headers['retry-after']).toBe('1')

    await reset('-1 second') // its holder died a second ago: a record only minutes old must not block
    const again = await t.app.inject({ method: 'POST', url: orgs(), headers, payload })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBeUndefined()
    const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'lease-takeover-1').executeTakeFirstOrThrow()
    expect(row.state).toBe('done')
    expect(row.owner).not.toBe('a-dead-request')
  })

  it('keys are scoped to the caller: another key with the same Idempotency-Key runs its own request', async () => {
    const other = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'second admin', cityId: city.id })
    const a = await t.app.inject({ method: 'POST', url: orgs(), headers: { ...t.auth(city.cityAdminKey), 'idempotency-key': 'scoped-1' }, payload: orgBody('Scoped A') })
    const b = await t.app.inject({ method: 'POST', url: orgs(), headers: { ...t.auth(other.token), 'idempotency-key': 'scoped-1' }, payload: orgBody('Scoped B') })
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201) // not 422 (another body) and not a replay of A
    expect(b.headers['idempotent-replayed']).toBeUndefined()
    expect(b.json().id).not.toBe(a.json().id)
    const replayB = await t.app.inject({ method: 'POST', url: orgs(), headers: { ...t.auth(other.token), 'idempotency-key': 'scoped-1' }, payload: orgBody('Scoped B') })
    expect(replayB.json().id).toBe(b.json().id)
  })

  // Really concurrent: the first request is held inside PostgreSQL (a trigger sleeps) for longer than the lease,
  // so the lease must be renewed by the live request, and the second one must see it and answer 409.
  it.runIf(usingPostgres())('a request running longer than its lease keeps the key: a concurrent retry is a 409, then a replay', async () => {
    const db = t.runtime.database.db
    await sql`create or replace function cb_test_slow() returns trigger language plpgsql as $$ begin perform pg_sleep(2.5); return new; end $$`.execute(db)
    await sql`create trigger cb_test_slow before insert on organisations for each row when (new.name = 'Slow Org') execute function cb_test_slow()`.execute(db)
    try {
      const headers = { ...t.auth(city.cityAdminKey), 'idempotency-key': 'slow-1' }
      const slow = t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Slow Org') })
      await new Promise((r) => setTimeout(r, 1_700)) // past the 1 s lease: only renewal keeps it
      const concurrent = await t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Slow Org') })
      expect(concurrent.statusCode).toBe(409)
      expect(concurrent.json().code).toBe('IDEMPOTENCY_IN_FLIGHT')
      const first = await slow
      expect(first.statusCode).toBe(201)
      const replay = await t.app.inject({ method: 'POST', url: orgs(), headers, payload: orgBody('Slow Org') })
      expect(replay.headers['idempotent-replayed']).toBe('true')
      expect(replay.json().id).toBe(first.json().id)
      expect(await countOrgs('Slow Org')).toBe(1)
    } finally {
      await sql`drop trigger if exists cb_test_slow on organisations`.execute(db)
    }
  })
})

// A real server process killed with SIGKILL while a request holds a key: the restarted service runs the retry.
describe.runIf(usingPostgres())('Idempotency-Key after kill -9', () => {
  const root = path.resolve(import.meta.dirname, '../..')
  async function startServer (env: Record<string, string>, port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(port), HOST: '127.0.0.1' } })
    let output = ''
    child.stdout!.on('data', (d: Buffer) => { output += d.toString() })
    child.stderr!.on('data', (d: Buffer) => { output += d.toString() })
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`)
      return /CityBadges listening on/.test(output)
    }, 60_000, 'the server to listen')
    return child
  }

  it('a retry after the server died mid-request runs again within seconds and creates exactly one resource', async () => {
    const { config, cleanup } = await testConfig()
    const adminKey = `cbk_${randomBytes(24).toString('hex')}`
    const env = {
      DATABASE_URL: config.databaseUrl!, KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex'), CITYBADGES_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn', IDEMPOTENCY_LEASE_SECONDS: '2', PUBLIC_URL: 'https://badges.test',
    }
    const port = await sparePort()
    const base = `http://127.0.0.1:${port}`
    const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', 'idempotency-key': 'killed-1' }
    const body = JSON.stringify(orgBody('Killed Mid Request'))
    let child = await startServer(env, port)
    const locker = new pg.Client({ connectionString: config.databaseUrl })
    await locker.connect()
    try {
      const slug = `k${randomBytes(3).toString('hex')}`
      expect((await fetch(`${base}/v1/cities`, { method: 'POST', headers: { authorization: headers.authorization, 'content-type': 'application/json' }, body: JSON.stringify({ slug, name: 'Killed' }) })).status).toBe(201)
      // Hold the request inside its transaction: organisations are locked until we let go.
      await locker.query('begin')
      await locker.query('lock table organisations in access exclusive mode')
      const inFlight = fetch(`${base}/v1/cities/${slug}/organisations`, { method: 'POST', headers, body }).catch(() => 'connection lost')
      await eventually(async () => (await locker.query("select 1 from idempotency_keys where key = 'killed-1' and state = 'pending'")).rowCount === 1, 20_000, 'the key to be pending')
      child.kill('SIGKILL')
      expect(await inFlight).toBe('connection lost')
      await locker.query('rollback')

      child = await startServer(env, port)
      const t0 = Date.now()
      let res: Response
      for (;;) {
        res = await fetch(`${base}/v1/cities/${slug}/organisations`, { method: 'POST', headers, body })
        if (res.status !== 409 || Date.now() - t0 > 30_000) break
        await new Promise((r) => setTimeout(r, 1_000 * Number(res.headers.get('retry-after') ?? '1')))
      }
      expect(res.status).toBe(201)
      expect(Date.now() - t0).toBeLessThan(6_000)
      const again = await fetch(`${base}/v1/cities/${slug}/organisations`, { method: 'POST', headers, body })
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      const n = await locker.query("select count(*)::int as n from organisations where name = 'Killed Mid Request'")
      expect(n.rows[0].n).toBe(1)
    } finally {
      child.kill('SIGKILL')
      await locker.end()
      await cleanup()
    }
  })
})
