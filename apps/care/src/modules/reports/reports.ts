// What the report screens share: months and quarters in China time, hours and money as shown, and a
// published cell ("<5" when withheld). No strings of our own here (they live in index.ts).
import { formatFen, isSuppressed, previousQuarter, quarterOf, shiftMonth, type Cell } from '@chayi/domain'

/** `YYYY-MM` of an instant in China time, as the API counts months. */
export const chinaMonth = (instant: Date = new Date()) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)

/** The last `count` months, newest first (for the month pickers). */
export function recentMonths(now: Date, count = 36): string[] {
  const last = chinaMonth(now)
  return Array.from({ length: count }, (_, i) => shiftMonth(last, -i))
}

/** The quarters that have ended, newest first, then the current one (which cannot be published yet). */
export function recentQuarters(now: Date, count = 8): string[] {
  const current = quarterOf(chinaMonth(now))
  const out = [current]
  for (let i = 1; i < count; i++) out.push(previousQuarter(out[i - 1]!))
  return out
}

export const toHours = (minutes: number) => Math.round((minutes / 60) * 10) / 10
export const oneDecimal = (v: number) => v.toFixed(1)
export const yuan = (fen: number, locale: 'zh-CN' | 'en') => formatFen(fen, locale)

/** A withheld count from 1 to 4. */
export const WITHHELD_SMALL = '<5'
/** Withheld so that a small count cannot be worked out (it may be any size). */
export const WITHHELD = '*'
/** A published figure, "<5" for a withheld small count, "*" for one withheld to protect it. */
export const showCell = (c: Cell, format: (n: number) => string = String) => (isSuppressed(c) ? (c.small ? WITHHELD_SMALL : WITHHELD) : format(c))
