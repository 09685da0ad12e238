import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { defineCodeList } from '../codes/define.js'
import { codeSchema } from '../codes/schema.js'
import { PovertyCause } from '../codes/schemas.js'
import { ReportLang } from '../reports/contracts.js'
import { AidHouseholdStatus, AidHouseholdType, AidMeasureStatus } from './codes.js'

// Contracts of the aid context: the dashboard, the Excel export and the partners' redacted view.
// A partner sees its households as codes, places and bands against the line: never a name, an ID
// number, a phone, a bank account, health, disability, a birth date, nor the income figures
// themselves (income is sealed-class data, architecture §3).

// ── bands against the line ───────────────────────────────────────────────────────────────────

/** 收入档位: where a household's latest per-capita net stands against its year's lines. */
export const IncomeBandList = defineCodeList('aid_income_band', [
  { code: 'below_dibao', label: { 'zh-CN': '低于低保标准', en: 'Below the dibao standard' } },
  { code: 'below_line', label: { 'zh-CN': '低于监测线', en: 'Below the monitoring line' } },
  { code: 'near_line', label: { 'zh-CN': '略高于监测线', en: 'Just above the monitoring line' } },
  { code: 'above_line', label: { 'zh-CN': '稳定高于监测线', en: 'Well above the monitoring line' } },
  { code: 'no_data', label: { 'zh-CN': '暂无收入数据', en: 'No income data yet' } },
])
export const IncomeBand = /* @__PURE__ */ codeSchema(IncomeBandList)
export type IncomeBand = z.infer<typeof IncomeBand>

/** "Just above" is less than 10% over the monitoring line: one bad harvest from falling back. */
export const NEAR_LINE_PERCENT = 10

/**
 * The band of a per-capita net against a year's lines (no figures, no line → no_data). Integer
 * arithmetic only: near_line is monitoring ≤ perCapita < monitoring × 1.1.
 */
export function incomeBand(perCapitaFen: number | null, line: { dibaoFen: number; monitoringFen: number } | null): IncomeBand {
  if (perCapitaFen === null || line === null) return 'no_data'
  if (perCapitaFen < line.dibaoFen) return 'below_dibao'
  if (perCapitaFen < line.monitoringFen) return 'below_line'
  if (perCapitaFen * 100 < line.monitoringFen * (100 + NEAR_LINE_PERCENT)) return 'near_line'
  return 'above_line'
}

// ── statistics ───────────────────────────────────────────────────────────────────────────────

/** The median in whole fen, rounded down (the mean of the middle two when the count is even). */
export function medianFen(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : Math.floor((s[mid - 1]! + s[mid]!) / 2)
}

/** The mean in whole fen, rounded down. */
export function meanFen(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return Math.floor(values.reduce((a, b) => a + b, 0) / values.length)
}

export const AidIncomeTrendPoint = z.object({
  year: z.number().int(),
  /** Households with figures for the year. */
  households: z.number().int(),
  medianPerCapitaFen: z.number().int().nullable(),
  meanPerCapitaFen: z.number().int().nullable(),
  /** Households below their own year's monitoring line (village overrides count). */
  belowLine: z.number().int(),
  belowDibao: z.number().int(),
  /** The team-wide lines of the year (the chart's reference lines), null if none set. */
  dibaoFen: z.number().int().nullable(),
  monitoringFen: z.number().int().nullable(),
})
export type AidIncomeTrendPoint = z.infer<typeof AidIncomeTrendPoint>

/** One household-year as the trend needs it. */
export interface TrendInput {
  year: number
  perCapitaFen: number
  dibaoFen: number | null
  monitoringFen: number | null
}

/** The income trend, oldest year first: one point per year any household has figures for. */
export function incomeTrend(householdYears: readonly (readonly TrendInput[])[], teamLines: ReadonlyMap<number, { dibaoFen: number; monitoringFen: number }>): AidIncomeTrendPoint[] {
  const byYear = new Map<number, TrendInput[]>()
  for (const ys of householdYears) for (const y of ys) byYear.set(y.year, [...(byYear.get(y.year) ?? []), y])
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, ys]) => {
      const pcs = ys.map((y) => y.perCapitaFen)
      const line = teamLines.get(year) ?? null
      return {
        year,
        households: ys.length,
        medianPerCapitaFen: medianFen(pcs),
        meanPerCapitaFen: meanFen(pcs),
        belowLine: ys.filter((y) => y.monitoringFen !== null && y.perCapitaFen < y.monitoringFen).length,
        belowDibao: ys.filter((y) => y.dibaoFen !== null && y.perCapitaFen < y.dibaoFen).length,
        dibaoFen: line?.dibaoFen ?? null,
        monitoringFen: line?.monitoringFen ?? null,
      }
    })
}

