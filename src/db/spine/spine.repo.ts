import { sql, type SqlBool } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { DestinationRow, GridCellRow, SpineElementRow, SpineRow, StoredMapping, ThemeRow } from './spine.types.js'
import type { Executor } from '../types.js'

// Every SQL statement of the skills spine, themes, destinations and badge-class alignments.

// --- the spine row (one per city) -------------------------------------------------------------------------

/** Creates the city's spine row; false when it already existed (someone else seeded it). */
export async function insertSpine (db: Executor, cityId: string): Promise<boolean> {
  const r = await db.insertInto('spines').values({ city_id: cityId }).onConflict((oc) => oc.column('city_id').doNothing())
    .returning('city_id').executeTakeFirst()
  return r !== undefined
}

export const findSpine = (db: Executor, cityId: string): Promise<SpineRow | undefined> =>
  db.selectFrom('spines').selectAll().where('city_id', '=', cityId).executeTakeFirst()

/** Serialises writers of one city's spine: tree rules hold over the whole tree, not one row. */
export async function lockSpine (trx: Executor, cityId: string): Promise<SpineRow | undefined> {
  return trx.selectFrom('spines').selectAll().where('city_id', '=', cityId).forUpdate().executeTakeFirst()
}

/** Every element write ends here, so it also tells cached coverage grids that they are stale. */
export const updateSpine = (db: Executor, cityId: string, patch: { title?: string | null }): Promise<SpineRow | undefined> =>
  db.updateTable('spines').set({ ...patch, updated_at: sql`now()`, coverage_version: sql`coverage_version + 1` })
    .where('city_id', '=', cityId).returningAll().executeTakeFirst()

/** Approved alignments changed: cached coverage grids of the city are stale. */
const bumpCoverage = (db: Executor, cityId: string): Promise<unknown> =>
  db.updateTable('spines').set({ coverage_version: sql`coverage_version + 1` }).where('city_id', '=', cityId).execute()

export const coverageVersion = async (db: Executor, cityId: string): Promise<number | undefined> =>
  (await db.selectFrom('spines').select('coverage_version').where('city_id', '=', cityId).executeTakeFirst())?.coverage_version

// --- elements ---------------------------------------------------------------------------------------------

export interface ElementWrite {
  code: string
  layer: SpineElementRow['layer']
  parent_code: string | null
  title: string
  description: string | null
  kind: string | null
  mappings: StoredMapping[] | null
  translations: Record<string, Record<string, string>>
  status: 'active' | 'retired'
  version: number
  position: number
}

export const listAllElements = (db: Executor, cityId: string): Promise<SpineElementRow[]> =>
  db.selectFrom('spine_elements').selectAll().where('city_id', '=', cityId).orderBy('position').orderBy('code').execute()

export const findElement = (db: Executor, cityId: string, code: string): Promise<SpineElementRow | undefined> =>
  db.selectFrom('spine_elements').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst()

export interface ElementFilter { layer?: string | undefined; status?: string | undefined; text?: string | undefined; parent?: string | undefined }
export interface PositionCursor { position: number; code: string }

/** Elements in spine order, keyset-paged over (position, code). */
export function listElements (db: Executor, cityId: string, f: ElementFilter, limit: number, cursor?: PositionCursor): Promise<SpineElementRow[]> {
  let q = db.selectFrom('spine_elements').selectAll().where('city_id', '=', cityId)
  if (f.layer !== undefined) q = q.where('layer', '=', f.layer as SpineElementRow['layer'])
  if (f.status !== undefined) q = q.where('status', '=', f.status as SpineElementRow['status'])
  if (f.parent !== undefined) q = q.where('parent_code', '=', f.parent)
  if (f.text !== undefined) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('code', 'ilike', like), eb('description', 'ilike', like)]))
  }
  if (cursor) q = q.where(sql<SqlBool>`(position, code) > (${cursor.position}, ${cursor.code})`)
  return q.orderBy('position').orderBy('code').limit(limit + 1).execute()
}

