import { sql, type Insertable } from 'kysely'
import type { AwardRow, AwardsTable } from './badges.types.js'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import { executePrepared } from '../prepared.js'

type EventRow = { type: string; cityId: string; payload: Record<string, string | number | boolean | null> }

/** What a new award that no learner holds brings with it: its claim, the message carrying the link, the link's event. */
export interface PendingRows {
  claim: { id: string; city_id: string; award_id: string; token_hash: string; expires_at: Date }
  mail?: { id: string; city_id: string; kind: 'claim'; recipient_enc: string; content_enc: string }
  event: EventRow
}

/**
 * Row versions (PostgreSQL's `xmin`, see findCityBySlugVersioned) the caller read its city and badge class at, from a
 * cache: the award's statement inserts only when both rows are still those versions, so every check made on the
 * cached rows was a check of the current rows.
 */
export interface ReadVersions { cityId: string; city: string; badgeClassId: string; badgeClass: string }

/**
 * One award and its outbox event in one statement (the event only when the award was inserted: a used idempotency
 * key inserts neither). `holder`: the learner is the verified holder of this keyed identifier in the award's city, when
 * there is one. With `versions`, nothing is inserted when the city or the badge class changed since they were read
 * (`current: false`). Answers the award, or no award when the key was used before.
 *
 * Written as SQL text (not built with Kysely per call) and sent as a named prepared statement (db/prepared.ts): the
 * hottest write of the service, parsed and planned once per connection. The text has a few variants (holder, claim,
 * mail, guard), each its own statement. INSERT ... SELECT coerces the untyped parameters to the columns' types as
 * VALUES would.
 */
export async function insertAwardWithEvent (db: Executor, row: Insertable<AwardsTable>, holder: { type: string; hash: string } | undefined,
  event: EventRow, pending?: PendingRows, versions?: ReadVersions): Promise<{ row: AwardRow | undefined; current: boolean }> {
  const values: Record<string, unknown> = { ...row }
  delete values.learner_id
  const columns = Object.keys(values).filter((k) => values[k] !== undefined)
  const learner = holder
    ? sql`(select li.learner_id from learner_identifiers li where li.city_id = ${row.city_id} and li.type = ${holder.type} and li.value_hash = ${holder.hash} and li.verified limit 1)`
    : sql`${row.learner_id ?? null}::uuid`
  const guard = versions
    ? sql`exists (select 1 from cities where id = ${versions.cityId}::uuid and xmin::text = ${versions.city}::text)
        and exists (select 1 from badge_classes where id = ${versions.badgeClassId}::uuid and xmin::text = ${versions.badgeClass}::text)`
    : sql`true`
  const eventOf = (e: EventRow) => sql`select ${e.type}::text, ${e.cityId}::uuid, ${JSON.stringify(e.payload)}::jsonb from a`
  // Only when the award was inserted and no learner holds it (the `where` of each insert below).
  const c = pending?.claim
  const m = pending?.mail
  const q = sql<AwardRow & { cb_current: boolean }>`with g as (select ${guard} as ok),
a as (insert into awards (learner_id, ${sql.join(columns.map((k) => sql.ref(k)))})
  select ${learner}, ${sql.join(columns.map((k) => sql`${values[k]}`))} where (select ok from g)
  on conflict (city_id, idempotency_key) where idempotency_key is not null do nothing
  returning *),
e as (insert into outbox (type, city_id, payload) ${eventOf(event)})${c
    ? sql`,
c as (insert into award_claims (id, city_id, award_id, token_hash, expires_at) select ${c.id}::uuid, ${c.city_id}::uuid, a.id, ${c.token_hash}::text, ${c.expires_at}::timestamptz from a where a.learner_id is null)`
    : sql``}${m
    ? sql`,
m as (insert into mail_messages (id, city_id, kind, recipient_enc, content_enc) select ${m.id}::uuid, ${m.city_id}::uuid, ${m.kind}::text, ${m.recipient_enc}::text, ${m.content_enc}::text from a where a.learner_id is null)`
    : sql``}${pending
    ? sql`,
l as (insert into outbox (type, city_id, payload) ${eventOf(pending.event)} where a.learner_id is null)`
    : sql``}
select g.ok as cb_current, a.* from g left join a on true`
  const [r] = await executePrepared(db, q)
  if (!r) throw new Error('the award statement answered no row')
  const { cb_current: current, ...award } = r
  return { row: current && award.id != null ? award as AwardRow : undefined, current }
}

/**
 * Many awards in one statement (bulk jobs); rows whose idempotency key is already used in the city (or repeated in
 * the batch) insert nothing and are missing from the answer.
 */
export const insertAwards = (db: Executor, rows: Array<Insertable<AwardsTable>>): Promise<AwardRow[]> =>
  rows.length === 0
    ? Promise.resolve([])
    : db.insertInto('awards').values(rows)
      .onConflict((oc) => oc.columns(['city_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
      .returningAll().execute()

export const findAwardsByIdempotencyKeys = (db: Executor, cityId: string, keys: readonly string[]): Promise<AwardRow[]> =>
  keys.length === 0 ? Promise.resolve([]) : db.selectFrom('awards').selectAll().where('city_id', '=', cityId).where('idempotency_key', 'in', [...keys]).execute()

export const findAwardByIdempotencyKey = (db: Executor, cityId: string, key: string): Promise<AwardRow | undefined> =>
  db.selectFrom('awards').selectAll().where('city_id', '=', cityId).where('idempotency_key', '=', key).executeTakeFirst()

export const findAward = (db: Executor, cityId: string, id: string): Promise<AwardRow | undefined> =>
  db.selectFrom('awards').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const findAwardById = (db: Executor, id: string): Promise<AwardRow | undefined> =>
  db.selectFrom('awards').selectAll().where('id', '=', id).executeTakeFirst()

/** Many awards at once (portfolio exports), in no particular order. */
export const findAwardsByIds = (db: Executor, ids: readonly string[]): Promise<AwardRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('awards').selectAll().where('id', 'in', [...ids]).execute()

export interface AwardFilter { organisationId?: string | undefined; badgeClassId?: string | undefined; revoked?: boolean | undefined }

export const listAwards = (db: Executor, cityId: string, f: AwardFilter, limit: number, cursor?: Cursor): Promise<AwardRow[]> => {
  let q = db.selectFrom('awards').selectAll().where('city_id', '=', cityId)
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId)
  if (f.badgeClassId) q = q.where('badge_class_id', '=', f.badgeClassId)
  if (f.revoked !== undefined) q = q.where('revoked_at', f.revoked ? 'is not' : 'is', null)
  if (cursor) q = q.where(after('awards', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/** Revokes once: a second call changes nothing (the first reason is kept) and returns undefined. */
export const revokeAward = (db: Executor, cityId: string, id: string, reason: string): Promise<AwardRow | undefined> =>
  db.updateTable('awards').set({ revoked_at: sql`now()`, revocation_reason: reason })
    .where('city_id', '=', cityId).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst()

export const listRevoked = (db: Executor, organisationId: string): Promise<Array<Pick<AwardRow, 'id' | 'revocation_reason'>>> =>
  db.selectFrom('awards').select(['id', 'revocation_reason']).where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is not', null).orderBy('revoked_at').orderBy('id').execute()
