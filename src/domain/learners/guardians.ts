import { createHash, randomBytes, randomUUID } from 'node:crypto'
import * as guardiansRepo from '../../db/learners/guardians.repo.js'
import * as learnersRepo from '../../db/learners/learners.repo.js'
import { addEvent } from '../../db/outbox.js'
import { isUuid } from '../../db/page.js'
import { findCityById } from '../../db/repos.js'
import type { CityRow } from '../../db/types.js'
import type { Principal } from '../access/auth.js'
import { decryptPrivateKey } from '../keys/keys.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, Gone, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { requireLearnerManager } from './access.js'
import { sendLink } from './mail-out.js'

/**
 * Guardian consent for under-13 learners (issue #8 item 4). A learner manager asks for consent: the guardian gets a
 * link with a single-use, expiring token (mailed when SMTP is configured, else returned to the caller); the guardian
 * answers at `POST /guardian-consent/{token}` (no API key: the token is the authority) with the wording version they
 * were shown; the consent is recorded with its time and version. Until then the learner's awards are held (the
 * export refuses CLR and zip; shares are off for under-13s).
 */

/** The wording the guardian is shown; a new text gets a new version, and the version is stored with the consent. */
export const CONSENT_WORDING_VERSION = '2026-11'
export const CONSENT_TTL_DAYS = 30
const PREFIX = 'gct_'
const ACCESS_PREFIX = 'gat_'
export const ACCESS_TTL_DAYS = 7
const hash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

