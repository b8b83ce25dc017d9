import { describe, expect, it } from 'vitest'
import { keptTickObject } from './tick-objects.js'

describe('tick-objects', () => {
  it('holds one of Node\'s tick objects: the queued callback and its async ids', () => {
    // If a Node upgrade stops reporting tick objects to async hooks, this fails: the benchmark's fast path is then
    // unprotected (see the module), and the way of holding one needs another look.
    const tick = keptTickObject() as { callback?: unknown, args?: unknown } | undefined
    expect(tick).toBeDefined()
    expect(typeof tick!.callback).toBe('function')
    expect(Object.getOwnPropertySymbols(tick).map(String)).toEqual(['Symbol(async_id_symbol)', 'Symbol(trigger_async_id_symbol)'])
  })
})
