import { randomUUID } from 'node:crypto'
import { addEvent } from '../../db/outbox.js'
import { isUuid, pageOf } from '../../db/page.js'
import * as repo from '../../db/repos.js'
import type { CityRow, OrganisationRow } from '../../db/types.js'
import { requireOrganisationWrite, requireRole, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'

export const ORGANISATION_KINDS = ['school', 'college', 'university', 'employer', 'charity', 'youth-club', 'museum', 'library', 'council', 'cultural', 'sport', 'other'] as const

export interface Organisation {
  id: string
  name: string
  url: string
  email: string
  description?: string
  image?: string
  telephone?: string
  kind: string
  verified: boolean
  createdAt: string
  updatedAt: string
}

export interface OrganisationInput {
  name: string
  url: string
  email: string
  description?: string | undefined
  image?: string | undefined
  telephone?: string | undefined
  kind?: string | undefined
}

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  url: r.url,
  email: r.email,
  ...(r.description !== null ? { description: r.description } : {}),
  ...(r.image !== null ? { image: r.image } : {}),
  ...(r.telephone !== null ? { telephone: r.telephone } : {}),
  kind: r.kind,
  verified: r.verified,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

/** Rules an OB 2.0 issuer Profile must meet (CONFORMANCE A2: url, email, E.164 telephone, image kinds). */
function checkProfile (input: Partial<OrganisationInput>): Partial<OrganisationInput> {
  const fields: Array<{ field: string; message: string }> = []
  const out: Partial<OrganisationInput> = { ...input }
  if (input.url !== undefined) {
    try {
      const u = new URL(input.url)
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme')
      out.url = u.toString()
    } catch {
      fields.push({ field: '/url', message: 'must be an absolute http(s) URL' })
    }
  }
  if (input.email !== undefined) {
    out.email = input.email.trim().toLowerCase()
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(out.email)) fields.push({ field: '/email', message: 'must be an email address' })
  }
  if (input.telephone !== undefined && !/^\+?[1-9]\d{1,14}$/.test(input.telephone)) {
    fields.push({ field: '/telephone', message: 'must be an E.164 number such as +441632960000' })
  }
  if (input.image !== undefined && !/^https:\/\/\S+$|^data:image\/(png|svg\+xml)[;,]/.test(input.image)) {
    fields.push({ field: '/image', message: 'must be an https URL or a PNG/SVG data URI' })
  }
  if (input.name !== undefined && input.name.trim() === '') fields.push({ field: '/name', message: 'must not be blank' })
  if (fields.length) throw new InvalidInput('organisation is invalid', fields)
  return out
}

export function createOrganisationService (deps: DomainDeps) {
  async function get (city: CityRow, id: string): Promise<OrganisationRow> {
    const row = isUuid(id) ? await repo.findOrganisation(deps.db, city.id, id) : undefined
    if (!row) throw new NotFound('organisation', id)
    return row
  }

  async function create (principal: Principal, city: CityRow, input: OrganisationInput): Promise<Organisation> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'create organisations')
    const v = checkProfile(input) as OrganisationInput
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertOrganisation(trx, {
        id: randomUUID(), city_id: city.id, name: v.name.trim(), url: v.url, email: v.email,
        description: v.description ?? null, image: v.image ?? null, telephone: v.telephone ?? null,
        kind: v.kind ?? 'other', verified: false,
      })
      await addEvent(trx, { type: 'organisation.created', cityId: city.id, payload: { cityId: city.id, organisationId: r.id } })
      return r
    })
    deps.eventsWritten()
    return toOrganisation(row)
  }

  async function update (principal: Principal, city: CityRow, id: string, patch: Partial<OrganisationInput>): Promise<Organisation> {
    await get(city, id)
    requireOrganisationWrite(principal, id, 'edit the profile')
    const v = checkProfile(patch)
    const row = await repo.updateOrganisation(deps.db, city.id, id, {
      ...(v.name !== undefined ? { name: v.name.trim() } : {}),
      ...(v.url !== undefined ? { url: v.url } : {}),
      ...(v.email !== undefined ? { email: v.email } : {}),
      ...(v.description !== undefined ? { description: v.description } : {}),
      ...(v.image !== undefined ? { image: v.image } : {}),
      ...(v.telephone !== undefined ? { telephone: v.telephone } : {}),
      ...(v.kind !== undefined ? { kind: v.kind } : {}),
    })
    if (!row) throw new NotFound('organisation', id)
    return toOrganisation(row)
  }

  async function list (city: CityRow, q: PageQuery): Promise<Page<Organisation>> {
    const { limit, cursor } = readPageQuery(q, { uuidIds: true })
    const page = pageOf(await repo.listOrganisations(deps.db, city.id, limit, cursor), limit)
    return { items: page.rows.map(toOrganisation), nextCursor: page.nextCursor }
  }

  /** The city's "verified" mark on an organisation's public pages: only the city's admins (or a platform admin) set it. */
  async function setVerified (principal: Principal, city: CityRow, id: string, verified: boolean): Promise<Organisation> {
    await get(city, id)
    requireRole(principal, ['platform-admin', 'city-admin'], 'verify organisations')
    const row = await repo.updateOrganisation(deps.db, city.id, id, { verified })
    if (!row) throw new NotFound('organisation', id)
    return toOrganisation(row)
  }

  return { get, create, update, list, setVerified }
}

export type OrganisationService = ReturnType<typeof createOrganisationService>
