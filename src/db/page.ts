import { sql, type Expression, type SqlBool } from 'kysely'

/** Keyset pagination over (created_at, id): stable under inserts, O(log n) per page. */
export interface Cursor { createdAt: Date; id: string }

const ID = /^[A-Za-z0-9-]{1,64}$/
// uuid ids must also look like uuids, or PostgreSQL would reject the comparison.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string): boolean => UUID.test(s)

export function encodeCursor (row: { created_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url')
}

/** Returns undefined for a cursor that is not ours (the caller answers 400). */
export function decodeCursor (cursor: string): Cursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string') return undefined
    const createdAt = new Date(v[0])
    if (Number.isNaN(createdAt.getTime()) || !ID.test(v[1])) return undefined
    return { createdAt, id: v[1] }
  } catch {
    return undefined
  }
}

/** `(created_at, id) > (cursor)` for a table aliased or named `table`. */
export function after (table: string, c: Cursor): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) > (${c.createdAt.toISOString()}::timestamptz, ${c.id})`
}

export function pageOf<T extends { created_at: Date; id: string }> (rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  const last = page[page.length - 1]
  return { rows: page, nextCursor: more && last ? encodeCursor(last) : null }
}
