import type { Kysely } from 'kysely'
import { forUpdate, type AidMonitoringCaseRow, type Database } from '@chayi/db'
import {
  caseAlerts,
  chinaIsoDate,
  monitoringDeadlines,
  type AidChecklist,
  type AidHomeCheck,
  type AidHouseholdStatus,
  type AidMonitoringCase,
  type AidMonitoringCaseState,
  type AidMonitoringDecision,
  type AidMonitoringDecisionInput,
} from '@chayi/domain'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { notify } from '../notifications/notify.js'
import type { WriteScope } from '../write.js'
import { actorNames } from './actors.js'
import { changeHouseholdStatus, lockHousehold } from './households.js'

// 防返贫监测 cases: opened by a visit (income under the monitoring line, or a sudden hardship),
// then a home check within 2 working days and a decision within 15 days (domain monitoring.ts).
// One open case per household: a further trigger while one is open joins it.

type Db = Kysely<Database>

/**
 * Opens a case for the household, or returns the one already open (adding the new triggers to
 * nothing: the open case stands for all of them). The caller holds the household's lock.
 */
export async function openMonitoringCase(w: WriteScope, householdId: string, triggers: string[], visitId: string | null): Promise<{ id: string; opened: boolean }> {
  const open = await w.trx.selectFrom('aidMonitoringCases').select('id').where('householdId', '=', householdId).where('decidedAt', 'is', null).executeTakeFirst()
  if (open) return { id: open.id, opened: false }
  const due = monitoringDeadlines(w.at)
  const row: AidMonitoringCaseRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    triggers: JSON.stringify(triggers),
    visitId,
    openedAt: w.at,
    openedBy: w.actor,
    homeCheckDue: due.homeCheckDue,
    decisionDue: due.decisionDue,
    homeCheckAt: null,
    homeCheckBy: null,
    homeCheckNote: null,
    homeCheckFindings: null,
    decidedAt: null,
    decidedBy: null,
    decision: null,
    decisionNote: null,
  }
  await w.trx.insertInto('aidMonitoringCases').values(row).execute()
  await w.record({ kind: 'aid.monitoring_case_opened', entity: 'aid_monitoring_case', entityId: row.id, payload: { householdId, triggers, visitId, homeCheckDue: row.homeCheckDue, decisionDue: row.decisionDue } })
  await tellWorkerAndLeaders(w, householdId, row)
  return { id: row.id, opened: true }
}

/** The early warning reaches the household's assigned worker and the team's active leaders, in the inbox. */
async function tellWorkerAndLeaders(w: WriteScope, householdId: string, row: AidMonitoringCaseRow): Promise<void> {
  const h = await w.trx.selectFrom('aidHouseholds').select(['code', 'assignedWorkerId']).where('id', '=', householdId).executeTakeFirstOrThrow()
  const leaders = await w.trx
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .where('users.teamId', '=', w.teamId)
    .where('users.status', '=', 'active')
    .where('userRoles.role', '=', 'leader')
    .execute()
  const userIds = [...(h.assignedWorkerId ? [h.assignedWorkerId] : []), ...leaders.map((l) => l.id)]
  await notify(w, {
    userIds,
    kind: 'aid_monitoring_opened',
    // The household's code only: the inbox is no place for names or figures.
    params: { title: h.code, caseId: row.id, homeCheckDue: row.homeCheckDue, decisionDue: row.decisionDue },
    dedupeKey: `aid_monitoring:${row.id}`,
  })
}

type Joined = AidMonitoringCaseRow & { householdCode: string; householdStatus: string; assignedWorkerId: string | null }

function toCase(r: Joined, now: string, names: Map<string, string>): AidMonitoringCase {
  return {
    id: r.id,
    householdId: r.householdId,
    householdCode: r.householdCode,
    householdStatus: r.householdStatus as AidHouseholdStatus,
    assignedWorkerId: r.assignedWorkerId,
    triggers: JSON.parse(r.triggers) as string[],
    visitId: r.visitId,
    openedAt: r.openedAt,
    openedBy: r.openedBy,
    openedByName: names.get(r.openedBy) ?? null,
    homeCheckDue: r.homeCheckDue,
    decisionDue: r.decisionDue,
    homeCheckAt: r.homeCheckAt,
    homeCheckNote: r.homeCheckNote,
    homeCheckFindings: r.homeCheckFindings === null ? null : (JSON.parse(r.homeCheckFindings) as AidChecklist),
    decidedAt: r.decidedAt,
    decision: r.decision as AidMonitoringDecision | null,
    decisionNote: r.decisionNote,
    ...caseAlerts(r, now),
  }
}

