import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { etagOf } from '../../plugins/http.js'
import MarkdownIt from 'markdown-it'
import type { CachedPage, CityRef } from '../../domain/pages/pages.js'

// The frame every public HTML page shares: escaping, Markdown, dates, the city's branding, one style sheet, and a
// strict content security policy. No scripts at all; styles only from blocks whose hashes the CSP names; images
// only from our origin and data: URIs; forms only to our origin. Pages are plain server-rendered HTML that works
// without JavaScript.

/** Escapes text for HTML text and attribute values (double or single quoted). */
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Markdown of criteria, descriptions and comments: CommonMark via markdown-it, raw HTML off. */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
// A Markdown image would load a foreign URL (refused by the CSP): it becomes a link to the image instead.
md.renderer.rules.image = (tokens, idx, _options, _env, self) => {
  const t = tokens[idx]!
  const alt = self.renderInlineAsText(t.children ?? [], _options, _env)
  return `<a href="${md.utils.escapeHtml(String(t.attrGet('src') ?? ''))}" rel="nofollow ugc">${md.utils.escapeHtml(alt || 'image')}</a>`
}
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc')
  return defaultLinkOpen(tokens, idx, options, env, self)
}
// Only http(s) and mailto links; markdown-it already refuses javascript:, vbscript:, file: and most data:.
md.validateLink = (url: string): boolean => /^(https?:|mailto:)/i.test(url.trim())
/** Headings inside user Markdown become at most <h3>: the page's own h1/h2 outline stays intact. */
md.core.ruler.push('demote_headings', (state) => {
  for (const t of state.tokens) {
    if ((t.type === 'heading_open' || t.type === 'heading_close') && /^h[12]$/.test(t.tag)) t.tag = 'h3'
  }
})

// The same descriptions and criteria render on every page of a badge: keep recent results (bounded, oldest out).
const rendered = new Map<string, string>()
const RENDERED_MAX = 5000

export function markdown (source: string | undefined): string {
  if (!source) return ''
  const hit = rendered.get(source)
  if (hit !== undefined) return hit
  const html = md.render(source)
  if (source.length <= 20_000) {
    if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!)
    rendered.set(source, html)
  }
  return html
}

/** One line of Markdown, no block wrapper (short comments in lists). */
export const markdownInline = (source: string): string => md.renderInline(source)

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
export function date (iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? esc(iso) : `<time datetime="${esc(d.toISOString())}">${esc(DATE.format(d))}</time>`
}

