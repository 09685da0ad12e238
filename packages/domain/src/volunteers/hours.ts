import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime } from '../common.js'
import { ServiceProject } from '../codes/schemas.js'

// Service hours (服务时长) as an append-only ledger of minutes: an entry is pending until a leader
// approves or rejects it; an approved entry is never changed — a correction is a reversing entry
// (negative minutes, `reverses` set) plus, where needed, a new one.

export const HourSource = z.enum([
  /** From check-in/check-out: the actual service time. */
  'attendance',
  /** 补录: added afterwards by a leader with a reason, capped at the activity's length. */
  'supplement',
  /** Taking back an approved entry, whole. */
  'reversal',
  /** The right figure after a correction. */
  'correction',
  /** 空巢不空心: a logged home visit to a paired elder (no activity; project empty_nest). */
  'visit',
])
export type HourSource = z.infer<typeof HourSource>

export const HourStatus = z.enum(['pending', 'approved', 'rejected'])
export type HourStatus = z.infer<typeof HourStatus>

export const HourEntry = z.object({
  id: Id,
  volunteerId: Id,
  volunteerName: z.string(),
  activityId: Id.nullable(),
  activityTitle: z.string().nullable(),
  project: ServiceProject,
  /** The day the service was done (China time). */
  serviceDate: IsoDate,
  /** Negative only for a reversal. */
  minutes: z.number().int(),
  source: HourSource,
  reason: z.string().nullable(),
  status: HourStatus,
  /** The entry this one reverses or corrects. */
  reverses: Id.nullable(),
  /** Whether this entry has been reversed since. */
  reversed: z.boolean(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  decidedBy: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  /** An open correction request by the volunteer, if any. */
  correctionRequest: z.object({ id: Id, minutes: z.number().int(), reason: z.string(), status: z.enum(['open', 'accepted', 'declined']) }).nullable(),
})
export type HourEntry = z.infer<typeof HourEntry>

export const HourListQuery = z.object({
  status: HourStatus.optional(),
  volunteerId: Id.optional(),
  activityId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
})
export type HourListQuery = z.infer<typeof HourListQuery>

/** 补录: a leader adds hours afterwards for someone who served. */
export const SupplementHours = z.object({
  volunteerId: Id,
  activityId: Id,
  minutes: z.number().int().min(1).max(24 * 60),
  reason: z.string().trim().min(1).max(500),
})
export type SupplementHours = z.infer<typeof SupplementHours>

/** Approve or reject pending entries, one or many at once (all or nothing). */
export const HourDecision = z.object({
  entryIds: z.array(Id).min(1).max(500),
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
})
export type HourDecision = z.infer<typeof HourDecision>

/** A volunteer asks for an entry's minutes to be put right. */
export const CorrectionRequest = z.object({
  minutes: z.number().int().min(0).max(24 * 60),
  reason: z.string().trim().min(1).max(500),
})
export type CorrectionRequest = z.infer<typeof CorrectionRequest>

/** A leader's answer: accepting an approved entry's correction writes the reversal and the new entry. */
export const CorrectionDecision = z.object({ accept: z.boolean(), note: z.string().trim().max(500).optional() })
export type CorrectionDecision = z.infer<typeof CorrectionDecision>

export const HourCorrectionStatus = z.enum(['open', 'accepted', 'declined'])
export type HourCorrectionStatus = z.infer<typeof HourCorrectionStatus>

/** A volunteer's request to put an approved entry right, as the leaders' queue shows it. */
export const HourCorrection = z.object({
  id: Id,
  /** The approved entry it is about (`entry.volunteerName` says whose). */
  entry: HourEntry,
  /** The minutes the volunteer says are right. */
  minutes: z.number().int(),
  reason: z.string(),
  status: HourCorrectionStatus,
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
})
export type HourCorrection = z.infer<typeof HourCorrection>

export const HourCorrectionListQuery = z.object({ status: HourCorrectionStatus.default('open') })

/** Star thresholds (hours for 1–5 stars) per team. */
export const StarThresholds = z
  .array(z.number().int().min(1).max(100_000))
  .length(5)
  .refine((t) => t.every((h, i) => i === 0 || h > t[i - 1]!), 'must be five increasing hour counts')
export type StarThresholds = z.infer<typeof StarThresholds>

/**
 * A team's volunteer-service settings: star thresholds and what its certificates print. Until a
 * leader saves them: thresholds 100/300/600/1000/1500 hours, person in charge and contact empty
 * (the certificate's issuer is always the team's name).
 */
export const VolunteerSettings = z.object({
  starThresholds: StarThresholds,
  /** 负责人 printed on certificates. */
  personInCharge: z.string().trim().max(50),
  /** 联系方式 printed on certificates (an office phone, not a person's mobile, ideally). */
  contact: z.string().trim().max(100),
})
export type VolunteerSettings = z.infer<typeof VolunteerSettings>

/** A volunteer's approved service: total, star, and what the chart shows. */
export const HoursSummary = z.object({
  volunteerId: Id,
  approvedMinutes: z.number().int(),
  pendingMinutes: z.number().int(),
  starLevel: z.number().int().min(0).max(5),
  /** Hours still needed for the next star; null at five stars. */
  hoursToNext: z.number().nullable(),
  thresholds: StarThresholds,
  /** Approved minutes by month (`YYYY-MM`, China time), oldest first, the last 12 months. */
  byMonth: z.array(z.object({ month: z.string(), minutes: z.number().int() })),
  byProject: z.array(z.object({ project: ServiceProject, minutes: z.number().int() })),
})
export type HoursSummary = z.infer<typeof HoursSummary>

/** 志愿服务证明: what a leader issues for a chosen period. */
export const CertificateRequest = z
  .object({
    volunteerId: Id,
    from: IsoDate,
    to: IsoDate,
    /** 经办人: the person handling it; defaults to the issuer's display name. */
    handler: z.string().trim().min(1).max(50).optional(),
  })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'must not be before the start' })
