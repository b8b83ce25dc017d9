import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createRuntime } from '../../src/runtime.js'
import { SYSTEM, testConfig, usingPostgres } from '../helpers/app.js'
import { TestRedis, sparePort } from '../helpers/redis-server.js'

const root = path.resolve(import.meta.dirname, '../..')
// Entry points run as `node --import tsx <file>`, as the npm scripts do: signals reach the service itself.

/** Starts an entry point, waits for `ready` on its output, sends SIGTERM and resolves with the exit code. */
async function startAndTerminate (entry: string, env: Record<string, string | undefined>, ready: RegExp, beforeTerm?: (pid: number) => Promise<void>): Promise<{ code: number | null; output: string; ms: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as NodeJS.ProcessEnv })
  let output = ''
  child.stdout.on('data', (d: Buffer) => { output += d.toString() })
  child.stderr.on('data', (d: Buffer) => { output += d.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const until = Date.now() + 60_000
  while (!ready.test(output)) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL')
      throw new Error(`${entry} did not become ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await beforeTerm?.(child.pid!)
  const t0 = Date.now()
  child.kill('SIGTERM')
  const code = await exited
  return { code, output, ms: Date.now() - t0 }
}

describe('graceful shutdown', () => {
  it('the embedded server stops on SIGTERM, exits 0 and releases its data folder', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-stop-'))
    try {
      const port = await sparePort()
      const r = await startAndTerminate('src/server.ts', { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }, /CityBadges listening on/)
      expect(r.output).toContain('Platform-admin API key (shown once')
      expect(r.code).toBe(0)
      expect(r.output).toContain('"signal":"SIGTERM"')
      expect(existsSync(path.join(dataDir, 'citybadges.lock'))).toBe(false)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it.runIf(usingPostgres())('the worker process runs at WORKER_NICE, stops taking work on SIGTERM and exits 0', async () => {
    const redis = await TestRedis.start()
    const { config, cleanup } = await testConfig({ REDIS_URL: redis.url })
    try {
      let nice: number | undefined
      const r = await startAndTerminate('src/worker.ts', {
        DATABASE_URL: config.databaseUrl, REDIS_URL: redis.url, KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex'), LOG_LEVEL: 'info', WORKER_NICE: '7',
      }, /worker started/, async (pid) => { nice = os.getPriority(pid) })
      // Yields the CPU to the API processes of the machine (default 10; 7 here, told apart from the default).
      expect(nice).toBe(Math.max(7, os.getPriority(0)))
      expect(r.output).toContain('"nice":')
      expect(r.output).toContain('worker stopping')
      expect(r.code).toBe(0)
    } finally {
      await cleanup()
      await redis.stop()
    }
  })

  // Issue #14 item 9: SIGTERM while a processor is running. The city-stats processor is held 3 s inside PostgreSQL
  // (a trigger sleeps); the worker must finish that job (or leave it to be retried), never lose it, and exit 0.
  it.runIf(usingPostgres())('a worker given SIGTERM while a slow job runs finishes it, then exits 0', async () => {
    const redis = await TestRedis.start()
    const { config, cleanup } = await testConfig({ REDIS_URL: redis.url })
    const producer = await createRuntime(config, { log: pino({ level: 'silent' }), runWorkers: false, startRelay: false, redisPrefix: 'citybadges' })
    const db = producer.database.db
    try {
      await sql`create function cb_test_slow_stats() returns trigger language plpgsql as $$ begin perform pg_sleep(3); return new; end $$`.execute(db)
      await sql`create trigger cb_test_slow_stats before insert or update on city_stats for each row execute function cb_test_slow_stats()`.execute(db)
      const city = await producer.services.cities.create(SYSTEM, { slug: 'slow-stats', name: 'Slow Stats' })
      const r = await startAndTerminate('src/worker.ts', {
        DATABASE_URL: config.databaseUrl, REDIS_URL: redis.url, KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex'), LOG_LEVEL: 'info',
      }, /worker started/, async () => {
        // Wait until the processor is inside the slow update.
        const until = Date.now() + 30_000
        while (!(await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where query like '%city_stats%' and wait_event = 'PgSleep' and pid <> pg_backend_pid()`.execute(db)).rows[0]!.n) {
          if (Date.now() > until) throw new Error('the job never started')
          await new Promise((res) => setTimeout(res, 50))
        }
      })
      expect(r.code).toBe(0)
      expect(r.ms).toBeGreaterThan(1_000) // it waited for the job
      const stats = await db.selectFrom('city_stats').selectAll().where('city_id', '=', city.id).executeTakeFirst()
      expect(stats?.events_processed).toBe(1)
      expect(await db.selectFrom('event_receipts').select('outbox_id').where('processor', '=', 'city-stats').execute()).toHaveLength(1)
    } finally {
      await producer.close()
      await cleanup()
      await redis.stop()
    }
  })
})
