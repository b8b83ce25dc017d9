import { describe, expect, it } from 'vitest'
import { recentRows } from './recent-rows.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('recentRows', () => {
  it('answers a young copy without reading, reads again in the background at half age, and on demand once expired', async () => {
    let value = 'v1'
    let reads = 0
    const rows = recentRows(async () => { reads++; return value }, { maxAgeMs: 200 })
    expect(await rows.get('k')).toBe('v1')
    value = 'v2'
    expect(await rows.get('k')).toBe('v1') // young: the copy, no read
    expect(reads).toBe(1)
    await sleep(120)
    expect(await rows.get('k')).toBe('v1') // half age: still the copy, a read starts in the background
    await sleep(10)
    expect(reads).toBe(2)
    expect(await rows.get('k')).toBe('v2')
    value = 'v3'
    await sleep(220)
    expect(await rows.get('k')).toBe('v3') // expired: read on demand
  })

  it('forget drops a copy at once, and a read begun before it does not bring the old row back', async () => {
    let value = 'old'
    let release: () => void = () => {}
    const rows = recentRows(async () => { const v = value; await new Promise<void>((r) => { release = r }); return v }, { maxAgeMs: 10_000 })
    const first = rows.get('k')
    value = 'new'
    rows.forget('k')
    release()
    expect(await first).toBe('old') // the reader that asked before gets what it read
    const second = rows.get('k')
    release()
    expect(await second).toBe('new') // but it was not kept
  })

  it('keeps no missing row, and forgets by predicate', async () => {
    const table = new Map([['a', { id: 1 }], ['b', { id: 2 }]])
    let reads = 0
    const rows = recentRows(async (k) => { reads++; return table.get(k) }, { maxAgeMs: 10_000 })
    expect(await rows.get('x')).toBeUndefined()
    expect(await rows.get('x')).toBeUndefined()
    expect(reads).toBe(2)
    await rows.get('a'); await rows.get('b')
    rows.forget((v) => v.id === 1)
    await rows.get('a'); await rows.get('b')
    expect(reads).toBe(5) // a read again, b still kept
  })
})
