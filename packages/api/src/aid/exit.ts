import type { Kysely } from 'kysely'
import { forUpdate, type AidExitRow, type AidHouseholdRow, type Database } from '@chayi/db'
import {
  addCalendarMonths,
  addComponents,
  addDays,
  checkExit,
  chinaIsoDate,
  componentsOf,
  ExitReasonList,
  ChecklistItemList,
  netIncomeFen,
  perCapitaFen,
  ZERO_COMPONENTS,
  type AidChecklist,
  type AidExit,
  type AidExitCandidate,
  type AidExitCheck,
  type AidHouseholdStatus,
  type AidHouseholdType,
  type AidPublicNotice,
  type ExitAssessment,
  type ExitRuleResult,
  type LabourCapacity,
} from '@chayi/domain'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { aidSettings } from './settings.js'
import { changeHouseholdStatus, lockHousehold } from './households.js'
import { lineFor } from './lines.js'
import { loadPlaces, placePath } from './places.js'

// 脱贫退出 (issue 7, item 8): the rule (domain exit.ts) fed from the household's income records,
// members and latest visit; the proposal, a leader's approval that starts the public notice, an
// objection that withdraws it, and the confirmation after the notice (exited, then monitored).

type Db = Kysely<Database>

interface RuleFacts {
  assessments: ExitAssessment[]
  checklist: AidChecklist | null
  labour: LabourCapacity[]
  openMonitoringCase: boolean
}

/**
 * The rule's inputs for some households at once. Each `annual` or `visit` income record is one
 * assessment: its components plus the partner credits of its year dated up to it, per person,
 * against the monitoring line of its year at the household's place.
 */
async function ruleFacts(db: Db, teamId: string, households: Pick<AidHouseholdRow, 'id' | 'placeId'>[]): Promise<Map<string, RuleFacts>> {
  const out = new Map<string, RuleFacts>()
  if (!households.length) return out
  const ids = households.map((h) => h.id)
  const [incomes, members, visits, openCases] = await Promise.all([
    db.selectFrom('aidIncomes').selectAll().where('teamId', '=', teamId).where('householdId', 'in', ids).execute(),
    db.selectFrom('aidMembers').select(['householdId', 'labourCapacity']).where('householdId', 'in', ids).execute(),
    db.selectFrom('aidVisits').select(['householdId', 'checklist', 'visitedAt', 'id']).where('householdId', 'in', ids).orderBy('visitedAt').orderBy('id').execute(),
    db.selectFrom('aidMonitoringCases').select('householdId').where('teamId', '=', teamId).where('householdId', 'in', ids).where('decidedAt', 'is', null).execute(),
  ])
  const undecided = new Set(openCases.map((c) => c.householdId))
  const lines = new Map<string, number | null>()
  const monitoringLine = async (placeId: string, year: number) => {
    const key = `${placeId}:${year}`
    if (!lines.has(key)) lines.set(key, (await lineFor(db, teamId, placeId, year))?.monitoringFen ?? null)
    return lines.get(key)!
  }
  for (const h of households) {
    const rows = incomes.filter((r) => r.householdId === h.id)
    const assessments: ExitAssessment[] = []
    for (const base of rows.filter((r) => r.source !== 'partner_credit')) {
      const credits = rows.filter((r) => r.source === 'partner_credit' && r.year === base.year && r.asOf <= base.asOf).reduce((sum, r) => addComponents(sum, componentsOf(r)), ZERO_COMPONENTS)
      const net = netIncomeFen(addComponents(componentsOf(base), credits))
      assessments.push({ asOf: base.asOf, perCapitaFen: perCapitaFen(net, Math.max(1, base.memberCount)), monitoringFen: await monitoringLine(h.placeId, base.year) })
    }
    const latest = visits.filter((v) => v.householdId === h.id).at(-1)
    out.set(h.id, {
      assessments,
      checklist: latest ? (JSON.parse(latest.checklist) as AidChecklist) : null,
      labour: members.filter((m) => m.householdId === h.id).map((m) => m.labourCapacity as LabourCapacity),
      openMonitoringCase: undecided.has(h.id),
    })
  }
  return out
}

const asCheck = (r: ExitRuleResult): AidExitCheck => ({
  eligible: r.eligible,
  reasons: r.reasons,
  stableSince: r.stableSince,
  stableFrom: r.stableFrom,
  perCapitaFen: r.latest?.perCapitaFen ?? null,
  monitoringFen: r.latest?.monitoringFen ?? null,
})

