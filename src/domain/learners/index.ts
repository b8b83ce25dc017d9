import type { HostedCache } from '../credentials/hosted-cache.js'
import type { DomainDeps } from '../shared/context.js'
import { createBackpackService } from './backpack.js'
import { createErasureService } from './erasure.js'
import { createImportService } from './imports.js'
import type { LearnerService } from './learners.js'
import { createShareService } from './shares.js'

/** The learner capability's services beyond the learner records themselves (wired by domain/services.ts). */
export function createLearnerServices (deps: DomainDeps, learners: LearnerService, cache: HostedCache) {
  const backpack = createBackpackService({ ...deps, learners })
  return {
    backpack,
    shares: createShareService({ ...deps, learners, backpack }),
    erasure: createErasureService({ ...deps, cache }),
    imports: createImportService({ ...deps, learners }),
  }
}
