import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime, ListQuery } from '../common.js'
import { AssistanceMeasureKind } from '../codes/schemas.js'
import { AidConfirmMethod, AidMeasureStatus, AidNeedKind, AidNeedStatus } from './codes.js'
import { INCOME_SOURCES } from './income.js'
import { AidPhoto } from './visits.js'

// Contracts of the aid context: measures (一户一策), needs → pledges → deliveries.
// A measure is a plan, not money: its status moves along and keeps a history. A need is posted by
// the aid worker, pledged by partners and met by deliveries. A delivery is goods or money handed
// over: it is only ever added (with the device's own id, so a resend stores nothing twice), and a
// mistake is undone by a reversal that points at it, never by an edit.

const Text = (max: number) => z.string().trim().min(1).max(max)
const Reason = z.string().trim().min(2).max(200)
/** A positive amount in fen (zero is no amount: leave the field out). */
const PositiveFen = AmountFen.min(1)

// ── measures (一户一策) ────────────────────────────────────────────────────────────────────────

/** Where a measure may go from each status; done and cancelled are final. */
export const MEASURE_TRANSITIONS: Record<AidMeasureStatus, readonly AidMeasureStatus[]> = {
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
}

export const canMoveMeasure = (from: AidMeasureStatus, to: AidMeasureStatus): boolean => MEASURE_TRANSITIONS[from].includes(to)

export const NewAidMeasure = z.object({
  kind: AssistanceMeasureKind,
  /** What will be done, e.g. 安排户主到合作社务工. */
  content: Text(1000),
  /** The partner responsible (one of the team's partners), if any. */
  partnerId: Id.optional(),
  /** Money the measure brings or costs, when known. */
  amountFen: PositiveFen.optional(),
  dueOn: IsoDate.optional(),
})
export type NewAidMeasure = z.infer<typeof NewAidMeasure>

/** Change what a measure says (not its status); `null` clears an optional field. Open measures only. */
export const AidMeasurePatch = z
  .object({
    content: Text(1000).optional(),
    partnerId: Id.nullable().optional(),
    amountFen: PositiveFen.nullable().optional(),
    dueOn: IsoDate.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'change at least one field' })
export type AidMeasurePatch = z.infer<typeof AidMeasurePatch>

/** Move a measure on; cancelling says why. */
export const AidMeasureStatusChange = z
  .object({ status: AidMeasureStatus, reason: Reason.optional() })
  .superRefine((v, ctx) => {
    if (v.status === 'cancelled' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a cancelled measure needs a reason' })
    if (v.status === 'planned') ctx.addIssue({ code: 'custom', path: ['status'], message: 'a measure cannot go back to planned' })
  })
export type AidMeasureStatusChange = z.infer<typeof AidMeasureStatusChange>

export const AidMeasureStatusEntry = z.object({
  from: AidMeasureStatus.nullable(),
  to: AidMeasureStatus,
  at: IsoDateTime,
  by: z.string(),
  reason: z.string().nullable(),
})
export type AidMeasureStatusEntry = z.infer<typeof AidMeasureStatusEntry>

export const AidMeasure = z.object({
  id: Id,
  householdId: Id,
  kind: AssistanceMeasureKind,
  content: z.string(),
  partnerId: Id.nullable(),
  partnerName: z.string().nullable(),
  amountFen: AmountFen.nullable(),
  dueOn: IsoDate.nullable(),
  status: AidMeasureStatus,
  history: z.array(AidMeasureStatusEntry),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type AidMeasure = z.infer<typeof AidMeasure>

// ── needs and pledges ─────────────────────────────────────────────────────────────────────────

export const NewAidNeed = z.object({
  kind: AidNeedKind,
  description: Text(1000),
  /** What meeting the need is thought to cost. */
  estimatedFen: PositiveFen.optional(),
})
export type NewAidNeed = z.infer<typeof NewAidNeed>

export const AidNeedWithdraw = z.object({ reason: Reason })
export type AidNeedWithdraw = z.infer<typeof AidNeedWithdraw>

export const AidNeedListQuery = ListQuery.extend({
  /** A status, or `active`: open and pledged (what still waits for a delivery). */
  status: z.union([AidNeedStatus, z.literal('active')]).optional(),
  kind: AidNeedKind.optional(),
  householdId: Id.optional(),
  /** A place: needs of households in it or anywhere below it. */
  placeId: Id.optional(),
  /** Needs this partner pledged to or delivered for. */
  partnerId: Id.optional(),
})
export type AidNeedListQuery = z.infer<typeof AidNeedListQuery>

/**
 * A need's status from what it holds: withdrawn stays withdrawn; a delivery that stands makes it
 * delivered; else a pledge makes it pledged; else it is open (so a reversal moves it back).
 */
export function needStatusOf(n: { withdrawn: boolean; pledges: number; liveDeliveries: number }): AidNeedStatus {
  if (n.withdrawn) return 'withdrawn'
  if (n.liveDeliveries > 0) return 'delivered'
  if (n.pledges > 0) return 'pledged'
  return 'open'
}

export const NewAidPledge = z.object({
  partnerId: Id,
  /** What the partner pledged, e.g. 资助 2027 学年学费. */
  what: Text(500),
  amountFen: PositiveFen.optional(),
})
export type NewAidPledge = z.infer<typeof NewAidPledge>

export const AidPledge = z.object({
  id: Id,
  needId: Id,
  partnerId: Id,
  partnerName: z.string(),
  what: z.string(),
  amountFen: AmountFen.nullable(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
})
export type AidPledge = z.infer<typeof AidPledge>

export const AidNeed = z.object({
  id: Id,
  householdId: Id,
  householdCode: z.string(),
  kind: AidNeedKind,
  description: z.string(),
  estimatedFen: AmountFen.nullable(),
  status: AidNeedStatus,
  withdrawnReason: z.string().nullable(),
  pledgeCount: z.number().int(),
  /** Value of the deliveries that stand (reversed ones not counted). */
  deliveredFen: AmountFen,
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: IsoDateTime,
})
export type AidNeed = z.infer<typeof AidNeed>

// ── deliveries ────────────────────────────────────────────────────────────────────────────────

export const AidIncomeComponentName = z.enum(INCOME_SOURCES)
export type AidIncomeComponentName = z.infer<typeof AidIncomeComponentName>

/** The household's confirmation, captured on the worker's device at the handover. */
export const AidConfirmation = z
  .object({
    /** Who confirmed (the head or another member), as they gave their name. */
    confirmedBy: Text(100),
    method: AidConfirmMethod,
    /** The signature or thumbprint as drawn or photographed on the device. */
    signature: AidPhoto.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'signature' && !v.signature) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'a signature confirmation carries the signature image' })
    if (v.method === 'verbal' && v.signature) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'a verbal confirmation has no image' })
  })
