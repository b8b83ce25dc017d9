import { parseCase, type CaseParseOptions, type CaseParseResult } from './case-parse.js'

/** Why raw upload bytes were refused before any parsing. */
export type SpineInputErrorCode = 'too_large' | 'invalid_utf8' | 'invalid_json'

/** Thrown by the byte-level guards; `code` maps to a 4xx (413 for `too_large`, 400 otherwise). */
export class SpineInputError extends Error {
  override readonly name = 'SpineInputError'
  constructor(
    readonly code: SpineInputErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** Default upper bound of an uploaded CASE file. */
export const DEFAULT_CASE_MAX_BYTES = 20 * 1024 * 1024

/** @throws SpineInputError `too_large` when `bytes` is longer than `maxBytes`. */
export function assertMaxBytes(bytes: Uint8Array, maxBytes: number = DEFAULT_CASE_MAX_BYTES): void {
  if (bytes.byteLength > maxBytes) {
    throw new SpineInputError('too_large', `file is ${bytes.byteLength} bytes; the limit is ${maxBytes}`)
  }
}

/**
 * Decodes UTF-8, refusing any malformed sequence rather than substituting U+FFFD (which would silently alter text).
 * A leading byte-order mark is dropped.
 * @throws SpineInputError `invalid_utf8`.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SpineInputError('invalid_utf8', 'file is not valid UTF-8')
  }
}

/**
 * The whole upload path in one call: size check, strict UTF-8, JSON, then {@link parseCase}. Never throws on bad
 * input; byte-level failures come back as a single problem with code `too_large`, `invalid_utf8` or `invalid_json`.
 */
export function parseCaseBytes(bytes: Uint8Array, opts: CaseParseOptions & { maxBytes?: number }): CaseParseResult {
  let json: unknown
  try {
    assertMaxBytes(bytes, opts.maxBytes)
    const text = decodeUtf8Strict(bytes)
    try {
      json = JSON.parse(text)
    } catch (err) {
      throw new SpineInputError('invalid_json', `file is not JSON: ${(err as Error).message}`)
    }
  } catch (err) {
    if (!(err instanceof SpineInputError)) throw err
    return { ok: false, problems: [{ path: '', code: err.code, message: err.message }] }
  }
  return parseCase(json, opts)
}
