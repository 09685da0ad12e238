import type { Selectable } from 'kysely'

// Row types of the `pairings` context's tables (camelCase; see ../types.ts for the conventions).
// 空巢不空心: a volunteer paired with an elder; visits (each one's minutes became a pending hour
// entry); follow-ups opened by a visit's concern. What volunteers write about an elder (notes,
// concerns) and what staff answer is FieldCipher-sealed: it may be about health.

/** At most one active pairing per (volunteer, beneficiary) (a partial unique index holds it). */
export interface PairingsTable {
  id: string
  teamId: string
  volunteerId: string
  beneficiaryId: string
  frequencyDays: number
  startsOn: string
  note: string | null
  status: 'active' | 'ended'
  createdAt: string
  createdBy: string
  endedAt: string | null
  endedBy: string | null
  endReason: string | null
}

/** Append-only: one row per logged visit. */
export interface PairingVisitsTable {
  id: string
  teamId: string
  pairingId: string
  volunteerId: string
  beneficiaryId: string
  visitedOn: string
  minutes: number
  /** Sealed text (may be empty once opened). */
  notesEnc: string
  /** 1 when the volunteer flagged a concern. */
  concern: number
  /** Sealed text, with a concern only. */
  concernNoteEnc: string | null
  hourEntryId: string
  createdAt: string
  createdBy: string
}

export interface PairingFollowUpsTable {
  id: string
  teamId: string
  pairingId: string
  visitId: string
  beneficiaryId: string
  status: 'open' | 'closed'
  openedAt: string
  closedAt: string | null
  closedBy: string | null
  /** Sealed text. */
  outcomeEnc: string | null
}

export interface PairingsTables {
  pairings: PairingsTable
  pairingVisits: PairingVisitsTable
  pairingFollowUps: PairingFollowUpsTable
}

export type PairingRow = Selectable<PairingsTable>
export type PairingVisitRow = Selectable<PairingVisitsTable>
export type PairingFollowUpRow = Selectable<PairingFollowUpsTable>
