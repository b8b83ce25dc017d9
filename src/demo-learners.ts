import type { Principal } from './domain/access/auth.js'
import type { Services } from './domain/services.js'
import type { CityRow } from './db/types.js'

const SYSTEM: Principal = { keyId: 'system', role: 'platform-admin', cityId: null, organisationId: null }

/**
 * Demo learners (issue #8): one per situation a newcomer should see — a 16-18 learner whose verified email links
 * the demo awards made to it (two accepted, shared as a link), a 19-24 learner with an unverified email and a
 * pending award, an under-13 with a guardian (consent pending), and an adult with a named collection.
 * Returns the share URL (printed at first start).
 */
export async function seedDemoLearners (services: Services, city: CityRow): Promise<string | undefined> {
  const classes = (await services.badgeClasses.list(city, { status: 'approved', limit: 100 })).items
  const klass = (name: string): string => classes.find((c) => c.name === name)!.id
  const award = async (learnerId: string, name: string): Promise<string> =>
    (await services.awards.issue(SYSTEM, city, { badgeClassId: klass(name), recipient: { learnerId }, idempotencyKey: `demo-learner-${learnerId}-${name}` })).award.id

  // Amira: the demo awards to amira@learners.example.org link to her as soon as her email is verified.
  const amira = await services.learners.create(SYSTEM, city, {
    ageBand: '16-18', area: 'LS6', externalRefs: [{ platform: 'demo-app', ref: 'amira' }],
    identifiers: [{ type: 'email', value: 'amira@learners.example.org', verified: true }], consents: { sharing: true, contact: true },
  })
  const linked = (await services.backpack.list(SYSTEM, city, amira.id, { limit: 100 })).items
  for (const item of linked.filter((i) => !i.revoked).slice(0, 2)) await services.backpack.decide(SYSTEM, city, amira.id, item.awardId, 'accepted')
  const shared = linked.filter((i) => !i.revoked).slice(0, 2).map((i) => i.awardId)
  const share = shared.length ? await services.shares.create(SYSTEM, city, amira.id, { awardIds: shared }) : undefined

  // Ben: an unverified email (awards to it stay unlinked until he verifies it) and a pending award by id.
  const ben = await services.learners.create(SYSTEM, city, {
    ageBand: '19-24', area: 'M1', externalRefs: [{ platform: 'demo-app', ref: 'ben' }],
    identifiers: [{ type: 'email', value: 'ben@learners.example.org' }],
  })
  await award(ben.id, 'Engineering Work Taster')

  // Chloe: under 13, created with her guardian's email; the guardian has not consented yet.
  const chloe = await services.learners.create(SYSTEM, city, {
    ageBand: 'under-13', area: 'LS6', externalRefs: [{ platform: 'demo-app', ref: 'chloe' }], guardian: { email: 'guardian.of.chloe@learners.example.org' },
  })
  await award(chloe.id, 'Digital Maker')

  // Dev: an adult with accepted awards in a named collection.
  const dev = await services.learners.create(SYSTEM, city, { ageBand: '25-plus', externalRefs: [{ platform: 'demo-app', ref: 'dev' }] })
  const devAwards = [await award(dev.id, 'Young Curator'), await award(dev.id, 'Digital Maker')]
  for (const id of devAwards) await services.backpack.decide(SYSTEM, city, dev.id, id, 'accepted')
  await services.backpack.createCollection(SYSTEM, city, dev.id, { name: 'Making and heritage', awardIds: devAwards })
  return share?.url
}
