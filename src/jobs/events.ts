/** Every event the outbox carries, with its payload (ids only: job data is stored in clear text). */
export interface EventPayloads {
  'city.created': { cityId: string }
  'organisation.created': { cityId: string; organisationId: string }
  'award.revoked': { cityId: string; awardId: string }
  'award.issued': { cityId: string; awardId: string; organisationId: string; badgeClassId: string }
}

export type EventType = keyof EventPayloads

/** One delivered outbox row. */
export interface DeliveredEvent<T extends EventType = EventType> {
  outboxId: number
  type: T
  cityId: string | null
  payload: EventPayloads[T]
}

export const EVENTS_QUEUE = 'events'
export const QUEUE_PREFIX = 'citybadges'
