import { request, Agent } from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { root } from './lib.js'

/**
 * Everything the suite knows about the API comes from openapi/openapi.json, so a new route is fuzzed, probed with
 * hostile bodies and scanned without anyone touching this suite.
 */
export interface Operation {
  id: string
  method: string
  path: string
  pathParams: Array<{ name: string; schema: any }>
  queryParams: Array<{ name: string; schema: any }>
  /** Content type → schema of the request body. */
  body: Record<string, any> | undefined
  secured: boolean
}

export function operations (): Operation[] {
  const doc = JSON.parse(readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8'))
  const ops: Operation[] = []
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      const content = op.requestBody?.content as Record<string, { schema?: any }> | undefined
      ops.push({
        id: op.operationId ?? `${method} ${p}`,
        method: method.toUpperCase(),
        path: p,
        pathParams: params.filter((x) => x.in === 'path').map((x) => ({ name: x.name, schema: x.schema ?? {} })),
        queryParams: params.filter((x) => x.in === 'query').map((x) => ({ name: x.name, schema: x.schema ?? {} })),
        body: content ? Object.fromEntries(Object.entries(content).map(([k, v]) => [k, v.schema ?? {}])) : undefined,
        secured: Array.isArray(op.security) ? op.security.length > 0 : Array.isArray(doc.security) && doc.security.length > 0,
      })
    }
  }
  return ops
}

// --- generators ------------------------------------------------------------------------------------------------------

export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '%', '%zz', '%00', '%E0%A4%A', '%C0%AF', '..', '../../etc/passwd', "' or 1=1--", '<script>alert(1)</script>',
  '2147483648', '9223372036854775808', '-1', '1e309', 'NaN', '0x10', 'null', 'true', '[]', '{}', '\uD800', '\u202E\u0041', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍🚀', 'ﷺ'.repeat(500),
  'x'.repeat(5_000), 'é'.repeat(70_000), '00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'cbk_' + 'A'.repeat(60), 'javascript:alert(1)',
  'http://127.0.0.1:1/', 'file:///etc/passwd', 'did:web:127.0.0.1%3A1', '\r\nX-Injected: 1',
]

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000 }) },
)

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(0, -1, 1.5, 2147483648, 2 ** 53 + 2, 1e308, -1e308, true, false, null, [], {}),
  fc.integer(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }),
)

/** Values that are valid for a parameter or field, learned from the seeded tenant. */
export type Known = Record<string, string[]>

/** A value close to what the schema asks, so that mutations reach the deeper code. */
export function fromSchema (schema: any, known: Known, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return hostileJson
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: any) => fromSchema(s, known, name, depth + 1)))
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string': {
      const samples = known[name] ?? []
      const base = schema.format === 'uuid' ? fc.uuid() : schema.format === 'uri' ? fc.constantFrom('https://example.org/a', 'https://example.org/b') : schema.format === 'email' ? fc.constant('someone@example.org') : schema.format === 'date-time' ? fc.constant('2026-01-01T00:00:00Z') : fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 30, 30) })
      return samples.length > 0 ? fc.oneof(fc.constantFrom(...samples), base) : base
    }
    case 'integer': return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 })
    case 'number': return fc.double({ noNaN: true, min: -1e6, max: 1e6 })
    case 'boolean': return fc.boolean()
    case 'array': return fc.array(fromSchema(schema.items, known, name, depth + 1), { maxLength: 3 })
    case 'object':
    default: {
      if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 6 }), hostileString, { maxKeys: 2 })
      const required: string[] = schema.required ?? []
      const props = Object.fromEntries(Object.entries<any>(schema.properties).map(([k, v]) => [k, fromSchema(v, known, k, depth + 1)]))
      return fc.record(props, { requiredKeys: required.filter((k) => k in props) })
    }
  }
}

/** A schema-shaped value with 0..3 mutations: a field of the wrong type, a missing field, an extra field, a wrapper. */
function mutated (base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, fc.array(fc.tuple(fc.nat(3), fc.string({ maxLength: 12 }), hostileJson), { maxLength: 3 }), fc.nat(20)).map(([v, muts, wrap]) => {
    let out: unknown = v
    for (const [kind, key, value] of muts) {
      if (out === null || typeof out !== 'object' || Array.isArray(out)) break
      const o = { ...(out as Record<string, unknown>) }
      const keys = Object.keys(o)
      const pick = keys.length > 0 ? keys[key.length % keys.length]! : key
      if (kind === 0) o[pick] = value // wrong type / hostile value
      else if (kind === 1) delete o[pick] // missing field
      else if (kind === 2) o[key || 'extra'] = value // extra field
      else o[pick] = { nested: o[pick] } // a level too deep
      out = o
    }
    if (wrap === 0) return [out]
    if (wrap === 1) return null
    return out
  })
}

