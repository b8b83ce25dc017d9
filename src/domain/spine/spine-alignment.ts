import { findCityById } from '../../db/repos.js'
import * as repo from '../../db/spine/spine.repo.js'
import type { CityRow, Executor } from '../../db/types.js'
import {
  DIMENSIONS, LEVELS, SpineReferenceError, buildAlignments, validateSelection, validateThemesAndDestinations,
  type AlignmentInput, type CoverageCell, type Dimension, type Layer, type Level, type Ob2Alignment, type Ob3Alignment,
  type SpineElement, type SpineSelection,
} from '../../spine/index.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { ensureSpine, frameworkName, loadSpineContent, problemFields, rowToElement, urlsOf } from './spine-store.js'

/** A badge class's claim on the spine as it arrives (validated here, not trusted). */
export interface SelectionInput { elements: readonly string[]; level: string; dimensions: readonly string[] }

export interface AlignmentOptions {
  /** The caller's transaction, when it has one (PGlite has a single connection: never leave it). */
  db?: Executor | undefined
  /** Language of grid descriptors; the city's first locale by default. */
  lang?: string | undefined
  /**
   * A draft's selection: no elements yet, or (with no spine choice at all, only themes and destinations) no
   * dimensions either. Approval validates without it.
   */
  partial?: boolean | undefined
}

export interface CoverageQuery { layer?: Layer | undefined; descendants?: boolean | undefined; onlyEmpty?: boolean | undefined }

export interface Coverage {
  /** Approved badge classes counted. */
  badgeClasses: number
  /** Active elements in the grid. */
  elements: number
  /** Distinct approved badge classes per level x dimension (12 entries), whatever their elements. */
  totals: Array<{ level: Level; dimension: Dimension; count: number }>
  /** Active element x level x dimension, in spine order, then level, then dimension (only the empty ones with `onlyEmpty`). */
  cells: CoverageCell[]
  /** How many cells no approved badge class covers yet. */
  emptyCells: number
}

