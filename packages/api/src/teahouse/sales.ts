import { cupSerial, cupToken, receiptNo, saleTotals, type Cup, type CupKind, type PaymentMethod, type PublicReceipt, type Sale, type SaleRequest } from '@chayi/domain'
import { nextTeamCounter } from '../counters.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { AlreadyStored, idTaken, lockDevice, parseJsonArray, seqTaken, type Db } from './common.js'

// Sales (售茶) with charity cups (义仓茶). A sale is stored exactly once under the tablet's id and
// its (device, sequence) pair; each cup becomes a row with a token the tablet already printed and a
// team-wide serial. Sales are never changed: a mistake is reversed, and its waiting cups leave the pool.

export const CUP_SERIAL = 'teahouse_cup_serial'
/** Taken by every write that consumes or withdraws cups, so the pool changes one write at a time. */
export const CUP_POOL_LOCK = 'teahouse_cup_pool'

const iso = (s: string) => new Date(s).toISOString()

/** Cups with their status: served when a serving points at them. */
async function cupsOf(db: Db, saleIds: readonly string[]): Promise<Map<string, Cup[]>> {
  const out = new Map<string, Cup[]>()
  if (!saleIds.length) return out
  const rows = await db
    .selectFrom('teahouseCups as c')
    .leftJoin('teahouseServings as v', 'v.cupId', 'c.id')
    .select(['c.saleId', 'c.token', 'c.serial', 'c.serialNo', 'c.priceFen', 'c.boughtAt', 'v.servedAt', 'v.kinds'])
    .where('c.saleId', 'in', [...saleIds])
    .orderBy('c.serialNo')
    .execute()
  for (const r of rows) {
    const list = out.get(r.saleId) ?? []
    list.push({
      token: r.token,
      serial: r.serial,
      priceFen: Number(r.priceFen),
      boughtAt: r.boughtAt,
      status: r.servedAt ? 'served' : 'waiting',
      servedAt: r.servedAt ?? null,
      servedKind: r.kinds ? (parseJsonArray<CupKind>(r.kinds)[0] ?? null) : null,
    })
    out.set(r.saleId, list)
  }
  return out
}

type SaleRow = {
  id: string
  receiptNo: string
  receiptCode: string
  shiftId: string
  soldAt: string
  paymentMethod: string
  teaFen: number
  cupsFen: number
  totalFen: number
}

async function toSales(db: Db, rows: SaleRow[]): Promise<Sale[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const lines = await db.selectFrom('teahouseSaleLines').selectAll().where('saleId', 'in', ids).orderBy('saleId').orderBy('lineNo').execute()
  const cups = await cupsOf(db, ids)
  return rows.map((r) => ({
    id: r.id,
    receiptNo: r.receiptNo,
    receiptCode: r.receiptCode,
    shiftId: r.shiftId,
    soldAt: r.soldAt,
    paymentMethod: r.paymentMethod as PaymentMethod,
    lines: lines
      .filter((l) => l.saleId === r.id)
      .map((l) => ({ menuItemId: l.menuItemId, name: l.name, quantity: Number(l.quantity), unitPriceFen: Number(l.unitPriceFen), amountFen: Number(l.amountFen) })),
    teaFen: Number(r.teaFen),
    cupsFen: Number(r.cupsFen),
    totalFen: Number(r.totalFen),
    cups: cups.get(r.id) ?? [],
  }))
}

export async function loadSale(db: Db, teamId: string, id: string): Promise<Sale | undefined> {
  const row = await db.selectFrom('teahouseSales').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  return row ? (await toSales(db, [row]))[0] : undefined
}

/** The stored sale for a client id from this device (a resend), if any. */
export async function storedSale(db: Db, teamId: string, deviceId: string, id: string): Promise<Sale | undefined> {
  const r = await db.selectFrom('teahouseSales').select(['teamId', 'deviceId']).where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  if (r.teamId !== teamId || r.deviceId !== deviceId) throw idTaken()
  return loadSale(db, teamId, id)
}

export const saleSeqUsed = async (db: Db, deviceId: string, seq: number) =>
  !!(await db.selectFrom('teahouseSales').select('id').where('deviceId', '=', deviceId).where('deviceSeq', '=', seq).executeTakeFirst())

/**
 * Stores a sale the tablet made (maybe offline, maybe long ago): its lines at the prices it charged,
 * its cups, its receipt number from the device's prefix and sequence. The shift must be this
 * device's and open; menu items must be the team's (inactive ones too: the tablet's menu was cached).
 */