export async function maxPosition (db: Executor, cityId: string): Promise<number> {
  const r = await db.selectFrom('spine_elements').select((eb) => eb.fn.max('position').as('p')).where('city_id', '=', cityId).executeTakeFirst()
  return Number(r?.p ?? 0)
}

const chunks = <T>(rows: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size))

/** Inserts or rewrites elements (by code); `created_at` of existing rows is kept. */
export async function upsertElements (db: Executor, cityId: string, rows: readonly ElementWrite[]): Promise<void> {
  // 12 parameters a row: stay well below PostgreSQL's 65,535 bind parameters per statement.
  for (const part of chunks(rows, 2_000)) {
    await db.insertInto('spine_elements')
      .values(part.map((r) => ({ ...r, city_id: cityId, mappings: r.mappings === null ? null : JSON.stringify(r.mappings), translations: JSON.stringify(r.translations) })))
      .onConflict((oc) => oc.columns(['city_id', 'code']).doUpdateSet((eb) => ({
        layer: eb.ref('excluded.layer'),
        parent_code: eb.ref('excluded.parent_code'),
        title: eb.ref('excluded.title'),
        description: eb.ref('excluded.description'),
        kind: eb.ref('excluded.kind'),
        mappings: eb.ref('excluded.mappings'),
        translations: eb.ref('excluded.translations'),
        status: eb.ref('excluded.status'),
        version: eb.ref('excluded.version'),
        position: eb.ref('excluded.position'),
        updated_at: sql`now()`,
      })))
      .execute()
  }
}

/** Deletes elements and remembers their codes forever (codes are never reused). */
export async function deleteElements (db: Executor, cityId: string, codes: readonly string[]): Promise<void> {
  for (const part of chunks(codes, 5_000)) {
    await db.deleteFrom('spine_elements').where('city_id', '=', cityId).where('code', 'in', part).execute()
    await db.insertInto('spine_deleted_codes').values(part.map((code) => ({ city_id: cityId, code })))
      .onConflict((oc) => oc.columns(['city_id', 'code']).doNothing()).execute()
  }
}

export async function listDeletedCodes (db: Executor, cityId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('spine_deleted_codes').select('code').where('city_id', '=', cityId).execute()
  return new Set(rows.map((r) => r.code))
}

/** Keeps the content of superseded versions; a version is written once. */
export async function insertElementVersions (db: Executor, cityId: string, rows: ReadonlyArray<{ code: string; version: number; snapshot: Record<string, unknown> }>): Promise<void> {
  for (const part of chunks(rows, 5_000)) {
    await db.insertInto('spine_element_versions')
      .values(part.map((r) => ({ city_id: cityId, code: r.code, version: r.version, snapshot: JSON.stringify(r.snapshot) })))
      .onConflict((oc) => oc.columns(['city_id', 'code', 'version']).doNothing()).execute()
  }
}

export const findElementVersion = (db: Executor, cityId: string, code: string, version: number) =>
  db.selectFrom('spine_element_versions').selectAll().where('city_id', '=', cityId).where('code', '=', code).where('version', '=', version).executeTakeFirst()

export async function listElementVersions (db: Executor, cityId: string, code: string): Promise<number[]> {
  const rows = await db.selectFrom('spine_element_versions').select('version').where('city_id', '=', cityId).where('code', '=', code).orderBy('version').execute()
  return rows.map((r) => r.version)
}

export const listChildren = (db: Executor, cityId: string, code: string): Promise<Array<Pick<SpineElementRow, 'code' | 'title' | 'status' | 'translations'>>> =>
  db.selectFrom('spine_elements').select(['code', 'title', 'status', 'translations']).where('city_id', '=', cityId).where('parent_code', '=', code)
    .orderBy('position').orderBy('code').execute()

// --- grid ---------------------------------------------------------------------------------------------------

export const listGrid = (db: Executor, cityId: string): Promise<GridCellRow[]> =>
  db.selectFrom('spine_grid_cells').selectAll().where('city_id', '=', cityId).execute()

