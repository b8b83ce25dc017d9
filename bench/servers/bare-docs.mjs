// A second baseline for hosted assertions: a bare Fastify giving the same answers as CityBadges — each id's own
// document, with the same response headers (security, CORS, caching, ETag, a request id) — from a Map filled once at
// start from the service itself (SOURCE_URL, the paths in PATHS_FILE, a JSON array). No database, cache expiry,
// content negotiation, metrics or logging: what any Node server answering these bytes must at least do.
// Plain JavaScript, no loader.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const paths = JSON.parse(readFileSync(process.env.PATHS_FILE, 'utf8'))
const PREFIX = '/ob/v2/assertions/'
// Headers that are per answer or Node's own are not copied; the rest are the service's, name for name.
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-request-id', 'etag', 'transfer-encoding'])
const docs = new Map()
let fixed = {}
let next = 0
await Promise.all(Array.from({ length: 20 }, async () => {
  while (next < paths.length) {
    const p = paths[next++]
    const res = await fetch(`${process.env.SOURCE_URL}${p}`)
    const body = await res.text()
    if (res.status !== 200) throw new Error(`${p}: ${res.status}`)
    docs.set(p.slice(PREFIX.length), { body, etag: res.headers.get('etag') })
    if (Object.keys(fixed).length === 0) {
      for (const [name, value] of res.headers) if (!PER_ANSWER.has(name)) fixed[name] = value
    }
  }
}))

let count = 0
const app = Fastify({ logger: false })
app.get(`${PREFIX}:id`, async (req, reply) => {
  const doc = docs.get(req.params.id)
  if (doc === undefined) return reply.code(404).send()
  return reply.headers(fixed).header('etag', doc.etag).header('x-request-id', `bare-${(++count).toString(36)}`).send(doc.body)
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write(`bare server ready (${docs.size} documents)\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
