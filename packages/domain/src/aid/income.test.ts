import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addComponents,
  IncomeComponents,
  NewAidIncome,
  NewAidLine,
  netIncomeFen,
  perCapitaFen,
  resolveLine,
  summariseIncomeYears,
  type IncomeRecordLike,
  type LineLike,
} from './income.js'

// The income arithmetic of the aid tracker (issue 7, must-show): per-capita net, superseding
// records, partner credits and their reversals, and which line a household is measured against.

const fen = fc.integer({ min: 0, max: 10_000_000_000 })
const components = fc.record({ wagesFen: fen, businessFen: fen, propertyFen: fen, transfersFen: fen, costsFen: fen })
const members = fc.integer({ min: 1, max: 30 })
const negate = (c: IncomeComponents): IncomeComponents => ({ wagesFen: -c.wagesFen, businessFen: -c.businessFen, propertyFen: -c.propertyFen, transfersFen: -c.transfersFen, costsFen: -c.costsFen })

let seq = 0
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString()
function record(over: Partial<IncomeRecordLike> & { components?: IncomeComponents }): IncomeRecordLike {
  seq++
  const { components: c, ...rest } = over
  return { id: `r${String(seq).padStart(6, '0')}`, year: 2025, asOf: '2025-12-01', source: 'annual', memberCount: 3, createdAt: at(seq), ...(c ?? { wagesFen: 0, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }), ...rest }
}

describe('per-capita net income', () => {
  it('net is the four sources less production costs', () => {
    fc.assert(
      fc.property(components, (c) => {
        expect(netIncomeFen(c)).toBe(c.wagesFen + c.businessFen + c.propertyFen + c.transfersFen - c.costsFen)
      }),
    )
  })

  it('per capita times members never exceeds net and falls short by less than one member’s fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000_000_000, max: 50_000_000_000 }), members, (net, m) => {
        const pc = perCapitaFen(net, m)
        expect(Number.isInteger(pc)).toBe(true)
        expect(pc * m).toBeLessThanOrEqual(net)
        expect(net).toBeLessThan((pc + 1) * m)
      }),
    )
  })

  it('refuses a household of no one and a fractional net', () => {
    expect(() => perCapitaFen(100, 0)).toThrow(RangeError)
    expect(() => perCapitaFen(100.5, 2)).toThrow(RangeError)
  })

  it('validates recorded figures: no negative fen, no absurd sums, a year in range', () => {
    const ok = { year: 2025, asOf: '2025-12-01', wagesFen: 1, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }
    expect(NewAidIncome.safeParse(ok).success).toBe(true)
    expect(NewAidIncome.safeParse({ ...ok, wagesFen: -1 }).success).toBe(false)
    expect(NewAidIncome.safeParse({ ...ok, costsFen: 1.5 }).success).toBe(false)
    expect(NewAidIncome.safeParse({ ...ok, businessFen: 10_000_000_001 }).success).toBe(false)
    expect(NewAidIncome.safeParse({ ...ok, year: 2012 }).success).toBe(false)
    expect(NewAidIncome.safeParse({ ...ok, memberCount: 0 }).success).toBe(false)
    expect(NewAidLine.safeParse({ year: 2025, dibaoFen: 500_000, monitoringFen: 499_999 }).success).toBe(false)
    expect(NewAidLine.parse({ year: 2025, dibaoFen: 500_000, monitoringFen: 500_000 }).placeId).toBeNull()
  })
})

