import type { BadgeClassPageView, CityIndexView, CityLandingView, IssuerPageView } from '../../domain/pages/pages.js'
import { esc, httpUrl, linker, markdown, renderPage, section, verifiedMark, type Page } from './layout.js'
import { cardsHtml, endorsementsHtml, machineLinks, offersHtml, skillsHtml } from './parts.js'

// The HTML of the other public documents a person may open: an issuer's profile (OB 2.0 and 3.0 issuer URLs), a
// badge class (OB 2.0 BadgeClass and OB 3.0 Achievement URLs), a city's landing page and the list of cities at `/`.

const EXPIRY = (e: BadgeClassPageView['badgeClass']['expiry']): string =>
  e.type === 'none' ? 'Does not expire.' : e.type === 'date' ? `Expires on ${e.date.slice(0, 10)}.` : `Expires ${e.duration.replace(/^P/, '').toLowerCase()} after it is awarded (ISO 8601 ${e.duration}).`

export function renderIssuerPage (v: IssuerPageView, opts: { publicUrl: string }): Page {
  const l = linker(opts.publicUrl)
  const o = v.organisation
  const image = o.image !== undefined ? l.img(o.image) : undefined
  const main = [
    `<div class="panel hero">${image ? `<img src="${esc(image)}" alt="Logo of ${esc(o.name)}" width="144" height="144">` : ''}<div>` +
      `<p class="kicker">Badge issuer in ${l.a(v.city.landing, v.city.branding.name)}</p><h1>${esc(o.name)}</h1>` +
      `<p>${o.verified ? verifiedMark(true, v.city) : `<span class="unverified">Not verified by ${esc(v.city.branding.name)}</span>`}</p>` +
      `<dl class="facts"><dt>Kind</dt><dd>${esc(o.kind.replace(/-/g, ' '))}</dd><dt>Website</dt><dd>${l.a(o.url, o.url)}</dd>` +
      `<dt>Contact</dt><dd>${esc(o.email)}</dd></dl></div></div>`,
    section('About', 'about', markdown(o.description)),
    section(`Badges offered (${v.badges.length})`, 'badges', cardsHtml(l, v.city, v.badges, { showIssuer: false })),
    section('Endorsements received', 'endorsements', endorsementsHtml(l, v.city, v.endorsements, o.name) || '<p>No endorsements yet.</p>'),
    section('For machines and verifiers', 'machine', machineLinks(l, [
      ['Issuer profile (Open Badges 2.0 JSON-LD)', `${v.links.ob2}?format=json`],
      ['Issuer profile and keys (Open Badges 3.0 JSON-LD)', `${v.links.ob3}?format=json`],
      ['Revocation list (Open Badges 2.0)', v.links.revocations],
    ])),
  ].join('\n')
  const description = `${o.name}, a badge issuer in ${v.city.branding.name}${o.verified ? ', verified by the city' : ''}.`
  return renderPage(l, {
    title: `${o.name} — ${v.city.branding.name}`, city: v.city,
    meta: { description, og: { title: o.name, description, url: v.links.ob2 }, alternate: { href: v.links.ob2, type: 'application/ld+json' } },
    main,
  })
}

export function renderBadgeClassPage (v: BadgeClassPageView, opts: { publicUrl: string; self: string }): Page {
  const l = linker(opts.publicUrl)
  const bc = v.badgeClass
  const image = l.img(v.links.image)
  const notice = bc.status === 'retired'
    ? '<div class="status expired"><p><strong>Retired</strong>: this badge is no longer awarded. Badges already awarded stay valid.</p></div>'
    : bc.status === 'superseded'
      ? '<div class="status expired"><p><strong>Earlier version</strong>: a newer version of this badge is awarded now. Badges awarded with this version stay valid.</p></div>'
      : ''
  const how = [
    markdown(bc.criteria.narrative),
    httpUrl(bc.criteria.url) ? `<p>${l.a(bc.criteria.url, 'Full criteria')}</p>` : '',
    `<p>${esc(EXPIRY(bc.expiry))}</p>`,
    `<p>To earn it, contact ${l.a(v.links.issuerPage, v.organisation.name)}${v.organisation.url ? ` (${l.a(v.organisation.url, 'website')})` : ''}.</p>`,
  ].join('')
  const offers = offersHtml(l, v.opportunities)
  const main = [
    notice,
    `<div class="panel hero">${image ? `<img src="${esc(image)}" alt="Badge image: ${esc(bc.name)}" width="144" height="144">` : ''}<div>` +
      `<p class="kicker">Badge offered by ${l.a(v.links.issuerPage, v.organisation.name)}${verifiedMark(v.organisation.verified, v.city)}</p><h1>${esc(bc.name)}</h1>` +
      `${markdown(bc.description)}${bc.tags.length > 0 ? `<p>Tags: ${bc.tags.map(esc).join(', ')}</p>` : ''}<p class="hint">Version ${bc.version}</p></div></div>`,
    section('How to earn it', 'criteria', how),
    section('Skills this badge stands for', 'skills', skillsHtml(l, v.skills)),
    section('Where it is on offer', 'offers', offers),
    section('Who vouches for it', 'endorsements', endorsementsHtml(l, v.city, v.endorsements, 'this badge')),
    section('For machines and verifiers', 'machine', machineLinks(l, [
      ['Badge class (Open Badges 2.0 JSON-LD)', `${v.links.ob2}?format=json`],
      ['Achievement (Open Badges 3.0 JSON-LD)', `${v.links.achievement}?format=json`],
      ['Badge image', v.links.image],
    ])),
  ].join('\n')
  const description = `${bc.name}: an Open Badge from ${v.organisation.name} (${v.city.branding.name}). ${bc.description}`
  return renderPage(l, {
    title: `${bc.name} — ${v.organisation.name}`, lang: bc.language, city: v.city,
    meta: { description, og: { title: bc.name, description, url: v.links.ob2, image: v.links.image, imageAlt: `Badge image: ${bc.name}` }, alternate: { href: opts.self, type: 'application/ld+json' } },
    main,
  })
}