export async function upsertGridCells (db: Executor, cityId: string, cells: ReadonlyArray<{ level: string; dimension: string; descriptors: Record<string, string> }>): Promise<void> {
  if (cells.length === 0) return
  await db.insertInto('spine_grid_cells')
    .values(cells.map((c) => ({ city_id: cityId, level: c.level, dimension: c.dimension, descriptors: JSON.stringify(c.descriptors) })))
    .onConflict((oc) => oc.columns(['city_id', 'level', 'dimension']).doUpdateSet((eb) => ({ descriptors: eb.ref('excluded.descriptors'), updated_at: sql`now()` })))
    .execute()
}

// --- themes and destinations ------------------------------------------------------------------------------

export type CatalogueTable = 'themes' | 'destinations'
export type CatalogueRow = ThemeRow | DestinationRow
export interface CatalogueWrite {
  id: string
  code: string
  kind: string
  title: string
  description: string | null
  industry_code?: string | null
  /** JSON text of `{ <field>: { <tag>: <text> } }` (default `{}`). */
  translations?: string
}

/** Inserts entries; returns those inserted (a taken code is skipped, so fewer rows come back). */
export async function insertCatalogue (db: Executor, table: CatalogueTable, cityId: string, rows: readonly CatalogueWrite[]): Promise<CatalogueRow[]> {
  if (rows.length === 0) return []
  const values = rows.map((r) => ({ ...r, city_id: cityId }))
  // One statement per table: the two tables' column types differ only in kind and industry_code.
  return db.insertInto(table as 'themes').values(values as never).onConflict((oc) => oc.columns(['city_id', 'code']).doNothing())
    .returningAll().execute()
}

export const findCatalogue = (db: Executor, table: CatalogueTable, cityId: string, code: string): Promise<CatalogueRow | undefined> =>
  db.selectFrom(table as 'themes').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst()

export const listAllCatalogue = (db: Executor, table: CatalogueTable, cityId: string): Promise<CatalogueRow[]> =>
  db.selectFrom(table as 'themes').selectAll().where('city_id', '=', cityId).orderBy('created_at').orderBy('id').execute()

