import { inflateSync } from 'node:zlib'
import { BakeError } from './errors.js'

/** The two `iTXt` keywords of baked badges: OB 2.0 Baking §PNG and OB 3.0 §5.3.1 (PNG). */
export type PngBakeKeyword = 'openbadges' | 'openbadgecredential'

/** A chunk as read from a PNG file (PNG spec §5.3). `raw` is the whole chunk: length, type, data and CRC. */
export interface PngChunk {
  type: string
  data: Uint8Array
  raw: Uint8Array
}

/** Largest text we bake or inflate (a credential with an embedded data-URI image stays far below this). */
export const MAX_BAKED_TEXT_BYTES = 8 * 1024 * 1024

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const
const MAX_CHUNK_LENGTH = 0x7fffffff // PNG spec §5.3: lengths are limited to 2^31 - 1
const KEYWORDS: readonly string[] = ['openbadges', 'openbadgecredential']
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as PNG spec §5.5 / Annex D; Node 20 lacks zlib.crc32.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 of `bytes` as used for PNG chunks (PNG spec §5.5). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
}

/** True when `bytes` starts with the 8-byte PNG signature (PNG spec §5.2). */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b)
}

/**
 * Reads and validates the chunk list of a PNG (PNG spec §5): signature, every chunk length against the
 * bytes actually present, chunk type letters, every CRC, `IHDR` first with 13 data bytes, and `IEND`
 * present. Bytes after `IEND` are ignored. Returns views into `png` (nothing is allocated from a length
 * field). Throws {@link BakeError}.
 */
export function readPngChunks(png: Uint8Array): { chunks: PngChunk[]; width: number; height: number } {
  if (!hasPngSignature(png)) throw new BakeError('not_png', 'not a PNG file (bad signature)')
  const chunks: PngChunk[] = []
  let pos = 8
  for (;;) {
    if (png.length - pos < 12) throw new BakeError('truncated', `PNG truncated at byte ${pos} (no IEND chunk)`)
    const length = readUint32(png, pos)
    if (length > MAX_CHUNK_LENGTH) throw new BakeError('bad_chunk', `PNG chunk length ${length} at byte ${pos} exceeds 2^31-1`)
    if (length > png.length - pos - 12) throw new BakeError('truncated', `PNG chunk at byte ${pos} claims ${length} bytes past the end of the file`)
    const typeBytes = png.subarray(pos + 4, pos + 8)
    if (!typeBytes.every(isChunkTypeByte)) throw new BakeError('bad_chunk', `PNG chunk at byte ${pos} has an invalid type`)
    const type = String.fromCharCode(...typeBytes)
    const end = pos + 12 + length
    if (crc32(png.subarray(pos + 4, end - 4)) !== readUint32(png, end - 4)) {
      throw new BakeError('bad_crc', `PNG chunk ${type} at byte ${pos} has a bad CRC`)
    }
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13)) {
      throw new BakeError('bad_structure', 'PNG must start with a 13-byte IHDR chunk')
    }
    chunks.push({ type, data: png.subarray(pos + 8, end - 4), raw: png.subarray(pos, end) })
    pos = end
    if (type === 'IEND') break
  }
  const ihdr = chunks[0]!.data
  return { chunks, width: readUint32(ihdr, 0), height: readUint32(ihdr, 4) }
}

/** Encodes one PNG chunk: length, type, data, CRC (PNG spec §5.3). */
export function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new BakeError('bad_argument', `invalid PNG chunk type "${type}"`)
  if (data.length > MAX_CHUNK_LENGTH) throw new BakeError('too_large', 'PNG chunk data exceeds 2^31-1 bytes')
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** Keyword of a tEXt/zTXt/iTXt chunk (Latin-1, 1-79 bytes, NUL-terminated) or null if malformed. */
function textKeyword(data: Uint8Array): string | null {
  const nul = data.subarray(0, 80).indexOf(0)
  if (nul < 1) return null
  return Buffer.from(data.subarray(0, nul)).toString('latin1')
}

function isTextChunk(type: string): boolean {
  return type === 'tEXt' || type === 'zTXt' || type === 'iTXt'
}

function checkKeyword(keyword: string): asserts keyword is PngBakeKeyword {
  if (!KEYWORDS.includes(keyword)) throw new BakeError('bad_argument', `unsupported baking keyword "${keyword}"`)
}

