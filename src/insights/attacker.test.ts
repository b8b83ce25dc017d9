/**
 * The attacker suite. A generated city with planted small groups is published the way the insights API publishes
 * it — by area x age band for the year, for each month, for each organisation and for each organisation x month,
 * plus the one-way tables by area and by band — and an attacker who sees only the published figures (values,
 * suppression marks, the rules and the threshold) tries to recover any group of 1..t-1 learners.
 *
 * The attacker knows every relation between the figures: within a table the cells of a row or column add up to its
 * total (each learner has one area, one band); across periods the year is the sum of its months; across filters
 * the whole city is the sum of its organisations (each learner has one organisation here: the strongest case for
 * differencing); the one-way tables repeat the margins. It propagates interval bounds through all of them to a
 * fixed point. A published figure v > 0 is read as [max(t, v-2), v+2] (exactly v against the naive publisher);
 * 0 as exactly 0; a suppressed figure as >= 0 (as >= 1 and <= t-1 when the reason "small" is visible); a table
 * that answered nothing as a population below t.
 *
 * The rules are applied with cell-key rounding (a per-city secret, see PublishOptions.cellKeySecret): plain
 * nearest-5 rounding is defeated by this attacker on the organisation x month tables, and a test below shows it.
 *
 * "Recovered" means the attacker pins some hidden figure (suppressed, or in an unanswered table) to one exact value
 * of 1 learner or more. Run against a naive publisher (exact counts, small cells blanked, nothing else) the same
 * attacker recovers planted groups every time: the attacker works, and the rules are what stop it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { publishTable, type PublishedFigure, type PublishedTable, type RawTable } from './disclosure.js'

const AREAS = ['A', 'B', 'C', 'D', 'E', 'F', 'Z'] as const
const BANDS = ['b1', 'b2', 'b3', 'b4'] as const
const ORGS = ['o1', 'o2', 'o3'] as const
const MONTHS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'] as const

interface Learner { id: string; area: string; band: string; org: string; month: string }

/** A city: base learners avoid the "holes" (area Z, and one band of one area); planted groups of 1..t-1 fill them. */
const cityArb = (t: number) => fc.record({
  base: fc.array(fc.record({
    area: fc.constantFrom(...AREAS.slice(0, 6)), band: fc.constantFrom(...BANDS), org: fc.constantFrom(...ORGS), month: fc.constantFrom(...MONTHS),
  }), { minLength: 150, maxLength: 500 }),
  holeArea: fc.constantFrom(...AREAS.slice(0, 6)),
  holeBand: fc.constantFrom(...BANDS),
  planted: fc.array(fc.record({
    inZ: fc.boolean(), size: fc.integer({ min: 1, max: t - 1 }), band: fc.constantFrom(...BANDS), org: fc.constantFrom(...ORGS), month: fc.constantFrom(...MONTHS),
  }), { minLength: 1, maxLength: 3 }),
}).map(({ base, holeArea, holeBand, planted }) => {
  const learners: Learner[] = base
    .filter((l) => !(l.area === holeArea && l.band === holeBand))
    .map((l, i) => ({ id: `l${i}`, ...l }))
  planted.forEach((g, k) => {
    for (let i = 0; i < g.size; i++) {
      learners.push({ id: `p${k}-${i}`, area: g.inZ ? 'Z' : holeArea, band: g.inZ ? g.band : holeBand, org: g.org, month: g.month })
    }
  })
  return learners
})

type Publisher = (raw: RawTable, t: number) => PublishedTable

/** The rules of the disclosure module, as published, with the city's cell-key secret (rounding slack: 4). */
const ours: Publisher = (raw, t) => publishTable(raw, { threshold: t, cellKeySecret: 'city-secret' })
/** The rules with plain nearest-5 rounding (no secret; rounding slack: 2). */
const oursNearest: Publisher = (raw, t) => publishTable(raw, { threshold: t })
/** The same, leaking why each figure was suppressed (what `explain: true` is for, and why it is never published). */
const oursWithReasons: Publisher = (raw, t) => publishTable(raw, { threshold: t, cellKeySecret: 'city-secret', explain: true })

/**
 * A naive publisher: exact counts, small cells blanked, nothing else (what the rules are there to prevent). With
 * one rule only, a blank means 1..t-1, so the attacker reads it that way.
 */