export function renderCityPage (v: CityLandingView, opts: { publicUrl: string }): Page {
  const l = linker(opts.publicUrl)
  const b = v.city.branding
  const about = b.about !== undefined
    ? markdown(b.about)
    : `<p>${esc(b.name)} is a City of Learning: schools, colleges, employers, libraries, museums, clubs and charities across the city recognise what people learn, anywhere, with Open Badges — all described in one shared language, the city’s skills spine.</p>`
  const list = (items: ReadonlyArray<{ url: string; title: string; description?: string }>) =>
    items.length > 0 ? `<ul class="plain">${items.map((i) => `<li>${l.a(i.url, i.title)}${i.description ? ` — ${esc(i.description)}` : ''}</li>`).join('')}</ul>` : '<p>None yet.</p>'
  const issuers = v.issuers.length > 0
    ? `<ul class="plain">${v.issuers.map((o) => `<li>${l.a(o.page, o.name)}${verifiedMark(o.verified, v.city)} <span class="hint">${esc(o.kind.replace(/-/g, ' '))}</span></li>`).join('')}</ul>`
    : '<p>No organisation offers badges yet.</p>'
  const main = [
    `<div class="panel"><p class="kicker">City of Learning</p><h1>${esc(b.name)}</h1>${about}` +
      `<p>${v.badgeCount} approved badge${v.badgeCount === 1 ? '' : 's'} from ${v.issuers.length} organisation${v.issuers.length === 1 ? '' : 's'}.</p>` +
      `<div class="actions">${l.a(v.city.spine, 'Explore the skills spine', { attrs: ' class="button"' })}${l.a('#badges', 'See the badges', { attrs: ' class="button quiet"' })}</div></div>`,
    section(v.badgeCount > v.badges.length ? `Badges (the ${v.badges.length} newest of ${v.badgeCount})` : 'Badges', 'badges', cardsHtml(l, v.city, v.badges)),
    section('Who offers badges', 'issuers', issuers),
    section('The skills spine', 'spine', `<p>Every badge here says which skills it stands for, at which level of learning, on the city’s shared skills spine.</p>${list(v.elements)}<p>${l.a(v.city.spine, 'The whole spine and the levels × dimensions grid')}</p>`),
    section('Themes', 'themes', list(v.themes)),
    section('Destinations: where learning leads', 'destinations', list(v.destinations)),
  ].join('\n')
  const description = `${b.name}: Open Badges from organisations across the city, on one skills spine.`
  return renderPage(l, {
    title: b.name, lang: undefined, city: v.city,
    meta: { description, og: { title: b.name, description, url: v.city.landing }, alternate: { href: v.city.landing, type: 'application/json' } },
    main,
  })
}

export function renderIndexPage (v: CityIndexView, opts: { publicUrl: string }): Page {
  const l = linker(opts.publicUrl)
  const main = `<div class="panel"><h1>Cities of Learning</h1><p>Open Badges issued across each city, described with the city’s skills spine. Choose a city:</p>` +
    (v.cities.length > 0 ? `<ul class="plain">${v.cities.map((c) => `<li>${l.a(c.landing, c.name)}</li>`).join('')}</ul>` : '<p>No city yet.</p>') +
    `<p class="hint">Developers: the API reference is at ${l.a('/docs', '/docs')}.</p></div>`
  return renderPage(l, { title: 'Cities of Learning', main, meta: { description: 'Cities of Learning and their Open Badges.', alternate: { href: '/', type: 'application/json' } } })
}
