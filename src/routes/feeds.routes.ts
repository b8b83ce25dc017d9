import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import { escapeHtml } from '../domain/opportunities/markdown.js'
import { schemaOrgDocument } from '../domain/opportunities/open-data.js'
import type { Opportunity } from '../domain/opportunities/opportunities.js'
import type { Services } from '../domain/services.js'
import { Slug, problems } from './schemas.js'
import { negotiate } from './spine-public.routes.js'
import { LangParam, languageWanted, sayLanguage } from './languages.js'

// Open data out (issue #9), public and keyless:
// - /feeds/{city}/opportunities — the city's OpenActive RPDE 1.0 feed (SessionSeries with their ScheduledSessions);
// - /opportunities/{city}/{id} — one published opportunity as schema.org JSON-LD (Event / Course / JobPosting), or an
//   HTML page for a browser.

const FeedQuery = Type.Object({
  afterTimestamp: Type.Optional(Type.String({ maxLength: 20, description: 'The `modified` of the last item read' })),
  afterId: Type.Optional(Type.String({ maxLength: 64, description: 'The `id` of the last item read' })),
}, { additionalProperties: false })
const RpdePage = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), modified: Type.Integer(), kind: Type.String(), state: Type.Union([Type.Literal('updated'), Type.Literal('deleted')]),
    data: Type.Optional(Type.Unknown()),
  })),
  next: Type.String(),
  license: Type.String(),
})

export const openDataRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Opportunities (open data)']
  app.get('/feeds/:city/opportunities', {
    schema: {
      operationId: 'getOpportunityFeed', tags, summary: 'The city’s opportunities as an OpenActive RPDE feed (keyset by modified, id; tombstones for deleted items)',
      params: Type.Object({ city: Slug }), querystring: FeedQuery, response: { 200: RpdePage, ...problems(400, 404) },
    },
  }, async (req, reply) => {
    const page = await services.openData.feed(req.params.city, req.query)
    // RPDE: the last page is polled, fuller pages never change.
    reply.header('cache-control', page.items.length === 0 ? 'public, max-age=8' : 'public, max-age=3600')
    return page
  })

  app.get('/opportunities/:city/:id', {
    schema: {
      operationId: 'getPublicOpportunity', tags, summary: 'A published opportunity as schema.org JSON-LD (Event, Course or JobPosting), or HTML for a browser, in the language chosen by `Accept-Language` or `?lang=` (`Content-Language` says which)',
      params: Type.Object({ city: Slug, id: Type.String({ maxLength: 64 }) }),
      querystring: Type.Object({ lang: LangParam }),
      response: { 200: Type.Unknown({ description: 'application/ld+json, or text/html' }), ...problems(404, 406) },
    },
  }, async (req, reply) => {
    const { opportunity, organisation, language } = await services.opportunities.publicOne(req.params.city, req.params.id, languageWanted(req))
    reply.header('vary', 'Accept')
    sayLanguage(reply, language)
    reply.header('cache-control', 'public, max-age=300')
    const want = negotiate(req.headers.accept)
    if (want === 'none') throw Object.assign(new Error('this resource is available as application/ld+json or text/html'), { statusCode: 406, code: 'NOT_ACCEPTABLE' })
    if (want === 'html') {
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
      return reply.type('text/html; charset=utf-8').send(page(opportunity, organisation.name))
    }
    return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(schemaOrgDocument(opportunity, organisation)))
  })
}

function page (o: Opportunity, organisation: string): string {
  const sessions = o.sessions.map((s) => `<li><time datetime="${escapeHtml(s.start)}">${escapeHtml(s.start.replace('T', ' ').slice(0, 16))}</time>` +
    `${s.status === 'cancelled' ? ' (cancelled)' : s.placesLeft !== null ? ` — ${s.placesLeft} places left` : ''}</li>`).join('')
  return `<!doctype html><html lang="${escapeHtml(o.language ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(o.title)}</title></head><body><main><h1>${escapeHtml(o.title)}</h1>` +
    `<p>${escapeHtml(organisation)}${o.status === 'cancelled' ? ' — <strong>cancelled</strong>' : ''}</p>` +
    (o.place?.address ? `<p>${escapeHtml(o.place.address)}${o.place.postcode ? `, ${escapeHtml(o.place.postcode)}` : ''}</p>` : '') +
    `<section>${o.descriptionHtml}</section>` +
    (sessions ? `<h2>Sessions</h2><ul>${sessions}</ul>` : '') +
    (o.bookingUrl ? `<p><a href="${escapeHtml(o.bookingUrl)}">Book a place</a></p>` : '') +
    '</main></body></html>'
}
