import { randomUUID } from 'node:crypto'
import * as repo from '../../db/learners/learners.repo.js'
import {
  AGE_BANDS, type AgeBand, type IdentifierType, type LearnerExternalRefRow, type LearnerIdentifierRow, type LearnerRow,
} from '../../db/learners/learners.types.js'
import { addEvent } from '../../db/outbox.js'
import { isUuid, pageOf } from '../../db/page.js'
import type { CityRow, Executor } from '../../db/types.js'
import { requireRole, type Principal } from '../access/auth.js'
import { decryptPrivateKey, encryptPrivateKey } from '../keys/keys.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { requireLearnerAccess, requireLearnerManager } from './access.js'
import { initialConsents } from './rules.js'
import { identifierTypeOfRecipient, keyedHash, maskIdentifier, newCitySecret, normaliseIdentifier } from './identifiers.js'
import type { AwardRecipients } from '../badges/awards.js'

export interface Consents { sharing: boolean; contact: boolean; insightsOptOut: boolean }

export interface Learner {
  id: string
  ageBand: AgeBand
  area?: string
  displayName?: string
  externalRefs: Array<{ platform: string; ref: string }>
  identifiers: Array<{ id: string; type: IdentifierType; masked: string; verified: boolean; verifiedAt?: string }>
  consents: Consents
  /** Under-13s only: whether the guardian has consented (the guardian flow records it). */
  guardianConsent?: 'pending' | 'given'
  createdAt: string
  updatedAt: string
}

export interface IdentifierInput { type: IdentifierType; value: string; verified?: boolean | undefined }

export interface NewLearner {
  ageBand: AgeBand
  area?: string | undefined
  externalRefs?: Array<{ platform: string; ref: string }> | undefined
  identifiers?: IdentifierInput[] | undefined
  consents?: Partial<Consents> | undefined
  guardian?: { email: string } | undefined
  displayName?: string | undefined
}

export interface LearnerPatch {
  area?: string | null | undefined
  displayName?: string | null | undefined
  ageBand?: AgeBand | undefined
  consents?: Partial<Consents> | undefined
  externalRefs?: Array<{ platform: string; ref: string }> | undefined
  /** Adds identifiers (and verifies those marked verified); an existing one is verified when marked so. */
  identifiers?: IdentifierInput[] | undefined
}

// Coarse area only: a postcode district (LS6, SW1A), a ward or LSOA code — never a full postcode or address.
const AREA = /^(?:[A-Z]{1,2}[0-9][0-9A-Z]?|[A-Z][0-9]{8})$/

function toLearner (r: LearnerRow, refs: LearnerExternalRefRow[], ids: LearnerIdentifierRow[]): Learner {
  return {
    id: r.id,
    ageBand: r.age_band,
    ...(r.area !== null ? { area: r.area } : {}),
    ...(r.display_name !== null ? { displayName: r.display_name } : {}),
    externalRefs: refs.map((x) => ({ platform: x.platform, ref: x.ref })),
    identifiers: ids.map((i) => ({ id: i.id, type: i.type, masked: i.masked, verified: i.verified, ...(i.verified_at ? { verifiedAt: i.verified_at.toISOString() } : {}) })),
    consents: { sharing: r.consent_sharing, contact: r.consent_contact, insightsOptOut: r.insights_opt_out },
    ...(r.guardian_consent !== null ? { guardianConsent: r.guardian_consent } : {}),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }
}

