import type { Logger } from 'pino'
import * as mailRepo from '../db/learners/mail.repo.js'
import { addEvent } from '../db/outbox.js'
import type { Db } from '../db/types.js'
import { compose, openMail } from '../domain/learners/mail-out.js'
import type { Mailer } from '../infra/mail.js'
import type { DeliveredEvent } from './events.js'

export interface MailSenderDeps {
  db: Db
  log: Logger
  /** Absent when SMTP_URL is not set: then no `mail.requested` event is ever written. */
  mailer: Mailer | undefined
  keyEncryptionKey: Buffer
}

/**
 * Sends the message of a `mail.requested` event. A message already sent (a re-delivered event) is skipped; a send
 * that fails is counted and thrown, so the job is retried (BullMQ backoff, or the embedded relay's next pass) and
 * the message stays pending. Delivery is at least once: the Message-ID is stable, so a receiver can spot a repeat.
 */
export async function sendRequestedMail (event: DeliveredEvent, deps: MailSenderDeps): Promise<void> {
  if (event.type !== 'mail.requested') return
  const { mailId } = event.payload as { mailId: string }
  const row = await mailRepo.leaseMail(deps.db, mailId, 120)
  if (!row) return
  if (!deps.mailer) {
    await mailRepo.markMailFailed(deps.db, row.id, 'SMTP_URL is not set in this process')
    throw new Error('mail.requested but SMTP_URL is not set in this process')
  }
  const opened = openMail(row, deps.keyEncryptionKey)
  if (!opened) return
  const { subject, text } = compose(row.kind, opened.content)
  try {
    await deps.mailer.send({ to: opened.to, subject, text, messageId: `<${row.id}@citybadges>` })
  } catch (err) {
    const message = err instanceof Error ? err.message : 'mail not sent'
    await mailRepo.markMailFailed(deps.db, row.id, message)
    deps.log.warn({ mailId: row.id, kind: row.kind, attempts: row.attempts + 1, error: message }, 'mail not sent; will retry')
    throw new Error(message)
  }
  await mailRepo.markMailSent(deps.db, row.id)
  deps.log.info({ mailId: row.id, kind: row.kind }, 'mail sent')
}

/**
 * Re-queues pending messages nobody tried for `afterSeconds` (a job that ran out of retries while SMTP was down, or
 * the embedded relay parking an event): each gets a new `mail.requested` event. Runs on the scheduler.
 */
export async function requeueStaleMail (db: Db, afterSeconds: number): Promise<number> {
  const rows = await mailRepo.stalePendingMail(db, afterSeconds, 500)
  if (rows.length === 0) return 0
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await addEvent(trx, { type: 'mail.requested', cityId: r.city_id, payload: { cityId: r.city_id, mailId: r.id } })
  })
  return rows.length
}
