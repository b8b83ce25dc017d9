import { createHash, randomBytes, randomUUID } from 'node:crypto'
import * as backpackRepo from '../../db/learners/backpack.repo.js'
import * as repo from '../../db/learners/shares.repo.js'
import type { LearnerShareRow } from '../../db/learners/learners.types.js'
import { findCityById } from '../../db/repos.js'
import { isUuid, pageOf } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import type { Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import type { BackpackItem, BackpackService } from './backpack.js'
import type { LearnerService } from './learners.js'
import { sharingRefusal } from './rules.js'

// Shares (issue #8 item 6): an unguessable, expiring, revocable link to some awards or a collection. Only the
// SHA-256 of the token is stored. The public page shows the badges and nothing about the learner except the
// display name when the learner chose to show it.

export interface Share { id: string; url?: string; awardIds?: string[]; collectionId?: string; showName: boolean; expiresAt?: string; revokedAt?: string; createdAt: string }

/** What the public page shows. */
export interface SharedView { title: string; name?: string; city: string; items: BackpackItem[]; expiresAt?: string }

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')
const TOKEN = /^[A-Za-z0-9_-]{43}$/

export function createShareService (deps: DomainDeps & { learners: LearnerService; backpack: BackpackService }) {
  const shareUrl = (token: string): string => `${deps.publicUrl}/shares/${token}`
  const toShare = (r: LearnerShareRow, token?: string): Share => ({
    id: r.id,
    ...(token !== undefined ? { url: shareUrl(token) } : {}),
    ...(r.award_ids !== null ? { awardIds: r.award_ids } : {}),
    ...(r.collection_id !== null ? { collectionId: r.collection_id } : {}),
    showName: r.show_name,
    ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
    createdAt: r.created_at.toISOString(),
  })

  async function create (p: Principal, city: CityRow, learnerId: string, input: { awardIds?: string[] | undefined; collectionId?: string | undefined; expiresAt?: string | undefined; showName?: boolean | undefined }): Promise<Share> {
    const learner = await deps.learners.getRow(p, city, learnerId, 'share awards')
    const refusal = sharingRefusal(learner)
    if (refusal) throw new InvalidState(refusal)
    if ((input.awardIds === undefined) === (input.collectionId === undefined)) {
      throw new InvalidInput('share either awardIds or a collectionId', [{ field: '/', message: 'exactly one of awardIds, collectionId' }])
    }
    let expiresAt: Date | null = null
    if (input.expiresAt !== undefined) {
      expiresAt = new Date(input.expiresAt)
      if (Number.isNaN(expiresAt.getTime()) || !/[zZ]|[+-]\d\d:\d\d$/.test(input.expiresAt)) throw new InvalidInput('expiresAt is an ISO 8601 date-time with a timezone', [{ field: '/expiresAt', message: 'not a date-time with timezone' }])
      if (expiresAt.getTime() <= deps.clock().getTime()) throw new InvalidInput('expiresAt must be in the future', [{ field: '/expiresAt', message: 'must be in the future' }])
    }
    let awardIds: string[] | null = null
    if (input.awardIds !== undefined) {
      awardIds = [...new Set(input.awardIds)]
      const owned = await backpackRepo.ownedAwardIds(deps.db, learner.id, awardIds.filter(isUuid))
      const fields = awardIds.flatMap((id, i) => {
        const state = owned.get(id)
        if (state === undefined) return [{ field: `/awardIds/${i}`, message: "not an award in this learner's backpack" }]
        if (state === 'declined') return [{ field: `/awardIds/${i}`, message: 'a declined award is never shared' }]
        return []
      })
      if (fields.length) throw new InvalidInput("a share holds only the learner's own awards", fields)
    } else if (!isUuid(input.collectionId!) || !(await backpackRepo.findCollection(deps.db, learner.id, input.collectionId!))) {
      throw new InvalidInput('no such collection of this learner', [{ field: '/collectionId', message: 'unknown collection' }])
    }
    const token = randomBytes(32).toString('base64url')
    const row = await repo.insertShare(deps.db, {
      id: randomUUID(), learner_id: learner.id, city_id: city.id, token_hash: hashToken(token), award_ids: awardIds,
      collection_id: awardIds === null ? input.collectionId! : null, show_name: input.showName === true && learner.display_name !== null, expires_at: expiresAt,
    })
    return toShare(row, token)
  }

  async function list (p: Principal, city: CityRow, learnerId: string, q: PageQuery): Promise<Page<Share>> {
    await deps.learners.getRow(p, city, learnerId, 'read shares')
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listShares(deps.db, learnerId, limit, cursor), limit)
    return { items: page.rows.map((r) => toShare(r)), nextCursor: page.nextCursor }
  }

  async function revoke (p: Principal, city: CityRow, learnerId: string, shareId: string): Promise<Share> {
    await deps.learners.getRow(p, city, learnerId, 'revoke shares')
    const row = isUuid(shareId) ? await repo.revokeShare(deps.db, learnerId, shareId) : undefined
    if (!row) throw new NotFound('share', shareId)
    return toShare(row)
  }

  /**
   * The public view of a share: 404 for an unknown token, 410 (InvalidState→ the route maps `gone`) when revoked,
   * expired, or no longer allowed (consent withdrawn). Declined and revoked awards never appear.
   */
  async function view (token: string): Promise<{ gone: true; reason: string } | { gone: false; view: SharedView }> {
    if (!TOKEN.test(token)) throw new NotFound('share', 'token')
    const found = await repo.findShareByTokenHash(deps.db, hashToken(token))
    if (!found) throw new NotFound('share', 'token')
    const { share, learner } = found
    if (share.revoked_at) return { gone: true, reason: 'this share link was revoked' }
    if (share.expires_at && share.expires_at.getTime() <= deps.clock().getTime()) return { gone: true, reason: 'this share link has expired' }
    if (sharingRefusal(learner)) return { gone: true, reason: 'this share link is no longer available' }
    let ids = share.award_ids ?? []
    let title = 'Shared badges'
    if (share.collection_id) {
      const c = await backpackRepo.findCollection(deps.db, learner.id, share.collection_id)
      if (!c) return { gone: true, reason: 'this collection no longer exists' }
      title = c.name
      ids = (await backpackRepo.collectionAwardIds(deps.db, [c.id])).get(c.id) ?? []
    }
    const rows = await backpackRepo.backpackItems(deps.db, learner.id, ids)
    const items = rows.filter((r) => r.acceptance !== 'declined' && r.revoked_at === null).map(deps.backpack.toItem)
    const city = await findCityById(deps.db, share.city_id)
    return {
      gone: false,
      view: {
        title, city: city?.name ?? '', items,
        ...(share.show_name && learner.display_name !== null ? { name: learner.display_name } : {}),
        ...(share.expires_at ? { expiresAt: share.expires_at.toISOString() } : {}),
      },
    }
  }

  return { create, list, revoke, view }
}

export type ShareService = ReturnType<typeof createShareService>
