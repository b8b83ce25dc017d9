/**
 * Bounds on the inline (embedded) JSON-LD contexts of an untrusted document, checked before any JSON-LD work.
 *
 * JSON-LD expansion processes a term's scoped context every time the term is used, and the processed active
 * context is copied each time: a 75 KB credential whose inline context defines 600 terms, each with its own scoped
 * context, costs seconds of CPU and hundreds of MB (issue #14 item 1). No real credential needs that: the bundled
 * contexts carry the vocabulary, and extensions add a handful of terms. So an inline context may define at most
 * {@link MAX_INLINE_TERMS} terms in all, at most {@link MAX_SCOPED_CONTEXTS} of them with a scoped context, nested
 * at most {@link MAX_SCOPED_DEPTH} deep. (Expansion of untrusted documents also runs in a worker with a time and
 * heap limit; these caps make the common attack cheap to refuse and keep the worker's bound for the rest.)
 */

/** Term definitions over every inline context of a document (node-level `@context`s included). */
export const MAX_INLINE_TERMS = 64
/** Term definitions (or node objects) that carry their own `@context`. */
export const MAX_SCOPED_CONTEXTS = 16
/** Nesting of a `@context` inside a term definition inside a `@context`… (1 = a scoped context, no deeper). */
export const MAX_SCOPED_DEPTH = 2

/** What {@link inlineContextProblem} reports. */
export interface ContextLimitProblem {
  code: 'context_too_complex'
  message: string
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * The first limit an untrusted JSON document exceeds with its inline `@context`s, or undefined. Iterative (no
 * recursion on attacker-controlled depth); string contexts (URLs, resolved by the offline loader) are not counted.
 */
export function inlineContextProblem(doc: unknown, limits = { terms: MAX_INLINE_TERMS, scoped: MAX_SCOPED_CONTEXTS, depth: MAX_SCOPED_DEPTH }): ContextLimitProblem | undefined {
  let terms = 0
  let scoped = 0
  const fail = (message: string): ContextLimitProblem => ({ code: 'context_too_complex', message })
  // [value, is a @context value?, scoped-context depth of that @context]
  const stack: Array<[unknown, boolean, number]> = [[doc, false, 0]]
  while (stack.length > 0) {
    const [value, isContext, depth] = stack.pop()!
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, isContext, depth])
      continue
    }
    if (!isObject(value)) continue
    if (!isContext) {
      // A node object (or any JSON object): its own @context starts a context at depth 0; a nested one deeper.
      for (const [key, v] of Object.entries(value)) stack.push([v, key === '@context', 0])
      continue
    }
    // A context definition: every non-keyword key is a term; a term definition's @context is a scoped context.
    for (const [key, definition] of Object.entries(value)) {
      if (key.startsWith('@')) continue
      if (++terms > limits.terms) return fail(`inline @context defines more than ${limits.terms} terms`)
      if (isObject(definition) && definition['@context'] !== undefined) {
        if (++scoped > limits.scoped) return fail(`inline @context has more than ${limits.scoped} scoped contexts`)
        if (depth + 1 > limits.depth) return fail(`scoped @context nested deeper than ${limits.depth}`)
        stack.push([definition['@context'], true, depth + 1])
      }
    }
  }
  return undefined
}
