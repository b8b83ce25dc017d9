import * as awardsRepo from '../../db/badges/awards.repo.js'
import * as repo from '../../db/badges/badges.repo.js'
import type { AwardRow } from '../../db/badges/badges.types.js'
import * as statusRepo from '../../db/credentials/ob3.repo.js'
import { isUuid } from '../../db/page.js'
import type { Executor } from '../../db/types.js'
import { buildRevocationList1EdTech } from '../../ob/v3/documents.js'
import { buildStatusListCredential } from '../../ob/v3/status-list.js'
import type { DomainDeps } from '../shared/context.js'
import { NotFound } from '../shared/errors.js'
import type { Ob3KeyStore } from '../keys/ob3-keys.js'
import { ob3Urls } from './ob3-urls.js'

/**
 * OB 3.0 status (CONFORMANCE items 73, 74): every award owns one never-reused entry of a bitstring status list of
 * its organisation; the signed BitstringStatusListCredential is republished after revocations (by the
 * status-list-publisher job, and on request whenever the stored copy is stale, so a revocation shows at once).
 * The 1EdTech revocation list is built live from the awards rows.
 */

export type StatusEntry = statusRepo.StatusEntry

/** Entries a process reserves at a time for an organisation's single awards (see createStatusEntryReservoir). */
export const STATUS_ENTRY_BLOCK = 32

/**
 * Hands out the status entries of single awards from blocks this process reserves in advance, per organisation.
 * Taking an entry one statement at a time made every award of an organisation wait for the previous one's commit
 * on the list row (one WAL flush each): a ceiling on POST /awards, and seconds of queueing when the disk is slow.
 * A block is taken with the bulk allocator (one UPDATE; `next_index` only grows, an index is never handed out
 * twice). What a process reserved and did not use when it stops stays unused: its bits are never set, so a verifier
 * sees nothing, and a list of 131,072 entries loses at most a block per start. Concurrent awards that find the
 * block empty wait for one refill together.
 */
export function createStatusEntryReservoir (blockSize = STATUS_ENTRY_BLOCK) {
  const blocks = new Map<string, { entries: StatusEntry[]; next: number }>()
  const refills = new Map<string, Promise<void>>()

  async function take (db: Executor, owner: { cityId: string; organisationId: string }): Promise<{ status_list_id: string; status_index: number }> {
    for (;;) {
      const b = blocks.get(owner.organisationId)
      if (b && b.next < b.entries.length) {
        const e = b.entries[b.next++]!
        return { status_list_id: e.listId, status_index: e.index }
      }
      let refill = refills.get(owner.organisationId)
      if (!refill) {
        refill = statusRepo.allocateEntries(db, owner.cityId, owner.organisationId, blockSize)
          .then((entries) => { blocks.set(owner.organisationId, { entries, next: 0 }) })
          .finally(() => refills.delete(owner.organisationId))
        refills.set(owner.organisationId, refill)
      }
      await refill
    }
  }

  return { take }
}

/** `n` entries at once (bulk issuing), in a statement of their own; spread each into its award row. */
export async function allocateStatusEntries (db: Executor, owner: { cityId: string; organisationId: string }, n: number): Promise<Array<{ status_list_id: string; status_index: number }>> {
  const entries = await statusRepo.allocateEntries(db, owner.cityId, owner.organisationId, n)
  return entries.map((e) => ({ status_list_id: e.listId, status_index: e.index }))
}

class LostRace extends Error {}

