import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { Services } from '../domain/services.js'
import { FILTER_NAMES, MEASURES, type InsightTable } from '../domain/insights/insights.js'
import { BadRequest } from '../domain/shared/errors.js'
import { principalOf } from '../plugins/auth.js'
import { csvCell } from './jobs.routes.js'
import { CityParams, Slug, problems } from './schemas.js'

// The insight API (issue #11): tables of distinct learners, awards, pathway funnels and supply vs demand, always
// through the disclosure rules of src/insights/disclosure.ts; the city's deprivation deciles; its threshold.

const Figure = Type.Object({
  row: Type.String({ description: 'row key, or `*` for a column total / the total' }),
  col: Type.String({ description: 'column key, or `*` for a row total / the total' }),
  value: Type.Union([Type.Integer(), Type.Null()], { description: 'distinct learners (awards for the awards measure), rounded to a multiple of 5; null when suppressed' }),
  suppressed: Type.Boolean(),
})
const Label = Type.Object({ key: Type.String(), label: Type.String() })
const Rule = Type.Object({ rule: Type.String(), description: Type.String(), figures: Type.Integer({ description: 'figures the rule changed' }) })
export const InsightTableSchema = Type.Object({
  measure: Type.String(),
  by: Type.Array(Type.String()),
  period: Type.Optional(Type.String()),
  filters: Type.Record(Type.String(), Type.String()),
  asOf: Type.String({ format: 'date-time', description: 'when the facts of this table were read: a kept table is answered at once; one older than INSIGHT_TABLE_MAX_AGE_SECONDS (default 60) whose facts changed since is computed again in the background (the next answer is the new one)' }),
  answered: Type.Boolean({ description: 'false when the (filtered) population is below the threshold: nothing is shown' }),
  threshold: Type.Integer(),
  rows: Type.Array(Label),
  cols: Type.Array(Label),
  cells: Type.Array(Figure),
  rowTotals: Type.Array(Figure),
  colTotals: Type.Array(Figure),
  total: Type.Union([Figure, Type.Null()]),
  rules: Type.Array(Rule),
  supply: Type.Optional(Type.Array(Type.Object({ row: Type.String(), col: Type.String(), places: Type.Integer() }))),
}, { $id: 'InsightTable' })

const Filter = Type.String({ minLength: 1, maxLength: 100 })
const InsightQuery = Type.Object({
  by: Type.Optional(Type.String({ maxLength: 100, description: 'one or two dimensions, comma-separated: learners/awards — organisation, organisationKind, badgeClass, theme, destination, level, dimension, element, spineCell, area, ageBand, decile, newReturning; funnel — pathway, destination, area, ageBand, decile; supply-demand — area, decile' })),
  period: Type.Optional(Type.String({ maxLength: 10, description: '`week`, `month` or `year` (a breakdown over time), or one period: `2026`, `2026-11`, `2026-W48` (not in the future)' })),
  ...Object.fromEntries(FILTER_NAMES.map((f) => [f, Type.Optional(Filter)])),
}, { additionalProperties: false })
const Settings = Type.Object({ threshold: Type.Integer(), decileAreas: Type.Integer() })
const tags = ['Insights']

