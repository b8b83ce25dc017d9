import type { ColumnType, Generated, Selectable } from 'kysely'

// Tables of migrations/20261130T1200_oauth.ts (issue #13: OAuth 2.0 and the OB 3.0 REST API).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** What oidc-provider stores: one row per model (Client, Grant, AccessToken, …) and id. */
export interface OauthStoreTable {
  model: string
  id: string
  payload: ColumnType<Record<string, unknown>, string, string>
  grant_id: string | null
  uid: string | null
  user_code: string | null
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  consumed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** An OpenBadgeCredential a learner brought in through the OB 3.0 API (verified before it was stored). */
export interface ObApiCredentialsTable {
  id: string
  city_id: string
  learner_id: string
  issuer_id: string
  credential_id: string
  format: 'json' | 'jwt'
  document: string
  valid_from: Timestamp
  verified_at: Timestamp
  client_id: string
  created_at: Generated<Date>
  updated_at: Timestamp
}
export type ObApiCredentialRow = Selectable<ObApiCredentialsTable>

export interface OauthTables {
  oauth_store: OauthStoreTable
  ob_api_credentials: ObApiCredentialsTable
}
