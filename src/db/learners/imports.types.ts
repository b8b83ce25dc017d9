import type { ColumnType, Selectable } from 'kysely'

// Table of migrations/20261130T1300_learner_imports.ts (badges a learner imports from elsewhere).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export type ImportSourceKind = 'url' | 'assertion' | 'jws' | 'credential' | 'jwt' | 'image'
export type ImportStatus = 'verified' | 'failed'

/** The spine mapping of an import (element codes of this city, one level, its dimensions). */
export interface ImportSpine { elements: string[]; level: string; dimensions: string[] }

export interface LearnerImportsTable {
  id: string
  city_id: string
  learner_id: string
  source_kind: ImportSourceKind
  source: string
  fingerprint: string
  status: ImportStatus
  format: string
  report: Json<unknown>
  name: string | null
  issuer_name: string | null
  issued_on: NullableTimestamp
  spine: ColumnType<ImportSpine | null, string | null, string | null>
  themes: ColumnType<string[], string | undefined, string>
  mapped_by: 'alignment' | 'admin' | null
  verified_at: NullableTimestamp
  checked_at: Timestamp
  check_lease_until: NullableTimestamp
  created_at: Timestamp
}

export interface GuardianAccessTokensTable {
  id: string
  city_id: string
  learner_id: string
  token_hash: string
  expires_at: Date
  created_at: Timestamp
}

export interface LearnerImportsTables {
  learner_imports: LearnerImportsTable
  guardian_access_tokens: GuardianAccessTokensTable
}

export type LearnerImportRow = Selectable<LearnerImportsTable>
