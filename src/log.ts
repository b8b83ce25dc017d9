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

/**
 * The URL of a request as logs may show it: the path, and the query's parameter names without their values (a search
 * term or a filter can be an email or a name).
 */
export function loggableUrl (url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const names = url.slice(q + 1).split('&').filter(Boolean).map((p) => p.split('=')[0]!.slice(0, 40))
  return `${url.slice(0, q)}?${names.map((n) => `${n}=…`).join('&')}`
}
