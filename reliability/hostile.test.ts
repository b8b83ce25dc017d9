import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PROFILE, pct, recordFigures, seedTenant, sleep, startStack, type Stack, type Tenant } from './lib.js'
import { operations, send, standardError } from './openapi.js'

// Item 7 of #15: hostile documents on every route that takes a body, while a prober measures /health/live.
const MAX_ANSWER_MS = 5_000
const MAX_LIVE_P99_MS = 250
const MAX_PEAK_RSS_MB = 1024

let s: Stack
let t: Tenant
beforeAll(async () => {
  s = await startStack({ servers: 1, workers: 0 })
  t = await seedTenant(s.url(), s.adminKey, 'hostile')
})
afterAll(async () => { await s?.close() })

function peakRssMb (): number {
  const status = readFileSync(`/proc/${s.servers[0]!.proc!.pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
function base58 (b: Buffer): string {
  let n = BigInt('0x' + b.toString('hex'))
  let out = ''
  while (n > 0n) { out = B58[Number(n % 58n)]! + out; n /= 58n }
  return out
}

/** Issue #14 item 1: inline scoped contexts that make JSON-LD expansion explode (75 KB, passes the size guards). */
function expansionBomb (terms: number): unknown {
  const ctx: Record<string, unknown> = {}
  const subject: Record<string, unknown> = { type: ['AchievementSubject'], achievement: { id: 'https://e.org/a', type: ['Achievement'], name: 'x', description: 'x', criteria: { narrative: 'x' } } }
  for (let i = 0; i < terms; i++) {
    ctx['t' + i] = { '@id': 'https://e.org/t' + i, '@context': { ['n' + i]: { '@id': 'https://e.org/n' + i, '@container': '@list' } } }
    subject['t' + i] = { ['n' + i]: [] }
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', ctx],
    id: 'urn:uuid:2f1c3a3e-1111-4222-8333-444455556666', type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://e.org/issuer', type: ['Profile'], name: 'x' }, validFrom: '2026-01-01T00:00:00Z', name: 'x', credentialSubject: subject,
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', verificationMethod: 'https://e.org/issuer#key', proofPurpose: 'assertionMethod', proofValue: 'z' + base58(Buffer.concat([Buffer.from([0x80]), randomBytes(63)])) },
  }
}

function chunk (type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0)
  return Buffer.concat([len, td, crc])
}

/** A tiny PNG that claims to be `w` × `h` pixels (a decompression / dimension bomb). */
function pngBomb (w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1 << 20))), chunk('IEND', Buffer.alloc(0))])
}

const SVG_BOMB = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY ext SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><text>&h;&ext;</text><image href="http://127.0.0.1:1/x"/></svg>`

interface Attack { name: string; p: string; headers: Record<string, string>; body: string | Buffer }

function multipart (field: string, filename: string, type: string, data: Buffer): { headers: Record<string, string>; body: Buffer } {
  const b = 'reliability' + randomBytes(8).toString('hex')
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    body: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from(`\r\n--${b}--\r\n`)]),
  }
}

function attacks (): Attack[] {
  const json = { 'content-type': 'application/json' }
  const issuer = { authorization: `Bearer ${t.issuerKey}` }
  const png = pngBomb(60_000, 60_000)
  const klass = (image: string) => JSON.stringify({ organisationId: t.orgId, name: 'x', description: 'x', image, criteria: { narrative: 'x' }, spine: { elements: ['col.digital'], level: 'participation', dimensions: ['skills'] } })
  // The JSON-LD bombs go last: a server still expanding one would slow every later attack.
  const out: Attack[] = [
    { name: 'png-dimension-bomb-badge-class', p: `/v1/cities/${t.slug}/badge-classes`, headers: { ...json, ...issuer }, body: klass(`data:image/png;base64,${png.toString('base64')}`) },
    { name: 'svg-entities-script-badge-class', p: `/v1/cities/${t.slug}/badge-classes`, headers: { ...json, ...issuer }, body: klass(`data:image/svg+xml;base64,${Buffer.from(SVG_BOMB).toString('base64')}`) },
  ]
  const mpPng = multipart('file', 'bomb.png', 'image/png', png)
  const mpSvg = multipart('file', 'bomb.svg', 'image/svg+xml', Buffer.from(SVG_BOMB))
  out.push({ name: 'png-dimension-bomb-verify', p: '/v1/verify', headers: mpPng.headers, body: mpPng.body })
  out.push({ name: 'svg-entities-script-verify', p: '/v1/verify', headers: mpSvg.headers, body: mpSvg.body })
  const mpImg = multipart('image', 'bomb.png', 'image/png', png)
  out.push({ name: 'png-dimension-bomb-upload', p: `/v1/cities/${t.slug}/badge-classes`, headers: { ...issuer, ...mpImg.headers }, body: mpImg.body })
  // Every route that takes a body: 10 MB of JSON, and JSON nested 100,000 deep (arrays and objects).
  const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) })
  const deepArray = '['.repeat(100_000) + ']'.repeat(100_000)
  const deepObject = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)
  for (const op of operations().filter((o) => o.body)) {
    const p = op.path.replace('{city}', t.slug).replace(/\{[^}]+\}/g, t.orgId)
    const headers = { ...json, authorization: `Bearer ${s.adminKey}` }
    out.push({ name: `10MB ${op.id}`, p, headers, body: big }, { name: `deep-array ${op.id}`, p, headers, body: deepArray }, { name: `deep-object ${op.id}`, p, headers, body: deepObject })
  }
  out.push({ name: 'jsonld-expansion-bomb-600', p: '/v1/verify', headers: json, body: JSON.stringify({ credential: expansionBomb(600) }) })
  out.push({ name: 'jsonld-expansion-bomb-1200', p: '/v1/verify', headers: json, body: JSON.stringify({ credential: expansionBomb(1200) }) })
  return out.map((a, i) => ({ ...a, name: `${String(i).padStart(3, '0')} ${a.name}` }))
}

