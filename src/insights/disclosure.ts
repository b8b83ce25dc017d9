/**
 * Statistical disclosure control for citywide insight tables (UK ONS / NHS practice), as one pure module.
 *
 *   const out = publishTable(table, { threshold: 10, viewerOrganisationId })
 *   out.answered            false when the whole (filtered) population is below the threshold: nothing is shown
 *   const out = publishTable(table, { threshold: 10, cellKeySecret: citySecret })   // what the API should call
 *   out.cells / rowTotals / colTotals / grandTotal
 *                           { row, col, value: number | null, suppressed, percent? } (no reason: see `explain`)
 *   out.rules               the rules applied, each with how many figures it touched
 *
 * The rules, in order:
 * 1. distinct-learners   every figure counts distinct learners (a learner with three badges in a cell counts once);
 *                        totals are computed from the raw learners (the union), never by adding published cells.
 * 2. population          a table whose population (the grand total) is below the threshold answers nothing, so a
 *                        narrowed filter cannot be differenced against a wider one.
 * 3. small-cell          a figure of 1 .. threshold-1 learners is suppressed (threshold per city: default 10, at
 *                        least 5; {@link checkThreshold} refuses less). 0 is shown as 0.
 * 4. dominance           a figure where one organisation contributes more than half of the learners is suppressed
 *                        for every viewer except that organisation.
 * 5. secondary           no suppressed figure may be recovered from its row, its column or the totals: treating every
 *                        row, column and margin as "parts add up to the total" (exact when the cells partition the
 *                        learners, conservative otherwise), (a) a line with exactly one suppressed figure gets its
 *                        smallest other non-zero figure suppressed too, and (b) any suppressed figure still solvable
 *                        from the published figures by linear algebra gets a further figure of one of its lines
 *                        suppressed; iterated to a fixed point.
 * 6. rounding            every other figure is rounded to the nearest 5 (0 stays 0); totals from raw, then rounded.
 *                        With `cellKeySecret` (recommended: one secret per city), rounding is to a multiple of 5 up or
 *                        down, unbiased, the coin derived from the secret and the learners counted (the ONS cell key
 *                        method reduced to rounding). src/insights/attacker.test.ts shows plain nearest rounding
 *                        being defeated by differencing organisation x month tables against their sums, and cell-key
 *                        rounding holding.
 * 7. percent             a percentage (of the row total, the column total or the grand total) is computed from the
 *                        published, rounded figures and shown only when the published denominator is at least 35:
 *                        that guarantees a raw denominator of at least 30 while depending on published figures only
 *                        (a raw-based test would itself leak whether 28..32 is above or below 30).
 */

import { createHmac } from 'node:crypto'

export const DISCLOSURE_DEFAULTS = {
  threshold: 10,
  minThreshold: 5,
  roundTo: 5,
  minPercentDenominator: 30,
} as const

/** One learner in a cell, with the organisation that brought them there (for the dominance rule). */
export interface Contribution {
  learnerId: string
  organisationId?: string
}

/**
 * A raw figure: the learners themselves, or the aggregate the rules need (what SQL computes per cell and total):
 * the distinct-learner count, the largest single organisation's distinct learners (or every organisation's), and
 * the sum of the learners' record keys mod 2^32 ({@link recordKey}) for cell-key rounding. The two forms publish
 * the same figures for the same learners (a property test holds them equal).
 */
export type RawFigure =
  | { learners: Iterable<Contribution> }
  | {
    count: number
    byOrganisation?: Readonly<Record<string, number>>
    /** The organisation contributing the most distinct learners (ties: the smallest id), and how many. */
    topOrganisation?: { id: string; learners: number }
    /** Sum of the counted learners' record keys, mod 2^32; without it a count figure falls back to nearest rounding. */
    recordKeySum?: number
  }

export interface RawCell {
  row: string
  col: string
  value: RawFigure
}

/**
 * A two-way table (a one-way table has one column). Totals are computed as unions when every cell carries its
 * learners; with counts, pass the totals (distinct learners of the row, column, whole population) or they are
 * taken as sums, which is right only when the cells partition the learners.
 */
export interface RawTable {
  rows: readonly string[]
  cols: readonly string[]
  /** Missing cells are 0. */
  cells: readonly RawCell[]
  totals?: {
    rows?: Readonly<Record<string, RawFigure>>
    cols?: Readonly<Record<string, RawFigure>>
    grand?: RawFigure
  }
}

export type PercentBase = 'row' | 'col' | 'grand'

