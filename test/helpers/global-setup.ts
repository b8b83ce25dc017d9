import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: a database migrated to the latest version, each test file's database is a copy of it. */
    pgTemplate: string
    /** Embedded: a dump of a migrated in-memory PGlite, each test file's database starts from it. */
    pgliteSnapshot: string
  }
}

/**
 * Integration tests run against the real PostgreSQL and Redis named by DATABASE_URL / REDIS_URL, and in
 * embedded mode (PGlite, in-process jobs) when they are not set. A configured service that does not answer
 * fails the run at once instead of skipping tests.
 *
 * The migrations run once per run here — on the real server into a template database, embedded into a dump — and
 * every test file starts from a copy (`CREATE DATABASE … TEMPLATE`, PGlite `loadDataDir`): the same schema the
 * migrations make, without paying initdb and ~30 migrations again for each of the ~60 files.
 */
export default async function setup (project: TestProject): Promise<() => Promise<void>> {
  const mode = `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process jobs'}`
  process.stderr.write(`integration tests: ${mode}\n`)
  const cleanups: Array<() => Promise<void>> = []
  if (process.env.DATABASE_URL) {
    const base = process.env.DATABASE_URL
    const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5_000 })
    await client.connect()
    await client.query('select 1')
    // Databases of earlier runs that died before dropping theirs.
    const stale = await client.query<{ datname: string }>("select datname from pg_database where datname like 'cbtest\\_%' and datname < $1", [`cbtest_${(Date.now() - 3_600_000).toString(36)}`])
    for (const { datname } of stale.rows) await client.query(`drop database if exists "${datname}" with (force)`).catch(() => {})
    const template = `cbtest_${Date.now().toString(36)}_tpl_${randomBytes(3).toString('hex')}`
    await client.query(`create database "${template}"`)
    const url = new URL(base)
    url.pathname = `/${template}`
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir(), poolSize: 1 })
    try { await migrateToLatest(db.db) } finally { await db.close() }
    project.provide('pgTemplate', template)
    cleanups.push(async () => {
      await client.query(`drop database if exists "${template}" with (force)`).catch(() => {})
      await client.end()
    })
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cbtest-snapshot-'))
    const db = await openDatabase({ dataDir: dir, inMemory: true })
    try {
      await migrateToLatest(db.db)
      const file = path.join(dir, 'migrated.tar')
      writeFileSync(file, Buffer.from(await (await db.dump!()).arrayBuffer()))
      project.provide('pgliteSnapshot', file)
    } finally { await db.close() }
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
  }
  if (process.env.REDIS_URL) {
    const r = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 5_000 })
    await r.ping()
    r.disconnect()
  }
  return async () => { for (const c of cleanups) await c() }
}
