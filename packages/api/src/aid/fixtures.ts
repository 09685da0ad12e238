import { sql } from 'kysely'
import type { TestDatabase } from '@chayi/db/testing'

/** A head of household whose name is in Tibetan script (Tashi Delek). */
export const TIBETAN_NAME = 'བཀྲ་ཤིས་བདེ་ལེགས'

let n = 0

export function newMember(over: Record<string, unknown> = {}) {
  return {
    relation: 'spouse',
    name: '卓玛',
    gender: 'female',
    birthDate: '1975-04-12',
    ethnicity: '藏族',
    education: 'primary',
    schooling: 'not_school_age',
    healthStatus: 'healthy',
    labourCapacity: 'ordinary',
    monthsAway: 0,
    insurance: ['basic_medical', 'pension'],
    ...over,
  }
}

/** A household with a head (Tibetan name, disabled, sealed certificate and notes) and a spouse. */
export function newHousehold(placeId: string, over: Record<string, unknown> = {}) {
  n++
  const tag = String(n).padStart(4, '0')
  return {
    placeId,
    householdType: 'dibao',
    yearIdentified: 2024,
    mainCause: 'illness',
    secondaryCauses: ['lack_of_skills'],
    landCultivatedMu: '3.5',
    landForestMu: '12',
    landGrazingMu: '40.5',
    housingAreaM2: '86.4',
    housingStructure: 'stone_wood',
    housingSafe: true,
    safeWater: true,
    electricity: true,
    marketDistanceKm: '23.7',
    bankAccount: `62170038${tag}55443322`,
    members: [
      newMember({
        relation: 'head',
        name: TIBETAN_NAME,
        gender: 'male',
        birthDate: '1968-02-03',
        healthStatus: 'disabled',
        labourCapacity: 'weak',
        disabilityCertificate: `54232119680203${tag}43`,
        healthNotes: `左腿截肢，需长期康复${tag}`,
      }),
      newMember(),
    ],
    ...over,
  }
}

type Counted = 'aidPlaces' | 'aidHouseholds' | 'aidHouseholdStatus' | 'aidMembers' | 'aidPairings' | 'ledgerEvents' | 'accessLog' | 'idempotencyKeys' | 'teamCounters'
const COUNTED: Counted[] = ['aidPlaces', 'aidHouseholds', 'aidHouseholdStatus', 'aidMembers', 'aidPairings', 'ledgerEvents', 'accessLog', 'idempotencyKeys', 'teamCounters']

/** Row counts of every table an aid write may touch, to show a refused write left nothing. */
export async function aidCounts(t: TestDatabase): Promise<Record<Counted, number>> {
  const out = {} as Record<Counted, number>
  for (const table of COUNTED) out[table] = Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
  return out
}
