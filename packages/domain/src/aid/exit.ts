import { z } from 'zod'
import { defineCodeList } from '../codes/define.js'
import { Id, IsoDate, IsoDateTime } from '../common.js'
import { AidHouseholdStatus, AidHouseholdType, type LabourCapacity } from './codes.js'
import { CHECKLIST_ITEMS, unmetItems, type AidChecklist } from './visits.js'

// 脱贫退出: the exit rule (a stable period above the monitoring line, every 两不愁三保障 item, and
// never automatically for a household without labour), the leader's approval, the public notice
// (公示) and the 12 months of monitoring that follow. Pure functions: the API feeds them rows.

/** Months the per-capita income must have stayed at or above the monitoring line. */
export const EXIT_STABLE_MONTHS = 6
/** Days the public notice runs before a leader may confirm the exit. */
export const EXIT_NOTICE_DAYS = 5
/** Months a household stays under monitoring after it exits. */
export const EXIT_MONITORING_MONTHS = 12

/** A team's exit settings (leaders set them; the defaults above apply until they do). */
export const AidSettings = z.object({
  /** Months per-capita income must have stayed at or above the monitoring line. */
  stableMonths: z.number().int().min(1).max(36),
  /** Days the public notice runs before a leader may confirm the exit. */
  noticeDays: z.number().int().min(1).max(30),
  /** Months of monitoring after exit. */
  monitoringMonths: z.number().int().min(1).max(60),
})
export type AidSettings = z.infer<typeof AidSettings>
export const AID_DEFAULT_SETTINGS: AidSettings = { stableMonths: EXIT_STABLE_MONTHS, noticeDays: EXIT_NOTICE_DAYS, monitoringMonths: EXIT_MONITORING_MONTHS }

/** Labour capacities that count as none at all: a household of only these is never proposed automatically. */
export const NO_LABOUR: readonly LabourCapacity[] = ['lost', 'none']

/** One dated look at a household's per-capita net income against the monitoring line of its year. */
export interface ExitAssessment {
  /** YYYY-MM-DD */
  asOf: string
  perCapitaFen: number
  /** null when the team set no line for the year: such an assessment cannot count as above. */
  monitoringFen: number | null
}

export interface ExitRuleInput {
  assessments: readonly ExitAssessment[]
  /** The latest visit's checklist, null when the household was never visited. */
  checklist: AidChecklist | null
  labourCapacities: readonly LabourCapacity[]
  /** YYYY-MM-DD (China date) */
  today: string
  stableMonths?: number
  /** true for the system's own candidate list; a worker's proposal is false. */
  automatic: boolean
  /** An undecided 防返贫监测 case: the household's risk is still being looked at, so it cannot exit. */
  openMonitoringCase?: boolean
}

export type ExitReason = 'no_income' | 'below_line' | 'no_line' | 'stable_period' | 'no_checklist' | 'no_labour' | 'monitoring_open' | `checklist:${(typeof CHECKLIST_ITEMS)[number]}`

export interface ExitRuleResult {
  eligible: boolean
  reasons: ExitReason[]
  /** The first assessment of the current unbroken run at or above the line, or null. */
  stableSince: string | null
  /** The day the stable period is complete (stableSince + stableMonths), or null. */
  stableFrom: string | null
  /** The latest assessment considered, or null. */
  latest: ExitAssessment | null
}

/** A calendar date plus whole months; a day past the month's end is clamped (08-31 + 6 → 02-28/29). */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const above = (a: ExitAssessment) => a.monitoringFen !== null && a.perCapitaFen >= a.monitoringFen

/**
 * The exit rule. Eligible only when the latest assessment (up to today) is at or above the
 * monitoring line, the unbroken run of such assessments began at least `stableMonths` before
 * today, every checklist item of the latest visit holds, no monitoring case is undecided, and —
 * when `automatic` — some member can work. Every reason that stands in the way is named, so a worker sees all of them at once.
 */
