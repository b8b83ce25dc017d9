import { describe, expect, it } from 'vitest'
import { createBatcher } from './batcher.js'
import { dispatchEvent, type Processor } from './processors.js'
import type { DeliveredEvent } from './events.js'

describe('createBatcher', () => {
  it('hands the items added in one turn over together, and those added during a flush to the next flush', async () => {
    const flushes: number[][] = []
    let release: () => void = () => {}
    const add = createBatcher<number>(async (items) => {
      flushes.push(items)
      if (flushes.length === 1) await new Promise<void>((resolve) => { release = resolve })
    })
    const first = [1, 2, 3].map((n) => add(n))
    await new Promise((resolve) => setImmediate(resolve))
    // The first flush is running: these wait for it, then go together.
    const second = [4, 5].map((n) => add(n))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(flushes).toEqual([[1, 2, 3]])
    release()
    await Promise.all([...first, ...second])
    expect(flushes).toEqual([[1, 2, 3], [4, 5]])
  })

  it('fails every caller of a failed batch, and only them', async () => {
    const add = createBatcher<number>(async (items) => { if (items.includes(2)) throw new Error('boom') })
    const a = [1, 2].map((n) => add(n).then(() => 'ok', (e: Error) => e.message))
    expect(await Promise.all(a)).toEqual(['boom', 'boom'])
    expect(await add(3).then(() => 'ok')).toBe('ok')
  })

  it('keeps batches within maxItems', async () => {
    const sizes: number[] = []
    const add = createBatcher<number>(async (items) => { sizes.push(items.length) }, 2)
    await Promise.all([1, 2, 3, 4, 5].map((n) => add(n)))
    expect(sizes).toEqual([2, 2, 1])
  })
})

describe('dispatchEvent with batching', () => {
  const event = (n: number, type: DeliveredEvent['type'] = 'award.issued'): DeliveredEvent =>
    ({ outboxId: n, type, cityId: 'c', payload: { cityId: 'c', awardId: `a${n}`, organisationId: 'o', badgeClassId: 'b' } } as DeliveredEvent)

  it('coalesces the award events of concurrent jobs into one set-based call; other events go one by one', async () => {
    const single: string[] = []
    const many: string[][] = []
    const p: Processor = {
      name: 'probe',
      handles: ['award.issued', 'learner.created'],
      async process (e) { single.push(e.type) },
      many: { accepts: (e) => e.type === 'award.issued', async process (events) { many.push(events.map((e) => String(e.outboxId))) } },
    }
    const deps = { db: undefined as never, log: undefined as never }
    await Promise.all([...[1, 2, 3, 4].map((n) => dispatchEvent(event(n), deps, [p], { batch: true })), dispatchEvent(event(5, 'learner.created'), deps, [p], { batch: true })])
    expect(many).toEqual([['1', '2', '3', '4']])
    expect(single).toEqual(['learner.created'])
    // Without batching (the embedded in-process sink), each event is processed on its own.
    await dispatchEvent(event(6), deps, [p])
    expect(single).toEqual(['learner.created', 'award.issued'])
  })
})
