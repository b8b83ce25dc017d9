import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ApiKeyRow } from '../../db/types.js'
import { Forbidden } from '../shared/errors.js'

export type Role = ApiKeyRow['role']
export const ROLES: readonly Role[] = ['platform-admin', 'city-admin', 'issuer', 'reader', 'app']
/** `learner`: a short-lived learner token (domain/learners/tokens.ts), never an API key. */
export type PrincipalRole = Role | 'learner'

/** Who is calling: resolved from the API key (or a learner token) on every request. */
export interface Principal {
  keyId: string
  role: PrincipalRole
  cityId: string | null
  organisationId: string | null
  /** Set for learner tokens only: the one learner the token reaches. */
  learnerId?: string
}

const TOKEN = /^cbk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex')

/** A new key: `cbk_<id>_<32 random bytes>`. Only the SHA-256 of the secret is stored. */
export function generateApiKey (): { id: string; token: string; secretHash: string } {
  const id = randomBytes(10).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 16).padEnd(16, '0')
  const secret = randomBytes(32).toString('base64url')
  return { id, token: `cbk_${id}_${secret}`, secretHash: hashSecret(secret) }
}

/** Where to look a presented token up, and what its stored hash must be. */
export function parseToken (token: string): { id: string; secretHash: string } {
  const m = TOKEN.exec(token)
  if (m) return { id: m[1]!, secretHash: hashSecret(m[2]!) }
  // CITYBADGES_ADMIN_KEY and other operator-chosen values: the id derives from the whole value.
  const h = hashSecret(token)
  return { id: `env-${h.slice(0, 16)}`, secretHash: h }
}

export function secretMatches (storedHash: string, presentedHash: string): boolean {
  const a = Buffer.from(storedHash, 'hex')
  const b = Buffer.from(presentedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Platform admins reach every city; everyone else only their own. */
export const canReachCity = (p: Principal, cityId: string): boolean => p.role === 'platform-admin' || p.cityId === cityId

export function requireRole (p: Principal, roles: readonly PrincipalRole[], action: string): void {
  if (!roles.includes(p.role)) throw new Forbidden(`a ${p.role} key may not ${action}`)
}

/** City admins manage their city; an issuer key acts for its own organisation only. */
export function requireOrganisationWrite (p: Principal, organisationId: string, action: string): void {
  if (p.role === 'platform-admin' || p.role === 'city-admin') return
  if (p.role === 'issuer' && p.organisationId === organisationId) return
  throw new Forbidden(`this key may not ${action} for organisation ${organisationId}`)
}
