import type { CityRow } from './db/types.js'
import type { Principal } from './domain/access/auth.js'
import { inWelshToo } from './demo-welsh.js'
import type { Services } from './domain/services.js'

// The demo city's own spine layers on top of the defaults (universal core, Cities of Learning layer, grid,
// themes, destinations): local domains and dispositions, a local formal framework, a local sector theme and named
// destinations, so that every layer, theme kind and destination kind has something in it.

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

type Seed = { code: string; layer: 'city' | 'strategic'; title: string; description: string; kind: 'domain' | 'skill' | 'disposition' | 'framework-item'; parentCode?: string }

const ELEMENTS: Seed[] = [
  { code: 'city.stem', layer: 'city', kind: 'domain', title: 'STEM', description: 'Science, technology, engineering and maths, in and out of school.' },
  { code: 'city.stem.engineering', layer: 'city', kind: 'skill', parentCode: 'city.stem', title: 'Engineering practice', description: 'Planning, building and testing things safely with others, as engineers do.' },
  { code: 'city.health-wellbeing', layer: 'city', kind: 'domain', title: 'Health and wellbeing', description: 'Looking after mental and physical health, one’s own and other people’s.' },
  { code: 'city.heritage', layer: 'city', kind: 'domain', title: 'Local heritage and culture', description: 'The history, collections, places and stories of the city.' },
  { code: 'city.resilience', layer: 'city', kind: 'disposition', title: 'Resilience', description: 'Keeping going and recovering when things are hard.' },
  { code: 'city.confidence', layer: 'city', kind: 'disposition', title: 'Confidence', description: 'Trying new things and speaking up, in groups and in public.' },
  { code: 'strategic.harbourside-l2-engineering', layer: 'strategic', kind: 'framework-item', title: 'Harbourside College Level 2 Engineering: entry skills', description: 'What the college looks for in applicants to its Level 2 engineering course.' },
  { code: 'strategic.work-readiness', layer: 'strategic', kind: 'framework-item', title: 'Local work-readiness standard', description: 'The skills local employers agreed to look for in young applicants.' },
]

export const DEMO_THEMES = [
  { code: 'sector.engineering', kind: 'sector', title: 'Engineering and manufacturing', industryCode: 'uk-sic-2007:C', description: 'Knowledge and skills towards engineering jobs and courses in the city.' },
]

export const DEMO_DESTINATIONS = [
  { code: 'education.harbourside-engineering-l2', kind: 'education', title: 'Level 2 Engineering at Harbourside College', description: 'A one-year college course, a route to apprenticeships.' },
  { code: 'employment.brightwater-apprenticeship', kind: 'employment', title: 'Engineering apprenticeship at Brightwater', description: 'Brightwater Engineering offers interviews to young people with its work taster badge.' },
]

/** Adds the demo city's layers, theme and destinations (the city has the default spine already). */
export async function seedDemoSpine (services: Services, city: CityRow): Promise<void> {
  // In English and Welsh (the demo city's locales).
  const both = <T extends { title: string; description: string }>(x: T) => ({ ...x, title: inWelshToo(x.title), description: inWelshToo(x.description) })
  for (const e of ELEMENTS) await services.spine.createElement(SYSTEM, city, both(e))
  for (const t of DEMO_THEMES) await services.themes.create(SYSTEM, city, both(t))
  for (const d of DEMO_DESTINATIONS) await services.destinations.create(SYSTEM, city, both(d))
}
