import { randomUUID } from 'node:crypto'
import type { AlignmentRow, ExpiryRule } from '../../db/badges/badges.types.js'
import { ImageError } from '../../ob/image/errors.js'
import { checkImage } from '../../ob/image/sanitise-svg.js'
import { parseDataUri } from '../../ob/image/sniff.js'
import { InvalidInput } from '../shared/errors.js'
import { checkTag } from '../shared/i18n.js'

// Rules shared by badge classes and awards: images, criteria, alignments, expiry, dates.

export const IMAGE_MAX_BYTES = 256 * 1024
type Field = { field: string; message: string }

export interface AcceptedImage { id: string; mediaType: 'image/png' | 'image/svg+xml'; bytes: Buffer }

/**
 * A badge image from a data URI (JSON) or uploaded bytes (multipart): recognised by magic bytes, PNG or SVG only,
 * at most `maxBytes`, SVG sanitised (scripts, handlers, external references, entities and huge sizes refused).
 */
export function acceptImage (source: { dataUri: string } | { bytes: Uint8Array }, maxBytes = IMAGE_MAX_BYTES): AcceptedImage {
  try {
    const raw = 'dataUri' in source ? parseDataUri(source.dataUri, { maxBytes }).bytes : source.bytes
    const checked = checkImage(raw, { maxBytes })
    return { id: randomUUID(), mediaType: checked.type === 'png' ? 'image/png' : 'image/svg+xml', bytes: Buffer.from(checked.bytes) }
  } catch (err) {
    if (err instanceof ImageError) throw new InvalidInput(`image refused (${err.code}): ${err.message}`, [{ field: '/image', message: `${err.code}: ${err.message}` }])
    throw err
  }
}

export function isHttpUrl (s: string): boolean {
  try {
    const u = new URL(s)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== ''
  } catch {
    return false
  }
}

const DURATION = /^P(?=\d)(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?$/

/** `date` plus an ISO 8601 duration of years, months, weeks and days (UTC calendar arithmetic). */
export function addDuration (date: Date, duration: string): Date {
  const m = DURATION.exec(duration)
  if (!m) throw new InvalidInput(`duration "${duration}" is not an ISO 8601 duration such as P1Y or P90D`)
  const d = new Date(date.getTime())
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0), d.getUTCMonth() + Number(m[2] ?? 0))
  d.setUTCDate(d.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0))
  return d
}

/** An ISO 8601 date-time with a timezone (OB 2.0 requires one; CONFORMANCE A1 item 3). */
export function parseDateTime (s: string, field: string, fields: Field[]): Date | undefined {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(s)
  const d = new Date(s)
  if (!ok || Number.isNaN(d.getTime())) {
    fields.push({ field, message: 'must be an ISO 8601 date-time with a timezone, e.g. 2026-01-31T12:00:00Z' })
    return undefined
  }
  return d
}

export interface ClassRulesInput {
  name?: string | undefined
  description?: string | undefined
  criteria?: { narrative?: string | undefined; url?: string | undefined } | undefined
  tags?: string[] | undefined
  alignments?: AlignmentRow[] | undefined
  expiry?: ExpiryRule | undefined
  language?: string | undefined
}

/** Checks the rules a schema cannot express; throws one InvalidInput listing every failing field. */
export function checkClassRules (input: ClassRulesInput): void {
  const fields: Field[] = []
  if (input.name !== undefined && input.name.trim() === '') fields.push({ field: '/name', message: 'must not be blank' })
  if (input.description !== undefined && input.description.trim() === '') fields.push({ field: '/description', message: 'must not be blank' })
  if (input.criteria !== undefined) {
    const { narrative, url } = input.criteria
    if ((narrative === undefined || narrative.trim() === '') && url === undefined) fields.push({ field: '/criteria', message: 'needs a narrative or a url' })
    if (url !== undefined && !isHttpUrl(url)) fields.push({ field: '/criteria/url', message: 'must be an absolute http(s) URL' })
  }
  input.alignments?.forEach((a, i) => {
    if (!isHttpUrl(a.targetUrl)) fields.push({ field: `/alignments/${i}/targetUrl`, message: 'must be an absolute http(s) URL' })
    if (a.targetName.trim() === '') fields.push({ field: `/alignments/${i}/targetName`, message: 'must not be blank' })
  })
  input.tags?.forEach((t, i) => { if (t.trim() === '') fields.push({ field: `/tags/${i}`, message: 'must not be blank' }) })
  if (input.language !== undefined && !checkTag(input.language).ok) fields.push({ field: '/language', message: 'must be a BCP 47 tag of a known language, such as en, cy or en-GB' })
  const e = input.expiry
  if (e?.type === 'date') parseDateTime(e.date, '/expiry/date', fields)
  if (e?.type === 'duration' && !DURATION.test(e.duration)) fields.push({ field: '/expiry/duration', message: 'must be an ISO 8601 duration of years, months, weeks or days, e.g. P1Y or P90D' })
  if (fields.length) throw new InvalidInput('badge class is invalid', fields)
}

/** When an award made at `issuedOn` expires under a badge class's rule. */
export function expiryFor (rule: ExpiryRule, issuedOn: Date): Date | undefined {
  if (rule.type === 'date') return new Date(rule.date)
  if (rule.type === 'duration') return addDuration(issuedOn, rule.duration)
  return undefined
}
