import { refreshAwardFacts, refreshImportFacts, refreshLearnerFacts } from '../db/insights/insights.repo.js'
import type { Db } from '../db/types.js'
import type { DeliveredEvent, EventType } from './events.js'

/** The events that change which awards and imports count in the insights, or the learner facts copied onto them. */
export const INSIGHT_EVENTS: readonly EventType[] = ['award.issued', 'award.revoked', 'award.accepted', 'award.declined', 'award.claimed', 'learner.created', 'learner.erased', 'learner.guardian-consented', 'learner.updated', 'import.verified', 'import.revoked', 'import.removed', 'import.mapped']

/**
 * Keeps the insight fact tables: an award event recomputes that award's fact, an import event that import's fact
 * (verified imports count like awards), a learner event every fact of the learner. Idempotent and order-free: each
 * run makes the rows what PostgreSQL says now (a duplicate or a late event recomputes the same thing), and
 * `cli reconcile` rebuilds them with the same SELECT.
 */
export async function keepInsightFacts (event: DeliveredEvent, db: Db): Promise<void> {
  const p = event.payload as unknown as Record<string, unknown>
  if (event.type.startsWith('award.') && typeof p.awardId === 'string') await refreshAwardFacts(db, p.awardId)
  else if (event.type.startsWith('import.') && typeof p.importId === 'string') await refreshImportFacts(db, p.importId)
  else if (event.type.startsWith('learner.') && typeof p.learnerId === 'string') await refreshLearnerFacts(db, p.learnerId)
}