const naive: Publisher = (raw, t) => {
  const exact = publishTable(raw, { threshold: 1000 }) // structure only
  const counts = rawCounts(raw)
  const fig = (f: PublishedFigure): PublishedFigure => {
    const n = counts.get(`${f.row}|${f.col}`) ?? 0
    return n >= 1 && n < t ? { row: f.row, col: f.col, value: null, suppressed: true, reason: 'small' } : { row: f.row, col: f.col, value: n, suppressed: false }
  }
  return {
    answered: true, threshold: t, rows: exact.rows, cols: exact.cols, rules: [],
    cells: exact.rows.flatMap((r) => exact.cols.map((c) => fig({ row: r, col: c, value: null, suppressed: false }))),
    rowTotals: exact.rows.map((r) => fig({ row: r, col: '*', value: null, suppressed: false })),
    colTotals: exact.cols.map((c) => fig({ row: '*', col: c, value: null, suppressed: false })),
    grandTotal: fig({ row: '*', col: '*', value: null, suppressed: false }),
  }
}

/** Ablation: the rules without rounding and without secondary suppression (marks still carry no reason). */
const withoutRoundingAndSecondary: Publisher = (raw, t) => {
  const counts = rawCounts(raw)
  const p = publishTable(raw, { threshold: t, explain: true })
  const undo = (f: PublishedFigure): PublishedFigure => (f.reason === 'small' || f.reason === 'dominance'
    ? { row: f.row, col: f.col, value: null, suppressed: true }
    : { row: f.row, col: f.col, value: counts.get(`${f.row}|${f.col}`) ?? 0, suppressed: false })
  return { ...p, cells: p.cells.map(undo), rowTotals: p.rowTotals.map(undo), colTotals: p.colTotals.map(undo), grandTotal: p.grandTotal && undo(p.grandTotal) }
}

function rawCounts(raw: RawTable): Map<string, number> {
  const m = new Map<string, Set<string>>()
  const add = (k: string, id: string) => m.set(k, (m.get(k) ?? new Set()).add(id))
  for (const c of raw.cells) for (const l of (c.value as { learners: Iterable<{ learnerId: string }> }).learners) {
    add(`${c.row}|${c.col}`, l.learnerId); add(`${c.row}|*`, l.learnerId); add(`*|${c.col}`, l.learnerId); add('*|*', l.learnerId)
  }
  return new Map([...m].map(([k, s]) => [k, s.size]))
}

/** Builds a raw table of distinct learners by rowOf x colOf over a filtered population. */
function rawTable(learners: readonly Learner[], rows: readonly string[], cols: readonly string[], rowOf: (l: Learner) => string, colOf: (l: Learner) => string, orgs: boolean): RawTable {
  const cells = new Map<string, { learnerId: string; organisationId?: string }[]>()
  for (const l of learners) {
    const k = `${rowOf(l)}|${colOf(l)}`
    cells.set(k, [...(cells.get(k) ?? []), { learnerId: l.id, ...(orgs ? { organisationId: l.org } : {}) }])
  }
  return { rows, cols, cells: rows.flatMap((r) => cols.map((c) => ({ row: r, col: c, value: { learners: cells.get(`${r}|${c}`) ?? [] } }))) }
}

interface Publication { id: string; table: PublishedTable; rows: readonly string[]; cols: readonly string[] }

/** Everything the insights API would publish about the city. */
function publishCity(learners: readonly Learner[], t: number, publish: Publisher, dominance = true): Publication[] {
  const out: Publication[] = []
  const grid = (id: string, pop: readonly Learner[]) =>
    out.push({ id, table: publish(rawTable(pop, AREAS, BANDS, (l) => l.area, (l) => l.band, dominance), t), rows: AREAS, cols: BANDS })
  grid('year', learners)
  for (const m of MONTHS) grid(`month:${m}`, learners.filter((l) => l.month === m))
  for (const o of ORGS) grid(`org:${o}`, learners.filter((l) => l.org === o))
  for (const o of ORGS) for (const m of MONTHS) grid(`org:${o}|month:${m}`, learners.filter((l) => l.org === o && l.month === m))
  out.push({ id: 'byArea', table: publish(rawTable(learners, AREAS, ['all'], (l) => l.area, () => 'all', dominance), t), rows: AREAS, cols: ['all'] })
  out.push({ id: 'byBand', table: publish(rawTable(learners, BANDS, ['all'], (l) => l.band, () => 'all', dominance), t), rows: BANDS, cols: ['all'] })
  return out
}

interface Bound { lo: number; hi: number }

