import {
  DIMENSIONS,
  LEVELS,
  isDimension,
  isLevel,
  labelOf,
  type Destination,
  type GridCell,
  type Problem,
  type SpineElement,
  type SpineSelection,
  type Theme,
} from './model.js'
import { findCell, pickDescriptor } from './taxonomy.js'
import type { SpineUrls } from './urls.js'

/** OB 2.0 AlignmentObject. */
export interface Ob2Alignment {
  targetName: string
  targetUrl: string
  targetDescription?: string
  targetFramework: string
  targetCode: string
}

/** OB 3.0 AlignmentTargetType (an enumeration extensible with `ext:` values). */
export type Ob3AlignmentTargetType =
  | 'ceasn:Competency'
  | 'ceterms:Credential'
  | 'CFItem'
  | 'CFRubric'
  | 'CFRubricCriterion'
  | 'CFRubricCriterionLevel'
  | 'CTDL'
  | `ext:${string}`

/** OB 3.0 Alignment. */
export interface Ob3Alignment {
  type: ['Alignment']
  targetName: string
  targetUrl: string
  targetDescription?: string
  targetFramework?: string
  targetCode?: string
  targetType?: Ob3AlignmentTargetType
}

/** Our `ext:` target types for alignment targets that are not CASE items. */
export const TARGET_TYPES = {
  element: 'CFItem',
  gridCell: 'ext:CityBadgesGridCell',
  theme: 'ext:CityBadgesTheme',
  destination: 'ext:CityBadgesDestination',
} as const satisfies Record<string, Ob3AlignmentTargetType>

/** Input of {@link buildAlignments}: a badge class's choices plus the city's spine content and URLs. */
export interface AlignmentInput {
  selection: SpineSelection
  themes?: readonly string[]
  destinations?: readonly string[]
  spine: { elements: readonly SpineElement[]; grid: readonly GridCell[]; themes: readonly Theme[]; destinations: readonly Destination[] }
  urls: Pick<SpineUrls, 'element' | 'gridCell' | 'theme' | 'destination'>
  /** `targetFramework` of every spine target, e.g. "Plymouth City of Learning skills spine". */
  frameworkName: string
  /** Language of grid descriptors; default `en`. */
  lang?: string
  /** Also align to each element's external mappings that have a URL (default true). */
  includeMappings?: boolean
}

/** Thrown when an alignment names a code the spine does not have: validate before building. */
export class SpineReferenceError extends Error {
  override readonly name = 'SpineReferenceError'
  constructor(readonly missing: string[]) {
    super(`unknown spine references: ${missing.join(', ')}`)
  }
}

interface Target {
  name: string
  url: string
  description?: string
  framework: string
  code: string
  type?: Ob3AlignmentTargetType
}

/**
 * Builds the OB 2.0 and OB 3.0 `alignment` arrays of a badge class, in this order: each selected element
 * (targetCode = element code, targetType CFItem) followed by its external mappings with a URL (their own framework
 * and code); then one grid cell per dimension (`grid.{level}.{dimension}`, the descriptor as description); then
 * themes (`theme.{code}`) and destinations (`destination.{code}`). Retired elements still resolve, so badge classes
 * approved before a retirement keep their alignment.
 * @throws SpineReferenceError when a code is unknown.
 */
