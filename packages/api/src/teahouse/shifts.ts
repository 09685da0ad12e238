import { sql } from 'kysely'
import type { CloseShiftRequest, KioskDeviceState, OpenShiftRequest, PaymentMethod, Shift, ShiftReport } from '@chayi/domain'
import { PaymentMethodList } from '@chayi/domain'
import { conflict, notFound } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import type { WriteScope } from '../write.js'
import { AlreadyStored, idTaken, lockDevice, seqTaken, type Db } from './common.js'

// Shifts (班次): opened with a cash float, closed with a blind count. Nothing the counter can read
// before the close carries the expected cash; the close computes it, stores the variance and only
// then shows it.

const iso = (s: string) => new Date(s).toISOString()

type ShiftJoined = {
  id: string
  deviceId: string
  openedAt: string
  openedBy: string
  openedByName: string
  floatFen: number
  closedAt: string | null
}

const shiftsQuery = (db: Db) =>
  db
    .selectFrom('teahouseShifts as s')
    .innerJoin('users as u', 'u.id', 's.openedBy')
    .leftJoin('teahouseShiftCloses as sc', 'sc.shiftId', 's.id')
    .select(['s.id', 's.deviceId', 's.openedAt', 's.openedBy', 'u.displayName as openedByName', 's.floatFen', 'sc.closedAt', 's.teamId', 's.deviceSeq'])

export function toShift(r: ShiftJoined): Shift {
  return {
    id: r.id,
    deviceId: r.deviceId,
    openedAt: r.openedAt,
    openedBy: { userId: r.openedBy, displayName: r.openedByName },
    floatFen: Number(r.floatFen),
    status: r.closedAt ? 'closed' : 'open',
    closedAt: r.closedAt,
  }
}

export async function loadShift(db: Db, teamId: string, id: string): Promise<Shift | undefined> {
  const r = await shiftsQuery(db).where('s.teamId', '=', teamId).where('s.id', '=', id).executeTakeFirst()
  return r && toShift(r)
}

async function openShiftOf(db: Db, deviceId: string): Promise<Shift | null> {
  const r = await shiftsQuery(db).where('s.deviceId', '=', deviceId).where('sc.shiftId', 'is', null).orderBy('s.openedAt', 'desc').executeTakeFirst()
  return r ? toShift(r) : null
}

/** The highest sequence number the server holds from this device, per kind of record. */
async function lastSeqOf(db: Db, deviceId: string): Promise<KioskDeviceState['lastSeq']> {
  const max = async (table: 'teahouseSales' | 'teahouseServings' | 'teahouseIntakes' | 'teahouseShifts') =>
    Number((await db.selectFrom(table).select(sql<number | null>`max(device_seq)`.as('n')).where('deviceId', '=', deviceId).executeTakeFirst())?.n ?? 0)
  return { sale: await max('teahouseSales'), serving: await max('teahouseServings'), intake: await max('teahouseIntakes'), shift: await max('teahouseShifts') }
}

/** What the tablet learns about itself; its receipt prefix must already exist (see `registerDevice`). */
export async function deviceState(db: Db, teamId: string, deviceId: string): Promise<KioskDeviceState | undefined> {
  const row = await db.selectFrom('teahouseDevices').selectAll().where('deviceId', '=', deviceId).where('teamId', '=', teamId).executeTakeFirst()
  if (!row) return undefined
  return { deviceId, receiptPrefix: row.receiptPrefix, lastSeq: await lastSeqOf(db, deviceId), openShift: await openShiftOf(db, deviceId) }
}

/** Gives the tablet its receipt prefix the first time (in the caller's transaction). */
export async function registerDevice(w: WriteScope, deviceId: string): Promise<KioskDeviceState> {
  await lockDevice(w, deviceId)
  return (await deviceState(w.trx, w.teamId, deviceId))!
}

