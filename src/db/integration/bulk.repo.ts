import { sql } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type { BulkJobRow, BulkJobRowRow } from './webhooks.types.js'

export const insertJob = (db: Executor, row: { id: string; city_id: string; kind: 'awards'; principal: string; total: number }): Promise<BulkJobRow> =>
  db.insertInto('bulk_jobs').values(row).returningAll().executeTakeFirstOrThrow()

/** Rows in chunks of a few thousand (one statement each). */
export async function insertRows (db: Executor, jobId: string, rows: Array<{ rowNo: number; data: Record<string, string> }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000)
    await db.insertInto('bulk_job_rows').values(chunk.map((r) => ({ job_id: jobId, row_no: r.rowNo, data: JSON.stringify(r.data) }))).execute()
  }
}

export const findJob = (db: Executor, cityId: string, id: string): Promise<BulkJobRow | undefined> =>
  db.selectFrom('bulk_jobs').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const listJobs = (db: Executor, cityId: string, limit: number, cursor?: Cursor): Promise<BulkJobRow[]> => {
  let q = db.selectFrom('bulk_jobs').selectAll().where('city_id', '=', cityId)
  if (cursor) q = q.where(after('bulk_jobs', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

export const rowErrors = (db: Executor, jobId: string, afterRow: number, limit: number): Promise<BulkJobRowRow[]> =>
  db.selectFrom('bulk_job_rows').selectAll().where('job_id', '=', jobId).where('state', '=', 'error').where('row_no', '>', afterRow)
    .orderBy('row_no').limit(limit).execute()

export const cancelJob = (db: Executor, cityId: string, id: string): Promise<BulkJobRow | undefined> =>
  db.updateTable('bulk_jobs').set({ state: 'cancelled', finished_at: sql`now()`, updated_at: sql`now()` })
    .where('city_id', '=', cityId).where('id', '=', id).where('state', 'in', ['queued', 'running']).returningAll().executeTakeFirst()

/** Leases one open job with no live lease (oldest first); a lease left by a dead runner expires by itself. */
export const leaseJob = async (db: Executor, leaseMs: number): Promise<BulkJobRow | undefined> =>
  (await sql<BulkJobRow>`
    update bulk_jobs set lease_until = now() + ${`${leaseMs} milliseconds`}::interval, state = 'running', updated_at = now()
    where id = (
      select id from bulk_jobs where state in ('queued', 'running') and (lease_until is null or lease_until < now())
      order by created_at limit 1 for update skip locked)
    returning *`.execute(db)).rows[0]

export const renewLease = (db: Executor, id: string, leaseMs: number): Promise<unknown> =>
  db.updateTable('bulk_jobs').set({ lease_until: sql`now() + ${`${leaseMs} milliseconds`}::interval` }).where('id', '=', id).execute()

export const pendingRows = (db: Executor, jobId: string, limit: number): Promise<BulkJobRowRow[]> =>
  db.selectFrom('bulk_job_rows').selectAll().where('job_id', '=', jobId).where('state', '=', 'pending').orderBy('row_no').limit(limit).execute()

export interface RowOutcome { rowNo: number; state: 'issued' | 'replayed' | 'error'; awardId: string | null; error: string | null }

/**
 * Records a chunk's outcomes and the job's counters in one statement (so a crash never leaves them apart), counting
 * only the rows that were still pending: a chunk recorded twice (two runners after a lease expired) counts once.
 * Answers the job's state afterwards.
 */
export async function recordOutcomes (db: Executor, jobId: string, outcomes: RowOutcome[]): Promise<string> {
  const row = (await sql<{ state: string }>`
    with o as (
      select unnest(${outcomes.map((o) => o.rowNo)}::int[]) as row_no, unnest(${outcomes.map((o) => o.state)}::text[]) as state,
             unnest(${outcomes.map((o) => o.awardId)}::text[]) as award_id, unnest(${outcomes.map((o) => o.error)}::text[]) as error),
    u as (
      update bulk_job_rows r set state = o.state, award_id = o.award_id::uuid, error = o.error
      from o where r.job_id = ${jobId} and r.row_no = o.row_no and r.state = 'pending'
      returning r.state)
    update bulk_jobs set
      processed = processed + (select count(*) from u)::int,
      succeeded = succeeded + (select count(*) from u where state <> 'error')::int,
      failed = failed + (select count(*) from u where state = 'error')::int,
      updated_at = now()
    where id = ${jobId}
    returning state`.execute(db)).rows[0]
  return row?.state ?? 'cancelled'
}

export const finishJob = (db: Executor, id: string): Promise<unknown> =>
  db.updateTable('bulk_jobs').set({ state: 'completed', finished_at: sql`now()`, updated_at: sql`now()`, lease_until: null })
    .where('id', '=', id).where('state', '=', 'running').execute()

export const failJob = (db: Executor, id: string, error: string): Promise<unknown> =>
  db.updateTable('bulk_jobs').set({ state: 'failed', error, finished_at: sql`now()`, updated_at: sql`now()`, lease_until: null }).where('id', '=', id).execute()
