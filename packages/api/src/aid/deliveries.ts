import type { Kysely } from 'kysely'
import { isUniqueViolation, type AidDeliveryRow, type Database } from '@chayi/db'
import {
  NewAidDelivery,
  ZERO_COMPONENTS,
  type AidConfirmMethod,
  type AidDelivery,
  type AidDeliveryItem,
  type AidIncomeComponentName,
  type AidNeedKind,
  type NewAidDeliveryParsed,
} from '@chayi/domain'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteResult, WriteScope } from '../write.js'
import { recordIncome } from './incomes.js'
import { lockNeed, needClosed, refreshNeedStatus } from './needs.js'
import { checkPartner } from './plans.js'

// 送达: goods or money a partner handed to a household, recorded on the worker's device (often
// offline) with photos and the household's confirmation. A delivery is only ever added, under the
// id the device made (a resend answers the stored one); a mistake is undone by a reversal row that
// points at it, with a negative income credit when the delivery had credited the household.

type Db = Kysely<Database>

/** Columns of a list item: everything but the photos and the signature image. */
const ITEM_COLUMNS = [
  'd.id',
  'd.teamId',
  'd.needId',
  'd.householdId',
  'd.pledgeId',
  'd.partnerId',
  'd.what',
  'd.valueFen',
  'd.deliveredOn',
  'd.photoCount',
  'd.confirmedBy',
  'd.confirmMethod',
  'd.granaryDistributionId',
  'd.fundExpenseId',
  'd.creditComponent',
  'd.creditFen',
  'd.incomeId',
  'd.note',
  'd.createdAt',
  'd.createdBy',
] as const