describe('a household’s years', () => {
  const noLine = () => null

  it('a year is its base record plus its credits, net and per capita recomputed from the sum', () => {
    fc.assert(
      fc.property(components, fc.array(components, { maxLength: 4 }), members, (base, credits, m) => {
        const rows = [record({ components: base, memberCount: m }), ...credits.map((c) => record({ components: c, source: 'partner_credit' }))]
        const [y] = summariseIncomeYears(rows, noLine, 9)
        const sum = credits.reduce(addComponents, base)
        expect(y).toMatchObject({ ...sum, memberCount: m, netFen: netIncomeFen(sum), perCapitaFen: perCapitaFen(netIncomeFen(sum), m), baseIncomeId: rows[0]!.id })
        expect(y!.creditedFen).toBe(netIncomeFen(credits.reduce(addComponents, { wagesFen: 0, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 })))
      }),
    )
  })

  it('a credit and its reversal leave the year as it was', () => {
    fc.assert(
      fc.property(components, fc.array(components, { maxLength: 3 }), components, members, (base, credits, extra, m) => {
        const rows = [record({ components: base, memberCount: m }), ...credits.map((c) => record({ components: c, source: 'partner_credit' }))]
        const before = summariseIncomeYears(rows, noLine, m)
        const credit = record({ components: extra, source: 'partner_credit' })
        const reversal = record({ components: negate(extra), source: 'partner_credit' })
        expect(summariseIncomeYears([...rows, credit, reversal], noLine, m)).toEqual(before)
        expect(summariseIncomeYears([reversal, ...rows, credit], noLine, m)).toEqual(before)
      }),
    )
  })

  it('the latest base record of a year wins, whatever order the rows come in', () => {
    const base = fc.record({ components, asOf: fc.integer({ min: 1, max: 28 }).map((d) => `2025-06-${String(d).padStart(2, '0')}`), source: fc.constantFrom('annual' as const, 'visit' as const), memberCount: members })
    fc.assert(
      fc.property(fc.array(base, { minLength: 1, maxLength: 6 }), fc.array(components, { maxLength: 2 }), fc.integer(), (bases, credits, shuffleSeed) => {
        const rows = [...bases.map((b) => record(b)), ...credits.map((c) => record({ components: c, source: 'partner_credit' }))]
        const winner = [...rows].filter((r) => r.source !== 'partner_credit').sort((a, b) => (a.asOf === b.asOf ? a.createdAt.localeCompare(b.createdAt) : a.asOf.localeCompare(b.asOf))).at(-1)!
        const shuffled = shuffle(rows, shuffleSeed)
        const [y] = summariseIncomeYears(shuffled, noLine, 1)
        expect(y!.baseIncomeId).toBe(winner.id)
        expect(y!.memberCount).toBe(winner.memberCount)
        expect(summariseIncomeYears(shuffled, noLine, 1)).toEqual(summariseIncomeYears(rows, noLine, 1))
      }),
    )
  })

  it('a year of credits only counts the current members; years come oldest first with their lines', () => {
    const rows = [
      record({ year: 2026, source: 'partner_credit', components: { wagesFen: 300_000, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 } }),
      record({ year: 2024, memberCount: 4, components: { wagesFen: 2_000_000, businessFen: 1_000_000, propertyFen: 0, transfersFen: 400_000, costsFen: 300_000 } }),
    ]
    const years = summariseIncomeYears(rows, (y) => (y === 2024 ? { dibaoFen: 450_000, monitoringFen: 700_000 } : null), 4)
    expect(years.map((y) => y.year)).toEqual([2024, 2026])
    expect(years[0]).toMatchObject({ netFen: 3_100_000, perCapitaFen: 775_000, dibaoFen: 450_000, monitoringFen: 700_000, aboveLine: true, creditedFen: 0 })
    expect(years[1]).toMatchObject({ baseIncomeId: null, memberCount: 4, netFen: 300_000, perCapitaFen: 75_000, creditedFen: 300_000, dibaoFen: null, aboveLine: null })
  })

  it('above the line means per capita at least the monitoring line', () => {
    fc.assert(
      fc.property(components, members, fc.integer({ min: 1, max: 100_000_000 }), (c, m, line) => {
        const [y] = summariseIncomeYears([record({ components: c, memberCount: m })], () => ({ dibaoFen: 1, monitoringFen: line }), m)
        expect(y!.aboveLine).toBe(y!.perCapitaFen >= line)
      }),
    )
  })
})

describe('which line applies', () => {
  const path = ['village', 'township', 'county']
  const place = fc.constantFrom<string | null>(null, 'village', 'township', 'county', 'elsewhere')
  const line = fc.record({ year: fc.integer({ min: 2023, max: 2025 }), placeId: place, dibaoFen: fc.integer({ min: 1, max: 1_000_000 }), monitoringFen: fc.integer({ min: 1, max: 2_000_000 }), createdAt: fc.integer({ min: 0, max: 50 }).map(at) })

  it('picks the nearest place up the path with a line for the year, the latest at that place, else team-wide', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.integer({ min: 2023, max: 2025 }), fc.integer(), (raw, year, shuffleSeed) => {
        const lines: LineLike[] = raw.map((l, i) => ({ ...l, id: `l${String(i).padStart(3, '0')}` }))
        const got = resolveLine(shuffle(lines, shuffleSeed), path, year)
        const of = (p: string | null) => lines.filter((l) => l.year === year && l.placeId === p)
        const nearest = [...path, null].find((p) => of(p).length > 0)
        const latest = nearest === undefined ? null : of(nearest).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).at(-1)
        expect(got).toBe(latest)
      }),
    )
  })

  it('a village override beats the team-wide line; a neighbouring village’s does not apply', () => {
    const lines: LineLike[] = [
      { id: 'a', year: 2025, placeId: null, dibaoFen: 500_000, monitoringFen: 750_000, createdAt: at(1) },
      { id: 'b', year: 2025, placeId: 'village', dibaoFen: 520_000, monitoringFen: 780_000, createdAt: at(2) },
      { id: 'c', year: 2025, placeId: 'other-village', dibaoFen: 1, monitoringFen: 1, createdAt: at(3) },
      { id: 'd', year: 2024, placeId: 'village', dibaoFen: 480_000, monitoringFen: 720_000, createdAt: at(4) },
    ]
    expect(resolveLine(lines, path, 2025)?.id).toBe('b')
    expect(resolveLine(lines, ['village2', 'township', 'county'], 2025)?.id).toBe('a')
    expect(resolveLine(lines, path, 2024)?.id).toBe('d')
    expect(resolveLine(lines, path, 2023)).toBeNull()
  })
})

/** A deterministic shuffle (Fisher–Yates on a small LCG) so a failing case replays from its seed. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs]
  let s = seed >>> 0
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
