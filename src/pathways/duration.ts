/**
 * ISO 8601 durations for requirement-tree time windows (`within: 'P24M'`), and the calendar arithmetic that turns
 * one into a window start. Pure: "now" is always passed in.
 *
 *   parseDuration('P1Y6M')          -> { years: 1, months: 6, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }
 *   parseDuration('24 months')      -> undefined (malformed)
 *   subtractDuration(now, d)        -> epoch milliseconds of now - d, in UTC calendar terms
 *
 * Only whole numbers are accepted (no `P0.5Y`), every component at most 9999, and at least one component must be
 * present and the total must be positive (`P0D` is refused: a window of no time holds no evidence).
 */

/** A parsed duration; absent components are 0. */
export interface Duration {
  years: number
  months: number
  weeks: number
  days: number
  hours: number
  minutes: number
  seconds: number
}

const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,4})M)?(?:(\d{1,4})S)?)?$/

/** Parses an ISO 8601 duration such as `P24M`, `P1Y2M`, `P6W`, `PT12H`; undefined when malformed or zero. */
export function parseDuration(text: unknown): Duration | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined
  const m = DURATION.exec(text)
  if (m === null) return undefined
  if (text.endsWith('T')) return undefined // `P1DT` has a time designator with no time
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]))
  const d: Duration = { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) }
  if (Object.values(d).every((v) => v === 0)) return undefined
  return d
}

/**
 * `at` minus `d`, in UTC calendar arithmetic: years and months move the calendar month (clamping the day, so
 * 31 March - P1M is 28/29 February), weeks and days move whole days, then the time part.
 */
export function subtractDuration(at: number, d: Duration): number {
  const t = new Date(at)
  const year = t.getUTCFullYear() - d.years
  const monthIndex = t.getUTCMonth() - d.months
  const target = new Date(Date.UTC(year, monthIndex, 1, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds()))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(t.getUTCDate(), lastDay))
  const ms = ((d.weeks * 7 + d.days) * 24 * 3600 + d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000
  return target.getTime() - ms
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/

/** Parses an ISO 8601 date (`2026-09-01`) or date-time with offset; epoch ms, or undefined when malformed. */
export function parseInstant(text: unknown): number | undefined {
  if (typeof text !== 'string' || !DATE.test(text)) return undefined
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)
  if (!Number.isFinite(ms)) return undefined
  // Reject calendar nonsense that Date.parse rolls over (2026-02-30).
  if (new Date(ms).toISOString().slice(0, 10) !== text.slice(0, 10) && text.length === 10) return undefined
  return ms
}
