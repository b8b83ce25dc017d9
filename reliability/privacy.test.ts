import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, eventually, http, recordFigures, seedTenant, startStack, type Stack, type Tenant } from './lib.js'
import { operations } from './openapi.js'

// Item 8 of #15: no personal data or secrets in the real processes' logs, in job payloads (read from Redis) or in
// webhook payloads (delivered to a receiver of the test). Erasure and insight thresholds switch on by themselves when their routes exist in the OpenAPI.
let s: Stack
let t: Tenant
const NAME = 'Zephyrine Okonkwo-Quill'
const EMAIL = 'zephyrine.okonkwo.quill@example.org'
const PHONE = '+447700900123'
const PROFILE_URL = 'https://people.example.org/zephyrine-okonkwo-quill'
const LEARNER_ID = 'did:example:learner7f3a9c21private'

// A webhook receiver of the test: every delivered payload is kept and scanned like the logs.
const deliveries: string[] = []
let receiver: Server
let webhookSecret = ''

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => { deliveries.push(`${JSON.stringify(req.headers)}\n${Buffer.concat(chunks).toString('utf8')}`); res.writeHead(204).end() })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const hookPort = (receiver.address() as AddressInfo).port
  s = await startStack({ servers: 1, workers: 1, env: { LOG_LEVEL: 'info', EGRESS_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${hookPort}`, EGRESS_ALLOW_HTTP_HOSTS: `127.0.0.1:${hookPort}` } })
  t = await seedTenant(s.url(), s.adminKey, 'privacy')
  const events = (await import('./openapi.js')).operations().some((o) => /webhooks/.test(o.path))
  if (events) {
    const sub = await api(s.url(), t.cityAdminKey, 'POST', `/v1/cities/${t.slug}/webhooks`, { url: `http://127.0.0.1:${hookPort}/hook`, events: ['award.issued', 'award.revoked', 'award.accepted', 'award.claimed', 'learner.erased'] })
    webhookSecret = String(sub.secret ?? '')
  }
})
afterAll(async () => {
  await s?.close()
  await new Promise<void>((resolve) => receiver ? receiver.close(() => resolve()) : resolve())
})

