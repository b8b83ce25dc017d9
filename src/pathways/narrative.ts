/**
 * A requirement tree in plain words: the criteria narrative of a pathway's completion Achievement (OB 3.0
 * `criteria.narrative`, Markdown). Pure: names of badge classes, elements, themes and pathways are looked up
 * through the passed-in functions (an unknown one is shown by its id or code), and the same tree always gives the
 * same text.
 *
 *   { type: 'all', children: [{ type: 'badge', badgeClassId }, { type: 'skill', element: 'col.digital', minLevel: 'demonstration', count: 2 }] }
 *   ->
 *   Complete all of these:
 *   - Earn the "Digital basics" badge.
 *   - Earn 2 badges in "Digital skills" at Demonstration level or above.
 *
 * Composite nodes become a sentence followed by a nested Markdown list (two spaces of indent per level); a leaf at
 * the root is one sentence. Windows and order are said where they apply ("within 24 months", "in this order").
 */
import { DIMENSIONS, LEVELS, labelOf } from '../spine/model.js'
import { parseDuration, type Duration } from './duration.js'
import { isComposite, type LeafNode, type NodeWindow, type RequirementNode } from './tree.js'

/** Names for what a tree refers to; any may answer undefined (the id or code is used instead). */
export interface NarrativeNames {
  badgeClass?: (id: string) => string | undefined
  element?: (code: string) => string | undefined
  theme?: (code: string) => string | undefined
  pathway?: (id: string) => string | undefined
}

const quoted = (name: string): string => `"${name.replace(/\s+/g, ' ').trim()}"`
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const UNITS: Array<[keyof Duration, string, string]> = [
  ['years', 'year', 'years'], ['months', 'month', 'months'], ['weeks', 'week', 'weeks'], ['days', 'day', 'days'],
  ['hours', 'hour', 'hours'], ['minutes', 'minute', 'minutes'], ['seconds', 'second', 'seconds'],
]

/** `P1Y6M` -> `1 year and 6 months`; a malformed duration is shown as written. */
export function durationInWords (text: string): string {
  const d = parseDuration(text)
  if (!d) return text
  const parts = UNITS.filter(([k]) => d[k] > 0).map(([k, one, many]) => plural(d[k], one, many))
  return parts.length <= 1 ? (parts[0] ?? text) : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `2026-09-01` -> `1 September 2026` (UTC date part; a time of day, when given, is kept as written). */
function dateInWords (text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(text)
  if (!m) return text
  const month = MONTHS[Number(m[2]) - 1]
  if (!month) return text
  const rest = m[4] ?? ''
  return `${Number(m[3])} ${month} ${m[1]!}${rest ? ` (${text})` : ''}`
}

/** The window clause of a node (`, within the last 24 months, on or after 1 January 2026`), or ''. */
function windowWords (w: NodeWindow): string {
  const parts: string[] = []
  if (w.within !== undefined) parts.push(`within the last ${durationInWords(w.within)}`)
  if (w.after !== undefined) parts.push(`on or after ${dateInWords(w.after)}`)
  if (w.before !== undefined) parts.push(`before ${dateInWords(w.before)}`)
  return parts.length ? `, ${parts.join(', ')}` : ''
}

function leafWords (leaf: LeafNode, names: NarrativeNames): string {
  switch (leaf.type) {
    case 'badge':
      return `Earn the ${quoted(names.badgeClass?.(leaf.badgeClassId) ?? leaf.badgeClassId)} badge (any version)`
    case 'skill': {
      const n = leaf.count ?? 1
      const level = leaf.minLevel ? ` at ${labelOf(LEVELS, leaf.minLevel)} level or above` : ''
      const dimension = leaf.dimension ? ` for ${labelOf(DIMENSIONS, leaf.dimension).toLowerCase()}` : ''
      return `Earn ${plural(n, 'badge', 'badges')} in ${quoted(names.element?.(leaf.element) ?? leaf.element)} (or a part of it)${level}${dimension}`
    }
    case 'theme':
      return `Earn ${plural(leaf.count ?? 1, 'badge', 'badges')} on the theme ${quoted(names.theme?.(leaf.theme) ?? leaf.theme)}`
    case 'opportunity':
      return `Take part in ${plural(leaf.attended, leaf.kind ? `${leaf.kind} opportunity` : 'opportunity', leaf.kind ? `${leaf.kind} opportunities` : 'opportunities')}`
    case 'pathway':
      return `Complete the pathway ${quoted(names.pathway?.(leaf.pathwayId) ?? leaf.pathwayId)}`
  }
}

function lines (node: RequirementNode, names: NarrativeNames, depth: number, out: string[], bullet: boolean): void {
  const indent = '  '.repeat(Math.max(0, depth - 1))
  const prefix = bullet ? `${indent}- ` : ''
  if (!isComposite(node)) {
    out.push(`${prefix}${leafWords(node, names)}${windowWords(node)}.`)
    return
  }
  const k = node.children.length
  const head = node.type === 'all'
    ? (k === 1 ? 'Complete this' : k === 2 ? 'Complete both of these' : `Complete all ${k} of these`)
    : node.type === 'any'
      ? (k === 1 ? 'Complete this' : 'Complete any one of these')
      : `Complete at least ${node.n} of these ${k}`
  const order = node.ordered ? ', in this order' : ''
  out.push(`${prefix}${head}${order}${windowWords(node)}:`)
  for (const child of node.children) lines(child, names, bullet ? depth + 1 : 1, out, true)
}

/** The tree as Markdown text (see the module comment). */
export function requirementsNarrative (tree: RequirementNode, names: NarrativeNames = {}): string {
  const out: string[] = []
  lines(tree, names, 0, out, false)
  return out.join('\n')
}

/** Codes of every element a tree's skill leaves name, in first-seen order (alignment targets of the pathway). */
export function treeElements (tree: RequirementNode): string[] {
  const seen = new Set<string>()
  const walk = (n: RequirementNode): void => {
    if (isComposite(n)) n.children.forEach(walk)
    else if (n.type === 'skill') seen.add(n.element)
  }
  walk(tree)
  return [...seen]
}
