import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cellKey, cellKeyOfSum, checkThreshold, recordKey, type Contribution, type RawFigure, determinedFigures, publishTable, randomRound, roundTo, type PublishedFigure, type PublishedTable, type RawTable } from './disclosure.js'

const learners = (prefix: string, n: number, org?: string) =>
  Array.from({ length: n }, (_, i) => ({ learnerId: `${prefix}${i}`, ...(org ? { organisationId: org } : {}) }))
const counts = (rows: string[], cols: string[], grid: number[][]): RawTable => ({
  rows, cols, cells: grid.flatMap((line, r) => line.map((count, c) => ({ row: rows[r] as string, col: cols[c] as string, value: { count } }))),
})
const all = (t: PublishedTable): PublishedFigure[] => [...t.cells, ...t.rowTotals, ...t.colTotals, ...(t.grandTotal ? [t.grandTotal] : [])]
const at = (t: PublishedTable, row: string, col: string) => all(t).find((f) => f.row === row && f.col === col) as PublishedFigure

describe('publishTable', () => {
  it('counts distinct learners, and computes totals from the raw learners (a learner in two cells counts once)', () => {
    const shared = learners('s', 12)
    const t = publishTable({
      rows: ['a', 'b'], cols: ['x'],
      cells: [{ row: 'a', col: 'x', value: { learners: [...shared, ...shared, ...learners('a', 10)] } }, { row: 'b', col: 'x', value: { learners: [...shared, ...learners('b', 20)] } }],
    })
    expect(at(t, 'a', 'x').value).toBe(20) // 22 distinct -> 20
    expect(at(t, 'b', 'x').value).toBe(30) // 32 -> 30
    expect(t.grandTotal?.value).toBe(40) // 12 + 10 + 20 = 42 distinct (not 22 + 32 = 54, not 20 + 30 = 50)
  })

  it('suppresses 1..t-1, shows 0, rounds the rest to the nearest 5, totals from raw then rounded', () => {
    const t = publishTable(counts(['a', 'b', 'c'], ['x', 'y'], [[12, 13], [0, 27], [31, 44]]))
    expect(t.cells.map((c) => c.value)).toEqual([10, 15, 0, 25, 30, 45])
    expect(at(t, 'a', '*').value).toBe(25) // 25 raw
    expect(at(t, '*', 'x').value).toBe(45) // 43 raw, not 10 + 0 + 30 = 40
    expect(t.grandTotal?.value).toBe(125) // 127 raw
    const small = publishTable(counts(['a', 'b', 'c'], ['x'], [[3], [40], [50]]), { explain: true })
    expect(at(small, 'a', 'x')).toMatchObject({ value: null, suppressed: true, reason: 'small' })
  })

  it('takes the threshold per city: at least 5, default 10', () => {
    expect(checkThreshold(10)).toBeUndefined()
    expect(checkThreshold(5)).toBeUndefined()
    expect(checkThreshold(4)).toMatch(/at least 5/)
    expect(checkThreshold(7.5)).toMatch(/whole number/)
    expect(() => publishTable(counts(['a'], ['x'], [[50]]), { threshold: 3 })).toThrow(RangeError)
    const t5 = publishTable(counts(['a', 'b', 'c'], ['x'], [[6], [6], [40]]), { threshold: 5 })
    expect(t5.cells.map((c) => c.suppressed)).toEqual([false, false, false])
    const t10 = publishTable(counts(['a', 'b', 'c'], ['x'], [[6], [6], [40]]), { explain: true })
    expect(t10.cells.map((c) => c.reason)).toEqual(['small', 'small', undefined])
  })

  it('answers nothing when the population is below the threshold', () => {
    const t = publishTable(counts(['a', 'b'], ['x'], [[4], [5]]))
    expect(t).toMatchObject({ answered: false, cells: [], grandTotal: null })
    expect(t.rules.map((r) => r.rule)).toContain('population')
  })

  it('suppresses further figures when a row or column would give a suppressed one away', () => {
    // Row a: 3 (small) + 40 + 50 = 93: publishing the rest would leave the 3 recoverable within rounding error.
    const t = publishTable(counts(['a', 'b', 'c'], ['x', 'y', 'z'], [[3, 40, 50], [25, 60, 70], [30, 80, 90]]), { explain: true })
    expect(at(t, 'a', 'x').reason).toBe('small')
    expect(at(t, 'a', 'y').reason).toBe('secondary') // row a: the smallest other cell
    expect(at(t, 'b', 'x').reason).toBe('secondary') // column x: the smallest other cell
    expect(at(t, 'b', 'y').reason).toBe('secondary') // column y now had one: a rectangle closes it
    expect(all(t).filter((f) => f.suppressed)).toHaveLength(4)
    expect(t.rules.find((r) => r.rule === 'secondary')?.figures).toBe(3)
    // In a 2 x 2 table one small cell takes the whole interior with it.
    const small = publishTable(counts(['a', 'b'], ['x', 'y'], [[3, 40], [25, 60]]))
    expect(small.cells.map((c) => c.suppressed)).toEqual([true, true, true, true])
    expect(small.grandTotal?.value).toBe(130)
  })

  it('suppresses a figure where one organisation brings more than half the learners, except for that organisation', () => {
    const table: RawTable = {
      rows: ['a', 'b', 'c'], cols: ['x'],
      cells: [
        { row: 'a', col: 'x', value: { learners: [...learners('o', 30, 'club'), ...learners('p', 20, 'school')] } },
        { row: 'b', col: 'x', value: { learners: [...learners('q', 25, 'club'), ...learners('r', 25, 'school')] } },
        { row: 'c', col: 'x', value: { learners: [...learners('s', 20, 'club'), ...learners('t', 20, 'school'), ...learners('u', 20, 'youth')] } },
      ],
    }
    const forCity = publishTable(table, { explain: true })
    expect(at(forCity, 'a', 'x').reason).toBe('dominance')
    expect(at(forCity, 'b', 'x').suppressed).toBe(true) // exactly half is not more than half, but secondary protects a
    expect(at(forCity, 'b', 'x').reason).toBe('secondary')
    expect(at(forCity, 'c', 'x').suppressed).toBe(false)
    const forClub = publishTable(table, { viewerOrganisationId: 'club' })
    expect(at(forClub, 'a', 'x')).toMatchObject({ value: 50, suppressed: false })
    const forSchool = publishTable(table, { viewerOrganisationId: 'school', explain: true })
    expect(at(forSchool, 'a', 'x').reason).toBe('dominance')
  })

  it('shows percentages from published figures only when the published denominator is at least 35', () => {
    const t = publishTable(counts(['a', 'b'], ['x', 'y'], [[20, 13], [17, 11]]), { percentOf: 'row' })
    // Row a: 33 raw (published 35): allowed. Row b: 28 raw (published 30): withheld.
    expect(t.cells.map((c) => c.percent)).toEqual([57, 43, null, null]) // 20/35, 15/35 from published figures
    expect(t.rules.find((r) => r.rule === 'percent')?.figures).toBe(2)
  })

  it('publishes no suppression reason unless asked to explain (audits and tests only)', () => {
    const t = publishTable(counts(['a', 'b', 'c'], ['x', 'y', 'z'], [[3, 40, 50], [25, 60, 70], [30, 80, 90]]))
    expect(all(t).filter((f) => f.suppressed)).toHaveLength(4)
    expect(all(t).some((f) => 'reason' in f)).toBe(false)
  })

  it('with a cell-key secret, rounds each figure up or down to a multiple of 5, the same way for the same learners', () => {
    const table = (order: 'asc' | 'desc'): RawTable => {
      const ids = learners('k', 23)
      return { rows: ['a', 'b'], cols: ['x'], cells: [
        { row: 'a', col: 'x', value: { learners: order === 'asc' ? ids : [...ids].reverse() } },
        { row: 'b', col: 'x', value: { learners: learners('m', 41) } },
      ] }
    }
    const one = publishTable(table('asc'), { cellKeySecret: 's3cret' })
    expect(publishTable(table('desc'), { cellKeySecret: 's3cret' })).toEqual(one) // order of learners does not matter
    expect([20, 25]).toContain(at(one, 'a', 'x').value)
    expect([40, 45]).toContain(at(one, 'b', 'x').value)
    expect([60, 65]).toContain(one.grandTotal?.value)
    // The coin depends on the secret and on exactly which learners are counted.
    expect(cellKey('s3cret', ['a', 'b'])).toBe(cellKey('s3cret', ['b', 'a']))
    expect(cellKey('s3cret', ['a', 'b'])).not.toBe(cellKey('other', ['a', 'b']))
    expect(cellKey('s3cret', ['a', 'b'])).not.toBe(cellKey('s3cret', ['a', 'c']))
  })

  it('cell-key rounding is unbiased: rounds up with chance remainder / 5', () => {
    expect(randomRound(20, 0.99)).toBe(20)
    expect(randomRound(23, 0.59)).toBe(25)
    expect(randomRound(23, 0.61)).toBe(20)
    let sum = 0
    for (let i = 0; i < 1000; i++) sum += randomRound(23, cellKey('s', [`l${i}`]))
    expect(sum / 1000).toBeGreaterThan(22.4)
    expect(sum / 1000).toBeLessThan(23.6)
  })

  it('reports every rule with the number of figures it touched', () => {
    const t = publishTable(counts(['a', 'b'], ['x', 'y'], [[3, 40], [25, 60]]))
    expect(t.rules.map((r) => r.rule)).toEqual(['distinct-learners', 'small-cell', 'dominance', 'secondary', 'rounding'])
    expect(t.rules.find((r) => r.rule === 'small-cell')?.figures).toBe(1)
  })

  it('refuses cells outside the table or given twice', () => {
    expect(() => publishTable({ rows: ['a'], cols: ['x'], cells: [{ row: 'z', col: 'x', value: { count: 1 } }] })).toThrow(RangeError)
    expect(() => publishTable({ rows: ['a'], cols: ['x'], cells: [{ row: 'a', col: 'x', value: { count: 1 } }, { row: 'a', col: 'x', value: { count: 2 } }] })).toThrow(RangeError)
  })
})

