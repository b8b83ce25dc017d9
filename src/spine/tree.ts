import {
  ELEMENT_STATUSES,
  LIMITS,
  checkCode,
  checkText,
  isElementKind,
  isLayer,
  type ElementKind,
  type ElementMapping,
  type Problem,
  type SpineElement,
} from './model.js'

/**
 * Validates a whole element list as one forest: codes (format, uniqueness), parents (known, same layer, no
 * cycles, no active child under a retired parent), text limits and mappings. Collects every problem.
 * A parent must sit in the same layer so that each layer exports as a self-contained CASE framework.
 */
export function validateTree(elements: readonly SpineElement[]): Problem[] {
  const problems: Problem[] = []
  const byCode = new Map<string, SpineElement>()
  const indexOf = new Map<string, number>()

  elements.forEach((el, i) => {
    const at = `elements[${i}]`
    problems.push(...validateElementFields(el, at))
    if (byCode.has(el.code)) {
      problems.push({ path: `${at}.code`, code: 'duplicate_code', message: `code '${el.code}' is used more than once` })
    } else {
      byCode.set(el.code, el)
      indexOf.set(el.code, i)
    }
  })

  elements.forEach((el, i) => {
    if (el.parentCode === undefined) return
    const at = `elements[${i}].parentCode`
    const parent = byCode.get(el.parentCode)
    if (!parent) {
      problems.push({ path: at, code: 'unknown_parent', message: `parent '${el.parentCode}' of '${el.code}' does not exist` })
      return
    }
    if (parent.layer !== el.layer) {
      problems.push({ path: at, code: 'parent_other_layer', message: `'${el.code}' (${el.layer}) cannot sit under '${parent.code}' (${parent.layer})` })
    }
    if (el.status === 'active' && parent.status === 'retired') {
      problems.push({ path: at, code: 'active_under_retired', message: `active '${el.code}' cannot sit under retired '${parent.code}'` })
    }
  })

  for (const cycle of findCycles(byCode)) {
    const first = Math.min(...cycle.map((c) => indexOf.get(c) ?? 0))
    problems.push({ path: `elements[${first}].parentCode`, code: 'cycle', message: `parent cycle: ${cycle.join(' -> ')} -> ${cycle[0]}` })
  }
  return problems
}

function validateElementFields(el: SpineElement, at: string): Problem[] {
  const found: (Problem | undefined)[] = [
    checkCode(`${at}.code`, el.code),
    el.parentCode === undefined ? undefined : checkCode(`${at}.parentCode`, el.parentCode),
    checkText(`${at}.title`, el.title, LIMITS.title, true),
    checkText(`${at}.description`, el.description, LIMITS.description, false),
  ]
  if (!isLayer(el.layer)) found.push({ path: `${at}.layer`, code: 'invalid_value', message: `unknown layer '${String(el.layer)}'` })
  if (!(ELEMENT_STATUSES as readonly string[]).includes(el.status)) {
    found.push({ path: `${at}.status`, code: 'invalid_value', message: `status must be active or retired` })
  }
  if (!Number.isSafeInteger(el.version) || el.version < 1) {
    found.push({ path: `${at}.version`, code: 'invalid_value', message: 'version must be an integer >= 1' })
  }
  if (el.kind !== undefined && !isElementKind(el.kind)) {
    found.push({ path: `${at}.kind`, code: 'invalid_value', message: `unknown kind '${String(el.kind)}'` })
  }
  if (el.mappings !== undefined) {
    if (!Array.isArray(el.mappings)) found.push({ path: `${at}.mappings`, code: 'invalid_value', message: 'mappings must be an array' })
    else el.mappings.forEach((m, j) => found.push(...validateMapping(m, `${at}.mappings[${j}]`)))
  }
  return found.filter((p): p is Problem => p !== undefined)
}

function validateMapping(m: ElementMapping, at: string): (Problem | undefined)[] {
  const out = [
    checkText(`${at}.framework`, m?.framework, LIMITS.mappingField, true),
    checkText(`${at}.code`, m?.code, LIMITS.mappingField, true),
  ]
  if (m?.url !== undefined && !isHttpUrl(m.url)) {
    out.push({ path: `${at}.url`, code: 'invalid_value', message: `url must be an absolute http(s) URL of at most ${LIMITS.url} characters` })
  }
  return out
}

/** True for an absolute http(s) URL within {@link LIMITS.url}. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > LIMITS.url) return false
  try {
    const u = new URL(value)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  } catch {
    return false
  }
}

// Walks parent pointers once per node (O(n)); each cycle is reported once, in parent order.
function findCycles(byCode: ReadonlyMap<string, SpineElement>): string[][] {
  const state = new Map<string, 1 | 2>()
  const cycles: string[][] = []
  for (const start of byCode.keys()) {
    const path: string[] = []
    let cur: string | undefined = start
    while (cur !== undefined && byCode.has(cur) && !state.has(cur)) {
      state.set(cur, 1)
      path.push(cur)
      cur = byCode.get(cur)?.parentCode
    }
    if (cur !== undefined && state.get(cur) === 1) cycles.push(path.slice(path.indexOf(cur)))
    for (const p of path) state.set(p, 2)
  }
  return cycles
}

/** Editable fields of an element; `null` clears an optional field. Codes and layers never change. */
export interface ElementPatch {
  title?: string
  description?: string | null
  kind?: ElementKind | null
  mappings?: ElementMapping[] | null
  parentCode?: string | null
  translations?: Record<string, Record<string, string>> | null
}

/** One requested change to a city's spine. */
export type ElementChange =
  | { op: 'create'; element: Omit<SpineElement, 'status' | 'version'> }
  | { op: 'update'; code: string; patch: ElementPatch }
  /** Retiring a parent with active children fails unless `cascade` retires the whole active subtree. */
  | { op: 'retire'; code: string; cascade?: boolean }
  | { op: 'delete'; code: string }

