import type { Kysely } from 'kysely'
import { forUpdate, type Database, type GranaryItemRow, type GranaryMovementRow } from '@chayi/db'
import { allocateFifo, newestLot, reasonFitsQuantity, StockAdjustmentReasonList, type AdjustmentInput, type Movement, type MovementKind, type StockAdjustmentReason } from '@chayi/domain'
import { ApiError, conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { decodeIdCursor, encodeKeyCursor } from './cursor.js'

// The stock ledger (出入库台账) of the granary. Nothing here stores a stock figure: a lot's units on
// hand are the sum of its movement lines, an item's the sum over its lots. Every change of an
// item's stock first locks the item's row (`lockItems`), in key order, so concurrent writers of
// one item queue and each one decides on balances that include everything committed before it;
// the lots it then changes are locked too. A movement's id (UUIDv7, time-ordered) is taken after
// those locks, so for any one item ordering movements by id is the order the changes were applied
// in: that is the ledger order of the stock card and the movements list.

export type Db = Kysely<Database>
type Issue = { path: string; message: string }

/** Locks the items' rows (PostgreSQL FOR UPDATE; SQLite serialises writers anyway), in key order. */
export async function lockItems(w: WriteScope, itemKeys: readonly string[]): Promise<Map<string, GranaryItemRow>> {
  const keys = [...new Set(itemKeys)].sort()
  if (!keys.length) return new Map()
  const rows = await forUpdate(w.trx, w.trx.selectFrom('granaryItems').selectAll().where('teamId', '=', w.teamId).where('itemKey', 'in', keys).orderBy('itemKey')).execute()
  return new Map(rows.map((r) => [r.itemKey, r]))
}

/** Locks lot rows in id order (after their items, so two writers never wait on each other in a circle). */
export async function lockLots(w: WriteScope, lotIds: readonly string[]): Promise<void> {
  const ids = [...new Set(lotIds)].sort()
  if (!ids.length) return
  await forUpdate(w.trx, w.trx.selectFrom('granaryLots').select('id').where('teamId', '=', w.teamId).where('id', 'in', ids).orderBy('id')).execute()
}

export interface LotState {
  id: string
  itemKey: string
  donationId: string
  placeId: string
  receivedAt: string
  expiresOn: string | null
  unitValueFen: number
  /** Units on hand: the sum of the lot's movement lines. */
  balance: number
}

/** Lots of the team with their balances, by items (optionally at one place) or by ids. */
export async function lotStates(db: Db, teamId: string, f: { itemKeys?: readonly string[]; lotIds?: readonly string[]; placeId?: string | null }): Promise<LotState[]> {
  if ((f.itemKeys && !f.itemKeys.length) || (f.lotIds && !f.lotIds.length)) return []
  let q = db
    .selectFrom('granaryLots as l')
    .leftJoin('granaryMovementLines as ml', 'ml.lotId', 'l.id')
    .select(['l.id', 'l.itemKey', 'l.donationId', 'l.placeId', 'l.receivedAt', 'l.expiresOn', 'l.unitValueFen'])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('ml.quantity'), eb.lit(0)).as('balance'))
    .where('l.teamId', '=', teamId)
    // Grouping by the primary key lets PostgreSQL accept the lot's other columns.
    .groupBy('l.id')
    .orderBy('l.id')
  if (f.itemKeys) q = q.where('l.itemKey', 'in', [...f.itemKeys])
  if (f.lotIds) q = q.where('l.id', 'in', [...f.lotIds])
  if (f.placeId) q = q.where('l.placeId', '=', f.placeId)
  const rows = await q.execute()
  return rows.map((r) => ({ ...r, unitValueFen: Number(r.unitValueFen), balance: Number(r.balance) }))
}

export interface NewLine {
  lotId: string
  itemKey: string
  /** Signed units: positive into stock, negative out of it. */
  quantity: number
  unitValueFen: number
}

