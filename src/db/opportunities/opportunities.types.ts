import type { ColumnType, Generated, Selectable } from 'kysely'
import type { TranslationsColumn } from '../types.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | null, string | null>

export type OpportunityKind = 'activity' | 'event' | 'course' | 'volunteering' | 'job' | 'apprenticeship' | 'internship' | 'interview'
export type OpportunityStatus = 'draft' | 'published' | 'cancelled'
export type FeedStatus = 'idle' | 'queued' | 'running' | 'done' | 'error'

export interface OpportunitiesTable {
  /** Migration 20261130T1400: the translatable fields by language, `{ <field>: { <tag>: <text> } }` (insert/update as JSON text). */
  translations: TranslationsColumn
  id: string
  city_id: string
  organisation_id: string
  kind: OpportunityKind
  title: string
  description: Generated<string>
  lat: number | null
  lon: number | null
  address: string | null
  postcode: string | null
  area: string | null
  online: Generated<boolean>
  age_min: number | null
  age_max: number | null
  free: Generated<boolean>
  /** numeric(12,2): pg returns it as a string. */
  cost_amount: ColumnType<string | null, string | number | null, string | number | null>
  currency: string | null
  accessibility: string | null
  booking_url: string | null
  themes: ColumnType<string[], string[] | undefined, string[]>
  destinations: ColumnType<string[], string[] | undefined, string[]>
  spine_elements: ColumnType<string[], string[] | undefined, string[]>
  spine_level: string | null
  badge_class_ids: ColumnType<string[], string[] | undefined, string[]>
  language: string | null
  schedule: Json
  status: Generated<OpportunityStatus>
  published_at: Date | null
  deleted_at: Date | null
  source_feed_id: string | null
  source_id: string | null
  feed_modified: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  search: ColumnType<unknown, never, never>
}

export interface OpportunitySessionsTable {
  id: string
  city_id: string
  opportunity_id: string
  start_at: Date
  end_at: Date
  capacity: number | null
  places_left: number | null
  status: Generated<'scheduled' | 'cancelled'>
  source_id: string | null
}

export interface OpportunityFeedsTable {
  id: string
  city_id: string
  organisation_id: string
  url: string
  next_url: string
  last_modified: string | null
  last_id: string | null
  status: Generated<FeedStatus>
  last_error: string | null
  pages: Generated<number>
  items_upserted: Generated<number>
  items_deleted: Generated<number>
  last_run_at: Date | null
  created_at: Timestamp
}

export interface OpportunitySettingsTable {
  city_id: string
  max_radius_km: Generated<number>
}

export interface OpportunityAttendanceTable {
  session_id: string
  learner_id: string
  city_id: string
  opportunity_id: string
  award_id: string | null
  recorded_by: string | null
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface OpportunityTables {
  opportunity_attendance: OpportunityAttendanceTable
  opportunities: OpportunitiesTable
  opportunity_sessions: OpportunitySessionsTable
  opportunity_feeds: OpportunityFeedsTable
  opportunity_settings: OpportunitySettingsTable
}

export type OpportunityRow = Selectable<OpportunitiesTable>
export type SessionRow = Selectable<OpportunitySessionsTable>
export type FeedRow = Selectable<OpportunityFeedsTable>
