import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DB } from './types.js'
import { usePreparedStatements } from './prepared.js'

// int8 (bigserial ids, counts) as numbers: every value we store stays far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10))

export interface Database {
  readonly db: Kysely<DB>
  readonly kind: 'postgres' | 'pglite'
  /** Throws when the database does not answer within `timeoutMs`. */
  ping (timeoutMs?: number): Promise<void>
  close (): Promise<void>
  /** Embedded only: the whole database as a tarball, which `openDatabase({ snapshot })` starts from. */
  dump?: () => Promise<Blob>
}

export class DataDirLockedError extends Error {
  constructor (dir: string, pid: number) {
    super(`The data folder ${dir} is in use by another CityBadges process (pid ${pid}). ` +
      'Two processes on one embedded database lose data: stop the other one, or give this one its own DATA_DIR.')
  }
}

/** PostgreSQL through a pg pool (production), or PGlite in DATA_DIR through the same Kysely dialect. */
export async function openDatabase (opts: {
  databaseUrl?: string | undefined
  dataDir: string
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean
  /** In memory only: start from this dump (`Database.dump`) instead of an empty cluster — initdb costs seconds. */
  snapshot?: Blob
  poolSize?: number
  onError?: (err: Error) => void
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    })
    // An idle client's error (a restarted server) must not crash the process.
    pool.on('error', (err) => opts.onError?.(err))
    // A checked-out client whose server goes away also emits 'error': without a listener that is an uncaught
    // exception. The query in flight rejects on its own and the pool discards the client.
    pool.on('connect', (client) => { client.on('error', (err) => opts.onError?.(err)) })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    usePreparedStatements(db, pool)
    return { db, kind: 'postgres', ping: (t) => ping(db, t), close: () => db.destroy() }
  }
  return openEmbedded(opts.dataDir, opts.inMemory === true, opts.snapshot)
}

async function openEmbedded (dataDir: string, inMemory: boolean, snapshot: Blob | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres')
  // Contrib extensions the migrations create (opportunities: geo search and typo-tolerant text), as on the server.
  const extensions = {
    cube: (await import('@electric-sql/pglite/contrib/cube')).cube,
    earthdistance: (await import('@electric-sql/pglite/contrib/earthdistance')).earthdistance,
    pg_trgm: (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm,
  }
  let release = (): void => {}
  let pglite
  if (inMemory) {
    pglite = new PGlite(snapshot ? { extensions, loadDataDir: snapshot } : { extensions })
  } else {
    mkdirSync(dataDir, { recursive: true })
    release = lockDataDir(dataDir)
    try {
      pglite = new PGlite(path.join(dataDir, 'pgdata'), { extensions })
    } catch (err) {
      release()
      throw err
    }
  }
  await pglite.waitReady
  // One connection only: PGlite is single-session, so the pool never opens a second client.
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as object), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'pglite',
    ping: (t) => ping(db, t),
    async close () {
      await db.destroy()
      await pglite.close()
      release()
    },
    dump: async () => await pglite.dumpDataDir('none'),
  }
}

async function ping (db: Kysely<DB>, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs)
  })
  try {
    await Promise.race([sql`select 1`.execute(db), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** A lock file with our pid: a second live process on the same folder is refused; a stale lock is taken over. */
export function lockDataDir (dataDir: string): () => void {
  const file = path.join(dataDir, 'citybadges.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirLockedError(dataDir, pid)
      rmSync(file, { force: true })
    }
  }
  throw new Error(`could not lock ${dataDir}`)
}

function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
