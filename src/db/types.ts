import type { PathwaysTables } from './pathways/pathways.types.js'
import type { InsightsTables } from './insights/insights.types.js'
import type { LearnerClaimsTables } from './learners/claims.types.js'
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { BadgesTables } from './badges/badges.types.js'
import type { Ob3Tables } from './credentials/ob3.types.js'
import type { OpportunityTables } from './opportunities/opportunities.types.js'
import type { SpineTables } from './spine/spine.types.js'
import type { LearnersTables } from './learners/learners.types.js'
import type { IntegrationTables } from './integration/webhooks.types.js'
import type { LearnerImportsTables } from './learners/imports.types.js'
import type { OauthTables } from './oauth/oauth.types.js'

// The database as the migrations leave it. Kept beside the migrations by hand and checked by the
// integration tests, which run every query against the migrated schema.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>

/** A `translations` jsonb column (migration 20261130T1400): field → language tag → text; written as JSON text, optional on insert. */
export type TranslationsColumn = ColumnType<Record<string, Record<string, string>>, string | undefined, string>

export interface CitiesTable {
  id: string
  slug: string
  name: string
  locales: ColumnType<string[], string[] | undefined, string[]>
  timezone: Generated<string>
  privacy_threshold: Generated<number>
  store_plain_identity: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  /** migrations/20261130T0400_learners.ts: learners may carry a display name. */
  learner_names: Generated<boolean>
  // migrations/20261130T0600_branding.ts: public branding of the city's pages (the logo bytes are in city_logos).
  brand_name: ColumnType<string | null, string | null | undefined, string | null>
  brand_about: ColumnType<string | null, string | null | undefined, string | null>
  brand_accent: ColumnType<string | null, string | null | undefined, string | null>
  brand_logo_etag: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CityLogosTable {
  city_id: string
  media_type: 'image/png' | 'image/svg+xml'
  bytes: Buffer
  updated_at: Timestamp
}

export interface OrganisationsTable {
  id: string
  city_id: string
  name: string
  url: string
  email: string
  description: string | null
  image: string | null
  telephone: string | null
  kind: Generated<string>
  verified: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ApiKeysTable {
  id: string
  city_id: string | null
  organisation_id: string | null
  role: 'platform-admin' | 'city-admin' | 'issuer' | 'reader' | 'app'
  name: string
  secret_hash: string
  created_at: Timestamp
  revoked_at: Date | null
  last_used_at: Date | null
}

export interface IdempotencyKeysTable {
  principal: string
  key: string
  method: string
  path: string
  request_hash: string
  state: Generated<'pending' | 'done'>
  response_status: number | null
  response_type: string | null
  response_body: string | null
  created_at: Timestamp
  /** The live request holding a pending record, and until when (src/plugins/idempotency.ts). */
  owner: string | null
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface OutboxTable {
  id: Generated<number>
  city_id: string | null
  type: string
  payload: Json
  created_at: Timestamp
  dispatched_at: Date | null
  attempts: Generated<number>
  last_error: string | null
}

export interface EventReceiptsTable {
  outbox_id: number
  processor: string
  processed_at: Timestamp
}

export interface CityStatsTable {
  city_id: string
  organisations: Generated<number>
  events_processed: Generated<number>
  updated_at: Timestamp
}

/** migrations/20261130T1500_public_content_version.ts: one row, bumped at commit by triggers whenever a public page may change. */
export interface PublicContentVersionTable {
  id: number
  /** bigint: read as a string by pg. */
  version: ColumnType<string, string | number, string | number>
}

export interface DB extends SpineTables, BadgesTables, Ob3Tables, LearnersTables, LearnerClaimsTables, OpportunityTables, IntegrationTables, PathwaysTables, InsightsTables, LearnerImportsTables, OauthTables {
  cities: CitiesTable
  city_logos: CityLogosTable
  organisations: OrganisationsTable
  api_keys: ApiKeysTable
  idempotency_keys: IdempotencyKeysTable
  outbox: OutboxTable
  event_receipts: EventReceiptsTable
  city_stats: CityStatsTable
  public_content_version: PublicContentVersionTable
}

export type Db = Kysely<DB>
export type Executor = Kysely<DB> | Transaction<DB>
export type CityRow = Selectable<CitiesTable>
export type OrganisationRow = Selectable<OrganisationsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type NewOrganisationRow = Insertable<OrganisationsTable>
export type OutboxRow = Selectable<OutboxTable>