// ---- properties ---------------------------------------------------------------------------------------------------

const countArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 120 }))
const tableArb = fc.record({ R: fc.integer({ min: 1, max: 6 }), C: fc.integer({ min: 1, max: 5 }) }).chain(({ R, C }) =>
  fc.array(fc.array(countArb, { minLength: C, maxLength: C }), { minLength: R, maxLength: R }).map((grid) =>
    counts(grid.map((_, r) => `r${r}`), Array.from({ length: C }, (_, c) => `c${c}`), grid)))

/** The figures of a published table as the lines the secondary rule protects (parts..., total). */
function linesOf(t: PublishedTable): { figures: PublishedFigure[]; lines: number[][] } {
  const figures = all(t)
  const ix = (row: string, col: string) => figures.findIndex((f) => f.row === row && f.col === col)
  const lines = [
    ...t.rows.map((r) => [...t.cols.map((c) => ix(r, c)), ix(r, '*')]),
    ...t.cols.map((c) => [...t.rows.map((r) => ix(r, c)), ix('*', c)]),
    [...t.rows.map((r) => ix(r, '*')), ix('*', '*')],
    [...t.cols.map((c) => ix('*', c)), ix('*', '*')],
  ]
  return { figures, lines }
}

describe('publishTable properties', () => {
  it('never publishes a figure of 1..t-1; published figures are multiples of 5; deterministic', () => {
    fc.assert(fc.property(tableArb, fc.integer({ min: 5, max: 15 }), (table, threshold) => {
      const t = publishTable(table, { threshold })
      expect(publishTable(table, { threshold })).toEqual(t)
      for (const f of all(t)) if (f.value !== null) expect(f.value % 5).toBe(0)
      const raw = new Map(table.cells.map((c) => [`${c.row}|${c.col}`, (c.value as { count: number }).count]))
      for (const f of t.cells) {
        const n = raw.get(`${f.row}|${f.col}`) as number
        if (n >= 1 && n < threshold) expect(f.suppressed).toBe(true)
        if (!f.suppressed) expect(f.value).toBe(roundTo(n))
      }
    }), { numRuns: 400 })
  })

  it('no row, column or margin holds exactly one suppressed figure', () => {
    fc.assert(fc.property(tableArb, (table) => {
      const t = publishTable(table)
      if (!t.answered) return
      const { figures, lines } = linesOf(t)
      for (const line of lines) expect(line.filter((i) => figures[i]?.suppressed).length).not.toBe(1)
    }), { numRuns: 400 })
  })

  it('no suppressed figure can be solved for, even by an attacker who knew every published figure exactly', () => {
    fc.assert(fc.property(tableArb, (table) => {
      const t = publishTable(table)
      if (!t.answered) return
      const { figures, lines } = linesOf(t)
      expect(determinedFigures(figures.length, lines, figures.map((f) => f.suppressed))).toEqual([])
    }), { numRuns: 400 })
  })

  it('the solvability check finds what the one-per-line rule misses (a suppressed figure bridging two blocks)', () => {
    // Suppressed: a 2x2 block in rows 0-1 x cols 0-1, a block in rows 2-3 x cols 2-3, and (1,2) joining them.
    // Every line has 0 or >= 2 suppressed figures, yet (1,2) follows from the sums.
    const rows = 4
    const cols = 4
    const n = rows * cols + rows + cols + 1
    const lines = [
      ...Array.from({ length: rows }, (_, r) => [...Array.from({ length: cols }, (_, c) => r * cols + c), rows * cols + r]),
      ...Array.from({ length: cols }, (_, c) => [...Array.from({ length: rows }, (_, r) => r * cols + c), rows * cols + rows + c]),
      [...Array.from({ length: rows }, (_, r) => rows * cols + r), n - 1],
      [...Array.from({ length: cols }, (_, c) => rows * cols + rows + c), n - 1],
    ]
    const s = new Array<boolean>(n).fill(false)
    for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2], [2, 2], [2, 3], [3, 2], [3, 3]] as const) s[r * cols + c] = true
    expect(determinedFigures(n, lines, s)).toEqual([1 * cols + 2])
  })

  it('per-cell aggregates (count, top organisation, record-key sum, as SQL computes them) publish exactly what the learner lists do', () => {
    const member = fc.record({ l: fc.integer({ min: 0, max: 40 }), o: fc.option(fc.constantFrom('o1', 'o2', 'o3'), { nil: undefined }), r: fc.integer({ min: 0, max: 2 }), c: fc.integer({ min: 0, max: 2 }) })
    fc.assert(fc.property(fc.array(member, { maxLength: 150 }), fc.integer({ min: 5, max: 12 }), fc.constantFrom(undefined, 'o1', 'o2'), (ms, threshold, viewer) => {
      const rows = ['r0', 'r1', 'r2']
      const cols = ['c0', 'c1', 'c2']
      const secret = 'city-secret'
      const of = (keep: (x: typeof ms[number]) => boolean): Contribution[] => ms.filter(keep).map((x) => ({ learnerId: `l${x.l}`, ...(x.o ? { organisationId: x.o } : {}) }))
      const aggregate = (list: Contribution[]): RawFigure => {
        const ids = new Set(list.map((x) => x.learnerId))
        const per = new Map<string, Set<string>>()
        for (const x of list) if (x.organisationId) per.set(x.organisationId, (per.get(x.organisationId) ?? new Set()).add(x.learnerId))
        const top = [...per.entries()].map(([id, s]) => ({ id, learners: s.size })).sort((a, b) => b.learners - a.learners || (a.id < b.id ? -1 : 1))[0]
        let sum = 0
        for (const id of ids) sum = (sum + recordKey(secret, id)) % 4294967296
        return { count: ids.size, recordKeySum: sum, ...(top ? { topOrganisation: top } : {}) }
      }
      const cellsOf = (f: (list: Contribution[]) => RawFigure) => rows.flatMap((row, r) => cols.map((col, c) => ({ row, col, value: f(of((x) => x.r === r && x.c === c)) })))
      const byLearners = publishTable({ rows, cols, cells: cellsOf((learners) => ({ learners })) }, { threshold, cellKeySecret: secret, ...(viewer ? { viewerOrganisationId: viewer } : {}) })
      const byAggregates = publishTable({
        rows, cols, cells: cellsOf(aggregate),
        totals: {
          rows: Object.fromEntries(rows.map((row, r) => [row, aggregate(of((x) => x.r === r))])),
          cols: Object.fromEntries(cols.map((col, c) => [col, aggregate(of((x) => x.c === c))])),
          grand: aggregate(of(() => true)),
        },
      }, { threshold, cellKeySecret: secret, ...(viewer ? { viewerOrganisationId: viewer } : {}) })
      expect(byAggregates).toEqual(byLearners)
    }), { numRuns: 300 })
  })

  it('a cell key is the mixed sum of record keys: order-free, secret-bound, and changed by any one learner', () => {
    const sum = (ids: string[]) => ids.reduce((a, id) => (a + recordKey('s', id)) % 4294967296, 0)
    expect(cellKey('s', ['a', 'b', 'c'])).toBe(cellKeyOfSum('s', sum(['c', 'a', 'b'])))
    expect(recordKey('s', 'a')).not.toBe(recordKey('t', 'a'))
    expect(() => cellKeyOfSum('s', 2 ** 32)).toThrow(RangeError)
  })
})
