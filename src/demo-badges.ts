import type { Principal } from './domain/access/auth.js'
import type { Services } from './domain/services.js'
import { inWelshToo } from './demo-welsh.js'
import type { CityRow } from './db/types.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

const badgeSvg = (label: string, colour: string): string => 'data:image/svg+xml;base64,' + Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><circle cx="128" cy="128" r="120" fill="${colour}"/>` +
  `<circle cx="128" cy="128" r="100" fill="none" stroke="#ffffff" stroke-width="6"/><text x="128" y="138" font-size="26" text-anchor="middle" fill="#ffffff" font-family="sans-serif">${label}</text></svg>`,
).toString('base64')

type Spine = { elements: string[]; level: 'engagement' | 'participation' | 'demonstration' | 'leadership'; dimensions: Array<'knowledge' | 'skills' | 'attitudes-values'> }
interface DemoClass {
  org: string; name: string; label: string; colour: string; description: string
  criteria: { narrative: string; url?: string }
  tags: string[]; expiry?: { type: 'duration'; duration: string }
  spine: Spine; themes: string[]; destinations: string[]
  /** Three learners get it (one award revoked for the museum), as every OB document should be on show. */
  awarded?: boolean
}

// Spread over the grid and every layer, so that the catalogue and the coverage grid have something to show
// (and gaps: leadership in knowledge, for one).
const CLASSES: DemoClass[] = [
  {
    org: 'Northgate Youth Club', name: 'Digital Maker', label: 'Maker', colour: '#1d6fa5', awarded: true,
    description: 'Designed, built and shared a digital project at the club.',
    criteria: { narrative: 'Plan a digital project, build it over at least four sessions, and **show it** to the club.' },
    tags: ['digital', 'making'], expiry: { type: 'duration', duration: 'P2Y' },
    spine: { elements: ['col.digital', 'col.creative-entrepreneurial'], level: 'participation', dimensions: ['skills', 'knowledge'] },
    themes: [], destinations: ['education', 'enterprise'],
  },
  {
    org: 'City Museum', name: 'Young Curator', label: 'Curator', colour: '#7a3e9d', awarded: true,
    description: 'Researched objects and co-curated a display for the public.',
    criteria: { narrative: 'Research three objects in the collection and write the labels for a public display.' },
    tags: ['heritage', 'civic'],
    spine: { elements: ['city.heritage', 'col.civic-global'], level: 'demonstration', dimensions: ['knowledge', 'attitudes-values'] },
    themes: ['civic'], destinations: ['civic-engagement'],
  },
  {
    org: 'Brightwater Engineering', name: 'Engineering Work Taster', label: 'Engineer', colour: '#c0392b', awarded: true,
    description: 'Completed a week-long engineering work taster, including a safety induction and a team build.',
    criteria: { narrative: 'Attend all five days, pass the safety induction, and contribute to the team build.', url: 'https://brightwater.example.com/tasters' },
    tags: ['employment', 'engineering'], expiry: { type: 'duration', duration: 'P1Y' },
    spine: { elements: ['city.stem.engineering', 'col.ethic-of-craft-business-awareness', 'strategic.harbourside-l2-engineering'], level: 'engagement', dimensions: ['skills', 'knowledge'] },
    themes: ['sector.engineering'], destinations: ['employment.brightwater-apprenticeship', 'education.harbourside-engineering-l2'],
  },
  {
    org: 'Northgate Youth Club', name: 'Youth Voice Leader', label: 'Voice', colour: '#16a085',
    description: 'Represented young people on the youth council and led a campaign with them.',
    criteria: { narrative: 'Sit on the youth council for a term and lead one campaign from idea to result.' },
    tags: ['civic', 'leadership'],
    spine: { elements: ['col.interpersonal-social-emotional', 'city.confidence', 'core.transformative.taking-responsibility'], level: 'leadership', dimensions: ['attitudes-values', 'skills'] },
    themes: ['civic', 'wellbeing'], destinations: ['civic-engagement'],
  },
  {
    org: 'Northgate Youth Club', name: 'Wellbeing Champion', label: 'Wellbeing', colour: '#d35400',
    description: 'Took part in the club’s wellbeing programme and helped others join in.',
    criteria: { narrative: 'Join six wellbeing sessions and bring a friend to one of them.' },
    tags: ['wellbeing'],
    spine: { elements: ['city.health-wellbeing', 'city.resilience', 'core.skills.social-emotional'], level: 'participation', dimensions: ['attitudes-values'] },
    themes: ['wellbeing'], destinations: [],
  },
  {
    org: 'Brightwater Engineering', name: 'Site Safety', label: 'Safety', colour: '#7f8c8d',
    description: 'Showed safe working on a supervised construction site.',
    criteria: { narrative: 'Work safely for two supervised days on site, using the right protective equipment.' },
    tags: ['construction', 'safety'],
    spine: { elements: ['core.skills.practical-physical', 'col.ethic-of-craft-business-awareness', 'strategic.work-readiness'], level: 'demonstration', dimensions: ['skills'] },
    themes: ['sector.construction'], destinations: ['employment'],
  },
  {
    org: 'Harbourside College', name: 'Coding Foundations', label: 'Code', colour: '#2c3e50',
    description: 'Wrote, tested and explained small programs in a college taster course.',
    criteria: { narrative: 'Complete the six-week taster and explain one of your programs to the group.' },
    tags: ['coding', 'digital'],
    spine: { elements: ['city.stem', 'col.digital', 'core.skills.cognitive-metacognitive'], level: 'demonstration', dimensions: ['knowledge', 'skills'] },
    themes: ['sector.engineering'], destinations: ['education.harbourside-engineering-l2'],
  },
]

const LEARNERS = ['amira@learners.example.org', 'ben@learners.example.org', 'chloe@learners.example.org']

/**
 * Approved badge classes aligned to the spine (see demo-spine.ts), awards (one revoked) and a college's endorsement
 * of an employer's badge, so that a fresh `npm start` shows every OB document, the catalogue and the coverage grid.
 * Returns the hosted URL of one award.
 */
export async function seedDemoBadges (services: Services, city: CityRow, organisations: ReadonlyArray<{ id: string; name: string }>): Promise<string | undefined> {
  const orgId = (name: string): string => organisations.find((o) => o.name === name)!.id
  let sample: string | undefined
  for (const c of CLASSES) {
    const created = await services.badgeClasses.create(SYSTEM, city, {
      organisationId: orgId(c.org), name: inWelshToo(c.name, 'en-GB'), description: inWelshToo(c.description, 'en-GB'), image: badgeSvg(c.label, c.colour),
      criteria: { ...c.criteria, ...(c.criteria.narrative !== undefined ? { narrative: inWelshToo(c.criteria.narrative, 'en-GB') } : {}) }, tags: c.tags, expiry: c.expiry, language: 'en-GB',
      spine: c.spine, themes: c.themes, destinations: c.destinations,
    })
    await services.badgeClasses.submit(SYSTEM, city, created.id)
    await services.badgeClasses.approve(SYSTEM, city, created.id)
    if (c.awarded !== true) continue
    for (const [i, email] of LEARNERS.entries()) {
      const { award } = await services.awards.issue(SYSTEM, city, {
        badgeClassId: created.id, recipient: { type: 'email', identity: email },
        evidence: [{ narrative: `${c.name}: evidence recorded by ${c.org}.` }], idempotencyKey: `demo-${created.id}-${i}`,
      })
      sample ??= award.links.assertion
      if (c.org === 'City Museum' && i === 2) await services.awards.revoke(SYSTEM, city, award.id, 'Awarded in error (demo)')
    }
    if (c.org === 'Brightwater Engineering') {
      await services.endorsements.create(SYSTEM, city, {
        organisationId: orgId('Harbourside College'), subject: { type: 'badge-class', id: created.id },
        comment: 'Harbourside College has reviewed this work taster and recognises it towards its Level 2 engineering course.',
      })
    }
  }
  return sample
}
