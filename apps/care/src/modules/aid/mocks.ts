// The mock 情系藏区 desk for dev mode and the tests: the routes the care console calls, with the
// API's roles, rules and error codes (packages/api/src/aid/*-routes.ts), every answer parsed by the
// domain schema. Kept per mock world in memory (a reload of the dev page starts again).
import {
  AID_DEFAULT_SETTINGS,
  AidSettings,
  AidDashboard,
  AidDelivery,
  AidDeliveryReverse,
  AidExit,
  AidExitApproval,
  AidExitCandidate,
  AidExitObjection,
  AidExitStatus,
  AidHomeCheck,
  AidHouseholdListItem,
  AidLine,
  AidLineQuery,
  AidMonitoringCase,
  AidMonitoringDecisionInput,
  AidNeed,
  AidNeedDetail,
  AidNeedListQuery,
  AidNeedWithdraw,
  AidPartnerLink,
  AidPartnerLinkIssued,
  AidPartnerView,
  AidPlace,
  AidPledge,
  AidPublicNotices,
  caseAlerts,
  incomeBand,
  NewAidLine,
  NewAidPartnerLink,
  NewAidPledge,
  needStatusOf,
  page,
  type AidDeliveryItem,
  type AidHouseholdStatus,
  type AidMeasureStatus,
  type AidNeedStatus,
  type IncomeBand,
  type PovertyCause,
} from '@chayi/domain'
import { fail, http, HttpResponse, respond, z, type MockState } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, invalid, mockRoutes, perWorld, Refusal, refused, respondPage, type ReadCtx } from '../mock-kit'
import { partnersOf } from '../partners/mocks'
import { addDays, aidId, chinaDay, seedAid, type AidWorld, type HouseholdRec, type NeedRec } from './seed'

const AID = ['aid_worker', 'leader', 'admin'] as const
const LEADERS = ['leader', 'admin'] as const
const worlds = perWorld(seedAid)

/** The aid records of a mock world (made, with demo data, on first use). */
export const aidOf = (state: MockState): AidWorld => worlds.get(state)

const nextId = (w: AidWorld) => aidId(++w.seq)

const liveDeliveries = (w: AidWorld, needId: string) => w.deliveries.filter((d) => d.needId === needId && !d.reversal)
function needStatus(w: AidWorld, n: NeedRec): AidNeedStatus {
  return needStatusOf({ withdrawn: n.withdrawnReason !== null, pledges: w.pledges.filter((p) => p.needId === n.id).length, liveDeliveries: liveDeliveries(w, n.id).length })
}
function toNeed(w: AidWorld, n: NeedRec): AidNeed {
  const hh = w.households.find((h) => h.id === n.householdId)!
  return {
    ...n,
    householdCode: hh.code,
    status: needStatus(w, n),
    pledgeCount: w.pledges.filter((p) => p.needId === n.id).length,
    deliveredFen: liveDeliveries(w, n.id).reduce((s, d) => s + d.valueFen, 0),
  }
}
const itemOf = (d: AidDelivery): AidDeliveryItem => {
  const { photos: _p, signature: _s, ...item } = d
  return item
}
function toNeedDetail(w: AidWorld, n: NeedRec): AidNeedDetail {
  return {
    ...toNeed(w, n),
    pledges: w.pledges.filter((p) => p.needId === n.id),
    deliveries: w.deliveries
      .filter((d) => d.needId === n.id)
      .sort((a, b) => (a.deliveredOn < b.deliveredOn ? 1 : -1))
      .map(itemOf),
  }
}
const toListItem = (h: HouseholdRec): AidHouseholdListItem => ({
  id: h.id,
  code: h.code,
  placeId: h.placeId,
  placePath: h.placePath,
  householdType: h.householdType,
  yearIdentified: h.yearIdentified,
  mainCause: h.mainCause,
  secondaryCauses: h.secondaryCauses,
  status: h.status,
  headNameMasked: `${[...h.headName][0]}＊＊`,
  memberCount: h.memberCount,
  assignedWorkerId: null,
  version: 1,
  updatedAt: h.pairedSince,
})

function lineOf(w: AidWorld, year: number) {
  return w.lines.filter((l) => l.year === year && l.placeId === null).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null
}
function bandOf(w: AidWorld, h: HouseholdRec): { year: number | null; band: IncomeBand } {
  const years = Object.keys(h.perCapita).map(Number).sort()
  const year = years.at(-1) ?? null
  return { year, band: year === null ? 'no_data' : incomeBand(h.perCapita[year]!, lineOf(w, year)) }
}

