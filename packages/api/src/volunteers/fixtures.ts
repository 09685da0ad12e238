import { idNumberCheckCharacter } from '@chayi/domain'

let n = 0

/** A valid resident ID number for a birth date; `seq` keeps numbers for one day apart. */
export function residentId(birthDate: string, seq = ++n % 1000): string {
  const first17 = `510104${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

/** A registration body with a fresh phone and ID number; override any field. */
export function registration(over: Record<string, unknown> = {}) {
  const birthDate = (over.birthDate as string | undefined) ?? '1990-06-15'
  n++
  return {
    realName: '王小红',
    phone: `139${String(n).padStart(8, '0')}`,
    idType: 'resident_id',
    idNumber: residentId(birthDate),
    gender: 'female',
    birthDate,
    affiliations: [{ kind: 'enterprise_employee', unit: '成都某爱心企业' }],
    skills: ['first_aid', 'tea'],
    availability: 'weekends',
    emergencyContact: { name: '王大明', phone: '13698765432', relation: '父亲' },
    password: 'long enough pw',
    ...over,
  }
}
