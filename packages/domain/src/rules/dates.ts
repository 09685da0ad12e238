/** Calendar helpers shared by the rules; no clock, no time-zone database. */

export type CivilDate = { year: number; month: number; day: number }

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

export function isCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/** Parses a strict `YYYY-MM-DD` calendar date; throws RangeError for anything else. */
export function parseIsoDate(s: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: "${s}"`)
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isCivilDate(year, month, day)) throw new RangeError(`no such calendar date: "${s}"`)
  return { year, month, day }
}

/** The calendar day of an instant in China Standard Time (UTC+8), whatever the host's zone. */
export function chinaDateOf(instant: Date): CivilDate {
  const t = instant.getTime()
  if (!Number.isFinite(t)) throw new RangeError('invalid Date')
  const d = new Date(t + CHINA_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** Negative, zero or positive like a comparator. */
export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}
