import { describe, expect, it } from 'vitest'
import { validateRequirementTree, type RequirementNode, type TreeLookups } from './tree.js'

const badge = (id: string) => ({ type: 'badge', badgeClassId: id })
const lookups: TreeLookups = {
  badgeClassExists: (id) => ['bc-a', 'bc-b', 'bc-c'].includes(id),
  elementExists: (code) => ['col.digital', 'col.digital.coding'].includes(code),
  themeExists: (code) => code === 'green',
}
const problemsOf = (tree: unknown, l: TreeLookups = lookups) => {
  const r = validateRequirementTree(tree, l)
  return r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`)
}
const nest = (depth: number): unknown => (depth === 1 ? badge('bc-a') : { type: 'all', children: [nest(depth - 1)] })

describe('validateRequirementTree', () => {
  it('accepts the example tree of the issue, with every leaf kind and window', () => {
    const tree = {
      type: 'all', ordered: true, within: 'P24M', children: [
        badge('bc-a'),
        { type: 'skill', element: 'col.digital', minLevel: 'demonstration', dimension: 'skills', count: 2 },
        { type: 'atLeast', n: 2, after: '2026-01-01', before: '2027-01-01', children: [badge('bc-b'), badge('bc-c'), { type: 'theme', theme: 'green', count: 1 }] },
        { type: 'any', children: [{ type: 'opportunity', kind: 'workshop', attended: 2 }, { type: 'opportunity', attended: 1 }] },
      ],
    }
    const r = validateRequirementTree(tree, lookups)
    expect(r).toEqual({ ok: true, tree })
  })

  it('reports atLeast n larger than its children, with the JSON path', () => {
    expect(problemsOf({ type: 'all', children: [{ type: 'atLeast', n: 3, children: [badge('bc-a'), badge('bc-b')] }] }))
      .toEqual(['at_least_too_large $.children[0].n'])
    expect(problemsOf({ type: 'atLeast', n: 0, children: [badge('bc-a')] })).toEqual(['invalid_value $.n'])
    expect(problemsOf({ type: 'atLeast', children: [badge('bc-a')] })).toEqual(['missing_field $.n'])
  })

  it('refuses a tree deeper than 8 levels, and accepts exactly 8', () => {
    expect(problemsOf(nest(8))).toEqual([])
    expect(problemsOf(nest(9))).toEqual([`too_deep $${'.children[0]'.repeat(8)}`])
  })

  it('refuses more than 500 nodes, and accepts exactly 500', () => {
    expect(problemsOf({ type: 'any', children: Array.from({ length: 499 }, () => badge('bc-a')) })).toEqual([])
    expect(problemsOf({ type: 'any', children: Array.from({ length: 500 }, () => badge('bc-a')) })).toEqual(['too_many_nodes $.children[499]'])
    // A hostile width costs no more than the limit: one problem, not a million.
    expect(problemsOf({ type: 'any', children: Array.from({ length: 100_000 }, () => badge('bc-a')) })).toHaveLength(1)
  })

  it('refuses malformed durations and dates, and an empty window', () => {
    expect(problemsOf({ ...badge('bc-a'), within: '24 months' })).toEqual(['invalid_duration $.within'])
    expect(problemsOf({ ...badge('bc-a'), within: 'P0M' })).toEqual(['invalid_duration $.within'])
    expect(problemsOf({ ...badge('bc-a'), after: '2026-02-30' })).toEqual(['invalid_date $.after'])
    expect(problemsOf({ ...badge('bc-a'), after: '2027-01-01', before: '2026-01-01' })).toEqual(['empty_window $.before'])
  })

  it('refuses unknown badge classes, elements and themes through the lookups', () => {
    expect(problemsOf({ type: 'all', children: [badge('bc-zzz'), { type: 'skill', element: 'col.nope' }, { type: 'theme', theme: 'blue' }] }))
      .toEqual(['unknown_badge_class $.children[0].badgeClassId', 'unknown_element $.children[1].element', 'unknown_theme $.children[2].theme'])
  })

  it('refuses bad shapes: unknown type or field, missing children, bad counts and levels, ordered on a leaf', () => {
    expect(problemsOf({ type: 'sometimes', children: [] })).toEqual(['unknown_type $.type'])
    expect(problemsOf({ children: [] })).toEqual(['missing_field $.type'])
    expect(problemsOf('all')).toEqual(['invalid_value $'])
    expect(problemsOf({ type: 'all' })).toEqual(['missing_field $.children'])
    expect(problemsOf({ type: 'any', children: [] })).toEqual(['empty_children $.children'])
    expect(problemsOf({ ...badge('bc-a'), colour: 'red' })).toEqual(['unknown_field $.colour'])
    expect(problemsOf({ type: 'skill', element: 'col.digital', count: 0, minLevel: 'expert', dimension: 'feelings' }))
      .toEqual(['invalid_value $.minLevel', 'invalid_value $.dimension', 'invalid_value $.count'])
    expect(problemsOf({ type: 'opportunity' })).toEqual(['missing_field $.attended'])
    expect(problemsOf({ type: 'opportunity', attended: 1.5 })).toEqual(['invalid_value $.attended'])
    expect(problemsOf({ ...badge('bc-a'), ordered: true })).toEqual(['invalid_value $.ordered'])
    expect(problemsOf({ type: 'all', ordered: 'yes', children: [badge('bc-a')] })).toEqual(['invalid_value $.ordered'])
  })

  describe('pathway leaves', () => {
    const trees: Record<string, RequirementNode> = {
      a: { type: 'all', children: [{ type: 'pathway', pathwayId: 'b' }] },
      b: { type: 'all', children: [{ type: 'pathway', pathwayId: 'c' }, { type: 'badge', badgeClassId: 'bc-a' }] },
      c: { type: 'badge', badgeClassId: 'bc-a' },
      loop1: { type: 'pathway', pathwayId: 'loop2' },
      loop2: { type: 'any', children: [{ type: 'pathway', pathwayId: 'loop1' }] },
    }
    const withPathways = (selfId?: string): TreeLookups => ({ ...lookups, pathwayTree: (id) => trees[id], ...(selfId ? { selfId } : {}) })

    it('accepts a chain of completed sub-pathways', () => {
      expect(problemsOf({ type: 'pathway', pathwayId: 'a' }, withPathways('new'))).toEqual([])
    })
    it('refuses a pathway requiring itself', () => {
      expect(problemsOf({ type: 'pathway', pathwayId: 'x' }, withPathways('x'))).toEqual(['cycle $.pathwayId'])
    })
    it('refuses a cycle through other pathways back to this one, naming the chain', () => {
      // Editing c so that it requires a: c -> a -> b -> c.
      const r = validateRequirementTree({ type: 'all', children: [{ type: 'pathway', pathwayId: 'a' }] }, withPathways('c'))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.problems).toEqual([{ path: '$.children[0].pathwayId', code: 'cycle', message: 'pathway requirements form a cycle: c -> a -> b -> c' }])
    })
    it('refuses a cycle among the pathways it reaches', () => {
      expect(problemsOf({ type: 'pathway', pathwayId: 'loop1' }, withPathways('new'))).toEqual(['cycle $.pathwayId'])
    })
    it('refuses an unknown pathway', () => {
      expect(problemsOf({ type: 'pathway', pathwayId: 'nope' }, withPathways('new'))).toEqual(['unknown_pathway $.pathwayId'])
    })
  })
})
