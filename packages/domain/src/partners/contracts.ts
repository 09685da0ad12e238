import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime, ListQuery, Phone } from '../common.js'
import { AidIntentionKind, AidIntentionStatus, ContributionSource, PartnerKind } from './schemas.js'

// Request and response shapes of the partners (爱心企业/爱心人士): who they are, what they intend to
// give, and what they actually gave (read from the fund and the granary).

const Note = z.string().trim().max(500)
const Text = (max: number) => z.string().trim().min(1).max(max)

// ---- partners ----

export const PartnerInput = z.object({
  name: Text(100),
  kind: PartnerKind,
  /** The person to talk to (for an individual, usually themselves). */
  contactName: Text(50).optional(),
  /** Sealed at rest; masked in lists and for readers. */
  contactPhone: Phone.optional(),
  /** 行业, e.g. 餐饮, 建筑, 茶叶. */
  industry: Text(50).optional(),
  note: Note.optional(),
})
export type PartnerInput = z.infer<typeof PartnerInput>

/** Changes to a partner; null clears an optional field. At least one field. */
export const PartnerPatch = z
  .object({
    name: Text(100).optional(),
    kind: PartnerKind.optional(),
    contactName: Text(50).nullable().optional(),
    contactPhone: Phone.nullable().optional(),
    industry: Text(50).nullable().optional(),
    note: Note.nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'change at least one field' })
export type PartnerPatch = z.infer<typeof PartnerPatch>

export const Partner = z.object({
  id: Id,
  name: z.string(),
  kind: PartnerKind,
  contactName: z.string().nullable(),
  /** Masked in lists and for readers; whole for writers reading one partner. */
  contactPhone: z.string().nullable(),
  industry: z.string().nullable(),
  note: z.string().nullable(),
  /** Granary donors linked to this partner (their donations count as the partner's). */
  granaryDonorIds: z.array(Id),
  openIntentionCount: z.number().int().min(0),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Partner = z.infer<typeof Partner>

export const PartnerListQuery = ListQuery.extend({ kind: PartnerKind.optional() })

// ---- aid intentions ----

export const AidIntentionInput = z.object({
  kind: AidIntentionKind,
  description: Text(500),
  /** Money pledged or the value of goods, jobs or purchases, in fen. */
  amountFen: AmountFen.min(1).max(10_000_000_000).optional(),
  /** Places in a training, jobs, units of goods… */
  quantity: z.number().int().min(1).max(1_000_000).optional(),
  /** The last day the intention holds (China time). */
  validUntil: IsoDate.optional(),
})
export type AidIntentionInput = z.infer<typeof AidIntentionInput>

/** Closes an open intention: it was fulfilled, or the partner withdrew it. */
export const AidIntentionStatusInput = z.object({ status: z.enum(['fulfilled', 'withdrawn']), note: Note.optional() })
export type AidIntentionStatusInput = z.infer<typeof AidIntentionStatusInput>

export const AidIntention = z.object({
  id: Id,
  partnerId: Id,
  partnerName: z.string(),
  kind: AidIntentionKind,
  description: z.string(),
  amountFen: AmountFen.nullable(),
  quantity: z.number().int().nullable(),
  validUntil: IsoDate.nullable(),
  status: AidIntentionStatus,
  createdBy: z.string(),
  createdAt: IsoDateTime,
  closedBy: z.string().nullable(),
  closedAt: IsoDateTime.nullable(),
  closeNote: z.string().nullable(),
})
export type AidIntention = z.infer<typeof AidIntention>

export const AidIntentionListQuery = ListQuery.extend({ status: AidIntentionStatus.optional(), kind: AidIntentionKind.optional() })

// ---- links and contributions ----

/** Links a granary donor to the partner: the donor's donations then count as the partner's. */
export const PartnerGranaryDonorInput = z.object({ donorId: Id })
export type PartnerGranaryDonorInput = z.infer<typeof PartnerGranaryDonorInput>

export const ContributionLine = z.object({
  source: ContributionSource,
  /** The income or donation id in its own context. */
  id: Id,
  /** Its receipt number. */
  reference: z.string(),
  at: IsoDateTime,
  /** Money, or the frozen value of goods, in fen. */
  amountFen: AmountFen,
  /** Reversed lines are listed but not counted. */
  reversed: z.boolean(),
})
export type ContributionLine = z.infer<typeof ContributionLine>

export const ContributionSummary = z.object({
  source: ContributionSource,
  /** Lines not reversed. */
  count: z.number().int().min(0),
  totalFen: AmountFen,
  lines: z.array(ContributionLine),
})
export type ContributionSummary = z.infer<typeof ContributionSummary>

export const PartnerContributions = z.object({
  partnerId: Id,
  /** Sum over the sources, reversed lines left out. */
  totalFen: AmountFen,
  /** One per source, in ContributionSourceList order. */
  sources: z.array(ContributionSummary),
})
export type PartnerContributions = z.infer<typeof PartnerContributions>
