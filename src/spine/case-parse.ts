import { CASE_ASSOCIATION_TYPES, CASE_EXTENSION_KEY } from './case-types.js'
import {
  CODE_PATTERN,
  ELEMENT_STATUSES,
  LIMITS,
  isElementKind,
  isLayer,
  type ElementMapping,
  type Layer,
  type Problem,
  type SpineElement,
} from './model.js'
import { isHttpUrl, validateTree } from './tree.js'

/** Options of {@link parseCase}. */
export interface CaseParseOptions {
  /** Target layer for every item, or `'preserve'` to keep the layer our own exports carry (a full-spine restore). */
  layer: Layer | 'preserve'
  /** Default 20,000. */
  maxItems?: number
  /** Default 100,000. */
  maxAssociations?: number
  /** Prepended to every code, e.g. `ngss.`, so an imported framework cannot collide with existing codes. */
  codePrefix?: string
}

/** Parsed elements in CFItems order, or every problem found (nothing partial). */
export type CaseParseResult =
  | { ok: true; elements: SpineElement[] }
  | { ok: false; problems: Problem[] }

/** Default limits of one CASE import. */
export const DEFAULT_CASE_MAX_ITEMS = 20_000
export const DEFAULT_CASE_MAX_ASSOCIATIONS = 100_000

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const KNOWN_TYPES: ReadonlySet<string> = new Set(CASE_ASSOCIATION_TYPES)

interface Draft {
  element: SpineElement
  itemIndex: number
  ours: boolean
  parent?: number | 'document'
}

/**
 * Parses a CASE 1.1 CFPackage into spine elements, collecting every problem: missing required fields, unknown
 * association types (including `ext:` ones, which we cannot interpret), references to nodes not in the package,
 * items with more than one parent, cycles, duplicate codes. Items we exported restore exactly from
 * `extensions.citybadges`; items of other publishers get a code from `humanCodingScheme` (else the identifier),
 * kind `framework-item` unless `CFItemType` names one of ours, and a mapping back to their source item.
 * Associations other than `isChildOf` and `exactMatchOf` are checked and then ignored. Never throws on bad input.
 */
export function parseCase(json: unknown, opts: CaseParseOptions): CaseParseResult {
  const problems: Problem[] = []
  const push = (path: string, code: Problem['code'], message: string) => problems.push({ path, code, message })
  const fail = (): CaseParseResult => ({ ok: false, problems })
  if (!isObj(json)) {
    push('', 'invalid_value', 'a CASE package must be a JSON object')
    return fail()
  }
  if (opts.codePrefix !== undefined && !CODE_PATTERN.test(opts.codePrefix)) push('codePrefix', 'invalid_code', 'codePrefix must itself be a valid code')

  const doc = json.CFDocument
  if (!isObj(doc)) push('CFDocument', 'missing_field', 'CFDocument is required')
  else for (const f of ['identifier', 'uri', 'creator', 'title', 'lastChangeDateTime']) requireString(doc, f, 'CFDocument', push)
  const items = arrayField(json, 'CFItems', push)
  const assocs = arrayField(json, 'CFAssociations', push)
  const maxItems = opts.maxItems ?? DEFAULT_CASE_MAX_ITEMS
  const maxAssocs = opts.maxAssociations ?? DEFAULT_CASE_MAX_ASSOCIATIONS
  if (items.length > maxItems) push('CFItems', 'too_many_items', `${items.length} items exceed the limit of ${maxItems}`)
  if (assocs.length > maxAssocs) push('CFAssociations', 'too_many_items', `${assocs.length} associations exceed the limit of ${maxAssocs}`)
  if (problems.some((p) => p.code === 'too_many_items')) return fail()

  const docId = isObj(doc) && typeof doc.identifier === 'string' ? doc.identifier.toLowerCase() : undefined
  const docUri = isObj(doc) && typeof doc.uri === 'string' ? doc.uri : undefined
  const docTitle = isObj(doc) && typeof doc.title === 'string' ? doc.title : 'imported framework'
  const drafts: (Draft | undefined)[] = []
  const byId = new Map<string, number>()
  const byUri = new Map<string, number>()

  items.forEach((raw, i) => {
    const at = `CFItems[${i}]`
    if (!isObj(raw)) return push(at, 'invalid_value', `${at} must be an object`)
    const ok = ['identifier', 'uri', 'fullStatement', 'lastChangeDateTime'].map((f) => requireString(raw, f, at, push)).every(Boolean)
    if (!ok) return
    const id = (raw.identifier as string).toLowerCase()
    if (byId.has(id) || id === docId) return push(`${at}.identifier`, 'duplicate', `identifier ${raw.identifier as string} appears more than once`)
    byId.set(id, i)
    if (!byUri.has(raw.uri as string)) byUri.set(raw.uri as string, i)
    const draft = draftElement(raw, at, opts, docTitle, push)
    if (draft) drafts[i] = { element: draft.element, itemIndex: i, ours: draft.ours }
  })

  const resolve = (link: Obj): number | 'document' | undefined => {
    const id = typeof link.identifier === 'string' ? link.identifier.toLowerCase() : ''
    if (id === docId) return 'document'
    const hit = byId.get(id) ?? (typeof link.uri === 'string' ? byUri.get(link.uri) : undefined)
    if (hit !== undefined) return hit
    return typeof link.uri === 'string' && link.uri === docUri ? 'document' : undefined
  }

  assocs.forEach((raw, j) => {
    const at = `CFAssociations[${j}]`
    if (!isObj(raw)) return push(at, 'invalid_value', `${at} must be an object`)
    const ok = ['identifier', 'uri', 'associationType', 'lastChangeDateTime'].map((f) => requireString(raw, f, at, push))
    const links = ['originNodeURI', 'destinationNodeURI'].map((f) => requireLink(raw, f, at, push))
    const [origin, destination] = links
    if (!ok.every(Boolean) || !origin || !destination) return
    const type = raw.associationType as string
    if (!KNOWN_TYPES.has(type)) {
      return push(`${at}.associationType`, 'unknown_association_type', `association type '${type}' is not one of ${CASE_ASSOCIATION_TYPES.join(', ')}`)
    }
    const from = resolve(origin)
    const to = resolve(destination)
    if (type === 'isChildOf') {
      if (typeof from !== 'number') return push(`${at}.originNodeURI`, 'broken_reference', `origin ${describe(origin)} is not an item of this package`)
      if (to === undefined) return push(`${at}.destinationNodeURI`, 'broken_reference', `destination ${describe(destination)} is not in this package`)
      const draft = drafts[from]
      if (!draft) return
      if (draft.parent !== undefined && draft.parent !== to) {
        return push(at, 'multiple_parents', `item ${describe(origin)} has more than one parent; a spine element has exactly one`)
      }
      draft.parent = to
      return
    }
    if (from === undefined && to === undefined) {
      return push(at, 'broken_reference', `neither ${describe(origin)} nor ${describe(destination)} is in this package`)
    }
    if (type === 'exactMatchOf' && typeof from === 'number' && to === undefined) {
      const draft = drafts[from]
      if (draft && !draft.ours) addMapping(draft.element, externalMapping(destination))
    }
  })

  const built = drafts.filter((d): d is Draft => d !== undefined)
  for (const d of built) {
    if (typeof d.parent === 'number') {
      const parent = drafts[d.parent]
      if (parent) d.element.parentCode = parent.element.code
    }
  }
  for (const p of validateTree(built.map((d) => d.element))) problems.push({ ...p, path: itemPath(p.path, built) })
  return problems.length > 0 ? fail() : { ok: true, elements: built.map((d) => d.element) }
}

