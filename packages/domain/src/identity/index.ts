import { z } from 'zod'
import { Id, IsoDateTime, Phone } from '../common.js'
import { Role } from '../codes/schemas.js'

export const Team = z.object({
  id: Id,
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().min(1).max(100),
  community: z.string().min(1).max(100),
  district: z.string().max(100).nullable(),
  createdAt: IsoDateTime,
})
export type Team = z.infer<typeof Team>

export const Username = z.string().regex(/^[a-z0-9_.-]{3,40}$/, 'use 3–40 lowercase letters, digits, _ . -')
export const Password = z.string().min(8, 'at least 8 characters').max(200)

export const User = z.object({
  id: Id,
  teamId: Id,
  username: Username.nullable(),
  phone: Phone.nullable(),
  displayName: z.string().min(1).max(100),
  roles: z.array(Role),
  status: z.enum(['active', 'disabled']),
  createdAt: IsoDateTime,
})
export type User = z.infer<typeof User>

export const SignInRequest = z.object({
  /** A username or an 11-digit phone number. */
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
})
export type SignInRequest = z.infer<typeof SignInRequest>

export const Device = z.object({
  id: Id,
  teamId: Id,
  name: z.string().min(1).max(100),
  kind: z.enum(['kiosk']),
  pairedAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
})
export type Device = z.infer<typeof Device>

export const Me = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    user: User,
    team: Team,
    session: z.object({ idleExpiresAt: IsoDateTime, absoluteExpiresAt: IsoDateTime }),
    /**
     * The account signed in with a temporary password an administrator set: until the person picks
     * their own (`PUT /me/password`), every other route answers 403 `password_change_required`.
     * Optional so that older servers' answers still parse; absent means false.
     */
    mustChangePassword: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('device'),
    device: Device,
    team: Team,
    /** The counter staff member who unlocked the kiosk with a PIN, if any. */
    staff: z.object({ userId: Id, displayName: z.string(), roles: z.array(Role), expiresAt: IsoDateTime }).nullable(),
  }),
])
export type Me = z.infer<typeof Me>

export const CreatePairingCodeRequest = z.object({ name: z.string().trim().min(1).max(100) })
export const PairingCode = z.object({ code: z.string(), name: z.string(), expiresAt: IsoDateTime })
export type PairingCode = z.infer<typeof PairingCode>
export const PairDeviceRequest = z.object({ code: z.string().trim().min(1).max(20) })
export const PairDeviceResponse = z.object({ device: Device, token: z.string() })

/** A PIN for unlocking a kiosk: 4–6 digits. */
export const Pin = z.string().regex(/^\d{4,6}$/, 'a PIN is 4 to 6 digits')

/** Staff who can unlock a kiosk (names only: the tablet is in a public place). */
export const KioskStaffMember = z.object({ userId: Id, displayName: z.string() })
export type KioskStaffMember = z.infer<typeof KioskStaffMember>

export const StaffSessionRequest = z.object({ userId: Id, pin: Pin })
export const StaffSession = z.object({
  staff: z.object({ userId: Id, displayName: z.string(), roles: z.array(Role) }),
  /** Sent back by the kiosk as `X-Chayi-Staff` next to its device token. */
  token: z.string(),
  expiresAt: IsoDateTime,
})
export type StaffSession = z.infer<typeof StaffSession>

export const SetPinRequest = z.object({ pin: Pin, password: z.string().min(1).max(200) })

/** Roles an administrator may grant in the team (district administrators are made by the CLI). */
export const ReplaceRolesRequest = z.object({
  roles: z
    .array(Role)
    .min(1)
    .max(7)
    .refine((r) => !r.includes('district_admin'), 'district administrators are created by the CLI'),
})
export type ReplaceRolesRequest = z.infer<typeof ReplaceRolesRequest>

/** The one answer that shows a temporary password; it is never stored or replayed. */
export const PasswordReset = z.object({
  user: User,
  temporaryPassword: z.string(),
  sessionsEnded: z.number().int().nonnegative(),
})
export type PasswordReset = z.infer<typeof PasswordReset>

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: Password,
  })
  .refine((b) => b.newPassword !== b.currentPassword, { message: 'the new password must differ from the current one', path: ['newPassword'] })
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>

/** An active sign-in of a person, as an administrator sees it (never the cookie). */
export const UserSession = z.object({
  /** A short handle for the session, not its token. */
  id: z.string(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The caller's own session. */
  current: z.boolean(),
})
export type UserSession = z.infer<typeof UserSession>

export const SessionsEnded = z.object({ ended: z.number().int().nonnegative() })
export type SessionsEnded = z.infer<typeof SessionsEnded>
