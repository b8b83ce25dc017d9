import type { ColumnType, Selectable } from 'kysely'

// Tables of migrations/20261130T0410_learner_claims.ts (learners part B: mail, claims, claim codes, guardians, imports).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type MailKind = 'claim' | 'guardian-consent'

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

export interface LearnerClaimsTables {
  mail_messages: MailMessagesTable
}

export type MailMessageRow = Selectable<MailMessagesTable>