export interface PublishOptions {
  threshold?: number
  /** The organisation looking: figures it dominates are not dominance-suppressed for it. */
  viewerOrganisationId?: string
  /** Add a percentage of this base to each published cell. */
  percentOf?: PercentBase
  /**
   * Keep the reason of each suppression (`small`, `dominance`, `secondary`) on the figures, for audits and tests.
   * Never send it to a client: a `small` mark narrows a figure to 1..t-1, and the attacker suite shows that this
   * is enough to recover groups by differencing across tables. Published output says only `suppressed: true`.
   */
  explain?: boolean
  /**
   * Cell-key rounding (ONS cell key method, reduced to rounding): with a per-city secret, a figure is rounded to a
   * multiple of 5 up or down at random, with the chance of rounding up proportional to the remainder (unbiased),
   * the "coin" being derived from the secret and the very learners counted. The same learners always give the same
   * figure (no averaging over repeated queries), while figures of overlapping populations get independent rounding.
   * Needs figures given as learners, or counts with their `recordKeySum`; other count figures fall back to nearest
   * rounding.
   */
  cellKeySecret?: string
}

export type SuppressionReason = 'small' | 'dominance' | 'secondary'

export interface PublishedFigure {
  /** Row label, or `*` for a column total / the grand total. */
  row: string
  /** Column label, or `*` for a row total / the grand total. */
  col: string
  /** Rounded distinct learners; null when suppressed. */
  value: number | null
  suppressed: boolean
  /** Only with `explain: true` (never published, see {@link PublishOptions.explain}). */
  reason?: SuppressionReason
  /** Whole percent of the chosen base, when allowed (cells only). */
  percent?: number | null
}

export type RuleId = 'distinct-learners' | 'population' | 'small-cell' | 'dominance' | 'secondary' | 'rounding' | 'percent'

export interface AppliedRule {
  rule: RuleId
  description: string
  /** Figures the rule changed (suppressed, rounded, percentages withheld). */
  figures: number
}

export interface PublishedTable {
  answered: boolean
  threshold: number
  rows: string[]
  cols: string[]
  /** Row-major; empty when not answered. */
  cells: PublishedFigure[]
  rowTotals: PublishedFigure[]
  colTotals: PublishedFigure[]
  grandTotal: PublishedFigure | null
  rules: AppliedRule[]
}

/** Refuses a threshold below the minimum or not a whole number; returns the message, or undefined when fine. */
export function checkThreshold(threshold: unknown): string | undefined {
  if (!Number.isInteger(threshold)) return 'the disclosure threshold must be a whole number'
  if ((threshold as number) < DISCLOSURE_DEFAULTS.minThreshold) return `the disclosure threshold must be at least ${DISCLOSURE_DEFAULTS.minThreshold}`
  if ((threshold as number) > 1000) return 'the disclosure threshold must be at most 1000'
  return undefined
}

/** Nearest multiple of `base` (integers never tie for base 5). */
export function roundTo(n: number, base: number = DISCLOSURE_DEFAULTS.roundTo): number {
  return Math.round(n / base) * base
}

/** A raw figure reduced to what the rules need. */
interface Figure {
  row: string
  col: string
  isTotal: boolean
  raw: number
  /** Largest single organisation's distinct learners, and which. */
  topOrg?: { id: string; learners: number }
  /** Cell key in [0, 1): from the secret and the learners counted (cell-key rounding only). */
  key?: number
}

const ROW_TOTAL = '*'

