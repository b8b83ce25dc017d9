import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import { WEBHOOK_EVENTS } from '../domain/integration/webhooks.js'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Slug, Text, Uuid, pageOf, problems } from './schemas.js'

const EventType = Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e)), { description: 'an event type' })

export const WebhookSubscription = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Array(Type.String()),
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
  description: Type.Optional(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  disabledReason: Type.Optional(Type.String()),
  secret: Type.Optional(Type.String({ description: 'The signing secret (`whsec_…`): in the answer that creates or rotates it only' })),
  previousSecretExpiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Until then the previous secret signs too' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'WebhookSubscription', description: 'A webhook subscription (Standard Webhooks 1.0)' })

const WebhookDelivery = Type.Object({
  id: Type.String({ description: 'The message id (`webhook-id` header): the same on every attempt and replay' }),
  eventType: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastStatus: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  deliveredAt: Type.Optional(Type.String({ format: 'date-time' })),
  payload: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'WebhookDelivery' })

const Url = Type.String({ minLength: 8, maxLength: 2048, description: 'https URL of the receiver (plain http only for hosts in EGRESS_ALLOW_PRIVATE_HOSTS)' })
const NewWebhook = Type.Object({
  url: Url,
  events: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
  organisationId: Type.Optional(Uuid),
  description: Type.Optional(Text(500)),
}, { additionalProperties: false })
const WebhookPatch = Type.Object({
  url: Type.Optional(Url),
  events: Type.Optional(Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length })),
  description: Type.Optional(Text(500)),
  enabled: Type.Optional(Type.Boolean({ description: 'false disables the subscription; true enables it again (and resumes pending deliveries)' })),
}, { additionalProperties: false, minProperties: 1 })
const Params = Type.Object({ city: Slug, id: Uuid })
const DeliveryParams = Type.Object({ city: Slug, id: Uuid, deliveryId: Type.String({ pattern: '^msg-[0-9a-f-]{36}$' }) })
const DeliveryQuery = Type.Object({ ...PageQuery.properties, status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])) }, { additionalProperties: false })
const TestResult = Type.Object({ delivered: Type.Boolean(), status: Type.Optional(Type.Integer()), error: Type.Optional(Type.String()), delivery: WebhookDelivery })

const tags = ['Webhooks']

export const webhookRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const city = (req: { params: { city: string } } & Parameters<typeof principalOf>[0]) => services.cities.resolve(principalOf(req), req.params.city)
  const hooks = services.webhooks

  app.post('/', {
    schema: {
      operationId: 'createWebhook', tags, summary: 'Subscribe a receiver to events',
      description: 'Deliveries follow Standard Webhooks 1.0: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the base64 part of the secret). The answer carries the secret once. An issuer key subscribes for its own organisation.',
      params: CityParams, body: NewWebhook, response: { 201: WebhookSubscription, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (req, reply) => {
    const created = await hooks.create(principalOf(req), await city(req), req.body)
    return reply.code(201).header('location', `/v1/cities/${req.params.city}/webhooks/${created.id}`).send(created)
  })

  app.get('/', {
    schema: { operationId: 'listWebhooks', tags, summary: 'List subscriptions', params: CityParams, querystring: PageQuery, response: { 200: pageOf(WebhookSubscription), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await hooks.list(principalOf(req), await city(req), req.query)))

  app.get('/:id', {
    schema: { operationId: 'getWebhook', tags, params: Params, response: { 200: WebhookSubscription, ...problems(400, 401, 404) } },
  }, async (req) => hooks.get(principalOf(req), await city(req), req.params.id))

  app.patch('/:id', {
    schema: { operationId: 'updateWebhook', tags, summary: 'Change the URL or events, or disable / enable', params: Params, body: WebhookPatch, response: { 200: WebhookSubscription, ...problems(400, 401, 403, 404, 422) } },
  }, async (req) => hooks.update(principalOf(req), await city(req), req.params.id, req.body))

  app.delete('/:id', {
    schema: { operationId: 'deleteWebhook', tags, params: Params, response: { 204: Type.Null({ description: 'deleted' }), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    await hooks.remove(principalOf(req), await city(req), req.params.id)
    return reply.code(204).send(null)
  })

  app.post('/:id/rotate-secret', {
    schema: { operationId: 'rotateWebhookSecret', tags, summary: 'A new secret, shown once; the previous one keeps signing for 24 hours', params: Params, response: { 200: WebhookSubscription, ...problems(400, 401, 403, 404) } },
  }, async (req) => hooks.rotateSecret(principalOf(req), await city(req), req.params.id))

  app.post('/:id/test', {
    schema: { operationId: 'testWebhook', tags, summary: 'Send a signed `webhook.test` message now and report the answer', params: Params, response: { 200: TestResult, ...problems(400, 401, 403, 404) } },
  }, async (req) => hooks.test(principalOf(req), await city(req), req.params.id))

  app.get('/:id/deliveries', {
    schema: { operationId: 'listWebhookDeliveries', tags, summary: 'The delivery log, oldest first', params: Params, querystring: DeliveryQuery, response: { 200: pageOf(WebhookDelivery), ...problems(400, 401, 404) } },
  }, async (req, reply) => sendPage(req, reply, await hooks.deliveries(principalOf(req), await city(req), req.params.id, req.query)))

  app.post('/:id/deliveries/:deliveryId/replay', {
    schema: { operationId: 'replayWebhookDelivery', tags, summary: 'Send a delivery again (same message id), next in line', params: DeliveryParams, response: { 200: WebhookDelivery, ...problems(400, 401, 403, 404) } },
  }, async (req) => hooks.replay(principalOf(req), await city(req), req.params.id, req.params.deliveryId))
}
