import * as repo from '../../db/spine/spine.repo.js'
import type { CityRow } from '../../db/types.js'
import {
  DIMENSIONS, LAYERS, LEVELS, planElementChange, validateGrid,
  type Dimension, type ElementChange, type ElementKind, type ElementMapping, type ElementPatch, type GridCell, type Layer, type Level,
  type SpineElement,
} from '../../spine/index.js'
import type { Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { BadRequest, NotFound } from '../shared/errors.js'
import { applyTexts, defaultLanguage, mapsOf, storedTranslations, textIn, type TextInput, type Translations } from '../shared/i18n.js'
import type { Page, PageQuery } from '../shared/pagination.js'
import { createSpineAlignment } from './spine-alignment.js'
import { createSpineCase } from './spine-case.js'
import { createSpinePublic } from './spine-public.js'
import {
  ensureSpine, frameworkName, loadSpineContent, requireSpineWrite, rowToCell, rowToElement, sortGrid, spineProblemError, urlsOf, writeElements,
} from './spine-store.js'

export { seedCitySpine, requireSpineWrite } from './spine-store.js'

/** An element as the API shows it: the spine element plus its public URL. */
export type Element = SpineElement & { url: string; translations: Translations }
export type ElementDetail = Element & { usedBy: number; children: string[] }
export type Cell = GridCell & { url: string }

export interface NewElement {
  code: string
  layer: Layer
  parentCode?: string | undefined
  /** A string (the city's default language) or a map by language tag. */
  title: TextInput
  description?: TextInput | undefined
  kind?: ElementKind | undefined
  mappings?: ElementMapping[] | undefined
}

/** A change of an element as the API takes it: texts as strings or maps by language. */
export type ElementInputPatch = Omit<ElementPatch, 'title' | 'description' | 'translations'> & { title?: TextInput; description?: TextInput | null }

/** Every language of an element's title and description (one-language elements: the columns, in `lang`). */
export const elementTexts = (e: SpineElement, lang: string): Translations =>
  mapsOf({ title: e.title, description: e.description }, e.translations, lang)

/** An element's texts in `lang` (falling back to the default language). */
export function localiseElement<E extends SpineElement> (e: E, lang: string, defaultLang: string): E {
  if (!e.translations) return e
  const t = elementTexts(e, defaultLang)
  const description = textIn(t.description, lang, defaultLang)
  return { ...e, title: textIn(t.title, lang, defaultLang) ?? e.title, ...(description !== undefined ? { description } : {}) }
}

export interface ElementQuery extends PageQuery {
  layer?: Layer | undefined
  status?: 'active' | 'retired' | undefined
  q?: string | undefined
  parent?: string | undefined
}

const encodeCursor = (r: { position: number; code: string }): string => Buffer.from(JSON.stringify([r.position, r.code])).toString('base64url')
function decodeCursor (s: string): repo.PositionCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string' && v[1].length <= 64) {
      return { position: v[0] as number, code: v[1] }
    }
  } catch { /* answered below */ }
  throw new BadRequest('cursor is not valid: pass back the nextCursor of a previous page')
}

/** Codes in the order planElementChange validates its next list, to name elements in problems. */
function nextShape (existing: readonly SpineElement[], change: ElementChange): SpineElement[] {
  if (change.op === 'create') return [...existing, { ...change.element, status: 'active', version: 1 }]
  if (change.op === 'delete') return existing.filter((e) => e.code !== change.code)
  return [...existing]
}

// src/spine compares content with JSON.stringify, so mappings must always carry their keys in one order.
const canonical = (ms: readonly ElementMapping[]): ElementMapping[] =>
  ms.map((m) => ({ framework: m.framework, ...(m.url !== undefined ? { url: m.url } : {}), code: m.code }))

