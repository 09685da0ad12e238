import { describe, expect, it } from 'vitest'
import { idNumberCheckCharacter } from '../rules/privacy.js'
import {
  BeneficiaryChange,
  BeneficiaryConsentInput,
  consentScopeOf,
  cupKindsOf,
  formatCareCardNumber,
  NewBeneficiary,
  parseCareCardCode,
  SENSITIVE_BENEFICIARY_FIELDS,
} from './index.js'

const id17 = '51010419480309001'
const idNumber = id17 + idNumberCheckCharacter(id17)
const base = { kinds: ['elderly'], name: '张桂兰', gender: 'female', birthDate: '1948-03-09', community: '幸福社区', livingSituation: 'alone' }

describe('care card numbers and codes', () => {
  it('formats the team code, GA and six digits, and refuses numbers out of range', () => {
    expect(formatCareCardNumber('xf', 123)).toBe('XF-GA-000123')
    expect(() => formatCareCardNumber('xf', 0)).toThrow(RangeError)
    expect(() => formatCareCardNumber('xf', 1_000_000)).toThrow(RangeError)
  })

  it('reads a typed number, a bare token or a scanned QR URL', () => {
    expect(parseCareCardCode(' xf-ga-000123 ')).toEqual({ number: 'XF-GA-000123' })
    expect(parseCareCardCode('abcDEF_123-xyz')).toEqual({ token: 'abcDEF_123-xyz' })
    expect(parseCareCardCode('https://chayi.example/kiosk/card/abcDEF_123-xyz')).toEqual({ token: 'abcDEF_123-xyz' })
    expect(parseCareCardCode('https://chayi.example/kiosk/card/abc%2Bd/?from=qr')).toEqual({ token: 'abc+d' })
  })

  it('gives the cup kinds: empty-nest elders count as elderly, low income is never shown', () => {
    expect(cupKindsOf(['empty_nest_elderly', 'low_income'])).toEqual(['elderly'])
    expect(cupKindsOf(['disabled', 'elderly'])).toEqual(['elderly', 'disabled'])
    expect(cupKindsOf(['low_income'])).toEqual([])
  })
})

describe('beneficiary schemas', () => {
  it('needs consent scopes for exactly the sensitive fields', () => {
    expect(SENSITIVE_BENEFICIARY_FIELDS).toEqual(['id_number', 'disability', 'health_notes', 'income'])
    expect(consentScopeOf('health_notes')).toBe('health')
    expect(consentScopeOf('phone')).toBeNull()
  })

  it('accepts a landline or a mobile, capitalises the ID number, and checks it against the birth date', () => {
    const ok = NewBeneficiary.parse({ ...base, phone: '028-85551234', idNumber: idNumber.toLowerCase() })
    expect(ok.idNumber).toBe(idNumber.toUpperCase())
    expect(NewBeneficiary.safeParse({ ...base, phone: '13812345678' }).success).toBe(true)
    const wrong = NewBeneficiary.safeParse({ ...base, birthDate: '1948-03-10', idNumber })
    expect(wrong.success).toBe(false)
    expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(['birthDate'])
  })

  it('refuses repeated kinds, an unnamed guardian and an empty change', () => {
    expect(NewBeneficiary.safeParse({ ...base, kinds: ['elderly', 'elderly'] }).success).toBe(false)
    const consent = BeneficiaryConsentInput.safeParse({ scope: ['health'], version: 'v1', givenBy: { kind: 'guardian' }, givenAt: '2026-11-01T00:00:00.000Z' })
    expect(consent.error?.issues.map((i) => i.path.join('.'))).toEqual(['givenBy.name'])
    expect(BeneficiaryChange.safeParse({}).success).toBe(false)
    expect(BeneficiaryChange.parse({ healthNotes: null, status: 'left' })).toEqual({ healthNotes: null })
  })
})
