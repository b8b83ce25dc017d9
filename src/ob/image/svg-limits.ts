import type { Element } from '@xmldom/xmldom'
import { ImageError } from './errors.js'
import { NodeType, XLINK_NS } from './xml.js'

/** Deepest element nesting the sanitiser accepts. */
export const MAX_DEPTH = 128
/** Most elements the sanitiser keeps. */
export const MAX_ELEMENTS = 20_000
/** Most nodes a renderer may have to draw once every `<use>` is expanded ("use bomb"). */
export const MAX_RENDERED_NODES = 200_000

// CSS absolute units in px (CSS Values 3 §6.2); em/ex guessed at a 16px font, as browsers default.
const PX_PER_UNIT: Readonly<Record<string, number>> = {
  '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, q: 96 / 101.6, em: 16, ex: 8,
}
const LENGTH = /^\+?((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(px|pt|pc|mm|cm|in|q|em|ex|%)?$/i
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
// Coordinates further out than this are not a drawing, they are an attempt to break a renderer.
const MAX_ABS_COORDINATE = 1e6

function lengthPx(name: string, raw: string): number | null {
  const value = raw.trim()
  if (value === 'auto') return null
  const match = LENGTH.exec(value)
  if (!match) throw new ImageError('bad_dimension', `<svg ${name}="${raw}"> is not a valid non-negative length`)
  const unit = (match[2] ?? '').toLowerCase()
  if (unit === '%') return null // relative to the viewport, which the embedding page bounds
  const px = Number(match[1]) * PX_PER_UNIT[unit]!
  if (!Number.isFinite(px)) throw new ImageError('bad_dimension', `<svg ${name}="${raw}"> is not finite`)
  return px
}

/**
 * Checks `width`, `height` and `viewBox` of an `<svg>` element (SVG 1.1 §7.2, §7.7): lengths must be
 * valid, non-negative and at most `maxDimension` px; the viewBox must be four finite numbers with a
 * non-negative width/height at most `maxDimension` and an origin within ±1e6.
 */
export function checkSvgDimensions(svg: Element, maxDimension: number): void {
  for (const name of ['width', 'height']) {
    if (!svg.hasAttribute(name)) continue
    const px = lengthPx(name, svg.getAttribute(name)!)
    if (px !== null && px > maxDimension) {
      throw new ImageError('dimension_too_large', `<svg ${name}> is ${Math.round(px)}px, larger than ${maxDimension}`)
    }
  }
  if (!svg.hasAttribute('viewBox')) return
  const raw = svg.getAttribute('viewBox')!
  const parts = raw.trim().split(/\s*,\s*|\s+/)
  const numbers = parts.map(Number)
  if (parts.length !== 4 || !parts.every((p) => NUMBER.test(p)) || !numbers.every(Number.isFinite)) {
    throw new ImageError('bad_dimension', `viewBox="${raw}" is not four numbers`)
  }
  const [minX, minY, width, height] = numbers as [number, number, number, number]
  if (width < 0 || height < 0) throw new ImageError('bad_dimension', `viewBox="${raw}" has a negative size`)
  if (Math.abs(minX) > MAX_ABS_COORDINATE || Math.abs(minY) > MAX_ABS_COORDINATE) {
    throw new ImageError('bad_dimension', `viewBox="${raw}" has an absurd origin`)
  }
  if (width > maxDimension || height > maxDimension) {
    throw new ImageError('dimension_too_large', `viewBox="${raw}" is larger than ${maxDimension}x${maxDimension}`)
  }
}

function* childElements(el: Element): Generator<Element> {
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === NodeType.ELEMENT) yield child as Element
  }
}

function useTarget(el: Element): string | null {
  if (el.localName !== 'use') return null
  const href = el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href')
  return href?.startsWith('#') ? href.slice(1) : null
}

/**
 * Refuses `<use>` graphs that a renderer would expand into more than {@link MAX_RENDERED_NODES} nodes
 * (each level of `<use>` referencing a group of `<use>`s multiplies the work: the SVG "billion laughs"),
 * that reference themselves or an ancestor, or that chain deeper than the element depth limit.
 * Runs on the sanitised tree, whose depth is already bounded.
 */
export function checkUseExpansion(root: Element): void {
  const byId = new Map<string, Element>()
  const queue = [root]
  for (let el = queue.pop(); el; el = queue.pop()) {
    const id = el.getAttribute('id')
    if (id !== null && !byId.has(id)) byId.set(id, el)
    queue.push(...childElements(el))
  }
  const memo = new Map<Element, number>()
  const active = new Set<Element>()
  const cost = (el: Element, hops: number): number => {
    const known = memo.get(el)
    if (known !== undefined) return known
    if (active.has(el)) throw new ImageError('too_complex', '<use> references form a cycle')
    if (hops > MAX_DEPTH * 4) throw new ImageError('too_complex', '<use> references nest too deeply')
    active.add(el)
    let total = 1
    for (const child of childElements(el)) total += cost(child, hops + 1)
    const targetId = useTarget(el)
    const target = targetId === null ? undefined : byId.get(targetId)
    if (target) total += cost(target, hops + 1)
    active.delete(el)
    if (total > MAX_RENDERED_NODES) {
      throw new ImageError('too_complex', `<use> references expand to more than ${MAX_RENDERED_NODES} nodes`)
    }
    memo.set(el, total)
    return total
  }
  cost(root, 0)
}