/** An http(s) URL or undefined: anything else (javascript:, data:, relative junk) never becomes a link. */
export function httpUrl (raw: string | undefined): string | undefined {
  if (!raw) return undefined
  try {
    const u = new URL(raw)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Our own absolute URLs (under PUBLIC_URL) become root-relative, so that links, images and forms work from
 * whatever host serves the page (and images stay 'self' for the CSP). Foreign http(s) URLs stay as they are.
 */
export function linker (publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '')
  const own = (url: string): string | undefined => {
    if (url.startsWith('#')) return url
    if (url.startsWith('/') && !url.startsWith('//')) return url
    if (url === base) return '/'
    return url.startsWith(`${base}/`) || url.startsWith(`${base}?`) ? url.slice(base.length) : undefined
  }
  const href = (url: string | undefined): string | undefined => (url === undefined ? undefined : own(url) ?? httpUrl(url))
  /** `<a>` with escaped text, or the text alone when the URL is not usable. `html` marks text that is already HTML. */
  const a = (url: string | undefined, text: string, opts: { html?: boolean; attrs?: string } = {}): string => {
    const h = href(url)
    const body = opts.html ? text : esc(text)
    return h !== undefined ? `<a href="${esc(h)}"${opts.attrs ?? ''}>${body}</a>` : body
  }
  /** An image URL the CSP admits: ours (root-relative) or a data: URI; anything else is dropped. */
  const img = (url: string | undefined): string | undefined => (url === undefined ? undefined : url.startsWith('data:image/') ? url : own(url))
  return { own, href, a, img }
}
export type Linker = ReturnType<typeof linker>

const CSS = `
*{box-sizing:border-box}
:root{color-scheme:light}
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9;overflow-wrap:break-word}
h1,h2,h3,a,dd,li,p{overflow-wrap:anywhere}
a{color:#0b4f9c;text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}.skip:focus{left:.5rem}
.brand{background:var(--accent);color:var(--on-accent)}
.brand .in{max-width:60rem;margin:0 auto;padding:.6rem 1.25rem;display:flex;gap:.75rem 1.5rem;align-items:center;flex-wrap:wrap}
.brand a{color:var(--on-accent);font-weight:600;text-decoration:none}.brand a:hover{text-decoration:underline}
.brand a:focus-visible{outline-color:var(--on-accent)}
.brand .home{display:flex;align-items:center;gap:.6rem;font-size:1.1rem;margin-right:auto}
.brand .home img{height:2.25rem;width:auto;max-width:8rem;background:#fff;border-radius:.25rem;padding:.15rem}
.brand nav ul{display:flex;gap:1.25rem;list-style:none;margin:0;padding:0;flex-wrap:wrap}
main{display:block;max-width:60rem;margin:0 auto;padding:1.25rem 1.25rem 2.5rem}
.panel{background:#fff;border:1px solid #d5d8de;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
.panel>:first-child{margin-top:0}
h1{font-size:1.8rem;line-height:1.2;margin:.2rem 0 .4rem}h2{font-size:1.25rem;margin:1.25rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .4rem}
.hero{display:flex;gap:1.25rem;align-items:flex-start;flex-wrap:wrap}
.hero>img{width:9rem;height:9rem;object-fit:contain;flex:none}
.hero>div{flex:1 1 16rem;min-width:0}
.kicker{margin:0;color:#4a4f57;font-size:.95rem}
.status{border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;border:2px solid;background:#fff}
.status p{margin:.2rem 0}.status strong{font-size:1.15rem}
.valid{border-color:#11632b;color:#0d4f22;background:#eef8f0}.revoked{border-color:#a1160a;color:#7d1108;background:#fdf0ee}.expired{border-color:#8a5300;color:#6b4000;background:#fdf6e8}
.verified{display:inline-block;font-size:.85rem;font-weight:600;color:#0d4f22;background:#e3f3e7;border:1px solid #11632b;border-radius:1rem;padding:0 .55rem;margin-left:.35rem}
.unverified{font-size:.85rem;color:#4a4f57;margin-left:.35rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.5rem 0 0}dl.facts dt{font-weight:600}dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
ul.plain{list-style:none;padding:0;margin:.25rem 0}ul.plain>li{margin:.35rem 0}
ul.cards{list-style:none;padding:0;margin:.5rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem}
ul.cards>li{background:#fff;border:1px solid #d5d8de;border-radius:.5rem;padding:.75rem;display:flex;gap:.75rem;align-items:flex-start}
ul.cards img{width:3.5rem;height:3.5rem;object-fit:contain;flex:none}
ul.cards p{margin:.2rem 0;font-size:.92rem;color:#33373d}
.chips{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.chips li{border:1px solid #9aa1ab;border-radius:1rem;padding:.1rem .65rem;background:#fff}
table.grid{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0}
table.grid caption{text-align:left;font-weight:600;padding:.25rem 0}
table.grid th,table.grid td{border:1px solid #c4c9d0;padding:.4rem;vertical-align:top;text-align:left;overflow-wrap:break-word;font-size:.92rem}
table.grid th a,table.grid td a{overflow-wrap:break-word}
table.grid thead th{background:#eef0f3}table.grid tbody th{background:#f6f7f9}
table.grid tr>:first-child{width:33%}table.grid th{overflow-wrap:normal;word-break:normal;hyphens:manual}
table.grid td.on{background:var(--accent);color:var(--on-accent);font-weight:600}table.grid td.on a{color:var(--on-accent)}
table.grid tr.level td:not(.on){background:#fbfbfc}
@media (max-width:40rem){
 main{padding:.75rem .75rem 2rem}.panel{padding:.85rem}
 table.grid th,table.grid td{font-size:.75rem;padding:.3rem .25rem}table.grid tr>:first-child{width:auto}table.grid:not(.stack){table-layout:auto}
 table.grid .label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
 table.stack caption{display:block}
 table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:auto}
 table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.stack tr{margin:0 0 .75rem;border:1px solid #c4c9d0}table.stack th,table.stack td{border:0;border-top:1px solid #e0e3e7}
 table.stack td::before{content:attr(data-label);display:block;font-weight:600;font-size:.85rem;color:#4a4f57}
 table.stack tbody th,table.stack tr>:first-child{width:auto}
 h1{font-size:1.5rem}.hero>img{width:6.5rem;height:6.5rem}
}
.card{border:1px solid #d5d8de;border-radius:.4rem;padding:.6rem .8rem;margin:.5rem 0;background:#fff}
.button,button{display:inline-block;font:inherit;font-weight:600;border:2px solid var(--accent);background:var(--accent);color:var(--on-accent);border-radius:.4rem;padding:.45rem .9rem;text-decoration:none;cursor:pointer}
.button.quiet{background:#fff;color:#0b4f9c;border-color:#0b4f9c}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.5rem 0}
label{font-weight:600;display:block;margin:.5rem 0 .2rem}
input[type=text],input[type=email],input[type=url]{font:inherit;width:100%;max-width:34rem;padding:.4rem .5rem;border:1px solid #6b717a;border-radius:.3rem;background:#fff;color:#1b1b1b}
.hint{font-size:.9rem;color:#4a4f57;margin:.2rem 0}
.checks li{display:flex;gap:.6rem;align-items:baseline}.checks .ok{color:#0d4f22;font-weight:700}.checks .no{color:#a1160a;font-weight:700}
footer{max-width:60rem;margin:0 auto;padding:0 1.25rem 2rem;font-size:.9rem;color:#3d4249}
code{overflow-wrap:anywhere}
`
const CSS_HASH = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`

const accentCss = (city: CityRef | undefined): string =>
  `:root{--accent:${city?.branding.accentColour ?? '#0b4f9c'};--on-accent:${city?.branding.accentText ?? '#ffffff'}}`
const hashes = new Map<string, string>()
function hashOf (css: string): string {
  let h = hashes.get(css)
  if (h === undefined) {
    h = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`
    if (hashes.size < 10_000) hashes.set(css, h)
  }
  return h
}

