import * as repo from '../../db/learners/erasure.repo.js'
import { deleteLearner, findErasure, lockLearner } from '../../db/learners/learners.repo.js'
import { addEvent } from '../../db/outbox.js'
import { isUuid } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import type { Principal } from '../access/auth.js'
import type { HostedCache } from '../credentials/hosted-cache.js'
import type { DomainDeps } from '../shared/context.js'
import { NotFound } from '../shared/errors.js'
import { requireLearnerManager } from './access.js'

// Erasure (issue #8 item 9). One transaction: the learner row is locked FOR UPDATE first, so an award being
// inserted for this learner either committed before (and is stubbed here) or waits on the foreign key and is
// refused once the row is gone — never orphaned. Identifiers, refs, collections, shares and tokens go with the
// row (ON DELETE CASCADE); an audit row keeps who, when and how many awards; `learner.erased` is recorded.

export interface Erasure { learnerId: string; erasedAt: string; awardsErased: number; alreadyErased: boolean }

export function createErasureService (deps: DomainDeps & { cache: HostedCache }) {
  async function erase (p: Principal, city: CityRow, learnerId: string): Promise<Erasure> {
    requireLearnerManager(p, 'erase learners')
    return run(city, learnerId, p.keyId)
  }

  /**
   * The guardian of an under-13 erases the learner with the token of their access link (guardians.ts has checked
   * it): the audit names the link (`guardian:{linkId}`), never the guardian.
   */
  const eraseByGuardian = (city: CityRow, learnerId: string, accessLinkId: string): Promise<Erasure> => run(city, learnerId, `guardian:${accessLinkId}`)

  async function run (city: CityRow, learnerId: string, erasedBy: string): Promise<Erasure> {
    if (!isUuid(learnerId)) throw new NotFound('learner', learnerId)
    const result = await deps.db.transaction().execute(async (trx) => {
      const learner = await lockLearner(trx, city.id, learnerId)
      if (!learner) {
        const done = await findErasure(trx, city.id, learnerId)
        if (!done) throw new NotFound('learner', learnerId)
        return { erasedAt: done.erased_at, awards: [], count: done.awards_erased, already: true }
      }
      await repo.forgetIdentifierMatches(trx, city.id, learnerId)
      const awards = await repo.stubLearnerAwards(trx, city.id, learnerId)
      await repo.forgetIdempotentReplies(trx, learnerId)
      await deleteLearner(trx, city.id, learnerId)
      const audit = await repo.insertErasure(trx, { learner_id: learnerId, city_id: city.id, erased_by: erasedBy, awards_erased: awards.length })
      await addEvent(trx, { type: 'learner.erased', cityId: city.id, payload: { cityId: city.id, learnerId, awards: awards.length } })
      // One award.revoked per status list has the OB 3.0 list re-signed (it recomputes every revoked bit).
      const lists = new Map<string, string>()
      for (const a of awards) if (a.status_list_id && !lists.has(a.status_list_id)) lists.set(a.status_list_id, a.id)
      for (const awardId of lists.values()) await addEvent(trx, { type: 'award.revoked', cityId: city.id, payload: { cityId: city.id, awardId } })
      return { erasedAt: audit.erased_at, awards: awards.map((a) => a.id), count: awards.length, already: false }
    })
    if (!result.already) deps.eventsWritten()
    await Promise.all(result.awards.map((id) => deps.cache.invalidate(id)))
    return { learnerId, erasedAt: result.erasedAt.toISOString(), awardsErased: result.count, alreadyErased: result.already }
  }

  return { erase, eraseByGuardian }
}

export type ErasureService = ReturnType<typeof createErasureService>
