import type { Selectable } from 'kysely'

// Row types of the `granary` context's tables (camelCase; see ../types.ts for the conventions).
// Stock is never stored: a lot's units on hand are the sum of its movement lines, and movements and
// their lines are only ever inserted (a mistake is undone by a reversal movement).

export interface GranaryPlacesTable {
  id: string
  teamId: string
  name: string
  note: string | null
  createdBy: string
  createdAt: string
}

export interface GranaryDonorsTable {
  id: string
  teamId: string
  kind: 'person' | 'enterprise' | 'anonymous'
  /** Null for an anonymous donor. */
  name: string | null
  /** A person's phone, FieldCipher-sealed; `phoneHash` is its lookup HMAC (unique per team). */
  phoneEnc: string | null
  phoneHash: string | null
  contact: string | null
  note: string | null
  createdBy: string
  createdAt: string
}

/** One stock-keeping unit per (team, item key): the row stock changes of the item lock on. */
export interface GranaryItemsTable {
  teamId: string
  itemKey: string
  category: string
  /** As first taken in. */
  description: string
  unit: string
  createdAt: string
}

export interface GranaryDonationsTable {
  id: string
  teamId: string
  receiptCode: string
  receiptNumber: string
  /** Null for an anonymous gift. */
  donorId: string | null
  donorKind: 'person' | 'enterprise' | 'anonymous'
  placeId: string
  receivedAt: string
  note: string | null
  createdBy: string
  createdAt: string
}

/** One line of a donation: its units, frozen value per unit and where it is kept. */
export interface GranaryLotsTable {
  id: string
  teamId: string
  donationId: string
  lineNo: number
  itemKey: string
  category: string
  description: string
  unit: string
  quantity: number
  unitValueFen: number
  valuationBasis: string
  expiresOn: string | null
  /** A small data URL, or null. */
  photo: string | null
  placeId: string
  receivedAt: string
  createdAt: string
}

export interface GranaryDistributionsTable {
  id: string
  teamId: string
  recipientKind: 'beneficiary' | 'aid_household' | 'activity'
  /** Id in the recipient's own context; no foreign key across contexts. */
  recipientId: string
  recipientLabel: string
  placeId: string | null
  note: string | null
  distributedAt: string
  createdBy: string
  createdAt: string
}

/** Append-only. */
export interface GranaryMovementsTable {
  id: string
  teamId: string
  kind: 'in' | 'out' | 'adjustment' | 'reversal'
  /** A StockAdjustmentReason for adjustments, else null. */
  reason: string | null
  note: string | null
  donationId: string | null
  distributionId: string | null
  stocktakeId: string | null
  /** The movement this one reverses (at most one reversal each). */
  reverses: string | null
  occurredAt: string
  createdBy: string
  createdAt: string
}

/** Append-only: signed units of one lot in one movement, with the lot's frozen unit value. */
export interface GranaryMovementLinesTable {
  id: string
  teamId: string
  movementId: string
  lotId: string
  itemKey: string
  quantity: number
  unitValueFen: number
}

export interface GranaryStocktakesTable {
  id: string
  teamId: string
  /** Null: every place of the team. */
  placeId: string | null
  status: 'open' | 'counted' | 'closed'
  note: string | null
  openedBy: string
  openedAt: string
  countedBy: string | null
  countedAt: string | null
  closedBy: string | null
  closedAt: string | null
}

export interface GranaryStocktakeLinesTable {
  stocktakeId: string
  itemKey: string
  counted: number | null
  /** Book units in scope when the counts were submitted. */
  expected: number | null
  reason: string | null
  note: string | null
  movementId: string | null
}

export interface GranaryTables {
  granaryPlaces: GranaryPlacesTable
  granaryDonors: GranaryDonorsTable
  granaryItems: GranaryItemsTable
  granaryDonations: GranaryDonationsTable
  granaryLots: GranaryLotsTable
  granaryDistributions: GranaryDistributionsTable
  granaryMovements: GranaryMovementsTable
  granaryMovementLines: GranaryMovementLinesTable
  granaryStocktakes: GranaryStocktakesTable
  granaryStocktakeLines: GranaryStocktakeLinesTable
}

export type GranaryPlaceRow = Selectable<GranaryPlacesTable>
export type GranaryDonorRow = Selectable<GranaryDonorsTable>
export type GranaryItemRow = Selectable<GranaryItemsTable>
export type GranaryDonationRow = Selectable<GranaryDonationsTable>
export type GranaryLotRow = Selectable<GranaryLotsTable>
export type GranaryDistributionRow = Selectable<GranaryDistributionsTable>
export type GranaryMovementRow = Selectable<GranaryMovementsTable>
export type GranaryMovementLineRow = Selectable<GranaryMovementLinesTable>
export type GranaryStocktakeRow = Selectable<GranaryStocktakesTable>
export type GranaryStocktakeLineRow = Selectable<GranaryStocktakeLinesTable>
