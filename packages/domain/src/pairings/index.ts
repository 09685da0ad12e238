import { z } from 'zod'
import { Id, IsoDate, IsoDateTime } from '../common.js'

// Contracts of the 空巢不空心 pairings (care context, issue 5 item 6): a volunteer paired with an
// empty-nest (or elderly) beneficiary and a visit frequency; visits logged by the volunteer become
// pending service hours (source 'visit', project 'empty_nest'); a visit with a concern opens a
// follow-up that care staff close with an outcome.

export const PairingStatus = z.enum(['active', 'ended'])
export type PairingStatus = z.infer<typeof PairingStatus>

/** The beneficiary kinds a volunteer may be paired with. */
export const PAIRABLE_KINDS = ['empty_nest_elderly', 'elderly'] as const

/** Common frequencies the console offers; any whole number of days 1–365 is accepted. */
export const PAIRING_FREQUENCIES = [7, 14, 30] as const

export const NewPairing = z.object({
  volunteerId: Id,
  beneficiaryId: Id,
  /** Visit every N days (7 weekly, 14 fortnightly, 30 monthly…). */
  frequencyDays: z.number().int().min(1).max(365),
  /** The first visit is due `frequencyDays` after this day. */
  startsOn: IsoDate,
  note: z.string().trim().max(500).optional(),
})
export type NewPairing = z.infer<typeof NewPairing>

export const PairingEnd = z.object({ reason: z.string().trim().min(1).max(500) })
export type PairingEnd = z.infer<typeof PairingEnd>

/** A pairing as care staff and leaders see it. A leader sees the elder's name masked (as in the register). */
export const Pairing = z.object({
  id: Id,
  volunteerId: Id,
  volunteerName: z.string(),
  beneficiaryId: Id,
  elderName: z.string(),
  community: z.string(),
  frequencyDays: z.number().int(),
  startsOn: IsoDate,
  note: z.string().nullable(),
  status: PairingStatus,
  createdAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  endReason: z.string().nullable(),
  /** The latest visit's day, if any. */
  lastVisitOn: IsoDate.nullable(),
  /** (last visit, or the start) + frequency; null once ended. */
  nextDueOn: IsoDate.nullable(),
  /** Active and the due day is before today (China time). */
  overdue: z.boolean(),
  visitCount: z.number().int(),
})
export type Pairing = z.infer<typeof Pairing>

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true')

export const PairingListQuery = z.object({
  status: PairingStatus.optional(),
  volunteerId: Id.optional(),
  beneficiaryId: Id.optional(),
  overdue: booleanText.optional(),
})
export type PairingListQuery = z.infer<typeof PairingListQuery>

/**
 * A volunteer's own pairing, as the portal shows it: the elder's masked name and community, the
 * due date, and — only while the pairing is active, because they visit — the address. Never the
 * phone, ID number, disability or health data.
 */
export const MyPairing = z.object({
  id: Id,
  elderName: z.string(),
  community: z.string(),
  /** The whole address while active; null once the pairing ended. */
  address: z.string().nullable(),
  frequencyDays: z.number().int(),
  startsOn: IsoDate,
  status: PairingStatus,
  endedAt: IsoDateTime.nullable(),
  lastVisitOn: IsoDate.nullable(),
  nextDueOn: IsoDate.nullable(),
  overdue: z.boolean(),
})
export type MyPairing = z.infer<typeof MyPairing>

export const NewVisit = z
  .object({
    /** The day of the visit (China time); not in the future. */
    visitedOn: IsoDate,
    minutes: z.number().int().min(1).max(480),
    notes: z.string().trim().max(2000).default(''),
    /** Something worrying (health, safety, loneliness…): opens a follow-up for care staff. */
    concern: z.boolean(),
    concernNote: z.string().trim().max(1000).optional(),
  })
  .refine((v) => !v.concern || !!v.concernNote, { path: ['concernNote'], message: 'say what the concern is' })
export type NewVisit = z.infer<typeof NewVisit>

export const PairingVisit = z.object({
  id: Id,
  pairingId: Id,
  volunteerId: Id,
  visitedOn: IsoDate,
  minutes: z.number().int(),
  notes: z.string(),
  concern: z.boolean(),
  concernNote: z.string().nullable(),
  /** The pending (later decided) hour entry the visit's minutes became. */
  hourEntryId: Id,
  followUpId: Id.nullable(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
})
export type PairingVisit = z.infer<typeof PairingVisit>

export const FollowUpStatus = z.enum(['open', 'closed'])
export type FollowUpStatus = z.infer<typeof FollowUpStatus>

export const FollowUp = z.object({
  id: Id,
  pairingId: Id,
  visitId: Id,
  beneficiaryId: Id,
  elderName: z.string(),
  volunteerName: z.string(),
  visitedOn: IsoDate,
  concernNote: z.string(),
  status: FollowUpStatus,
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  closedBy: z.string().nullable(),
  outcome: z.string().nullable(),
})
export type FollowUp = z.infer<typeof FollowUp>

export const FollowUpListQuery = z.object({ status: FollowUpStatus.optional() })
export const FollowUpClose = z.object({ outcome: z.string().trim().min(1).max(1000) })
export type FollowUpClose = z.infer<typeof FollowUpClose>

/** `YYYY-MM-DD` plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return t.toISOString().slice(0, 10)
}

/** When the next visit is due: the last visit (or the start) plus the frequency. */
export function nextVisitDue(p: { startsOn: string; frequencyDays: number; lastVisitOn: string | null }): string {
  const from = p.lastVisitOn && p.lastVisitOn > p.startsOn ? p.lastVisitOn : p.startsOn
  return addDays(from, p.frequencyDays)
}

/** Overdue: the due day is before today (both `YYYY-MM-DD`, China time). */
export const isOverdue = (nextDueOn: string | null, today: string) => nextDueOn !== null && nextDueOn < today

/**
 * An active volunteer as the pairing form offers them (care staff may not read the volunteer
 * roster, GET /volunteers, so the pairings context answers the little the form needs).
 */
export const PairingVolunteer = z.object({
  id: Id,
  realName: z.string(),
  volunteerNumber: z.string().nullable(),
  /** How many active pairings they already have. */
  activePairings: z.number().int(),
})
export type PairingVolunteer = z.infer<typeof PairingVolunteer>
