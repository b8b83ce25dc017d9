import type { Principal } from './domain/auth.js'
import type { Services } from './domain/services.js'
import type { CityRow } from './db/types.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

const badgeSvg = (label: string, colour: string): string => 'data:image/svg+xml;base64,' + Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><circle cx="128" cy="128" r="120" fill="${colour}"/>` +
  `<circle cx="128" cy="128" r="100" fill="none" stroke="#ffffff" stroke-width="6"/><text x="128" y="138" font-size="26" text-anchor="middle" fill="#ffffff" font-family="sans-serif">${label}</text></svg>`,
).toString('base64')

const CLASSES = [
  {
    org: 'Northgate Youth Club', name: 'Digital Maker', label: 'Maker', colour: '#1d6fa5',
    description: 'Designed, built and shared a digital project at the club.',
    criteria: { narrative: 'Plan a digital project, build it over at least four sessions, and **show it** to the club.' },
    tags: ['digital', 'making'], expiry: { type: 'duration' as const, duration: 'P2Y' },
    alignments: [{ targetName: 'Digital', targetUrl: 'https://citiesoflearning.example.org/spine/digital', targetFramework: 'Cities of Learning skills spine' }],
  },
  {
    org: 'City Museum', name: 'Young Curator', label: 'Curator', colour: '#7a3e9d',
    description: 'Researched objects and co-curated a display for the public.',
    criteria: { narrative: 'Research three objects in the collection and write the labels for a public display.' },
    tags: ['heritage', 'civic'],
  },
  {
    org: 'Brightwater Engineering', name: 'Engineering Work Taster', label: 'Engineer', colour: '#c0392b',
    description: 'Completed a week-long engineering work taster, including a safety induction and a team build.',
    criteria: { narrative: 'Attend all five days, pass the safety induction, and contribute to the team build.', url: 'https://brightwater.example.com/tasters' },
    tags: ['employment', 'engineering'], expiry: { type: 'duration' as const, duration: 'P1Y' },
  },
]

const LEARNERS = ['amira@learners.example.org', 'ben@learners.example.org', 'chloe@learners.example.org']

/**
 * Approved badge classes, awards (one revoked) and a college's endorsement of an employer's badge, so that a
 * fresh `npm start` shows every OB 2.0 document. Returns the hosted URL of one award.
 */
export async function seedDemoBadges (services: Services, city: CityRow, organisations: ReadonlyArray<{ id: string; name: string }>): Promise<string | undefined> {
  const orgId = (name: string): string => organisations.find((o) => o.name === name)!.id
  let sample: string | undefined
  for (const c of CLASSES) {
    const created = await services.badgeClasses.create(SYSTEM, city, {
      organisationId: orgId(c.org), name: c.name, description: c.description, image: badgeSvg(c.label, c.colour),
      criteria: c.criteria, tags: c.tags, alignments: c.alignments, expiry: c.expiry, language: 'en-GB',
    })
    await services.badgeClasses.submit(SYSTEM, city, created.id)
    await services.badgeClasses.approve(SYSTEM, city, created.id)
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