/**
 * Bakes `text` (assertion JSON or compact JWS for OB 2.0; credential JSON or VC-JWT for OB 3.0) into a PNG
 * (OB 2.0 Baking §PNG, OB 3.0 §5.3.1): exactly one uncompressed `iTXt` chunk with `keyword`, five 0x00 bytes
 * (NUL, compression flag, method, empty language tag, empty translated keyword) and the UTF-8 text, placed
 * right after `IHDR`. Any `tEXt`/`zTXt`/`iTXt` chunk with the same keyword is dropped, so re-baking replaces.
 * Bytes after `IEND` are dropped. Throws {@link BakeError}.
 */
export function bakePng(png: Uint8Array, keyword: PngBakeKeyword, text: string): Uint8Array {
  checkKeyword(keyword)
  if (/\p{Cs}/u.test(text)) throw new BakeError('bad_text', 'text contains a lone UTF-16 surrogate')
  const textBytes = new TextEncoder().encode(text)
  if (textBytes.length > MAX_BAKED_TEXT_BYTES) throw new BakeError('too_large', `text exceeds ${MAX_BAKED_TEXT_BYTES} bytes`)
  const data = new Uint8Array(keyword.length + 5 + textBytes.length)
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i)
  data.set(textBytes, keyword.length + 5) // the five bytes after the keyword stay 0x00
  const baked = encodePngChunk('iTXt', data)

  const { chunks } = readPngChunks(png)
  const kept = chunks.filter((c) => !(isTextChunk(c.type) && textKeyword(c.data) === keyword))
  const parts = [Uint8Array.from(SIGNATURE), kept[0]!.raw, baked, ...kept.slice(1).map((c) => c.raw)]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new BakeError('bad_text', `${what} is not valid UTF-8`)
  }
}

function nulAt(data: Uint8Array, from: number, what: string): number {
  const at = data.indexOf(0, from)
  if (at < 0) throw new BakeError('bad_text', `iTXt chunk: ${what} is not NUL-terminated`)
  return at
}

/** Text of an iTXt chunk (PNG spec §11.3.4.5); inflates compressed text with an output cap. */
function readItxtText(data: Uint8Array, keyword: string): string {
  let at = keyword.length + 1
  if (data.length < at + 2) throw new BakeError('bad_text', 'iTXt chunk too short')
  const flag = data[at]!
  const method = data[at + 1]!
  at = nulAt(data, at + 2, 'language tag') + 1
  at = nulAt(data, at, 'translated keyword') + 1
  const body = data.subarray(at)
  if (flag === 0) return decodeUtf8(body, 'iTXt text')
  if (flag !== 1 || method !== 0) throw new BakeError('bad_text', 'iTXt chunk has an unknown compression flag or method')
  let inflated: Buffer
  try {
    inflated = inflateSync(body, { maxOutputLength: MAX_BAKED_TEXT_BYTES })
  } catch (err) {
    const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
    throw new BakeError(tooLarge ? 'too_large' : 'bad_text', tooLarge ? 'compressed iTXt text inflates past the limit' : 'compressed iTXt text is corrupt')
  }
  return decodeUtf8(inflated, 'iTXt text')
}

/**
 * Extracts the baked text of a PNG (OB 2.0 Baking §PNG "extracting", OB 3.0 §5.3.1): the first `iTXt`
 * chunk with keyword `openbadges` or `openbadgecredential`, or a legacy pre-1.0 `tEXt:openbadges` chunk
 * (Latin-1, usually an assertion URL). Returns null for an unbaked PNG. The whole file is validated first
 * (see {@link readPngChunks}); throws {@link BakeError}.
 */
export function extractPng(png: Uint8Array): { keyword: PngBakeKeyword; text: string } | null {
  const { chunks } = readPngChunks(png)
  for (const chunk of chunks) {
    if (chunk.type !== 'iTXt' && chunk.type !== 'tEXt') continue
    const keyword = textKeyword(chunk.data)
    if (keyword === null || !KEYWORDS.includes(keyword)) continue
    if (chunk.type === 'iTXt') return { keyword: keyword as PngBakeKeyword, text: readItxtText(chunk.data, keyword) }
    if (keyword === 'openbadges') {
      return { keyword, text: Buffer.from(chunk.data.subarray(keyword.length + 1)).toString('latin1') }
    }
  }
  return null
}
