import type { Selectable } from 'kysely'

// Row types of the `care` context's tables (camelCase; see ../types.ts for the conventions).
// Every `…Enc` column holds a FieldCipher-sealed value (AES-256-GCM); nothing personal beyond the
// name, gender, birth date and community is readable in the database.

export interface BeneficiariesTable {
  id: string
  teamId: string
  /** JSON text: BeneficiaryKind[] (e.g. `["elderly","disabled"]`). */
  kinds: string
  name: string
  gender: string
  birthDate: string
  community: string
  livingSituation: string
  /** Sealed text. */
  addressEnc: string | null
  /** Sealed text. */
  phoneEnc: string | null
  /** Sealed JSON `{name, relation, phone}`. */
  emergencyContactEnc: string | null
  /** Sealed ID number; `idNumberHash` is its lookup HMAC (unique per team when present). */
  idNumberEnc: string | null
  idNumberHash: string | null
  /** Sealed JSON `{category, grade, certificateNumber}`. */
  disabilityEnc: string | null
  healthNotesEnc: string | null
  /** Sealed decimal text of the monthly income in fen. */
  incomeEnc: string | null
  status: 'active' | 'paused' | 'left'
  statusChangedAt: string
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** Append-only: every status a beneficiary has had, with why. */
export interface BeneficiaryStatusChangesTable {
  id: string
  teamId: string
  beneficiaryId: string
  fromStatus: string | null
  toStatus: string
  reason: string
  actor: string
  at: string
}

/** A consent is recorded once; withdrawing it fills the withdrawn columns, nothing else changes. */
export interface BeneficiaryConsentsTable {
  id: string
  teamId: string
  beneficiaryId: string
  /** JSON text: ConsentScope[]. */
  scope: string
  version: string
  givenByKind: 'self' | 'guardian'
  /** Sealed name of whoever signed (a guardian is another person). */
  givenByNameEnc: string | null
  givenAt: string
  recordedAt: string
  recordedBy: string
  withdrawnAt: string | null
  withdrawnBy: string | null
  withdrawReason: string | null
}

/** 关爱卡: at most one active card per beneficiary (a partial unique index holds it). */
export interface CareCardsTable {
  id: string
  teamId: string
  beneficiaryId: string
  number: string
  /**
   * Random, unguessable QR token (≥192 bits). Kept readable: it only finds a card at a signed-in
   * counter, like the card number printed beside it; it just cannot be guessed by counting.
   */
  token: string
  status: 'active' | 'replaced' | 'revoked'
  issuedAt: string
  issuedBy: string
  endedAt: string | null
  endedBy: string | null
  endReason: string | null
  replacedBy: string | null
}

export interface CareTables {
  beneficiaries: BeneficiariesTable
  beneficiaryStatusChanges: BeneficiaryStatusChangesTable
  beneficiaryConsents: BeneficiaryConsentsTable
  careCards: CareCardsTable
}

export type BeneficiaryRow = Selectable<BeneficiariesTable>
export type BeneficiaryStatusChangeRow = Selectable<BeneficiaryStatusChangesTable>
export type BeneficiaryConsentRow = Selectable<BeneficiaryConsentsTable>
export type CareCardRow = Selectable<CareCardsTable>