function baseQuery(db: Db, teamId: string) {
  return db
    .selectFrom('aidDeliveries as d')
    .innerJoin('partners as p', 'p.id', 'd.partnerId')
    .innerJoin('aidNeeds as n', 'n.id', 'd.needId')
    .leftJoin('aidDeliveryReversals as r', 'r.deliveryId', 'd.id')
    .select(ITEM_COLUMNS)
    .select((eb) => [
      'p.name as partnerName',
      'n.kind as needKind',
      'r.id as reversalId',
      'r.reason as reversalReason',
      'r.incomeId as reversalIncomeId',
      'r.createdAt as reversedAt',
      'r.createdBy as reversedBy',
      eb.case().when('d.signature', 'is', null).then(0).else(1).end().as('hasSignature'),
    ])
    .where('d.teamId', '=', teamId)
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function toItem(r: ItemRow): AidDeliveryItem {
  return {
    id: r.id,
    needId: r.needId,
    needKind: r.needKind as AidNeedKind,
    householdId: r.householdId,
    pledgeId: r.pledgeId,
    partnerId: r.partnerId,
    partnerName: r.partnerName,
    what: r.what,
    valueFen: Number(r.valueFen),
    deliveredOn: r.deliveredOn,
    photoCount: Number(r.photoCount),
    hasPhotos: Number(r.photoCount) > 0,
    confirmedBy: r.confirmedBy,
    confirmMethod: r.confirmMethod as AidConfirmMethod,
    hasSignature: Number(r.hasSignature) === 1,
    granaryDistributionId: r.granaryDistributionId,
    fundExpenseId: r.fundExpenseId,
    incomeCredit:
      r.creditComponent && r.incomeId ? { component: r.creditComponent as AidIncomeComponentName, amountFen: Number(r.creditFen), incomeId: r.incomeId } : null,
    note: r.note,
    reversal: r.reversalId ? { id: r.reversalId, reason: r.reversalReason!, incomeId: r.reversalIncomeId ?? null, at: r.reversedAt!, by: r.reversedBy! } : null,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  }
}

/** Deliveries of a need or a household, newest handover first; no photos. */
export async function deliveryItems(db: Db, teamId: string, by: { needId?: string; householdId?: string }): Promise<AidDeliveryItem[]> {
  let q = baseQuery(db, teamId).orderBy('d.deliveredOn', 'desc').orderBy('d.id', 'desc')
  if (by.needId) q = q.where('d.needId', '=', by.needId)
  if (by.householdId) q = q.where('d.householdId', '=', by.householdId)
  return (await q.execute()).map(toItem)
}

/** A household's deliveries (404 for a household of another team). */
export async function householdDeliveries(db: Db, teamId: string, householdId: string): Promise<AidDeliveryItem[]> {
  const h = await db.selectFrom('aidHouseholds').select('id').where('id', '=', householdId).where('teamId', '=', teamId).executeTakeFirst()
  if (!h) throw notFound('Household')
  return deliveryItems(db, teamId, { householdId })
}

/** One delivery with its photos and signature image. */
export async function getDelivery(db: Db, teamId: string, id: string): Promise<AidDelivery> {
  const r = await baseQuery(db, teamId).select(['d.photos', 'd.signature']).where('d.id', '=', id).executeTakeFirst()
  if (!r) throw notFound('Delivery')
  return { ...toItem(r), photos: JSON.parse(r.photos) as string[], signature: r.signature }
}

/** Another team, or another need, already holds this client id. */
export const deliveryIdTaken = () => conflict('id_taken', 'This delivery id is already used by another record.')

/** The stored delivery for a client id (a resend), if any; the id held elsewhere is a 409. */
export async function storedDelivery(db: Db, teamId: string, needId: string, id: string): Promise<AidDelivery | undefined> {
  const r = await db.selectFrom('aidDeliveries').select(['teamId', 'needId']).where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  if (r.teamId !== teamId || r.needId !== needId) throw deliveryIdTaken()
  return getDelivery(db, teamId, id)
}

/** Thrown inside the write when, holding the need's lock, it finds a copy of itself committed first. */
export class DeliveryAlreadyStored extends Error {
  constructor() {
    super('delivery already stored')
  }
}

/**
 * Exactly once for a delivery sent with the device's id: a resend answers what is stored and stores
 * nothing; a race with a copy of itself (unique violation, or found under the lock) is answered the same.
 */
export async function deliverOnce(db: Db, teamId: string, needId: string, id: string, run: () => Promise<WriteResult<AidDelivery>>): Promise<{ body: AidDelivery; replayed: boolean }> {
  const prior = await storedDelivery(db, teamId, needId, id)
  if (prior) return { body: prior, replayed: true }
  try {
    return { body: (await run()).body, replayed: false }
  } catch (err) {
    if (!isUniqueViolation(err) && !(err instanceof DeliveryAlreadyStored)) throw err
    const again = await storedDelivery(db, teamId, needId, id)
    if (again) return { body: again, replayed: true }
    throw err
  }
}

/** Today's date in China (UTC+8), where the handovers happen. */
const chinaDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const bad = (code: string, message: string, path: string, why: string) => unprocessable(code, message, [{ path, message: why }])

/** A granary distribution of this team, to this household, not reversed, and not already linked. */
async function checkDistribution(w: WriteScope, householdId: string, id: string): Promise<void> {
  const d = await w.trx.selectFrom('granaryDistributions').select(['recipientKind', 'recipientId']).where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!d) throw bad('unknown_distribution', 'The granary distribution is not one of this team’s.', 'granaryDistributionId', 'no such distribution in this team')
  if (d.recipientKind !== 'aid_household' || d.recipientId !== householdId) {
    throw bad('distribution_not_for_household', 'The granary distribution went to someone else.', 'granaryDistributionId', 'the distribution’s recipient is not this household')
  }
  const reversed = await w.trx
    .selectFrom('granaryMovements as m')
    .innerJoin('granaryMovements as rev', 'rev.reverses', 'm.id')
    .select('rev.id')
    .where('m.distributionId', '=', id)
    .executeTakeFirst()
  if (reversed) throw bad('distribution_reversed', 'The granary distribution was reversed.', 'granaryDistributionId', 'reversed')
  await checkNotLinked(w, 'granaryDistributionId', id)
}

