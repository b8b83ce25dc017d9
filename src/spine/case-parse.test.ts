import { describe, expect, it } from 'vitest'
import { exportCase, parseCase, parseCaseBytes, type CFPackage } from './case.js'
import { defaultElements } from './defaults.js'
import type { Layer } from './model.js'
import { generateTree } from './test-fixtures.js'

const now = new Date('2025-03-01T12:00:00Z')
const exp = (elements = defaultElements(), layers?: Layer[]) =>
  exportCase({ elements, layers, baseUrl: 'https://badges.example.org', citySlug: 'plymouth', frameworkTitle: 'Plymouth spine', now })

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const T = '2024-01-01T00:00:00Z'
const DOC = { identifier: id(0), uri: 'https://case.example.org/CFDocuments/0', creator: 'State DoE', title: 'State Framework', lastChangeDateTime: T }
const item = (n: number, extra: Record<string, unknown> = {}) => ({
  identifier: id(n), uri: `https://case.example.org/CFItems/${n}`, fullStatement: `Statement ${n}`, lastChangeDateTime: T, ...extra,
})
const ref = (n: number) => (n === 0 ? { title: DOC.title, identifier: DOC.identifier, uri: DOC.uri } : { title: `t${n}`, identifier: id(n), uri: `https://case.example.org/CFItems/${n}` })
let seq = 1000
const assoc = (type: string, from: number | object, to: number | object) => ({
  identifier: id(seq++), uri: `https://case.example.org/CFAssociations/${seq}`, associationType: type, lastChangeDateTime: T,
  originNodeURI: typeof from === 'number' ? ref(from) : from, destinationNodeURI: typeof to === 'number' ? ref(to) : to,
})
const foreign = (items: unknown[], assocs: unknown[]) => ({ CFDocument: DOC, CFItems: items, CFAssociations: assocs })
const problemsOf = (r: ReturnType<typeof parseCase>) => (r.ok ? [] : r.problems.map((p) => [p.path, p.code]))

describe('parseCase round trip', () => {
  it('restores the default spine exactly (layer preserve)', () => {
    expect(parseCase(exp(), { layer: 'preserve' })).toStrictEqual({ ok: true, elements: defaultElements() })
  })

  it('restores one exported layer into that layer', () => {
    const core = defaultElements().filter((e) => e.layer === 'core')
    expect(parseCase(exp(defaultElements(), ['core']), { layer: 'core' })).toStrictEqual({ ok: true, elements: core })
  })

  it('restores a generated tree of 2,000 elements through bytes, JSON and back', () => {
    const tree = generateTree(2000)
    const bytes = new TextEncoder().encode(JSON.stringify(exp(tree)))
    expect(parseCaseBytes(bytes, { layer: 'preserve' })).toStrictEqual({ ok: true, elements: tree })
  })

  it('moves items into a named target layer, keeping everything else', () => {
    const city = generateTree(300).filter((e) => e.layer === 'city')
    const r = parseCase(exp(city), { layer: 'strategic' })
    expect(r.ok && r.elements).toStrictEqual(city.map((e) => ({ ...e, layer: 'strategic' })))
  })
})

describe('parseCase of another publisher’s framework', () => {
  const pkg = foreign(
    [
      item(1, { humanCodingScheme: 'ENG.1', abbreviatedStatement: 'Reading', CFItemType: 'Domain' }),
      item(2, { humanCodingScheme: 'ENG.1.A (b)', CFItemType: 'Standard' }),
      item(3, { fullStatement: 'x'.repeat(400) }),
    ],
    [
      assoc('isChildOf', 1, 0), assoc('isChildOf', 2, 1), assoc('isChildOf', 3, 1),
      assoc('exactMatchOf', 2, { title: 'ESCO', identifier: 'S1.2', uri: 'https://esco.example.org/s/1.2' }),
      assoc('isRelatedTo', 2, { title: 'elsewhere', identifier: 'x', uri: 'https://other.example.org/x' }),
    ],
  )

  it('imports it as a strategic layer with codes, kinds and mappings back to the source', () => {
    const r = parseCase(pkg, { layer: 'strategic' })
    expect(r).toStrictEqual({ ok: true, elements: [
      { code: 'eng.1', layer: 'strategic', title: 'Reading', kind: 'domain', status: 'active', version: 1,
        mappings: [{ framework: 'State Framework', url: 'https://case.example.org/CFItems/1', code: 'ENG.1' }], description: 'Statement 1' },
      { code: 'eng.1.a-b', layer: 'strategic', title: 'Statement 2', kind: 'framework-item', status: 'active', version: 1, parentCode: 'eng.1',
        mappings: [
          { framework: 'State Framework', url: 'https://case.example.org/CFItems/2', code: 'ENG.1.A (b)' },
          { framework: 'ESCO', url: 'https://esco.example.org/s/1.2', code: 'S1.2' },
        ] },
      { code: id(3), layer: 'strategic', title: `${'x'.repeat(299)}…`, kind: 'framework-item', status: 'active', version: 1, parentCode: 'eng.1',
        mappings: [{ framework: 'State Framework', url: 'https://case.example.org/CFItems/3', code: id(3) }], description: 'x'.repeat(400) },
    ] })
  })

  it('prefixes codes on request and refuses to preserve layers it does not carry', () => {
    const r = parseCase(pkg, { layer: 'strategic', codePrefix: 'state.' })
    expect(r.ok && r.elements.map((e) => e.code)).toEqual(['state.eng.1', 'state.eng.1.a-b', `state.${id(3)}`])
    expect(problemsOf(parseCase(pkg, { layer: 'preserve' }))[0]).toEqual(['CFItems[0].extensions', 'missing_field'])
  })
})

