import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import * as repo from '../../db/integration/bulk.repo.js'
import type { BulkJobRow } from '../../db/integration/webhooks.types.js'
import { isUuid, pageOf } from '../../db/page.js'
import { findCityById } from '../../db/repos.js'
import type { CityRow, Db } from '../../db/types.js'
import type { BadgeClassRow } from '../../db/badges/badges.types.js'
import { requireRole, type Principal } from '../access/auth.js'
import type { AwardInput, AwardService } from '../badges/awards.js'
import { BadRequest, InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { createPoller } from './poller.js'

// Bulk issuing: a file of up to 100,000 rows is checked row by row (a dry run stops there), stored as a job with its
// rows, and issued by a runner in chunks through the award service. Every row carries an idempotency key (its own, or
// one derived from the job and row number), so a runner that dies mid-chunk resumes without issuing anything twice.

export const BULK_MAX_ROWS = 100_000
export const RECIPIENT_COLUMNS = ['badgeClassId', 'recipientType', 'recipientIdentity'] as const
/** The other header: a learner of the city named by id (the award service resolves their pseudonymous identity). */
export const LEARNER_COLUMNS = ['badgeClassId', 'learnerId'] as const
export const OPTIONAL_COLUMNS = ['evidenceUrl', 'evidenceNarrative', 'issuedOn', 'idempotencyKey'] as const
const IDENTITY_TYPES = ['email', 'url', 'telephone', 'id']
const ALL_COLUMNS = new Set<string>([...RECIPIENT_COLUMNS, 'learnerId', ...OPTIONAL_COLUMNS])
/** Rows per chunk: one multi-row INSERT of awards each (about 20 parameters a row, far below PostgreSQL's 65,535). */
const CHUNK = 1000

export interface RowError { row: number; field: string; message: string }

export interface BulkJob {
  id: string
  kind: 'awards'
  state: BulkJobRow['state']
  total: number
  processed: number
  succeeded: number
  failed: number
  percent: number
  error?: string
  createdAt: string
  updatedAt: string
  finishedAt?: string
}

export interface DryRunResult { dryRun: true; rows: number; valid: number; errorCount: number; errors: RowError[] }

export const toJob = (r: BulkJobRow): BulkJob => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  total: r.total,
  processed: r.processed,
  succeeded: r.succeeded,
  failed: r.failed,
  percent: r.total === 0 ? 100 : Math.floor((r.processed / r.total) * 100),
  ...(r.error ? { error: r.error } : {}),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  ...(r.finished_at ? { finishedAt: r.finished_at.toISOString() } : {}),
})

/**
 * The header row must name the recipient columns (`badgeClassId,recipientType,recipientIdentity`) or the learner ones
 * (`badgeClassId,learnerId`), not both; optional ones may follow; anything else is refused.
 */
