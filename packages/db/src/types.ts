import type { Insertable, Selectable, Updateable } from 'kysely'

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

export interface Database {
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
