import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { nextRetryDelay, newWebhookSecret, RETRY_SCHEDULE_MS, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature.js'

describe('Standard Webhooks signatures', () => {
  it('signs exactly as the reference library does, and verifies what it signs', () => {
    for (let i = 0; i < 50; i++) {
      const secret = newWebhookSecret()
      const id = `msg-${i}`
      const ts = 1_700_000_000 + i * 37
      const body = JSON.stringify({ type: 'award.issued', n: i, text: 'ünïcödé ✓'.repeat(i % 5) })
      const ours = signWebhook(secret, id, ts, body)
      expect(ours).toBe(new Webhook(secret).sign(id, new Date(ts * 1000), body))
      expect(verifyWebhook(secret, webhookHeaders([secret], id, ts, body), body, ts)).toBe(true)
    }
  })

  it('refuses a changed body, id or timestamp, a stale timestamp and a wrong secret; accepts any of several signatures', () => {
    const secret = newWebhookSecret()
    const old = newWebhookSecret()
    const body = '{"type":"award.revoked"}'
    const h = webhookHeaders([secret, old], 'msg-1', 1_700_000_000, body)
    expect(h['webhook-signature']!.split(' ')).toHaveLength(2)
    expect(verifyWebhook(secret, h, body, 1_700_000_000)).toBe(true)
    expect(verifyWebhook(old, h, body, 1_700_000_000)).toBe(true)
    expect(verifyWebhook(newWebhookSecret(), h, body, 1_700_000_000)).toBe(false)
    expect(verifyWebhook(secret, h, body + ' ', 1_700_000_000)).toBe(false)
    expect(verifyWebhook(secret, { ...h, 'webhook-id': 'msg-2' }, body, 1_700_000_000)).toBe(false)
    expect(verifyWebhook(secret, { ...h, 'webhook-timestamp': '1700000001' }, body, 1_700_000_000)).toBe(false)
    expect(verifyWebhook(secret, h, body, 1_700_000_000 + 301)).toBe(false)
    expect(() => signWebhook('not-a-secret', 'x', 1, '')).toThrow(/whsec_/)
  })

  it('retries on the spec schedule and about three days in all', () => {
    expect(nextRetryDelay(0)).toBe(0)
    expect(nextRetryDelay(1)).toBe(5_000)
    expect(nextRetryDelay(2)).toBe(300_000)
    expect(nextRetryDelay(RETRY_SCHEDULE_MS.length)).toBeUndefined()
    const days = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0) / 86_400_000
    expect(days).toBeGreaterThan(2.5)
    expect(days).toBeLessThan(3.5)
  })
})
