import type { Logger } from 'pino'
import { createApiKeyService } from './api-keys.js'
import { createCityService } from './cities.js'
import type { DomainDeps } from './context.js'
import { createOrganisationService } from './organisations.js'

/** Every domain service, built from the same deps: the composition root asks this module, not each file. */
export function createServices (deps: DomainDeps, log: Logger) {
  return {
    cities: createCityService(deps),
    organisations: createOrganisationService(deps),
    apiKeys: createApiKeyService({ db: deps.db, onTouchError: (err) => log.warn({ err }, 'could not record key use') }),
  }
}

export type Services = ReturnType<typeof createServices>
