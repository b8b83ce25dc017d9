import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import * as repo from '../../db/badges/badges.repo.js'
import type { SigningKeyRow } from '../../db/badges/badges.types.js'
import type { Executor } from '../../db/types.js'
import { signDataIntegrity } from '../../ob/v3/data-integrity.js'
import { signCredentialJwt, type JwtAlg } from '../../ob/v3/jwt.js'
import { publicKeyToMultibase } from '../../ob/v3/multikey.js'
import type { DomainDeps } from '../shared/context.js'
import { decryptPrivateKey, encryptPrivateKey } from './keys.js'
import { ob3Urls } from '../credentials/ob3-urls.js'

/**
 * OB 3.0 signing keys per organisation, stored like the OB 2.0 RS256 keys (signing_keys, private keys AES-256-GCM
 * under KEY_ENCRYPTION_KEY, see keys.ts): Ed25519 for Data Integrity proofs, ES256 (P-256) and RS256 for VC-JWT.
 * Keys are created on first use. A rotated key is retired, never deleted: the controller document keeps listing
 * every Ed25519 key and every JWK stays at its kid URL, so what a retired key signed still verifies.
 */

export type Ob3Algorithm = 'Ed25519' | 'ES256' | 'RS256'

const PREFIX: Record<Ob3Algorithm, string> = { Ed25519: 'ed', ES256: 'ec', RS256: 'rsa' }
const ACTIVE_TTL_MS = 10_000

const generate = promisify(generateKeyPair)

async function newKeyRow (cityId: string, organisationId: string, algorithm: Ob3Algorithm, kek: Buffer) {
  const id = `${PREFIX[algorithm]}-${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`
  // Generated off the event loop (an RSA key takes tens of milliseconds).
  const pair = algorithm === 'Ed25519'
    ? await generate('ed25519')
    : algorithm === 'ES256'
      ? await generate('ec', { namedCurve: 'P-256' })
      : await generate('rsa', { modulusLength: 2048 })
  const publicKeyPem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString()
  const privateKeyPem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: id, alg: algorithm === 'Ed25519' ? 'EdDSA' : algorithm, use: 'sig' }
  return {
    id, city_id: cityId, organisation_id: organisationId, algorithm,
    public_key_pem: publicKeyPem, public_jwk: JSON.stringify(jwk),
    private_key_enc: encryptPrivateKey(privateKeyPem, id, kek),
  }
}

/** The Multikey `publicKeyMultibase` of an Ed25519 key row. */
const multibases = new Map<string, string>()
/** The Multikey form of a key row's public key (memoised by PEM: signing 1,000 credentials parses the key once). */
export function multibaseOf (row: Pick<SigningKeyRow, 'public_key_pem'>): string {
  const hit = multibases.get(row.public_key_pem)
  if (hit !== undefined) return hit
  const value = publicKeyToMultibase(createPublicKey(row.public_key_pem))
  if (multibases.size >= 10_000) multibases.clear()
  multibases.set(row.public_key_pem, value)
  return value
}

export function createOb3KeyStore (deps: Pick<DomainDeps, 'db' | 'keyEncryptionKey' | 'publicUrl'>) {
  const urls = ob3Urls(deps.publicUrl)
  const privateKeys = new Map<string, KeyObject>()
  const active = new Map<string, { row: SigningKeyRow; at: number }>()

  /**
   * The organisation's active key of `algorithm`, created on first use. Race-safe like keys.ts: one active key per
   * organisation and algorithm (a partial unique index), the loser of a concurrent creation reads the winner's.
   */
  async function activeKey (cityId: string, organisationId: string, algorithm: Ob3Algorithm): Promise<SigningKeyRow> {
    const cacheKey = `${organisationId}:${algorithm}`
    const hit = active.get(cacheKey)
    if (hit && Date.now() - hit.at < ACTIVE_TTL_MS) return hit.row
    let row = await repo.findActiveKey(deps.db, organisationId, algorithm)
    if (!row) {
      row = await repo.insertKeyIfNoneActive(deps.db, await newKeyRow(cityId, organisationId, algorithm, deps.keyEncryptionKey)) ??
        await repo.findActiveKey(deps.db, organisationId, algorithm)
      if (!row) throw new Error(`could not create an ${algorithm} key for organisation ${organisationId}`)
    }
    active.set(cacheKey, { row, at: Date.now() })
    return row
  }

  /** The decrypted private key of a key row (kept in memory once decrypted). */
  function privateKey (row: Pick<SigningKeyRow, 'id' | 'private_key_enc'>): KeyObject {
    const cached = privateKeys.get(row.id)
    if (cached) return cached
    const key = createPrivateKey(decryptPrivateKey(row.private_key_enc, row.id, deps.keyEncryptionKey))
    if (privateKeys.size > 1000) privateKeys.clear()
    privateKeys.set(row.id, key)
    return key
  }

  /**
   * Retires the active keys of `algorithms` and creates fresh ones in one transaction (retired keys stay published).
   * The caller checks permissions; `trx` lets a wider rotation (keys.ts) include these algorithms.
   */
  async function rotate (trx: Executor, cityId: string, organisationId: string, algorithms: readonly Ob3Algorithm[]): Promise<SigningKeyRow[]> {
    const rows: SigningKeyRow[] = []
    for (const algorithm of algorithms) {
      await repo.retireActiveKeys(trx, organisationId, algorithm)
      const row = await repo.insertKeyIfNoneActive(trx, await newKeyRow(cityId, organisationId, algorithm, deps.keyEncryptionKey))
      if (!row) throw new Error(`concurrent rotation of the ${algorithm} key of organisation ${organisationId}`)
      rows.push(row)
    }
    // Every algorithm: keys.ts may have rotated RS256 in the same request.
    for (const algorithm of Object.keys(PREFIX)) active.delete(`${organisationId}:${algorithm}`)
    return rows
  }

  /** Every key of the organisation of `algorithm`, retired ones included, oldest first. */
  const allKeys = (organisationId: string, algorithm: Ob3Algorithm): Promise<SigningKeyRow[]> => repo.listKeys(deps.db, organisationId, algorithm)

  const findKey = (kid: string): Promise<SigningKeyRow | undefined> => repo.findKey(deps.db, kid)

  /**
   * Signs `doc` with an eddsa-rdfc-2022 Data Integrity proof by the organisation's active Ed25519 key, named by its
   * Multikey verification method in the organisation's Profile (the controller document). Pass `key` (that active
   * key, read before) when signing inside a transaction: PGlite has one connection.
   */
  async function signDi (owner: { cityId: string; organisationId: string }, doc: object, created: Date, key?: SigningKeyRow): Promise<object> {
    key ??= await activeKey(owner.cityId, owner.organisationId, 'Ed25519')
    return signDataIntegrity(doc, {
      privateKey: privateKey(key),
      verificationMethod: urls.verificationMethod(owner.organisationId, multibaseOf(key)),
      created,
    })
  }

  /** A VC-JWT of `credential` (RS256 or ES256) whose `kid` is the URL of the key's public JWK. */
  async function signJwt (owner: { cityId: string; organisationId: string }, credential: Record<string, unknown>, alg: JwtAlg): Promise<string> {
    const key = await activeKey(owner.cityId, owner.organisationId, alg)
    return signCredentialJwt(credential, { alg, privateKey: privateKey(key), kid: urls.jwk(owner.organisationId, key.id) })
  }

  return { activeKey, privateKey, rotate, allKeys, findKey, signDi, signJwt }
}

export type Ob3KeyStore = ReturnType<typeof createOb3KeyStore>
