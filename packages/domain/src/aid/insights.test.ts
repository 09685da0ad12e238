import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LOCALES } from '../codes/define.js'
import { AidPartnerView, IncomeBand, IncomeBandList, incomeBand, incomeTrend, meanFen, medianFen, type TrendInput } from './index.js'

// The dashboard's arithmetic and the partners' bands.

const BAND_ORDER = ['below_dibao', 'below_line', 'near_line', 'above_line'] as const
const line = fc.integer({ min: 1, max: 5_000_000 }).chain((d) => fc.integer({ min: d, max: 10_000_000 }).map((m) => ({ dibaoFen: d, monitoringFen: m })))

describe('bands against the line', () => {
  it('are ordered by per-capita net: more income never moves a household to a lower band', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: -1_000_000, max: 20_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (l, pc, more) => {
        const a = BAND_ORDER.indexOf(incomeBand(pc, l) as (typeof BAND_ORDER)[number])
        const b = BAND_ORDER.indexOf(incomeBand(pc + more, l) as (typeof BAND_ORDER)[number])
        expect(a).toBeGreaterThanOrEqual(0)
        expect(b).toBeGreaterThanOrEqual(a)
      }),
    )
  })

  it('puts the boundaries where the words say', () => {
    const l = { dibaoFen: 500_000, monitoringFen: 700_000 }
    expect(incomeBand(499_999, l)).toBe('below_dibao')
    expect(incomeBand(500_000, l)).toBe('below_line')
    expect(incomeBand(699_999, l)).toBe('below_line')
    expect(incomeBand(700_000, l)).toBe('near_line')
    expect(incomeBand(769_999, l)).toBe('near_line')
    expect(incomeBand(770_000, l)).toBe('above_line')
    expect(incomeBand(null, l)).toBe('no_data')
    expect(incomeBand(900_000, null)).toBe('no_data')
  })

  it('has a label in every locale for every band', () => {
    for (const b of IncomeBand.options) for (const locale of LOCALES) expect(IncomeBandList.label(b, locale)).not.toBe('')
  })
})

describe('median and mean', () => {
  const values = fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 40 })

  it('lie between the smallest and largest value, in whole fen', () => {
    fc.assert(
      fc.property(values, (vs) => {
        for (const v of [medianFen(vs)!, meanFen(vs)!]) {
          expect(Number.isInteger(v)).toBe(true)
          expect(v).toBeGreaterThanOrEqual(Math.min(...vs))
          expect(v).toBeLessThanOrEqual(Math.max(...vs))
        }
      }),
    )
  })

  it('the median has at least half the values on each side, whatever the order', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const m = medianFen(vs)!
        expect(vs.filter((v) => v <= m).length * 2).toBeGreaterThanOrEqual(vs.length)
        expect(vs.filter((v) => v >= m).length * 2).toBeGreaterThanOrEqual(vs.length - 1)
        expect(medianFen([...vs].reverse())).toBe(m)
      }),
    )
  })

  it('are null for no values and exact for small cases', () => {
    expect(medianFen([])).toBeNull()
    expect(meanFen([])).toBeNull()
    expect(medianFen([3, 1, 2])).toBe(2)
    expect(medianFen([4, 1, 2, 3])).toBe(2)
    expect(meanFen([1, 2])).toBe(1)
  })
})

describe('income trend', () => {
  const year = fc.record({ year: fc.integer({ min: 2022, max: 2025 }), perCapitaFen: fc.integer({ min: 0, max: 2_000_000 }), dibaoFen: fc.constantFrom(null, 500_000), monitoringFen: fc.constantFrom(null, 700_000, 800_000) })

  it('counts every household-year once, below-line only against a known line', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(year, { selector: (y) => y.year, maxLength: 4 }), { maxLength: 12 }), (households) => {
        const trend = incomeTrend(households, new Map([[2024, { dibaoFen: 1, monitoringFen: 2 }]]))
        const all: TrendInput[] = households.flat()
        expect(trend.reduce((n, p) => n + p.households, 0)).toBe(all.length)
        expect(trend.map((p) => p.year)).toEqual([...new Set(all.map((y) => y.year))].sort())
        for (const p of trend) {
          const ys = all.filter((y) => y.year === p.year)
          expect(p.belowLine).toBe(ys.filter((y) => y.monitoringFen !== null && y.perCapitaFen < y.monitoringFen).length)
          expect(p.monitoringFen).toBe(p.year === 2024 ? 2 : null)
        }
      }),
    )
  })
})

describe('the partner view contract', () => {
  it('has no field that could carry a name, an ID number, health or money of a household', () => {
    const keys = Object.keys(AidPartnerView.shape.households.element.shape)
    for (const k of keys) expect(k).not.toMatch(/name|birth|health|disab|phone|bank|id(Number)?$|income|fen/i)
  })
})
