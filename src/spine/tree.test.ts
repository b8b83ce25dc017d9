import { describe, expect, it } from 'vitest'
import { defaultElements } from './defaults.js'
import type { SpineElement } from './model.js'
import { planElementChange, planElementChanges, validateTree } from './tree.js'

const el = (code: string, extra: Partial<SpineElement> = {}): SpineElement => ({
  code,
  layer: 'city',
  title: `Title of ${code}`,
  status: 'active',
  version: 1,
  ...extra,
})
const codesOf = (problems: { code: string }[]) => problems.map((p) => p.code)

describe('validateTree', () => {
  it('accepts a well-formed forest', () => {
    expect(validateTree([el('a'), el('a.b', { parentCode: 'a' }), el('c')])).toEqual([])
  })

  it('reports duplicate codes at the second occurrence', () => {
    expect(validateTree([el('a'), el('b'), el('a')])).toEqual([
      { path: 'elements[2].code', code: 'duplicate_code', message: "code 'a' is used more than once" },
    ])
  })

  it('reports unknown parents and parents in another layer', () => {
    const problems = validateTree([el('a', { parentCode: 'nope' }), el('core.x', { layer: 'core' }), el('b', { parentCode: 'core.x' })])
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['elements[0].parentCode', 'unknown_parent'],
      ['elements[2].parentCode', 'parent_other_layer'],
    ])
  })

  it.each([
    ['self-parent', [el('a', { parentCode: 'a' })], 'a -> a'],
    ['two-cycle', [el('a', { parentCode: 'b' }), el('b', { parentCode: 'a' })], 'a -> b -> a'],
    ['three-cycle under a tail', [el('t', { parentCode: 'x' }), el('x', { parentCode: 'y' }), el('y', { parentCode: 'z' }), el('z', { parentCode: 'x' })], 'x -> y -> z -> x'],
  ])('reports a %s exactly once', (_name, elements, text) => {
    const cycles = validateTree(elements).filter((p) => p.code === 'cycle')
    expect(cycles).toHaveLength(1)
    expect(cycles[0]?.message).toContain(text)
  })

  it('finds two separate cycles among valid elements', () => {
    const els = [el('ok'), el('a', { parentCode: 'b' }), el('b', { parentCode: 'a' }), el('c', { parentCode: 'c' }), el('d', { parentCode: 'ok' })]
    expect(codesOf(validateTree(els))).toEqual(['cycle', 'cycle'])
  })

  it.each(['', 'Upper', '-lead', '.lead', 'has space', 'a'.repeat(65), 'ümlaut', 'a/b'])('rejects the code %j', (code) => {
    expect(codesOf(validateTree([el(code)]))).toContain('invalid_code')
  })

  it.each(['a', '0', 'core.skills.social-emotional', 'x_y-z.1', 'a'.repeat(64)])('accepts the code %j', (code) => {
    expect(validateTree([el(code)])).toEqual([])
  })

  it('rejects empty titles, empty descriptions and over-long text', () => {
    const problems = validateTree([
      el('a', { title: '   ' }),
      el('b', { description: '' }),
      el('c', { title: 'x'.repeat(301) }),
      el('d', { description: 'x'.repeat(10_001) }),
    ])
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['elements[0].title', 'empty_text'],
      ['elements[1].description', 'empty_text'],
      ['elements[2].title', 'too_long'],
      ['elements[3].description', 'too_long'],
    ])
  })

  it('rejects an active child of a retired parent, bad versions and bad mappings', () => {
    const problems = validateTree([
      el('p', { status: 'retired' }),
      el('c', { parentCode: 'p' }),
      el('v', { version: 0 }),
      el('m', { mappings: [{ framework: 'ESCO', code: 'S1', url: 'javascript:alert(1)' }, { framework: '', code: 'x' }] }),
    ])
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['elements[2].version', 'invalid_value'],
      ['elements[3].mappings[0].url', 'invalid_value'],
      ['elements[3].mappings[1].framework', 'empty_text'],
      ['elements[1].parentCode', 'active_under_retired'],
    ])
  })

  it('handles a deep chain of 5,000 elements without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => el(`n${i}`, i > 0 ? { parentCode: `n${i - 1}` } : {}))
    expect(validateTree(chain)).toEqual([])
    chain[0] = el('n0', { parentCode: 'n4999' })
    expect(codesOf(validateTree(chain))).toEqual(['cycle'])
  })
})

