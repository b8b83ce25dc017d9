import type { Principal } from './domain/access/auth.js'
import type { OpportunityInput } from './domain/opportunities/opportunities.js'
import type { Services } from './domain/services.js'
import type { CityRow } from './db/types.js'
import { inWelshToo } from './demo-welsh.js'
import { DEMO_CENTRE } from './demo-opportunities.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

const badgeSvg = (label: string, colour: string): string => 'data:image/svg+xml;base64,' + Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><rect x="16" y="16" width="224" height="224" rx="40" fill="${colour}"/>` +
  `<path d="M60 150 L110 190 L196 80" fill="none" stroke="#ffffff" stroke-width="14"/><text x="128" y="60" font-size="24" text-anchor="middle" fill="#ffffff" font-family="sans-serif">${label}</text></svg>`,
).toString('base64')

type Level = 'engagement' | 'participation' | 'demonstration' | 'leadership'
interface DemoPathway {
  org: string; title: string; description: string; destinations: string[]; themes: string[]
  /** Badge class names, all required (the tree is `all` of `badge` leaves). */
  badges: string[]
  completion: { name: string; label: string; colour: string; elements: string[]; level: Level; destinations: string[] }
  unlock: { kind: OpportunityInput['kind']; title: string; description: string; days: number; capacity: number; places: number; ageBands: Array<'13-15' | '16-18' | '19-24'> }
}

/** The three recommended pathways (issue #10 item 10), each ending in an opportunity it unlocks. */
export const DEMO_PATHWAYS: DemoPathway[] = [
  {
    org: 'Brightwater Engineering', title: 'Route to a digital apprenticeship',
    description: 'Make something digital, learn to code and try a week in engineering: then Brightwater interviews you for its digital apprenticeship.',
    destinations: ['employment.brightwater-apprenticeship'], themes: ['sector.engineering'],
    badges: ['Digital Maker', 'Coding Foundations', 'Engineering Work Taster'],
    completion: { name: 'Digital Apprenticeship Ready', label: 'Ready', colour: '#1a5276', elements: ['col.digital', 'city.stem', 'strategic.work-readiness'], level: 'demonstration', destinations: ['employment.brightwater-apprenticeship'] },
    unlock: { kind: 'interview', title: 'Digital apprenticeship interview — Brightwater Engineering', description: 'A guaranteed interview for the two-year **digital apprenticeship** (Level 3), with a mentor to help you prepare.', days: 14, capacity: 6, places: 6, ageBands: ['16-18', '19-24'] },
  },
  {
    org: 'Harbourside College', title: 'Into Level 2 engineering at Harbourside',
    description: 'Four badges that show you are ready for the college’s Level 2 engineering course; completing them holds you a place.',
    destinations: ['education.harbourside-engineering-l2'], themes: ['sector.engineering'],
    badges: ['Engineering Work Taster', 'Site Safety', 'Coding Foundations', 'Digital Maker'],
    completion: { name: 'Engineering Course Ready', label: 'L2 Ready', colour: '#0e6655', elements: ['city.stem.engineering', 'core.skills.practical-physical', 'strategic.harbourside-l2-engineering'], level: 'demonstration', destinations: ['education.harbourside-engineering-l2'] },
    unlock: { kind: 'course', title: 'Level 2 Engineering — a reserved course place', description: 'A reserved place on the **Level 2 Engineering** course starting in September at Harbourside College.', days: 21, capacity: 12, places: 12, ageBands: ['16-18', '19-24'] },
  },
  {
    org: 'Northgate Youth Club', title: 'A seat on the youth council',
    description: 'Look after yourself and others, then lead: the youth council keeps seats for young people who complete this route.',
    destinations: ['civic-engagement'], themes: ['civic', 'wellbeing'],
    badges: ['Wellbeing Champion', 'Youth Voice Leader'],
    completion: { name: 'Youth Council Ready', label: 'Council', colour: '#6c3483', elements: ['col.civic-global', 'col.interpersonal-social-emotional', 'city.confidence'], level: 'leadership', destinations: ['civic-engagement'] },
    unlock: { kind: 'volunteering', title: 'Youth council seat — Northgate ward', description: 'A seat on the city’s **youth council** for a year: monthly meetings and one campaign of your own.', days: 10, capacity: 4, places: 4, ageBands: ['13-15', '16-18', '19-24'] },
  },
]

export const DEMO_INTEREST_PATHWAY = { title: 'Curating digital heritage', badges: ['Young Curator', 'Digital Maker', 'Coding Foundations'] }

/**
 * Pathways in the demo city, seeded through the services like the rest: for each recommended pathway its completion
 * badge class (approved, aligned to the spine) and the published opportunity it unlocks (with places), the pathway
 * published; one interest pathway made by Dev; and learners at three stages: Amira completes the apprenticeship
 * route (and, having consented to contact, is offered the interview), Ben is halfway into the college route, and
 * Amira has just started the youth-council route. Progress is then kept by the event processors.
 */
export async function seedDemoPathways (services: Services, city: CityRow, organisations: ReadonlyArray<{ id: string; name: string }>, now = new Date()): Promise<string[]> {
  const orgId = (name: string): string => organisations.find((o) => o.name === name)!.id
  const classes = (await services.badgeClasses.list(city, { status: 'approved', limit: 100 })).items
  const klass = (name: string): string => classes.find((c) => c.name === name)!.id
  const learner = async (ref: string): Promise<string> => (await services.learners.list(SYSTEM, city, { externalRef: `demo-app:${ref}`, limit: 1 })).items[0]!.id
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 10)

  const ids: string[] = []
  for (const [i, d] of DEMO_PATHWAYS.entries()) {
    const badge = await services.badgeClasses.create(SYSTEM, city, {
      organisationId: orgId(d.org), name: d.completion.name, description: `Completed the pathway “${d.title}”.`, image: badgeSvg(d.completion.label, d.completion.colour),
      criteria: { narrative: `Complete the pathway “${d.title}”: earn ${d.badges.map((b) => `*${b}*`).join(', ')}.` }, tags: ['pathway'], language: 'en-GB',
      spine: { elements: d.completion.elements, level: d.completion.level, dimensions: ['skills', 'attitudes-values'] }, themes: d.themes, destinations: d.completion.destinations,
    })
    await services.badgeClasses.submit(SYSTEM, city, badge.id)
    await services.badgeClasses.approve(SYSTEM, city, badge.id)
    const sessionStart = new Date(start + d.unlock.days * 86_400_000)
    const opportunity = await services.opportunities.create(SYSTEM, city, {
      organisationId: orgId(d.org), kind: d.unlock.kind, title: inWelshToo(d.unlock.title), description: d.unlock.description,
      place: { lat: DEMO_CENTRE.lat + 0.002 * (i + 1), lon: DEMO_CENTRE.lon - 0.003 * (i + 1), address: `${10 + i} Harbourside, Bristol`, postcode: 'BS1 5AB', area: 'harbourside' },
      online: false, ageRange: { min: d.unlock.ageBands.includes('13-15') ? 13 : 16, max: 24 }, cost: { free: true },
      themes: d.themes, destinations: d.destinations, spine: { elements: d.completion.elements, level: d.completion.level }, language: 'en',
      sessions: [{ start: sessionStart.toISOString(), end: new Date(sessionStart.getTime() + 2 * 3_600_000).toISOString(), capacity: d.unlock.capacity }],
    })
    await services.opportunities.publish(SYSTEM, city, opportunity.id)
    const pathway = await services.pathways.create(SYSTEM, city, {
      kind: 'recommended', organisationId: orgId(d.org), title: inWelshToo(d.title), description: inWelshToo(d.description), destinations: d.destinations, themes: d.themes,
      requirements: { type: 'all', children: d.badges.map((b) => ({ type: 'badge', badgeClassId: klass(b) })) },
      completionBadgeClassId: badge.id, unlocks: { opportunityId: opportunity.id, capacity: d.unlock.places, eligibility: { ageBands: d.unlock.ageBands } },
    })
    await services.pathways.publish(SYSTEM, city, pathway.id)
    ids.push(pathway.id)
  }
  const [apprenticeship, college, council] = ids as [string, string, string]

  const [amira, ben, dev] = [await learner('amira'), await learner('ben'), await learner('dev')]
  const award = async (learnerId: string, name: string): Promise<void> => {
    await services.awards.issue(SYSTEM, city, { badgeClassId: klass(name), recipient: { learnerId }, idempotencyKey: `demo-pathway-${learnerId}-${name}` })
  }
  // Amira follows first, then earns her last badge: the workers complete her, award the completion badge and offer her
  // the interview (she consented to contact). Ben holds two of the college route's four badges; Amira has just started
  // the youth-council route.
  await services.pathways.follow(SYSTEM, city, apprenticeship, amira)
  await award(amira, 'Coding Foundations')
  await award(ben, 'Site Safety')
  await services.pathways.follow(SYSTEM, city, college, ben)
  await services.pathways.follow(SYSTEM, city, council, amira)

  // Dev's own interest pathway: two of its three badges are his already.
  const interest = await services.pathways.create(SYSTEM, city, {
    kind: 'interest', learnerId: dev, title: DEMO_INTEREST_PATHWAY.title, description: 'My own route: heritage, making, then code.',
    destinations: ['education'], requirements: { type: 'all', children: DEMO_INTEREST_PATHWAY.badges.map((b) => ({ type: 'badge', badgeClassId: klass(b) })) },
  })
  await services.pathways.publish(SYSTEM, city, interest.id)
  await services.pathways.follow(SYSTEM, city, interest.id, dev)
  return [...ids, interest.id]
}
