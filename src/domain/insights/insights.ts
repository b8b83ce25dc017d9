import { createHmac, timingSafeEqual } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import * as repo from '../../db/insights/insights.repo.js'
import type { CellAggregate, CellQuery, FactDimension, FunnelDimension, PeriodUnit } from '../../db/insights/insights.repo.js'
import type { CityRow, Executor } from '../../db/types.js'
import { checkThreshold, publishTable, type AppliedRule, type PublishedFigure, type PublishedTable, type RawFigure, type RawTable } from '../../insights/index.js'
import { requireRole, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { BadRequest, Forbidden, InvalidInput } from '../shared/errors.js'

// Citywide insights (issue #11): every figure leaves through src/insights/disclosure.ts (distinct learners,
// population threshold, small cells, dominance, secondary suppression, cell-key rounding, percentages). This module
// turns a request into SQL aggregates and raw tables, raw tables into published ones, and keeps published tables
// (insight_tables) for readers: a kept table is always answered at once (with the instant its facts were read, asOf);
// one past its max age is computed again in the background (stale-while-revalidate), once across processes.

export const MEASURES = ['learners', 'awards', 'funnel', 'supply-demand'] as const
export type Measure = (typeof MEASURES)[number]

/** Dimensions each measure may be broken down by (`by`), and the filters it takes. */
export const FACT_DIMENSIONS = ['organisation', 'organisationKind', 'badgeClass', 'theme', 'destination', 'level', 'dimension', 'element', 'spineCell', 'area', 'ageBand', 'decile', 'newReturning'] as const
export const FACT_FILTERS = ['organisation', 'organisationKind', 'badgeClass', 'theme', 'destination', 'level', 'dimension', 'element', 'area', 'ageBand', 'decile'] as const
export const FUNNEL_DIMENSIONS = ['pathway', 'destination', 'area', 'ageBand', 'decile'] as const
export const FUNNEL_STAGES = ['started', 'halfway', 'completed', 'unlocked'] as const
export const SUPPLY_DIMENSIONS = ['area', 'decile'] as const
export const FILTER_NAMES = [...new Set<string>([...FACT_FILTERS, 'pathway'])]
export const PERIOD_UNITS: readonly PeriodUnit[] = ['week', 'month', 'year']

export interface InsightQuery {
  by?: string | undefined
  period?: string | undefined
  /** Equality filters on the fixed dimensions. */
  filters: Record<string, string | undefined>
}

export interface Label { key: string; label: string }
export interface InsightTable {
  measure: Measure
  by: string[]
  period?: string
  filters: Record<string, string>
  /** When the facts of this table were read (a kept table may be up to the max age older than now). */
  asOf: string
  answered: boolean
  threshold: number
  rows: Label[]
  cols: Label[]
  cells: PublishedFigure[]
  rowTotals: PublishedFigure[]
  colTotals: PublishedFigure[]
  total: PublishedFigure | null
  rules: AppliedRule[]
  /** supply-demand only: places offered by organisations (not personal data: shown as they are). */
  supply?: Array<{ row: string; col: string; places: number }>
}

const PERIOD_LABEL = /^(\d{4})(?:-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$/

/** A period label's unit and first instant (UTC), or undefined when it is not one. */
export function parsePeriodLabel (label: string): { unit: PeriodUnit; start: Date; end: Date } | undefined {
  const m = PERIOD_LABEL.exec(label)
  if (!m) return undefined
  const y = Number(m[1])
  if (m[2] !== undefined) {
    const mo = Number(m[2]) - 1
    return { unit: 'month', start: new Date(Date.UTC(y, mo, 1)), end: new Date(Date.UTC(y, mo + 1, 1)) }
  }
  if (m[3] !== undefined) {
    const start = isoWeekStart(y, Number(m[3]))
    if (isoWeekLabel(start) !== label) return undefined // W53 of a year that has 52 weeks
    return { unit: 'week', start, end: new Date(start.getTime() + 7 * 86_400_000) }
  }
  return { unit: 'year', start: new Date(Date.UTC(y, 0, 1)), end: new Date(Date.UTC(y + 1, 0, 1)) }
}

/** Monday of ISO week `w` of ISO year `y`, 00:00 UTC. */
export function isoWeekStart (y: number, w: number): Date {
  const jan4 = new Date(Date.UTC(y, 0, 4))
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000)
  return new Date(monday.getTime() + (w - 1) * 7 * 86_400_000)
}

/** The ISO week label (2026-W48) of an instant (UTC). */
export function isoWeekLabel (d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const dow = (day.getUTCDay() + 6) % 7
  const thursday = new Date(day.getTime() + (3 - dow) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const week = 1 + Math.round((thursday.getTime() - isoWeekStart(year, 1).getTime()) / (7 * 86_400_000))
  return `${year}-W${String(week).padStart(2, '0')}`
}

export interface ViewerScope { organisationId?: string }

/** A checked request in canonical form: what a kept table was computed from (stored with it, to compute it again). */
interface Plan {
  measure: Measure
  by: string[]
  period?: string
  filters: Record<string, string>
}

/** Dimensions whose keys are ids named by `repo.labels` (a funnel without `by` is by pathway). */
const NAMED_DIMENSIONS: readonly string[] = ['organisation', 'badgeClass', 'pathway']

/** Measures made from the fact tables (their kept tables are exact while the city's facts version stands). */
const FROM_FACTS: readonly Measure[] = ['learners', 'awards']

/** A kept table with the names of today (an organisation renamed since shows its new name). */
function relabel (t: InsightTable, names: Map<string, string>): InsightTable {
  const l = (x: Label): Label => ({ key: x.key, label: names.get(x.key) ?? x.label })
  return { ...t, rows: t.rows.map(l), cols: t.cols.map(l) }
}

const relabelled = (t: InsightTable, names: Map<string, string> | undefined): InsightTable => names ? relabel(t, names) : t

/** Who may see a city's insights: its admins and readers (everything), its issuers (their own learners only). */
function scopeOf (p: Principal): ViewerScope {
  requireRole(p, ['platform-admin', 'city-admin', 'reader', 'issuer'], 'read insights')
  if (p.role === 'issuer') {
    if (!p.organisationId) throw new Forbidden('an issuer key without an organisation may not read insights')
    return { organisationId: p.organisationId }
  }
  return {}
}

/** How long a claim on a kept table's computation holds (well above the longest computation measured at full size). */
const LEASE_MS = 120_000
/** How often a kept table answered from memory is looked at again in PostgreSQL, and how many copies a process keeps. */
const MEMO_CHECK_MS = 1_000
/** A kept table as this process last read or computed it. */
interface Copy { table: InsightTable; threshold: number; checkedAt: number; computedAt: number }
const MEMO_MAX = 2_000

export function createInsightService (deps: Pick<DomainDeps, 'db' | 'clock' | 'insightTableMaxAgeSeconds' | 'onInsightTableComputed'> & {
  onBackgroundError?: (err: unknown) => void
  /** Told when this process changed a city's row (the threshold): the city service's copy of it is dropped. */
  forgetCityRow?: (cityId: string) => void
}) {
  const { db, clock } = deps
  const maxAgeMs = (deps.insightTableMaxAgeSeconds ?? 60) * 1000
  // A stale table that readers use is computed again a quarter of the max age after the last time (so a reader never
  // meets an expired one while the workers keep up); tables unread for the window are left to expire.
  const debounceMs = maxAgeMs / 4
  const readWindowMs = Math.max(15 * 60_000, 10 * maxAgeMs)
  const onBackgroundError = deps.onBackgroundError ?? (() => {})
  // Work that outlives a request (revalidations) or a job (refreshes), by table for revalidations: a burst of readers
  // of one expired table starts one computation in this process (the lease makes it one across processes).
  const revalidating = new Map<string, Promise<void>>()
  const background = new Set<Promise<unknown>>()
  let closed = false
  // One background computation at a time in this process (revalidations and refreshes share the lane): a burst of
  // readers of several expired tables must not start several heavy aggregations at once next to the fact writes.
  let lane: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lane.then(fn, fn)
    lane = run.catch(() => {})
    return run
  }
  const track = <T>(p: Promise<T>): Promise<T> => {
    background.add(p)
    void p.finally(() => background.delete(p)).catch(() => {})
    return p
  }

  function parseBy (by: string | undefined, allowed: readonly string[], max: number): string[] {
    if (by === undefined || by === '') return []
    const parts = by.split(',').map((s) => s.trim())
    if (parts.length > max) throw new BadRequest(`by takes at most ${max} dimension${max > 1 ? 's' : ''}`)
    for (const d of parts) if (!allowed.includes(d)) throw new BadRequest(`unknown dimension "${d}" for this measure; offered: ${allowed.join(', ')}`)
    if (new Set(parts).size !== parts.length) throw new BadRequest('a dimension may appear once in by')
    return parts
  }

  function parsePeriod (period: string | undefined): { unit?: PeriodUnit; filter?: { unit: PeriodUnit; label: string } } {
    if (period === undefined || period === '') return {}
    if ((PERIOD_UNITS as readonly string[]).includes(period)) return { unit: period as PeriodUnit }
    const p = parsePeriodLabel(period)
    if (!p) throw new BadRequest('period is week, month or year (a breakdown), or one period: 2026, 2026-11 or 2026-W48')
    if (p.start.getTime() > clock().getTime()) throw new InvalidInput('the period is in the future: there is nothing to count yet', [{ field: 'period', message: 'in the future' }])
    return { filter: { unit: p.unit, label: period } }
  }

  function checkFilters (filters: Record<string, string | undefined>, allowed: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(filters)) {
      if (v === undefined) continue
      if (!allowed.includes(k)) throw new BadRequest(`the filter "${k}" is not offered for this measure; offered: ${allowed.join(', ')}`)
      out[k] = v
    }
    return out
  }

  /** A request checked and put in canonical form (its key names the stored table). */
  function plan (measure: string, q: InsightQuery): Plan {
    if (!(MEASURES as readonly string[]).includes(measure)) throw new BadRequest(`unknown measure "${measure}"; offered: ${MEASURES.join(', ')}`)
    const m = measure as Measure
    if (m === 'funnel') {
      const by = parseBy(q.by, FUNNEL_DIMENSIONS, 1)
      if (q.period !== undefined) throw new BadRequest('funnels are not broken down by period')
      return { measure: m, by, filters: checkFilters(q.filters, FUNNEL_DIMENSIONS) }
    }
    if (m === 'supply-demand') {
      const by = parseBy(q.by, SUPPLY_DIMENSIONS, 1)
      const filters = checkFilters(q.filters, ['area', 'decile'])
      parsePeriod(q.period)
      return { measure: m, by, ...(q.period ? { period: q.period } : {}), filters }
    }
    const by = parseBy(q.by, FACT_DIMENSIONS, 2)
    const filters = checkFilters(q.filters, FACT_FILTERS)
    const { unit } = parsePeriod(q.period)
    if (unit !== undefined && by.length === 2) throw new BadRequest('a breakdown by period takes at most one other dimension in by')
    return { measure: m, by, ...(q.period ? { period: q.period } : {}), filters }
  }

  // Kept tables as last read or computed by this process, answered without a round trip while they are checked
  // again in the background (at most one look a second per table): under a stream of awards a reader then waits
  // neither for PostgreSQL nor behind the fact writes. A copy is never answered under another threshold than the one
  // it was published with (the city row of the request says which), and a change of the threshold or the deciles made
  // here forgets the city's copies at once (other processes' copies follow within a second).
  const memo = new Map<string, Copy>()
  const lookingUp = new Map<string, Promise<InsightTable | undefined>>()
  const memoKeyOf = (cityId: string, scope: ViewerScope, p: Plan): string => `${cityId}\u0000${scopeKey(scope)}\u0000${keyOf(p)}`
  const remember = (mk: string, copy: Copy, since: number): void => {
    if (since !== generation) return
    memo.delete(mk)
    memo.set(mk, copy)
    // The oldest copies go first beyond MEMO_MAX (a Map keeps insertion order).
    for (const k of memo.keys()) { if (memo.size <= MEMO_MAX) break; memo.delete(k) }
  }
  // Bumped by every forget: a look or a computation that began before it does not bring back what it forgot.
  let generation = 0
  const forgetCity = (cityId: string): void => {
    generation++
    for (const k of memo.keys()) if (k.startsWith(`${cityId}\u0000`)) memo.delete(k)
  }
  const keyOf = (p: Plan): string => JSON.stringify([p.measure, p.by, p.period ?? null, Object.entries(p.filters).sort(([a], [b]) => (a < b ? -1 : 1))])
  const scopeKey = (scope: ViewerScope): string => scope.organisationId ?? 'city'

  /**
   * One insight table for one viewer, through the disclosure rules. Answered from the table kept for this viewer
   * scope and query whenever there is one (never across a threshold or decile change: those drop the city's tables).
   * When it is stale — the city's facts changed since it was computed and it is `insightTableMaxAgeSeconds` old or
   * older — it is still answered at once, as it was published (a full computation through the rules), and computed
   * again in the background (`revalidate`). Only a table never computed for this scope and query is computed on the
   * request (and, with a max age of 0, one whose facts changed). `asOf` says when its facts were read. Weekly
   * releases (`until`) are computed (they are kept as releases). The kept table is answered from this process's copy
   * when it holds one (published under the city's current threshold), looked at again in the background at most once
   * a second (see `lookUp`).
   */
  async function query (principal: Principal, city: CityRow, measure: string, q: InsightQuery, opts: { until?: Date } = {}): Promise<InsightTable> {
    const scope = scopeOf(principal)
    const p = plan(measure, q)
    if (opts.until) {
      const [settings, names] = await Promise.all([repo.settingsOf(db, city.id), repo.labels(db, city.id)])
      return compute(city, scope, p, { secret: settings.secret, names, threshold: city.privacy_threshold }, clock(), opts.until)
    }
    // A max age of 0 asks for exact answers: no copy in memory, and a table whose facts changed is computed here.
    if (maxAgeMs > 0) {
      const copy = memo.get(memoKeyOf(city.id, scope, p))
      if (copy && copy.threshold === city.privacy_threshold) {
        // The copy is answered at once; one look at the kept table a second brings it up to date (and records the
        // read, and starts a revalidation when the kept table is stale).
        if (clock().getTime() - copy.checkedAt >= MEMO_CHECK_MS && !closed) void track(lookUp(city, scope, p)).catch(onBackgroundError)
        return copy.table
      }
    }
    return await lookUp(city, scope, p) ?? computeAndStore(city, scope, p, await repo.settingsOf(db, city.id).then(async (s) => ({ ...s, names: await repo.labels(db, city.id) })), 'request')
  }

  /**
   * The kept table of this scope and query as it may be answered (recording the read, starting a revalidation when
   * it is stale), kept in memory too; undefined when there is none that may be (never computed, or computed under
   * another threshold). One look per table at a time in this process.
   */
  function lookUp (city: CityRow, scope: ViewerScope, p: Plan): Promise<InsightTable | undefined> {
    const mk = memoKeyOf(city.id, scope, p)
    let run = lookingUp.get(mk)
    if (!run) {
      run = (async () => {
        const key = keyOf(p)
        // Names are read again only for a table that shows ids (organisations, badge classes, pathways).
        const named = p.by.some((d) => NAMED_DIMENSIONS.includes(d)) || (p.measure === 'funnel' && p.by.length === 0)
        // The time of the read that asked for the look (a look in the background may end a while later).
        const now = clock()
        const checkedAt = now.getTime()
        const since = generation
        // The copy held here, if any: its body is not read again while the kept table is still the one it was made from.
        const held = memo.get(mk)
        const heldAt = held && held.threshold === city.privacy_threshold ? held.computedAt : undefined
        const [{ stored, ...settings }, names] = await Promise.all([repo.settingsAndStoredTable(db, city.id, scopeKey(scope), key, heldAt === undefined ? undefined : new Date(heldAt)), named ? repo.labels(db, city.id) : undefined])
        const usable = stored && stored.threshold === city.privacy_threshold && (maxAgeMs > 0 || isFresh(stored, settings.factsVersion, now)) ? stored : undefined
        if (!usable) {
          memo.delete(mk)
          return undefined
        }
        // A read is recorded at most once a minute: the refresher keeps tables read in the last window.
        if (now.getTime() - usable.readAt.getTime() >= 60_000) await repo.touchStoredTable(db, city.id, scopeKey(scope), key, now)
        if (!isFresh(usable, settings.factsVersion, now)) revalidate(city.id, scope, p, usable.computedAt)
        const table = relabelled(usable.same && held ? held.table : JSON.parse(usable.body) as InsightTable, names)
        remember(mk, { table, threshold: usable.threshold, checkedAt, computedAt: usable.computedAt.getTime() }, since)
        return table
      })().finally(() => lookingUp.delete(mk))
      lookingUp.set(mk, run)
    }
    return run
  }

  function isFresh (t: repo.StoredTable, factsVersion: number, now: Date): boolean {
    if (t.factsVersion !== null && t.factsVersion === factsVersion) return true
    return now.getTime() - t.computedAt.getTime() < maxAgeMs
  }

  /**
   * Computes an expired kept table again after its reader has been answered: once per table in this process, and
   * only by the process that claims its lease (the refresher's lease: a table being refreshed is not computed twice).
   * The city is read again, so a threshold changed meanwhile is the one applied. A failure gives the lease back and
   * is reported; the next reader tries again.
   */
  function revalidate (cityId: string, scope: ViewerScope, p: Plan, computedAt: Date): void {
    const key = keyOf(p)
    const id = `${cityId}\u0000${scopeKey(scope)}\u0000${key}`
    if (closed || revalidating.has(id)) return
    const run = track(serial(async () => {
      if (closed) return
      const now = clock()
      if (!await repo.claimTable(db, { cityId, scope: scopeKey(scope), queryKey: key, computedAt, now, leaseUntil: new Date(now.getTime() + LEASE_MS) })) return
      try {
        const city = await repo.cityById(db, cityId)
        const [settings, names] = await Promise.all([repo.settingsOf(db, cityId), repo.labels(db, cityId)])
        if (await computeAndStore(city, scope, p, { ...settings, names }, 'revalidation') === undefined) await repo.releaseTable(db, cityId, scopeKey(scope), key)
      } catch (err) {
        await repo.releaseTable(db, cityId, scopeKey(scope), key).catch(() => {})
        throw err
      }
    }).catch(onBackgroundError).finally(() => revalidating.delete(id)))
    revalidating.set(id, run)
  }

  /** Resolves when this process's background computations have ended; with `close`, starts no more. */
  async function idle (opts: { close?: boolean } = {}): Promise<void> {
    if (opts.close) closed = true
    while (background.size > 0) await Promise.allSettled([...background])
  }

  /**
   * Computes a table and keeps it. The facts version was read before the facts: a later fact makes it stale, never
   * fresh. A reader's computation counts as a read; a refresh does not (else a table nobody reads would be refreshed
   * for ever).
   */
  async function computeAndStore (city: CityRow, scope: ViewerScope, p: Plan, ctx: { secret: string; factsVersion: number; names: Map<string, string> }, cause: 'request'): Promise<InsightTable>
  async function computeAndStore (city: CityRow, scope: ViewerScope, p: Plan, ctx: { secret: string; factsVersion: number; names: Map<string, string> }, cause: 'revalidation' | 'refresh'): Promise<InsightTable | undefined>
  async function computeAndStore (city: CityRow, scope: ViewerScope, p: Plan, ctx: { secret: string; factsVersion: number; names: Map<string, string> }, cause: 'request' | 'revalidation' | 'refresh'): Promise<InsightTable | undefined> {
    const read = cause === 'request'
    const now = clock()
    const since = generation
    const t0 = performance.now()
    const rules = { secret: ctx.secret, names: ctx.names, threshold: city.privacy_threshold }
    // A reader waits for a request's computation: it may use every core. Background ones leave a core to the readers:
    // one at a time on the database, and a reader's revalidation does not wait for its turn (BUSY: the refresher,
    // or the next reader, will compute it).
    const table = read ? await compute(city, scope, p, rules, now) : await repo.onOneCore(db, (ex) => compute(city, scope, p, rules, now, undefined, ex), { wait: cause === 'refresh' })
    if (table === repo.BUSY) return undefined
    deps.onInsightTableComputed?.(cause, (performance.now() - t0) / 1000)
    await repo.storeTable(db, {
      cityId: city.id, scope: scopeKey(scope), queryKey: keyOf(p), request: p, threshold: city.privacy_threshold,
      factsVersion: FROM_FACTS.includes(p.measure) ? ctx.factsVersion : null, computedAt: now, readAt: read ? now : new Date(0), body: JSON.stringify(table),
    })
    // Copies are for readers in this process: a refresh (the worker's) updates one only where a reader made it.
    const mk = memoKeyOf(city.id, scope, p)
    if (cause !== 'refresh' || memo.has(mk)) remember(mk, { table, threshold: city.privacy_threshold, checkedAt: now.getTime(), computedAt: now.getTime() }, since)
    return table
  }

  /**
   * Background refresh (the insight processor calls it, debounced, after fact writes): computes again the kept
   * tables read in the last window that went stale, each at most once per debounce period, so that readers of the
   * report's tables keep meeting a table younger than the max age under a steady stream of awards. One table at a
   * time, the oldest first (the nearest to the max age, or furthest past it), each claimed with a lease just before
   * it is computed; no new table is started once `budgetMs` of work is spent (the caller comes back for the rest, so
   * refreshes do not hold the database for long stretches while facts are written). Returns how many, how long the
   * work took, and when the next stale table comes due (for a follow-up when no more events arrive).
   */
  async function refreshStale (opts: { limit?: number; budgetMs?: number } = {}): Promise<{ refreshed: number; busyMs: number; nextDueAt?: Date }> {
    const limit = opts.limit ?? 20
    const budgetMs = opts.budgetMs ?? Infinity
    const started = performance.now()
    const run = track((async () => {
      let refreshed = 0
      while (!closed && refreshed < limit && performance.now() - started < budgetMs) {
        const done = await serial(async () => {
          if (closed) return false
          const now = clock()
          const [c] = await repo.claimStaleTables(db, { now, readSince: new Date(now.getTime() - readWindowMs), computedBefore: new Date(now.getTime() - debounceMs), leaseUntil: new Date(now.getTime() + LEASE_MS), limit: 1 })
          if (!c) return false
          try {
            const city = await repo.cityById(db, c.cityId)
            const req = c.request as Plan
            const scope: ViewerScope = c.scope === 'city' ? {} : { organisationId: c.scope }
            const [settings, names] = await Promise.all([repo.settingsOf(db, city.id), repo.labels(db, city.id)])
            await computeAndStore(city, scope, plan(req.measure, { by: req.by.join(','), period: req.period, filters: req.filters }), { ...settings, names }, 'refresh')
          } catch (err) {
            await repo.releaseTable(db, c.cityId, c.scope, c.queryKey).catch(() => {})
            throw err
          }
          return true
        })
        if (!done) break
        refreshed++
      }
      return refreshed
    })())
    const refreshed = await run
    const now = clock()
    const next = closed ? undefined : await repo.nextStaleTable(db, { readSince: new Date(now.getTime() - readWindowMs) })
    return { refreshed, busyMs: performance.now() - started, ...(next ? { nextDueAt: new Date(Math.max(next.getTime() + debounceMs, now.getTime() + 1000)) } : {}) }
  }

  async function compute (city: CityRow, scope: ViewerScope, p: Plan, ctx: { secret: string; names: Map<string, string>; threshold: number }, asOf: Date, until?: Date, ex: Executor = db): Promise<InsightTable> {
    const m = p.measure
    const publishOpts = { threshold: ctx.threshold, cellKeySecret: ctx.secret, ...(scope.organisationId ? { viewerOrganisationId: scope.organisationId } : {}) }
    const label = (k: string): Label => ({ key: k, label: ctx.names.get(k) ?? k })
    const at = asOf.toISOString()

    if (m === 'funnel') {
      const filters = p.filters
      const row = (p.by[0] ?? 'pathway') as FunnelDimension
      const aggs = await repo.funnelAggregates(ex, { cityId: city.id, row, filters, ...(scope.organisationId ? { organisationId: scope.organisationId } : {}) })
      const rows = [...new Set(cellsOf(aggs).map((a) => a.row as string))].sort()
      const table = publishTable(aggregateTable(aggs, rows, [...FUNNEL_STAGES], 'learners'), publishOpts)
      return shape(m, [row, 'stage'], undefined, filters, table, rows.map(label), FUNNEL_STAGES.map((s) => ({ key: s, label: s })), at)
    }

    if (m === 'supply-demand') {
      const filters = p.filters
      const { filter } = parsePeriod(p.period)
      const byDecile = p.by[0] === 'decile'
      const period = filter ? parsePeriodLabel(filter.label) : undefined
      const [supply, demand] = await Promise.all([
        repo.supplyPlaces(ex, { cityId: city.id, byDecile, ...(period ? { from: period.start, to: period.end } : {}) }),
        repo.demandAggregates(ex, { cityId: city.id, byDecile, ...filters }),
      ])
      const sup = supply.filter((s) => (filters.area === undefined || byDecile || s.row === filters.area))
      const cells = cellsOf(demand)
      const rows = [...new Set([...cells.map((x) => x.row as string), ...sup.map((s) => s.row)])].sort()
      const cols = [...new Set([...cells.map((x) => x.col as string), ...sup.map((s) => s.theme)])].sort()
      const table = publishTable(aggregateTable(demand, rows, cols, 'learners'), publishOpts)
      const out = shape(m, [byDecile ? 'decile' : 'area', 'theme'], filter?.label, filters, table, rows.map(label), cols.map(label), at)
      out.supply = sup.filter((s) => rows.includes(s.row)).map((s) => ({ row: s.row, col: s.theme, places: s.places })).sort((a, b) => a.row.localeCompare(b.row) || a.col.localeCompare(b.col))
      return out
    }

    // learners and awards: the fact table, aggregated in SQL (one row per cell and total).
    const { by, filters } = p
    const { unit, filter } = parsePeriod(p.period)
    const dims: FactDimension[] = [...by as FactDimension[], ...(unit ? [unit] : [])]
    const cq: CellQuery = {
      cityId: city.id, row: dims[0] ?? 'all', col: dims[1] ?? 'all', filters,
      ...(filter ? { period: filter } : {}),
      ...(scope.organisationId ? { organisationId: scope.organisationId } : {}),
      newReturningUnit: unit ?? filter?.unit ?? 'month',
      ...(until ? { until } : {}),
      withAwards: m === 'awards',
    }
    const table = publishFacts(await repo.cellAggregates(ex, cq), m, publishOpts)
    const shown = [...by, ...(unit ? [unit] : [])]
    return shape(m, shown, filter?.label, filters, table, table.rows.map(label), table.cols.map(label), at)
  }

  function shape (measure: Measure, by: string[], period: string | undefined, filters: Record<string, string>, t: PublishedTable, rows: Label[], cols: Label[], asOf: string): InsightTable {
    return {
      measure, by, ...(period !== undefined ? { period } : {}), filters, asOf,
      answered: t.answered, threshold: t.threshold,
      rows: t.answered ? rows : [], cols: t.answered ? cols : [],
      cells: t.cells, rowTotals: t.rowTotals, colTotals: t.colTotals, total: t.grandTotal, rules: t.rules,
    }
  }

  // --- deciles -------------------------------------------------------------------------------------------

  /** Replaces the city's area → deprivation decile lookup from a CSV `area,decile` (UTF-8, header row). */
  async function putDeciles (principal: Principal, city: CityRow, body: Buffer): Promise<{ areas: number; updatedAt: string }> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'upload deprivation deciles')
    const rows = parseDecileCsv(body)
    const now = clock()
    await repo.replaceDeciles(db, city.id, rows, now)
    forgetCity(city.id)
    return { areas: rows.length, updatedAt: now.toISOString() }
  }

  async function settings (principal: Principal, city: CityRow): Promise<InsightSettings> {
    scopeOf(principal)
    return { threshold: city.privacy_threshold, decileAreas: await repo.countDeciles(db, city.id) }
  }

  async function updateSettings (principal: Principal, city: CityRow, input: { threshold: number }): Promise<InsightSettings> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'change the disclosure threshold')
    const problem = checkThreshold(input.threshold)
    if (problem) throw new InvalidInput(problem, [{ field: 'threshold', message: problem }])
    await repo.setThreshold(db, city.id, input.threshold)
    deps.forgetCityRow?.(city.id)
    forgetCity(city.id)
    return { threshold: input.threshold, decileAreas: await repo.countDeciles(db, city.id) }
  }

  // --- signed report links ---------------------------------------------------------------------------------

  async function reportLink (principal: Principal, city: CityRow, ttlSeconds: number): Promise<{ path: string; expiresAt: string }> {
    requireRole(principal, ['platform-admin', 'city-admin', 'reader'], 'make report links')
    const exp = Math.floor(clock().getTime() / 1000) + ttlSeconds
    const sig = linkSignature(await repo.cellKeySecret(db, city.id), city.id, exp)
    return { path: `/v1/cities/${city.slug}/insights/report?exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000).toISOString() }
  }

  async function checkReportLink (city: CityRow, exp: number, sig: string): Promise<boolean> {
    if (!Number.isInteger(exp) || exp * 1000 < clock().getTime()) return false
    const want = Buffer.from(linkSignature(await repo.cellKeySecret(db, city.id), city.id, exp))
    const got = Buffer.from(sig)
    return want.length === got.length && timingSafeEqual(want, got)
  }

  /** Everything the report page shows, each table through the rules for this viewer. */
  async function report (principal: Principal, city: CityRow): Promise<InsightReport> {
    const q = (measure: Measure, by?: string, period?: string) => query(principal, city, measure, { by, period, filters: {} })
    const [learners, awards, orgs, spine, awardsByMonth, byDecile, funnels, supplyDemand, decileAreas] = await Promise.all([
      q('learners'), q('awards'), q('learners', 'organisation'), q('learners', 'level,dimension'), q('awards', undefined, 'month'),
      q('learners', 'decile'), q('funnel', 'pathway'), q('supply-demand', 'area'), repo.countDeciles(db, city.id),
    ])
    return {
      cityName: city.name, generatedAt: clock().toISOString(), threshold: city.privacy_threshold, decileAreas,
      headline: { learners: learners.total?.value ?? null, awards: awards.total?.value ?? null, organisations: orgs.answered ? orgs.rows.length : null },
      spine, awardsByMonth, byDecile, funnels, supplyDemand, rules: learners.rules,
    }
  }

  // --- weekly open data --------------------------------------------------------------------------------------

  /** The public release of one finished ISO week: every table through the rules, awards up to the week's end. */
  async function buildRelease (city: CityRow, week: string): Promise<{ json: string; csv: string }> {
    const p = parsePeriodLabel(week)
    if (!p || p.unit !== 'week') throw new BadRequest('a release is named by its ISO week, e.g. 2026-W48')
    const system: Principal = { keyId: 'open-data', role: 'reader', cityId: city.id, organisationId: null }
    const tables: Record<string, InsightTable> = {}
    for (const [name, measure, by, period] of OPEN_DATA_TABLES) tables[name] = await query(system, city, measure, { by, period, filters: {} }, { until: p.end })
    const doc = { city: city.slug, week, periodEnd: p.end.toISOString(), threshold: city.privacy_threshold, licence: 'Open Government Licence v3.0', tables }
    const csvLines = ['table,kind,row,col,value,suppressed']
    for (const [name, t] of Object.entries(tables)) {
      const put = (kind: string, f: PublishedFigure) => csvLines.push([name, kind, f.row, f.col, f.value === null ? '' : String(f.value), String(f.suppressed)].map(csvField).join(','))
      t.cells.forEach((f) => put('cell', f))
      t.rowTotals.forEach((f) => put('row-total', f))
      t.colTotals.forEach((f) => put('col-total', f))
      if (t.total) put('total', t.total)
    }
    return { json: JSON.stringify(doc), csv: `${csvLines.join('\r\n')}\r\n` }
  }

  /** Scheduled: makes last week's release for every city that has none (safe on several processes). */
  async function publishWeeklyReleases (): Promise<number> {
    const week = isoWeekLabel(new Date(clock().getTime() - 7 * 86_400_000))
    let made = 0
    for (const c of await repo.allCities(db)) {
      if (await repo.findRelease(db, c.id, week)) continue
      const city = await repo.cityById(db, c.id)
      const r = await buildRelease(city, week)
      if (await repo.insertRelease(db, { cityId: c.id, week, ...r })) made++
    }
    return made
  }

  /** A public release by week (or the latest), for the open-data URL. */
  async function release (citySlug: string, week: string): Promise<{ week: string; json: string; csv: string } | undefined> {
    const city = await repo.cityIdBySlug(db, citySlug)
    if (!city) return undefined
    const r = await repo.findRelease(db, city.id, week)
    return r ? { week: r.week, json: r.json, csv: r.csv } : undefined
  }

  return { query, refreshStale, idle, putDeciles, settings, updateSettings, reportLink, checkReportLink, report, buildRelease, publishWeeklyReleases, release, rebuild: (cityId?: string) => repo.rebuildFacts(db, cityId) }
}

/** The tables of the weekly public release: [name, measure, by, period]. */
const OPEN_DATA_TABLES: ReadonlyArray<[string, Measure, string | undefined, string | undefined]> = [
  ['learners-by-area', 'learners', 'area', undefined],
  ['learners-by-decile', 'learners', 'decile', undefined],
  ['learners-by-age-band', 'learners', 'ageBand', undefined],
  ['learners-by-theme', 'learners', 'theme', undefined],
  ['learners-by-spine-cell', 'learners', 'level,dimension', undefined],
  ['awards-by-month', 'awards', undefined, 'month'],
  ['learners-by-organisation-kind', 'learners', 'organisationKind', undefined],
]

const csvField = (v: string): string => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`

export interface InsightReport {
  cityName: string
  generatedAt: string
  threshold: number
  decileAreas: number
  headline: { learners: number | null; awards: number | null; organisations: number | null }
  spine: InsightTable
  awardsByMonth: InsightTable
  byDecile: InsightTable
  funnels: InsightTable
  supplyDemand: InsightTable
  rules: AppliedRule[]
}

export type InsightService = ReturnType<typeof createInsightService>
export interface InsightSettings { threshold: number; decileAreas: number }

const linkSignature = (secret: string, cityId: string, exp: number): string =>
  createHmac('sha256', secret).update(`insights-report\u0000${cityId}\u0000${exp}`).digest('base64url')

const cellsOf = (aggs: readonly CellAggregate[]) => aggs.filter((a) => a.row !== null && a.col !== null)

/**
 * A raw table from SQL aggregates (rows and columns in the given order; a missing cell is 0): each figure is a count
 * of distinct learners (or awards) with its top organisation and record-key sum, totals the aggregates' own.
 */
function aggregateTable (aggs: readonly CellAggregate[], rows: string[], cols: string[], kind: 'learners' | 'awards'): RawTable {
  const fig = (a: CellAggregate): RawFigure => kind === 'learners'
    ? { count: a.learners, recordKeySum: a.learnerKeySum, ...(a.topOrganisation ? { topOrganisation: a.topOrganisation } : {}) }
    : { count: a.awards, recordKeySum: a.awardKeySum }
  const grand = aggs.find((a) => a.row === null && a.col === null)
  return {
    rows, cols,
    cells: cellsOf(aggs).map((a) => ({ row: a.row as string, col: a.col as string, value: fig(a) })),
    totals: {
      rows: Object.fromEntries(aggs.filter((a) => a.row !== null && a.col === null).map((a) => [a.row as string, fig(a)])),
      cols: Object.fromEntries(aggs.filter((a) => a.row === null && a.col !== null).map((a) => [a.col as string, fig(a)])),
      ...(grand ? { grand: fig(grand) } : {}),
    },
  }
}

const sortLabels = (xs: Iterable<string>): string[] => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))

