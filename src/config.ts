import { isIP } from 'node:net'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** The service's whole configuration: read once from the environment, validated, frozen. */
export interface Config {
  readonly port: number
  readonly host: string
  readonly publicUrl: string
  readonly dataDir: string
  readonly databaseUrl: string | undefined
  readonly redisUrl: string | undefined
  readonly adminKey: string | undefined
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** 32 bytes; encrypts organisations' private signing keys at rest (AES-256-GCM). */
  readonly keyEncryptionKey: Buffer
  /** Requests per minute per API key (or per address when anonymous). */
  readonly rateLimitPerMinute: number
  /** With egressHttpsOnly: hosts the egress client may still reach over plain http (verification of remote badges). */
  readonly egressAllowHttpHosts: readonly string[]
  /** SMTP server for claim links and guardian requests (nodemailer URL); without it links go back to the caller. */
  readonly smtpUrl: string | undefined
  /** From header of outgoing mail. */
  readonly mailFrom: string
  /** Seconds a pending Idempotency-Key stays leased without renewal: a retry after a crash runs again after it. */
  readonly idempotencyLeaseSeconds: number
  /** `host` or `host:port` entries that may resolve to private or loopback addresses (on-premise receivers, tests). */
  readonly egressAllowPrivateHosts: readonly string[]
  /** EGRESS_HTTPS_ONLY=true: remote badges only over https (default: http too, to public addresses only). */
  readonly egressHttpsOnly: boolean
  /** Seconds after which a learner's imported badge is verified again by the scheduler (revocations elsewhere). */
  readonly importReverifySeconds: number
  /** Multiplies every wait of the webhook retry schedule (1 = the Standard Webhooks schedule; less for staging and benchmarks). */
  readonly webhookRetryScale: number
  /** RUN_WORKERS: whether this API process also runs the event workers (false: only `npm run start:worker` does). */
  readonly runWorkers: boolean
  /**
   * WORKER_NICE (0–19, default 10): the CPU niceness a worker process (`npm run start:worker`) gives itself, so that
   * on a shared machine the processes answering requests are scheduled first. 0 leaves it as started.
   */
  readonly workerNice: number
  /** How long a bulk job's lease lasts without renewal: another process resumes a job whose runner died after this. */
  readonly bulkLeaseSeconds: number
  /**
   * How old a kept insight table may be, when the city's facts have changed since, before it is computed again
   * (INSIGHT_TABLE_MAX_AGE_SECONDS, default 60): past it the kept table is still answered (with its asOf) while it is
   * computed again in the background; 0: a table whose facts changed is computed on the request. The workers refresh
   * read tables sooner.
   */
  readonly insightTableMaxAgeSeconds: number
  /** Requests per minute per address on the public POST /v1/verify (VERIFY_RATE_LIMIT_PER_MINUTE, default 60). */
  readonly verifyRateLimitPerMinute: number
  /** Requests per minute per address on the public opportunity search (SEARCH_RATE_LIMIT_PER_MINUTE, default 600; never more than rateLimitPerMinute). */
  readonly searchRateLimitPerMinute: number
  /**
   * TRUST_PROXY: whose X-Forwarded-For is believed (Fastify's `trustProxy`). false (default): nobody's, the client is
   * the socket's peer; a list of addresses/CIDRs (or loopback, linklocal, uniquelocal): those proxies'; a number: hops.
   */
  readonly trustProxy: false | number | readonly string[]
  /** OAUTH_DEV_MODE=true: OAuth clients may register http redirect URIs on loopback addresses (default: https only). */
  readonly oauthDevMode: boolean
  /** The OB 3.0 API discovery document's privacy policy and terms of service (default: the service's home page). */
  readonly privacyPolicyUrl: string
  readonly termsOfServiceUrl: string
}

export class ConfigError extends Error {
  constructor (readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/**
 * Reads and validates the environment. Every bad variable is reported at once (ConfigError).
 * In embedded mode (no DATABASE_URL) a missing KEY_ENCRYPTION_KEY is generated into DATA_DIR once.
 */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const str = (name: string): string | undefined => {
    const v = env[name]
    return v === undefined || v.trim() === '' ? undefined : v.trim()
  }

  const port = parseIntVar(str('PORT') ?? '3000', 'PORT', 0, 65535, problems)
  // Loopback unless told otherwise: a laptop's admin API is not reachable from the network (the image sets 0.0.0.0).
  const host = str('HOST') ?? '127.0.0.1'
  const rateLimitPerMinute = parseIntVar(str('RATE_LIMIT_PER_MINUTE') ?? '1200', 'RATE_LIMIT_PER_MINUTE', 1, 10_000_000, problems)

  const publicUrlRaw = str('PUBLIC_URL') ?? `http://localhost:${port}`
  let publicUrl = publicUrlRaw
  try {
    const u = new URL(publicUrlRaw)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`PUBLIC_URL must be an http(s) URL, got "${publicUrlRaw}"`)
    if (u.search || u.hash) problems.push('PUBLIC_URL must not carry a query or fragment')
    publicUrl = u.toString().replace(/\/+$/, '')
  } catch {
    problems.push(`PUBLIC_URL is not a URL: "${publicUrlRaw}"`)
  }

