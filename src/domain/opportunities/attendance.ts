import { addEvent } from '../../db/outbox.js'
import * as repo from '../../db/opportunities/opportunities.repo.js'
import type { CityRow } from '../../db/types.js'
import { isUuid } from '../../db/page.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import type { AwardService } from '../badges/awards.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import type { OpportunityService } from './opportunities.js'

// Attendance turns into badges (issue #9 item 3): the provider records that learners came to a session; each learner
// gets the opportunity's participation badge (its first badge class) once — through the award service, so the award
// counts wherever awards count (backpack, OB 2.0/3.0, insights). Once per learner and opportunity: the award's
// Idempotency-Key is derived from both, so recording again (another session, a retry) replays the same award.

export const MAX_ATTENDEES = 500

export interface AttendanceResult {
  sessionId: string
  badgeClassId: string
  items: Array<{ learnerId: string; awardId: string; replayed: boolean }>
}

export function createAttendanceService (deps: DomainDeps & { opportunities: OpportunityService; awards: AwardService }) {
  async function record (principal: Principal, city: CityRow, opportunityId: string, sessionId: string, learnerIds: readonly string[]): Promise<AttendanceResult> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'record attendance')
    const opportunity = await deps.opportunities.getRow(principal, city, opportunityId)
    requireOrganisationWrite(principal, opportunity.organisation_id, 'record attendance of this opportunity')
    const session = isUuid(sessionId) ? await repo.findSession(deps.db, opportunity.id, sessionId) : undefined
    if (!session) throw new NotFound('session', sessionId)
    if (opportunity.status === 'cancelled' || session.status === 'cancelled') throw new InvalidState('attendance cannot be recorded for a cancelled session')
    if (opportunity.status !== 'published') throw new InvalidState('attendance can be recorded only for a published opportunity')
    if (session.start_at.getTime() > deps.clock().getTime()) throw new InvalidState('attendance can be recorded once the session has started')
    const badgeClassId = opportunity.badge_class_ids[0]
    if (!badgeClassId) throw new InvalidState('this opportunity awards no badge: give it badgeClassIds first')
    const ids = [...new Set(learnerIds)]
    if (ids.length === 0 || ids.length > MAX_ATTENDEES) throw new InvalidInput(`give 1 to ${MAX_ATTENDEES} learnerIds`, [{ field: 'learnerIds', message: 'wrong number of learners' }])
    const bad = ids.filter((id) => !isUuid(id))
    const known = new Set((await repo.learnersOfCity(deps.db, city.id, ids.filter(isUuid))).map((l) => l.id))
    const missing = [...bad, ...ids.filter((id) => isUuid(id) && !known.has(id))]
    // Learners of another city look exactly like unknown ones; nothing is awarded when one is wrong.
    if (missing.length > 0) {
      throw new InvalidInput(`no learner ${missing[0]} in this city`, missing.slice(0, 20).map((id) => ({ field: `learnerIds/${ids.indexOf(id)}`, message: 'unknown learner in this city' })))
    }
    const items: AttendanceResult['items'] = []
    for (const learnerId of ids) {
      const { award, replayed } = await deps.awards.issue(principal, city, {
        badgeClassId,
        recipient: { learnerId },
        narrative: `Took part in ${opportunity.title}.`,
        idempotencyKey: `attendance:${opportunity.id}:${learnerId}`,
      })
      // The record and its event commit together: pathway progress counts the attendance (issue #10).
      await deps.db.transaction().execute(async (trx) => {
        await repo.recordAttendance(trx, { session_id: session.id, learner_id: learnerId, city_id: city.id, opportunity_id: opportunity.id, award_id: award.id, recorded_by: principal.keyId })
        await addEvent(trx, { type: 'attendance.recorded', cityId: city.id, payload: { cityId: city.id, opportunityId: opportunity.id, sessionId: session.id, learnerId } })
      })
      items.push({ learnerId, awardId: award.id, replayed })
    }
    deps.eventsWritten()
    return { sessionId: session.id, badgeClassId, items }
  }

  return { record }
}

export type AttendanceService = ReturnType<typeof createAttendanceService>
