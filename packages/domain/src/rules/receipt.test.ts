import { describe, expect, it } from 'vitest'
import { RECEIPT_CODE_ALPHABET, isValidReceiptCode, makeReceiptCode, normalizeReceiptCode } from './receipt.js'

/** Deterministic bytes (a small LCG) so failures reproduce. */
function bytes(seed: number, n = 8): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed >>> 0
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    out[i] = x >>> 24
  }
  return out
}

const replaceAt = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1)

describe('makeReceiptCode', () => {
  it('encodes the first 50 bits as Crockford base32 plus a check character', () => {
    expect(makeReceiptCode(new Uint8Array(8))).toBe('00000-000000')
    expect(makeReceiptCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBe('04106-1050RH')
    expect(makeReceiptCode(new Uint8Array(8).fill(255))).toMatch(/^ZZZZZ-ZZZZZ.$/)
  })

  it('has the canonical XXXXX-XXXXXX shape without I, L, O or U', () => {
    expect(RECEIPT_CODE_ALPHABET).toHaveLength(32)
    expect(RECEIPT_CODE_ALPHABET).not.toMatch(/[ILOU]/)
    for (let s = 0; s < 200; s++) expect(makeReceiptCode(bytes(s))).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{6}$/)
  })

  it('uses the bytes it is given and needs at least 8', () => {
    expect(makeReceiptCode(bytes(1))).toBe(makeReceiptCode(bytes(1)))
    expect(makeReceiptCode(bytes(1))).not.toBe(makeReceiptCode(bytes(2)))
    expect(makeReceiptCode(bytes(1, 16))).toBe(makeReceiptCode(bytes(1, 8)))
    expect(() => makeReceiptCode(new Uint8Array(7))).toThrow(RangeError)
  })
})

describe('isValidReceiptCode', () => {
  const codes = Array.from({ length: 50 }, (_, s) => makeReceiptCode(bytes(s + 1000)))

  it('accepts every generated code', () => {
    for (const code of codes) expect(isValidReceiptCode(code)).toBe(true)
  })

  it('detects every single-character change, check character included', () => {
    for (const code of codes.slice(0, 10)) {
      const compact = code.replace('-', '')
      for (let i = 0; i < compact.length; i++) {
        for (const ch of RECEIPT_CODE_ALPHABET) {
          if (ch === compact[i]) continue
          expect(isValidReceiptCode(replaceAt(compact, i, ch)), `${compact} @${i}→${ch}`).toBe(false)
        }
      }
    }
  })

  it('detects every swap of two different characters', () => {
    for (const code of codes.slice(0, 10)) {
      const c = code.replace('-', '')
      for (let i = 0; i < c.length; i++) {
        for (let j = i + 1; j < c.length; j++) {
          if (c[i] === c[j]) continue
          const swapped = replaceAt(replaceAt(c, i, c[j] ?? ''), j, c[i] ?? '')
          expect(isValidReceiptCode(swapped), `${c} swap ${i},${j}`).toBe(false)
        }
      }
    }
  })

  it('rejects the wrong length and foreign characters', () => {
    const code = codes[0] ?? ''
    expect(isValidReceiptCode(code.slice(0, -1))).toBe(false)
    expect(isValidReceiptCode(`${code}0`)).toBe(false)
    expect(isValidReceiptCode('')).toBe(false)
    expect(isValidReceiptCode(replaceAt(code, 2, 'U'))).toBe(false)
    expect(isValidReceiptCode(replaceAt(code, 2, '*'))).toBe(false)
  })
})

describe('normalizeReceiptCode', () => {
  it('returns the canonical form, so a generated code is already normalised', () => {
    for (let s = 0; s < 20; s++) {
      const code = makeReceiptCode(bytes(s))
      expect(normalizeReceiptCode(code)).toBe(code)
    }
  })

  it('accepts lowercase, spaces, missing or extra hyphens', () => {
    const code = makeReceiptCode(bytes(7))
    const compact = code.replace('-', '')
    for (const typed of [code.toLowerCase(), compact, ` ${compact.slice(0, 3)} ${compact.slice(3, 7)} ${compact.slice(7)} `, compact.split('').join('-')]) {
      expect(normalizeReceiptCode(typed)).toBe(code)
      expect(isValidReceiptCode(typed)).toBe(true)
    }
  })

  it('reads O as 0 and I or L as 1', () => {
    expect(normalizeReceiptCode('oO0iI-lL1abc')).toBe('00011-111ABC')
    const code = makeReceiptCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])) // 04106-1050RH
    expect(isValidReceiptCode('o41o6-I05oRH')).toBe(true)
    expect(isValidReceiptCode('o4lo6 l o5o r h')).toBe(true)
    expect(normalizeReceiptCode('o4lo6 l o5o r h')).toBe(code)
  })

  it('leaves other lengths compact', () => {
    expect(normalizeReceiptCode('abc-de')).toBe('ABCDE')
  })
})