/** Applies the rules to one table for one viewer. Pure and deterministic. */
export function publishTable(table: RawTable, options: PublishOptions = {}): PublishedTable {
  const threshold = options.threshold ?? DISCLOSURE_DEFAULTS.threshold
  const problem = checkThreshold(threshold)
  if (problem) throw new RangeError(problem)
  const rows = [...table.rows]
  const cols = [...table.cols]
  if (new Set(rows).size !== rows.length || new Set(cols).size !== cols.length) throw new RangeError('row and column labels must be unique')

  const figures = buildFigures(table, rows, cols, options.cellKeySecret)
  const R = rows.length
  const C = cols.length
  const cellIx = (r: number, c: number) => r * C + c
  const rowTotalIx = (r: number) => R * C + r
  const colTotalIx = (c: number) => R * C + R + c
  const grandIx = R * C + R + C
  const grand = figures[grandIx] as Figure

  const rules: AppliedRule[] = [{ rule: 'distinct-learners', description: 'figures count distinct learners; totals are computed from raw learners, then rounded', figures: figures.length }]
  if (grand.raw < threshold) {
    rules.push({ rule: 'population', description: `the population is below the threshold of ${threshold}: nothing is published`, figures: figures.length })
    return { answered: false, threshold, rows, cols, cells: [], rowTotals: [], colTotals: [], grandTotal: null, rules }
  }

  const reason: (SuppressionReason | undefined)[] = figures.map((f) => {
    if (f.raw >= 1 && f.raw < threshold) return 'small'
    if (f.topOrg && f.topOrg.learners * 2 > f.raw && f.topOrg.id !== options.viewerOrganisationId) return 'dominance'
    return undefined
  })
  const smallCount = reason.filter((r) => r === 'small').length
  const dominanceCount = reason.filter((r) => r === 'dominance').length
  rules.push({ rule: 'small-cell', description: `figures of 1 to ${threshold - 1} learners are suppressed`, figures: smallCount })
  rules.push({ rule: 'dominance', description: 'figures where one organisation contributes more than half of the learners are suppressed for everyone else', figures: dominanceCount })

  // Lines: parts (+1) add up to their total (-1).
  const lines: number[][] = []
  for (let r = 0; r < R; r++) lines.push([...cols.map((_, c) => cellIx(r, c)), rowTotalIx(r)])
  for (let c = 0; c < C; c++) lines.push([...rows.map((_, r) => cellIx(r, c)), colTotalIx(c)])
  lines.push([...rows.map((_, r) => rowTotalIx(r)), grandIx])
  lines.push([...cols.map((_, c) => colTotalIx(c)), grandIx])
  const secondary = secondarySuppression(figures.map((f) => f.raw), figures.map((f) => f.isTotal), lines, reason.map((r) => r !== undefined))
  for (const i of secondary) reason[i] = 'secondary'
  rules.push({ rule: 'secondary', description: 'further figures are suppressed so that no suppressed figure can be recovered from its row, its column or the totals', figures: secondary.length })

  let rounded = 0
  const published: PublishedFigure[] = figures.map((f, i) => {
    const why = reason[i]
    if (why !== undefined) return { row: f.row, col: f.col, value: null, suppressed: true, ...(options.explain === true ? { reason: why } : {}) }
    const value = f.key === undefined ? roundTo(f.raw) : randomRound(f.raw, f.key)
    if (value !== f.raw) rounded++
    return { row: f.row, col: f.col, value, suppressed: false }
  })
  rules.push({ rule: 'rounding', description: options.cellKeySecret === undefined ? 'published figures are rounded to the nearest 5' : 'published figures are rounded to a multiple of 5, up or down by a cell key (the same learners always give the same figure)', figures: rounded })

  if (options.percentOf !== undefined) {
    const minDen = DISCLOSURE_DEFAULTS.minPercentDenominator + DISCLOSURE_DEFAULTS.roundTo
    let withheld = 0
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const cell = published[cellIx(r, c)] as PublishedFigure
        const den = published[options.percentOf === 'row' ? rowTotalIx(r) : options.percentOf === 'col' ? colTotalIx(c) : grandIx] as PublishedFigure
        if (cell.value === null || den.value === null || den.value < minDen) {
          cell.percent = null
          withheld++
        } else {
          cell.percent = Math.round((cell.value * 100) / den.value)
        }
      }
    }
    rules.push({ rule: 'percent', description: `percentages come from published figures, only with a denominator of at least ${DISCLOSURE_DEFAULTS.minPercentDenominator} (published ${minDen} or more)`, figures: withheld })
  }

  return {
    answered: true, threshold, rows, cols,
    cells: published.slice(0, R * C),
    rowTotals: published.slice(R * C, R * C + R),
    colTotals: published.slice(R * C + R, R * C + R + C),
    grandTotal: published[grandIx] as PublishedFigure,
    rules,
  }
}