export function checkHeader (columns: readonly string[]): void {
  const byLearner = columns.includes('learnerId')
  const required: readonly string[] = byLearner ? LEARNER_COLUMNS : RECIPIENT_COLUMNS
  const missing = required.filter((c) => !columns.includes(c))
  const unknown = columns.filter((c) => !ALL_COLUMNS.has(c))
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i)
  const both = byLearner ? columns.filter((c) => c === 'recipientType' || c === 'recipientIdentity') : []
  if (missing.length || unknown.length || dup.length || both.length) {
    throw new BadRequest(`the header row must be ${RECIPIENT_COLUMNS.join(',')} or ${LEARNER_COLUMNS.join(',')} (then any of ${OPTIONAL_COLUMNS.join(', ')})${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.map((c) => c.slice(0, 40)).join(', ')}` : ''}${dup.length ? `; repeated: ${dup.join(', ')}` : ''}${both.length ? `; a learner row names no recipient identity: ${both.join(', ')}` : ''}`)
  }
}

/** Checks of one row that need no database (the badge class is checked against the city separately). */
export function checkRow (row: Record<string, string>, rowNo: number, now: Date): RowError[] {
  const errors: RowError[] = []
  const err = (field: string, message: string) => errors.push({ row: rowNo, field, message })
  if (!isUuid(row.badgeClassId ?? '')) err('badgeClassId', 'must be a badge class id')
  if ('learnerId' in row) {
    // The learner's existence in the city is checked against the database (dry run) and by the award service (run).
    if (!isUuid(row.learnerId ?? '')) err('learnerId', 'must be a learner id')
  } else {
    if (!IDENTITY_TYPES.includes(row.recipientType ?? '')) err('recipientType', `must be one of ${IDENTITY_TYPES.join(', ')}`)
    const identity = row.recipientIdentity ?? ''
    if (identity.length === 0 || identity.length > 2048) err('recipientIdentity', 'must be 1 to 2048 characters')
    else if (row.recipientType === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(identity)) err('recipientIdentity', 'must be an email address')
  }
  if (row.evidenceUrl) {
    try {
      const u = new URL(row.evidenceUrl)
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme')
    } catch { err('evidenceUrl', 'must be an http(s) URL') }
  }
  if ((row.evidenceNarrative ?? '').length > 10_000) err('evidenceNarrative', 'at most 10,000 characters')
  if (row.issuedOn) {
    const t = Date.parse(row.issuedOn)
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(row.issuedOn)) err('issuedOn', 'must be an ISO 8601 date or date-time')
    else if (t > now.getTime() + 60_000) err('issuedOn', 'must not be in the future')
  }
  if (row.idempotencyKey !== undefined && row.idempotencyKey !== '' && !/^[\x21-\x7e]{1,255}$/.test(row.idempotencyKey)) err('idempotencyKey', '1 to 255 visible ASCII characters')
  return errors
}

const toInput = (jobId: string, rowNo: number, r: Record<string, string>): AwardInput & { idempotencyKey: string } => ({
  badgeClassId: r.badgeClassId!,
  recipient: 'learnerId' in r ? { learnerId: r.learnerId! } : { type: r.recipientType as Extract<AwardInput['recipient'], { type: unknown }>['type'], identity: r.recipientIdentity! },
  ...(r.evidenceUrl || r.evidenceNarrative ? { evidence: [{ ...(r.evidenceUrl ? { url: r.evidenceUrl } : {}), ...(r.evidenceNarrative ? { narrative: r.evidenceNarrative } : {}) }] } : {}),
  // A date alone means the start of that day (UTC), as a spreadsheet column of dates is usually meant.
  ...(r.issuedOn ? { issuedOn: /^\d{4}-\d{2}-\d{2}$/.test(r.issuedOn) ? `${r.issuedOn}T00:00:00Z` : r.issuedOn } : {}),
  idempotencyKey: r.idempotencyKey || `bulk-${jobId}-${rowNo}`,
})

export interface BulkDeps { db: Db; clock: () => Date; awards: AwardService; kick: () => void }

export function createBulkService (deps: BulkDeps) {
  const { db } = deps

  /** Reads every row, checks it, and answers the dry-run report or the queued job. */
  async function submitAwards (principal: Principal, city: CityRow, rows: AsyncIterable<Record<string, string>>, opts: { dryRun: boolean }): Promise<DryRunResult | BulkJob> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'issue awards')
    const now = deps.clock()
    const kept: Array<{ rowNo: number; data: Record<string, string> }> = []
    const errors: RowError[] = []
    const classes = new Map<string, BadgeClassRow | null>()
    const errorRows = new Set<number>()
    const learners = new Map<string, boolean>()
    let n = 0
    for await (const raw of rows) {
      n++
      if (n > BULK_MAX_ROWS) throw new InvalidInput(`a file holds at most ${BULK_MAX_ROWS.toLocaleString('en-GB')} rows`, [{ field: '/rows', message: `more than ${BULK_MAX_ROWS} rows` }])
      const rowNo = n
      const rowErrors = checkRow(raw, rowNo, now)
      if (!rowErrors.some((e) => e.field === 'badgeClassId')) {
        const id = raw.badgeClassId!
        if (!classes.has(id)) classes.set(id, (await deps.awards.awardableClassOrError(principal, city, id)) ?? null)
        const klass = classes.get(id)
        if (!klass) rowErrors.push({ row: rowNo, field: 'badgeClassId', message: 'no approved badge class with this id that this key may award in this city' })
      }
      if ('learnerId' in raw && !rowErrors.some((e) => e.field === 'learnerId')) {
        // A learner of another city, or none, is a row error here (and again in the award service, should they be erased).
        const lid = raw.learnerId!
        if (!learners.has(lid)) learners.set(lid, await deps.awards.learnerInCity(city, lid))
        if (!learners.get(lid)) rowErrors.push({ row: rowNo, field: 'learnerId', message: 'no learner with this id in this city' })
      }
      if (rowErrors.length) { errors.push(...rowErrors); errorRows.add(rowNo) }
      kept.push({ rowNo, data: raw })
    }
    if (n === 0) throw new BadRequest('the file has a header row but no rows')
    if (opts.dryRun) return { dryRun: true, rows: n, valid: n - errorRows.size, errorCount: errors.length, errors: errors.slice(0, 1_000) }

    const id = randomUUID()
    await db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, { id, city_id: city.id, kind: 'awards', principal: JSON.stringify({ keyId: principal.keyId, role: principal.role, cityId: principal.cityId, organisationId: principal.organisationId }), total: n })
      await repo.insertRows(trx, id, kept)
      // Rows that failed the checks are settled at once: the runner only issues valid rows.
      const byRow = new Map<number, string>()
      for (const e of errors) byRow.set(e.row, `${byRow.has(e.row) ? `${byRow.get(e.row)}; ` : ''}${e.field}: ${e.message}`)
      await repo.recordOutcomes(trx, id, [...byRow].map(([rowNo, message]) => ({ rowNo, state: 'error' as const, awardId: null, error: message })))
    })
    deps.kick()
    return toJob((await repo.findJob(db, city.id, id))!)
  }

  async function get (principal: Principal, city: CityRow, id: string): Promise<BulkJob> {
    return toJob(await visible(principal, city, id))
  }

  async function visible (principal: Principal, city: CityRow, id: string): Promise<BulkJobRow> {
    const row = isUuid(id) ? await repo.findJob(db, city.id, id) : undefined
    if (!row || (principal.role === 'issuer' && row.principal.organisationId !== principal.organisationId)) throw new NotFound('job', id)
    return row
  }

  return {
    submitAwards,
    get,
    async list (principal: Principal, city: CityRow, q: PageQuery): Promise<Page<BulkJob>> {
      const { limit, cursor } = readPageQuery(q, { uuidIds: true })
      const { rows, nextCursor } = pageOf(await repo.listJobs(db, city.id, limit, cursor), limit)
      const mine = principal.role === 'issuer' ? rows.filter((r) => r.principal.organisationId === principal.organisationId) : rows
      return { items: mine.map(toJob), nextCursor }
    },
    async cancel (principal: Principal, city: CityRow, id: string): Promise<BulkJob> {
      const row = await visible(principal, city, id)
      requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'cancel jobs')
      const cancelled = await repo.cancelJob(db, city.id, row.id)
      return toJob(cancelled ?? row)
    },
    /** Row errors in row order (`after` = the last row number already seen). */
    async errors (principal: Principal, city: CityRow, id: string, after: number, limit: number): Promise<{ items: Array<{ row: number; error: string; data: Record<string, string> }>; next: number | null }> {
      const row = await visible(principal, city, id)
      const rows = await repo.rowErrors(db, row.id, after, limit + 1)
      const page = rows.slice(0, limit)
      return { items: page.map((r) => ({ row: r.row_no, error: r.error ?? '', data: r.data })), next: rows.length > limit ? page[page.length - 1]!.row_no : null }
    },
  }
}

export type BulkService = ReturnType<typeof createBulkService>

/**
 * Works open jobs: leases one, issues its pending rows a chunk at a time (each chunk's outcomes and counters in one
 * statement pair), and stops at a cancellation. Runs in every process; the lease keeps two runners off one job.
 */
export function createBulkRunner (opts: { db: Db; awards: AwardService; log: Logger; pollMs?: number; leaseMs?: number }) {
  const { db, log } = opts
  const leaseMs = opts.leaseMs ?? 60_000

  async function work (job: BulkJobRow): Promise<void> {
    const city = await findCityById(db, job.city_id)
    if (!city) return
    const principal: Principal = { keyId: job.principal.keyId, role: job.principal.role as Principal['role'], cityId: job.principal.cityId, organisationId: job.principal.organisationId }
    const known = new Map<string, BadgeClassRow>()
    for (;;) {
      if (poller.stopped) return
      const rows = await repo.pendingRows(db, job.id, CHUNK)
      if (rows.length === 0) { await repo.finishJob(db, job.id); return }
      // The whole chunk in a few statements (awards.issueMany); a row's refusal is that row's error.
      const results = await opts.awards.issueMany(principal, city, rows.map((r) => toInput(job.id, r.row_no, r.data)), known)
      const outcomes: repo.RowOutcome[] = rows.map((r, i) => {
        const res = results[i]
        if (res?.award) return { rowNo: r.row_no, state: res.replayed ? 'replayed' : 'issued', awardId: res.award.id, error: null }
        const err = res?.error
        if (!err) throw new Error(`row ${r.row_no} of job ${job.id} has no outcome`)
        const detail = err.fields?.length ? ` (${err.fields.map((f) => `${f.field} ${f.message}`).join('; ')})` : ''
        return { rowNo: r.row_no, state: 'error', awardId: null, error: `${err.code}: ${err.message}${detail}`.slice(0, 500) }
      })
      const state = await repo.recordOutcomes(db, job.id, outcomes)
      if (state === 'cancelled') return
      await repo.renewLease(db, job.id, leaseMs)
    }
  }

  const poller = createPoller({
    pollMs: opts.pollMs ?? 1_000, log, what: 'bulk runner',
    async pass () {
      const job = await repo.leaseJob(db, leaseMs)
      if (!job) return false
      await work(job).catch(async (err: unknown) => {
        log.warn({ err, jobId: job.id }, 'bulk job failed')
        await repo.failJob(db, job.id, 'the job stopped on an internal error; its issued rows stand').catch(() => {})
      })
      return true
    },
  })

  return { start: () => poller.start(), kick: () => poller.kick(), stop: () => poller.stop() }
}

export type BulkRunner = ReturnType<typeof createBulkRunner>