function draftElement(
  raw: Obj,
  at: string,
  opts: CaseParseOptions,
  docTitle: string,
  push: (path: string, code: Problem['code'], message: string) => void,
): { element: SpineElement; ours: boolean } | undefined {
  const full = raw.fullStatement as string
  const abbreviated = typeof raw.abbreviatedStatement === 'string' && raw.abbreviatedStatement !== '' ? raw.abbreviatedStatement : undefined
  const extensions = raw.extensions
  const ext = isObj(extensions) ? extensions[CASE_EXTENSION_KEY] : undefined
  const prefix = opts.codePrefix ?? ''
  let element: SpineElement
  if (ext !== undefined) {
    const e = readExtension(ext, `${at}.extensions.${CASE_EXTENSION_KEY}`, push)
    if (!e) return undefined
    const layer = opts.layer === 'preserve' ? e.layer : opts.layer
    element = { code: prefix + e.code, layer, title: abbreviated ?? full, status: e.status, version: e.version }
    if (abbreviated !== undefined) element.description = full
    if (e.kind !== undefined) element.kind = e.kind
    if (e.mappings !== undefined) element.mappings = e.mappings
    if (e.translations !== undefined) element.translations = e.translations
    return { element, ours: true }
  }
  if (opts.layer === 'preserve') {
    push(`${at}.extensions`, 'missing_field', `layer 'preserve' needs extensions.${CASE_EXTENSION_KEY}; import other frameworks into a named layer`)
    return undefined
  }
  const human = typeof raw.humanCodingScheme === 'string' ? raw.humanCodingScheme : ''
  const itemType = typeof raw.CFItemType === 'string' ? raw.CFItemType.toLowerCase() : ''
  const chars = [...full]
  const longTitle = abbreviated === undefined && chars.length > LIMITS.title
  element = {
    code: foreignCode(prefix, human, raw.identifier as string),
    layer: opts.layer,
    title: abbreviated ?? (longTitle ? `${chars.slice(0, LIMITS.title - 1).join('').trimEnd()}…` : full),
    kind: isElementKind(itemType) ? itemType : 'framework-item',
    status: 'active',
    version: 1,
    mappings: [{ framework: docTitle, ...(isHttpUrl(raw.uri) ? { url: raw.uri } : {}), code: human !== '' ? human : (raw.identifier as string) }],
  }
  if (abbreviated !== undefined || longTitle) element.description = full
  return { element, ours: false }
}

