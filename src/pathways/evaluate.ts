/**
 * Evaluates a (validated) requirement tree against one learner's evidence. Pure and deterministic: `now`, the spine
 * hierarchy and badge families are passed in; the same input always gives the same output.
 *
 *   const result = evaluateTree(tree, { evidence, now, descendantsOf, familyOf })
 *   result.percent       0..100, 100 exactly when result.satisfied
 *   result.root          per-node { path, satisfied, have, need, progress, contributing, missing, metAt, children }
 *   result.next          the missing leaves ranked: next best steps first
 *
 * Counting rules:
 * - Evidence is what the learner holds now: awards and imports (valid ones only: the caller leaves out revoked,
 *   expired, declined or erased awards), attendances and completed pathways.
 * - A leaf counts distinct pieces of evidence: an award counts at most once per leaf (an award aligned to two
 *   descendants of a skill leaf's element is one award), an opportunity at most once however many sessions were
 *   attended. The same award may count towards several leaves.
 * - A leaf uses its earliest eligible evidence (date, then id), so `metAt` is the moment it was first met.
 * - Time windows: a node's window is its own `within`/`after`/`before` intersected with its ancestors' windows.
 * - `ordered: true`: children are taken in order; child k only sees evidence dated at or after the moment the
 *   last met earlier child was met. An unmet child does not move that moment.
 *
 * Progress (the overall percent) is "satisfied leaf weight / needed leaf weight", where a leaf weighs what it
 * needs (a skill leaf with count 3 weighs 3). For alternatives the best alternative counts:
 * - leaf:    have / need
 * - all:     sum(child progress x child weight) / sum(child weight)
 * - any:     the best child's progress
 * - atLeast: the mean progress of its n best children
 * Each child's progress only grows as evidence is added (outside `ordered` and time windows), so the percent never
 * drops when an award is added. `percent` is floored, and is 100 exactly when the root is satisfied.
 */
import { LEVELS, type Dimension, type Level, type SpineSelection } from '../spine/model.js'
import { parseDuration, parseInstant, subtractDuration } from './duration.js'
import { compositeNeed, isComposite, leafNeed, type CompositeNode, type LeafNode, type RequirementNode } from './tree.js'

/** An award or an imported badge the learner holds. */
export interface AwardEvidence {
  id: string
  /** The badge class family (every version of a badge class shares it). */
  badgeFamilyId: string
  /** ISO 8601 issue date (or `issuedAt`). */
  issuedOn?: string
  /** The issue date as epoch ms, when the caller has it as a number: used instead of parsing `issuedOn`. */
  issuedAt?: number
  /** What the badge class claims on the spine, when aligned. */
  spine?: SpineSelection
  themes?: readonly string[]
}

/** A recorded attendance at an opportunity (one per session attended is fine: opportunities count once). */
export interface AttendanceEvidence {
  id: string
  opportunityId: string
  kind?: string
  /** ISO 8601. */
  attendedOn: string
}

/** A pathway the learner has completed. */
export interface CompletedPathwayEvidence {
  pathwayId: string
  /** ISO 8601. */
  completedOn: string
  /** The completion badge award, when there is one: reported as the contributing id. */
  awardId?: string
}

export interface LearnerEvidence {
  awards: readonly AwardEvidence[]
  attendances?: readonly AttendanceEvidence[]
  completedPathways?: readonly CompletedPathwayEvidence[]
}

/** A learner's evidence with its dates parsed and sorted once ({@link prepareEvidence}), for several trees. */
export interface PreparedEvidence {
  readonly prepared: true
  readonly awards: ReadonlyArray<Dated<AwardEvidence>>
  readonly attendances: ReadonlyArray<Dated<AttendanceEvidence>>
  readonly completions: ReadonlyArray<Dated<CompletedPathwayEvidence>>
}
interface Dated<T> { e: T; at: number }

export interface EvaluationContext {
  /** The evidence, or the same prepared once when one learner is evaluated against several trees. */
  evidence: LearnerEvidence | PreparedEvidence
  /** The evaluation instant (epoch ms or ISO string); `within` windows end here. */
  now: number | string
  /** The codes of an element's descendants (the element itself is added). Unknown code: empty. */
  descendantsOf: (code: string) => Iterable<string>
  /** The family of a badge class id named by a badge leaf; defaults to the id itself. */
  familyOf?: (badgeClassId: string) => string
}

