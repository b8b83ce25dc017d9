import type { LoggerOptions } from 'pino'

/**
 * Logger options shared by every process. Personal data and secrets never reach a log line:
 * authorization headers, emails, recipient identities, keys and tokens are redacted wherever they appear.
 */
export function loggerOptions (level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]',
        'headers.authorization',
        'email', 'identity', 'key', 'apiKey', 'token', 'password', 'privateKey', 'secret', 'authorization',
        '*.email', '*.identity', '*.key', '*.apiKey', '*.token', '*.password', '*.privateKey', '*.secret',
        '*.*.email', '*.*.identity', '*.*.key', '*.*.token',
      ],
      censor: '[redacted]',
    },
  }
}

/** Masks emails and bearer-like secrets inside free text (used on error messages before logging). */
export function scrubText (text: string): string {
  return text
    .replace(/[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g, '[email]')
    .replace(/\bcbk_[A-Za-z0-9_-]+/g, '[api-key]')
}
