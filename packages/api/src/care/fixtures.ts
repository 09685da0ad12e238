import { sql } from 'kysely'
import { idNumberCheckCharacter } from '@chayi/domain'
import type { TestDatabase } from '@chayi/db/testing'

let n = 0

/** A valid resident ID number for a birth date, different on every call. */
export function beneficiaryIdNumber(birthDate: string): string {
  const first17 = `510104${birthDate.replace(/-/g, '')}${String(++n % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

export const CONSENT_ALL = { scope: ['id_number', 'disability', 'health', 'income'], version: '2026-v1', givenBy: { kind: 'self' }, givenAt: '2026-11-20T02:00:00.000Z' }

/**
 * A new elderly and disabled beneficiary with every field, under a consent covering all
 * sensitive scopes; distinctive values so tests can look for them anywhere. Override any field.
 */
export function newBeneficiary(over: Record<string, unknown> = {}) {
  const birthDate = (over.birthDate as string | undefined) ?? '1948-03-09'
  n++
  const tag = String(n).padStart(4, '0')
  return {
    kinds: ['elderly', 'disabled'],
    name: `张桂${'兰芳英秀梅'[n % 5]}${tag}`,
    gender: 'female',
    birthDate,
    community: '幸福社区',
    address: `三圣街道幸福路${tag}号3栋2单元`,
    phone: `137${String(40000000 + n).padStart(8, '0')}`,
    livingSituation: 'alone',
    emergencyContact: { name: '李建华', relation: '儿子', phone: `136${String(50000000 + n).padStart(8, '0')}` },
    idNumber: beneficiaryIdNumber(birthDate),
    disability: { category: 'physical', grade: 'grade_2', certificateNumber: `51010419480309${tag}42` },
    healthNotes: `高血压二级，每日服药，慢阻肺病史${tag}`,
    monthlyIncomeFen: 187_300 + n,
    consent: CONSENT_ALL,
    ...over,
  }
}

type Counted = 'beneficiaries' | 'beneficiaryStatusChanges' | 'beneficiaryConsents' | 'careCards' | 'ledgerEvents' | 'accessLog' | 'idempotencyKeys' | 'teamCounters'
const COUNTED: Counted[] = ['beneficiaries', 'beneficiaryStatusChanges', 'beneficiaryConsents', 'careCards', 'ledgerEvents', 'accessLog', 'idempotencyKeys', 'teamCounters']

/** Row counts of every table a care write may touch, to show a refused write left nothing. */
export async function careCounts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of COUNTED) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}