/**
 * Publishes fact aggregates as distinct learners, or as awards masked by the learners' suppression pattern: an award
 * figure is shown only where the learner figure of the same cell is (more suppression never makes a suppressed
 * figure solvable), and is rounded by its own cell key (the awards counted). Totals are the aggregates' own (distinct
 * over the raw facts), never sums of cells.
 */
export function publishFacts (aggs: readonly CellAggregate[], measure: 'learners' | 'awards', opts: Parameters<typeof publishTable>[1]): PublishedTable {
  const cells = cellsOf(aggs)
  const rows = sortLabels(cells.map((a) => a.row as string))
  const cols = sortLabels(cells.map((a) => a.col as string))
  const raw = (kind: 'learners' | 'awards') => aggregateTable(aggs, rows, cols, kind)
  const byLearners = publishTable(raw('learners'), opts)
  if (measure === 'learners' || !byLearners.answered) return byLearners
  const byAwards = publishTable(raw('awards'), opts)
  const mask = (a: PublishedFigure[], l: PublishedFigure[]): PublishedFigure[] =>
    a.map((f, i) => (f.suppressed || (l[i] as PublishedFigure).suppressed ? { row: f.row, col: f.col, value: null, suppressed: true } : f))
  return {
    ...byAwards,
    cells: mask(byAwards.cells, byLearners.cells),
    rowTotals: mask(byAwards.rowTotals, byLearners.rowTotals),
    colTotals: mask(byAwards.colTotals, byLearners.colTotals),
    grandTotal: mask([byAwards.grandTotal as PublishedFigure], [byLearners.grandTotal as PublishedFigure])[0] as PublishedFigure,
    rules: [
      ...byLearners.rules.filter((r) => r.rule !== 'rounding'),
      { rule: 'rounding', description: 'award counts are shown only where the distinct-learner figure of the same cell may be, and rounded to a multiple of 5', figures: byAwards.rules.find((r) => r.rule === 'rounding')?.figures ?? 0 },
    ],
  }
}

