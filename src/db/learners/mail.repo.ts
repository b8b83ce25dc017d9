import { sql } from 'kysely'
import type { Executor } from '../types.js'
import type { MailKind, MailMessageRow } from './claims.types.js'

export const insertMail = (db: Executor, row: { id: string; city_id: string; kind: MailKind; recipient_enc: string; content_enc: string }): Promise<void> =>
  db.insertInto('mail_messages').values(row).execute().then(() => undefined)

/** Many messages in one statement (bulk issuing). */
export const insertMails = (db: Executor, rows: Array<{ id: string; city_id: string; kind: MailKind; recipient_enc: string; content_enc: string }>): Promise<void> =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('mail_messages').values(rows).execute().then(() => undefined)

export const findMail = (db: Executor, id: string): Promise<MailMessageRow | undefined> =>
  db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()

/** Takes a pending message for sending (a lease of `seconds`); undefined when it is sent, cancelled or held by another sender. */
export const leaseMail = (db: Executor, id: string, seconds: number): Promise<MailMessageRow | undefined> =>
  db.updateTable('mail_messages')
    .set({ lease_until: sql<Date>`now() + make_interval(secs => ${seconds})`, last_attempt_at: sql<Date>`now()` })
    .where('id', '=', id).where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll().executeTakeFirst()

/** Marks a message sent and erases its address and content. */
export async function markMailSent (db: Executor, id: string): Promise<void> {
  await db.updateTable('mail_messages')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, recipient_enc: null, content_enc: null, last_error: null, lease_until: null })
    .where('id', '=', id).where('status', '=', 'pending').execute()
}

export async function markMailFailed (db: Executor, id: string, error: string): Promise<void> {
  await db.updateTable('mail_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 200), lease_until: null }))
    .where('id', '=', id).execute()
}

/** Pending messages not tried for `seconds` (their job ran out of retries, or never ran): the sweeper re-queues them. */
export const stalePendingMail = (db: Executor, seconds: number, limit: number): Promise<Array<Pick<MailMessageRow, 'id' | 'city_id'>>> =>
  db.selectFrom('mail_messages').select(['id', 'city_id'])
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .where(sql<boolean>`coalesce(last_attempt_at, created_at) < now() - make_interval(secs => ${seconds})`)
    .orderBy('created_at').limit(limit).execute()