/** A leaf that is not met yet. */
export interface MissingStep {
  path: string
  leaf: LeafNode
  have: number
  need: number
  /** True when an `ordered` ancestor needs an earlier sibling met first. */
  blocked: boolean
}

export interface NodeResult {
  /** JSON path of the node in the tree (`$`, `$.children[0]`, ...). */
  path: string
  type: RequirementNode['type']
  satisfied: boolean
  /** Leaf: distinct pieces of evidence counted (at most `need`). Composite: children met. */
  have: number
  /** Leaf: evidence needed. Composite: children needed. */
  need: number
  /** Leaf weight needed beneath this node (the best alternatives'). */
  weight: number
  /** 0..1, see the module comment. */
  progress: number
  /** Evidence ids counted (awards, attendances, completion awards or `pathway:<id>`), sorted. */
  contributing: string[]
  /** Unmet leaves beneath this node that count towards it (the best alternatives'). */
  missing: MissingStep[]
  /** Epoch ms at which the node was first met, when satisfied. */
  metAt?: number
  children?: NodeResult[]
}

export interface Evaluation {
  satisfied: boolean
  /** Whole percent, floored; 100 exactly when satisfied. */
  percent: number
  root: NodeResult
  /** Next best steps: unmet leaves, unblocked first, then fewest pieces still needed, then tree order. */
  next: MissingStep[]
}

interface Window { from: number; to: number }

/** A piece of evidence; items sharing a `group` count once per leaf (the sessions of one opportunity). */
interface Item { id: string; at: number; group?: string }

const LEVEL_RANK = new Map<Level, number>(LEVELS.map((l, i) => [l.value, i]))

// Memos of pure lookups, so that evaluating many learners against the same trees (a rebuild: 300,000 evaluations)
// does not redo them for each: the descendant sets of each `descendantsOf` (the caller's spine lookup, the same for
// the same code), and each node's parsed window bounds (its `within`, `after` and `before` never change).
const DESCENDANTS = new WeakMap<EvaluationContext['descendantsOf'], Map<string, ReadonlySet<string>>>()
const BOUNDS = new WeakMap<RequirementNode, { within?: ReturnType<typeof parseDuration>; after?: number; before?: number }>()

