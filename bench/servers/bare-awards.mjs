// The baseline of award creation: a bare Fastify + pg doing the transaction an award needs at its core — the award
// row and its outbox row — with no auth, validation, status-list entry or hosted links. Plain JavaScript, no loader.
// BARE_TEMPLATE_AWARD names an existing award whose columns are copied (fresh id, salt and hash per request).
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 })
pool.on('error', () => {})
const template = process.env.BARE_TEMPLATE_AWARD
const { rows } = await pool.query("select column_name from information_schema.columns where table_name = 'awards' and column_name not in ('id', 'salt', 'identity_hash', 'idempotency_key', 'created_at', 'status_list_id', 'status_index') order by ordinal_position")
const cols = rows.map((r) => `"${r.column_name}"`).join(', ')
const insertAward = `insert into awards (id, salt, identity_hash, created_at, ${cols}) select $1, $2, $3, now(), ${cols} from awards where id = $4 returning id, created_at`

const app = Fastify({ logger: false })
app.post('/awards', async (req, reply) => {
  const body = req.body
  const salt = randomBytes(16).toString('hex')
  const hash = `sha256$${createHash('sha256').update(String(body.recipient.identity) + salt).digest('hex')}`
  const client = await pool.connect()
  try {
    await client.query('begin')
    const r = await client.query(insertAward, [randomUUID(), salt, hash, template])
    // Written as already dispatched, so the service's relay (same database) leaves the baseline's rows alone.
    await client.query('insert into outbox (type, city_id, payload, dispatched_at) select $1, city_id, $2, now() from awards where id = $3', ['bench.baseline', JSON.stringify({ awardId: r.rows[0].id }), r.rows[0].id])
    await client.query('commit')
    return reply.code(201).send({ id: r.rows[0].id, createdAt: r.rows[0].created_at })
  } catch (err) {
    await client.query('rollback').catch(() => {})
    throw err
  } finally {
    client.release()
  }
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('bare server ready\n')
process.on('SIGTERM', () => { app.close().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1)) })