export function createSpineAlignment (deps: DomainDeps) {
  async function load (cityId: string, ex: Executor) {
    const city = await findCityById(ex, cityId)
    if (!city) throw new NotFound('city', cityId)
    await ensureSpine(ex, cityId)
    const spine = await repo.findSpine(ex, cityId)
    const content = await loadSpineContent(ex, cityId)
    const catalogue = {
      themes: await repo.listAllCatalogue(ex, 'themes', cityId),
      destinations: await repo.listAllCatalogue(ex, 'destinations', cityId),
    }
    return { city, content, catalogue, urls: urlsOf(deps.publicUrl, city), name: frameworkName(city, spine?.title) }
  }

  // Themes and destinations are named by code (their public URL) or by row id; unknown ones stay as given so that
  // validation names them.
  const codesOf = (refs: readonly string[], rows: readonly repo.CatalogueRow[]): string[] => {
    const codes = new Set(rows.map((r) => r.code))
    const byId = new Map(rows.map((r) => [r.id, r.code]))
    return refs.map((r) => (codes.has(r) ? r : byId.get(r.toLowerCase()) ?? r))
  }

  const input = (ctx: Awaited<ReturnType<typeof load>>, selection: SpineSelection, themes: string[], destinations: string[], lang?: string): AlignmentInput => ({
    selection: { elements: [...selection.elements], level: selection.level, dimensions: [...selection.dimensions] },
    themes,
    destinations,
    spine: ctx.content,
    urls: ctx.urls,
    frameworkName: ctx.name,
    lang: lang ?? ctx.city.locales[0] ?? 'en',
  })

  /**
   * Validates a badge class's selection against the stored spine (elements known, active and listed once; a level;
   * dimensions; themes and destinations of this city) and returns exactly what `buildAlignments` needs.
   * @throws InvalidInput listing every problem (field errors carry the spine problem code).
   */
  async function resolveSelection (cityId: string, selection: SelectionInput, themes: readonly string[] = [], destinations: readonly string[] = [],
    opts: AlignmentOptions = {}): Promise<AlignmentInput> {
    const ctx = await load(cityId, opts.db ?? deps.db)
    const chosen = { themes: codesOf(themes, ctx.catalogue.themes), destinations: codesOf(destinations, ctx.catalogue.destinations) }
    const sel = selection as SpineSelection
    const problems = [...validateSelection(sel, ctx.content.elements), ...validateThemesAndDestinations(chosen, ctx.content)]
      .filter((p) => opts.partial !== true || p.code !== 'empty_selection')
    if (problems.length > 0) {
      throw new InvalidInput(`the spine selection is invalid: ${problems.slice(0, 3).map((p) => p.message).join('; ')}`, problemFields(problems))
    }
    return input(ctx, sel, chosen.themes, chosen.destinations, opts.lang)
  }

  /**
   * The OB 2.0 and OB 3.0 `alignment` arrays of a stored selection. Unlike {@link resolveSelection} it accepts
   * retired elements: a badge class approved before a retirement keeps its alignment, and the URLs keep resolving.
   * @throws InvalidInput when a code is not in the spine at all.
   */
  async function alignmentsFor (cityId: string, selection: SelectionInput, themes: readonly string[] = [], destinations: readonly string[] = [],
    opts: AlignmentOptions = {}): Promise<{ ob2: Ob2Alignment[]; ob3: Ob3Alignment[] }> {
    const ctx = await load(cityId, opts.db ?? deps.db)
    const built = input(ctx, selection as SpineSelection, codesOf(themes, ctx.catalogue.themes), codesOf(destinations, ctx.catalogue.destinations), opts.lang)
    try {
      return buildAlignments(built)
    } catch (err) {
      if (err instanceof SpineReferenceError) throw new InvalidInput(err.message, err.missing.map((m) => ({ field: '/alignment', message: `unknown ${m}` })))
      throw err
    }
  }

  // Computed grids per city and `descendants`, reused while the city's coverage version stays the same (it is
  // bumped in the transaction of every element write and every change of approved alignments, on any instance).
  const computed = new Map<string, { version: number; elements: SpineElement[]; byCell: Map<string, number>; byTotal: Map<string, number>; badgeClasses: number }>()
  const MAX_COMPUTED = 256

  async function countsOf (cityId: string, descendants: boolean) {
    let version = await repo.coverageVersion(deps.db, cityId)
    if (version === undefined) {
      await ensureSpine(deps.db, cityId)
      version = (await repo.coverageVersion(deps.db, cityId)) ?? 0
    }
    const key = `${cityId}|${descendants}`
    const hit = computed.get(key)
    if (hit && hit.version === version) return hit
    const elements = (await repo.listAllElements(deps.db, cityId)).map(rowToElement).filter((e) => e.status === 'active')
    const counts = await repo.coverageCounts(deps.db, cityId, { descendants })
    const entry = {
      version,
      elements,
      byCell: new Map(counts.cells.map((c) => [`${c.level}|${c.dimension}|${c.element_code}`, c.n])),
      byTotal: new Map(counts.totals.map((c) => [`${c.level}|${c.dimension}`, c.n])),
      badgeClasses: counts.badgeClasses,
    }
    computed.delete(key)
    computed.set(key, entry)
    if (computed.size > MAX_COMPUTED) computed.delete(computed.keys().next().value!)
    return entry
  }

  /** Approved badge classes per level x dimension x active element: where the catalogue has no badge yet. */
  async function coverage (city: CityRow, q: CoverageQuery = {}): Promise<Coverage> {
    const { elements: all, byCell, byTotal, badgeClasses } = await countsOf(city.id, q.descendants === true)
    const elements = q.layer === undefined ? all : all.filter((e) => e.layer === q.layer)
    const cells = elements.flatMap((el) => LEVELS.flatMap(({ value: level }) => DIMENSIONS.map(({ value: dimension }) => ({
      level, dimension, elementCode: el.code, count: byCell.get(`${level}|${dimension}|${el.code}`) ?? 0,
    }))))
    const empty = cells.filter((c) => c.count === 0)
    return {
      badgeClasses,
      elements: elements.length,
      totals: LEVELS.flatMap(({ value: level }) => DIMENSIONS.map(({ value: dimension }) => ({ level, dimension, count: byTotal.get(`${level}|${dimension}`) ?? 0 }))),
      cells: q.onlyEmpty === true ? empty : cells,
      emptyCells: empty.length,
    }
  }

  return { resolveSelection, alignmentsFor, coverage }
}

