import { sql, type Insertable, type Updateable } from 'kysely'
import { after, type Cursor } from '../page.js'
import type { Executor } from '../types.js'
import type { WebhookDeliveriesTable, WebhookDeliveryRow, WebhookSubscriptionRow, WebhookSubscriptionsTable } from './webhooks.types.js'

export const insertSubscription = (db: Executor, row: Insertable<WebhookSubscriptionsTable>): Promise<WebhookSubscriptionRow> =>
  db.insertInto('webhook_subscriptions').values(row).returningAll().executeTakeFirstOrThrow()

export const findSubscription = (db: Executor, cityId: string, id: string): Promise<WebhookSubscriptionRow | undefined> =>
  db.selectFrom('webhook_subscriptions').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()

export const findSubscriptionById = (db: Executor, id: string): Promise<WebhookSubscriptionRow | undefined> =>
  db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst()

export const listSubscriptions = (db: Executor, cityId: string, organisationId: string | undefined, limit: number, cursor?: Cursor): Promise<WebhookSubscriptionRow[]> => {
  let q = db.selectFrom('webhook_subscriptions').selectAll().where('city_id', '=', cityId)
  if (organisationId) q = q.where('organisation_id', '=', organisationId)
  if (cursor) q = q.where(after('webhook_subscriptions', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

export const updateSubscription = (db: Executor, cityId: string, id: string, set: Updateable<WebhookSubscriptionsTable>): Promise<WebhookSubscriptionRow | undefined> =>
  db.updateTable('webhook_subscriptions').set({ ...set, updated_at: sql`now()` }).where('city_id', '=', cityId).where('id', '=', id).returningAll().executeTakeFirst()

export const deleteSubscription = async (db: Executor, cityId: string, id: string): Promise<boolean> =>
  (await db.deleteFrom('webhook_subscriptions').where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n

/** Active subscriptions of these cities (the relay's fan-out matches event types and organisations itself). */
export const activeSubscriptionsOf = (db: Executor, cityIds: readonly string[]): Promise<WebhookSubscriptionRow[]> =>
  cityIds.length === 0 ? Promise.resolve([]) : db.selectFrom('webhook_subscriptions').selectAll().where('city_id', 'in', [...cityIds]).where('status', '=', 'active').execute()

/** The organisation of each of these awards. */
export const awardOrganisations = async (db: Executor, awardIds: readonly string[]): Promise<Map<string, string>> =>
  awardIds.length === 0
    ? new Map()
    : new Map((await db.selectFrom('awards').select(['id', 'organisation_id']).where('id', 'in', [...awardIds]).execute()).map((r) => [r.id, r.organisation_id]))

/**
 * Serialises fan-outs until the caller's transaction ends: positions are taken and committed in one order, so a
 * dispatcher never sees a later position committed before an earlier one.
 */
export const lockFanOut = (db: Executor): Promise<unknown> => sql`select pg_advisory_xact_lock(hashtext('citybadges.webhook-fanout'))`.execute(db)

/** Takes `n` consecutive positions (under {@link lockFanOut}); answers the first. */
export const takePositions = async (db: Executor, n: number): Promise<number> => {
  const r = await sql<{ last: string }>`select setval('webhook_delivery_position', nextval('webhook_delivery_position') + ${n - 1}) as last`.execute(db)
  return Number(r.rows[0]!.last) - n + 1
}

/** Queues deliveries; a second fan-out of the same (subscription, outbox event) inserts nothing. Answers how many were new. */
export async function insertDeliveries (db: Executor, rows: ReadonlyArray<Insertable<WebhookDeliveriesTable>>): Promise<number> {
  let n = 0
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db.insertInto('webhook_deliveries').values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['subscription_id', 'outbox_id']).where('outbox_id', 'is not', null).doNothing()).returning('id').execute()
    n += r.length
  }
  return n
}

/** Queues a delivery; a second fan-out of the same (subscription, outbox event) inserts nothing. */
export const insertDelivery = (db: Executor, row: Insertable<WebhookDeliveriesTable>): Promise<unknown> =>
  db.insertInto('webhook_deliveries').values(row).onConflict((oc) => oc.columns(['subscription_id', 'outbox_id']).where('outbox_id', 'is not', null).doNothing()).execute()

export const findDelivery = (db: Executor, subscriptionId: string, id: string): Promise<WebhookDeliveryRow | undefined> =>
  db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('id', '=', id).executeTakeFirst()

export const listDeliveries = (db: Executor, subscriptionId: string, status: string | undefined, limit: number, cursor?: Cursor): Promise<WebhookDeliveryRow[]> => {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId)
  if (status) q = q.where('status', '=', status as 'pending')
  if (cursor) q = q.where(after('webhook_deliveries', cursor))
  return q.orderBy('created_at').orderBy('id').limit(limit + 1).execute()
}

/**
 * Leases up to `limit` active subscriptions that have a delivery due and no live lease: one dispatcher at a time
 * delivers a subscription, so its deliveries go out in order. A lease left by a dead process expires by itself.
 */
export const leaseDueSubscriptions = async (db: Executor, leaseMs: number, limit: number): Promise<WebhookSubscriptionRow[]> =>
  (await sql<WebhookSubscriptionRow>`
    update webhook_subscriptions set lease_until = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select s.id from webhook_subscriptions s
      where s.status = 'active' and (s.lease_until is null or s.lease_until < now())
        and exists (select 1 from webhook_deliveries d where d.subscription_id = s.id and d.status = 'pending' and d.next_attempt_at <= now())
      order by s.id
      limit ${limit}
      for update skip locked)
    returning *`.execute(db)).rows

export const releaseLease = (db: Executor, id: string): Promise<unknown> =>
  db.updateTable('webhook_subscriptions').set({ lease_until: null }).where('id', '=', id).execute()

/** The first pending deliveries of a subscription in order (due or not: a later one never overtakes them). */
export const headDeliveries = (db: Executor, subscriptionId: string, limit: number): Promise<WebhookDeliveryRow[]> =>
  db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('status', '=', 'pending')
    .orderBy('position').orderBy('created_at').orderBy('id').limit(limit).execute()

/** Records successful deliveries in one statement. */
export const recordDelivered = (db: Executor, done: ReadonlyArray<{ id: string; status: number; at: Date }>): Promise<unknown> =>
  done.length === 0 ? Promise.resolve() : sql`
    update webhook_deliveries d set status = 'delivered', delivered_at = v.at, last_attempt_at = v.at, last_status = v.status,
           last_error = null, attempts = d.attempts + 1
      from unnest(${done.map((x) => x.id)}::text[], ${done.map((x) => x.status)}::int[], ${done.map((x) => x.at.toISOString())}::timestamptz[]) as v(id, status, at)
     where d.id = v.id and d.status = 'pending'`.execute(db)

export const recordAttempt = (db: Executor, id: string, set: Updateable<WebhookDeliveriesTable>): Promise<unknown> =>
  db.updateTable('webhook_deliveries').set((eb) => ({ ...set, attempts: eb('attempts', '+', 1), last_attempt_at: sql`now()` })).where('id', '=', id).execute()

export const requeueDelivery = (db: Executor, id: string): Promise<WebhookDeliveryRow | undefined> =>
  db.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: sql`now()`, attempts: 0, last_error: null }).where('id', '=', id).returningAll().executeTakeFirst()

