import type { Selectable } from 'kysely'

// Row types of the `aid` context's tables (camelCase; see ../types.ts for the conventions).
// 情系藏区: places, poor households (建档立卡), their members and pairings with partners.
// `…Tenths` columns hold exact tenths (12.5 亩 → 125); `…Enc` columns are FieldCipher-sealed.

export interface AidPlacesTable {
  id: string
  teamId: string
  level: 'county' | 'township' | 'village' | 'group'
  /** Null for a county only. */
  parentId: string | null
  name: string
  /** The name in Tibetan script, when it has one. */
  nameBo: string | null
  createdAt: string
  createdBy: string
}

/** `version` goes up by one on every change: a write based on an older version is refused. */
export interface AidHouseholdsTable {
  id: string
  teamId: string
  /** Gap-free per team: `HH-0001`. */
  code: string
  placeId: string
  householdType: string
  yearIdentified: number
  mainCause: string
  /** JSON text: PovertyCause[] (at most two). */
  secondaryCauses: string
  landCultivatedTenths: number
  landForestTenths: number
  landGrazingTenths: number
  housingAreaTenths: number | null
  housingStructure: string
  /** 0 or 1. */
  housingSafe: number
  safeWater: number
  electricity: number
  marketDistanceTenths: number | null
  /** Sealed text. */
  bankAccountEnc: string | null
  status: string
  assignedWorkerId: string | null
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** Append-only: every status a household has had. */
export interface AidHouseholdStatusTable {
  id: string
  teamId: string
  householdId: string
  fromStatus: string | null
  toStatus: string
  at: string
  by: string
  reason: string
}

export interface AidMembersTable {
  id: string
  teamId: string
  householdId: string
  relation: string
  /** Plain UTF-8; Tibetan script is kept byte for byte. */
  name: string
  gender: string
  birthDate: string
  ethnicity: string
  education: string
  schooling: string
  healthStatus: string
  /** Sealed text. */
  disabilityCertificateEnc: string | null
  /** Sealed text. */
  healthNotesEnc: string | null
  labourCapacity: string
  monthsAway: number
  /** JSON text: InsuranceKind[]. */
  insurance: string
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** A change of partner ends the current row and inserts a new one; nothing else is ever updated. */
export interface AidPairingsTable {
  id: string
  teamId: string
  householdId: string
  partnerId: string
  responsibleName: string
  /** Sealed text. */
  responsiblePhoneEnc: string | null
  startedAt: string
  startedBy: string
  endedAt: string | null
  endedBy: string | null
  endReason: string | null
}

export interface AidTables {
  aidPlaces: AidPlacesTable
  aidHouseholds: AidHouseholdsTable
  aidHouseholdStatus: AidHouseholdStatusTable
  aidMembers: AidMembersTable
  aidPairings: AidPairingsTable
}

export type AidPlaceRow = Selectable<AidPlacesTable>
export type AidHouseholdRow = Selectable<AidHouseholdsTable>
export type AidHouseholdStatusRow = Selectable<AidHouseholdStatusTable>
export type AidMemberRow = Selectable<AidMembersTable>
export type AidPairingRow = Selectable<AidPairingsTable>
