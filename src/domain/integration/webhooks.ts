import { randomUUID } from 'node:crypto'
import { isUuid, pageOf } from '../../db/page.js'
import * as repo from '../../db/integration/webhooks.repo.js'
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../../db/integration/webhooks.types.js'
import type { CityRow, Db } from '../../db/types.js'
import { findOrganisation } from '../../db/repos.js'
import type { Egress } from '../../infra/egress.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import { decryptPrivateKey, encryptPrivateKey } from '../keys/keys.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { newWebhookSecret, webhookHeaders } from './webhook-signature.js'

/** The event types a subscription may take (Standard Webhooks `type`). Payloads are thin: ids and URLs only. */
export const WEBHOOK_EVENTS = [
  'award.issued', 'award.revoked', 'award.accepted', 'award.claimed', 'import.verified',
  'pathway.completed', 'opportunity.unlocked', 'learner.erased',
] as const
export type WebhookEvent = typeof WEBHOOK_EVENTS[number]

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000

export interface WebhookSubscription {
  id: string
  url: string
  events: string[]
  organisationId?: string
  description?: string
  status: 'active' | 'disabled'
  disabledReason?: string
  /** Only in the answer that creates or rotates it: shown once. */
  secret?: string
  previousSecretExpiresAt?: string
  createdAt: string
  updatedAt: string
}

export interface WebhookDelivery {
  id: string
  eventType: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAttemptAt?: string
  lastAttemptAt?: string
  lastStatus?: number
  lastError?: string
  deliveredAt?: string
  payload: unknown
  createdAt: string
}

export interface WebhookInput { url: string; events: string[]; organisationId?: string | undefined; description?: string | undefined }
export interface WebhookPatch { url?: string | undefined; events?: string[] | undefined; description?: string | undefined; enabled?: boolean | undefined }

export interface WebhookDeps {
  db: Db
  clock: () => Date
  keyEncryptionKey: Buffer
  egress: Egress
  /** Wakes the dispatcher after deliveries were queued. */
  kick: () => void
}

const toSubscription = (r: WebhookSubscriptionRow, secret?: string): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  events: r.events,
  ...(r.organisation_id ? { organisationId: r.organisation_id } : {}),
  ...(r.description ? { description: r.description } : {}),
  status: r.status,
  ...(r.disabled_reason ? { disabledReason: r.disabled_reason } : {}),
  ...(secret ? { secret } : {}),
  ...(r.previous_secret_expires_at ? { previousSecretExpiresAt: r.previous_secret_expires_at.toISOString() } : {}),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

export const toDelivery = (r: WebhookDeliveryRow): WebhookDelivery => ({
  id: r.id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  ...(r.status === 'pending' ? { nextAttemptAt: r.next_attempt_at.toISOString() } : {}),
  ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at.toISOString() } : {}),
  ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
  ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.delivered_at ? { deliveredAt: r.delivered_at.toISOString() } : {}),
  payload: JSON.parse(r.payload) as unknown,
  createdAt: r.created_at.toISOString(),
})

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets (r: WebhookSubscriptionRow, kek: Buffer, now: Date): string[] {
  const out = [decryptPrivateKey(r.secret_enc, r.id, kek)]
  if (r.previous_secret_enc && r.previous_secret_expires_at && r.previous_secret_expires_at > now) {
    out.push(decryptPrivateKey(r.previous_secret_enc, `${r.id}:previous`, kek))
  }
  return out
}

