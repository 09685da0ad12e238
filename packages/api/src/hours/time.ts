import { chinaDateOf } from '@chayi/domain'

// Calendar arithmetic in China Standard Time for the hours ledger: service dates, the months of
// the chart and of pledges (`YYYY-MM`).

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** `YYYY-MM-DD` of an instant, China time. */
export function chinaDay(instant: Date | string): string {
  const d = chinaDateOf(typeof instant === 'string' ? new Date(instant) : instant)
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`
}

/** `YYYY-MM` of an instant, China time. */
export function chinaMonth(instant: Date | string): string {
  return chinaDay(instant).slice(0, 7)
}

/** `YYYY-MM` shifted by whole months (negative = back). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + delta
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1))
}

/** Whole minutes between two ISO instants. */
export function minutesBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 60_000)
}
