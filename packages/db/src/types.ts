import type { CareTables } from './tables/care.js'
import type { GranaryTables } from './tables/granary.js'
import type { FundTables } from './tables/fund.js'
import type { PartnersTables } from './tables/partners.js'
import type { PairingsTables } from './tables/pairings.js'
import type { TeahouseTables } from './tables/teahouse.js'
import type { ReportsTables } from './tables/reports.js'
import type { AidTables } from './tables/aid.js'
import type { AidIncomesTables } from './tables/aid-incomes.js'
import type { AidPlansTables } from './tables/aid-plans.js'
import type { AidVisitsTables } from './tables/aid-visits.js'
import type { AidViewsTables } from './tables/aid-views.js'
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

// Column names are snake_case in SQL and camelCase here (CamelCasePlugin).
// Times are ISO 8601 UTC text in both dialects, so they sort and compare the same way everywhere;
// money is integer fen; JSON is text. This keeps dialect differences inside this package.

export interface TeamsTable {
  id: string
  code: string
  name: string
  community: string
  district: string | null
  createdAt: string
}

export interface UsersTable {
  id: string
  teamId: string
  username: string | null
  phone: string | null
  displayName: string
  passwordHash: string
  /** scrypt hash of the 4–6 digit PIN that unlocks a kiosk; null when none is set. */
  pinHash: string | null
  status: 'active' | 'disabled'
  createdAt: string
  /** 1 after an administrator set a temporary password: the person must pick their own first. */
  mustChangePassword: Generated<number>
  passwordChangedAt: string | null
}

export interface UserRolesTable {
  userId: string
  role: string
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database cannot be replayed as sessions. */
  id: string
  userId: string
  teamId: string
  createdAt: string
  lastSeenAt: string
  idleExpiresAt: string
  absoluteExpiresAt: string
  endedAt: string | null
  address: string | null
  userAgent: string | null
}

export interface StaffSessionsTable {
  /** sha256 of the staff token the kiosk sends as X-Chayi-Staff. */
  id: string
  deviceId: string
  userId: string
  teamId: string
  createdAt: string
  expiresAt: string
  endedAt: string | null
}

export interface SignInAttemptsTable {
  id: string
  accountKey: string
  address: string
  at: string
  succeeded: number
}

export interface DevicesTable {
  id: string
  teamId: string
  name: string
  kind: string
  tokenHash: string
  pairedAt: string
  pairedBy: string
  revokedAt: string | null
  lastSeenAt: string | null
}

export interface PairingCodesTable {
  codeHash: string
  teamId: string
  name: string
  createdBy: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
  deviceId: string | null
}

export interface IdempotencyKeysTable {
  teamId: string
  key: string
  actor: string
  method: string
  path: string
  requestHash: string
  statusCode: number
  responseBody: string
  createdAt: string
}

export interface LedgerEventsTable {
  teamId: string
  seq: number
  at: string
  actor: string
  kind: string
  entity: string
  entityId: string
  /** Canonical JSON text. */
  payload: string
  prevHash: string
  hash: string
}

export interface ChainHeadsTable {
  teamId: string
  seq: number
  hash: string
  updatedAt: string
}

export interface VolunteersTable {
  id: string
  teamId: string
  userId: string
  realName: string
  phone: string
  idType: string
  /** FieldCipher-sealed ID number; `idNumberHash` is its lookup HMAC (unique per team). */
  idNumberEnc: string
  idNumberHash: string
  gender: string
  birthDate: string
  /** JSON text: `[{kind, unit?}]`. */
  affiliations: string
  /** JSON text: `string[]`. */
  skills: string
  availability: string
  /** Sealed JSON `{name, phone, relation}`. */
  emergencyContactEnc: string
  /** Sealed JSON `{name, phone, consentAt, consentNote}`, for volunteers registered at 14–17. */
  guardianEnc: string | null
  status: 'pending' | 'active' | 'rejected' | 'left'
  volunteerNumber: string | null
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionNote: string | null
}

/** Per-team sequences that must not skip or repeat (e.g. `volunteer_number`); lock the row to take one. */
export interface TeamCountersTable {
  teamId: string
  name: string
  value: number
}

