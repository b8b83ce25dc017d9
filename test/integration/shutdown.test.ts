import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { testConfig, usingPostgres } from '../helpers/app.js'
import { TestRedis, sparePort } from '../helpers/redis-server.js'

const root = path.resolve(import.meta.dirname, '../..')
// Entry points run as `node --import tsx <file>`, as the npm scripts do: signals reach the service itself.

/** Starts an entry point, waits for `ready` on its output, sends SIGTERM and resolves with the exit code. */
async function startAndTerminate (entry: string, env: Record<string, string | undefined>, ready: RegExp): Promise<{ code: number | null; output: string; ms: number }> {
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

  it.runIf(usingPostgres())('the worker process stops taking work on SIGTERM and exits 0', async () => {
    const redis = await TestRedis.start()
    const { config, cleanup } = await testConfig({ REDIS_URL: redis.url })
    try {
      const r = await startAndTerminate('src/worker.ts', {
        DATABASE_URL: config.databaseUrl, REDIS_URL: redis.url, KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('hex'), LOG_LEVEL: 'info',
      }, /worker started/)
      expect(r.output).toContain('worker stopping')
      expect(r.code).toBe(0)
    } finally {
      await cleanup()
      await redis.stop()
    }
  })
})
