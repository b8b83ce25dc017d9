import { randomUUID } from 'node:crypto'
import { learnerAwards } from '../../db/learners/export.repo.js'
import type { LearnerRow } from '../../db/learners/learners.types.js'
import * as repo from '../../db/oauth/ob-api.repo.js'
import { isUuid } from '../../db/page.js'
import type { CityRow } from '../../db/types.js'
import type { VerificationReport } from '../../ob/report.js'
import type { Principal } from '../access/auth.js'
import type { Ob3Service } from '../credentials/ob3-credentials.js'
import type { LearnerService } from '../learners/learners.js'
import type { DomainDeps } from '../shared/context.js'
import { DomainError, InvalidInput } from '../shared/errors.js'
import type { VerifyInput } from '../verify/verify.js'

/**
 * The Open Badges 3.0 REST API on behalf of a learner (issue #13; OB 3.0 §6): the learner's OpenBadgeCredentials —
 * the awards they hold here (not revoked, not declined, not held for a guardian) and the credentials they brought
 * in — paged by offset; upserting a credential they bring (verified by the same verifier as `POST /v1/verify`, stored
 * only when it verifies); their Profile (a pseudonymous id and, where the city allows names, a display name).
 */

/** An error the OB API answers as Imsx_StatusInfo with this status and codeMinor. */
export class ObApiError extends DomainError {
  override readonly code = 'OB_API'
  constructor (readonly status: number, readonly codeMinor: ImsxCodeMinor, message: string) {
    super(message)
  }
}
export type ImsxCodeMinor = 'forbidden' | 'fullsuccess' | 'internal_server_error' | 'invalid_data' | 'invalid_query_parameter' | 'misdirected_request' |
  'not_acceptable' | 'not_allowed' | 'not_found' | 'not_modified' | 'server_busy' | 'unauthorizedrequest' | 'unknown'

export const OB_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const
export const MAX_PAGE = 100

export interface ObProfile { '@context': string[]; id: string; type: string[]; name?: string }
export interface ObApiCaller { learner: LearnerRow; city: CityRow; clientId: string; grantId: string }

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** OB 3.0 §6.2.3 equality: ids compared after percent-decoding and trimming. */
export function normaliseId (id: string): string {
  try {
    return decodeURIComponent(id).trim()
  } catch {
    return id.trim()
  }
}

export interface ObApiDeps extends DomainDeps {
  ob3: Ob3Service
  learners: LearnerService
}

