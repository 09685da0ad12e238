import { z } from 'zod'
import { Id, IsoDate, IsoDateTime } from '../common.js'
import { ServiceProject } from '../codes/schemas.js'

// Service activities (志愿服务活动) of a team's six projects, sign-up with a waitlist, and
// attendance by rotating QR code or short code.

export const ActivityStatus = z.enum(['published', 'cancelled'])
export type ActivityStatus = z.infer<typeof ActivityStatus>

const Text = (max: number) => z.string().trim().min(1).max(max)

const ActivityFields = z.object({
  title: Text(100),
  project: ServiceProject,
  description: z.string().trim().max(2000).default(''),
  place: Text(200),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  capacity: z.number().int().min(1).max(1000),
  /** Youngest age (full years on the start day) allowed; null = the team's minimum (14). */
  minAge: z.number().int().min(14).max(100).nullable().default(null),
  /** Skills or training a volunteer must list in their profile to sign up. */
  requiredSkills: z.array(Text(50)).max(10).default([]),
  /** Whether accident insurance is arranged for the people taking part. */
  insurance: z.boolean().default(false),
})

const startBeforeEnd = (a: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) => {
  if (a.startsAt && a.endsAt && a.endsAt <= a.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' })
}

/** What a leader sends to publish an activity. */
export const ActivityInput = ActivityFields.superRefine(startBeforeEnd)
export type ActivityInput = z.input<typeof ActivityInput>

/**
 * A change to an activity: any of its fields, plus what to tell the people enrolled. The fields
 * with a default in ActivityInput have none here: a field left out is left as it was.
 */
export const ActivityChange = ActivityFields.partial()
  .extend({
    description: z.string().trim().max(2000).optional(),
    minAge: z.number().int().min(14).max(100).nullable().optional(),
    requiredSkills: z.array(Text(50)).max(10).optional(),
    insurance: z.boolean().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine(startBeforeEnd)
export type ActivityChange = z.infer<typeof ActivityChange>

export const ActivityCancel = z.object({ reason: Text(500) })
export type ActivityCancel = z.infer<typeof ActivityCancel>

export const EnrollmentStatus = z.enum(['enrolled', 'waitlisted', 'cancelled'])
export type EnrollmentStatus = z.infer<typeof EnrollmentStatus>

export const Activity = ActivityFields.extend({
  id: Id,
  teamId: Id,
  status: ActivityStatus,
  cancelReason: z.string().nullable(),
  enrolledCount: z.number().int(),
  waitlistCount: z.number().int(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** The caller's own place in it, when they are a volunteer of the team. */
  myEnrollment: z
    .object({
      status: EnrollmentStatus,
      /** 1-based place in the waitlist while waitlisted. */
      waitlistPosition: z.number().int().nullable(),
      checkInAt: IsoDateTime.nullable(),
      checkOutAt: IsoDateTime.nullable(),
    })
    .nullable(),
})
export type Activity = z.infer<typeof Activity>

export const ActivityListQuery = z.object({
  project: ServiceProject.optional(),
  /** Activities starting on or after this day (China time). */
  from: IsoDate.optional(),
  /** Activities starting on or before this day (China time). */
  to: IsoDate.optional(),
  /**
   * `upcoming` (default: not yet ended, not cancelled; soonest first), `past` (ended), `mine` (ones I
   * signed up for and did not withdraw from), `led` (ones I created), `all`. All but `upcoming` list
   * the latest start first. `from`/`to` filter by start day only when given.
   */
  scope: z.enum(['upcoming', 'past', 'mine', 'led', 'all']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
export type ActivityListQuery = z.infer<typeof ActivityListQuery>

export const Enrollment = z.object({
  id: Id,
  activityId: Id,
  volunteerId: Id,
  status: EnrollmentStatus,
  waitlistPosition: z.number().int().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Enrollment = z.infer<typeof Enrollment>

/** The rotating code a leader's phone shows: the QR carries `url` (with the signed token), people type `code`. */
export const CheckInCode = z.object({
  activityId: Id,
  token: z.string(),
  /** Six digits, valid for the same window as the token. */
  code: z.string().regex(/^\d{6}$/),
  /** The portal page that a phone camera opens: `…/volunteer/check-in?t=<token>`. */
  url: z.string(),
  expiresAt: IsoDateTime,
  /** Seconds until the next code; the screen refreshes then. */
  refreshInSeconds: z.number().int(),
})
export type CheckInCode = z.infer<typeof CheckInCode>

/**
 * A volunteer checks in or out with the scanned token, or with the activity and the typed code.
 * With a token, `activityId` (optional) names the activity the screen expects: a token of another
 * activity is then refused (`code_other_activity`).
 */
export const CheckInRequest = z.union([
  z.object({ token: z.string().min(10).max(400), activityId: Id.optional() }),
  z.object({ activityId: Id, code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code shown on the leader’s phone') }),
])
export type CheckInRequest = z.infer<typeof CheckInRequest>

/** A leader checks someone in or out for them (no phone), with the reason. */
export const ProxyCheckIn = z.object({ volunteerId: Id, reason: Text(200) })
export type ProxyCheckIn = z.infer<typeof ProxyCheckIn>

export const AttendanceClosedBy = z.enum(['volunteer', 'proxy', 'auto'])

export const Attendance = z.object({
  id: Id,
  activityId: Id,
  volunteerId: Id,
  checkInAt: IsoDateTime,
  checkOutAt: IsoDateTime.nullable(),
  /** Set when a leader checked this person in on their behalf. */
  proxyReason: z.string().nullable(),
  closedBy: AttendanceClosedBy.nullable(),
})
export type Attendance = z.infer<typeof Attendance>

/** One line of an activity's roster, for its leader. */
export const RosterEntry = z.object({
  volunteerId: Id,
  realName: z.string(),
  volunteerNumber: z.string().nullable(),
  /** Masked: a leader never sees other people's whole phone number. */
  phone: z.string(),
  enrollment: EnrollmentStatus,
  waitlistPosition: z.number().int().nullable(),
  attendance: Attendance.nullable(),
})
export type RosterEntry = z.infer<typeof RosterEntry>
