import { createHash } from 'node:crypto'
import type { InsightReport, InsightTable } from '../../domain/insights/insights.js'
import { esc, pageCsp, type Page } from './layout.js'

// The insight report for a city officer: server-made inline SVG charts, each followed by the table it draws (the
// accessible form), every figure already through the disclosure rules. No script; one hashed style block.

const CSS = `
*{box-sizing:border-box}body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#0b4f9c;color:#fff}header .in,main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem}
header h1{margin:0;font-size:1.6rem}header p{margin:.25rem 0 0}
.panel{background:#fff;border:1px solid #d5d8de;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
.panel>h2{margin-top:0;font-size:1.25rem}
.heads{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;list-style:none;padding:0;margin:0}
.heads li{background:#eef3fa;border-radius:.5rem;padding:.75rem}.heads strong{display:block;font-size:1.8rem}
svg{width:100%;height:auto;max-width:100%;display:block;margin:.5rem 0}
svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}
.wrap{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem;min-width:50%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #c4c9d0;padding:.3rem .5rem;text-align:right}th[scope=row],thead th:first-child{text-align:left}
thead th{background:#eef0f3}
.note{color:#4a4f57;font-size:.9rem}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
a{color:#0b4f9c}a:focus-visible,summary:focus-visible,.wrap:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
@media (max-width:40rem){main{padding:.75rem}.panel{padding:.75rem}th,td{padding:.25rem;font-size:.8rem}}
`
const CSP = pageCsp([`'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`])

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? 'suppressed' : v.toLocaleString('en-GB'))
const fig = (t: InsightTable, row: string, col: string) => t.cells.find((c) => c.row === row && c.col === col)
/** A cell's published value: null when suppressed, 0 when the table has no such cell. */
const val = (t: InsightTable, row: string, col: string): number | null => { const f = fig(t, row, col); return f === undefined ? 0 : f.value }

/** The table behind a chart: rows × columns with totals; suppressed figures say so. */
function dataTable (t: InsightTable, caption: string, rowHead: string): string {
  if (!t.answered) return `<p class="note">${esc(caption)}: too few learners to show anything (fewer than ${t.threshold}).</p>`
  const oneCol = t.cols.length === 1 && t.cols[0]?.key === 'all'
  const head = `<tr><th scope="col">${esc(rowHead)}</th>${oneCol ? '<th scope="col">Figure</th>' : t.cols.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}${oneCol ? '' : '<th scope="col">Total</th>'}</tr>`
  const body = t.rows.map((r) => {
    const tot = t.rowTotals.find((f) => f.row === r.key)
    return `<tr><th scope="row">${esc(r.label)}</th>${t.cols.map((c) => `<td>${fmt(val(t, r.key, c.key))}</td>`).join('')}${oneCol ? '' : `<td>${fmt(tot?.value)}</td>`}</tr>`
  }).join('')
  const foot = `<tr><th scope="row">Total</th>${oneCol ? `<td>${fmt(t.total?.value)}</td>` : `${t.cols.map((c) => `<td>${fmt(t.colTotals.find((f) => f.col === c.key)?.value)}</td>`).join('')}<td>${fmt(t.total?.value)}</td>`}</tr>`
  return `<div class="wrap" tabindex="0" role="region" aria-label="${esc(caption)} (table)"><table><caption>${esc(caption)}</caption><thead>${head}</thead><tbody>${body}${foot}</tbody></table></div>`
}