export type AidConfirmation = z.infer<typeof AidConfirmation>

export const NewAidDelivery = z
  .object({
    /** Made on the device: a resend of the same delivery answers the stored one. */
    id: Id,
    pledgeId: Id.optional(),
    partnerId: Id,
    what: Text(500),
    valueFen: AmountFen,
    deliveredOn: IsoDate,
    /** Photo evidence of the handover, 1–4. */
    photos: z.array(AidPhoto).min(1).max(4),
    confirmation: AidConfirmation,
    /** The granary distribution the goods went out by, when they came from the granary. */
    granaryDistributionId: Id.optional(),
    /** The approved fund expense that paid for it, when the money came from the fund. */
    fundExpenseId: Id.optional(),
    /** Income the delivery brings the household (a job's wages, a purchase of its produce, tourism). */
    incomeCredit: z.object({ component: AidIncomeComponentName, amountFen: PositiveFen }).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.granaryDistributionId && v.fundExpenseId) {
      ctx.addIssue({ code: 'custom', path: ['fundExpenseId'], message: 'link a granary distribution or a fund expense, not both' })
    }
  })
export type NewAidDelivery = z.input<typeof NewAidDelivery>
export type NewAidDeliveryParsed = z.output<typeof NewAidDelivery>

export const AidDeliveryReverse = z.object({ reason: Reason })
export type AidDeliveryReverse = z.infer<typeof AidDeliveryReverse>

export const AidDeliveryReversal = z.object({
  id: Id,
  reason: z.string(),
  /** The negative income credit that undid the delivery's credit, if it had one. */
  incomeId: Id.nullable(),
  at: IsoDateTime,
  by: z.string(),
})
export type AidDeliveryReversal = z.infer<typeof AidDeliveryReversal>

/** A delivery in a list: the photos and the signature stay out (counted only). */
export const AidDeliveryItem = z.object({
  id: Id,
  needId: Id,
  needKind: AidNeedKind,
  householdId: Id,
  pledgeId: Id.nullable(),
  partnerId: Id,
  partnerName: z.string(),
  what: z.string(),
  valueFen: AmountFen,
  deliveredOn: IsoDate,
  photoCount: z.number().int(),
  hasPhotos: z.boolean(),
  confirmedBy: z.string(),
  confirmMethod: AidConfirmMethod,
  hasSignature: z.boolean(),
  granaryDistributionId: Id.nullable(),
  fundExpenseId: Id.nullable(),
  incomeCredit: z.object({ component: AidIncomeComponentName, amountFen: AmountFen, incomeId: Id }).nullable(),
  note: z.string().nullable(),
  reversal: AidDeliveryReversal.nullable(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
})
export type AidDeliveryItem = z.infer<typeof AidDeliveryItem>

/** One delivery read on its own: with the photos and the signature image. */
export const AidDelivery = AidDeliveryItem.extend({
  photos: z.array(z.string()),
  signature: z.string().nullable(),
})
export type AidDelivery = z.infer<typeof AidDelivery>

export const AidNeedDetail = AidNeed.extend({
  pledges: z.array(AidPledge),
  deliveries: z.array(AidDeliveryItem),
})
export type AidNeedDetail = z.infer<typeof AidNeedDetail>

/** Which income component a need's kind usually credits (jobs → wages, industry → business). */
export function defaultCreditComponent(kind: AidNeedKind): AidIncomeComponentName | null {
  if (kind === 'jobs') return 'wagesFen'
  if (kind === 'industry') return 'businessFen'
  return null
}
