import * as repo from '../../db/spine/spine.repo.js'
import type { CityRow } from '../../db/types.js'
import {
  LAYERS, exportCase, labelOf, parseCaseBytes, validateTree,
  type CFPackage, type Layer, type Problem, type SpineElement,
} from '../../spine/index.js'
import type { Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { BadRequest, DomainError, InvalidInput } from '../shared/errors.js'
import { ensureSpine, frameworkName, problemFields, requireSpineWrite, rowToElement, sortedTranslations, spineProblemError, writeElements } from './spine-store.js'
import { canonicalTag, defaultLanguage, negotiateLanguage, storedTranslations } from '../shared/i18n.js'

/** An upload beyond the size or item limits (the HTTP layer answers 413). */
export class SpineFileTooLarge extends DomainError { override readonly code = 'TOO_LARGE' }

/** Limits of one CASE upload: a few MiB and a few thousand items keep an import inside one short transaction. */
export const CASE_MAX_BYTES = 5 * 1024 * 1024
export const CASE_MAX_ITEMS = 5_000

export interface CaseImportOptions {
  /** The layer the framework becomes, or `preserve` to restore a spine exported by us (every layer). */
  layer: Layer | 'preserve'
  /** `replace`: the layer becomes the file (missing elements deleted, or retired when in use); `merge`: upsert only. */
  mode: 'replace' | 'merge'
  /** Prepended to every imported code, so that a foreign framework cannot collide with ours. */
  prefix?: string | undefined
  maxItems?: number | undefined
  maxBytes?: number | undefined
}

export interface CaseImportResult {
  layer: Layer | 'preserve'
  mode: 'replace' | 'merge'
  items: number
  created: number
  updated: number
  unchanged: number
  retired: number
  deleted: number
  /** Items of the shared layers (core, Cities of Learning) in a file we exported: matched by code, left as the city has them. */
  shared: number
}

/** The layers every city shares: an import of another city's export never writes them. */
export const SHARED_LAYERS: ReadonlySet<Layer> = new Set<Layer>(['core', 'cities-of-learning'])

type Counts = Pick<CaseImportResult, 'created' | 'updated' | 'unchanged' | 'retired' | 'deleted'>
interface ImportPlan { upserts: SpineElement[]; deletes: string[]; next: SpineElement[]; problems: Problem[]; counts: Counts }

const content = (e: SpineElement) => JSON.stringify([e.title, e.description, e.kind, e.mappings, e.parentCode])

/**
 * Merges parsed elements into the layers in `scope`. An element keeps its code and layer forever: a code of another
 * layer, or of an element deleted earlier, is refused. Editing an element in use bumps its version (never lowers
 * it). With `replace`, elements of the scope missing from the file are deleted, or retired when in use (with the
 * ancestors they need). Every problem is collected; the result is then checked as a whole tree.
 */
export function planImport (existing: readonly SpineElement[], imported: readonly SpineElement[], scope: ReadonlySet<Layer>,
  mode: 'replace' | 'merge', inUse: ReadonlySet<string>, historic: ReadonlySet<string>): ImportPlan {
  const problems: Problem[] = []
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 }
  const byCode = new Map(existing.map((e) => [e.code, e]))
  const inFile = new Set(imported.map((e) => e.code))
  const upserts: SpineElement[] = []
  const deletes: string[] = []

  imported.forEach((el, i) => {
    const ex = byCode.get(el.code)
    if (ex && ex.layer !== el.layer) {
      problems.push({ path: `CFItems[${i}]`, code: 'duplicate_code', message: `code '${el.code}' already belongs to the ${ex.layer} layer` })
    } else if (!ex && historic.has(el.code)) {
      problems.push({ path: `CFItems[${i}]`, code: 'code_reused', message: `code '${el.code}' belonged to a deleted element; codes are never reused` })
    } else if (!ex) {
      upserts.push(el)
      counts.created++
    } else {
      const edited = content(ex) !== content(el)
      if (!edited && ex.status === el.status && el.version <= ex.version) {
        counts.unchanged++
        return
      }
      upserts.push({ ...el, version: Math.max(el.version, ex.version + (edited && inUse.has(el.code) ? 1 : 0)) })
      counts.updated++
    }
  })

  if (mode === 'replace') {
    const missing = existing.filter((e) => scope.has(e.layer) && !inFile.has(e.code))
    const missingCodes = new Set(missing.map((e) => e.code))
    const keep = new Set<string>()
    for (const e of missing) {
      for (let c: string | undefined = inUse.has(e.code) ? e.code : undefined; c !== undefined && missingCodes.has(c) && !keep.has(c); c = byCode.get(c)?.parentCode) keep.add(c)
    }
    for (const e of missing) {
      if (!keep.has(e.code)) {
        deletes.push(e.code)
        counts.deleted++
      } else if (e.status !== 'retired') {
        upserts.push({ ...e, status: 'retired' })
        counts.retired++
      }
    }
  }

  const written = new Map(upserts.map((e) => [e.code, e]))
  const gone = new Set(deletes)
  const next = [...existing.filter((e) => !gone.has(e.code)).map((e) => written.get(e.code) ?? e), ...upserts.filter((e) => !byCode.has(e.code))]
  if (problems.length === 0) problems.push(...validateTree(next))
  return { upserts, deletes, next, problems, counts }
}

