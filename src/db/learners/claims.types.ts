import type { ColumnType, Selectable } from 'kysely'

// Tables of migrations/20261130T0410_learner_claims.ts (learners part B: mail, claims, claim codes, guardians, imports).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type MailKind = 'claim' | 'guardian-consent' | 'guardian-access'

export interface MailMessagesTable {
  id: string
  city_id: string
  kind: MailKind
  status: ColumnType<'pending' | 'sent' | 'cancelled', 'pending' | 'sent' | 'cancelled' | undefined, 'pending' | 'sent' | 'cancelled'>
  recipient_enc: string | null
  content_enc: string | null
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  created_at: Timestamp
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  last_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface AwardClaimsTable {
  id: string
  city_id: string
  award_id: string
  token_hash: string
  expires_at: Date
  claimed_at: Date | null
  learner_id: string | null
  created_at: Timestamp
}

export interface ClaimCodesTable {
  id: string
  city_id: string
  badge_class_id: string
  code: string
  starts_at: Date
  ends_at: Date
  max_claims: number
  claims: ColumnType<number, number | undefined, number>
  created_by: string
  created_at: Timestamp
}

export interface ClaimCodeRedemptionsTable {
  code_id: string
  learner_id: string
  city_id: string
  award_id: string | null
  created_at: Timestamp
}

export interface GuardianConsentTokensTable {
  id: string
  city_id: string
  learner_id: string
  token_hash: string
  expires_at: Date
  used_at: Date | null
  created_at: Timestamp
}

export interface LearnerClaimsTables {
  guardian_consent_tokens: GuardianConsentTokensTable
  mail_messages: MailMessagesTable
  award_claims: AwardClaimsTable
  claim_codes: ClaimCodesTable
  claim_code_redemptions: ClaimCodeRedemptionsTable
}

export type AwardClaimRow = Selectable<AwardClaimsTable>
export type ClaimCodeRow = Selectable<ClaimCodesTable>

export type MailMessageRow = Selectable<MailMessagesTable>
