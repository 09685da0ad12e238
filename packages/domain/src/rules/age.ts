import { AgeBandList } from '../codes/people.js'
import type { AgeBand } from '../codes/schemas.js'
import { chinaDateOf, compareCivil, parseIsoDate } from './dates.js'

/**
 * Age in full years (周岁) on a day. `on` is a `YYYY-MM-DD` date or an instant, which is read as
 * its calendar day in China Standard Time (UTC+8) so the answer never depends on the host's zone.
 * The age goes up on the birthday itself. Someone born on 29 February turns a year older on
 * 1 March in common years (28 February is still before the birthday).
 * Throws RangeError for a malformed date or when `on` is before the birth date.
 */
export function ageOn(birthDate: string, on: Date | string): number {
  const birth = parseIsoDate(birthDate)
  const day = typeof on === 'string' ? parseIsoDate(on) : chinaDateOf(on)
  if (compareCivil(day, birth) < 0) throw new RangeError(`${birthDate} is after the day asked about`)
  let age = day.year - birth.year
  if (day.month < birth.month || (day.month === birth.month && day.day < birth.day)) age--
  return age
}

/**
 * The volunteer age band for an age in full years (fractions are floored), or null under 14
 * (and for a negative or non-finite age).
 */
export function ageBandOf(age: number): AgeBand | null {
  if (!Number.isFinite(age)) return null
  const years = Math.floor(age)
  for (const band of AgeBandList.entries) {
    if (years >= band.minAge && (band.maxAge === null || years <= band.maxAge)) return band.code
  }
  return null
}
