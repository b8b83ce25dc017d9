import { hasPngSignature } from '../bake/png.js'
import { ImageError } from './errors.js'

/** The badge image types we accept (OB 2.0 §Image and OB 3.0 §B.1.9: PNG or SVG). */
export type ImageType = 'png' | 'svg'

const MEDIA_TYPES: Readonly<Record<string, ImageType>> = { 'image/png': 'png', 'image/svg+xml': 'svg' }
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes strict UTF-8 (a leading BOM is dropped); null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

/** Index just past `close` searched from `from`, or -1. */
function skipPast(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from)
  return at < 0 ? -1 : at + close.length
}

/** Index just past a `<!DOCTYPE …>` starting at `from`, honouring quotes and an internal subset. */
function skipDoctype(text: string, from: number): number {
  let quote = ''
  let depth = 0
  for (let i = from + 2; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']') depth--
    else if (c === '>' && depth <= 0) return i + 1
  }
  return -1
}

/** True when the text's root element is `<svg>` after an optional XML declaration, comments, PIs, DOCTYPE. */
export function looksLikeSvg(text: string): boolean {
  let i = 0
  while (i >= 0 && i < text.length) {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++
    if (text.startsWith('<?', i)) i = skipPast(text, i, '?>')
    else if (text.startsWith('<!--', i)) i = skipPast(text, i + 4, '-->')
    else if (text.startsWith('<!DOCTYPE', i)) i = skipDoctype(text, i)
    else return /^<svg[\s/>]/.test(text.slice(i, i + 5))
  }
  return false
}

/**
 * Recognises a badge image by content, never by name or declared type: PNG by its 8-byte signature
 * (PNG spec §5.2); SVG when the bytes are UTF-8 (BOM allowed) and the root element is `svg`, allowing an
 * XML declaration, comments, processing instructions and a DOCTYPE before it. Returns null otherwise.
 */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (hasPngSignature(bytes)) return 'png'
  const text = decodeUtf8(bytes)
  return text !== null && looksLikeSvg(text) ? 'svg' : null
}

const HEX = /^[0-9A-Fa-f]{2}$/

/** WHATWG URL "percent-decode": `%XX` becomes a byte, anything else keeps its UTF-8 bytes. */
function percentDecode(text: string): Uint8Array {
  const input = Buffer.from(text, 'utf8')
  const out = new Uint8Array(input.length)
  let n = 0
  for (let i = 0; i < input.length; i++) {
    const hex = input[i] === 0x25 ? input.subarray(i + 1, i + 3).toString('latin1') : ''
    if (HEX.test(hex)) {
      out[n++] = parseInt(hex, 16)
      i += 2
    } else {
      out[n++] = input[i]!
    }
  }
  return out.subarray(0, n)
}

/**
 * Decodes an image `data:` URI (RFC 2397) as used for embedded badge images (OB 2.0 §Image "data URI",
 * OB 3.0 §B.1.9): `data:image/png;base64,…` and `data:image/svg+xml[;charset=utf-8|;utf8][;base64],…`
 * (base64 or percent-encoded / raw UTF-8). The declared media type must agree with the sniffed content
 * ({@link sniffImage}). `maxBytes` (default 256 KiB) bounds the decoded size. Throws {@link ImageError}
 * `bad_data_uri`, `unsupported_type`, `type_mismatch` or `too_large`.
 */
export function parseDataUri(
  uri: string,
  opts: { maxBytes?: number } = {},
): { type: ImageType; mediaType: string; bytes: Uint8Array } {
  const maxBytes = opts.maxBytes ?? 256 * 1024
  if (typeof uri !== 'string' || !/^data:/i.test(uri)) throw new ImageError('bad_data_uri', 'not a data: URI')
  // Percent-encoding at most triples the size: refuse before decoding anything huge.
  if (uri.length > maxBytes * 3 + 256) throw new ImageError('too_large', `data URI exceeds ${maxBytes} bytes`)
  const comma = uri.indexOf(',')
  if (comma < 0) throw new ImageError('bad_data_uri', 'data URI has no "," before its data')
  const [mediaType = '', ...params] = uri.slice(5, comma).split(';').map((p) => p.trim().toLowerCase())
  const declared = MEDIA_TYPES[mediaType]
  if (declared === undefined) throw new ImageError('unsupported_type', `unsupported image media type "${mediaType}" (PNG or SVG only)`)
  const base64 = params.at(-1) === 'base64'
  for (const param of base64 ? params.slice(0, -1) : params) {
    const charset = /^charset=(.*)$/.exec(param)?.[1]
    if (param === 'utf8' || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') continue
    throw new ImageError('bad_data_uri', `unsupported data URI parameter "${param}"`)
  }
  let bytes = percentDecode(uri.slice(comma + 1))
  if (base64) {
    const b64 = Buffer.from(bytes).toString('latin1').replace(/[\t\n\f\r ]/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
      throw new ImageError('bad_data_uri', 'data URI has invalid base64')
    }
    bytes = Buffer.from(b64, 'base64')
  }
  if (bytes.length > maxBytes) throw new ImageError('too_large', `image exceeds ${maxBytes} bytes`)
  const sniffed = sniffImage(bytes)
  if (sniffed !== declared) {
    throw new ImageError('type_mismatch', `data URI declares ${mediaType} but the content is ${sniffed === null ? 'neither PNG nor SVG' : sniffed.toUpperCase()}`)
  }
  return { type: declared, mediaType, bytes: new Uint8Array(bytes) }
}