export function listCatalogue (db: Executor, table: CatalogueTable, cityId: string, kind: string | undefined, limit: number, cursor?: Cursor): Promise<CatalogueRow[]> {
  let q = db.selectFrom(table as 'themes').selectAll().where('city_id', '=', cityId)
  if (kind !== undefined) q = q.where('kind', '=', kind as ThemeRow['kind'])
  if (cursor) q = q.where(after(table, cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

export const updateCatalogue = (db: Executor, table: CatalogueTable, cityId: string, code: string, patch: { title?: string; description?: string | null; industry_code?: string | null; translations?: string }): Promise<CatalogueRow | undefined> =>
  db.updateTable(table as 'themes').set({ ...patch, updated_at: sql`now()` }).where('city_id', '=', cityId).where('code', '=', code).returningAll().executeTakeFirst()

// --- badge-class alignments: written by badge classes, read by coverage -------------------------------------

/** Codes of elements some badge class (of any status) aligns to. */
export async function codesInUse (db: Executor, cityId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('badge_class_alignments').select('element_code').distinct().where('city_id', '=', cityId).execute()
  return new Set(rows.map((r) => r.element_code))
}

export async function countBadgeClassesUsing (db: Executor, cityId: string, code: string): Promise<number> {
  const r = await db.selectFrom('badge_class_alignments').select(sql<number>`count(distinct badge_class_id)::int`.as('n'))
    .where('city_id', '=', cityId).where('element_code', '=', code).executeTakeFirst()
  return Number(r?.n ?? 0)
}

/**
 * Replaces one badge class's selection (a row) and alignment rows (element x dimension at its level), in the
 * caller's transaction. Call it whenever a badge class's elements, level or dimensions change; an empty element
 * list removes the badge class from the spine altogether.
 */
export async function replaceBadgeClassAlignments (db: Executor, cityId: string, badgeClassId: string,
  sel: { elements: readonly string[]; level: string; dimensions: readonly string[] }, approved: boolean): Promise<void> {
  await db.deleteFrom('badge_class_alignments').where('city_id', '=', cityId).where('badge_class_id', '=', badgeClassId).execute()
  const was = await db.deleteFrom('badge_class_selections').where('city_id', '=', cityId).where('badge_class_id', '=', badgeClassId).returning('approved').execute()
  if (approved || was.some((r) => r.approved)) await bumpCoverage(db, cityId)
  const elements = [...new Set(sel.elements)]
  const dimensions = [...new Set(sel.dimensions)]
  const rows = elements.flatMap((element_code) => dimensions.map((dimension) => ({
    city_id: cityId, badge_class_id: badgeClassId, element_code, level: sel.level, dimension, approved,
  })))
  if (rows.length === 0) return
  await db.insertInto('badge_class_selections').values({ city_id: cityId, badge_class_id: badgeClassId, level: sel.level, dimensions, elements, approved }).execute()
  await db.insertInto('badge_class_alignments').values(rows).execute()
}

/** Marks a badge class approved (counted by coverage) or not (draft, submitted, retired). */
export async function setBadgeClassApproved (db: Executor, cityId: string, badgeClassId: string, approved: boolean): Promise<void> {
  await db.updateTable('badge_class_alignments').set({ approved }).where('city_id', '=', cityId).where('badge_class_id', '=', badgeClassId).execute()
  const r = await db.updateTable('badge_class_selections').set({ approved, updated_at: sql`now()` })
    .where('city_id', '=', cityId).where('badge_class_id', '=', badgeClassId).where('approved', '!=', approved).executeTakeFirst()
  if (Number(r.numUpdatedRows) > 0) await bumpCoverage(db, cityId)
}

export interface CoverageCounts {
  cells: Array<{ level: string; dimension: string; element_code: string; n: number }>
  totals: Array<{ level: string; dimension: string; n: number }>
  badgeClasses: number
}

/**
 * Approved badge classes per level x dimension x element, per level x dimension, and in all; one round trip.
 * Cells stream in index order from the partial index `badge_class_alignments_coverage` (a group aggregate, no
 * hashing); a badge class counts once per cell because rows are unique per badge class, element and dimension and
 * the level is the badge class's. Totals come from the one-row-per-badge-class selections. With `descendants`, a
 * row also counts for every ancestor of its element (a recursive walk up the tree, de-duplicated per badge class;
 * `union` stops at a corrupt cycle): slower, as it must hash every row.
 */
export async function coverageCounts (db: Executor, cityId: string, opts: { descendants: boolean }): Promise<CoverageCounts> {
  const cells = opts.descendants
    ? sql`with recursive anc (code, ancestor) as (
            select code, code from spine_elements where city_id = ${cityId}
            union
            select t.code, e.parent_code from anc t join spine_elements e on e.city_id = ${cityId} and e.code = t.ancestor where e.parent_code is not null
          )
          select level, dimension, ancestor as element_code, count(*)::int as n from (
            select b.level, b.dimension, t.ancestor, b.badge_class_id from badge_class_alignments b join anc t on t.code = b.element_code
            where b.city_id = ${cityId} and b.approved
            group by b.level, b.dimension, t.ancestor, b.badge_class_id) x
          group by level, dimension, ancestor`
    : sql`select level, dimension, element_code, count(*)::int as n from badge_class_alignments
          where city_id = ${cityId} and approved group by level, dimension, element_code`
  const r = await sql<{ k: 'c' | 't' | 'b'; level: string | null; dimension: string | null; element_code: string | null; n: number }>`
    select 'c' as k, level, dimension, element_code, n from (${cells}) c
    union all
    select 't', level, d, null, count(*)::int from badge_class_selections, unnest(dimensions) d
      where city_id = ${cityId} and approved group by level, d
    union all
    select 'b', null, null, null, count(*)::int from badge_class_selections where city_id = ${cityId} and approved`.execute(db)
  const out: CoverageCounts = { cells: [], totals: [], badgeClasses: 0 }
  for (const row of r.rows) {
    if (row.k === 'c') out.cells.push({ level: row.level ?? '', dimension: row.dimension ?? '', element_code: row.element_code ?? '', n: row.n })
    else if (row.k === 't') out.totals.push({ level: row.level ?? '', dimension: row.dimension ?? '', n: row.n })
    else out.badgeClasses = row.n
  }
  return out
}