export interface NewMovement {
  kind: MovementKind
  reason?: StockAdjustmentReason | null
  note?: string | null
  donationId?: string | null
  distributionId?: string | null
  stocktakeId?: string | null
  reverses?: string | null
  /** When it happened (an intake's receivedAt); defaults to the write's time. */
  occurredAt?: string
}

/**
 * Appends a movement and its lines, then checks every lot it touched is still at zero or above:
 * callers check first and refuse with a precise message, this is the last guard of the invariant
 * (the whole write rolls back if it ever trips).
 */
export async function insertMovement(w: WriteScope, m: NewMovement, lines: readonly NewLine[]): Promise<string> {
  const id = newId()
  await w.trx
    .insertInto('granaryMovements')
    .values({
      id,
      teamId: w.teamId,
      kind: m.kind,
      reason: m.reason ?? null,
      note: m.note ?? null,
      donationId: m.donationId ?? null,
      distributionId: m.distributionId ?? null,
      stocktakeId: m.stocktakeId ?? null,
      reverses: m.reverses ?? null,
      occurredAt: m.occurredAt ?? w.at,
      createdBy: w.actor,
      createdAt: w.at,
    })
    .execute()
  const rows = lines.filter((l) => l.quantity !== 0).map((l) => ({ id: newId(), teamId: w.teamId, movementId: id, ...l }))
  if (rows.length) await w.trx.insertInto('granaryMovementLines').values(rows).execute()
  const negative = (await lotStates(w.trx, w.teamId, { lotIds: rows.map((r) => r.lotId) })).filter((l) => l.balance < 0)
  if (negative.length) {
    throw unprocessable('negative_stock', 'This would leave a lot with fewer than zero units; nothing was written.', negative.map((l) => ({ path: 'lots', message: `lot ${l.id} would hold ${l.balance}` })))
  }
  return id
}

// ---- reading movements ----

