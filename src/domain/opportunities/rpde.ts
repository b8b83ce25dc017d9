import type { OpportunityKind } from '../../db/opportunities/opportunities.types.js'

// Reading an OpenActive RPDE page (Realtime Paged Data Exchange 1.0). Pure: checks the page's shape and order and
// maps SessionSeries / ScheduledSession items to our fields. Anything we cannot trust is refused with a reason;
// the importer stops on it and records the reason.

export class FeedError extends Error {
  constructor (readonly code: 'unreachable' | 'http_status' | 'malformed' | 'backwards' | 'loop' | 'too_large' | 'foreign_next', message: string) {
    super(message)
  }
}

export interface RawItem { id: string; modified: string; kind: string; state: 'updated' | 'deleted'; data: Record<string, unknown> | undefined }
export interface FeedPageParsed { items: RawItem[]; next: string }

export const MAX_ITEMS_PER_PAGE = 5_000

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function parsePage (body: Buffer, pageUrl: string): FeedPageParsed {
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  } catch {
    throw new FeedError('malformed', `page ${pageUrl} is not JSON`)
  }
  if (!isObj(json) || !Array.isArray(json.items) || typeof json.next !== 'string') {
    throw new FeedError('malformed', `page ${pageUrl} is not an RPDE page (needs "items" and "next")`)
  }
  if (json.items.length > MAX_ITEMS_PER_PAGE) throw new FeedError('too_large', `page ${pageUrl} has more than ${MAX_ITEMS_PER_PAGE} items`)
  let next: string
  try {
    next = new URL(json.next, pageUrl).href
  } catch {
    throw new FeedError('malformed', `page ${pageUrl} has an invalid "next"`)
  }
  const items = json.items.map((raw, i): RawItem => {
    if (!isObj(raw)) throw new FeedError('malformed', `item ${i} of ${pageUrl} is not an object`)
    const { id, modified, kind, state, data } = raw
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).length === 0 || String(id).length > 500) throw new FeedError('malformed', `item ${i} of ${pageUrl} has no valid "id"`)
    if (typeof modified !== 'string' && typeof modified !== 'number') throw new FeedError('malformed', `item ${i} of ${pageUrl} has no valid "modified"`)
    if (state !== 'updated' && state !== 'deleted') throw new FeedError('malformed', `item ${i} of ${pageUrl} has state ${JSON.stringify(state)}`)
    if (typeof kind !== 'string') throw new FeedError('malformed', `item ${i} of ${pageUrl} has no "kind"`)
    if (state === 'updated' && !isObj(data)) throw new FeedError('malformed', `item ${i} of ${pageUrl} is updated without "data"`)
    return { id: String(id), modified: String(modified), kind, state, data: isObj(data) ? data : undefined }
  })
  return { items, next }
}

const numeric = (s: string): boolean => /^-?\d{1,15}$/.test(s)
function compareKey (a: string, b: string): number {
  if (numeric(a) && numeric(b)) return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** RPDE order: (modified, id) ascending. */
export function compareItems (a: { modified: string; id: string }, b: { modified: string; id: string }): number {
  return compareKey(a.modified, b.modified) || compareKey(a.id, b.id)
}

/** Refuses a page whose items are not strictly after the last item taken and in order (a feed that went backwards). */
export function checkOrder (items: readonly RawItem[], last: { modified: string; id: string } | undefined, pageUrl: string): void {
  let prev = last
  for (const it of items) {
    if (prev && compareItems(it, prev) <= 0) {
      throw new FeedError('backwards', `the feed went backwards at ${pageUrl}: item ${it.id} (modified ${it.modified}) is not after ${prev.id} (modified ${prev.modified})`)
    }
    prev = it
  }
}

// ---- mapping -----------------------------------------------------------------------------------------------

export interface ImportedSession { sourceId: string; start: Date; end: Date; capacity: number | null; placesLeft: number | null; cancelled: boolean }
export interface ImportedSeries {
  kind: OpportunityKind
  title: string
  description: string
  lat: number | null
  lon: number | null
  address: string | null
  postcode: string | null
  online: boolean
  ageMin: number | null
  ageMax: number | null
  free: boolean
  amount: number | null
  currency: string | null
  accessibility: string | null
  bookingUrl: string | null
  themes: string[]
  destinations: string[]
  language: string | null
  cancelled: boolean
  sessions: ImportedSession[]
}

const KINDS = new Set(['activity', 'event', 'course', 'volunteering', 'job', 'apprenticeship', 'internship', 'interview'])
const CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/
const text = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null
  // Control characters out; markup stays as text (escaped wherever it is shown).
  // eslint-disable-next-line no-control-regex
  const t = v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim()
  return t === '' ? null : t.slice(0, max)
}
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null)
const int = (v: unknown, min: number, max: number): number | null => {
  const n = num(v)
  return n !== null && Number.isInteger(n) && n >= min && n <= max ? n : null
}
const dateOf = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? null : d
}
const cancelledStatus = (v: unknown): boolean => typeof v === 'string' && /EventCancelled|EventPostponed/.test(v)
const refOf = (v: unknown): string | null => (typeof v === 'string' ? v : isObj(v) ? (typeof v['@id'] === 'string' ? v['@id'] : typeof v.id === 'string' ? v.id : typeof v.identifier === 'string' || typeof v.identifier === 'number' ? String(v.identifier) : null) : null)

