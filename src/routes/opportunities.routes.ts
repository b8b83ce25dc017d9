import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Services } from '../domain/services.js'
import { principalOf } from '../plugins/auth.js'
import { sendPage } from './reply.js'
import { CityParams, PageQuery, Text, Translatable, TranslationsSchema, Uuid, pageOf, problems } from './schemas.js'
import { Code, LevelSchema } from './spine.routes.js'

// /v1/cities/{city}/opportunities: what is on near a learner (issue #9). Management (keys) here; the public search
// (no key) is `opportunitySearchRoutes`, registered outside the authenticated /v1 block.

const Kind = Type.Union([
  Type.Literal('activity'), Type.Literal('event'), Type.Literal('course'), Type.Literal('volunteering'),
  Type.Literal('job'), Type.Literal('apprenticeship'), Type.Literal('internship'), Type.Literal('interview'),
])
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('cancelled')])
const DateTime = Type.String({ format: 'date-time', maxLength: 40 })
const Lat = Type.Number({ minimum: -90, maximum: 90 })
const Lon = Type.Number({ minimum: -180, maximum: 180 })

const Place = Type.Object({
  lat: Lat, lon: Lon,
  address: Type.Optional(Text(300)), postcode: Type.Optional(Text(20)), area: Type.Optional(Code),
}, { additionalProperties: false })
const AgeRange = Type.Object({ min: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })), max: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })) }, { additionalProperties: false })
const Cost = Type.Object({
  free: Type.Boolean(), amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })), currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
}, { additionalProperties: false })
const SessionIn = Type.Object({ start: DateTime, end: DateTime, capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }, { additionalProperties: false })
const Schedule = Type.Object({
  rrule: Type.String({ minLength: 1, maxLength: 500, description: 'An RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10 (must end: UNTIL, COUNT or `until`; at most a year)' }),
  start: DateTime,
  durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  until: Type.Optional(DateTime),
  capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  tzid: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone (RFC 5545 TZID), e.g. Europe/London: sessions keep their local time across daylight-saving changes; default UTC' })),
}, { additionalProperties: false })

const NewOpportunity = Type.Object({
  organisationId: Uuid,
  kind: Kind,
  title: Translatable(300),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Record(Type.String({ maxLength: 35 }), Type.String({ maxLength: 20_000 }), { minProperties: 1, maxProperties: 30 })], { description: 'Markdown (raw HTML is escaped when rendered): a string in the city\'s default language, or a map by BCP 47 language tag' })),
  place: Type.Optional(Place),
  online: Type.Optional(Type.Boolean()),
  sessions: Type.Optional(Type.Array(SessionIn, { maxItems: 500 })),
  schedule: Type.Optional(Schedule),
  ageRange: Type.Optional(AgeRange),
  cost: Type.Optional(Cost),
  accessibility: Type.Optional(Text(2000)),
  bookingUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  themes: Type.Optional(Type.Array(Code, { maxItems: 20 })),
  destinations: Type.Optional(Type.Array(Code, { maxItems: 20 })),
  spine: Type.Optional(Type.Object({ elements: Type.Array(Code, { maxItems: 50 }), level: Type.Optional(LevelSchema) }, { additionalProperties: false })),
  badgeClassIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  language: Type.Optional(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$', maxLength: 35 })),
}, { additionalProperties: false })

const Session = Type.Object({
  id: Uuid, start: Type.String(), end: Type.String(), capacity: Type.Union([Type.Integer(), Type.Null()]), placesLeft: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
})
const PlaceOut = Type.Object({ lat: Type.Number(), lon: Type.Number(), address: Type.Optional(Type.String()), postcode: Type.Optional(Type.String()), area: Type.Optional(Type.String()) })
const CostOut = Type.Object({ free: Type.Boolean(), amount: Type.Optional(Type.Number()), currency: Type.Optional(Type.String()) })
const AgeOut = Type.Object({ min: Type.Optional(Type.Integer()), max: Type.Optional(Type.Integer()) })

