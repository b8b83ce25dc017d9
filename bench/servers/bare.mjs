// A bare Fastify answering fixed bytes: the baseline every HTTP benchmark is a ratio of.
import Fastify from 'fastify'

const body = process.env.BARE_BODY ?? '{"status":"ok"}'
const type = process.env.BARE_TYPE ?? 'application/json; charset=utf-8'
const app = Fastify({ logger: false })
app.get('/*', async (_req, reply) => reply.type(type).send(body))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('bare server ready\n')
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
