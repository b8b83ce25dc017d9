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
/** Work of one refresh round: no table is started after this much (a table under way finishes). */
const REFRESH_BUDGET_MS = 5_000
/**
 * After a round that worked for t ms, the next starts no sooner than t x this: refreshes take at most about two
 * thirds of the time, and the fact writes of the award stream meet a database that is free a third of it.
 */
const REFRESH_PAUSE_RATIO = 0.5
const pending = new WeakMap<InsightService, { timer?: NodeJS.Timeout; at: number; running: boolean; notBefore: number }>()

/**
 * Debounced, per process: soon after fact writes, recomputes the kept tables that went stale and were read lately,
 * the oldest first (InsightService.refreshStale claims each with a lease, so several workers share the work instead
 * of repeating it), in rounds of about REFRESH_BUDGET_MS paced by REFRESH_PAUSE_RATIO. When stale tables are not due
 * yet, or remain after a round, it comes back, so a burst that ends is still caught up. Failures are logged and the
 * next fact write or follow-up tries again.
 */
export function scheduleInsightTableRefresh (insights: InsightService, log: Logger, delayMs = REFRESH_DELAY_MS): void {
  const state = pending.get(insights) ?? { at: Infinity, running: false, notBefore: 0 }
  pending.set(insights, state)
  // Never sooner than the pause after the last round (fact writes keep asking for one a second after them).
  const at = Math.max(Date.now() + delayMs, state.notBefore)
  if (state.timer !== undefined && state.at <= at) return
  if (state.timer !== undefined) clearTimeout(state.timer)
  state.at = at
  state.timer = setTimeout(() => {
    state.timer = undefined
    state.at = Infinity
    if (state.running) { scheduleInsightTableRefresh(insights, log, delayMs); return }
    state.running = true
    void (async () => {
      let follow: number | undefined
      try {
        const r = await insights.refreshStale({ budgetMs: REFRESH_BUDGET_MS })
        state.notBefore = Date.now() + r.busyMs * REFRESH_PAUSE_RATIO
        if (r.nextDueAt !== undefined) {
          const due = Math.max(REFRESH_DELAY_MS, r.nextDueAt.getTime() - Date.now(), r.busyMs * REFRESH_PAUSE_RATIO)
          follow = Math.min(MAX_FOLLOW_UP_MS, due)
        }
      } catch (err) {
        log.warn({ err }, 'refreshing kept insight tables failed; the next fact write tries again')
      } finally {
        state.running = false
      }
      // Scheduled once this round is over: a fact write meanwhile must not start a round sooner than the pause.
      if (follow !== undefined) scheduleInsightTableRefresh(insights, log, follow)
    })()
  }, Math.max(0, at - Date.now()))
  state.timer.unref()
}
