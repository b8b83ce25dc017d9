import type { CityRef, ClassCard, ElementUses } from '../domain/pages/pages.js'
import type { PublicContext, PublicElement } from '../domain/spine/spine-public.js'
import { esc, linker, renderPage, section, type Linker, type Page } from './pages/layout.js'
import { cardsHtml, offersHtml } from './pages/parts.js'
import {
  DIMENSIONS, LAYERS, LEVELS, labelOf, pickDescriptor,
  type Destination, type GridCell, type SpineContent, type SpineElement, type Theme,
} from '../spine/index.js'

// The public spine documents: JSON-LD (schema.org DefinedTerm / DefinedTermSet, SKOS for the tree) and the same
// content as small accessible HTML pages for people who open an alignment link in a browser.

/** A small inline context: no remote fetch is needed to expand it. */
export const SPINE_CONTEXT = {
  '@version': 1.1,
  '@vocab': 'https://schema.org/',
  id: '@id',
  type: '@type',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  cb: 'https://citybadges.org/ns/spine#',
  url: { '@id': 'https://schema.org/url', '@type': '@id' },
  inDefinedTermSet: { '@id': 'https://schema.org/inDefinedTermSet', '@type': '@id' },
  broader: { '@id': 'skos:broader', '@type': '@id' },
  narrower: { '@id': 'skos:narrower', '@type': '@id' },
  exactMatch: { '@id': 'skos:exactMatch', '@type': '@id' },
  versionOf: { '@id': 'cb:versionOf', '@type': '@id' },
  layer: 'cb:layer',
  kind: 'cb:kind',
  status: 'cb:status',
  version: 'cb:version',
  level: 'cb:level',
  dimension: 'cb:dimension',
  industryCode: 'cb:industryCode',
  mappings: 'cb:mapping',
  framework: 'cb:framework',
  code: 'cb:code',
  grid: 'cb:gridCell',
  themes: 'cb:theme',
  destinations: 'cb:destination',
  descriptors: { '@id': 'https://schema.org/description', '@container': '@language' },
} as const

type Doc = Record<string, unknown>
const defined = (o: Doc): Doc => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)))

function elementTerm (ctx: PublicContext, e: SpineElement): Doc {
  return defined({
    id: ctx.urls.element(e.code),
    type: 'DefinedTerm',
    termCode: e.code,
    name: e.title,
    description: e.description,
    layer: e.layer,
    kind: e.kind,
    status: e.status,
    version: e.version,
    broader: e.parentCode !== undefined ? ctx.urls.element(e.parentCode) : undefined,
  })
}

function cellTerm (ctx: PublicContext, c: GridCell): Doc {
  return {
    id: ctx.urls.gridCell(c.level, c.dimension),
    type: 'DefinedTerm',
    termCode: `grid.${c.level}.${c.dimension}`,
    name: `${labelOf(LEVELS, c.level)}: ${labelOf(DIMENSIONS, c.dimension)}`,
    level: c.level,
    dimension: c.dimension,
    descriptors: { ...c.descriptors },
  }
}

const themeTerm = (ctx: PublicContext, t: Theme): Doc => defined({
  id: ctx.urls.theme(t.code), type: 'DefinedTerm', termCode: t.code, name: t.title, description: t.description, kind: t.kind, industryCode: t.industryCode,
})
const destinationTerm = (ctx: PublicContext, d: Destination): Doc => defined({
  id: ctx.urls.destination(d.code), type: 'DefinedTerm', termCode: d.code, name: d.title, description: d.description, kind: d.kind,
})

// A standalone term says the language of its name and description (schema.org inLanguage).
const inSet = (ctx: PublicContext, term: Doc): Doc => ({ '@context': SPINE_CONTEXT, ...term, inLanguage: ctx.language, inDefinedTermSet: ctx.urls.framework })

export const frameworkJsonLd = (ctx: PublicContext & { content: SpineContent }): Doc => ({
  '@context': SPINE_CONTEXT,
  id: ctx.urls.framework,
  type: 'DefinedTermSet',
  name: ctx.title,
  publisher: { type: 'Organization', name: ctx.city.name },
  inLanguage: ctx.language,
  hasDefinedTerm: ctx.content.elements.map((e) => elementTerm(ctx, e)),
  grid: ctx.content.grid.map((c) => cellTerm(ctx, c)),
  themes: ctx.content.themes.map((t) => themeTerm(ctx, t)),
  destinations: ctx.content.destinations.map((d) => destinationTerm(ctx, d)),
})

