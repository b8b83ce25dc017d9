/** Every event the outbox carries, with its payload (ids only: job data is stored in clear text). */
export interface EventPayloads {
  'city.created': { cityId: string }
  'organisation.created': { cityId: string; organisationId: string }
  'award.revoked': { cityId: string; awardId: string }
  'award.issued': { cityId: string; awardId: string; organisationId: string; badgeClassId: string }
  'learner.created': { cityId: string; learnerId: string }
  /** A learner's consents, area, age band or identifiers changed (issue #11: insights recount them). */
  'learner.updated': { cityId: string; learnerId: string }
  'learner.erased': { cityId: string; learnerId: string; awards: number }
  'award.accepted': { cityId: string; awardId: string; learnerId: string }
  'award.declined': { cityId: string; awardId: string; learnerId: string }
  'pathway.published': { cityId: string; pathwayId: string; version: number }
  'pathway.edited': { cityId: string; pathwayId: string; version: number }
  'pathway.completed': { cityId: string; pathwayId: string; learnerId: string; awardId?: string }
  'opportunity-feed.sync': { cityId: string; feedId: string }
  'mail.requested': { cityId: string; mailId: string }
  'award.claimed': { cityId: string; awardId: string; learnerId: string }
  'learner.guardian-consented': { cityId: string; learnerId: string }
  'link.issued': { cityId: string; kind: string; refId: string; delivery: 'caller' }
  'attendance.recorded': { cityId: string; opportunityId: string; sessionId: string; learnerId: string }
  'opportunity.unlocked': { cityId: string; pathwayId: string; opportunityId: string; learnerId: string }
  'import.verified': { cityId: string; learnerId: string; importId: string }
  /** A verified import failed its re-verification (revoked elsewhere, tampered, unreachable): it stops counting. */
  'import.revoked': { cityId: string; learnerId: string; importId: string }
  /** A learner removed a verified import. */
  'import.removed': { cityId: string; learnerId: string; importId: string }
  /** A city admin mapped an import to the spine (its skills and themes changed). */
  'import.mapped': { cityId: string; learnerId: string; importId: string }
}

export type EventType = keyof EventPayloads

/** One delivered outbox row. */
export interface DeliveredEvent<T extends EventType = EventType> {
  outboxId: number
  /** When the outbox row was written (ms): with the id, it names the row's job across database resets (see bullmq.ts). */
  at?: number
  type: T
  cityId: string | null
  payload: EventPayloads[T]
}

export const EVENTS_QUEUE = 'events'
export const QUEUE_PREFIX = 'citybadges'
