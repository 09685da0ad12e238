import type { Selectable } from 'kysely'

// Row types of the `reports` context's tables (camelCase; see ../types.ts for the conventions).
// Dashboard figures are never stored; a published disclosure is, frozen: rows are only inserted.

export interface DisclosuresTable {
  id: string
  teamId: string
  /** `YYYYQn`. */
  quarter: string
  /** 1, 2, …: the highest version of a quarter is the one in force. */
  version: number
  /** JSON text: the DisclosureBody as published. */
  body: string
  publishedAt: string
  /** The publishing user's id. */
  publishedBy: string
}

export interface ReportsTables {
  disclosures: DisclosuresTable
}

export type DisclosureRow = Selectable<DisclosuresTable>
