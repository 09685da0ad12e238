import type { Selectable } from 'kysely'

// 情系藏区: visits and their photos, exit proposals and notices, monitoring cases.

/** Only ever added. `id` is made on the device; `requestHash` tells a resend from a reuse of the id. */
export interface AidVisitsTable {
  id: string
  teamId: string
  householdId: string
  workerId: string
  visitedAt: string
  notes: string
  /** JSON text: AidChecklist. */
  checklist: string
  hardshipKind: string | null
  hardshipNote: string | null
  incomeId: string | null
  /** The monitoring case the visit opened (or joined, when one was open already). */
  monitoringCaseId: string | null
  photoCount: number
  requestHash: string
  createdAt: string
  createdBy: string
}

export interface AidVisitPhotosTable {
  visitId: string
  position: number
  teamId: string
  /** data:image/…;base64 URL */
  data: string
}

export type AidExitState = 'proposed' | 'notice' | 'withdrawn' | 'confirmed'

/** One exit attempt: proposed → notice (a leader approved) → confirmed, or withdrawn on the way. */
export interface AidExitsTable {
  id: string
  teamId: string
  householdId: string
  state: AidExitState
  proposedAt: string
  proposedBy: string
  proposalReason: string
  year: number | null
  perCapitaFen: number | null
  monitoringFen: number | null
  approvedAt: string | null
  approvedBy: string | null
  approvalReason: string | null
  /** YYYY-MM-DD (China dates); the notice runs from startsOn up to (not including) endsOn. */
  noticeStartsOn: string | null
  noticeEndsOn: string | null
  withdrawnAt: string | null
  withdrawnBy: string | null
  objectionNote: string | null
  confirmedAt: string | null
  confirmedBy: string | null
  /** YYYY-MM-DD: the end of the 12 months of monitoring after exit. */
  monitoringUntil: string | null
}

/** 防返贫监测 case; open while `decidedAt` is null (one open case per household). */
export interface AidMonitoringCasesTable {
  id: string
  teamId: string
  householdId: string
  /** JSON text: string[] (`income_below_line`, `hardship:<kind>`). */
  triggers: string
  visitId: string | null
  openedAt: string
  openedBy: string
  /** YYYY-MM-DD, China dates. */
  homeCheckDue: string
  decisionDue: string
  homeCheckAt: string | null
  homeCheckBy: string | null
  homeCheckNote: string | null
  /** JSON text: AidChecklist (what the home check found), or null. */
  homeCheckFindings: string | null
  decidedAt: string | null
  decidedBy: string | null
  decision: string | null
  decisionNote: string | null
}

/** A team's exit settings; no row = the defaults (6 months stable, 5 days' notice, 12 months' monitoring). */
export interface AidSettingsTable {
  teamId: string
  stableMonths: number
  noticeDays: number
  monitoringMonths: number
  updatedAt: string
  updatedBy: string
}

export interface AidVisitsTables {
  aidSettings: AidSettingsTable
  aidVisits: AidVisitsTable
  aidVisitPhotos: AidVisitPhotosTable
  aidExits: AidExitsTable
  aidMonitoringCases: AidMonitoringCasesTable
}

export type AidVisitRow = Selectable<AidVisitsTable>
export type AidVisitPhotoRow = Selectable<AidVisitPhotosTable>
export type AidExitRow = Selectable<AidExitsTable>
export type AidMonitoringCaseRow = Selectable<AidMonitoringCasesTable>
