import { createHash } from 'node:crypto'
import type { CompiledQuery, Kysely } from 'kysely'
import type pg from 'pg'
import type { DB, Executor } from './types.js'

/**
 * Named prepared statements for the hottest reads. Kysely sends every query unnamed, so PostgreSQL plans it on every
 * call; a named statement is parsed and planned once per connection (PostgreSQL switches to its generic plan when
 * that is no worse). For the backpack page, planning was about a third of the query's time. The name is a hash of
 * the SQL text, so each distinct text has its own statement. Only on a PostgreSQL pool: in a transaction, and on
 * PGlite, the query runs as usual.
 */
const pools = new WeakMap<object, pg.Pool>()

export function usePreparedStatements (db: Kysely<DB>, pool: pg.Pool): void {
  pools.set(db, pool)
}

// Statement names by SQL text, so the hottest statements do not hash their text (sha1) on every call.
// The texts are a small fixed set (each call site has one or a few); emptied if that ever stops being true.
const names = new Map<string, string>()
function nameOf (text: string): string {
  let name = names.get(text)
  if (name === undefined) {
    if (names.size >= 1000) names.clear()
    name = `cb_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`
    names.set(text, name)
  }
  return name
}

export async function executePrepared<R> (db: Executor, query: { compile (db: Executor): CompiledQuery<R> }): Promise<R[]> {
  const compiled = query.compile(db)
  const pool = pools.get(db)
  if (!pool) return (await db.executeQuery(compiled)).rows
  const r = await pool.query({ name: nameOf(compiled.sql), text: compiled.sql, values: compiled.parameters as unknown[] })
  return r.rows as R[]
}
