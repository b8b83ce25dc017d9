import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { addEvent } from '../../db/outbox.js'
import * as repo from '../../db/opportunities/opportunities.repo.js'
import type { FeedRow } from '../../db/opportunities/opportunities.types.js'
import { findOrganisation } from '../../db/repos.js'
import type { CityRow, Db, Executor } from '../../db/types.js'
import { isUuid } from '../../db/page.js'
import { requireRole, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, InvalidInput, NotFound } from '../shared/errors.js'
import { FeedError, checkOrder, mapSeries, mapSession, parsePage, superEventOf, type ImportedSeries, type RawItem } from './rpde.js'

// Open data in: a city admin registers a provider's OpenActive RPDE feed; the `opportunity-feed.sync` job pages
// through it (through the egress client), upserts SessionSeries / ScheduledSession items as the provider's
// opportunities, applies deletions and stores its position after every page, in the page's own transaction — so a
// crash loses at most the page in flight and the next run resumes there. A feed that is unreachable, malformed,
// goes backwards, loops or sends a page over the size cap stops the run with a recorded error; what was imported stays.

export interface Fetcher {
  fetch (url: string, init?: { accept?: string }): Promise<{ status: number; body: Buffer }>
}

export interface Feed {
  id: string
  organisationId: string
  url: string
  nextUrl: string
  status: FeedRow['status']
  lastError: string | null
  pages: number
  itemsUpserted: number
  itemsDeleted: number
  lastRunAt: string | null
  createdAt: string
}

const toFeed = (r: FeedRow): Feed => ({
  id: r.id, organisationId: r.organisation_id, url: r.url, nextUrl: r.next_url, status: r.status, lastError: r.last_error,
  pages: r.pages, itemsUpserted: r.items_upserted, itemsDeleted: r.items_deleted,
  lastRunAt: r.last_run_at ? r.last_run_at.toISOString() : null, createdAt: r.created_at.toISOString(),
})

export const SYNC_EVENT = 'opportunity-feed.sync'

export function createFeedImportService (deps: DomainDeps) {
  async function register (principal: Principal, city: CityRow, input: { url: string; organisationId: string }): Promise<Feed> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'register opportunity feeds')
    let url: URL | undefined
    try { url = new URL(input.url) } catch { url = undefined }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      throw new InvalidInput('url must be an http(s) URL without credentials', [{ field: 'url', message: 'not an http(s) URL' }])
    }
    if (!isUuid(input.organisationId) || !await findOrganisation(deps.db, city.id, input.organisationId)) throw new NotFound('organisation', input.organisationId)
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertFeed(trx, { id: randomUUID(), city_id: city.id, organisation_id: input.organisationId, url: url.href, next_url: url.href })
      if (!r) throw new Conflict('this feed is already registered in this city')
      await repo.updateFeed(trx, r.id, { status: 'queued' })
      await addEvent(trx, { type: SYNC_EVENT, cityId: city.id, payload: { cityId: city.id, feedId: r.id } })
      return { ...r, status: 'queued' as const }
    })
    deps.eventsWritten()
    return toFeed(row)
  }

  async function get (principal: Principal, city: CityRow, id: string): Promise<Feed> {
    requireRole(principal, ['platform-admin', 'city-admin', 'reader'], 'read opportunity feeds')
    const row = isUuid(id) ? await repo.findFeed(deps.db, city.id, id) : undefined
    if (!row) throw new NotFound('opportunity-feed', id)
    return toFeed(row)
  }

  async function list (principal: Principal, city: CityRow): Promise<{ items: Feed[] }> {
    requireRole(principal, ['platform-admin', 'city-admin', 'reader'], 'read opportunity feeds')
    return { items: (await repo.listFeeds(deps.db, city.id)).map(toFeed) }
  }

  /** Queues a run from the stored position (after an error too: the run resumes where the last one stopped). */
  async function sync (principal: Principal, city: CityRow, id: string): Promise<Feed> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'sync opportunity feeds')
    const row = isUuid(id) ? await repo.findFeed(deps.db, city.id, id) : undefined
    if (!row) throw new NotFound('opportunity-feed', id)
    await deps.db.transaction().execute(async (trx) => {
      await repo.updateFeed(trx, id, { status: 'queued', last_error: null })
      await addEvent(trx, { type: SYNC_EVENT, cityId: city.id, payload: { cityId: city.id, feedId: id } })
    })
    deps.eventsWritten()
    return get(principal, city, id)
  }

  return { register, get, list, sync }
}

export interface RunOptions { maxPages?: number; log?: Logger | undefined }

