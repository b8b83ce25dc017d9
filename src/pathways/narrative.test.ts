import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { durationInWords, requirementsNarrative, treeElements } from './narrative.js'
import { treeArb } from './test-arbitraries.js'
import type { RequirementNode } from './tree.js'

const BC = '11111111-1111-4111-8111-111111111111'
const P = '22222222-2222-4222-8222-222222222222'
const names = {
  badgeClass: (id: string) => (id === BC ? 'Digital basics' : undefined),
  element: (code: string) => (code === 'col.digital' ? 'Digital skills' : undefined),
  theme: (code: string) => (code === 'civic' ? 'Civic life' : undefined),
  pathway: (id: string) => (id === P ? 'First steps' : undefined),
}

describe('requirementsNarrative (a requirement tree in plain words)', () => {
  it('renders the example of the issue as a Markdown list', () => {
    const tree: RequirementNode = { type: 'all', children: [{ type: 'badge', badgeClassId: BC }, { type: 'skill', element: 'col.digital', minLevel: 'demonstration', count: 2 }] }
    expect(requirementsNarrative(tree, names)).toBe([
      'Complete both of these:',
      '- Earn the "Digital basics" badge (any version).',
      '- Earn 2 badges in "Digital skills" (or a part of it) at Demonstration level or above.',
    ].join('\n'))
  })

  it('says every kind of node, nesting, n-of, order and time windows', () => {
    const tree: RequirementNode = {
      type: 'all', ordered: true, within: 'P24M',
      children: [
        { type: 'pathway', pathwayId: P },
        { type: 'atLeast', n: 2, children: [
          { type: 'theme', theme: 'civic', count: 3 },
          { type: 'opportunity', kind: 'volunteering', attended: 1 },
          { type: 'skill', element: 'col.digital', dimension: 'attitudes-values' },
        ] },
        { type: 'any', after: '2026-01-01', before: '2027-07-15', children: [{ type: 'badge', badgeClassId: BC }, { type: 'opportunity', attended: 2 }] },
      ],
    }
    expect(requirementsNarrative(tree, names)).toBe([
      'Complete all 3 of these, in this order, within the last 24 months:',
      '- Complete the pathway "First steps".',
      '- Complete at least 2 of these 3:',
      '  - Earn 3 badges on the theme "Civic life".',
      '  - Take part in 1 volunteering opportunity.',
      '  - Earn 1 badge in "Digital skills" (or a part of it) for attitudes and values.',
      '- Complete any one of these, on or after 1 January 2026, before 15 July 2027:',
      '  - Earn the "Digital basics" badge (any version).',
      '  - Take part in 2 opportunities.',
    ].join('\n'))
  })

  it('a leaf at the root is one sentence; unknown names show the id or code', () => {
    expect(requirementsNarrative({ type: 'badge', badgeClassId: 'x-1' })).toBe('Earn the "x-1" badge (any version).')
    expect(requirementsNarrative({ type: 'skill', element: 'col.other', count: 1, within: 'P1Y6M' }, names))
      .toBe('Earn 1 badge in "col.other" (or a part of it), within the last 1 year and 6 months.')
  })

  it('durations in words', () => {
    expect(durationInWords('P24M')).toBe('24 months')
    expect(durationInWords('P1Y2M3D')).toBe('1 year, 2 months and 3 days')
    expect(durationInWords('PT12H')).toBe('12 hours')
    expect(durationInWords('nonsense')).toBe('nonsense')
  })

  it('is deterministic and names every leaf once per occurrence (property)', () => {
    fc.assert(fc.property(treeArb({ ordered: true, windows: true }), (tree) => {
      const text = requirementsNarrative(tree, names)
      expect(requirementsNarrative(structuredClone(tree), names)).toBe(text)
      let leaves = 0
      let composites = 0
      const walk = (n: RequirementNode): void => {
        if ('children' in n) { composites++; n.children.forEach(walk) } else leaves++
      }
      walk(tree)
      // One line per node: leaves end with '.', composites with ':'.
      const rows = text.split('\n')
      expect(rows).toHaveLength(leaves + composites)
      expect(rows.filter((r) => r.endsWith(':'))).toHaveLength(composites)
    }), { numRuns: 200 })
  })

  it('treeElements lists skill elements once, in order', () => {
    expect(treeElements({ type: 'all', children: [{ type: 'skill', element: 'b' }, { type: 'any', children: [{ type: 'skill', element: 'a' }, { type: 'skill', element: 'b' }, { type: 'theme', theme: 't' }] }] })).toEqual(['b', 'a'])
  })
})
