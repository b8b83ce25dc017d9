import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CachedDocument } from '../domain/credentials/hosted-cache.js'
import type { Services } from '../domain/services.js'
import { sendProblem } from '../plugins/problem.js'
import { LangParam, languageKey, languageWanted, sayLanguage } from './languages.js'
import { writeHostedDocument } from '../plugins/hosted-fast-path.js'
import { jsonAnswerHeaders } from '../plugins/security-headers.js'
import { renderBadgePage } from './pages/badge-page.js'
import { renderBadgeClassPage, renderIssuerPage } from './pages/documents.js'
import { cachedPage, sendCachedPage } from './pages/layout.js'

/**
 * Public OB 2.0 documents (no API key, open CORS): what verifiers and badge backpacks fetch. Signed and
 * hosted documents are serialised by the domain and sent as bytes, never through a response schema.
 */

type Choice = 'ld' | 'json' | 'html'
const OFFERS: Array<[Choice, string]> = [['ld', 'application/ld+json'], ['json', 'application/json'], ['html', 'text/html']]

/**
 * Accept values already negotiated, per `html`: clients send a handful of distinct values, and parsing one cost
 * about a microsecond and a quarter measured alone, the largest single step of a cached hosted assertion's answer. Bounded: values of
 * at most 256 characters, at most 256 of them (then it starts again).
 */
const NEGOTIATED = { html: new Map<string, Choice | null>(), json: new Map<string, Choice | null>() }
const MEMO_MAX = 256

/** RFC 9110 §12.5.1 content negotiation over JSON-LD, JSON and (when `html`) HTML; ties prefer JSON-LD. */
export function negotiate (accept: string | undefined, html: boolean): Choice | null {
  if (!accept) return 'ld'
  const memo = html ? NEGOTIATED.html : NEGOTIATED.json
  const known = memo.get(accept)
  if (known !== undefined) return known
  const choice = negotiateNow(accept, html)
  if (accept.length <= MEMO_MAX) {
    if (memo.size >= MEMO_MAX) memo.clear()
    memo.set(accept, choice)
  }
  return choice
}

/** {@link negotiate} without the memo (exported for its test). */
export function negotiateNow (accept: string | undefined, html: boolean): Choice | null {
  if (!accept || accept.trim() === '') return 'ld'
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim())
    const q = params.map((p) => /^q=([01](\.\d{0,3})?)$/.exec(p)?.[1]).find((v) => v !== undefined)
    return { range, q: q === undefined ? 1 : Number(q) }
  })
  const qOf = (type: string): number => {
    const [major] = type.split('/')
    const match = ranges.find((r) => r.range === type) ?? ranges.find((r) => r.range === `${major}/*`) ?? ranges.find((r) => r.range === '*/*')
    return match?.q ?? 0
  }
  let best: Choice | null = null
  let bestQ = 0
  for (const [choice, type] of OFFERS) {
    if (choice === 'html' && !html) continue
    const q = qOf(type)
    if (q > bestQ) {
      best = choice
      bestQ = q
    }
  }
  return best
}

const JSON_TYPES: Record<'ld' | 'json', string> = { ld: 'application/ld+json; charset=utf-8', json: 'application/json; charset=utf-8' }
const CACHE_DOCS = 'public, max-age=60'
// Revocation must show at once: revalidate every time (the ETag makes that cheap).
const CACHE_LIVE = 'no-cache'

/**
 * What a GET of a public document answers: its human page (a browser: text/html preferred), JSON-LD/JSON, or null
 * (406). `?format=json` is the pages' own "machine form" link: a browser link always asks for text/html first.
 */
export function choose (req: FastifyRequest, html: boolean): Choice | null {
  return (req.query as { format?: unknown } | undefined)?.format === 'json' ? 'ld' : negotiate(req.headers.accept, html)
}

function notAcceptable (req: FastifyRequest, reply: FastifyReply, what: string): FastifyReply {
  return sendProblem(req, reply, 406, { detail: `${what} is available as application/ld+json or application/json`, code: 'NOT_ACCEPTABLE' })
}

function sendJsonDoc (req: FastifyRequest, reply: FastifyReply, body: string | Buffer, opts: { status?: number; cache?: string; etag?: string; lang?: string } = {}): FastifyReply {
  const choice = choose(req, false)
  reply.header('vary', 'Accept')
  if (opts.lang !== undefined) sayLanguage(reply, opts.lang)
  if (choice === null) return notAcceptable(req, reply, 'this document')
  reply.header('cache-control', opts.cache ?? CACHE_DOCS)
  if (opts.etag) reply.header('etag', opts.etag)
  return reply.code(opts.status ?? 200).type(JSON_TYPES[choice as 'ld' | 'json']).send(body)
}

const Id = Type.String({ maxLength: 100 })

/**
 * The hosted assertion's JSON, written straight to the socket: the hottest public answer (every verifier, every
 * backpack refresh) skips Fastify's serialisation and send hooks. It carries the same headers the hooks would add
 * (security, CORS, request id), answers If-None-Match itself, and reports its metrics through `recordResponse`.
 */
function sendHostedJson (req: FastifyRequest, reply: FastifyReply, doc: CachedDocument, type: string, security: readonly string[], recordResponse?: RecordResponse): void {
  const started = performance.now()
  reply.hijack()
  const status = writeHostedDocument(req.raw, reply.raw, doc, type, req.id, security)
  recordResponse?.(req.method, '/ob/v2/assertions/:id', status, (performance.now() - started) / 1000)
}

/** Request metrics for answers written without Fastify's reply (see sendHostedJson). */
export type RecordResponse = (method: string, route: string, status: number, seconds: number) => void

