import { Readable, Transform } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import { parse } from 'csv-parse'
import { errorCodes } from 'fastify'
import { BULK_MAX_ROWS, checkHeader, LEARNER_COLUMNS, OPTIONAL_COLUMNS, RECIPIENT_COLUMNS } from '../domain/integration/bulk.js'
import type { Services } from '../domain/services.js'
import { BadRequest, DomainError } from '../domain/shared/errors.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Slug, Uuid, pageOf, problems } from './schemas.js'

/** Largest file accepted (100,000 rows of a few hundred bytes fit with room to spare). */
const MAX_FILE_BYTES = 64 * 1024 * 1024

export const BulkJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Literal('awards'),
  state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('cancelled'), Type.Literal('failed')]),
  total: Type.Integer(),
  processed: Type.Integer(),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  error: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
}, { $id: 'BulkJob' })

const RowError = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })
const DryRun = Type.Object({ dryRun: Type.Literal(true), rows: Type.Integer(), valid: Type.Integer(), errorCount: Type.Integer(), errors: Type.Array(RowError) })
const ErrorPage = Type.Object({
  items: Type.Array(Type.Object({ row: Type.Integer(), error: Type.String(), data: Type.Record(Type.String(), Type.String()) })),
  next: Type.Union([Type.Integer(), Type.Null()]),
})
const Params = Type.Object({ city: Slug, id: Uuid })
const tags = ['Bulk jobs']