/** One run of the importer over a feed; never throws for a bad feed (the error is recorded), only for our own failures. */
export async function runFeedImport (db: Db, fetcher: Fetcher, feedId: string, opts: RunOptions = {}): Promise<{ status: FeedRow['status']; pages: number; error?: string }> {
  const maxPages = opts.maxPages ?? 200
  const feed = await db.selectFrom('opportunity_feeds').selectAll().where('id', '=', feedId).executeTakeFirst()
  if (!feed) return { status: 'error', pages: 0, error: 'feed not found' }
  await repo.updateFeed(db, feedId, { status: 'running', last_run_at: new Date() })
  const origin = new URL(feed.url).origin
  const seen = new Set<string>()
  let url = feed.next_url
  let last = feed.last_modified !== null && feed.last_id !== null ? { modified: feed.last_modified, id: feed.last_id } : undefined
  let pages = 0
  try {
    for (;;) {
      if (pages >= maxPages) {
        // Long feeds continue in a fresh job, so one job never holds a worker for ever.
        await db.transaction().execute(async (trx) => {
          await repo.updateFeed(trx, feedId, { status: 'queued' })
          await addEvent(trx, { type: SYNC_EVENT, cityId: feed.city_id, payload: { cityId: feed.city_id, feedId } })
        })
        return { status: 'queued', pages }
      }
      let res: { status: number; body: Buffer }
      try {
        res = await fetcher.fetch(url, { accept: 'application/json' })
      } catch (err) {
        const code = (err as { code?: string }).code
        throw new FeedError(code === 'too_large' ? 'too_large' : 'unreachable', `could not fetch ${url}: ${(err as Error).message}`)
      }
      if (res.status !== 200) throw new FeedError('http_status', `${url} answered HTTP ${res.status}`)
      const page = parsePage(res.body, url)
      if (new URL(page.next).origin !== origin) throw new FeedError('foreign_next', `page ${url} points "next" at another site (${new URL(page.next).origin})`)
      if (page.items.length === 0) {
        await repo.updateFeed(db, feedId, { status: 'done', last_error: null, next_url: page.next })
        return { status: 'done', pages }
      }
      if (page.next === url || seen.has(page.next)) throw new FeedError('loop', `the feed loops: page ${url} has items but "next" leads back to ${page.next}`)
      checkOrder(page.items, last, url)
      seen.add(url)
      const applied = await db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('opportunity_feeds').select(['next_url']).where('id', '=', feedId).forUpdate().executeTakeFirst()
        if (!current || current.next_url !== url) return false // another run moved on: leave it to that one
        let upserted = 0
        let deleted = 0
        for (const item of page.items) {
          const r = await applyItem(trx, feed, item)
          upserted += r.upserted
          deleted += r.deleted
        }
        const tail = page.items[page.items.length - 1]!
        await repo.updateFeed(trx, feedId, { next_url: page.next, last_modified: tail.modified, last_id: tail.id })
        await repo.countFeedProgress(trx, feedId, upserted, deleted)
        return true
      })
      if (!applied) return { status: 'running', pages }
      pages++
      last = page.items[page.items.length - 1]!
      url = page.next
    }
  } catch (err) {
    if (!(err instanceof FeedError)) throw err
    opts.log?.warn({ feedId, code: err.code, err: err.message }, 'opportunity feed import stopped')
    await repo.updateFeed(db, feedId, { status: 'error', last_error: `${err.code}: ${err.message}`.slice(0, 1000) })
    return { status: 'error', pages, error: err.message }
  }
}

const SESSION_KINDS = new Set(['ScheduledSession', 'Slot', 'ScheduledSessions'])

async function applyItem (trx: Executor, feed: FeedRow, item: RawItem): Promise<{ upserted: number; deleted: number }> {
  const isSession = SESSION_KINDS.has(item.kind)
  if (item.state === 'deleted') {
    if (isSession) {
      await repo.deleteImportedSession(trx, feed.city_id, item.id, feed.id)
      return { upserted: 0, deleted: 1 }
    }
    const gone = await repo.deleteImported(trx, feed.id, item.id)
    return { upserted: 0, deleted: gone ? 1 : 0 }
  }
  const data = item.data!
  if (isSession) {
    const ref = superEventOf(data)
    if (!ref) return { upserted: 0, deleted: 0 }
    const series = await repo.findImported(trx, feed.id, ref) ?? await repo.findImported(trx, feed.id, ref.replace(/\/+$/, '').split('/').pop() ?? ref)
    const s = mapSession(data, item.id)
    if (!series || !s) return { upserted: 0, deleted: 0 }
    await repo.upsertImportedSession(trx, {
      id: randomUUID(), city_id: feed.city_id, opportunity_id: series.id, start_at: s.start, end_at: s.end,
      capacity: s.capacity, places_left: s.placesLeft, source_id: item.id, status: s.cancelled ? 'cancelled' : 'scheduled',
    })
    return { upserted: 1, deleted: 0 }
  }
  const series = mapSeries(data)
  if (!series) return { upserted: 0, deleted: 0 }
  const existing = await repo.findImported(trx, feed.id, item.id)
  const fields = seriesFields(series)
  let id: string
  if (existing) {
    id = existing.id
    await repo.updateImported(trx, id, fields)
  } else {
    id = randomUUID()
    await repo.insertOpportunity(trx, {
      ...fields, id, city_id: feed.city_id, organisation_id: feed.organisation_id, source_feed_id: feed.id, source_id: item.id,
      published_at: new Date(),
    })
  }
  if (Array.isArray(data.subEvent)) {
    const keep = series.sessions.map((s) => s.sourceId)
    await trx.deleteFrom('opportunity_sessions').where('opportunity_id', '=', id)
      .where((eb) => keep.length > 0 ? eb.or([eb('source_id', 'is', null), eb('source_id', 'not in', keep)]) : eb.lit(true))
      .execute()
    for (const s of series.sessions) {
      await repo.upsertImportedSession(trx, {
        id: randomUUID(), city_id: feed.city_id, opportunity_id: id, start_at: s.start, end_at: s.end,
        capacity: s.capacity, places_left: s.placesLeft, source_id: s.sourceId, status: s.cancelled || series.cancelled ? 'cancelled' : 'scheduled',
      })
    }
  }
  return { upserted: 1, deleted: 0 }
}

function seriesFields (s: ImportedSeries) {
  return {
    kind: s.kind, title: s.title, description: s.description, lat: s.lat, lon: s.lon, address: s.address, postcode: s.postcode,
    online: s.online, age_min: s.ageMin, age_max: s.ageMax, free: s.free, cost_amount: s.amount, currency: s.currency,
    accessibility: s.accessibility, booking_url: s.bookingUrl, themes: s.themes, destinations: s.destinations, language: s.language,
    status: s.cancelled ? 'cancelled' as const : 'published' as const,
    published_at: sql<Date>`coalesce(published_at, now())` as unknown as Date,
  }
}
