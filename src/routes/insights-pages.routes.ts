import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Principal } from '../domain/access/auth.js'
import type { Services } from '../domain/services.js'
import { sendProblem } from '../plugins/problem.js'
import { sendHtml } from './pages/layout.js'
import { renderInsightReport } from './pages/insights-report.js'
import { Slug, problems } from './schemas.js'

// Outside the JSON-only /v1 group: the report page (HTML; an API key, or a signed link made by
// POST /v1/cities/{city}/insights/report-links) and the weekly open-data releases (public, no key).

const LOOKUP: Principal = { keyId: 'insights-report', role: 'platform-admin', cityId: null, organisationId: null }
const Html = Type.String({ description: 'An HTML page' })

export const insightPageRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/cities/:city/insights/report', {
    schema: {
      operationId: 'getInsightReport', tags: ['Insights'], summary: 'The insight report page for a city officer (HTML; Authorization: Bearer <reader key>, or ?exp=&sig= from a signed link)',
      params: Type.Object({ city: Slug }),
      querystring: Type.Object({ exp: Type.Optional(Type.Integer()), sig: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: Html, ...problems(400, 401, 403, 404) },
      security: [{ apiKey: [] }, {}],
    },
  }, async (req, reply) => {
    let principal: Principal | undefined
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (m) {
      principal = await services.apiKeys.authenticate(m[1]!)
      if (!principal) return sendProblem(req, reply, 401, { detail: 'the API key is unknown or revoked', code: 'UNAUTHENTICATED' })
      const city = await services.cities.resolve(principal, req.params.city)
      return sendHtml(reply, renderInsightReport(await services.insights.report(principal, city)), { cache: 'private, no-store' })
    }
    if (req.query.exp === undefined || req.query.sig === undefined) {
      reply.header('www-authenticate', 'Bearer realm="citybadges"')
      return sendProblem(req, reply, 401, { detail: 'send a reader key as `Authorization: Bearer <key>`, or open a signed report link', code: 'UNAUTHENTICATED' })
    }
    const city = await services.cities.resolve(LOOKUP, req.params.city)
    if (!(await services.insights.checkReportLink(city, req.query.exp, req.query.sig))) {
      return sendProblem(req, reply, 401, { detail: 'the report link is expired or not valid', code: 'UNAUTHENTICATED' })
    }
    principal = { keyId: 'report-link', role: 'reader', cityId: city.id, organisationId: null }
    return sendHtml(reply.header('referrer-policy', 'no-referrer'), renderInsightReport(await services.insights.report(principal, city)), { cache: 'private, no-store' })
  })

  app.get('/open-data/:city/insights/:file', {
    schema: {
      operationId: 'getInsightOpenData', tags: ['Insights'], summary: "A city's weekly open-data release of insights (suppression applied): {week}.json, {week}.csv, latest.json or latest.csv",
      params: Type.Object({ city: Slug, file: Type.String({ pattern: '^(\\d{4}-W\\d{2}|latest)\\.(json|csv)$' }) }),
      response: { 200: Type.Unknown(), ...problems(400, 404) },
    },
  }, async (req, reply) => {
    const [week, ext] = req.params.file.split('.') as [string, 'json' | 'csv']
    const r = await services.insights.release(req.params.city, week)
    if (!r) return sendProblem(req, reply, 404, { detail: `no insight release ${week} for this city`, code: 'NOT_FOUND' })
    reply.header('access-control-allow-origin', '*').header('cache-control', week === 'latest' ? 'public, max-age=3600' : 'public, max-age=604800, immutable')
    if (week === 'latest') reply.header('content-location', `/open-data/${req.params.city}/insights/${r.week}.${ext}`)
    if (ext === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="${req.params.city}-insights-${r.week}.csv"`).send(r.csv)
    return reply.type('application/json; charset=utf-8').send(r.json)
  })
}
