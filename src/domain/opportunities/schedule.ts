import { createRequire } from 'node:module'
import type { rrulestr as RRuleStr } from 'rrule'
import { InvalidInput } from '../shared/errors.js'

// Sessions of an opportunity: given ones are checked, a recurring schedule (RFC 5545 RRULE, through the maintained
// `rrule` library) is expanded. Pure: no clock, no database. Caps: a schedule must end (UNTIL, COUNT or `until`),
// must not run longer than a year, and expands to at most MAX_SESSIONS sessions.

// rrule ships a UMD main and an ESM build without `exports`: load the CommonJS build the same way under Node, tsx,
// vitest and the compiled image.
const { rrulestr } = createRequire(import.meta.url)('rrule') as { rrulestr: typeof RRuleStr }

export const MAX_SESSIONS = 500
export const MAX_SPAN_MS = 366 * 24 * 3600 * 1000

export interface SessionInput { start: string; end: string; capacity?: number | undefined }
export interface ScheduleInput { rrule: string; start: string; durationMinutes: number; until?: string | undefined; capacity?: number | undefined; tzid?: string | undefined }
export interface PlannedSession { start: Date; end: Date; capacity: number | null }

const fail = (field: string, message: string): never => { throw new InvalidInput(message, [{ field, message }]) }

function date (raw: string, field: string): Date {
  const d = new Date(raw)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(d.getTime())) fail(field, 'must be an RFC 3339 date-time')
  return d
}

function capacityOf (c: number | undefined, field: string): number | null {
  if (c === undefined) return null
  if (!Number.isInteger(c) || c < 0) fail(field, 'capacity must be a whole number, zero or more')
  return c
}

/** Checks given sessions: each ends after it starts, capacities are not negative. */
export function checkSessions (sessions: readonly SessionInput[]): PlannedSession[] {
  if (sessions.length > MAX_SESSIONS) fail('sessions', `at most ${MAX_SESSIONS} sessions`)
  return sessions.map((s, i) => {
    const start = date(s.start, `sessions/${i}/start`)
    const end = date(s.end, `sessions/${i}/end`)
    if (end.getTime() <= start.getTime()) fail(`sessions/${i}/end`, 'a session must end after it starts')
    return { start, end, capacity: capacityOf(s.capacity, `sessions/${i}/capacity`) }
  })
}

/** The offset of `tz` from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetMs (tz: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {}
  for (const p of tz.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/** A time zone's wall clock as "floating" UTC dates and back (RFC 5545 TZID: sessions keep their local time). */
function zone (tzid: string) {
  let tz: Intl.DateTimeFormat
  try {
    tz = new Intl.DateTimeFormat('en-GB', { timeZone: tzid, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
  } catch {
    return fail('schedule/tzid', 'tzid must be an IANA time zone such as Europe/London')
  }
  return {
    /** The instant's local wall-clock time, as a Date whose UTC fields are those of the wall clock. */
    toFloating: (d: Date): Date => new Date(d.getTime() + offsetMs(tz, d.getTime())),
    /** The instant at which the zone's wall clock shows the floating date (a time skipped by DST moves forward). */
    fromFloating: (f: Date): Date => {
      const guess = f.getTime() - offsetMs(tz, f.getTime())
      const second = f.getTime() - offsetMs(tz, guess)
      return new Date(offsetMs(tz, second) === offsetMs(tz, guess) ? second : Math.max(guess, second))
    },
  }
}

/**
 * Expands a recurring schedule into sessions; a never-ending or over-a-year schedule is refused (InvalidInput).
 * With `tzid` the rule runs on that zone's wall clock (weekly at 18:00 in Europe/London stays 18:00 local across
 * the change to and from summer time); without it, on UTC.
 */
export function expandSchedule (schedule: ScheduleInput): PlannedSession[] {
  const start = date(schedule.start, 'schedule/start')
  const tz = schedule.tzid === undefined ? undefined : zone(schedule.tzid)
  const until = schedule.until === undefined ? undefined : date(schedule.until, 'schedule/until')
  if (!Number.isInteger(schedule.durationMinutes) || schedule.durationMinutes < 1 || schedule.durationMinutes > 24 * 60) {
    fail('schedule/durationMinutes', 'durationMinutes must be a whole number from 1 to 1440')
  }
  const capacity = capacityOf(schedule.capacity, 'schedule/capacity')
  const text = schedule.rrule.trim().replace(/^RRULE:/i, '')
  if (!/^[A-Z0-9=;,:+\-TZ]+$/i.test(text) || /DTSTART|\n/i.test(text)) fail('schedule/rrule', 'rrule must be one RRULE value such as FREQ=WEEKLY;BYDAY=TU;COUNT=10')
  let rule: ReturnType<typeof rrulestr>
  try {
    rule = rrulestr(`RRULE:${text}`, { dtstart: tz ? tz.toFloating(start) : start }) as ReturnType<typeof rrulestr>
  } catch (err) {
    return fail('schedule/rrule', `rrule is not valid: ${(err as Error).message}`)
  }
  const opts = (rule as unknown as { options: { until: Date | null; count: number | null } }).options
  if (!opts.until && opts.count == null && !until) fail('schedule/rrule', 'the schedule never ends: give UNTIL or COUNT in the rrule, or `until`')
  const end = [opts.until, until].filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0]
  if (end && end.getTime() < start.getTime()) fail('schedule/until', 'until is before the start')
  if (end && end.getTime() - start.getTime() > MAX_SPAN_MS) fail('schedule/until', 'a schedule may run for at most a year')
  const limit = new Date(start.getTime() + MAX_SPAN_MS)
  let exceeded: 'span' | 'count' | undefined
  const real = (d: Date): Date => tz ? tz.fromFloating(d) : d
  const dates = rule.all((f, i) => {
    const d = real(f)
    if (end && d.getTime() > end.getTime()) return false
    if (d.getTime() > limit.getTime()) { exceeded = 'span'; return false }
    if (i >= MAX_SESSIONS) { exceeded = 'count'; return false }
    return true
  })
  if (exceeded === 'span') fail('schedule/rrule', 'the schedule expands past a year: at most a year of sessions')
  if (exceeded === 'count') fail('schedule/rrule', `the schedule expands to more than ${MAX_SESSIONS} sessions`)
  if (dates.length === 0) fail('schedule/rrule', 'the schedule has no session')
  const ms = schedule.durationMinutes * 60_000
  return dates.map(real).map((d) => ({ start: d, end: new Date(d.getTime() + ms), capacity }))
}

/** `near=lat,lon` → numbers in range, or InvalidInput naming `near`. */
export function parseNear (raw: string): { lat: number; lon: number } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw)
  if (!m) return fail('near', 'near must be "lat,lon" in decimal degrees, e.g. 51.4545,-2.5879')
  const lat = Number(m[1])
  const lon = Number(m[2])
  if (!(lat >= -90 && lat <= 90)) fail('near', 'latitude must be between -90 and 90')
  if (!(lon >= -180 && lon <= 180)) fail('near', 'longitude must be between -180 and 180')
  return { lat, lon }
}
