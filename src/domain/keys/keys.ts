import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import * as repo from '../../db/badges/badges.repo.js'
import type { SigningKeyRow } from '../../db/badges/badges.types.js'
import type { CityRow } from '../../db/types.js'
import { generateRsaKeyPair, signAssertion } from '../../ob/v2/jws.js'
import { requireOrganisationWrite, type Principal } from '../access/auth.js'
import type { DomainDeps } from '../shared/context.js'
import { Conflict, NotFound } from '../shared/errors.js'
import { ob2Urls } from '../credentials/ob2-urls.js'

export interface SigningKeyInfo {
  id: string
  organisationId: string
  algorithm: string
  active: boolean
  createdAt: string
  retiredAt?: string
  publicKeyPem: string
  url: string
}

/** AES-256-GCM under the key-encryption key, the kid as associated data (a row copied to another kid fails). */
export function encryptPrivateKey (pem: string, kid: string, kek: Buffer): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek, iv)
  cipher.setAAD(Buffer.from(kid, 'utf8'))
  const ct = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()])
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
}

export function decryptPrivateKey (enc: string, kid: string, kek: Buffer): string {
  if (!enc.startsWith('v1.')) throw new Error(`signing key ${kid}: unknown encryption format`)
  const raw = Buffer.from(enc.slice(3), 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, 12))
  decipher.setAAD(Buffer.from(kid, 'utf8'))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}

/**
 * At start: does `kek` open the stored signing keys? Resolves with the number checked (0 on a new database); rejects
 * with a message naming the problem when it does not (a wrong or rotated KEY_ENCRYPTION_KEY), so that the process
 * stops at once instead of failing every signature later.
 */
export async function checkKeyEncryptionKey (db: DomainDeps['db'], kek: Buffer): Promise<number> {
  const rows = await repo.sampleKeys(db, 3)
  for (const row of rows) {
    try {
      decryptPrivateKey(row.private_key_enc, row.id, kek)
    } catch {
      throw new Error('KEY_ENCRYPTION_KEY does not open the signing keys stored in this database: it is not the key they were ' +
        'encrypted with (changed, rotated, or another environment\'s). Start with the key they were encrypted with; ' +
        'rotating KEY_ENCRYPTION_KEY in place is not supported.')
    }
  }
  return rows.length
}

const ACTIVE_TTL_MS = 10_000

export function createKeyService (deps: DomainDeps) {
  const urls = ob2Urls(deps.publicUrl)
  const privateKeys = new Map<string, KeyObject>()
  const active = new Map<string, { row: SigningKeyRow; at: number }>()

  const toInfo = (r: SigningKeyRow): SigningKeyInfo => ({
    id: r.id,
    organisationId: r.organisation_id,
    algorithm: r.algorithm,
    active: r.retired_at === null,
    createdAt: r.created_at.toISOString(),
    ...(r.retired_at ? { retiredAt: r.retired_at.toISOString() } : {}),
    publicKeyPem: r.public_key_pem,
    url: urls.key(r.organisation_id, r.id),
  })

  async function newKeyRow (cityId: string, organisationId: string) {
    const pair = await generateRsaKeyPair()
    const id = `rsa-${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`
    const jwk = { ...createPublicKey(pair.publicKeyPem).export({ format: 'jwk' }), kid: id, alg: 'RS256', use: 'sig' }
    return {
      id, city_id: cityId, organisation_id: organisationId, algorithm: 'RS256' as const,
      public_key_pem: pair.publicKeyPem, public_jwk: JSON.stringify(jwk),
      private_key_enc: encryptPrivateKey(pair.privateKeyPem, id, deps.keyEncryptionKey),
    }
  }

  /**
   * The organisation's active RS256 key, created on first use. Race-safe: a partial unique index allows one
   * active key per organisation, so the loser of two concurrent creations reads the winner's key.
   */
  async function activeKey (cityId: string, organisationId: string): Promise<SigningKeyRow> {
    const hit = active.get(organisationId)
    if (hit && Date.now() - hit.at < ACTIVE_TTL_MS) return hit.row
    let row = await repo.findActiveKey(deps.db, organisationId, 'RS256')
    if (!row) {
      row = await repo.insertKeyIfNoneActive(deps.db, await newKeyRow(cityId, organisationId)) ??
        await repo.findActiveKey(deps.db, organisationId, 'RS256')
      if (!row) throw new Error(`could not create a signing key for organisation ${organisationId}`)
    }
    active.set(organisationId, { row, at: Date.now() })
    return row
  }

  async function privateKey (kid: string): Promise<KeyObject> {
    const cached = privateKeys.get(kid)
    if (cached) return cached
    const row = await repo.findKey(deps.db, kid)
    if (!row) throw new NotFound('signing-key', kid)
    const key = createPrivateKey(decryptPrivateKey(row.private_key_enc, kid, deps.keyEncryptionKey))
    if (privateKeys.size > 1000) privateKeys.clear()
    privateKeys.set(kid, key)
    return key
  }

  /** RS256 compact JWS of an assertion with the given key (RSASSA-PKCS1-v1_5 is deterministic: same input, same JWS). */
  async function sign (kid: string, assertion: object): Promise<string> {
    return signAssertion(assertion, await privateKey(kid))
  }

  /** A new active key; the old one is retired but stays published, so what it signed still verifies. */
  async function rotate (principal: Principal, city: CityRow, organisationId: string): Promise<SigningKeyInfo> {
    requireOrganisationWrite(principal, organisationId, 'rotate signing keys')
    const org = await repo.findOrganisationById(deps.db, organisationId)
    if (!org || org.city_id !== city.id) throw new NotFound('organisation', organisationId)
    const fresh = await newKeyRow(city.id, organisationId)
    const row = await deps.db.transaction().execute(async (trx) => {
      await repo.retireActiveKeys(trx, organisationId, 'RS256')
      const inserted = await repo.insertKeyIfNoneActive(trx, fresh)
      if (!inserted) throw new Conflict('another key rotation for this organisation is in progress; retry')
      return inserted
    })
    active.set(organisationId, { row, at: Date.now() })
    return toInfo(row)
  }

  async function list (city: CityRow, organisationId: string): Promise<SigningKeyInfo[]> {
    const org = await repo.findOrganisationById(deps.db, organisationId)
    if (!org || org.city_id !== city.id) throw new NotFound('organisation', organisationId)
    return (await repo.listKeys(deps.db, organisationId)).map(toInfo)
  }

  return { activeKey, sign, rotate, list, toInfo }
}

export type KeyService = ReturnType<typeof createKeyService>
