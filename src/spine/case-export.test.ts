import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { exportCase, standaloneCaseDocument } from './case.js'
import { defaultElements } from './defaults.js'
import { generateTree } from './test-fixtures.js'
import { uuidV5 } from './urls.js'

// ajv-formats is CommonJS: under nodenext its default import may be the module object.
type AddFormats = (ajv: Ajv) => Ajv
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats)

// The CASE 1.1 getCFPackage constraints we rely on, transcribed: required fields, closed objects, UUID identifiers.
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
const str = { type: 'string' }
const closed = (required: string[], props: Record<string, object>) => ({ type: 'object', required, properties: props, additionalProperties: false })
const link = closed(['title', 'identifier', 'uri'], { title: str, identifier: str, uri: { type: 'string', format: 'uri' }, targetType: str })
const any = {}
const CASE_PACKAGE = closed(['CFDocument'], {
  CFDocument: closed(['identifier', 'uri', 'creator', 'title', 'lastChangeDateTime'], {
    identifier: { type: 'string', pattern: UUID }, uri: { type: 'string', format: 'uri' }, frameworkType: str, caseVersion: { enum: ['1.1'] },
    creator: str, title: str, lastChangeDateTime: { type: 'string', format: 'date-time' }, officialSourceURL: { type: 'string', format: 'uri' },
    publisher: str, description: str, subject: any, subjectURI: any, language: str, version: str, adoptionStatus: str,
    statusStartDate: any, statusEndDate: any, licenseURI: any, notes: str, extensions: { type: 'object' },
  }),
  CFItems: { type: 'array', items: closed(['identifier', 'fullStatement', 'uri', 'lastChangeDateTime'], {
    identifier: { type: 'string', pattern: UUID }, fullStatement: str, alternativeLabel: str, CFItemType: str, uri: { type: 'string', format: 'uri' },
    humanCodingScheme: str, listEnumeration: str, abbreviatedStatement: str, conceptKeywords: any, conceptKeywordsURI: any, notes: str,
    subject: any, subjectURI: any, language: str, educationLevel: any, CFItemTypeURI: any, licenseURI: any, statusStartDate: any,
    statusEndDate: any, lastChangeDateTime: { type: 'string', format: 'date-time' }, extensions: { type: 'object' },
  }) },
  CFAssociations: { type: 'array', items: closed(['identifier', 'associationType', 'uri', 'originNodeURI', 'destinationNodeURI', 'lastChangeDateTime'], {
    identifier: { type: 'string', pattern: UUID },
    associationType: { enum: ['isChildOf', 'isPeerOf', 'isPartOf', 'exactMatchOf', 'precedes', 'isRelatedTo', 'replacedBy', 'exemplar', 'hasSkillLevel', 'isTranslationOf'] },
    sequenceNumber: { type: 'integer' }, uri: { type: 'string', format: 'uri' }, originNodeURI: link, destinationNodeURI: link,
    CFAssociationGroupingURI: any, lastChangeDateTime: { type: 'string', format: 'date-time' }, notes: str, extensions: { type: 'object' },
  }) },
  CFDefinitions: any, CFRubrics: any, extensions: any,
})
const validatePackage = addFormats(new Ajv({ allErrors: true, strict: false })).compile(CASE_PACKAGE)

const now = new Date('2025-03-01T12:00:00Z')
const base = { baseUrl: 'https://badges.example.org/', citySlug: 'plymouth', frameworkTitle: 'Plymouth skills spine', now }

