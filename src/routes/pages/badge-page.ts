import type { BadgePageView } from '../../domain/pages/pages.js'
import { date, esc, httpUrl, linker, markdown, renderPage, section, verifiedMark, type Linker, type Page } from './layout.js'
import { endorsementsHtml, machineLinks, skillsHtml } from './parts.js'

// The badge page: what a person sees at an assertion URL (OB 2.0) or a credential URL (OB 3.0) opened in a browser.
// Status first (a revoked badge says so before anything else and shows no expiry), then the badge, who issued it
// (with the city's "verified" mark), who endorses it, the skills on the spine grid, a verify button that runs our
// verifier (a plain form POST: no JavaScript), sharing (LinkedIn, a link to copy, the image to download, email) and
// every machine form. Never the recipient's identity: the view has only the hash and the page leaves even that out;
// a display name appears only when the learner chose to show one.

/** https://www.linkedin.com/profile/add: LinkedIn's add-to-profile (certification) link. */
export function linkedInUrl (view: BadgePageView): string {
  const issued = new Date(view.award.issuedOn)
  const expires = view.award.expires ? new Date(view.award.expires) : undefined
  const q = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: view.badgeClass.name,
    organizationName: view.organisation.name,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    ...(expires ? { expirationYear: String(expires.getUTCFullYear()), expirationMonth: String(expires.getUTCMonth() + 1) } : {}),
    certUrl: view.links.assertion,
    certId: view.award.id,
  })
  return `https://www.linkedin.com/profile/add?${q.toString()}`
}

function statusHtml (view: BadgePageView): string {
  const { award } = view
  if (view.status === 'revoked') {
    return `<div class="status revoked" id="status"><p><strong>Revoked</strong>: this badge is no longer valid.</p>` +
      `<p>${esc(view.organisation.name)} revoked it${award.revokedAt ? ` on ${date(award.revokedAt)}` : ''}.${award.revocationReason ? ` Reason: ${esc(award.revocationReason)}` : ''}</p></div>`
  }
  if (view.status === 'expired') {
    return `<div class="status expired" id="status"><p><strong>Expired</strong> since ${date(award.expires)}.</p><p>It was valid from ${date(award.issuedOn)} until then.</p></div>`
  }
  return `<div class="status valid" id="status"><p><strong>Valid</strong>: issued by ${esc(view.organisation.name)} and not revoked${award.expires ? `; valid until ${date(award.expires)}` : ''}.</p>` +
    '<p>Check it yourself with the verify button below: it re-checks the signature, the issuer and the revocation list now.</p></div>'
}

function shareHtml (l: Linker, view: BadgePageView): string {
  const url = view.links.assertion
  const mail = `mailto:?subject=${encodeURIComponent(`${view.badgeClass.name} — ${view.organisation.name}`)}&body=${encodeURIComponent(`My Open Badge "${view.badgeClass.name}" from ${view.organisation.name}: ${url}`)}`
  return `<div class="actions"><a class="button" href="${esc(linkedInUrl(view))}" rel="noopener">Add to LinkedIn profile</a>` +
    `<a class="button quiet" href="${esc(l.href(view.links.assertionImage) ?? '')}" download>Download the badge image</a>` +
    `<a class="button quiet" href="${esc(mail)}">Share by email</a></div>` +
    `<label for="share-link">Link to this badge (select it and copy)</label><input id="share-link" type="url" readonly value="${esc(url)}">` +
    '<p class="hint">The downloaded image has the badge baked in: any Open Badges backpack or verifier can read it.</p>'
}

export function verifyFormHtml (l: Linker, action: string): string {
  return `<form method="post" action="${esc(l.href(action) ?? '')}">` +
    '<label for="verify-email">Awarded to (optional: an email address to check the badge was awarded to it)</label>' +
    '<input id="verify-email" name="recipient" type="email" autocomplete="off">' +
    '<div class="actions"><button type="submit">Verify this badge now</button></div></form>'
}