export async function recordSale(w: WriteScope, deviceId: string, staffUserId: string | null, req: SaleRequest): Promise<Sale> {
  // Locks in the order every tea-house write takes them: cup serials, device, then the audit chain.
  const serialNos: number[] = []
  for (let n = 1; n <= req.cups; n++) serialNos.push(await nextTeamCounter(w, CUP_SERIAL))
  const device = await lockDevice(w, deviceId)
  if (await storedSale(w.trx, w.teamId, deviceId, req.id)) throw new AlreadyStored()
  if (await saleSeqUsed(w.trx, deviceId, req.deviceSeq)) throw seqTaken('sale')
  const shift = await w.trx.selectFrom('teahouseShifts').select(['id', 'deviceId']).where('teamId', '=', w.teamId).where('id', '=', req.shiftId).executeTakeFirst()
  if (!shift || shift.deviceId !== deviceId) throw unprocessable('unknown_shift', 'No such shift on this device.', [{ path: 'shiftId', message: 'not a shift of this device' }])
  if (await w.trx.selectFrom('teahouseShiftCloses').select('shiftId').where('shiftId', '=', req.shiftId).executeTakeFirst()) {
    throw conflict('shift_closed', 'This shift is closed; a sale cannot be added to it.')
  }
  const itemIds = [...new Set(req.lines.map((l) => l.menuItemId))]
  const items = itemIds.length ? await w.trx.selectFrom('teahouseMenuItems').select(['id', 'name']).where('teamId', '=', w.teamId).where('id', 'in', itemIds).execute() : []
  const nameOf = new Map(items.map((i) => [i.id, i.name]))
  const unknown = req.lines.flatMap((l, i) => (nameOf.has(l.menuItemId) ? [] : [{ path: `lines.${i}.menuItemId`, message: 'not on the menu of this team' }]))
  if (unknown.length) throw unprocessable('unknown_menu_item', 'A line names a menu item the team does not have.', unknown)

  const soldAt = iso(req.soldAt)
  const totals = saleTotals(req.lines, req.cups, req.cupPriceFen)
  const no = receiptNo(device.receiptPrefix, req.deviceSeq)
  await w.trx
    .insertInto('teahouseSales')
    .values({
      id: req.id,
      teamId: w.teamId,
      deviceId,
      deviceSeq: req.deviceSeq,
      receiptNo: no,
      receiptCode: req.receiptCode,
      shiftId: req.shiftId,
      staffUserId,
      paymentMethod: req.paymentMethod,
      teaFen: totals.teaFen,
      cups: req.cups,
      cupPriceFen: req.cupPriceFen,
      cupsFen: totals.cupsFen,
      totalFen: totals.totalFen,
      soldAt,
      receivedAt: w.at,
    })
    .execute()
  if (req.lines.length) {
    await w.trx
      .insertInto('teahouseSaleLines')
      .values(
        req.lines.map((l, i) => ({
          saleId: req.id,
          lineNo: i + 1,
          menuItemId: l.menuItemId,
          name: nameOf.get(l.menuItemId)!,
          quantity: l.quantity,
          unitPriceFen: l.unitPriceFen,
          amountFen: l.quantity * l.unitPriceFen,
        })),
      )
      .execute()
  }
  const cups = serialNos.map((serialNo, i) => ({
    id: newId(),
    teamId: w.teamId,
    saleId: req.id,
    token: cupToken(req.receiptCode, i + 1),
    serialNo,
    serial: cupSerial(serialNo),
    priceFen: req.cupPriceFen,
    boughtAt: soldAt,
  }))
  if (cups.length) await w.trx.insertInto('teahouseCups').values(cups).execute()
  await w.record({
    kind: 'teahouse.sale_recorded',
    entity: 'teahouse_sale',
    entityId: req.id,
    payload: {
      deviceId,
      deviceSeq: req.deviceSeq,
      receiptNo: no,
      shiftId: req.shiftId,
      paymentMethod: req.paymentMethod,
      ...totals,
      cups: req.cups,
      cupSerials: cups.map((c) => c.serial),
    },
  })
  return (await loadSale(w.trx, w.teamId, req.id))!
}

/** Undoes a mistaken sale: its waiting cups leave the pool. Refused once any of its cups was served. */
export async function reverseSale(w: WriteScope, saleId: string, reason: string): Promise<Sale> {
  await nextTeamCounter(w, CUP_POOL_LOCK)
  const sale = await w.trx.selectFrom('teahouseSales').select(['id']).where('teamId', '=', w.teamId).where('id', '=', saleId).executeTakeFirst()
  if (!sale) throw notFound('Sale')
  if (await w.trx.selectFrom('teahouseSaleReversals').select('saleId').where('saleId', '=', saleId).executeTakeFirst()) throw conflict('sale_reversed', 'This sale is already reversed.')
  const served = await w.trx.selectFrom('teahouseCups as c').innerJoin('teahouseServings as v', 'v.cupId', 'c.id').select('c.serial').where('c.saleId', '=', saleId).execute()
  if (served.length) throw conflict('cup_served', `A cup of this sale was already served (${served.map((s) => s.serial).join(', ')}); it cannot be reversed.`)
  await w.trx.insertInto('teahouseSaleReversals').values({ saleId, teamId: w.teamId, reason, reversedBy: w.actor, reversedAt: w.at }).execute()
  await w.record({ kind: 'teahouse.sale_reversed', entity: 'teahouse_sale', entityId: saleId, payload: { reason } })
  return (await loadSale(w.trx, w.teamId, saleId))!
}

/** Sales newest first, of a shift or (for a device) of its own shifts. */
export async function listSales(db: Db, teamId: string, f: { shiftId?: string | undefined; deviceId?: string | null; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('teahouseSales').selectAll().where('teamId', '=', teamId).orderBy('soldAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.shiftId) q = q.where('shiftId', '=', f.shiftId)
  if (f.deviceId) q = q.where('deviceId', '=', f.deviceId)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('soldAt', '<', c.createdAt), eb.and([eb('soldAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await toSales(db, pageRows), nextCursor: more && last ? encodeCursor(last.soldAt, last.id) : null }
}

/** The customer's page from the receipt's QR: their cups and whether each was served, never to whom. */
export async function publicReceipt(db: Db, code: string): Promise<PublicReceipt> {
  const row = await db
    .selectFrom('teahouseSales as s')
    .innerJoin('teams as t', 't.id', 's.teamId')
    .select(['s.id', 's.receiptNo', 's.soldAt', 't.name'])
    .where('s.receiptCode', '=', code)
    .executeTakeFirst()
  if (!row) throw notFound('Receipt')
  const cups = (await cupsOf(db, [row.id])).get(row.id) ?? []
  return {
    team: { name: row.name },
    receiptNo: row.receiptNo,
    soldAt: row.soldAt,
    cups: cups.map((c) => ({ token: c.token, serial: c.serial, status: c.status, servedAt: c.servedAt, servedKind: c.servedKind })),
  }
}
