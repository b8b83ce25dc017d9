import { describe, expect, it } from 'vitest'
import { defaultGrid } from './defaults.js'
import type { GridCell } from './model.js'
import { pickDescriptor, validateDestinations, validateGrid, validateThemes } from './taxonomy.js'

describe('validateGrid', () => {
  it('accepts a city rewording and translating descriptors', () => {
    const grid = defaultGrid().map((c) => ({ ...c, descriptors: { ...c.descriptors, cy: 'disgrifiad', 'en-GB': 'reworded' } }))
    expect(validateGrid(grid)).toEqual([])
  })

  it('reports missing, duplicate and malformed cells', () => {
    const grid: GridCell[] = defaultGrid().slice(1)
    grid.push({ level: 'leadership', dimension: 'skills', descriptors: {} })
    grid.push({ level: 'expert' as never, dimension: 'skills', descriptors: { 'not a tag': 'x', en: ' ' } })
    expect(validateGrid(grid).map((p) => [p.path, p.code])).toEqual([
      ['grid[11]', 'duplicate'],
      ['grid[11].descriptors', 'missing_field'],
      ['grid[12].level', 'invalid_value'],
      ['grid[12].descriptors.not a tag', 'invalid_value'],
      ['grid[12].descriptors.en', 'empty_text'],
      ['grid', 'missing_field'],
    ])
  })
})

describe('pickDescriptor', () => {
  const cell: GridCell = { level: 'engagement', dimension: 'knowledge', descriptors: { en: 'acquire information', cy: 'caffael gwybodaeth', 'fr-CA': 'québécois' } }
  it.each([
    ['cy', 'caffael gwybodaeth'],
    ['CY-GB', 'caffael gwybodaeth'],
    ['fr-ca', 'québécois'],
    ['de', 'acquire information'],
  ])('%s -> %s', (lang, text) => expect(pickDescriptor(cell, lang)).toBe(text))
  it('falls back to any language when there is no English', () => {
    expect(pickDescriptor({ ...cell, descriptors: { cy: 'caffael' } }, 'de')).toBe('caffael')
  })
})

describe('themes and destinations', () => {
  it('only sector themes carry an industry code; codes unique; kinds known', () => {
    const problems = validateThemes([
      { kind: 'civic', code: 'civic', title: 'Civic', industryCode: 'F' },
      { kind: 'sector', code: 'sector.x', title: 'X', industryCode: 'uk-sic-2007:F' },
      { kind: 'sector', code: 'sector.x', title: 'Again' },
      { kind: 'sport' as never, code: 'Bad Code', title: '' },
    ])
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['themes[0].industryCode', 'invalid_value'],
      ['themes[2].code', 'duplicate_code'],
      ['themes[3].code', 'invalid_code'],
      ['themes[3].title', 'empty_text'],
      ['themes[3].kind', 'invalid_value'],
    ])
  })

  it('a named local destination is one of the four kinds', () => {
    expect(validateDestinations([{ kind: 'employment', code: 'employment.dockyard-apprenticeships', title: 'Dockyard apprenticeships' }])).toEqual([])
    expect(validateDestinations([{ kind: 'travel' as never, code: 'x', title: 'X' }])[0]?.code).toBe('invalid_value')
  })
})