  const dataDir = path.resolve(str('DATA_DIR') ?? './data')
  const databaseUrl = str('DATABASE_URL')
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const redisUrl = str('REDIS_URL')
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://')

  const adminKey = str('CITYBADGES_ADMIN_KEY')
  if (adminKey !== undefined && (adminKey.length < 24 || /\s/.test(adminKey))) {
    problems.push('CITYBADGES_ADMIN_KEY must be at least 24 characters with no spaces')
  }

  const logLevel = (str('LOG_LEVEL') ?? 'info') as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)

  let keyEncryptionKey: Buffer | undefined
  const kek = str('KEY_ENCRYPTION_KEY')
  if (kek !== undefined) {
    keyEncryptionKey = decodeKey(kek)
    if (!keyEncryptionKey) problems.push('KEY_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64')
  } else if (databaseUrl !== undefined) {
    problems.push('KEY_ENCRYPTION_KEY is required when DATABASE_URL is set (64 hex characters: `openssl rand -hex 32`)')
  }

  const egressAllowHttpHosts = (str('EGRESS_ALLOW_HTTP_HOSTS') ?? '').split(',').map((h) => h.trim()).filter(Boolean)
  const egressAllowPrivateHosts = (str('EGRESS_ALLOW_PRIVATE_HOSTS') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
  for (const h of egressAllowPrivateHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)) problems.push(`EGRESS_ALLOW_PRIVATE_HOSTS: "${h}" is not host or host:port`)
  }

  const smtpUrl = str('SMTP_URL')
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://')
  const mailFrom = str('MAIL_FROM') ?? 'CityBadges <no-reply@localhost>'
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom)) problems.push('MAIL_FROM must be one line holding an address')
  const httpsOnlyRaw = (str('EGRESS_HTTPS_ONLY') ?? 'false').toLowerCase()
  if (!['true', 'false', '1', '0'].includes(httpsOnlyRaw)) problems.push('EGRESS_HTTPS_ONLY must be true or false')
  const egressHttpsOnly = httpsOnlyRaw === 'true' || httpsOnlyRaw === '1'
  const verifyRateLimitPerMinute = parseIntVar(str('VERIFY_RATE_LIMIT_PER_MINUTE') ?? '60', 'VERIFY_RATE_LIMIT_PER_MINUTE', 1, 1_000_000, problems)
  const searchRateLimitPerMinute = parseIntVar(str('SEARCH_RATE_LIMIT_PER_MINUTE') ?? '600', 'SEARCH_RATE_LIMIT_PER_MINUTE', 1, 10_000_000, problems)
  const idempotencyLeaseSeconds = parseIntVar(str('IDEMPOTENCY_LEASE_SECONDS') ?? '5', 'IDEMPOTENCY_LEASE_SECONDS', 1, 300, problems)
  const importReverifySeconds = parseIntVar(str('IMPORT_REVERIFY_SECONDS') ?? '86400', 'IMPORT_REVERIFY_SECONDS', 0, 31_536_000, problems)
  const retryScaleRaw = str('WEBHOOK_RETRY_SCALE') ?? '1'
  const webhookRetryScale = Number(retryScaleRaw)
  if (!/^\d+(\.\d+)?$/.test(retryScaleRaw) || !(webhookRetryScale > 0 && webhookRetryScale <= 1)) problems.push(`WEBHOOK_RETRY_SCALE must be a number above 0 and at most 1, got "${retryScaleRaw}"`)
  const bulkLeaseSeconds = parseIntVar(str('BULK_LEASE_SECONDS') ?? '60', 'BULK_LEASE_SECONDS', 5, 3_600, problems)
  const runWorkersRaw = (str('RUN_WORKERS') ?? 'true').toLowerCase()
  if (!['true', 'false', '1', '0'].includes(runWorkersRaw)) problems.push('RUN_WORKERS must be true or false')
  const runWorkers = !(runWorkersRaw === 'false' || runWorkersRaw === '0')
  if (!runWorkers && redisUrl === undefined) problems.push('RUN_WORKERS=false needs REDIS_URL: without Redis the events are processed in this process, and nowhere else')
  const workerNice = parseIntVar(str('WORKER_NICE') ?? '10', 'WORKER_NICE', 0, 19, problems)
  const insightTableMaxAgeSeconds = parseIntVar(str('INSIGHT_TABLE_MAX_AGE_SECONDS') ?? '60', 'INSIGHT_TABLE_MAX_AGE_SECONDS', 0, 86_400, problems)
  const trustProxy = parseTrustProxy(str('TRUST_PROXY'), problems)

  const oauthDevRaw = (str('OAUTH_DEV_MODE') ?? 'false').toLowerCase()
  if (!['true', 'false', '1', '0'].includes(oauthDevRaw)) problems.push('OAUTH_DEV_MODE must be true or false')
  const oauthDevMode = oauthDevRaw === 'true' || oauthDevRaw === '1'
  const httpUrlVar = (name: string): string => {
    const v = str(name)
    if (v === undefined) return `${publicUrl}/`
    if (!/^https?:\/\/\S+$/.test(v)) problems.push(`${name} must be an http(s) URL`)
    return v
  }
  const privacyPolicyUrl = httpUrlVar('PRIVACY_POLICY_URL')
  const termsOfServiceUrl = httpUrlVar('TERMS_OF_SERVICE_URL')

  if (problems.length > 0) throw new ConfigError(problems)
  if (!keyEncryptionKey) keyEncryptionKey = embeddedKey(dataDir)

  return Object.freeze({
    port, host, publicUrl, dataDir, databaseUrl, redisUrl, adminKey, logLevel,
    keyEncryptionKey, rateLimitPerMinute, egressAllowHttpHosts: Object.freeze(egressAllowHttpHosts),
    smtpUrl, mailFrom,
    idempotencyLeaseSeconds,
    egressAllowPrivateHosts: Object.freeze(egressAllowPrivateHosts),
    verifyRateLimitPerMinute, searchRateLimitPerMinute, egressHttpsOnly, trustProxy,
    importReverifySeconds,
    webhookRetryScale,
    bulkLeaseSeconds,
    runWorkers,
    workerNice,
    insightTableMaxAgeSeconds,
    oauthDevMode, privacyPolicyUrl, termsOfServiceUrl,
  })
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/** TRUST_PROXY: unset/false, a hop count, or a comma-separated list of addresses, CIDRs and proxy-addr's names. */
function parseTrustProxy (raw: string | undefined, problems: string[]): false | number | readonly string[] {
  if (raw === undefined || raw.toLowerCase() === 'false') return false
  if (raw.toLowerCase() === 'true') {
    problems.push('TRUST_PROXY=true would believe any client\'s X-Forwarded-For; give the proxies\' addresses or CIDRs, or a hop count')
    return false
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops < 1 || hops > 10) problems.push('TRUST_PROXY as a hop count must be 1 to 10')
    return hops
  }
  const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '')
  for (const e of entries) {
    const [address, bits, extra] = e.split('/')
    const family = isIP(address ?? '')
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32))
    if (!PROXY_NAMES.has(e) && (family === 0 || !okBits || extra !== undefined)) problems.push(`TRUST_PROXY: "${e}" is not an address, a CIDR or one of loopback, linklocal, uniquelocal`)
  }
  if (entries.length === 0) problems.push('TRUST_PROXY is empty')
  return Object.freeze(entries)
}

/**
 * Loads `.env` (or `file`) into process.env when it exists, before {@link loadConfig} reads it; variables already
 * set in the environment win. Entry points call it once.
 */
export function loadEnvFileIfPresent (file = '.env'): boolean {
  if (!existsSync(file)) return false
  process.loadEnvFile(file)
  return true
}

function parseIntVar (raw: string, name: string, min: number, max: number, problems: string[]): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
    return min
  }
  return n
}

function decodeKey (raw: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex')
  const b = Buffer.from(raw, 'base64')
  return b.length === 32 ? b : undefined
}

/** Embedded mode keeps its key-encryption key beside the data, created on first start (mode 0600). */
function embeddedKey (dataDir: string): Buffer {
  const file = path.join(dataDir, 'key-encryption-key')
  if (existsSync(file)) {
    const k = decodeKey(readFileSync(file, 'utf8').trim())
    if (k) return k
    throw new ConfigError([`${file} does not hold a 32-byte key`])
  }
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(32)
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  return key
}
