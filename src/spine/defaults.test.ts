import { describe, expect, it } from 'vitest'
import { defaultDestinations, defaultElements, defaultGrid, defaultSpineContent, defaultThemes } from './defaults.js'
import { DESTINATION_KINDS, DIMENSIONS, LAYERS, LEVELS } from './model.js'
import { validateDestinations, validateGrid, validateThemes } from './taxonomy.js'
import { validateTree } from './tree.js'

describe('default grid', () => {
  it('has the Cities of Learning descriptors word for word', () => {
    const text = (dimension: string, level: string) =>
      defaultGrid().find((c) => c.dimension === dimension && c.level === level)?.descriptors.en
    const expected: [string, string[]][] = [
      ['knowledge', ['acquire information', 'interact with learning', 'apply knowledge with real world context', 'embed knowledge in different contexts']],
      ['skills', ['actively experience', 'join in', 'gain experience and receive feedback to develop', 'influence others']],
      ['attitudes-values', ["understand what's expected", 'meet expectations', 'show consistency', 'take ownership and inspire']],
    ]
    for (const [dimension, row] of expected) {
      expect(['engagement', 'participation', 'demonstration', 'leadership'].map((l) => text(dimension, l))).toEqual(row)
    }
    expect(defaultGrid()).toHaveLength(12)
    expect(defaultGrid().every((c) => Object.keys(c.descriptors).join() === 'en')).toBe(true)
  })

  it('is a valid grid and hands out fresh copies', () => {
    expect(validateGrid(defaultGrid())).toEqual([])
    const a = defaultGrid()
    ;(a[0] as { descriptors: Record<string, string> }).descriptors.en = 'changed'
    expect(defaultGrid()[0]?.descriptors.en).toBe('acquire information')
  })
})

describe('default elements', () => {
  it('seed the universal core and the Cities of Learning layer with stable codes', () => {
    const els = defaultElements()
    expect(els.map((e) => e.code)).toEqual([
      'core.knowledge',
      'core.skills',
      'core.skills.cognitive-metacognitive',
      'core.skills.social-emotional',
      'core.skills.practical-physical',
      'core.attitudes-values',
      'core.transformative',
      'core.transformative.creating-new-value',
      'core.transformative.reconciling-tensions-dilemmas',
      'core.transformative.taking-responsibility',
      'col.interpersonal-social-emotional',
      'col.civic-global',
      'col.creative-entrepreneurial',
      'col.ethic-of-craft-business-awareness',
      'col.digital',
    ])
    expect(new Set(els.filter((e) => e.code.startsWith('core.')).map((e) => e.layer))).toEqual(new Set(['core']))
    expect(new Set(els.filter((e) => e.code.startsWith('col.')).map((e) => e.layer))).toEqual(new Set(['cities-of-learning']))
    expect(els.find((e) => e.code === 'core.skills.social-emotional')?.parentCode).toBe('core.skills')
  })

  it('form a valid tree where every element is active, version 1, with a one-sentence description', () => {
    const els = defaultElements()
    expect(validateTree(els)).toEqual([])
    for (const e of els) {
      expect(e).toMatchObject({ status: 'active', version: 1 })
      expect(e.description).toMatch(/^[A-Z].{20,200}\.$/)
      expect(e.description?.split('. ')).toHaveLength(1)
    }
  })
})

describe('default themes and destinations', () => {
  it('cover civic, wellbeing and a sector theme with an industry code', () => {
    const themes = defaultThemes()
    expect(themes.map((t) => t.kind)).toEqual(['civic', 'wellbeing', 'sector'])
    expect(themes.find((t) => t.kind === 'sector')?.industryCode).toBeTruthy()
    expect(validateThemes(themes)).toEqual([])
  })

  it('give one destination per destination kind', () => {
    const ds = defaultDestinations()
    expect(ds.map((d) => d.kind)).toEqual(DESTINATION_KINDS.map((k) => k.value))
    expect(ds.map((d) => d.code)).toEqual(['education', 'employment', 'enterprise', 'civic-engagement'])
    expect(validateDestinations(ds)).toEqual([])
  })

  it('label tables list the four levels, three dimensions and four layers in order', () => {
    expect(LEVELS.map((l) => l.label)).toEqual(['Engagement', 'Participation', 'Demonstration', 'Leadership'])
    expect(DIMENSIONS.map((d) => d.label)).toEqual(['Knowledge', 'Skills', 'Attitudes and values'])
    expect(LAYERS.map((l) => l.value)).toEqual(['core', 'cities-of-learning', 'city', 'strategic'])
    expect(Object.keys(defaultSpineContent())).toEqual(['elements', 'grid', 'themes', 'destinations'])
  })
})