/** The CSP of a page: our two style blocks by hash, images from self and data:, forms to self; nothing else. */
export const pageCsp = (styleHashes: readonly string[]): string =>
  `default-src 'none'; img-src 'self' data:; style-src ${styleHashes.join(' ')}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`

export interface Meta {
  /** Open Graph / Twitter card: what a shared link previews. */
  og?: { title: string; description: string; image?: string; url: string; imageAlt?: string }
  /** The machine-readable form of the same URL (JSON-LD by content negotiation). */
  alternate?: { href: string; type: string }
  description?: string
}

export interface Page { html: string; csp: string }

/**
 * A whole page: `<head>` with the title, meta and the two style blocks, the city's branded header (logo, name,
 * links to its landing page, spine and badges), `main`, and a footer.
 */
export function renderPage (l: Linker, opts: { title: string; lang?: string | undefined; city?: CityRef | undefined; meta?: Meta; main: string; footer?: string }): Page {
  const { city, meta } = opts
  const accent = accentCss(city)
  const lang = opts.lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(opts.lang) ? opts.lang : 'en'
  const og = meta?.og
  const ogImage = og?.image !== undefined ? httpUrl(og.image) : undefined
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(opts.title)}</title>`,
    meta?.description !== undefined ? `<meta name="description" content="${esc(meta.description.slice(0, 300))}">` : '',
    og ? [
      `<meta property="og:type" content="website">`,
      `<meta property="og:title" content="${esc(og.title)}">`,
      `<meta property="og:description" content="${esc(og.description.slice(0, 300))}">`,
      `<meta property="og:url" content="${esc(og.url)}">`,
      city ? `<meta property="og:site_name" content="${esc(city.branding.name)}">` : '',
      ogImage ? `<meta property="og:image" content="${esc(ogImage)}">` : '',
      ogImage && og.imageAlt ? `<meta property="og:image:alt" content="${esc(og.imageAlt)}">` : '',
      `<meta name="twitter:card" content="summary">`,
      `<meta name="twitter:title" content="${esc(og.title)}">`,
      `<meta name="twitter:description" content="${esc(og.description.slice(0, 200))}">`,
      ogImage ? `<meta name="twitter:image" content="${esc(ogImage)}">` : '',
      ogImage && og.imageAlt ? `<meta name="twitter:image:alt" content="${esc(og.imageAlt)}">` : '',
      `<link rel="canonical" href="${esc(og.url)}">`,
    ].filter(Boolean).join('\n') : '',
    meta?.alternate ? `<link rel="alternate" type="${esc(meta.alternate.type)}" href="${esc(l.href(meta.alternate.href) ?? '')}">` : '',
    '<link rel="icon" href="data:,">',
    `<style>${CSS}</style>`,
    `<style>${accent}</style>`,
  ].filter(Boolean).join('\n')
  const logo = city?.branding.logo !== undefined ? l.img(city.branding.logo) : undefined
  const header = city
    ? `<header class="brand"><div class="in"><a class="home" href="${esc(l.href(city.landing) ?? '/')}">${logo ? `<img src="${esc(logo)}" alt="">` : ''}<span>${esc(city.branding.name)}</span></a>
