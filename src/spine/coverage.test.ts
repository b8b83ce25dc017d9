import { describe, expect, it } from 'vitest'
import { computeCoverage } from './coverage.js'
import { defaultElements } from './defaults.js'
import type { Dimension, Level, SpineElement, SpineSelection } from './model.js'
import { generateTree, prng } from './test-fixtures.js'

const LV: Level[] = ['engagement', 'participation', 'demonstration', 'leadership']
const DM: Dimension[] = ['knowledge', 'skills', 'attitudes-values']

function randomSelections(elements: SpineElement[], n: number, seed: number): SpineSelection[] {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T
  return Array.from({ length: n }, () => ({
    elements: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(elements).code),
    level: pick(LV),
    dimensions: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(DM)),
  }))
}

// Independent oracle: for every cell, scan every selection.
function bruteCount(selections: SpineSelection[], level: Level, dimension: Dimension, code: string, ancestorsOf?: (c: string) => string[]): number {
  return selections.filter((s) => s.level === level && s.dimensions.includes(dimension) &&
    s.elements.some((c) => c === code || (ancestorsOf?.(c) ?? []).includes(code))).length
}

describe('computeCoverage', () => {
  it('counts badge classes per level x dimension x active element, matching a brute-force count', () => {
    const elements = generateTree(150, 7)
    const selections = randomSelections(elements, 400, 3)
    const grid = computeCoverage({ selections, elements })
    const active = elements.filter((e) => e.status === 'active')
    expect(grid.cells).toHaveLength(active.length * 12)
    for (const cell of grid.cells) expect(cell.count).toBe(bruteCount(selections, cell.level, cell.dimension, cell.elementCode))
    expect(grid.empty).toEqual(grid.cells.filter((c) => c.count === 0))
    expect(grid.empty.length).toBeGreaterThan(0)
    expect(grid.cells.some((c) => c.count > 1)).toBe(true)
    for (const t of grid.totals) expect(t.count).toBe(selections.filter((s) => s.level === t.level && s.dimensions.includes(t.dimension)).length)
    expect(grid.badgeClasses).toBe(400)
  })

  it('rolls counts up to ancestors on request', () => {
    const elements = generateTree(150, 9)
    const parent = new Map(elements.map((e) => [e.code, e.parentCode]))
    const ancestorsOf = (c: string) => {
      const out: string[] = []
      for (let p = parent.get(c); p !== undefined; p = parent.get(p)) out.push(p)
      return out
    }
    const selections = randomSelections(elements, 300, 5)
    const grid = computeCoverage({ selections, elements, includeDescendants: true })
    for (const cell of grid.cells) expect(cell.count).toBe(bruteCount(selections, cell.level, cell.dimension, cell.elementCode, ancestorsOf))
  })

  it('shows every cell of an empty catalogue as a gap, in a stable order', () => {
    const grid = computeCoverage({ selections: [], elements: defaultElements() })
    expect(grid.empty).toHaveLength(15 * 12)
    expect(grid.cells.slice(0, 3)).toEqual([
      { level: 'engagement', dimension: 'knowledge', elementCode: 'core.knowledge', count: 0 },
      { level: 'engagement', dimension: 'skills', elementCode: 'core.knowledge', count: 0 },
      { level: 'engagement', dimension: 'attitudes-values', elementCode: 'core.knowledge', count: 0 },
    ])
  })

  it('counts a badge once per cell even when its selection repeats codes or dimensions', () => {
    const grid = computeCoverage({ elements: defaultElements(), selections: [{ elements: ['col.digital', 'col.digital'], level: 'leadership', dimensions: ['skills', 'skills'] }] })
    expect(grid.cells.filter((c) => c.count > 0)).toEqual([{ level: 'leadership', dimension: 'skills', elementCode: 'col.digital', count: 1 }])
    expect(grid.totals.find((t) => t.level === 'leadership' && t.dimension === 'skills')?.count).toBe(1)
  })
})
