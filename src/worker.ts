// First: before any other module runs (see the module).
import './infra/tick-objects.js'
import os from 'node:os'
import { ConfigError, loadConfig, loadEnvFileIfPresent } from './config.js'
import { createRuntime } from './runtime.js'

/** A worker process: BullMQ processors plus the outbox relay, no HTTP. Needs REDIS_URL and DATABASE_URL. */
async function main (): Promise<void> {
  loadEnvFileIfPresent()
  const config = loadConfig()
  if (!config.redisUrl || !config.databaseUrl) {
    throw new ConfigError(['the worker process needs REDIS_URL and DATABASE_URL (embedded mode runs jobs inside `npm start`)'])
  }
  // Background work yields the CPU to the processes answering requests on the same machine (raising one's own
  // niceness needs no privilege; a niceness already higher is kept).
  let nice = os.getPriority(0)
  if (config.workerNice > nice) {
    try {
      os.setPriority(0, config.workerNice)
      nice = config.workerNice
    } catch { /* a platform without priorities: run as started */ }
  }
  const runtime = await createRuntime(config, { runWorkers: true })
  runtime.log.info({ nice }, 'worker started')
  process.stdout.write('CityBadges worker ready\n')
  let closing = false
  const stop = (signal: string): void => {
    if (closing) return
    closing = true
    runtime.log.info({ signal }, 'worker stopping: finishing running jobs')
    // worker.close() waits for active jobs; unfinished ones return to the queue (stalled-job recovery).
    const force = setTimeout(() => process.exit(1), 30_000)
    force.unref()
    runtime.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
