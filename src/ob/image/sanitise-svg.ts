import { DOMImplementation, XMLSerializer } from '@xmldom/xmldom'
import type { Attr, Document, Element, Node } from '@xmldom/xmldom'
import { BakeError } from '../bake/errors.js'
import { readPngChunks } from '../bake/png.js'
import { ImageError } from './errors.js'
import { decodeUtf8, sniffImage } from './sniff.js'
import type { ImageType } from './sniff.js'
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_ELEMENTS,
  ALLOWED_XML_ATTRIBUTES,
  FRAGMENT_HREF_ELEMENTS,
  RASTER_HREF_ELEMENTS,
  TEXT_ELEMENTS,
  UNWRAPPED_ELEMENTS,
} from './svg-allow.js'
import { sanitiseCss } from './svg-css.js'
import { checkSvgDimensions, checkUseExpansion, MAX_DEPTH, MAX_ELEMENTS } from './svg-limits.js'
import { NodeType, parseXmlStrict, SVG_NS, XLINK_NS, XML_NS, XMLNS_NS } from './xml.js'

/** Limits of {@link sanitiseSvg} and {@link checkImage}. */
export interface ImageLimits {
  /** Largest accepted input in bytes; default 256 KiB. */
  maxBytes?: number
  /** Largest width/height/viewBox extent in px (SVG) or pixels (PNG); default 4096. */
  maxDimension?: number
}

const DEFAULT_MAX_BYTES = 256 * 1024
const DEFAULT_MAX_DIMENSION = 4096
// Presentation attributes whose value may be a CSS url() (SVG 1.1 §11.2 paint, §14 clip/mask, §15 filter, markers).
const URL_ATTRIBUTES = new Set(['style', 'fill', 'stroke', 'clip-path', 'mask', 'filter', 'marker-start', 'marker-mid', 'marker-end'])
const RASTER_DATA_URI = /^data:image\/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$/i

function isHrefAllowed(element: string, value: string): boolean {
  if (FRAGMENT_HREF_ELEMENTS.has(element) && /^#\S+$/.test(value)) return true
  return RASTER_HREF_ELEMENTS.has(element) && RASTER_DATA_URI.test(value)
}

/** Copies the whitelisted attributes of `from` onto `to`; returns true when an `xlink:href` was kept. */
function copyAttributes(from: Element, to: Element): boolean {
  let usesXlink = false
  for (const attr of Array.from(from.attributes) as Attr[]) {
    const { namespaceURI: ns, value } = attr
    const name = attr.localName ?? attr.name
    if (ns === XML_NS) {
      if (ALLOWED_XML_ATTRIBUTES.has(name)) to.setAttributeNS(XML_NS, `xml:${name}`, value)
    } else if (name === 'href' && (ns === null || ns === XLINK_NS)) {
      // Only same-document references and embedded rasters: no remote fetch, no javascript: navigation.
      const href = value.trim()
      if (!isHrefAllowed(to.localName ?? '', href)) continue
      if (ns === XLINK_NS) {
        to.setAttributeNS(XLINK_NS, 'xlink:href', href)
        usesXlink = true
      } else {
        to.setAttribute('href', href)
      }
    } else if (ns === null && ALLOWED_ATTRIBUTES.has(name)) {
      const kept = URL_ATTRIBUTES.has(name) ? sanitiseCss(value) : value
      if (kept !== null) to.setAttribute(name, kept)
    }
  }
  return usesXlink
}

function textOf(node: Node): string {
  let text = ''
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === NodeType.TEXT || child.nodeType === NodeType.CDATA) text += child.nodeValue ?? ''
  }
  return text
}

function parseSvg(text: string, maxBytes: number): Element {
  if (typeof text !== 'string') throw new ImageError('not_svg', 'SVG must be a string')
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new ImageError('too_large', `SVG exceeds ${maxBytes} bytes`)
  // Entity declarations only exist inside a DOCTYPE; refusing both outright also refuses billion-laughs.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ImageError('doctype', 'SVG must not contain a DOCTYPE or entity declarations')
  const parsed = parseXmlStrict(text.replace(/^\uFEFF/, ''))
  if ('error' in parsed) throw new ImageError('invalid_xml', `SVG is not well-formed XML: ${parsed.error}`)
  const root = parsed.doc.documentElement!
  if (root.localName !== 'svg' || (root.namespaceURI !== SVG_NS && root.namespaceURI !== null)) {
    throw new ImageError('not_svg', `root element must be <svg> in namespace ${SVG_NS}, found <${root.tagName}>`)
  }
  return root
}

