import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, makeCity, type TestContext } from '../helpers/app.js'
import { PNG, PNG_URI, SVG, classBody, expectOk, orgBody } from '../helpers/badges.js'

let t: TestContext
let city: { slug: string; id: string; cityAdminKey: string }
let orgId: string
let otherOrgId: string
let issuerKey: string
beforeAll(async () => {
  t = await createTestApp()
  city = await makeCity(t)
  const admin = t.auth(city.cityAdminKey)
  orgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody() }), 201).id
  otherOrgId = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody('Other') }), 201).id
  issuerKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: admin, payload: { name: 'i', role: 'issuer', organisationId: orgId } }), 201).key
})
afterAll(async () => { await t?.close() })

const url = () => `/v1/cities/${city.slug}/badge-classes`
const post = (payload: unknown, key = issuerKey) => t.app.inject({ method: 'POST', url: url(), headers: t.auth(key), payload: payload as object })
const svgUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`

function multipart (parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----cbtest' + Math.random().toString(16).slice(2)
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), Buffer.from(p.data), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe('badge classes', () => {
  it('creates a draft with a PNG data URI and serves the image at its URL', async () => {
    const res = post(classBody(orgId, { expiry: { type: 'duration', duration: 'P1Y' }, language: 'en-GB' }))
    const bc = expectOk(await res, 201)
    expect(bc).toMatchObject({ status: 'draft', version: 1, familyId: bc.id, organisationId: orgId, tags: ['digital', 'making'], expiry: { type: 'duration', duration: 'P1Y' }, language: 'en-GB' })
    expect(bc.image).toBe(`https://badges.test/ob/v2/badges/${bc.id}/image`)
    const img = await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}/image` })
    expect(img.statusCode).toBe(200)
    expect(img.headers['content-type']).toBe('image/png')
    expect(img.rawPayload.equals(PNG)).toBe(true)
    // Not public as a BadgeClass until approved.
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).statusCode).toBe(404)
  })

  it('accepts a multipart upload (metadata + image) and sanitises SVGs', async () => {
    const { image: _i, ...meta } = classBody(orgId)
    const svg = SVG.replace('<rect', '<script>alert(1)</script><rect onload="alert(2)"')
    const mp = multipart([{ name: 'metadata', data: JSON.stringify(meta) }, { name: 'image', filename: 'b.svg', type: 'image/svg+xml', data: svg }])
    const res = await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...mp.headers }, payload: mp.payload })
    const bc = expectOk(res, 201)
    const img = await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}/image` })
    expect(img.headers['content-type']).toBe('image/svg+xml')
    expect(img.body).toContain('<circle')
    expect(img.body).not.toMatch(/script|onload|alert/)
  })

  it('documents both upload forms as the server reads them: JSON with `image` required, multipart with `metadata` (JSON) and `image` (binary), both required (#14 item 7)', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const content = spec.paths['/v1/cities/{city}/badge-classes'].post.requestBody.content
    const json = content['application/json'].schema
    expect(json.required).toEqual(expect.arrayContaining(['organisationId', 'name', 'description', 'image', 'criteria']))
    const form = content['multipart/form-data'].schema
    expect(form).toMatchObject({ type: 'object', required: ['metadata', 'image'] })
    expect(form.properties.image).toMatchObject({ type: 'string', contentMediaType: expect.stringMatching(/image\/png/) })
    expect(content['multipart/form-data'].encoding).toMatchObject({ metadata: { contentType: expect.stringMatching(/application\/json/) }, image: { contentType: 'image/png, image/svg+xml' } })
    const metadata = form.properties.metadata
    expect(metadata.type).toBe('object')
    expect(Object.keys(metadata.properties).sort()).toEqual(Object.keys(json.properties).filter((k) => k !== 'image').sort())
    expect(metadata.required).toEqual(json.required.filter((k: string) => k !== 'image'))

    // The server agrees: metadata as text or as application/json, an image part required, no image in the metadata.
    const { image: _i, ...meta } = classBody(orgId)
    for (const type of [undefined, 'application/json', 'application/json; charset=utf-8']) {
      const ok = multipart([{ name: 'metadata', data: JSON.stringify(meta), ...(type ? { type } : {}) }, { name: 'image', filename: 'b.png', type: 'image/png', data: PNG }])
      expectOk(await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...ok.headers }, payload: ok.payload }), 201)
    }
    const noImage = multipart([{ name: 'metadata', data: JSON.stringify(meta), type: 'application/json' }])
    const r = await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...noImage.headers }, payload: noImage.payload })
    expect(r.statusCode, r.body).toBe(422)
    expect(r.headers['content-type']).toMatch(/problem\+json/)
    expect(r.json().errors).toEqual([expect.objectContaining({ field: '/image' })])
    const both = multipart([{ name: 'metadata', data: JSON.stringify(classBody(orgId)) }, { name: 'image', filename: 'b.png', type: 'image/png', data: PNG }])
    expect((await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...both.headers }, payload: both.payload })).statusCode).toBe(400)
    const jsonNoImage = await post(meta)
    expect(jsonNoImage.statusCode).toBe(400)
    expect(jsonNoImage.json().errors.map((e: { field: string }) => e.field)).toContain('/image')
  })

  it('refuses non-images, oversized images and malicious SVGs with 4xx problems', async () => {
    const bad: Array<[string, unknown]> = [
      ['text as png', classBody(orgId, { image: `data:image/png;base64,${Buffer.from('hello').toString('base64')}` })],
      ['gif', classBody(orgId, { image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' })],
      ['oversized', classBody(orgId, { image: `data:image/png;base64,${Buffer.concat([PNG, Buffer.alloc(300_000)]).toString('base64')}` })],
      ['entities', classBody(orgId, { image: svgUri('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>') })],
      ['huge dimensions', classBody(orgId, { image: svgUri('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>') })],
      ['not xml', classBody(orgId, { image: svgUri('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>') })],
    ]
    for (const [what, body] of bad) {
      const res = await post(body)
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, what).toBeLessThan(500)
      expect(res.headers['content-type'], what).toMatch(/problem\+json/)
    }
    // External references and scripts are stripped, not served.
    const ext = expectOk(await post(classBody(orgId, { image: svgUri('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="https://evil.example/x.png"/><script>x()</script><a href="javascript:x()"><rect width="5" height="5"/></a></svg>') })), 201)
    const body = (await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${ext.id}/image` })).body
    expect(body).not.toMatch(/evil|script|javascript/)
    // Multipart: a file over the limit is a 413, a non-image a 422.
    const { image: _i, ...meta } = classBody(orgId)
    const big = multipart([{ name: 'metadata', data: JSON.stringify(meta) }, { name: 'image', filename: 'x.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(300 * 1024)]) }])
    expect((await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...big.headers }, payload: big.payload })).statusCode).toBe(413)
    const txt = multipart([{ name: 'metadata', data: JSON.stringify(meta) }, { name: 'image', filename: 'x.png', type: 'image/png', data: 'not an image' }])
    const r = await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...txt.headers }, payload: txt.payload })
    expect(r.statusCode).toBe(422)
    expect(r.json().errors[0].field).toBe('/image')
    const noMeta = multipart([{ name: 'image', filename: 'x.png', type: 'image/png', data: PNG }])
    expect((await t.app.inject({ method: 'POST', url: url(), headers: { ...t.auth(issuerKey), ...noMeta.headers }, payload: noMeta.payload })).statusCode).toBe(400)
  })

  it('validates criteria, alignments, expiry and language', async () => {
    const res = await post(classBody(orgId, { criteria: { url: 'ftp://example.org/criteria' }, alignments: [{ targetName: 'x', targetUrl: 'nope-not-a-url' }], expiry: { type: 'duration', duration: '1 year' }, language: 'english!' }))
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['/alignments/0/targetUrl', '/criteria/url', '/expiry/duration', '/language'])
    expect((await post(classBody(orgId, { criteria: {} }))).statusCode).toBe(422)
  })

  it('runs quality assurance: draft -> submitted -> approved -> retired; only city admins approve', async () => {
    const bc = expectOk(await post(classBody(orgId)), 201)
    const act = (a: string, key = issuerKey) => t.app.inject({ method: 'POST', url: `${url()}/${bc.id}/${a}`, headers: t.auth(key) })
    expect((await act('approve', city.cityAdminKey)).statusCode).toBe(409) // a draft must be submitted first
    expect(expectOk(await act('submit')).status).toBe('submitted')
    expect(expectOk(await act('submit')).status).toBe('submitted') // idempotent
    const forbidden = await act('approve')
    expect(forbidden.statusCode).toBe(403)
    expect(expectOk(await act('approve', city.cityAdminKey))).toMatchObject({ status: 'approved', approvedAt: expect.any(String) })
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).statusCode).toBe(200)
    expect(expectOk(await act('retire')).status).toBe('retired')
    expect((await act('submit')).statusCode).toBe(409)
    // Retired classes stay published: awards may point at them.
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).statusCode).toBe(200)
  })

  it("an issuer cannot create or edit another organisation's classes; readers write nothing", async () => {
    expect((await post(classBody(otherOrgId))).statusCode).toBe(403)
    const reader = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: t.auth(city.cityAdminKey), payload: { name: 'r', role: 'reader' } }), 201).key
    expect((await post(classBody(orgId), reader)).statusCode).toBe(403)
    const list = expectOk(await t.app.inject({ method: 'GET', url: `${url()}?organisationId=${orgId}&limit=2`, headers: t.auth(reader) }))
    expect(list.items).toHaveLength(2)
    expect(list.nextCursor).toBeTypeOf('string')
  })

  it('editing an approved class makes a new draft version; the old one stays awardable until the new one is approved', async () => {
    const bc = expectOk(await post(classBody(orgId)), 201)
    await t.app.inject({ method: 'POST', url: `${url()}/${bc.id}/submit`, headers: t.auth(issuerKey) })
    await t.app.inject({ method: 'POST', url: `${url()}/${bc.id}/approve`, headers: t.auth(city.cityAdminKey) })
    const before = (await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).body

    const v2 = expectOk(await t.app.inject({ method: 'PATCH', url: `${url()}/${bc.id}`, headers: t.auth(issuerKey), payload: { name: 'Digital Maker (2027)', image: PNG_URI } }))
    expect(v2).toMatchObject({ familyId: bc.id, version: 2, status: 'draft', name: 'Digital Maker (2027)' })
    expect(v2.id).not.toBe(bc.id)
    // A second edit of the old version is refused: edit the pending one.
    expect((await t.app.inject({ method: 'PATCH', url: `${url()}/${bc.id}`, headers: t.auth(issuerKey), payload: { name: 'again' } })).statusCode).toBe(409)
    // Drafts are edited in place.
    expect(expectOk(await t.app.inject({ method: 'PATCH', url: `${url()}/${v2.id}`, headers: t.auth(issuerKey), payload: { description: 'Changed' } }))).toMatchObject({ id: v2.id, version: 2, description: 'Changed' })
    expect(expectOk(await t.app.inject({ method: 'GET', url: `${url()}/${bc.id}`, headers: t.auth(issuerKey) })).status).toBe('approved')
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).body).toBe(before)

    await t.app.inject({ method: 'POST', url: `${url()}/${v2.id}/submit`, headers: t.auth(issuerKey) })
    expectOk(await t.app.inject({ method: 'POST', url: `${url()}/${v2.id}/approve`, headers: t.auth(city.cityAdminKey) }))
    expect(expectOk(await t.app.inject({ method: 'GET', url: `${url()}/${bc.id}`, headers: t.auth(issuerKey) })).status).toBe('superseded')
    // The old version's hosted document never changes: what was awarded stays as it was.
    expect((await t.app.inject({ method: 'GET', url: `/ob/v2/badges/${bc.id}` })).body).toBe(before)
    const versions = expectOk(await t.app.inject({ method: 'GET', url: `${url()}/${v2.id}/versions`, headers: t.auth(issuerKey) }))
    expect(versions.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'approved']])
  })
})
