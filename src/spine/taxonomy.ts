import {
  DESTINATION_KINDS,
  DIMENSIONS,
  LEVELS,
  LIMITS,
  THEME_KINDS,
  checkCode,
  checkText,
  isDimension,
  isLevel,
  type Destination,
  type Dimension,
  type GridCell,
  type Level,
  type Problem,
  type Theme,
} from './model.js'

// A pragmatic BCP 47 shape (language, then subtags); full registry validation is not worth a dependency here.
const LANG_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/

/** Checks a city's grid: exactly one cell per level x dimension, each with at least one well-formed descriptor. */
export function validateGrid(cells: readonly GridCell[]): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  cells.forEach((cell, i) => {
    const at = `grid[${i}]`
    if (!isLevel(cell.level)) problems.push({ path: `${at}.level`, code: 'invalid_value', message: `unknown level '${String(cell.level)}'` })
    if (!isDimension(cell.dimension)) {
      problems.push({ path: `${at}.dimension`, code: 'invalid_value', message: `unknown dimension '${String(cell.dimension)}'` })
    }
    const key = `${cell.level}/${cell.dimension}`
    if (seen.has(key)) problems.push({ path: at, code: 'duplicate', message: `cell ${key} appears more than once` })
    seen.add(key)
    const entries = typeof cell.descriptors === 'object' && cell.descriptors !== null ? Object.entries(cell.descriptors) : []
    if (entries.length === 0) problems.push({ path: `${at}.descriptors`, code: 'missing_field', message: 'a cell needs at least one descriptor' })
    for (const [lang, text] of entries) {
      if (!LANG_TAG.test(lang)) problems.push({ path: `${at}.descriptors.${lang}`, code: 'invalid_value', message: `'${lang}' is not a BCP 47 language tag` })
      const p = checkText(`${at}.descriptors.${lang}`, text, LIMITS.descriptor, true)
      if (p) problems.push(p)
    }
  })
  for (const { value: level } of LEVELS) {
    for (const { value: dimension } of DIMENSIONS) {
      if (!seen.has(`${level}/${dimension}`)) problems.push({ path: 'grid', code: 'missing_field', message: `cell ${level}/${dimension} is missing` })
    }
  }
  return problems
}

/** Finds one cell of a grid. */
export function findCell(grid: readonly GridCell[], level: Level, dimension: Dimension): GridCell | undefined {
  return grid.find((c) => c.level === level && c.dimension === dimension)
}

/** Best descriptor for `lang`: exact tag, then its primary language, then English, then any. */
export function pickDescriptor(cell: GridCell, lang = 'en'): string | undefined {
  const d = cell.descriptors
  const lower = new Map(Object.entries(d).map(([k, v]) => [k.toLowerCase(), v]))
  const primary = lang.toLowerCase().split('-')[0] ?? ''
  return lower.get(lang.toLowerCase()) ?? lower.get(primary) ?? lower.get('en') ?? Object.values(d)[0]
}

/** Checks themes: codes, titles, kinds; an industry code only on sector themes. */
export function validateThemes(themes: readonly Theme[]): Problem[] {
  const kinds = new Set<string>(THEME_KINDS.map((k) => k.value))
  return validateCatalogue('themes', themes, kinds, (t, at) => {
    if (t.industryCode === undefined) return []
    if (t.kind !== 'sector') return [{ path: `${at}.industryCode`, code: 'invalid_value', message: 'only sector themes carry an industry code' }]
    const p = checkText(`${at}.industryCode`, t.industryCode, 100, true)
    return p ? [p] : []
  })
}

/** Checks destinations: codes, titles and one of the four destination kinds. */
export function validateDestinations(destinations: readonly Destination[]): Problem[] {
  return validateCatalogue('destinations', destinations, new Set<string>(DESTINATION_KINDS.map((k) => k.value)), () => [])
}

function validateCatalogue<T extends Theme | Destination>(
  name: string,
  entries: readonly T[],
  kinds: ReadonlySet<string>,
  extra: (entry: T, at: string) => Problem[],
): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  entries.forEach((e, i) => {
    const at = `${name}[${i}]`
    const found = [
      checkCode(`${at}.code`, e.code),
      checkText(`${at}.title`, e.title, LIMITS.title, true),
      checkText(`${at}.description`, e.description, LIMITS.description, false),
    ]
    for (const p of found) if (p) problems.push(p)
    if (!kinds.has(e.kind)) problems.push({ path: `${at}.kind`, code: 'invalid_value', message: `unknown kind '${String(e.kind)}'` })
    if (seen.has(e.code)) problems.push({ path: `${at}.code`, code: 'duplicate_code', message: `code '${e.code}' is used more than once` })
    seen.add(e.code)
    problems.push(...extra(e, at))
  })
  return problems
}
