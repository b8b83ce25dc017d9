import type { Db } from '../../db/types.js'
import type { HostedCache } from '../credentials/hosted-cache.js'

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
}