/**
 * Whitelist sanitiser for badge images (OB 2.0 §Image / OB 3.0 §B.1.9 Image; CONFORMANCE A8 item 43).
 * Refuses ({@link ImageError}) input over `maxBytes`, any DOCTYPE or entity declaration, XML that is not
 * well-formed, a root other than `svg`, width/height/viewBox that are absurd or exceed `maxDimension`,
 * nesting deeper than 128, more than 20 000 elements, or `<use>` references expanding past 200 000
 * rendered nodes or forming a cycle.
 * Rebuilds a fresh document that keeps only SVG-namespace elements on the whitelist (`<a>` is unwrapped,
 * everything else, e.g. `script`, `foreignObject`, animation, `metadata`, is dropped with its content),
 * whitelisted attributes (never `on*`), `href`/`xlink:href` only to a `#fragment` or, on `image`/`feImage`,
 * an embedded `data:image/(png|jpeg|gif);base64` raster, and CSS with `@import`, non-fragment `url()` and
 * `javascript:` removed. Comments, processing instructions and text outside text elements are dropped.
 * The output is the serialized `<svg>` root; sanitising it again returns the same string.
 */
export function sanitiseSvg(text: string, opts: ImageLimits = {}): string {
  const maxDimension = opts.maxDimension ?? DEFAULT_MAX_DIMENSION
  const source = parseSvg(text, opts.maxBytes ?? DEFAULT_MAX_BYTES)
  const doc: Document = new DOMImplementation().createDocument(SVG_NS, 'svg', null)
  const root = doc.documentElement!
  root.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS)
  const unqualified = source.namespaceURI === null
  let usesXlink = false
  let count = 0

  checkSvgDimensions(source, maxDimension)
  usesXlink = copyAttributes(source, root)
  // Iterative walk: a hostile file may nest far deeper than the call stack allows.
  const stack: Array<{ node: Node; parent: Element; depth: number }> = []
  const pushChildren = (node: Node, parent: Element, depth: number): void => {
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, parent, depth })
  }
  pushChildren(source, root, 1)
  while (stack.length > 0) {
    const { node, parent, depth } = stack.pop()!
    if (node.nodeType === NodeType.TEXT || node.nodeType === NodeType.CDATA) {
      if (TEXT_ELEMENTS.has(parent.localName ?? '') && parent.localName !== 'style') {
        parent.appendChild(doc.createTextNode(node.nodeValue ?? ''))
      }
      continue
    }
    if (node.nodeType !== NodeType.ELEMENT) continue // comments, processing instructions
    const el = node as Element
    const tag = el.localName ?? ''
    if (el.namespaceURI !== SVG_NS && !(unqualified && el.namespaceURI === null)) continue
    if (depth > MAX_DEPTH) throw new ImageError('too_complex', `SVG nests elements deeper than ${MAX_DEPTH}`)
    if (UNWRAPPED_ELEMENTS.has(tag)) {
      pushChildren(el, parent, depth + 1)
      continue
    }
    if (!ALLOWED_ELEMENTS.has(tag)) continue
    if (++count > MAX_ELEMENTS) throw new ImageError('too_complex', `SVG has more than ${MAX_ELEMENTS} elements`)
    if (tag === 'svg') checkSvgDimensions(el, maxDimension)
    const copy = doc.createElementNS(SVG_NS, tag)
    usesXlink = copyAttributes(el, copy) || usesXlink
    if (tag === 'style') {
      const css = sanitiseCss(textOf(el))
      if (css === null) continue
      if (css !== '') copy.appendChild(doc.createTextNode(css))
    } else {
      pushChildren(el, copy, depth + 1)
    }
    parent.appendChild(copy)
  }
  if (usesXlink) root.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS)
  checkUseExpansion(root)
  return new XMLSerializer().serializeToString(root)
}

/**
 * Checks an uploaded or fetched badge image (OB 2.0 §Image, OB 3.0 §B.1.9: PNG or SVG) by content:
 * over `maxBytes` (default 256 KiB) ⇒ `too_large`; PNG ⇒ full chunk structure (signature, IHDR first,
 * CRCs, IEND present) and IHDR width/height within `maxDimension`, bytes returned unchanged; SVG ⇒
 * {@link sanitiseSvg}, the sanitised UTF-8 bytes returned; anything else ⇒ `unsupported_type`.
 * Throws {@link ImageError}.
 */
export function checkImage(bytes: Uint8Array, opts: ImageLimits = {}): { type: ImageType; bytes: Uint8Array } {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES
  const maxDimension = opts.maxDimension ?? DEFAULT_MAX_DIMENSION
  if (bytes.length > maxBytes) throw new ImageError('too_large', `image exceeds ${maxBytes} bytes`)
  const type = sniffImage(bytes)
  if (type === 'png') {
    let size: { width: number; height: number }
    try {
      size = readPngChunks(bytes)
    } catch (err) {
      if (err instanceof BakeError) throw new ImageError('bad_png', `invalid PNG (${err.code}): ${err.message}`)
      throw err
    }
    if (size.width === 0 || size.height === 0) throw new ImageError('bad_dimension', 'PNG has a zero width or height')
    if (size.width > maxDimension || size.height > maxDimension) {
      throw new ImageError('dimension_too_large', `PNG is ${size.width}x${size.height}, larger than ${maxDimension}x${maxDimension}`)
    }
    return { type, bytes }
  }
  if (type === 'svg') {
    const clean = sanitiseSvg(decodeUtf8(bytes)!, { maxBytes, maxDimension })
    return { type, bytes: new TextEncoder().encode(clean) }
  }
  throw new ImageError('unsupported_type', 'image is neither PNG nor SVG')
}