export function elementJsonLd (v: PublicElement): Doc {
  const e = v.element
  const current = e.version === v.currentVersion
  const term = elementTerm(v, e)
  return inSet(v, defined({
    ...term,
    ...(current ? {} : { id: `${v.urls.element(e.code)}?version=${e.version}`, versionOf: v.urls.element(e.code) }),
    narrower: current ? v.children.map((c) => v.urls.element(c.code)) : undefined,
    exactMatch: (e.mappings ?? []).flatMap((m) => (m.url !== undefined ? [m.url] : [])),
    mappings: (e.mappings ?? []).map((m) => defined({ framework: m.framework, code: m.code, url: m.url })),
    url: v.urls.element(e.code),
  }))
}

export const cellJsonLd = (ctx: PublicContext & { cell: GridCell }): Doc => inSet(ctx, cellTerm(ctx, ctx.cell))
export const themeJsonLd = (ctx: PublicContext & { theme: Theme }): Doc => inSet(ctx, themeTerm(ctx, ctx.theme))
export const destinationJsonLd = (ctx: PublicContext & { destination: Destination }): Doc => inSet(ctx, destinationTerm(ctx, ctx.destination))

// --- HTML --------------------------------------------------------------------------------------------------------
// The same content as accessible pages in the city's branded frame (src/routes/pages/layout.ts): strict CSP, no script.

/** What every spine page is rendered with: the city's branding and how to link. */
export interface SpinePageOpts { city: CityRef; publicUrl: string }

function page (ctx: PublicContext, o: SpinePageOpts, title: string, self: string, body: string): Page {
  const l = linker(o.publicUrl)
  return renderPage(l, {
    title: `${title} · ${ctx.title}`,
    lang: ctx.language,
    city: o.city,
    meta: { description: `${title}: ${ctx.title}`, alternate: { href: self, type: 'application/ld+json' } },
    main: `<div class="panel">${self === ctx.urls.framework ? '<p class="kicker">Skills spine</p>' : `<p class="kicker">${l.a(ctx.urls.framework, ctx.title)}</p>`}<h1>${esc(title)}</h1></div>${body}`,
  })
}

const facts = (rows: Array<[string, string]>): string => `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`

/** The levels × dimensions grid: rows are levels, columns dimensions; on a phone each level becomes a card. */
function gridTable (l: Linker, ctx: PublicContext, grid: readonly GridCell[], lang: string): string {
  return `<table class="grid stack"><caption>Levels of learning (rows) by dimension (columns)</caption><thead><tr><th scope="col">Level</th>${DIMENSIONS.map((d) => `<th scope="col">${esc(d.label)}</th>`).join('')}</tr></thead><tbody>${
    LEVELS.map((lv) => `<tr><th scope="row">${esc(lv.label)}</th>${DIMENSIONS.map((d) => {
      const cell = grid.find((c) => c.level === lv.value && c.dimension === d.value)
      return `<td data-label="${esc(d.label)}">${cell ? l.a(ctx.urls.gridCell(lv.value, d.value), pickDescriptor(cell, lang) ?? `${lv.label}: ${d.label}`) : ''}</td>`
    }).join('')}</tr>`).join('')}</tbody></table>`
}

/**
 * An element's page; `building` lists the approved badge classes that build it, by level; `uses` the opportunities that
 * build it and the recommended pathways that ask for it.
 */
export function elementHtml (v: PublicElement, o: SpinePageOpts & { building: Array<{ level: { value: string; label: string } | undefined; badges: ClassCard[] }>; uses?: ElementUses }): Page {
  const l = linker(o.publicUrl)
  const e = v.element
  const rows: Array<[string, string]> = [
    ['Code', `<code>${esc(e.code)}</code>`],
    ['Layer', esc(labelOf(LAYERS, e.layer))],
    ['Status', esc(e.status)],
    ['Version', `${e.version}${e.version !== v.currentVersion ? ` (the current version is ${l.a(v.urls.element(e.code), String(v.currentVersion))})` : ''}`],
  ]
  if (e.kind !== undefined) rows.push(['Kind', esc(e.kind)])
  if (v.parent) rows.push(['Part of', l.a(v.urls.element(v.parent.code), v.parent.title)])
  const retired = e.status === 'retired'
    ? '<div class="status expired" role="note"><p>This element is retired: no new badges align to it, and badges that did keep this page.</p></div>' : ''
  const children = v.children.length > 0
    ? `<ul class="plain">${v.children.map((c) => `<li>${l.a(v.urls.element(c.code), c.title)}${c.status === 'retired' ? ' (retired)' : ''}</li>`).join('')}</ul>` : ''
  const mappings = (e.mappings ?? []).length > 0
    ? `<ul class="plain">${(e.mappings ?? []).map((m) => `<li>${esc(m.framework)}: ${m.url !== undefined ? l.a(m.url, m.code) : esc(m.code)}</li>`).join('')}</ul>` : ''
  const older = v.olderVersions.length > 0
    ? `<ul class="plain">${v.olderVersions.map((n) => `<li>${l.a(`${v.urls.element(e.code)}?version=${n}`, `Version ${n}`)}</li>`).join('')}</ul>` : ''
  const badges = o.building.length > 0
    ? o.building.map((g) => `<h3>${g.level ? `Level: ${esc(g.level.label)}` : 'No level chosen'}</h3>${cardsHtml(l, o.city, g.badges)}`).join('')
    : '<p>No approved badge builds this yet.</p>'
  const offers = offersHtml(l, o.uses?.opportunities ?? [])
  const pathways = (o.uses?.pathways ?? []).length > 0
    ? `<ul class="plain">${(o.uses?.pathways ?? []).map((p) => `<li>${esc(p.title)}${p.organisation !== undefined ? ` <span class="hint">(recommended by ${esc(p.organisation)})</span>` : ''}</li>`).join('')}</ul>` : ''
  const self = e.version === v.currentVersion ? v.urls.element(e.code) : `${v.urls.element(e.code)}?version=${e.version}`
  return page(v, o, e.title, self, `${retired}<div class="panel">${e.description !== undefined ? `<p>${esc(e.description)}</p>` : ''}${facts(rows)}</div>
${section('Badges that build it', 'badges', badges)}${section('Opportunities that build it', 'offers', offers)}${section('Pathways that ask for it', 'pathways', pathways)}${section('Narrower elements', 'children', children)}${section('In other frameworks', 'mappings', mappings)}${section('Earlier versions', 'versions', older)}`)
}

