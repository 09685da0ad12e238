import type { Selectable } from 'kysely'

// Row types of the `fund` context's tables (camelCase; see ../types.ts for the conventions).
// The balance is never stored: it is the sum of `fund_entries`, which are only ever inserted (a
// mistake is undone by a reversal entry). An expense request's one change is its decision.

/** Money received; each row has exactly one 'income' entry in the ledger. */
export interface FundIncomeTable {
  id: string
  teamId: string
  receiptCode: string
  receiptNumber: string
  donorKind: 'person' | 'enterprise' | 'anonymous'
  /** Null for an anonymous gift. */
  donorName: string | null
  /** A person's phone, FieldCipher-sealed; null when not given. */
  donorPhoneEnc: string | null
  /** The partner (爱心企业/爱心人士) who gave, when known; checked in code (partners come later in the migrations). */
  partnerId: string | null
  amountFen: number
  channel: string
  receivedAt: string
  note: string | null
  /** A volunteer's monthly pledge paid in: the volunteer and the month (`YYYY-MM`). */
  pledgeVolunteerId: string | null
  pledgeMonth: string | null
  createdBy: string
  createdAt: string
}

export interface FundExpenseRequestsTable {
  id: string
  teamId: string
  purpose: string
  payee: string
  amountFen: number
  /** A data URL or a reference, or null. */
  attachment: string | null
  note: string | null
  status: 'requested' | 'approved' | 'rejected'
  requestedBy: string
  requestedAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}

/** Append-only: the fund's ledger. `seq` is gap-free per team (the order money moved in and out). */
export interface FundEntriesTable {
  id: string
  teamId: string
  seq: number
  kind: 'income' | 'expense' | 'reversal'
  /** Signed fen: income +, expense −, a reversal the opposite of what it reverses. */
  amountFen: number
  incomeId: string | null
  expenseId: string | null
  /** The entry this one reverses (at most one reversal each). */
  reverses: string | null
  reason: string | null
  occurredAt: string
  createdBy: string
  createdAt: string
}

export interface FundTables {
  fundIncome: FundIncomeTable
  fundExpenseRequests: FundExpenseRequestsTable
  fundEntries: FundEntriesTable
}

export type FundIncomeRow = Selectable<FundIncomeTable>
export type FundExpenseRequestRow = Selectable<FundExpenseRequestsTable>
export type FundEntryRow = Selectable<FundEntriesTable>