/** The rule for one household today (`automatic` false: a worker's proposal). */
export async function exitCheck(db: Db, teamId: string, household: Pick<AidHouseholdRow, 'id' | 'placeId'>, now: string, automatic = false): Promise<ExitRuleResult> {
  const facts = (await ruleFacts(db, teamId, [household])).get(household.id)!
  const { stableMonths } = await aidSettings(db, teamId)
  return checkExit({ assessments: facts.assessments, checklist: facts.checklist, labourCapacities: facts.labour, openMonitoringCase: facts.openMonitoringCase, today: chinaIsoDate(now), automatic, stableMonths })
}

export { asCheck as toExitCheck }

/** Assisted households the rule would propose by itself: never one whose members cannot work. */
export async function exitCandidates(db: Db, teamId: string, now: string): Promise<AidExitCandidate[]> {
  const households = await db.selectFrom('aidHouseholds').selectAll().where('teamId', '=', teamId).where('status', '=', 'assisted').orderBy('code').execute()
  const facts = await ruleFacts(db, teamId, households)
  const places = await loadPlaces(db, teamId)
  const today = chinaIsoDate(now)
  const { stableMonths } = await aidSettings(db, teamId)
  const out: AidExitCandidate[] = []
  for (const h of households) {
    const f = facts.get(h.id)!
    const r = checkExit({ assessments: f.assessments, checklist: f.checklist, labourCapacities: f.labour, openMonitoringCase: f.openMonitoringCase, today, automatic: true, stableMonths })
    if (!r.eligible) continue
    out.push({
      householdId: h.id,
      code: h.code,
      placePath: placePath(places, h.placeId),
      householdType: h.householdType as AidHouseholdType,
      memberCount: f.labour.length,
      assignedWorkerId: h.assignedWorkerId,
      stableSince: r.stableSince!,
      perCapitaFen: r.latest!.perCapitaFen,
      monitoringFen: r.latest!.monitoringFen!,
    })
  }
  return out
}

export function toAidExit(r: AidExitRow, household: Pick<AidHouseholdRow, 'code' | 'status'>): AidExit {
  return {
    id: r.id,
    householdId: r.householdId,
    householdCode: household.code,
    householdStatus: household.status as AidHouseholdStatus,
    state: r.state,
    proposedAt: r.proposedAt,
    proposedBy: r.proposedBy,
    proposalReason: r.proposalReason,
    year: r.year,
    perCapitaFen: r.perCapitaFen === null ? null : Number(r.perCapitaFen),
    monitoringFen: r.monitoringFen === null ? null : Number(r.monitoringFen),
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
    approvalReason: r.approvalReason,
    noticeStartsOn: r.noticeStartsOn,
    noticeEndsOn: r.noticeEndsOn,
    withdrawnAt: r.withdrawnAt,
    objectionNote: r.objectionNote,
    confirmedAt: r.confirmedAt,
    monitoringUntil: r.monitoringUntil,
  }
}

/** The household's latest exit attempt, or null. */
export async function latestExit(db: Db, householdId: string): Promise<AidExitRow | null> {
  return (await db.selectFrom('aidExits').selectAll().where('householdId', '=', householdId).orderBy('proposedAt', 'desc').orderBy('id', 'desc').executeTakeFirst()) ?? null
}

async function openExit(w: WriteScope, householdId: string, states: AidExitRow['state'][], code: string, message: string): Promise<AidExitRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidExits').selectAll().where('householdId', '=', householdId).where('state', 'in', ['proposed', 'notice']).orderBy('proposedAt', 'desc')).executeTakeFirst()
  if (!row || !states.includes(row.state)) throw conflict(code, message)
  return row
}

function ruleUnmet(r: ExitRuleResult) {
  const label = (reason: string) => (reason.startsWith('checklist:') ? ChecklistItemList.label(reason.slice(10) as 'food', 'en') + ' does not hold' : ExitReasonList.label(reason as 'no_income', 'en'))
  return unprocessable(
    'exit_rule_unmet',
    'The household does not meet the exit rule.',
    r.reasons.map((reason) => ({ path: reason, message: label(reason) })),
  )
}

