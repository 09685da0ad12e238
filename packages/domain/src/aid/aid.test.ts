import { describe, expect, it } from 'vitest'
import { LOCALES } from '../codes/define.js'
import {
  AID_CODE_LISTS,
  AidHouseholdPatch,
  AidHouseholdStatus,
  AidRevealRequest,
  checkHouseholdTransition,
  decimalToTenths,
  HOUSEHOLD_TRANSITIONS,
  NewAidHousehold,
  NewAidMember,
  nextHouseholdStatuses,
  tenthsToDecimal,
} from './index.js'

const STATUSES = AidHouseholdStatus.options

describe('household state machine', () => {
  it('walks identified → assisted → exit_proposed → exited → monitored', () => {
    const path = ['identified', 'assisted', 'exit_proposed', 'exited', 'monitored'] as const
    for (let i = 0; i + 1 < path.length; i++) expect(checkHouseholdTransition(path[i]!, path[i + 1]!, true).ok).toBe(true)
  })

  it('lets a proposal be withdrawn and a monitored household be assisted again', () => {
    expect(checkHouseholdTransition('exit_proposed', 'assisted', false)).toEqual({ ok: true, authority: 'worker' })
    expect(checkHouseholdTransition('monitored', 'assisted', false)).toEqual({ ok: true, authority: 'worker' })
  })

  it('needs a leader to approve an exit', () => {
    expect(checkHouseholdTransition('exit_proposed', 'exited', false)).toEqual({ ok: false, reason: 'needs_leader' })
  })

  it('refuses skipped steps, going back and staying put', () => {
    expect(checkHouseholdTransition('identified', 'exited', true)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(checkHouseholdTransition('assisted', 'identified', true)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(checkHouseholdTransition('exited', 'assisted', true)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(checkHouseholdTransition('assisted', 'assisted', true)).toEqual({ ok: false, reason: 'same_status' })
  })

  it('has an entry for every status, pointing only at statuses, never at itself; identified is never re-entered', () => {
    expect(Object.keys(HOUSEHOLD_TRANSITIONS).sort()).toEqual([...STATUSES].sort())
    for (const from of STATUSES) {
      for (const to of nextHouseholdStatuses(from)) {
        expect(STATUSES).toContain(to)
        expect(to).not.toBe(from)
        expect(to).not.toBe('identified')
      }
    }
  })
})

describe('exact tenths', () => {
  it('round-trips decimals with one place', () => {
    for (const [text, tenths] of [['0', 0], ['12.5', 125], ['0.1', 1], ['1234567.9', 12345679], ['30', 300]] as const) {
      expect(decimalToTenths(text)).toBe(tenths)
      expect(tenthsToDecimal(tenths)).toBe(text)
    }
    expect(() => decimalToTenths('1.25')).toThrow(RangeError)
    expect(() => decimalToTenths('-1')).toThrow(RangeError)
  })
})

describe('contracts', () => {
  const member = { relation: 'head', name: 'བཀྲ་ཤིས་བདེ་ལེགས', gender: 'male', birthDate: '1970-05-01', ethnicity: '藏族', education: 'primary', schooling: 'not_school_age', healthStatus: 'healthy', labourCapacity: 'ordinary', monthsAway: 3, insurance: ['basic_medical'] }
  const household = { placeId: 'p1', householdType: 'dibao', yearIdentified: 2024, mainCause: 'illness', housingStructure: 'earth_wood', housingSafe: true, safeWater: true, electricity: true }

  it('keeps a Tibetan-script name exactly as given', () => {
    expect(NewAidMember.parse(member).name).toBe('བཀྲ་ཤིས་བདེ་ལེགས')
  })

  it('takes at most two secondary causes, never the main one again', () => {
    expect(NewAidHousehold.safeParse({ ...household, secondaryCauses: ['disability', 'education'] }).success).toBe(true)
    expect(NewAidHousehold.safeParse({ ...household, secondaryCauses: ['disability', 'education', 'disaster'] }).success).toBe(false)
    expect(NewAidHousehold.safeParse({ ...household, secondaryCauses: ['illness'] }).success).toBe(false)
  })

  it('takes land as exact decimal text, not floats', () => {
    expect(NewAidHousehold.parse({ ...household, landCultivatedMu: '3.5' }).landCultivatedMu).toBe('3.5')
    expect(NewAidHousehold.safeParse({ ...household, landCultivatedMu: 3.5 }).success).toBe(false)
    expect(NewAidHousehold.safeParse({ ...household, landCultivatedMu: '3.55' }).success).toBe(false)
  })

  it('needs a base version and something to change', () => {
    expect(AidHouseholdPatch.safeParse({ baseVersion: 1 }).success).toBe(false)
    expect(AidHouseholdPatch.safeParse({ safeWater: false }).success).toBe(false)
    expect(AidHouseholdPatch.safeParse({ baseVersion: 1, safeWater: false }).success).toBe(true)
  })

  it('names a member for member fields only', () => {
    expect(AidRevealRequest.safeParse({ field: 'health_notes', reason: '核对' }).success).toBe(false)
    expect(AidRevealRequest.safeParse({ field: 'bank_account', memberId: 'm', reason: '核对' }).success).toBe(false)
    expect(AidRevealRequest.safeParse({ field: 'health_notes', memberId: 'm', reason: '核对' }).success).toBe(true)
  })
})

describe('aid code lists', () => {
  it.each(Object.entries(AID_CODE_LISTS))('%s has its name and a Chinese and English label per code', (name, list) => {
    expect(list.name).toBe(name)
    for (const e of list.entries) {
      for (const locale of LOCALES) expect(e.label[locale].trim()).not.toBe('')
      expect(e.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