/** Evaluates `tree` for one learner. The tree must have passed {@link validateRequirementTree}. */
export function evaluateTree(tree: RequirementNode, ctx: EvaluationContext): Evaluation {
  const now = typeof ctx.now === 'number' ? ctx.now : Date.parse(ctx.now)
  if (!Number.isFinite(now)) throw new TypeError('evaluateTree: now must be a valid instant')
  const familyOf = ctx.familyOf ?? ((id: string) => id)
  let descendants = DESCENDANTS.get(ctx.descendantsOf)
  if (descendants === undefined) {
    descendants = new Map()
    DESCENDANTS.set(ctx.descendantsOf, descendants)
  }
  const within = (code: string): ReadonlySet<string> => {
    let set = descendants.get(code)
    if (set === undefined) {
      set = new Set([code, ...ctx.descendantsOf(code)])
      descendants!.set(code, set)
    }
    return set
  }
  const { awards, attendances, completions } = 'prepared' in ctx.evidence ? ctx.evidence : prepareEvidence(ctx.evidence)

  const eligible = (leaf: LeafNode): Item[] => {
    switch (leaf.type) {
      case 'badge': {
        const family = familyOf(leaf.badgeClassId)
        return awards.filter(({ e }) => e.badgeFamilyId === family).map(({ e, at }) => ({ id: e.id, at }))
      }
      case 'skill': {
        const codes = within(leaf.element)
        const min = leaf.minLevel === undefined ? -1 : (LEVEL_RANK.get(leaf.minLevel) ?? 0)
        return awards
          .filter(({ e }) => e.spine !== undefined && matchesSkill(e.spine, codes, min, leaf.dimension))
          .map(({ e, at }) => ({ id: e.id, at }))
      }
      case 'theme':
        return awards.filter(({ e }) => e.themes?.includes(leaf.theme) === true).map(({ e, at }) => ({ id: e.id, at }))
      case 'opportunity':
        // Every attendance is eligible; the leaf counts an opportunity once, by its earliest attendance inside the
        // window (deduplicating before the window would let an older session hide a newer one).
        return attendances
          .filter(({ e }) => leaf.kind === undefined || e.kind === leaf.kind)
          .map(({ e, at }) => ({ id: e.id, at, group: `opportunity:${e.opportunityId}` }))
      case 'pathway':
        return completions
          .filter(({ e }) => e.pathwayId === leaf.pathwayId)
          .map(({ e, at }) => ({ id: e.awardId ?? `pathway:${e.pathwayId}`, at, group: `pathway:${e.pathwayId}` }))
    }
  }

  const evalNode = (node: RequirementNode, path: string, outer: Window, blocked: boolean): NodeResult => {
    const w = narrow(outer, node, now)
    if (!isComposite(node)) return evalLeaf(node, path, w, blocked, eligible(node))
    return evalComposite(node, path, w, blocked)
  }

  const evalComposite = (node: CompositeNode, path: string, w: Window, blocked: boolean): NodeResult => {
    const children: NodeResult[] = []
    let from = w.from
    let blockedFromHere = blocked
    node.children.forEach((child, i) => {
      const r = evalNode(child, `${path}.children[${i}]`, { from, to: w.to }, blockedFromHere)
      children.push(r)
      if (node.ordered === true) {
        if (r.satisfied && r.metAt !== undefined) from = Math.max(from, r.metAt)
        else blockedFromHere = true
      }
    })
    const need = compositeNeed(node)
    const met = children.filter((c) => c.satisfied)
    // The children that count: all of them, or the n best (met first, then most progress, least weight, order).
    const ranked = node.type === 'all' ? children : [...children].sort(byBest)
    const counted = ranked.slice(0, need)
    const satisfied = met.length >= need && need > 0
    let progress: number
    let weight: number
    if (node.type === 'all') {
      weight = sum(children.map((c) => c.weight))
      progress = weight === 0 ? (satisfied ? 1 : 0) : sum(children.map((c) => c.progress * c.weight)) / weight
    } else {
      // Weight of the cheapest way through: the n lightest children.
      weight = sum(children.map((c) => c.weight).sort((a, b) => a - b).slice(0, need))
      progress = counted.length === 0 ? 0 : sum(counted.map((c) => c.progress)) / need
    }
    if (satisfied) progress = 1
    else progress = Math.min(progress, 1 - Number.EPSILON)
    const metTimes = met.map((c) => c.metAt ?? 0).sort((a, b) => a - b)
    return {
      path,
      type: node.type,
      satisfied,
      have: Math.min(met.length, need),
      need,
      weight,
      progress,
      contributing: sortedUnion(counted.map((c) => c.contributing)),
      missing: counted.flatMap((c) => (c.satisfied ? [] : c.missing)),
      ...(satisfied ? { metAt: node.type === 'all' || node.ordered === true ? maxOf(counted.map((c) => c.metAt ?? 0)) : metTimes[need - 1] } : {}),
      children,
    }
  }

  const root = evalNode(tree, '$', { from: -Infinity, to: Infinity }, false)
  const percent = root.satisfied ? 100 : Math.min(99, Math.floor(root.progress * 100))
  return { satisfied: root.satisfied, percent, root, next: rankSteps(root.missing) }
}

function evalLeaf(leaf: LeafNode, path: string, w: Window, blocked: boolean, all: Item[]): NodeResult {
  const need = leafNeed(leaf)
  // The first `need` items inside the window, each group once (items come sorted by date, then id).
  const used: Item[] = []
  let seen: Set<string> | undefined
  for (const it of all) {
    if (used.length >= need) break
    if (it.at < w.from || it.at >= w.to) continue
    if (it.group !== undefined) {
      seen ??= new Set()
      if (seen.has(it.group)) continue
      seen.add(it.group)
    }
    used.push(it)
  }
  const have = used.length
  const satisfied = have >= need
  return {
    path,
    type: leaf.type,
    satisfied,
    have,
    need,
    weight: need,
    progress: satisfied ? 1 : have / need,
    contributing: used.map((u) => u.id).sort(),
    missing: satisfied ? [] : [{ path, leaf, have, need, blocked }],
    ...(satisfied ? { metAt: (used[need - 1] as Item).at } : {}),
  }
}

