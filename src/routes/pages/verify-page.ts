import type { Check, VerificationReport } from '../../ob/report.js'
import type { BadgePageView } from '../../domain/pages/pages.js'
import { esc, linker, renderPage, section, type Page } from './layout.js'
import { verifyFormHtml } from './badge-page.js'

// The answer of the badge page's "verify" button: our verifier's report on this very badge (the OB 2.0 hosted
// assertion and the OB 3.0 credential), each named check in plain words. Rendered on the server; no JavaScript.

/** Each check in words a person understands: [when it passed, when it failed]. */
export const CHECK_WORDS: Record<Check['id'], [string, string]> = {
  structure: ['It is a well-formed Open Badge.', 'It is not a well-formed Open Badge.'],
  context: ['It uses the Open Badges vocabulary.', 'It does not use the Open Badges vocabulary.'],
  hosting: ['A document of the badge was fetched from the issuer’s server.', 'A document of the badge could not be fetched from the issuer’s server.'],
  signature: ['The issuer’s digital signature is intact: nobody changed it.', 'The digital signature does not match: it may have been changed.'],
  proof: ['Its cryptographic proof is intact: nobody changed it.', 'Its cryptographic proof does not check out: it may have been changed.'],
  key: ['It was signed with a key that belongs to the issuer.', 'The signing key does not belong to the issuer (or is unknown).'],
  origin: ['It comes from the issuer’s own web address.', 'It does not come from the issuer’s web address.'],
  revocation: ['The issuer has not revoked it.', 'The issuer has revoked it.'],
  expiry: ['It has not expired.', 'It has expired.'],
  'not-before': ['It is already valid (not dated in the future).', 'It is dated in the future.'],
  recipient: ['It was awarded to the email address you gave.', 'It was not awarded to the email address you gave.'],
  schema: ['It matches the Open Badges data model.', 'It does not match the Open Badges data model.'],
  issuer: ['The issuer’s profile checks out.', 'The issuer’s profile does not check out.'],
}

const FORMATS: Record<string, string> = {
  'ob2-hosted': 'Open Badges 2.0, hosted assertion',
  'ob2-signed': 'Open Badges 2.0, signed assertion',
  'ob3-di': 'Open Badges 3.0 credential (Data Integrity proof)',
  'ob3-jwt': 'Open Badges 3.0 credential (VC-JWT)',
}

function reportHtml (r: VerificationReport, id: string, what: string): string {
  const head = r.verified
    ? `<div class="status valid"><p><strong>Verified</strong>: every check passed.</p></div>`
    : `<div class="status revoked"><p><strong>Not verified</strong>: ${r.checks.filter((c) => !c.valid).length} check(s) failed.</p></div>`
  const items = r.checks.map((c) => {
    const words = CHECK_WORDS[c.id] ?? [c.id, c.id]
    return `<li data-check="${esc(c.id)}">${c.valid ? '<span class="ok" aria-hidden="true">✓</span>' : '<span class="no" aria-hidden="true">✗</span>'}` +
      `<span><span class="${c.valid ? 'ok' : 'no'}">${c.valid ? 'Passed' : 'Failed'}:</span> ${esc(c.valid ? words[0] : words[1])}` +
      `${c.message ? ` <span class="hint">(${esc(c.message)})</span>` : ''} <span class="hint">[check <code>${esc(c.id)}</code>]</span></span></li>`
  }).join('')
  return section(`${what}: ${FORMATS[r.format] ?? r.format}`, id, `${head}<ul class="plain checks">${items}</ul>`)
}

export function renderVerifyPage (view: BadgePageView, reports: { ob2: VerificationReport; ob3: VerificationReport }, opts: { publicUrl: string; checkedAt: Date; recipientGiven: boolean }): Page {
  const l = linker(opts.publicUrl)
  const all = reports.ob2.verified && reports.ob3.verified
  const main = [
    `<div class="panel"><p class="kicker">Verification of an Open Badge</p><h1>${esc(view.badgeClass.name)}</h1>` +
      `<p>Issued by ${esc(view.organisation.name)}. Checked just now (${esc(opts.checkedAt.toISOString().replace('T', ' ').slice(0, 19))} UTC)` +
      `${opts.recipientGiven ? ', including whether it was awarded to the email address you gave' : ''}.</p>` +
      `<p><strong>${all ? 'Both forms of this badge verified.' : 'This badge did not verify: see the failed checks below.'}</strong></p>` +
      `<p>${l.a(view.links.assertion, 'Back to the badge')}</p></div>`,
    reportHtml(reports.ob2, 'ob2', 'Open Badges 2.0'),
    reportHtml(reports.ob3, 'ob3', 'Open Badges 3.0'),
    section('Verify again', 'again', verifyFormHtml(l, view.verifyAction)),
  ].join('\n')
  return renderPage(l, { title: `Verification: ${view.badgeClass.name} — ${view.organisation.name}`, city: view.city, main })
}
