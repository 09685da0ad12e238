import { describe, expect, it } from 'vitest'
import { STAR_THRESHOLDS_HOURS, starLevel } from './stars.js'

const h = (hours: number) => hours * 60

describe('starLevel', () => {
  it('starts at zero stars', () => {
    expect(starLevel(0)).toEqual({ level: 0, hoursToNext: 100 })
    expect(starLevel(30)).toEqual({ level: 0, hoursToNext: 99.5 })
  })

  it('reaches each star at exactly its threshold', () => {
    expect(starLevel(h(100) - 1).level).toBe(0)
    expect(starLevel(h(100))).toEqual({ level: 1, hoursToNext: 200 })
    expect(starLevel(h(299)).level).toBe(1)
    expect(starLevel(h(300))).toEqual({ level: 2, hoursToNext: 300 })
    expect(starLevel(h(600))).toEqual({ level: 3, hoursToNext: 400 })
    expect(starLevel(h(999))).toEqual({ level: 3, hoursToNext: 1 })
    expect(starLevel(h(1000))).toEqual({ level: 4, hoursToNext: 500 })
  })

  it('has nothing further after five stars', () => {
    expect(starLevel(h(1500))).toEqual({ level: 5, hoursToNext: null })
    expect(starLevel(h(10_000))).toEqual({ level: 5, hoursToNext: null })
  })

  it('takes custom thresholds', () => {
    expect(starLevel(h(25), [10, 20, 30, 40, 50])).toEqual({ level: 2, hoursToNext: 5 })
    expect(STAR_THRESHOLDS_HOURS).toEqual([100, 300, 600, 1000, 1500])
  })

  it('rejects bad input', () => {
    expect(() => starLevel(-1)).toThrow(RangeError)
    expect(() => starLevel(Number.NaN)).toThrow(RangeError)
    expect(() => starLevel(0, [10, 20, 30, 40])).toThrow(RangeError)
    expect(() => starLevel(0, [10, 20, 20, 40, 50])).toThrow(RangeError)
    expect(() => starLevel(0, [0, 20, 30, 40, 50])).toThrow(RangeError)
  })
})
