// Writes openapi/openapi.json from the route schemas (the committed copy; a test fails when it is stale).
import { mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createRuntime } from '../src/runtime.js'

const dataDir = path.join(os.tmpdir(), `citybadges-openapi-${process.pid}`)
const config = loadConfig({ DATA_DIR: dataDir, KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', PUBLIC_URL: 'https://citybadges.example' })
const runtime = await createRuntime(config, { log: pino({ level: 'silent' }), inMemory: true, startRelay: false })
const app = await buildApp(runtime)
await app.ready()
const out = path.resolve(import.meta.dirname, '../openapi/openapi.json')
mkdirSync(path.dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n')
await app.close()
await runtime.close()
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`)