describe('exportCase', () => {
  it('produces a CASE 1.1 package for the defaults and for a 2,000-element tree', () => {
    for (const elements of [defaultElements(), generateTree(2000)]) {
      const pkg = exportCase({ ...base, elements })
      expect(validatePackage(pkg), JSON.stringify(validatePackage.errors?.slice(0, 3))).toBe(true)
      expect(pkg.CFItems).toHaveLength(elements.length)
    }
    // The check itself bites: CASE 1.1 package items may not carry CFDocumentURI.
    const pkg = exportCase({ ...base, elements: defaultElements() })
    const item = { ...pkg.CFItems[0], CFDocumentURI: { title: 't', identifier: 'i', uri: 'https://x.example' } }
    expect(validatePackage({ ...pkg, CFItems: [item] })).toBe(false)
  })

  it('maps code, title, description and kind to CASE fields and the tree to isChildOf', () => {
    const pkg = exportCase({ ...base, elements: defaultElements() })
    const social = pkg.CFItems.find((i) => i.humanCodingScheme === 'core.skills.social-emotional')
    expect(social).toMatchObject({
      uri: 'https://badges.example.org/spine/plymouth/elements/core.skills.social-emotional',
      abbreviatedStatement: 'Social and emotional skills',
      fullStatement: expect.stringMatching(/^Working with others/),
      CFItemType: 'skill',
      lastChangeDateTime: '2025-03-01T12:00:00.000Z',
      extensions: { citybadges: { code: 'core.skills.social-emotional', layer: 'core', kind: 'skill', status: 'active', version: 1 } },
    })
    const parentLink = pkg.CFAssociations.find((a) => a.originNodeURI.identifier === social?.identifier)
    expect(parentLink).toMatchObject({ associationType: 'isChildOf', sequenceNumber: 2, destinationNodeURI: { title: 'Skills' } })
    const roots = pkg.CFAssociations.filter((a) => a.destinationNodeURI.identifier === pkg.CFDocument.identifier)
    expect(roots.map((a) => a.originNodeURI.title)).toEqual(['Knowledge', 'Skills', 'Attitudes and values', 'Transformative competencies',
      'Interpersonal, social and emotional', 'Civic and global', 'Creative and entrepreneurial', 'Ethic of craft and business awareness', 'Digital'])
    expect(roots.map((a) => a.sequenceNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('without a description, the title is the full statement', () => {
    const pkg = exportCase({ ...base, elements: [{ code: 'x', layer: 'city', title: 'Only a title', status: 'active', version: 3 }] })
    expect(pkg.CFItems[0]).not.toHaveProperty('abbreviatedStatement')
    expect(pkg.CFItems[0]?.fullStatement).toBe('Only a title')
  })

  it('turns mappings with a URL into exactMatchOf associations', () => {
    const elements = [{ code: 'x', layer: 'city' as const, title: 'X', status: 'active' as const, version: 1,
      mappings: [{ framework: 'ESCO', url: 'https://esco.example.org/s/1', code: 'S1' }, { framework: 'Local', code: 'L1' }] }]
    const matches = exportCase({ ...base, elements }).CFAssociations.filter((a) => a.associationType === 'exactMatchOf')
    expect(matches).toEqual([expect.objectContaining({ destinationNodeURI: { title: 'ESCO', identifier: 'S1', uri: 'https://esco.example.org/s/1' } })])
  })

  it('derives stable identifiers from city and code: a later export differs only in timestamps', () => {
    const a = exportCase({ ...base, elements: defaultElements() })
    const b = exportCase({ ...base, elements: defaultElements(), now: new Date('2026-01-01T00:00:00Z') })
    const strip = (s: string) => s.replaceAll(/20\d\d-\d\d-\d\dT[\d:.]+Z/g, 'T')
    expect(strip(JSON.stringify(b))).toBe(strip(JSON.stringify(a)))
    expect(a.CFItems[0]?.identifier).toBe(uuidV5('urn:citybadges:spine:plymouth:item:core.knowledge'))
    const other = exportCase({ ...base, citySlug: 'brighton', elements: defaultElements() })
    expect(other.CFItems[0]?.identifier).not.toBe(a.CFItems[0]?.identifier)
  })

  it('filters by layer, with a distinct document identifier per filter', () => {
    const all = exportCase({ ...base, elements: defaultElements() })
    const col = exportCase({ ...base, elements: defaultElements(), layers: ['cities-of-learning'] })
    expect(col.CFItems.map((i) => i.humanCodingScheme)).toEqual(defaultElements().filter((e) => e.layer === 'cities-of-learning').map((e) => e.code))
    expect(col.CFDocument.identifier).not.toBe(all.CFDocument.identifier)
    expect(col.CFAssociations.every((a) => a.destinationNodeURI.identifier === col.CFDocument.identifier)).toBe(true)
  })

  it('offers the standalone CFDocument with its CFPackageURI', () => {
    const pkg = exportCase({ ...base, elements: [] })
    const doc = standaloneCaseDocument(pkg, base.baseUrl, base.citySlug)
    expect(doc.CFPackageURI).toEqual({
      title: 'Plymouth skills spine',
      identifier: pkg.CFDocument.identifier,
      uri: `https://badges.example.org/spine/plymouth/case/CFPackages/${pkg.CFDocument.identifier}`,
    })
    expect(pkg.CFDocument).not.toHaveProperty('CFPackageURI')
  })
})

describe('uuidV5', () => {
  it('matches the RFC 4122 reference (python uuid5(NAMESPACE_DNS, "python.org"))', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
    expect(uuidV5('urn:citybadges:spine:plymouth:item:core.knowledge')).toBe('cc9e8e26-d750-5311-9317-44a88937041c')
  })
})