/** The attacker: interval propagation over every known relation. Returns the hidden figures it pinned. */
function attack(pubs: readonly Publication[], t: number, slack: number, readReasons = false): { key: string; value: number }[] {
  const bounds = new Map<string, Bound>()
  const hidden = new Set<string>()
  const key = (id: string, row: string, col: string) => `${id}|${row}|${col}`
  const equations: { plus: string[]; minus: string[] }[] = []
  for (const p of pubs) {
    const all = [...p.rows.flatMap((r) => p.cols.map((c) => [r, c] as const)), ...p.rows.map((r) => [r, '*'] as const), ...p.cols.map((c) => ['*', c] as const), ['*', '*'] as const]
    const published = new Map((p.table.answered ? [...p.table.cells, ...p.table.rowTotals, ...p.table.colTotals, p.table.grandTotal as PublishedFigure] : []).map((f) => [`${f.row}|${f.col}`, f]))
    for (const [r, c] of all) {
      const k = key(p.id, r, c)
      const f = published.get(`${r}|${c}`)
      if (!p.table.answered) { bounds.set(k, { lo: 0, hi: t - 1 }); hidden.add(k); continue }
      if (f === undefined) throw new Error(`missing figure ${k}`)
      if (f.value !== null) bounds.set(k, f.value === 0 ? { lo: 0, hi: 0 } : { lo: Math.max(p.table.threshold, f.value - slack), hi: f.value + slack })
      else {
        hidden.add(k)
        bounds.set(k, readReasons && f.reason === 'small' ? { lo: 1, hi: t - 1 } : readReasons && f.reason === 'dominance' ? { lo: t, hi: Infinity } : { lo: 0, hi: Infinity })
      }
    }
    for (const r of p.rows) equations.push({ plus: p.cols.map((c) => key(p.id, r, c)), minus: [key(p.id, r, '*')] })
    for (const c of p.cols) equations.push({ plus: p.rows.map((r) => key(p.id, r, c)), minus: [key(p.id, '*', c)] })
    equations.push({ plus: p.rows.map((r) => key(p.id, r, '*')), minus: [key(p.id, '*', '*')] })
    equations.push({ plus: p.cols.map((c) => key(p.id, '*', c)), minus: [key(p.id, '*', '*')] })
  }
  const entries = [...AREAS.flatMap((r) => BANDS.map((c) => [r, c] as const)), ...AREAS.map((r) => [r, '*'] as const), ...BANDS.map((c) => ['*', c] as const), ['*', '*'] as const]
  for (const [r, c] of entries) {
    equations.push({ plus: MONTHS.map((m) => key(`month:${m}`, r, c)), minus: [key('year', r, c)] })
    equations.push({ plus: ORGS.map((o) => key(`org:${o}`, r, c)), minus: [key('year', r, c)] })
    for (const m of MONTHS) equations.push({ plus: ORGS.map((o) => key(`org:${o}|month:${m}`, r, c)), minus: [key(`month:${m}`, r, c)] })
    for (const o of ORGS) equations.push({ plus: MONTHS.map((m) => key(`org:${o}|month:${m}`, r, c)), minus: [key(`org:${o}`, r, c)] })
  }
  for (const a of AREAS) equations.push({ plus: [key('byArea', a, 'all')], minus: [key('year', a, '*')] })
  for (const b of BANDS) equations.push({ plus: [key('byBand', b, 'all')], minus: [key('year', '*', b)] })
  equations.push({ plus: [key('byArea', '*', '*')], minus: [key('year', '*', '*')] })

  // sum(plus) - sum(minus) = 0; tighten every variable from the others until nothing moves.
  const names = [...bounds.keys()]
  const index = new Map(names.map((k, i) => [k, i]))
  const lo = Float64Array.from(names, (k) => (bounds.get(k) as Bound).lo)
  const hi = Float64Array.from(names, (k) => (bounds.get(k) as Bound).hi)
  const eqs = equations.map(({ plus, minus }) => ({
    v: [...plus, ...minus].map((k) => index.get(k) as number),
    s: [...plus.map(() => 1), ...minus.map(() => -1)],
  }))
  for (let round = 0; round < 500; round++) {
    let moved = false
    for (const { v, s } of eqs) {
      // Bounds of each term's contribution s*x; infinite ends are counted, not summed (Infinity - Infinity is NaN).
      let finLo = 0
      let finHi = 0
      let infLo = 0
      let infHi = 0
      const cLo = (j: number) => ((s[j] as number) === 1 ? (lo[v[j] as number] as number) : -(hi[v[j] as number] as number))
      const cHi = (j: number) => ((s[j] as number) === 1 ? (hi[v[j] as number] as number) : -(lo[v[j] as number] as number))
      for (let j = 0; j < v.length; j++) {
        const l = cLo(j)
        const h = cHi(j)
        if (Number.isFinite(l)) finLo += l; else infLo++
        if (Number.isFinite(h)) finHi += h; else infHi++
      }
      for (let j = 0; j < v.length; j++) {
        const i = v[j] as number
        const sj = s[j] as number
        const l = cLo(j)
        const h = cHi(j)
        // rest = sum of the other terms' contributions
        const restLo = infLo - (Number.isFinite(l) ? 0 : 1) > 0 ? -Infinity : finLo - (Number.isFinite(l) ? l : 0)
        const restHi = infHi - (Number.isFinite(h) ? 0 : 1) > 0 ? Infinity : finHi - (Number.isFinite(h) ? h : 0)
        // sj * x = -rest
        const xLo = sj === 1 ? -restHi : restLo
        const xHi = sj === 1 ? -restLo : restHi
        const nlo = Math.max(lo[i] as number, Number.isFinite(xLo) ? Math.ceil(xLo) : -Infinity)
        const nhi = Math.min(hi[i] as number, Number.isFinite(xHi) ? Math.floor(xHi) : Infinity)
        if (nlo > nhi) throw new Error(`inconsistent bounds at ${names[i] as string}: the attacker's model is wrong`)
        if (nlo !== lo[i] || nhi !== hi[i]) { lo[i] = nlo; hi[i] = nhi; moved = true }
      }
    }
    if (!moved) break
  }
  return [...hidden].map((k) => index.get(k) as number).filter((i) => lo[i] === hi[i] && (lo[i] as number) >= 1)
    .map((i) => ({ key: names[i] as string, value: lo[i] as number }))
}

