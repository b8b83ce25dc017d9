import type { PublicContext, PublicElement } from '../domain/spine/spine-public.js'
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

const inSet = (ctx: PublicContext, term: Doc): Doc => ({ '@context': SPINE_CONTEXT, ...term, inDefinedTermSet: ctx.urls.framework })

export const frameworkJsonLd = (ctx: PublicContext & { content: SpineContent }): Doc => ({
  '@context': SPINE_CONTEXT,
  id: ctx.urls.framework,
  type: 'DefinedTermSet',
  name: ctx.title,
  publisher: { type: 'Organization', name: ctx.city.name },
  inLanguage: ctx.city.locales,
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

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const link = (href: string, text: string): string => `<a href="${esc(href)}">${esc(text)}</a>`

function page (ctx: PublicContext, title: string, self: string, body: string): string {
  return `<!doctype html><html lang="${esc(ctx.city.locales[0] ?? 'en')}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · ${esc(ctx.title)}</title>
<link rel="alternate" type="application/ld+json" href="${esc(self)}"><style>
body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;color:#1a1a1a}
a{color:#0b5394}dt{font-weight:700}dd{margin:0 0 .5rem 0}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top}
.retired{background:#fff4e5;border-left:4px solid #b45f06;padding:.5rem}
</style></head><body><header><p>${link(ctx.urls.framework, ctx.title)}</p><h1>${esc(title)}</h1></header><main>${body}</main></body></html>`
}

export function elementHtml (v: PublicElement): string {
  const e = v.element
  const rows: Array<[string, string]> = [
    ['Code', `<code>${esc(e.code)}</code>`],
    ['Layer', esc(labelOf(LAYERS, e.layer))],
    ['Status', esc(e.status)],
    ['Version', `${e.version}${e.version !== v.currentVersion ? ` (the current version is ${link(v.urls.element(e.code), String(v.currentVersion))})` : ''}`],
  ]
  if (e.kind !== undefined) rows.push(['Kind', esc(e.kind)])
  if (v.parent) rows.push(['Part of', link(v.urls.element(v.parent.code), v.parent.title)])
  const retired = e.status === 'retired'
    ? '<p class="retired" role="note">This element is retired: no new badges align to it, and badges that did keep this page.</p>' : ''
  const children = v.children.length > 0
    ? `<h2>Narrower elements</h2><ul>${v.children.map((c) => `<li>${link(v.urls.element(c.code), c.title)}${c.status === 'retired' ? ' (retired)' : ''}</li>`).join('')}</ul>` : ''
  const mappings = (e.mappings ?? []).length > 0
    ? `<h2>In other frameworks</h2><ul>${(e.mappings ?? []).map((m) => `<li>${esc(m.framework)}: ${m.url !== undefined ? link(m.url, m.code) : esc(m.code)}</li>`).join('')}</ul>` : ''
  const older = v.olderVersions.length > 0
    ? `<h2>Earlier versions</h2><ul>${v.olderVersions.map((n) => `<li>${link(`${v.urls.element(e.code)}?version=${n}`, `Version ${n}`)}</li>`).join('')}</ul>` : ''
  const self = e.version === v.currentVersion ? v.urls.element(e.code) : `${v.urls.element(e.code)}?version=${e.version}`
  return page(v, e.title, self, `${retired}${e.description !== undefined ? `<p>${esc(e.description)}</p>` : ''}
<dl>${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`).join('')}</dl>${children}${mappings}${older}`)
}

export function cellHtml (ctx: PublicContext & { cell: GridCell }): string {
  const c = ctx.cell
  const title = `${labelOf(LEVELS, c.level)}: ${labelOf(DIMENSIONS, c.dimension)}`
  const items = Object.entries(c.descriptors).map(([lang, text]) => `<li lang="${esc(lang)}">${esc(text)} <small>(${esc(lang)})</small></li>`).join('')
  return page(ctx, title, ctx.urls.gridCell(c.level, c.dimension), `<p>Level <strong>${esc(labelOf(LEVELS, c.level))}</strong>, dimension <strong>${esc(labelOf(DIMENSIONS, c.dimension))}</strong>.</p><h2>Descriptors</h2><ul>${items}</ul>`)
}

export function catalogueHtml (ctx: PublicContext, what: 'Theme' | 'Destination', self: string, t: Theme | Destination): string {
  const rows: Array<[string, string]> = [['Code', `<code>${esc(t.code)}</code>`], ['Kind', esc(t.kind)]]
  if ('industryCode' in t && t.industryCode !== undefined) rows.push(['Industry code', `<code>${esc(t.industryCode)}</code>`])
  return page(ctx, `${what}: ${t.title}`, self, `${t.description !== undefined ? `<p>${esc(t.description)}</p>` : ''}<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`)
}

export function frameworkHtml (ctx: PublicContext & { content: SpineContent }): string {
  const { elements, grid, themes, destinations } = ctx.content
  const children = new Map<string | undefined, SpineElement[]>()
  for (const e of elements) children.set(e.parentCode, [...(children.get(e.parentCode) ?? []), e])
  const tree = (list: readonly SpineElement[], depth: number): string => depth > 64 || list.length === 0
    ? ''
    : `<ul>${list.map((e) => `<li>${link(ctx.urls.element(e.code), e.title)}${e.status === 'retired' ? ' (retired)' : ''}${tree(children.get(e.code) ?? [], depth + 1)}</li>`).join('')}</ul>`
  const layers = LAYERS.map((l) => {
    const roots = (children.get(undefined) ?? []).filter((e) => e.layer === l.value)
    return `<section><h2>${esc(l.label)}</h2>${roots.length > 0 ? tree(roots, 0) : '<p>No elements yet.</p>'}</section>`
  }).join('')
  const lang = ctx.city.locales[0] ?? 'en'
  const table = `<table><caption>Levels of learning by dimension</caption><thead><tr><td></td>${LEVELS.map((l) => `<th scope="col">${esc(l.label)}</th>`).join('')}</tr></thead><tbody>${
    DIMENSIONS.map((d) => `<tr><th scope="row">${esc(d.label)}</th>${LEVELS.map((l) => {
      const cell = grid.find((c) => c.level === l.value && c.dimension === d.value)
      return `<td>${cell ? link(ctx.urls.gridCell(l.value, d.value), pickDescriptor(cell, lang) ?? '') : ''}</td>`
    }).join('')}</tr>`).join('')}</tbody></table>`
  const list = (items: Array<{ url: string; title: string }>) => `<ul>${items.map((i) => `<li>${link(i.url, i.title)}</li>`).join('')}</ul>`
  return page(ctx, ctx.title, ctx.urls.framework, `${layers}<section><h2>The grid</h2>${table}</section>
<section><h2>Themes</h2>${list(themes.map((t) => ({ url: ctx.urls.theme(t.code), title: t.title })))}</section>
<section><h2>Destinations</h2>${list(destinations.map((d) => ({ url: ctx.urls.destination(d.code), title: d.title })))}</section>`)
}
