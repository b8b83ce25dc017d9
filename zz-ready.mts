import pino from 'pino'
import { loadConfig } from './src/config.js'
import { createRuntime } from './src/runtime.js'
import { buildApp } from './src/app.js'
const config = loadConfig({ PORT: '0', PUBLIC_URL: 'https://badges.test', DATA_DIR: '/tmp/zzdata', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', KEY_ENCRYPTION_KEY: 'a'.repeat(64), LOG_LEVEL: 'silent' })
for (let i = 0; i < 3; i++) {
let t0 = Date.now()
const runtime = await createRuntime(config, { log: pino({ level: 'silent' }) })
console.log('runtime', Date.now() - t0); t0 = Date.now()
const app = await buildApp(runtime)
console.log('build', Date.now() - t0); t0 = Date.now()
await app.ready()
console.log('ready', Date.now() - t0); t0 = Date.now()
await app.close(); await runtime.close()
}
process.exit(0)
