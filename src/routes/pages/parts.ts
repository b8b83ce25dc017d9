import type { ClassCard, CityRef, EndorsementItem, OfferCard, Skills } from '../../domain/pages/pages.js'
import { DIMENSIONS, LEVELS } from '../../spine/index.js'
import { date, esc, markdown, verifiedMark, type Linker } from './layout.js'

// Pieces several pages share: the skills of a badge on the levels × dimensions grid, endorsement lists, badge cards.

/**
 * The badge's skills: spine elements (linked to their pages), then the levels × dimensions grid with the badge's
 * cells marked (rows are levels, columns dimensions: three columns fit a phone, where a marked cell shows only ✓ and keeps its
 * label for screen readers), then themes and destinations.
 */
export function skillsHtml (l: Linker, s: Skills): string {
  if (s.elements.length === 0 && !s.level && s.themes.length === 0 && s.destinations.length === 0) return ''
  const chips = (items: Array<{ url: string; title: string; retired?: boolean }>) =>
    `<ul class="chips">${items.map((i) => `<li>${l.a(i.url, i.title)}${i.retired ? ' (retired)' : ''}</li>`).join('')}</ul>`
  const dims = new Set(s.dimensions.map((d) => d.value as string))
  const grid = s.level
    ? `<table class="grid"><caption>Where this badge sits: level <strong>${esc(s.level.label)}</strong>, ${s.dimensions.length > 0 ? `dimension${s.dimensions.length > 1 ? 's' : ''} <strong>${esc(s.dimensions.map((d) => d.label).join(', '))}</strong>` : 'no dimension chosen'}</caption>
<thead><tr><th scope="col">Level</th>${DIMENSIONS.map((d) => `<th scope="col">${esc(d.label)}</th>`).join('')}</tr></thead>
<tbody>${LEVELS.map((lv) => {
    const here = lv.value === s.level!.value
    return `<tr${here ? ' class="level"' : ''}><th scope="row">${esc(lv.label)}</th>${DIMENSIONS.map((d) => here && dims.has(d.value)
      ? `<td class="on">${l.a(s.gridUrl(lv.value, d.value), `✓<span class="label"> ${esc(lv.label)}: ${esc(d.label)}</span>`, { html: true })}</td>`
      : '<td></td>').join('')}</tr>`
  }).join('')}</tbody></table>`
    : ''
  return [
    s.elements.length > 0 ? `<h3>Skills and competences</h3>${chips(s.elements)}` : '',
    grid ? `<h3>Level of learning</h3>${grid}` : '',
    s.themes.length > 0 ? `<h3>Themes</h3>${chips(s.themes)}` : '',
    s.destinations.length > 0 ? `<h3>Where it can lead</h3>${chips(s.destinations)}` : '',
  ].join('\n')
}

/** Endorsements: who vouches, whether the city verified them, when, what they said, and the document. */
export function endorsementsHtml (l: Linker, city: CityRef, items: readonly EndorsementItem[], what: string): string {
  if (items.length === 0) return ''
  return `<ul class="plain">${items.map((e) => `<li class="card"><p><strong>${l.a(e.endorser.page, e.endorser.name)}</strong>${verifiedMark(e.endorser.verified, city)} endorsed ${esc(what)} on ${date(e.issuedOn)}.</p>` +
    `${e.comment ? markdown(e.comment) : ''}<p class="hint">${l.a(e.url, 'The endorsement as Open Badges JSON')}</p></li>`).join('')}</ul>`
}

/** A list of badge class cards (image, name, issuer with the verified mark, level). */
export function cardsHtml (l: Linker, city: CityRef, cards: readonly ClassCard[], opts: { showIssuer?: boolean } = {}): string {
  if (cards.length === 0) return '<p>No approved badges yet.</p>'
  return `<ul class="cards">${cards.map((c) => {
    const img = l.img(c.image)
    return `<li>${img ? `<img src="${esc(img)}" alt="" width="56" height="56" loading="lazy">` : ''}<div><p><strong>${l.a(c.page, c.name)}</strong></p>` +
      `${opts.showIssuer !== false ? `<p>by ${l.a(c.issuer.page, c.issuer.name)}${c.issuer.verified ? verifiedMark(true, city) : ''}</p>` : ''}` +
      `${c.level ? `<p>Level: ${esc(c.level.label)}</p>` : ''}</div></li>`
  }).join('')}</ul>`
}

/** A list of the machine forms of a document, each a link a person can click and a program can fetch. */
export function machineLinks (l: Linker, items: ReadonlyArray<[string, string | undefined]>): string {
  return `<ul class="plain">${items.filter(([, url]) => url !== undefined).map(([label, url]) => `<li>${l.a(url, label)}</li>`).join('')}</ul>`
}

const KIND_LABEL: Record<string, string> = {
  activity: 'Activity', event: 'Event', course: 'Course', volunteering: 'Volunteering', job: 'Job', apprenticeship: 'Apprenticeship', internship: 'Internship', interview: 'Interview',
}

/** Opportunities as a list: title (linked to its page), kind, where, cost and the next session. Empty string for none. */
export function offersHtml (l: Linker, offers: readonly OfferCard[]): string {
  if (offers.length === 0) return ''
  return `<ul class="plain offers">${offers.map((o) => {
    const facts = [KIND_LABEL[o.kind] ?? o.kind, o.online ? 'Online' : (o.area ?? ''), o.free ? 'Free' : 'Paid'].filter((x) => x !== '').map(esc)
    const next = o.nextStart !== undefined ? `; next: ${date(o.nextStart)}` : ''
    return `<li>${l.a(o.url, o.title)} <span class="hint">(${facts.join(' · ')}${next})</span></li>`
  }).join('')}</ul>`
}
