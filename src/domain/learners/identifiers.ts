import { createHmac, randomBytes } from 'node:crypto'
import type { IdentifierType } from '../../db/learners/learners.types.js'
import { IdentityError, normaliseIdentity, type IdentityType } from '../../ob/hash.js'

// Learner identifiers: normalised like award recipients, stored only as a keyed hash (HMAC-SHA-256 with the
// city's secret) and shown only masked. Pure: the secret is passed in.

const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+(?:[/?#].*)?$/

/** The normalised value, or an error message for a value that cannot be an identifier of this type. */
export function normaliseIdentifier (type: IdentifierType, value: string): { value: string } | { error: string } {
  if (typeof value !== 'string' || value.length > 2048) return { error: 'too long' }
  if (type === 'did') {
    const v = value.trim()
    return DID.test(v) && !/\s/.test(v) ? { value: v } : { error: 'not a DID (did:method:identifier)' }
  }
  try {
    return { value: normaliseIdentity(type, value) }
  } catch (err) {
    if (err instanceof IdentityError) return { error: err.message }
    throw err
  }
}

/** Hex HMAC-SHA-256 of `type:value` under the city's secret: the only stored form of an identifier. */
export const keyedHash = (secret: Buffer, type: IdentifierType, normalisedValue: string): string =>
  createHmac('sha256', secret).update(`${type}:${normalisedValue}`, 'utf8').digest('hex')

/** The identifier type an award recipient of this OB type and (normalised) identity corresponds to. */
export function identifierTypeOfRecipient (type: IdentityType, identity: string): IdentifierType | undefined {
  if (type === 'id') return identity.startsWith('did:') ? 'did' : undefined
  return type
}

const stars = (n: number): string => '*'.repeat(Math.max(3, Math.min(n, 8)))

/** A masked form that shows the kind and a hint, never enough to recover the value (`j***@example.org`). */
export function maskIdentifier (type: IdentifierType, value: string): string {
  switch (type) {
    case 'email': {
      const at = value.lastIndexOf('@')
      const local = value.slice(0, at)
      return `${local.slice(0, 1)}${stars(local.length - 1)}${value.slice(at)}`
    }
    case 'telephone': return `${value.slice(0, value.startsWith('+') ? 3 : 1)}${stars(value.length - 5)}${value.slice(-2)}`
    case 'url': {
      const u = new URL(value)
      return `${u.protocol}//${u.host}/${stars(u.pathname.length + u.search.length)}`
    }
    case 'did': {
      const parts = value.split(':')
      return `did:${parts[1] ?? ''}:${stars(value.length)}${value.slice(-4)}`
    }
  }
}

/** 32 random bytes: a new city secret. */
export const newCitySecret = (): Buffer => randomBytes(32)
