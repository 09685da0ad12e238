import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyMask, isSuppressed, suppressCount, suppressTable, SUPPRESS_BELOW } from '@chayi/domain'

// The suppression of published counts, as a property: whatever the counts, nothing from 1 to 4 is
// shown, what is shown is true, and no withheld cell can be worked out from a published total.
// The reader is assumed to know the rule (so that a withheld cell is at least 1).

const counts = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 12 })

describe('suppressTable', () => {
  it('never shows a count from 1 to 4, shows the rest truly, and leaves no withheld cell recoverable', () => {
    fc.assert(
      fc.property(counts, (values) => {
        const t = suppressTable(values)
        const total = values.reduce((s, v) => s + v, 0)
        t.cells.forEach((c, i) => {
          if (isSuppressed(c)) {
            expect(values[i]).toBeGreaterThan(0)
            // "<5" exactly when the withheld count is from 1 to 4; "*" says nothing of its size.
            expect(c.small === true).toBe(values[i]! < SUPPRESS_BELOW)
          } else {
            expect(c).toBe(values[i])
            expect(c === 0 || c >= SUPPRESS_BELOW).toBe(true)
          }
        })
        if (!isSuppressed(t.total)) {
          // Totals consistent: the published total is the sum of every cell, withheld ones included.
          expect(t.total).toBe(total)
          expect(total === 0 || total >= SUPPRESS_BELOW).toBe(true)
          const hidden = values.filter((_, i) => isSuppressed(t.cells[i]!))
          const k = hidden.length
          const sum = total - t.cells.reduce<number>((s, c) => s + (isSuppressed(c) ? 0 : c), 0)
          expect(sum).toBe(hidden.reduce((s, v) => s + v, 0))
          // Each withheld cell lies in [1, sum − (k − 1)]: more than one value unless k = 1 or all are 1.
          if (k > 0) expect(sum - (k - 1)).toBeGreaterThan(1)
        } else {
          expect(total).toBeGreaterThan(0)
          expect(t.total.small === true).toBe(total < SUPPRESS_BELOW)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('withholds the next-smallest cell, or the total when there is none', () => {
    // The 3 is small ("<5"); the 8 is withheld only to protect it ("*": no `small`).
    expect(suppressTable([10, 8, 3, 0])).toEqual(expect.objectContaining({ cells: [10, { suppressed: true }, { suppressed: true, small: true }, 0], total: 21 }))
    expect(suppressTable([4, 0, 0])).toEqual(expect.objectContaining({ cells: [{ suppressed: true, small: true }, 0, 0], total: { suppressed: true, small: true } }))
    // Two ones would be given away by their sum (2 = 1 + 1): the 9 goes with them, marked "*".
    expect(suppressTable([1, 1, 9])).toEqual(expect.objectContaining({ cells: [{ suppressed: true, small: true }, { suppressed: true, small: true }, { suppressed: true }], total: 11 }))
    // Five ones with nothing else to withhold: the total (5) goes instead — not small, so "*".
    expect(suppressTable([1, 1, 1, 1, 1]).total).toEqual({ suppressed: true })
    expect(suppressTable([0, 5, 7])).toMatchObject({ cells: [0, 5, 7], total: 12 })
    expect(suppressTable([])).toMatchObject({ cells: [], total: 0 })
  })

  it('copies a mask to a table of the same rows', () => {
    const units = suppressTable([10, 3, 8])
    // Values beside withheld counts may be any size: never marked small.
    expect(applyMask([100, 30, 80], units.mask)).toEqual(expect.objectContaining({ cells: [100, { suppressed: true }, { suppressed: true }], total: 210 }))
  })

  it('withholds a lone count from 1 to 4', () => {
    expect([0, 1, 4, 5, 100].map(suppressCount)).toEqual([0, { suppressed: true, small: true }, { suppressed: true, small: true }, 5, 100])
  })
})
