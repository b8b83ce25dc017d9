import { describe, expect, it } from 'vitest'
import { parseDuration, parseInstant, subtractDuration } from './duration.js'

describe('parseDuration', () => {
  it('reads months, years, weeks, days and time parts', () => {
    expect(parseDuration('P24M')).toMatchObject({ months: 24, years: 0 })
    expect(parseDuration('P1Y6M')).toMatchObject({ years: 1, months: 6 })
    expect(parseDuration('P6W')).toMatchObject({ weeks: 6 })
    expect(parseDuration('P1DT12H')).toMatchObject({ days: 1, hours: 12 })
  })
  it.each(['24M', 'P', 'PT', 'P1DT', 'P0D', 'P0Y0M', 'P1.5Y', 'P-1M', 'p24m', 'P24 M', 'P99999Y', '', 'P1M1Y'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
  it('refuses non-strings', () => {
    expect(parseDuration(24)).toBeUndefined()
    expect(parseDuration(null)).toBeUndefined()
  })
})

describe('subtractDuration', () => {
  const at = (s: string) => Date.parse(s)
  it('moves calendar months and clamps the day', () => {
    expect(new Date(subtractDuration(at('2026-03-31T10:00:00Z'), parseDuration('P1M')!)).toISOString()).toBe('2026-02-28T10:00:00.000Z')
    expect(new Date(subtractDuration(at('2026-11-30T00:00:00Z'), parseDuration('P24M')!)).toISOString()).toBe('2024-11-30T00:00:00.000Z')
    expect(new Date(subtractDuration(at('2024-02-29T00:00:00Z'), parseDuration('P1Y')!)).toISOString()).toBe('2023-02-28T00:00:00.000Z')
  })
  it('moves weeks, days and hours exactly', () => {
    expect(new Date(subtractDuration(at('2026-01-10T12:00:00Z'), parseDuration('P1W2DT3H')!)).toISOString()).toBe('2026-01-01T09:00:00.000Z')
  })
})

describe('parseInstant', () => {
  it('reads dates and date-times with an offset', () => {
    expect(parseInstant('2026-09-01')).toBe(Date.parse('2026-09-01T00:00:00Z'))
    expect(parseInstant('2026-09-01T10:00:00+01:00')).toBe(Date.parse('2026-09-01T09:00:00Z'))
  })
  it.each(['2026-02-30', '2026-13-01', '01/09/2026', '2026-09-01T10:00', 'tomorrow', ''])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeUndefined()
  })
})
