import { randomInt, randomUUID } from 'node:crypto'
import * as badgesRepo from '../../db/badges/badges.repo.js'
import * as claimsRepo from '../../db/learners/claims.repo.js'
import type { ClaimCodeRow } from '../../db/learners/claims.types.js'
import * as learnersRepo from '../../db/learners/learners.repo.js'
import { addEvent } from '../../db/outbox.js'
import { isUuid } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import { requireOrganisationWrite, type Principal } from '../access/auth.js'
import type { Award, AwardService } from '../badges/awards.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, Gone, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { requireLearnerAccess } from './access.js'
import { qrSvg } from './qr.js'

/**
 * Claim codes (issue #8 item 3; Badgecraft's QR at the venue): a badge class gets codes with a window and a maximum
 * number of claims. Redeeming gives the learner one award of the class, never two: a redemption row per (code,
 * learner) is the learner's place, taken with the code's place count under the code's row lock (so two redeems of
 * the last place cannot both win), then the award is issued with an Idempotency-Key of (code, learner) — a retry
 * after a crash finds the same award.
 */

// No 0/O, 1/I/L: codes are typed from a poster.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/
export const MAX_CLAIMS = 100_000

export interface ClaimCode {
  id: string
  code: string
  badgeClassId: string
  startsAt: string
  endsAt: string
  maxClaims: number
  claims: number
  redeemUrl: string
  /** The code's redeem URL as a QR code (SVG). */
  qrSvg: string
}

export interface NewClaimCode { startsAt?: string | undefined; endsAt: string; maxClaims: number }

export function newCode (): string {
  let s = ''
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4)}`
}

export function createClaimCodeService (deps: DomainDeps & { awards: AwardService }) {
  const redeemUrl = (city: CityRow, code: string): string => `${deps.publicUrl}/v1/cities/${city.slug}/claim-codes/${code}/redeem`

  async function present (city: CityRow, r: ClaimCodeRow): Promise<ClaimCode> {
    const url = redeemUrl(city, r.code)
    return {
      id: r.id, code: r.code, badgeClassId: r.badge_class_id, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(),
      maxClaims: r.max_claims, claims: r.claims, redeemUrl: url, qrSvg: await qrSvg(url, `QR code for claim code ${r.code}`),
    }
  }

  async function create (p: Principal, city: CityRow, badgeClassId: string, input: NewClaimCode): Promise<ClaimCode> {
    const klass = isUuid(badgeClassId) ? await badgesRepo.findBadgeClass(deps.db, city.id, badgeClassId) : undefined
    if (!klass) throw new NotFound('badge-class', badgeClassId)
    requireOrganisationWrite(p, klass.organisation_id, 'create claim codes')
    if (klass.status !== 'approved') throw new InvalidState(`only approved badge classes get claim codes; this one is ${klass.status}`)
    const fields: Array<{ field: string; message: string }> = []
    const now = deps.clock()
    const startsAt = input.startsAt === undefined ? now : new Date(input.startsAt)
    const endsAt = new Date(input.endsAt)
    if (Number.isNaN(startsAt.getTime())) fields.push({ field: '/startsAt', message: 'must be a date-time' })
    if (Number.isNaN(endsAt.getTime())) fields.push({ field: '/endsAt', message: 'must be a date-time' })
    else if (endsAt.getTime() <= Math.max(startsAt.getTime(), now.getTime())) fields.push({ field: '/endsAt', message: 'must be in the future and after startsAt' })
    if (!Number.isInteger(input.maxClaims) || input.maxClaims < 1 || input.maxClaims > MAX_CLAIMS) fields.push({ field: '/maxClaims', message: `an integer from 1 to ${MAX_CLAIMS}` })
    if (fields.length) throw new InvalidInput('claim code is invalid', fields)
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await claimsRepo.insertClaimCode(deps.db, { id: randomUUID(), city_id: city.id, badge_class_id: klass.id, code: newCode(), starts_at: startsAt, ends_at: endsAt, max_claims: input.maxClaims, created_by: p.keyId })
        return present(city, row)
      } catch (err) {
        // 31^8 codes per city: a clash is rare; try another.
        if ((err as { code?: string }).code !== '23505' || attempt >= 5) throw err
      }
    }
  }

  async function find (city: CityRow, code: string): Promise<ClaimCodeRow> {
    const c = typeof code === 'string' ? code.trim().toUpperCase() : ''
    const row = CODE.test(c) ? await claimsRepo.findClaimCode(deps.db, city.id, c) : undefined
    if (!row) throw new NotFound('claim-code', code)
    return row
  }

  const get = async (p: Principal, city: CityRow, code: string): Promise<ClaimCode> => {
    const row = await find(city, code)
    const klass = await badgesRepo.findBadgeClass(deps.db, city.id, row.badge_class_id)
    if (klass) requireOrganisationWrite(p, klass.organisation_id, 'read claim codes')
    return present(city, row)
  }

  /**
   * Redeems `code` for the learner: one award per learner and code (a second redeem answers the first award).
   * Unknown code: 404; not yet open: 409; closed: 410; no places left: 409.
   */
  async function redeem (p: Principal, city: CityRow, code: string, learnerId: string): Promise<{ award: Award; alreadyRedeemed: boolean }> {
    requireLearnerAccess(p, learnerId, 'redeem claim codes for learners')
    const row = await find(city, code)
    if (!isUuid(learnerId) || !await learnersRepo.findLearner(deps.db, city.id, learnerId)) throw new InvalidInput('no such learner in this city', [{ field: '/learnerId', message: 'unknown learner' }])
    const idempotencyKey = `claim-code:${row.id}:${learnerId}`
    const system: Principal = { keyId: `claim-code:${row.id}`, role: 'city-admin', cityId: city.id, organisationId: null }
    const before = await claimsRepo.findRedemption(deps.db, row.id, learnerId)
    if (!before) {
      const now = deps.clock().getTime()
      if (now < row.starts_at.getTime()) throw new InvalidState(`this claim code opens at ${row.starts_at.toISOString()}`)
      if (now >= row.ends_at.getTime()) throw new Gone('this claim code has closed')
      await deps.db.transaction().execute(async (trx) => {
        if (!await claimsRepo.insertRedemption(trx, { code_id: row.id, learner_id: learnerId, city_id: city.id })) return // the same learner, concurrently
        const taken = await claimsRepo.takePlace(trx, row.id)
        if (!taken) {
          // Rolls the redemption back: the learner has no place.
          const fresh = await claimsRepo.findClaimCode(trx, city.id, row.code)
          if (fresh && fresh.claims >= fresh.max_claims) throw new Conflict('this claim code has no places left')
          throw new Gone('this claim code has closed')
        }
      })
    }
    const { award, replayed } = await deps.awards.issue(system, city, { badgeClassId: row.badge_class_id, recipient: { learnerId }, idempotencyKey })
    if (!replayed) {
      await deps.db.transaction().execute(async (trx) => {
        await claimsRepo.setRedemptionAward(trx, row.id, learnerId, award.id)
        await addEvent(trx, { type: 'award.claimed', cityId: city.id, payload: { cityId: city.id, awardId: award.id, learnerId } })
      })
      deps.eventsWritten()
    }
    return { award, alreadyRedeemed: before !== undefined || replayed }
  }

  return { create, get, redeem }
}

export type ClaimCodeService = ReturnType<typeof createClaimCodeService>
