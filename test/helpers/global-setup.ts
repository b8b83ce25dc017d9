import pg from 'pg'
import { Redis } from 'ioredis'

/**
 * Integration tests run against the real PostgreSQL and Redis named by DATABASE_URL / REDIS_URL, and in
 * embedded mode (PGlite, in-process jobs) when they are not set. A configured service that does not answer
 * fails the run at once instead of skipping tests.
 */
export default async function setup (): Promise<void> {
  const mode = `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process jobs'}`
  process.stderr.write(`integration tests: ${mode}\n`)
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5_000 })
    await client.connect()
    await client.query('select 1')
    // Databases of earlier runs that died before dropping theirs.
    const stale = await client.query<{ datname: string }>("select datname from pg_database where datname like 'cbtest\\_%' and datname < $1", [`cbtest_${(Date.now() - 3_600_000).toString(36)}`])
    for (const { datname } of stale.rows) await client.query(`drop database if exists "${datname}" with (force)`).catch(() => {})
    await client.end()
  }
  if (process.env.REDIS_URL) {
    const r = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 5_000 })
    await r.ping()
    r.disconnect()
  }
}
