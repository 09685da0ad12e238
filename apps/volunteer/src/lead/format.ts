import type { Activity } from '@chayi/domain'

// Display helpers of the leader screens. Times are shown in China time, as the team works in it,
// whatever zone the phone is set to.

const ZONE = 'Asia/Shanghai'

/** Minutes as h:mm (90 → "1:30", -45 → "-0:45"). */
export function hm(minutes: number): string {
  const sign = minutes < 0 ? '-' : ''
  const m = Math.abs(Math.round(minutes))
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`
}

/** "6月1日 周日 09:00" / "Sun, Jun 1, 09:00". */
export function when(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, { month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE })
}

/** The China-time day of an instant, short: "11月30日" / "Nov 30". */
export function shortDay(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: ZONE })
}

/** Only the time of day, 24 h. */
export function clock(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE })
}

/** A calendar day (YYYY-MM-DD, no zone) as the locale writes it. */
export function day(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** "6月1日 周日 09:00–11:30"; the end's date is repeated only when it is another day. */
export function span(a: Pick<Activity, 'startsAt' | 'endsAt'>, locale: string): string {
  const sameDay = chinaDay(a.startsAt) === chinaDay(a.endsAt)
  return `${when(a.startsAt, locale)}–${sameDay ? clock(a.endsAt, locale) : when(a.endsAt, locale)}`
}

/** The China-time calendar day of an instant. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Whole minutes an activity lasts (the cap of a 补录). */
export function lengthMinutes(a: Pick<Activity, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Math.floor((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000))
}

/** Attendance is taken from an hour before the start until the end (the server's rule). */
export function checkInOpen(a: Pick<Activity, 'startsAt' | 'endsAt'>, now = Date.now()): boolean {
  return now >= Date.parse(a.startsAt) - 60 * 60_000 && now < Date.parse(a.endsAt)
}

/** Whether an activity is over (its end has passed). */
export function ended(a: Pick<Activity, 'endsAt'>, now = Date.now()): boolean {
  return Date.parse(a.endsAt) <= now
}
