import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import pino from 'pino'
import { inject } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import type { Principal } from '../../src/domain/access/auth.js'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js'

export const SYSTEM: Principal = { keyId: 'test', role: 'platform-admin', cityId: null, organisationId: null }
export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL)
export const usingRedis = (): boolean => Boolean(process.env.REDIS_URL)

export interface TestContext {
  app: FastifyInstance
  runtime: Runtime
  config: Config
  /** A platform-admin key. */
  adminKey: string
  auth (key?: string): { authorization: string }
  close (): Promise<void>
}

/** What the global setup provided (nothing when a suite runs without it, e.g. the reliability suite). */
const provided = (key: 'pgTemplate' | 'pgliteSnapshot'): string | undefined => {
  try { return inject(key) } catch { return undefined }
}

let snapshot: Blob | undefined
/** The migrated embedded database the global setup dumped, read once per test file. */
export function embeddedSnapshot (): Blob | undefined {
  const file = provided('pgliteSnapshot')
  if (file && !snapshot) snapshot = new Blob([readFileSync(file)])
  return snapshot
}

/** A fresh database of our own for one test file: PostgreSQL (a new database, a copy of the migrated template the
 * global setup made) or in-memory PGlite. `empty` skips the template: the migrations then run at start. */
async function freshDatabaseUrl (empty = false): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL
  if (!base) return { url: undefined, drop: async () => {} }
  const name = `cbtest_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  const template = empty ? undefined : provided('pgTemplate')
  await admin.query(template ? `create database "${name}" template "${template}"` : `create database "${name}"`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`)
      await c.end()
    },
  }
}

export async function testConfig (overrides: Record<string, string | undefined> = {}): Promise<{ config: Config; cleanup: () => Promise<void> }> {
  const db = await freshDatabaseUrl()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cbtest-'))
  const env: Record<string, string | undefined> = {
    PORT: '0',
    PUBLIC_URL: 'https://badges.test',
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL,
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  }
  return {
    config: loadConfig(env),
    cleanup: async () => {
      await db.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The real app on a real (fresh) database and the configured queue; jobs run as in production. */
export async function createTestApp (opts: { env?: Record<string, string | undefined>; runtime?: RuntimeOptions } = {}): Promise<TestContext> {
  const { config, cleanup } = await testConfig(opts.env)
  const runtime = await createRuntime(config, {
    log: pino({ level: config.logLevel }),
    inMemory: !config.databaseUrl,
    embeddedSnapshot: embeddedSnapshot(),
    relayIntervalMs: 200,
    redisPrefix: `cbtest-${randomBytes(4).toString('hex')}`,
    ...opts.runtime,
  })
  const app = await buildApp(runtime)
  await app.ready()
  const { token } = await runtime.services.apiKeys.issue({ role: 'platform-admin', name: 'test admin' })
  return {
    app,
    runtime,
    config,
    adminKey: token,
    auth: (key = token) => ({ authorization: `Bearer ${key}` }),
    async close () {
      await app.close()
      await runtime.close()
      await cleanup()
    },
  }
}

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T> (check: () => Promise<T | undefined | false>, ms = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined && v !== false) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Creates a city and returns its slug plus a city-admin key for it. */
export async function makeCity (t: TestContext, slug = `c${randomBytes(4).toString('hex')}`): Promise<{ slug: string; id: string; cityAdminKey: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/cities', headers: t.auth(), payload: { slug, name: `City ${slug}` } })
  if (res.statusCode !== 201) throw new Error(`city: ${res.statusCode} ${res.body}`)
  const city = res.json() as { id: string }
  const key = await t.runtime.services.apiKeys.issue({ role: 'city-admin', name: 'test city admin', cityId: city.id })
  return { slug, id: city.id, cityAdminKey: key.token }
}
