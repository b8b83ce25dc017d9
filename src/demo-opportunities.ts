import type { Principal } from './domain/access/auth.js'
import type { OpportunityInput, TranslatableOpportunityInput } from './domain/opportunities/opportunities.js'
import type { Services } from './domain/services.js'
import { welshOf } from './demo-welsh.js'
import type { CityRow } from './db/types.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

/** The demo city's centre: Bristol's harbourside, so that a search near it returns a useful list. */
export const DEMO_CENTRE = { lat: 51.4545, lon: -2.5879 }
export const DEMO_OPPORTUNITIES = 220

const AREAS = ['central', 'harbourside', 'clifton', 'redland', 'st-pauls', 'easton', 'bedminster', 'southville', 'knowle', 'fishponds']
const TOPICS: Array<{ kind: OpportunityInput['kind']; title: string; themes: string[]; destinations: string[]; elements: string[]; level: string }> = [
  { kind: 'activity', title: 'Robotics club', themes: ['civic'], destinations: ['education'], elements: ['col.digital'], level: 'participation' },
  { kind: 'activity', title: 'Street dance', themes: ['wellbeing'], destinations: ['civic-engagement'], elements: ['core.skills.practical-physical'], level: 'engagement' },
  { kind: 'course', title: 'Coding for beginners', themes: ['civic'], destinations: ['education', 'employment'], elements: ['col.digital'], level: 'participation' },
  { kind: 'volunteering', title: 'Park clean-up crew', themes: ['civic'], destinations: ['civic-engagement'], elements: ['col.civic-global'], level: 'participation' },
  { kind: 'event', title: 'Harbour heritage walk', themes: ['civic'], destinations: ['civic-engagement'], elements: ['col.civic-global'], level: 'engagement' },
  { kind: 'activity', title: 'Young curators', themes: ['civic'], destinations: ['education'], elements: ['core.knowledge'], level: 'demonstration' },
  { kind: 'course', title: 'First aid certificate', themes: ['wellbeing'], destinations: ['employment'], elements: ['core.skills.social-emotional'], level: 'demonstration' },
  { kind: 'apprenticeship', title: 'Engineering apprenticeship', themes: ['sector.construction'], destinations: ['employment'], elements: ['col.ethic-of-craft-business-awareness'], level: 'leadership' },
  { kind: 'internship', title: 'Summer design internship', themes: ['civic'], destinations: ['employment'], elements: ['col.creative-entrepreneurial'], level: 'demonstration' },
  { kind: 'activity', title: 'Climbing wall taster', themes: ['wellbeing'], destinations: ['civic-engagement'], elements: ['core.skills.practical-physical'], level: 'engagement' },
  { kind: 'event', title: 'Enterprise pitch night', themes: ['civic'], destinations: ['enterprise'], elements: ['col.creative-entrepreneurial'], level: 'leadership' },
  { kind: 'interview', title: 'Mock interview day', themes: ['civic'], destinations: ['employment'], elements: ['col.interpersonal-social-emotional'], level: 'participation' },
]

/** A deterministic pseudo-random sequence (mulberry32): the same demo on every machine. */
function random (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** 220 published opportunities within ~7 km of the centre, with sessions over the coming weeks (weekly ones by RRULE). */
export async function seedDemoOpportunities (services: Services, city: CityRow, organisationIds: readonly string[], now = new Date()): Promise<number> {
  const rnd = random(9)
  const kmLat = 1 / 111.32
  const kmLon = 1 / (111.32 * Math.cos(DEMO_CENTRE.lat * Math.PI / 180))
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 0))
  let made = 0
  for (let i = 0; i < DEMO_OPPORTUNITIES; i++) {
    const topic = TOPICS[i % TOPICS.length]!
    const area = AREAS[Math.floor(rnd() * AREAS.length)]!
    // Denser near the centre: distance ~ r², up to 7 km.
    const r = 7 * rnd() * rnd()
    const angle = rnd() * 2 * Math.PI
    const lat = Number((DEMO_CENTRE.lat + r * Math.sin(angle) * kmLat).toFixed(5))
    const lon = Number((DEMO_CENTRE.lon + r * Math.cos(angle) * kmLon).toFixed(5))
    const dayOffset = Math.floor(rnd() * 21)
    const hour = 9 + Math.floor(rnd() * 10)
    const start = new Date(monday.getTime() + dayOffset * 86_400_000 + hour * 3_600_000)
    const capacity = 8 + Math.floor(rnd() * 25)
    const free = rnd() < 0.7
    const online = rnd() < 0.1
    const minAge = [11, 14, 16, 18][Math.floor(rnd() * 4)]!
    const weekly = topic.kind === 'activity' || topic.kind === 'course'
    const input: TranslatableOpportunityInput = {
      organisationId: organisationIds[i % organisationIds.length]!,
      kind: topic.kind,
      title: welshOf(topic.title) !== undefined ? { en: `${topic.title} — ${area.replace(/-/g, ' ')}`, cy: `${welshOf(topic.title)!} — ${area.replace(/-/g, ' ')}` } : `${topic.title} — ${area.replace(/-/g, ' ')}`,
      description: `A **${topic.kind}** in ${area.replace(/-/g, ' ')}. All welcome; no experience needed.`,
      place: { lat, lon, address: `${1 + Math.floor(rnd() * 200)} ${area.replace(/-/g, ' ')} Road, Bristol`, postcode: `BS${1 + Math.floor(rnd() * 16)} ${Math.floor(rnd() * 9)}AB`, area },
      online,
      ageRange: { min: minAge, max: minAge + 10 },
      cost: free ? { free: true } : { free: false, amount: 2 + Math.floor(rnd() * 10), currency: 'GBP' },
      themes: topic.themes,
      destinations: topic.destinations,
      spine: { elements: topic.elements, level: topic.level },
      accessibility: rnd() < 0.5 ? 'Step-free access; quiet room available.' : undefined,
      bookingUrl: 'https://example.org/book',
      language: 'en',
      ...(weekly
        ? { schedule: { rrule: 'FREQ=WEEKLY;COUNT=6', start: start.toISOString(), durationMinutes: 90, capacity } }
        : topic.kind === 'apprenticeship' || topic.kind === 'internship'
          ? { sessions: [] }
          : { sessions: [{ start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString(), capacity }] }),
    }
    const o = await services.opportunities.create(SYSTEM, city, input)
    await services.opportunities.publish(SYSTEM, city, o.id)
    made++
  }
  return made
}
