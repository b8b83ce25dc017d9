import { randomBytes } from 'node:crypto'
import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { DB, Db, Executor } from '../types.js'

// Every SQL statement of the citywide insights: the award fact table (kept per award and per learner by the
// insights processor, rebuilt by `cli reconcile` with the very same SELECT), the members of each cell of a
// requested table, funnels, supply and demand, deciles, the cell-key secret and the weekly releases.

/** A learner counts when they have not opted out and are not an under-13 without a guardian's consent. */
const ELIGIBLE = sql`not l.insights_opt_out and (l.age_band <> 'under-13' or l.guardian_consent = 'given')`

/**
 * A record key in SQL: the first four bytes (unsigned) of HMAC-SHA256(secret, id) — the very formula of `recordKey`
 * in src/insights/disclosure.ts (test/integration/insights-tables.test.ts holds them equal), computed with the
 * built-in sha256 from the key's RFC 2104 pads kept beside the secret. Written with each fact so that a cell key is
 * the SUM of its learners' keys (mod 2^32) in a GROUP BY.
 */
const recordKey = (id: RawBuilder<unknown>) =>
  sql`('x' || encode(substring(sha256(s.record_key_opad || sha256(s.record_key_ipad || convert_to(${id}::text, 'UTF8'))) from 1 for 4), 'hex'))::bit(32)::bigint`

/** A new city secret with its HMAC pads (a 43-character key, shorter than SHA-256's 64-byte block). */
function newSecret (): { cell_key_secret: string; record_key_ipad: Buffer; record_key_opad: Buffer } {
  const secret = randomBytes(32).toString('base64url')
  const k = Buffer.alloc(64)
  Buffer.from(secret, 'utf8').copy(k)
  return { cell_key_secret: secret, record_key_ipad: Buffer.from(k.map((b) => b ^ 0x36)), record_key_opad: Buffer.from(k.map((b) => b ^ 0x5c)) }
}

/**
 * The facts as they should be: one row per award that counts (live, linked to an eligible learner, not declined).
 * With `learners` (a rebuild: the learners whose awards are read), each learner's record key is computed once and
 * joined, not once per award (the same value: a rebuild of 1,000,000 awards computes 100,000 keys, not 1,000,000).
 */
function factSource (where: RawBuilder<unknown>, learners?: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select a.id as award_id, a.city_id, a.learner_id, a.organisation_id, o.kind as organisation_kind, a.badge_class_id,
           a.issued_on, l.area, l.age_band, bc.themes, bc.destinations, bc.spine_level, bc.spine_dimensions, bc.spine_elements,
           ${learners ? sql`lk.k` : recordKey(sql`a.learner_id`)} as record_key, ${recordKey(sql`a.id`)} as item_key
      from awards a
      join learners l on l.id = a.learner_id
      join badge_classes bc on bc.id = a.badge_class_id
      join organisations o on o.id = a.organisation_id
      join insight_settings s on s.city_id = a.city_id
      ${learners ? sql`join (select l.id, ${recordKey(sql`l.id`)} as k from learners l join insight_settings s on s.city_id = l.city_id where ${learners}) lk on lk.id = a.learner_id` : sql``}
     where a.revoked_at is null and a.erased_at is null and a.acceptance <> 'declined' and ${ELIGIBLE} and ${where}`
}

const FACT_COLUMNS = sql`(award_id, city_id, learner_id, organisation_id, organisation_kind, badge_class_id, issued_on, area, age_band, themes, destinations, spine_level, spine_dimensions, spine_elements, record_key, item_key)`

/**
 * One write of a city's facts: the city's secret exists first (the fact rows carry record keys made from it), and
 * the facts version is bumped last, in the same transaction, so that a stored table computed at the old version is
 * known to be stale the moment these facts are visible. `cities` lists every city the write may touch (the event's,
 * and the rows' own, read before anything is deleted).
 */
async function writeFacts (db: Db, cities: RawBuilder<{ city_id: string }>, hints: string | readonly string[] | undefined, fn: (trx: Transaction<DB>) => Promise<void>): Promise<void> {
  const hinted = hints === undefined ? [] : typeof hints === 'string' ? [hints] : [...new Set(hints)]
  await db.transaction().execute(async (trx) => {
    // One statement: the cities touched, each given its secret if it has none yet.
    const secret = newSecret()
    const ids = (await sql<{ city_id: string }>`
      with x as (${cities} ${hinted.length > 0 ? sql`union select unnest(${hinted}::uuid[])` : sql``}),
           made as (insert into insight_settings (city_id, cell_key_secret, record_key_ipad, record_key_opad)
                    select city_id, ${secret.cell_key_secret}::text, ${secret.record_key_ipad}::bytea, ${secret.record_key_opad}::bytea from x on conflict (city_id) do nothing)
      select city_id from x`.execute(trx)).rows.map((r) => r.city_id)
    await fn(trx)
    if (ids.length > 0) await bumpFactsVersion(trx, ids)
  })
}

/** The advisory lock whose holder is the one background insight computation running on the database. */
export const BACKGROUND_LOCK = 'citybadges.insights.background'

/** What onOneCore answers when another background computation holds the turn and the caller would not wait. */
export const BUSY: unique symbol = Symbol('busy')

/**
 * Runs a background computation's reads on one core, and as the only one on this database at a time (every process:
 * a transaction-scoped advisory lock): PostgreSQL would otherwise give a big aggregation two parallel workers, and a
 * worker's refresh and an API process's revalidation each took a core, so together they took both cores of a small
 * machine from the readers and fact writes they run beside. With `wait: false` it answers BUSY at once when another
 * computation holds the turn (a reader's revalidation then leaves the table to the refresher). In one transaction, so
 * the setting is the statement's alone.
 */
export async function onOneCore<T> (db: Db, fn: (ex: Executor) => Promise<T>, opts: { wait?: boolean } = {}): Promise<T | typeof BUSY> {
  return db.transaction().execute(async (trx) => {
    if (opts.wait === false) {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${BACKGROUND_LOCK})) as ok`.execute(trx)
      if (got.rows[0]?.ok !== true) return BUSY
    } else {
      await sql`select pg_advisory_xact_lock(hashtext(${BACKGROUND_LOCK}))`.execute(trx)
    }
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
    return fn(trx)
  })
}

