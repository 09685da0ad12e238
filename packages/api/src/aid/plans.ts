import type { Kysely } from 'kysely'
import { forUpdate, type AidMeasureRow, type Database } from '@chayi/db'
import { canMoveMeasure, NewAidMeasure, type AidMeasure, type AidMeasurePatch, type AidMeasureStatus, type AidMeasureStatusChange, type AssistanceMeasureKind } from '@chayi/domain'
import { notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { lockHousehold } from './households.js'

// 一户一策: a household's measures. A measure is a plan, not money: its content is written once
// and its status moves planned → in_progress → done (or cancelled, with a reason), each move kept
// in aid_measure_status and the audit chain.

type Db = Kysely<Database>

/** One of the team's partners, or a 422 naming the field. */
export async function checkPartner(db: Db, teamId: string, partnerId: string, path = 'partnerId'): Promise<{ id: string; name: string }> {
  const p = await db.selectFrom('partners').select(['id', 'name']).where('id', '=', partnerId).where('teamId', '=', teamId).executeTakeFirst()
  if (!p) throw unprocessable('unknown_partner', 'The partner is not one of this team’s partners.', [{ path, message: 'no such partner in this team' }])
  return p
}

/** Measures with partner names and histories, in the rows' order. */
async function present(db: Db, rows: AidMeasureRow[]): Promise<AidMeasure[]> {
  if (!rows.length) return []
  const partnerIds = [...new Set(rows.map((r) => r.partnerId).filter((x): x is string => x !== null))]
  const partners = partnerIds.length ? await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', partnerIds).execute() : []
  const nameOf = new Map(partners.map((p) => [p.id, p.name]))
  const history = await db
    .selectFrom('aidMeasureStatus')
    .selectAll()
    .where('measureId', 'in', rows.map((r) => r.id))
    .orderBy('at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    householdId: r.householdId,
    kind: r.kind as AssistanceMeasureKind,
    content: r.content,
    partnerId: r.partnerId,
    partnerName: r.partnerId ? (nameOf.get(r.partnerId) ?? null) : null,
    amountFen: r.amountFen === null ? null : Number(r.amountFen),
    dueOn: r.dueOn,
    status: r.status,
    history: history
      .filter((h) => h.measureId === r.id)
      .map((h) => ({ from: h.fromStatus as AidMeasureStatus | null, to: h.toStatus as AidMeasureStatus, at: h.at, by: h.by, reason: h.reason })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }))
}

/** A household's measures, oldest first (404 for a household of another team). */
export async function listMeasures(db: Db, teamId: string, householdId: string): Promise<AidMeasure[]> {
  const h = await db.selectFrom('aidHouseholds').select('id').where('id', '=', householdId).where('teamId', '=', teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  const rows = await db.selectFrom('aidMeasures').selectAll().where('householdId', '=', householdId).orderBy('createdAt').orderBy('id').execute()
  return present(db, rows)
}

export async function getMeasure(db: Db, teamId: string, id: string): Promise<AidMeasure> {
  const row = await db.selectFrom('aidMeasures').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) throw notFound('Measure')
  return (await present(db, [row]))[0]!
}

/** Adds a planned measure to a household's plan. Parses its input again, so seeders can pass plain objects. */
export async function addMeasure(w: WriteScope, householdId: string, raw: NewAidMeasure): Promise<AidMeasure> {
  const input = NewAidMeasure.parse(raw)
  await lockHousehold(w, householdId)
  if (input.partnerId) await checkPartner(w.trx, w.teamId, input.partnerId)
  const row: AidMeasureRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    kind: input.kind,
    content: input.content,
    partnerId: input.partnerId ?? null,
    amountFen: input.amountFen ?? null,
    dueOn: input.dueOn ?? null,
    status: 'planned',
    createdAt: w.at,
    createdBy: w.actor,
    updatedAt: w.at,
  }
  await w.trx.insertInto('aidMeasures').values(row).execute()
  await w.trx.insertInto('aidMeasureStatus').values({ id: newId(), teamId: w.teamId, measureId: row.id, fromStatus: null, toStatus: 'planned', at: w.at, by: w.actor, reason: null }).execute()
  await w.record({
    kind: 'aid.measure_added',
    entity: 'aid_measure',
    entityId: row.id,
    payload: { householdId, kind: row.kind, partnerId: row.partnerId, amountFen: row.amountFen, dueOn: row.dueOn },
  })
  return getMeasure(w.trx, w.teamId, row.id)
}

/** Moves a measure along its statuses; a move the rules do not allow is a 422. */
export async function changeMeasureStatus(w: WriteScope, id: string, change: AidMeasureStatusChange): Promise<AidMeasure> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidMeasures').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Measure')
  if (!canMoveMeasure(row.status, change.status)) {
    throw unprocessable('bad_transition', `A measure cannot move from ${row.status} to ${change.status}.`, [{ path: 'status', message: `not allowed from ${row.status}` }])
  }
  await w.trx.updateTable('aidMeasures').set({ status: change.status, updatedAt: w.at }).where('id', '=', id).execute()
  await w.trx
    .insertInto('aidMeasureStatus')
    .values({ id: newId(), teamId: w.teamId, measureId: id, fromStatus: row.status, toStatus: change.status, at: w.at, by: w.actor, reason: change.reason ?? null })
    .execute()
  await w.record({ kind: 'aid.measure_status_changed', entity: 'aid_measure', entityId: id, payload: { householdId: row.householdId, from: row.status, to: change.status, reason: change.reason ?? null } })
  return getMeasure(w.trx, w.teamId, id)
}

/**
 * Changes what an open measure says (content, partner, amount, due date). A plan is not money, so
 * this is an edit; the chain keeps the old and new values of the fields changed.
 */
export async function updateMeasure(w: WriteScope, id: string, patch: AidMeasurePatch): Promise<AidMeasure> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidMeasures').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Measure')
  if (row.status === 'done' || row.status === 'cancelled') {
    throw unprocessable('measure_closed', `A ${row.status} measure is not changed.`, [{ path: 'status', message: `the measure is ${row.status}` }])
  }
  if (patch.partnerId) await checkPartner(w.trx, w.teamId, patch.partnerId)
  const set: Partial<AidMeasureRow> = {}
  if (patch.content !== undefined) set.content = patch.content
  if (patch.partnerId !== undefined) set.partnerId = patch.partnerId
  if (patch.amountFen !== undefined) set.amountFen = patch.amountFen
  if (patch.dueOn !== undefined) set.dueOn = patch.dueOn
  const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== row[k])
  if (changed.length) {
    await w.trx.updateTable('aidMeasures').set({ ...set, updatedAt: w.at }).where('id', '=', id).execute()
    await w.record({
      kind: 'aid.measure_changed',
      entity: 'aid_measure',
      entityId: id,
      payload: { householdId: row.householdId, from: Object.fromEntries(changed.map((k) => [k, row[k]])), to: Object.fromEntries(changed.map((k) => [k, set[k]])) },
    })
  }
  return getMeasure(w.trx, w.teamId, id)
}