export function createSpineService (deps: DomainDeps) {
  const withUrl = (city: CityRow) => {
    const urls = urlsOf(deps.publicUrl, city)
    const lang = defaultLanguage(city)
    return (e: SpineElement): Element => ({ ...e, url: urls.element(e.code), translations: elementTexts(e, lang) })
  }

  /** Layers, every element, and the grid of levels x dimensions with its descriptors. */
  async function overview (city: CityRow) {
    await ensureSpine(deps.db, city.id)
    const spine = await repo.findSpine(deps.db, city.id)
    const content = await loadSpineContent(deps.db, city.id)
    const urls = urlsOf(deps.publicUrl, city)
    return {
      title: frameworkName(city, spine?.title),
      url: urls.framework,
      layers: LAYERS.map((l) => {
        const of = content.elements.filter((e) => e.layer === l.value)
        return { value: l.value, label: l.label, elements: of.length, active: of.filter((e) => e.status === 'active').length }
      }),
      levels: LEVELS.map((l) => ({ ...l })),
      dimensions: DIMENSIONS.map((d) => ({ ...d })),
      elements: content.elements.map(withUrl(city)),
      grid: content.grid.map((c): Cell => ({ ...c, url: urls.gridCell(c.level, c.dimension) })),
      updatedAt: (spine?.updated_at ?? new Date(0)).toISOString(),
    }
  }

  async function rename (principal: Principal, city: CityRow, title: string | null) {
    requireSpineWrite(principal)
    await ensureSpine(deps.db, city.id)
    await repo.updateSpine(deps.db, city.id, { title: title === null ? null : title.trim() })
    return overview(city)
  }

  async function listElements (city: CityRow, q: ElementQuery): Promise<Page<Element>> {
    await ensureSpine(deps.db, city.id)
    const limit = Math.min(Math.max(q.limit ?? 25, 1), 100)
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    const rows = await repo.listElements(deps.db, city.id, { layer: q.layer, status: q.status, text: q.q, parent: q.parent }, limit, cursor)
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return { items: page.map(rowToElement).map(withUrl(city)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null }
  }

  async function getElement (city: CityRow, code: string): Promise<ElementDetail> {
    await ensureSpine(deps.db, city.id)
    const row = await repo.findElement(deps.db, city.id, code)
    if (!row) throw new NotFound('spine element', code)
    const [usedBy, children] = [await repo.countBadgeClassesUsing(deps.db, city.id, code), await repo.listChildren(deps.db, city.id, code)]
    return { ...withUrl(city)(rowToElement(row)), usedBy, children: children.map((c) => c.code) }
  }

  /** Plans one change against the whole tree (locked: tree rules span rows) and writes it in one transaction. */
  async function apply (principal: Principal, city: CityRow, change: ElementChange, what: string): Promise<void> {
    requireSpineWrite(principal)
    await ensureSpine(deps.db, city.id)
    await deps.db.transaction().execute(async (trx) => {
      await repo.lockSpine(trx, city.id)
      const rows = await repo.listAllElements(trx, city.id)
      const existing = rows.map(rowToElement)
      const inUse = await repo.codesInUse(trx, city.id)
      const historic = await repo.listDeletedCodes(trx, city.id)
      const plan = planElementChange(existing, change, inUse, historic)
      if (!plan.ok) throw spineProblemError(`cannot ${what}`, plan.problems, nextShape(existing, change))
      await writeElements(trx, city.id, rows, plan.upserts, plan.deletes)
    })
  }

  async function createElement (principal: Principal, city: CityRow, input: NewElement): Promise<ElementDetail> {
    const lang = defaultLanguage(city)
    const { columns, translations } = applyTexts({ title: input.title, description: input.description }, {}, lang, { trim: ['title'] })
    const stored = storedTranslations(translations, lang)
    const element = {
      code: input.code, layer: input.layer, title: columns.title ?? '',
      ...(input.parentCode !== undefined ? { parentCode: input.parentCode } : {}),
      ...(typeof columns.description === 'string' ? { description: columns.description } : {}),
      ...(stored ? { translations: stored } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.mappings !== undefined ? { mappings: canonical(input.mappings) } : {}),
    }
    await apply(principal, city, { op: 'create', element }, `create element '${input.code}'`)
    return getElement(city, input.code)
  }

  async function updateElement (principal: Principal, city: CityRow, code: string, patch: ElementInputPatch): Promise<ElementDetail> {
    const { title, description, ...rest } = patch
    const clean: ElementPatch = { ...rest, ...(patch.mappings ? { mappings: canonical(patch.mappings) } : {}) }
    if (title !== undefined || description !== undefined) {
      const lang = defaultLanguage(city)
      const row = await repo.findElement(deps.db, city.id, code)
      const { columns, translations } = applyTexts({ title, description }, row ? elementTexts(rowToElement(row), lang) : {}, lang, { trim: ['title'] })
      if (typeof columns.title === 'string') clean.title = columns.title
      if (columns.description !== undefined) clean.description = columns.description
      clean.translations = storedTranslations(translations, lang) ?? null
    }
    await apply(principal, city, { op: 'update', code, patch: clean }, `update element '${code}'`)
    return getElement(city, code)
  }

  /** Retiring is idempotent; `cascade` retires the active subtree with it. */
  async function retireElement (principal: Principal, city: CityRow, code: string, cascade: boolean): Promise<ElementDetail> {
    await apply(principal, city, { op: 'retire', code, cascade }, `retire element '${code}'`)
    return getElement(city, code)
  }

  /** Only an element no badge class uses, without children; its code is never used again. */
  async function deleteElement (principal: Principal, city: CityRow, code: string): Promise<void> {
    await apply(principal, city, { op: 'delete', code }, `delete element '${code}'`)
  }

  async function getCell (city: CityRow, level: Level, dimension: Dimension): Promise<Cell> {
    await ensureSpine(deps.db, city.id)
    const cell = (await repo.listGrid(deps.db, city.id)).map(rowToCell).find((c) => c.level === level && c.dimension === dimension)
    if (!cell) throw new NotFound('grid cell', `${level}/${dimension}`)
    return { ...cell, url: urlsOf(deps.publicUrl, city).gridCell(level, dimension) }
  }

  /** Replaces one cell's descriptors (every language at once); the whole grid must stay valid. */
  async function putCell (principal: Principal, city: CityRow, level: Level, dimension: Dimension, descriptors: Record<string, string>): Promise<Cell> {
    requireSpineWrite(principal)
    await ensureSpine(deps.db, city.id)
    const cell: GridCell = { level, dimension, descriptors: Object.fromEntries(Object.entries(descriptors).map(([k, v]) => [k, v.trim()])) }
    await deps.db.transaction().execute(async (trx) => {
      await repo.lockSpine(trx, city.id)
      const grid = sortGrid((await repo.listGrid(trx, city.id)).map(rowToCell))
      const next = [...grid.filter((c) => c.level !== level || c.dimension !== dimension), cell]
      const problems = validateGrid(next).map((p) => ({ ...p, path: p.path.replace(/^grid\[\d+\]\.?/, '') }))
      if (problems.length > 0) throw spineProblemError(`cannot change cell ${level}/${dimension}`, problems)
      await repo.upsertGridCells(trx, city.id, [cell])
      await repo.updateSpine(trx, city.id, {})
    })
    return getCell(city, level, dimension)
  }

  return {
    overview,
    rename,
    listElements,
    getElement,
    createElement,
    updateElement,
    retireElement,
    deleteElement,
    getCell,
    putCell,
    ...createSpineCase(deps),
    ...createSpineAlignment(deps),
    public: createSpinePublic(deps),
  }
}

export type SpineService = ReturnType<typeof createSpineService>
