import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { BeneficiaryKind, ServiceProject } from '../codes/schemas.js'
import { GranaryCategory } from '../granary/schemas.js'
import { QUARTER_PATTERN, REPORT_MONTH_PATTERN } from './rules.js'

// Request and response shapes of the `reports` context (报表与公开披露). Every figure is computed
// from the ledgers when asked (hours, cups, granary movements, fund entries, the care register);
// only a published disclosure is stored, frozen, and never changed (a new version supersedes it).
// Money is integer fen; months are `YYYY-MM` in China time.

export const ReportMonth = z.string().regex(REPORT_MONTH_PATTERN, 'must be YYYY-MM')
export const Quarter = z.string().regex(QUARTER_PATTERN, 'must be YYYY"Q"1-4, e.g. 2026Q3')
export type Quarter = z.infer<typeof Quarter>

export const DashboardQuery = z.object({
  from: ReportMonth.optional(),
  to: ReportMonth.optional(),
})
export type DashboardQuery = z.infer<typeof DashboardQuery>

export const ReportLang = z.enum(['zh-CN', 'en'])
export const ExportQuery = DashboardQuery.extend({ lang: ReportLang.default('zh-CN') })
export type ExportQuery = z.infer<typeof ExportQuery>

const Int = z.number().int()

export const Dashboard = z.object({
  from: ReportMonth,
  to: ReportMonth,
  months: z.array(ReportMonth),
  hours: z.object({
    /** Approved minutes (reversals and corrections included), per project and month; zero cells left out. */
    cells: z.array(z.object({ project: ServiceProject, month: ReportMonth, minutes: Int })),
    byProject: z.array(z.object({ project: ServiceProject, minutes: Int })),
    byMonth: z.array(z.object({ month: ReportMonth, minutes: Int })),
    totalMinutes: Int,
  }),
  cups: z.object({
    byMonth: z.array(z.object({ month: ReportMonth, bought: Int, served: Int, servedBeyond: Int })),
    bought: Int,
    boughtFen: Int,
    served: Int,
    /** Served beyond donations (no bought cup behind it). */
    servedBeyond: Int,
  }),
  granary: z.object({
    byCategory: z.array(
      z.object({ category: GranaryCategory, inUnits: Int, inValueFen: Int, outUnits: Int, outValueFen: Int, adjustedUnits: Int, adjustedValueFen: Int }),
    ),
    inUnits: Int,
    inValueFen: Int,
    outUnits: Int,
    outValueFen: Int,
  }),
  fund: z.object({
    byMonth: z.array(z.object({ month: ReportMonth, incomeFen: Int, spendingFen: Int })),
    incomeFen: Int,
    spendingFen: Int,
  }),
  beneficiaries: z.object({
    /** Active now; one person may count under several kinds. */
    byKind: z.array(z.object({ kind: BeneficiaryKind, count: Int })),
    active: Int,
  }),
})
export type Dashboard = z.infer<typeof Dashboard>

// ---- public disclosure ----

/** A published count: the number, or withheld (`<5`, or withheld so another cannot be worked out). */
export const PublishedCell = z.union([Int.min(0), z.object({ suppressed: z.literal(true), small: z.literal(true).optional() })])

const GranarySide = z.object({
  byCategory: z.array(z.object({ category: GranaryCategory, units: PublishedCell, valueFen: PublishedCell })),
  total: z.object({ units: PublishedCell, valueFen: PublishedCell }),
})

/** What a disclosure publishes: aggregates only, never names, ids or per-person rows. */
export const DisclosureBody = z.object({
  quarter: Quarter,
  months: z.array(ReportMonth),
  team: z.object({ code: z.string(), name: z.string() }),
  volunteersActive: PublishedCell,
  peopleServed: PublishedCell,
  activities: z.object({
    byProject: z.array(z.object({ project: ServiceProject, activities: PublishedCell, minutes: PublishedCell })),
    total: z.object({ activities: PublishedCell, minutes: PublishedCell }),
  }),
  cups: z.object({ bought: PublishedCell, served: PublishedCell }),
  granary: z.object({ in: GranarySide, out: GranarySide }),
  fund: z.object({ incomeFen: Int, spendingFen: Int }),
  beneficiaries: z.object({ byKind: z.array(z.object({ kind: BeneficiaryKind, count: PublishedCell })), total: PublishedCell }),
})
export type DisclosureBody = z.infer<typeof DisclosureBody>

export const DisclosureInput = z.object({ quarter: Quarter })
export type DisclosureInput = z.infer<typeof DisclosureInput>

export const Disclosure = z.object({
  id: Id,
  quarter: Quarter,
  version: Int.min(1),
  publishedAt: IsoDateTime,
  /** Whether a later version of the same quarter replaced it. */
  superseded: z.boolean(),
  body: DisclosureBody,
})
export type Disclosure = z.infer<typeof Disclosure>

/** A published version in the console's list (who published it is shown to staff only). */
export const DisclosureVersion = Disclosure.omit({ body: true }).extend({ publishedBy: z.string() })
export type DisclosureVersion = z.infer<typeof DisclosureVersion>

export const PublicDisclosureSummary = z.object({ quarter: Quarter, version: Int.min(1), publishedAt: IsoDateTime })
export type PublicDisclosureSummary = z.infer<typeof PublicDisclosureSummary>