export function buildAlignments(input: AlignmentInput): { ob2: Ob2Alignment[]; ob3: Ob3Alignment[] } {
  const { selection, spine, urls, frameworkName } = input
  const elements = new Map(spine.elements.map((e) => [e.code, e]))
  const themes = new Map(spine.themes.map((t) => [t.code, t]))
  const destinations = new Map(spine.destinations.map((d) => [d.code, d]))
  const missing: string[] = []
  const targets: Target[] = []
  const framed = (t: Omit<Target, 'framework'>): Target => ({ ...t, framework: frameworkName })

  for (const code of selection.elements) {
    const el = elements.get(code)
    if (!el) {
      missing.push(`element ${code}`)
      continue
    }
    targets.push(framed({ name: el.title, url: urls.element(code), description: el.description, code, type: TARGET_TYPES.element }))
    if (input.includeMappings === false) continue
    for (const m of el.mappings ?? []) {
      if (m.url !== undefined) targets.push({ name: el.title, url: m.url, framework: m.framework, code: m.code })
    }
  }
  for (const dimension of selection.dimensions) {
    const cell = findCell(spine.grid, selection.level, dimension)
    if (!cell) {
      missing.push(`grid ${selection.level}/${dimension}`)
      continue
    }
    targets.push(framed({
      name: `${labelOf(LEVELS, selection.level)}: ${labelOf(DIMENSIONS, dimension)}`,
      url: urls.gridCell(selection.level, dimension),
      description: pickDescriptor(cell, input.lang),
      code: `grid.${selection.level}.${dimension}`,
      type: TARGET_TYPES.gridCell,
    }))
  }
  for (const code of input.themes ?? []) {
    const t = themes.get(code)
    if (!t) missing.push(`theme ${code}`)
    else targets.push(framed({ name: t.title, url: urls.theme(code), description: t.description, code: `theme.${code}`, type: TARGET_TYPES.theme }))
  }
  for (const code of input.destinations ?? []) {
    const d = destinations.get(code)
    if (!d) missing.push(`destination ${code}`)
    else {
      targets.push(framed({ name: d.title, url: urls.destination(code), description: d.description, code: `destination.${code}`, type: TARGET_TYPES.destination }))
    }
  }
  if (missing.length > 0) throw new SpineReferenceError(missing)

  const ob2 = targets.map((t): Ob2Alignment => ({
    targetName: t.name,
    targetUrl: t.url,
    ...(t.description !== undefined ? { targetDescription: t.description } : {}),
    targetFramework: t.framework,
    targetCode: t.code,
  }))
  const ob3 = targets.map((t, i): Ob3Alignment => ({
    type: ['Alignment'],
    ...(ob2[i] as Ob2Alignment),
    ...(t.type !== undefined ? { targetType: t.type } : {}),
  }))
  return { ob2, ob3 }
}

/**
 * Checks a badge class's selection before approval: at least one element, each known, active and listed once;
 * a valid level; at least one valid dimension, each listed once.
 */
export function validateSelection(selection: SpineSelection, elements: readonly SpineElement[]): Problem[] {
  const problems: Problem[] = []
  const byCode = new Map(elements.map((e) => [e.code, e]))
  const codes: unknown[] = Array.isArray(selection?.elements) ? selection.elements : []
  if (codes.length === 0) problems.push({ path: 'elements', code: 'empty_selection', message: 'select at least one spine element' })
  const seen = new Set<unknown>()
  codes.forEach((code, i) => {
    const at = `elements[${i}]`
    const el = typeof code === 'string' ? byCode.get(code) : undefined
    if (seen.has(code)) problems.push({ path: at, code: 'duplicate', message: `'${String(code)}' is selected more than once` })
    else if (!el) problems.push({ path: at, code: 'unknown_element', message: `'${String(code)}' is not an element of this spine` })
    else if (el.status !== 'active') problems.push({ path: at, code: 'retired_element', message: `'${el.code}' is retired` })
    seen.add(code)
  })
  if (!isLevel(selection?.level)) {
    problems.push({ path: 'level', code: 'invalid_value', message: `level must be one of ${LEVELS.map((l) => l.value).join(', ')}` })
  }
  const dims: unknown[] = Array.isArray(selection?.dimensions) ? selection.dimensions : []
  if (dims.length === 0) problems.push({ path: 'dimensions', code: 'empty_selection', message: 'select at least one dimension' })
  const seenDims = new Set<unknown>()
  dims.forEach((d, i) => {
    if (!isDimension(d)) problems.push({ path: `dimensions[${i}]`, code: 'invalid_value', message: `unknown dimension '${String(d)}'` })
    else if (seenDims.has(d)) problems.push({ path: `dimensions[${i}]`, code: 'duplicate', message: `'${d}' is selected more than once` })
    seenDims.add(d)
  })
  return problems
}

/** Checks a badge class's theme and destination codes against the city's catalogue (known, listed once). */
export function validateThemesAndDestinations(
  chosen: { themes?: readonly string[]; destinations?: readonly string[] },
  catalogue: { themes: readonly Theme[]; destinations: readonly Destination[] },
): Problem[] {
  const problems: Problem[] = []
  const check = (name: string, codes: readonly string[], known: ReadonlySet<string>) => {
    const seen = new Set<string>()
    codes.forEach((code, i) => {
      if (seen.has(code)) problems.push({ path: `${name}[${i}]`, code: 'duplicate', message: `'${code}' is listed more than once` })
      else if (!known.has(code)) problems.push({ path: `${name}[${i}]`, code: 'not_found', message: `'${code}' is not one of this city's ${name}` })
      seen.add(code)
    })
  }
  check('themes', chosen.themes ?? [], new Set(catalogue.themes.map((t) => t.code)))
  check('destinations', chosen.destinations ?? [], new Set(catalogue.destinations.map((d) => d.code)))
  return problems
}
