import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { DIMENSIONS, LEVELS, type Dimension, type Level } from '../spine/index.js'
import { Slug, problems } from './schemas.js'
import {
  catalogueHtml, cellHtml, cellJsonLd, destinationJsonLd, elementHtml, elementJsonLd, frameworkHtml, frameworkJsonLd, themeJsonLd,
} from './spine-pages.js'
import { cachedPage, sendCachedPage, type Page } from './pages/layout.js'
import type { PagesService } from '../domain/pages/pages.js'
import type { Freshness } from '../domain/pages/page-cache.js'
import { LangParam, languageKey, languageWanted, sayLanguage } from './languages.js'

// Public, unauthenticated pages every alignment `targetUrl` and CASE `uri` points at. JSON-LD by default; HTML when
// the client prefers it (a browser). CORS is open app-wide; responses are cacheable and carry ETags.

const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', maxLength: 64 })
const CityOnly = Type.Object({ city: Slug })
const LangQuery = Type.Object({ lang: LangParam })
const ElementParams = Type.Object({ city: Slug, code: Code })
const CellParams = Type.Object({
  city: Slug,
  level: Type.Union(LEVELS.map((l) => Type.Literal(l.value))),
  dimension: Type.Union(DIMENSIONS.map((d) => Type.Literal(d.value))),
})
const CaseParams = Type.Object({ city: Slug, id: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) })
const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), lang: LangParam }, { additionalProperties: false })
const JsonLd = Type.Unknown({ description: 'JSON-LD (application/ld+json), or an HTML page when the client prefers text/html' })

/** The q-value the Accept header gives a media type: the most specific matching range wins (RFC 9110 §12.5.1). */
function quality (accept: string, type: string): number {
  let best = 0
  let q = 0
  for (const part of accept.toLowerCase().split(',')) {
    const [range = '', ...params] = part.trim().split(';').map((s) => s.trim())
    const specificity = range === type ? 3 : range === `${type.split('/')[0]}/*` ? 2 : range === '*/*' ? 1 : 0
    if (specificity === 0 || specificity < best) continue
    const qp = params.find((p) => p.startsWith('q='))
    const value = qp ? Number(qp.slice(2)) : 1
    const v = Number.isFinite(value) ? value : 0
    q = specificity > best ? v : Math.max(q, v)
    best = specificity
  }
  return q
}

type Negotiated = 'html' | 'json' | 'none'
export function negotiate (accept: string | undefined): Negotiated {
  if (!accept || accept.trim() === '') return 'json'
  const json = Math.max(quality(accept, 'application/ld+json'), quality(accept, 'application/json'))
  const html = Math.max(quality(accept, 'text/html'), quality(accept, 'application/xhtml+xml'))
  if (json <= 0 && html <= 0) return 'none'
  return html > json ? 'html' : 'json'
}

const CACHE = 'public, max-age=300'

/**
 * A public spine document in the language the request chose (`v.language`): its HTML page for a browser (from the
 * page cache, kept per language asked for, while nothing it shows has changed: `load` and `html` run only to render
 * it again), else JSON-LD.
 */
async function send<V extends { language?: string | undefined }> (req: FastifyRequest, reply: FastifyReply, pages: PagesService, key: string, load: () => Promise<V>, jsonld: (v: V) => unknown,
  html: (v: V) => Page | Promise<Page | { page: Page; freshness: Freshness }>): Promise<FastifyReply> {
  reply.header('vary', 'Accept')
  reply.header('cache-control', CACHE)
  const want = negotiate(req.headers.accept)
  if (want === 'html') {
    return sendCachedPage(reply, await pages.cached(`${key} ${languageKey(req)}`, async () => {
      const v = await load()
      const out = await html(v)
      const { page, freshness } = 'html' in out ? { page: out, freshness: {} } : out
      return { page: cachedPage(page, { cache: CACHE, lang: v.language }), freshness }
    }))
  }
  const v = await load()
  if (want === 'none') {
    throw Object.assign(new Error('this resource is available as application/ld+json or text/html'), { statusCode: 406, code: 'NOT_ACCEPTABLE' })
  }
  sayLanguage(reply, v.language)
  return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(jsonld(v)))
}

