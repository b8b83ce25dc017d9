import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'

// Fast insight answers (issue #11 "Speed"): every fact row carries the record key of its learner (and of its award
// or import), a 32-bit integer from HMAC-SHA256(city's cell-key secret, id), so that a cell key is a SUM in
// SQL; the city's facts carry a version (a sum of counters) bumped by every fact write; published tables are kept in insight_tables,
// one row per city, viewer scope and canonical query, answered while fresh and refreshed by the workers.
// Frozen in time: never import from src/.

/**
 * The record key formula, the same as src/insights/disclosure.ts recordKey: the first 4 bytes (unsigned) of
 * HMAC-SHA256(secret, id), computed in SQL with the built-in sha256 from the key's inner and outer pads (RFC 2104),
 * kept beside the secret.
 */
const recordKey = (id: string) =>
  sql.raw(`('x' || encode(substring(sha256(s.record_key_opad || sha256(s.record_key_ipad || convert_to(${id}::text, 'UTF8'))) from 1 for 4), 'hex'))::bit(32)::bigint`)

/** RFC 2104 pads of a key shorter than SHA-256's 64-byte block (a secret is 43 characters). */
function hmacPads (secret: string): { ipad: Buffer; opad: Buffer } {
  const key = Buffer.from(secret, 'utf8')
  if (key.length > 64) throw new Error('a cell-key secret longer than 64 bytes would need hashing first (RFC 2104)')
  const k = Buffer.alloc(64)
  key.copy(k)
  return { ipad: Buffer.from(k.map((b) => b ^ 0x36)), opad: Buffer.from(k.map((b) => b ^ 0x5c)) }
}

export async function up (db: Kysely<any>): Promise<void> {
  // The city's facts version is the sum of a few counters, each fact write bumping one at random: one row bumped by
  // every write would make concurrent workers commit one after another (the row lock is held until commit).
  await db.schema.createTable('insight_fact_versions')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('slot', 'smallint', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_fact_versions_pk', ['city_id', 'slot'])
    .execute()

  // Every city with facts gets its secret now (the secret is otherwise made on first use).
  const missing = await sql<{ city_id: string }>`
    select distinct city_id from (select city_id from insight_award_facts union select city_id from insight_import_facts) f
     where not exists (select 1 from insight_settings s where s.city_id = f.city_id)`.execute(db)
  for (const r of missing.rows) {
    await db.insertInto('insight_settings').values({ city_id: r.city_id, cell_key_secret: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('city_id').doNothing()).execute()
  }
  await db.schema.alterTable('insight_settings').addColumn('record_key_ipad', 'bytea').addColumn('record_key_opad', 'bytea').execute()
  for (const r of (await db.selectFrom('insight_settings').select(['city_id', 'cell_key_secret']).execute()) as Array<{ city_id: string; cell_key_secret: string }>) {
    const { ipad, opad } = hmacPads(r.cell_key_secret)
    await db.updateTable('insight_settings').set({ record_key_ipad: ipad, record_key_opad: opad }).where('city_id', '=', r.city_id).execute()
  }
  await db.schema.alterTable('insight_settings').alterColumn('record_key_ipad', (c) => c.setNotNull()).alterColumn('record_key_opad', (c) => c.setNotNull()).execute()

  for (const [table, id] of [['insight_award_facts', 'award_id'], ['insight_import_facts', 'import_id']] as const) {
    await db.schema.alterTable(table).addColumn('record_key', 'bigint').addColumn('item_key', 'bigint').execute()
    await sql`update ${sql.table(table)} f set record_key = ${recordKey('f.learner_id')}, item_key = ${recordKey(`f.${id}`)}
                from insight_settings s where s.city_id = f.city_id`.execute(db)
    await db.schema.alterTable(table).alterColumn('record_key', (c) => c.setNotNull()).alterColumn('item_key', (c) => c.setNotNull()).execute()
  }

  // A published table for one viewer scope: `city` (admins and readers) or an organisation's id (its issuers).
  // `request` is what to compute again (measure, by, period, filters); `facts_version` the city's version read
  // before computing (null for funnels and supply-demand, which read pathways and opportunities: fresh by age only).
  await db.schema.createTable('insight_tables')
    .addColumn('city_id', 'uuid', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('query_key', 'text', (c) => c.notNull())
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('facts_version', 'bigint')
    .addColumn('computed_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('read_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('refreshing_until', sql`timestamptz(3)`)
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_tables_pk', ['city_id', 'scope', 'query_key'])
    .execute()
  await db.schema.createIndex('insight_tables_read').on('insight_tables').columns(['read_at']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insight_tables').ifExists().execute()
  for (const table of ['insight_award_facts', 'insight_import_facts']) {
    await db.schema.alterTable(table).dropColumn('record_key').dropColumn('item_key').execute()
  }
  await db.schema.dropTable('insight_fact_versions').ifExists().execute()
  await db.schema.alterTable('insight_settings').dropColumn('record_key_ipad').dropColumn('record_key_opad').execute()
}