/** The languages of a spine's texts: the city's locales, then any other its elements carry. */
export function spineLanguages (city: CityRow, elements: readonly SpineElement[]): string[] {
  const out = new Set<string>([defaultLanguage(city), ...city.locales])
  for (const e of elements) for (const map of Object.values(e.translations ?? {})) for (const tag of Object.keys(map)) out.add(tag)
  return [...out]
}

/** The language to export or show a spine in: `want` when the spine has it, else the city's default (undefined: none set). */
export function spineLanguage (city: CityRow, elements: readonly SpineElement[], want: { header?: string | undefined; lang?: string | undefined }): string | undefined {
  if (want.lang === undefined && want.header === undefined) return city.locales[0] !== undefined ? defaultLanguage(city) : undefined
  return negotiateLanguage({ header: want.header, explicit: want.lang, available: spineLanguages(city, elements), fallback: defaultLanguage(city) })
}

/**
 * An imported element's texts in the city's default language (the columns) when its translations carry it, with
 * every tag checked (INVALID_LANGUAGE_TAG) and canonical; only several languages are kept as translations.
 */
function inDefaultLanguage (e: SpineElement, lang: string): SpineElement {
  if (e.translations === undefined) return e
  const translations: Record<string, Record<string, string>> = {}
  for (const [field, map] of Object.entries(e.translations)) {
    translations[field] = Object.fromEntries(Object.entries(map).map(([tag, text]) => [canonicalTag(tag, `/CFItems/${e.code}/extensions/citybadges/translations/${field}/${tag}`), text]))
  }
  const out: SpineElement = { ...e }
  const title = translations.title?.[lang]
  const description = translations.description?.[lang]
  if (title !== undefined) out.title = title
  if (description !== undefined) out.description = description
  const kept = storedTranslations(translations, lang)
  if (kept) out.translations = sortedTranslations(kept)
  else delete out.translations
  return out
}

