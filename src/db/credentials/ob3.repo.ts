import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { AwardRow } from '../badges/badges.types.js'
import type { StatusListRow } from './ob3.types.js'
import type { Executor } from '../types.js'

// OB 3.0 status lists: allocation of entries, the rows a list is computed from, the stored signed list.

export interface StatusEntry { listId: string; index: number }

/**
 * Takes the next free index of the organisation's oldest open list (the row lock serialises concurrent awards of
 * one organisation until their transactions end); opens a new list when every list is full. `next_index` only
 * grows, so an index is never handed out twice; a rolled-back allocation was never seen by anyone.
 */
export async function allocateEntry (trx: Executor, cityId: string, organisationId: string): Promise<StatusEntry> {
  const taken = await trx.updateTable('status_lists')
    .set((eb) => ({ next_index: eb('next_index', '+', 1) }))
    .where('id', '=', (eb) => eb.selectFrom('status_lists').select('id')
      .where('organisation_id', '=', organisationId).where('purpose', '=', 'revocation')
      .where(sql<boolean>`next_index < size`).orderBy('created_at').orderBy('id').limit(1))
    // Re-checked on the locked row version: a list filled by a concurrent award is skipped.
    .where(sql<boolean>`next_index < size`)
    .returning(['id', sql<number>`next_index - 1`.as('index')])
    .executeTakeFirst()
  if (taken) return { listId: taken.id, index: Number(taken.index) }
  const opened = await trx.insertInto('status_lists')
    .values({ id: randomUUID(), city_id: cityId, organisation_id: organisationId, next_index: 1 })
    .returning(['id']).executeTakeFirstOrThrow()
  return { listId: opened.id, index: 0 }
}

/**
 * `n` entries at once (bulk issuing): each statement takes as many free indexes of the oldest open list as it has
 * (one UPDATE ... next_index = next_index + k, the old value read under the row lock), and a new list is opened for
 * the rest. Same guarantees as allocateEntry: `next_index` only grows, an index is never handed out twice.
 */
export async function allocateEntries (db: Executor, cityId: string, organisationId: string, n: number): Promise<StatusEntry[]> {
  const out: StatusEntry[] = []
  while (out.length < n) {
    const want = n - out.length
    const taken = (await sql<{ id: string; from: number; to: number }>`
      with l as (
        select id, next_index, size from status_lists
        where organisation_id = ${organisationId} and purpose = 'revocation' and next_index < size
        order by created_at, id limit 1 for update)
      update status_lists s set next_index = least(l.size, l.next_index + ${want}::int)
      from l where s.id = l.id and l.next_index < l.size
      returning s.id, l.next_index as "from", s.next_index as "to"`.execute(db)).rows[0]
    if (taken) {
      for (let i = Number(taken.from); i < Number(taken.to); i++) out.push({ listId: taken.id, index: i })
      continue
    }
    const size = 131072
    const k = Math.min(want, size)
    const opened = await db.insertInto('status_lists')
      .values({ id: randomUUID(), city_id: cityId, organisation_id: organisationId, next_index: k, size })
      .returning(['id']).executeTakeFirstOrThrow()
    for (let i = 0; i < k; i++) out.push({ listId: opened.id, index: i })
  }
  return out
}

/** Gives an award made before OB 3.0 its entry; undefined when it already had one (a concurrent request won). */
export const assignEntry = (trx: Executor, awardId: string, entry: StatusEntry): Promise<Pick<AwardRow, 'id'> | undefined> =>
  trx.updateTable('awards').set({ status_list_id: entry.listId, status_index: entry.index })
    .where('id', '=', awardId).where('status_list_id', 'is', null).returning(['id']).executeTakeFirst()

export const findStatusList = (db: Executor, id: string): Promise<StatusListRow | undefined> =>
  db.selectFrom('status_lists').selectAll().where('id', '=', id).executeTakeFirst()

/**
 * Orders the publishers of one list (a transaction-scoped advisory lock, so that awards allocating entries on the
 * list are not held up while it is signed), then reads the row.
 */
export async function lockStatusList (db: Executor, id: string): Promise<StatusListRow | undefined> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`status-list:${id}`}, 0))`.execute(db)
  return db.selectFrom('status_lists').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The set bits of a list: the indexes of its revoked awards. */
export async function revokedIndexes (db: Executor, listId: string): Promise<number[]> {
  const rows = await db.selectFrom('awards').select('status_index')
    .where('status_list_id', '=', listId).where('revoked_at', 'is not', null).execute()
  return rows.map((r) => r.status_index).filter((i): i is number => i !== null)
}

/** How many awards of the list are revoked (partial index awards_status_revoked): the staleness test of a stored list. */
export async function countRevoked (db: Executor, listId: string): Promise<number> {
  const r = await db.selectFrom('awards').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status_list_id', '=', listId).where('revoked_at', 'is not', null).executeTakeFirst()
  return Number(r?.n ?? 0)
}

export const storePublished = (db: Executor, id: string, published: string, bits: number, at: Date): Promise<unknown> =>
  db.updateTable('status_lists').set({ published, published_bits: bits, published_at: at }).where('id', '=', id).execute()