describe('attacker suite: differencing across filters, periods and totals', () => {
  it('recovers planted groups from a naive publisher (the attack works)', () => {
    fc.assert(fc.property(fc.integer({ min: 5, max: 12 }).chain((t) => fc.tuple(fc.constant(t), cityArb(t))), ([t, learners]) => {
      expect(attack(publishCity(learners, t, naive), t, 0, true).length).toBeGreaterThan(0)
    }), { numRuns: 5, seed: 7, endOnFailure: true })
  })

  it.each([true, false])('recovers nothing from figures published under the rules (dominance rule in play: %s)', (dominance) => {
    // Without organisations on the figures the dominance rule never fires: rounding and secondary suppression alone.
    fc.assert(fc.property(fc.integer({ min: 5, max: 12 }).chain((t) => fc.tuple(fc.constant(t), cityArb(t))), ([t, learners]) => {
      expect(attack(publishCity(learners, t, ours, dominance), t, 4)).toEqual([])
    }), { numRuns: 15, endOnFailure: true })
  })

  it('defeats nearest-5 rounding across filter x period tables: why cities pass a cell-key secret', () => {
    // Deterministic nearest rounding gives each published figure a tight interval (10 means 10..12), and the many
    // sums linking year, months, organisations and organisation x month pin a small population that answered nothing.
    const run = fc.check(fc.property(fc.integer({ min: 5, max: 12 }).chain((t) => fc.tuple(fc.constant(t), cityArb(t))), ([t, learners]) =>
      attack(publishCity(learners, t, oursNearest, false), t, 2).length === 0), { numRuns: 80, seed: 1, endOnFailure: true })
    expect(run.failed).toBe(true)
  })

  it('would recover groups if suppression reasons were published: why figures say only `suppressed`', () => {
    let recovered = 0
    fc.assert(fc.property(fc.integer({ min: 5, max: 12 }).chain((t) => fc.tuple(fc.constant(t), cityArb(t))), ([t, learners]) => {
      recovered += attack(publishCity(learners, t, oursWithReasons, false), t, 4, true).length
    }), { numRuns: 12, seed: 11 })
    expect(recovered).toBeGreaterThan(0)
  })

  it('would recover groups with neither rounding nor secondary suppression ', () => {
    let recovered = 0
    fc.assert(fc.property(fc.integer({ min: 5, max: 12 }).chain((t) => fc.tuple(fc.constant(t), cityArb(t))), ([t, learners]) => {
      recovered += attack(publishCity(learners, t, withoutRoundingAndSecondary, false), t, 0).length
    }), { numRuns: 12, seed: 11 })
    expect(recovered).toBeGreaterThan(0)
  })

  it('a planted single learner in an otherwise empty area stays hidden everywhere', () => {
    const base = Array.from({ length: 400 }, (_, i) => ({ id: `l${i}`, area: AREAS[i % 6] as string, band: BANDS[i % 4] as string, org: ORGS[i % 3] as string, month: MONTHS[i % 6] as string }))
    const learners = [...base, { id: 'only-one', area: 'Z', band: 'b2', org: 'o1', month: 'm3' }]
    const pubs = publishCity(learners, 10, ours)
    expect(attack(pubs, 10, 4)).toEqual([])
    // Without rounding and secondary suppression the same learner is found, exactly, in every table it touches.
    expect(attack(publishCity(learners, 10, withoutRoundingAndSecondary, false), 10, 0)).toContainEqual({ key: 'year|Z|b2', value: 1 })
    for (const p of pubs) {
      if (!p.table.answered) continue
      const z = p.table.cells.filter((f) => f.row === 'Z' && f.value !== null && f.value !== 0)
      expect(z).toEqual([])
    }
  })
})
