import type { ColumnType, Selectable } from 'kysely'
import type { TranslationsColumn } from '../types.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export interface PathwaysTable {
  id: string
  city_id: string
  kind: 'recommended' | 'interest'
  organisation_id: string | null
  learner_id: string | null
  status: ColumnType<'draft' | 'published' | 'archived', 'draft' | 'published' | 'archived' | undefined, 'draft' | 'published' | 'archived'>
  version: ColumnType<number, number | undefined, number>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
  // migrations/20261130T1000_pathway_unlocks.ts
  unlock_opportunity_id: ColumnType<string | null, string | null | undefined, string | null>
  unlock_capacity: ColumnType<number | null, number | null | undefined, number | null>
  unlock_eligibility: ColumnType<unknown, string | undefined, string>
  unlock_offered: ColumnType<number, number | undefined, number>
}

export interface PathwayVersionsTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  pathway_id: string
  version: number
  title: string
  description: string | null
  destinations: ColumnType<string[], string[] | undefined, string[]>
  themes: ColumnType<string[], string[] | undefined, string[]>
  requirements: Json<unknown>
  completion_badge_class_id: string | null
  created_at: Timestamp
}

export interface PathwayFollowersTable {
  pathway_id: string
  learner_id: string
  city_id: string
  version: number
  started_at: Timestamp
}

export interface PathwayProgressTable {
  pathway_id: string
  learner_id: string
  city_id: string
  version: number
  percent: number
  satisfied: boolean
  missing: Json<unknown>
  next: Json<unknown>
  contributing: ColumnType<string[], string[], string[]>
  updated_at: Timestamp
}

export interface PathwayCompletionsTable {
  pathway_id: string
  learner_id: string
  city_id: string
  version: number
  award_id: string | null
  completed_at: Timestamp
  broken_at: Date | null
}

export interface PathwayUnlocksTable {
  pathway_id: string
  learner_id: string
  city_id: string
  opportunity_id: string
  state: 'offered' | 'waitlisted'
  created_at: Timestamp
}

/** Learners whose progress rows wait to be recomputed (migration 20261130T1620). */
export interface PathwayDirtyTable {
  learner_id: string
  city_id: string
  mark: ColumnType<string, never, never>
  priority: ColumnType<number, number | undefined, number>
  leased_until: Date | null
}

export interface PathwaysTables {
  pathway_dirty: PathwayDirtyTable
  pathway_unlocks: PathwayUnlocksTable
  pathways: PathwaysTable
  pathway_versions: PathwayVersionsTable
  pathway_followers: PathwayFollowersTable
  pathway_progress: PathwayProgressTable
  pathway_completions: PathwayCompletionsTable
}

export type PathwayRow = Selectable<PathwaysTable>
export type PathwayVersionRow = Selectable<PathwayVersionsTable>
export type PathwayProgressRow = Selectable<PathwayProgressTable>