export const Opportunity = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  kind: Kind,
  title: Type.String(),
  description: Type.String(),
  descriptionHtml: Type.String({ description: 'The description rendered from Markdown (raw HTML escaped)' }),
  translations: TranslationsSchema,
  place: Type.Optional(PlaceOut),
  online: Type.Boolean(),
  ageRange: Type.Optional(AgeOut),
  cost: CostOut,
  accessibility: Type.Optional(Type.String()),
  bookingUrl: Type.Optional(Type.String()),
  themes: Type.Array(Type.String()),
  destinations: Type.Array(Type.String()),
  spine: Type.Optional(Type.Object({ elements: Type.Array(Type.String()), level: Type.Optional(Type.String()) })),
  badgeClassIds: Type.Array(Type.String()),
  status: Status,
  language: Type.Optional(Type.String()),
  schedule: Type.Optional(Type.Unknown()),
  sessions: Type.Array(Session),
  source: Type.Optional(Type.Object({ feedId: Uuid, id: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  publishedAt: Type.Optional(Type.String()),
  links: Type.Object({ public: Type.String({ description: 'schema.org JSON-LD (or an HTML page) once published' }) }),
})

const IdParams = Type.Object({ city: CityParams.properties.city, id: Type.String({ maxLength: 64 }) })
const ListQuery = Type.Object({ ...PageQuery.properties, organisation: Type.Optional(Uuid), status: Type.Optional(Status) }, { additionalProperties: false })
const SupplyQuery = Type.Object({ from: Type.Optional(DateTime), to: Type.Optional(DateTime) }, { additionalProperties: false })
const Supply = Type.Object({
  from: Type.String(), to: Type.String(),
  cells: Type.Array(Type.Object({
    area: Type.Union([Type.String(), Type.Null()]), theme: Type.Union([Type.String(), Type.Null()]), week: Type.String({ description: 'Monday of the week (UTC), YYYY-MM-DD' }),
    opportunities: Type.Integer(), sessions: Type.Integer(), freePlaces: Type.Union([Type.Integer(), Type.Null()]),
  })),
})

export const opportunityRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Opportunities']
  const svc = services.opportunities

  app.post('/', {
    schema: {
      operationId: 'createOpportunity', tags, summary: 'Create an opportunity (a draft) with its sessions, given or expanded from an RRULE',
      params: CityParams, body: NewOpportunity, response: { 201: Opportunity, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return reply.code(201).send(await svc.create(principalOf(req), city, req.body))
  })

  app.get('/', {
    schema: { operationId: 'listOpportunities', tags, summary: 'The city’s opportunities in creation order', params: CityParams, querystring: ListQuery, response: { 200: pageOf(Opportunity), ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return sendPage(req, reply, await svc.list(principalOf(req), city, { ...req.query, organisationId: req.query.organisation }))
  })

  app.get('/supply', {
    schema: {
      operationId: 'getOpportunitySupply', tags, summary: 'Supply map: published opportunities, sessions and free places per area × theme × week',
      description: 'For city admins and readers (the insights issue compares it with learner demand). Default window: this week and the next seven.',
      params: CityParams, querystring: SupplyQuery, response: { 200: Supply, ...problems(400, 401, 403, 404, 422) },
    },
  }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return svc.supply(principalOf(req), city, req.query)
  })

  app.get('/:id', {
    schema: { operationId: 'getOpportunity', tags, summary: 'One opportunity with its sessions', params: IdParams, response: { 200: Opportunity, ...problems(401, 403, 404) } },
  }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return svc.get(principalOf(req), city, req.params.id)
  })

  for (const action of ['publish', 'cancel'] as const) {
    app.post(`/:id/${action}`, {
      schema: {
        operationId: `${action}Opportunity`, tags,
        summary: action === 'publish' ? 'Publish: searchable, on the public page and in the RPDE feed' : 'Cancel the opportunity and its sessions (stays in the feed as cancelled)',
        params: IdParams, response: { 200: Opportunity, ...problems(401, 403, 404, 409) },
      },
      config: { idempotent: false },
    }, async (req) => {
      const city = await services.cities.resolve(principalOf(req), req.params.city)
      return action === 'publish' ? svc.publish(principalOf(req), city, req.params.id) : svc.cancel(principalOf(req), city, req.params.id)
    })
  }

  app.post('/:id/sessions/:sessionId/attendance', {
    schema: {
      operationId: 'recordAttendance', tags,
      summary: 'Record that learners attended a session: each gets the opportunity’s participation badge (its first badge class) once',
      description: 'Idempotent per learner and opportunity: recording again (a retry, another session) replays the same award. ' +
        'All learners must be of this city (else 422, nothing awarded); a cancelled session or opportunity answers 409.',
      params: Type.Object({ city: CityParams.properties.city, id: Type.String({ maxLength: 64 }), sessionId: Type.String({ maxLength: 64 }) }),
      body: Type.Object({ learnerIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ sessionId: Uuid, badgeClassId: Uuid, items: Type.Array(Type.Object({ learnerId: Uuid, awardId: Uuid, replayed: Type.Boolean() })) }),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    },
    config: { idempotent: false },
  }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return services.attendance.record(principalOf(req), city, req.params.id, req.params.sessionId, req.body.learnerIds)
  })

  app.delete('/:id', {
    schema: { operationId: 'deleteOpportunity', tags, summary: 'Delete (a tombstone in the RPDE feed)', params: IdParams, response: { 204: Type.Null(), ...problems(401, 403, 404) } },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    await svc.remove(principalOf(req), city, req.params.id)
    return reply.code(204).send(null)
  })
}

const Settings = Type.Object({ maxRadiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 500 }) }, { additionalProperties: false })

/** /v1/cities/{city}/opportunity-settings: the city's search settings (maximum radius). */
export const opportunitySettingsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Opportunities']
  app.get('/', { schema: { operationId: 'getOpportunitySettings', tags, summary: 'Search settings of the city', params: CityParams, response: { 200: Settings, ...problems(401, 403, 404) } } }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return services.opportunities.settings(principalOf(req), city)
  })
  app.put('/', { schema: { operationId: 'putOpportunitySettings', tags, summary: 'Set the largest search radius (km) of the city', params: CityParams, body: Settings, response: { 200: Settings, ...problems(400, 401, 403, 404, 422) } } }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return services.opportunities.setMaxRadius(principalOf(req), city, req.body.maxRadiusKm)
  })
}

