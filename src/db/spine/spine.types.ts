import type { ColumnType, Generated, Selectable } from 'kysely'
import type { TranslationsColumn } from '../types.js'

// Tables of migrations/20261122T1700_spine.ts, kept beside the migration by hand (see types.ts).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>
type NullableJson<T> = ColumnType<T | null, string | null, string | null>
/** bigint columns come back as numbers (src/db/database.ts sets the int8 parser). */
type Int8 = ColumnType<number, number | bigint, number | bigint>

export interface SpinesTable {
  city_id: string
  title: string | null
  created_at: Timestamp
  updated_at: Timestamp
  /** migrations/20261122T1910: bumped by every change coverage reads (elements, approved alignments). */
  coverage_version: ColumnType<number, number | undefined, number>
}

export interface StoredMapping { framework: string; url?: string; code: string }

export interface SpineElementsTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  city_id: string
  code: string
  layer: 'core' | 'cities-of-learning' | 'city' | 'strategic'
  parent_code: string | null
  title: string
  description: string | null
  kind: string | null
  mappings: NullableJson<StoredMapping[]>
  status: Generated<'active' | 'retired'>
  version: Generated<number>
  position: Int8
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SpineElementVersionsTable {
  city_id: string
  code: string
  version: number
  snapshot: Json<Record<string, unknown>>
  superseded_at: Timestamp
}

export interface SpineDeletedCodesTable {
  city_id: string
  code: string
  deleted_at: Timestamp
}

export interface SpineGridCellsTable {
  city_id: string
  level: string
  dimension: string
  descriptors: Json<Record<string, string>>
  updated_at: Timestamp
}

export interface ThemesTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  id: string
  city_id: string
  code: string
  kind: 'civic' | 'wellbeing' | 'sector'
  title: string
  description: string | null
  industry_code: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DestinationsTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  id: string
  city_id: string
  code: string
  kind: 'education' | 'employment' | 'enterprise' | 'civic-engagement'
  title: string
  description: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** One row per badge class x element x dimension; written by badge classes, read by coverage and "in use". */
export interface BadgeClassAlignmentsTable {
  city_id: string
  badge_class_id: string
  element_code: string
  level: string
  dimension: string
  approved: Generated<boolean>
  created_at: Timestamp
}

/** One row per badge class: its whole selection (coverage totals read it). */
export interface BadgeClassSelectionsTable {
  city_id: string
  badge_class_id: string
  level: string
  dimensions: ColumnType<string[], string[], string[]>
  elements: ColumnType<string[], string[], string[]>
  approved: Generated<boolean>
  updated_at: Timestamp
}

export interface SpineTables {
  spines: SpinesTable
  spine_elements: SpineElementsTable
  spine_element_versions: SpineElementVersionsTable
  spine_deleted_codes: SpineDeletedCodesTable
  spine_grid_cells: SpineGridCellsTable
  themes: ThemesTable
  destinations: DestinationsTable
  badge_class_alignments: BadgeClassAlignmentsTable
  badge_class_selections: BadgeClassSelectionsTable
}

export type SpineRow = Selectable<SpinesTable>
export type SpineElementRow = Selectable<SpineElementsTable>
export type GridCellRow = Selectable<SpineGridCellsTable>
export type ThemeRow = Selectable<ThemesTable>
export type DestinationRow = Selectable<DestinationsTable>
