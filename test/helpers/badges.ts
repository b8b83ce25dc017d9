import { readFileSync } from 'node:fs'
import type { LightMyRequestResponse } from 'fastify'
import type { TestContext } from './app.js'

const VECTORS = new URL('../fixtures/vectors/ob20/baked/', import.meta.url)
export const PNG = readFileSync(new URL('public_domain_heart.png', VECTORS))
export const SVG = readFileSync(new URL('unbaked_example.svg', VECTORS), 'utf8')
export const PNG_URI = `data:image/png;base64,${PNG.toString('base64')}`
export const SVG_URI = `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`
export const BASE = 'https://badges.test'

export const orgBody = (name = 'Harbourside College') => ({ name, url: 'https://harbourside.example.org', email: 'badges@harbourside.example.org', kind: 'college' })

export const classBody = (organisationId: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  name: 'Digital Maker',
  description: 'Built and shared a digital project.',
  image: PNG_URI,
  criteria: { narrative: 'Make something **digital** and show it to the club.' },
  tags: ['digital', 'making'],
  alignments: [{ targetName: 'Creative and entrepreneurial', targetUrl: 'https://spine.example.org/creative', targetFramework: 'Cities of Learning' }],
  // Every city has the default spine; approval needs at least one element.
  spine: { elements: ['col.digital', 'col.creative-entrepreneurial'], level: 'participation', dimensions: ['skills', 'knowledge'] },
  themes: ['civic'],
  destinations: ['employment'],
  ...extra,
})

export function expectOk (res: LightMyRequestResponse, status = 200): any {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 500)}`)
  return res.headers['content-type']?.toString().includes('json') ? res.json() : res.body
}

/** A city admin, an organisation, its issuer key, and an approved badge class. */
export async function setupIssuer (t: TestContext, city: { slug: string; cityAdminKey: string }, opts: { name?: string; klass?: Record<string, unknown> } = {}) {
  const admin = t.auth(city.cityAdminKey)
  const org = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/organisations`, headers: admin, payload: orgBody(opts.name) }), 201)
  const issuerKey = expectOk(await t.app.inject({ method: 'POST', url: `/v1/cities/${city.slug}/api-keys`, headers: admin, payload: { name: 'issuer', role: 'issuer', organisationId: org.id } }), 201).key as string
  const klass = await approvedClass(t, city, org.id, issuerKey, opts.klass)
  return { org, issuerKey, klass }
}

export async function approvedClass (t: TestContext, city: { slug: string; cityAdminKey: string }, organisationId: string, issuerKey: string, extra: Record<string, unknown> = {}) {
  const base = `/v1/cities/${city.slug}/badge-classes`
  const created = expectOk(await t.app.inject({ method: 'POST', url: base, headers: t.auth(issuerKey), payload: classBody(organisationId, extra) }), 201)
  expectOk(await t.app.inject({ method: 'POST', url: `${base}/${created.id}/submit`, headers: t.auth(issuerKey) }))
  return expectOk(await t.app.inject({ method: 'POST', url: `${base}/${created.id}/approve`, headers: t.auth(city.cityAdminKey) }))
}

/** A `fetchJson` for verifyOb2 that goes through app.inject (only our own URLs). */
export function injectFetch (t: TestContext, seen?: string[]) {
  return async (url: string): Promise<{ status: number; json: unknown }> => {
    if (!url.startsWith(BASE)) throw Object.assign(new Error('offline'), { code: 'offline' })
    seen?.push(url)
    const res = await t.app.inject({ method: 'GET', url: url.slice(BASE.length), headers: { accept: 'application/ld+json, application/json' } })
    let json: unknown
    try { json = res.json() } catch { json = res.body }
    return { status: res.statusCode, json }
  }
}
