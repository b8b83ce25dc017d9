import { findCityBySlug } from '../../db/repos.js'
import * as repo from '../../db/spine/spine.repo.js'
import type { CityRow } from '../../db/types.js'
import {
  LAYERS, findCell, spineId, standaloneCaseDocument,
  type CFDocument, type CFPackage, type Destination, type Dimension, type GridCell, type Layer, type Level, type SpineContent,
  type SpineElement, type SpineUrls, type Theme,
} from '../../spine/index.js'
import type { DomainDeps } from '../shared/context.js'
import { NotFound } from '../shared/errors.js'
import { createSpineCase, spineLanguages } from './spine-case.js'
import { defaultLanguage, localiseTexts, negotiateLanguage } from '../shared/i18n.js'
import { ensureSpine, frameworkName, loadSpineContent, rowToElement, urlsOf } from './spine-store.js'

/** What every public spine page knows: whose spine it is, where its pages live, and the language it answers in. */
export interface PublicContext { city: CityRow; title: string; urls: SpineUrls; language: string }

/** What a request asks for: Accept-Language and an explicit `?lang=`. */
export interface LanguageWanted { header?: string | undefined; lang?: string | undefined }

type Texts = { title: string; description?: string; translations?: Record<string, Record<string, string>> }

export interface PublicElement extends PublicContext {
  element: SpineElement
  parent?: { code: string; title: string }
  children: Array<{ code: string; title: string; status: string }>
  /** The current version number, and the older versions that still resolve (`?version=`). */
  currentVersion: number
  olderVersions: number[]
}

/** Read-only views behind the public `/spine/{city}/...` URLs that alignments and CASE exports point at. */
export function createSpinePublic (deps: DomainDeps) {
  const caseExports = createSpineCase(deps)

  async function context (slug: string): Promise<PublicContext> {
    const city = await findCityBySlug(deps.db, slug)
    if (!city) throw new NotFound('spine', slug)
    await ensureSpine(deps.db, city.id)
    const spine = await repo.findSpine(deps.db, city.id)
    return { city, title: frameworkName(city, spine?.title), urls: urlsOf(deps.publicUrl, city), language: defaultLanguage(city) }
  }

  /** The language to answer in among the city's locales and those of `things`. */
  const languageFor = (city: CityRow, things: readonly Texts[], want: LanguageWanted): string =>
    negotiateLanguage({ header: want.header, explicit: want.lang, available: spineLanguages(city, things as SpineElement[]), fallback: defaultLanguage(city) })

  async function framework (slug: string, want: LanguageWanted = {}): Promise<PublicContext & { content: SpineContent }> {
    const ctx = await context(slug)
    const content = await loadSpineContent(deps.db, ctx.city.id)
    const language = languageFor(ctx.city, [...content.elements, ...content.themes, ...content.destinations], want)
    return {
      ...ctx,
      language,
      content: {
        ...content,
        elements: content.elements.map((e) => localiseTexts(e, language)),
        themes: content.themes.map((t) => localiseTexts(t, language)),
        destinations: content.destinations.map((d) => localiseTexts(d, language)),
      },
    }
  }

  /** An element (retired ones too), or one of its superseded versions. */
  async function element (slug: string, code: string, version?: number, want: LanguageWanted = {}): Promise<PublicElement> {
    const ctx = await context(slug)
    const row = await repo.findElement(deps.db, ctx.city.id, code)
    if (!row) throw new NotFound('spine element', code)
    const current = rowToElement(row)
    let shown = current
    if (version !== undefined && version !== current.version) {
      const old = await repo.findElementVersion(deps.db, ctx.city.id, code, version)
      if (!old) throw new NotFound('spine element version', `${code}@${version}`)
      shown = old.snapshot as unknown as SpineElement
    }
    const parentRow = shown.parentCode !== undefined ? await repo.findElement(deps.db, ctx.city.id, shown.parentCode) : undefined
    const language = languageFor(ctx.city, [shown], want)
    // Narrower elements by their titles in the page's language where they have one.
    const children = (await repo.listChildren(deps.db, ctx.city.id, code)).map((c) => ({
      code: c.code, status: c.status, title: (c.translations as { title?: Record<string, string> } | null)?.title?.[language] ?? c.title,
    }))
    const parent = parentRow ? localiseTexts(rowToElement(parentRow), language) : undefined
    return {
      ...ctx,
      language,
      element: localiseTexts(shown, language),
      ...(parent ? { parent: { code: parent.code, title: parent.title } } : {}),
      children,
      currentVersion: current.version,
      olderVersions: await repo.listElementVersions(deps.db, ctx.city.id, code),
    }
  }

  async function cell (slug: string, level: Level, dimension: Dimension, want: LanguageWanted = {}): Promise<PublicContext & { cell: GridCell }> {
    const ctx = await context(slug)
    const found = findCell((await repo.listGrid(deps.db, ctx.city.id)).map((r) => ({ level: r.level as Level, dimension: r.dimension as Dimension, descriptors: r.descriptors })), level, dimension)
    if (!found) throw new NotFound('grid cell', `${level}/${dimension}`)
    const language = negotiateLanguage({ header: want.header, explicit: want.lang, available: [...new Set([defaultLanguage(ctx.city), ...ctx.city.locales, ...Object.keys(found.descriptors)])], fallback: defaultLanguage(ctx.city) })
    return { ...ctx, language, cell: found }
  }

  async function theme (slug: string, code: string, want: LanguageWanted = {}): Promise<PublicContext & { theme: Theme }> {
    const ctx = await context(slug)
    const found = (await loadSpineContent(deps.db, ctx.city.id)).themes.find((t) => t.code === code)
    if (!found) throw new NotFound('theme', code)
    const language = languageFor(ctx.city, [found], want)
    return { ...ctx, language, theme: localiseTexts(found, language) }
  }

  async function destination (slug: string, code: string, want: LanguageWanted = {}): Promise<PublicContext & { destination: Destination }> {
    const ctx = await context(slug)
    const found = (await loadSpineContent(deps.db, ctx.city.id)).destinations.find((d) => d.code === code)
    if (!found) throw new NotFound('destination', code)
    const language = languageFor(ctx.city, [found], want)
    return { ...ctx, language, destination: localiseTexts(found, language) }
  }

  /** The CASE package behind a CFDocument identifier of our exports: the whole spine or one layer. */
  async function casePackage (slug: string, identifier: string): Promise<CFPackage> {
    const ctx = await context(slug)
    const id = identifier.toLowerCase()
    if (id === spineId(ctx.city.slug, 'document', 'all')) return caseExports.exportSpine(ctx.city)
    const layer = LAYERS.find((l) => spineId(ctx.city.slug, 'document', `layers:${l.value}`) === id)?.value as Layer | undefined
    if (layer === undefined) throw new NotFound('CASE document', identifier)
    return caseExports.exportSpine(ctx.city, layer)
  }

  async function caseDocument (slug: string, identifier: string): Promise<CFDocument> {
    return standaloneCaseDocument(await casePackage(slug, identifier), deps.publicUrl, slug)
  }

  return { framework, element, cell, theme, destination, casePackage, caseDocument }
}

export type SpinePublic = ReturnType<typeof createSpinePublic>
