import { describe, expect, it } from 'vitest'
import { idNumberCheckCharacter, isValidChineseIdNumber, maskIdNumber, maskName, maskPhone } from './privacy.js'

describe('masking', () => {
  it('maskIdNumber keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('510104199001011230')).toBe('510***********1230')
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskIdNumber('510104199001011230', { start: 6 })).toBe('510104********1230')
    expect(maskIdNumber('1234567')).toBe('*******')
    expect(maskIdNumber('')).toBe('')
  })

  it('maskPhone keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('138 1234 5678')).toBe('138****5678')
    expect(maskPhone('12345')).toBe('*****')
  })

  it('maskName keeps only the first character', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('李四')).toBe('李*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('𠮷野家')).toBe('𠮷**') // a character outside the BMP counts once
    expect(maskName('王')).toBe('*')
    expect(maskName('John Smith')).toBe('J*** *****')
    expect(maskName(' Ann ')).toBe('A**')
    expect(maskName('')).toBe('')
  })
})

describe('isValidChineseIdNumber', () => {
  it('accepts numbers with a correct check character', () => {
    expect(isValidChineseIdNumber('11010519491231002X')).toBe(true) // the GB 11643 example
    expect(isValidChineseIdNumber('11010519491231002x')).toBe(true)
    expect(isValidChineseIdNumber('510104199001011230')).toBe(true)
    expect(isValidChineseIdNumber('51010420000229002X')).toBe(true) // born on a leap day
  })

  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X')
    expect(idNumberCheckCharacter('51010419900101123')).toBe('0')
    expect(() => idNumberCheckCharacter('123')).toThrow(RangeError)
  })

  it('rejects a wrong check character and single-digit typos', () => {
    expect(isValidChineseIdNumber('110105194912310021')).toBe(false)
    expect(isValidChineseIdNumber('510104199001011231')).toBe(false)
    expect(isValidChineseIdNumber('510104199001011239')).toBe(false)
    expect(isValidChineseIdNumber('510104199001021230')).toBe(false)
  })

  it('rejects impossible birth dates even with a matching check character', () => {
    for (const first17 of ['51010420010229002', '51010419901301123', '51010419900132123', '51010418991231123']) {
      expect(isValidChineseIdNumber(first17 + idNumberCheckCharacter(first17)), first17).toBe(false)
    }
  })

  it('rejects a birth date after notAfter when given', () => {
    const future = '51010420990101123'
    const id = future + idNumberCheckCharacter(future)
    expect(isValidChineseIdNumber(id)).toBe(true)
    expect(isValidChineseIdNumber(id, '2025-01-01')).toBe(false)
    expect(isValidChineseIdNumber('510104199001011230', '2025-01-01')).toBe(true)
  })

  it('rejects the wrong shape', () => {
    for (const bad of ['', '51010419900101123', '5101041990010112300', '51010419900101123A', 'X10104199001011230', ' 510104199001011230', '51010419900101123X0']) {
      expect(isValidChineseIdNumber(bad), bad).toBe(false)
    }
  })
})
