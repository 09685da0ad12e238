import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime } from '../common.js'

// 收入: a household's yearly income by component, recorded once a year (年度核算), at a visit, or
// credited from a partner's delivery (a job's wages, a purchase of the household's produce, tourism).
// All figures are integer fen for a whole year. Nothing is edited: a later record for the same
// year supersedes an earlier one; a partner credit is undone by a negative credit that points at it.

/** The five parts of a year's income (国家扶贫收入口径): four sources, less production costs. */
export const IncomeComponents = z.object({
  /** 工资性收入 */
  wagesFen: AmountFen,
  /** 家庭经营性收入 (gross) */
  businessFen: AmountFen,
  /** 财产性收入 */
  propertyFen: AmountFen,
  /** 转移性收入 (低保, pensions, subsidies) */
  transfersFen: AmountFen,
  /** 生产经营性支出 */
  costsFen: AmountFen,
})
export type IncomeComponents = z.infer<typeof IncomeComponents>

export const INCOME_SOURCES = ['wagesFen', 'businessFen', 'propertyFen', 'transfersFen'] as const
export type IncomeSource = (typeof INCOME_SOURCES)[number]

/** Net income: the four sources less production costs (may be negative in a bad year). */
export function netIncomeFen(c: IncomeComponents): number {
  return c.wagesFen + c.businessFen + c.propertyFen + c.transfersFen - c.costsFen
}

/**
 * Per-capita net income in whole fen, rounded down (a household is never shown as better off
 * than it is). `members` is the number of people in the household (at least one).
 */
export function perCapitaFen(netFen: number, members: number): number {
  if (!Number.isSafeInteger(netFen)) throw new RangeError(`net income must be a safe integer: ${netFen}`)
  if (!Number.isInteger(members) || members < 1) throw new RangeError(`members must be a positive integer: ${members}`)
  return Math.floor(netFen / members)
}

/** Components summed part by part (a year's base record plus its partner credits). */
export function addComponents(a: IncomeComponents, b: IncomeComponents): IncomeComponents {
  return {
    wagesFen: a.wagesFen + b.wagesFen,
    businessFen: a.businessFen + b.businessFen,
    propertyFen: a.propertyFen + b.propertyFen,
    transfersFen: a.transfersFen + b.transfersFen,
    costsFen: a.costsFen + b.costsFen,
  }
}

export const ZERO_COMPONENTS: IncomeComponents = { wagesFen: 0, businessFen: 0, propertyFen: 0, transfersFen: 0, costsFen: 0 }

export const AidIncomeSource = z.enum(['annual', 'visit', 'partner_credit'])
export type AidIncomeSource = z.infer<typeof AidIncomeSource>

/** Record a year's income (年度核算). At a visit the same components travel inside the visit. */
export const NewAidIncome = IncomeComponents.extend({
  year: z.number().int().min(2013).max(2100),
  /** The day the figures were taken. */
  asOf: IsoDate,
  /** People counted (defaults to the household's members at the time). */
  memberCount: z.number().int().min(1).max(30).optional(),
  note: z.string().trim().max(500).optional(),
})
export type NewAidIncome = z.infer<typeof NewAidIncome>

export const AidIncome = IncomeComponents.extend({
  id: Id,
  householdId: Id,
  year: z.number().int(),
  asOf: IsoDate,
  source: AidIncomeSource,
  visitId: Id.nullable(),
  deliveryId: Id.nullable(),
  memberCount: z.number().int(),
  netFen: z.number().int(),
  perCapitaFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
})
export type AidIncome = z.infer<typeof AidIncome>

// ── lines (低保标准 and 监测线) ─────────────────────────────────────────────────────────────────

/**
 * The lines a household is measured against, per capita per year, set by the team for a year and
 * optionally for one place (county, township or village): the nearest place up the household's
 * path that has a line for the year wins, then the team-wide line (placeId null).
 */
export const NewAidLine = z
  .object({
    year: z.number().int().min(2013).max(2100),
    placeId: Id.nullable().default(null),
    /** 低保标准 per person per year. */
    dibaoFen: AmountFen.min(1),
    /** 防返贫监测线 per person per year (at least the 低保 standard). */
    monitoringFen: AmountFen.min(1),
  })
  .refine((l) => l.monitoringFen >= l.dibaoFen, { path: ['monitoringFen'], message: 'must be at least the 低保 standard' })
export type NewAidLine = z.input<typeof NewAidLine>

export const AidLine = z.object({
  id: Id,
  year: z.number().int(),
  placeId: Id.nullable(),
  placePath: z.array(z.string()),
  dibaoFen: z.number().int(),
  monitoringFen: z.number().int(),
  createdAt: IsoDateTime,
})
export type AidLine = z.infer<typeof AidLine>

/** One year of a household's income against its lines: the point of the household's chart. */
export const AidIncomeYear = IncomeComponents.extend({
  year: z.number().int(),
  /** The record the year rests on (the latest annual or visit figures), null if only credits. */
  baseIncomeId: Id.nullable(),
  /** Of the components, what partners' deliveries credited. */
  creditedFen: z.number().int(),
  memberCount: z.number().int(),
  netFen: z.number().int(),
  perCapitaFen: z.number().int(),
  dibaoFen: z.number().int().nullable(),
  monitoringFen: z.number().int().nullable(),
  /** perCapita ≥ monitoring line (null when the year has no line). */
  aboveLine: z.boolean().nullable(),
})
export type AidIncomeYear = z.infer<typeof AidIncomeYear>
