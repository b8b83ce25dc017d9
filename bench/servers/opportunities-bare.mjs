// The baseline of bench/opportunities.ts: a bare Fastify + pg answering the public search with the same SQL the API
// runs for near + radiusKm + from/to + theme (distance order, next session per result), and no framework of ours.
import Fastify from 'fastify'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 })
const city = (await pool.query('select id from cities where slug = $1', [process.env.CITY ?? 'bench'])).rows[0].id
// The nearest-first query of src/db/opportunities/opportunities.repo.ts (KNN order inside the radius's box, ties kept,
// bitmap scans off for the statement), written out by hand.
const SQL = `
    select * from (
      select o.*, earth_distance(ll_to_earth($1::float8, $2::float8), ll_to_earth(o.lat, o.lon)) as distance_m, null::float8 as relevance,
        ns.id as next_id, ns.start_at as next_start, ns.end_at as next_end, ns.capacity as next_capacity, ns.places_left as next_places_left
      from opportunities o
      cross join lateral (
        select s.id, s.start_at, s.end_at, s.capacity, s.places_left from opportunity_sessions s
        where s.opportunity_id = o.id and s.status = 'scheduled' and s.start_at >= $3::timestamptz and s.start_at < $4::timestamptz order by s.start_at limit 1
      ) ns
      where o.city_id = $5 and o.status = 'published' and o.deleted_at is null and o.lat is not null
        and earth_box(ll_to_earth($1::float8, $2::float8), $6::float8) @> ll_to_earth(o.lat, o.lon)
        and earth_distance(ll_to_earth($1::float8, $2::float8), ll_to_earth(o.lat, o.lon)) <= $6::float8
        and o.themes @> array[$7]::text[]
      order by ll_to_earth(o.lat, o.lon) <-> ll_to_earth($1::float8, $2::float8)
      fetch first 26 rows with ties
    ) k order by (ll_to_earth(k.lat, k.lon) <-> ll_to_earth($1::float8, $2::float8)), k.id
    limit 26 offset 0`

async function search (params) {
  const client = await pool.connect()
  try {
    await client.query('begin; set local enable_bitmapscan = off')
    const r = await client.query(SQL, params)
    await client.query('commit')
    return r
  } catch (err) {
    await client.query('rollback').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

const app = Fastify({ logger: false })
app.get('/v1/cities/:city/opportunities/search', async (req) => {
  const q = req.query
  const [lat, lon] = String(q.near).split(',').map(Number)
  const { rows } = await search([lat, lon, q.from, q.to, city, Number(q.radiusKm) * 1000, q.theme])
  const items = rows.slice(0, 25).map((r) => ({
    id: r.id, title: r.title, kind: r.kind, organisationId: r.organisation_id, distanceKm: Math.round(r.distance_m) / 1000,
    nextSession: { id: r.next_id, start: r.next_start.toISOString(), end: r.next_end.toISOString(), capacity: r.next_capacity, placesLeft: r.next_places_left },
    place: { lat: r.lat, lon: r.lon }, online: r.online, themes: r.themes, cost: { free: r.free }, url: `x/${r.id}`,
  }))
  return { items, nextCursor: rows.length > 25 ? 'o25' : null }
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('bare server ready\n')
process.on('SIGTERM', () => { app.close().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1)) })
