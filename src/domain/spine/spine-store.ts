import { randomUUID } from 'node:crypto'
import * as repo from '../../db/spine/spine.repo.js'
import type { DestinationRow, GridCellRow, SpineElementRow, ThemeRow } from '../../db/spine/spine.types.js'
import type { CityRow, Executor } from '../../db/types.js'
import {
  defaultSpineContent, spineUrls,
  type Destination, type DestinationKind, type Dimension, type ElementKind, type GridCell, type Level, type Problem,
  type SpineContent, type SpineElement, type SpineUrls, type Theme, type ThemeKind,
} from '../../spine/index.js'
import { requireRole, type Principal } from '../access/auth.js'
import { Conflict, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'

// Loading, mapping and seeding a city's spine: shared by the spine, catalogue, alignment and public modules.

export const requireSpineWrite = (p: Principal): void => requireRole(p, ['platform-admin', 'city-admin'], 'edit the skills spine')

/** jsonb reorders object keys: fields and tags in sorted order, so that content compares equal. */
export const sortedTranslations = (t: Record<string, Record<string, string>>): Record<string, Record<string, string>> =>
  Object.fromEntries(Object.keys(t).sort().map((f) => [f, Object.fromEntries(Object.keys(t[f]!).sort().map((tag) => [tag, t[f]![tag]!]))]))

export const rowToElement = (r: SpineElementRow): SpineElement => ({
  code: r.code,
  layer: r.layer,
  ...(r.parent_code !== null ? { parentCode: r.parent_code } : {}),
  title: r.title,
  ...(r.description !== null ? { description: r.description } : {}),
  ...(r.kind !== null ? { kind: r.kind as ElementKind } : {}),
  // jsonb reorders object keys: rebuild each mapping in its canonical key order, so that content compares equal.
  ...(r.mappings !== null ? { mappings: r.mappings.map((m) => ({ framework: m.framework, ...(m.url !== undefined ? { url: m.url } : {}), code: m.code })) } : {}),
  ...(Object.keys(r.translations).length > 0 ? { translations: sortedTranslations(r.translations) } : {}),
  status: r.status,
  version: r.version,
})

export const elementToWrite = (e: SpineElement, position: number): repo.ElementWrite => ({
  code: e.code,
  layer: e.layer,
  parent_code: e.parentCode ?? null,
  title: e.title,
  description: e.description ?? null,
  kind: e.kind ?? null,
  mappings: e.mappings ?? null,
  translations: e.translations ?? {},
  status: e.status,
  version: e.version,
  position,
})

export const rowToCell = (r: GridCellRow): GridCell => ({ level: r.level as Level, dimension: r.dimension as Dimension, descriptors: r.descriptors })

export const rowToTheme = (r: ThemeRow): Theme => ({
  kind: r.kind as ThemeKind,
  code: r.code,
  title: r.title,
  ...(r.description !== null ? { description: r.description } : {}),
  ...(r.industry_code !== null ? { industryCode: r.industry_code } : {}),
  ...(Object.keys(r.translations).length > 0 ? { translations: sortedTranslations(r.translations) } : {}),
})

export const rowToDestination = (r: DestinationRow): Destination => ({
  kind: r.kind as DestinationKind,
  code: r.code,
  title: r.title,
  ...(r.description !== null ? { description: r.description } : {}),
  ...(Object.keys(r.translations).length > 0 ? { translations: sortedTranslations(r.translations) } : {}),
})

/**
 * Gives a new city the default spine (universal core, Cities of Learning layer, grid, themes, destinations).
 * Call it inside the transaction that creates the city, so that no city exists without a spine. A no-op when
 * the city already has one.
 */
export async function seedCitySpine (trx: Executor, cityId: string): Promise<void> {
  if (!(await repo.insertSpine(trx, cityId))) return
  const content = defaultSpineContent()
  await repo.upsertElements(trx, cityId, content.elements.map((e, i) => elementToWrite(e, i + 1)))
  await repo.upsertGridCells(trx, cityId, content.grid)
  await repo.insertCatalogue(trx, 'themes', cityId, content.themes.map((t) => ({
    id: randomUUID(), code: t.code, kind: t.kind, title: t.title, description: t.description ?? null, industry_code: t.industryCode ?? null,
  })))
  await repo.insertCatalogue(trx, 'destinations', cityId, content.destinations.map((d) => ({
    id: randomUUID(), code: d.code, kind: d.kind, title: d.title, description: d.description ?? null,
  })))
}

/**
 * Cities created before the spine existed get theirs on first access. Concurrent first accesses are safe: the
 * spine row's primary key lets one seed and makes the others wait and skip.
 */
export async function ensureSpine (db: Executor, cityId: string): Promise<void> {
  if (await repo.findSpine(db, cityId)) return
  if (db.isTransaction) await seedCitySpine(db, cityId)
  else await db.transaction().execute((trx) => seedCitySpine(trx, cityId))
}

/** The city's whole spine content, elements in spine order. */
export async function loadSpineContent (db: Executor, cityId: string): Promise<SpineContent> {
  const [elements, grid, themes, destinations] = [
    await repo.listAllElements(db, cityId),
    await repo.listGrid(db, cityId),
    await repo.listAllCatalogue(db, 'themes', cityId),
    await repo.listAllCatalogue(db, 'destinations', cityId),
  ]
  return {
    elements: elements.map(rowToElement),
    grid: sortGrid(grid.map(rowToCell)),
    themes: (themes as ThemeRow[]).map(rowToTheme),
    destinations: (destinations as DestinationRow[]).map(rowToDestination),
  }
}

const LEVEL_ORDER: readonly string[] = ['engagement', 'participation', 'demonstration', 'leadership']
const DIMENSION_ORDER: readonly string[] = ['knowledge', 'skills', 'attitudes-values']
/** Dimension-major, levels in order of progression (as the defaults are). */
export const sortGrid = (cells: GridCell[]): GridCell[] => cells.sort((a, b) =>
  DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))