export function checkExit(input: ExitRuleInput): ExitRuleResult {
  const stableMonths = input.stableMonths ?? EXIT_STABLE_MONTHS
  const reasons: ExitReason[] = []
  // Assessments dated after today are not known yet today: leaving them out keeps the rule
  // a function of what had happened by then (and monotone in time for a history above the line).
  // On one date, the looks under the line sort last: a day with any look under the line counts as
  // under it (the latest look is that one, and the run above the line cannot pass through that day).
  const seen = input.assessments
    .filter((a) => a.asOf <= input.today)
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : Number(above(b)) - Number(above(a))))
  const latest = seen.at(-1) ?? null
  let stableSince: string | null = null
  let stableFrom: string | null = null
  if (!latest) reasons.push('no_income')
  else if (latest.monitoringFen === null) reasons.push('no_line')
  else if (!above(latest)) reasons.push('below_line')
  else {
    let i = seen.length - 1
    while (i > 0 && above(seen[i - 1]!)) i--
    stableSince = seen[i]!.asOf
    stableFrom = addCalendarMonths(stableSince, stableMonths)
    if (stableFrom > input.today) reasons.push('stable_period')
  }
  if (input.checklist === null) reasons.push('no_checklist')
  else for (const item of unmetItems(input.checklist)) reasons.push(`checklist:${item}`)
  if (input.openMonitoringCase) reasons.push('monitoring_open')
  if (input.automatic && input.labourCapacities.every((c) => NO_LABOUR.includes(c))) reasons.push('no_labour')
  return { eligible: reasons.length === 0, reasons, stableSince, stableFrom, latest }
}

/** The labels of the reasons, for the screens (a checklist reason is labelled by its item). */
export const ExitReasonList = /* @__PURE__ */ defineCodeList('aid_exit_reason', [
  { code: 'no_income', label: { 'zh-CN': '无收入记录', en: 'No income recorded' } },
  { code: 'below_line', label: { 'zh-CN': '人均纯收入低于监测线', en: 'Per-capita income below the monitoring line' } },
  { code: 'no_line', label: { 'zh-CN': '该年度未设监测线', en: 'No monitoring line set for the year' } },
  { code: 'stable_period', label: { 'zh-CN': '收入稳定期未满', en: 'Stable income period not yet complete' } },
  { code: 'no_checklist', label: { 'zh-CN': '未入户核查两不愁三保障', en: 'No visit has checked the basic needs yet' } },
  { code: 'no_labour', label: { 'zh-CN': '无劳动能力户不自动退出', en: 'No member can work: never proposed automatically' } },
  { code: 'monitoring_open', label: { 'zh-CN': '有未结的防返贫监测案件', en: 'A monitoring case is still undecided' } },
])

/** 两不愁三保障, labelled. */
export const ChecklistItemList = /* @__PURE__ */ defineCodeList('aid_checklist_item', [
  { code: 'food', label: { 'zh-CN': '不愁吃', en: 'Enough food' } },
  { code: 'clothing', label: { 'zh-CN': '不愁穿', en: 'Enough clothing' } },
  { code: 'schooling', label: { 'zh-CN': '义务教育有保障', en: 'Compulsory schooling assured' } },
  { code: 'medical', label: { 'zh-CN': '基本医疗有保障', en: 'Basic medical cover assured' } },
  { code: 'housing', label: { 'zh-CN': '住房安全有保障', en: 'Safe housing assured' } },
  { code: 'water', label: { 'zh-CN': '饮水安全有保障', en: 'Safe drinking water assured' } },
])

/** 突发困难, labelled (the codes are AidHardshipKind). */
export const HardshipKindList = /* @__PURE__ */ defineCodeList('aid_hardship_kind', [
  { code: 'serious_illness', label: { 'zh-CN': '突发大病', en: 'Serious illness' } },
  { code: 'accident', label: { 'zh-CN': '意外事故', en: 'Accident' } },
  { code: 'disaster', label: { 'zh-CN': '自然灾害', en: 'Natural disaster' } },
  { code: 'job_loss', label: { 'zh-CN': '失业/务工中断', en: 'Loss of work' } },
  { code: 'other', label: { 'zh-CN': '其他困难', en: 'Other hardship' } },
])

export const AidExitState = z.enum(['proposed', 'notice', 'withdrawn', 'confirmed'])
export type AidExitState = z.infer<typeof AidExitState>