function buildFigures(table: RawTable, rows: string[], cols: string[], secret: string | undefined): Figure[] {
  const rowIx = new Map(rows.map((r, i) => [r, i]))
  const colIx = new Map(cols.map((c, i) => [c, i]))
  const C = cols.length
  const cellValues: (RawFigure | undefined)[] = new Array(rows.length * C).fill(undefined)
  for (const cell of table.cells) {
    const r = rowIx.get(cell.row)
    const c = colIx.get(cell.col)
    if (r === undefined || c === undefined) throw new RangeError(`cell (${cell.row}, ${cell.col}) is outside the table`)
    if (cellValues[r * C + c] !== undefined) throw new RangeError(`cell (${cell.row}, ${cell.col}) is given twice`)
    cellValues[r * C + c] = cell.value
  }
  const sets = cellValues.map((v) => (v !== undefined && 'learners' in v ? toLearnerMap(v.learners) : undefined))
  const allSets = cellValues.every((v, i) => v === undefined || sets[i] !== undefined)
  const empty = new Map<string, Set<string>>()
  const figure = (row: string, col: string, isTotal: boolean, v: RawFigure | undefined, set: Map<string, Set<string>> | undefined, fallback: number): Figure => {
    if (set !== undefined) return { row, col, isTotal, raw: set.size, ...topOrgOf(set), ...(secret === undefined ? {} : { key: cellKey(secret, set.keys()) }) }
    if (v !== undefined && 'count' in v) {
      if (!Number.isInteger(v.count) || v.count < 0) throw new RangeError(`figure (${row}, ${col}) must be a whole number >= 0`)
      const top = v.topOrganisation !== undefined ? { topOrg: { ...v.topOrganisation } } : topOrgOfCounts(v.byOrganisation)
      const key = secret !== undefined && v.recordKeySum !== undefined ? { key: cellKeyOfSum(secret, v.recordKeySum) } : {}
      return { row, col, isTotal, raw: v.count, ...top, ...key }
    }
    return { row, col, isTotal, raw: fallback }
  }
  const out: Figure[] = cellValues.map((v, i) => figure(rows[Math.floor(i / C)] as string, cols[i % C] as string, false, v, sets[i] ?? (v === undefined ? empty : undefined), 0))
  const union = (ixs: number[]) => {
    const m = new Map<string, Set<string>>()
    for (const i of ixs) for (const [l, orgs] of sets[i] ?? empty) {
      const s = m.get(l) ?? new Set<string>()
      for (const o of orgs) s.add(o)
      m.set(l, s)
    }
    return m
  }
  const total = (row: string, col: string, given: RawFigure | undefined, ixs: number[]): Figure => {
    if (given !== undefined) return figure(row, col, true, given, 'learners' in given ? toLearnerMap(given.learners) : undefined, 0)
    if (allSets) return figure(row, col, true, undefined, union(ixs), 0)
    return { row, col, isTotal: true, raw: ixs.reduce((a, i) => a + (out[i] as Figure).raw, 0) }
  }
  const R = rows.length
  rows.forEach((r, ri) => out.push(total(r, ROW_TOTAL, table.totals?.rows?.[r], cols.map((_, c) => ri * C + c))))
  cols.forEach((c, ci) => out.push(total(ROW_TOTAL, c, table.totals?.cols?.[c], rows.map((_, r) => r * C + ci))))
  out.push(total(ROW_TOTAL, ROW_TOTAL, table.totals?.grand, Array.from({ length: R * C }, (_, i) => i)))
  return out
}

/** learnerId -> organisations that brought them (distinct learners; a learner may come through several). */
function toLearnerMap(list: Iterable<Contribution>): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>()
  for (const { learnerId, organisationId } of list) {
    const s = m.get(learnerId) ?? new Set<string>()
    if (organisationId !== undefined) s.add(organisationId)
    m.set(learnerId, s)
  }
  return m
}

function topOrgOf(set: Map<string, Set<string>>): { topOrg?: { id: string; learners: number } } {
  const per = new Map<string, number>()
  for (const orgs of set.values()) for (const o of orgs) per.set(o, (per.get(o) ?? 0) + 1)
  return topOrgOfCounts(Object.fromEntries(per))
}

function topOrgOfCounts(by: Readonly<Record<string, number>> | undefined): { topOrg?: { id: string; learners: number } } {
  if (by === undefined) return {}
  let best: { id: string; learners: number } | undefined
  for (const id of Object.keys(by).sort()) {
    const n = by[id] as number
    if (best === undefined || n > best.learners) best = { id, learners: n }
  }
  return best === undefined ? {} : { topOrg: best }
}

/**
 * Secondary suppression to a fixed point. `lines` list figure indexes whose parts add up to the last (the total).
 * Returns the indexes newly suppressed, in the order chosen. Exported for tests and for one-way tables built by hand.
 */
