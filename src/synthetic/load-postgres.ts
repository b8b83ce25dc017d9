/**
 * Loads a synthetic city (src/synthetic/city.ts) into the database, for benchmarks and tests (pathways, insights).
 *
 * The few, rich entities go through the domain services, so they are exactly what the API makes: the city (with its
 * spine), organisations, their signing keys, badge classes (created, submitted, approved: alignments, selections,
 * OB 3.0 alignment objects), opportunities with sessions (published). The many go in directly, in batches of
 * multi-row `INSERT … SELECT FROM unnest(…)`, as rows the services read like their own: learners, awards linked to
 * them (recipient = the learner's salted, hashed pseudonym, as the award service writes it), pathways with their
 * first version (published) and followers. No outbox events are written for the bulk rows and no progress rows:
 * `reconcile` (or the benchmark) computes those.
 *
 * Ids are deterministic per load: a random 60-bit salt of this load, a kind and the synthetic index make a UUID,
 * so `ids.learner(i)` / `ids.award(i)` map synthetic entities to rows without keeping a million-entry map.
 */
import { createHash, randomBytes } from 'node:crypto'
import pino from 'pino'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/types.js'
import type { Principal } from '../domain/access/auth.js'
import { createServices } from '../domain/services.js'
import { encryptPrivateKey } from '../domain/keys/keys.js'
import { hashIdentity, newSalt } from '../ob/hash.js'
import type { OpportunityKind } from '../db/opportunities/opportunities.types.js'
import type { RequirementNode } from '../pathways/tree.js'
import { syntheticCity, type SyntheticCity, type SyntheticCityOptions, type SyntheticLearner, type SyntheticOpportunity } from './city.js'

export interface LoadOptions extends SyntheticCityOptions {
  /** Slug of the city to create (default `synthetic-<seed>-<random>`). */
  citySlug?: string
  /** The key-encryption key of the service that will read the city (signing keys, guardian emails); default random. */
  keyEncryptionKey?: Buffer
  /** The public base URL (only used by the services while loading). */
  publicUrl?: string
  /** Rows per INSERT (default 10,000). */
  batchSize?: number
  /** Share of learners with the opportunities-contact consent (default 0.6). */
  contactConsent?: number
  /** Called after each batch (progress of a long load). */
  onProgress?: (what: string, done: number) => void
}

export interface LoadedCity {
  cityId: string
  citySlug: string
  counts: { organisations: number; badgeClasses: number; learners: number; awards: number; pathways: number; followings: number; opportunities: number; sessions: number }
  /** Synthetic id -> row id. */
  ids: {
    organisation: (syntheticId: string) => string
    badgeClass: (syntheticId: string) => string
    opportunity: (syntheticId: string) => string
    pathway: (syntheticId: string) => string
    /** By synthetic index (`ln-<i>` -> learner(i)). */
    learner: (index: number) => string
    award: (index: number) => string
  }
  city: SyntheticCity
}

const SYSTEM: Principal = { keyId: 'synthetic', role: 'platform-admin', cityId: null, organisationId: null }
// A 1x1 PNG: every synthetic badge class shares the look.
const PNG_URI = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
const OPP_KIND: Record<SyntheticOpportunity['kind'], OpportunityKind> = { workshop: 'activity', course: 'course', volunteering: 'volunteering', interview: 'interview', event: 'event' }
const ORG_KIND: Record<string, string> = { school: 'school', college: 'college', youth: 'charity', employer: 'employer', museum: 'cultural', council: 'council' }
const KIND_CODE = { learner: '001', pseudonym: '002', award: '003', pathway: '004' } as const

/** The learner model's age band for a synthetic learner's age. */
export function ageBandOf (age: number): 'under-13' | '13-15' | '16-18' | '19-24' | '25-plus' {
  if (age < 13) return 'under-13'
  if (age <= 15) return '13-15'
  if (age <= 18) return '16-18'
  if (age <= 24) return '19-24'
  return '25-plus'
}