export interface ActivitiesTable {
  id: string
  teamId: string
  project: string
  title: string
  description: string
  place: string
  startsAt: string
  endsAt: string
  capacity: number
  minAge: number | null
  /** JSON text: `string[]`. */
  requiredSkills: string
  /** 0 or 1. */
  insurance: number
  status: 'published' | 'cancelled'
  cancelReason: string | null
  /** Random hex; signs the activity's rotating check-in codes. Never sent to clients. */
  checkInSecret: string
  remindedAt: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface EnrollmentsTable {
  id: string
  teamId: string
  activityId: string
  volunteerId: string
  status: 'enrolled' | 'waitlisted' | 'cancelled'
  queuedAt: string
  createdAt: string
  updatedAt: string
}

export interface AttendanceTable {
  id: string
  teamId: string
  activityId: string
  volunteerId: string
  checkInAt: string
  checkOutAt: string | null
  checkedInBy: string
  proxyReason: string | null
  closedBy: 'volunteer' | 'proxy' | 'auto' | null
}

/** Append-only: minutes never change; status moves pending → approved | rejected once. */
export interface HourEntriesTable {
  id: string
  teamId: string
  volunteerId: string
  activityId: string | null
  attendanceId: string | null
  project: string
  serviceDate: string
  minutes: number
  source: 'attendance' | 'supplement' | 'reversal' | 'correction' | 'visit'
  reason: string | null
  status: 'pending' | 'approved' | 'rejected'
  reverses: string | null
  createdBy: string
  createdAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}

export interface HourCorrectionsTable {
  id: string
  teamId: string
  entryId: string
  volunteerId: string
  minutes: number
  reason: string
  status: 'open' | 'accepted' | 'declined'
  createdAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}

export interface VolunteerSettingsTable {
  teamId: string
  /** JSON text: five increasing hour counts. */
  starThresholds: string
  personInCharge: string
  contact: string
  updatedAt: string
}

export interface CertificatesTable {
  id: string
  teamId: string
  number: string
  volunteerId: string
  realName: string
  idType: string
  idNumberMasked: string
  volunteerNumber: string
  periodFrom: string
  periodTo: string
  approvedMinutes: number
  /** JSON text: `[{project, minutes, activities}]`. */
  content: string
  issuer: string
  personInCharge: string
  handler: string
  contact: string
  issuedAt: string
  issuedBy: string
  revokedAt: string | null
  revokedBy: string | null
  revokeReason: string | null
}

export interface PledgesTable {
  id: string
  teamId: string
  volunteerId: string
  monthlyFen: number
  /** `YYYY-MM`. */
  fromMonth: string
  toMonth: string | null
  createdAt: string
}

export interface NotificationsTable {
  id: string
  teamId: string
  userId: string
  kind: string
  /** JSON text. */
  params: string
  activityId: string | null
  dedupeKey: string | null
  createdAt: string
  readAt: string | null
}

export interface NotificationOutboxTable {
  id: string
  notificationId: string
  channel: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  nextAttemptAt: string
  sentAt: string | null
  lastError: string | null
}

/** Append-only: every reveal of a sensitive field. */
export interface AccessLogTable {
  id: string
  teamId: string
  actor: string
  entity: string
  entityId: string
  field: string
  reason: string
  at: string
}

/** Every table; each later context keeps its row types in ./tables/<context>.ts. */
export interface Database extends CareTables, GranaryTables, FundTables, PartnersTables, PairingsTables, TeahouseTables, ReportsTables, AidTables, AidIncomesTables, AidPlansTables, AidVisitsTables, AidViewsTables {
  teams: TeamsTable
  users: UsersTable
  userRoles: UserRolesTable
  sessions: SessionsTable
  staffSessions: StaffSessionsTable
  signInAttempts: SignInAttemptsTable
  devices: DevicesTable
  pairingCodes: PairingCodesTable
  idempotencyKeys: IdempotencyKeysTable
  ledgerEvents: LedgerEventsTable
  chainHeads: ChainHeadsTable
  volunteers: VolunteersTable
  teamCounters: TeamCountersTable
  activities: ActivitiesTable
  enrollments: EnrollmentsTable
  attendance: AttendanceTable
  hourEntries: HourEntriesTable
  hourCorrections: HourCorrectionsTable
  volunteerSettings: VolunteerSettingsTable
  certificates: CertificatesTable
  pledges: PledgesTable
  notifications: NotificationsTable
  notificationOutbox: NotificationOutboxTable
  accessLog: AccessLogTable
}

export type Team = Selectable<TeamsTable>
export type NewTeam = Insertable<TeamsTable>
export type TeamUpdate = Updateable<TeamsTable>
export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type SessionRow = Selectable<SessionsTable>
export type DeviceRow = Selectable<DevicesTable>
export type LedgerEventRow = Selectable<LedgerEventsTable>
export type VolunteerRow = Selectable<VolunteersTable>
export type NewVolunteer = Insertable<VolunteersTable>
export type ActivityRow = Selectable<ActivitiesTable>
export type EnrollmentRow = Selectable<EnrollmentsTable>
export type AttendanceRow = Selectable<AttendanceTable>
export type HourEntryRow = Selectable<HourEntriesTable>
export type HourCorrectionRow = Selectable<HourCorrectionsTable>
export type CertificateRow = Selectable<CertificatesTable>
export type PledgeRow = Selectable<PledgesTable>
export type NotificationRow = Selectable<NotificationsTable>
export type * from './tables/care.js'
export type * from './tables/granary.js'
export type * from './tables/fund.js'
export type * from './tables/partners.js'
export type * from './tables/pairings.js'
export type * from './tables/reports.js'
export type * from './tables/aid.js'
export type * from './tables/aid-incomes.js'
export type * from './tables/aid-plans.js'
export type * from './tables/aid-visits.js'
export type * from './tables/aid-views.js'
