import { requireRole, type Principal, type PrincipalRole } from '../access/auth.js'
import { NotFound } from '../shared/errors.js'

// Who may do what with learners (issue #8 item 10). Reusable by every learner-scoped feature (claims, imports,
// export, pathways): call `requireLearnerAccess` with the learner id of the URL.

/** Roles that manage a city's learners: create, read, update, erase, mint learner tokens. */
export const LEARNER_MANAGERS: readonly PrincipalRole[] = ['platform-admin', 'city-admin', 'app']

export function requireLearnerManager (p: Principal, action: string): void {
  requireRole(p, LEARNER_MANAGERS, action)
}

/**
 * A learner manager, or a learner token of exactly this learner. A learner token of another learner gets the
 * same 404 as a missing learner (it must not learn which ids exist); other roles get a 403.
 */
export function requireLearnerAccess (p: Principal, learnerId: string, action: string): void {
  if (p.role === 'learner') {
    if (p.learnerId !== learnerId) throw new NotFound('learner', learnerId)
    return
  }
  requireLearnerManager(p, action)
}

/** True for a learner token (routes must opt in to accept one: see plugins/auth.ts `learnerTokens`). */
export const isLearnerToken = (p: Principal): boolean => p.role === 'learner'