/** Horizontal bars, one per row (the first column, or the row total); suppressed rows drawn as an outline. */
function barChart (t: InsightTable, title: string, pick: (row: string) => number | null): string {
  if (!t.answered || t.rows.length === 0) return ''
  const values = t.rows.map((r) => pick(r.key))
  const max = Math.max(5, ...values.map((v) => v ?? 0))
  const rowH = 26
  const h = t.rows.length * rowH + 10
  const bars = t.rows.map((r, i) => {
    const v = values[i] ?? null
    const y = 5 + i * rowH
    const w = v === null ? 0 : Math.max(1, Math.round((v / max) * 440))
    const bar = v === null
      ? `<rect x="160" y="${y + 3}" width="440" height="${rowH - 8}" fill="none" stroke="#8a8f98" stroke-dasharray="4 3"/><text x="166" y="${y + 17}">suppressed</text>`
      : `<rect x="160" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="#0b4f9c"/><text x="${166 + w}" y="${y + 17}">${fmt(v)}</text>`
    return `<text x="150" y="${y + 17}" text-anchor="end">${esc(r.label.slice(0, 24))}</text>${bar}`
  }).join('')
  return `<svg viewBox="0 0 660 ${h}" role="img" aria-label="${esc(title)}; the table below gives the figures">${bars}</svg>`
}

/** The spine heat map: levels × dimensions, darker for more learners. */
function heatMap (t: InsightTable, title: string): string {
  if (!t.answered) return ''
  const levels = ['engagement', 'participation', 'demonstration', 'leadership']
  const dims = ['knowledge', 'skills', 'attitudes-values']
  const max = Math.max(5, ...t.cells.map((c) => c.value ?? 0))
  const cw = 150
  const ch = 40
  const cells = levels.flatMap((lv, i) => dims.map((d, j) => {
    const v = val(t, lv, d)
    const shade = v === null ? '#ffffff' : `rgb(${Math.round(235 - (v / max) * 224)},${Math.round(242 - (v / max) * 163)},${Math.round(250 - (v / max) * 94)})`
    const dark = v !== null && v / max > 0.5
    return `<rect x="${130 + j * cw}" y="${30 + i * ch}" width="${cw - 4}" height="${ch - 4}" fill="${shade}" stroke="#c4c9d0"${v === null ? ' stroke-dasharray="4 3"' : ''}/><text x="${130 + j * cw + cw / 2 - 2}" y="${30 + i * ch + 23}" text-anchor="middle"${dark ? ' fill="#ffffff"' : ''}>${fmt(v)}</text>`
  })).join('')
  const heads = dims.map((d, j) => `<text x="${130 + j * cw + cw / 2 - 2}" y="20" text-anchor="middle">${esc(d)}</text>`).join('') +
    levels.map((lv, i) => `<text x="122" y="${30 + i * ch + 23}" text-anchor="end">${esc(lv)}</text>`).join('')
  return `<svg viewBox="0 0 590 ${40 + levels.length * ch}" role="img" aria-label="${esc(title)}; the table below gives the figures">${heads}${cells}</svg>`
}

/** Columns over time (awards by month). */
function columns (t: InsightTable, title: string): string {
  if (!t.answered || t.rows.length === 0) return ''
  const values = t.rows.map((r) => val(t, r.key, 'all'))
  const max = Math.max(5, ...values.map((v) => v ?? 0))
  const w = Math.max(24, Math.min(60, Math.floor(560 / t.rows.length)))
  const bars = t.rows.map((r, i) => {
    const v = values[i] ?? null
    const x = 50 + i * w
    const hgt = v === null ? 0 : Math.round((v / max) * 160)
    return (v === null ? `<rect x="${x + 2}" y="20" width="${w - 6}" height="160" fill="none" stroke="#8a8f98" stroke-dasharray="4 3"/>` : `<rect x="${x + 2}" y="${180 - hgt}" width="${w - 6}" height="${hgt}" fill="#11632b"/>`) +
      `<text x="${x + w / 2}" y="196" text-anchor="middle">${esc(r.key.slice(2))}</text>`
  }).join('')
  return `<svg viewBox="0 0 ${Math.max(660, 60 + t.rows.length * w)} 205" role="img" aria-label="${esc(title)}; the table below gives the figures"><line x1="48" y1="180" x2="${52 + t.rows.length * w}" y2="180" stroke="#1b1b1b"/><text x="44" y="24" text-anchor="end">${fmt(max)}</text>${bars}</svg>`
}