export type CertificateRequest = z.infer<typeof CertificateRequest>

export const Certificate = z.object({
  id: Id,
  number: z.string(),
  volunteerId: Id,
  realName: z.string(),
  idType: z.string(),
  idNumberMasked: z.string(),
  volunteerNumber: z.string(),
  from: IsoDate,
  to: IsoDate,
  approvedMinutes: z.number().int(),
  /** Service content: hours per project and the activities in the period. */
  content: z.array(z.object({ project: ServiceProject, minutes: z.number().int(), activities: z.number().int() })),
  issuer: z.string(),
  personInCharge: z.string(),
  handler: z.string(),
  contact: z.string(),
  issuedAt: IsoDateTime,
  /** The public check page the QR code points to. */
  checkUrl: z.string(),
  revokedAt: IsoDateTime.nullable(),
  revokeReason: z.string().nullable(),
})
export type Certificate = z.infer<typeof Certificate>

export const CertificateListQuery = z.object({
  /** Leaders only: one volunteer's certificates. */
  volunteerId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

export const CertificateRevoke = z.object({ reason: z.string().trim().min(1).max(500) })

/** What anyone can read about a certificate from its number: no ID number, a masked name. */
export const PublicCertificate = z.object({
  number: z.string(),
  maskedName: z.string(),
  approvedMinutes: z.number().int(),
  from: IsoDate,
  to: IsoDate,
  issuer: z.string(),
  issuedAt: IsoDateTime,
  status: z.enum(['valid', 'revoked']),
})
export type PublicCertificate = z.infer<typeof PublicCertificate>

/** 少抽一包烟，少打一盘麻将: a monthly amount a volunteer pledges to the welfare fund. */
export const PledgeInput = z.object({ monthlyFen: AmountFen.min(100).max(1_000_000) })
export const Pledge = z.object({
  id: Id,
  volunteerId: Id,
  monthlyFen: AmountFen,
  /** First month it counts for, `YYYY-MM`. */
  fromMonth: z.string(),
  /** Last month, once it was changed or stopped; null while it runs. */
  toMonth: z.string().nullable(),
  createdAt: IsoDateTime,
})
export type Pledge = z.infer<typeof Pledge>
export const PledgeSummary = z.object({
  current: Pledge.nullable(),
  history: z.array(Pledge),
  year: z.number().int(),
  /** Sum over this year's months of the pledge running in each (up to the current month). */
  yearTotalFen: AmountFen,
})
export type PledgeSummary = z.infer<typeof PledgeSummary>