it('answers hostile documents in bounded time and memory while /health/live stays fast', async () => {
  const ops = new Map(operations().map((o) => [o.id, o.method]))
  const results: Array<{ name: string; status: number; ms: number; liveP99: number; liveMax: number; problem: boolean }> = []
  const baselineRss = peakRssMb()
  for (const a of attacks()) {
    const live: number[] = []
    let attacking = true
    const prober = (async () => {
      while (attacking) {
        const r = await send(s.url(), { op: 'live', method: 'GET', path: '/health/live', headers: {} }, 30_000)
        live.push(r.ms)
        await sleep(50)
      }
    })()
    const opId = a.name.split(' ').slice(2).join(' ')
    const method = ops.get(opId) ?? 'POST'
    const r = await send(s.url(), { op: a.name, method, path: a.p, headers: a.headers, body: Buffer.isBuffer(a.body) ? a.body.toString('latin1') : a.body }, 60_000)
    attacking = false
    await prober
    results.push({ name: a.name, status: r.status, ms: Math.round(r.ms), liveP99: Math.round(pct(live, 99)), liveMax: Math.round(Math.max(0, ...live)), problem: r.status < 400 || r.contentType.includes('problem+json') || standardError(r, { op: a.name, method, path: a.p, headers: a.headers }) })
  }
  const peak = peakRssMb()
  const slow = results.filter((r) => r.ms > MAX_ANSWER_MS || r.status === 0)
  const failing = results.filter((r) => r.status >= 500 || !r.problem)
  const stalls = results.filter((r) => r.liveP99 > MAX_LIVE_P99_MS)
  recordFigures('7-hostile', {
    attacks: results.length, baselinePeakRssMb: Math.round(baselineRss), peakRssMb: Math.round(peak),
    worstAnswerMs: Math.max(...results.map((r) => r.ms)), worstLiveP99Ms: Math.max(...results.map((r) => r.liveP99)), worstLiveMaxMs: Math.max(...results.map((r) => r.liveMax)),
    slow: slow.map((r) => `${r.name}: ${r.status} in ${r.ms} ms`), failing: failing.map((r) => `${r.name}: ${r.status}${r.problem ? '' : ' (not problem+json)'}`),
    stalls: stalls.map((r) => `${r.name}: live p99 ${r.liveP99} ms, max ${r.liveMax} ms`),
    named: results.filter((r) => !/^\d+ (10MB|deep)/.test(r.name)).map((r) => `${r.name}: ${r.status} in ${r.ms} ms, live p99 ${r.liveP99} ms`),
  })
  expect(s.servers[0]!.alive, 'the server survived').toBe(true)
  expect(failing.map((r) => `${r.name}: ${r.status}`), 'answers >= 500 or not problem+json').toEqual([])
  expect(slow.map((r) => `${r.name}: ${r.ms} ms`), `answers slower than ${MAX_ANSWER_MS} ms`).toEqual([])
  expect(stalls.map((r) => `${r.name}: ${r.liveP99} ms`), `/health/live p99 above ${MAX_LIVE_P99_MS} ms during an attack`).toEqual([])
  expect(peak, `peak RSS (MiB) under ${MAX_PEAK_RSS_MB}`).toBeLessThan(MAX_PEAK_RSS_MB)
}, PROFILE === 'ci' ? 600_000 : 1_200_000)