function dashboard(w: AidWorld): AidDashboard {
  const count = <K extends string>(keys: K[]) => [...new Set(keys)].map((k) => ({ k, count: keys.filter((x) => x === k).length }))
  const years = [2022, 2023, 2024, 2025]
  const partners = partnersOf(worldState.get(w)!).partners
  const live = w.deliveries.filter((d) => !d.reversal)
  const measures: { status: AidMeasureStatus; count: number; amountFen: number }[] = [
    { status: 'planned', count: 9, amountFen: 4_200_000 },
    { status: 'in_progress', count: 14, amountFen: 8_650_000 },
    { status: 'done', count: 23, amountFen: 12_300_000 },
    { status: 'cancelled', count: 2, amountFen: 300_000 },
  ]
  return {
    year: null,
    households: w.households.length,
    byStatus: count<AidHouseholdStatus>(w.households.map((h) => h.status)).map(({ k, count }) => ({ status: k, count })),
    byCause: count<PovertyCause>(w.households.map((h) => h.mainCause)).map(({ k, count }) => ({ cause: k, count })).sort((a, b) => b.count - a.count),
    incomeTrend: years.map((year) => {
      const pcs = w.households.map((h) => h.perCapita[year]!).sort((a, b) => a - b)
      const line = lineOf(w, year)
      const mid = pcs.length >> 1
      return {
        year,
        households: pcs.length,
        medianPerCapitaFen: pcs.length % 2 ? pcs[mid]! : Math.floor((pcs[mid - 1]! + pcs[mid]!) / 2),
        meanPerCapitaFen: Math.floor(pcs.reduce((a, b) => a + b, 0) / pcs.length),
        belowLine: line ? pcs.filter((p) => p < line.monitoringFen).length : 0,
        belowDibao: line ? pcs.filter((p) => p < line.dibaoFen).length : 0,
        dibaoFen: line?.dibaoFen ?? null,
        monitoringFen: line?.monitoringFen ?? null,
      }
    }),
    bands: count<IncomeBand>(w.households.map((h) => bandOf(w, h).band)).map(({ k, count }) => ({ band: k, count })),
    measures,
    deliveries: { count: live.length, valueFen: live.reduce((s, d) => s + d.valueFen, 0), reversed: w.deliveries.length - live.length },
    partners: partners
      .map((p) => ({
        partnerId: p.id,
        partnerName: p.name,
        households: w.households.filter((h) => h.partnerId === p.id).length,
        deliveries: live.filter((d) => d.partnerId === p.id).length,
        deliveredFen: live.filter((d) => d.partnerId === p.id).reduce((s, d) => s + d.valueFen, 0),
      }))
      .filter((p) => p.households || p.deliveries),
  }
}
/** Which mock state a world belongs to (the dashboard reads the partners of the same state). */
const worldState = new WeakMap<AidWorld, MockState>()

function partnerView(w: AidWorld, partnerId: string, now: Date): AidPartnerView {
  const partner = partnersOf(worldState.get(w)!).partners.find((p) => p.id === partnerId)!
  const mine = w.households.filter((h) => h.partnerId === partnerId)
  const live = w.deliveries.filter((d) => !d.reversal && d.partnerId === partnerId)
  const households = mine.map((h) => {
    const { year, band } = bandOf(w, h)
    return { code: h.code, placePath: h.placePath, status: h.status, householdType: h.householdType, memberCount: h.memberCount, mainCause: h.mainCause, latestYear: year, band, pairedSince: h.pairedSince }
  })
  return {
    partnerName: partner.name,
    households,
    totals: { households: mine.length, aboveLine: households.filter((h) => h.band === 'near_line' || h.band === 'above_line').length, deliveries: live.length, deliveredFen: live.reduce((s, d) => s + d.valueFen, 0) },
    generatedAt: now.toISOString(),
  }
}

function latestExit(w: AidWorld, householdId: string) {
  return w.exits.filter((e) => e.householdId === householdId).sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1))[0] ?? null
}

// ---- handlers ----

