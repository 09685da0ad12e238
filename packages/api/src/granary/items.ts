import { sql } from 'kysely'
import { isExpired, type GranaryCategory, type ItemStock, type MovementKind, type RecipientKind, type StockAdjustmentReason, type StockCard, type StockCardEntry } from '@chayi/domain'
import { notFound } from '../errors.js'
import { decodeIdCursor, decodeItemCursor, encodeKeyCursor } from './cursor.js'
import { chinaDay } from '../hours/time.js'
import { lotStates, type Db } from './stock.js'

// Stock per item (品项库存) and the stock card (库存卡). Both are sums of movement lines, read when asked.

type ItemHead = { itemKey: string; category: string; description: string; unit: string }

/** Stock figures of the given items (at one place, or all), from their lots' balances. */
async function stockOf(db: Db, teamId: string, heads: ItemHead[], placeId: string | null, today: string): Promise<ItemStock[]> {
  const lots = await lotStates(db, teamId, { itemKeys: heads.map((h) => h.itemKey), placeId })
  return heads.map((h) => {
    const mine = lots.filter((l) => l.itemKey === h.itemKey && l.balance !== 0)
    const fresh = mine.filter((l) => !isExpired(l, today))
    const expiries = fresh.map((l) => l.expiresOn).filter((e): e is string => e !== null).sort()
    return {
      itemKey: h.itemKey,
      category: h.category as GranaryCategory,
      description: h.description,
      unit: h.unit,
      onHand: mine.reduce((s, l) => s + l.balance, 0),
      valueFen: mine.reduce((s, l) => s + l.balance * l.unitValueFen, 0),
      lotCount: mine.length,
      nextExpiry: expiries[0] ?? null,
      expiredUnits: mine.filter((l) => isExpired(l, today)).reduce((s, l) => s + l.balance, 0),
    }
  })
}

/** The team's items in key order (so by category), with units on hand and their value. */
export async function listItems(
  db: Db,
  teamId: string,
  now: string,
  f: { category?: GranaryCategory | undefined; placeId?: string | undefined; inStock: 'true' | 'false'; limit: number; cursor?: string | undefined },
) {
  const onHand = sql<number>`coalesce(sum(ml.quantity), 0)`
  let q = db
    .selectFrom('granaryItems as i')
    .leftJoin('granaryLots as l', (j) => {
      const on = j.onRef('l.teamId', '=', 'i.teamId').onRef('l.itemKey', '=', 'i.itemKey')
      return f.placeId ? on.on('l.placeId', '=', f.placeId) : on
    })
    .leftJoin('granaryMovementLines as ml', 'ml.lotId', 'l.id')
    .select(['i.itemKey', 'i.category', 'i.description', 'i.unit'])
    .where('i.teamId', '=', teamId)
    .groupBy(['i.itemKey', 'i.category', 'i.description', 'i.unit'])
    .orderBy('i.itemKey')
    .limit(f.limit + 1)
  if (f.category) q = q.where('i.category', '=', f.category)
  if (f.inStock === 'true') q = q.having(onHand, '>', 0)
  if (f.cursor) q = q.where('i.itemKey', '>', decodeItemCursor(f.cursor))
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await stockOf(db, teamId, pageRows, f.placeId ?? null, chinaDay(now)), nextCursor: more && last ? encodeKeyCursor(last.itemKey) : null }
}

/**
 * The stock card of one item: its movements in ledger order (see below), each with
 * the signed units and value of this item, the lots they touched and the balance after it.
 */
export async function stockCard(db: Db, teamId: string, itemKey: string, now: string, f: { limit: number; cursor?: string | undefined }): Promise<StockCard> {
  const head = await db.selectFrom('granaryItems').select(['itemKey', 'category', 'description', 'unit']).where('teamId', '=', teamId).where('itemKey', '=', itemKey).executeTakeFirst()
  if (!head) throw notFound('Item')
  const item = (await stockOf(db, teamId, [head], null, chinaDay(now)))[0]!

  const base = () =>
    db
      .selectFrom('granaryMovementLines as ml')
      .innerJoin('granaryMovements as m', 'm.id', 'ml.movementId')
      .where('ml.teamId', '=', teamId)
      .where('ml.itemKey', '=', itemKey)
  // Ledger order is the movement id: ids are time-ordered (UUIDv7) and taken after the item's lock,
  // so for one item they follow the order the changes were applied in, even when a writer waited
  // on the lock and its recorded time (taken when its transaction began) is earlier.
  let page = base().select('m.id').groupBy('m.id').orderBy('m.id').limit(f.limit + 1)
  let before = 0
  if (f.cursor) {
    const after = decodeIdCursor(f.cursor)
    page = page.where('m.id', '>', after)
    const sum = await base().select(sql<number>`coalesce(sum(ml.quantity), 0)`.as('n')).where('m.id', '<=', after).executeTakeFirstOrThrow()
    before = Number(sum.n)
  }
  const movements = await page.execute()
  const more = movements.length > f.limit
  const pageMovements = more ? movements.slice(0, f.limit) : movements
  const ids = pageMovements.map((m) => m.id)
  const lines = ids.length
    ? await base()
        .leftJoin('granaryDonations as d', 'd.id', 'm.donationId')
        .leftJoin('granaryDistributions as ds', 'ds.id', 'm.distributionId')
        .select(['m.id as movementId', 'm.kind', 'm.reason', 'm.occurredAt', 'm.createdAt', 'm.reverses', 'm.donationId', 'm.distributionId', 'm.stocktakeId', 'd.receiptCode', 'ds.recipientKind', 'ml.lotId', 'ml.quantity', 'ml.unitValueFen'])
        .where('m.id', 'in', ids)
        .orderBy('ml.id')
        .execute()
    : []
  let balance = before
  const entries: StockCardEntry[] = pageMovements.map((pm) => {
    const mine = lines.filter((l) => l.movementId === pm.id)
    const m = mine[0]!
    const quantity = mine.reduce((s, l) => s + Number(l.quantity), 0)
    balance += quantity
    return {
      movementId: pm.id,
      kind: m.kind as MovementKind,
      reason: (m.reason as StockAdjustmentReason | null) ?? null,
      occurredAt: m.occurredAt,
      recordedAt: m.createdAt,
      quantity,
      valueFen: mine.reduce((s, l) => s + Number(l.quantity) * Number(l.unitValueFen), 0),
      balanceAfter: balance,
      reverses: m.reverses,
      donationId: m.donationId,
      receiptCode: m.receiptCode ?? null,
      distributionId: m.distributionId,
      recipientKind: (m.recipientKind as RecipientKind | null) ?? null,
      stocktakeId: m.stocktakeId,
      lots: mine.map((l) => ({ lotId: l.lotId, quantity: Number(l.quantity) })),
    }
  })
  const last = pageMovements[pageMovements.length - 1]
  return { item, items: entries, nextCursor: more && last ? encodeKeyCursor(last.id) : null }
}
