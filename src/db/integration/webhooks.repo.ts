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

/** Active subscriptions of a city that take `eventType` (organisation filtering is the caller's). */
export const subscribersOf = (db: Executor, cityId: string, eventType: string): Promise<WebhookSubscriptionRow[]> =>
  db.selectFrom('webhook_subscriptions').selectAll().where('city_id', '=', cityId).where('status', '=', 'active')
    .where(sql<boolean>`${eventType} = any(events)`).execute()

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

/** The first pending delivery of a subscription in order (due or not: a later one never overtakes it). */
export const headDelivery = (db: Executor, subscriptionId: string): Promise<WebhookDeliveryRow | undefined> =>
  db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('status', '=', 'pending')
    .orderBy('position').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()

export const recordAttempt = (db: Executor, id: string, set: Updateable<WebhookDeliveriesTable>): Promise<unknown> =>
  db.updateTable('webhook_deliveries').set((eb) => ({ ...set, attempts: eb('attempts', '+', 1), last_attempt_at: sql`now()` })).where('id', '=', id).execute()

export const requeueDelivery = (db: Executor, id: string): Promise<WebhookDeliveryRow | undefined> =>
  db.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: sql`now()`, attempts: 0, last_error: null }).where('id', '=', id).returningAll().executeTakeFirst()

export const awardOrganisation = async (db: Executor, awardId: string): Promise<string | undefined> =>
  (await db.selectFrom('awards').select('organisation_id').where('id', '=', awardId).executeTakeFirst())?.organisation_id