export interface FuzzRequest {
  op: string
  method: string
  path: string
  headers: Record<string, string>
  /** The body as text (latin1 for binary); undefined for none. */
  body?: string | undefined
}

function encodeSegment (raw: string, mode: number): string {
  if (mode === 0) return encodeURIComponent(raw.replace(/[\uD800-\uDFFF]/g, '')) // a correct encoding
  if (mode === 1) return raw.replace(/[^A-Za-z0-9._~%-]/g, (c) => encodeURIComponent(c.replace(/[\uD800-\uDFFF]/g, '') || '_')) // % left raw: bad percent-encoding
  return ['%', '%zz', '%E0%A4%A', '%00', '%C0%AF', '%2F..%2F', '%FF%FE'][raw.length % 7]!
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8']
const BAD_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data', 'multipart/form-data; boundary=zz', 'application/octet-stream', '', 'application/json, text/html', 'application/problem+json']

/** One request to `op`: path, query, credentials, body and content type, mostly wrong in one way or another. */
export function requestFor (op: Operation, known: Known, keys: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const param = (p: { name: string; schema: any }): fc.Arbitrary<[string, number]> => fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(known[p.name]?.length ? known[p.name]! : ['x'])) }, { weight: 2, arbitrary: fromSchema(p.schema, known, p.name).map(String) }, { weight: 3, arbitrary: hostileString }),
    fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  )
  const pathArb = fc.tuple(...op.pathParams.map(param)).map((vals) => {
    let p = op.path
    op.pathParams.forEach((pp, i) => { p = p.replace(`{${pp.name}}`, encodeSegment(String(vals[i]![0]), vals[i]![1])) })
    return p
  })
  const queryArb = fc.tuple(
    fc.subarray(op.queryParams).chain((qs) => fc.tuple(...qs.map((q) => fc.tuple(fc.constant(q.name), fc.oneof(fromSchema(q.schema, known, q.name).map(String), hostileString), fc.nat(9))))),
    fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostileString), { freq: 5 }),
  ).map(([qs, extra]) => {
    const parts = qs.map(([k, v, m]) => `${k}=${encodeSegment(v, m === 0 ? 2 : m === 1 ? 1 : 0)}`)
    if (extra) parts.push(`${encodeURIComponent(extra[0])}=${encodeSegment(extra[1], 0)}`)
    return parts.length > 0 ? `?${parts.join('&')}` : ''
  })
  const auth = fc.constantFrom(...Object.keys(keys), 'none', 'garbage', 'basic')
  const bodyTypes = op.body ? Object.keys(op.body) : []
  const bodyArb: fc.Arbitrary<{ type: string | undefined; body: string | undefined }> = op.body
    ? fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...JSON_TYPES), mutated(fromSchema(op.body['application/json'] ?? op.body[bodyTypes[0]!], known))).map(([type, v]) => ({ type, body: JSON.stringify(v) })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BAD_TYPES), fc.string({ maxLength: 200 })).map(([type, body]) => ({ type, body })) },
      { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '1'.repeat(400), '"x"', `{"a":"${'\\u0000'.repeat(10)}"}`, '\uFEFF{}').map((body) => ({ type: 'application/json', body })) },
      { weight: 1, arbitrary: fc.constantFrom(undefined).map(() => ({ type: undefined, body: undefined })) },
      { weight: 1, arbitrary: multipart() },
    )
    : fc.oneof({ weight: 9, arbitrary: fc.constant({ type: undefined, body: undefined }) }, { weight: 1, arbitrary: fc.constant({ type: 'application/json', body: '{"unexpected":true}' }) })
  const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
    { weight: 9, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ 'x-long': 'a'.repeat(20_000) }, { accept: 'application/xml' }, { 'idempotency-key': 'é' }, { 'idempotency-key': 'k'.repeat(300) }, { 'if-none-match': '"' + 'x'.repeat(500) }, { 'x-forwarded-for': '::1, 127.0.0.1, ' + 'x'.repeat(100) }) },
  )
  const longPath = fc.oneof({ weight: 30, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('/' + 'a'.repeat(9000)) })
  return fc.record({ path: pathArb, query: queryArb, auth, body: bodyArb, extra: extraHeaders, longPath, idem: fc.option(fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'k')), { freq: 3 }) })
    .map(({ path: p, query, auth: a, body, extra, longPath: lp, idem }) => {
      const headers: Record<string, string> = { ...extra }
      if (a === 'garbage') headers.authorization = 'Bearer cbk_garbage'
      else if (a === 'basic') headers.authorization = 'Basic Zm9vOmJhcg=='
      else if (a !== 'none') headers.authorization = `Bearer ${keys[a]}`
      if (body.type !== undefined && body.type !== '') headers['content-type'] = body.type
      if (idem && op.method === 'POST') headers['idempotency-key'] = idem
      return { op: op.id, method: op.method, path: p + lp + query, headers, body: body.body }
    })
}

