import type { Db } from '../../db/types.js'
import type { HostedCache } from '../credentials/hosted-cache.js'
import type { Egress } from '../../infra/egress.js'

/** What every domain service is built from; tests pass the same real pieces. */
export interface DomainDeps {
  db: Db
  clock: () => Date
  /** Publicly reachable base URL of this service (no trailing slash): the base of every hosted id. */
  publicUrl: string
  /** Called after a transaction that wrote outbox rows commits: wakes the relay. */
  eventsWritten: () => void
  /** 32 bytes: encrypts organisations' private signing keys at rest (AES-256-GCM). */
  keyEncryptionKey: Buffer
  /** Serialised public documents; invalidated on every instance (default: an in-process cache). */
  hostedCache?: HostedCache
  /** True when SMTP_URL is set: links (claims, guardian consent) are mailed instead of returned to the caller. */
  mailEnabled?: boolean
  /** The outbound client (webhook deliveries, URL checks); default: one with the public-address policy. */
  egress?: Egress
  /** Wakes this process's webhook dispatcher after deliveries were queued by a request. */
  kickWebhooks?: () => void
  /** Wakes this process's bulk-job runner after a job was queued. */
  kickBulk?: () => void
  /** How old a kept insight table may be, when the city's facts changed since, before it is computed again (INSIGHT_TABLE_MAX_AGE_SECONDS, default 60). */
  insightTableMaxAgeSeconds?: number
  /** Told of every kept insight table computed, and why (metrics). */
  onInsightTableComputed?: (cause: 'request' | 'revalidation' | 'refresh', seconds: number) => void
}
