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
import { createSpineCase } from './spine-case.js'
import { ensureSpine, frameworkName, loadSpineContent, rowToElement, urlsOf } from './spine-store.js'

/** What every public spine page knows: whose spine it is and where its pages live. */
export interface PublicContext { city: CityRow; title: string; urls: SpineUrls }

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
    return { city, title: frameworkName(city, spine?.title), urls: urlsOf(deps.publicUrl, city) }
  }

  async function framework (slug: string): Promise<PublicContext & { content: SpineContent }> {
    const ctx = await context(slug)
    return { ...ctx, content: await loadSpineContent(deps.db, ctx.city.id) }
  }

  /** An element (retired ones too), or one of its superseded versions. */
  async function element (slug: string, code: string, version?: number): Promise<PublicElement> {
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
    const parent = shown.parentCode !== undefined ? await repo.findElement(deps.db, ctx.city.id, shown.parentCode) : undefined
    const children = await repo.listChildren(deps.db, ctx.city.id, code)
    return {
      ...ctx,
      element: shown,
      ...(parent ? { parent: { code: parent.code, title: parent.title } } : {}),
      children,
      currentVersion: current.version,
      olderVersions: await repo.listElementVersions(deps.db, ctx.city.id, code),
    }
  }

  async function cell (slug: string, level: Level, dimension: Dimension): Promise<PublicContext & { cell: GridCell }> {
    const ctx = await context(slug)
    const found = findCell((await repo.listGrid(deps.db, ctx.city.id)).map((r) => ({ level: r.level as Level, dimension: r.dimension as Dimension, descriptors: r.descriptors })), level, dimension)
    if (!found) throw new NotFound('grid cell', `${level}/${dimension}`)
    return { ...ctx, cell: found }
  }

  async function theme (slug: string, code: string): Promise<PublicContext & { theme: Theme }> {
    const ctx = await framework(slug)
    const found = ctx.content.themes.find((t) => t.code === code)
    if (!found) throw new NotFound('theme', code)
    return { city: ctx.city, title: ctx.title, urls: ctx.urls, theme: found }
  }

  async function destination (slug: string, code: string): Promise<PublicContext & { destination: Destination }> {
    const ctx = await framework(slug)
    const found = ctx.content.destinations.find((d) => d.code === code)
    if (!found) throw new NotFound('destination', code)
    return { city: ctx.city, title: ctx.title, urls: ctx.urls, destination: found }
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
