import { describe, expect, it } from 'vitest'
import { SpineReferenceError, buildAlignments, validateSelection, validateThemesAndDestinations } from './alignment.js'
import { defaultSpineContent } from './defaults.js'
import type { SpineContent, SpineElement, SpineSelection } from './model.js'
import { spineUrls } from './urls.js'

const B = 'https://badges.example.org/spine/plymouth'
const extra: SpineElement = {
  code: 'city.resilience', layer: 'city', title: 'Resilience', status: 'retired', version: 3, kind: 'disposition',
  mappings: [{ framework: 'ESCO', url: 'https://esco.example.org/s/resilience', code: 'T1' }, { framework: 'Local', code: 'L1' }],
}
const spine = (): SpineContent => {
  const s = defaultSpineContent()
  s.elements.push(extra)
  s.grid = s.grid.map((c) => (c.level === 'demonstration' && c.dimension === 'skills' ? { ...c, descriptors: { ...c.descriptors, cy: 'ennill profiad' } } : c))
  return s
}
const input = (selection: SpineSelection, more: Partial<Parameters<typeof buildAlignments>[0]> = {}) => ({
  selection, spine: spine(), urls: spineUrls('https://badges.example.org', 'plymouth'), frameworkName: 'Plymouth skills spine', ...more,
})
const sel: SpineSelection = { elements: ['core.skills.social-emotional', 'city.resilience'], level: 'demonstration', dimensions: ['skills', 'attitudes-values'] }

// OB 3.0 AlignmentTargetType, transcribed from the 1EdTech achievementcredential schema (enum or `ext:` pattern).
const OB3_TARGET_TYPES = ['ceasn:Competency', 'ceterms:Credential', 'CFItem', 'CFRubric', 'CFRubricCriterion', 'CFRubricCriterionLevel', 'CTDL']
const isOb3TargetType = (t: string) => OB3_TARGET_TYPES.includes(t) || /^(ext:)[a-z|A-Z|0-9|.|\-|_]+$/.test(t)

describe('buildAlignments', () => {
  it('aligns to each element, its external mappings, the grid cells, themes and destinations', () => {
    const { ob2 } = buildAlignments(input(sel, { themes: ['civic'], destinations: ['employment'] }))
    expect(ob2).toEqual([
      { targetName: 'Social and emotional skills', targetUrl: `${B}/elements/core.skills.social-emotional`,
        targetDescription: expect.stringMatching(/^Working with others/), targetFramework: 'Plymouth skills spine', targetCode: 'core.skills.social-emotional' },
      { targetName: 'Resilience', targetUrl: `${B}/elements/city.resilience`, targetFramework: 'Plymouth skills spine', targetCode: 'city.resilience' },
      { targetName: 'Resilience', targetUrl: 'https://esco.example.org/s/resilience', targetFramework: 'ESCO', targetCode: 'T1' },
      { targetName: 'Demonstration: Skills', targetUrl: `${B}/grid/demonstration/skills`,
        targetDescription: 'gain experience and receive feedback to develop', targetFramework: 'Plymouth skills spine', targetCode: 'grid.demonstration.skills' },
      { targetName: 'Demonstration: Attitudes and values', targetUrl: `${B}/grid/demonstration/attitudes-values`,
        targetDescription: 'show consistency', targetFramework: 'Plymouth skills spine', targetCode: 'grid.demonstration.attitudes-values' },
      { targetName: 'Civic pride and belonging', targetUrl: `${B}/themes/civic`, targetDescription: expect.any(String),
        targetFramework: 'Plymouth skills spine', targetCode: 'theme.civic' },
      { targetName: 'Employment', targetUrl: `${B}/destinations/employment`, targetDescription: expect.any(String),
        targetFramework: 'Plymouth skills spine', targetCode: 'destination.employment' },
    ])
  })

  it('gives OB 3.0 alignments the same targets with type and a schema-valid targetType', () => {
    const { ob2, ob3 } = buildAlignments(input(sel, { themes: ['civic'], destinations: ['employment'] }))
    expect(ob3.map(({ type: _t, targetType: _tt, ...rest }) => rest)).toEqual(ob2)
    expect(ob3.map((a) => a.targetType)).toEqual([
      'CFItem', 'CFItem', undefined, 'ext:CityBadgesGridCell', 'ext:CityBadgesGridCell', 'ext:CityBadgesTheme', 'ext:CityBadgesDestination',
    ])
    for (const a of ob3) {
      expect(a.type).toEqual(['Alignment'])
      if (a.targetType !== undefined) expect(isOb3TargetType(a.targetType)).toBe(true)
      expect(a).not.toHaveProperty('targetDescription', undefined)
    }
  })

  it('uses the requested descriptor language and can leave out external mappings', () => {
    const { ob2 } = buildAlignments(input({ ...sel, dimensions: ['skills'] }, { lang: 'cy', includeMappings: false }))
    expect(ob2.map((a) => a.targetCode)).toEqual(['core.skills.social-emotional', 'city.resilience', 'grid.demonstration.skills'])
    expect(ob2[2]?.targetDescription).toBe('ennill profiad')
  })

  it('throws a typed error naming every unknown reference', () => {
    const run = () => buildAlignments(input({ ...sel, elements: ['nope'] }, { themes: ['x'], destinations: ['y'] }))
    expect(run).toThrow(SpineReferenceError)
    expect(run).toThrow('unknown spine references: element nope, theme x, destination y')
  })
})

describe('validateSelection', () => {
  const els = spine().elements
  it('accepts a selection of active elements with a level and dimensions', () => {
    expect(validateSelection({ elements: ['col.digital'], level: 'engagement', dimensions: ['knowledge'] }, els)).toEqual([])
  })

  it('requires at least one element and one dimension', () => {
    expect(validateSelection({ elements: [], level: 'engagement', dimensions: [] }, els).map((p) => p.code)).toEqual(['empty_selection', 'empty_selection'])
  })

  it('refuses unknown, retired and repeated elements, bad levels and bad or repeated dimensions', () => {
    const bad = { elements: ['col.digital', 'nope', 'city.resilience', 'col.digital'], level: 'expert', dimensions: ['skills', 'skills', 'charm'] }
    expect(validateSelection(bad as unknown as SpineSelection, els).map((p) => [p.path, p.code])).toEqual([
      ['elements[1]', 'unknown_element'],
      ['elements[2]', 'retired_element'],
      ['elements[3]', 'duplicate'],
      ['level', 'invalid_value'],
      ['dimensions[1]', 'duplicate'],
      ['dimensions[2]', 'invalid_value'],
    ])
  })

  it('survives a malformed body', () => {
    expect(validateSelection({} as SpineSelection, els).map((p) => p.path)).toEqual(['elements', 'level', 'dimensions'])
  })

  it('checks theme and destination codes against the catalogue', () => {
    const s = spine()
    expect(validateThemesAndDestinations({ themes: ['civic', 'civic', 'x'], destinations: ['education', 'moon'] }, s).map((p) => [p.path, p.code])).toEqual([
      ['themes[1]', 'duplicate'], ['themes[2]', 'not_found'], ['destinations[1]', 'not_found'],
    ])
  })
})
