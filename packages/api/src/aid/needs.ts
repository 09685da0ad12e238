import type { Kysely } from 'kysely'
import { forUpdate, type AidNeedRow, type AidPledgeRow, type Database } from '@chayi/db'
import {
  needStatusOf,
  NewAidNeed,
  NewAidPledge,
  type AidNeed,
  type AidNeedDetail,
  type AidNeedKind,
  type AidNeedListQuery,
  type AidPledge,
} from '@chayi/domain'
import { notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { deliveryItems } from './deliveries.js'
import { lockHousehold } from './households.js'
import { loadPlaces, placeAndBelow } from './places.js'
import { checkPartner } from './plans.js'

// 帮扶需求: what the aid worker finds a household needs, the partners' pledges to it, and its status,
// which follows from what it holds (needStatusOf): open → pledged → delivered, back when a delivery
// is reversed; withdrawn by the worker while nothing was delivered.

type Db = Kysely<Database>

async function present(db: Db, rows: AidNeedRow[]): Promise<AidNeed[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const households = await db.selectFrom('aidHouseholds').select(['id', 'code']).where('id', 'in', [...new Set(rows.map((r) => r.householdId))]).execute()
  const codeOf = new Map(households.map((h) => [h.id, h.code]))
  const pledges = await db.selectFrom('aidPledges').select(['needId']).select((eb) => eb.fn.countAll<number | string>().as('n')).where('needId', 'in', ids).groupBy('needId').execute()
  const pledgeCount = new Map(pledges.map((p) => [p.needId, Number(p.n)]))
  const delivered = await db
    .selectFrom('aidDeliveries as d')
    .leftJoin('aidDeliveryReversals as r', 'r.deliveryId', 'd.id')
    .select(['d.needId'])
    .select((eb) => eb.fn.sum<number | string>('d.valueFen').as('v'))
    .where('d.needId', 'in', ids)
    .where('r.id', 'is', null)
    .groupBy('d.needId')
    .execute()
  const deliveredFen = new Map(delivered.map((d) => [d.needId, Number(d.v)]))
  return rows.map((r) => ({
    id: r.id,
    householdId: r.householdId,
    householdCode: codeOf.get(r.householdId) ?? '',
    kind: r.kind as AidNeedKind,
    description: r.description,
    estimatedFen: r.estimatedFen === null ? null : Number(r.estimatedFen),
    status: r.status,
    withdrawnReason: r.withdrawnReason,
    pledgeCount: pledgeCount.get(r.id) ?? 0,
    deliveredFen: deliveredFen.get(r.id) ?? 0,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
  }))
}

function toPledge(r: AidPledgeRow, partnerName: string): AidPledge {
  return {
    id: r.id,
    needId: r.needId,
    partnerId: r.partnerId,
    partnerName,
    what: r.what,
    amountFen: r.amountFen === null ? null : Number(r.amountFen),
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  }
}

/** The team's needs, newest first, filtered by status, kind, household, place or a partner who pledged or delivered. */
export async function listNeeds(db: Db, teamId: string, q: AidNeedListQuery): Promise<{ items: AidNeed[]; nextCursor: string | null }> {
  let query = db.selectFrom('aidNeeds').selectAll().where('teamId', '=', teamId).orderBy('id', 'desc').limit(q.limit + 1)
  if (q.status === 'active') query = query.where('status', 'in', ['open', 'pledged'])
  else if (q.status) query = query.where('status', '=', q.status)
  if (q.kind) query = query.where('kind', '=', q.kind)
  if (q.householdId) query = query.where('householdId', '=', q.householdId)
  if (q.placeId) {
    const placeIds = placeAndBelow(await loadPlaces(db, teamId), q.placeId)
    query = query.where('householdId', 'in', db.selectFrom('aidHouseholds').select('id').where('teamId', '=', teamId).where('placeId', 'in', placeIds))
  }
  if (q.partnerId) {
    const partnerId = q.partnerId
    query = query.where((eb) =>
      eb.or([
        eb('id', 'in', db.selectFrom('aidPledges').select('needId').where('teamId', '=', teamId).where('partnerId', '=', partnerId)),
        eb('id', 'in', db.selectFrom('aidDeliveries').select('needId').where('teamId', '=', teamId).where('partnerId', '=', partnerId)),
      ]),
    )
  }
  // Ids are time-ordered (UUIDv7), so the last id of a page is where the next one starts.
  if (q.cursor) query = query.where('id', '<', q.cursor)
  const rows = await query.execute()
  const more = rows.length > q.limit
  const items = await present(db, more ? rows.slice(0, q.limit) : rows)
  return { items, nextCursor: more ? items[items.length - 1]!.id : null }
}

/** One need of the team with its pledges and deliveries (photos left out). */
export async function needDetail(db: Db, teamId: string, id: string): Promise<AidNeedDetail> {
  const row = await db.selectFrom('aidNeeds').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) throw notFound('Need')
  const [need] = await present(db, [row])
  const pledges = await db
    .selectFrom('aidPledges')
    .innerJoin('partners', 'partners.id', 'aidPledges.partnerId')
    .selectAll('aidPledges')
    .select('partners.name as partnerName')
    .where('aidPledges.needId', '=', id)
    .orderBy('aidPledges.createdAt')
    .orderBy('aidPledges.id')
    .execute()
  const deliveries = await deliveryItems(db, teamId, { needId: id })
  return { ...need!, pledges: pledges.map(({ partnerName, ...p }) => toPledge(p, partnerName)), deliveries }
}