export function createOb3StatusService (deps: Pick<DomainDeps, 'db' | 'clock' | 'publicUrl'> & { keys: Ob3KeyStore }) {
  const urls = ob3Urls(deps.publicUrl)

  /** The award's entry; an award made before OB 3.0 gets one now (in a transaction of its own). */
  async function ensureEntry (award: Pick<AwardRow, 'id' | 'city_id' | 'organisation_id' | 'status_list_id' | 'status_index'>): Promise<StatusEntry> {
    if (award.status_list_id !== null && award.status_index !== null) return { listId: award.status_list_id, index: award.status_index }
    const assigned = await deps.db.transaction().execute(async (trx) => {
      const entry = await statusRepo.allocateEntry(trx, award.city_id, award.organisation_id)
      // A concurrent request assigned one first: roll back, so this index goes back to the list unseen.
      if (!await statusRepo.assignEntry(trx, award.id, entry)) throw new LostRace()
      return entry
    }).catch((err: unknown) => {
      if (err instanceof LostRace) return undefined
      throw err
    })
    if (assigned) return assigned
    const row = await awardsRepo.findAwardById(deps.db, award.id)
    if (row?.status_list_id == null || row.status_index === null) throw new Error(`award ${award.id} has no status entry`)
    return { listId: row.status_list_id, index: row.status_index }
  }

  /**
   * Re-signs a list from the awards rows (idempotent: a recomputation, never a delta) and stores it. The row lock
   * orders concurrent publishers; one that finds a fresh copy (same number of revoked entries) keeps it.
   */
  async function publish (listId: string): Promise<string> {
    const list = await statusRepo.findStatusList(deps.db, listId)
    if (!list) throw new NotFound('status-list', listId)
    const owner = { cityId: list.city_id, organisationId: list.organisation_id }
    const key = await deps.keys.activeKey(owner.cityId, owner.organisationId, 'Ed25519') // outside the transaction (PGlite: one connection)
    return deps.db.transaction().execute(async (trx) => {
      const locked = await statusRepo.lockStatusList(trx, listId)
      if (!locked) throw new NotFound('status-list', listId)
      const set = await statusRepo.revokedIndexes(trx, listId)
      if (locked.published !== null && locked.published_bits === set.length) return locked.published
      const now = deps.clock()
      // Valid from the list's creation, not from this re-signing: a verifier whose clock is a moment behind ours
      // (or who fetched the credential a moment before the list) must not find the list "not yet valid".
      const unsigned = buildStatusListCredential({
        id: urls.status(listId), issuer: urls.issuer(list.organisation_id), validFrom: list.created_at, purpose: 'revocation', set, length: locked.size,
      })
      const text = JSON.stringify(await deps.keys.signDi(owner, unsigned, now, key))
      await statusRepo.storePublished(trx, listId, text, set.length, now)
      return text
    })
  }

  /** The signed list as stored; published first when there is none yet or it misses a revocation. */
  async function statusList (listId: string): Promise<string> {
    const list = isUuid(listId) ? await statusRepo.findStatusList(deps.db, listId) : undefined
    if (!list) throw new NotFound('status-list', listId)
    if (list.published !== null && list.published_bits === await statusRepo.countRevoked(deps.db, listId)) return list.published
    return publish(listId)
  }

  /** Republishes the list of an award after its revocation (the job's work); nothing when it has no entry yet. */
  async function publishForAward (awardId: string): Promise<void> {
    const award = await awardsRepo.findAwardById(deps.db, awardId)
    if (award?.status_list_id) await publish(award.status_list_id)
  }

  /** The 1EdTech revocation list of an organisation (VCRL 1.0), live from the awards rows. */
  async function revocationList (organisationId: string): Promise<Record<string, unknown>> {
    const org = isUuid(organisationId) ? await repo.findOrganisationById(deps.db, organisationId) : undefined
    if (!org) throw new NotFound('organisation', organisationId)
    const revoked = await awardsRepo.listRevoked(deps.db, organisationId)
    return buildRevocationList1EdTech({
      id: urls.revocations(organisationId),
      issuer: urls.issuer(organisationId),
      revoked: revoked.map((r) => ({ id: urls.credential(r.id), ...(r.revocation_reason ? { revocationReason: r.revocation_reason } : {}) })),
    })
  }

  return { ensureEntry, publish, statusList, publishForAward, revocationList }
}

export type Ob3StatusService = ReturnType<typeof createOb3StatusService>
