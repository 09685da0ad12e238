import { isCivilDate } from './dates.js'

function maskMiddle(chars: string[], keepStart: number, keepEnd: number): string {
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length)
  const hidden = chars.length - keepStart - keepEnd
  return chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('')
}

/**
 * Masks a resident ID number for display, keeping the first 3 and last 4 characters:
 * `510104199001011234` → `510***********1234`. The length is preserved; an input too short to
 * hide anything is masked completely. `keep` can be widened, e.g. `{ start: 6 }` shows the region.
 */
export function maskIdNumber(id: string, keep: { start?: number; end?: number } = {}): string {
  return maskMiddle(Array.from(id.trim()), keep.start ?? 3, keep.end ?? 4)
}

/** `13812345678` → `138****5678`; spaces are dropped first; a too-short input is masked completely. */
export function maskPhone(phone: string): string {
  return maskMiddle(Array.from(phone.replace(/\s+/g, '')), 3, 4)
}

/**
 * Keeps the first character of a name and stars the rest, one star per character:
 * `张三丰` → `张**`, `欧阳娜娜` → `欧***`, `John Smith` → `J*** *****` (spaces kept).
 * A one-character name becomes `*`.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return '*'.repeat(chars.length)
  return chars[0] + chars.slice(1).map((c) => (/\s/.test(c) ? c : '*')).join('')
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK[sum % 11] ?? ''
}

/**
 * An 18-character mainland resident ID number (居民身份证号码): 17 digits, a check character
 * (digit or X, either case) that matches ISO 7064 MOD 11-2, and a real birth date (YYYYMMDD at
 * positions 7–14, year 1900 or later). Pass `notAfter` ('YYYY-MM-DD', e.g. today) to also
 * reject a birth date in the future; the function itself never reads the clock.
 */
export function isValidChineseIdNumber(id: string, notAfter?: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || !isCivilDate(year, month, day)) return false
  if (notAfter !== undefined && `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` > notAfter) return false
  return idNumberCheckCharacter(id.slice(0, 17)) === id[17]?.toUpperCase()
}