export function createObApiService (deps: ObApiDeps) {
  async function caller (accountId: string, clientId: string, grantId: string): Promise<ObApiCaller | undefined> {
    const found = isUuid(accountId) ? await repo.learnerWithCity(deps.db, accountId) : undefined
    return found ? { ...found, clientId, grantId } : undefined
  }

  /** The learner's credentials, oldest first: `since` keeps those issued after it; `total` counts them all. */
  async function credentials (c: ObApiCaller, q: { limit: number; offset: number; since?: Date | undefined }) {
    const held = c.learner.age_band === 'under-13' && c.learner.guardian_consent !== 'given'
    const awards = held ? [] : (await learnerAwards(deps.db, c.learner.id)).filter((a) => a.revoked_at === null && a.acceptance !== 'declined')
    const ours = new Set(awards.map((a) => normaliseId(deps.ob3.urls.credential(a.id))))
    const brought = (await repo.listLearnerCredentials(deps.db, c.learner.id)).filter((r) => !ours.has(normaliseId(r.credential_id)))
    type Item = { at: Date; key: string; award?: string; row?: typeof brought[number] }
    const items: Item[] = [
      ...awards.map((a) => ({ at: a.issued_on, key: a.id, award: a.id })),
      ...brought.map((r) => ({ at: r.valid_from, key: r.id, row: r })),
    ].filter((i) => q.since === undefined || i.at.getTime() > q.since.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const page = items.slice(q.offset, q.offset + q.limit)
    const credential: unknown[] = []
    const compactJwsString: string[] = []
    for (const i of page) {
      if (i.award !== undefined) credential.push(JSON.parse((await deps.ob3.credential(i.award)).toString('utf8')))
      else if (i.row!.format === 'jwt') compactJwsString.push(i.row!.document)
      else credential.push(JSON.parse(i.row!.document))
    }
    return { credential, compactJwsString, total: items.length, count: page.length }
  }

  /**
   * Upserts a credential the learner brings. It must verify (proof, dates, status) as an OB 3.0 credential; one of
   * ours or another issuer's alike. Equality is (issuer id, credential id); a copy whose validFrom is older than the
   * stored one leaves it as it is (`kept`).
   */
  async function upsert (c: ObApiCaller, input: { credential: unknown } | { jwt: string }, verify: (input: VerifyInput) => Promise<VerificationReport>) {
    const report = await verify(input)
    if (!report.format.startsWith('ob3')) throw new ObApiError(400, 'invalid_data', 'the body is not an Open Badges 3.0 credential')
    if (!report.verified) {
      const failed = report.checks.filter((ch) => !ch.valid).map((ch) => `${ch.id}${ch.code ? ` (${ch.code})` : ''}`).join(', ')
      throw new ObApiError(400, 'invalid_data', `the credential did not verify: ${failed || 'no check passed'}`)
    }
    const cred = report.credential
    if (!isObject(cred)) throw new ObApiError(400, 'invalid_data', 'the credential could not be read')
    const types = asArray(cred.type)
    if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) {
      throw new ObApiError(400, 'invalid_data', 'only OpenBadgeCredential (AchievementCredential) is accepted here')
    }
    const issuerId = typeof cred.issuer === 'string' ? cred.issuer : isObject(cred.issuer) && typeof cred.issuer.id === 'string' ? cred.issuer.id : undefined
    const credentialId = typeof cred.id === 'string' ? cred.id : undefined
    const validFromRaw = typeof cred.validFrom === 'string' ? cred.validFrom : typeof cred.issuanceDate === 'string' ? cred.issuanceDate : undefined
    const validFrom = validFromRaw ? new Date(validFromRaw) : undefined
    if (!issuerId || !credentialId) throw new ObApiError(400, 'invalid_data', 'the credential needs an id and an issuer id to be stored (OB 3.0 equality)')
    if (!validFrom || Number.isNaN(validFrom.getTime())) throw new ObApiError(400, 'invalid_data', 'the credential has no readable validFrom')
    const format = 'jwt' in input ? 'jwt' as const : 'json' as const
    const document = 'jwt' in input ? input.jwt.trim() : JSON.stringify(input.credential)
    const key = { issuer: normaliseId(issuerId), id: normaliseId(credentialId) }
    const outcome = await repo.upsertLearnerCredential(deps.db, {
      id: randomUUID(), city_id: c.city.id, learner_id: c.learner.id, issuer_id: key.issuer, credential_id: key.id,
      format, document, valid_from: validFrom, verified_at: deps.clock(), client_id: c.clientId,
    })
    return { outcome, format, document }
  }

  function profile (c: ObApiCaller): ObProfile {
    return {
      '@context': [...OB_CONTEXTS],
      id: `urn:uuid:${c.learner.pseudonym}`,
      type: ['Profile'],
      ...(c.learner.display_name !== null ? { name: c.learner.display_name } : {}),
    }
  }

  const PROFILE_KEYS = new Set(['@context', 'id', 'type', 'name'])

  /**
   * PUT /profile: the whole Profile. Only the display name is kept (where the city stores learner names); the id
   * must stay the learner's; any other field is refused (400), because we keep nothing else about a learner here.
   */
  async function putProfile (c: ObApiCaller, body: unknown): Promise<ObProfile> {
    if (!isObject(body)) throw new ObApiError(400, 'invalid_data', 'the body must be a Profile object')
    const extra = Object.keys(body).filter((k) => !PROFILE_KEYS.has(k))
    if (extra.length) throw new ObApiError(400, 'invalid_data', `this service keeps only the name of a learner's profile; not accepted: ${extra.slice(0, 10).join(', ')}`)
    if (!asArray(body.type).includes('Profile')) throw new ObApiError(400, 'invalid_data', 'type must include Profile')
    if (body.id !== undefined && body.id !== `urn:uuid:${c.learner.pseudonym}`) throw new ObApiError(400, 'invalid_data', "id must be the learner's own profile id (see GET /profile)")
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > 100)) throw new ObApiError(400, 'invalid_data', 'name must be a text of 1 to 100 characters')
    const name = typeof body.name === 'string' ? body.name : null
    const p: Principal = { keyId: `oauth-grant:${c.grantId}`, role: 'learner', cityId: c.city.id, organisationId: null, learnerId: c.learner.id }
    try {
      await deps.learners.update(p, c.city, c.learner.id, { displayName: name })
    } catch (err) {
      if (err instanceof InvalidInput) throw new ObApiError(400, 'invalid_data', err.fields?.map((f) => f.message).join('; ') || err.message)
      throw err
    }
    const after = await caller(c.learner.id, c.clientId, c.grantId)
    return profile(after ?? c)
  }

  return { caller, credentials, upsert, profile, putProfile }
}

export type ObApiService = ReturnType<typeof createObApiService>
