import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createRuntime } from '../../src/runtime.js'
import { testConfig } from '../helpers/app.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
// Entry points run as `node --import tsx <file>`, as the npm scripts do (no wrapper process between us and them).

async function cli (env: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as NodeJS.ProcessEnv, timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

describe('embedded data folder', () => {
  it('refuses a second process on the same folder with a clear message, and works again once the first stops', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-lock-'))
    dirs.push(dataDir)
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
    const runtime = await createRuntime(loadConfig(env), { log: pino({ level: 'silent' }), startRelay: false })
    try {
      const second = await cli(env, 'migrate')
      expect(second.code).toBe(1)
      expect(second.stderr).toMatch(/in use by another CityBadges process \(pid \d+\)/)
    } finally {
      await runtime.close()
    }
    const third = await cli(env, 'migrate')
    expect(third.stderr).toContain('migrations are up to date')
    expect(third.code).toBe(0)
  })
})

describe('CLI', () => {
  it('creates a city and keys; create-key prints the key alone; data survives restarts; reconcile runs', async () => {
    const { config, cleanup } = await testConfig()
    try {
      const env = {
        DATA_DIR: config.dataDir,
        DATABASE_URL: config.databaseUrl,
        KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex'),
        LOG_LEVEL: 'silent',
      }
      const city = await cli(env, 'create-city', '--slug', 'cli-town', '--name', 'CLI Town')
      expect(city.code).toBe(0)
      expect(city.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/)
      const key = await cli(env, 'create-key', '--role', 'city-admin', '--city', 'cli-town', '--name', 'ops')
      expect(key.code).toBe(0)
      expect(key.stdout).toMatch(/^cbk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}\n$/)
      const bad = await cli(env, 'create-key', '--role', 'issuer', '--city', 'cli-town')
      expect(bad.code).not.toBe(0)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toContain('--organisation')
      const unknown = await cli(env, 'create-key', '--role', 'reader', '--city', 'nowhere')
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toContain('city nowhere not found')
      const rec = await cli(env, 'reconcile')
      expect(rec.code).toBe(0)
      expect(rec.stderr).toMatch(/rebuilt city_stats for 1 cities/)
      expect((await cli(env, 'frobnicate')).code).toBe(2)
    } finally {
      await cleanup()
    }
  })

  it('a bad configuration stops with one message naming every bad variable', async () => {
    const r = await cli({ PORT: 'eighty', PUBLIC_URL: 'not a url', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', DATA_DIR: os.tmpdir() }, 'migrate')
    expect(r.code).toBe(1)
    for (const name of ['PORT', 'PUBLIC_URL', 'LOG_LEVEL', 'DATABASE_URL', 'KEY_ENCRYPTION_KEY']) expect(r.stderr).toContain(name)
    expect(r.stderr.match(/Invalid configuration/g)).toHaveLength(1)
  })
})

it('generates and keeps a key-encryption key in an embedded data folder', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-kek-'))
  dirs.push(dataDir)
  const a = loadConfig({ DATA_DIR: dataDir })
  const b = loadConfig({ DATA_DIR: dataDir })
  expect(a.keyEncryptionKey).toHaveLength(32)
  expect(b.keyEncryptionKey.equals(a.keyEncryptionKey)).toBe(true)
  expect(loadConfig({ DATA_DIR: dataDir, KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') }).keyEncryptionKey.equals(a.keyEncryptionKey)).toBe(false)
})
