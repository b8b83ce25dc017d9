import { createHash } from 'node:crypto'
import type { Dimension, Level } from './model.js'

/** RFC 4122 namespace for URL names; our stable identifiers are v5 UUIDs of `urn:citybadges:spine:...` names in it. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). Deterministic: the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  if (ns.length !== 16) throw new TypeError('namespace must be a UUID')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  const b = hash.subarray(0, 16)
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Stable identifier of a spine object of one city, e.g. `spineId('plymouth', 'item', 'core.knowledge')`. */
export function spineId(citySlug: string, kind: 'document' | 'item' | 'association', key: string): string {
  return uuidV5(`urn:citybadges:spine:${citySlug}:${kind}:${key}`)
}

/** The public URLs under `/spine/{city}/...` that alignments and CASE exports point at (routes dereference them). */
export interface SpineUrls {
  /** The city's spine as a whole. */
  framework: string
  element(code: string): string
  gridCell(level: Level, dimension: Dimension): string
  theme(code: string): string
  destination(code: string): string
  caseDocument(identifier: string): string
  casePackage(identifier: string): string
  caseAssociation(identifier: string): string
}

/** Builds {@link SpineUrls} for one city: `${baseUrl}/spine/${citySlug}`, `.../elements/{code}`, `.../grid/{level}/{dimension}`, ... */
export function spineUrls(baseUrl: string, citySlug: string): SpineUrls {
  const root = `${baseUrl.replace(/\/+$/, '')}/spine/${encodeURIComponent(citySlug)}`
  const seg = encodeURIComponent
  return {
    framework: root,
    element: (code) => `${root}/elements/${seg(code)}`,
    gridCell: (level, dimension) => `${root}/grid/${seg(level)}/${seg(dimension)}`,
    theme: (code) => `${root}/themes/${seg(code)}`,
    destination: (code) => `${root}/destinations/${seg(code)}`,
    caseDocument: (id) => `${root}/case/CFDocuments/${seg(id)}`,
    casePackage: (id) => `${root}/case/CFPackages/${seg(id)}`,
    caseAssociation: (id) => `${root}/case/CFAssociations/${seg(id)}`,
  }
}
