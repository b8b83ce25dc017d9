/**
 * Requirement trees of a pathway: the types, and validation of untrusted input. Pure: lookups are passed in.
 *
 * A tree is JSON. Composite nodes hold `children`; leaves name one kind of evidence:
 *
 *   { type: 'all',     children: [...] }            every child
 *   { type: 'any',     children: [...] }            one child
 *   { type: 'atLeast', n: 2, children: [...] }      n children (1 <= n <= children.length)
 *   { type: 'badge',   badgeClassId }               an award of that badge class, any version of its family
 *   { type: 'skill',   element, minLevel?, dimension?, count? }
 *                                                   `count` awards aligned to the element or a descendant, at
 *                                                   `minLevel` or above, in `dimension` (count defaults to 1)
 *   { type: 'theme',   theme, count? }              `count` awards carrying the theme
 *   { type: 'opportunity', kind?, attended }        attended `attended` distinct opportunities (of `kind`)
 *   { type: 'pathway', pathwayId }                  another pathway completed
 *
 * Any node may also carry a time window, which applies to all evidence beneath it (windows nest by intersection):
 *   within: 'P24M'       evidence dated in the 24 months up to `now`
 *   after:  '2026-01-01' evidence dated on or after this instant
 *   before: '2027-01-01' evidence dated strictly before this instant
 * and `ordered: true` on a composite: its children must be met in sequence (child k's evidence is dated no
 * earlier than the moment child k-1 was met).
 *
 * {@link validateRequirementTree} checks shape, limits (depth <= 8, nodes <= 500), `atLeast` n, durations and dates,
 * and references through the passed-in lookups (badge classes, elements, themes, other pathways' trees for cycles).
 * It never throws on bad input: it returns problems with JSON paths (`$.children[1].n`).
 */
import { isDimension, isLevel, type Dimension, type Level } from '../spine/model.js'
import { parseDuration, parseInstant } from './duration.js'

/** Fields every node may carry. */
export interface NodeWindow {
  /** ISO 8601 duration: evidence must be dated within this long before `now`. */
  within?: string
  /** ISO 8601 date or date-time: evidence dated at or after. */
  after?: string
  /** ISO 8601 date or date-time: evidence dated strictly before. */
  before?: string
  /** On a composite: children must be met in order. */
  ordered?: boolean
}

export interface AllNode extends NodeWindow { type: 'all'; children: RequirementNode[] }
export interface AnyNode extends NodeWindow { type: 'any'; children: RequirementNode[] }
export interface AtLeastNode extends NodeWindow { type: 'atLeast'; n: number; children: RequirementNode[] }
export interface BadgeLeaf extends NodeWindow { type: 'badge'; badgeClassId: string }
export interface SkillLeaf extends NodeWindow {
  type: 'skill'
  element: string
  minLevel?: Level
  dimension?: Dimension
  count?: number
}
export interface ThemeLeaf extends NodeWindow { type: 'theme'; theme: string; count?: number }
export interface OpportunityLeaf extends NodeWindow { type: 'opportunity'; kind?: string; attended: number }
export interface PathwayLeaf extends NodeWindow { type: 'pathway'; pathwayId: string }

export type CompositeNode = AllNode | AnyNode | AtLeastNode
export type LeafNode = BadgeLeaf | SkillLeaf | ThemeLeaf | OpportunityLeaf | PathwayLeaf
export type RequirementNode = CompositeNode | LeafNode
export type NodeType = RequirementNode['type']

export const COMPOSITE_TYPES = ['all', 'any', 'atLeast'] as const
export const LEAF_TYPES = ['badge', 'skill', 'theme', 'opportunity', 'pathway'] as const

export const TREE_LIMITS = {
  /** Levels, the root being level 1. */
  maxDepth: 8,
  maxNodes: 500,
  /** Largest `count` / `attended` a leaf may ask for. */
  maxCount: 1000,
  /** Longest identifier or code. */
  maxIdLength: 200,
} as const

export const isComposite = (node: RequirementNode): node is CompositeNode =>
  node.type === 'all' || node.type === 'any' || node.type === 'atLeast'