/** The stored shift for a client id from this device (replay), if any. */
export async function storedShift(db: Db, teamId: string, deviceId: string, id: string): Promise<Shift | undefined> {
  const r = await db.selectFrom('teahouseShifts').select(['teamId', 'deviceId']).where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  if (r.teamId !== teamId || r.deviceId !== deviceId) throw idTaken()
  return loadShift(db, teamId, id)
}

export const shiftSeqUsed = async (db: Db, deviceId: string, seq: number) =>
  !!(await db.selectFrom('teahouseShifts').select('id').where('deviceId', '=', deviceId).where('deviceSeq', '=', seq).executeTakeFirst())

/** Opens a shift on the tablet; one open shift per device. */
export async function openShift(w: WriteScope, deviceId: string, staffUserId: string, req: OpenShiftRequest): Promise<Shift> {
  await lockDevice(w, deviceId)
  if (await storedShift(w.trx, w.teamId, deviceId, req.id)) throw new AlreadyStored()
  if (await shiftSeqUsed(w.trx, deviceId, req.deviceSeq)) throw seqTaken('shift')
  const open = await openShiftOf(w.trx, deviceId)
  if (open) throw conflict('shift_open', 'This device already has an open shift; close it first.')
  await w.trx
    .insertInto('teahouseShifts')
    .values({ id: req.id, teamId: w.teamId, deviceId, deviceSeq: req.deviceSeq, openedAt: iso(req.openedAt), openedBy: staffUserId, floatFen: req.floatFen, receivedAt: w.at })
    .execute()
  await w.record({ kind: 'teahouse.shift_opened', entity: 'teahouse_shift', entityId: req.id, payload: { deviceId, deviceSeq: req.deviceSeq, openedBy: staffUserId, floatFen: req.floatFen } })
  return (await loadShift(w.trx, w.teamId, req.id))!
}

/** Sales of a shift that count (reversed ones left out). */
const liveSales = (db: Db, shiftId: string) =>
  db
    .selectFrom('teahouseSales as s')
    .leftJoin('teahouseSaleReversals as r', 'r.saleId', 's.id')
    .where('s.shiftId', '=', shiftId)
    .where('r.saleId', 'is', null)

/** Cash the drawer should hold: the float plus cash sales not reversed. */
async function expectedCash(db: Db, shiftId: string, floatFen: number): Promise<number> {
  const r = await liveSales(db, shiftId)
    .where('s.paymentMethod', '=', 'cash')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('s.totalFen'), eb.lit(0)).as('n'))
    .executeTakeFirstOrThrow()
  return floatFen + Number(r.n)
}

/**
 * Closes a shift with the counted cash (blind: the count was entered before anything showed the
 * expected figure). Refused while the server lacks any sale of this device up to `lastSaleSeq`.
 */