/** An approved fund expense of this team whose payment stands, not already linked. */
async function checkExpense(w: WriteScope, id: string): Promise<void> {
  const e = await w.trx.selectFrom('fundExpenseRequests').select(['status']).where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!e) throw bad('unknown_expense', 'The fund expense is not one of this team’s.', 'fundExpenseId', 'no such expense in this team')
  if (e.status !== 'approved') throw bad('expense_not_paid', `The fund expense is ${e.status}, not approved and paid.`, 'fundExpenseId', `the expense is ${e.status}`)
  const entry = await w.trx.selectFrom('fundEntries').select('id').where('expenseId', '=', id).where('kind', '=', 'expense').executeTakeFirst()
  const reversed = entry ? await w.trx.selectFrom('fundEntries').select('id').where('reverses', '=', entry.id).executeTakeFirst() : undefined
  if (!entry || reversed) throw bad('expense_not_paid', 'The fund expense’s payment was reversed.', 'fundExpenseId', 'the payment was reversed')
  await checkNotLinked(w, 'fundExpenseId', id)
}

/** A distribution or expense backs one standing delivery at most. */
async function checkNotLinked(w: WriteScope, column: 'granaryDistributionId' | 'fundExpenseId', id: string): Promise<void> {
  const other = await w.trx
    .selectFrom('aidDeliveries as d')
    .leftJoin('aidDeliveryReversals as r', 'r.deliveryId', 'd.id')
    .select('d.id')
    .where(`d.${column}`, '=', id)
    .where('r.id', 'is', null)
    .executeTakeFirst()
  if (other) throw bad('already_linked', 'Another delivery is already linked to this record.', column, `linked to delivery ${other.id}`)
}

/**
 * Records a delivery for a need, crediting the household's income when asked. Parses its input
 * again, so seeders can pass plain objects. The need becomes delivered.
 */
export async function recordDelivery(w: WriteScope, needId: string, raw: NewAidDeliveryParsed): Promise<AidDelivery> {
  const input = NewAidDelivery.parse(raw)
  const need = await lockNeed(w, needId)
  if (await w.trx.selectFrom('aidDeliveries').select('id').where('id', '=', input.id).executeTakeFirst()) throw new DeliveryAlreadyStored()
  // One standing delivery per need: a second one (two phones delivering the same need offline) is
  // refused, not added; reversing a mistaken delivery reopens the need.
  if (need.status === 'withdrawn' || need.status === 'delivered') throw needClosed(need.status)
  const partner = await checkPartner(w.trx, w.teamId, input.partnerId)
  if (input.pledgeId) {
    const pledge = await w.trx.selectFrom('aidPledges').select(['partnerId']).where('id', '=', input.pledgeId).where('needId', '=', needId).executeTakeFirst()
    if (!pledge) throw bad('unknown_pledge', 'The pledge is not one of this need’s.', 'pledgeId', 'no such pledge for this need')
    if (pledge.partnerId !== partner.id) throw bad('pledge_partner_mismatch', 'The pledge was made by another partner.', 'partnerId', 'not the partner of the pledge')
  }
  if (input.deliveredOn > chinaDay(w.at)) throw bad('future_date', 'A delivery cannot be dated in the future.', 'deliveredOn', 'after today')
  const year = Number(input.deliveredOn.slice(0, 4))
  if (input.incomeCredit && year < 2013) throw bad('bad_year', 'Income is recorded from 2013 on.', 'deliveredOn', 'before 2013')
  if (input.granaryDistributionId) await checkDistribution(w, need.householdId, input.granaryDistributionId)
  if (input.fundExpenseId) await checkExpense(w, input.fundExpenseId)

  let incomeId: string | null = null
  if (input.incomeCredit) {
    const { component, amountFen } = input.incomeCredit
    const income = await recordIncome(w, {
      householdId: need.householdId,
      year,
      asOf: input.deliveredOn,
      source: 'partner_credit',
      components: { ...ZERO_COMPONENTS, [component]: amountFen },
      deliveryId: input.id,
      note: input.what,
    })
    incomeId = income.id
  }
  const row: AidDeliveryRow = {
    id: input.id,
    teamId: w.teamId,
    needId,
    householdId: need.householdId,
    pledgeId: input.pledgeId ?? null,
    partnerId: partner.id,
    what: input.what,
    valueFen: input.valueFen,
    deliveredOn: input.deliveredOn,
    photos: JSON.stringify(input.photos),
    photoCount: input.photos.length,
    confirmedBy: input.confirmation.confirmedBy,
    confirmMethod: input.confirmation.method,
    signature: input.confirmation.signature ?? null,
    granaryDistributionId: input.granaryDistributionId ?? null,
    fundExpenseId: input.fundExpenseId ?? null,
    creditComponent: input.incomeCredit?.component ?? null,
    creditFen: input.incomeCredit?.amountFen ?? null,
    incomeId,
    note: input.note || null,
    createdAt: w.at,
    createdBy: w.actor,
  }
  await w.trx.insertInto('aidDeliveries').values(row).execute()
  // The chain names who, what value and where it came from; the photos and the signature stay out.
  await w.record({
    kind: 'aid.delivery_recorded',
    entity: 'aid_delivery',
    entityId: row.id,
    payload: {
      needId,
      householdId: row.householdId,
      pledgeId: row.pledgeId,
      partnerId: row.partnerId,
      valueFen: row.valueFen,
      deliveredOn: row.deliveredOn,
      photoCount: row.photoCount,
      confirmMethod: row.confirmMethod,
      granaryDistributionId: row.granaryDistributionId,
      fundExpenseId: row.fundExpenseId,
      incomeId,
    },
  })
  await refreshNeedStatus(w, need)
  return getDelivery(w.trx, w.teamId, row.id)
}

