import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInput } from '../shared/errors.js'
import { expandSchedule } from './schedule.js'

// Issue #9: an RRULE with a TZID keeps its local time across daylight-saving changes.

const london = (d: Date): string => d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

describe('schedules with a time zone', () => {
  it('weekly at 18:00 in Europe/London stays 18:00 local across the change to summer time and back', () => {
    const spring = expandSchedule({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', start: '2027-03-16T18:00:00Z', durationMinutes: 60, tzid: 'Europe/London' })
    expect(spring.map((s) => s.start.toISOString())).toEqual(['2027-03-16T18:00:00.000Z', '2027-03-23T18:00:00.000Z', '2027-03-30T17:00:00.000Z', '2027-04-06T17:00:00.000Z'])
    expect(spring.every((s) => s.end.getTime() - s.start.getTime() === 3_600_000)).toBe(true)
    const autumn = expandSchedule({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', start: '2027-10-19T17:00:00Z', durationMinutes: 60, tzid: 'Europe/London' })
    expect(autumn.map((s) => s.start.toISOString())).toEqual(['2027-10-19T17:00:00.000Z', '2027-10-26T17:00:00.000Z', '2027-11-02T18:00:00.000Z'])
    expect(autumn.map((s) => london(s.start))).toEqual(['18:00', '18:00', '18:00'])
    // Without a TZID the rule runs on UTC, as before.
    const utc = expandSchedule({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', start: '2027-03-16T18:00:00Z', durationMinutes: 60 })
    expect(utc.map((s) => s.start.toISOString().slice(11, 16))).toEqual(['18:00', '18:00', '18:00', '18:00'])
  })

  it('every session of a daily rule keeps the local time of the start, whatever the start (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2029, 0, 1) }), fc.integer({ min: 8, max: 21 }), fc.constantFrom('Europe/London', 'Europe/Berlin', 'America/New_York'),
      (day, hour, tzid) => {
        const startDay = new Date(day)
        // 'hour' o'clock local on that day: found through the expansion of a one-session rule.
        const guess = new Date(Date.UTC(startDay.getUTCFullYear(), startDay.getUTCMonth(), startDay.getUTCDate(), hour))
        const sessions = expandSchedule({ rrule: 'FREQ=DAILY;INTERVAL=9;COUNT=40', start: guess.toISOString(), durationMinutes: 30, tzid })
        const local = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: tzid, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        const first = local(sessions[0]!.start)
        for (const s of sessions) expect(local(s.start)).toBe(first)
        expect(sessions[0]!.start.toISOString()).toBe(guess.toISOString())
      },
    ), { numRuns: 25 })
  })

  it('an unknown time zone is refused naming schedule/tzid', () => {
    try {
      expandSchedule({ rrule: 'FREQ=WEEKLY;COUNT=2', start: '2027-03-16T18:00:00Z', durationMinutes: 60, tzid: 'Mars/Olympus' })
      throw new Error('did not fail')
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInput)
      expect((err as InvalidInput).fields?.[0]?.field).toBe('schedule/tzid')
    }
  })
})
