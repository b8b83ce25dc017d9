// fast-check arbitraries shared by the pathways tests: small universes so that evidence often matches leaves.
import fc from 'fast-check'
import type { Dimension, Level } from '../spine/model.js'
import type { AttendanceEvidence, AwardEvidence, CompletedPathwayEvidence, LearnerEvidence } from './evaluate.js'
import type { LeafNode, NodeWindow, RequirementNode } from './tree.js'

export const FAMILIES = ['f1', 'f2', 'f3', 'f4'] as const
export const ELEMENTS = ['e', 'e.a', 'e.b', 'e.a.x', 'g'] as const
export const THEMES = ['t1', 't2'] as const
export const KINDS = ['k1', 'k2'] as const
export const PATHWAYS = ['p1', 'p2'] as const
const LEVELS: Level[] = ['engagement', 'participation', 'demonstration', 'leadership']
const DIMS: Dimension[] = ['knowledge', 'skills', 'attitudes-values']

/** Descendants in the little spine: e > e.a > e.a.x, e > e.b; g alone. */
export const descendantsOf = (code: string): string[] => ELEMENTS.filter((c) => c !== code && c.startsWith(`${code}.`))

export const NOW = Date.parse('2026-06-01T00:00:00Z')
const START = Date.parse('2024-01-01T00:00:00Z')
const dateArb = fc.integer({ min: 0, max: 900 }).map((d) => new Date(START + d * 86_400_000).toISOString())

const windowArb: fc.Arbitrary<NodeWindow> = fc.record({
  within: fc.constantFrom('P6M', 'P12M', 'P24M'),
  after: fc.constantFrom('2024-06-01', '2025-01-01'),
  before: fc.constantFrom('2026-01-01', '2026-03-01'),
}, { requiredKeys: [] })

const leafArb: fc.Arbitrary<LeafNode> = fc.oneof(
  fc.record({ type: fc.constant('badge' as const), badgeClassId: fc.constantFrom(...FAMILIES) }),
  fc.record({
    type: fc.constant('skill' as const), element: fc.constantFrom(...ELEMENTS),
    minLevel: fc.constantFrom(...LEVELS), dimension: fc.constantFrom(...DIMS), count: fc.integer({ min: 1, max: 3 }),
  }, { requiredKeys: ['type', 'element'] }),
  fc.record({ type: fc.constant('theme' as const), theme: fc.constantFrom(...THEMES), count: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['type', 'theme'] }),
  fc.record({ type: fc.constant('opportunity' as const), kind: fc.constantFrom(...KINDS), attended: fc.integer({ min: 1, max: 2 }) }, { requiredKeys: ['type', 'attended'] }),
  fc.record({ type: fc.constant('pathway' as const), pathwayId: fc.constantFrom(...PATHWAYS) }),
)

/** Random trees up to 4 levels; `ordered` and windows only when asked for. */
export function treeArb(opts: { ordered: boolean; windows: boolean }): fc.Arbitrary<RequirementNode> {
  const withWindow = <T extends RequirementNode>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    opts.windows ? fc.tuple(arb, fc.option(windowArb, { freq: 3 })).map(([n, w]) => ({ ...n, ...(w ?? {}) })) : arb
  const { tree } = fc.letrec<{ tree: RequirementNode; composite: RequirementNode }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', maxDepth: 4, depthIdentifier: 'tree', withCrossShrink: true }, withWindow(leafArb), tie('composite')),
    composite: fc.tuple(
      fc.constantFrom('all' as const, 'any' as const, 'atLeast' as const),
      fc.array(tie('tree'), { minLength: 1, maxLength: 4 }),
      fc.nat(),
      opts.ordered ? fc.boolean() : fc.constant(false),
      opts.windows ? fc.option(windowArb, { freq: 3 }) : fc.constant(null),
    ).map(([type, children, k, ordered, w]) => {
      const base = type === 'atLeast' ? { type, n: 1 + (k % children.length), children } : { type, children }
      return { ...base, ...(ordered ? { ordered: true } : {}), ...(w ?? {}) } as RequirementNode
    }),
  }))
  return tree
}

export const awardArb = (id: string): fc.Arbitrary<AwardEvidence> => fc.record({
  id: fc.constant(id),
  badgeFamilyId: fc.constantFrom(...FAMILIES),
  issuedOn: dateArb,
  spine: fc.option(fc.record({
    elements: fc.uniqueArray(fc.constantFrom(...ELEMENTS), { minLength: 1, maxLength: 2 }),
    level: fc.constantFrom(...LEVELS),
    dimensions: fc.uniqueArray(fc.constantFrom(...DIMS), { minLength: 1, maxLength: 2 }),
  }), { nil: undefined }),
  themes: fc.uniqueArray(fc.constantFrom(...THEMES), { maxLength: 2 }),
}).map((a) => (a.spine === undefined ? { id: a.id, badgeFamilyId: a.badgeFamilyId, issuedOn: a.issuedOn, themes: a.themes } : a))

const attendanceArb = (id: string): fc.Arbitrary<AttendanceEvidence> => fc.record({
  id: fc.constant(id), opportunityId: fc.constantFrom('o1', 'o2', 'o3'), kind: fc.constantFrom(...KINDS), attendedOn: dateArb,
})
const completionArb: fc.Arbitrary<CompletedPathwayEvidence> = fc.record({ pathwayId: fc.constantFrom(...PATHWAYS), completedOn: dateArb })

/** Evidence with unique ids (a1.., s1..). */
export const evidenceArb: fc.Arbitrary<LearnerEvidence> = fc.record({
  awards: fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => awardArb(`a${i}`)))),
  attendances: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => attendanceArb(`s${i}`)))),
  completedPathways: fc.uniqueArray(completionArb, { maxLength: 2, selector: (c) => c.pathwayId }),
})
