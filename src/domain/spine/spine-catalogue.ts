import { randomUUID } from 'node:crypto'
import { pageOf } from '../../db/page.js'
import * as repo from '../../db/spine/spine.repo.js'
import type { CityRow } from '../../db/types.js'
import { validateDestinations, validateThemes, type Destination, type Problem, type Theme } from '../../spine/index.js'
import type { Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { applyTexts, defaultLanguage, mapsOf, storedTranslations, type TextInput, type Translations } from '../shared/i18n.js'
import { ensureSpine, problemFields, requireSpineWrite, rowToDestination, rowToTheme, urlsOf } from './spine-store.js'

/** A theme or destination as the API shows it. */
export interface CatalogueEntry {
  id: string
  code: string
  kind: string
  title: string
  description?: string
  industryCode?: string
  url: string
  /** Every language of title and description. */
  translations: Translations
  createdAt: string
  updatedAt: string
}

export interface NewCatalogueEntry {
  code: string
  kind: string
  /** A string (the city's default language) or a map by language tag. */
  title: TextInput
  description?: TextInput | undefined
  industryCode?: string | undefined
}

export interface CataloguePatch {
  title?: TextInput | undefined
  description?: TextInput | null | undefined
  industryCode?: string | null | undefined
}

const isTheme = (table: repo.CatalogueTable): table is 'themes' => table === 'themes'

/** Themes (civic, wellbeing, sector with an industry code) or destinations (four kinds, plus named local ones). */
function createCatalogueService (deps: DomainDeps, table: repo.CatalogueTable) {
  const entity = isTheme(table) ? 'theme' : 'destination'

  function toEntry (city: CityRow, r: repo.CatalogueRow): CatalogueEntry {
    const urls = urlsOf(deps.publicUrl, city)
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      title: r.title,
      ...(r.description !== null ? { description: r.description } : {}),
      ...('industry_code' in r && r.industry_code !== null ? { industryCode: r.industry_code } : {}),
      url: isTheme(table) ? urls.theme(r.code) : urls.destination(r.code),
      translations: mapsOf({ title: r.title, description: r.description }, r.translations, defaultLanguage(city)),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }
  }

  function check (entry: Theme | Destination): void {
    const problems: Problem[] = isTheme(table) ? validateThemes([entry as Theme]) : validateDestinations([entry as Destination])
    if (problems.length === 0) return
    const local = problems.map((p) => ({ ...p, path: p.path.replace(/^\w+\[0\]\.?/, '') }))
    throw new InvalidInput(`${entity} is invalid: ${local.map((p) => p.message).join('; ')}`, problemFields(local))
  }

  async function find (city: CityRow, code: string): Promise<repo.CatalogueRow> {
    await ensureSpine(deps.db, city.id)
    const row = await repo.findCatalogue(deps.db, table, city.id, code)
    if (!row) throw new NotFound(entity, code)
    return row
  }

  async function get (city: CityRow, code: string): Promise<CatalogueEntry> {
    return toEntry(city, await find(city, code))
  }

  async function list (city: CityRow, q: PageQuery & { kind?: string | undefined }): Promise<Page<CatalogueEntry>> {
    await ensureSpine(deps.db, city.id)
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listCatalogue(deps.db, table, city.id, q.kind, limit, cursor), limit)
    return { items: page.rows.map((r) => toEntry(city, r)), nextCursor: page.nextCursor }
  }

  async function create (principal: Principal, city: CityRow, input: NewCatalogueEntry): Promise<CatalogueEntry> {
    requireSpineWrite(principal)
    const lang = defaultLanguage(city)
    const texts = applyTexts({ title: input.title, description: input.description }, {}, lang, { trim: ['title'] })
    const translations = storedTranslations(texts.translations, lang)
    const entry = {
      code: input.code, kind: input.kind, title: texts.columns.title ?? '',
      ...(typeof texts.columns.description === 'string' ? { description: texts.columns.description } : {}),
      ...(input.industryCode !== undefined ? { industryCode: input.industryCode.trim() } : {}),
    } as Theme
    check(entry)
    await ensureSpine(deps.db, city.id)
    const [row] = await repo.insertCatalogue(deps.db, table, city.id, [{
      id: randomUUID(), code: entry.code, kind: entry.kind, title: entry.title, description: entry.description ?? null,
      translations: JSON.stringify(translations ?? {}),
      ...(isTheme(table) ? { industry_code: entry.industryCode ?? null } : {}),
    }])
    if (!row) throw new Conflict(`a ${entity} with code '${input.code}' already exists`, [{ field: '/code', message: 'is taken' }])
    return toEntry(city, row)
  }

  /** Codes and kinds never change (alignments point at them); titles, descriptions and industry codes may. */
  async function update (principal: Principal, city: CityRow, code: string, patch: CataloguePatch): Promise<CatalogueEntry> {
    requireSpineWrite(principal)
    const row = await find(city, code)
    const current = isTheme(table) ? rowToTheme(row as never) : rowToDestination(row as never)
    const next: Theme = { ...(current as Theme) }
    const lang = defaultLanguage(city)
    const texts = applyTexts({ title: patch.title, description: patch.description }, mapsOf({ title: row.title, description: row.description }, row.translations, lang), lang, { trim: ['title'] })
    if (typeof texts.columns.title === 'string') next.title = texts.columns.title
    if (texts.columns.description === null) delete next.description
    else if (texts.columns.description !== undefined) next.description = texts.columns.description
    if (patch.industryCode === null) delete next.industryCode
    else if (patch.industryCode !== undefined) next.industryCode = patch.industryCode.trim()
    check(next)
    const updated = await repo.updateCatalogue(deps.db, table, city.id, code, {
      title: next.title,
      description: next.description ?? null,
      ...(isTheme(table) ? { industry_code: next.industryCode ?? null } : {}),
      ...(patch.title !== undefined || patch.description !== undefined ? { translations: JSON.stringify(storedTranslations(texts.translations, lang) ?? {}) } : {}),
    })
    if (!updated) throw new NotFound(entity, code)
    return toEntry(city, updated)
  }

  return { get, list, create, update }
}

export const createThemeService = (deps: DomainDeps) => createCatalogueService(deps, 'themes')
export const createDestinationService = (deps: DomainDeps) => createCatalogueService(deps, 'destinations')
export type CatalogueService = ReturnType<typeof createCatalogueService>
