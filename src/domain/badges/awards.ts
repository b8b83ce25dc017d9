import { randomUUID } from 'node:crypto'
import * as awardsRepo from '../../db/badges/awards.repo.js'
import type { PendingRows, ReadVersions } from '../../db/badges/awards.repo.js'
import * as repo from '../../db/badges/badges.repo.js'
import type { AwardRow, BadgeClassRow, EvidenceRow } from '../../db/badges/badges.types.js'
import { isUuid, pageOf } from '../../db/page.js'
import { findCityBySlugVersioned } from '../../db/repos.js'
import type { CityRow, Executor } from '../../db/types.js'
import { hashIdentity, IdentityError, newSalt, normaliseIdentity, type IdentityType } from '../../ob/hash.js'
import { canReachCity, requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import { expiryFor, isHttpUrl, parseDateTime } from './badge-rules.js'
import type { DomainDeps } from '../shared/context.js'
import { DomainError, InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import type { HostedCache } from '../credentials/hosted-cache.js'
import type { KeyService } from '../keys/keys.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { addEvent, addEvents } from '../../db/outbox.js'
import { allocateStatusEntries, createStatusEntryReservoir } from '../credentials/ob3-status.js'
import { ob3AwardLinks, ob3Urls } from '../credentials/ob3-urls.js'

export interface AwardLinks {
  assertion: string
  assertionImage: string
  signedAssertion: string
  signedAssertionImage: string
  badgeClass: string
  issuer: string
  revocationList: string
  signingKey: string
  /** OB 3.0: the OpenBadgeCredential (Data Integrity JSON), its VC-JWT and the baked image. */
  credential: string
  credentialJwt: string
  credentialImage: string
}

export interface Award {
  id: string
  badgeClassId: string
  organisationId: string
  recipient: { type: IdentityType; hashed: true; identity: string; salt: string; plainIdentity?: string }
  evidence: Array<{ url?: string; narrative?: string; name?: string; description?: string; genre?: string; audience?: string }>
  narrative?: string
  issuedOn: string
  expires?: string
  revoked: boolean
  revokedAt?: string
  revocationReason?: string
  /** The learner the award belongs to (issue #8), and the learner's decision. */
  learnerId?: string
  acceptance?: 'pending' | 'accepted' | 'declined'
  /** A new award no learner holds yet: its claim link was mailed, or is given here to pass on (issue #8 item 3). */
  claim?: { expiresAt: string } & ({ delivery: 'mail' } | { delivery: 'caller'; url: string })
  createdAt: string
  links: AwardLinks
}

export interface AwardInput {
  badgeClassId: string
  /** An identity, or a learner of the city (published as the learner's salted, hashed pseudonym). */
  recipient: { type: IdentityType; identity: string } | { learnerId: string }
  evidence?: Array<{ url?: string | undefined; narrative?: string | undefined; name?: string | undefined; description?: string | undefined; genre?: string | undefined; audience?: string | undefined }> | undefined
  narrative?: string | undefined
  issuedOn?: string | undefined
  expires?: string | undefined
  idempotencyKey?: string | undefined
}

/** One item of a batch: the award (new or replayed) or the domain error that refused it (routes map it to HTTP). */
export interface BatchItemResult { index: number; award?: Award; replayed?: boolean; error?: DomainError }

export const MAX_BATCH = 1000

/** The city or badge class an award was checked against changed before its statement ran: check again. */
class StaleRead extends Error {}

/** How many cities and badge classes a process keeps for POST /awards (see createAwardService's `reads`). */
const READ_CACHE_SIZE = 1000
/**
 * And for how long: not for correctness (the award's statement checks every use), only so that an entry is not kept
 * indefinitely (a row version is a transaction id, which PostgreSQL reuses after billions of transactions).
 */
const READ_CACHE_MS = 60_000

/** How awards find their learner (domain/learners): by id, or by a verified identifier matching the identity. */
export interface AwardRecipients {
  byLearnerId (db: Executor, cityId: string, learnerId: string): Promise<{ type: 'id'; identity: string; learnerId: string } | undefined>
  /**
   * The keyed identifier an identity would be held under (no look-up): the award's insert finds its verified holder
   * in the same statement.
   */
  matchKey (db: Executor, cityId: string, type: IdentityType, normalisedIdentity: string): Promise<{ type: string; hash: string } | undefined>
  /** Bulk issuing: many learners by id (those of the city), and many identities matched in one query. */
  byLearnerIds (db: Executor, cityId: string, learnerIds: readonly string[]): Promise<Map<string, { type: 'id'; identity: string; learnerId: string }>>
  matchMany (db: Executor, cityId: string, items: ReadonlyArray<{ type: IdentityType; identity: string }>): Promise<Array<{ learnerId: string | null; recipientMatch: string | null }>>
}

/** Called in a new award's transaction when it links to no learner (domain/learners/claims.ts makes its claim). */
export type OnPendingAward = (trx: Executor, city: CityRow, award: AwardRow, identity: string, badgeName: string) => Promise<NonNullable<Award['claim']>>

/** What a new award that no learner holds would write with it (its claim), written by the award's own statement. */
export type PlanPendingAward = (city: CityRow, award: { id: string; city_id: string; recipient_type: string }, identity: string, badgeName: string) => { rows: PendingRows; info: NonNullable<Award['claim']> }

/** The same for many new awards of one transaction (bulk issuing), answering in the same order. */
export type OnPendingAwards = (trx: Executor, city: CityRow, items: ReadonlyArray<{ award: AwardRow; identity: string; badgeName: string }>) => Promise<Array<NonNullable<Award['claim']>>>

export function createAwardService (deps: DomainDeps & { keys: KeyService; cache: HostedCache; recipients?: AwardRecipients; onPendingAward?: OnPendingAward; planPendingAward?: PlanPendingAward; onPendingAwards?: OnPendingAwards }) {
  const urls = ob2Urls(deps.publicUrl)
  const v3 = ob3Urls(deps.publicUrl)
  const statusEntries = createStatusEntryReservoir()

  /**
   * The cities (by slug) and badge classes POST /awards read last, with their row versions, so that an award costs
   * one statement instead of three. Never trusted on their own: the award's statement inserts only when both rows are
   * still at those versions (insertAwardWithEvent), and otherwise the award is checked again on fresh reads. So other
   * instances may change the rows at any time: no award is ever checked against a city or badge class other than the
   * current one. Bounded in size (emptied when full) and age (READ_CACHE_MS).
   */
  type Versioned<T> = T & { row_version: string }
  type Kept<T> = { row: Versioned<T>; until: number }
  const reads = { cities: new Map<string, Kept<CityRow>>(), classes: new Map<string, Kept<BadgeClassRow>>() }
  const remember = <T>(m: Map<string, Kept<T>>, k: string, row: Versioned<T>): void => {
    if (m.size >= READ_CACHE_SIZE) m.clear()
    m.set(k, { row, until: Date.now() + READ_CACHE_MS })
  }
  const recall = <T>(m: Map<string, Kept<T>>, k: string): Versioned<T> | undefined => {
    const kept = m.get(k)
    return kept !== undefined && kept.until > Date.now() ? kept.row : undefined
  }

  const linksOf = (r: Pick<AwardRow, 'id' | 'badge_class_id' | 'organisation_id' | 'signing_key_id'>): AwardLinks => ({
    assertion: urls.assertion(r.id),
    assertionImage: urls.assertionImage(r.id),
    signedAssertion: urls.signedAssertion(r.id),
    signedAssertionImage: urls.assertionImage(r.id, 'signed'),
    badgeClass: urls.badge(r.badge_class_id),
    issuer: urls.issuer(r.organisation_id),
    revocationList: urls.revocations(r.organisation_id),
    signingKey: urls.key(r.organisation_id, r.signing_key_id),
    ...ob3AwardLinks(v3, r.id),
  })

  const toAward = (r: AwardRow): Award => ({
    id: r.id,
    badgeClassId: r.badge_class_id,
    organisationId: r.organisation_id,
    recipient: { type: r.recipient_type, hashed: true, identity: r.identity_hash, salt: r.salt, ...(r.plain_identity !== null ? { plainIdentity: r.plain_identity } : {}) },
    evidence: r.evidence.map(({ id, ...rest }) => ({ ...(id !== undefined ? { url: id } : {}), ...rest })),
    ...(r.narrative !== null ? { narrative: r.narrative } : {}),
    issuedOn: r.issued_on.toISOString(),
    ...(r.expires ? { expires: r.expires.toISOString() } : {}),
    revoked: r.revoked_at !== null,
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
    ...(r.revocation_reason !== null ? { revocationReason: r.revocation_reason } : {}),
    ...(r.learner_id !== null ? { learnerId: r.learner_id } : {}),
    acceptance: r.acceptance,
    createdAt: r.created_at.toISOString(),
    links: linksOf(r),
  })

  /** Checks and normalises one award request; every broken field is reported at once. */
  function checkInput (input: AwardInput & { recipient: { type: IdentityType; identity: string } }, klass: BadgeClassRow): { identity: string; issuedOn: Date; expires: Date | undefined; evidence: EvidenceRow[] } {
    const fields: Array<{ field: string; message: string }> = []
    let identity = ''
    try {
      identity = normaliseIdentity(input.recipient.type, input.recipient.identity)
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err
      fields.push({ field: '/recipient/identity', message: err.message })
    }
    const now = deps.clock()
    const issuedOn = input.issuedOn !== undefined ? parseDateTime(input.issuedOn, '/issuedOn', fields) : now
    if (issuedOn && issuedOn.getTime() > now.getTime()) fields.push({ field: '/issuedOn', message: 'must not be in the future' })
    let expires = input.expires !== undefined ? parseDateTime(input.expires, '/expires', fields) : undefined
    if (input.expires === undefined && issuedOn) expires = expiryFor(klass.expiry, issuedOn)
    if (expires && issuedOn && expires.getTime() <= issuedOn.getTime()) {
      fields.push({ field: '/expires', message: input.expires === undefined ? "the badge class's fixed expiry date has passed" : 'must be after issuedOn' })
    }
    const evidence = (input.evidence ?? []).map((e, i): EvidenceRow => {
      if (e.url === undefined && (e.narrative === undefined || e.narrative.trim() === '')) fields.push({ field: `/evidence/${i}`, message: 'needs a url or a narrative' })
      if (e.url !== undefined && !isHttpUrl(e.url)) fields.push({ field: `/evidence/${i}/url`, message: 'must be an absolute http(s) URL' })
      const { url, ...rest } = e
      return Object.fromEntries(Object.entries({ id: url, ...rest }).filter(([, v]) => v !== undefined)) as EvidenceRow
    })
    if (fields.length) throw new InvalidInput('award is invalid', fields)
    return { identity, issuedOn: issuedOn!, expires, evidence }
  }

  async function awardableClass (principal: Principal, city: CityRow, badgeClassId: string, known?: Map<string, BadgeClassRow>): Promise<BadgeClassRow> {
    const klass = known?.get(badgeClassId) ?? (isUuid(badgeClassId) ? await repo.findBadgeClass(deps.db, city.id, badgeClassId) : undefined)
    if (!klass) throw new NotFound('badge-class', badgeClassId)
    known?.set(badgeClassId, klass)
    requireOrganisationWrite(principal, klass.organisation_id, 'award this badge class')
    if (klass.status !== 'approved') throw new InvalidState(`only approved badge classes can be awarded; this one is ${klass.status}`)
    return klass
  }

  /**
   * Issues an award. The row carries its Idempotency-Key (unique per city), so the award and its key commit
   * together: a retry after a crash between commit and response finds the award instead of duplicating it.
   */
  async function issue (principal: Principal, city: CityRow, input: AwardInput, known?: Map<string, BadgeClassRow>, versions?: ReadVersions): Promise<{ award: Award; replayed: boolean }> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'issue awards')
    const klass = await awardableClass(principal, city, input.badgeClassId, known)
    const recipient = await recipientOf(city, input.recipient)
    const v = checkInput({ ...input, recipient }, klass)
    // A key already used: the insert below does nothing (ON CONFLICT on the award's key) and the award found after
    // it is the answer. No look-up first: a retry is the rare case, and the insert decides races anyway.
    const key = await deps.keys.activeKey(city.id, klass.organisation_id)
    const salt = newSalt()
    // OB 3.0: the award's status list entry comes from a block this process reserved for the organisation (one
    // statement per block, outside the award's transaction), so concurrent awards do not queue on the list row. An
    // entry whose award then fails stays unused (its bit is never set); an index is never given twice.
    const entry = await statusEntries.take(deps.db, { cityId: city.id, organisationId: klass.organisation_id })
    const id = randomUUID()
    // The claim it needs if no learner holds it (decided by the statement: the verified holder is looked up there).
    const pending = recipient.learnerId === undefined ? deps.planPendingAward?.(city, { id, city_id: city.id, recipient_type: recipient.type }, v.identity, klass.name) : undefined
    const link = await learnerLink(deps.db, city, recipient, v.identity)
    // One statement, so one atomic commit: the award, its learner, its award.issued event (webhooks and the derived
    // tables follow it) and, when no learner holds it, its claim with the link's message or event.
    const { row, current } = await awardsRepo.insertAwardWithEvent(deps.db, {
      ...entry,
      learner_id: link.learner_id, recipient_match: link.recipient_match,
      id, city_id: city.id, organisation_id: klass.organisation_id, badge_class_id: klass.id,
      recipient_type: recipient.type, identity_hash: hashIdentity(v.identity, salt), salt,
      // A learner's pseudonym is never stored or published in plain, whatever the city's setting.
      plain_identity: city.store_plain_identity && recipient.learnerId === undefined ? v.identity : null,
      evidence: JSON.stringify(v.evidence), narrative: input.narrative ?? null,
      issued_on: v.issuedOn, expires: v.expires ?? null, signing_key_id: key.id,
      idempotency_key: input.idempotencyKey ?? null, issued_by: principal.keyId,
    }, link.holder, { type: 'award.issued', cityId: city.id, payload: { cityId: city.id, awardId: id, organisationId: klass.organisation_id, badgeClassId: klass.id } }, pending?.rows, versions)
      .catch((err: unknown) => {
        // The learner was erased between the lookup and the insert: the foreign key refuses the award.
        if ((err as { code?: string }).code === '23503' && 'learnerId' in recipient) throw new InvalidInput('the learner no longer exists', [{ field: '/recipient/learnerId', message: 'unknown learner' }])
        throw err
      })
    if (!current) throw new StaleRead()
    if (row) {
      deps.eventsWritten()
      const claim = row.learner_id === null ? pending?.info : undefined
      return { award: { ...toAward(row), ...(claim ? { claim } : {}) }, replayed: false }
    }
    // The key was used before (a retry, or a race with the same key): that award is the answer.
    const existing = await awardsRepo.findAwardByIdempotencyKey(deps.db, city.id, input.idempotencyKey!)
    if (!existing) throw new InvalidState('the award for this Idempotency-Key vanished; retry')
    return { award: replay(existing, klass, v.identity), replayed: true }
  }

  /**
   * POST /awards: `issue` in the city of `slug`, with the city and the badge class from `reads` (checked by the award's
   * statement). When the statement finds either changed, or a check on cached rows refused the award, the award is
   * tried again on fresh reads (nothing was written: the statement inserted nothing, and a retry with the same
   * Idempotency-Key replays as usual). Answers the city too, for the route.
   */
  async function issueInCity (principal: Principal, slug: string, input: AwardInput): Promise<{ city: CityRow; award: Award; replayed: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const fresh = attempt > 0
      let cached = false
      let classKey: string | undefined
      try {
        let city = fresh ? undefined : recall(reads.cities, slug)
        if (city) cached = true
        else {
          city = await findCityBySlugVersioned(deps.db, slug)
          if (city) remember(reads.cities, slug, city)
        }
        // As cities.resolve: another tenant's city is indistinguishable from a missing one.
        if (!city || !canReachCity(principal, city.id)) throw new NotFound('city', slug)
        requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'issue awards') // before the class, as `issue`
        classKey = `${city.id}/${input.badgeClassId}`
        let klass = fresh ? undefined : recall(reads.classes, classKey)
        if (klass) cached = true
        else if (isUuid(input.badgeClassId)) {
          klass = await repo.findBadgeClassVersioned(deps.db, city.id, input.badgeClassId)
          if (klass) remember(reads.classes, classKey, klass)
        }
        if (!klass) throw new NotFound('badge-class', input.badgeClassId)
        const versions = { cityId: city.id, city: city.row_version, badgeClassId: klass.id, badgeClass: klass.row_version }
        return { city, ...await issue(principal, city, input, new Map([[klass.id, klass]]), versions) }
      } catch (err) {
        const stale = err instanceof StaleRead
        if (stale || (cached && err instanceof DomainError)) {
          reads.cities.delete(slug)
          if (classKey !== undefined) reads.classes.delete(classKey)
        }
        // Once on fresh reads after a refusal based on cached rows; a few times while the rows keep changing.
        if ((cached && !fresh && err instanceof DomainError) || (stale && attempt < 3)) continue
        if (stale) throw new InvalidState('the city or badge class kept changing while the award was made; retry')
        throw err
      }
    }
  }

  async function recipientOf (city: CityRow, r: AwardInput['recipient']): Promise<{ type: IdentityType; identity: string; learnerId?: string }> {
    if (!('learnerId' in r)) return r
    const found = deps.recipients && isUuid(r.learnerId) ? await deps.recipients.byLearnerId(deps.db, city.id, r.learnerId) : undefined
    if (!found) throw new InvalidInput('no such learner in this city', [{ field: '/recipient/learnerId', message: 'unknown learner' }])
    return found
  }

  /**
   * The award's learner: named by id, or the holder of a verified identifier equal to the identity (`holder`: the
   * insert looks it up).
   */
  async function learnerLink (trx: Executor, city: CityRow, r: { type: IdentityType; learnerId?: string }, identity: string): Promise<{ learner_id: string | null; recipient_match: string | null; holder?: { type: string; hash: string } }> {
    if (r.learnerId !== undefined) return { learner_id: r.learnerId, recipient_match: null }
    if (!deps.recipients) return { learner_id: null, recipient_match: null }
    const key = await deps.recipients.matchKey(trx, city.id, r.type, identity)
    return key ? { learner_id: null, recipient_match: key.hash, holder: key } : { learner_id: null, recipient_match: null }
  }

  function replay (existing: AwardRow, klass: BadgeClassRow, identity: string): Award {
    if (existing.badge_class_id !== klass.id || existing.identity_hash !== hashIdentity(identity, existing.salt)) {
      throw new InvalidInput('this Idempotency-Key was already used for a different award', [{ field: 'Idempotency-Key', message: 'reused for a different award' }])
    }
    return toAward(existing)
  }

  /** Up to 1,000 awards, each committed on its own: one bad item never undoes the others. */
  async function issueBatch (principal: Principal, city: CityRow, items: AwardInput[]): Promise<BatchItemResult[]> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'issue awards')
    if (items.length > MAX_BATCH) throw new InvalidInput(`a batch holds at most ${MAX_BATCH} awards`)
    const known = new Map<string, BadgeClassRow>()
    const results: BatchItemResult[] = []
    for (const [index, item] of items.entries()) {
      try {
        const { award, replayed } = await issue(principal, city, item, known)
        results.push({ index, award, replayed })
      } catch (err) {
        if (!(err instanceof DomainError)) throw err
        results.push({ index, error: err })
      }
    }
    return results
  }

  /**
   * Bulk issuing (jobs): a chunk of awards, each with its own idempotency key, with what `issue` guarantees for each
   * (same checks, same row error, a key used before replays its award, never a duplicate) in a few statements for the
   * whole chunk instead of ~10 per award: learners by id in one query; keys already used in one look-up; status-list
   * entries per organisation in one UPDATE (before the transaction, as in `issue`); then one transaction with the
   * learner matching, a multi-row INSERT ... ON CONFLICT DO NOTHING, the award.issued events in one INSERT, and the
   * claims of pending awards. Keys that inserted nothing (a race, or a key repeated in the chunk) are looked up
   * afterwards and replayed. Results come in input order.
   */
  async function issueMany (principal: Principal, city: CityRow, items: ReadonlyArray<AwardInput & { idempotencyKey: string }>, known?: Map<string, BadgeClassRow>): Promise<BatchItemResult[]> {
    requireRole(principal, ['platform-admin', 'city-admin', 'issuer'], 'issue awards')
    const results: BatchItemResult[] = []
    const fail = (index: number, err: unknown): void => {
      if (!(err instanceof DomainError)) throw err
      results[index] = { index, error: err }
    }
    const wanted = [...new Set(items.flatMap((i) => 'learnerId' in i.recipient && isUuid(i.recipient.learnerId) ? [i.recipient.learnerId] : []))]
    const learners = deps.recipients && wanted.length > 0 ? await deps.recipients.byLearnerIds(deps.db, city.id, wanted) : new Map<string, { type: 'id'; identity: string; learnerId: string }>()
    interface Ready { index: number; input: AwardInput & { idempotencyKey: string }; klass: BadgeClassRow; recipient: { type: IdentityType; identity: string; learnerId?: string }; v: ReturnType<typeof checkInput> }
    const ready: Ready[] = []
    for (const [index, input] of items.entries()) {
      try {
        const klass = await awardableClass(principal, city, input.badgeClassId, known)
        const recipient = 'learnerId' in input.recipient ? learners.get(input.recipient.learnerId) : input.recipient
        if (!recipient) throw new InvalidInput('no such learner in this city', [{ field: '/recipient/learnerId', message: 'unknown learner' }])
        ready.push({ index, input, klass, recipient, v: checkInput({ ...input, recipient }, klass) })
      } catch (err) { fail(index, err) }
    }
    const replayAll = (rows: Ready[], found: AwardRow[]): void => {
      const byKey = new Map(found.map((a) => [a.idempotency_key!, a]))
      for (const r of rows) {
        const existing = byKey.get(r.input.idempotencyKey)
        try {
          if (!existing) throw new InvalidState('the award for this Idempotency-Key vanished; retry')
          results[r.index] = { index: r.index, award: replay(existing, r.klass, r.v.identity), replayed: true }
        } catch (err) { fail(r.index, err) }
      }
    }
    // Keys used before (a resumed chunk): replayed, and no status entry is spent on them.
    const used = new Set((await awardsRepo.findAwardsByIdempotencyKeys(deps.db, city.id, [...new Set(ready.map((r) => r.input.idempotencyKey))])).map((a) => a.idempotency_key!))
    const fresh: Ready[] = []
    const later: Ready[] = []
    const seen = new Set<string>()
    for (const r of ready) {
      if (used.has(r.input.idempotencyKey) || seen.has(r.input.idempotencyKey)) later.push(r)
      else { fresh.push(r); seen.add(r.input.idempotencyKey) }
    }
    const orgs = [...new Set(fresh.map((r) => r.klass.organisation_id))]
    const signing = new Map(await Promise.all(orgs.map(async (o) => [o, await deps.keys.activeKey(city.id, o)] as const)))
    const entries = new Map<string, Array<{ status_list_id: string; status_index: number }>>()
    for (const o of orgs) entries.set(o, await allocateStatusEntries(deps.db, { cityId: city.id, organisationId: o }, fresh.filter((r) => r.klass.organisation_id === o).length))
    const claims = new Map<string, NonNullable<Award['claim']>>()
    const inserted = fresh.length === 0 ? [] : await deps.db.transaction().execute(async (trx) => {
      const byIdentity = fresh.filter((r) => r.recipient.learnerId === undefined)
      const matched = deps.recipients && byIdentity.length > 0 ? await deps.recipients.matchMany(trx, city.id, byIdentity.map((r) => ({ type: r.recipient.type, identity: r.v.identity }))) : []
      const links = new Map(byIdentity.map((r, i) => [r, { learner_id: matched[i]?.learnerId ?? null, recipient_match: matched[i]?.recipientMatch ?? null }]))
      const rows = await awardsRepo.insertAwards(trx, fresh.map((r) => {
        const salt = newSalt()
        return {
          ...entries.get(r.klass.organisation_id)!.shift()!,
          ...(r.recipient.learnerId !== undefined ? { learner_id: r.recipient.learnerId, recipient_match: null } : links.get(r)!),
          id: randomUUID(), city_id: city.id, organisation_id: r.klass.organisation_id, badge_class_id: r.klass.id,
          recipient_type: r.recipient.type, identity_hash: hashIdentity(r.v.identity, salt), salt,
          plain_identity: city.store_plain_identity && r.recipient.learnerId === undefined ? r.v.identity : null,
          evidence: JSON.stringify(r.v.evidence), narrative: r.input.narrative ?? null,
          issued_on: r.v.issuedOn, expires: r.v.expires ?? null, signing_key_id: signing.get(r.klass.organisation_id)!.id,
          idempotency_key: r.input.idempotencyKey, issued_by: principal.keyId,
        }
      }))
      await addEvents(trx, rows.map((a) => ({ type: 'award.issued', cityId: city.id, payload: { cityId: city.id, awardId: a.id, organisationId: a.organisation_id, badgeClassId: a.badge_class_id } })))
      // New awards no learner holds: their claims (and links or mails) commit with them, as in `issue`.
      const byKey = new Map(fresh.map((r) => [r.input.idempotencyKey, r]))
      const pending = rows.filter((a) => a.learner_id === null).map((a) => ({ award: a, identity: byKey.get(a.idempotency_key!)!.v.identity, badgeName: byKey.get(a.idempotency_key!)!.klass.name }))
      if (pending.length > 0 && deps.onPendingAwards) {
        const made = await deps.onPendingAwards(trx, city, pending)
        pending.forEach((p, i) => claims.set(p.award.id, made[i]!))
      } else if (deps.onPendingAward) {
        for (const p of pending) claims.set(p.award.id, await deps.onPendingAward(trx, city, p.award, p.identity, p.badgeName))
      }
      return rows
    }).catch(async (err: unknown) => {
      // A learner erased between the look-up and the insert (the foreign key refuses the whole statement): the chunk
      // goes through `issue` one award at a time, which reports that row alone.
      if ((err as { code?: string }).code !== '23503') throw err
      for (const r of fresh) {
        try {
          const { award, replayed } = await issue(principal, city, r.input, known)
          results[r.index] = { index: r.index, award, replayed }
        } catch (e) { fail(r.index, e) }
      }
      return undefined
    })
    if (inserted === undefined) {
      replayAll(later, await awardsRepo.findAwardsByIdempotencyKeys(deps.db, city.id, [...new Set(later.map((r) => r.input.idempotencyKey))]))
      return results
    }
    if (inserted.length > 0) deps.eventsWritten()
    const insertedByKey = new Map(inserted.map((a) => [a.idempotency_key!, a]))
    for (const r of fresh) {
      const a = insertedByKey.get(r.input.idempotencyKey)
      if (a) results[r.index] = { index: r.index, award: { ...toAward(a), ...(claims.has(a.id) ? { claim: claims.get(a.id)! } : {}) }, replayed: false }
      else later.push(r)
    }
    replayAll(later, await awardsRepo.findAwardsByIdempotencyKeys(deps.db, city.id, [...new Set(later.map((r) => r.input.idempotencyKey))]))
    return results
  }

  async function getRow (principal: Principal, city: CityRow, id: string): Promise<AwardRow> {
    const row = isUuid(id) ? await awardsRepo.findAward(deps.db, city.id, id) : undefined
    // An issuer key sees its own organisation's awards only.
    if (!row || (principal.role === 'issuer' && principal.organisationId !== row.organisation_id)) throw new NotFound('award', id)
    return row
  }

  const get = async (principal: Principal, city: CityRow, id: string): Promise<Award> => toAward(await getRow(principal, city, id))

  async function list (principal: Principal, city: CityRow, q: PageQuery & { organisationId?: string | undefined; badgeClassId?: string | undefined; revoked?: boolean | undefined }): Promise<Page<Award>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const organisationId = principal.role === 'issuer' ? principal.organisationId ?? undefined : q.organisationId
    const page = pageOf(await awardsRepo.listAwards(deps.db, city.id, { organisationId, badgeClassId: q.badgeClassId, revoked: q.revoked }, limit, cursor), limit)
    return { items: page.rows.map(toAward), nextCursor: page.nextCursor }
  }

  /** Revokes with a reason; idempotent (a second call keeps the first reason). Visible at once on every instance. */
  async function revoke (principal: Principal, city: CityRow, id: string, reason: string): Promise<Award> {
    const current = await getRow(principal, city, id)
    requireOrganisationWrite(principal, current.organisation_id, 'revoke this award')
    if (reason.trim() === '') throw new InvalidInput('a revocation reason is required', [{ field: '/reason', message: 'must not be blank' }])
    // The event (same transaction) has the OB 3.0 status list republished; the list is also re-signed on request when stale.
    const revoked = await deps.db.transaction().execute(async (trx) => {
      const r = await awardsRepo.revokeAward(trx, city.id, id, reason.trim())
      if (r) await addEvent(trx, { type: 'award.revoked', cityId: city.id, payload: { cityId: city.id, awardId: id } })
      return r
    })
    if (revoked) deps.eventsWritten()
    const row = revoked ?? await awardsRepo.findAward(deps.db, city.id, id)
    await deps.cache.invalidate(id)
    return toAward(row!)
  }

  /** The badge class when this caller may award it in this city (approved), undefined otherwise (bulk dry runs). */
  async function awardableClassOrError (principal: Principal, city: CityRow, badgeClassId: string): Promise<BadgeClassRow | undefined> {
    try {
      return await awardableClass(principal, city, badgeClassId)
    } catch (err) {
      if (err instanceof DomainError) return undefined
      throw err
    }
  }

  /** Whether a learner of this city has this id (bulk dry runs check a learner column with it). */
  async function learnerInCity (city: CityRow, learnerId: string): Promise<boolean> {
    return Boolean(deps.recipients && isUuid(learnerId) && await deps.recipients.byLearnerId(deps.db, city.id, learnerId))
  }

  return { issue, issueInCity, issueBatch, issueMany, get, list, revoke, toAward, linksOf, awardableClassOrError, learnerInCity }
}

export type AwardService = ReturnType<typeof createAwardService>
