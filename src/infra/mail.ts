import type { Transporter } from 'nodemailer'

/**
 * Outbound mail over SMTP (nodemailer), used only by the mail job (src/jobs/processors.ts `mail-sender`): requests
 * record a message in the database and an outbox event; the job sends it, and a failure is thrown so the job is
 * retried. Errors are re-thrown without the SMTP server's text (which may name the recipient): logs and outbox rows
 * never carry an address.
 */

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  /** Stable per message, so that a retried send is recognisable as the same message by the receiving side. */
  messageId: string
}

export interface Mailer {
  send (mail: OutgoingMail): Promise<void>
  close (): void
}

/** Thrown for any SMTP failure: a code and the SMTP status, never the server's words. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError'
  constructor (readonly code: string, readonly responseCode: number | undefined) {
    super(`mail not sent: ${code}${responseCode ? ` (SMTP ${responseCode})` : ''}`)
  }
}

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's URL form; query options such as `?ignoreTLS=true` apply). */
  url: string
  /** The From header, e.g. `CityBadges <no-reply@badges.example>`. */
  from: string
  /** Connection, greeting and socket timeouts (default 10 s). */
  timeoutMs?: number
}

export function createMailer (opts: MailerOptions): Mailer {
  const timeout = opts.timeoutMs ?? 10_000
  const url = new URL(opts.url)
  // nodemailer (~15 MB loaded) only when a message is sent: API processes never send one (the mail job does).
  let transport: Promise<Transporter> | undefined
  let closed = false
  const connect = async (): Promise<Transporter> => (await import('nodemailer')).default.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // `?ignoreTLS=true` for a local relay without STARTTLS (tests); `?requireTLS=true` to insist on it.
    ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
    requireTLS: url.searchParams.get('requireTLS') === 'true',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  })
  return {
    async send (mail) {
      try {
        if (closed) throw Object.assign(new Error('the mailer is closed'), { code: 'ECLOSED' })
        transport ??= connect()
        await (await transport).sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId })
      } catch (err) {
        const e = err as { code?: string; responseCode?: number }
        throw new MailSendError(typeof e.code === 'string' ? e.code : 'ESEND', typeof e.responseCode === 'number' ? e.responseCode : undefined)
      }
    },
    close () {
      closed = true
      transport?.then((t) => t.close(), () => {})
    },
  }
}
