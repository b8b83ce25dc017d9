import { randomUUID } from 'node:crypto'
import * as awardsRepo from '../../db/badges/awards.repo.js'
import * as repo from '../../db/badges/badges.repo.js'
import type { EndorsementRow, EndorsementSubjectType } from '../../db/badges/badges.types.js'
import { isUuid, pageOf } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import { requireOrganisationWrite, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, InvalidState, NotFound } from '../shared/errors.js'
import type { HostedCache } from '../credentials/hosted-cache.js'
import { ob2Urls } from '../credentials/ob2-urls.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'

export interface Endorsement {
  id: string
  organisationId: string
  subject: { type: EndorsementSubjectType; id: string }
  comment?: string
  issuedOn: string
  createdAt: string
  links: { endorsement: string; subject: string; issuer: string }
}

export interface EndorsementInput {
  organisationId: string
  subject: { type: EndorsementSubjectType; id: string }
  comment?: string | undefined
}

export function createEndorsementService (deps: DomainDeps & { cache: HostedCache }) {
  const urls = ob2Urls(deps.publicUrl)

  /** The OB 2.0 URL of what an endorsement is about (its `claim.id`). */
  const subjectUrl = (type: EndorsementSubjectType, id: string): string =>
    type === 'badge-class' ? urls.badge(id) : type === 'organisation' ? urls.issuer(id) : urls.assertion(id)

  const toEndorsement = (r: EndorsementRow): Endorsement => ({
    id: r.id,
    organisationId: r.organisation_id,
    subject: { type: r.subject_type, id: r.subject_id },
    ...(r.comment !== null ? { comment: r.comment } : {}),
    issuedOn: r.issued_on.toISOString(),
    createdAt: r.created_at.toISOString(),
    links: { endorsement: urls.endorsement(r.id), subject: subjectUrl(r.subject_type, r.subject_id), issuer: urls.issuer(r.organisation_id) },
  })

  /** The organisation that owns the subject; throws NotFound for a subject outside the city or not public. */
  async function subjectOwner (city: CityRow, type: EndorsementSubjectType, id: string): Promise<string> {
    if (!isUuid(id)) throw new NotFound(type, id)
    if (type === 'badge-class') {
      const bc = await repo.findBadgeClass(deps.db, city.id, id)
      if (!bc) throw new NotFound(type, id)
      if (bc.status !== 'approved') throw new InvalidState(`only approved badge classes can be endorsed; this one is ${bc.status}`)
      return bc.organisation_id
    }
    if (type === 'organisation') {
      const org = await repo.findOrganisationById(deps.db, id)
      if (!org || org.city_id !== city.id) throw new NotFound(type, id)
      return org.id
    }
    const award = await awardsRepo.findAward(deps.db, city.id, id)
    if (!award) throw new NotFound(type, id)
    if (award.revoked_at) throw new InvalidState('a revoked award cannot be endorsed')
    return award.organisation_id
  }

  /** An organisation vouches for a badge class, an issuer or an award (e.g. a college validating an employer's badge). */
  async function create (principal: Principal, city: CityRow, input: EndorsementInput): Promise<Endorsement> {
    requireOrganisationWrite(principal, input.organisationId, 'endorse for this organisation')
    const endorser = isUuid(input.organisationId) ? await repo.findOrganisationById(deps.db, input.organisationId) : undefined
    if (!endorser || endorser.city_id !== city.id) throw new NotFound('organisation', input.organisationId)
    const owner = await subjectOwner(city, input.subject.type, input.subject.id)
    if (owner === endorser.id) throw new InvalidInput('an organisation cannot endorse itself or its own badges', [{ field: '/subject', message: 'belongs to the endorsing organisation' }])
    const row = await repo.insertEndorsement(deps.db, {
      id: randomUUID(), city_id: city.id, organisation_id: endorser.id, subject_type: input.subject.type,
      subject_id: input.subject.id, comment: input.comment?.trim() || null, issued_on: deps.clock(),
    })
    // An award's hosted assertion lists its endorsements: drop the cached copy everywhere.
    if (row.subject_type === 'award') await deps.cache.invalidate(row.subject_id)
    return toEndorsement(row)
  }

  async function get (city: CityRow, id: string): Promise<Endorsement> {
    const row = isUuid(id) ? await repo.findEndorsementById(deps.db, id) : undefined
    if (!row || row.city_id !== city.id) throw new NotFound('endorsement', id)
    return toEndorsement(row)
  }

  async function list (city: CityRow, q: PageQuery & { subjectId?: string | undefined; organisationId?: string | undefined }): Promise<Page<Endorsement>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listEndorsements(deps.db, city.id, q, limit, cursor), limit)
    return { items: page.rows.map(toEndorsement), nextCursor: page.nextCursor }
  }

  return { create, get, list, toEndorsement, subjectUrl }
}

export type EndorsementService = ReturnType<typeof createEndorsementService>