/** How many pieces of evidence a leaf needs. */
export function leafNeed(leaf: LeafNode): number {
  switch (leaf.type) {
    case 'skill':
    case 'theme':
      return leaf.count ?? 1
    case 'opportunity':
      return leaf.attended
    default:
      return 1
  }
}

/** How many children a composite needs. */
export function compositeNeed(node: CompositeNode): number {
  return node.type === 'all' ? node.children.length : node.type === 'any' ? 1 : node.n
}

export type TreeProblemCode =
  | 'invalid_value'
  | 'missing_field'
  | 'unknown_field'
  | 'unknown_type'
  | 'empty_children'
  | 'at_least_too_large'
  | 'too_deep'
  | 'too_many_nodes'
  | 'invalid_duration'
  | 'invalid_date'
  | 'empty_window'
  | 'unknown_badge_class'
  | 'unknown_element'
  | 'unknown_theme'
  | 'unknown_pathway'
  | 'cycle'

/** One finding; `path` is a JSON path into the submitted tree (`$` is the root). */
export interface TreeProblem {
  path: string
  code: TreeProblemCode
  message: string
}

/** Lookups the validator needs; every one is optional, and an absent lookup skips that check. */
export interface TreeLookups {
  /** True when the badge class exists in this city (any version). */
  badgeClassExists?: (badgeClassId: string) => boolean
  /** True when the spine element exists in this city. */
  elementExists?: (code: string) => boolean
  /** True when the theme exists in this city. */
  themeExists?: (code: string) => boolean
  /**
   * The requirement tree of another pathway of the city (its current version), or undefined when there is no such
   * pathway. Used to follow `pathway` leaves for cycles; trees it returns are trusted (already validated).
   */
  pathwayTree?: (pathwayId: string) => RequirementNode | undefined
  /** The id of the pathway this tree belongs to (absent for a new pathway): a leaf naming it is a cycle. */
  selfId?: string
}

export type TreeValidation = { ok: true; tree: RequirementNode } | { ok: false; problems: TreeProblem[] }

const WINDOW_FIELDS = ['within', 'after', 'before', 'ordered'] as const
const FIELDS: Record<NodeType, readonly string[]> = {
  all: ['type', 'children'],
  any: ['type', 'children'],
  atLeast: ['type', 'n', 'children'],
  badge: ['type', 'badgeClassId'],
  skill: ['type', 'element', 'minLevel', 'dimension', 'count'],
  theme: ['type', 'theme', 'count'],
  opportunity: ['type', 'kind', 'attended'],
  pathway: ['type', 'pathwayId'],
}
const TYPES: ReadonlySet<string> = new Set([...COMPOSITE_TYPES, ...LEAF_TYPES])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isId = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= TREE_LIMITS.maxIdLength
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= TREE_LIMITS.maxCount

/**
 * Validates an untrusted requirement tree. Problems come in document order; the walk stops descending below the
 * depth limit and stops counting at the node limit, so hostile input costs at most O(maxNodes) work past parsing.
 */
