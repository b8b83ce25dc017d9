import { DOMParser } from '@xmldom/xmldom'
import type { Document } from '@xmldom/xmldom'

/** SVG 1.1 §5.1 namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg'
/** XLink namespace (SVG 1.1 §5.7 `xlink:href`). */
export const XLINK_NS = 'http://www.w3.org/1999/xlink'
/** Namespace of `xmlns` / `xmlns:*` declaration attributes (Namespaces in XML §3). */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
/** Namespace of `xml:space` / `xml:lang`. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** Node types used by the SVG code (DOM §4.4). */
export const NodeType = { ELEMENT: 1, TEXT: 3, CDATA: 4, COMMENT: 8, DOCUMENT_TYPE: 10 } as const

/**
 * Parses XML strictly with @xmldom/xmldom: every warning or error (bad quoting, undefined entity, extra
 * content after the root, unbound prefix) is a failure, as a browser's XML parser would refuse the image.
 * xmldom never fetches a DTD and never expands entities declared in an internal subset, so this is safe on
 * hostile input; callers still refuse DOCTYPEs where they want to. Returns the document or the reason.
 */
export function parseXmlStrict(text: string): { doc: Document } | { error: string } {
  let failure: string | undefined
  const parser = new DOMParser({
    locator: false,
    onError(level, message) {
      // U+FFFD in the text is legal content, the only warning we let through.
      if (level === 'warning' && message.startsWith('Unicode replacement character')) return
      failure ??= message
      throw new Error(message)
    },
  })
  try {
    const doc = parser.parseFromString(text, 'text/xml')
    if (failure !== undefined) return { error: failure }
    if (!doc.documentElement) return { error: 'missing root element' }
    return { doc }
  } catch (err) {
    return { error: failure ?? (err instanceof Error ? err.message : String(err)) }
  }
}
