import { seedDemoBadges } from './demo-badges.js'
import { seedDemoSpine } from './demo-spine.js'
import { seedDemoLearners } from './demo-learners.js'
import { seedDemoOpportunities } from './demo-opportunities.js'
import { seedDemoPathways } from './demo-pathways.js'
import type { Principal } from './domain/access/auth.js'
import { Conflict } from './domain/shared/errors.js'
import type { Services } from './domain/services.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

export const DEMO_ORGANISATIONS = [
  { name: 'Harbourside College', url: 'https://harbourside.example.org', email: 'badges@harbourside.example.org', kind: 'college', description: 'Further education college validating community learning.' },
  { name: 'Northgate Youth Club', url: 'https://northgate-youth.example.org', email: 'hello@northgate-youth.example.org', kind: 'youth-club', description: 'Youth club running digital making and volunteering.' },
  { name: 'City Museum', url: 'https://museum.example.org', email: 'learning@museum.example.org', kind: 'museum', description: 'The city museum’s young curators programme.' },
  { name: 'Brightwater Engineering', url: 'https://brightwater.example.com', email: 'careers@brightwater.example.com', kind: 'employer', description: 'Local employer offering work tasters and apprenticeships.' },
] as const

/**
 * The demo city (slug `demo`): what `npm start` shows a newcomer. Idempotent: an existing demo city is left alone.
 * Returns a fresh platform-admin key when it created the city (printed once by the caller).
 */
export async function seedDemo (services: Services): Promise<{ created: boolean; adminKey?: string; shareUrl?: string }> {
  try {
    await services.cities.create(SYSTEM, { slug: 'demo', name: 'Demo City of Learning', locales: ['en', 'cy'], timezone: 'Europe/London' })
  } catch (err) {
    if (err instanceof Conflict) return { created: false }
    throw err
  }
  const city = await services.cities.resolve(SYSTEM, 'demo')
  const orgs = []
  for (const org of DEMO_ORGANISATIONS) orgs.push(await services.organisations.create(SYSTEM, city, { ...org }))
  await seedDemoSpine(services, city)
  await seedDemoBadges(services, city, orgs)
  const shareUrl = await seedDemoLearners(services, city)
  await seedDemoOpportunities(services, city, orgs.map((o) => o.id))
  await seedDemoPathways(services, city, orgs)
  const { token } = await services.apiKeys.issue({ role: 'platform-admin', name: 'demo admin (created on first start)' })
  return { created: true, adminKey: token, ...(shareUrl ? { shareUrl } : {}) }
}