export function createLearnerService (deps: DomainDeps) {
  const secrets = new Map<string, Buffer>()

  /** The city's identifier secret (created once, encrypted at rest under KEY_ENCRYPTION_KEY). */
  async function citySecret (db: Executor, cityId: string): Promise<Buffer> {
    const cached = secrets.get(cityId)
    if (cached) return cached
    const aad = `learner-secret:${cityId}`
    const enc = await repo.ensureLearnerSecret(db, cityId, () => encryptPrivateKey(newCitySecret().toString('hex'), aad, deps.keyEncryptionKey))
    const secret = Buffer.from(decryptPrivateKey(enc, aad, deps.keyEncryptionKey), 'hex')
    secrets.set(cityId, secret)
    return secret
  }

  async function present (db: Executor, rows: LearnerRow[]): Promise<Learner[]> {
    const ids = rows.map((r) => r.id)
    const [refs, idents] = await Promise.all([repo.externalRefsOf(db, ids), repo.identifiersOf(db, ids)])
    return rows.map((r) => toLearner(r, refs.filter((x) => x.learner_id === r.id), idents.filter((x) => x.learner_id === r.id)))
  }

  function checkArea (area: string | null | undefined, fields: Array<{ field: string; message: string }>): string | null | undefined {
    if (area === undefined || area === null) return area
    const a = area.trim().toUpperCase()
    if (!AREA.test(a)) fields.push({ field: '/area', message: 'a coarse area code only: a postcode district (e.g. LS6) or a 9-character ward/LSOA code, never a full postcode' })
    return a
  }

  function checkIdentifiers (list: IdentifierInput[] | undefined, fields: Array<{ field: string; message: string }>): Array<IdentifierInput & { normalised: string }> {
    return (list ?? []).flatMap((i, n) => {
      const r = normaliseIdentifier(i.type, i.value)
      if ('error' in r) { fields.push({ field: `/identifiers/${n}/value`, message: r.error }); return [] }
      return [{ ...i, normalised: r.value }]
    })
  }

  /** Adds identifiers to a learner; verified ones link the city's earlier awards to that identity. */
  async function addIdentifiers (trx: Executor, cityId: string, learnerId: string, list: Array<IdentifierInput & { normalised: string }>): Promise<void> {
    if (list.length === 0) return
    const secret = await citySecret(trx, cityId)
    for (const i of list) {
      const hash = keyedHash(secret, i.type, i.normalised)
      await repo.upsertIdentifier(trx, { id: randomUUID(), learner_id: learnerId, city_id: cityId, type: i.type, value_hash: hash, masked: maskIdentifier(i.type, i.normalised) })
      if (i.verified === true) {
        const holder = await repo.findVerifiedHolder(trx, cityId, i.type, hash)
        if (holder && holder.learner_id !== learnerId) throw new Conflict(`this ${i.type} is already verified for another learner of the city`)
        if (!holder) await repo.verifyIdentifier(trx, learnerId, i.type, hash)
        await repo.linkAwardsByMatch(trx, cityId, hash, learnerId)
      }
    }
  }

  async function create (p: Principal, city: CityRow, input: NewLearner): Promise<Learner> {
    requireLearnerManager(p, 'create learners')
    const fields: Array<{ field: string; message: string }> = []
    if (!AGE_BANDS.includes(input.ageBand)) fields.push({ field: '/ageBand', message: `one of ${AGE_BANDS.join(', ')}` })
    const area = checkArea(input.area, fields)
    const identifiers = checkIdentifiers(input.identifiers, fields)
    let guardianEmail: string | undefined
    if (input.ageBand === 'under-13') {
      const g = input.guardian ? normaliseIdentifier('email', input.guardian.email) : undefined
      if (!g) fields.push({ field: '/guardian', message: 'an under-13 learner needs a guardian: { email }' })
      else if ('error' in g) fields.push({ field: '/guardian/email', message: g.error })
      else guardianEmail = g.value
    } else if (input.guardian !== undefined) {
      fields.push({ field: '/guardian', message: 'only under-13 learners have a guardian' })
    }
    if (input.displayName !== undefined && !city.learner_names) fields.push({ field: '/displayName', message: 'this city does not store learner names' })
    if (fields.length) throw new InvalidInput('learner is invalid', fields)
    const consents = initialConsents(input.ageBand, input.consents)
    const id = randomUUID()
    const row = await clashesAsConflict(deps.db.transaction().execute(async (trx) => {
      const secret = guardianEmail !== undefined ? await citySecret(trx, city.id) : undefined
      const inserted = await repo.insertLearner(trx, {
        id, city_id: city.id, pseudonym: randomUUID(), age_band: input.ageBand, area: area ?? null,
        display_name: input.displayName?.trim() ?? null,
        consent_sharing: consents.sharing,
        consent_contact: consents.contact,
        insights_opt_out: consents.insightsOptOut,
        consents_updated_at: input.consents ? deps.clock() : null,
        guardian_email_enc: guardianEmail !== undefined ? encryptPrivateKey(guardianEmail, `guardian:${id}`, deps.keyEncryptionKey) : null,
        guardian_email_hash: guardianEmail !== undefined && secret ? keyedHash(secret, 'email', guardianEmail) : null,
        guardian_consent: guardianEmail !== undefined ? 'pending' : null,
        created_by: p.keyId,
      })
      if (!(await repo.insertExternalRefs(trx, city.id, id, dedupeRefs(input.externalRefs)))) throw new Conflict('an external reference is already used by another learner of this city')
      await addIdentifiers(trx, city.id, id, identifiers)
      await addEvent(trx, { type: 'learner.created', cityId: city.id, payload: { cityId: city.id, learnerId: id } })
      return inserted
    }))
    deps.eventsWritten()
    return (await present(deps.db, [row]))[0]!
  }

  /** The learner row for a caller allowed to reach it; another city's learner is a 404. */
  async function getRow (p: Principal, city: CityRow, id: string, action = 'read learners'): Promise<LearnerRow> {
    requireLearnerAccess(p, id, action)
    const row = isUuid(id) ? await repo.findLearner(deps.db, city.id, id) : undefined
    if (!row) throw new NotFound('learner', id)
    return row
  }

  const exists = async (cityId: string, id: string): Promise<boolean> => (await repo.findLearner(deps.db, cityId, id)) !== undefined

  const get = async (p: Principal, city: CityRow, id: string): Promise<Learner> => (await present(deps.db, [await getRow(p, city, id)]))[0]!

  async function list (p: Principal, city: CityRow, q: PageQuery & { externalRef?: string | undefined }): Promise<Page<Learner>> {
    requireLearnerManager(p, 'list learners')
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    let externalRef: { platform: string; ref: string } | undefined
    if (q.externalRef !== undefined) {
      const i = q.externalRef.indexOf(':')
      if (i <= 0 || i === q.externalRef.length - 1) throw new InvalidInput('externalRef is platform:ref', [{ field: '/externalRef', message: 'expected platform:ref' }])
      externalRef = { platform: q.externalRef.slice(0, i), ref: q.externalRef.slice(i + 1) }
    }
    const page = pageOf(await repo.listLearners(deps.db, city.id, { externalRef }, limit, cursor), limit)
    return { items: await present(deps.db, page.rows), nextCursor: page.nextCursor }
  }

  async function update (p: Principal, city: CityRow, id: string, patch: LearnerPatch): Promise<Learner> {
    const current = await getRow(p, city, id, 'update learners')
    const fields: Array<{ field: string; message: string }> = []
    const area = checkArea(patch.area, fields)
    const identifiers = checkIdentifiers(patch.identifiers, fields)
    if (patch.displayName !== undefined && patch.displayName !== null && !city.learner_names) fields.push({ field: '/displayName', message: 'this city does not store learner names' })
    const band = patch.ageBand ?? current.age_band
    if (patch.ageBand !== undefined && !AGE_BANDS.includes(patch.ageBand)) fields.push({ field: '/ageBand', message: `one of ${AGE_BANDS.join(', ')}` })
    if (band === 'under-13' && current.age_band !== 'under-13') fields.push({ field: '/ageBand', message: 'a learner cannot move into under-13 (a guardian is set up at creation)' })
    // A learner token may change consents and add identifiers, but not the age band (the app vouches for it).
    if (p.role === 'learner' && patch.ageBand !== undefined && patch.ageBand !== current.age_band) fields.push({ field: '/ageBand', message: 'only the app may change the age band' })
    // Verifying is vouching that the learner controls the identifier: only the app may, or a learner token could claim
    // someone else's awards by naming their email.
    if (p.role === 'learner') (patch.identifiers ?? []).forEach((i, n) => { if (i.verified === true) fields.push({ field: `/identifiers/${n}/verified`, message: 'only the app may verify an identifier' }) })
    if (fields.length) throw new InvalidInput('learner update is invalid', fields)
    await clashesAsConflict(deps.db.transaction().execute(async (trx) => {
      const c = patch.consents
      await repo.updateLearner(trx, city.id, id, {
        ...(area !== undefined ? { area } : {}),
        ...(patch.displayName !== undefined ? { display_name: patch.displayName?.trim() ?? null } : {}),
        ...(patch.ageBand !== undefined ? { age_band: patch.ageBand } : {}),
        ...(c?.sharing !== undefined ? { consent_sharing: c.sharing } : {}),
        ...(c?.contact !== undefined ? { consent_contact: c.contact } : {}),
        ...(c?.insightsOptOut !== undefined ? { insights_opt_out: c.insightsOptOut } : {}),
        ...(c !== undefined ? { consents_updated_at: deps.clock() } : {}),
      })
      if (!(await repo.insertExternalRefs(trx, city.id, id, dedupeRefs(patch.externalRefs)))) throw new Conflict('an external reference is already used by another learner of this city')
      await addIdentifiers(trx, city.id, id, identifiers)
      // Insights recount the learner (consents, area, age band, awards linked by a verified identifier).
      await addEvent(trx, { type: 'learner.updated', cityId: city.id, payload: { cityId: city.id, learnerId: id } })
    }))
    deps.eventsWritten()
    return get(p, city, id)
  }

  /**
   * The learner an award recipient belongs to: by id (the recipient is then the learner's pseudonym) or by a
   * verified identifier matching the identity. `recipientMatch` is the keyed hash stored on the award so that
   * verifying the identifier later links it.
   */
  const recipients: AwardRecipients = {
    async byLearnerId (db, cityId, learnerId) {
      const l = await repo.findLearner(db, cityId, learnerId)
      return l ? { type: 'id', identity: `urn:uuid:${l.pseudonym}`, learnerId: l.id } : undefined
    },
    async matchKey (db, cityId, recipientType, normalisedIdentity) {
      const type = identifierTypeOfRecipient(recipientType, normalisedIdentity)
      return type ? { type, hash: keyedHash(await citySecret(db, cityId), type, normalisedIdentity) } : undefined
    },
    async byLearnerIds (db, cityId, learnerIds) {
      const rows = await repo.findLearners(db, cityId, learnerIds)
      return new Map(rows.map((l) => [l.id, { type: 'id' as const, identity: `urn:uuid:${l.pseudonym}`, learnerId: l.id }]))
    },
    async matchMany (db, cityId, items) {
      const secret = await citySecret(db, cityId)
      const hashes = items.map((i) => {
        const type = identifierTypeOfRecipient(i.type, i.identity)
        return type ? { type, hash: keyedHash(secret, type, i.identity) } : undefined
      })
      const holders = await repo.findVerifiedHolders(db, cityId, [...new Set(hashes.flatMap((h) => h ? [h.hash] : []))])
      const byHash = new Map(holders.map((h) => [`${h.type}\u0000${h.value_hash}`, h.learner_id]))
      return hashes.map((h) => h ? { learnerId: byHash.get(`${h.type}\u0000${h.hash}`) ?? null, recipientMatch: h.hash } : { learnerId: null, recipientMatch: null })
    },
  }

  function settings (p: Principal, city: CityRow): { learnerNames: boolean } {
    requireRole(p, ['platform-admin', 'city-admin'], 'read learner settings')
    return { learnerNames: city.learner_names }
  }

  async function setSettings (p: Principal, city: CityRow, s: { learnerNames: boolean }): Promise<{ learnerNames: boolean }> {
    requireRole(p, ['platform-admin', 'city-admin'], 'change learner settings')
    await deps.db.transaction().execute((trx) => repo.setLearnerNames(trx, city.id, s.learnerNames))
    return { learnerNames: s.learnerNames }
  }

  return { create, get, getRow, exists, list, update, recipients, citySecret, settings, setSettings }
}

/** A unique violation inside a learner transaction is a clash with another learner's verified identifier or ref. */
async function clashesAsConflict<T> (work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new Conflict('an identifier or external reference is already taken by another learner of this city')
    throw err
  }
}

function dedupeRefs (refs: Array<{ platform: string; ref: string }> | undefined): Array<{ platform: string; ref: string }> {
  const seen = new Map<string, { platform: string; ref: string }>()
  for (const r of refs ?? []) seen.set(`${r.platform}\u0000${r.ref}`, r)
  return [...seen.values()]
}

export type LearnerService = ReturnType<typeof createLearnerService>
