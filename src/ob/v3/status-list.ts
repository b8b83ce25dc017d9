import { gunzipSync, gzipSync } from 'node:zlib'
import { VC_V2_CONTEXT, isoSeconds } from './documents.js'

/**
 * W3C Bitstring Status List v1.0 (CONFORMANCE item 74): `encodedList` = `u` (multibase base64url, no padding) +
 * base64url(GZIP(bitstring)); index 0 is the most significant bit of byte 0 (§3.2 "the leftmost bit").
 */

/** Minimum list length the spec requires for group privacy: 131,072 entries = 16 KiB (Bitstring Status List §5.1). */
export const MIN_STATUS_LIST_LENGTH = 131_072

// Upper bound on the decompressed list (a gzip bomb must not exhaust memory): 16 MiB = 134M entries.
const MAX_DECODED_BYTES = 16 * 1024 * 1024

/** Thrown for a malformed encoded list or an index outside the list. */
export class StatusListError extends Error {
  override readonly name = 'StatusListError'
  constructor(
    readonly code: 'invalid_encoded_list' | 'index_out_of_range' | 'invalid_length',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Encodes the set bits `set` into an `encodedList` (Bitstring Status List §3.2 Algorithm "Generate Algorithm").
 * @throws StatusListError when `length` is not a positive multiple of 8 or an index is outside `[0, length)`.
 */
export function encodeBitstring(set: Iterable<number>, length: number = MIN_STATUS_LIST_LENGTH): string {
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0 || length / 8 > MAX_DECODED_BYTES) {
    throw new StatusListError('invalid_length', 'length must be a positive multiple of 8 (at most 16 MiB of bits)')
  }
  const bytes = new Uint8Array(length / 8)
  for (const index of set) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= length) {
      throw new StatusListError('index_out_of_range', `status index ${String(index)} outside [0, ${length})`)
    }
    bytes[index >> 3] = (bytes[index >> 3] as number) | (0x80 >> (index & 7))
  }
  return 'u' + gzipSync(bytes).toString('base64url')
}

/**
 * Decodes an `encodedList` into the raw bitstring bytes (Bitstring Status List §3.2 "Expand Algorithm").
 * Accepts the multibase `u` prefix the spec requires, and also a bare base64url GZIP (the older StatusList2021 form).
 * @throws StatusListError `invalid_encoded_list` on anything else, or a list over 16 MiB decompressed.
 */
export function decodeBitstring(encoded: string): Uint8Array {
  if (typeof encoded !== 'string' || encoded.length < 2) {
    throw new StatusListError('invalid_encoded_list', 'encodedList must be a non-empty string')
  }
  const body = encoded[0] === 'u' ? encoded.slice(1) : encoded
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(body)) {
    throw new StatusListError('invalid_encoded_list', 'encodedList is not multibase base64url')
  }
  const gz = Buffer.from(body, 'base64url')
  try {
    return new Uint8Array(gunzipSync(gz, { maxOutputLength: MAX_DECODED_BYTES }))
  } catch (err) {
    throw new StatusListError('invalid_encoded_list', `encodedList is not a valid GZIP bitstring: ${(err as Error).message}`)
  }
}

/** The bit at `index` of decoded bitstring `bytes` (index 0 = most significant bit of byte 0). */
export function bitAt(bytes: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bytes.length * 8) {
    throw new StatusListError('index_out_of_range', `status index ${String(index)} outside the list (${bytes.length * 8} entries)`)
  }
  return ((bytes[index >> 3] as number) & (0x80 >> (index & 7))) !== 0
}

/**
 * Reads one status bit from an `encodedList` (Bitstring Status List §3.2 "Validate Algorithm" step 8).
 * @throws StatusListError on a malformed list or an out-of-range index.
 */
export function readBit(encoded: string, index: number): boolean {
  return bitAt(decodeBitstring(encoded), index)
}

/** Inputs of {@link buildStatusListCredential}. */
export interface StatusListCredentialInput {
  /** `/ob/v3/status/{listId}` */
  id: string
  /** Issuer id; must equal the issuer of the credentials that point at the list (verifiers compare them). */
  issuer: string
  validFrom: Date
  validUntil?: Date
  purpose: 'revocation' | 'suspension'
  /** Either an already-encoded list, or the set indices (encoded with `length`). */
  encodedList?: string
  set?: Iterable<number>
  length?: number
}

/**
 * An unsigned BitstringStatusListCredential (Bitstring Status List §2.2; CONFORMANCE item 74). Its terms are in the
 * VC v2 context, so that is the only context. `credentialSubject.type` is the string `BitstringStatusList`, as in the
 * spec's examples (digitalbazaar's checker compares it as a string).
 */
export function buildStatusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  const encodedList = input.encodedList ?? encodeBitstring(input.set ?? [], input.length)
  const credential: Record<string, unknown> = {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: isoSeconds(input.validFrom),
  }
  if (input.validUntil !== undefined) credential.validUntil = isoSeconds(input.validUntil)
  credential.credentialSubject = {
    id: `${input.id}#list`,
    type: 'BitstringStatusList',
    statusPurpose: input.purpose,
    encodedList,
  }
  return credential
}
