import type { Logger } from 'pino'
import { refreshAwardFacts, refreshImportFacts, refreshLearnerFacts } from '../db/insights/insights.repo.js'
import type { Db } from '../db/types.js'
import type { InsightService } from '../domain/insights/insights.js'
import type { DeliveredEvent, EventType } from './events.js'

/** The events that change which awards and imports count in the insights, or the learner facts copied onto them. */
export const INSIGHT_EVENTS: readonly EventType[] = ['award.issued', 'award.revoked', 'award.accepted', 'award.declined', 'award.claimed', 'learner.created', 'learner.erased', 'learner.guardian-consented', 'learner.updated', 'import.verified', 'import.revoked', 'import.removed', 'import.mapped']

/**
 * Keeps the insight fact tables: an award event recomputes that award's fact, an import event that import's fact
 * (verified imports count like awards), a learner event every fact of the learner. Idempotent and order-free: each
 * run makes the rows what PostgreSQL says now (a duplicate or a late event recomputes the same thing), and
 * `cli reconcile` rebuilds them with the same SELECT. Every write bumps the city's facts version (kept tables
 * computed before it are stale).
 */
export async function keepInsightFacts (event: DeliveredEvent, db: Db): Promise<void> {
  const p = event.payload as unknown as Record<string, unknown>
  const city = event.cityId ?? undefined
  if (event.type.startsWith('award.') && typeof p.awardId === 'string') await refreshAwardFacts(db, [p.awardId], city === undefined ? undefined : [city])
  else if (event.type.startsWith('import.') && typeof p.importId === 'string') await refreshImportFacts(db, p.importId, city)
  else if (event.type.startsWith('learner.') && typeof p.learnerId === 'string') await refreshLearnerFacts(db, p.learnerId, city)
}

/** Wait after a fact write before refreshing kept tables: a burst of awards costs one refresh, not one each. */
const REFRESH_DELAY_MS = 1_000
/** A follow-up looks again at least this often while stale tables wait (the service's clock may differ from ours). */
const MAX_FOLLOW_UP_MS = 60_000
const pending = new WeakMap<InsightService, { timer?: NodeJS.Timeout; at: number; running: boolean }>()

/**
 * Debounced, per process: soon after fact writes, recomputes the kept tables that went stale and were read lately
 * (InsightService.refreshStale claims them with a lease, so several workers share the work instead of repeating
 * it). When stale tables are not due yet it comes back when they are, so a burst that ends is still caught up.
 * Failures are logged and the next fact write or follow-up tries again.
 */
export function scheduleInsightTableRefresh (insights: InsightService, log: Logger, delayMs = REFRESH_DELAY_MS): void {
  const state = pending.get(insights) ?? { at: Infinity, running: false }
  pending.set(insights, state)
  const at = Date.now() + delayMs
  if (state.timer !== undefined && state.at <= at) return
  if (state.timer !== undefined) clearTimeout(state.timer)
  state.at = at
  state.timer = setTimeout(() => {
    state.timer = undefined
    state.at = Infinity
    if (state.running) { scheduleInsightTableRefresh(insights, log, delayMs); return }
    state.running = true
    void (async () => {
      try {
        const r = await insights.refreshStale()
        if (r.nextDueAt !== undefined) scheduleInsightTableRefresh(insights, log, Math.min(MAX_FOLLOW_UP_MS, Math.max(REFRESH_DELAY_MS, r.nextDueAt.getTime() - Date.now())))
      } catch (err) {
        log.warn({ err }, 'refreshing kept insight tables failed; the next fact write tries again')
      } finally {
        state.running = false
      }
    })()
  }, Math.max(0, delayMs))
  state.timer.unref()
}