export function createGuardianService (deps: DomainDeps) {
  /** Sends (or returns) a consent link for an under-13 learner whose guardian has not consented yet. */
  async function requestConsent (p: Principal, city: CityRow, learnerId: string): Promise<{ delivery: 'mail'; expiresAt: string } | { delivery: 'caller'; url: string; expiresAt: string }> {
    requireLearnerManager(p, 'ask guardians for consent')
    const learner = await learnersRepo.findLearner(deps.db, city.id, learnerId)
    if (!learner) throw new NotFound('learner', learnerId)
    if (learner.age_band !== 'under-13' || !learner.guardian_email_enc) throw new InvalidState('only under-13 learners have a guardian to ask')
    if (learner.guardian_consent === 'given') throw new Conflict('the guardian has already consented')
    const token = `${PREFIX}${randomBytes(24).toString('base64url')}`
    const id = randomUUID()
    const expiresAt = new Date(deps.clock().getTime() + CONSENT_TTL_DAYS * 86_400_000)
    const email = decryptPrivateKey(learner.guardian_email_enc, `guardian:${learner.id}`, deps.keyEncryptionKey)
    const url = `${deps.publicUrl}/guardian-consent/${token}`
    const delivery = await deps.db.transaction().execute(async (trx) => {
      await guardiansRepo.insertConsentToken(trx, { id, city_id: city.id, learner_id: learner.id, token_hash: hash(token), expires_at: expiresAt })
      return sendLink(trx, { mailEnabled: deps.mailEnabled === true, keyEncryptionKey: deps.keyEncryptionKey }, {
        cityId: city.id, kind: 'guardian-consent', to: email, refId: learner.id, content: { link: url, about: CONSENT_WORDING_VERSION },
      })
    })
    deps.eventsWritten()
    return delivery.delivery === 'mail' ? { delivery: 'mail', expiresAt: expiresAt.toISOString() } : { delivery: 'caller', url: delivery.link, expiresAt: expiresAt.toISOString() }
  }

  /** The guardian's answer. Wrong token: 404; used: 409; expired: 410; another wording version: 422. */
  async function consent (token: string, input: { consent: boolean; wordingVersion: string }): Promise<{ learnerId: string; guardianConsent: 'given' | 'pending'; consentedAt?: string; wordingVersion: string }> {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 100) throw new NotFound('consent request', 'token')
    const row = await guardiansRepo.findConsentToken(deps.db, hash(token))
    if (!row) throw new NotFound('consent request', 'token')
    if (row.used_at !== null) throw new Conflict('this consent link was already used')
    if (row.expires_at.getTime() <= deps.clock().getTime()) throw new Gone('this consent link has expired; ask for a new one')
    if (input.wordingVersion !== CONSENT_WORDING_VERSION) throw new InvalidInput('consent must be given to the current wording', [{ field: '/wordingVersion', message: `the current wording is version ${CONSENT_WORDING_VERSION}` }])
    const result = await deps.db.transaction().execute(async (trx) => {
      if (!await guardiansRepo.useConsentToken(trx, row.id)) return undefined
      if (!input.consent) return { pending: true as const }
      const done = await guardiansRepo.recordConsent(trx, row.learner_id, CONSENT_WORDING_VERSION)
      if (!done) throw new InvalidState('this learner is no longer under 13')
      await addEvent(trx, { type: 'learner.guardian-consented', cityId: row.city_id, payload: { cityId: row.city_id, learnerId: row.learner_id } })
      return { pending: false as const, at: done.guardian_consent_at }
    })
    if (!result) throw new Conflict('this consent link was already used or has expired')
    deps.eventsWritten()
    if (result.pending) return { learnerId: row.learner_id, guardianConsent: 'pending', wordingVersion: CONSENT_WORDING_VERSION }
    return { learnerId: row.learner_id, guardianConsent: 'given', consentedAt: (result.at ?? new Date()).toISOString(), wordingVersion: CONSENT_WORDING_VERSION }
  }

  /**
   * A guardian access link (issue #8 item 4): sent to the guardian address of the consent record (mailed with SMTP,
   * else returned to the caller), valid for {@link ACCESS_TTL_DAYS} days, with which the guardian sees, exports and
   * erases the learner at `/guardian-access/{token}`. Asked for by a learner manager (the city's app or admin, when
   * a guardian gets in touch); consent need not have been given — a guardian who never consented may still erase.
   */
  async function requestAccess (p: Principal, city: CityRow, learnerId: string): Promise<{ delivery: 'mail'; expiresAt: string } | { delivery: 'caller'; url: string; expiresAt: string }> {
    requireLearnerManager(p, 'send guardians an access link')
    const learner = isUuid(learnerId) ? await learnersRepo.findLearner(deps.db, city.id, learnerId) : undefined
    if (!learner) throw new NotFound('learner', learnerId)
    if (learner.age_band !== 'under-13' || !learner.guardian_email_enc) throw new InvalidState('only under-13 learners have a guardian')
    const token = `${ACCESS_PREFIX}${randomBytes(24).toString('base64url')}`
    const expiresAt = new Date(deps.clock().getTime() + ACCESS_TTL_DAYS * 86_400_000)
    const email = decryptPrivateKey(learner.guardian_email_enc, `guardian:${learner.id}`, deps.keyEncryptionKey)
    const url = `${deps.publicUrl}/guardian-access/${token}`
    const delivery = await deps.db.transaction().execute(async (trx) => {
      await guardiansRepo.insertAccessToken(trx, { id: randomUUID(), city_id: city.id, learner_id: learner.id, token_hash: hash(token), expires_at: expiresAt })
      return sendLink(trx, { mailEnabled: deps.mailEnabled === true, keyEncryptionKey: deps.keyEncryptionKey }, {
        cityId: city.id, kind: 'guardian-access', to: email, refId: learner.id, content: { link: url, about: `${ACCESS_TTL_DAYS} days` },
      })
    })
    deps.eventsWritten()
    return delivery.delivery === 'mail' ? { delivery: 'mail', expiresAt: expiresAt.toISOString() } : { delivery: 'caller', url: delivery.link, expiresAt: expiresAt.toISOString() }
  }

  /**
   * Who a guardian access token acts as: the learner's own principal (what a learner token may do: see the learner
   * and the backpack, export), with the city and the link id. Unknown or expired token: 404 (no oracle).
   */
  async function access (token: string): Promise<{ principal: Principal; city: CityRow; learnerId: string; linkId: string }> {
    if (typeof token !== 'string' || !token.startsWith(ACCESS_PREFIX) || token.length > 100) throw new NotFound('guardian access link', 'token')
    const row = await guardiansRepo.findAccessToken(deps.db, hash(token))
    const city = row ? await findCityById(deps.db, row.city_id) : undefined
    const learner = row && city ? await learnersRepo.findLearner(deps.db, city.id, row.learner_id) : undefined
    if (!row || !city || !learner || learner.age_band !== 'under-13') throw new NotFound('guardian access link', 'token')
    return { principal: { keyId: `guardian:${row.id}`, role: 'learner', cityId: city.id, organisationId: null, learnerId: row.learner_id }, city, learnerId: row.learner_id, linkId: row.id }
  }

  return { requestConsent, consent, requestAccess, access }
}

export type GuardianService = ReturnType<typeof createGuardianService>