export function createWebhookService (deps: WebhookDeps) {
  const { db } = deps

  async function checkUrl (url: string): Promise<string> {
    let u: URL
    try {
      u = new URL(url)
    } catch {
      throw new InvalidInput('url is not valid', [{ field: '/url', message: 'must be an absolute https URL' }])
    }
    try {
      await deps.egress.check(u.href)
    } catch (err) {
      throw new InvalidInput('url is not allowed', [{ field: '/url', message: `${(err as Error).message}: webhooks go to public https addresses (or hosts in EGRESS_ALLOW_PRIVATE_HOSTS)` }])
    }
    return u.href
  }

  function checkEvents (events: string[]): string[] {
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))
    if (unknown.length > 0 || events.length === 0) {
      throw new InvalidInput('events are not valid', [{ field: '/events', message: `one or more of ${WEBHOOK_EVENTS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}` }])
    }
    return [...new Set(events)]
  }

  /** A subscription the caller may see: an issuer sees its own organisation's only (others are 404). */
  async function visible (principal: Principal, city: CityRow, id: string): Promise<WebhookSubscriptionRow> {
    const row = isUuid(id) ? await repo.findSubscription(db, city.id, id) : undefined
    if (!row || (principal.role === 'issuer' && row.organisation_id !== principal.organisationId)) throw new NotFound('webhook', id)
    return row
  }

  function requireWrite (principal: Principal, row: Pick<WebhookSubscriptionRow, 'organisation_id'>): void {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'manage webhooks')
    if (principal.role === 'issuer') requireOrganisationWrite(principal, row.organisation_id ?? '', 'manage webhooks')
  }

  return {
    async create (principal: Principal, city: CityRow, input: WebhookInput): Promise<WebhookSubscription> {
      requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'manage webhooks')
      const organisationId = input.organisationId ?? (principal.role === 'issuer' ? principal.organisationId ?? undefined : undefined)
      if (organisationId !== undefined) {
        const org = isUuid(organisationId) ? await findOrganisation(db, city.id, organisationId) : undefined
        if (!org) throw new NotFound('organisation', organisationId)
      }
      requireWrite(principal, { organisation_id: organisationId ?? null })
      const url = await checkUrl(input.url)
      const events = checkEvents(input.events)
      const id = randomUUID()
      const secret = newWebhookSecret()
      const row = await repo.insertSubscription(db, {
        id, city_id: city.id, organisation_id: organisationId ?? null, url, events, description: input.description ?? null,
        secret_enc: encryptPrivateKey(secret, id, deps.keyEncryptionKey), created_by: principal.keyId,
      })
      return toSubscription(row, secret)
    },

    async list (principal: Principal, city: CityRow, q: PageQuery): Promise<Page<WebhookSubscription>> {
      const { limit, cursor } = readPageQuery(q, { uuidIds: true })
      const orgOnly = principal.role === 'issuer' ? principal.organisationId ?? '00000000-0000-0000-0000-000000000000' : undefined
      const { rows, nextCursor } = pageOf(await repo.listSubscriptions(db, city.id, orgOnly, limit, cursor), limit)
      return { items: rows.map((r) => toSubscription(r)), nextCursor }
    },

    get: async (principal: Principal, city: CityRow, id: string): Promise<WebhookSubscription> => toSubscription(await visible(principal, city, id)),

    async update (principal: Principal, city: CityRow, id: string, patch: WebhookPatch): Promise<WebhookSubscription> {
      const row = await visible(principal, city, id)
      requireWrite(principal, row)
      const set: Parameters<typeof repo.updateSubscription>[3] = {}
      if (patch.url !== undefined) set.url = await checkUrl(patch.url)
      if (patch.events !== undefined) set.events = checkEvents(patch.events)
      if (patch.description !== undefined) set.description = patch.description
      if (patch.enabled === true) Object.assign(set, { status: 'active', disabled_reason: null })
      if (patch.enabled === false) Object.assign(set, { status: 'disabled', disabled_reason: 'disabled by a user' })
      const updated = await repo.updateSubscription(db, city.id, id, set)
      if (!updated) throw new NotFound('webhook', id)
      if (patch.enabled === true) deps.kick()
      return toSubscription(updated)
    },

    async remove (principal: Principal, city: CityRow, id: string): Promise<void> {
      const row = await visible(principal, city, id)
      requireWrite(principal, row)
      await repo.deleteSubscription(db, city.id, id)
    },

    /** A new secret, shown once; the previous one keeps signing for {@link ROTATION_OVERLAP_MS}. */
    async rotateSecret (principal: Principal, city: CityRow, id: string): Promise<WebhookSubscription> {
      const row = await visible(principal, city, id)
      requireWrite(principal, row)
      const previous = decryptPrivateKey(row.secret_enc, row.id, deps.keyEncryptionKey)
      const secret = newWebhookSecret()
      const updated = await repo.updateSubscription(db, city.id, id, {
        secret_enc: encryptPrivateKey(secret, row.id, deps.keyEncryptionKey),
        previous_secret_enc: encryptPrivateKey(previous, `${row.id}:previous`, deps.keyEncryptionKey),
        previous_secret_expires_at: new Date(deps.clock().getTime() + ROTATION_OVERLAP_MS),
      })
      return toSubscription(updated!, secret)
    },

    async deliveries (principal: Principal, city: CityRow, id: string, q: PageQuery & { status?: string | undefined }): Promise<Page<WebhookDelivery>> {
      const row = await visible(principal, city, id)
      const { limit, cursor } = readPageQuery(q)
      const { rows, nextCursor } = pageOf(await repo.listDeliveries(db, row.id, q.status, limit, cursor), limit)
      return { items: rows.map(toDelivery), nextCursor }
    },

    /** Sends a delivery again, with the same message id (receivers deduplicate by it), as the next in line. */
    async replay (principal: Principal, city: CityRow, id: string, deliveryId: string): Promise<WebhookDelivery> {
      const row = await visible(principal, city, id)
      requireWrite(principal, row)
      const d = await repo.findDelivery(db, row.id, deliveryId)
      if (!d) throw new NotFound('delivery', deliveryId)
      const again = await repo.requeueDelivery(db, d.id)
      deps.kick()
      return toDelivery(again!)
    },

    /** Sends a `webhook.test` message at once and answers what the receiver said (recorded in the delivery log). */
    async test (principal: Principal, city: CityRow, id: string): Promise<{ delivered: boolean; status?: number; error?: string; delivery: WebhookDelivery }> {
      const row = await visible(principal, city, id)
      requireWrite(principal, row)
      const now = deps.clock()
      const msgId = `msg-${randomUUID()}`
      const body = JSON.stringify({ type: 'webhook.test', timestamp: now.toISOString(), data: { webhookId: row.id } })
      let status: number | undefined
      let error: string | undefined
      try {
        const res = await deps.egress.post(row.url, { headers: { 'content-type': 'application/json', ...webhookHeaders(signingSecrets(row, deps.keyEncryptionKey, now), msgId, Math.floor(now.getTime() / 1000), body) }, body })
        status = res.status
        if (res.status < 200 || res.status > 299) error = `receiver answered ${res.status}`
      } catch (err) {
        error = (err as Error).message.slice(0, 300)
      }
      const delivered = error === undefined
      await repo.insertDelivery(db, {
        id: msgId, subscription_id: row.id, city_id: city.id, outbox_id: null, position: 0, event_type: 'webhook.test', payload: body,
        status: delivered ? 'delivered' : 'failed', attempts: 1, last_attempt_at: now, last_status: status ?? null, last_error: error ?? null,
        delivered_at: delivered ? now : null,
      })
      const d = await repo.findDelivery(db, row.id, msgId)
      return { delivered, ...(status !== undefined ? { status } : {}), ...(error !== undefined ? { error } : {}), delivery: toDelivery(d!) }
    },
  }
}

export type WebhookService = ReturnType<typeof createWebhookService>
