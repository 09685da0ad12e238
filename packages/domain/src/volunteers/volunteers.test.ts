import { describe, expect, it } from 'vitest'
import { idNumberCheckCharacter } from '../rules/privacy.js'
import { formatVolunteerNumber, registrationAgeCheck, VolunteerRegistration } from './index.js'

const idFor = (birth: string, seq = '123') => {
  const first17 = `510104${birth.replace(/-/g, '')}${seq}`
  return first17 + idNumberCheckCharacter(first17)
}

const base = {
  realName: '王小红',
  phone: '13812345678',
  idType: 'resident_id',
  idNumber: idFor('1990-06-15'),
  gender: 'female',
  birthDate: '1990-06-15',
  affiliations: [{ kind: 'party_member', unit: '幸福社区党支部' }],
  emergencyContact: { name: '王大明', phone: '13912345678', relation: '父亲' },
  password: 'long enough pw',
}

describe('VolunteerRegistration', () => {
  it('accepts a valid registration and defaults skills and availability', () => {
    const r = VolunteerRegistration.parse(base)
    expect(r.skills).toEqual([])
    expect(r.availability).toBe('')
  })

  it('checks a resident ID number and that its birth date matches', () => {
    const bad = base.idNumber.slice(0, 17) + (base.idNumber[17] === '1' ? '2' : '1')
    const r1 = VolunteerRegistration.safeParse({ ...base, idNumber: bad })
    expect(r1.success).toBe(false)
    expect(r1.error?.issues.map((i) => i.path.join('.'))).toEqual(['idNumber'])
    const r2 = VolunteerRegistration.safeParse({ ...base, birthDate: '1990-06-16' })
    expect(r2.error?.issues.map((i) => i.path.join('.'))).toEqual(['birthDate'])
  })

  it('leaves other ID types to the issuer, but needs at least one affiliation', () => {
    expect(VolunteerRegistration.safeParse({ ...base, idType: 'passport', idNumber: 'E12345678' }).success).toBe(true)
    const r = VolunteerRegistration.safeParse({ ...base, affiliations: [] })
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['affiliations'])
  })
})

describe('registrationAgeCheck', () => {
  const today = '2026-11-28'
  it('refuses under 14, up to the day before the 14th birthday', () => {
    expect(registrationAgeCheck({ birthDate: '2012-11-29' }, today)).toMatchObject({ ok: false, code: 'too_young' })
    expect(registrationAgeCheck({ birthDate: '2020-01-01' }, today)).toMatchObject({ ok: false, code: 'too_young' })
  })

  it('needs a guardian from 14 until the 18th birthday', () => {
    expect(registrationAgeCheck({ birthDate: '2012-11-28' }, today)).toMatchObject({ ok: false, code: 'guardian_required', path: 'guardian' })
    expect(registrationAgeCheck({ birthDate: '2008-11-29' }, today)).toMatchObject({ ok: false, code: 'guardian_required' })
    expect(registrationAgeCheck({ birthDate: '2012-11-28', guardian: {} }, today)).toEqual({ ok: true, age: 14, ageBand: 'youth' })
    expect(registrationAgeCheck({ birthDate: '2008-11-28' }, today)).toEqual({ ok: true, age: 18, ageBand: 'youth' })
  })

  it('gives the age band, and refuses a birth date in the future', () => {
    expect(registrationAgeCheck({ birthDate: '1960-01-01' }, today)).toMatchObject({ ok: true, ageBand: 'elderly' })
    expect(registrationAgeCheck({ birthDate: '2027-01-01' }, today)).toMatchObject({ ok: false, code: 'birth_date_in_future' })
  })

  it('reads an instant as the day in China: 16:00Z on the 27th is already the 28th', () => {
    expect(registrationAgeCheck({ birthDate: '2012-11-28', guardian: {} }, new Date('2026-11-27T16:00:00Z'))).toMatchObject({ ok: true, age: 14 })
    expect(registrationAgeCheck({ birthDate: '2012-11-28' }, new Date('2026-11-27T15:59:59Z'))).toMatchObject({ ok: false, code: 'too_young' })
  })
})

describe('formatVolunteerNumber', () => {
  it('prefixes the team code in capitals and pads to six digits', () => {
    expect(formatVolunteerNumber('xf', 1)).toBe('XF-000001')
    expect(formatVolunteerNumber('xingfu', 123456)).toBe('XINGFU-123456')
    expect(() => formatVolunteerNumber('xf', 0)).toThrow(RangeError)
  })
})
