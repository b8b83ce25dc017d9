import { createHash } from 'node:crypto'
import type { SharedView } from '../domain/learners/shares.js'

// The public page of a share (issue #8 item 6): accessible HTML for people (landmarks, one h1, headings per badge,
// alt text, AA contrast), and JSON-LD (schema.org ItemList of the badges' verifiable URLs) for machines. Nothing
// about the learner appears except the display name the learner chose to show.

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const date = (iso: string): string => `<time datetime="${esc(iso)}">${esc(new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }))}</time>`

const CSS = `
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:50rem;margin:0 auto;padding:1rem 1.25rem 3rem;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
header{border-bottom:1px solid #d0d0d0;padding-bottom:.75rem}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0}h2{font-size:1.2rem;margin:0 0 .25rem}
ul.badges{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
li.badge{border:1px solid #d0d0d0;border-radius:.4rem;padding:.8rem;overflow-wrap:anywhere;min-width:0}
li.badge img{width:6rem;height:6rem;object-fit:contain;display:block;margin-bottom:.5rem}
li.badge p{margin:.25rem 0}
footer{margin-top:2.5rem;font-size:.9rem;color:#4a4a4a}
`
const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`

/** CSP of the page: our one style block, images from our own origin, nothing else. */
export const SHARE_PAGE_CSP = `default-src 'none'; img-src 'self' data:; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/** A path on our own origin for images (the CSP allows 'self' only). */
const ownPath = (url: string, base: string): string => url.startsWith(base) ? url.slice(base.length) || '/' : url

export function renderSharePage (view: SharedView, opts: { publicUrl: string; pageUrl: string }): string {
  const heading = view.name ? `${view.title} — ${view.name}` : view.title
  const items = view.items.length === 0
    ? '<p>There are no badges to show here.</p>'
    : `<ul class="badges">${view.items.map((i, n) => `<li class="badge" aria-labelledby="b${n}">
<img src="${esc(ownPath(i.links.image, opts.publicUrl))}" alt="Badge image: ${esc(i.badgeName)}" width="96" height="96">
<h2 id="b${n}">${esc(i.badgeName)}</h2>
<p>Issued by ${esc(i.issuerName)} on ${date(i.issuedOn)}${i.expires ? `; expires ${date(i.expires)}` : ''}</p>
<p>${esc(i.badgeDescription.slice(0, 300))}</p>
<p><a href="${esc(i.links.assertion)}">Verify “${esc(i.badgeName)}” (Open Badges 2.0)</a></p>
<p><a href="${esc(i.links.credential)}">Verifiable credential of “${esc(i.badgeName)}” (Open Badges 3.0)</a></p>
</li>`).join('\n')}</ul>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(heading)}</title>
<link rel="icon" href="data:,">
<link rel="alternate" type="application/ld+json" href="${esc(opts.pageUrl)}">
<style>${CSS}</style>
</head>
<body>
<header><p>Badges shared from ${esc(view.city || 'a City of Learning')}</p><h1>${esc(heading)}</h1></header>
<main>
${items}
</main>
<footer><p>Each badge links to its issuer's verifiable record.${view.expiresAt ? ` This link works until ${date(view.expiresAt)}.` : ''}</p></footer>
</body>
</html>
`
}

/** JSON-LD for machines: a schema.org ItemList whose items are the badges' hosted, verifiable URLs. */
export function shareJsonLd (view: SharedView, pageUrl: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    '@id': pageUrl,
    name: view.title,
    ...(view.name ? { author: { '@type': 'Person', name: view.name } } : {}),
    ...(view.expiresAt ? { expires: view.expiresAt } : {}),
    numberOfItems: view.items.length,
    itemListElement: view.items.map((i, n) => ({
      '@type': 'ListItem',
      position: n + 1,
      item: {
        '@type': 'EducationalOccupationalCredential',
        '@id': i.links.assertion,
        name: i.badgeName,
        description: i.badgeDescription,
        image: i.links.image,
        credentialCategory: 'badge',
        recognizedBy: { '@type': 'Organization', name: i.issuerName },
        dateCreated: i.issuedOn,
        ...(i.expires ? { expires: i.expires } : {}),
        sameAs: [i.links.credential],
      },
    })),
  }
}
