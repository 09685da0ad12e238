import type { Activity } from '@chayi/domain'

// Display helpers of the volunteer screens. Times are shown in China time, as the team works in
// it, whatever zone the phone is set to; hours with one decimal, as on a certificate.

const ZONE = 'Asia/Shanghai'
const CHINA_MS = 8 * 3_600_000

/** The China-time calendar day (YYYY-MM-DD) of an instant. */
export function chinaDay(iso: string | number | Date = Date.now()): string {
  return new Date(new Date(iso).getTime() + CHINA_MS).toISOString().slice(0, 10)
}

/** "6月1日 周日" / "Sun, Jun 1". */
export function dayOf(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { month: 'short', day: 'numeric', weekday: 'short', timeZone: ZONE })
}

/** Only the time of day, 24 h. */
export function clock(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE })
}

/** "6月1日 周日 09:00". */
export function when(iso: string, locale: string): string {
  return `${dayOf(iso, locale)} ${clock(iso, locale)}`
}

/** "6月1日 周日 09:00–11:30"; the end's date is repeated only when it is another day. */
export function span(a: Pick<Activity, 'startsAt' | 'endsAt'>, locale: string): string {
  const sameDay = chinaDay(a.startsAt) === chinaDay(a.endsAt)
  return `${when(a.startsAt, locale)}–${sameDay ? clock(a.endsAt, locale) : when(a.endsAt, locale)}`
}

/** A calendar day (YYYY-MM-DD, no zone) as the locale writes it: "2025年6月1日" / "Jun 1, 2025". */
export function longDay(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
}

/** The China-time day of an instant, written out: "2025年6月1日". */
export function dateOf(iso: string, locale: string): string {
  return longDay(chinaDay(iso), locale)
}

/** Day and time of an instant: "6月1日 14:05". */
export function stamp(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE })
}

/** Minutes as hours with one decimal: 150 → "2.5", -90 → "-1.5". */
export function hours(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round(minutes / 6) / 10)
}

/** `YYYY-MM` as the locale writes a month: "6月" / "Jun"; with the year when asked. */
export function monthLabel(month: string, locale: string, withYear = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(locale, { month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' })
}

/** Whether check-in or check-out makes sense now: from 2 hours before the start to 2 hours after the end. */
export function nearNow(a: Pick<Activity, 'startsAt' | 'endsAt'>, now = Date.now()): boolean {
  return Date.parse(a.startsAt) - 2 * 3_600_000 <= now && now <= Date.parse(a.endsAt) + 2 * 3_600_000
}