const Feed = Type.Object({
  id: Uuid, organisationId: Uuid, url: Type.String(), nextUrl: Type.String(),
  status: Type.Union([Type.Literal('idle'), Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('error')]),
  lastError: Type.Union([Type.String(), Type.Null()]), pages: Type.Integer(), itemsUpserted: Type.Integer(), itemsDeleted: Type.Integer(),
  lastRunAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
})
const NewFeed = Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000 }), organisationId: Uuid }, { additionalProperties: false })

/** /v1/cities/{city}/opportunity-feeds: OpenActive RPDE feeds the city imports as a provider's opportunities. */
export const opportunityFeedRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tags = ['Opportunities']
  const svc = services.opportunityFeeds
  app.post('/', {
    schema: {
      operationId: 'registerOpportunityFeed', tags, summary: 'Register an OpenActive RPDE feed of a provider organisation; an import job starts at once',
      params: CityParams, body: NewFeed, response: { 201: Feed, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return reply.code(201).send(await svc.register(principalOf(req), city, req.body))
  })
  app.get('/', { schema: { operationId: 'listOpportunityFeeds', tags, summary: 'Imported feeds and their state', params: CityParams, response: { 200: Type.Object({ items: Type.Array(Feed) }), ...problems(401, 403, 404) } } }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return svc.list(principalOf(req), city)
  })
  app.get('/:id', { schema: { operationId: 'getOpportunityFeedImport', tags, summary: 'An imported feed: position, counts, last error', params: IdParams, response: { 200: Feed, ...problems(401, 403, 404) } } }, async (req) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return svc.get(principalOf(req), city, req.params.id)
  })
  app.post('/:id/sync', {
    schema: { operationId: 'syncOpportunityFeed', tags, summary: 'Run the import again from where it stopped', params: IdParams, response: { 202: Feed, ...problems(401, 403, 404) } },
    config: { idempotent: false },
  }, async (req, reply) => {
    const city = await services.cities.resolve(principalOf(req), req.params.city)
    return reply.code(202).send(await svc.sync(principalOf(req), city, req.params.id))
  })
}

const SearchQuery = Type.Object({
  ...PageQuery.properties,
  near: Type.Optional(Type.String({ maxLength: 60, description: 'lat,lon in decimal degrees' })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'With near; at most the city’s maximum (default 50 km)' })),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  theme: Type.Optional(Code),
  destination: Type.Optional(Code),
  element: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'A spine element: matches it and its descendants' })),
  level: Type.Optional(LevelSchema),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  free: Type.Optional(Type.Boolean()),
  online: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Kind),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title or description; tolerates typos' })),
  sort: Type.Optional(Type.Union([Type.Literal('distance'), Type.Literal('start'), Type.Literal('relevance')])),
}, { additionalProperties: false })

const SearchItem = Type.Object({
  id: Uuid, title: Type.String(), kind: Kind, organisationId: Uuid,
  distanceKm: Type.Union([Type.Number(), Type.Null()]),
  nextSession: Type.Union([Type.Object({ id: Uuid, start: Type.String(), end: Type.String(), capacity: Type.Union([Type.Integer(), Type.Null()]), placesLeft: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  place: Type.Optional(PlaceOut), online: Type.Boolean(), themes: Type.Array(Type.String()), ageRange: Type.Optional(AgeOut), cost: CostOut,
  relevance: Type.Optional(Type.Number()), url: Type.String(),
})

/** GET /v1/cities/{city}/opportunities/search — public (no key), rate limited per address, cacheable (ETag). */
export const opportunitySearchRoutes: FastifyPluginAsyncTypebox<{ services: Services; perMinute: number }> = async (app, { services, perMinute }) => {
  app.get('/', {
    schema: {
      operationId: 'searchOpportunities', tags: ['Opportunities'],
      summary: 'Public search of published opportunities: near + radiusKm, a date window, theme, destination, spine element (with descendants), level, age, free, online, kind, text',
      description: 'No API key. Sorted by distance (with near), relevance (with q) or start time; each result carries distanceKm and its nextSession. ' +
        `Limited to ${perMinute} requests a minute per address. Pages: pass back \`nextCursor\` (or follow \`next\`).`,
      params: CityParams, querystring: SearchQuery,
      response: { 200: Type.Object({ items: Type.Array(SearchItem), nextCursor: Type.Union([Type.String(), Type.Null()]), next: Type.Optional(Type.String()) }), ...problems(400, 404, 422, 429) },
    },
    config: { rateLimit: { max: perMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `opp-search:${req.ip}` } },
  }, async (req, reply) => {
    const page = await services.opportunities.search(req.params.city, req.query)
    reply.header('cache-control', 'public, max-age=60')
    sendPage(req, reply, page)
    if (page.nextCursor) {
      const url = new URL(req.url, 'http://x')
      url.searchParams.set('cursor', page.nextCursor)
      return { ...page, next: `${url.pathname}${url.search}` }
    }
    return page
  })
}
