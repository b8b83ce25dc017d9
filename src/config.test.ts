import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

// The knobs of issue #12's benchmarks and crash test: WEBHOOK_RETRY_SCALE and BULK_LEASE_SECONDS.
describe('config: webhook retry scale and bulk lease', () => {
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env)
      return ''
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      return err.message
    }
  }

  it('defaults to the spec schedule and a 60 s lease', () => {
    const c = loadConfig({})
    expect(c.webhookRetryScale).toBe(1)
    expect(c.bulkLeaseSeconds).toBe(60)
  })

  it('takes a scale above 0 and at most 1, and a lease from 5 s to an hour', () => {
    const c = loadConfig({ WEBHOOK_RETRY_SCALE: '0.01', BULK_LEASE_SECONDS: '5' })
    expect(c.webhookRetryScale).toBe(0.01)
    expect(c.bulkLeaseSeconds).toBe(5)
    for (const bad of ['0', '1.5', '-1', 'fast', '1e-3']) expect(problemsOf({ WEBHOOK_RETRY_SCALE: bad }), bad).toMatch(/WEBHOOK_RETRY_SCALE/)
    for (const bad of ['4', '3601', 'x']) expect(problemsOf({ BULK_LEASE_SECONDS: bad }), bad).toMatch(/BULK_LEASE_SECONDS/)
  })

  it('runs workers in the server unless RUN_WORKERS=false, which needs Redis', () => {
    expect(loadConfig({}).runWorkers).toBe(true)
    expect(loadConfig({ RUN_WORKERS: 'false', REDIS_URL: 'redis://127.0.0.1:6379' }).runWorkers).toBe(false)
    expect(problemsOf({ RUN_WORKERS: 'false' })).toMatch(/RUN_WORKERS=false needs REDIS_URL/)
    expect(problemsOf({ RUN_WORKERS: 'sometimes' })).toMatch(/RUN_WORKERS must be true or false/)
  })

  it('a worker process runs at niceness 10 unless WORKER_NICE says otherwise (0-19)', () => {
    expect(loadConfig({}).workerNice).toBe(10)
    expect(loadConfig({ WORKER_NICE: '0' }).workerNice).toBe(0)
    for (const bad of ['-1', '20', 'low', '2.5']) expect(problemsOf({ WORKER_NICE: bad }), bad).toMatch(/WORKER_NICE/)
  })
})
