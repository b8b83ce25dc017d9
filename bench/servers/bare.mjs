// A bare Fastify answering fixed bytes: the baseline every HTTP benchmark is a ratio of. BARE_HEADERS (a JSON object)
// adds headers, so that a baseline can send the same response bytes as the server it is compared with.
import Fastify from 'fastify'

const body = process.env.BARE_BODY ?? '{"status":"ok"}'
const type = process.env.BARE_TYPE ?? 'application/json; charset=utf-8'
const headers = JSON.parse(process.env.BARE_HEADERS ?? '{}')
const app = Fastify({ logger: false })
app.get('/*', async (_req, reply) => reply.headers(headers).type(type).send(body))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('bare server ready\n')
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
