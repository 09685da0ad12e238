import { describe, expect, it } from 'vitest'
import { ageBandOf, ageOn } from './age.js'

describe('ageOn', () => {
  it('counts full years, going up on the birthday itself', () => {
    expect(ageOn('1990-06-15', '2024-06-14')).toBe(33)
    expect(ageOn('1990-06-15', '2024-06-15')).toBe(34)
    expect(ageOn('1990-06-15', '2024-06-16')).toBe(34)
    expect(ageOn('1990-06-15', '1990-06-15')).toBe(0)
    expect(ageOn('1990-12-31', '1991-12-30')).toBe(0)
    expect(ageOn('1990-12-31', '1991-12-31')).toBe(1)
    expect(ageOn('1990-01-01', '2024-12-31')).toBe(34)
  })

  it('treats a 29 February birthday as reached on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0)
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1)
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22)
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23)
    expect(ageOn('2000-02-29', '2024-02-28')).toBe(23)
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24)
  })

  it('reads a Date as its calendar day in China (UTC+8)', () => {
    // 2024-06-14T16:00Z is already 15 June 00:00 in Chengdu.
    expect(ageOn('1990-06-15', new Date('2024-06-14T15:59:59Z'))).toBe(33)
    expect(ageOn('1990-06-15', new Date('2024-06-14T16:00:00Z'))).toBe(34)
    expect(ageOn('2000-02-29', new Date('2001-02-28T16:00:00Z'))).toBe(1)
  })

  it('rejects malformed or impossible dates and a day before birth', () => {
    expect(() => ageOn('1990-6-15', '2024-01-01')).toThrow(RangeError)
    expect(() => ageOn('2001-02-29', '2024-01-01')).toThrow(RangeError)
    expect(() => ageOn('1990-13-01', '2024-01-01')).toThrow(RangeError)
    expect(() => ageOn('1990-06-15', '2024-02-30')).toThrow(RangeError)
    expect(() => ageOn('1990-06-15', new Date(Number.NaN))).toThrow(RangeError)
    expect(() => ageOn('1990-06-15', '1990-06-14')).toThrow(RangeError)
  })
})

describe('ageBandOf', () => {
  it('maps ages to the three bands with inclusive edges', () => {
    expect(ageBandOf(13)).toBeNull()
    expect(ageBandOf(14)).toBe('youth')
    expect(ageBandOf(35)).toBe('youth')
    expect(ageBandOf(36)).toBe('middle_aged')
    expect(ageBandOf(59)).toBe('middle_aged')
    expect(ageBandOf(60)).toBe('elderly')
    expect(ageBandOf(104)).toBe('elderly')
  })

  it('floors fractions and returns null for nonsense', () => {
    expect(ageBandOf(35.9)).toBe('youth')
    expect(ageBandOf(13.99)).toBeNull()
    expect(ageBandOf(-1)).toBeNull()
    expect(ageBandOf(Number.NaN)).toBeNull()
    expect(ageBandOf(Infinity)).toBeNull()
  })

  it('composes with ageOn', () => {
    expect(ageBandOf(ageOn('1964-05-01', '2024-04-30'))).toBe('middle_aged')
    expect(ageBandOf(ageOn('1964-05-01', '2024-05-01'))).toBe('elderly')
  })
})
