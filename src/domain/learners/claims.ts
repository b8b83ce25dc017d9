import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { PendingRows } from '../../db/badges/awards.repo.js'
import * as claimsRepo from '../../db/learners/claims.repo.js'
import * as learnersRepo from '../../db/learners/learners.repo.js'
import { addEvent } from '../../db/outbox.js'
import type { CityRow, Executor } from '../../db/types.js'
import type { Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, Gone, InvalidInput, NotFound } from '../shared/errors.js'
import { requireLearnerAccess } from './access.js'
import { planLink, sendLinks, type LinkDelivery } from './mail-out.js'

/**
 * Claiming (issue #8 item 3): an award to an identity no learner holds is *pending* and gets a claim token —
 * random, single use, expiring, stored only as its SHA-256. The token reaches the recipient by mail when SMTP is
 * configured (an email identity), otherwise it is returned with the award to the issuer, who passes it on.
 * `POST /v1/cities/{city}/claims/{token} { learnerId }` links the award to that learner, once.
 */

export const CLAIM_TTL_DAYS = 90
const TOKEN_PREFIX = 'clm_'
/** A claim token wherever it appears (the Idempotency-Key replay table stores it sealed: plugins/idempotency.ts). */
export const CLAIM_TOKEN_PATTERN = /clm_[A-Za-z0-9_-]{32}/g

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** What the award answer says about its claim: mailed, or the link for the caller to hand over. */
export type ClaimInfo = { expiresAt: string } & ({ delivery: 'mail' } | { delivery: 'caller'; url: string })

export interface PendingAward { id: string; city_id: string; recipient_type: string }

export function createClaimService (deps: DomainDeps) {
  const claimUrl = (city: CityRow, token: string): string => `${deps.publicUrl}/v1/cities/${city.slug}/claims/${token}`

  /**
   * What a new award that no learner holds writes with it (its claim, the message with its link or the link's event)
   * and what the award's answer says about it: written by the award's own statement (src/db/badges/awards.repo.ts).
   */
  function planPending (city: CityRow, award: PendingAward, identity: string, badgeName: string): { rows: PendingRows; info: ClaimInfo } {
    const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`
    const id = randomUUID()
    const expiresAt = new Date(deps.clock().getTime() + CLAIM_TTL_DAYS * 86_400_000)
    const plan = planLink({ mailEnabled: deps.mailEnabled === true, keyEncryptionKey: deps.keyEncryptionKey }, {
      cityId: city.id, kind: 'claim', to: award.recipient_type === 'email' ? identity : undefined, refId: id,
      content: { link: claimUrl(city, token), about: badgeName },
    })
    const delivery: LinkDelivery = plan.delivery
    return {
      rows: { claim: { id, city_id: city.id, award_id: award.id, token_hash: hashToken(token), expires_at: expiresAt }, ...(plan.mail ? { mail: { ...plan.mail, kind: 'claim' as const } } : {}), event: plan.event as PendingRows['event'] },
      info: delivery.delivery === 'mail'
        ? { delivery: 'mail', expiresAt: expiresAt.toISOString() }
        : { delivery: 'caller', url: delivery.link, expiresAt: expiresAt.toISOString() },
    }
  }

  /** Called in the award's own transaction when it links to no learner: the claim and its link/mail commit with it. */
  async function createPending (trx: Executor, city: CityRow, award: PendingAward, identity: string, badgeName: string): Promise<ClaimInfo> {
    const { rows, info } = planPending(city, award, identity, badgeName)
    // The claim, its message and its event in one statement.
    await claimsRepo.insertClaimWithLink(trx, rows.claim, rows.mail, rows.event)
    return info
  }

  /** `createPending` for many awards of one transaction at once (bulk issuing): the claims and links in a few statements. */
  async function createPendingMany (trx: Executor, city: CityRow, items: ReadonlyArray<{ award: PendingAward; identity: string; badgeName: string }>): Promise<ClaimInfo[]> {
    const expiresAt = new Date(deps.clock().getTime() + CLAIM_TTL_DAYS * 86_400_000)
    const made = items.map((i) => ({ ...i, id: randomUUID(), token: `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}` }))
    await claimsRepo.insertClaims(trx, made.map((m) => ({ id: m.id, city_id: city.id, award_id: m.award.id, token_hash: hashToken(m.token), expires_at: expiresAt })))
    const deliveries = await sendLinks(trx, { mailEnabled: deps.mailEnabled === true, keyEncryptionKey: deps.keyEncryptionKey }, made.map((m) => ({
      cityId: city.id, kind: 'claim' as const, to: m.award.recipient_type === 'email' ? m.identity : undefined, refId: m.id,
      content: { link: claimUrl(city, m.token), about: m.badgeName },
    })))
    return deliveries.map((d): ClaimInfo => d.delivery === 'mail'
      ? { delivery: 'mail', expiresAt: expiresAt.toISOString() }
      : { delivery: 'caller', url: d.link, expiresAt: expiresAt.toISOString() })
  }

  /** Links the pending award of `token` to the learner. Unknown token: 404; used: 409; expired: 410. */
  async function claim (p: Principal, city: CityRow, token: string, learnerId: string): Promise<{ awardId: string; learnerId: string; claimedAt: string }> {
    requireLearnerAccess(p, learnerId, 'claim awards for learners')
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX) || token.length > 100) throw new NotFound('claim', 'token')
    const learner = await learnersRepo.findLearner(deps.db, city.id, learnerId)
    if (!learner) throw new InvalidInput('no such learner in this city', [{ field: '/learnerId', message: 'unknown learner' }])
    const found = await claimsRepo.findClaimByHash(deps.db, city.id, hashToken(token))
    if (!found) throw new NotFound('claim', 'token')
    if (found.claimed_at !== null) throw new Conflict('this claim token was already used')
    if (found.expires_at.getTime() <= deps.clock().getTime()) throw new Gone('this claim token has expired; ask the issuer for a new award or link')
    const done = await deps.db.transaction().execute(async (trx) => {
      const taken = await claimsRepo.takeClaim(trx, found.id, learnerId)
      if (!taken) return undefined
      if (!await claimsRepo.linkAward(trx, city.id, found.award_id, learnerId)) throw new Conflict('this award can no longer be claimed (revoked, erased or already linked)')
      await addEvent(trx, { type: 'award.claimed', cityId: city.id, payload: { cityId: city.id, awardId: found.award_id, learnerId } })
      return taken
    })
    // Lost a race with another use of the same token, or it expired meanwhile.
    if (!done) throw new Conflict('this claim token was already used or has expired')
    deps.eventsWritten()
    return { awardId: found.award_id, learnerId, claimedAt: (done.claimed_at ?? new Date()).toISOString() }
  }

  return { planPending, createPending, createPendingMany, claim }
}

export type ClaimService = ReturnType<typeof createClaimService>
