import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { createVerifyService } from '../domain/verify/verify.js'
import type { Runtime } from '../runtime.js'
import { sendProblem } from '../plugins/problem.js'
import { renderCityPage, renderIndexPage } from './pages/documents.js'
import { cachedPage, sendCachedPage, sendHtml } from './pages/layout.js'
import { renderVerifyPage } from './pages/verify-page.js'
import { Slug, problems } from './schemas.js'
import { languageWanted } from './languages.js'
import { negotiate } from './spine-public.routes.js'
import { ownFetcher } from './verify.routes.js'

// Public pages that are not a badge document: `/` (the cities), `/cities/{city}` (a city's landing page) and its
// logo, and the badge page's "verify" button (a plain HTML form POST, so it works without JavaScript). The badge,
// issuer and badge class pages live at their Open Badges URLs (ob2-public.routes.ts, ob3-public.routes.ts).

const Html = Type.String({ description: 'An HTML page (text/html), or JSON for machines where noted' })

function wantsHtml (req: FastifyRequest, reply: FastifyReply): boolean | undefined {
  reply.header('vary', 'Accept')
  const want = negotiate(req.headers.accept)
  if (want === 'none') {
    void sendProblem(req, reply, 406, { detail: 'this resource is available as text/html or application/json', code: 'NOT_ACCEPTABLE' })
    return undefined
  }
  return want === 'html'
}

export const pagesRoutes: FastifyPluginAsyncTypebox<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { pages, branding } = runtime.services
  const publicUrl = runtime.config.publicUrl
  const tags = ['Public pages']
  const verifier = createVerifyService({ egress: runtime.egress, clock: runtime.clock, fetchOwn: ownFetcher(app, publicUrl) })

  // The verify form posts application/x-www-form-urlencoded (one optional field): parsed here only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  app.get('/', {
    schema: { operationId: 'getHome', tags, summary: 'The cities (HTML for browsers; `{ cities: [{ slug, name, url }] }` as JSON)', response: { 200: Html, ...problems(406) } },
  }, async (req, reply) => {
    const html = wantsHtml(req, reply)
    if (html === undefined) return reply
    if (html) return sendCachedPage(reply, await pages.cached('home', async () => ({ page: cachedPage(renderIndexPage(await pages.cityIndex(), { publicUrl }), { cache: 'public, max-age=60' }), freshness: {} })))
    const v = await pages.cityIndex()
    return reply.header('cache-control', 'public, max-age=60').type('application/json; charset=utf-8').send(JSON.stringify({ cities: v.cities.map((c) => ({ slug: c.slug, name: c.name, url: c.landing })) }))
  })

  app.get('/cities/:city', {
    schema: {
      operationId: 'getCityPage', tags, params: Type.Object({ city: Slug }), response: { 200: Html, ...problems(400, 404, 406) },
      summary: 'A city’s landing page: what its City of Learning is, its spine, themes, destinations, issuers and badges (HTML; a JSON summary for machines)',
    },
  }, async (req, reply) => {
    const html = wantsHtml(req, reply)
    if (html === undefined) return reply
    const slug = req.params.city
    if (html) return sendCachedPage(reply, await pages.cached(`city ${slug}`, async () => ({ page: cachedPage(renderCityPage(await pages.cityLanding(slug), { publicUrl }), { cache: 'public, max-age=60' }), freshness: {} })))
    const v = await pages.cityLanding(slug)
    return reply.header('cache-control', 'public, max-age=60').type('application/json; charset=utf-8').send(JSON.stringify({
      slug: v.city.slug, name: v.city.branding.name, url: v.city.landing, spine: v.city.spine, badgeCount: v.badgeCount,
      badges: v.badges.map((b) => ({ id: b.id, name: b.name, url: b.page, issuer: b.issuer.page })),
      issuers: v.issuers.map((o) => ({ id: o.id, name: o.name, verified: o.verified, url: o.page })),
    }))
  })

  app.get('/cities/:city/logo', {
    schema: { operationId: 'getCityLogo', tags, summary: 'The city’s logo (PNG or sanitised SVG)', params: Type.Object({ city: Slug }), response: { 200: Type.Unknown({ description: 'image/png or image/svg+xml' }), ...problems(400, 404) } },
  }, async (req, reply) => {
    const logo = await branding.logo(req.params.city)
    return reply.header('cache-control', 'public, max-age=86400').header('etag', logo.etag).type(logo.mediaType).send(logo.bytes)
  })

  app.post('/ob/v2/assertions/:id/verify', {
    schema: {
      operationId: 'verifyBadgePage', tags, params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
      summary: 'The badge page’s verify button: runs the verifier on this badge (OB 2.0 and OB 3.0 forms) and answers an HTML report',
      body: Type.Optional(Type.Object({ recipient: Type.Optional(Type.String({ maxLength: 320 })) }, { additionalProperties: false })),
      response: { 200: Html, ...problems(400, 404, 413, 415, 429) },
    },
    config: { idempotent: false, rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `verify-page:${req.ip}` } },
  }, async (req, reply) => {
    const view = await pages.badge(req.params.id, languageWanted(req))
    const email = req.body?.recipient?.trim()
    const recipient = email ? { type: 'email', identity: email } : undefined
    const [ob2, ob3] = await Promise.all([
      verifier.verify({ url: view.links.assertion }, recipient),
      verifier.verify({ url: view.links.credential }, recipient),
    ])
    return sendHtml(reply, renderVerifyPage(view, { ob2, ob3 }, { publicUrl, checkedAt: runtime.clock(), recipientGiven: recipient !== undefined }), { cache: 'no-store' })
  })
}
