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
import { createWebhookService } from './integration/webhooks.js'
import { createBulkService } from './integration/bulk.js'
import { createEgress } from '../infra/egress.js'

/** Every domain service, built from the same deps: the composition root asks this module, not each file. */
export function createServices (deps: DomainDeps, log: Logger) {
  const spine = createSpineService(deps)
  const ob2 = createOb2Services(deps, spine)
  return {
    ...ob2,
    ob3: createOb3Service(deps),
    cities: createCityService(deps),
    organisations: createOrganisationService(deps),
    spine,
    catalogue: createBadgeCatalogue(deps),
    themes: createThemeService(deps),
    destinations: createDestinationService(deps),
    bulk: createBulkService({ db: deps.db, clock: deps.clock, awards: ob2.awards, kick: deps.kickBulk ?? (() => {}) }),
    webhooks: createWebhookService({ ...deps, egress: deps.egress ?? createEgress(), kick: deps.kickWebhooks ?? (() => {}) }),
    apiKeys: createApiKeyService({ db: deps.db, onTouchError: (err) => log.warn({ err }, 'could not record key use') }),
  }
}

/** OB 2.0 issuing: keys, badge classes, awards, endorsements and the public documents. */
function createOb2Services (deps: DomainDeps, spine: SpineService) {
  const cache = deps.hostedCache ?? createHostedCache()
  const keys = createKeyService(deps)
  const badgeClasses = createBadgeClassService({ ...deps, spine })
  const awards = createAwardService({ ...deps, keys, cache })
  const endorsements = createEndorsementService({ ...deps, cache })
  const ob2 = createOb2PublicService({ ...deps, keys, cache, awards, badgeClasses, endorsements })
  return { keys, badgeClasses, awards, endorsements, ob2, hostedCache: cache }
}

export type Services = ReturnType<typeof createServices>