export function renderInsightReport (r: InsightReport): Page {
  const h = r.headline
  const supply = r.supplyDemand
  const supplyRows = supply.answered ? supply.rows : []
  const supplyTable = supplyRows.length === 0 ? '<p class="note">No published opportunities or followers to compare yet.</p>' : `<div class="wrap" tabindex="0" role="region" aria-label="Supply and demand (table)"><table><caption>Places offered and learners following pathways, by area and theme</caption><thead><tr><th scope="col">Area</th><th scope="col">Theme</th><th scope="col">Places offered</th><th scope="col">Learners wanting it</th></tr></thead><tbody>${
    supplyRows.flatMap((row) => supply.cols.map((col) => ({ row, col }))).map(({ row, col }) => `<tr><th scope="row">${esc(row.label)}</th><td>${esc(col.label)}</td><td>${fmt((supply.supply ?? []).find((s) => s.row === row.key && s.col === col.key)?.places ?? 0)}</td><td>${fmt(val(supply, row.key, col.key))}</td></tr>`).join('')}</tbody></table></div>`
  const main = `
<section class="panel" aria-labelledby="h-head"><h2 id="h-head">Headline numbers</h2>
<ul class="heads"><li><strong>${fmt(h.learners)}</strong>learners with a badge</li><li><strong>${fmt(h.awards)}</strong>badges awarded</li><li><strong>${fmt(h.organisations)}</strong>organisations badging</li></ul>
<p class="note">Figures count distinct learners, rounded to a multiple of 5; a figure of fewer than ${r.threshold} learners, or one that could reveal one, is shown as “suppressed”.</p></section>
<section class="panel" aria-labelledby="h-heat"><h2 id="h-heat">Skills spine coverage</h2>${heatMap(r.spine, 'Learners by spine level and dimension')}
${dataTable(r.spine, 'Learners by spine level (rows) and dimension (columns)', 'Level')}</section>
<section class="panel" aria-labelledby="h-time"><h2 id="h-time">Badges over time</h2>${columns(r.awardsByMonth, 'Badges awarded by month')}
${dataTable(r.awardsByMonth, 'Badges awarded by month', 'Month')}</section>
<section class="panel" aria-labelledby="h-dec"><h2 id="h-dec">Reach by deprivation decile</h2>
<p class="note">Decile 1 is the most deprived tenth of areas${r.decileAreas === 0 ? '; no decile lookup has been uploaded yet, so every area is “unknown”' : ''}.</p>
${barChart(r.byDecile, 'Learners by deprivation decile', (k) => val(r.byDecile, k, 'all'))}
${dataTable(r.byDecile, 'Learners by deprivation decile', 'Decile')}</section>
<section class="panel" aria-labelledby="h-fun"><h2 id="h-fun">Pathway funnels</h2>
${barChart(r.funnels, 'Learners who started each pathway', (k) => val(r.funnels, k, 'started'))}
${dataTable(r.funnels, 'Learners by pathway: started, at least half way, completed, unlocked', 'Pathway')}</section>
<section class="panel" aria-labelledby="h-sd"><h2 id="h-sd">Supply and demand by area</h2>
${barChart(supply, 'Learners following pathways, by area', (k) => supply.rowTotals.find((f) => f.row === k)?.value ?? null)}
${supplyTable}</section>
<section class="panel" aria-labelledby="h-rules"><h2 id="h-rules">How the figures are protected</h2><ul>${r.rules.map((x) => `<li>${esc(x.description)}</li>`).join('')}</ul></section>`
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Citywide insights — ${esc(r.cityName)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header><div class="in"><h1>Citywide insights: ${esc(r.cityName)}</h1><p>Made ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p></div></header>
<main id="main">${main}
</main>
</body>
</html>
`
  return { html, csp: CSP }
}
