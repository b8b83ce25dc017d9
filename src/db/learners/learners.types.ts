import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

// Tables of migrations/20261130T0400_learners.ts (issue #8: learners, backpack, shares, tokens, erasure).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export const AGE_BANDS = ['under-13', '13-15', '16-18', '19-24', '25-plus'] as const
export type AgeBand = typeof AGE_BANDS[number]
export const IDENTIFIER_TYPES = ['email', 'url', 'telephone', 'did'] as const
export type IdentifierType = typeof IDENTIFIER_TYPES[number]
export type Acceptance = 'pending' | 'accepted' | 'declined'
export type GuardianConsent = 'pending' | 'given'

export interface LearnerSecretsTable {
  city_id: string
  /** AES-256-GCM under KEY_ENCRYPTION_KEY (domain/keys/keys.ts format), the city id as associated data. */
  secret_enc: string
  created_at: Timestamp
}

export interface LearnersTable {
  id: string
  city_id: string
  /** The stable pseudonymous recipient identity (`urn:uuid:<pseudonym>`) of awards made by learner id. */
  pseudonym: string
  age_band: AgeBand
  area: string | null
  display_name: string | null
  consent_sharing: Generated<boolean>
  consent_contact: Generated<boolean>
  insights_opt_out: Generated<boolean>
  consents_updated_at: Date | null
  /** Under-13s: the guardian's email, encrypted (AD = learner id); never returned by the API. */
  guardian_email_enc: string | null
  /** HMAC of the normalised guardian email with the city secret (matching only). */
  guardian_email_hash: string | null
  guardian_consent: GuardianConsent | null
  guardian_consent_at: Date | null
  guardian_consent_version: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface LearnerExternalRefsTable {
  learner_id: string
  city_id: string
  platform: string
  ref: string
  created_at: Timestamp
}

export interface LearnerIdentifiersTable {
  id: string
  learner_id: string
  city_id: string
  type: IdentifierType
  /** Hex HMAC-SHA-256(city secret, `${type}:${normalised value}`). */
  value_hash: string
  masked: string
  verified: Generated<boolean>
  verified_at: Date | null
  created_at: Timestamp
}

export interface LearnerCollectionsTable {
  id: string
  learner_id: string
  city_id: string
  name: string
  position: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface LearnerCollectionAwardsTable {
  collection_id: string
  award_id: string
  position: number
}

export interface LearnerSharesTable {
  id: string
  learner_id: string
  city_id: string
  /** SHA-256 hex of the share token; the token itself is only in the URL handed to the learner. */
  token_hash: string
  award_ids: string[] | null
  collection_id: string | null
  show_name: Generated<boolean>
  expires_at: Date | null
  revoked_at: Date | null
  created_at: Timestamp
}

export interface LearnerTokensTable {
  id: string
  learner_id: string
  city_id: string
  secret_hash: string
  scopes: ColumnType<string[], string[] | undefined, string[]>
  /** API key id of the app or city admin that minted it. */
  created_by: string
  expires_at: Date
  revoked_at: Date | null
  created_at: Timestamp
}

export interface LearnerErasuresTable {
  learner_id: string
  city_id: string
  /** API key id of the caller (no personal data). */
  erased_by: string
  awards_erased: number
  erased_at: Timestamp
}

export interface LearnersTables {
  learner_secrets: LearnerSecretsTable
  learners: LearnersTable
  learner_external_refs: LearnerExternalRefsTable
  learner_identifiers: LearnerIdentifiersTable
  learner_collections: LearnerCollectionsTable
  learner_collection_awards: LearnerCollectionAwardsTable
  learner_shares: LearnerSharesTable
  learner_tokens: LearnerTokensTable
  learner_erasures: LearnerErasuresTable
}

export type LearnerRow = Selectable<LearnersTable>
export type NewLearnerRow = Insertable<LearnersTable>
export type LearnerIdentifierRow = Selectable<LearnerIdentifiersTable>
export type LearnerExternalRefRow = Selectable<LearnerExternalRefsTable>
export type LearnerCollectionRow = Selectable<LearnerCollectionsTable>
export type LearnerShareRow = Selectable<LearnerSharesTable>
export type LearnerTokenRow = Selectable<LearnerTokensTable>
export type LearnerErasureRow = Selectable<LearnerErasuresTable>

// The award columns of the learners migration, merged into AwardsTable (all optional on insert): the learner
// link, the learner's decision, a keyed hash of the recipient identity (to link awards when an identifier is
// verified later) and when the award was erased with its learner.
declare module '../badges/badges.types.js' {
  interface AwardsTable {
    learner_id: ColumnType<string | null, string | null | undefined, string | null>
    acceptance: ColumnType<Acceptance, Acceptance | undefined, Acceptance>
    acceptance_at: ColumnType<Date | null, Date | null | undefined, Date | null>
    recipient_match: ColumnType<string | null, string | null | undefined, string | null>
    erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  }
}
