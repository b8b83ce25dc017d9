/**
 * Languages (issue #13 item 4): BCP 47 tags, `Accept-Language` negotiation and texts kept as maps by language tag.
 * Pure (no framework, db or clock).
 *
 * A translatable field is sent either as a plain string (the city's default language, `city.locales[0]`) or as a
 * map `{ "en": "…", "cy": "…" }`. Its row keeps the default-language text in its own column (so rows written before
 * languages existed are simply "the default language") and every language in a `translations` jsonb column:
 * `{ <field>: { <tag>: <text> } }`.
 */
import { DomainError, InvalidInput } from './errors.js'

export type LangMap = Record<string, string>
/** Field name → language tag → text. */
export type Translations = Record<string, LangMap>
export type TextInput = string | LangMap

/** A language tag that is malformed (not BCP 47) or names no language we know. */
export class InvalidLanguageTag extends DomainError { override readonly code = 'INVALID_LANGUAGE_TAG' }

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })

/** Why a tag is refused, or its canonical form (`EN-gb` → `en-GB`). */
export function checkTag (tag: string): { ok: true; tag: string } | { ok: false; reason: 'malformed' | 'unknown' } {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > 35 || !/^[A-Za-z0-9-]+$/.test(tag)) return { ok: false, reason: 'malformed' }
  let canonical: string
  try {
    const found = Intl.getCanonicalLocales(tag)[0]
    if (found === undefined) return { ok: false, reason: 'malformed' }
    canonical = found
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const language = new Intl.Locale(canonical).language
  if (displayNames.of(language) === undefined) return { ok: false, reason: 'unknown' }
  return { ok: true, tag: canonical }
}

/** The canonical form of a tag; throws {@link InvalidLanguageTag} (naming `field`) when it is malformed or unknown. */
export function canonicalTag (tag: string, field = '/language'): string {
  const checked = checkTag(tag)
  if (checked.ok) return checked.tag
  const message = checked.reason === 'malformed' ? `"${tag}" is not a well-formed BCP 47 language tag` : `"${tag}" names no known language`
  throw new InvalidLanguageTag(`${message} (use a BCP 47 tag such as "en", "cy" or "en-GB")`, [{ field, message }])
}

/** The city's default language: its first locale (`en` when it has none). */
export function defaultLanguage (city: { locales: readonly string[] }): string {
  const first = city.locales[0]
  const checked = first === undefined ? undefined : checkTag(first)
  return checked?.ok === true ? checked.tag : 'en'
}

/** Parses an `Accept-Language` header (RFC 9110 §12.5.4) into ranges by descending q; q=0 and junk are dropped. */
export function parseAcceptLanguage (header: string | undefined): string[] {
  if (header === undefined || header.length > 4096) return []
  const ranges: Array<{ range: string; q: number; i: number }> = []
  header.split(',').forEach((part, i) => {
    const [rawRange, ...params] = part.trim().split(';')
    const range = (rawRange ?? '').trim()
    if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(range)) return
    let q = 1
    for (const p of params) {
      const m = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(p)
      if (m) q = Number(m[1])
      else if (/^\s*q\s*=/i.test(p)) q = -1
    }
    if (q > 0) ranges.push({ range, q, i })
  })
  return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.range)
}

/** The first of `available` that the range matches (RFC 4647 lookup: exact, then a more specific tag, then the range truncated). */
function matchRange (range: string, available: readonly string[]): string | undefined {
  const lower = range.toLowerCase()
  const exact = available.find((t) => t.toLowerCase() === lower)
  if (exact) return exact
  const narrower = available.find((t) => t.toLowerCase().startsWith(lower + '-'))
  if (narrower) return narrower
  const parts = lower.split('-')
  while (parts.length > 1) {
    parts.pop()
    const prefix = parts.join('-')
    const found = available.find((t) => t.toLowerCase() === prefix)
    if (found) return found
  }
  return undefined
}

/**
 * The language to answer in: an explicit `?lang=` when available, else the best of `Accept-Language` among
 * `available`, else `fallback` (the city's default) when available, else the first available.
 */