/** 拟退出: an assisted household that meets the rule (a worker's judgement: labour is not required). */
export async function proposeExit(w: WriteScope, householdId: string, reason: string, callerIsLeader: boolean): Promise<AidExit> {
  const household = await lockHousehold(w, householdId)
  if (household.status !== 'assisted') throw conflict('not_assisted', `Only an assisted household can be proposed for exit (this one is ${household.status}).`)
  const r = await exitCheck(w.trx, w.teamId, household, w.at, false)
  if (!r.eligible) throw ruleUnmet(r)
  const next = await changeHouseholdStatus(w, householdId, 'exit_proposed', reason, callerIsLeader)
  const row: AidExitRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    state: 'proposed',
    proposedAt: w.at,
    proposedBy: w.actor,
    proposalReason: reason,
    year: r.latest ? Number(r.latest.asOf.slice(0, 4)) : null,
    perCapitaFen: r.latest?.perCapitaFen ?? null,
    monitoringFen: r.latest?.monitoringFen ?? null,
    approvedAt: null,
    approvedBy: null,
    approvalReason: null,
    noticeStartsOn: null,
    noticeEndsOn: null,
    withdrawnAt: null,
    withdrawnBy: null,
    objectionNote: null,
    confirmedAt: null,
    confirmedBy: null,
    monitoringUntil: null,
  }
  await w.trx.insertInto('aidExits').values(row).execute()
  await w.record({ kind: 'aid.exit_proposed', entity: 'aid_household', entityId: householdId, payload: { exitId: row.id, stableSince: r.stableSince } })
  return toAidExit(row, next)
}

/** A leader approves: the rule is checked again and the public notice starts today (China date). */
export async function approveExit(w: WriteScope, householdId: string, reason: string): Promise<AidExit> {
  const household = await lockHousehold(w, householdId)
  const exit = await openExit(w, householdId, ['proposed'], 'no_exit_proposal', 'This household has no exit proposal awaiting approval.')
  const r = await exitCheck(w.trx, w.teamId, household, w.at, false)
  if (!r.eligible) throw ruleUnmet(r)
  const startsOn = chinaIsoDate(w.at)
  const set = {
    state: 'notice' as const,
    approvedAt: w.at,
    approvedBy: w.actor,
    approvalReason: reason,
    noticeStartsOn: startsOn,
    noticeEndsOn: addDays(startsOn, (await aidSettings(w.trx, w.teamId)).noticeDays),
    year: r.latest ? Number(r.latest.asOf.slice(0, 4)) : exit.year,
    perCapitaFen: r.latest?.perCapitaFen ?? exit.perCapitaFen,
    monitoringFen: r.latest?.monitoringFen ?? exit.monitoringFen,
  }
  await w.trx.updateTable('aidExits').set(set).where('id', '=', exit.id).execute()
  await w.record({ kind: 'aid.exit_approved', entity: 'aid_household', entityId: householdId, payload: { exitId: exit.id, noticeStartsOn: set.noticeStartsOn, noticeEndsOn: set.noticeEndsOn } })
  return toAidExit({ ...exit, ...set }, household)
}

/**
 * 公示异议: an objection while the notice runs (or a withdrawal before approval) takes the
 * proposal back; the household is assisted again.
 */
export async function objectToExit(w: WriteScope, householdId: string, note: string, callerIsLeader: boolean): Promise<AidExit> {
  await lockHousehold(w, householdId)
  const exit = await openExit(w, householdId, ['proposed', 'notice'], 'no_notice_running', 'This household has no exit proposal or running notice.')
  if (exit.state === 'notice' && chinaIsoDate(w.at) >= exit.noticeEndsOn!) throw conflict('notice_ended', 'The notice period is over; objections are no longer taken.')
  const next = await changeHouseholdStatus(w, householdId, 'assisted', `公示异议: ${note}`.slice(0, 200), callerIsLeader)
  const set = { state: 'withdrawn' as const, withdrawnAt: w.at, withdrawnBy: w.actor, objectionNote: note }
  await w.trx.updateTable('aidExits').set(set).where('id', '=', exit.id).execute()
  await w.record({ kind: 'aid.exit_withdrawn', entity: 'aid_household', entityId: householdId, payload: { exitId: exit.id, duringNotice: exit.state === 'notice' } })
  return toAidExit({ ...exit, ...set }, next)
}

