// GET /health/live on the full CityBadges server vs a bare Fastify answering the same bytes, same run: alternating
// rounds after a warm-up, median round of each compared.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { appendResults, fmt, load, machine, median, row, rssOf, sparePort, startBare, startServer, tableHead, type LoadResult } from './lib.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

const barePort = await sparePort()
const bare = await startBare({ PORT: String(barePort), BARE_BODY: '{"status":"ok"}' })
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'))
const port = await sparePort()
const mode = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'
const app = await startServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' })
const bareUrl = `http://127.0.0.1:${barePort}/health/live`
const appUrl = `http://127.0.0.1:${port}/health/live`

await load({ url: bareUrl, connections, seconds: 3 })
await load({ url: appUrl, connections, seconds: 10 })
const bareRounds: LoadResult[] = []
const appRounds: LoadResult[] = []
for (let i = 0; i < ROUNDS; i++) {
  bareRounds.push(await load({ url: bareUrl, connections, seconds }))
  appRounds.push(await load({ url: appUrl, connections, seconds }))
}
const bareResult = median(bareRounds)
const appResult = median(appRounds)
const bareRss = rssOf(bare.proc.pid!)
const appRss = rssOf(app.proc.pid!)
await bare.stop()
await app.stop()
rmSync(dataDir, { recursive: true, force: true })

appendResults(`## GET /health/live vs bare Fastify — ${new Date().toISOString()}

- machine: ${machine()}
- load: autocannon in a separate process, ${connections} connections; ${ROUNDS} alternating rounds of ${seconds} s per server after warm-ups (3 s bare, 10 s CityBadges), median round shown (req/s of every round: bare ${bareRounds.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${appRounds.map((r) => fmt(r.rps)).join(', ')}); CityBadges compiled (node dist/src/server.js) on ${mode}, LOG_LEVEL=warn, every plugin on (security headers, CORS, rate limit, ETag, metrics, request ids)

${tableHead}
${row('bare Fastify, same bytes', bareResult, bareRss)}
${row('CityBadges /health/live', appResult, appRss)}

- **ratio CityBadges / bare: ${(appResult.rps / bareResult.rps).toFixed(2)}×** req/s`)
