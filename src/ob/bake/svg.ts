import { XMLSerializer } from '@xmldom/xmldom'
import type { Document, Element, Node } from '@xmldom/xmldom'
import { NodeType, parseXmlStrict, SVG_NS, XMLNS_NS } from '../image/xml.js'
import { BakeError } from './errors.js'

/** `xmlns:openbadges` of OB 2.0 Baking §SVG. */
export const OB2_SVG_NS = 'http://openbadges.org'
/** `xmlns:openbadges` of OB 3.0 §5.3.2 (SVG). */
export const OB3_SVG_NS = 'https://purl.imsglobal.org/ob/v3p0'

/** What to bake into an SVG; see {@link bakeSvg}. */
export type SvgBakeOptions =
  | { version: 2; hosted: { url: string; json: string } }
  | { version: 2; signed: { jws: string } }
  | { version: 3; json: string }
  | { version: 3; jws: string }

/** What {@link extractSvg} found: the `verify` attribute and/or the (trimmed) element body. */
export interface SvgBakedContent {
  version: 2 | 3
  verify?: string
  body?: string
}

const BAKED = [
  { ns: OB2_SVG_NS, localName: 'assertion', version: 2 },
  { ns: OB3_SVG_NS, localName: 'credential', version: 3 },
] as const

function bakedVersion(node: Node): 2 | 3 | null {
  if (node.nodeType !== NodeType.ELEMENT) return null
  const el = node as Element
  return BAKED.find((b) => b.ns === el.namespaceURI && b.localName === el.localName)?.version ?? null
}

function parseSvgRoot(svg: string): { doc: Document; root: Element } {
  if (typeof svg !== 'string') throw new BakeError('bad_argument', 'SVG must be a string')
  const parsed = parseXmlStrict(svg)
  if ('error' in parsed) throw new BakeError('not_svg', `SVG is not well-formed XML: ${parsed.error}`)
  const root = parsed.doc.documentElement!
  if (root.localName !== 'svg') throw new BakeError('not_svg', `root element is <${root.tagName}>, not <svg>`)
  return { doc: parsed.doc, root }
}

/** Elements in document order (iterative: no recursion limit on deep input). */
function* elements(root: Element): Generator<Element> {
  const stack: Node[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.nodeType !== NodeType.ELEMENT) continue
    yield node as Element
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child)
  }
}

function checkText(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new BakeError('bad_argument', `${what} must be a non-empty string`)
  // Characters XML 1.0 §2.2 cannot carry even escaped: C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates.
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/u.test(value)) {
    throw new BakeError('bad_text', `${what} contains characters XML cannot represent`)
  }
}

/**
 * Bakes an assertion or credential into an SVG image.
 * - OB 2.0 Baking §SVG: root gets `xmlns:openbadges="http://openbadges.org"`, first child
 *   `<openbadges:assertion verify="…">`; hosted ⇒ `verify` = assertion URL and the JSON as CDATA body,
 *   signed ⇒ `verify` = compact JWS, empty element.
 * - OB 3.0 §5.3.2: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`, first child
 *   `<openbadges:credential>`; VC-JWT ⇒ `verify` attribute, Data Integrity ⇒ JSON as CDATA body, no `verify`.
 *
 * Any existing baked element (either version) is removed first, so the output holds exactly one. The
 * input root must be an unprefixed `<svg>` in the SVG namespace. The output is the root element only (XML
 * declaration, comments and DOCTYPE before it are dropped) with the namespace declarations as its first
 * attributes, so `<svg` and the SVG namespace sit in the first 256 bytes (the sniffers of the Python and
 * JS bakeries, CONFORMANCE A9 item 48). A `]]>` inside the body is split across CDATA
 * sections, and attribute values are escaped by the serializer. Throws {@link BakeError}.
 */
export function bakeSvg(svg: string, opts: SvgBakeOptions): string {
  const { doc, root } = parseSvgRoot(svg)
  if (root.tagName !== 'svg' || root.namespaceURI !== SVG_NS) {
    throw new BakeError('not_svg', `root must be an unprefixed <svg> in the SVG namespace ${SVG_NS}`)
  }
  let verify: string | undefined
  let body: string | undefined
  if (opts.version === 2 && 'hosted' in opts) {
    ;({ url: verify, json: body } = opts.hosted)
  } else if (opts.version === 2 && 'signed' in opts) {
    verify = opts.signed.jws
  } else if (opts.version === 3 && 'json' in opts) {
    body = opts.json
  } else if (opts.version === 3 && 'jws' in opts) {
    verify = opts.jws
  } else {
    throw new BakeError('bad_argument', 'unsupported SVG baking options')
  }
  if (verify !== undefined) checkText(verify, 'verify')
  if (body !== undefined) checkText(body, 'body')

  for (const el of [...elements(root)]) if (bakedVersion(el) !== null) el.parentNode!.removeChild(el)

  const { ns, localName } = BAKED[opts.version === 2 ? 0 : 1]
  // Namespace declarations first, so the SVG namespace lands within the first 256 bytes.
  const attrs = Array.from(root.attributes).filter((a) => a.name !== 'xmlns:openbadges')
  for (const attr of attrs) root.removeAttributeNode(attr)
  const ordered = [...attrs.filter((a) => a.name === 'xmlns'), ...attrs.filter((a) => a.name !== 'xmlns')]
  root.setAttributeNS(XMLNS_NS, 'xmlns:openbadges', ns)
  for (const attr of ordered) root.setAttributeNode(attr)

  const baked = doc.createElementNS(ns, `openbadges:${localName}`)
  if (verify !== undefined) baked.setAttribute('verify', verify)
  if (body !== undefined) {
    const parts = body.split(']]>')
    parts.forEach((part, i) => {
      // "a]]>b" becomes <![CDATA[a]]]]><![CDATA[>b]]>: the concatenated sections read back as the original.
      const text = (i > 0 ? '>' : '') + part + (i < parts.length - 1 ? ']]' : '')
      baked.appendChild(doc.createCDATASection(text))
    })
  }
  root.insertBefore(baked, root.firstChild)
  return new XMLSerializer().serializeToString(root)
}

/**
 * Extracts the baked assertion (OB 2.0 Baking §SVG) or credential (OB 3.0 §5.3.2) of an SVG: the first
 * `openbadges:assertion` in namespace `http://openbadges.org` or `openbadges:credential` in
 * `https://purl.imsglobal.org/ob/v3p0`, in document order. `verify` is the attribute as written, `body` the
 * concatenated CDATA/text content with surrounding whitespace trimmed (absent when empty). Returns null for
 * an unbaked SVG. Throws {@link BakeError} `not_svg` for input that is not well-formed XML with an `svg`
 * root; entities from a DOCTYPE internal subset are never expanded (they fail as undefined).
 */
export function extractSvg(svg: string): SvgBakedContent | null {
  const { root } = parseSvgRoot(svg)
  for (const el of elements(root)) {
    const version = bakedVersion(el)
    if (version === null) continue
    const result: SvgBakedContent = { version }
    if (el.hasAttribute('verify')) result.verify = el.getAttribute('verify')!
    let text = ''
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === NodeType.CDATA || child.nodeType === NodeType.TEXT) text += child.nodeValue ?? ''
    }
    const body = text.trim()
    if (body !== '') result.body = body
    return result
  }
  return null
}
