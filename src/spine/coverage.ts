import { DIMENSIONS, LEVELS, type Dimension, type Level, type SpineElement, type SpineSelection } from './model.js'

/** Number of approved badge classes at one level x dimension x element. */
export interface CoverageCell {
  level: Level
  dimension: Dimension
  elementCode: string
  count: number
}

/** The coverage grid of a city's catalogue. */
export interface CoverageGrid {
  /** Every active element x level x dimension, in element order, then level order, then dimension order. */
  cells: CoverageCell[]
  /** The cells no badge class covers yet (count 0), same order. */
  empty: CoverageCell[]
  /** Distinct badge classes per level x dimension (12 entries), whatever their elements. */
  totals: { level: Level; dimension: Dimension; count: number }[]
  /** How many selections were counted. */
  badgeClasses: number
}

/**
 * Counts approved badge classes (their selections) per level x dimension x active element. A badge class counts
 * once per cell however its selection repeats codes. With `includeDescendants`, a badge aligned to an element
 * also counts for each of its ancestors, so a parent shows coverage anywhere beneath it. Retired or unknown
 * codes count in `totals` but have no cells: the grid is for planning what to badge next.
 */
export function computeCoverage(input: {
  selections: readonly SpineSelection[]
  elements: readonly SpineElement[]
  includeDescendants?: boolean
}): CoverageGrid {
  const active = input.elements.filter((e) => e.status === 'active')
  const parentOf = new Map(input.elements.map((e) => [e.code, e.parentCode]))
  const counts = new Map<string, number>()
  const totals = new Map<string, number>()
  const key = (level: string, dimension: string, code: string) => `${level}|${dimension}|${code}`

  for (const s of input.selections) {
    const codes = new Set<string>()
    for (const code of s.elements) {
      codes.add(code)
      if (input.includeDescendants !== true) continue
      // Bounded walk: a corrupt parent cycle must not hang the query.
      let parent = parentOf.get(code)
      for (let hops = 0; parent !== undefined && hops < parentOf.size; hops++) {
        codes.add(parent)
        parent = parentOf.get(parent)
      }
    }
    for (const dimension of new Set(s.dimensions)) {
      totals.set(`${s.level}|${dimension}`, (totals.get(`${s.level}|${dimension}`) ?? 0) + 1)
      for (const code of codes) counts.set(key(s.level, dimension, code), (counts.get(key(s.level, dimension, code)) ?? 0) + 1)
    }
  }

  const cells: CoverageCell[] = []
  for (const el of active) {
    for (const { value: level } of LEVELS) {
      for (const { value: dimension } of DIMENSIONS) {
        cells.push({ level, dimension, elementCode: el.code, count: counts.get(key(level, dimension, el.code)) ?? 0 })
      }
    }
  }
  return {
    cells,
    empty: cells.filter((c) => c.count === 0),
    totals: LEVELS.flatMap(({ value: level }) =>
      DIMENSIONS.map(({ value: dimension }) => ({ level, dimension, count: totals.get(`${level}|${dimension}`) ?? 0 })),
    ),
    badgeClasses: input.selections.length,
  }
}