/** The HTML page of a badge; pure: the same view gives the same bytes. */
export function renderBadgePage (view: BadgePageView, opts: { publicUrl: string; lang?: string | undefined }): Page {
  const l = linker(opts.publicUrl)
  const { award, badgeClass: bc, organisation: org, links, city } = view
  const revoked = view.status === 'revoked'
  const image = l.img(bc.links.image)
  const lang = bc.language ?? opts.lang

  const facts = `<dl class="facts">
<dt>Issued by</dt><dd>${l.a(view.machine.issuerPage, org.name)}${verifiedMark(org.verified, city)}${org.verified ? '' : '<span class="unverified">(not verified by the city)</span>'}</dd>
${view.recipientName ? `<dt>Awarded to</dt><dd>${esc(view.recipientName)}</dd>` : ''}
<dt>Issued on</dt><dd>${date(award.issuedOn)}</dd>
${!revoked && award.expires ? `<dt>${view.status === 'expired' ? 'Expired on' : 'Expires on'}</dt><dd>${date(award.expires)}</dd>` : ''}
<dt>City</dt><dd>${l.a(city.landing, city.branding.name)}</dd>
${bc.tags.length > 0 ? `<dt>Tags</dt><dd>${bc.tags.map(esc).join(', ')}</dd>` : ''}
</dl>`

  const hero = `<div class="panel hero">${image ? `<img src="${esc(image)}" alt="Badge image: ${esc(bc.name)}" width="144" height="144">` : ''}` +
    `<div><p class="kicker">Open Badge from ${esc(org.name)}</p><h1>${esc(bc.name)}</h1>${markdown(bc.description)}${facts}</div></div>`

  const criteria = [markdown(bc.criteria.narrative), httpUrl(bc.criteria.url) ? `<p>${l.a(bc.criteria.url, 'Full criteria')}</p>` : ''].join('')

  const evidence = [
    markdown(award.narrative),
    award.evidence.length > 0
      ? `<ul class="plain">${award.evidence.map((e, i) => `<li class="card"><strong>${l.a(e.url, e.name ?? `Evidence ${i + 1}`)}</strong>` +
        `${e.description ? `<p>${esc(e.description)}</p>` : ''}${markdown(e.narrative)}</li>`).join('')}</ul>`
      : '',
  ].join('')

  const endorsements = [
    endorsementsHtml(l, city, view.awardEndorsements, 'this award'),
    endorsementsHtml(l, city, view.classEndorsements, 'this badge'),
    endorsementsHtml(l, city, view.issuerEndorsements, esc(org.name)),
  ].join('')

  const machine = machineLinks(l, [
    ['Assertion (Open Badges 2.0 JSON-LD)', `${links.assertion}?format=json`],
    ...(revoked ? [] : [
      ['Signed assertion (Open Badges 2.0 JWS)', links.signedAssertion],
      ['Badge image with the assertion baked in (OB 2.0)', links.assertionImage],
      ['Badge image with the signed assertion baked in (OB 2.0)', links.signedAssertionImage],
    ] as Array<[string, string]>),
    ['Credential (Open Badges 3.0, Data Integrity)', `${links.credential}?format=json`],
    ['Credential as a VC-JWT (Open Badges 3.0)', links.credentialJwt],
    ['Badge image with the credential baked in (OB 3.0)', links.credentialImage],
    ['Badge class (Open Badges 2.0 JSON-LD)', `${links.badgeClass}?format=json`],
    ['Achievement (Open Badges 3.0 JSON-LD)', `${view.machine.achievement}?format=json`],
    ['Issuer profile (Open Badges 2.0 JSON-LD)', `${links.issuer}?format=json`],
    ['Revocation list of the issuer', links.revocationList],
  ])

  const main = [
    statusHtml(view),
    hero,
    section('What it takes to earn it', 'criteria', `${criteria}<p>${l.a(view.machine.badgeClassPage, 'More about this badge')}</p>`),
    section('Skills this badge stands for', 'skills', skillsHtml(l, view.skills)),
    section('Who vouches for it', 'endorsements', endorsements),
    section('Evidence', 'evidence', evidence),
    section('Verify this badge', 'verify', `<p>Runs the ${esc(city.branding.name)} verifier on this badge now and shows each check in plain words.</p>${verifyFormHtml(l, view.verifyAction)}`),
    revoked ? '' : section('Share', 'share', shareHtml(l, view)),
    section('For machines and verifiers', 'machine', machine),
  ].join('\n')

  const title = `${bc.name} — ${org.name}`
  const description = revoked ? `Revoked: ${bc.name}, an Open Badge from ${org.name}.` : `${bc.name}: an Open Badge from ${org.name} (${city.branding.name}). ${bc.description}`
  return renderPage(l, {
    title: revoked ? `Revoked: ${title}` : title,
    lang,
    city,
    meta: {
      description,
      og: { title, description, url: links.assertion, image: bc.links.image, imageAlt: `Badge image: ${bc.name}` },
      alternate: { href: links.assertion, type: 'application/ld+json' },
    },
    main,
  })
}