/** After the notice, a leader confirms: exit_proposed → exited → monitored, for the team's monitoring months (12 by default). */
export async function confirmExit(w: WriteScope, householdId: string): Promise<AidExit> {
  await lockHousehold(w, householdId)
  const exit = await openExit(w, householdId, ['notice'], 'no_notice', 'This household has no approved exit with a public notice.')
  const today = chinaIsoDate(w.at)
  if (today < exit.noticeEndsOn!) throw conflict('notice_running', `The public notice runs until ${exit.noticeEndsOn}.`)
  // A case opened during the notice (a visit under the line, a sudden hardship) must be decided first.
  const undecided = await w.trx.selectFrom('aidMonitoringCases').select('id').where('householdId', '=', householdId).where('decidedAt', 'is', null).executeTakeFirst()
  if (undecided) throw conflict('monitoring_open', 'A monitoring case opened for this household is still undecided; decide it before confirming the exit.')
  const { monitoringMonths } = await aidSettings(w.trx, w.teamId)
  await changeHouseholdStatus(w, householdId, 'exited', '公示期满，确认退出', true)
  const next = await changeHouseholdStatus(w, householdId, 'monitored', `退出后监测 ${monitoringMonths} 个月`, true)
  const set = { state: 'confirmed' as const, confirmedAt: w.at, confirmedBy: w.actor, monitoringUntil: addCalendarMonths(today, monitoringMonths) }
  await w.trx.updateTable('aidExits').set(set).where('id', '=', exit.id).execute()
  await w.record({ kind: 'aid.exit_confirmed', entity: 'aid_household', entityId: householdId, payload: { exitId: exit.id, monitoringUntil: set.monitoringUntil } })
  return toAidExit({ ...exit, ...set }, next)
}

export async function householdOf(db: Db, teamId: string, id: string): Promise<AidHouseholdRow> {
  const h = await db.selectFrom('aidHouseholds').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  return h
}

/** How long a notice stays on the public page after it ended. */
export const RECENT_NOTICE_DAYS = 30

/**
 * 退出公示 of a team: running notices and those ended in the last 30 days. Only what a notice
 * board shows: code, village, type, members, the head's name, per-capita against the line, dates.
 */
export async function publicNotices(db: Db, teamId: string, now: string): Promise<AidPublicNotice[]> {
  const today = chinaIsoDate(now)
  const rows = await db
    .selectFrom('aidExits as e')
    .innerJoin('aidHouseholds as h', 'h.id', 'e.householdId')
    .select(['e.id', 'e.householdId', 'e.state', 'e.year', 'e.perCapitaFen', 'e.monitoringFen', 'e.noticeStartsOn', 'e.noticeEndsOn', 'h.code', 'h.placeId', 'h.householdType'])
    .where('e.teamId', '=', teamId)
    .where('e.noticeStartsOn', 'is not', null)
    .where((eb) => eb.or([eb('e.state', '=', 'notice'), eb('e.noticeEndsOn', '>=', addDays(today, -RECENT_NOTICE_DAYS))]))
    .orderBy('e.noticeStartsOn', 'desc')
    .orderBy('h.code')
    .execute()
  if (!rows.length) return []
  const places = await loadPlaces(db, teamId)
  const members = await db.selectFrom('aidMembers').select(['householdId', 'relation', 'name']).where('householdId', 'in', rows.map((r) => r.householdId)).orderBy('createdAt').orderBy('id').execute()
  return rows.map((r) => {
    const mine = members.filter((m) => m.householdId === r.householdId)
    const state: AidPublicNotice['state'] = r.state === 'notice' ? (today < r.noticeEndsOn! ? 'running' : 'ended') : r.state === 'confirmed' ? 'confirmed' : 'withdrawn'
    return {
      householdCode: r.code,
      placePath: placePath(places, r.placeId),
      householdType: r.householdType as AidHouseholdType,
      memberCount: mine.length,
      headName: mine.find((m) => m.relation === 'head')?.name ?? null,
      year: r.year,
      perCapitaFen: r.perCapitaFen === null ? null : Number(r.perCapitaFen),
      monitoringFen: r.monitoringFen === null ? null : Number(r.monitoringFen),
      startsOn: r.noticeStartsOn!,
      endsOn: r.noticeEndsOn!,
      state,
    }
  })
}

/**
 * The generic status route must not skip the exit rule: into exit_proposed or exited, and out of
 * exit_proposed (a withdrawal), a household moves only through the exit routes above.
 */
export async function refuseExitEdges(w: WriteScope, householdId: string, to: AidHouseholdStatus): Promise<void> {
  const h = await w.trx.selectFrom('aidHouseholds').select('status').where('id', '=', householdId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  if (to === 'exit_proposed' || to === 'exited' || h.status === 'exit_proposed') {
    throw unprocessable('use_exit_flow', 'Exit goes through the exit routes: exit-proposal, exit-approval, exit-objection, exit-confirm.', [{ path: 'status', message: 'use the exit routes' }])
  }
}