function multipart (): fc.Arbitrary<{ type: string; body: string }> {
  return fc.constantFrom(
    { type: 'multipart/form-data; boundary=zz', body: '{"jwt":"x"}' },
    { type: 'multipart/form-data', body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz--\r\n' },
    { type: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"name":\r\n--zz' },
    { type: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--zz--\r\n' },
    { type: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n{"name":"x"}\r\n--zz--\r\n' },
    { type: 'multipart/form-data; boundary=' + 'b'.repeat(200), body: '--' + 'b'.repeat(200) + '--\r\n' },
  )
}

// --- sending ---------------------------------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 16 })

export interface Reply { status: number; contentType: string; body: string; ms: number; hang: boolean; error?: string }

/** Sends a request as is (raw path, raw headers, latin1 body), with a deadline: a hang is a finding, not an error. */
let source = 0
/**
 * Rotates the client's source address over 127.0.1.1 .. 127.0.1.200 (all loopback on Linux), so that per-address rate
 * limits (60 verifications a minute) do not turn the run into a run of 429s.
 */
export function nextSource (): string { return `127.0.1.${1 + (source++ % 200)}` }

export function send (base: string, r: FuzzRequest, timeoutMs = 15_000, localAddress: string | undefined = nextSource()): Promise<Reply> {
  const u = new URL(base)
  const started = performance.now()
  return new Promise((resolve) => {
    let settled = false
    const done = (x: Omit<Reply, 'ms'>): void => { if (!settled) { settled = true; resolve({ ...x, ms: performance.now() - started }) } }
    let req: ReturnType<typeof request>
    try {
      const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8')
      req = request({ host: u.hostname, port: u.port, method: r.method, path: r.path, agent, localAddress, headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), hang: false }))
        res.on('error', (e) => done({ status: 0, contentType: '', body: '', hang: false, error: e.message }))
      })
      req.setTimeout(timeoutMs, () => { done({ status: 0, contentType: '', body: '', hang: true }); req.destroy() })
      req.on('error', (e) => done({ status: 0, contentType: '', body: '', hang: false, error: e.message }))
      if (body) req.write(body)
      req.end()
    } catch (e) {
      // The client itself refuses (e.g. a header value Node will not send): not a request that reached the server.
      done({ status: -1, contentType: '', body: '', hang: false, error: (e as Error).message })
    }
  })
}

/**
 * Errors in a format a standard prescribes instead of problem+json (as the authorisation matrix allows): the OB 3.0
 * API answers Imsx_StatusInfo, OAuth answers RFC 6749 JSON errors and its sign-in steps pages a browser shows.
 */
export function standardError (r: Reply, req?: FuzzRequest): boolean {
  const path = req?.path ?? ''
  if (path.startsWith('/ims/')) return r.contentType.startsWith('application/json') && /"imsx_codeMajor":"failure"/.test(r.body)
  // OAuth endpoints answer RFC 6749 `{ error, error_description }` JSON, and its sign-in steps HTML pages.
  if (path.startsWith('/oauth/')) return r.contentType.startsWith('text/html') || (r.contentType.startsWith('application/json') && /"error"/.test(r.body))
  return false
}

/** What counts as a failure: a 5xx, an error body that is not problem+json, a hang, a dropped connection. */
export function verdict (r: Reply, req?: FuzzRequest): string | undefined {
  if (r.status === -1) return undefined
  if (r.hang) return 'hang'
  // Headers over Node's 16 KiB limit: the server answers 431 and closes the socket while the client may still be
  // writing, so the client sees a reset. A refusal, not a crash (the process is checked to stay up).
  if (r.status === 0 && req && Object.values(req.headers).join('').length > 16_000) return undefined
  if (r.status === 0) return `connection error: ${r.error}`
  if (r.status >= 500) return `status ${r.status}`
  if (r.status >= 400 && !r.contentType.includes('application/problem+json') && !standardError(r, req)) return `status ${r.status} as ${r.contentType || 'no content type'}`
  return undefined
}
