import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime } from '../common.js'

// 收入: a household's yearly income by component, recorded once a year (年度核算), at a visit, or
// credited from a partner's delivery (a job's wages, a purchase of the household's produce, tourism).
// All figures are integer fen for a whole year. Nothing is edited: a later record for the same
// year supersedes an earlier one; a partner credit is undone by a negative credit that points at it.

/**
 * One component for a year: at most 100 million yuan, so that any sum of a year's records stays a
 * safe integer (a household's year never comes near it; a typo of extra digits is refused as 400).
 */
const YearFen = AmountFen.max(10_000_000_000)

/** The five parts of a year's income (国家扶贫收入口径): four sources, less production costs. */
export const IncomeComponents = z.object({
  /** 工资性收入 */
  wagesFen: YearFen,
  /** 家庭经营性收入 (gross) */
  businessFen: YearFen,
  /** 财产性收入 */
  propertyFen: YearFen,
  /** 转移性收入 (低保, pensions, subsidies) */
  transfersFen: YearFen,
  /** 生产经营性支出 */
  costsFen: YearFen,
})
export type IncomeComponents = z.infer<typeof IncomeComponents>

/** Components as stored and summed: a reversing partner credit carries them negative. */
const SignedComponents = z.object({
  wagesFen: z.number().int(),
  businessFen: z.number().int(),
  propertyFen: z.number().int(),
  transfersFen: z.number().int(),
  costsFen: z.number().int(),
})

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

export const AidIncome = SignedComponents.extend({
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
export const AidIncomeYear = SignedComponents.extend({
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

/** `GET /aid/lines?year=`: every line of the team, or one year's. */
export const AidLineQuery = z.object({ year: z.coerce.number().int().min(2013).max(2100).optional() })
export type AidLineQuery = z.infer<typeof AidLineQuery>

// ── pure rules: which line applies, what a year adds up to ───────────────────────────────────────

/** A line as the rules need it (rows from the database or the API's AidLine). */
export interface LineLike {
  year: number
  placeId: string | null
  dibaoFen: number
  monitoringFen: number
  createdAt: string
  id: string
}

/** Later creation wins; ids (time-ordered) break a tie within one instant. */
const later = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)

/**
 * The line that applies to a household for a year: the nearest place up its path (`placeIdsUpward`
 * is the household's place first, then its parents up to the county) with a line for that year,
 * then the team-wide line (placeId null); the latest created wins at one place. Null if none.
 */
export function resolveLine<L extends LineLike>(lines: readonly L[], placeIdsUpward: readonly string[], year: number): L | null {
  const best = new Map<string | null, L>()
  for (const l of lines) {
    if (l.year !== year) continue
    const cur = best.get(l.placeId)
    if (!cur || later(l, cur)) best.set(l.placeId, l)
  }
  for (const id of placeIdsUpward) {
    const l = best.get(id)
    if (l) return l
  }
  return best.get(null) ?? null
}

/** An income row as the rules need it (stored figures may come back as strings from PostgreSQL). */
export interface IncomeRecordLike extends z.infer<typeof SignedComponents> {
  id: string
  year: number
  asOf: string
  source: AidIncomeSource
  memberCount: number
  createdAt: string
}

/**
 * A household's years, oldest first. A year is its latest `annual` or `visit` record (by asOf, then
 * creation) plus every partner credit of that year (reversals are negative credits); net and
 * per-capita are computed afresh from the summed components. People counted come from the base
 * record, or `currentMembers` when the year has only credits. `lineOf(year)` gives the year's line.
 */
export function summariseIncomeYears(
  rows: readonly IncomeRecordLike[],
  lineOf: (year: number) => { dibaoFen: number; monitoringFen: number } | null,
  currentMembers: number,
): AidIncomeYear[] {
  const byYear = new Map<number, { base: IncomeRecordLike | null; credits: IncomeComponents }>()
  for (const r of rows) {
    let y = byYear.get(r.year)
    if (!y) byYear.set(r.year, (y = { base: null, credits: ZERO_COMPONENTS }))
    if (r.source === 'partner_credit') y.credits = addComponents(y.credits, componentsOf(r))
    else if (!y.base || r.asOf > y.base.asOf || (r.asOf === y.base.asOf && later(r, y.base))) y.base = r
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, { base, credits }]) => {
      const sum = addComponents(base ? componentsOf(base) : ZERO_COMPONENTS, credits)
      const memberCount = Math.max(1, base ? base.memberCount : currentMembers)
      const netFen = netIncomeFen(sum)
      const perCapita = perCapitaFen(netFen, memberCount)
      const line = lineOf(year)
      return {
        year,
        ...sum,
        baseIncomeId: base?.id ?? null,
        creditedFen: netIncomeFen(credits),
        memberCount,
        netFen,
        perCapitaFen: perCapita,
        dibaoFen: line?.dibaoFen ?? null,
        monitoringFen: line?.monitoringFen ?? null,
        aboveLine: line ? perCapita >= line.monitoringFen : null,
      }
    })
}

/** Just the five components, as numbers. */
export function componentsOf(r: z.infer<typeof SignedComponents>): IncomeComponents {
  return { wagesFen: Number(r.wagesFen), businessFen: Number(r.businessFen), propertyFen: Number(r.propertyFen), transfersFen: Number(r.transfersFen), costsFen: Number(r.costsFen) }
}
