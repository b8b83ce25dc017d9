import { parseArgs } from 'node:util'
import pino from 'pino'
import { ConfigError, loadConfig, loadEnvFileIfPresent } from './config.js'
import { DataDirLockedError } from './db/database.js'
import { rebuildCityStats } from './db/repos.js'
import { ROLES, type Principal, type Role } from './domain/access/auth.js'
import { DomainError } from './domain/shared/errors.js'
import { seedDemo } from './demo.js'
import { loggerOptions } from './log.js'
import { createRuntime } from './runtime.js'

const USAGE = `Usage: npm run cli -- <command> [options]

  migrate                              run pending database migrations
  seed-demo                            create the demo city (slug "demo") if it does not exist
  create-city --slug S --name N        create a city
  create-key --role R [--city S] [--organisation ID] [--name N]
                                       create an API key and print it (alone) on stdout
  reconcile [--only city-stats|progress|insights]
                                       rebuild derived tables from source data (each step says how long it took)
`
const SYSTEM: Principal = { keyId: 'cli', role: 'platform-admin', cityId: null, organisationId: null }

async function main (argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  const { values } = parseArgs({
    args: rest,
    options: { slug: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, city: { type: 'string' }, organisation: { type: 'string' }, only: { type: 'string' } },
    strict: true,
  })
  loadEnvFileIfPresent()
  const config = loadConfig()
  // Logs go to stderr: stdout carries only what a command prints (a key, a count).
  const log = pino(loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel), pino.destination(2))
  const runtime = await createRuntime(config, { log, runWorkers: false, startRelay: false })
  try {
    const { services } = runtime
    switch (command) {
      case 'migrate':
        process.stderr.write('migrations are up to date\n')
        return 0
      case 'seed-demo': {
        const r = await seedDemo(services)
        await runtime.relay.drain()
        process.stderr.write(r.created ? 'demo city created\n' : 'demo city already exists\n')
        if (r.adminKey) process.stdout.write(`${r.adminKey}\n`)
        return 0
      }
      case 'create-city': {
        if (!values.slug || !values.name) throw new UsageError('create-city needs --slug and --name')
        const city = await services.cities.create(SYSTEM, { slug: values.slug, name: values.name })
        await runtime.relay.drain()
        process.stdout.write(`${city.id}\n`)
        return 0
      }
      case 'create-key': {
        const role = values.role as Role | undefined
        if (!role || !ROLES.includes(role)) throw new UsageError(`create-key needs --role ${ROLES.join('|')}`)
        let cityId: string | null = null
        let organisationId: string | null = null
        if (role !== 'platform-admin') {
          if (!values.city) throw new UsageError(`a ${role} key needs --city <slug>`)
          const city = await services.cities.resolve(SYSTEM, values.city)
          cityId = city.id
          if (role === 'issuer') {
            if (!values.organisation) throw new UsageError('an issuer key needs --organisation <id>')
            organisationId = (await services.organisations.get(city, values.organisation)).id
          }
        }
        const { token } = await services.apiKeys.issue({ role, name: values.name ?? `${role} key (cli)`, cityId, organisationId })
        process.stdout.write(`${token}\n`)
        return 0
      }
      case 'reconcile': {
        const steps = ['city-stats', 'progress', 'insights']
        if (values.only !== undefined && !steps.includes(values.only)) throw new UsageError(`reconcile --only takes ${steps.join('|')}`)
        const run = (step: string) => values.only === undefined || values.only === step
        // Each step's own time (without start-up), so that a benchmark can time the rebuild itself.
        const timed = async (what: (n: number) => string, step: () => Promise<number>) => {
          const t0 = performance.now()
          const n = await step()
          process.stderr.write(`${what(n)} in ${Math.round(performance.now() - t0)} ms\n`)
        }
        if (run('city-stats')) await timed((n) => `rebuilt city_stats for ${n} cities`, () => rebuildCityStats(runtime.database.db))
        if (run('progress')) await timed((n) => `rebuilt pathway progress for ${n} learners`, () => services.pathways.rebuildAll())
        if (run('insights')) await timed((n) => `rebuilt ${n} insight facts`, () => services.insights.rebuild())
        return 0
      }
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } finally {
    await runtime.close()
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (err: unknown) => {
  if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`)
  else if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DomainError) process.stderr.write(`${err.message}\n`)
  else process.stderr.write(`${(err as Error).stack ?? String(err)}\n`)
  process.exitCode = err instanceof UsageError ? 2 : 1
})
