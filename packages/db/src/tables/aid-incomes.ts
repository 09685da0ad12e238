import type { Selectable } from 'kysely'

// 情系藏区: lines (低保 standard, monitoring line) and households' yearly incomes; all money in fen.

/** The latest line for (team, year, place) wins; placeId null is the team-wide line. */
export interface AidLinesTable {
  id: string
  teamId: string
  year: number
  placeId: string | null
  dibaoFen: number
  monitoringFen: number
  createdAt: string
  createdBy: string
}

/**
 * One year's income as recorded (`annual`, at a `visit`) or credited by a partner's delivery
 * (`partner_credit`, negative when `reversesId` undoes one). `netFen` and `perCapitaFen` are
 * frozen as computed at the time.
 */
export interface AidIncomesTable {
  id: string
  teamId: string
  householdId: string
  year: number
  /** YYYY-MM-DD */
  asOf: string
  source: 'annual' | 'visit' | 'partner_credit'
  visitId: string | null
  deliveryId: string | null
  reversesId: string | null
  wagesFen: number
  businessFen: number
  propertyFen: number
  transfersFen: number
  costsFen: number
  memberCount: number
  netFen: number
  perCapitaFen: number
  note: string | null
  createdAt: string
  createdBy: string
}

export interface AidIncomesTables {
  aidLines: AidLinesTable
  aidIncomes: AidIncomesTable
}

export type AidLineRow = Selectable<AidLinesTable>
export type AidIncomeRow = Selectable<AidIncomesTable>
