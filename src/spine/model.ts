/**
 * The skills spine vocabulary: layered elements, the levels x dimensions grid, themes, destinations and a badge
 * class's selection. Pure data types plus the label tables the API and exports share.
 */

/** The four spine layers, from the universal core outwards (DOMAIN.md "Skills spine"). */
export const LAYERS = [
  { value: 'core', label: 'Universal core' },
  { value: 'cities-of-learning', label: 'Cities of Learning layer' },
  { value: 'city', label: 'City layer' },
  { value: 'strategic', label: 'Strategic layer' },
] as const
export type Layer = (typeof LAYERS)[number]['value']

/** The four levels of learning, in order of progression. */
export const LEVELS = [
  { value: 'engagement', label: 'Engagement' },
  { value: 'participation', label: 'Participation' },
  { value: 'demonstration', label: 'Demonstration' },
  { value: 'leadership', label: 'Leadership' },
] as const
export type Level = (typeof LEVELS)[number]['value']

/** The three dimensions of the grid. */
export const DIMENSIONS = [
  { value: 'knowledge', label: 'Knowledge' },
  { value: 'skills', label: 'Skills' },
  { value: 'attitudes-values', label: 'Attitudes and values' },
] as const
export type Dimension = (typeof DIMENSIONS)[number]['value']

/** What an element is; `framework-item` marks items imported from a formal framework. */
export const ELEMENT_KINDS = ['domain', 'competency', 'knowledge', 'skill', 'disposition', 'framework-item'] as const
export type ElementKind = (typeof ELEMENT_KINDS)[number]

/** An element in use is retired, never deleted; retired elements keep resolving. */
export const ELEMENT_STATUSES = ['active', 'retired'] as const
export type ElementStatus = (typeof ELEMENT_STATUSES)[number]

/** Themes curate learning: civic, wellbeing, sector. */
export const THEME_KINDS = [
  { value: 'civic', label: 'Civic' },
  { value: 'wellbeing', label: 'Wellbeing' },
  { value: 'sector', label: 'Sector' },
] as const
export type ThemeKind = (typeof THEME_KINDS)[number]['value']

/** Where learning leads; local destinations are named instances of one of these kinds. */
export const DESTINATION_KINDS = [
  { value: 'education', label: 'Education' },
  { value: 'employment', label: 'Employment' },
  { value: 'enterprise', label: 'Enterprise' },
  { value: 'civic-engagement', label: 'Civic engagement' },
] as const
export type DestinationKind = (typeof DESTINATION_KINDS)[number]['value']

/** A link from an element to an item of an external framework (ESCO, a national qualification framework, ...). */
export interface ElementMapping {
  framework: string
  url?: string
  code: string
}

/** One node of a city's spine tree. `code` is stable forever: never renamed, never reused. */
export interface SpineElement {
  code: string
  layer: Layer
  parentCode?: string
  title: string
  description?: string
  kind?: ElementKind
  mappings?: ElementMapping[]
  /** Other languages: `{ title: { en, cy }, description: { en, cy } }` (BCP 47 tags); absent for a one-language element. */
  translations?: Record<string, Record<string, string>>
  status: ElementStatus
  /** Starts at 1; bumped when an element already used by badge classes is edited. */
  version: number
}

/** One cell of the levels x dimensions grid; descriptors keyed by BCP 47 language tag. */
export interface GridCell {
  level: Level
  dimension: Dimension
  descriptors: Record<string, string>
}

/** A theme of a city's catalogue. */
export interface Theme {
  kind: ThemeKind
  code: string
  title: string
  description?: string
  /** Only for sector themes, e.g. `uk-sic-2007:F`. */
  industryCode?: string
  /** Other languages of title and description, as on {@link SpineElement}. */
  translations?: Record<string, Record<string, string>>
}

/** A destination of a city's catalogue. */
export interface Destination {
  kind: DestinationKind
  code: string
  title: string
  description?: string
  /** Other languages of title and description, as on {@link SpineElement}. */
  translations?: Record<string, Record<string, string>>
}

/** What a badge class claims on the spine: elements, one level, one or more dimensions. */
export interface SpineSelection {
  elements: string[]
  level: Level
  dimensions: Dimension[]
}

/** A city's whole spine content. */
export interface SpineContent {
  elements: SpineElement[]
  grid: GridCell[]
  themes: Theme[]
  destinations: Destination[]
}

/** Stable machine codes for {@link Problem}; the HTTP layer maps any problem list to a 4xx. */
export type ProblemCode =
  | 'invalid_value'
  | 'missing_field'
  | 'invalid_code'
  | 'duplicate_code'
  | 'code_reused'
  | 'empty_text'
  | 'too_long'
  | 'unknown_parent'
  | 'parent_other_layer'
  | 'cycle'
  | 'active_under_retired'
  | 'not_found'
  | 'in_use'
  | 'has_children'
  | 'active_children'
  | 'retired'
  | 'unknown_association_type'
  | 'broken_reference'
  | 'multiple_parents'
  | 'too_many_items'
  | 'too_large'
  | 'invalid_utf8'
  | 'invalid_json'
  | 'unknown_element'
  | 'retired_element'
  | 'duplicate'
  | 'empty_selection'

/** One validation finding; `path` points into the input (`elements[3].title`, `CFItems[0].uri`). */
export interface Problem {
  path: string
  code: ProblemCode
  message: string
}

/** Element, theme and destination codes: lower-case, dot-separated segments, at most 64 characters. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/

/** Text limits enforced on every write and import. */
export const LIMITS = {
  title: 300,
  description: 10_000,
  descriptor: 500,
  mappingField: 500,
  url: 2048,
} as const

const LEVEL_SET: ReadonlySet<string> = new Set(LEVELS.map((l) => l.value))
const DIMENSION_SET: ReadonlySet<string> = new Set(DIMENSIONS.map((d) => d.value))
const LAYER_SET: ReadonlySet<string> = new Set(LAYERS.map((l) => l.value))
const KIND_SET: ReadonlySet<string> = new Set(ELEMENT_KINDS)

/** Type guards for untrusted input. */
export const isLevel = (v: unknown): v is Level => typeof v === 'string' && LEVEL_SET.has(v)
export const isDimension = (v: unknown): v is Dimension => typeof v === 'string' && DIMENSION_SET.has(v)
export const isLayer = (v: unknown): v is Layer => typeof v === 'string' && LAYER_SET.has(v)
export const isElementKind = (v: unknown): v is ElementKind => typeof v === 'string' && KIND_SET.has(v)

/** Human label of a level, dimension or layer value. */
export function labelOf(table: readonly { value: string; label: string }[], value: string): string {
  return table.find((t) => t.value === value)?.label ?? value
}

/** Checks a required, bounded text field; returns the problem or undefined. */
export function checkText(path: string, value: unknown, max: number, required: boolean): Problem | undefined {
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string') return { path, code: 'missing_field', message: `${path} must be a string` }
  if (value.trim() === '') return { path, code: 'empty_text', message: `${path} must not be empty` }
  if (value.length > max) return { path, code: 'too_long', message: `${path} is longer than ${max} characters` }
  return undefined
}

/** Checks a code against {@link CODE_PATTERN}. */
export function checkCode(path: string, value: unknown): Problem | undefined {
  if (typeof value === 'string' && CODE_PATTERN.test(value)) return undefined
  return {
    path,
    code: 'invalid_code',
    message: `${path} must match ${CODE_PATTERN.source} (lower-case letters, digits, '.', '_', '-'; at most 64)`,
  }
}
