import { describe, expect, it } from 'vitest'
import { jsonLdBomb } from '../../../test/helpers/jsonld-bomb.js'
import { inlineContextProblem, MAX_INLINE_TERMS, MAX_SCOPED_CONTEXTS, MAX_SCOPED_DEPTH } from './context-limits.js'

const terms = (n: number, scoped = false): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, scoped ? { '@id': `https://e.org/${i}`, '@context': { x: 'https://e.org/x' } } : `https://e.org/${i}`]))

describe('inline @context limits (checked before any JSON-LD work)', () => {
  it('refuses the issue reproducer at 600 and 1,200 terms', () => {
    expect(inlineContextProblem(jsonLdBomb(600))?.code).toBe('context_too_complex')
    expect(inlineContextProblem(jsonLdBomb(1_200))?.code).toBe('context_too_complex')
  })

  it('leaves bundled-context credentials and small extensions alone', () => {
    expect(inlineContextProblem({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] })).toBeUndefined()
    expect(inlineContextProblem({ '@context': ['https://www.w3.org/ns/credentials/v2', terms(MAX_INLINE_TERMS)] })).toBeUndefined()
    expect(inlineContextProblem({ '@context': [terms(MAX_SCOPED_CONTEXTS, true)] })).toBeUndefined()
  })

  it('counts terms over every inline context, node-level ones included', () => {
    const half = Math.ceil((MAX_INLINE_TERMS + 1) / 2)
    expect(inlineContextProblem({ '@context': terms(half), credentialSubject: { '@context': terms(half) } })?.message).toMatch(/terms/)
  })

  it('caps the number of scoped contexts and their nesting', () => {
    expect(inlineContextProblem({ '@context': terms(MAX_SCOPED_CONTEXTS + 1, true) })?.message).toMatch(/scoped contexts/)
    let ctx: Record<string, unknown> = { leaf: 'https://e.org/leaf' }
    for (let d = 0; d <= MAX_SCOPED_DEPTH; d++) ctx = { [`d${d}`]: { '@id': `https://e.org/d${d}`, '@context': ctx } }
    expect(inlineContextProblem({ '@context': ctx })?.message).toMatch(/deeper/)
  })

  it('is iterative: a deeply nested document does not overflow the stack', () => {
    let v: unknown = {}
    for (let i = 0; i < 100_000; i++) v = { a: v }
    expect(inlineContextProblem(v)).toBeUndefined()
  })
})
