// The mock reports (报表与公开披露) for dev mode and the tests: the same routes, roles and error codes
// as packages/api/src/reports/*, over figures made up per month (the same every time, so tests can
// count on them) and disclosures kept per mock world. Every JSON body goes through `respond()`.
import {
  applyMask,
  BeneficiaryKindList,
  chinaMonthRange,
  Dashboard,
  DashboardQuery,
  Disclosure,
  DisclosureBody,
  DisclosureInput,
  DisclosureVersion,
  GranaryCategoryList,
  monthsBetween,
  PublicDisclosureSummary,
  Quarter,
  quarterMonths,
  ServiceProjectList,
  shiftMonth,
  suppressCount,
  suppressTable,
  type BeneficiaryKind,
  type GranaryCategory,
  type ServiceProject,
} from '@chayi/domain'
import { fail, http, HttpResponse, respond, z, type MockState } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, invalid, mockRoutes, perWorld, storedWorld } from '../mock-kit'

const READERS = ['leader', 'admin', 'care_staff']
const PUBLISHERS = ['leader', 'admin']
const STORE_KEY = 'chayi.care.mock.reports'

interface Stored {
  id: string
  quarter: string
  version: number
  publishedAt: string
  publishedBy: string
  body: DisclosureBody
}
export interface ReportsWorld {
  disclosures: Stored[]
}
const worlds = perWorld((): ReportsWorld => ({ disclosures: [] }))
export const reportsOf = (state: MockState): ReportsWorld => worlds.get(state)

