import type { Logger } from 'pino'
import { createApiKeyService } from './access/api-keys.js'
import { createAwardService } from './badges/awards.js'
import { createBadgeCatalogue } from './badges/badge-catalogue.js'
import { createBadgeClassService } from './badges/badge-classes.js'
import { createCityService } from './cities/cities.js'
import type { DomainDeps } from './shared/context.js'
import { createEndorsementService } from './badges/endorsements.js'
import { createHostedCache } from './credentials/hosted-cache.js'
import { createKeyService } from './keys/keys.js'
import { createOb2PublicService } from './credentials/ob2-public.js'
import { createOb3Service } from './credentials/ob3-credentials.js'
import { createOrganisationService } from './cities/organisations.js'
import { createSpineService, type SpineService } from './spine/spine.js'
import { createDestinationService, createThemeService } from './spine/spine-catalogue.js'
import { createLearnerService, type LearnerService } from './learners/learners.js'
import { createLearnerTokenService } from './learners/tokens.js'
import { createLearnerServices } from './learners/index.js'
import { createPathwayService } from './pathways/pathways.js'
import { createOpportunityService } from './opportunities/opportunities.js'
import { createOpenDataService } from './opportunities/open-data.js'
import { createFeedImportService } from './opportunities/feed-import.js'
import { createAttendanceService } from './opportunities/attendance.js'
import { createClaimService } from './learners/claims.js'
import { createClaimCodeService } from './learners/claim-codes.js'
import { createExportService } from './learners/export.js'
import { createGuardianService } from './learners/guardians.js'
import { createBrandingService } from './cities/branding.js'
import { createPagesService } from './pages/pages.js'
import { createWebhookService } from './integration/webhooks.js'
import { createBulkService } from './integration/bulk.js'
import { createEgress } from '../infra/egress.js'
import { createInsightService } from './insights/insights.js'
import { createObApiService } from './oauth/ob-api.js'

/** Every domain service, built from the same deps: the composition root asks this module, not each file. */
export function createServices (deps: DomainDeps, log: Logger) {
  const spine = createSpineService(deps)
  const learners = createLearnerService(deps)
  const ob2 = createOb2Services(deps, spine, learners)
  const opportunities = createOpportunityService(deps)
  const ob3 = createOb3Service(deps)
  // One city service: the insight service tells it of threshold changes (its copies of city rows, resolveRecent).
  const cities = createCityService(deps)
  return {
    ...ob2,
    ob3,
    cities,
    organisations: createOrganisationService(deps),
    spine,
    catalogue: createBadgeCatalogue(deps),
    themes: createThemeService(deps),
    destinations: createDestinationService(deps),
    bulk: createBulkService({ db: deps.db, clock: deps.clock, awards: ob2.awards, kick: deps.kickBulk ?? (() => {}) }),
    webhooks: createWebhookService({ ...deps, egress: deps.egress ?? createEgress(), kick: deps.kickWebhooks ?? (() => {}) }),
    apiKeys: createApiKeyService({ db: deps.db, onTouchError: (err) => log.warn({ err }, 'could not record key use') }),
    learners,
    learnerTokens: createLearnerTokenService(deps),
    pathways: createPathwayService({ db: deps.db, clock: deps.clock, awards: ob2.awards, publicUrl: deps.publicUrl, eventsWritten: deps.eventsWritten }),
    ...createLearnerServices(deps, learners, ob2.hostedCache),
    opportunities,
    attendance: createAttendanceService({ ...deps, opportunities, awards: ob2.awards }),
    openData: createOpenDataService(deps),
    opportunityFeeds: createFeedImportService(deps),
    claimCodes: createClaimCodeService({ ...deps, awards: ob2.awards }),
    exports: createExportService({ ...deps, learners, ob3 }),
    guardians: createGuardianService(deps),
    branding: createBrandingService({ ...deps, cities }),
    pages: createPagesService({ ...deps, awards: ob2.awards, badgeClasses: ob2.badgeClasses }),
    insights: createInsightService({ ...deps, forgetCityRow: cities.forget, onBackgroundError: (err) => log.warn({ err }, 'computing a kept insight table again failed; its next reader tries again') }),
    obApi: createObApiService({ ...deps, ob3, learners }),
  }
}

/** OB 2.0 issuing: keys, badge classes, awards, endorsements and the public documents. */
function createOb2Services (deps: DomainDeps, spine: SpineService, learners: LearnerService) {
  const cache = deps.hostedCache ?? createHostedCache()
  const keys = createKeyService(deps)
  const badgeClasses = createBadgeClassService({ ...deps, spine })
  const claims = createClaimService(deps)
  const awards = createAwardService({ ...deps, keys, cache, recipients: learners.recipients, onPendingAward: claims.createPending, planPendingAward: claims.planPending, onPendingAwards: claims.createPendingMany })
  const endorsements = createEndorsementService({ ...deps, cache })
  const ob2 = createOb2PublicService({ ...deps, keys, cache, awards, badgeClasses, endorsements })
  return { keys, badgeClasses, awards, endorsements, ob2, hostedCache: cache, claims }
}

export type Services = ReturnType<typeof createServices>