export function mapSession (data: Record<string, unknown>, fallbackId: string): ImportedSession | null {
  const start = dateOf(data.startDate)
  const end = dateOf(data.endDate) ?? (start && typeof data.duration === 'string' ? addDuration(start, data.duration) : null)
  if (!start || !end || end.getTime() <= start.getTime()) return null
  const sourceId = String(data.identifier ?? data['@id'] ?? data.id ?? fallbackId).slice(0, 500)
  const capacity = int(data.maximumAttendeeCapacity, 0, 1_000_000)
  const left = int(data.remainingAttendeeCapacity, 0, 1_000_000)
  return { sourceId, start, end, capacity, placesLeft: left ?? capacity, cancelled: cancelledStatus(data.eventStatus) }
}

function addDuration (start: Date, iso: string): Date | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso)
  if (!m || (!m[1] && !m[2])) return null
  return new Date(start.getTime() + (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60_000)
}

/** A SessionSeries (or Event / CourseInstance) as our fields; null when it has no name. */
export function mapSeries (data: Record<string, unknown>): ImportedSeries | null {
  const title = text(data.name, 300)
  if (!title) return null
  const location = isObj(data.location) ? data.location : undefined
  const geo = location && isObj(location.geo) ? location.geo : undefined
  let lat = geo ? num(geo.latitude) : null
  let lon = geo ? num(geo.longitude) : null
  if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) { lat = null; lon = null }
  const address = location && isObj(location.address) ? location.address : undefined
  const street = address ? [address.streetAddress, address.addressLocality].map((v) => text(v, 200)).filter(Boolean).join(', ') : location ? text(location.name, 200) : null
  const age = isObj(data.ageRange) ? data.ageRange : undefined
  let ageMin = age ? int(age.minValue, 0, 150) : null
  let ageMax = age ? int(age.maxValue, 0, 150) : null
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) { ageMin = null; ageMax = null }
  const offers = Array.isArray(data.offers) ? data.offers.filter(isObj) : isObj(data.offers) ? [data.offers] : []
  const price = offers.length > 0 ? num(offers[0]!.price) : null
  const free = data.isAccessibleForFree === true || (price !== null && price === 0) || (offers.length === 0 && data.isAccessibleForFree !== false)
  const mode = typeof data.eventAttendanceMode === 'string' ? data.eventAttendanceMode : ''
  const kind = typeof data['beta:opportunityKind'] === 'string' && KINDS.has(data['beta:opportunityKind']) ? data['beta:opportunityKind'] as OpportunityKind
    : data['@type'] === 'CourseInstance' || data['@type'] === 'Course' ? 'course' : data['@type'] === 'Event' ? 'event' : 'activity'
  const codes = (v: unknown): string[] => Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string' && CODE.test(x)))].slice(0, 20) : []
  const url = typeof data.url === 'string' && /^https?:\/\//.test(data.url) && data.url.length <= 2000 ? data.url : null
  const subEvents = Array.isArray(data.subEvent) ? data.subEvent.filter(isObj) : []
  const sessions = subEvents.slice(0, 500).map((s, i) => mapSession(s, `sub-${i}`)).filter((s): s is ImportedSession => s !== null)
  const lang = Array.isArray(data.inLanguage) ? data.inLanguage[0] : data.inLanguage
  return {
    kind,
    title,
    description: text(data.description, 20_000) ?? '',
    lat, lon,
    address: street || null,
    postcode: address ? text(address.postalCode, 20) : null,
    online: /Online|Mixed/.test(mode),
    ageMin, ageMax,
    free,
    amount: !free && price !== null && price >= 0 && price < 1e9 ? price : null,
    currency: offers.length > 0 && typeof offers[0]!.priceCurrency === 'string' && /^[A-Z]{3}$/.test(offers[0]!.priceCurrency) ? offers[0]!.priceCurrency : null,
    accessibility: text(data.accessibilityInformation, 2000),
    bookingUrl: url,
    themes: codes(data['beta:themes']),
    destinations: codes(data['beta:destinations']),
    language: typeof lang === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(lang) ? lang : null,
    cancelled: cancelledStatus(data.eventStatus),
    sessions,
  }
}

/** The series a ScheduledSession belongs to (its superEvent's id), or null. */
export const superEventOf = (data: Record<string, unknown>): string | null => refOf(data.superEvent)
