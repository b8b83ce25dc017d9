import { randomUUID } from 'node:crypto'
import { addEvent, addEvents, type NewEvent } from '../../db/outbox.js'
import type { MailKind } from '../../db/learners/claims.types.js'
import * as mailRepo from '../../db/learners/mail.repo.js'
import type { Executor } from '../../db/types.js'
import { decryptPrivateKey as decrypt, encryptPrivateKey as encrypt } from '../keys/keys.js'

/**
 * Links that reach a person by mail (claim links, guardian consent requests). With SMTP configured the message is
 * recorded (address and link encrypted under KEY_ENCRYPTION_KEY, erased once sent) together with a `mail.requested`
 * event in the caller's transaction, so the change that asked for it commits even while SMTP is down and the
 * mail job sends it later. Without SMTP nothing is stored: the link goes back to the caller (who delivers it) and a
 * `link.issued` event records that it was handed over. Events carry ids only.
 */

export interface MailContent {
  link: string
  /** What the link is about, for the wording: a badge name, the consent wording version. */
  about?: string
}

export type LinkDelivery = { delivery: 'mail'; mailId: string } | { delivery: 'caller'; link: string }

export interface MailOutDeps {
  /** True when SMTP_URL is set. */
  mailEnabled: boolean
  keyEncryptionKey: Buffer
}

const aad = (id: string, part: string): string => `mail:${id}:${part}`

export interface PlannedLink {
  delivery: LinkDelivery
  /** The message to record (with SMTP). */
  mail?: { id: string; city_id: string; kind: MailKind; recipient_enc: string; content_enc: string }
  /** Its event: `mail.requested` or `link.issued`. */
  event: NewEvent
}

/** What `sendLink` writes, for a caller that writes it together with rows of its own (one statement for a claim). */
export function planLink (deps: MailOutDeps, m: { cityId: string; kind: MailKind; to: string | undefined; refId: string; content: MailContent }): PlannedLink {
  if (!deps.mailEnabled || m.to === undefined) {
    return { delivery: { delivery: 'caller', link: m.content.link }, event: { type: 'link.issued', cityId: m.cityId, payload: { cityId: m.cityId, kind: m.kind, refId: m.refId, delivery: 'caller' } } }
  }
  const id = randomUUID()
  return {
    delivery: { delivery: 'mail', mailId: id },
    mail: {
      id, city_id: m.cityId, kind: m.kind,
      recipient_enc: encrypt(m.to, aad(id, 'to'), deps.keyEncryptionKey),
      content_enc: encrypt(JSON.stringify(m.content), aad(id, 'content'), deps.keyEncryptionKey),
    },
    event: { type: 'mail.requested', cityId: m.cityId, payload: { cityId: m.cityId, mailId: id } },
  }
}

/** Records the message (or returns the link) inside `trx`. `refId` names what it is about (a claim, a learner). */
export async function sendLink (trx: Executor, deps: MailOutDeps, m: { cityId: string; kind: MailKind; to: string | undefined; refId: string; content: MailContent }): Promise<LinkDelivery> {
  const plan = planLink(deps, m)
  if (plan.mail) await mailRepo.insertMail(trx, plan.mail)
  await addEvent(trx, plan.event)
  return plan.delivery
}

/** `sendLink` for many links at once (bulk issuing): the messages in one INSERT, the events in another. */
export async function sendLinks (trx: Executor, deps: MailOutDeps, ms: ReadonlyArray<{ cityId: string; kind: MailKind; to: string | undefined; refId: string; content: MailContent }>): Promise<LinkDelivery[]> {
  const out: LinkDelivery[] = []
  const mails: Array<{ id: string; city_id: string; kind: MailKind; recipient_enc: string; content_enc: string }> = []
  const events = ms.map((m): NewEvent => {
    if (!deps.mailEnabled || m.to === undefined) {
      out.push({ delivery: 'caller', link: m.content.link })
      return { type: 'link.issued', cityId: m.cityId, payload: { cityId: m.cityId, kind: m.kind, refId: m.refId, delivery: 'caller' } }
    }
    const id = randomUUID()
    mails.push({
      id, city_id: m.cityId, kind: m.kind,
      recipient_enc: encrypt(m.to, aad(id, 'to'), deps.keyEncryptionKey),
      content_enc: encrypt(JSON.stringify(m.content), aad(id, 'content'), deps.keyEncryptionKey),
    })
    out.push({ delivery: 'mail', mailId: id })
    return { type: 'mail.requested', cityId: m.cityId, payload: { cityId: m.cityId, mailId: id } }
  })
  await mailRepo.insertMails(trx, mails)
  await addEvents(trx, events)
  return out
}

/** The decrypted address and content of a pending message (only the mail job calls this). */
export function openMail (row: { id: string; recipient_enc: string | null; content_enc: string | null }, kek: Buffer): { to: string; content: MailContent } | undefined {
  if (!row.recipient_enc || !row.content_enc) return undefined
  return {
    to: decrypt(row.recipient_enc, aad(row.id, 'to'), kek),
    content: JSON.parse(decrypt(row.content_enc, aad(row.id, 'content'), kek)) as MailContent,
  }
}

/** Subject and text of each kind of message (plain text: no tracking, no remote images). */
export function compose (kind: MailKind, content: MailContent): { subject: string; text: string } {
  if (kind === 'claim') {
    return {
      subject: 'A badge is waiting for you',
      text: `You have been awarded ${content.about ? `the badge "${content.about}"` : 'a badge'}.\n\nTo add it to your backpack, open this link (it works once and expires):\n${content.link}\n\nIf you were not expecting this, you can ignore this message.\n`,
    }
  }
  if (kind === 'guardian-access') {
    return {
      subject: "Your child's badges: see, download or erase",
      text: `You asked to see the badges your child holds in your city.\n\nWith this link (it expires in ${content.about ?? '7 days'}) you can see them, download them, or erase your child's record:\n${content.link}\n\nIf you did not ask for this, you can ignore this message.\n`,
    }
  }
  return {
    subject: 'Please confirm: badges for your child',
    text: `A learning organisation in your city would like to keep badges your child has earned.\n\nPlease read what this means and give or refuse consent here (wording version ${content.about ?? '1'}):\n${content.link}\n\nUntil you consent, the badges are kept but not shared with anyone. If you were not expecting this, you can ignore this message.\n`,
  }
}
