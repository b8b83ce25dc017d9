import { sql } from 'kysely'
import type { Db, Executor, OutboxRow } from './types.js'

export interface NewEvent {
  type: string
  cityId: string | null
  /** Ids only: job payloads are stored in clear text in Redis. */
  payload: Record<string, string | number | boolean | null>
}

/** Records an event in the same transaction as the change it describes. */
export async function addEvent (trx: Executor, event: NewEvent): Promise<number> {
  const row = await trx.insertInto('outbox')
    .values({ type: event.type, city_id: event.cityId, payload: JSON.stringify(event.payload) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Several events in one statement (bulk issuing), in the same transaction as the changes they describe. */
export async function addEvents (trx: Executor, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return
  await trx.insertInto('outbox')
    .values(events.map((e) => ({ type: e.type, city_id: e.cityId, payload: JSON.stringify(e.payload) })))
    .execute()
}

export const pendingEvents = (db: Executor, limit: number): Promise<OutboxRow[]> =>
  db.selectFrom('outbox').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(limit).execute()

/** Locks pending rows so that several relays never publish the same row at once (PostgreSQL only). */
export const lockPendingEvents = (trx: Executor, limit: number): Promise<OutboxRow[]> =>
  trx.selectFrom('outbox').selectAll().where('dispatched_at', 'is', null).orderBy('id').limit(limit)
    .forUpdate().skipLocked().execute()

export async function markDispatched (db: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('outbox').set({ dispatched_at: sql`now()` }).where('id', 'in', ids).execute()
}

export async function markFailed (db: Executor, id: number, error: string): Promise<void> {
  await db.updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
    .where('id', '=', id).execute()
}

export async function countPending (db: Db): Promise<number> {
  const r = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dispatched_at', 'is', null).executeTakeFirst()
  return Number(r?.n ?? 0)
}

/**
 * Runs `effect` at most once per (event, processor): the receipt and the effect commit together,
 * so a re-delivered event is a no-op. Returns false when the event had already been processed.
 */
export async function runOnce (db: Db, outboxId: number, processor: string, effect: (trx: Executor) => Promise<void>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('event_receipts')
      .values({ outbox_id: outboxId, processor })
      .onConflict((oc) => oc.doNothing())
      .returning('outbox_id')
      .executeTakeFirst()
    if (!inserted) return false
    await effect(trx)
    return true
  })
}