/** Bytes must be UTF-8 (a Windows-1252 export is refused, not silently garbled) and no larger than the cap. */
function utf8Guard (): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let size = 0
  return new Transform({
    transform (chunk: Buffer, _enc, done) {
      size += chunk.length
      if (size > MAX_FILE_BYTES) return done(new BadRequest(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`))
      try {
        done(null, decoder.decode(chunk, { stream: true }))
      } catch {
        done(new BadRequest('the file is not valid UTF-8: export it as CSV UTF-8'))
      }
    },
    flush (done) {
      try {
        done(null, decoder.decode())
      } catch {
        done(new BadRequest('the file is not valid UTF-8: export it as CSV UTF-8'))
      }
    },
  })
}

const asBadRequest = (err: unknown): Error => err instanceof DomainError ? err : new BadRequest(`the file could not be read: ${(err as Error).message.slice(0, 300)}`)

/** CSV rows as records keyed by the header, streamed. */
async function * csvRows (body: Readable): AsyncGenerator<Record<string, string>> {
  const parser = parse({
    bom: true, skip_empty_lines: true, max_record_size: 64 * 1024,
    columns: (header: string[]) => { checkHeader(header.map((h) => h.trim())); return header.map((h) => h.trim()) },
  })
  const source = body.pipe(utf8Guard())
  source.on('error', (err) => parser.destroy(err))
  source.pipe(parser)
  try {
    for await (const record of parser) yield record as Record<string, string>
  } catch (err) {
    throw asBadRequest(err)
  }
}

/** JSON lines: one object a line, with the CSV's column names as keys. */
async function * jsonLines (body: Readable): AsyncGenerator<Record<string, string>> {
  let rest = ''
  let lineNo = 0
  const one = (line: string): Record<string, string> | undefined => {
    lineNo++
    if (line.trim() === '') return undefined
    let v: unknown
    try { v = JSON.parse(line) } catch { throw new BadRequest(`line ${lineNo} is not JSON`) }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadRequest(`line ${lineNo} is not a JSON object`)
    const keys = Object.keys(v)
    checkHeader([...new Set([...(keys.includes('learnerId') ? LEARNER_COLUMNS : RECIPIENT_COLUMNS), ...keys])])
    const out: Record<string, string> = {}
    for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : x === null ? '' : String(x)
    return out
  }
  try {
    for await (const chunk of body.pipe(utf8Guard())) {
      rest += chunk as string
      let i: number
      while ((i = rest.indexOf('\n')) >= 0) {
        const r = one(rest.slice(0, i))
        rest = rest.slice(i + 1)
        if (r) yield r
      }
      if (rest.length > 64 * 1024) throw new BadRequest(`line ${lineNo + 1} is longer than 64 KiB`)
    }
    const r = one(rest)
    if (r) yield r
  } catch (err) {
    throw asBadRequest(err)
  }
}

/** A cell as a spreadsheet will read it: quoted, and a leading = + - @ tab or CR neutralised (formula injection). */
export function csvCell (v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return `"${safe.replace(/"/g, '""')}"`
}

/** The largest file read into memory to fingerprint it for an Idempotency-Key (100,000 rows fit many times). */
const BULK_MAX_BYTES = 32 * 1024 * 1024

export const jobRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = (req: { params: { city: string } } & Parameters<typeof principalOf>[0]) => services.cities.resolve(principalOf(req), req.params.city)
  // The file is streamed to the parser, not buffered by Fastify — except with an Idempotency-Key, whose fingerprint
  // covers the body: then it is read first (at most BULK_MAX_BYTES) so a retry with another file is told apart (422).
  app.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/jsonl'], (req, payload, done) => {
    if (req.headers['idempotency-key'] === undefined) { done(null, payload); return }
    const chunks: Buffer[] = []
    let size = 0
    payload.on('data', (c: Buffer) => {
      size += c.length
      if (size > BULK_MAX_BYTES) { payload.destroy(); done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined) } else chunks.push(c)
    })
    payload.on('end', () => { if (size <= BULK_MAX_BYTES) done(null, Buffer.concat(chunks)) })
    payload.on('error', (err) => done(err, undefined))
  })

  app.post('/awards', {
    schema: {
      operationId: 'createBulkAwardJob', tags, summary: 'Issue awards from a CSV or JSON-lines file',
      description: `A file of up to ${BULK_MAX_ROWS.toLocaleString('en-GB')} rows, \`text/csv\` (UTF-8, header row \`${RECIPIENT_COLUMNS.join(',')}\`, optional \`${OPTIONAL_COLUMNS.join(',')}\`) or \`application/x-ndjson\` (one object a line with the same keys). \`?dryRun=true\` checks every row and answers the row errors without issuing. Otherwise answers 202 with the job; rows are issued in the background, each with its own idempotency key (the \`idempotencyKey\` column, or one derived from the job and row), so a crash never duplicates an award.`,
      consumes: ['text/csv', 'application/x-ndjson'],
      params: CityParams,
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
      response: { 200: DryRun, 202: BulkJob, ...problems(400, 401, 403, 404, 415, 422) },
    },
  }, async (req, reply) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    const body = Buffer.isBuffer(req.body) ? Readable.from([req.body]) : req.body as Readable | undefined
    if (!body || typeof (body as Readable).pipe !== 'function') throw new BadRequest('send the file as text/csv or application/x-ndjson')
    const rows = type === 'text/csv' ? csvRows(body) : jsonLines(body)
    const result = await services.bulk.submitAwards(principalOf(req), await city(req), rows, { dryRun: req.query.dryRun === true })
    if ('dryRun' in result) return reply.code(200).send(result)
    return reply.code(202).header('location', `/v1/cities/${req.params.city}/jobs/${result.id}`).send(result)
  })

  app.get('/', {
    schema: { operationId: 'listBulkJobs', tags, params: CityParams, querystring: PageQuery, response: { 200: pageOf(BulkJob), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await services.bulk.list(principalOf(req), await city(req), req.query)))

  app.get('/:id', {
    schema: { operationId: 'getBulkJob', tags, summary: 'State, progress and counts of a job', params: Params, response: { 200: BulkJob, ...problems(400, 401, 404) } },
  }, async (req) => services.bulk.get(principalOf(req), await city(req), req.params.id))

  app.post('/:id/cancel', {
    schema: { operationId: 'cancelBulkJob', tags, summary: 'Stop a job; rows already issued stand', params: Params, response: { 200: BulkJob, ...problems(400, 401, 403, 404) } },
  }, async (req) => services.bulk.cancel(principalOf(req), await city(req), req.params.id))

  app.get('/:id/errors', {
    config: { produces: ['application/json', 'text/csv'] },
    schema: {
      operationId: 'listBulkJobErrors', tags, summary: 'Row errors, as JSON pages or (Accept: text/csv) one CSV file',
      description: 'The CSV has the columns `row,error` and the row\'s own columns; every cell is quoted and a leading `= + - @` is neutralised so a spreadsheet never runs it as a formula.',
      produces: ['application/json', 'text/csv'],
      params: Params,
      querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false }),
      response: { 200: ErrorPage, ...problems(400, 401, 404) },
    },
  }, async (req, reply) => {
    const wantsCsv = /\btext\/csv\b/.test(req.headers.accept ?? '')
    const principal = principalOf(req)
    const c = await city(req)
    if (!wantsCsv) return services.bulk.errors(principal, c, req.params.id, req.query.after ?? 0, req.query.limit ?? 100)
    const cols = [...RECIPIENT_COLUMNS, 'learnerId', ...OPTIONAL_COLUMNS]
    const lines = [['row', 'error', ...cols].map(csvCell).join(',')]
    let after = 0
    for (;;) {
      const page = await services.bulk.errors(principal, c, req.params.id, after, 1000)
      for (const e of page.items) lines.push([String(e.row), e.error, ...cols.map((k) => e.data[k] ?? '')].map(csvCell).join(','))
      if (page.next === null) break
      after = page.next
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="job-${req.params.id}-errors.csv"`).serializer((x: unknown) => x as string).send(`${lines.join('\r\n')}\r\n` as never)
  })
}