export const DECILE_CSV_MAX_BYTES = 2 * 1024 * 1024
const AREA_CODE = /^[A-Za-z0-9][A-Za-z0-9 ]{0,8}[A-Za-z0-9]$|^[A-Za-z0-9]$/

/** Parses and checks a decile file: UTF-8, header `area,decile`, codes unique and well formed, deciles 1..10. */
export function parseDecileCsv (body: Buffer): Array<{ area: string; decile: number }> {
  if (body.length > DECILE_CSV_MAX_BYTES) throw new BadRequest(`the file is larger than ${DECILE_CSV_MAX_BYTES} bytes`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    throw new BadRequest('the file is not valid UTF-8')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let records: string[][]
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][]
  } catch (err) {
    throw new BadRequest(`the file is not CSV: ${(err as Error).message.slice(0, 200)}`)
  }
  const [header, ...data] = records
  if (!header || header.length !== 2 || header[0]?.toLowerCase() !== 'area' || header[1]?.toLowerCase() !== 'decile') throw new BadRequest('the first line must be the header area,decile')
  if (data.length === 0) throw new InvalidInput('the file has no rows', [{ field: 'body', message: 'no rows' }])
  const errors: Array<{ field: string; message: string }> = []
  const seen = new Set<string>()
  const out: Array<{ area: string; decile: number }> = []
  data.forEach((r, i) => {
    const line = i + 2
    const area = (r[0] ?? '').toUpperCase()
    const decile = Number(r[1])
    if (!AREA_CODE.test(area)) errors.push({ field: `line ${line}`, message: `unknown area code "${(r[0] ?? '').slice(0, 20)}" (letters and digits, up to 10)` })
    else if (seen.has(area)) errors.push({ field: `line ${line}`, message: `area ${area} appears twice` })
    if (!/^\d{1,2}$/.test(r[1] ?? '') || decile < 1 || decile > 10) errors.push({ field: `line ${line}`, message: `decile must be a whole number from 1 to 10, not "${(r[1] ?? '').slice(0, 10)}"` })
    seen.add(area)
    out.push({ area, decile })
  })
  if (errors.length > 0) throw new InvalidInput(`${errors.length} line${errors.length > 1 ? 's are' : ' is'} wrong; nothing was changed`, errors.slice(0, 50))
  return out
}