export function validateRequirementTree(input: unknown, lookups: TreeLookups = {}): TreeValidation {
  const problems: TreeProblem[] = []
  let nodes = 0
  let tooMany = false
  const add = (path: string, code: TreeProblemCode, message: string) => problems.push({ path, code, message })
  const pathwayLeaves: { path: string; pathwayId: string }[] = []

  const walk = (node: unknown, path: string, depth: number): void => {
    if (tooMany) return
    nodes++
    if (nodes > TREE_LIMITS.maxNodes) {
      tooMany = true
      add(path, 'too_many_nodes', `a requirement tree has at most ${TREE_LIMITS.maxNodes} nodes`)
      return
    }
    if (depth > TREE_LIMITS.maxDepth) {
      add(path, 'too_deep', `a requirement tree is at most ${TREE_LIMITS.maxDepth} levels deep`)
      return
    }
    if (!isRecord(node)) {
      add(path, 'invalid_value', `${path} must be an object with a "type"`)
      return
    }
    const type = node.type
    if (typeof type !== 'string' || !TYPES.has(type)) {
      add(`${path}.type`, type === undefined ? 'missing_field' : 'unknown_type',
        `${path}.type must be one of ${[...COMPOSITE_TYPES, ...LEAF_TYPES].join(', ')}`)
      return
    }
    const t = type as NodeType
    const allowed = new Set([...FIELDS[t], ...WINDOW_FIELDS])
    for (const key of Object.keys(node)) {
      if (!allowed.has(key)) add(`${path}.${key}`, 'unknown_field', `"${key}" is not a field of a ${t} node`)
    }
    checkWindow(node, path, t, add)

    switch (t) {
      case 'all':
      case 'any':
      case 'atLeast': {
        const children = node.children
        if (!Array.isArray(children)) {
          add(`${path}.children`, 'missing_field', `a ${t} node needs a "children" array`)
          return
        }
        if (children.length === 0) add(`${path}.children`, 'empty_children', `a ${t} node needs at least one child`)
        if (t === 'atLeast') {
          const n = node.n
          if (!Number.isInteger(n) || (n as number) < 1) {
            add(`${path}.n`, n === undefined ? 'missing_field' : 'invalid_value', 'atLeast needs a whole number n >= 1')
          } else if ((n as number) > children.length) {
            add(`${path}.n`, 'at_least_too_large', `atLeast n = ${n as number} but the node has only ${children.length} children`)
          }
        }
        children.forEach((child, i) => walk(child, `${path}.children[${i}]`, depth + 1))
        return
      }
      case 'badge':
        if (!isId(node.badgeClassId)) add(`${path}.badgeClassId`, 'missing_field', 'a badge leaf needs a badgeClassId')
        else if (lookups.badgeClassExists && !lookups.badgeClassExists(node.badgeClassId)) {
          add(`${path}.badgeClassId`, 'unknown_badge_class', `no badge class "${node.badgeClassId}" in this city`)
        }
        return
      case 'skill':
        if (!isId(node.element)) add(`${path}.element`, 'missing_field', 'a skill leaf needs an element code')
        else if (lookups.elementExists && !lookups.elementExists(node.element)) {
          add(`${path}.element`, 'unknown_element', `no spine element "${node.element}" in this city`)
        }
        if (node.minLevel !== undefined && !isLevel(node.minLevel)) add(`${path}.minLevel`, 'invalid_value', 'minLevel must be a spine level')
        if (node.dimension !== undefined && !isDimension(node.dimension)) add(`${path}.dimension`, 'invalid_value', 'dimension must be a spine dimension')
        if (node.count !== undefined && !isCount(node.count)) add(`${path}.count`, 'invalid_value', `count must be a whole number from 1 to ${TREE_LIMITS.maxCount}`)
        return
      case 'theme':
        if (!isId(node.theme)) add(`${path}.theme`, 'missing_field', 'a theme leaf needs a theme code')
        else if (lookups.themeExists && !lookups.themeExists(node.theme)) add(`${path}.theme`, 'unknown_theme', `no theme "${node.theme}" in this city`)
        if (node.count !== undefined && !isCount(node.count)) add(`${path}.count`, 'invalid_value', `count must be a whole number from 1 to ${TREE_LIMITS.maxCount}`)
        return
      case 'opportunity':
        if (node.kind !== undefined && !isId(node.kind)) add(`${path}.kind`, 'invalid_value', 'kind must be a non-empty string')
        if (!isCount(node.attended)) {
          add(`${path}.attended`, node.attended === undefined ? 'missing_field' : 'invalid_value',
            `an opportunity leaf needs attended: a whole number from 1 to ${TREE_LIMITS.maxCount}`)
        }
        return
      case 'pathway':
        if (!isId(node.pathwayId)) add(`${path}.pathwayId`, 'missing_field', 'a pathway leaf needs a pathwayId')
        else pathwayLeaves.push({ path: `${path}.pathwayId`, pathwayId: node.pathwayId })
        return
    }
  }

  walk(input, '$', 1)
  if (!tooMany) checkPathwayReferences(pathwayLeaves, lookups, add)
  return problems.length === 0 ? { ok: true, tree: input as RequirementNode } : { ok: false, problems }
}