/**
 * Reverses a delivery: a reversal row pointing at it (the delivery itself is never changed), a
 * negative income credit undoing its credit, and the need back to pledged or open.
 */
export async function reverseDelivery(w: WriteScope, id: string, reason: string): Promise<AidDelivery> {
  const found = await w.trx.selectFrom('aidDeliveries').select(['needId']).where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!found) throw notFound('Delivery')
  // The need's lock queues every write about its deliveries, so two reversals cannot both pass.
  const need = await lockNeed(w, found.needId)
  const row = await w.trx.selectFrom('aidDeliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  if (await w.trx.selectFrom('aidDeliveryReversals').select('id').where('deliveryId', '=', id).executeTakeFirst()) {
    throw conflict('already_reversed', 'This delivery was already reversed.')
  }
  let incomeId: string | null = null
  if (row.incomeId) {
    const credit = await w.trx.selectFrom('aidIncomes').selectAll().where('id', '=', row.incomeId).executeTakeFirstOrThrow()
    const income = await recordIncome(w, {
      householdId: row.householdId,
      year: credit.year,
      asOf: credit.asOf,
      source: 'partner_credit',
      components: { ...ZERO_COMPONENTS, [row.creditComponent as AidIncomeComponentName]: Number(row.creditFen) },
      // The same head count, so the per-capita figures cancel exactly.
      memberCount: credit.memberCount,
      deliveryId: row.id,
      reversesId: credit.id,
      negate: true,
      note: reason,
    })
    incomeId = income.id
  }
  const reversalId = newId()
  await w.trx.insertInto('aidDeliveryReversals').values({ id: reversalId, teamId: w.teamId, deliveryId: id, reason, incomeId, createdAt: w.at, createdBy: w.actor }).execute()
  await w.record({
    kind: 'aid.delivery_reversed',
    entity: 'aid_delivery',
    entityId: id,
    payload: { reversalId, needId: row.needId, householdId: row.householdId, valueFen: Number(row.valueFen), incomeId, reason },
  })
  await refreshNeedStatus(w, need)
  return getDelivery(w.trx, w.teamId, id)
}
