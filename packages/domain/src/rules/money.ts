import type { Locale } from '../codes/define.js'

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Formats an integer amount of fen as yuan: 50000 → "¥500.00", 8000000 → "¥80,000.00",
 * -500 → "-¥5.00" (reversals). Both locales use the same form today (the yuan sign, comma
 * grouping, two decimals); `locale` is kept so callers need not change if that ever differs.
 * Integer arithmetic only, so no float rounding. Throws RangeError for a non-safe-integer.
 */
export function formatFen(amountFen: number, _locale: Locale): string {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`amount must be a whole number of fen, got ${amountFen}`)
  const abs = Math.abs(amountFen)
  const yuan = Math.floor(abs / 100)
  const fen = abs % 100
  const sign = amountFen < 0 ? '-' : ''
  return `${sign}¥${groupThousands(String(yuan))}.${String(fen).padStart(2, '0')}`
}

/**
 * Converts a yuan amount to integer fen without floating-point error: "0.1" → 10, "19.99" → 1999,
 * 5 → 500. Accepts plain decimal digits with at most two decimals (surrounding spaces allowed).
 * Throws RangeError for a negative amount, more than two decimals, anything that is not a plain
 * decimal number (signs, grouping commas, exponents, empty) or an amount beyond the safe range.
 * A number is read through its shortest decimal form (`String(0.1)` is "0.1"), so 1.005 is rejected.
 */
export function yuanToFen(yuan: string | number): number {
  let text: string
  if (typeof yuan === 'number') {
    if (!Number.isFinite(yuan)) throw new RangeError(`not a finite amount: ${yuan}`)
    if (yuan < 0 || Object.is(yuan, -0)) throw new RangeError(`amount must not be negative: ${yuan}`)
    text = String(yuan)
  } else {
    text = yuan.trim()
    if (text.startsWith('-')) throw new RangeError(`amount must not be negative: "${yuan}"`)
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) throw new RangeError(`not a yuan amount: "${String(yuan)}"`)
  const whole = m[1] ?? '0'
  const decimals = m[2] ?? ''
  if (decimals.length > 2) throw new RangeError(`more than two decimals (smaller than a fen): "${String(yuan)}"`)
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'))
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount too large: "${String(yuan)}"`)
  return fen
}
