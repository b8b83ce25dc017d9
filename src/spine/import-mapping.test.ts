import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mapAlignments } from './import-mapping.js'

const ROOT = 'https://badges.test/spine/bristol'
const ctx = { spineRoot: ROOT, elementCodes: new Set(['core.teamwork', 'city.resilience']), themeCodes: new Set(['civic']) }

describe('mapAlignments', () => {
  it('maps element URLs, grid cells and themes of our spine; ignores other frameworks', () => {
    const m = mapAlignments([
      { targetUrl: `${ROOT}/elements/core.teamwork`, targetCode: 'core.teamwork' },
      { targetUrl: `${ROOT}/grid/demonstration/skills` },
      { targetUrl: `${ROOT}/grid/participation/knowledge` },
      { targetUrl: `${ROOT}/themes/civic` },
      { targetUrl: 'https://esco.example.org/s/x', targetCode: 'city.resilience' },
      { targetUrl: `${ROOT}/elements/unknown` },
    ], ctx)
    expect(m).toEqual({ spine: { elements: ['core.teamwork'], level: 'demonstration', dimensions: ['skills', 'knowledge'] }, themes: ['civic'] })
  })

  it('a bare targetCode naming our element maps at the first level; nothing of ours maps to no spine', () => {
    expect(mapAlignments([{ targetCode: 'city.resilience' }], ctx).spine).toEqual({ elements: ['city.resilience'], level: 'engagement', dimensions: ['skills'] })
    expect(mapAlignments([{ targetUrl: 'https://badges.test/spine/other/elements/core.teamwork' }], ctx)).toEqual({ themes: [] })
    expect(mapAlignments([], ctx)).toEqual({ themes: [] })
  })

  it('never maps to a code the city does not have, whatever the alignments say', () => {
    fc.assert(fc.property(fc.array(fc.record({ targetUrl: fc.option(fc.oneof(fc.string(), fc.constantFrom(...['core.teamwork', 'x', '%E0%A4%A', 'a/b']).map((c) => `${ROOT}/elements/${c}`)), { nil: undefined }), targetCode: fc.option(fc.string(), { nil: undefined }) })), (alignments) => {
      const m = mapAlignments(alignments, ctx)
      for (const e of m.spine?.elements ?? []) expect(ctx.elementCodes.has(e)).toBe(true)
      for (const t of m.themes) expect(ctx.themeCodes.has(t)).toBe(true)
    }))
  })
})