describe('planElementChange', () => {
  const base = () => [el('a'), el('a.b', { parentCode: 'a' }), el('a.c', { parentCode: 'a' }), el('d')]

  it('deletes an element nobody uses', () => {
    const plan = planElementChange(base(), { op: 'delete', code: 'd' }, new Set())
    expect(plan).toEqual({ ok: true, next: base().slice(0, 3), upserts: [], deletes: ['d'] })
  })

  it('refuses to delete an element in use: retire it instead', () => {
    const plan = planElementChange(base(), { op: 'delete', code: 'd' }, new Set(['d']))
    expect(plan.ok).toBe(false)
    expect(!plan.ok && plan.problems[0]).toMatchObject({ code: 'in_use', message: expect.stringContaining('retire') })
  })

  it('refuses to delete an element with children and an unknown element', () => {
    const withKids = planElementChange(base(), { op: 'delete', code: 'a' }, new Set())
    expect(!withKids.ok && withKids.problems[0]?.code).toBe('has_children')
    const missing = planElementChange(base(), { op: 'delete', code: 'zz' }, new Set())
    expect(!missing.ok && missing.problems[0]?.code).toBe('not_found')
  })

  it('bumps the version when a used element is edited, not when an unused one is or nothing changes', () => {
    const used = planElementChange(base(), { op: 'update', code: 'a.b', patch: { title: 'New' } }, new Set(['a.b']))
    expect(used.ok && used.upserts).toEqual([{ ...el('a.b', { parentCode: 'a' }), title: 'New', version: 2 }])
    const unused = planElementChange(base(), { op: 'update', code: 'a.b', patch: { title: 'New' } }, new Set())
    expect(unused.ok && unused.upserts[0]?.version).toBe(1)
    const same = planElementChange(base(), { op: 'update', code: 'a.b', patch: { title: 'Title of a.b' } }, new Set(['a.b']))
    expect(same).toEqual({ ok: true, next: base(), upserts: [], deletes: [] })
  })

  it('clears optional fields with null and moves elements', () => {
    const start = [el('a'), el('x', { description: 'd', parentCode: 'a', kind: 'skill' })]
    const plan = planElementChange(start, { op: 'update', code: 'x', patch: { description: null, parentCode: null, kind: null } }, new Set())
    expect(plan.ok && plan.upserts).toEqual([el('x')])
  })

  it('refuses a move that would create a cycle', () => {
    const plan = planElementChange(base(), { op: 'update', code: 'a', patch: { parentCode: 'a.b' } }, new Set())
    expect(!plan.ok && codesOf(plan.problems)).toEqual(['cycle'])
  })

  it('never reuses a code: not an existing one, retired included, nor a deleted one', () => {
    const existing = [...base(), el('old', { status: 'retired' })]
    for (const code of ['a', 'old', 'gone']) {
      const plan = planElementChange(existing, { op: 'create', element: { code, layer: 'city', title: 'T' } }, new Set(), new Set(['gone']))
      expect(!plan.ok && plan.problems[0]?.code).toBe('code_reused')
    }
    const fresh = planElementChange(existing, { op: 'create', element: { code: 'new', layer: 'city', title: 'T', parentCode: 'd' } }, new Set())
    expect(fresh.ok && fresh.upserts).toEqual([{ code: 'new', layer: 'city', title: 'T', parentCode: 'd', status: 'active', version: 1 }])
  })

  it('validates created elements like any other', () => {
    const plan = planElementChange(base(), { op: 'create', element: { code: 'Bad Code', layer: 'city', title: '', parentCode: 'nope' } }, new Set())
    expect(!plan.ok && codesOf(plan.problems)).toEqual(['invalid_code', 'empty_text', 'unknown_parent'])
  })

  it('refuses to retire a parent with active children unless asked to cascade', () => {
    const plain = planElementChange(base(), { op: 'retire', code: 'a' }, new Set())
    expect(!plain.ok && plain.problems[0]).toMatchObject({ code: 'active_children', message: expect.stringContaining('a.b') })
    const cascade = planElementChange(base(), { op: 'retire', code: 'a', cascade: true }, new Set(['a.b']))
    expect(cascade.ok && cascade.upserts.map((e) => [e.code, e.status, e.version]).sort()).toEqual([
      ['a', 'retired', 1],
      ['a.b', 'retired', 1],
      ['a.c', 'retired', 1],
    ])
    expect(cascade.ok && cascade.next.find((e) => e.code === 'd')?.status).toBe('active')
  })

  it('retires a leaf, keeps it resolvable, and then allows retiring its parent', () => {
    const one = planElementChanges(base(), [
      { op: 'retire', code: 'a.b' },
      { op: 'retire', code: 'a.c' },
      { op: 'retire', code: 'a' },
    ], new Set(['a.b']))
    expect(one.ok && one.next.map((e) => e.status)).toEqual(['retired', 'retired', 'retired', 'active'])
  })

  it('applies a batch all-or-nothing and leaves the input untouched', () => {
    const start = base()
    const snapshot = structuredClone(start)
    const plan = planElementChanges(start, [
      { op: 'create', element: { code: 'e', layer: 'city', title: 'E' } },
      { op: 'delete', code: 'a' },
    ], new Set())
    expect(!plan.ok && plan.problems[0]?.path).toBe('changes[1].code')
    expect(start).toEqual(snapshot)
  })

  it('a batch cannot delete a code and create it again', () => {
    const plan = planElementChanges(base(), [
      { op: 'delete', code: 'd' },
      { op: 'create', element: { code: 'd', layer: 'city', title: 'D again' } },
    ], new Set())
    expect(!plan.ok && plan.problems[0]?.code).toBe('code_reused')
  })

  it('works on the default spine', () => {
    const plan = planElementChange(defaultElements(), { op: 'delete', code: 'col.digital' }, new Set(['col.digital']))
    expect(plan.ok).toBe(false)
  })
})
