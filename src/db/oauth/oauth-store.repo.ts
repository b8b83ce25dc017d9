import { sql } from 'kysely'
import type { Executor } from '../types.js'

// oidc-provider's storage (its Adapter interface) on our database, so that the authorization server works the same
// embedded (PGlite) and on PostgreSQL, across any number of processes. One row per (model, id); a row past its
// expiry is never returned, and expired rows are swept now and then on write.

export interface StoredPayload {
  [key: string]: unknown
  grantId?: string
  uid?: string
  userCode?: string
  consumed?: number
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest'])
const SWEEP_EVERY = 200
let writes = 0

const live = (now: Date) => sql<boolean>`(expires_at is null or expires_at > ${now})`

export function createOauthStore (db: Executor, model: string, clock: () => Date) {
  return {
    async upsert (id: string, payload: StoredPayload, expiresIn: number | undefined): Promise<void> {
      const now = clock()
      const row = {
        model,
        id,
        payload: JSON.stringify(payload),
        grant_id: GRANTABLE.has(model) && typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
        expires_at: typeof expiresIn === 'number' ? new Date(now.getTime() + expiresIn * 1000) : null,
      }
      await db.insertInto('oauth_store').values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({
          payload: row.payload, grant_id: row.grant_id, uid: row.uid, user_code: row.user_code, expires_at: row.expires_at,
        }))
        .execute()
      if (++writes % SWEEP_EVERY === 0) await db.deleteFrom('oauth_store').where('expires_at', '<', new Date(now.getTime() - 3600_000)).execute()
    },

    async find (id: string): Promise<StoredPayload | undefined> {
      const row = await db.selectFrom('oauth_store').select(['payload', 'consumed_at'])
        .where('model', '=', model).where('id', '=', id).where(live(clock())).executeTakeFirst()
      return row ? withConsumed(row) : undefined
    },

    async findByUid (uid: string): Promise<StoredPayload | undefined> {
      const row = await db.selectFrom('oauth_store').select(['payload', 'consumed_at'])
        .where('model', '=', model).where('uid', '=', uid).where(live(clock())).executeTakeFirst()
      return row ? withConsumed(row) : undefined
    },

    async findByUserCode (userCode: string): Promise<StoredPayload | undefined> {
      const row = await db.selectFrom('oauth_store').select(['payload', 'consumed_at'])
        .where('model', '=', model).where('user_code', '=', userCode).where(live(clock())).executeTakeFirst()
      return row ? withConsumed(row) : undefined
    },

    async consume (id: string): Promise<void> {
      await db.updateTable('oauth_store').set({ consumed_at: clock() }).where('model', '=', model).where('id', '=', id).execute()
    },

    async destroy (id: string): Promise<void> {
      await db.deleteFrom('oauth_store').where('model', '=', model).where('id', '=', id).execute()
    },

    async revokeByGrantId (grantId: string): Promise<void> {
      await db.deleteFrom('oauth_store').where('model', '=', model).where('grant_id', '=', grantId).execute()
    },
  }
}

/** oidc-provider reads `consumed` (epoch seconds) to refuse a second use of a code or rotated refresh token. */
function withConsumed (row: { payload: Record<string, unknown>; consumed_at: Date | null }): StoredPayload {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as StoredPayload
  return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload
}