export const AidExitStateList = /* @__PURE__ */ defineCodeList('aid_exit_state', [
  { code: 'proposed', label: { 'zh-CN': '已提出，待审批', en: 'Proposed, awaiting approval' } },
  { code: 'notice', label: { 'zh-CN': '公示中', en: 'Public notice' } },
  { code: 'withdrawn', label: { 'zh-CN': '已撤回', en: 'Withdrawn' } },
  { code: 'confirmed', label: { 'zh-CN': '已退出', en: 'Exited' } },
])

const Reason = z.string().trim().min(2).max(200)

export const AidExitProposal = z.object({ reason: Reason })
export type AidExitProposal = z.infer<typeof AidExitProposal>
export const AidExitApproval = z.object({ reason: Reason })
export type AidExitApproval = z.infer<typeof AidExitApproval>
/** An objection raised during the notice (村民异议): the proposal is withdrawn. */
export const AidExitObjection = z.object({ note: z.string().trim().min(2).max(500) })
export type AidExitObjection = z.infer<typeof AidExitObjection>

/** The rule's verdict as the API shows it. */
export const AidExitCheck = z.object({
  eligible: z.boolean(),
  reasons: z.array(z.string()),
  stableSince: IsoDate.nullable(),
  stableFrom: IsoDate.nullable(),
  perCapitaFen: z.number().int().nullable(),
  monitoringFen: z.number().int().nullable(),
})
export type AidExitCheck = z.infer<typeof AidExitCheck>

/** One exit attempt of a household. */
export const AidExit = z.object({
  id: Id,
  householdId: Id,
  householdCode: z.string(),
  householdStatus: AidHouseholdStatus,
  state: AidExitState,
  proposedAt: IsoDateTime,
  proposedBy: z.string(),
  proposalReason: z.string(),
  year: z.number().int().nullable(),
  perCapitaFen: z.number().int().nullable(),
  monitoringFen: z.number().int().nullable(),
  approvedAt: IsoDateTime.nullable(),
  approvedBy: z.string().nullable(),
  approvalReason: z.string().nullable(),
  noticeStartsOn: IsoDate.nullable(),
  /** The notice runs up to (not including) this day; a leader may confirm from it on. */
  noticeEndsOn: IsoDate.nullable(),
  withdrawnAt: IsoDateTime.nullable(),
  objectionNote: z.string().nullable(),
  confirmedAt: IsoDateTime.nullable(),
  monitoringUntil: IsoDate.nullable(),
})
export type AidExit = z.infer<typeof AidExit>

/** A household's exit standing: the rule now (worker's view) and its latest exit attempt. */
export const AidExitStatus = z.object({ householdId: Id, status: AidHouseholdStatus, check: AidExitCheck, current: AidExit.nullable() })
export type AidExitStatus = z.infer<typeof AidExitStatus>

/** A household the rule would propose by itself (never one without labour). */
export const AidExitCandidate = z.object({
  householdId: Id,
  code: z.string(),
  placePath: z.array(z.string()),
  householdType: AidHouseholdType,
  memberCount: z.number().int(),
  assignedWorkerId: z.string().nullable(),
  stableSince: IsoDate,
  perCapitaFen: z.number().int(),
  monitoringFen: z.number().int(),
})
export type AidExitCandidate = z.infer<typeof AidExitCandidate>

/**
 * 退出公示: what the public may read about a household proposed for exit. Deliberately no ID
 * number, phone, bank account, health, disability or birth date.
 */
export const AidPublicNotice = z.object({
  householdCode: z.string(),
  placePath: z.array(z.string()),
  householdType: AidHouseholdType,
  memberCount: z.number().int(),
  headName: z.string().nullable(),
  year: z.number().int().nullable(),
  perCapitaFen: z.number().int().nullable(),
  monitoringFen: z.number().int().nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  /** running: objections are still heard; ended: awaiting confirmation; withdrawn; confirmed. */
  state: z.enum(['running', 'ended', 'withdrawn', 'confirmed']),
})
export type AidPublicNotice = z.infer<typeof AidPublicNotice>

export const AidPublicNoticeQuery = z.object({ team: z.string().min(1).max(64) })
export const AidPublicNotices = z.object({ teamName: z.string(), today: IsoDate, items: z.array(AidPublicNotice), nextCursor: z.string().nullable() })
export type AidPublicNotices = z.infer<typeof AidPublicNotices>
