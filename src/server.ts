// First: before any other module runs (see the module).
import './infra/tick-objects.js'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, loadEnvFileIfPresent } from './config.js'
import { DataDirLockedError } from './db/database.js'
import { seedDemo } from './demo.js'
import { createRuntime } from './runtime.js'

async function main (): Promise<void> {
  loadEnvFileIfPresent()
  const config = loadConfig()
  const runtime = await createRuntime(config, { runWorkers: config.runWorkers })
  const app = await buildApp(runtime)

  // First start of the embedded service: a demo city to look at, and a key to look with (printed once).
  if (!config.databaseUrl) {
    const seeded = await seedDemo(runtime.services)
    if (seeded.adminKey) {
      process.stdout.write(`\nDemo city "demo" created. Platform-admin API key (shown once, keep it):\n\n  ${seeded.adminKey}\n\n`)
    }
    if (seeded.shareUrl) process.stdout.write(`A demo learner's share link (open it in a browser):\n\n  ${seeded.shareUrl}\n\n`)
  }

  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) runtime.log.error({ err }, 'closing after an error')
    else runtime.log.info({ signal }, 'closing')
    await app.close()
    await runtime.close()
  })

  await app.listen({ port: config.port, host: config.host })
  // Route schemas compile at first use; compile the rest now, a few per turn of the event loop, so the first
  // requests of a fresh process don't pay for them and a broken schema shows at start.
  const warm = (): void => { if (app.compileAllSchemas(4) > 0) setImmediate(warm) }
  setImmediate(warm)
  const mode = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`
  process.stdout.write(`CityBadges listening on ${config.publicUrl} (${mode}; jobs ${config.redisUrl ? 'on Redis' : 'in-process'}). API reference: ${config.publicUrl}/docs\n`)
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`)
  } else {
    process.stderr.write(`CityBadges failed to start: ${(err as Error).stack ?? String(err)}\n`)
  }
  process.exit(1)
})
