import type { DomainDeps } from '../domain/shared/context.js'
import { createOb3KeyStore } from '../domain/keys/ob3-keys.js'
import { createOb3StatusService, type Ob3StatusService } from '../domain/credentials/ob3-status.js'
import type { Db } from '../db/types.js'
import type { DeliveredEvent } from './events.js'

/** What the publisher needs besides the database: the key-encryption key and the public base URL to sign lists. */
export type PublisherDeps = Pick<DomainDeps, 'clock' | 'publicUrl' | 'keyEncryptionKey'>

const services = new WeakMap<Db, Ob3StatusService>()

/**
 * Re-signs the OB 3.0 bitstring status list of a revoked award (recomputed from the awards rows, so a repeated or
 * late delivery is harmless). The status route also republishes a stale list on request; this keeps it warm.
 */
export async function publishStatusListOf (event: DeliveredEvent, deps: { db: Db; ob3?: PublisherDeps | undefined }): Promise<void> {
  if (event.type !== 'award.revoked') return
  if (!deps.ob3) throw new Error('status-list-publisher needs the OB 3.0 signing deps (publicUrl, keyEncryptionKey)')
  let status = services.get(deps.db)
  if (!status) {
    const base = { db: deps.db, ...deps.ob3 }
    status = createOb3StatusService({ ...base, keys: createOb3KeyStore(base) })
    services.set(deps.db, status)
  }
  await status.publishForAward((event.payload as { awardId: string }).awardId)
}