export function secondarySuppression(raw: readonly number[], isTotal: readonly boolean[], lines: readonly number[][], primary: readonly boolean[]): number[] {
  const suppressed = [...primary]
  const added: number[] = []
  // The cheapest figure to give up: a non-total before a total, non-zero before zero, smallest, then first.
  const cheapest = (candidates: number[]): number | undefined => {
    let best: number | undefined
    const key = (i: number) => [isTotal[i] ? 1 : 0, raw[i] === 0 ? 1 : 0, raw[i] as number, i]
    for (const i of candidates) {
      if (suppressed[i]) continue
      if (best === undefined || lexLess(key(i), key(best))) best = i
    }
    return best
  }
  const suppress = (i: number) => {
    suppressed[i] = true
    added.push(i)
  }
  const linesOf = new Map<number, number[][]>()
  for (const line of lines) for (const i of line) linesOf.set(i, [...(linesOf.get(i) ?? []), line])

  for (let guard = 0; guard <= raw.length; guard++) {
    let changed = false
    for (const line of lines) {
      if (line.filter((i) => suppressed[i]).length !== 1) continue
      const pick = cheapest(line)
      if (pick !== undefined) {
        suppress(pick)
        changed = true
      }
    }
    if (changed) continue
    const determined = determinedFigures(raw.length, lines, suppressed)
    if (determined.length === 0) break
    const target = determined[0] as number
    const pick = cheapest((linesOf.get(target) ?? []).flat()) ?? cheapest(raw.map((_, i) => i))
    if (pick === undefined) break
    suppress(pick)
  }
  return added
}

/**
 * Suppressed figures whose value follows from the published ones: x_k is determined when the unit vector e_k lies
 * in the row space of the line equations restricted to suppressed figures (reduced row echelon form, exact enough
 * for coefficients of +-1 on tables of a few thousand figures).
 */
export function determinedFigures(n: number, lines: readonly number[][], suppressed: readonly boolean[]): number[] {
  const vars: number[] = []
  const col = new Map<number, number>()
  for (let i = 0; i < n; i++) if (suppressed[i]) { col.set(i, vars.length); vars.push(i) }
  if (vars.length === 0) return []
  const m: number[][] = []
  for (const line of lines) {
    const row = new Array<number>(vars.length).fill(0)
    let any = false
    line.forEach((i, k) => {
      const c = col.get(i)
      if (c !== undefined) { row[c] = k === line.length - 1 ? -1 : 1; any = true }
    })
    if (any) m.push(row)
  }
  const EPS = 1e-9
  let pivotRow = 0
  const pivots: number[] = []
  for (let c = 0; c < vars.length && pivotRow < m.length; c++) {
    let best = pivotRow
    for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[best] as number[])[c] as number)) best = r
    if (Math.abs((m[best] as number[])[c] as number) < EPS) continue
    ;[m[pivotRow], m[best]] = [m[best] as number[], m[pivotRow] as number[]]
    const p = m[pivotRow] as number[]
    const pv = p[c] as number
    for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / pv
    for (let r = 0; r < m.length; r++) {
      if (r === pivotRow) continue
      const row = m[r] as number[]
      const f = row[c] as number
      if (Math.abs(f) < EPS) continue
      for (let k = 0; k < row.length; k++) row[k] = (row[k] as number) - f * (p[k] as number)
    }
    pivots.push(c)
    pivotRow++
  }
  const out: number[] = []
  pivots.forEach((c, r) => {
    const row = m[r] as number[]
    if (row.every((v, k) => k === c || Math.abs(v) < EPS)) out.push(vars[c] as number)
  })
  return out.sort((a, b) => a - b)
}

/** Rounds to a multiple of 5, up with probability remainder / 5, the coin being `key` in [0, 1). */
export function randomRound(n: number, key: number, base: number = DISCLOSURE_DEFAULTS.roundTo): number {
  const down = Math.floor(n / base) * base
  return key < (n - down) / base ? down + base : down
}

/**
 * A learner's record key (ONS cell key method): a 32-bit integer, the first four bytes (big-endian) of
 * HMAC-SHA256(city secret, id). The fact tables carry it beside each learner (and each award), computed by the same
 * formula in SQL (src/db/insights/insights.repo.ts), so a cell key is a plain SUM in a GROUP BY. Unknown without
 * the secret, so a figure's rounding cannot be predicted from the learners an attacker knows.
 */
export function recordKey(secret: string, id: string): number {
  return createHmac('sha256', secret).update(id, 'utf8').digest().readUInt32BE(0)
}

/** The cell key of a set of learners: the sum of their record keys, mod 2^32, mixed with the secret into [0, 1). */
export function cellKey(secret: string, learnerIds: Iterable<string>): number {
  let sum = 0
  for (const id of learnerIds) sum = (sum + recordKey(secret, id)) % 4294967296
  return cellKeyOfSum(secret, sum)
}

/** The cell key from the sum of the record keys counted (mod 2^32), as SQL computes it per cell. */
export function cellKeyOfSum(secret: string, recordKeySum: number): number {
  if (!Number.isInteger(recordKeySum) || recordKeySum < 0 || recordKeySum >= 4294967296) throw new RangeError('a record key sum is a whole number in [0, 2^32)')
  return fnv1a(`${secret}\u0001${recordKeySum}`) / 4294967296
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number)
  return false
}
