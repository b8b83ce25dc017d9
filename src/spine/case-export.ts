import {
  CASE_EXTENSION_KEY,
  type CFAssociation,
  type CFDocument,
  type CFItem,
  type CFPackage,
  type CaseItemExtension,
  type LinkGenUri,
} from './case-types.js'
import type { Layer, SpineElement } from './model.js'
import { spineId, spineUrls } from './urls.js'

/** Input of {@link exportCase}. `layers` limits the export (e.g. `['strategic']`); all layers when absent. */
export interface CaseExportInput {
  elements: readonly SpineElement[]
  layers?: readonly Layer[]
  baseUrl: string
  citySlug: string
  frameworkTitle: string
  /** CFDocument `creator`; defaults to the framework title. */
  creator?: string
  /** The language of the exported texts (CFDocument and CFItem `language`); elements with it answer in it. */
  language?: string
  now: Date
}

/**
 * Exports a city's spine (or some of its layers) as a CASE 1.1 CFPackage.
 * Mapping: `humanCodingScheme` = code; `abbreviatedStatement` = title and `fullStatement` = description when there
 * is a description, otherwise `fullStatement` = title; the tree is `isChildOf` associations (roots are children of
 * the CFDocument) numbered by sibling order; mappings with a URL also become `exactMatchOf` associations.
 * Our fields CASE lacks (code, layer, kind, status, version, mappings) sit in `extensions.citybadges`, so
 * {@link parseCase} restores every element exactly. Identifiers are v5 UUIDs of city + code: re-exports are stable.
 * Languages: statements are in `language` (an element without it falls back to its default text); an element with
 * several languages says its statements' `language` and carries every language in its extension, so that an import
 * keeps them. One package per language (CASE has one `language` per document and item).
 */
export function exportCase(input: CaseExportInput): CFPackage {
  const { citySlug, now } = input
  const urls = spineUrls(input.baseUrl, citySlug)
  const layerSet = input.layers ? new Set<string>(input.layers) : undefined
  const elements = layerSet ? input.elements.filter((e) => layerSet.has(e.layer)) : [...input.elements]
  const docKey = layerSet ? `layers:${[...layerSet].sort().join(',')}` : 'all'
  const docId = spineId(citySlug, 'document', docKey)
  const ts = now.toISOString()

  const document: CFPackage['CFDocument'] = {
    identifier: docId,
    uri: urls.caseDocument(docId),
    creator: input.creator ?? input.frameworkTitle,
    title: input.frameworkTitle,
    lastChangeDateTime: ts,
    caseVersion: '1.1',
    officialSourceURL: urls.framework,
    ...(input.language !== undefined ? { language: input.language } : {}),
  }
  const docLink: LinkGenUri = { title: document.title, identifier: docId, uri: document.uri }

  const byCode = new Map(elements.map((e) => [e.code, e]))
  const link = (code: string): LinkGenUri => ({
    title: byCode.get(code)?.title ?? code,
    identifier: spineId(citySlug, 'item', code),
    uri: urls.element(code),
  })

  const lang = input.language
  const textOf = (el: SpineElement, field: 'title' | 'description'): string | undefined => {
    const translated = lang !== undefined ? el.translations?.[field]?.[lang] : undefined
    return translated ?? el[field]
  }
  const items: CFItem[] = elements.map((el) => {
    const ext: CaseItemExtension = {
      code: el.code,
      layer: el.layer,
      ...(el.kind !== undefined ? { kind: el.kind } : {}),
      status: el.status,
      version: el.version,
      ...(el.mappings !== undefined ? { mappings: el.mappings.map((m) => ({ ...m })) } : {}),
      ...(el.translations !== undefined ? { translations: el.translations } : {}),
    }
    const title = textOf(el, 'title') as string
    const description = textOf(el, 'description')
    const hasDescription = description !== undefined
    return {
      identifier: spineId(citySlug, 'item', el.code),
      uri: urls.element(el.code),
      fullStatement: hasDescription ? description : title,
      ...(hasDescription ? { abbreviatedStatement: title } : {}),
      humanCodingScheme: el.code,
      ...(el.kind !== undefined ? { CFItemType: el.kind } : {}),
      ...(el.translations !== undefined && lang !== undefined ? { language: lang } : {}),
      lastChangeDateTime: ts,
      extensions: { [CASE_EXTENSION_KEY]: ext },
    }
  })

  const siblingCount = new Map<string, number>()
  const associations: CFAssociation[] = []
  const associate = (type: 'isChildOf' | 'exactMatchOf', key: string, origin: LinkGenUri, destination: LinkGenUri, seq?: number) => {
    const identifier = spineId(citySlug, 'association', `${type}:${key}`)
    associations.push({
      identifier,
      uri: urls.caseAssociation(identifier),
      associationType: type,
      ...(seq !== undefined ? { sequenceNumber: seq } : {}),
      originNodeURI: origin,
      destinationNodeURI: destination,
      lastChangeDateTime: ts,
    })
  }
  for (const el of elements) {
    const parentKey = el.parentCode ?? `document:${docId}`
    const seq = (siblingCount.get(parentKey) ?? 0) + 1
    siblingCount.set(parentKey, seq)
    // A parent outside the exported layers stays a reference to its element URL (validateTree keeps parents in-layer).
    const destination = el.parentCode === undefined ? docLink : link(el.parentCode)
    associate('isChildOf', `${el.code}>${parentKey}`, link(el.code), destination, seq)
  }
  for (const el of elements) {
    for (const m of el.mappings ?? []) {
      if (m.url === undefined) continue
      associate('exactMatchOf', `${el.code}>${m.url}#${m.code}`, link(el.code), { title: m.framework, identifier: m.code, uri: m.url })
    }
  }
  return { CFDocument: document, CFItems: items, CFAssociations: associations }
}

/** The standalone CFDocument (getCFDocument) for a package: the package's document plus its CFPackageURI. */
export function standaloneCaseDocument(pkg: CFPackage, baseUrl: string, citySlug: string): CFDocument {
  const doc = pkg.CFDocument
  return {
    ...doc,
    CFPackageURI: { title: doc.title, identifier: doc.identifier, uri: spineUrls(baseUrl, citySlug).casePackage(doc.identifier) },
  }
}