export const spinePublicRoutes: FastifyPluginAsyncTypebox<{ services: Services; publicUrl: string }> = async (app, { services, publicUrl }) => {
  const pub = services.spine.public
  const { pages } = services
  const opts = (ctx: { city: Parameters<typeof pages.cityRefOf>[0] }) => ({ city: pages.cityRefOf(ctx.city), publicUrl })
  const tags = ['Spine (public)']
  const responses = { 200: JsonLd, ...problems(400, 404, 406) }

  app.get('/:city', {
    schema: { operationId: 'getPublicSpine', tags, summary: 'A city’s skills spine as a schema.org DefinedTermSet', params: CityOnly, querystring: LangQuery, response: responses },
  }, async (req, reply) => {
    const { city } = req.params
    const want = languageWanted(req)
    return send(req, reply, pages, `spine ${city}`, () => pub.framework(city, want), frameworkJsonLd, (v) => frameworkHtml(v, opts(v)))
  })

  app.get('/:city/elements/:code', {
    schema: { operationId: 'getPublicSpineElement', tags, summary: 'A spine element (retired ones too); `?version=` for an earlier version', params: ElementParams, querystring: VersionQuery, response: responses },
  }, async (req, reply) => {
    const { city, code } = req.params
    const version = req.query.version
    const want = languageWanted(req)
    return send(req, reply, pages, `element ${city} ${code} ${version ?? ''}`, () => pub.element(city, code, version, want), elementJsonLd, async (v) => {
      const [building, uses] = await Promise.all([pages.classesBuilding(v.city, v.element.code), pages.elementUses(v.city, v.element.code)])
      return { page: elementHtml(v, { ...opts(v), building, uses }), freshness: uses.freshness }
    })
  })

  app.get('/:city/grid/:level/:dimension', {
    schema: { operationId: 'getPublicGridCell', tags, summary: 'One level x dimension cell of the grid with its descriptors', params: CellParams, querystring: LangQuery, response: responses },
  }, async (req, reply) => {
    const { city, level, dimension } = req.params
    const want = languageWanted(req)
    return send(req, reply, pages, `cell ${city} ${level} ${dimension}`, () => pub.cell(city, level as Level, dimension as Dimension, want), cellJsonLd, (v) => cellHtml(v, opts(v)))
  })

  app.get('/:city/themes/:code', {
    schema: { operationId: 'getPublicTheme', tags, summary: 'A theme of the city’s catalogue', params: ElementParams, querystring: LangQuery, response: responses },
  }, async (req, reply) => {
    const { city, code } = req.params
    const want = languageWanted(req)
    return send(req, reply, pages, `theme ${city} ${code}`, () => pub.theme(city, code, want), themeJsonLd,
      async (v) => catalogueHtml(v, { ...opts(v), badges: await pages.classesWith(v.city, { theme: v.theme.code }) }, 'Theme', v.urls.theme(v.theme.code), v.theme))
  })

  app.get('/:city/destinations/:code', {
    schema: { operationId: 'getPublicDestination', tags, summary: 'A destination of the city’s catalogue', params: ElementParams, querystring: LangQuery, response: responses },
  }, async (req, reply) => {
    const { city, code } = req.params
    const want = languageWanted(req)
    return send(req, reply, pages, `destination ${city} ${code}`, () => pub.destination(city, code, want), destinationJsonLd,
      async (v) => catalogueHtml(v, { ...opts(v), badges: await pages.classesWith(v.city, { destination: v.destination.code }) }, 'Destination', v.urls.destination(v.destination.code), v.destination))
  })

  // CASE 1.1 documents of our exports (the `uri` of CFDocument and CFPackage): JSON only.
  app.get('/:city/case/CFPackages/:id', {
    schema: { operationId: 'getPublicCasePackage', tags, summary: 'CASE 1.1 CFPackage of the spine or of one layer', params: CaseParams, response: { 200: Type.Unknown(), ...problems(400, 404) } },
  }, async (req, reply) => reply.header('cache-control', 'public, max-age=300').type('application/json').send(JSON.stringify(await pub.casePackage(req.params.city, req.params.id))))

  app.get('/:city/case/CFDocuments/:id', {
    schema: { operationId: 'getPublicCaseDocument', tags, summary: 'CASE 1.1 CFDocument of the spine or of one layer', params: CaseParams, response: { 200: Type.Unknown(), ...problems(400, 404) } },
  }, async (req, reply) => reply.header('cache-control', 'public, max-age=300').type('application/json').send(JSON.stringify(await pub.caseDocument(req.params.city, req.params.id))))
}