export const aidHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts)
  const world = () => {
    const s = getState()
    const w = aidOf(s)
    worldState.set(w, s)
    return w
  }
  const { caller, read } = mockRoutes(getState, v1, { world })
  /** A checked POST (no Idempotency-Key replay, nothing saved): `run` answers itself. */
  const write = <S extends z.ZodType>(path: string, roles: readonly string[], body: S, run: (b: z.infer<S>, ctx: ReadCtx<AidWorld>) => Response) =>
    http.post(v1(path), async ({ request, params }) => {
      const who = caller(roles)
      if (who instanceof Response) return who
      const raw = (await request.json().catch(() => ({}))) as unknown
      const b = body.safeParse(raw)
      if (!b.success) return invalid(b.error)
      try {
        return run(b.data, { w: world(), url: new URL(request.url), params: params as Record<string, string>, who, now: getState().now() })
      } catch (e) {
        return refused(e)
      }
    })
  const needOr404 = (w: AidWorld, id: string | undefined) => {
    const n = w.needs.find((x) => x.id === id)
    if (!n) throw new Refusal(404, 'not_found', 'Need not found.')
    return n
  }
  const householdOr404 = (w: AidWorld, id: string | undefined) => {
    const h = w.households.find((x) => x.id === id)
    if (!h) throw new Refusal(404, 'not_found', 'Household not found.')
    return h
  }
  /** The place and every place below it, as the API's `placeId` filters take it. */
  const placeAndBelow = (w: AidWorld, id: string) => {
    const out = new Set([id])
    for (let grew = true; grew; ) {
      grew = false
      for (const p of w.places) {
        if (p.parentId && out.has(p.parentId) && !out.has(p.id)) {
          out.add(p.id)
          grew = true
        }
      }
    }
    return out
  }
  const caseOr404 = (w: AidWorld, id: string | undefined) => {
    const c = w.cases.find((x) => x.id === id)
    if (!c) throw new Refusal(404, 'not_found', 'Monitoring case not found.')
    return c
  }
  /** The overdue flags as the API computes them (caseAlerts), kept on the stored case. */
  const withAlerts = (c: AidMonitoringCase, now: Date): AidMonitoringCase => Object.assign(c, caseAlerts(c, now))
  const publicPath = (path: string) => http.get(v1(path), ({ request, params }) => {
    try {
      return route(path, new URL(request.url), params as Record<string, string>)
    } catch (e) {
      return refused(e)
    }
  })
  function route(path: string, url: URL, params: Record<string, string>): Response {
    const w = world()
    const now = getState().now()
    if (path.startsWith('/public/aid/partner-view')) {
      const link = w.links.find((l) => l.token === params.token)
      if (!link || link.revokedAt) throw new Refusal(404, 'not_found', 'View not found.')
      return respond(AidPartnerView, partnerView(w, link.partnerId, now))
    }
    const team = url.searchParams.get('team')
    if (!team) return fail(400, 'invalid_request', 'The query is not valid.', [{ path: 'team', message: 'Required' }])
    if (team !== getState().team.code) throw new Refusal(404, 'not_found', 'Team not found.')
    const today = chinaDay(now)
    const items = w.exits
      .filter((e) => e.noticeStartsOn && e.noticeEndsOn && addDays(e.noticeEndsOn, 30) >= today)
      .map((e) => {
        const h = w.households.find((x) => x.id === e.householdId)!
        return {
          householdCode: h.code,
          placePath: h.placePath,
          householdType: h.householdType,
          memberCount: h.memberCount,
          headName: h.headName,
          year: e.year,
          perCapitaFen: e.perCapitaFen,
          monitoringFen: e.monitoringFen,
          startsOn: e.noticeStartsOn!,
          endsOn: e.noticeEndsOn!,
          state: e.state === 'confirmed' ? ('confirmed' as const) : e.state === 'withdrawn' ? ('withdrawn' as const) : today < e.noticeEndsOn! ? ('running' as const) : ('ended' as const),
        }
      })
    return respond(AidPublicNotices, { teamName: getState().team.name, today, items, nextCursor: null })
  }

  return [
    read('/aid/places', AID, ({ w }) => respond(page(AidPlace), { items: w.places, nextCursor: null })),
    read('/aid/households', AID, ({ w, url }) => {
      const status = url.searchParams.get('status')
      return respondPage(AidHouseholdListItem, w.households.filter((h) => !status || h.status === status), url, toListItem)
    }),
    read('/aid/settings', AID, ({ w }) => respond(AidSettings, w.settings ?? AID_DEFAULT_SETTINGS)),
    http.put(v1('/aid/settings'), async ({ request }) => {
      const who = caller(LEADERS)
      if (who instanceof Response) return who
      const b = AidSettings.safeParse(await request.json().catch(() => ({})))
      if (!b.success) return invalid(b.error)
      world().settings = b.data
      return respond(AidSettings, b.data)
    }),
    read('/aid/lines', AID, ({ w, url }) => {
      const q = AidLineQuery.safeParse(Object.fromEntries(url.searchParams))
      if (!q.success) return invalid(q.error)
      const items = w.lines.filter((l) => q.data.year === undefined || l.year === q.data.year).sort((a, b) => b.year - a.year || (a.createdAt < b.createdAt ? 1 : -1))
      return respond(page(AidLine), { items, nextCursor: null })
    }),
    write('/aid/lines', LEADERS, NewAidLine, (b, { w, now }) => {
      const place = b.placeId ? w.places.find((p) => p.id === b.placeId) : null
      if (b.placeId && !place) throw new Refusal(422, 'bad_place', 'No such place in this team.', [{ path: 'placeId', message: 'not a place of this team' }])
      const line: AidLine = { id: nextId(w), year: b.year, placeId: b.placeId, placePath: place?.path ?? [], dibaoFen: b.dibaoFen, monitoringFen: b.monitoringFen, createdAt: now.toISOString() }
      w.lines.push(line)
      return respond(AidLine, line, { status: 201 })
    }),

    read('/aid/needs', AID, ({ w, url }) => {
      const q = AidNeedListQuery.safeParse(Object.fromEntries(url.searchParams))
      if (!q.success) return invalid(q.error)
      const rows = [...w.needs]
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        .filter((n) => !q.data.householdId || n.householdId === q.data.householdId)
        .filter((n) => !q.data.partnerId || w.pledges.some((p) => p.needId === n.id && p.partnerId === q.data.partnerId) || w.deliveries.some((d) => d.needId === n.id && d.partnerId === q.data.partnerId))
        .filter((n) => !q.data.status || (q.data.status === 'active' ? ['open', 'pledged'].includes(needStatus(w, n)) : needStatus(w, n) === q.data.status))
        .filter((n) => !q.data.kind || n.kind === q.data.kind)
        .filter((n) => !q.data.placeId || placeAndBelow(w, q.data.placeId).has(householdOr404(w, n.householdId).placeId))
      return respondPage(AidNeed, rows, url, (n) => toNeed(w, n))
    }),
    read('/aid/needs/:id', AID, ({ w, params }) => respond(AidNeedDetail, toNeedDetail(w, needOr404(w, params.id)))),
    write('/aid/needs/:id/pledges', AID, NewAidPledge, (b, { w, params, who, now }) => {
      const n = needOr404(w, params.id)
      const status = needStatus(w, n)
      if (status === 'withdrawn' || status === 'delivered') throw new Refusal(422, 'need_closed', `This need is ${status}.`, [{ path: 'needId', message: `the need is ${status}` }])
      const partner = partnersOf(getState()).partners.find((p) => p.id === b.partnerId)
      if (!partner) throw new Refusal(422, 'bad_partner', 'No such partner in this team.', [{ path: 'partnerId', message: 'not a partner of this team' }])
      const pledge: AidPledge = { id: nextId(w), needId: n.id, partnerId: partner.id, partnerName: partner.name, what: b.what, amountFen: b.amountFen ?? null, createdAt: now.toISOString(), createdBy: who.user.displayName }
      w.pledges.push(pledge)
      n.updatedAt = now.toISOString()
      return respond(AidPledge, pledge, { status: 201 })
    }),
    write('/aid/needs/:id/withdraw', AID, AidNeedWithdraw, (b, { w, params, now }) => {
      const n = needOr404(w, params.id)
      const status = needStatus(w, n)
      if (status === 'withdrawn' || status === 'delivered') throw new Refusal(422, 'need_closed', `This need is ${status}.`, [{ path: 'needId', message: `the need is ${status}` }])
      n.withdrawnReason = b.reason
      n.updatedAt = now.toISOString()
      return respond(AidNeedDetail, toNeedDetail(w, n))
    }),
    read('/aid/deliveries/:id', AID, ({ w, params }) => {
      const d = w.deliveries.find((x) => x.id === params.id)
      if (!d) throw new Refusal(404, 'not_found', 'Delivery not found.')
      return respond(AidDelivery, d)
    }),
    write('/aid/deliveries/:id/reverse', AID, AidDeliveryReverse, (b, { w, params, who, now }) => {
      const d = w.deliveries.find((x) => x.id === params.id)
      if (!d) throw new Refusal(404, 'not_found', 'Delivery not found.')
      if (d.reversal) throw new Refusal(409, 'already_reversed', 'This delivery was already reversed.')
      d.reversal = { id: nextId(w), reason: b.reason, incomeId: d.incomeCredit ? nextId(w) : null, at: now.toISOString(), by: who.user.displayName }
      return respond(AidDelivery, d, { status: 201 })
    }),

    read('/aid/dashboard', AID, ({ w }) => respond(AidDashboard, dashboard(w))),
    read('/aid/export.xlsx', AID, ({ url }) => {
      const lang = url.searchParams.get('lang') ?? 'zh-CN'
      if (lang !== 'zh-CN' && lang !== 'en') return fail(400, 'invalid_request', 'The query is not valid.', [{ path: 'lang', message: 'zh-CN or en' }])
      // Not a workbook (the mock has no exceljs): a file of the right type, so the download works.
      return new HttpResponse(new TextEncoder().encode(`mock aid export (${lang})`), {
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': 'attachment; filename="aid.xlsx"' },
      })
    }),

    read('/aid/exit-candidates', AID, ({ w }) => respond(page(AidExitCandidate), { items: w.candidates.filter((c) => w.households.find((h) => h.id === c.householdId)?.status === 'assisted'), nextCursor: null })),
    read('/aid/households/:id/exit', AID, ({ w, params }) => {
      const h = householdOr404(w, params.id)
      const current = latestExit(w, h.id)
      const pc = h.perCapita[2025] ?? null
      return respond(AidExitStatus, {
        householdId: h.id,
        status: h.status,
        check: { eligible: true, reasons: [], stableSince: '2025-01-15', stableFrom: '2025-07-15', perCapitaFen: pc, monitoringFen: lineOf(w, 2025)?.monitoringFen ?? null },
        current: current ? { ...current, householdStatus: h.status } : null,
      })
    }),
    write('/aid/households/:id/exit-approval', LEADERS, AidExitApproval, (b, { w, params, who, now }) => {
      const h = householdOr404(w, params.id)
      const e = latestExit(w, h.id)
      if (!e || e.state !== 'proposed') throw new Refusal(409, 'no_exit_proposal', 'This household has no exit proposal awaiting approval.')
      // The API checks the rule again; the mock models the one reason a desk can meet here.
      if (w.cases.some((c) => c.householdId === h.id && c.decidedAt === null)) {
        throw new Refusal(422, 'exit_rule_unmet', 'The household does not meet the exit rule.', [{ path: 'monitoring_open', message: 'A monitoring case is still undecided' }])
      }
      const today = chinaDay(now)
      Object.assign(e, { state: 'notice', approvedAt: now.toISOString(), approvedBy: who.user.displayName, approvalReason: b.reason, noticeStartsOn: today, noticeEndsOn: addDays(today, 5) })
      return respond(AidExit, { ...e, householdStatus: h.status })
    }),
    write('/aid/households/:id/exit-objection', AID, AidExitObjection, (b, { w, params, now }) => {
      const h = householdOr404(w, params.id)
      const e = latestExit(w, h.id)
      if (!e || (e.state !== 'proposed' && e.state !== 'notice')) throw new Refusal(409, 'no_notice_running', 'This household has no exit proposal or running notice.')
      if (e.state === 'notice' && chinaDay(now) >= e.noticeEndsOn!) throw new Refusal(409, 'notice_ended', 'The notice period is over; objections are no longer taken.')
      h.status = 'assisted'
      Object.assign(e, { state: 'withdrawn', withdrawnAt: now.toISOString(), objectionNote: b.note })
      return respond(AidExit, { ...e, householdStatus: h.status })
    }),
    http.post(v1('/aid/households/:id/exit-confirm'), ({ params }) => {
      const who = caller(LEADERS)
      if (who instanceof Response) return who
      try {
        const w = world()
        const now = getState().now()
        const h = householdOr404(w, String(params.id))
        const e = latestExit(w, h.id)
        if (!e || e.state !== 'notice') throw new Refusal(409, 'no_notice', 'This household has no approved exit with a public notice.')
        const today = chinaDay(now)
        if (today < e.noticeEndsOn!) throw new Refusal(409, 'notice_running', `The public notice runs until ${e.noticeEndsOn}.`)
        h.status = 'monitored'
        const until = new Date(`${today}T00:00:00.000Z`)
        until.setUTCFullYear(until.getUTCFullYear() + 1)
        Object.assign(e, { state: 'confirmed', confirmedAt: now.toISOString(), monitoringUntil: until.toISOString().slice(0, 10) })
        return respond(AidExit, { ...e, householdStatus: h.status })
      } catch (err) {
        return refused(err)
      }
    }),
    read('/aid/monitoring-cases', AID, ({ w, url }) => {
      const state = url.searchParams.get('state')
      if (state && !['open', 'overdue', 'closed'].includes(state)) return fail(400, 'invalid_request', 'The query is not valid.', [{ path: 'state', message: 'open, overdue or closed' }])
      const rows = [...w.cases]
        .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))
        .filter((c) => !state || (state === 'closed' ? c.decidedAt !== null : state === 'overdue' ? c.overdue : c.decidedAt === null))
      return respondPage(AidMonitoringCase, rows, url)
    }),

    read('/aid/monitoring-cases/:id', AID, ({ w, params, now }) => respond(AidMonitoringCase, withAlerts(caseOr404(w, params.id), now))),
    write('/aid/monitoring-cases/:id/home-check', AID, AidHomeCheck, (b, { w, params, now }) => {
      const c = caseOr404(w, params.id)
      if (c.decidedAt !== null) throw new Refusal(409, 'case_closed', 'This monitoring case has been decided.')
      if (c.homeCheckAt !== null) throw new Refusal(409, 'home_check_recorded', 'The home check of this case is already recorded.')
      Object.assign(c, { homeCheckAt: now.toISOString(), homeCheckNote: b.note, homeCheckFindings: b.findings })
      return respond(AidMonitoringCase, withAlerts(c, now))
    }),
    write('/aid/monitoring-cases/:id/decision', AID, AidMonitoringDecisionInput, (b, { w, params, now }) => {
      const c = caseOr404(w, params.id)
      if (c.decidedAt !== null) throw new Refusal(409, 'case_closed', 'This monitoring case has been decided.')
      if (c.homeCheckAt === null) throw new Refusal(422, 'home_check_first', 'Record the home check before deciding.', [{ path: 'decision', message: 'no home check yet' }])
      Object.assign(c, { decidedAt: now.toISOString(), decision: b.decision, decisionNote: b.note })
      // 返贫: a monitored household a case decides to assist goes back to assisted.
      const h = w.households.find((x) => x.id === c.householdId)
      if (b.decision === 'assist' && h?.status === 'monitored') h.status = 'assisted'
      c.householdStatus = h?.status ?? c.householdStatus
      return respond(AidMonitoringCase, withAlerts(c, now))
    }),

    read('/aid/partner-links', LEADERS, ({ w }) => {
      const partners = partnersOf(getState()).partners
      const items = [...w.links].reverse().map(({ token: _t, ...l }) => ({ ...l, partnerName: partners.find((p) => p.id === l.partnerId)?.name ?? '' }))
      return respond(page(AidPartnerLink), { items, nextCursor: null })
    }),
    write('/aid/partner-links', LEADERS, NewAidPartnerLink, (b, { w, now }) => {
      const partner = partnersOf(getState()).partners.find((p) => p.id === b.partnerId)
      if (!partner) throw new Refusal(422, 'bad_partner', 'No such partner in this team.', [{ path: 'partnerId', message: 'not a partner of this team' }])
      const token = Array.from(crypto.getRandomValues(new Uint8Array(32)), (n) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[n % 64]).join('')
      const link = { id: nextId(w), partnerId: partner.id, token, createdAt: now.toISOString(), revokedAt: null }
      w.links.push(link)
      return respond(AidPartnerLinkIssued, { ...link, partnerName: partner.name }, { status: 201 })
    }),
    http.post(v1('/aid/partner-links/:id/revoke'), ({ params }) => {
      const who = caller(LEADERS)
      if (who instanceof Response) return who
      const w = world()
      const l = w.links.find((x) => x.id === params.id)
      if (!l) return fail(404, 'not_found', 'Partner link not found.')
      l.revokedAt ??= getState().now().toISOString()
      const { token: _t, ...rest } = l
      return respond(AidPartnerLink, { ...rest, partnerName: partnersOf(getState()).partners.find((p) => p.id === l.partnerId)?.name ?? '' })
    }),
    publicPath('/public/aid/partner-view/:token'),
    publicPath('/public/aid/notices'),
  ]
}
