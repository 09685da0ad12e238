/**
 * Receipt codes (捐赠凭证码) printed on every donation receipt, e.g. `7K3QF-2M9XAD`.
 *
 * - 10 data characters of Crockford base32 (`0-9A-Z` without I, L, O, U) carry the first 50 bits
 *   of caller-supplied random bytes (the domain package never touches a crypto API).
 * - 1 check character from the same alphabet, so a code never contains punctuation that is hard to
 *   type on a phone. The check is a weighted sum over the finite field GF(32) (polynomial
 *   x⁵ + x² + 1): check = Σ αⁱ⁺¹·vᵢ over the data characters, i.e. all 11 characters with weights
 *   α⁰ (check) and α¹…α¹⁰ (data) sum to zero. All weights are distinct and non-zero, so it catches
 *   every single-character change and every swap of two different characters, check included.
 *   (We chose this over Crockford's mod-37 symbol, whose extra symbols `*~$=U` are awkward on a
 *   receipt, and over a plain mod-32 sum, which misses some transpositions.)
 * - Canonical form is `XXXXX-XXXXXX` (5, hyphen, 5 + check). `normalizeReceiptCode` returns that
 *   form for anything a person may type, so store and look codes up in it.
 */

export const RECEIPT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const DATA_LENGTH = 10
const CODE_LENGTH = DATA_LENGTH + 1

// exp/log tables of GF(32) with the primitive polynomial x^5 + x^2 + 1 (0b100101).
const EXP: number[] = []
const LOG: number[] = new Array<number>(32).fill(0)
for (let i = 0, x = 1; i < 31; i++) {
  EXP.push(x)
  LOG[x] = i
  x <<= 1
  if (x & 32) x ^= 0b100101
}

function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0
  return EXP[((LOG[a] ?? 0) + (LOG[b] ?? 0)) % 31] ?? 0
}

function symbolValue(ch: string): number {
  return RECEIPT_CODE_ALPHABET.indexOf(ch)
}

/** The check character for 10 data characters (already normalised). */
function checkCharacter(data: string): string {
  let sum = 0
  for (let i = 0; i < DATA_LENGTH; i++) sum ^= gfMul(EXP[i + 1] ?? 0, symbolValue(data[i] ?? ''))
  return RECEIPT_CODE_ALPHABET[sum] ?? ''
}

function format(compact: string): string {
  return `${compact.slice(0, 5)}-${compact.slice(5)}`
}

/**
 * A new receipt code from random bytes (at least 8; the first 50 bits are used).
 * Callers pass e.g. `crypto.getRandomValues(new Uint8Array(8))`.
 */
export function makeReceiptCode(random: Uint8Array): string {
  if (random.length < 8) throw new RangeError('makeReceiptCode needs at least 8 random bytes')
  let data = ''
  let buffer = 0
  let bits = 0
  let i = 0
  while (data.length < DATA_LENGTH) {
    if (bits < 5) {
      buffer = ((buffer << 8) | (random[i++] ?? 0)) & 0xfff
      bits += 8
    }
    bits -= 5
    data += RECEIPT_CODE_ALPHABET[(buffer >> bits) & 31]
  }
  return format(data + checkCharacter(data))
}

/**
 * Tidies what a person typed or scanned: upper-cases, drops spaces and hyphens, reads O as 0 and
 * I or L as 1. An 11-character result is returned in the canonical `XXXXX-XXXXXX` form; anything
 * else is returned compact (and will not validate).
 */
export function normalizeReceiptCode(input: string): string {
  const compact = input
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—－]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return compact.length === CODE_LENGTH ? format(compact) : compact
}

/** True when the input, once normalised, is a well-formed code with a correct check character. */
export function isValidReceiptCode(input: string): boolean {
  const compact = normalizeReceiptCode(input).replace('-', '')
  if (compact.length !== CODE_LENGTH) return false
  for (const ch of compact) if (symbolValue(ch) < 0) return false
  return checkCharacter(compact.slice(0, DATA_LENGTH)) === compact[DATA_LENGTH]
}