export function createSpineCase (deps: DomainDeps) {
  /**
   * The spine (or one layer) as a CASE 1.1 CFPackage, its statements in `lang` when given and known to the spine
   * (else the city's default language); every language also rides in each item's extension.
   */
  async function exportSpine (city: CityRow, layer?: Layer, want: { header?: string | undefined; lang?: string | undefined } = {}): Promise<CFPackage> {
    await ensureSpine(deps.db, city.id)
    const spine = await repo.findSpine(deps.db, city.id)
    const rows = await repo.listAllElements(deps.db, city.id)
    const elements = rows.map(rowToElement)
    const title = frameworkName(city, spine?.title)
    // The spine's own last change (not the request time): the same spine exports the same bytes and ETag.
    const changes = [spine?.updated_at, ...rows.map((r) => r.updated_at)].filter((d): d is Date => d instanceof Date).map((d) => d.getTime())
    const lastChange = changes.length > 0 ? new Date(Math.max(...changes)) : city.created_at
    const language = spineLanguage(city, elements, want)
    return exportCase({
      elements,
      ...(layer !== undefined ? { layers: [layer] } : {}),
      baseUrl: deps.publicUrl,
      citySlug: city.slug,
      frameworkTitle: layer !== undefined ? `${title}: ${labelOf(LAYERS, layer)}` : title,
      creator: city.name,
      ...(language !== undefined ? { language } : {}),
      now: lastChange,
    })
  }

  /**
   * Imports a CASE 1.1 CFPackage from raw bytes (strict UTF-8, size and item limits) into a layer, atomically:
   * either every element is written or nothing is.
   */
  async function importSpine (principal: Principal, city: CityRow, bytes: Uint8Array, opts: CaseImportOptions): Promise<CaseImportResult> {
    requireSpineWrite(principal)
    const parsed = parseCaseBytes(bytes, {
      layer: opts.layer,
      maxItems: opts.maxItems ?? CASE_MAX_ITEMS,
      maxAssociations: (opts.maxItems ?? CASE_MAX_ITEMS) * 4,
      maxBytes: opts.maxBytes ?? CASE_MAX_BYTES,
      ...(opts.prefix !== undefined ? { codePrefix: opts.prefix } : {}),
    })
    if (!parsed.ok) {
      const codes = new Set(parsed.problems.map((p) => p.code))
      const fields = problemFields(parsed.problems)
      const detail = parsed.problems.slice(0, 3).map((p) => p.message).join('; ')
      if (codes.has('too_large') || codes.has('too_many_items')) throw new SpineFileTooLarge(`the CASE file is too large: ${detail}`, fields)
      if (codes.has('invalid_utf8') || codes.has('invalid_json')) throw new BadRequest(`the CASE file cannot be read: ${detail}`, fields)
      throw new InvalidInput(`the CASE file is invalid (${parsed.problems.length} problems): ${detail}`, fields)
    }
    // A file exported by us names each item's layer. Its shared-layer items match the city's by code and are left as
    // they are (never added, edited or deleted), unless the caller imports into a shared layer on purpose.
    let elements = parsed.elements.map((e) => inDefaultLanguage(e, defaultLanguage(city)))
    let shared = 0
    if (opts.layer === 'preserve' || !SHARED_LAYERS.has(opts.layer)) {
      const ours = opts.layer === 'preserve' ? parsed : parseCaseBytes(bytes, { layer: 'preserve', ...(opts.prefix !== undefined ? { codePrefix: opts.prefix } : {}) })
      if (ours.ok) {
        const sharedCodes = new Set(ours.elements.filter((e) => SHARED_LAYERS.has(e.layer)).map((e) => e.code))
        elements = elements.filter((e) => !sharedCodes.has(e.code))
        shared = parsed.elements.length - elements.length
      }
    }
    await ensureSpine(deps.db, city.id)
    const scope = new Set<Layer>(opts.layer === 'preserve' ? LAYERS.map((l) => l.value).filter((l) => !SHARED_LAYERS.has(l)) : [opts.layer])
    return deps.db.transaction().execute(async (trx) => {
      await repo.lockSpine(trx, city.id)
      const rows = await repo.listAllElements(trx, city.id)
      const plan = planImport(rows.map(rowToElement), elements, scope, opts.mode,
        await repo.codesInUse(trx, city.id), await repo.listDeletedCodes(trx, city.id))
      if (plan.problems.length > 0) throw spineProblemError('the CASE file does not fit this spine', plan.problems, plan.next)
      // Existing elements keep their place; new ones follow in file order.
      await writeElements(trx, city.id, rows, plan.upserts, plan.deletes)
      return { layer: opts.layer, mode: opts.mode, items: parsed.elements.length, ...plan.counts, shared }
    })
  }

  return { exportSpine, importSpine }
}
