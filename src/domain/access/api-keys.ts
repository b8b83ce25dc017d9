import { pageOf } from '../../db/page.js'
import * as repo from '../../db/repos.js'
import type { ApiKeyRow, CityRow, Db } from '../../db/types.js'
import { generateApiKey, hashSecret, parseToken, requireRole, secretMatches, type Principal, type Role } from './auth.js'
import { InvalidInput, NotFound } from '../shared/errors.js'
import { readPageQuery, type Page, type PageQuery } from '../shared/pagination.js'
import { recentRows } from '../shared/recent-rows.js'

export interface ApiKeyInfo {
  id: string
  name: string
  role: Role
  organisationId?: string
  createdAt: string
  lastUsedAt?: string
  revokedAt?: string
}

const TOUCH_EVERY_MS = 60_000
/**
 * How long this instance trusts a key row it read (recentRows: read again in the background at half that age): every
 * authenticated request reads its key, and a read is a database round trip (the largest share of a small request's
 * cost). A revocation shows at once on the instance that made it (its entry is dropped) and within this time on every
 * other instance. The secret is checked on every request, cached or not.
 */
export const KEY_CACHE_MS = 1_000

export const toApiKeyInfo = (r: ApiKeyRow): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  role: r.role,
  ...(r.organisation_id ? { organisationId: r.organisation_id } : {}),
  createdAt: r.created_at.toISOString(),
  ...(r.last_used_at ? { lastUsedAt: r.last_used_at.toISOString() } : {}),
  ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
})

export function createApiKeyService (deps: { db: Db; onTouchError?: (err: unknown) => void }) {
  // last_used_at has a minute's resolution (touchApiKey writes it at most once a minute): this instance skips the
  // write for a minute after its own last one, instead of an UPDATE round trip on every request.
  const touched = new Map<string, number>()
  function touch (id: string): void {
    const now = Date.now()
    const last = touched.get(id)
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return
    if (touched.size >= 10_000) touched.clear()
    touched.set(id, now)
    repo.touchApiKey(deps.db, id).catch((err: unknown) => deps.onTouchError?.(err))
  }

  const rows = recentRows((id) => repo.findApiKey(deps.db, id), { maxAgeMs: KEY_CACHE_MS })
  const keyRow = rows.get

  /** The principal behind a bearer token, or undefined for an unknown, wrong or revoked key. */
  async function authenticate (token: string): Promise<Principal | undefined> {
    if (token.length > 512) return undefined
    const { id, secretHash } = parseToken(token)
    const row = await keyRow(id)
    if (!row || row.revoked_at !== null || !secretMatches(row.secret_hash, secretHash)) return undefined
    touch(row.id)
    return { keyId: row.id, role: row.role, cityId: row.city_id, organisationId: row.organisation_id }
  }

  /** Makes sure an operator-chosen value works as a platform-admin key (CITYBADGES_ADMIN_KEY). */
  async function ensureAdminKey (value: string): Promise<void> {
    const { id } = parseToken(value)
    rows.forget(id)
    await repo.upsertApiKey(deps.db, {
      id, role: 'platform-admin', name: 'CITYBADGES_ADMIN_KEY', secret_hash: hashSecret(value),
      city_id: null, organisation_id: null,
    })
  }

  /** A new key; the token is returned once and never stored. */
  async function issue (input: { role: Role; name: string; cityId?: string | null; organisationId?: string | null }): Promise<{ token: string; key: ApiKeyInfo }> {
    const k = generateApiKey()
    const row = await repo.insertApiKey(deps.db, {
      id: k.id, role: input.role, name: input.name, secret_hash: k.secretHash,
      city_id: input.cityId ?? null, organisation_id: input.organisationId ?? null,
    })
    return { token: k.token, key: toApiKeyInfo(row) }
  }

  async function create (principal: Principal, city: CityRow, input: { name: string; role: Role; organisationId?: string | undefined },
    organisationExists: (id: string) => Promise<boolean>): Promise<{ token: string; key: ApiKeyInfo }> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'create API keys')
    if (input.role === 'platform-admin') throw new InvalidInput('platform-admin keys are created with the CLI only', [{ field: '/role', message: 'not allowed here' }])
    if (input.role === 'issuer') {
      if (!input.organisationId || !(await organisationExists(input.organisationId))) {
        throw new InvalidInput('an issuer key needs an organisation of this city', [{ field: '/organisationId', message: 'unknown organisation' }])
      }
    } else if (input.organisationId !== undefined) {
      throw new InvalidInput('only issuer keys are bound to an organisation', [{ field: '/organisationId', message: 'only for role issuer' }])
    }
    return issue({ role: input.role, name: input.name, cityId: city.id, organisationId: input.role === 'issuer' ? input.organisationId : null })
  }

  async function list (principal: Principal, city: CityRow, q: PageQuery): Promise<Page<ApiKeyInfo>> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'list API keys')
    const { limit, cursor } = readPageQuery(q)
    const page = pageOf(await repo.listApiKeys(deps.db, city.id, limit, cursor), limit)
    return { items: page.rows.map(toApiKeyInfo), nextCursor: page.nextCursor }
  }

  async function revoke (principal: Principal, city: CityRow, id: string): Promise<ApiKeyInfo> {
    requireRole(principal, ['platform-admin', 'city-admin'], 'revoke API keys')
    const row = await repo.revokeApiKey(deps.db, city.id, id)
    rows.forget(id)
    if (!row) throw new NotFound('api-key', id)
    return toApiKeyInfo(row)
  }

  return { authenticate, ensureAdminKey, issue, create, list, revoke }
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>
