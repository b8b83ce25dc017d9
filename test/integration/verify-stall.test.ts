import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { expectOk, setupIssuer } from '../helpers/badges.js'
import { jsonLdBomb } from '../helpers/jsonld-bomb.js'

// Issue #14 item 1: POST /v1/verify with the reproducer (an inline @context of 600 / 1,200 terms with scoped
// contexts) used to expand on the event loop for 8–20 s while /health/live stalled. On a real listening server,
// /health/live is polled all through the attack and must keep its normal latency; each attack answers a failed
// named check within 2 s. Before the fix this file fails on both counts.

let t: TestContext
let base = ''
let city: { slug: string; id: string; cityAdminKey: string }
let a: Awaited<ReturnType<typeof setupIssuer>>

beforeAll(async () => {
  t = await createTestApp({ env: { VERIFY_RATE_LIMIT_PER_MINUTE: '5' } })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  city = await makeCity(t)
  a = await setupIssuer(t, city)
})
afterAll(async () => { await t?.close() })

/** Latency of one GET /health/live over the real socket, in ms. */
async function health (): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${base}/health/live`)
  await res.arrayBuffer()
  expect(res.status).toBe(200)
  return performance.now() - started
}

const percentile = (xs: number[], p: number): number => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number

async function postVerify (body: unknown): Promise<{ status: number; json: any; ms: number }> {
  const started = performance.now()
  const res = await fetch(`${base}/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: await res.json(), ms: performance.now() - started }
}

describe('POST /v1/verify under a JSON-LD expansion attack', () => {
  it('verifies a real credential of ours (the caps leave ordinary credentials alone; also warms the schema compiler)', async () => {
    const award = expectOk(await t.app.inject({
      method: 'POST', url: `/v1/cities/${city.slug}/awards`, headers: t.auth(a.issuerKey),
      payload: { badgeClassId: a.klass.id, recipient: { type: 'email', identity: 'learner@example.org' } },
    }), 201)
    const credential = expectOk(await t.app.inject({ method: 'GET', url: `/ob/v3/credentials/${award.id}` }))
    const answer = await postVerify({ credential })
    expect(answer.status).toBe(200)
    expect(answer.json.checks.filter((c: { valid: boolean }) => !c.valid)).toEqual([])
    expect(answer.json.verified).toBe(true)
  })

  it('answers the 600- and 1,200-term reproducers with a failed check within 2 s while /health/live keeps answering', async () => {
    const before: number[] = []
    for (let i = 0; i < 20; i++) before.push(await health())

    const during: number[] = []
    let attacking = true
    const poller = (async () => {
      while (attacking) {
        during.push(await health())
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    const bombs = [600, 1_200].map((n) => jsonLdBomb(n))
    expect(JSON.stringify(bombs[0]).length).toBeGreaterThan(60_000) // the issue's ~75 KB credential
    const answers = await Promise.all(bombs.map((credential) => postVerify({ credential })))
    attacking = false
    await poller

    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.ms).toBeLessThan(2_000)
      expect(answer.json.verified).toBe(false)
      expect(answer.json.checks).toContainEqual(expect.objectContaining({ id: 'context', valid: false, code: 'context_too_complex' }))
    }
    expect(during.length).toBeGreaterThan(0)
    // Normal latency: a loaded 2-core machine gives a few ms; a stalled loop gives the whole expansion (seconds).
    expect(Math.max(...during)).toBeLessThan(Math.max(250, 10 * percentile(before, 0.5)))
  })

  it('limits verification per address to VERIFY_RATE_LIMIT_PER_MINUTE', async () => {
    const ip = '203.0.113.50'
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/verify', remoteAddress: ip, payload: { url: 'not a url' } })
      statuses.push(res.statusCode)
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true)
    expect(statuses[5]).toBe(429)
  })
})