export function cellHtml (ctx: PublicContext & { cell: GridCell }, o: SpinePageOpts): Page {
  const c = ctx.cell
  const title = `${labelOf(LEVELS, c.level)}: ${labelOf(DIMENSIONS, c.dimension)}`
  const items = Object.entries(c.descriptors).map(([lang, text]) => `<li lang="${esc(lang)}">${esc(text)} <span class="hint">(${esc(lang)})</span></li>`).join('')
  return page(ctx, o, title, ctx.urls.gridCell(c.level, c.dimension), `<div class="panel"><p>Level <strong>${esc(labelOf(LEVELS, c.level))}</strong>, dimension <strong>${esc(labelOf(DIMENSIONS, c.dimension))}</strong>.</p><h2>Descriptors</h2><ul class="plain">${items}</ul></div>`)
}

export function catalogueHtml (ctx: PublicContext, o: SpinePageOpts & { badges?: ClassCard[] }, what: 'Theme' | 'Destination', self: string, t: Theme | Destination): Page {
  const l = linker(o.publicUrl)
  const rows: Array<[string, string]> = [['Code', `<code>${esc(t.code)}</code>`], ['Kind', esc(t.kind)]]
  if ('industryCode' in t && t.industryCode !== undefined) rows.push(['Industry code', `<code>${esc(t.industryCode)}</code>`])
  const badges = o.badges !== undefined ? section('Badges', 'badges', cardsHtml(l, o.city, o.badges)) : ''
  return page(ctx, o, `${what}: ${t.title}`, self, `<div class="panel">${t.description !== undefined ? `<p>${esc(t.description)}</p>` : ''}${facts(rows)}</div>${badges}`)
}

export function frameworkHtml (ctx: PublicContext & { content: SpineContent }, o: SpinePageOpts): Page {
  const l = linker(o.publicUrl)
  const { elements, grid, themes, destinations } = ctx.content
  const children = new Map<string | undefined, SpineElement[]>()
  for (const e of elements) children.set(e.parentCode, [...(children.get(e.parentCode) ?? []), e])
  const tree = (list: readonly SpineElement[], depth: number): string => depth > 64 || list.length === 0
    ? ''
    : `<ul>${list.map((e) => `<li>${l.a(ctx.urls.element(e.code), e.title)}${e.status === 'retired' ? ' (retired)' : ''}${tree(children.get(e.code) ?? [], depth + 1)}</li>`).join('')}</ul>`
  const layers = LAYERS.map((lay) => {
    const roots = (children.get(undefined) ?? []).filter((e) => e.layer === lay.value)
    return `<h3>${esc(lay.label)}</h3>${roots.length > 0 ? tree(roots, 0) : '<p>No elements yet.</p>'}`
  }).join('')
  const lang = ctx.language
  const list = (items: Array<{ url: string; title: string }>) => `<ul class="plain">${items.map((i) => `<li>${l.a(i.url, i.title)}</li>`).join('')}</ul>`
  return page(ctx, o, ctx.title, ctx.urls.framework, `${section('The grid: levels of learning × dimensions', 'grid', gridTable(l, ctx, grid, lang))}
${section('Elements', 'elements', layers)}
${section('Themes', 'themes', list(themes.map((t) => ({ url: ctx.urls.theme(t.code), title: t.title }))))}
${section('Destinations', 'destinations', list(destinations.map((d) => ({ url: ctx.urls.destination(d.code), title: d.title }))))}`)
}