/** An insight table as CSV: one line per figure (cells, then totals), one per rule applied, then `as-of` (when its facts were read). */
export function insightCsv (t: InsightTable): string {
  const label = (list: Array<{ key: string; label: string }>, k: string) => (k === '*' ? 'total' : list.find((x) => x.key === k)?.label ?? k)
  const lines = [['kind', 'row', 'row_label', 'col', 'col_label', 'value', 'suppressed'].join(',')]
  const put = (kind: string, f: { row: string; col: string; value: number | null; suppressed: boolean }) =>
    lines.push([kind, f.row, label(t.rows, f.row), f.col, label(t.cols, f.col), f.value === null ? '' : String(f.value), f.suppressed ? 'true' : 'false'].map(csvCell).join(','))
  t.cells.forEach((f) => put('cell', f))
  t.rowTotals.forEach((f) => put('row-total', f))
  t.colTotals.forEach((f) => put('col-total', f))
  if (t.total) put('total', t.total)
  for (const r of t.rules) lines.push(['rule', r.rule, r.description, '', '', String(r.figures), ''].map(csvCell).join(','))
  lines.push(['as-of', t.asOf, '', '', '', '', ''].map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export const insightRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = (req: { params: { city: string } } & Parameters<typeof principalOf>[0]) => services.cities.resolve(principalOf(req), req.params.city)
  // Deciles arrive as text/csv, buffered up to 2 MB (a larger file is a 413 problem).
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body))

  app.get('/insights/settings', {
    schema: { operationId: 'getInsightSettings', tags, summary: "The city's disclosure threshold and how many areas have a deprivation decile", params: CityParams, response: { 200: Settings, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.insights.settings(principalOf(req), await city(req)))

  app.put('/insights/settings', {
    schema: {
      operationId: 'updateInsightSettings', tags, summary: 'Set the disclosure threshold (at least 5; default 10)', params: CityParams,
      body: Type.Object({ threshold: Type.Integer({ description: 'no published figure counts fewer learners; at least 5' }) }, { additionalProperties: false }),
      response: { 200: Settings, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (req) => services.insights.updateSettings(principalOf(req), await city(req), req.body))

  app.put('/insights/deciles', {
    schema: {
      operationId: 'putInsightDeciles', tags, summary: 'Replace the area → deprivation decile lookup (the equity lens)',
      description: 'A `text/csv` file (UTF-8, at most 2 MB) with the header `area,decile` and one line per area code (letters and digits, as learners and opportunities give them: a postcode district, ward or LSOA code); deciles 1 (most deprived) to 10. Every line is checked; one bad line and nothing changes.',
      consumes: ['text/csv'],
      params: CityParams,
      response: { 200: Type.Object({ areas: Type.Integer(), updatedAt: Type.String({ format: 'date-time' }) }), ...problems(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new BadRequest('send the file as text/csv')
    return services.insights.putDeciles(principalOf(req), await city(req), req.body)
  })

  app.post('/insights/report-links', {
    schema: {
      operationId: 'createInsightReportLink', tags, summary: 'A signed link to the report page, for an officer without a key',
      params: CityParams,
      body: Type.Object({ ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 30 * 86_400, default: 7 * 86_400 })) }, { additionalProperties: false }),
      response: { 201: Type.Object({ path: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }), ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => reply.code(201).send(await services.insights.reportLink(principalOf(req), await city(req), req.body?.ttlSeconds ?? 7 * 86_400)))

  app.get('/insights/:measure', {
    config: { produces: ['application/json', 'text/csv'] },
    schema: {
      operationId: 'getInsight', tags, summary: 'An insight table (JSON, or CSV with Accept: text/csv), after the disclosure rules',
      description: `Measures: ${MEASURES.join(', ')}. Figures count distinct learners (awards: award counts, shown only where the learner figure may be); a figure of 1 to threshold−1 is suppressed, and so are figures one organisation dominates (except for that organisation), and enough others that none can be recovered; the rest are rounded to a multiple of 5 by a per-city cell key; a filtered population below the threshold answers nothing. City admins and readers see the city; an issuer sees its own awards' learners. \`rules\` lists what was applied.`,
      produces: ['application/json', 'text/csv'],
      params: Type.Object({ city: Slug, measure: Type.String({ maxLength: 40 }) }),
      querystring: InsightQuery,
      response: { 200: InsightTableSchema, ...problems(400, 401, 403, 404, 406, 422) },
    },
  }, async (req, reply) => {
    const { by, period, ...filters } = req.query as Record<string, string | undefined>
    // The city as this process read it up to a second ago (CITY_COPY_MS): a warm read makes no round trip.
    const t = await services.insights.query(principalOf(req), await services.cities.resolveRecent(principalOf(req), req.params.city), req.params.measure, { by, period, filters })
    reply.header('cache-control', 'private, no-store').header('vary', 'Accept, Authorization').header('insights-as-of', t.asOf)
    if (/\btext\/csv\b/.test(req.headers.accept ?? '')) return reply.type('text/csv; charset=utf-8').send(insightCsv(t) as never)
    return t
  })
}
