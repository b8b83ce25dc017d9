/**
 * The subset of the 1EdTech CASE 1.1 JSON binding (getCFPackage response) we read and write.
 * Field names keep their spec spelling.
 */
import type { ElementKind, ElementMapping, ElementStatus, Layer } from './model.js'

/** CASE 1.1 CFAssociation `associationType` vocabulary (the non-`ext:` values). */
export const CASE_ASSOCIATION_TYPES = [
  'isChildOf',
  'isPeerOf',
  'isPartOf',
  'exactMatchOf',
  'precedes',
  'isRelatedTo',
  'replacedBy',
  'exemplar',
  'hasSkillLevel',
  'isTranslationOf',
] as const
export type CaseAssociationType = (typeof CASE_ASSOCIATION_TYPES)[number]

/** LinkGenURI: a reference to a node, inside or outside the package. */
export interface LinkGenUri {
  title: string
  identifier: string
  uri: string
}

/** LinkURI (CFPackageURI and friends). */
export type LinkUri = LinkGenUri

/** The key under CFItem `extensions` that carries our fields CASE has no place for. */
export const CASE_EXTENSION_KEY = 'citybadges'

/** Our per-item extension: enough to restore a {@link SpineElement} exactly. */
export interface CaseItemExtension {
  code: string
  layer: Layer
  kind?: ElementKind
  status: ElementStatus
  version: number
  mappings?: ElementMapping[]
  /** Every language of title and description (`{ title: { en, cy }, description: {…} }`), when the element has several. */
  translations?: Record<string, Record<string, string>>
}

/** CFDocument as it appears inside a CFPackage (CASE 1.1 CFPckgDocument; no CFPackageURI there). */
export interface CFPckgDocument {
  identifier: string
  uri: string
  creator: string
  title: string
  lastChangeDateTime: string
  caseVersion?: '1.1'
  description?: string
  language?: string
  version?: string
  adoptionStatus?: string
  officialSourceURL?: string
  extensions?: Record<string, unknown>
}

/** A standalone CFDocument (getCFDocument), which links to its package. */
export interface CFDocument extends CFPckgDocument {
  CFPackageURI: LinkUri
}

// Inside a CFPackage, CASE 1.1 items and associations carry no CFDocumentURI (the schema forbids extra properties).
export interface CFItem {
  identifier: string
  uri: string
  fullStatement: string
  abbreviatedStatement?: string
  humanCodingScheme?: string
  CFItemType?: string
  notes?: string
  language?: string
  statusStartDate?: string
  statusEndDate?: string
  lastChangeDateTime: string
  extensions?: Record<string, unknown>
}

/** A CFAssociation inside a package; origin and destination may point outside it (except for isChildOf). */
export interface CFAssociation {
  identifier: string
  uri: string
  associationType: CaseAssociationType | `ext:${string}`
  sequenceNumber?: number
  originNodeURI: LinkGenUri
  destinationNodeURI: LinkGenUri
  lastChangeDateTime: string
}

/** getCFPackage response: the document, its items and their associations. */
export interface CFPackage {
  CFDocument: CFPckgDocument
  CFItems: CFItem[]
  CFAssociations: CFAssociation[]
}