function readExtension(v: unknown, at: string, push: (path: string, code: Problem['code'], message: string) => void) {
  if (!isObj(v)) {
    push(at, 'invalid_value', `${at} must be an object`)
    return undefined
  }
  const before = { code: v.code, layer: v.layer, status: v.status, version: v.version }
  let ok = true
  const bad = (field: string, message: string) => {
    ok = false
    push(`${at}.${field}`, 'invalid_value', message)
  }
  if (typeof before.code !== 'string') bad('code', 'code must be a string')
  if (!isLayer(before.layer)) bad('layer', 'unknown layer')
  if (!(ELEMENT_STATUSES as readonly unknown[]).includes(before.status)) bad('status', 'status must be active or retired')
  if (typeof before.version !== 'number') bad('version', 'version must be a number')
  if (v.kind !== undefined && !isElementKind(v.kind)) bad('kind', 'unknown kind')
  const mappings = v.mappings
  if (mappings !== undefined && !(Array.isArray(mappings) && mappings.every(isMapping))) bad('mappings', 'mappings must be {framework, url?, code} objects')
  const translations = v.translations
  if (translations !== undefined && !isTranslations(translations)) bad('translations', 'translations must map title/description to {language tag: text} objects')
  if (!ok) return undefined
  return {
    code: before.code as string,
    layer: before.layer as Layer,
    status: before.status as SpineElement['status'],
    version: before.version as number,
    kind: v.kind as SpineElement['kind'],
    mappings: (mappings as ElementMapping[] | undefined)?.map(copyMapping),
    translations: translations === undefined ? undefined : copyTranslations(translations as Record<string, Record<string, string>>),
  }
}

const TEXT_FIELDS = new Set(['title', 'description'])
const isTranslations = (t: unknown): boolean =>
  isObj(t) && Object.entries(t).every(([field, map]) => TEXT_FIELDS.has(field) && isObj(map) && Object.keys(map).length <= 30 &&
    Object.entries(map).every(([tag, text]) => /^[A-Za-z0-9-]{1,35}$/.test(tag) && typeof text === 'string' && text.length <= LIMITS.description))

/** Fields and tags in sorted order (how the store keeps them, so that content compares equal). */
const copyTranslations = (t: Record<string, Record<string, string>>): Record<string, Record<string, string>> =>
  Object.fromEntries(Object.keys(t).sort().map((f) => [f, Object.fromEntries(Object.keys(t[f]!).sort().map((tag) => [tag, t[f]![tag]!]))]))

const isMapping = (m: unknown): boolean =>
  isObj(m) && typeof m.framework === 'string' && typeof m.code === 'string' && (m.url === undefined || typeof m.url === 'string')

const copyMapping = (m: ElementMapping): ElementMapping => ({ framework: m.framework, ...(m.url !== undefined ? { url: m.url } : {}), code: m.code })

function externalMapping(link: Obj): ElementMapping {
  const title = typeof link.title === 'string' && link.title !== '' ? link.title : 'external framework'
  return { framework: title, ...(isHttpUrl(link.uri) ? { url: link.uri } : {}), code: link.identifier as string }
}

function addMapping(el: SpineElement, m: ElementMapping): void {
  el.mappings = [...(el.mappings ?? []), m]
}

/** A valid code from a publisher's human coding scheme (or the item identifier), lower-cased and bounded. */
export function foreignCode(prefix: string, human: string, identifier: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '')
  const base = clean(human) || clean(identifier)
  return (prefix + base).slice(0, 64)
}

function requireString(o: Obj, field: string, at: string, push: (p: string, c: Problem['code'], m: string) => void): boolean {
  if (typeof o[field] === 'string') return true
  push(`${at}.${field}`, 'missing_field', `${at}.${field} is required and must be a string`)
  return false
}

function requireLink(o: Obj, field: string, at: string, push: (p: string, c: Problem['code'], m: string) => void): Obj | undefined {
  const link = o[field]
  if (isObj(link) && typeof link.identifier === 'string' && typeof link.uri === 'string' && typeof link.title === 'string') return link
  push(`${at}.${field}`, 'missing_field', `${at}.${field} must be a LinkGenURI {title, identifier, uri}`)
  return undefined
}

function arrayField(o: Obj, field: string, push: (p: string, c: Problem['code'], m: string) => void): unknown[] {
  const v = o[field]
  if (v === undefined) return []
  if (Array.isArray(v)) return v
  push(field, 'invalid_value', `${field} must be an array`)
  return []
}

const describe = (link: Obj) => `'${String(link.identifier)}'`

// validateTree speaks of elements[i].field; translate to the CASE item and field it came from.
function itemPath(path: string, built: readonly Draft[]): string {
  const m = /^elements\[(\d+)\](.*)$/.exec(path)
  if (!m) return path
  const field = (m[2] ?? '').replace(/^\.code$/, '.humanCodingScheme').replace(/^\.title$/, '.fullStatement').replace(/^\.parentCode$/, ' isChildOf')
  return `CFItems[${built[Number(m[1])]?.itemIndex ?? m[1]}]${field}`
}
