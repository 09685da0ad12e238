import { z } from 'zod'
import { defineCodeList } from '../codes/define.js'
import { Id, IsoDate, IsoDateTime, ListQuery } from '../common.js'
import { chinaDateOf } from '../rules/dates.js'
import { AidHouseholdStatus } from './codes.js'
import { AidChecklist } from './visits.js'

// 防返贫监测: a visit that finds income under the monitoring line, or a sudden hardship, opens a
// monitoring case. Someone must check at home within 2 working days (Mon–Fri, China dates) and
// decide within 15 calendar days; a case past either day without it is overdue.

export const HOME_CHECK_WORKING_DAYS = 2
export const DECISION_DAYS = 15

const iso = (d: { year: number; month: number; day: number }) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
const shift = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The China calendar date of an instant, as YYYY-MM-DD. */
export const chinaIsoDate = (instant: string | Date): string => iso(chinaDateOf(typeof instant === 'string' ? new Date(instant) : instant))

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00.000Z`).getUTCDay()
export const isWorkingDay = (date: string): boolean => weekdayOf(date) !== 0 && weekdayOf(date) !== 6

/** The `n`th working day after `date` (not counting `date` itself). */
export function addWorkingDays(date: string, n: number): string {
  let d = date
  for (let left = n; left > 0; ) {
    d = shift(d, 1)
    if (isWorkingDay(d)) left--
  }
  return d
}

/** When the home check and the decision are due for a case opened at `openedAt` (China dates, inclusive). */
export function monitoringDeadlines(openedAt: string): { openedOn: string; homeCheckDue: string; decisionDue: string } {
  const openedOn = chinaIsoDate(openedAt)
  return { openedOn, homeCheckDue: addWorkingDays(openedOn, HOME_CHECK_WORKING_DAYS), decisionDue: shift(openedOn, DECISION_DAYS) }
}

export interface CaseTimes {
  homeCheckDue: string
  decisionDue: string
  homeCheckAt: string | null
  decidedAt: string | null
}

export interface CaseAlerts {
  homeCheckOverdue: boolean
  decisionOverdue: boolean
  overdue: boolean
}

/** A step is overdue once its due day (China date) is past and it has not been done; a decided case is never overdue. */
export function caseAlerts(c: CaseTimes, now: string | Date): CaseAlerts {
  const today = chinaIsoDate(now)
  const open = c.decidedAt === null
  const homeCheckOverdue = open && c.homeCheckAt === null && today > c.homeCheckDue
  const decisionOverdue = open && today > c.decisionDue
  return { homeCheckOverdue, decisionOverdue, overdue: homeCheckOverdue || decisionOverdue }
}

export const AidMonitoringDecision = z.enum(['close', 'monitor', 'assist'])
export type AidMonitoringDecision = z.infer<typeof AidMonitoringDecision>

export const AidMonitoringDecisionList = /* @__PURE__ */ defineCodeList('aid_monitoring_decision', [
  { code: 'close', label: { 'zh-CN': '风险消除，关闭', en: 'Risk cleared: close' } },
  { code: 'monitor', label: { 'zh-CN': '纳入监测对象', en: 'Keep under monitoring' } },
  { code: 'assist', label: { 'zh-CN': '纳入帮扶（返贫）', en: 'Assist again (fell back into poverty)' } },
])

/** Why a case was opened: `income_below_line`, or `hardship:<AidHardshipKind>`. */
export const AidMonitoringTriggerList = /* @__PURE__ */ defineCodeList('aid_monitoring_trigger', [
  { code: 'income_below_line', label: { 'zh-CN': '收入低于监测线', en: 'Income below the monitoring line' } },
  { code: 'hardship', label: { 'zh-CN': '突发困难', en: 'Sudden hardship' } },
])

export const AidMonitoringCaseState = z.enum(['open', 'overdue', 'closed'])
export type AidMonitoringCaseState = z.infer<typeof AidMonitoringCaseState>

export const AidMonitoringCaseListQuery = ListQuery.extend({
  /** open: every undecided case (overdue ones too); overdue: only those past a due day; closed: decided. */
  state: AidMonitoringCaseState.optional(),
  householdId: Id.optional(),
})

export const AidHomeCheck = z.object({ note: z.string().trim().min(2).max(2000), findings: AidChecklist })
export type AidHomeCheck = z.infer<typeof AidHomeCheck>

export const AidMonitoringDecisionInput = z.object({ decision: AidMonitoringDecision, note: z.string().trim().min(2).max(2000) })
export type AidMonitoringDecisionInput = z.infer<typeof AidMonitoringDecisionInput>

export const AidMonitoringCase = z.object({
  id: Id,
  householdId: Id,
  householdCode: z.string(),
  householdStatus: AidHouseholdStatus,
  assignedWorkerId: z.string().nullable(),
  triggers: z.array(z.string()),
  visitId: Id.nullable(),
  openedAt: IsoDateTime,
  openedBy: z.string(),
  /** The display name of whoever opened it (null for the system). */
  openedByName: z.string().nullable(),
  homeCheckDue: IsoDate,
  decisionDue: IsoDate,
  homeCheckAt: IsoDateTime.nullable(),
  homeCheckNote: z.string().nullable(),
  homeCheckFindings: AidChecklist.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decision: AidMonitoringDecision.nullable(),
  decisionNote: z.string().nullable(),
  homeCheckOverdue: z.boolean(),
  decisionOverdue: z.boolean(),
  overdue: z.boolean(),
})
export type AidMonitoringCase = z.infer<typeof AidMonitoringCase>