export function negotiateLanguage (opts: { header?: string | undefined; explicit?: string | undefined; available: readonly string[]; fallback: string }): string {
  const { available, fallback } = opts
  const fallbackTag = matchRange(fallback, available) ?? available[0] ?? fallback
  if (opts.explicit !== undefined) {
    const found = matchRange(opts.explicit, available)
    if (found) return found
  }
  for (const range of parseAcceptLanguage(opts.header)) {
    if (range === '*') return fallbackTag
    const found = matchRange(range, available)
    if (found) return found
  }
  return fallbackTag
}

/** The text of `map` in `lang`, else in `fallback`, else any. */
export function textIn (map: LangMap | undefined, lang: string, fallback?: string): string | undefined {
  if (!map) return undefined
  return map[lang] ?? (fallback !== undefined ? map[fallback] : undefined) ?? Object.values(map)[0]
}

/** Every language tag used in the maps (the default first). */
export function languagesOf (translations: Translations, defaultLang: string): string[] {
  const out = new Set<string>([defaultLang])
  for (const map of Object.values(translations)) for (const tag of Object.keys(map)) out.add(tag)
  return [...out]
}

/**
 * The maps of a row's translatable fields: the stored map, else the column value as the default language.
 * `columns` maps each field name to its column value.
 */
export function mapsOf (columns: Record<string, string | null | undefined>, stored: Translations | null | undefined, defaultLang: string): Translations {
  const out: Translations = {}
  for (const [field, value] of Object.entries(columns)) {
    const map = stored?.[field]
    if (map && Object.keys(map).length > 0) out[field] = { ...map }
    else if (value !== null && value !== undefined && value !== '') out[field] = { [defaultLang]: value }
  }
  return out
}

/**
 * Applies the translatable fields of an input (`undefined` = unchanged, `null` = cleared, a string = the default
 * language's text, a map = every language) to the stored maps. Returns the default-language column values of the
 * fields given and the new translations. Tags are validated and canonicalised; a map must carry the default language.
 */
export function applyTexts (
  input: Record<string, TextInput | null | undefined>, stored: Translations | null | undefined, defaultLang: string,
  opts: { trim?: readonly string[]; pointer?: (field: string) => string } = {},
): { columns: Record<string, string | null>; translations: Translations } {
  const translations: Translations = { ...(stored ?? {}) }
  const columns: Record<string, string | null> = {}
  const pointer = opts.pointer ?? ((f: string) => `/${f}`)
  const clean = (field: string, s: string) => opts.trim?.includes(field) === true ? s.trim() : s
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (value === null) {
      columns[field] = null
      delete translations[field]
    } else if (typeof value === 'string') {
      columns[field] = clean(field, value)
      translations[field] = { ...(translations[field] ?? {}), [defaultLang]: clean(field, value) }
    } else {
      const map: LangMap = {}
      for (const [tag, text] of Object.entries(value)) {
        const canonical = canonicalTag(tag, `${pointer(field)}/${tag}`)
        if (map[canonical] !== undefined) throw new InvalidLanguageTag(`"${tag}" repeats the language ${canonical}`, [{ field: `${pointer(field)}/${tag}`, message: 'the same language twice' }])
        map[canonical] = clean(field, text)
      }
      const primary = map[defaultLang]
      if (primary === undefined) {
        throw new InvalidInput(`a map of languages must include the city's default language "${defaultLang}"`, [{ field: pointer(field), message: `needs "${defaultLang}"` }])
      }
      columns[field] = primary
      translations[field] = map
    }
  }
  return { columns, translations }
}

/** What to store of `translations`: nothing when every text is in the default language only (the columns hold it). */
export function storedTranslations (translations: Translations, defaultLang: string): Translations | undefined {
  return languagesOf(translations, defaultLang).length > 1 ? translations : undefined
}

/** A thing with a title, a description and translations, with its texts in `lang` (else in the default language). */
export function localiseTexts<T extends { title: string; description?: string; translations?: Translations }> (e: T, lang: string): T {
  if (!e.translations) return e
  const description = e.translations.description?.[lang]
  return { ...e, title: e.translations.title?.[lang] ?? e.title, ...(description !== undefined ? { description } : {}) }
}