const Format = Type.Object({ format: Type.Optional(Type.Literal('json', { description: 'JSON-LD whatever the Accept header says (the pages’ machine links)' })) })
const FormatAndLang = Type.Object({ ...Format.properties, lang: LangParam })

export const ob2PublicRoutes: FastifyPluginAsyncTypebox<{ services: Services; publicUrl: string; recordResponse?: RecordResponse }> = async (app, opts) => {
  const { ob2, pages } = opts.services
  const { publicUrl } = opts
  const security = jsonAnswerHeaders(publicUrl)
  const tags = ['Open Badges 2.0 (public)']

  app.get('/issuers/:id', { schema: { operationId: 'getOb2Issuer', tags, summary: 'Issuer Profile (JSON-LD), or its human page (text/html)', params: Type.Object({ id: Id }), querystring: Format } },
    async (req, reply) => {
      if (choose(req, true) === 'html') {
        const id = req.params.id
        return sendCachedPage(reply, await pages.cached(`issuer ${id}`, async () => ({ page: cachedPage(renderIssuerPage(await pages.issuer(id), { publicUrl })), freshness: {} })))
      }
      return sendJsonDoc(req, reply, JSON.stringify(await ob2.profile(req.params.id)))
    })

  app.get('/issuers/:id/keys/:kid', { schema: { operationId: 'getOb2Key', tags, params: Type.Object({ id: Id, kid: Id }) } },
    async (req, reply) => sendJsonDoc(req, reply, JSON.stringify(await ob2.cryptographicKey(req.params.id, req.params.kid))))

  app.get('/issuers/:id/revocations', { schema: { operationId: 'getOb2RevocationList', tags, params: Type.Object({ id: Id }) } },
    async (req, reply) => sendJsonDoc(req, reply, JSON.stringify(await ob2.revocationList(req.params.id)), { cache: CACHE_LIVE }))

  app.get('/badges/:id', { schema: { operationId: 'getOb2BadgeClass', tags, summary: 'BadgeClass (JSON-LD), or its human page (text/html), in the language chosen by `Accept-Language` (`Content-Language` says which)', params: Type.Object({ id: Id }), querystring: FormatAndLang } },
    async (req, reply) => {
      if (choose(req, true) === 'html') {
        const id = req.params.id
        const want = languageWanted(req)
        return sendCachedPage(reply, await pages.cached(`badge-class ${id} ${languageKey(req)}`, async () => {
          const view = await pages.badgeClass(id, want)
          return { page: cachedPage(renderBadgeClassPage(view, { publicUrl, self: view.links.ob2 }), { lang: view.badgeClass.language }), freshness: view.freshness }
        }))
      }
      const { doc, language } = await ob2.badgeClass(req.params.id, languageWanted(req))
      return sendJsonDoc(req, reply, JSON.stringify(doc), { lang: language })
    })

  app.get('/badges/:id/image', { schema: { operationId: 'getOb2BadgeImage', tags, params: Type.Object({ id: Id }) } },
    async (req, reply) => {
      const img = await ob2.badgeImage(req.params.id)
      return reply.header('cache-control', 'public, max-age=3600').type(img.mediaType).send(img.bytes)
    })

  app.get('/endorsements/:id', { schema: { operationId: 'getOb2Endorsement', tags, params: Type.Object({ id: Id }) } },
    async (req, reply) => sendJsonDoc(req, reply, JSON.stringify(await ob2.endorsement(req.params.id))))

  // The hot path of verifiers: served from the in-memory cache, exempt from the per-address rate limit.
  app.get('/assertions/:id', {
    schema: { operationId: 'getOb2Assertion', tags, summary: 'Hosted assertion (JSON-LD), its human page (text/html), or `{id}.jws` for the signed form', params: Type.Object({ id: Id }), querystring: Format },
    config: { rateLimit: false },
  }, async (req, reply) => {
    const raw = req.params.id
    if (raw.endsWith('.jws')) {
      const doc = await ob2.assertion(raw.slice(0, -4), 'signed')
      reply.header('cache-control', CACHE_LIVE).header('etag', doc.etag)
      return reply.code(doc.status).type(doc.status === 200 ? 'text/plain; charset=utf-8' : JSON_TYPES.ld).send(doc.body)
    }
    // `?format=json`: the page's "download JSON" link (a browser link always asks for text/html).
    const choice = choose(req, true)
    if (choice === 'html') {
      const want = languageWanted(req)
      return sendCachedPage(reply, await pages.cached(`assertion ${raw} ${languageKey(req)}`, async () => {
        const view = await pages.badge(raw, want)
        return { page: cachedPage(renderBadgePage(view, { publicUrl }), { status: view.status === 'revoked' ? 410 : 200, cache: CACHE_LIVE, lang: view.badgeClass.language }), freshness: view.freshness }
      }))
    }
    if (choice === null) return notAcceptable(req, reply, 'this assertion')
    const doc = await ob2.assertion(raw, 'hosted')
    return sendHostedJson(req, reply, doc, JSON_TYPES[choice as 'ld' | 'json'], security, opts.recordResponse)
  })

  app.get('/assertions/:id/image', {
    schema: { operationId: 'getOb2AssertionImage', tags, summary: 'The badge image baked with the assertion (hosted JSON by default, `?form=signed` for the JWS)', params: Type.Object({ id: Id }), querystring: Type.Object({ form: Type.Optional(Type.Union([Type.Literal('hosted'), Type.Literal('signed')])) }) },
  }, async (req, reply) => {
    const baked = await ob2.bakedImage(req.params.id, req.query.form ?? 'hosted')
    return reply.code(baked.status).header('cache-control', CACHE_LIVE).type(baked.mediaType).send(baked.body)
  })
}
