// GET /health/live on the full CityBadges server vs a bare Fastify answering the same bytes, same run: both warmed
// alike, then paired rounds (see pairedRounds) and the ratio within each pair.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { appendResults, load, machine, pairedRounds, pinningNote, ratioLine, row, rssOf, sparePort, startBare, startServer, tableHead, fmt } from './lib.js'

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

const WARM = Number(process.env.BENCH_WARM_SECONDS ?? 10)
await load({ url: bareUrl, connections, seconds: WARM })
await load({ url: appUrl, connections, seconds: WARM })
const pairs = await pairedRounds(ROUNDS, () => load({ url: bareUrl, connections, seconds }), () => load({ url: appUrl, connections, seconds }))
const bareResult = pairs.aMedian
const appResult = pairs.bMedian
const bareRss = rssOf(bare.proc.pid!)
const appRss = rssOf(app.proc.pid!)
await bare.stop()
await app.stop()
rmSync(dataDir, { recursive: true, force: true })

appendResults(`## GET /health/live vs bare Fastify — ${new Date().toISOString()}

- machine: ${machine()}; ${pinningNote()}
- load: autocannon in a separate process, ${connections} connections; both warmed ${WARM} s, then ${ROUNDS} pairs of ${seconds} s rounds (order alternating), median rounds shown (req/s of every round: bare ${pairs.a.map((r) => fmt(r.rps)).join(', ')}; CityBadges ${pairs.b.map((r) => fmt(r.rps)).join(', ')}); CityBadges compiled (node dist/src/server.js) on ${mode}, LOG_LEVEL=warn, every plugin on (security headers, CORS, rate limit, ETag, metrics, request ids)

${tableHead}
${row('bare Fastify, same bytes', bareResult, bareRss)}
${row('CityBadges /health/live', appResult, appRss)}

- **CityBadges / bare: ${ratioLine(pairs)}** req/s; peak RSS ${fmt(appRss.peak)} MiB`)
