import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import type { AssertionView } from '../domain/credentials/ob2-public.js'

// The page a person sees at an assertion URL (Accept: text/html): badge, issuer, status, dates, criteria, evidence,
// endorsements, alignments, downloads and a LinkedIn link. Never the recipient: the view carries only the hash, and
// even that is left out (a hash + salt lets anyone confirm a guessed email). Every value is escaped; markdown is a
// small safe subset rendered here. No scripts, no external assets: the CSP allows our one style block (by hash) and
// images from self and data: URIs.

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function httpUrl (raw: string | undefined): string | undefined {
  if (!raw) return undefined
  try {
    const u = new URL(raw)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

const link = (url: string | undefined, text: string): string => {
  const href = httpUrl(url)
  return href ? `<a href="${esc(href)}">${text}</a>` : text
}

/** Inline markdown on one block of text: `[text](http(s) url)`, `**strong**`, `*em*`, `_em_`; everything else escaped. */
function inline (text: string): string {
  const emphasis = (s: string): string => esc(s)
    .replace(/\*\*(?=\S)([^<>]+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/__(?=\S)([^<>]+?)(?<=\S)__/g, '<strong>$1</strong>')
    .replace(/\*(?=\S)([^*<>]+?)(?<=\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)([^_<>]+?)(?<=\S)_(?![\w])/g, '$1<em>$2</em>')
  let out = ''
  let last = 0
  for (const m of text.matchAll(/\[([^\]\n]{1,500})\]\(([^()\s]{1,2048})\)/g)) {
    const href = httpUrl(m[2])
    out += emphasis(text.slice(last, m.index)) + (href ? `<a href="${esc(href)}">${emphasis(m[1]!)}</a>` : emphasis(m[0]))
    last = m.index + m[0].length
  }
  return out + emphasis(text.slice(last))
}

const UL = /^\s{0,3}[-*+]\s+/
const OL = /^\s{0,3}\d{1,9}[.)]\s+/

/** A safe markdown subset: paragraphs, unordered and ordered lists, emphasis and http(s) links. */
export function renderMarkdown (source: string): string {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.replace(/^\n+|\n+$/g, '')).filter((b) => b.trim() !== '')
  return blocks.map((block) => {
    const lines = block.split('\n')
    for (const [re, tag] of [[UL, 'ul'], [OL, 'ol']] as const) {
      if (lines.every((l) => re.test(l))) return `<${tag}>${lines.map((l) => `<li>${inline(l.replace(re, ''))}</li>`).join('')}</${tag}>`
    }
    return `<p>${lines.map((l) => inline(l.trim())).join('<br>')}</p>`
  }).join('\n')
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
const date = (iso: string | undefined): string => {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? esc(iso) : `<time datetime="${esc(d.toISOString())}">${esc(DATE.format(d))}</time>`
}

/** Our own absolute URLs become root-relative, so the page's images load from 'self' wherever it is served. */
function ownPath (url: string, pageUrl: string): string | undefined {
  try {
    const u = new URL(url)
    if (u.protocol === 'data:') return url
    return u.origin === new URL(pageUrl).origin ? u.pathname + u.search : undefined
  } catch {
    return undefined
  }
}

const CSS = `
:root{color-scheme:light}
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
header{display:flex;gap:1.25rem;align-items:center;flex-wrap:wrap;border-bottom:1px solid #d0d0d0;padding-bottom:1rem}
header img{width:8rem;height:8rem;object-fit:contain}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
.status{display:inline-block;font-weight:700;padding:.2rem .6rem;border-radius:.3rem;border:2px solid currentColor}
.valid{color:#11632b}.revoked{color:#a1160a}.expired{color:#7a4a00}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
ul.plain{list-style:none;padding:0}ul.plain li{margin:.4rem 0}
.card{border:1px solid #d0d0d0;border-radius:.4rem;padding:.6rem .8rem;margin:.5rem 0}
footer{margin-top:2.5rem;font-size:.9rem;color:#4a4a4a}
`
const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`

/** CSP of the page: our one style block, images from self and data: URIs, nothing else. */
export const ASSERTION_PAGE_CSP = `default-src 'none'; img-src 'self' data:; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/** https://www.linkedin.com/profile/add: LinkedIn's add-to-profile (certification) link. */
function linkedInUrl (view: AssertionView): string {
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

function statusHtml (view: AssertionView): string {
  const { award } = view
  if (view.status === 'revoked') {
    return `<p><span class="status revoked">Revoked</span>${award.revokedAt ? ` on ${date(award.revokedAt)}` : ''}.` +
      `${award.revocationReason ? ` Reason: ${esc(award.revocationReason)}` : ''}</p><p>This badge is no longer valid.</p>`
  }
  if (view.status === 'expired') return `<p><span class="status expired">Expired</span> on ${date(award.expires)}. It was valid until then.</p>`
  return '<p><span class="status valid">Valid</span> This badge has not been revoked' + (award.expires ? ` and is valid until ${date(award.expires)}` : '') + '.</p>'
}

function section (title: string, id: string, body: string): string {
  return body ? `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>` : ''
}

/** The HTML page of an assertion; see the module comment. Pure: the same view gives the same bytes. */
export function renderAssertionPage (view: AssertionView): string {
  const { award, badgeClass: bc, organisation: org, links } = view
  const image = ownPath(bc.links.image, links.assertion)
  const lang = bc.language && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(bc.language) ? bc.language : 'en'
  const revoked = view.status === 'revoked'

  const details = `<dl>
<dt>Issued by</dt><dd>${link(org.url, esc(org.name))}</dd>
<dt>Issued on</dt><dd>${date(award.issuedOn)}</dd>
${award.expires ? `<dt>${view.status === 'expired' ? 'Expired on' : 'Expires on'}</dt><dd>${date(award.expires)}</dd>` : ''}
${bc.tags.length > 0 ? `<dt>Tags</dt><dd>${bc.tags.map(esc).join(', ')}</dd>` : ''}
</dl>`

  const criteria = [
    bc.criteria.narrative ? renderMarkdown(bc.criteria.narrative) : '',
    httpUrl(bc.criteria.url) ? `<p>${link(bc.criteria.url, 'Full criteria')}</p>` : '',
  ].join('')

  const evidence = [
    award.narrative ? renderMarkdown(award.narrative) : '',
    award.evidence.length > 0
      ? `<ul class="plain">${award.evidence.map((e, i) => `<li class="card">${link(e.url, `<strong>${esc(e.name ?? `Evidence ${i + 1}`)}</strong>`)}` +
        `${e.description ? `<p>${esc(e.description)}</p>` : ''}${e.narrative ? renderMarkdown(e.narrative) : ''}</li>`).join('')}</ul>`
      : '',
  ].join('')

  const endorsements = view.endorsements.length > 0
    ? `<ul class="plain">${view.endorsements.map((e) => `<li class="card"><p><strong>${link(e.endorser.url, esc(e.endorser.name))}</strong> endorsed this on ${date(e.issuedOn)}.</p>` +
      `${e.comment ? renderMarkdown(e.comment) : ''}<p>${link(e.links.endorsement, `Endorsement by ${esc(e.endorser.name)} (JSON)`)}</p></li>`).join('')}</ul>`
    : ''

  const alignments = bc.alignments.length > 0
    ? `<ul class="plain">${bc.alignments.map((a) => `<li>${link(a.targetUrl, esc(a.targetName))}` +
      `${a.targetFramework || a.targetCode ? ` <span>(${esc([a.targetFramework, a.targetCode].filter(Boolean).join(' '))})</span>` : ''}` +
      `${a.targetDescription ? `<br>${esc(a.targetDescription)}` : ''}</li>`).join('')}</ul>`
    : ''

  const downloads = revoked
    ? ''
    : `<ul class="plain">
<li>${link(links.assertionImage, 'Badge image with the assertion baked in (hosted)')}</li>
<li>${link(links.signedAssertionImage, 'Badge image with the signed assertion baked in')}</li>
<li>${link(`${links.assertion}${links.assertion.includes('?') ? '&' : '?'}format=json`, 'Assertion (Open Badges 2.0 JSON)')}</li>
<li>${link(links.signedAssertion, 'Signed assertion (JWS)')}</li>
</ul>
<p>${link(linkedInUrl(view), 'Add to your LinkedIn profile')}</p>`

  const title = `${bc.name} — ${org.name}`
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(bc.description.slice(0, 300))}">
<meta property="og:title" content="${esc(title)}">
<meta property="og:description" content="${esc(bc.description.slice(0, 300))}">
<meta property="og:image" content="${esc(bc.links.image)}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/ld+json" href="${esc(links.assertion)}">
<style>${CSS}</style>
</head>
<body>
<header>
${image ? `<img src="${esc(image)}" alt="Badge image: ${esc(bc.name)}" width="128" height="128">` : ''}
<div><p>Open Badge awarded by ${esc(org.name)}</p><h1>${esc(bc.name)}</h1></div>
</header>
<main>
${section('Status', 'status', statusHtml(view))}
${section('About this badge', 'about', `${renderMarkdown(bc.description)}${details}`)}
${section('Criteria', 'criteria', criteria)}
${section('Evidence', 'evidence', evidence)}
${section('Endorsements', 'endorsements', endorsements)}
${section('Skills and standards', 'alignments', alignments)}
${section('Downloads and sharing', 'downloads', downloads)}
</main>
<footer><p>This page shows an Open Badges 2.0 assertion. Verifiers can fetch the same URL as JSON (<code>Accept: application/ld+json</code>).</p></footer>
</body>
</html>
`
}

/** Sends the page with its CSP; `Vary: Accept` because the same URL also answers JSON. */
export function sendAssertionPage (reply: FastifyReply, view: AssertionView): FastifyReply {
  return reply
    .header('content-security-policy', ASSERTION_PAGE_CSP)
    .header('vary', 'Accept')
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(renderAssertionPage(view))
}