// ── the dashboard ────────────────────────────────────────────────────────────────────────────

export const AidDashboardQuery = z.object({
  /** The year for the bands and for deliveries and partner contributions (default: all years, bands of the latest). */
  year: z.coerce.number().int().min(2013).max(2100).optional(),
})
export type AidDashboardQuery = z.infer<typeof AidDashboardQuery>

export const AidPartnerContribution = z.object({
  partnerId: Id,
  partnerName: z.string(),
  /** Households currently paired with the partner. */
  households: z.number().int(),
  /** Standing deliveries (reversed ones are left out) and their value. */
  deliveries: z.number().int(),
  deliveredFen: z.number().int(),
})
export type AidPartnerContribution = z.infer<typeof AidPartnerContribution>

export const AidDashboard = z.object({
  year: z.number().int().nullable(),
  households: z.number().int(),
  byStatus: z.array(z.object({ status: AidHouseholdStatus, count: z.number().int() })),
  byCause: z.array(z.object({ cause: PovertyCause, count: z.number().int() })),
  incomeTrend: z.array(AidIncomeTrendPoint),
  /** Each household's band in `year` (or its latest year with figures when no year is asked). */
  bands: z.array(z.object({ band: IncomeBand, count: z.number().int() })),
  /** Measures (一户一策) by status, with the amounts planned. */
  measures: z.array(z.object({ status: AidMeasureStatus, count: z.number().int(), amountFen: z.number().int() })),
  deliveries: z.object({ count: z.number().int(), valueFen: z.number().int(), reversed: z.number().int() }),
  partners: z.array(AidPartnerContribution),
})
export type AidDashboard = z.infer<typeof AidDashboard>

export const AidExportQuery = z.object({ lang: ReportLang.default('zh-CN') })
export type AidExportQuery = z.infer<typeof AidExportQuery>

// ── partners' view links ─────────────────────────────────────────────────────────────────────

export const NewAidPartnerLink = z.object({ partnerId: Id })
export type NewAidPartnerLink = z.infer<typeof NewAidPartnerLink>

export const AidPartnerLink = z.object({
  id: Id,
  partnerId: Id,
  partnerName: z.string(),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
})
export type AidPartnerLink = z.infer<typeof AidPartnerLink>

/** Only when issued: the token itself (the server keeps its hash), to put in the partner's link. */
export const AidPartnerLinkIssued = AidPartnerLink.extend({ token: z.string() })
export type AidPartnerLinkIssued = z.infer<typeof AidPartnerLinkIssued>

/** A view token: 32 random bytes, base64url. */
export const AidPartnerToken = z.string().regex(/^[A-Za-z0-9_-]{32,100}$/)

/** What a partner sees of one household it is paired with: a code and nothing that names anyone. */
export const AidPartnerViewHousehold = z.object({
  code: z.string(),
  placePath: z.array(z.string()),
  status: AidHouseholdStatus,
  householdType: AidHouseholdType,
  memberCount: z.number().int(),
  mainCause: PovertyCause,
  /** The latest year with figures, and where it stood against the line (no figures). */
  latestYear: z.number().int().nullable(),
  band: IncomeBand,
  pairedSince: IsoDateTime,
})
export type AidPartnerViewHousehold = z.infer<typeof AidPartnerViewHousehold>

export const AidPartnerView = z.object({
  partnerName: z.string(),
  households: z.array(AidPartnerViewHousehold),
  totals: z.object({
    households: z.number().int(),
    /** Households whose latest year is at or above the monitoring line. */
    aboveLine: z.number().int(),
    deliveries: z.number().int(),
    deliveredFen: z.number().int(),
  }),
  generatedAt: IsoDateTime,
})
export type AidPartnerView = z.infer<typeof AidPartnerView>
