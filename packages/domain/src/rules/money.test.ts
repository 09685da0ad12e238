import { describe, expect, it } from 'vitest'
import { formatFen, yuanToFen } from './money.js'

describe('formatFen', () => {
  it('formats fen as yuan with two decimals and grouping', () => {
    expect(formatFen(50000, 'zh-CN')).toBe('¥500.00')
    expect(formatFen(50000, 'en')).toBe('¥500.00')
    expect(formatFen(0, 'zh-CN')).toBe('¥0.00')
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05')
    expect(formatFen(1999, 'zh-CN')).toBe('¥19.99')
    expect(formatFen(8_000_000, 'zh-CN')).toBe('¥80,000.00')
    expect(formatFen(60_000_000, 'en')).toBe('¥600,000.00')
    expect(formatFen(123_456_789_01, 'en')).toBe('¥123,456,789.01')
  })
  it('puts the sign before the yuan sign for reversals', () => {
    expect(formatFen(-500, 'zh-CN')).toBe('-¥5.00')
  })
  it('rejects fractions of a fen and unsafe numbers', () => {
    expect(() => formatFen(1.5, 'zh-CN')).toThrow(RangeError)
    expect(() => formatFen(Number.NaN, 'zh-CN')).toThrow(RangeError)
    expect(() => formatFen(2 ** 53, 'zh-CN')).toThrow(RangeError)
  })
})

describe('yuanToFen', () => {
  it('converts without floating-point error', () => {
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
    expect(yuanToFen('1.15')).toBe(115) // 1.15 * 100 is 114.99999999999999
    expect(yuanToFen('5')).toBe(500)
    expect(yuanToFen('5.0')).toBe(500)
    expect(yuanToFen('600000')).toBe(60_000_000)
    expect(yuanToFen(' 12.30 ')).toBe(1230)
    expect(yuanToFen('007.5')).toBe(750)
    expect(yuanToFen('0')).toBe(0)
  })
  it('accepts numbers through their shortest decimal form', () => {
    expect(yuanToFen(0.1)).toBe(10)
    expect(yuanToFen(19.99)).toBe(1999)
    expect(yuanToFen(0.29)).toBe(29)
    expect(yuanToFen(5)).toBe(500)
    expect(yuanToFen(0)).toBe(0)
  })
  it('rejects more than two decimals', () => {
    expect(() => yuanToFen('0.001')).toThrow(RangeError)
    expect(() => yuanToFen('19.999')).toThrow(RangeError)
    expect(() => yuanToFen('1.500')).toThrow(RangeError)
    expect(() => yuanToFen(1.005)).toThrow(RangeError)
  })
  it('rejects negatives', () => {
    expect(() => yuanToFen('-1')).toThrow(RangeError)
    expect(() => yuanToFen(' -0.5')).toThrow(RangeError)
    expect(() => yuanToFen(-1)).toThrow(RangeError)
    expect(() => yuanToFen(-0)).toThrow(RangeError)
  })
  it('rejects anything that is not a plain decimal amount', () => {
    for (const bad of ['', ' ', '.5', '5.', '1,000', '1e3', '+5', '¥5', 'abc', '1.2.3', '0x10']) {
      expect(() => yuanToFen(bad), bad).toThrow(RangeError)
    }
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError)
    expect(() => yuanToFen(Infinity)).toThrow(RangeError)
    expect(() => yuanToFen(1e21)).toThrow(RangeError)
    expect(() => yuanToFen('99999999999999999')).toThrow(RangeError)
  })
  it('round-trips with formatFen', () => {
    for (const s of ['0.01', '0.10', '5.00', '19.99', '80000.00']) {
      expect(formatFen(yuanToFen(s), 'en').replace(/[¥,]/g, '')).toBe(s)
    }
  })
})