/** Slots of a city's facts version: concurrent fact writes rarely bump the same row (so rarely wait for each other). */
const VERSION_SLOTS = 16

/** Bumps the cities' facts versions (one slot at random; a version is the sum, and only ever grows). */
async function bumpFactsVersion (db: Executor, cityIds: readonly string[]): Promise<void> {
  const slot = Math.floor(Math.random() * VERSION_SLOTS)
  await db.insertInto('insight_fact_versions').values(cityIds.map((id) => ({ city_id: id, slot, version: 1 })))
    .onConflict((oc) => oc.columns(['city_id', 'slot']).doUpdateSet({ version: sql`insight_fact_versions.version + 1` })).execute()
}

/** The city's facts version as SQL (the sum of its slots). */
const factsVersionOf = (cityId: RawBuilder<unknown>) => sql`(select coalesce(sum(v.version), 0) from insight_fact_versions v where v.city_id = ${cityId})`

/** The fact columns an upsert sets from its new row (every column but the key). */
const FACT_UPDATES = sql.raw(['city_id', 'learner_id', 'organisation_id', 'organisation_kind', 'badge_class_id', 'issued_on', 'area', 'age_band', 'themes', 'destinations', 'spine_level', 'spine_dimensions', 'spine_elements', 'record_key', 'item_key']
  .map((c) => `${c} = excluded.${c}`).join(', '))

/**
 * Recomputes the facts of these awards (idempotent: each row becomes what the source says, or goes) in ONE statement
 * however many there are — the event processor hands over the awards of every job in flight together, so a steady
 * stream of awards costs a statement per batch, not a transaction of five per award. As in `writeFacts`: the cities'
 * secrets exist first and their facts version is bumped in the same (atomic) statement. A city given its secret by
 * the statement cannot see it in the same statement, so its awards are written by a second run (once per city).
 */
export async function refreshAwardFacts (db: Executor, awardIds: readonly string[], cityIds?: readonly string[]): Promise<void> {
  if (awardIds.length === 0) return
  const ids = [...new Set(awardIds)].sort()
  const hinted = [...new Set(cityIds ?? [])]
  const secret = newSecret()
  const slot = Math.floor(Math.random() * VERSION_SLOTS)
  for (let run = 0; run < 2; run++) {
    const r = await sql<{ made: number }>`
      with x as (select city_id from awards where id = any(${ids}::uuid[]) union select unnest(${hinted}::uuid[])),
           made as (insert into insight_settings (city_id, cell_key_secret, record_key_ipad, record_key_opad)
                    select city_id, ${secret.cell_key_secret}::text, ${secret.record_key_ipad}::bytea, ${secret.record_key_opad}::bytea from x
                    on conflict (city_id) do nothing returning city_id),
           src as (${factSource(sql`a.id = any(${ids}::uuid[])`)}),
           gone as (delete from insight_award_facts f where f.award_id = any(${ids}::uuid[]) and not exists (select 1 from src where src.award_id = f.award_id)),
           kept as (insert into insight_award_facts ${FACT_COLUMNS} select * from src order by award_id on conflict (award_id) do update set ${FACT_UPDATES}),
           bumped as (insert into insight_fact_versions (city_id, slot, version) select city_id, ${slot}::int, 1 from x
                      on conflict (city_id, slot) do update set version = insight_fact_versions.version + 1)
      select (select count(*) from made)::int as made`.execute(db)
    if (Number(r.rows[0]?.made ?? 0) === 0) return
  }
}

/**
 * The import facts as they should be (issue #8 item 7: imported badges count wherever awards count once verified):
 * one row per verified import of an eligible learner, dated by its issue date (else when it was imported), with
 * its spine mapping and themes. An import that fails re-verification, or is removed, has no row.
 */
