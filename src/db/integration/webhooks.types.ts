import type { ColumnType, Generated, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface WebhookSubscriptionsTable {
  id: string
  city_id: string
  organisation_id: string | null
  url: string
  events: ColumnType<string[], string[], string[]>
  description: string | null
  secret_enc: string
  previous_secret_enc: string | null
  previous_secret_expires_at: Date | null
  status: Generated<'active' | 'disabled'>
  disabled_reason: string | null
  lease_until: Date | null
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface WebhookDeliveriesTable {
  id: string
  subscription_id: string
  city_id: string
  outbox_id: ColumnType<string | null, number | string | null, number | string | null>
  position: ColumnType<string, number | string, number | string>
  event_type: string
  payload: string
  status: Generated<'pending' | 'delivered' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  last_attempt_at: Date | null
  last_status: number | null
  last_error: string | null
  delivered_at: Date | null
  created_at: Timestamp
}

export interface BulkJobsTable {
  id: string
  city_id: string
  kind: 'awards'
  state: Generated<'queued' | 'running' | 'completed' | 'cancelled' | 'failed'>
  principal: ColumnType<{ keyId: string; role: string; cityId: string | null; organisationId: string | null }, string, string>
  total: number
  processed: Generated<number>
  succeeded: Generated<number>
  failed: Generated<number>
  error: string | null
  lease_until: Date | null
  created_at: Timestamp
  updated_at: Timestamp
  finished_at: Date | null
}

export interface BulkJobRowsTable {
  job_id: string
  row_no: number
  data: ColumnType<Record<string, string>, string, string>
  state: Generated<'pending' | 'issued' | 'replayed' | 'error'>
  award_id: string | null
  error: string | null
}

export interface IntegrationTables {
  webhook_subscriptions: WebhookSubscriptionsTable
  webhook_deliveries: WebhookDeliveriesTable
  bulk_jobs: BulkJobsTable
  bulk_job_rows: BulkJobRowsTable
}

export type BulkJobRow = Selectable<BulkJobsTable>
export type BulkJobRowRow = Selectable<BulkJobRowsTable>

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>