function checkWindow(node: Record<string, unknown>, path: string, type: NodeType, add: (p: string, c: TreeProblemCode, m: string) => void): void {
  if (node.within !== undefined && parseDuration(node.within) === undefined) {
    add(`${path}.within`, 'invalid_duration', 'within must be a positive ISO 8601 duration of whole numbers, e.g. P24M or P1Y6M')
  }
  const after = node.after === undefined ? undefined : parseInstant(node.after)
  const before = node.before === undefined ? undefined : parseInstant(node.before)
  if (node.after !== undefined && after === undefined) add(`${path}.after`, 'invalid_date', 'after must be an ISO 8601 date, e.g. 2026-09-01')
  if (node.before !== undefined && before === undefined) add(`${path}.before`, 'invalid_date', 'before must be an ISO 8601 date, e.g. 2027-07-31')
  if (after !== undefined && before !== undefined && after >= before) add(`${path}.before`, 'empty_window', 'before must be later than after')
  if (node.ordered !== undefined) {
    if (typeof node.ordered !== 'boolean') add(`${path}.ordered`, 'invalid_value', 'ordered must be true or false')
    else if (node.ordered && !(COMPOSITE_TYPES as readonly string[]).includes(type)) {
      add(`${path}.ordered`, 'invalid_value', 'ordered applies to all, any and atLeast nodes only')
    }
  }
}

/**
 * Unknown pathways, and cycles through `pathway` leaves: this tree (as `selfId`) -> leaf -> that pathway's tree ->
 * ... back to a pathway already on the way. Each referenced pathway is expanded at most once.
 */
function checkPathwayReferences(
  leaves: { path: string; pathwayId: string }[],
  lookups: TreeLookups,
  add: (p: string, c: TreeProblemCode, m: string) => void,
): void {
  const resolve = lookups.pathwayTree
  const acyclic = new Set<string>()
  // Returns the chain of ids from `id` back to a pathway on `stack`, or undefined when no cycle is reachable.
  const findCycle = (id: string, stack: string[]): string[] | undefined => {
    if (stack.includes(id)) return [...stack.slice(stack.indexOf(id)), id]
    if (acyclic.has(id) || resolve === undefined) return undefined
    const tree = resolve(id)
    if (tree === undefined) return undefined
    stack.push(id)
    for (const next of pathwayIdsOf(tree)) {
      const cycle = findCycle(next, stack)
      if (cycle) return cycle
    }
    stack.pop()
    acyclic.add(id)
    return undefined
  }
  for (const leaf of leaves) {
    if (lookups.selfId !== undefined && leaf.pathwayId === lookups.selfId) {
      add(leaf.path, 'cycle', `a pathway cannot require itself ("${leaf.pathwayId}")`)
      continue
    }
    if (resolve === undefined) continue
    if (resolve(leaf.pathwayId) === undefined) {
      add(leaf.path, 'unknown_pathway', `no pathway "${leaf.pathwayId}" in this city`)
      continue
    }
    const stack = lookups.selfId === undefined ? [] : [lookups.selfId]
    const cycle = findCycle(leaf.pathwayId, stack)
    if (cycle) add(leaf.path, 'cycle', `pathway requirements form a cycle: ${cycle.join(' -> ')}`)
  }
}

/** The pathway ids named by `pathway` leaves of a (trusted) tree, bounded by the node limit. */
export function pathwayIdsOf(tree: RequirementNode): string[] {
  const out: string[] = []
  const stack: RequirementNode[] = [tree]
  for (let seen = 0; stack.length > 0 && seen < TREE_LIMITS.maxNodes * 4; seen++) {
    const node = stack.pop() as RequirementNode
    if (node.type === 'pathway') out.push(node.pathwayId)
    else if (isComposite(node) && Array.isArray(node.children)) stack.push(...node.children)
  }
  return out
}