export async function closeShift(w: WriteScope, id: string, closedBy: string, req: CloseShiftRequest, byDevice: string | null): Promise<ShiftReport> {
  const found = await w.trx.selectFrom('teahouseShifts').select(['deviceId']).where('teamId', '=', w.teamId).where('id', '=', id).executeTakeFirst()
  if (!found || (byDevice && found.deviceId !== byDevice)) throw notFound('Shift')
  await lockDevice(w, found.deviceId)
  const shift = (await w.trx.selectFrom('teahouseShifts').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
  const closed = await w.trx.selectFrom('teahouseShiftCloses').select('shiftId').where('shiftId', '=', id).executeTakeFirst()
  if (closed) throw conflict('shift_closed', 'This shift is already closed.')
  if (req.lastSaleSeq > 0) {
    const held = await w.trx
      .selectFrom('teahouseSales')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deviceId', '=', shift.deviceId)
      .where('deviceSeq', '<=', req.lastSaleSeq)
      .executeTakeFirstOrThrow()
    if (Number(held.n) < req.lastSaleSeq) {
      throw conflict('sales_unsent', `The server holds ${Number(held.n)} of this device's ${req.lastSaleSeq} sales; send the rest before closing.`)
    }
  }
  const expected = await expectedCash(w.trx, id, Number(shift.floatFen))
  const row = {
    shiftId: id,
    teamId: w.teamId,
    closedAt: iso(req.closedAt),
    closedBy,
    countedCashFen: req.countedCashFen,
    expectedCashFen: expected,
    varianceFen: req.countedCashFen - expected,
    note: req.note || null,
    receivedAt: w.at,
  }
  await w.trx.insertInto('teahouseShiftCloses').values(row).execute()
  await w.record({
    kind: 'teahouse.shift_closed',
    entity: 'teahouse_shift',
    entityId: id,
    payload: { closedBy, countedCashFen: row.countedCashFen, expectedCashFen: row.expectedCashFen, varianceFen: row.varianceFen, lastSaleSeq: req.lastSaleSeq },
  })
  return (await shiftReport(w.trx, w.teamId, id))!
}

/** The shift's figures by payment method; the expected cash and variance only once it is closed. */
export async function shiftReport(db: Db, teamId: string, id: string): Promise<ShiftReport | undefined> {
  const shift = await loadShift(db, teamId, id)
  if (!shift) return undefined
  const close = await db
    .selectFrom('teahouseShiftCloses as c')
    .innerJoin('users as u', 'u.id', 'c.closedBy')
    .selectAll('c')
    .select('u.displayName')
    .where('c.shiftId', '=', id)
    .executeTakeFirst()
  const byMethodRows = await liveSales(db, id)
    .select(['s.paymentMethod'])
    .select((eb) => [
      eb.fn.countAll<number>().as('sales'),
      eb.fn.sum<number>('s.totalFen').as('amount'),
      eb.fn.sum<number>('s.teaFen').as('tea'),
      eb.fn.sum<number>('s.cupsFen').as('cupsFen'),
      eb.fn.sum<number>('s.cups').as('cups'),
    ])
    .groupBy('s.paymentMethod')
    .execute()
  const byCode = new Map(byMethodRows.map((r) => [r.paymentMethod, r]))
  const byMethod = PaymentMethodList.codes
    .filter((m) => byCode.has(m))
    .map((m) => ({ method: m as PaymentMethod, sales: Number(byCode.get(m)!.sales), amountFen: Number(byCode.get(m)!.amount) }))
  const sum = (k: 'sales' | 'amount' | 'tea' | 'cupsFen' | 'cups') => byMethodRows.reduce((s, r) => s + Number(r[k] ?? 0), 0)
  const until = shift.closedAt ?? '9999-12-31T00:00:00.000Z'
  const served = await db
    .selectFrom('teahouseServings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deviceId', '=', shift.deviceId)
    .where('servedAt', '>=', shift.openedAt)
    .where('servedAt', '<=', until)
    .executeTakeFirstOrThrow()
  return {
    shift,
    sales: sum('sales'),
    cupsSold: sum('cups'),
    cupsServed: Number(served.n),
    teaFen: sum('tea'),
    cupsFen: sum('cupsFen'),
    totalFen: sum('amount'),
    byMethod,
    floatFen: shift.floatFen,
    expectedCashFen: close ? Number(close.expectedCashFen) : null,
    countedCashFen: close ? Number(close.countedCashFen) : null,
    varianceFen: close ? Number(close.varianceFen) : null,
    closeNote: close?.note ?? null,
    closedBy: close ? { userId: close.closedBy, displayName: close.displayName } : null,
  }
}

/** Recent shifts of the team, newest opened first, each with its report (variance once closed). */
export async function listShifts(db: Db, teamId: string, f: { limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('teahouseShifts').select(['id', 'openedAt']).where('teamId', '=', teamId).orderBy('openedAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('openedAt', '<', c.createdAt), eb.and([eb('openedAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const items: ShiftReport[] = []
  for (const r of pageRows) items.push((await shiftReport(db, teamId, r.id))!)
  const last = pageRows[pageRows.length - 1]
  return { items, nextCursor: more && last ? encodeCursor(last.openedAt, last.id) : null }
}