export async function loadSyntheticCity (db: Kysely<DB>, opts: LoadOptions): Promise<LoadedCity> {
  const city = syntheticCity(opts)
  const kek = opts.keyEncryptionKey ?? randomBytes(32)
  const batch = opts.batchSize ?? 10_000
  const progress = opts.onProgress ?? (() => {})
  const services = createServices({ db, clock: () => new Date(), publicUrl: opts.publicUrl ?? 'http://localhost', eventsWritten: () => {}, keyEncryptionKey: kek }, pino({ level: 'silent' }))
  const salt = randomBytes(8).toString('hex').slice(0, 15)
  const uuidOf = (kind: keyof typeof KIND_CODE, i: number) =>
    `${salt.slice(0, 8)}-${salt.slice(8, 12)}-4${salt.slice(12, 15)}-8${KIND_CODE[kind]}-${i.toString(16).padStart(12, '0')}`
  const indexOf = (syntheticId: string) => Number(syntheticId.slice(syntheticId.lastIndexOf('-') + 1))

  const slug = opts.citySlug ?? `synthetic-${opts.seed}-${randomBytes(3).toString('hex')}`
  const created = await services.cities.create(SYSTEM, { slug, name: `Synthetic city ${opts.seed}` })
  const cityRow = (await db.selectFrom('cities').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow())

  // Organisations and their signing keys (one RSA key each, made as the award service would on first use).
  const orgIds = new Map<string, string>()
  for (const o of city.organisations) {
    const org = await services.organisations.create(SYSTEM, cityRow, { name: o.name, url: `https://${o.id}.synthetic.example.org`, email: `badges@${o.id}.synthetic.example.org`, kind: ORG_KIND[o.kind] ?? 'other' })
    orgIds.set(o.id, org.id)
    await services.keys.activeKey(cityRow.id, org.id)
  }
  const keyOf = new Map((await db.selectFrom('signing_keys').select(['organisation_id', 'id']).where('city_id', '=', cityRow.id).execute()).map((k) => [k.organisation_id, k.id]))

  // Badge classes through the full life cycle, so the catalogue, spine coverage and OB documents see them.
  const classIds = new Map<string, string>()
  for (const b of city.badgeClasses) {
    const k = await services.badgeClasses.create(SYSTEM, cityRow, {
      organisationId: orgIds.get(b.organisationId)!, name: b.name, description: `${b.name}: a synthetic badge.`, image: PNG_URI,
      criteria: { narrative: `Earn ${b.name}.` }, spine: { elements: b.spine.elements, level: b.spine.level, dimensions: b.spine.dimensions }, themes: b.themes,
    } as never)
    await services.badgeClasses.submit(SYSTEM, cityRow, k.id)
    await services.badgeClasses.approve(SYSTEM, cityRow, k.id)
    classIds.set(b.id, k.id)
  }

  // Opportunities with their sessions, published.
  const oppIds = new Map<string, string>()
  let sessions = 0
  for (const o of city.opportunities()) {
    const op = await services.opportunities.create(SYSTEM, cityRow, {
      organisationId: orgIds.get(o.organisationId)!, kind: OPP_KIND[o.kind], title: o.title, description: `${o.title}, a synthetic opportunity.`,
      place: { lat: o.lat, lon: o.lon, area: o.area }, ageRange: { min: o.ageMin, max: o.ageMax },
      cost: o.cost === 0 ? { free: true } : { free: false, amount: o.cost, currency: 'GBP' }, themes: o.themes,
      badgeClassIds: o.badgeClassIds.map((id) => classIds.get(id)!),
      sessions: o.sessions.map((s) => ({ start: s.startsAt, end: new Date(Date.parse(s.startsAt) + 2 * 3_600_000).toISOString(), capacity: o.capacity })),
    })
    await services.opportunities.publish(SYSTEM, cityRow, op.id)
    oppIds.set(o.id, op.id)
    sessions += o.sessions.length
  }
  progress('opportunities', oppIds.size)

  // Learners: pseudonymous rows; under-13s carry a (synthetic) guardian whose consent is given.
  const learnerRows = city.learners()
  const contactShare = opts.contactConsent ?? 0.6
  let learners = 0
  await inBatches(learnerRows, batch, async (rows: SyntheticLearner[], start: number) => {
    const cols = { id: [] as string[], pseudonym: [] as string[], band: [] as string[], area: [] as string[], contact: [] as boolean[], genc: [] as (string | null)[], gconsent: [] as (string | null)[], created: [] as string[] }
    rows.forEach((l, k) => {
      const i = start + k
      const id = uuidOf('learner', i)
      const band = ageBandOf(l.age)
      const pseudonym = uuidOf('pseudonym', i)
      cols.id.push(id); cols.pseudonym.push(pseudonym); cols.band.push(band); cols.area.push(l.area)
      cols.contact.push(fraction(`${opts.seed}:contact:${i}`) < contactShare)
      cols.genc.push(band === 'under-13' ? encryptPrivateKey(`guardian-${i}@synthetic.example.org`, `guardian:${id}`, kek) : null)
      cols.gconsent.push(band === 'under-13' ? 'given' : null)
      cols.created.push(`${l.createdOn}T12:00:00Z`)
    })
    await sql`insert into learners (id, city_id, pseudonym, age_band, area, consent_contact, guardian_email_enc, guardian_consent, created_by, created_at, updated_at)
      select u.id, ${cityRow.id}::uuid, u.pseudonym, u.band, u.area, u.contact, u.genc, u.gconsent, 'synthetic', u.created, u.created
      from unnest(${cols.id}::uuid[], ${cols.pseudonym}::uuid[], ${cols.band}::text[], ${cols.area}::text[], ${cols.contact}::boolean[], ${cols.genc}::text[], ${cols.gconsent}::text[], ${cols.created}::timestamptz[])
        as u(id, pseudonym, band, area, contact, genc, gconsent, created)`.execute(db)
    learners += rows.length
    progress('learners', learners)
  })

  // Awards to learners by id, as the award service writes them (recipient type `id`, hashed pseudonym).
  let awards = 0
  const orgOfClass = new Map(city.badgeClasses.map((b) => [b.id, orgIds.get(b.organisationId)!]))
  await inBatches(city.awards(), batch, async (rows, start) => {
    const cols = { id: [] as string[], org: [] as string[], klass: [] as string[], hash: [] as string[], salt: [] as string[], issued: [] as string[], key: [] as string[], learner: [] as string[] }
    rows.forEach((a, k) => {
      const li = indexOf(a.learnerId)
      const s = newSalt()
      const org = orgOfClass.get(a.badgeClassId)!
      cols.id.push(uuidOf('award', start + k)); cols.org.push(org); cols.klass.push(classIds.get(a.badgeClassId)!)
      cols.hash.push(hashIdentity(`urn:uuid:${uuidOf('pseudonym', li)}`, s))
      cols.salt.push(s); cols.issued.push(`${a.issuedOn}T10:00:00Z`); cols.key.push(keyOf.get(org)!); cols.learner.push(uuidOf('learner', li))
    })
    await sql`insert into awards (id, city_id, organisation_id, badge_class_id, recipient_type, identity_hash, salt, evidence, issued_on, signing_key_id, issued_by, learner_id, created_at)
      select u.id, ${cityRow.id}::uuid, u.org, u.klass, 'id', u.hash, u.salt, '[]'::jsonb, u.issued, u.key, 'synthetic', u.learner, u.issued
      from unnest(${cols.id}::uuid[], ${cols.org}::uuid[], ${cols.klass}::uuid[], ${cols.hash}::text[], ${cols.salt}::text[], ${cols.issued}::timestamptz[], ${cols.key}::text[], ${cols.learner}::uuid[])
        as u(id, org, klass, hash, salt, issued, key, learner)`.execute(db)
    awards += rows.length
    progress('awards', awards)
  })

  // Pathways (published, version 1), their trees' badge leaves mapped to the loaded badge classes.
  let pathways = 0
  const pathwayId = (syntheticId: string) => uuidOf('pathway', indexOf(syntheticId))
  const mapTree = (n: RequirementNode): RequirementNode => {
    if (n.type === 'badge') return { ...n, badgeClassId: classIds.get(n.badgeClassId)! }
    if (n.type === 'pathway') return { ...n, pathwayId: pathwayId(n.pathwayId) }
    if ('children' in n) return { ...n, children: n.children.map(mapTree) } as RequirementNode
    return n
  }
  await inBatches(city.pathways(), Math.min(batch, 2000), async (rows) => {
    const c = { id: [] as string[], kind: [] as string[], org: [] as (string | null)[], learner: [] as (string | null)[], title: [] as string[], themes: [] as string[], tree: [] as string[] }
    for (const p of rows) {
      c.id.push(pathwayId(p.id)); c.kind.push(p.kind); c.org.push(p.organisationId ? orgIds.get(p.organisationId)! : null)
      c.learner.push(p.learnerId ? uuidOf('learner', indexOf(p.learnerId)) : null); c.title.push(p.title)
      c.themes.push(JSON.stringify(p.themes)); c.tree.push(JSON.stringify(mapTree(p.requirements)))
    }
    await sql`insert into pathways (id, city_id, kind, organisation_id, learner_id, status, version, created_by)
      select u.id, ${cityRow.id}::uuid, u.kind, u.org, u.learner, 'published', 1, 'synthetic'
      from unnest(${c.id}::uuid[], ${c.kind}::text[], ${c.org}::uuid[], ${c.learner}::uuid[]) as u(id, kind, org, learner)`.execute(db)
    await sql`insert into pathway_versions (pathway_id, version, title, description, themes, requirements)
      select u.id, 1, u.title, 'A synthetic pathway.', array(select jsonb_array_elements_text(u.themes::jsonb)), u.tree::jsonb
      from unnest(${c.id}::uuid[], ${c.title}::text[], ${c.themes}::text[], ${c.tree}::text[]) as u(id, title, themes, tree)`.execute(db)
    pathways += rows.length
  })
  progress('pathways', pathways)

  let followings = 0
  await inBatches(city.followings(), batch, async (rows) => {
    const c = { p: [] as string[], l: [] as string[], at: [] as string[] }
    for (const f of rows) { c.p.push(pathwayId(f.pathwayId)); c.l.push(uuidOf('learner', indexOf(f.learnerId))); c.at.push(`${f.startedOn}T08:00:00Z`) }
    await sql`insert into pathway_followers (pathway_id, learner_id, city_id, version, started_at)
      select u.p, u.l, ${cityRow.id}::uuid, 1, u.at from unnest(${c.p}::uuid[], ${c.l}::uuid[], ${c.at}::timestamptz[]) as u(p, l, at)
      on conflict do nothing`.execute(db)
    followings += rows.length
    progress('followings', followings)
  })

  return {
    cityId: cityRow.id,
    citySlug: slug,
    counts: { organisations: orgIds.size, badgeClasses: classIds.size, learners, awards, pathways, followings, opportunities: oppIds.size, sessions },
    ids: {
      organisation: (id) => orgIds.get(id)!,
      badgeClass: (id) => classIds.get(id)!,
      opportunity: (id) => oppIds.get(id)!,
      pathway: pathwayId,
      learner: (i) => uuidOf('learner', i),
      award: (i) => uuidOf('award', i),
    },
    city,
  }
}

/** Feeds a generator to `fn` in arrays of `size` (with the index of each array's first element). */
async function inBatches<T> (items: Iterable<T>, size: number, fn: (rows: T[], start: number) => Promise<void>): Promise<void> {
  let rows: T[] = []
  let start = 0
  for (const item of items) {
    rows.push(item)
    if (rows.length >= size) { await fn(rows, start); start += rows.length; rows = [] }
  }
  if (rows.length) await fn(rows, start)
}

/** A stable number in [0, 1) from a text. */
function fraction (text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 4294967296
}