<nav aria-label="${esc(city.branding.name)}"><ul><li>${l.a(city.spine, 'Skills spine')}</li><li>${l.a(`${city.landing}#badges`, 'Badges')}</li><li>${l.a('/', 'All cities')}</li></ul></nav></div></header>`
    : `<header class="brand"><div class="in"><a class="home" href="/"><span>City of Learning badges</span></a></div></header>`
  const html = `<!doctype html>
<html lang="${esc(lang)}">
<head>
${head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header}
<main id="main">
${opts.main}
</main>
<footer>${opts.footer ?? ''}<p>Open Badges issued through ${city ? esc(city.branding.name) : 'CityBadges'}. Every page here is also available to machines as JSON-LD at the same address (<code>Accept: application/ld+json</code>).</p></footer>
</body>
</html>
`
  return { html, csp: pageCsp([CSS_HASH, hashOf(accent)]) }
}

/** Sends a page with its CSP; `Vary: Accept` because the same URL answers JSON-LD too. */
export function sendHtml (reply: FastifyReply, page: Page, opts: { status?: number; cache?: string; lang?: string | undefined } = {}): FastifyReply {
  // A page in a language chosen from Accept-Language says so (Content-Language; its <html lang> too).
  if (opts.lang !== undefined) reply.header('content-language', opts.lang)
  return reply
    .code(opts.status ?? 200)
    .header('content-security-policy', page.csp)
    .header('vary', opts.lang !== undefined ? 'Accept, Accept-Language' : 'Accept')
    .header('cache-control', opts.cache ?? 'no-cache')
    .type('text/html; charset=utf-8')
    .send(page.html)
}

/** A page as the page cache keeps it (src/domain/pages/page-cache.ts): its bytes and every header sendHtml would set. */
export function cachedPage (page: Page, opts: { status?: number; cache?: string; lang?: string | undefined } = {}): CachedPage {
  const status = opts.status ?? 200
  const body = Buffer.from(page.html, 'utf8')
  return {
    status,
    body,
    headers: {
      'content-security-policy': page.csp, vary: opts.lang !== undefined ? 'Accept, Accept-Language' : 'Accept', 'cache-control': opts.cache ?? 'no-cache', 'content-type': 'text/html; charset=utf-8',
      ...(opts.lang !== undefined ? { 'content-language': opts.lang } : {}),
      // The strong ETag the HTTP conventions would compute for a 200 (src/plugins/http.ts), once instead of per request.
      ...(status === 200 ? { etag: etagOf(body) } : {}),
    },
  }
}

/** Sends a kept page (the same answer as sendHtml of the page it was made from). */
export const sendCachedPage = (reply: FastifyReply, page: CachedPage): FastifyReply => reply.code(page.status).headers(page.headers).send(page.body)

/** "✓ Verified by {city}" beside an organisation that the city has verified; nothing for one it has not. */
export const verifiedMark = (verified: boolean, city: CityRef): string =>
  verified ? `<span class="verified"><span aria-hidden="true">✓ </span>Verified by ${esc(city.branding.name)}</span>` : ''

export function section (title: string, id: string, body: string, cls = 'panel'): string {
  return body ? `<section class="${cls}" aria-labelledby="${id}"><h2 id="${id}">${esc(title)}</h2>${body}</section>` : ''
}
