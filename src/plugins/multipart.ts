import { DomainError } from '../domain/shared/errors.js'

/**
 * Reads a multipart/form-data body with `read` (which only parses parts). A body the parser cannot read (no
 * boundary, a boundary that never appears, broken part headers, a truncated file) is a 400 MALFORMED_MULTIPART
 * problem instead of the parser's bare error (a 500); limit errors (413) and our own errors pass through.
 */
export async function readingMultipart<T> (read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (err) {
    const status = (err as { statusCode?: unknown })?.statusCode
    if (err instanceof DomainError || (typeof status === 'number' && status >= 400 && status < 500)) throw err
    throw Object.assign(new Error('the multipart/form-data body is malformed (no boundary, a boundary that never appears, or broken part headers)'), {
      statusCode: 400, code: 'MALFORMED_MULTIPART',
    })
  }
}

/**
 * The value of a JSON field part, sent as text or with `Content-Type: application/json` (which the multipart
 * parser has already parsed into a value).
 */
export function jsonFieldValue (value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value }
  try {
    return { ok: true, value: JSON.parse(value) }
  } catch {
    return { ok: false }
  }
}
