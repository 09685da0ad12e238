// Pure rules of the `reports` context: months and quarters in China time, and the small-count
// suppression of public disclosures (no I/O; the API and the console share them).

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const QUARTER = /^(\d{4})Q([1-4])$/

export const REPORT_MONTH_PATTERN = MONTH
export const QUARTER_PATTERN = QUARTER

/** Counts from 1 up to this number are withheld from anything published. */
export const SUPPRESS_BELOW = 5

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** `YYYY-MM` shifted by whole months (negative = back). */
export function shiftMonth(month: string, delta: number): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  const i = y * 12 + (m - 1) + delta
  return `${pad(Math.floor(i / 12), 4)}-${pad((i % 12) + 1)}`
}

/** Every month from `from` to `to`, both included, oldest first (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to && out.length < 1200; m = shiftMonth(m, 1)) out.push(m)
  return out
}

/** The three months of a quarter such as `2026Q3`. */
export function quarterMonths(quarter: string): [string, string, string] {
  const q = QUARTER.exec(quarter)
  if (!q) throw new RangeError(`not a quarter: "${quarter}"`)
  const first = `${q[1]}-${pad((Number(q[2]) - 1) * 3 + 1)}`
  return [first, shiftMonth(first, 1), shiftMonth(first, 2)]
}

/** The quarter a `YYYY-MM` month falls in. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`
}

/** The quarter before. */
export function previousQuarter(quarter: string): string {
  return quarterOf(shiftMonth(quarterMonths(quarter)[0], -1))
}

/**
 * A published count: the number, or withheld — `small` when it is itself from 1 to 4 (shown "<5");
 * without it, withheld only so that a small one cannot be worked out, or a value (money, minutes)
 * beside a withheld count (shown "*": it may be any size).
 */
export type Cell = number | { suppressed: true; small?: true }

export const isSuppressed = (c: Cell): c is { suppressed: true; small?: true } => typeof c === 'object'

const isSmall = (n: number) => n >= 1 && n < SUPPRESS_BELOW

/** Primary suppression of one count standing alone: 1–4 is withheld, 0 and 5+ are shown. */
export function suppressCount(n: number): Cell {
  return isSmall(n) ? { suppressed: true, small: true } : n
}

export interface SuppressedTable {
  cells: Cell[]
  total: Cell
  /** Which cells (and whether the total) were withheld: another table of the same rows can copy it. */
  mask: { cells: boolean[]; total: boolean }
}

/**
 * Suppresses a table of additive counts published with its total (the sum of the cells).
 * Primary: every count from 1 to 4 (cells and total). Secondary: a published total with exactly one
 * withheld cell would give that cell away by subtraction, so the smallest other non-zero cell is
 * withheld too; when there is none, the total is withheld instead.
 */
export function suppressTable(values: readonly number[]): SuppressedTable {
  const total = values.reduce((s, v) => s + v, 0)
  const cells = values.map((v) => v >= 1 && v < SUPPRESS_BELOW)
  let totalHidden = total >= 1 && total < SUPPRESS_BELOW
  // With the total published, the withheld cells' sum S is known. Each withheld cell is at least
  // 1, so with k of them each lies in [1, S − k + 1]: one alone (k = 1) or all ones (S = k) would
  // give the value away. Withhold the smallest non-zero cell left until neither holds.
  while (!totalHidden) {
    const k = cells.filter(Boolean).length
    const s = values.reduce((a, v, i) => a + (cells[i] ? v : 0), 0)
    if (k === 0 || (k >= 2 && s > k)) break
    let pick = -1
    values.forEach((v, i) => {
      if (!cells[i] && v > 0 && (pick < 0 || v < values[pick]!)) pick = i
    })
    if (pick >= 0) cells[pick] = true
    else totalHidden = true
  }
  // The counts withheld for being small say so; those withheld to protect them do not.
  const t = applyMask(values, { cells, total: totalHidden })
  return {
    ...t,
    cells: t.cells.map((c, i) => (isSuppressed(c) && isSmall(values[i]!) ? { suppressed: true, small: true } : c)),
    total: isSuppressed(t.total) && isSmall(total) ? { suppressed: true, small: true } : t.total,
  }
}

/** Publishes `values` with another table's mask (e.g. value in fen withheld wherever units were); never marked small. */
export function applyMask(values: readonly number[], mask: { cells: readonly boolean[]; total: boolean }): SuppressedTable {
  const total = values.reduce((s, v) => s + v, 0)
  const hide = { suppressed: true } as const
  return {
    cells: values.map((v, i) => (mask.cells[i] ? { ...hide } : v)),
    total: mask.total ? { ...hide } : total,
    mask: { cells: [...mask.cells], total: mask.total },
  }
}
