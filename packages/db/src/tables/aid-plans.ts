import type { Selectable } from 'kysely'

// 情系藏区: measures (一户一策), needs, pledges, deliveries. Money in fen.

/** A measure in a household's plan; only its status moves (history in aidMeasureStatus). */
export interface AidMeasuresTable {
  id: string
  teamId: string
  householdId: string
  /** AssistanceMeasureKind */
  kind: string
  content: string
  partnerId: string | null
  amountFen: number | null
  /** YYYY-MM-DD */
  dueOn: string | null
  status: 'planned' | 'in_progress' | 'done' | 'cancelled'
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** Append-only: every status a measure took (the first row has fromStatus null). */
export interface AidMeasureStatusTable {
  id: string
  teamId: string
  measureId: string
  fromStatus: string | null
  toStatus: string
  at: string
  by: string
  reason: string | null
}

export interface AidNeedsTable {
  id: string
  teamId: string
  householdId: string
  /** AidNeedKind */
  kind: string
  description: string
  estimatedFen: number | null
  /** Derived from pledges and standing deliveries (needStatusOf), kept for lists. */
  status: 'open' | 'pledged' | 'delivered' | 'withdrawn'
  withdrawnReason: string | null
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** Append-only: a partner's promise to a need. */
export interface AidPledgesTable {
  id: string
  teamId: string
  needId: string
  partnerId: string
  what: string
  amountFen: number | null
  createdAt: string
  createdBy: string
}

/** Append-only: goods or money handed to a household. `id` is made on the device. */
export interface AidDeliveriesTable {
  id: string
  teamId: string
  needId: string
  householdId: string
  pledgeId: string | null
  partnerId: string
  what: string
  valueFen: number
  /** YYYY-MM-DD */
  deliveredOn: string
  /** JSON array of data URLs (1–4). */
  photos: string
  photoCount: number
  confirmedBy: string
  confirmMethod: 'signature' | 'thumbprint' | 'verbal'
  /** Data URL of the signature or thumbprint, if any. */
  signature: string | null
  granaryDistributionId: string | null
  fundExpenseId: string | null
  /** IncomeSource credited (wagesFen …), with the amount and the income row made. */
  creditComponent: string | null
  creditFen: number | null
  incomeId: string | null
  note: string | null
  createdAt: string
  createdBy: string
}

/** Append-only: at most one per delivery (unique deliveryId); the original is never touched. */
export interface AidDeliveryReversalsTable {
  id: string
  teamId: string
  deliveryId: string
  reason: string
  /** The negative income credit made, if the delivery had credited income. */
  incomeId: string | null
  createdAt: string
  createdBy: string
}

export interface AidPlansTables {
  aidMeasures: AidMeasuresTable
  aidMeasureStatus: AidMeasureStatusTable
  aidNeeds: AidNeedsTable
  aidPledges: AidPledgesTable
  aidDeliveries: AidDeliveriesTable
  aidDeliveryReversals: AidDeliveryReversalsTable
}

export type AidMeasureRow = Selectable<AidMeasuresTable>
export type AidMeasureStatusRow = Selectable<AidMeasureStatusTable>
export type AidNeedRow = Selectable<AidNeedsTable>
export type AidPledgeRow = Selectable<AidPledgesTable>
export type AidDeliveryRow = Selectable<AidDeliveriesTable>
export type AidDeliveryReversalRow = Selectable<AidDeliveryReversalsTable>