/** The need, locked for the rest of the write (404 for another team's). */
export async function lockNeed(w: WriteScope, id: string): Promise<AidNeedRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('aidNeeds').selectAll().where('id', '=', id).where('teamId', '=', w.teamId)).executeTakeFirst()
  if (!row) throw notFound('Need')
  return row
}

/** Sets the need's status from its pledges and standing deliveries; returns the new status. */
export async function refreshNeedStatus(w: WriteScope, need: AidNeedRow): Promise<AidNeedRow['status']> {
  const pledges = await w.trx.selectFrom('aidPledges').select((eb) => eb.fn.countAll<number | string>().as('n')).where('needId', '=', need.id).executeTakeFirstOrThrow()
  const live = await w.trx
    .selectFrom('aidDeliveries as d')
    .leftJoin('aidDeliveryReversals as r', 'r.deliveryId', 'd.id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('d.needId', '=', need.id)
    .where('r.id', 'is', null)
    .executeTakeFirstOrThrow()
  const status = needStatusOf({ withdrawn: need.status === 'withdrawn', pledges: Number(pledges.n), liveDeliveries: Number(live.n) })
  if (status !== need.status) {
    await w.trx.updateTable('aidNeeds').set({ status, updatedAt: w.at }).where('id', '=', need.id).execute()
    await w.record({ kind: 'aid.need_status_changed', entity: 'aid_need', entityId: need.id, payload: { householdId: need.householdId, from: need.status, to: status } })
  }
  return status
}

/** Posts a need for a household (status open). Parses its input again, so seeders can pass plain objects. */
export async function createNeed(w: WriteScope, householdId: string, raw: NewAidNeed): Promise<AidNeedRow> {
  const input = NewAidNeed.parse(raw)
  await lockHousehold(w, householdId)
  const row: AidNeedRow = {
    id: newId(),
    teamId: w.teamId,
    householdId,
    kind: input.kind,
    description: input.description,
    estimatedFen: input.estimatedFen ?? null,
    status: 'open',
    withdrawnReason: null,
    createdAt: w.at,
    createdBy: w.actor,
    updatedAt: w.at,
  }
  await w.trx.insertInto('aidNeeds').values(row).execute()
  await w.record({ kind: 'aid.need_posted', entity: 'aid_need', entityId: row.id, payload: { householdId, kind: row.kind, estimatedFen: row.estimatedFen } })
  return row
}

export const needClosed = (status: string) =>
  unprocessable('need_closed', status === 'withdrawn' ? 'This need was withdrawn.' : `This need is ${status}.`, [{ path: 'needId', message: `the need is ${status}` }])

/** Withdraws a need that nothing was delivered for (a delivered need stays; reverse its deliveries first). */
export async function withdrawNeed(w: WriteScope, id: string, reason: string): Promise<void> {
  const need = await lockNeed(w, id)
  if (need.status === 'withdrawn' || need.status === 'delivered') throw needClosed(need.status)
  await w.trx.updateTable('aidNeeds').set({ status: 'withdrawn', withdrawnReason: reason, updatedAt: w.at }).where('id', '=', id).execute()
  await w.record({ kind: 'aid.need_withdrawn', entity: 'aid_need', entityId: id, payload: { householdId: need.householdId, from: need.status, reason } })
}

/**
 * Records a partner's pledge to a need (by staff); the first one moves an open need to pledged.
 * A delivered need takes no more (what is still missing is a new need; a reversed delivery reopens it).
 */
export async function addPledge(w: WriteScope, needId: string, raw: NewAidPledge): Promise<AidPledge> {
  const input = NewAidPledge.parse(raw)
  const need = await lockNeed(w, needId)
  if (need.status === 'withdrawn' || need.status === 'delivered') throw needClosed(need.status)
  const partner = await checkPartner(w.trx, w.teamId, input.partnerId)
  const row: AidPledgeRow = {
    id: newId(),
    teamId: w.teamId,
    needId,
    partnerId: partner.id,
    what: input.what,
    amountFen: input.amountFen ?? null,
    createdAt: w.at,
    createdBy: w.actor,
  }
  await w.trx.insertInto('aidPledges').values(row).execute()
  await w.record({ kind: 'aid.need_pledged', entity: 'aid_need', entityId: needId, payload: { pledgeId: row.id, householdId: need.householdId, partnerId: row.partnerId, amountFen: row.amountFen } })
  await refreshNeedStatus(w, need)
  return toPledge(row, partner.name)
}
