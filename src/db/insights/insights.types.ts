import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type TextArray = ColumnType<string[], string[] | undefined, string[]>

// migrations/20261130T1100_insights.ts

/** One award that counts in the insights (see the migration for what counts). */
export interface InsightAwardFactsTable {
  award_id: string
  city_id: string
  learner_id: string
  organisation_id: string
  organisation_kind: string
  badge_class_id: string
  issued_on: Timestamp
  area: string | null
  age_band: string
  themes: TextArray
  destinations: TextArray
  spine_level: string | null
  spine_dimensions: TextArray
  spine_elements: TextArray
  /** Record keys (migrations/20261130T1720_insight_tables.ts): of the learner, and of the award. */
  record_key: ColumnType<string, string | number, string | number>
  item_key: ColumnType<string, string | number, string | number>
}

// migrations/20261130T1600_import_facts.ts

/** One verified import of an eligible learner (an external badge: no organisation or badge class of ours). */
export interface InsightImportFactsTable {
  import_id: string
  city_id: string
  learner_id: string
  issued_on: Timestamp
  area: string | null
  age_band: string
  themes: TextArray
  spine_level: string | null
  spine_dimensions: TextArray
  spine_elements: TextArray
  record_key: ColumnType<string, string | number, string | number>
  item_key: ColumnType<string, string | number, string | number>
}

export interface InsightDecilesTable {
  city_id: string
  area: string
  decile: number
}

export interface InsightSettingsTable {
  city_id: string
  cell_key_secret: string
  /** RFC 2104 pads of the secret, for HMAC record keys in SQL (migrations/20261130T1720_insight_tables.ts). */
  record_key_ipad: Buffer
  record_key_opad: Buffer
  deciles_updated_at: Date | null
  updated_at: Timestamp
}

/** The city's facts version is the sum of its slots; every fact write bumps one slot (migrations/20261130T1720_insight_tables.ts). */
export interface InsightFactVersionsTable {
  city_id: string
  slot: number
  version: ColumnType<string, string | number, string | number>
}

/** A published insight table kept for one viewer scope (migrations/20261130T1720_insight_tables.ts). */
export interface InsightTablesTable {
  city_id: string
  /** `city`, or the organisation id of an issuer's view. */
  scope: string
  query_key: string
  request: ColumnType<unknown, string, string>
  threshold: number
  facts_version: ColumnType<string | null, string | number | null, string | number | null>
  computed_at: Timestamp
  read_at: Timestamp
  refreshing_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  body: string
}

export interface InsightReleasesTable {
  city_id: string
  week: string
  json: string
  csv: string
  created_at: Timestamp
}

export interface InsightsTables {
  insight_award_facts: InsightAwardFactsTable
  insight_import_facts: InsightImportFactsTable
  insight_deciles: InsightDecilesTable
  insight_settings: InsightSettingsTable
  insight_releases: InsightReleasesTable
  insight_tables: InsightTablesTable
  insight_fact_versions: InsightFactVersionsTable
}