function matchesSkill(s: SpineSelection, codes: ReadonlySet<string>, minRank: number, dimension: Dimension | undefined): boolean {
  if ((LEVEL_RANK.get(s.level) ?? -1) < minRank) return false
  if (dimension !== undefined && !s.dimensions.includes(dimension)) return false
  return s.elements.some((c) => codes.has(c))
}

/**
 * A learner's evidence prepared for {@link evaluateTree}: dates parsed once, undated evidence dropped, each list sorted
 * by (date, id). Evaluating one learner against several trees prepares it once instead of once a tree.
 */
export function prepareEvidence(evidence: LearnerEvidence): PreparedEvidence {
  return {
    prepared: true,
    awards: prepare(evidence.awards, (a) => a.issuedAt ?? a.issuedOn),
    attendances: prepare(evidence.attendances ?? [], (a) => a.attendedOn),
    completions: prepare(evidence.completedPathways ?? [], (c) => c.completedOn),
  }
}

/** Parses dates once, drops undated evidence, sorts by (date, id) so every choice is deterministic. */
function prepare<T extends { id?: string; pathwayId?: string }>(list: readonly T[], dateOf: (e: T) => string | number | undefined): Dated<T>[] {
  const out: Dated<T>[] = []
  for (const e of list) {
    const d = dateOf(e)
    const at = typeof d === 'number' ? d : d === undefined ? NaN : Date.parse(d)
    if (Number.isFinite(at)) out.push({ e, at })
  }
  const key = (e: T) => e.id ?? e.pathwayId ?? ''
  return out.sort((a, b) => a.at - b.at || (key(a.e) < key(b.e) ? -1 : key(a.e) > key(b.e) ? 1 : 0))
}

function narrow(outer: Window, node: RequirementNode, now: number): Window {
  if (node.within === undefined && node.after === undefined && node.before === undefined) return outer
  let bounds = BOUNDS.get(node)
  if (bounds === undefined) {
    bounds = {
      ...(node.within !== undefined ? { within: parseDuration(node.within) } : {}),
      ...(node.after !== undefined ? { after: parseInstant(node.after) } : {}),
      ...(node.before !== undefined ? { before: parseInstant(node.before) } : {}),
    }
    BOUNDS.set(node, bounds)
  }
  let { from, to } = outer
  const d = bounds.within
  if (d) {
    from = Math.max(from, subtractDuration(now, d))
    to = Math.min(to, now + 1) // `within` ends at now, inclusive
  }
  const { after, before } = bounds
  if (after !== undefined) from = Math.max(from, after)
  if (before !== undefined) to = Math.min(to, before)
  return { from, to }
}

function byBest(a: NodeResult, b: NodeResult): number {
  if (a.satisfied !== b.satisfied) return a.satisfied ? -1 : 1
  if (a.progress !== b.progress) return b.progress - a.progress
  if (a.weight !== b.weight) return a.weight - b.weight
  return 0 // stable sort keeps tree order
}

/** Next best steps: unblocked first, then fewest pieces still needed, then lightest, then tree order. */
export function rankSteps(missing: readonly MissingStep[]): MissingStep[] {
  return missing
    .map((m, i) => ({ m, i }))
    .sort((a, b) =>
      Number(a.m.blocked) - Number(b.m.blocked) ||
      (a.m.need - a.m.have) - (b.m.need - b.m.have) ||
      a.m.need - b.m.need ||
      a.i - b.i)
    .map(({ m }) => m)
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const maxOf = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity)
function sortedUnion(lists: string[][]): string[] {
  if (lists.length === 1) {
    // One child counted (any, atLeast 1): its list is usually sorted and distinct already.
    const only = lists[0]!
    let distinct = true
    for (let i = 1; i < only.length && distinct; i++) distinct = only[i - 1]! < only[i]!
    if (distinct) return only.slice()
  }
  return [...new Set(lists.flat())].sort()
}
