// GET /health/live on the full CityBadges server vs a bare Fastify answering the same bytes, same run.
import { appendResults, load, machine, row, rssOf, sparePort, startBare, startServer, tableHead } from './lib.js'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)

const barePort = await sparePort()
const bare = await startBare({ PORT: String(barePort), BARE_BODY: '{"status":"ok"}' })
await load({ url: `http://127.0.0.1:${barePort}/health/live`, connections, seconds: 2 })
const bareResult = await load({ url: `http://127.0.0.1:${barePort}/health/live`, connections, seconds })
const bareRss = rssOf(bare.proc.pid!)
await bare.stop()

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'))
const port = await sparePort()
const mode = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'
const app = await startServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' })
await load({ url: `http://127.0.0.1:${port}/health/live`, connections, seconds: 2 })
const appResult = await load({ url: `http://127.0.0.1:${port}/health/live`, connections, seconds })
const appRss = rssOf(app.proc.pid!)
await app.stop()
rmSync(dataDir, { recursive: true, force: true })

appendResults(`## GET /health/live vs bare Fastify — ${new Date().toISOString()}

- machine: ${machine()}
- load: autocannon in a separate process, ${connections} connections, ${seconds} s after a 2 s warm-up; CityBadges compiled (node dist/src/server.js) on ${mode}, LOG_LEVEL=warn, every plugin on (security headers, CORS, rate limit, ETag, metrics, request ids)

${tableHead}
${row('bare Fastify, same bytes', bareResult, bareRss)}
${row('CityBadges /health/live', appResult, appRss)}

- **ratio CityBadges / bare: ${(appResult.rps / bareResult.rps).toFixed(2)}×** req/s`)
