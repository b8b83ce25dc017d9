import { sql } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type { ImportSourceKind, ImportSpine, ImportStatus, LearnerImportRow } from './imports.types.js'

// Badges a learner imported from elsewhere (issue #8 item 7).

export interface ImportWrite {
  id: string
  city_id: string
  learner_id: string
  source_kind: ImportSourceKind
  source: string
  fingerprint: string
}

export interface ImportOutcome {
  status: ImportStatus
  format: string
  report: unknown
  name: string | null
  issuer_name: string | null
  issued_on: Date | null
  spine: ImportSpine | null
  themes: string[]
  mapped_by: 'alignment' | 'admin' | null
}

const outcomeColumns = (o: ImportOutcome) => ({
  status: o.status,
  format: o.format,
  report: JSON.stringify(o.report),
  name: o.name,
  issuer_name: o.issuer_name,
  issued_on: o.issued_on,
  spine: o.spine === null ? null : JSON.stringify(o.spine),
  themes: JSON.stringify(o.themes),
  mapped_by: o.mapped_by,
})

/** Inserts the import with its first report; an import of the same badge by the same learner returns the first. */
export async function insertImport (db: Executor, row: ImportWrite, o: ImportOutcome, now: Date): Promise<{ row: LearnerImportRow; created: boolean }> {
  const inserted = await db.insertInto('learner_imports').values({
    ...row, ...outcomeColumns(o), checked_at: now, verified_at: o.status === 'verified' ? now : null,
  }).onConflict((oc) => oc.columns(['learner_id', 'fingerprint']).doNothing()).returningAll().executeTakeFirst()
  if (inserted) return { row: inserted, created: true }
  const existing = await db.selectFrom('learner_imports').selectAll().where('learner_id', '=', row.learner_id).where('fingerprint', '=', row.fingerprint).executeTakeFirstOrThrow()
  return { row: existing, created: false }
}

export const findImport = (db: Executor, learnerId: string, id: string): Promise<LearnerImportRow | undefined> =>
  db.selectFrom('learner_imports').selectAll().where('learner_id', '=', learnerId).where('id', '=', id).executeTakeFirst()

export function listImports (db: Executor, learnerId: string, f: { status?: ImportStatus | undefined }, limit: number, cursor?: Cursor): Promise<LearnerImportRow[]> {
  let q = db.selectFrom('learner_imports').selectAll().where('learner_id', '=', learnerId)
  if (f.status) q = q.where('status', '=', f.status)
  if (cursor) q = q.where(after('learner_imports', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/** The learner's verified imports, oldest first, as the backpack lists them (not their sources or reports). */
export const verifiedImportRows = (db: Executor, learnerId: string) =>
  db.selectFrom('learner_imports').select(['id', 'name', 'issuer_name', 'issued_on', 'format', 'verified_at', 'checked_at', 'created_at'])
    .where('learner_id', '=', learnerId).where('status', '=', 'verified').orderBy('created_at').orderBy('id').execute()

/** Records a re-verification; `verified_at` keeps the first time it verified. Returns the row before the change. */
export async function recordCheck (db: Executor, id: string, o: ImportOutcome, now: Date): Promise<{ before: ImportStatus; row: LearnerImportRow } | undefined> {
  const before = await db.selectFrom('learner_imports').select('status').where('id', '=', id).forUpdate().executeTakeFirst()
  if (!before) return undefined
  const row = await db.updateTable('learner_imports').set({
    ...outcomeColumns(o), checked_at: now, check_lease_until: null,
    verified_at: o.status === 'verified' ? sql<Date>`coalesce(verified_at, ${now.toISOString()}::timestamptz)` : sql<Date>`verified_at`,
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return { before: before.status, row }
}

export const setImportSpine = (db: Executor, learnerId: string, id: string, spine: ImportSpine | null, themes: string[], mappedBy: 'admin' | null): Promise<LearnerImportRow | undefined> =>
  db.updateTable('learner_imports').set({ spine: spine === null ? null : JSON.stringify(spine), themes: JSON.stringify(themes), mapped_by: mappedBy })
    .where('learner_id', '=', learnerId).where('id', '=', id).returningAll().executeTakeFirst()

export const deleteImport = (db: Executor, learnerId: string, id: string): Promise<number> =>
  db.deleteFrom('learner_imports').where('learner_id', '=', learnerId).where('id', '=', id).executeTakeFirst().then((r) => Number(r.numDeletedRows))

/**
 * Leases up to `limit` imports last checked before `checkedBefore` (and not leased by another process now): the
 * scheduled re-verification takes them. Skips rows another transaction holds.
 */
export async function leaseDueImports (db: Executor, checkedBefore: Date, now: Date, leaseSeconds: number, limit: number): Promise<LearnerImportRow[]> {
  const until = new Date(now.getTime() + leaseSeconds * 1000)
  return db.updateTable('learner_imports').set({ check_lease_until: until })
    // Repeated outside the subquery: a row leased meanwhile by another process is re-checked and skipped.
    .where((w) => w.or([w('check_lease_until', 'is', null), w('check_lease_until', '<', now)]))
    .where('id', 'in', (eb) => eb.selectFrom('learner_imports').select('id')
      .where('checked_at', '<', checkedBefore)
      .where((w) => w.or([w('check_lease_until', 'is', null), w('check_lease_until', '<', now)]))
      .orderBy('checked_at').limit(limit))
    .returningAll().execute()
}

/** Which of `codes` are element (or theme) codes of the city. */
export async function knownCodes (db: Executor, cityId: string, table: 'spine_elements' | 'themes', codes: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(codes)].filter((c) => c.length > 0 && c.length <= 200)
  if (unique.length === 0) return new Set()
  const rows = await db.selectFrom(table as 'themes').select('code').where('city_id', '=', cityId).where('code', 'in', unique).execute()
  return new Set(rows.map((r) => r.code))
}

/**
 * What the learner's verified imports contribute wherever awards count (pathways evidence, insights): the issue
 * date (the import date when the badge names none), the spine mapping and themes. Failed imports count nowhere.
 */
/** The verified imports of many learners at once (pathway progress recomputes learners in batches). */
export async function verifiedImportsOfMany (db: Executor, learnerIds: readonly string[]): Promise<Array<{ id: string; learner_id: string; issuedOn: Date; spine: ImportSpine | null; themes: string[] }>> {
  if (learnerIds.length === 0) return []
  const rows = await db.selectFrom('learner_imports').select(['id', 'learner_id', 'issued_on', 'created_at', 'spine', 'themes'])
    .where('learner_id', 'in', learnerIds).where('status', '=', 'verified').orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, learner_id: r.learner_id, issuedOn: r.issued_on ?? r.created_at, spine: r.spine, themes: r.themes }))
}

export async function verifiedImportsOf (db: Executor, learnerId: string): Promise<Array<{ id: string; issuedOn: Date; spine: ImportSpine | null; themes: string[] }>> {
  const rows = await db.selectFrom('learner_imports').select(['id', 'issued_on', 'created_at', 'spine', 'themes'])
    .where('learner_id', '=', learnerId).where('status', '=', 'verified').orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, issuedOn: r.issued_on ?? r.created_at, spine: r.spine, themes: r.themes }))
}