const chinaMonth = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)
/** A made-up figure for a month and a key: the same every time. */
function figure(month: string, key: string, max: number): number {
  let h = 2166136261
  for (const ch of `${month}:${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return (h >>> 0) % (max + 1)
}

const PROJECT_MINUTES: Partial<Record<ServiceProject, number>> = { granary: 9000, neighbour_academy: 5000, elder_storytelling: 3000, hand_in_hand: 2400, empty_nest: 4000 }
const CATEGORY_UNITS: Partial<Record<GranaryCategory, [number, number]>> = { grain_oil: [60, 3500], food: [40, 1200], daily_necessities: [25, 1500], clothing: [8, 6000], bedding: [3, 12000] }
const KINDS: Record<BeneficiaryKind, number> = { elderly: 64, disabled: 31, empty_nest_elderly: 18, low_income: 3 }

/** The dashboard of made-up figures over the months (the mock register has the same beneficiaries every month). */
export function mockDashboard(from: string, to: string): Dashboard {
  const months = monthsBetween(from, to)
  const cells = months.flatMap((month) =>
    ServiceProjectList.codes.flatMap((project) => {
      const top = PROJECT_MINUTES[project]
      const minutes = top ? figure(month, project, top) : 0
      return minutes ? [{ project, month, minutes }] : []
    }),
  )
  const sumBy = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0)
  const byProject = ServiceProjectList.codes.flatMap((project) => {
    const minutes = sumBy(
      cells.filter((c) => c.project === project),
      (c) => c.minutes,
    )
    return minutes ? [{ project, minutes }] : []
  })
  const cups = months.map((month) => {
    const bought = 80 + figure(month, 'cups', 120)
    const served = Math.max(0, bought - 20 + figure(month, 'served', 30))
    return { month, bought, served, servedBeyond: figure(month, 'beyond', 3) }
  })
  const byCategory = GranaryCategoryList.codes.flatMap((category) => {
    const c = CATEGORY_UNITS[category]
    if (!c) return []
    const inUnits = sumBy(months, (m) => figure(m, `${category}:in`, c[0]))
    const outUnits = Math.min(inUnits, sumBy(months, (m) => figure(m, `${category}:out`, c[0])))
    return [{ category, inUnits, inValueFen: inUnits * c[1], outUnits, outValueFen: outUnits * c[1], adjustedUnits: 0, adjustedValueFen: 0 }]
  })
  const fund = months.map((month) => ({ month, incomeFen: 100_000 + figure(month, 'income', 900_000), spendingFen: figure(month, 'spending', 600_000) }))
  return {
    from,
    to,
    months,
    hours: { cells, byProject, byMonth: months.map((month) => ({ month, minutes: sumBy(cells.filter((c) => c.month === month), (c) => c.minutes) })), totalMinutes: sumBy(cells, (c) => c.minutes) },
    cups: { byMonth: cups, bought: sumBy(cups, (c) => c.bought), boughtFen: sumBy(cups, (c) => c.bought) * 500, served: sumBy(cups, (c) => c.served), servedBeyond: sumBy(cups, (c) => c.servedBeyond) },
    granary: {
      byCategory,
      inUnits: sumBy(byCategory, (r) => r.inUnits),
      inValueFen: sumBy(byCategory, (r) => r.inValueFen),
      outUnits: sumBy(byCategory, (r) => r.outUnits),
      outValueFen: sumBy(byCategory, (r) => r.outValueFen),
    },
    fund: { byMonth: fund, incomeFen: sumBy(fund, (m) => m.incomeFen), spendingFen: sumBy(fund, (m) => m.spendingFen) },
    beneficiaries: { byKind: BeneficiaryKindList.codes.map((kind) => ({ kind, count: KINDS[kind] })), active: 97 },
  }
}

/** What the mock would publish for a quarter, suppressed as the server does. */
export function mockDisclosureBody(state: MockState, quarter: string): DisclosureBody {
  const months = quarterMonths(quarter)
  const d = mockDashboard(months[0], months[2])
  // A few activities per project; storytelling had just 2 this quarter (withheld, and one more with it).
  const activities = ServiceProjectList.codes.map((p) => (p === 'elder_storytelling' ? 2 : PROJECT_MINUTES[p] ? 6 + figure(quarter, p, 10) : 0))
  const act = suppressTable(activities)
  const mins = applyMask(
    ServiceProjectList.codes.map((p) => d.hours.byProject.find((x) => x.project === p)?.minutes ?? 0),
    act.mask,
  )
  const side = (units: (c: GranaryCategory) => number, value: (c: GranaryCategory) => number) => {
    const u = suppressTable(GranaryCategoryList.codes.map(units))
    const v = applyMask(GranaryCategoryList.codes.map(value), u.mask)
    return { byCategory: GranaryCategoryList.codes.map((category, i) => ({ category, units: u.cells[i]!, valueFen: v.cells[i]! })), total: { units: u.total, valueFen: v.total } }
  }
  const row = (c: GranaryCategory) => d.granary.byCategory.find((r) => r.category === c)
  const kinds = suppressTable(d.beneficiaries.byKind.map((k) => k.count))
  return DisclosureBody.parse({
    quarter,
    months: [...months],
    team: { code: state.team.code, name: state.team.name },
    volunteersActive: suppressCount(126),
    peopleServed: suppressCount(83),
    activities: { byProject: ServiceProjectList.codes.map((project, i) => ({ project, activities: act.cells[i]!, minutes: mins.cells[i]! })), total: { activities: act.total, minutes: mins.total } },
    cups: { bought: d.cups.bought, served: d.cups.served },
    granary: {
      in: side(
        (c) => row(c)?.inUnits ?? 0,
        (c) => row(c)?.inValueFen ?? 0,
      ),
      out: side(
        (c) => row(c)?.outUnits ?? 0,
        (c) => row(c)?.outValueFen ?? 0,
      ),
    },
    fund: { incomeFen: d.fund.incomeFen, spendingFen: d.fund.spendingFen },
    beneficiaries: { byKind: d.beneficiaries.byKind.map((k, i) => ({ kind: k.kind, count: kinds.cells[i]! })), total: suppressCount(d.beneficiaries.active) },
  })
}

const Preview = z.object({ body: DisclosureBody, ended: z.boolean(), nextVersion: z.number().int() })
const Versions = z.object({ items: z.array(DisclosureVersion) })
const PublicList = z.object({ items: z.array(PublicDisclosureSummary) })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const reportsHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts)
  const { world, persist } = storedWorld(worlds, getState, opts.storage, STORE_KEY)
  const { caller, read } = mockRoutes(getState, v1, { world })
  const range = (url: URL) => {
    const q = DashboardQuery.safeParse({ from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined })
    if (!q.success) return invalid(q.error)
    const to = q.data.to ?? chinaMonth(getState().now())
    const from = q.data.from ?? shiftMonth(to, -11)
    if (from > to) return fail(400, 'invalid_range', '`from` must not be after `to`.')
    return { from, to }
  }
  const latest = (quarter: string) =>
    world()
      .disclosures.filter((d) => d.quarter === quarter)
      .sort((a, b) => b.version - a.version)[0]
  const toDisclosure = (d: Stored, superseded: boolean) => ({ id: d.id, quarter: d.quarter, version: d.version, publishedAt: d.publishedAt, superseded, body: d.body })

  return [
    read('/reports/dashboard', READERS, ({ url }) => {
      const r = range(url)
      if (r instanceof Response) return r
      return respond(Dashboard, mockDashboard(r.from, r.to))
    }),
    read('/reports/export.xlsx', READERS, ({ url }) => {
      const r = range(url)
      if (r instanceof Response) return r
      // Not a workbook (the mock has no exceljs): a file of the right type, so the download works.
      return new HttpResponse(new TextEncoder().encode(`mock report ${r.from}–${r.to}`), { headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="report_${r.from}_${r.to}.xlsx"` } })
    }),
    read('/reports/disclosures/preview', PUBLISHERS, ({ url }) => {
      const q = Quarter.safeParse(url.searchParams.get('quarter'))
      if (!q.success) return invalid(q.error)
      const ended = getState().now().toISOString() >= chinaMonthRange(quarterMonths(q.data)[2]).to
      return respond(Preview, { body: mockDisclosureBody(getState(), q.data), ended, nextVersion: (latest(q.data)?.version ?? 0) + 1 })
    }),
    http.post(v1('/reports/disclosures'), async ({ request }) => {
      const who = caller(PUBLISHERS)
      if (who instanceof Response) return who
      const b = DisclosureInput.safeParse(await request.json().catch(() => undefined))
      if (!b.success) return invalid(b.error)
      const now = getState().now().toISOString()
      if (now < chinaMonthRange(quarterMonths(b.data.quarter)[2]).to) return fail(422, 'quarter_not_ended', `${b.data.quarter} has not ended yet.`)
      const row: Stored = { id: crypto.randomUUID(), quarter: b.data.quarter, version: (latest(b.data.quarter)?.version ?? 0) + 1, publishedAt: now, publishedBy: who.user.displayName, body: mockDisclosureBody(getState(), b.data.quarter) }
      world().disclosures.push(row)
      persist()
      return respond(Disclosure, toDisclosure(row, false), { status: 201 })
    }),
    read('/reports/disclosures', PUBLISHERS, () => {
      const rows = [...world().disclosures].sort((a, b) => b.quarter.localeCompare(a.quarter) || b.version - a.version)
      return respond(Versions, { items: rows.map((d) => ({ id: d.id, quarter: d.quarter, version: d.version, publishedAt: d.publishedAt, superseded: d.version < latest(d.quarter)!.version, publishedBy: d.publishedBy })) })
    }),
    http.get(v1('/public/disclosures'), ({ request }) => {
      if (new URL(request.url).searchParams.get('team') !== getState().team.code) return fail(404, 'not_found', 'Team not found.')
      const quarters = [...new Set(world().disclosures.map((d) => d.quarter))].sort().reverse()
      return respond(PublicList, { items: quarters.map((q) => latest(q)!).map((d) => ({ quarter: d.quarter, version: d.version, publishedAt: d.publishedAt })) })
    }),
    http.get(v1('/public/disclosures/:team/:quarter'), ({ params }) => {
      const d = params.team === getState().team.code ? latest(String(params.quarter)) : undefined
      if (!d) return fail(404, 'not_found', 'Disclosure not found.')
      return respond(Disclosure, toDisclosure(d, false))
    }),
  ]
}
