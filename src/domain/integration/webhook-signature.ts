import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// Standard Webhooks 1.0 signatures: `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the
// base64-decoded part of a `whsec_` secret; several signatures (a rotation's old and new secret) are separated by
// spaces in one `webhook-signature` header. Pure: no I/O, the timestamp is passed in.

const PREFIX = 'whsec_'

/** A new secret: 32 random bytes, `whsec_` + base64 (as the spec and its libraries expect). */
export const newWebhookSecret = (): string => PREFIX + randomBytes(32).toString('base64')

function keyOf (secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_')
  return Buffer.from(secret.slice(PREFIX.length), 'base64')
}

export function signWebhook (secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')
  return `v1,${mac}`
}

/** The three headers of a delivery; every secret in `secrets` signs (the first is the current one). */
export function webhookHeaders (secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestampSeconds, body)).join(' '),
  }
}

/**
 * Checks a received delivery as a receiver would (for our SDK and tests): one matching `v1` signature, and a timestamp
 * within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhook (secret: string, headers: Record<string, string | undefined>, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const id = headers['webhook-id']
  const ts = Number(headers['webhook-timestamp'])
  const sigs = headers['webhook-signature']
  if (!id || !Number.isInteger(ts) || !sigs || Math.abs(nowSeconds - ts) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, id, ts, body).slice(3), 'base64')
  return sigs.split(' ').some((s) => {
    const [version, mac] = s.split(',')
    if (version !== 'v1' || !mac) return false
    const got = Buffer.from(mac, 'base64')
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}

/**
 * When to try again after a failed attempt: the Standard Webhooks example schedule (immediately, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h) followed by two daily attempts, about three days in all. Entry i is the wait before
 * attempt i + 1 (the first is immediate).
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000, 24 * 3_600_000, 24 * 3_600_000,
]

/** The wait before the next attempt after `attempts` failed ones, or undefined when the schedule is spent. */
export const nextRetryDelay = (attempts: number, schedule: readonly number[] = RETRY_SCHEDULE_MS): number | undefined =>
  attempts < schedule.length ? schedule[attempts] : undefined