function importFactSource (where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select i.id as import_id, i.city_id, i.learner_id, coalesce(i.issued_on, i.created_at) as issued_on, l.area, l.age_band,
           array(select jsonb_array_elements_text(i.themes)) as themes,
           i.spine->>'level' as spine_level,
           array(select jsonb_array_elements_text(coalesce(i.spine->'dimensions', '[]'::jsonb))) as spine_dimensions,
           array(select jsonb_array_elements_text(coalesce(i.spine->'elements', '[]'::jsonb))) as spine_elements,
           ${recordKey(sql`i.learner_id`)} as record_key, ${recordKey(sql`i.id`)} as item_key
      from learner_imports i
      join learners l on l.id = i.learner_id
      join insight_settings s on s.city_id = i.city_id
     where i.status = 'verified' and ${ELIGIBLE} and ${where}`
}

const IMPORT_FACT_COLUMNS = sql`(import_id, city_id, learner_id, issued_on, area, age_band, themes, spine_level, spine_dimensions, spine_elements, record_key, item_key)`

/**
 * Every fact the insight queries read: award facts and import facts as one relation. An import has no organisation
 * or badge class of ours (its issuer is elsewhere): organisation_kind `external`, organisation and badge class null,
 * so it counts in every table except those by organisation or badge class.
 */
const ALL_FACTS = sql`(
  select award_id, city_id, learner_id, organisation_id, organisation_kind, badge_class_id, issued_on, area, age_band, themes, destinations, spine_level, spine_dimensions, spine_elements, record_key, item_key
    from insight_award_facts
  union all
  select import_id, city_id, learner_id, null::uuid, 'external', null::uuid, issued_on, area, age_band, themes, '{}'::text[], spine_level, spine_dimensions, spine_elements, record_key, item_key
    from insight_import_facts)`

/** Recomputes the fact of one import (verified, failed re-verification, mapped again or removed). */
export async function refreshImportFacts (db: Db, importId: string, cityId?: string): Promise<void> {
  await writeFacts(db, sql`select city_id from learner_imports where id = ${importId} union select city_id from insight_import_facts where import_id = ${importId}`, cityId, async (trx) => {
    await trx.deleteFrom('insight_import_facts').where('import_id', '=', importId).execute()
    await sql`insert into insight_import_facts ${IMPORT_FACT_COLUMNS} ${importFactSource(sql`i.id = ${importId}`)} on conflict (import_id) do nothing`.execute(trx)
  })
}

/** Recomputes every fact of one learner, awards and imports (consents, area or age band changed; erased: nothing is left). */
export async function refreshLearnerFacts (db: Db, learnerId: string, cityId?: string): Promise<void> {
  const cities = sql<{ city_id: string }>`select city_id from learners where id = ${learnerId}
    union select city_id from insight_award_facts where learner_id = ${learnerId} union select city_id from insight_import_facts where learner_id = ${learnerId}`
  await writeFacts(db, cities, cityId, async (trx) => {
    await trx.deleteFrom('insight_award_facts').where('learner_id', '=', learnerId).execute()
    await sql`insert into insight_award_facts ${FACT_COLUMNS} ${factSource(sql`a.learner_id = ${learnerId}`)} on conflict (award_id) do nothing`.execute(trx)
    await trx.deleteFrom('insight_import_facts').where('learner_id', '=', learnerId).execute()
    await sql`insert into insight_import_facts ${IMPORT_FACT_COLUMNS} ${importFactSource(sql`i.learner_id = ${learnerId}`)} on conflict (import_id) do nothing`.execute(trx)
  })
}

/** `cli reconcile`: drops every fact (of one city, or all) and recomputes them from the source tables. Returns award + import facts. */
export async function rebuildFacts (db: Db, cityId?: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // A batch job, not a request: the pool's statement timeout (30 s) guards answers; one INSERT of a large city's
    // facts may take longer on a busy server (1,000,000 awards: 15-50 s measured).
    await sql`set local statement_timeout = 0`.execute(trx)
    const cities = cityId === undefined ? (await trx.selectFrom('cities').select('id').execute()).map((c) => c.id) : [cityId]
    for (const id of cities) await ensureSettingsRow(trx, id)
    let n = 0
    for (const table of ['insight_award_facts', 'insight_import_facts'] as const) {
      if (cityId === undefined) await trx.deleteFrom(table).execute()
      else await trx.deleteFrom(table).where('city_id', '=', cityId).execute()
    }
    const r = await sql`insert into insight_award_facts ${FACT_COLUMNS} ${factSource(cityId === undefined ? sql`true` : sql`a.city_id = ${cityId}`, cityId === undefined ? sql`true` : sql`l.city_id = ${cityId}`)}`.execute(trx)
    n += Number(r.numAffectedRows ?? 0)
    const ri = await sql`insert into insight_import_facts ${IMPORT_FACT_COLUMNS} ${importFactSource(cityId === undefined ? sql`true` : sql`i.city_id = ${cityId}`)}`.execute(trx)
    n += Number(ri.numAffectedRows ?? 0)
    if (cities.length > 0) await bumpFactsVersion(trx, cities)
    return n
  })
}

/** The award of an event: which learner it belongs to (when linked). */
export const awardLearnerOf = (db: Executor, awardId: string) =>
  db.selectFrom('awards').select(['id', 'learner_id', 'city_id']).where('id', '=', awardId).executeTakeFirst()

/** Every award fact, for tests comparing incremental and rebuilt tables. */
export const allFacts = (db: Executor, cityId: string) =>
  db.selectFrom('insight_award_facts').selectAll().where('city_id', '=', cityId).orderBy('award_id').execute()

/** Every import fact, for tests comparing incremental and rebuilt tables. */
export const allImportFacts = (db: Executor, cityId: string) =>
  db.selectFrom('insight_import_facts').selectAll().where('city_id', '=', cityId).orderBy('import_id').execute()

// --- cells -------------------------------------------------------------------------------------------------

/** A fact dimension: how it reads from `f` (the fact), and the lateral joins it needs. */
export type FactDimension = 'week' | 'month' | 'year' | 'organisation' | 'organisationKind' | 'badgeClass' | 'theme' | 'destination' |
  'level' | 'dimension' | 'element' | 'spineCell' | 'area' | 'ageBand' | 'decile' | 'newReturning' | 'all'

export type PeriodUnit = 'week' | 'month' | 'year'
const PERIOD_FORMAT: Record<PeriodUnit, string> = { week: 'IYYY-"W"IW', month: 'YYYY-MM', year: 'YYYY' }
const periodOf = (unit: PeriodUnit, column: string) => sql`to_char(${sql.raw(column)} at time zone ${sql.ref('c.timezone')}, ${sql.lit(PERIOD_FORMAT[unit])})`

export interface CellQuery {
  cityId: string
  row: FactDimension
  col: FactDimension
  /** Equality filters on fixed dimensions (values are parameters). */
  filters: Partial<Record<'organisation' | 'organisationKind' | 'badgeClass' | 'theme' | 'destination' | 'level' | 'dimension' | 'element' | 'area' | 'ageBand' | 'decile', string>>
  /** Only awards of this period (unit and label, e.g. month 2026-11). */
  period?: { unit: PeriodUnit; label: string }
  /** Only awards made by this organisation (an issuer's own learners). */
  organisationId?: string
  /** The period unit that decides "new" (first award in the same period) for newReturning (default month). */
  newReturningUnit?: PeriodUnit
  /** Only awards made before this instant (weekly releases stop at the end of their week). */
  until?: Date
  /** Also list each member's award ids (the awards measure); learner tables skip that work. */
  withAwards?: boolean
}

/**
 * One figure of a fact table, aggregated in SQL: a cell (`row` and `col`), a row total (`col` null), a column total
 * (`row` null) or the grand total (both null). Every figure counts distinct learners over the raw facts (a total is
 * the union of its cells' learners, never a sum), with the organisation bringing the most of them (ties: the
 * smallest id, as src/insights/disclosure.ts picks) and the sum of their record keys mod 2^32; the awards measure
 * adds distinct awards (and imports) and the sum of their keys.
 */
export interface CellAggregate {
  row: string | null
  col: string | null
  learners: number
  learnerKeySum: number
  topOrganisation: { id: string; learners: number } | null
  awards: number
  awardKeySum: number
}

export async function cellAggregates (db: Executor, q: CellQuery): Promise<CellAggregate[]> {
  const joins: RawBuilder<unknown>[] = []
  const need = new Set([q.row, q.col])
  const expr = (d: FactDimension): RawBuilder<unknown> => {
    switch (d) {
      case 'week': case 'month': case 'year': return periodOf(d, 'f.issued_on')
      case 'organisation': return sql`f.organisation_id::text`
      case 'organisationKind': return sql`f.organisation_kind`
      case 'badgeClass': return sql`f.badge_class_id::text`
      case 'theme': return sql`th.v`
      case 'destination': return sql`de.v`
      case 'level': return sql`f.spine_level`
      case 'dimension': return sql`sd.v`
      case 'element': return sql`se.v`
      case 'spineCell': return sql`f.spine_level || '/' || sd.v || '/' || se.v`
      case 'area': return sql`coalesce(f.area, 'unknown')`
      case 'ageBand': return sql`f.age_band`
      case 'decile': return sql`coalesce(dd.decile::text, 'unknown')`
      case 'newReturning': return sql`case when ${periodOf(q.newReturningUnit ?? 'month', 'fl.first_on')} = ${periodOf(q.newReturningUnit ?? 'month', 'f.issued_on')} then 'new' else 'returning' end`
      case 'all': return sql`'all'`
    }
  }
  if (need.has('theme')) joins.push(sql`cross join lateral unnest(f.themes) as th(v)`)
  if (need.has('destination')) joins.push(sql`cross join lateral unnest(f.destinations) as de(v)`)
  if (need.has('dimension') || need.has('spineCell')) joins.push(sql`cross join lateral unnest(f.spine_dimensions) as sd(v)`)
  if (need.has('element') || need.has('spineCell')) joins.push(sql`cross join lateral unnest(f.spine_elements) as se(v)`)
  const f = q.filters
  if (need.has('decile') || f.decile !== undefined) joins.push(sql`left join insight_deciles dd on dd.city_id = f.city_id and dd.area = upper(f.area)`)
  if (need.has('newReturning')) joins.push(sql`join (select learner_id, min(issued_on) as first_on from ${ALL_FACTS} af where city_id = ${q.cityId} group by learner_id) fl on fl.learner_id = f.learner_id`)

  const where: RawBuilder<unknown>[] = [sql`f.city_id = ${q.cityId}`, sql`${ELIGIBLE}`]
  if (q.organisationId !== undefined) where.push(sql`f.organisation_id = ${q.organisationId}`)
  if (f.organisation !== undefined) where.push(sql`f.organisation_id::text = ${f.organisation}`)
  if (f.organisationKind !== undefined) where.push(sql`f.organisation_kind = ${f.organisationKind}`)
  if (f.badgeClass !== undefined) where.push(sql`f.badge_class_id::text = ${f.badgeClass}`)
  if (f.theme !== undefined) where.push(sql`${f.theme} = any(f.themes)`)
  if (f.destination !== undefined) where.push(sql`${f.destination} = any(f.destinations)`)
  if (f.level !== undefined) where.push(sql`f.spine_level = ${f.level}`)
  if (f.dimension !== undefined) where.push(sql`${f.dimension} = any(f.spine_dimensions)`)
  if (f.element !== undefined) where.push(sql`${f.element} = any(f.spine_elements)`)
  if (f.area !== undefined) where.push(sql`coalesce(f.area, 'unknown') = ${f.area}`)
  if (f.ageBand !== undefined) where.push(sql`f.age_band = ${f.ageBand}`)
  if (f.decile !== undefined) where.push(sql`coalesce(dd.decile::text, 'unknown') = ${f.decile}`)
  if (q.period !== undefined) where.push(sql`${periodOf(q.period.unit, 'f.issued_on')} = ${q.period.label}`)
  if (q.until !== undefined) where.push(sql`f.issued_on < ${q.until}`)
  const rowE = expr(q.row)
  const colE = expr(q.col)
  where.push(sql`${rowE} is not null`, sql`${colE} is not null`)

  return aggregateFigures(db, sql`
    select ${rowE} as r, ${colE} as c, f.learner_id as l, f.record_key as k, f.organisation_id::text as o, f.award_id as a, f.item_key as ak
      from ${ALL_FACTS} f
      join cities c on c.id = f.city_id
      join learners l on l.id = f.learner_id
      ${sql.join(joins, sql` `)}
     where ${sql.join(where, sql` and `)}`, q.withAwards === true)
}

/**
 * The figures of a table from its members `b(r, c, l, k, o, a, ak)`: row, column, learner, learner's record key,
 * organisation (null: none of ours), and — with awards — the award and its key. The grouping sets give cells, row
 * totals, column totals and the grand total in one pass; each level first reduces to one row per learner (or award)
 * so that counts and key sums are over distinct ones.
 */
async function aggregateFigures (db: Executor, members: RawBuilder<unknown>, withAwards: boolean): Promise<CellAggregate[]> {
  const sets = (x: string) => sql.raw(`grouping sets ((r, c, ${x}), (r, ${x}), (c, ${x}), (${x}))`)
  const r = await sql<{ r: string | null; c: string | null; n: number; ks: string; o: string | null; on: number | null; an: number | null; aks: string | null }>`
    with b as materialized (${members}),
    ls as (select r, c, grouping(r, c) as g, l, min(k) as k from b group by ${sets('l')}),
    lc as (select r, c, g, count(*)::int as n, (sum(k) % 4294967296)::text as ks from ls group by r, c, g),
    os as (select r, c, grouping(r, c) as g, o, count(distinct l)::int as n from b where o is not null group by ${sets('o')}),
    tops as (select distinct on (r, c, g) r, c, g, o, n from os order by r, c, g, n desc, o collate "C"),
    aw as (${withAwards ? sql`select r, c, grouping(r, c) as g, a, min(ak) as k from b group by ${sets('a')}` : sql`select null::text as r, null::text as c, 0 as g, null::uuid as a, 0::bigint as k where false`}),
    ac as (select r, c, g, count(*)::int as n, (sum(k) % 4294967296)::text as ks from aw group by r, c, g)
    select lc.r, lc.c, lc.n, lc.ks, tops.o, tops.n as on, ac.n as an, ac.ks as aks
      from lc
      left join tops on tops.g = lc.g and tops.r is not distinct from lc.r and tops.c is not distinct from lc.c
      left join ac on ac.g = lc.g and ac.r is not distinct from lc.r and ac.c is not distinct from lc.c`.execute(db)
  return r.rows.map((x) => ({
    row: x.r, col: x.c, learners: Number(x.n), learnerKeySum: Number(x.ks),
    topOrganisation: x.o === null ? null : { id: x.o, learners: Number(x.on) },
    awards: Number(x.an ?? 0), awardKeySum: Number(x.aks ?? 0),
  }))
}

// --- pathway funnels ----------------------------------------------------------------------------------------

export type FunnelDimension = 'pathway' | 'destination' | 'area' | 'ageBand' | 'decile'
/**
 * A funnel's figures, aggregated in SQL: rows by the dimension, columns the stages an eligible follower of a
 * published pathway reached (started, at least half way, completed, unlocked: completed with the completion badge),
 * each learner brought by the pathway's organisation.
 */
export async function funnelAggregates (db: Executor, q: { cityId: string; row: FunnelDimension; filters: Partial<Record<'pathway' | 'destination' | 'area' | 'ageBand' | 'decile', string>>; organisationId?: string }): Promise<CellAggregate[]> {
  const rowE = q.row === 'pathway' ? sql`p.id::text` : q.row === 'destination' ? sql`de.v` : q.row === 'area' ? sql`coalesce(l.area, 'unknown')` : q.row === 'ageBand' ? sql`l.age_band` : sql`coalesce(dd.decile::text, 'unknown')`
  const where: RawBuilder<unknown>[] = [sql`p.city_id = ${q.cityId}`, sql`p.status = 'published'`, sql`${ELIGIBLE}`]
  const f = q.filters
  if (q.organisationId !== undefined) where.push(sql`p.organisation_id = ${q.organisationId}`)
  if (f.pathway !== undefined) where.push(sql`p.id::text = ${f.pathway}`)
  if (f.destination !== undefined) where.push(sql`${f.destination} = any(v.destinations)`)
  if (f.area !== undefined) where.push(sql`coalesce(l.area, 'unknown') = ${f.area}`)
  if (f.ageBand !== undefined) where.push(sql`l.age_band = ${f.ageBand}`)
  if (f.decile !== undefined) where.push(sql`coalesce(dd.decile::text, 'unknown') = ${f.decile}`)
  return aggregateFigures(db, sql`
    select ${rowE} as r, st.c, pf.learner_id as l, ${recordKey(sql`pf.learner_id`)} as k, p.organisation_id::text as o, null::uuid as a, 0::bigint as ak
      from pathway_followers pf
      join pathways p on p.id = pf.pathway_id
      join pathway_versions v on v.pathway_id = p.id and v.version = p.version
      join learners l on l.id = pf.learner_id
      join insight_settings s on s.city_id = p.city_id
      left join pathway_progress pp on pp.pathway_id = pf.pathway_id and pp.learner_id = pf.learner_id
      left join pathway_completions pc on pc.pathway_id = pf.pathway_id and pc.learner_id = pf.learner_id and pc.broken_at is null
      left join insight_deciles dd on dd.city_id = p.city_id and dd.area = upper(l.area)
      ${q.row === 'destination' ? sql`cross join lateral unnest(v.destinations) as de(v)` : sql``}
      cross join lateral (values ('started', true),
                                 ('halfway', coalesce(pp.percent >= 50, false) or pc.learner_id is not null),
                                 ('completed', pc.learner_id is not null),
                                 ('unlocked', coalesce(pc.award_id is not null, false))) as st(c, reached)
     where ${sql.join(where, sql` and `)} and st.reached`, false)
}

// --- supply and demand --------------------------------------------------------------------------------------

/** Places (capacity of scheduled sessions of published opportunities) by area and theme: organisations' data. */
export async function supplyPlaces (db: Executor, q: { cityId: string; byDecile: boolean; from?: Date; to?: Date }): Promise<Array<{ row: string; theme: string; places: number }>> {
  const rowE = q.byDecile ? sql`coalesce(dd.decile::text, 'unknown')` : sql`coalesce(o.area, 'unknown')`
  const r = await sql<{ row: string; theme: string; places: string | number }>`
    select ${rowE} as row, th.v as theme, coalesce(sum(s.capacity), 0) as places
      from opportunities o
      join opportunity_sessions s on s.opportunity_id = o.id and s.status = 'scheduled'
      cross join lateral unnest(o.themes) as th(v)
      left join insight_deciles dd on dd.city_id = o.city_id and dd.area = upper(o.area)
     where o.city_id = ${q.cityId} and o.status = 'published' and o.deleted_at is null
       ${q.from ? sql`and s.start_at >= ${q.from}` : sql``} ${q.to ? sql`and s.start_at < ${q.to}` : sql``}
     group by 1, 2`.execute(db)
  return r.rows.map((x) => ({ row: x.row, theme: x.theme, places: Number(x.places) }))
}

/** Demand, aggregated in SQL: eligible learners following a published pathway with that theme, by the learner's area (or decile). */
export async function demandAggregates (db: Executor, q: { cityId: string; byDecile: boolean; area?: string; decile?: string }): Promise<CellAggregate[]> {
  const rowE = q.byDecile ? sql`coalesce(dd.decile::text, 'unknown')` : sql`coalesce(l.area, 'unknown')`
  return aggregateFigures(db, sql`
    select ${rowE} as r, th.v as c, pf.learner_id as l, ${recordKey(sql`pf.learner_id`)} as k, p.organisation_id::text as o, null::uuid as a, 0::bigint as ak
      from pathway_followers pf
      join pathways p on p.id = pf.pathway_id and p.status = 'published'
      join pathway_versions v on v.pathway_id = p.id and v.version = p.version
      cross join lateral unnest(v.themes) as th(v)
      join learners l on l.id = pf.learner_id
      join insight_settings s on s.city_id = p.city_id
      left join insight_deciles dd on dd.city_id = p.city_id and dd.area = upper(l.area)
     where p.city_id = ${q.cityId} and ${ELIGIBLE}
       ${q.area !== undefined ? sql`and coalesce(l.area, 'unknown') = ${q.area}` : sql``}
       ${q.decile !== undefined ? sql`and coalesce(dd.decile::text, 'unknown') = ${q.decile}` : sql``}`, false)
}

// --- labels -------------------------------------------------------------------------------------------------

/** Names for ids shown in tables (organisations, badge classes, pathways) of one city. */
export async function labels (db: Executor, cityId: string): Promise<Map<string, string>> {
  // One round trip: every kept-table answer relabels with today's names.
  const r = await sql<{ id: string; name: string }>`
    select id::text, name from organisations where city_id = ${cityId}
    union all select id::text, name from badge_classes where city_id = ${cityId}
    union all select p.id::text, v.title from pathways p join pathway_versions v on v.pathway_id = p.id and v.version = p.version where p.city_id = ${cityId}`.execute(db)
  return new Map(r.rows.map((x) => [x.id, x.name]))
}

// --- deciles, settings, releases ----------------------------------------------------------------------------

export async function replaceDeciles (db: Db, cityId: string, rows: ReadonlyArray<{ area: string; decile: number }>, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('insight_deciles').where('city_id', '=', cityId).execute()
    for (let i = 0; i < rows.length; i += 1000) {
      await trx.insertInto('insight_deciles').values(rows.slice(i, i + 1000).map((r) => ({ city_id: cityId, area: r.area, decile: r.decile }))).execute()
    }
    await ensureSettingsRow(trx, cityId)
    // A decile is read with the facts: a table computed meanwhile must not look exact (the facts version moves).
    await trx.updateTable('insight_settings').set({ deciles_updated_at: now, updated_at: now }).where('city_id', '=', cityId).execute()
    await bumpFactsVersion(trx, [cityId])
    // Every table of the city may break down or filter by decile: none stays.
    await dropStoredTables(trx, cityId)
  })
}

export const countDeciles = async (db: Executor, cityId: string): Promise<number> =>
  Number((await db.selectFrom('insight_deciles').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', cityId).executeTakeFirst())?.n ?? 0)

async function ensureSettingsRow (db: Executor, cityId: string): Promise<void> {
  await db.insertInto('insight_settings').values({ city_id: cityId, ...newSecret() })
    .onConflict((oc) => oc.column('city_id').doNothing()).execute()
}

/** The city's cell-key secret, made on first use (concurrent first uses agree: the first insert wins). */
export async function cellKeySecret (db: Executor, cityId: string): Promise<string> {
  const read = () => db.selectFrom('insight_settings').select('cell_key_secret').where('city_id', '=', cityId).executeTakeFirst()
  const found = await read()
  if (found) return found.cell_key_secret
  await ensureSettingsRow(db, cityId)
  return (await read())!.cell_key_secret
}

/** Sets the disclosure threshold; the city's stored tables (published under the old one) go in the same transaction. */
export async function setThreshold (db: Db, cityId: string, threshold: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('cities').set({ privacy_threshold: threshold, updated_at: new Date() }).where('id', '=', cityId).execute()
    await dropStoredTables(trx, cityId)
  })
}

export const findRelease = (db: Executor, cityId: string, week: string | 'latest') => {
  let q = db.selectFrom('insight_releases').selectAll().where('city_id', '=', cityId)
  q = week === 'latest' ? q.orderBy('week', 'desc').limit(1) : q.where('week', '=', week)
  return q.executeTakeFirst()
}

/** Stores a release once (a second writer for the same week changes nothing). Returns true when this one was new. */
export async function insertRelease (db: Executor, r: { cityId: string; week: string; json: string; csv: string }): Promise<boolean> {
  const out = await db.insertInto('insight_releases').values({ city_id: r.cityId, week: r.week, json: r.json, csv: r.csv })
    .onConflict((oc) => oc.columns(['city_id', 'week']).doNothing()).returning('week').executeTakeFirst()
  return out !== undefined
}

export const allCities = (db: Executor) => db.selectFrom('cities').select(['id', 'slug', 'timezone', 'privacy_threshold']).execute()

export const cityById = (db: Executor, id: string) => db.selectFrom('cities').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
export const cityIdBySlug = (db: Executor, slug: string) => db.selectFrom('cities').select('id').where('slug', '=', slug).executeTakeFirst()

// --- stored tables ------------------------------------------------------------------------------------------

/** The city's secret and facts version (the secret made on first use). */
export async function settingsOf (db: Executor, cityId: string): Promise<{ secret: string; factsVersion: number }> {
  const read = () => sql<{ secret: string; version: string }>`select s.cell_key_secret as secret, ${factsVersionOf(sql`s.city_id`)} as version from insight_settings s where s.city_id = ${cityId}`.execute(db).then((r) => r.rows[0])
  const found = await read() ?? (await ensureSettingsRow(db, cityId), await read())
  return { secret: found!.secret, factsVersion: Number(found!.version) }
}

/** The city's secret and facts version, and the kept table of this scope and query if any: one round trip. */
/**
 * The city's cell-key secret and facts version, and the kept table of this scope and query. With `knownComputedAt` (the
 * computation time of a copy the caller holds), the body is left out when the kept table is still that one (`body`
 * is then '' and `same` true): a look once a second need not carry, nor parse, a table it already has.
 */
export async function settingsAndStoredTable (db: Executor, cityId: string, scope: string, queryKey: string, knownComputedAt?: Date): Promise<{ secret: string; factsVersion: number; stored?: StoredTable & { same: boolean } }> {
  const known = knownComputedAt ?? null
  const read = () => sql<{ secret: string; version: string; request: unknown; threshold: number | null; t_version: string | null; computed_at: Date | null; read_at: Date | null; body: string | null; same: boolean | null }>`
    select s.cell_key_secret as secret, ${factsVersionOf(sql`s.city_id`)} as version, t.request, t.threshold, t.facts_version as t_version, t.computed_at, t.read_at,
           case when t.computed_at = ${known}::timestamptz then '' else t.body end as body, t.computed_at = ${known}::timestamptz as same
      from insight_settings s
      left join insight_tables t on t.city_id = s.city_id and t.scope = ${scope} and t.query_key = ${queryKey}
     where s.city_id = ${cityId}`.execute(db).then((r) => r.rows[0])
  const r = await read() ?? (await ensureSettingsRow(db, cityId), await read())
  if (!r) throw new Error(`no insight settings for city ${cityId}`)
  const stored = r.body === null ? undefined : { request: r.request, threshold: r.threshold as number, factsVersion: r.t_version === null ? null : Number(r.t_version), computedAt: new Date(r.computed_at as Date), readAt: new Date(r.read_at as Date), body: r.body, same: r.same === true }
  return { secret: r.secret, factsVersion: Number(r.version), ...(stored ? { stored } : {}) }
}

export interface StoredTable {
  request: unknown
  threshold: number
  /** Null for tables not made from the facts (fresh by age only). */
  factsVersion: number | null
  computedAt: Date
  readAt: Date
  body: string
}

/** Keeps a published table (a later computation replaces an earlier one, never the reverse). */
export async function storeTable (db: Executor, t: { cityId: string; scope: string; queryKey: string; request: unknown; threshold: number; factsVersion: number | null; computedAt: Date; readAt: Date; body: string }): Promise<void> {
  await db.insertInto('insight_tables').values({
    city_id: t.cityId, scope: t.scope, query_key: t.queryKey, request: JSON.stringify(t.request), threshold: t.threshold,
    facts_version: t.factsVersion, computed_at: t.computedAt, read_at: t.readAt, refreshing_until: null, body: t.body,
  }).onConflict((oc) => oc.columns(['city_id', 'scope', 'query_key']).doUpdateSet((eb) => ({
    threshold: eb.ref('excluded.threshold'), facts_version: eb.ref('excluded.facts_version'), computed_at: eb.ref('excluded.computed_at'),
    read_at: sql`greatest(insight_tables.read_at, excluded.read_at)`, refreshing_until: null, body: eb.ref('excluded.body'),
  })).where('insight_tables.computed_at', '<=', (eb) => eb.ref('excluded.computed_at'))).execute()
}

/** Records a read (callers do it at most once a minute per table: reads stay reads). */
export const touchStoredTable = (db: Executor, cityId: string, scope: string, queryKey: string, now: Date) =>
  db.updateTable('insight_tables').set({ read_at: now }).where('city_id', '=', cityId).where('scope', '=', scope).where('query_key', '=', queryKey).where('read_at', '<', now).execute()

export const dropStoredTables = (db: Executor, cityId: string) => db.deleteFrom('insight_tables').where('city_id', '=', cityId).execute()

/**
 * Claims up to `limit` stored tables to compute again: read since `readSince`, computed before `computedBefore` (the
 * debounce), and stale (the city's facts moved on, or not made from facts), the oldest first (the nearest to, or
 * furthest past, the max age). A claim is a lease: another process (or a reader's revalidation) skips the rows until
 * `leaseUntil`, or until the new table is stored.
 */
export async function claimStaleTables (db: Executor, q: { now: Date; readSince: Date; computedBefore: Date; leaseUntil: Date; limit: number }): Promise<Array<{ cityId: string; scope: string; queryKey: string; request: unknown }>> {
  const r = await sql<{ city_id: string; scope: string; query_key: string; request: unknown }>`
    update insight_tables t set refreshing_until = ${q.leaseUntil}
      from (select t2.city_id, t2.scope, t2.query_key
              from insight_tables t2
             where t2.read_at >= ${q.readSince} and t2.computed_at < ${q.computedBefore}
               and (t2.facts_version is null or t2.facts_version <> ${factsVersionOf(sql`t2.city_id`)})
               and (t2.refreshing_until is null or t2.refreshing_until < ${q.now})
             order by t2.computed_at, t2.read_at desc limit ${q.limit}
               for update of t2 skip locked) x
     where t.city_id = x.city_id and t.scope = x.scope and t.query_key = x.query_key
    returning t.city_id, t.scope, t.query_key, t.request`.execute(db)
  return r.rows.map((x) => ({ cityId: x.city_id, scope: x.scope, queryKey: x.query_key, request: x.request }))
}

/**
 * Claims one kept table for a reader's revalidation (the same lease as `claimStaleTables`): only while nobody holds
 * it and it is still the table computed at `computedAt` (a newer one stored meanwhile needs no refresh). Returns
 * true when this caller is the one to compute it.
 */
export async function claimTable (db: Executor, q: { cityId: string; scope: string; queryKey: string; computedAt: Date; now: Date; leaseUntil: Date }): Promise<boolean> {
  const r = await sql<{ query_key: string }>`
    update insight_tables set refreshing_until = ${q.leaseUntil}
     where city_id = ${q.cityId} and scope = ${q.scope} and query_key = ${q.queryKey} and computed_at <= ${q.computedAt}
       and (refreshing_until is null or refreshing_until < ${q.now})
    returning query_key`.execute(db)
  return r.rows.length > 0
}

/** Gives a lease back (its computation failed): the next reader or refresh may try again at once. */
export const releaseTable = (db: Executor, cityId: string, scope: string, queryKey: string) =>
  db.updateTable('insight_tables').set({ refreshing_until: null }).where('city_id', '=', cityId).where('scope', '=', scope).where('query_key', '=', queryKey).execute()

/** When the next stale, recently read table comes due for a refresh (its computed_at), or undefined. */
export async function nextStaleTable (db: Executor, q: { readSince: Date }): Promise<Date | undefined> {
  const r = await sql<{ at: Date | null }>`
    select min(t.computed_at) as at from insight_tables t
     where t.read_at >= ${q.readSince} and (t.facts_version is null or t.facts_version <> ${factsVersionOf(sql`t.city_id`)})`.execute(db)
  const at = r.rows[0]?.at
  return at === null || at === undefined ? undefined : new Date(at)
}