/** The name alignments carry as `targetFramework`, and the title of the CASE document. */
export const frameworkName = (city: Pick<CityRow, 'name'>, title: string | null | undefined): string =>
  title ?? (/\bcity of learning$/i.test(city.name.trim()) ? `${city.name.trim()} skills spine` : `${city.name} City of Learning skills spine`)

export const urlsOf = (publicUrl: string, city: Pick<CityRow, 'slug'>): SpineUrls => spineUrls(publicUrl, city.slug)

/**
 * Turns spine problems into the domain error that fits them best, with every problem as a field error.
 * `elements[i]` paths name the element by code (the index of an internal list means nothing to a client).
 */
export function spineProblemError (message: string, problems: readonly Problem[], elements: readonly SpineElement[] = []): Error {
  const fields = problemFields(problems, elements)
  const codes = new Set(problems.map((p) => p.code))
  const first = problems[0]
  if (codes.size === 1 && codes.has('not_found') && first) return new NotFound('spine element', /'([^']+)'/.exec(first.message)?.[1] ?? '?')
  const summary = `${message}: ${problems.slice(0, 3).map((p) => p.message).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`
  if ([...codes].every((c) => c === 'code_reused' || c === 'duplicate_code')) return new Conflict(summary, fields)
  if ([...codes].every((c) => c === 'in_use' || c === 'has_children' || c === 'active_children')) return new InvalidState(summary, fields)
  return new InvalidInput(summary, fields)
}

/** Spine problems as field errors, keeping the problem's stable code beside the message. */
export const problemFields = (problems: readonly Problem[], elements: readonly SpineElement[] = []) =>
  problems.map((p) => ({ field: pointer(p.path, elements), message: p.message, code: p.code }))

/** `elements[3].parentCode` -> `/elements/<code>/parentCode`; `CFItems[2].uri` -> `/CFItems/2/uri`. */
function pointer (path: string, elements: readonly SpineElement[]): string {
  const m = /^(?:changes\[\d+\]\.)?elements\[(\d+)\](.*)$/.exec(path)
  const code = m ? elements[Number(m[1])]?.code : undefined
  if (m && code !== undefined) return `/elements/${code}${toPointer(m[2] ?? '')}`
  return toPointer(path.replace(/^changes\[\d+\]\./, '')) || '/'
}

const toPointer = (p: string): string => (p === '' ? '' : `/${p.replace(/^\./, '')}`.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/'))

/**
 * Writes a planned change: superseded versions first (their snapshot is the row as it was), then the rows, then
 * deletions. New elements go after the last position unless `positions` places them.
 */
export async function writeElements (trx: Executor, cityId: string, before: readonly SpineElementRow[], upserts: readonly SpineElement[],
  deletes: readonly string[], positions?: ReadonlyMap<string, number>): Promise<void> {
  const old = new Map(before.map((r) => [r.code, r]))
  let last = before.reduce((m, r) => Math.max(m, r.position), 0)
  const writes = upserts.map((e) => elementToWrite(e, positions?.get(e.code) ?? old.get(e.code)?.position ?? ++last))
  const superseded = upserts.flatMap((e) => {
    const o = old.get(e.code)
    return o && e.version > o.version ? [{ code: e.code, version: o.version, snapshot: { ...rowToElement(o) } }] : []
  })
  await repo.insertElementVersions(trx, cityId, superseded)
  await repo.upsertElements(trx, cityId, writes)
  if (deletes.length > 0) await repo.deleteElements(trx, cityId, deletes)
  await repo.updateSpine(trx, cityId, {})
}