function joined(db: Db, teamId: string) {
  return db
    .selectFrom('aidMonitoringCases as m')
    .innerJoin('aidHouseholds as h', 'h.id', 'm.householdId')
    .selectAll('m')
    .select(['h.code as householdCode', 'h.status as householdStatus', 'h.assignedWorkerId'])
    .where('m.teamId', '=', teamId)
}

export async function monitoringCase(db: Db, teamId: string, id: string, now: string): Promise<AidMonitoringCase> {
  const r = await joined(db, teamId).where('m.id', '=', id).executeTakeFirst()
  if (!r) throw notFound('Monitoring case')
  return toCase(r, now, await actorNames(db, [r.openedBy]))
}

/**
 * Cases newest first. `open` is every undecided case; `overdue` only the undecided ones past a
 * due day (China date), which the database finds by comparing the stored due days with today.
 */
export async function listMonitoringCases(
  db: Db,
  teamId: string,
  q: { state?: AidMonitoringCaseState | undefined; householdId?: string | undefined; limit: number; cursor?: string | undefined },
  now: string,
): Promise<{ items: AidMonitoringCase[]; nextCursor: string | null }> {
  const today = chinaIsoDate(now)
  let query = joined(db, teamId).orderBy('m.openedAt', 'desc').orderBy('m.id', 'desc').limit(q.limit + 1)
  if (q.state === 'closed') query = query.where('m.decidedAt', 'is not', null)
  if (q.state === 'open' || q.state === 'overdue') query = query.where('m.decidedAt', 'is', null)
  if (q.state === 'overdue') {
    query = query.where((eb) => eb.or([eb('m.decisionDue', '<', today), eb.and([eb('m.homeCheckAt', 'is', null), eb('m.homeCheckDue', '<', today)])]))
  }
  if (q.householdId) query = query.where('m.householdId', '=', q.householdId)
  if (q.cursor) {
    const [at, id] = q.cursor.split('~')
    if (at && id) query = query.where((eb) => eb.or([eb('m.openedAt', '<', at), eb.and([eb('m.openedAt', '=', at), eb('m.id', '<', id)])]))
  }
  const rows = await query.execute()
  const more = rows.length > q.limit
  const page = more ? rows.slice(0, q.limit) : rows
  const names = await actorNames(db, page.map((r) => r.openedBy))
  const items = page.map((r) => toCase(r, now, names))
  const last = items.at(-1)
  return { items, nextCursor: more && last ? `${last.openedAt}~${last.id}` : null }
}

async function lockCase(w: WriteScope, id: string): Promise<AidMonitoringCaseRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidMonitoringCases').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Monitoring case')
  return row
}

/** 入户核查: once per case, before the decision. */
export async function recordHomeCheck(w: WriteScope, id: string, input: AidHomeCheck): Promise<void> {
  const row = await lockCase(w, id)
  if (row.decidedAt !== null) throw conflict('case_closed', 'This monitoring case has been decided.')
  if (row.homeCheckAt !== null) throw conflict('home_check_recorded', 'The home check of this case is already recorded.')
  await w.trx
    .updateTable('aidMonitoringCases')
    .set({ homeCheckAt: w.at, homeCheckBy: w.actor, homeCheckNote: input.note, homeCheckFindings: JSON.stringify(input.findings) })
    .where('id', '=', id)
    .execute()
  await w.record({ kind: 'aid.monitoring_home_check', entity: 'aid_monitoring_case', entityId: id, payload: { householdId: row.householdId, late: chinaIsoDate(w.at) > row.homeCheckDue } })
}

/**
 * 研判: close the case, keep the household under monitoring, or assist it again. `assist` moves a
 * monitored (exited) household back to assisted (返贫); other statuses stay as they are.
 */
export async function decideCase(w: WriteScope, id: string, input: AidMonitoringDecisionInput, callerIsLeader: boolean): Promise<void> {
  const row = await lockCase(w, id)
  if (row.decidedAt !== null) throw conflict('case_closed', 'This monitoring case has been decided.')
  if (row.homeCheckAt === null) throw unprocessable('home_check_first', 'Record the home check before deciding.', [{ path: 'decision', message: 'no home check yet' }])
  const household = await lockHousehold(w, row.householdId)
  let statusChanged = false
  if (input.decision === 'assist' && household.status === 'monitored') {
    await changeHouseholdStatus(w, row.householdId, 'assisted', `返贫: ${input.note}`.slice(0, 200), callerIsLeader)
    statusChanged = true
  }
  await w.trx.updateTable('aidMonitoringCases').set({ decidedAt: w.at, decidedBy: w.actor, decision: input.decision, decisionNote: input.note }).where('id', '=', id).execute()
  await w.record({ kind: 'aid.monitoring_decided', entity: 'aid_monitoring_case', entityId: id, payload: { householdId: row.householdId, decision: input.decision, statusChanged, late: chinaIsoDate(w.at) > row.decisionDue } })
}