it('keeps emails, names, identifiers, tokens and keys out of logs and job payloads', async () => {
  const base = `/v1/cities/${t.slug}`
  const awarded: string[] = []
  for (const recipient of [{ type: 'email', identity: EMAIL }, { type: 'telephone', identity: PHONE }, { type: 'url', identity: PROFILE_URL }, { type: 'id', identity: LEARNER_ID }]) {
    const a = await api(s.url(), t.issuerKey, 'POST', `${base}/awards`, { badgeClassId: t.classId, recipient, evidence: [{ narrative: `Work by ${NAME}` }] }, { 'idempotency-key': `p-${recipient.type}` })
    awarded.push(a.id)
  }
  await api(s.url(), t.issuerKey, 'POST', `${base}/awards/batch`, { badgeClassId: t.classId, awards: [{ recipient: { type: 'email', identity: `batch.${EMAIL}` } }] }).catch(() => undefined)
  await api(s.url(), t.issuerKey, 'POST', `${base}/awards/${awarded[0]}/revoke`, { reason: `Requested by ${NAME} (${EMAIL})` })
  // Failing requests log too: a bad award, a wrong key, a verify with the recipient's identity.
  await http(s.url() + `${base}/awards`, { method: 'POST', headers: { authorization: `Bearer ${t.issuerKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ badgeClassId: 'nope', recipient: { type: 'email', identity: EMAIL, name: NAME } }) })
  await http(s.url() + `${base}/awards`, { headers: { authorization: `Bearer ${t.issuerKey}x` } })
  await http(s.url() + `${base}/awards?q=${encodeURIComponent(EMAIL)}`, { headers: { authorization: `Bearer ${t.cityAdminKey}` } })
  await http(s.url() + '/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${s.url()}/ob/v2/assertions/${awarded[0]}`, recipient: { type: 'email', identity: EMAIL } }) })
  await http(s.url() + '/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assertion: { recipient: { identity: EMAIL }, name: NAME } }) })
  await http(s.url() + `${base}/awards/${awarded[1]}`, { headers: { authorization: `Bearer ${t.issuerKey}` } })

  // Events reached the worker (so its output and Redis hold whatever it would leak).
  await eventually(async () => {
    const [r] = await s.pg.query<{ n: string }>('select count(*) as n from outbox where dispatched_at is null')
    return Number(r!.n) === 0
  }, 60_000, 'the outbox to drain')
  await eventually(async () => (await s.pg.query('select 1 from status_lists where published_bits >= 1')).length > 0, 60_000, 'the revocation processed')

  const secrets: Record<string, string> = {
    email: EMAIL, emailEncoded: encodeURIComponent(EMAIL), emailLocalPart: 'zephyrine.okonkwo', telephone: PHONE, telephoneDigits: '7700900123', name: NAME, surname: 'Okonkwo-Quill',
    profileUrl: 'people.example.org/zephyrine', learnerId: LEARNER_ID,
    issuerKey: t.issuerKey, issuerKeySecret: t.issuerKey.slice(-20), cityAdminKey: t.cityAdminKey, adminKey: s.adminKey, keyEncryptionKey: s.kek,
    ...(webhookSecret ? { webhookSecret: webhookSecret.replace(/^whsec_/, '') } : {}),
  }
  const webhookRoutes = operations().filter((o) => /webhooks/.test(o.path))
  // Four awards issued and one revoked: five deliveries at least (the batch award may add one).
  if (webhookRoutes.length > 0) {
    try {
      await eventually(async () => deliveries.length >= 5, 60_000, 'the webhook deliveries')
    } catch (err) {
      const rows = await s.pg.query('select event_type, status, attempts, last_status, last_error from webhook_deliveries')
      throw new Error(`${(err as Error).message}: ${deliveries.length} received; delivery log ${JSON.stringify(rows)}`)
    }
  }
  const logs = [...s.servers, ...s.workers].map((p) => p.out).join('\n')
  const redis = await dumpRedis(s)
  const hooks = deliveries.join('\n')
  const found = (where: string, text: string): string[] => Object.entries(secrets).filter(([, v]) => text.toLowerCase().includes(v.toLowerCase())).map(([k]) => `${where}: ${k}`)
  const leaks = [...found('logs', logs), ...found('redis', redis.text), ...found('webhook payloads', hooks)]

  recordFigures('8-privacy', {
    logBytes: logs.length, logLines: logs.split('\n').length, redisKeys: redis.keys, redisBytes: redis.text.length, secretsSearched: Object.keys(secrets).length,
    webhookDeliveries: deliveries.length, webhookBytes: hooks.length, leaks,
  })
  expect(logs.length, 'the processes logged something (else the scan proves nothing)').toBeGreaterThan(500)
  expect(redis.keys, 'Redis held jobs (else the scan proves nothing)').toBeGreaterThan(0)
  if (webhookRoutes.length > 0) expect(hooks, 'webhook payloads name the awards (else the scan proves nothing)').toContain(awarded[1])
  expect(leaks, 'personal data or secrets found').toEqual([])
})

/** Every key of our Redis and its value, whatever its type. */
async function dumpRedis (st: Stack): Promise<{ keys: number; text: string }> {
  const r = st.redis.client()
  try {
    let cursor = '0'
    const parts: string[] = []
    let keys = 0
    do {
      const [next, batch] = await r.scan(cursor, 'COUNT', 500)
      cursor = next
      for (const k of batch) {
        keys++
        const type = await r.type(k)
        let v: unknown
        if (type === 'string') v = await r.get(k)
        else if (type === 'hash') v = await r.hgetall(k)
        else if (type === 'list') v = await r.lrange(k, 0, -1)
        else if (type === 'set') v = await r.smembers(k)
        else if (type === 'zset') v = await r.zrange(k, 0, -1, 'WITHSCORES')
        else if (type === 'stream') v = await r.xrange(k, '-', '+')
        parts.push(`${k} ${JSON.stringify(v)}`)
      }
    } while (cursor !== '0')
    return { keys, text: parts.join('\n') }
  } finally { r.disconnect() }
}