/** The result of planning: the whole next list plus the rows to write, or every problem. */
export type ChangePlan =
  | { ok: true; next: SpineElement[]; upserts: SpineElement[]; deletes: string[] }
  | { ok: false; problems: Problem[] }

/**
 * Plans one change against the current elements without mutating them.
 * Rules: an element used by a badge class (`inUse`) is retired, never deleted; deleting requires no children;
 * editing a used element bumps its version; a code is never reused, including codes in `historicCodes`
 * (codes deleted earlier, which the caller remembers); retiring a parent with active children is an error
 * unless `cascade: true`. The resulting tree must pass {@link validateTree}.
 */
export function planElementChange(
  existing: readonly SpineElement[],
  change: ElementChange,
  inUse: ReadonlySet<string>,
  historicCodes: ReadonlySet<string> = new Set(),
): ChangePlan {
  const fail = (path: string, code: Problem['code'], message: string): ChangePlan => ({ ok: false, problems: [{ path, code, message }] })
  const index = existing.findIndex((e) => e.code === (change.op === 'create' ? change.element.code : change.code))
  const current = existing[index]
  let next: SpineElement[]
  let upserts: SpineElement[] = []
  const deletes: string[] = []

  switch (change.op) {
    case 'create': {
      if (current || historicCodes.has(change.element.code)) {
        return fail('element.code', 'code_reused', `code '${change.element.code}' exists or existed before; codes are never reused`)
      }
      const created: SpineElement = { ...stripUndefined(change.element), status: 'active', version: 1 }
      next = [...existing, created]
      upserts = [created]
      break
    }
    case 'update': {
      if (!current) return fail('code', 'not_found', `element '${change.code}' does not exist`)
      const updated = applyPatch(current, change.patch)
      if (sameContent(current, updated)) return { ok: true, next: [...existing], upserts: [], deletes: [] }
      if (inUse.has(current.code)) updated.version = current.version + 1
      next = existing.map((e, i) => (i === index ? updated : e))
      upserts = [updated]
      break
    }
    case 'retire': {
      if (!current) return fail('code', 'not_found', `element '${change.code}' does not exist`)
      if (current.status === 'retired') return { ok: true, next: [...existing], upserts: [], deletes: [] }
      const subtree = activeSubtree(existing, current.code)
      if (subtree.length > 1 && change.cascade !== true) {
        return fail('code', 'active_children', `'${current.code}' has active children (${subtree.slice(1).join(', ')}); retire them first or cascade`)
      }
      const retiring = new Set(subtree)
      next = existing.map((e) => (retiring.has(e.code) ? { ...e, status: 'retired' as const } : e))
      upserts = next.filter((e) => retiring.has(e.code))
      break
    }
    case 'delete': {
      if (!current) return fail('code', 'not_found', `element '${change.code}' does not exist`)
      if (inUse.has(current.code)) return fail('code', 'in_use', `'${current.code}' is aligned to badge classes; retire it instead`)
      const children = existing.filter((e) => e.parentCode === current.code).map((e) => e.code)
      if (children.length > 0) return fail('code', 'has_children', `'${current.code}' has children (${children.join(', ')}); delete or move them first`)
      next = existing.filter((_, i) => i !== index)
      deletes.push(current.code)
      break
    }
  }
  const problems = validateTree(next)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, next, upserts, deletes }
}

/** Applies changes in order; stops at the first failing one (nothing is half-applied). */
export function planElementChanges(
  existing: readonly SpineElement[],
  changes: readonly ElementChange[],
  inUse: ReadonlySet<string>,
  historicCodes: ReadonlySet<string> = new Set(),
): ChangePlan {
  let next: SpineElement[] = [...existing]
  const written = new Map<string, SpineElement>()
  const deletes = new Set<string>()
  const seen = new Set(historicCodes)
  for (const [i, change] of changes.entries()) {
    const plan = planElementChange(next, change, inUse, seen)
    if (!plan.ok) return { ok: false, problems: plan.problems.map((p) => ({ ...p, path: `changes[${i}].${p.path}` })) }
    next = plan.next
    for (const u of plan.upserts) written.set(u.code, u)
    for (const d of plan.deletes) {
      written.delete(d)
      deletes.add(d)
      seen.add(d)
    }
  }
  return { ok: true, next, upserts: [...written.values()], deletes: [...deletes] }
}

function applyPatch(el: SpineElement, patch: ElementPatch): SpineElement {
  const out: SpineElement = { ...el }
  if (patch.title !== undefined) out.title = patch.title
  for (const key of ['description', 'kind', 'mappings', 'parentCode', 'translations'] as const) {
    const value = patch[key]
    if (value === null) delete out[key]
    else if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value
  }
  return out
}

function sameContent(a: SpineElement, b: SpineElement): boolean {
  const pick = (e: SpineElement) => JSON.stringify([e.title, e.description, e.kind, e.mappings, e.parentCode, e.translations])
  return pick(a) === pick(b)
}

function activeSubtree(elements: readonly SpineElement[], root: string): string[] {
  const children = new Map<string, string[]>()
  for (const e of elements) {
    if (e.parentCode === undefined || e.status !== 'active') continue
    const list = children.get(e.parentCode)
    if (list) list.push(e.code)
    else children.set(e.parentCode, [e.code])
  }
  const out: string[] = []
  const stack = [root]
  const seen = new Set<string>()
  while (stack.length > 0) {
    const code = stack.pop() as string
    if (seen.has(code)) continue
    seen.add(code)
    out.push(code)
    stack.push(...(children.get(code) ?? []))
  }
  return out
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
