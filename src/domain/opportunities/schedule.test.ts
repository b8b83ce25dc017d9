import { describe, expect, it } from 'vitest'
import { InvalidInput } from '../shared/errors.js'
import { checkOrder, FeedError, mapSeries, parsePage } from './rpde.js'
import { checkSessions, expandSchedule, MAX_SESSIONS, parseNear } from './schedule.js'

const start = '2027-01-05T17:00:00Z'
const fails = (f: () => unknown, re: RegExp) => {
  try { f() } catch (err) {
    expect(err).toBeInstanceOf(InvalidInput)
    expect((err as Error).message).toMatch(re)
    return
  }
  throw new Error('did not fail')
}

describe('schedule expansion', () => {
  it('expands a weekly rule with a count, keeping the duration and capacity', () => {
    const s = expandSchedule({ rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4', start, durationMinutes: 45, capacity: 9 })
    expect(s.map((x) => x.start.toISOString())).toEqual(['2027-01-05T17:00:00.000Z', '2027-01-12T17:00:00.000Z', '2027-01-19T17:00:00.000Z', '2027-01-26T17:00:00.000Z'])
    expect(s.every((x) => x.end.getTime() - x.start.getTime() === 45 * 60_000 && x.capacity === 9)).toBe(true)
  })
  it('stops at `until` when the rule itself has no end', () => {
    expect(expandSchedule({ rrule: 'FREQ=DAILY', start, durationMinutes: 60, until: '2027-01-09T23:00:00Z' })).toHaveLength(5)
  })
  it('refuses rules that never end, run past a year or expand too far', () => {
    fails(() => expandSchedule({ rrule: 'FREQ=WEEKLY', start, durationMinutes: 60 }), /never ends/)
    fails(() => expandSchedule({ rrule: 'FREQ=DAILY;COUNT=368', start, durationMinutes: 60 }), /past a year/)
    fails(() => expandSchedule({ rrule: 'FREQ=DAILY;UNTIL=20290101T000000Z', start, durationMinutes: 60 }), /at most a year/)
    fails(() => expandSchedule({ rrule: 'FREQ=HOURLY;COUNT=1000', start, durationMinutes: 60 }), new RegExp(`more than ${MAX_SESSIONS}`))
    fails(() => expandSchedule({ rrule: 'FREQ=WEEKLY;COUNT=2\nDTSTART:19000101T000000Z', start, durationMinutes: 60 }), /one RRULE value/)
    fails(() => expandSchedule({ rrule: 'FREQ=WEEKLY;COUNT=2', start, durationMinutes: 0 }), /durationMinutes/)
  })
  it('checks given sessions', () => {
    fails(() => checkSessions([{ start, end: start }]), /end after it starts/)
    fails(() => checkSessions([{ start, end: '2027-01-05T18:00:00Z', capacity: -1 }]), /capacity/)
    fails(() => checkSessions([{ start: 'tomorrow', end: '2027-01-05T18:00:00Z' }]), /date-time/)
  })
  it('parses near', () => {
    expect(parseNear(' 51.4545 , -2.5879 ')).toEqual({ lat: 51.4545, lon: -2.5879 })
    for (const bad of ['91,0', '0,-180.5', 'a,b', '1;2', '1,2,3', 'NaN,1']) expect(() => parseNear(bad), bad).toThrow(InvalidInput)
  })
})

describe('RPDE pages', () => {
  const item = (modified: number | string, id: string) => ({ id, modified: String(modified), kind: 'SessionSeries', state: 'updated' as const, data: {} })
  it('accepts strictly increasing (modified, id), numerically when numeric', () => {
    expect(() => checkOrder([item(9, 'a'), item(10, 'a'), item(10, 'b')], { modified: '8', id: 'z' }, 'p')).not.toThrow()
    expect(() => checkOrder([item(10, 'b'), item(10, 'a')], undefined, 'p')).toThrow(FeedError)
    expect(() => checkOrder([item(7, 'a')], { modified: '8', id: 'a' }, 'p')).toThrow(/backwards/)
    expect(() => checkOrder([item(8, 'a')], { modified: '8', id: 'a' }, 'p')).toThrow(/backwards/)
  })
  it('refuses what is not an RPDE page', () => {
    expect(() => parsePage(Buffer.from('[]'), 'https://x/')).toThrow(/not an RPDE page/)
    expect(() => parsePage(Buffer.from('{"items":[{"id":"1","modified":1,"kind":"X","state":"gone"}],"next":"/n"}'), 'https://x/')).toThrow(/state/)
    expect(parsePage(Buffer.from('{"items":[],"next":"/n?a=1"}'), 'https://x/feed').next).toBe('https://x/n?a=1')
  })
  it('maps a SessionSeries, dropping what it cannot trust', () => {
    const s = mapSeries({ name: ' Swim ', location: { geo: { latitude: 95, longitude: 0 } }, ageRange: { minValue: 20, maxValue: 10 }, 'beta:themes': ['ok', 'Not OK'], url: 'javascript:alert(1)', offers: [{ price: '4.00', priceCurrency: 'GBP' }] })!
    expect(s).toMatchObject({ title: 'Swim', lat: null, lon: null, ageMin: null, ageMax: null, themes: ['ok'], bookingUrl: null, free: false, amount: 4, currency: 'GBP' })
    expect(mapSeries({ description: 'no name' })).toBeNull()
  })
})
