import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { LotPhoto } from '../granary/contracts.js'
import { IncomeComponents } from './income.js'

// 入户走访: a field visit, often recorded with no network and sent later through the outbox. A
// visit is a record of what was seen: it is only ever added (its client-made id makes a resend
// harmless). Changes to the household's own fields travel separately as a PATCH on top of the
// version the worker saw, so two people's edits meet on the conflict screen, not silently.

/** 两不愁三保障: the six things a household must not lack before it can leave poverty. */
export const CHECKLIST_ITEMS = ['food', 'clothing', 'schooling', 'medical', 'housing', 'water'] as const
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

/** true = the item holds (吃穿不愁, 义务教育有保障, 基本医疗有保障, 住房安全有保障, 饮水安全有保障). */
export const AidChecklist = z.object({
  food: z.boolean(),
  clothing: z.boolean(),
  schooling: z.boolean(),
  medical: z.boolean(),
  housing: z.boolean(),
  water: z.boolean(),
})
export type AidChecklist = z.infer<typeof AidChecklist>

/** The items that do not hold, in checklist order. */
export const unmetItems = (c: AidChecklist): ChecklistItem[] => CHECKLIST_ITEMS.filter((k) => !c[k])

/** 突发困难: what a visit may find that opens a monitoring case at once. */
export const AidHardshipKind = z.enum(['serious_illness', 'accident', 'disaster', 'job_loss', 'other'])
export type AidHardshipKind = z.infer<typeof AidHardshipKind>

/** A photo taken at a visit (or of a delivery): a small data URL, as for the granary's lots. */
export const AidPhoto = LotPhoto

export const NewAidVisit = z.object({
  /** Made on the device, so a resend of the same visit is recognised. */
  id: Id,
  householdId: Id,
  visitedAt: IsoDateTime,
  notes: z.string().trim().max(2000).default(''),
  checklist: AidChecklist,
  /** Income figures for the visit's year (China time), when the worker updated them. */
  income: IncomeComponents.extend({ memberCount: z.number().int().min(1).max(30).optional() }).optional(),
  hardship: z.object({ kind: AidHardshipKind, note: z.string().trim().max(500).default('') }).optional(),
  photos: z.array(AidPhoto).max(4).default([]),
})
export type NewAidVisit = z.input<typeof NewAidVisit>
export type NewAidVisitParsed = z.output<typeof NewAidVisit>

export const AidVisit = z.object({
  id: Id,
  householdId: Id,
  householdCode: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  visitedAt: IsoDateTime,
  notes: z.string(),
  checklist: AidChecklist,
  /** The income record the visit made, with its per-capita figure. */
  incomeId: Id.nullable(),
  perCapitaFen: z.number().int().nullable(),
  hardship: z.object({ kind: AidHardshipKind, note: z.string() }).nullable(),
  photoCount: z.number().int(),
  /** The monitoring case this visit opened (income under the monitoring line, or a hardship). */
  monitoringCaseId: Id.nullable(),
  createdAt: IsoDateTime,
})
export type AidVisit = z.infer<typeof AidVisit>

/** One visit with its photos (data URLs); lists leave the photos out. */
export const AidVisitDetail = AidVisit.extend({ photos: z.array(z.string()) })
export type AidVisitDetail = z.infer<typeof AidVisitDetail>
