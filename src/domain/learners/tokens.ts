import { randomBytes } from 'node:crypto'
import * as repo from '../../db/learners/tokens.repo.js'
import { isUuid } from '../../db/page.js'
import { findLearner } from '../../db/learners/learners.repo.js'
import type { CityRow } from '../../db/types.js'
import { hashSecret, secretMatches, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { requireLearnerManager } from './access.js'

// Short-lived learner tokens (issue #8 item 10): minted by an app or a city admin for a front end that calls
// us from the browser. A token reaches only its learner, and only routes that opt in (plugins/auth.ts).

const TOKEN = /^cblt_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/
export const DEFAULT_TTL_SECONDS = 900
export const MAX_TTL_SECONDS = 3600

export interface MintedToken { token: string; expiresAt: string; learnerId: string }

export function createLearnerTokenService (deps: DomainDeps) {
  async function mint (p: Principal, city: CityRow, learnerId: string, input: { ttlSeconds?: number | undefined }): Promise<MintedToken> {
    requireLearnerManager(p, 'mint learner tokens')
    const ttl = input.ttlSeconds ?? DEFAULT_TTL_SECONDS
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_TTL_SECONDS) throw new InvalidInput(`ttlSeconds is 60 to ${MAX_TTL_SECONDS}`, [{ field: '/ttlSeconds', message: `60 to ${MAX_TTL_SECONDS}` }])
    const learner = isUuid(learnerId) ? await findLearner(deps.db, city.id, learnerId) : undefined
    if (!learner) throw new NotFound('learner', learnerId)
    const id = randomBytes(10).toString('hex').slice(0, 16)
    const secret = randomBytes(32).toString('base64url')
    const expiresAt = new Date(deps.clock().getTime() + ttl * 1000)
    await repo.deleteExpiredTokens(deps.db, learner.id)
    // The learner row may be erased between the check and the insert: the foreign key then refuses the token.
    await repo.insertLearnerToken(deps.db, { id, learner_id: learner.id, city_id: city.id, secret_hash: hashSecret(secret), scopes: ['learner'], created_by: p.keyId, expires_at: expiresAt })
    return { token: `cblt_${id}_${secret}`, expiresAt: expiresAt.toISOString(), learnerId: learner.id }
  }

  /** The principal of a learner token, or undefined when unknown, wrong, expired or revoked. */
  async function authenticate (token: string): Promise<Principal | undefined> {
    const m = TOKEN.exec(token)
    if (!m) return undefined
    const row = await repo.findLearnerToken(deps.db, m[1]!)
    if (!row || row.revoked_at !== null || row.expires_at.getTime() <= deps.clock().getTime()) return undefined
    if (!secretMatches(row.secret_hash, hashSecret(m[2]!))) return undefined
    return { keyId: `learner-token:${row.id}`, role: 'learner', cityId: row.city_id, organisationId: null, learnerId: row.learner_id }
  }

  const isLearnerToken = (token: string): boolean => token.startsWith('cblt_')

  return { mint, authenticate, isLearnerToken }
}

export type LearnerTokenService = ReturnType<typeof createLearnerTokenService>
