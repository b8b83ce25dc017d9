import { isDimension, isLevel, type Dimension, type Level, type SpineSelection } from './model.js'

/**
 * Maps an imported badge to a city's skills spine by its alignments (issue #8 item 7). An alignment names one of our
 * elements when its `targetUrl` is the element's public URL under this city's spine (`{root}/elements/{code}`), or
 * when its `targetCode` is one of our element codes and its `targetUrl` is absent or under this city's spine. Grid
 * URLs (`{root}/grid/{level}/{dimension}`) give the level and dimensions; theme URLs give themes. Other frameworks'
 * alignments are ignored. Pure: the caller passes the city's spine root URL and its codes.
 */

export interface AlignmentLike { targetUrl?: unknown; targetCode?: unknown }

export interface MappingContext {
  /** `{publicUrl}/spine/{citySlug}` (no trailing slash). */
  spineRoot: string
  elementCodes: ReadonlySet<string>
  themeCodes: ReadonlySet<string>
}

export interface ImportMapping {
  /** Undefined when no alignment names one of our elements. */
  spine?: SpineSelection
  themes: string[]
}

/** The level an import counts at when its alignments name elements but no grid cell: the first level. */
export const DEFAULT_IMPORT_LEVEL: Level = 'engagement'

const decode = (s: string): string | undefined => {
  try { return decodeURIComponent(s) } catch { return undefined }
}

export function mapAlignments (alignments: readonly unknown[], ctx: MappingContext): ImportMapping {
  const root = ctx.spineRoot.replace(/\/+$/, '')
  const elements: string[] = []
  const themes: string[] = []
  const levels: Level[] = []
  const dimensions: Dimension[] = []
  const add = <T>(list: T[], v: T): void => { if (!list.includes(v)) list.push(v) }
  for (const a of alignments) {
    if (a === null || typeof a !== 'object') continue
    const { targetUrl, targetCode } = a as AlignmentLike
    const url = typeof targetUrl === 'string' ? targetUrl.trim() : undefined
    const ours = url !== undefined && url.startsWith(`${root}/`)
    if (ours) {
      const parts = url.slice(root.length + 1).split(/[?#]/)[0]!.split('/').map(decode)
      if (parts.some((p) => p === undefined)) continue
      const [kind, x, y] = parts as string[]
      if (kind === 'elements' && x !== undefined && parts.length === 2 && ctx.elementCodes.has(x)) add(elements, x)
      else if (kind === 'themes' && x !== undefined && parts.length === 2 && ctx.themeCodes.has(x)) add(themes, x)
      else if (kind === 'grid' && parts.length === 3 && isLevel(x) && isDimension(y)) { add(levels, x); add(dimensions, y) }
    }
    if ((url === undefined || ours) && typeof targetCode === 'string' && ctx.elementCodes.has(targetCode.trim())) add(elements, targetCode.trim())
  }
  if (elements.length === 0) return { themes }
  // Several grid cells: the highest level counts (a badge at demonstration also shows participation).
  const order: Level[] = ['engagement', 'participation', 'demonstration', 'leadership']
  const level = levels.length ? levels.reduce((a, b) => order.indexOf(b) > order.indexOf(a) ? b : a) : DEFAULT_IMPORT_LEVEL
  return { spine: { elements, level, dimensions: dimensions.length ? dimensions : ['skills'] }, themes }
}
