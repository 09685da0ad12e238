import { ageBandOf, ageOn } from '../rules/age.js'
import type { AgeBand } from '../codes/schemas.js'

/** Youngest age (full years) at which a person may register (《志愿服务条例》: minors need a guardian). */
export const MIN_VOLUNTEER_AGE = 14
/** From this age on no guardian's consent is needed. */
export const ADULT_AGE = 18

export type AgeCheck =
  | { ok: true; age: number; ageBand: AgeBand | null }
  | { ok: false; code: 'too_young' | 'guardian_required' | 'birth_date_in_future'; path: string; message: string }

/**
 * Whether someone born on `birthDate` may register on `today` (a date or an instant, read in
 * China Standard Time by `ageOn`): under 14 never; 14–17 only with a guardian's consent.
 */
export function registrationAgeCheck(input: { birthDate: string; guardian?: unknown }, today: Date | string): AgeCheck {
  let age: number
  try {
    age = ageOn(input.birthDate, today)
  } catch {
    return { ok: false, code: 'birth_date_in_future', path: 'birthDate', message: 'The birth date is in the future.' }
  }
  if (age < MIN_VOLUNTEER_AGE) {
    return { ok: false, code: 'too_young', path: 'birthDate', message: `Volunteers must be at least ${MIN_VOLUNTEER_AGE} years old.` }
  }
  if (age < ADULT_AGE && !input.guardian) {
    return { ok: false, code: 'guardian_required', path: 'guardian', message: 'Volunteers aged 14–17 need a guardian’s name, phone and consent.' }
  }
  return { ok: true, age, ageBand: ageBandOf(age) }
}

/** `XINGFU-000042`: the team code in capitals and a six-digit, gap-free sequence number. */
export function formatVolunteerNumber(teamCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError(`volunteer number out of range: ${n}`)
  return `${teamCode.toUpperCase()}-${String(n).padStart(6, '0')}`
}