/** Movements of a team by id, with their lines and whether each was reversed, in the order asked for. */
export async function loadMovements(db: Db, teamId: string, ids: readonly string[]): Promise<Movement[]> {
  if (!ids.length) return []
  const rows = await db.selectFrom('granaryMovements').selectAll().where('teamId', '=', teamId).where('id', 'in', [...ids]).execute()
  const lines = await db.selectFrom('granaryMovementLines').selectAll().where('movementId', 'in', [...ids]).orderBy('id').execute()
  const reversals = await db.selectFrom('granaryMovements').select(['id', 'reverses']).where('reverses', 'in', [...ids]).execute()
  const reversedBy = new Map(reversals.map((r) => [r.reverses!, r.id]))
  const byId = new Map(rows.map((r) => [r.id, toMovement(r, lines.filter((l) => l.movementId === r.id), reversedBy.get(r.id) ?? null)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

function toMovement(r: GranaryMovementRow, lines: { lotId: string; itemKey: string; quantity: number; unitValueFen: number }[], reversedBy: string | null): Movement {
  const out = lines.map((l) => ({ lotId: l.lotId, itemKey: l.itemKey, quantity: Number(l.quantity), unitValueFen: Number(l.unitValueFen) }))
  return {
    id: r.id,
    kind: r.kind,
    reason: (r.reason as StockAdjustmentReason | null) ?? null,
    note: r.note,
    occurredAt: r.occurredAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    reverses: r.reverses,
    reversedBy,
    donationId: r.donationId,
    distributionId: r.distributionId,
    stocktakeId: r.stocktakeId,
    quantity: out.reduce((s, l) => s + l.quantity, 0),
    valueFen: out.reduce((s, l) => s + l.quantity * l.unitValueFen, 0),
    lines: out,
  }
}

// ---- adjustments ----

export interface AdjustmentSpec extends AdjustmentInput {
  stocktakeId?: string
}

/**
 * A reason-coded change of one item's stock, allocated to lots: a removal FIFO (expired lots
 * included: they are usually what is being written off), an addition to the newest lot (so the
 * units still trace to a donation, at that lot's frozen value); or all of it on `lotId`.
 * `placeId` keeps it to lots kept there. The item must be locked by the caller.
 * Returns the movement id.
 */
export async function applyAdjustment(w: WriteScope, a: AdjustmentSpec, path = ''): Promise<string> {
  if (!reasonFitsQuantity(a.reason, a.quantity)) {
    const label = StockAdjustmentReasonList.label(a.reason, 'zh-CN')
    throw unprocessable('reason_mismatch', `${label} (${a.reason}) cannot ${a.quantity > 0 ? 'add' : 'remove'} units.`, [{ path: `${path}reason`, message: a.quantity > 0 ? 'adding units needs stocktake_surplus or other' : 'removing units needs stocktake_shortage, damaged, expired or other' }])
  }
  let lots = await lotStates(w.trx, w.teamId, { itemKeys: [a.itemKey], placeId: a.placeId ?? null })
  if (a.lotId) {
    lots = lots.filter((l) => l.id === a.lotId)
    if (!lots.length) throw unprocessable('unknown_lot', 'That lot does not hold this item (at this place).', [{ path: `${path}lotId`, message: 'not a lot of the item' }])
  }
  let lines: NewLine[]
  if (a.quantity > 0) {
    const lot = a.lotId ? lots[0] : newestLot(lots)
    if (!lot) throw unprocessable('no_lot', 'There is no lot of this item to add units to (at this place); take them in as a donation.', [{ path: `${path}itemKey`, message: 'no lot' }])
    lines = [{ lotId: lot.id, itemKey: a.itemKey, quantity: a.quantity, unitValueFen: lot.unitValueFen }]
  } else {
    const want = -a.quantity
    const alloc = allocateFifo(lots, want)
    if (alloc.available < want) {
      throw unprocessable('insufficient_stock', `Only ${alloc.available} on hand; cannot remove ${want}.`, [{ path: `${path}quantity`, message: `only ${alloc.available} on hand` }])
    }
    const value = new Map(lots.map((l) => [l.id, l.unitValueFen]))
    lines = alloc.lines.map((l) => ({ lotId: l.lotId, itemKey: a.itemKey, quantity: -l.quantity, unitValueFen: value.get(l.lotId)! }))
  }
  await lockLots(w, lines.map((l) => l.lotId))
  const id = await insertMovement(w, { kind: 'adjustment', reason: a.reason, note: a.note ?? null, stocktakeId: a.stocktakeId ?? null }, lines)
  await w.record({
    kind: 'granary.stock_adjusted',
    entity: 'granary_movement',
    entityId: id,
    payload: { itemKey: a.itemKey, reason: a.reason, stocktakeId: a.stocktakeId ?? null, lines: lines.map((l) => ({ lotId: l.lotId, quantity: l.quantity })) },
  })
  return id
}

/** A stand-alone adjustment (损坏, 过期 found on the shelf, …). */
export async function adjustStock(w: WriteScope, input: AdjustmentInput): Promise<Movement> {
  const items = await lockItems(w, [input.itemKey])
  if (!items.has(input.itemKey)) throw unprocessable('unknown_item', 'No such item in the granary.', [{ path: 'itemKey', message: 'unknown item' }])
  if (input.placeId) await requirePlace(w.trx, w.teamId, input.placeId)
  const id = await applyAdjustment(w, input)
  return (await loadMovements(w.trx, w.teamId, [id]))[0]!
}

export async function requirePlace(db: Db, teamId: string, placeId: string) {
  const place = await db.selectFrom('granaryPlaces').selectAll().where('teamId', '=', teamId).where('id', '=', placeId).executeTakeFirst()
  if (!place) throw unprocessable('unknown_place', 'No such storage place in the team.', [{ path: 'placeId', message: 'unknown place' }])
  return place
}

// ---- reversal ----

/**
 * Undoes one earlier movement whole: the same lots, every quantity negated, with a reason. A
 * reversed distribution puts its units back on the very lots they came from; a reversed intake
 * takes its lots' units out again, which is refused (422) once some of them have left. A reversal
 * itself is not reversed (record the movement again instead), and a movement is reversed once.
 */
export async function reverseMovement(w: WriteScope, movementId: string, reason: string): Promise<Movement> {
  const m = await w.trx.selectFrom('granaryMovements').selectAll().where('teamId', '=', w.teamId).where('id', '=', movementId).executeTakeFirst()
  if (!m) throw notFound('Movement')
  if (m.kind === 'reversal') throw unprocessable('not_reversible', 'A reversal cannot itself be reversed; record the movement again instead.')
  const lines = await w.trx.selectFrom('granaryMovementLines').selectAll().where('movementId', '=', m.id).orderBy('id').execute()
  await lockItems(w, lines.map((l) => l.itemKey))
  // Checked under the item locks, so of two racing reversals the second sees the first.
  const done = await w.trx.selectFrom('granaryMovements').select('id').where('reverses', '=', m.id).executeTakeFirst()
  if (done) throw conflict('already_reversed', `This movement was already reversed by ${done.id}.`)
  const balances = new Map((await lotStates(w.trx, w.teamId, { lotIds: lines.map((l) => l.lotId) })).map((l) => [l.id, l.balance]))
  const after = new Map<string, number>()
  for (const l of lines) after.set(l.lotId, (after.get(l.lotId) ?? balances.get(l.lotId) ?? 0) - Number(l.quantity))
  const issues: Issue[] = [...after].filter(([, b]) => b < 0).map(([lotId, b]) => ({ path: 'lots', message: `lot ${lotId} holds ${balances.get(lotId) ?? 0}; reversing would leave ${b}` }))
  if (issues.length) throw new ApiError(422, 'lot_would_go_negative', 'Some of these units have already left the granary; reverse those movements first.', issues)
  await lockLots(w, lines.map((l) => l.lotId))
  const reversal: NewLine[] = lines.map((l) => ({ lotId: l.lotId, itemKey: l.itemKey, quantity: -Number(l.quantity), unitValueFen: Number(l.unitValueFen) }))
  const id = await insertMovement(w, { kind: 'reversal', note: reason, reverses: m.id, donationId: m.donationId, distributionId: m.distributionId, stocktakeId: m.stocktakeId }, reversal)
  // The reason is free text and may name people: it stays in the row; the chain gets ids and numbers.
  await w.record({
    kind: 'granary.movement_reversed',
    entity: 'granary_movement',
    entityId: id,
    payload: { reverses: m.id, reversedKind: m.kind, lines: reversal.map((l) => ({ lotId: l.lotId, quantity: l.quantity })) },
  })
  return (await loadMovements(w.trx, w.teamId, [id]))[0]!
}

/** The team's movements, newest first (ledger order reversed), optionally of one kind or touching one item. */
export async function listMovements(db: Db, teamId: string, f: { kind?: MovementKind | undefined; itemKey?: string | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('granaryMovements as m').select('m.id').where('m.teamId', '=', teamId).orderBy('m.id', 'desc').limit(f.limit + 1)
  if (f.kind) q = q.where('m.kind', '=', f.kind)
  if (f.itemKey) {
    const itemKey = f.itemKey
    q = q.where((eb) => eb.exists(eb.selectFrom('granaryMovementLines as ml').select('ml.id').whereRef('ml.movementId', '=', 'm.id').where('ml.itemKey', '=', itemKey)))
  }
  if (f.cursor) q = q.where('m.id', '<', decodeIdCursor(f.cursor))
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await loadMovements(db, teamId, pageRows.map((r) => r.id)), nextCursor: more && last ? encodeKeyCursor(last.id) : null }
}
