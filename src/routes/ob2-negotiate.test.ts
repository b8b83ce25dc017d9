import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { negotiate, negotiateNow } from './ob2-public.routes.js'

describe('negotiate (memoised)', () => {
  it('answers what parsing the Accept value answers, the first time and every time after', () => {
    const range = fc.constantFrom('application/ld+json', 'application/json', 'text/html', 'text/*', 'application/*', '*/*', 'image/png', 'TEXT/HTML')
    const part = fc.tuple(range, fc.option(fc.constantFrom('0', '0.5', '1', '0.001', '1.0', '2', 'x'))).map(([r, q]) => q === null ? r : `${r};q=${q}`)
    const accept = fc.oneof(fc.array(part, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(', ')), fc.string({ maxLength: 300 }))
    fc.assert(fc.property(accept, fc.boolean(), (a, html) => {
      const expected = negotiateNow(a, html)
      expect(negotiate(a, html)).toBe(expected)
      expect(negotiate(a, html)).toBe(expected)
    }), { numRuns: 2000 })
  })

  it('keeps the answers for HTML and JSON-only callers apart', () => {
    expect(negotiate('text/html', true)).toBe('html')
    expect(negotiate('text/html', false)).toBe(null)
    expect(negotiate('text/html', true)).toBe('html')
    expect(negotiate(undefined, false)).toBe('ld')
    expect(negotiate('application/json, text/html;q=0.5', true)).toBe('json')
  })
})