// Erasure and small-cell suppression are checked as soon as the routes exist (issue #15 item 8): they are found in the
// OpenAPI, so nobody needs to remember to switch them on.
const erasure = operations().find((o) => o.method === 'DELETE' && /learners\/\{[^}]+\}$/.test(o.path))
it.skipIf(!erasure)(`erasure leaves nothing of the learner in any table (${erasure ? erasure.path : 'no learner erasure route yet'})`, async () => {
  const op = erasure!
  const marker = 'erasemarker' + Date.now().toString(36)
  const collection = op.path.replace(/\/\{[^}]+\}$/, '')
  const create = operations().find((o) => o.method === 'POST' && o.path === collection)
  expect(create, `a POST ${collection} to create the learner to erase`).toBeDefined()
  // A learner whose every string field carries the marker, generated from the route's own schema until it is accepted.
  const fc = (await import('fast-check')).default
  const { fromSchema } = await import('./openapi.js')
  const fill = (v: unknown, k = ''): unknown => typeof v === 'string' ? (/mail/i.test(k) ? `${marker}@example.org` : `${marker} ${k}`) : Array.isArray(v) ? v.map((x) => fill(x, k)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([kk, vv]) => [kk, fill(vv, kk)])) : v
  const p = collection.replace('{city}', t.slug)
  let id: string | undefined
  // First a plain learner carrying the marker in its free-text fields (enums stay valid), then generated ones.
  const plain = { ageBand: '16-18', externalRefs: [{ platform: 'reliability', ref: marker }], identifiers: [{ type: 'email', value: `${marker}@example.org`, verified: true }] }
  const first = await http(s.url() + p, { method: 'POST', headers: { authorization: `Bearer ${t.cityAdminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(plain) })
  if (first.status < 300) id = first.json?.id
  for (const body of id ? [] : fc.sample(fromSchema(create!.body?.['application/json'], { organisationId: [t.orgId] }), { seed: 8, numRuns: 60 })) {
    const a = await http(s.url() + p, { method: 'POST', headers: { authorization: `Bearer ${t.cityAdminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(fill(body)) })
    if (a.status < 300) { id = a.json?.id; break }
  }
  expect(id, 'a learner created from the schema').toBeDefined()
  const del = await http(s.url() + op.path.replace('{city}', t.slug).replace(/\{[^}]+\}$/, id!), { method: 'DELETE', headers: { authorization: `Bearer ${t.cityAdminKey}` } })
  expect(del.status).toBeLessThan(300)
  await eventually(async () => (await s.pg.query("select 1 from outbox where dispatched_at is null")).length === 0, 60_000, 'the outbox to drain')
  const cols = await s.pg.query<{ table_name: string; column_name: string }>("select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')")
  const hits: string[] = []
  for (const c of cols) {
    // The learner's personal data (the marker) may be nowhere; its random id only where events are recorded by id
    // (the outbox and the webhook delivery log, ids only by design) and in the erasure audit row.
    // The webhook delivery log is such a record too: `learner.erased` must name the learner to its subscribers.
    const idAllowed = c.table_name === 'outbox' || c.table_name === 'webhook_deliveries' || /erasure/.test(c.table_name)
    const rows = await s.pg.query(`select 1 from "${c.table_name}" where position($1 in "${c.column_name}"::text) > 0 ${idAllowed ? '' : `or position($2 in "${c.column_name}"::text) > 0`} limit 1`, idAllowed ? [marker] : [marker, id])
    if (rows.length > 0) hits.push(`${c.table_name}.${c.column_name}`)
  }
  const redis = await dumpRedis(s)
  // Job data in Redis carries ids only (the learner's random id in its events): the marker must not be there.
  if (redis.text.includes(marker)) hits.push('redis')
  recordFigures('8-privacy-erasure', { route: `${op.method} ${op.path}`, columnsScanned: cols.length, hits })
  expect(hits, 'places that still hold the erased learner').toEqual([])
})

// Small cells: every insight output is walked; a count between 1 and the threshold - 1 is a disclosure (ONS/NHS rule).
const MIN_CELL = Number(process.env.INSIGHTS_MIN_CELL ?? 10)
const insights = operations().filter((o) => o.method === 'GET' && /insight/i.test(o.path))
it.skipIf(insights.length === 0)(`insight outputs never show a cell below ${MIN_CELL} (${insights.length} insight routes)`, async () => {
  const cells: string[] = []
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'number' && /count|learners|awards|people|total|^n$/i.test(at.split('.').pop() ?? '') && v > 0 && v < MIN_CELL) cells.push(`${at}=${v}`)
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k)
  }
  for (const op of insights) {
    if (op.pathParams.some((pp) => pp.name !== 'city')) continue
    const a = await http(s.url() + op.path.replace('{city}', t.slug), { headers: { authorization: `Bearer ${t.cityAdminKey}` } })
    if (a.status === 200) walk(a.json, '')
  }
  recordFigures('8-privacy-insights', { routes: insights.length, smallCells: cells })
  expect(cells, 'cells below the threshold').toEqual([])
})