describe('parseCase refuses bad packages and lists every problem', () => {
  it('not an object, or lists that are not arrays', () => {
    expect(problemsOf(parseCase([], { layer: 'city' }))).toEqual([['', 'invalid_value']])
    expect(problemsOf(parseCase({ CFDocument: DOC, CFItems: {} }, { layer: 'city' }))).toEqual([['CFItems', 'invalid_value']])
  })

  it('missing required fields on the document, items and associations', () => {
    const bad = { CFDocument: { identifier: id(0), uri: DOC.uri }, CFItems: [{ identifier: id(1), uri: 'https://x.example/1' }, 'str'],
      CFAssociations: [{ identifier: id(9), associationType: 'isChildOf', originNodeURI: ref(1) }] }
    expect(problemsOf(parseCase(bad, { layer: 'city' }))).toEqual([
      ['CFDocument.creator', 'missing_field'], ['CFDocument.title', 'missing_field'], ['CFDocument.lastChangeDateTime', 'missing_field'],
      ['CFItems[0].fullStatement', 'missing_field'], ['CFItems[0].lastChangeDateTime', 'missing_field'], ['CFItems[1]', 'invalid_value'],
      ['CFAssociations[0].uri', 'missing_field'], ['CFAssociations[0].lastChangeDateTime', 'missing_field'],
      ['CFAssociations[0].destinationNodeURI', 'missing_field'],
    ])
  })

  it('unknown association types, ext: types and broken references', () => {
    const ghost = { title: 'ghost', identifier: id(77), uri: 'https://case.example.org/CFItems/77' }
    const pkg = foreign([item(1), item(2)], [
      assoc('isSiblingOf', 1, 2), assoc('ext:hasBadge', 1, 2),
      assoc('isChildOf', ghost, 1), assoc('isChildOf', 2, ghost), assoc('isRelatedTo', ghost, ghost),
    ])
    expect(problemsOf(parseCase(pkg, { layer: 'strategic' }))).toEqual([
      ['CFAssociations[0].associationType', 'unknown_association_type'],
      ['CFAssociations[1].associationType', 'unknown_association_type'],
      ['CFAssociations[2].originNodeURI', 'broken_reference'],
      ['CFAssociations[3].destinationNodeURI', 'broken_reference'],
      ['CFAssociations[4]', 'broken_reference'],
    ])
  })

  it('cycles, several parents, duplicate codes and duplicate identifiers', () => {
    const pkg = foreign(
      [item(1, { humanCodingScheme: 'A.1' }), item(2, { humanCodingScheme: 'a.1' }), item(3), item(4), item(5), item(3)],
      [assoc('isChildOf', 3, 4), assoc('isChildOf', 4, 3), assoc('isChildOf', 5, 1), assoc('isChildOf', 5, 2)],
    )
    expect(problemsOf(parseCase(pkg, { layer: 'strategic' }))).toEqual([
      ['CFItems[5].identifier', 'duplicate'],
      ['CFAssociations[3]', 'multiple_parents'],
      ['CFItems[1].humanCodingScheme', 'duplicate_code'],
      ['CFItems[2] isChildOf', 'cycle'],
    ])
  })

  it('a broken extension of our own', () => {
    const pkg = exp(defaultElements().slice(0, 1)) as CFPackage
    const ext = (pkg.CFItems[0]?.extensions as { citybadges: Record<string, unknown> }).citybadges
    Object.assign(ext, { layer: 'moon', version: 'one' })
    expect(problemsOf(parseCase(pkg, { layer: 'preserve' }))).toEqual([
      ['CFItems[0].extensions.citybadges.layer', 'invalid_value'],
      ['CFItems[0].extensions.citybadges.version', 'invalid_value'],
    ])
  })

  it('too many items, before looking at any of them', () => {
    const pkg = foreign(Array.from({ length: 11 }, () => 'not even an item'), [])
    expect(problemsOf(parseCase(pkg, { layer: 'city', maxItems: 10 }))).toEqual([['CFItems', 'too_many_items']])
    expect(parseCase(foreign([item(1)], []), { layer: 'city', maxItems: 1 }).ok).toBe(true)
  })
})
