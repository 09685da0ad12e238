import { forUpdate, type GranaryStocktakeRow } from '@chayi/db'
import { defaultVarianceReason, type GranaryCategory, type StockAdjustmentReason, type Stocktake, type StocktakeClose, type StocktakeCounts, type StocktakeStatus } from '@chayi/domain'
import { ApiError, conflict, notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { applyAdjustment, lockItems, lotStates, requirePlace, type Db } from './stock.js'

// Blind stocktake (盲盘). Opening one makes a count sheet of the items in stock in its scope (one
// place, or all), without figures. The counts are submitted once; only then is the book figure
// taken (under the item locks) and shown beside each count. Closing turns every non-zero variance
// into a reason-coded adjustment: a shortage leaves the lots FIFO, a surplus goes onto the newest
// lot of the item in scope (so every unit still traces to a donation, at that lot's frozen value).
// The variance is the one measured at counting: movements between counting and closing change book
// and shelf alike, so it still holds.

type Issue = { path: string; message: string }

/** Units per item on hand in the stocktake's scope. */
async function bookFigures(db: Db, teamId: string, placeId: string | null, itemKeys?: string[]): Promise<Map<string, number>> {
  const lots = await lotStates(db, teamId, { placeId, ...(itemKeys ? { itemKeys } : {}) })
  const book = new Map<string, number>()
  for (const l of lots) book.set(l.itemKey, (book.get(l.itemKey) ?? 0) + l.balance)
  return book
}

export async function openStocktake(w: WriteScope, input: { placeId?: string | undefined; note?: string | undefined }): Promise<Stocktake> {
  const placeId = input.placeId ?? null
  if (placeId) await requirePlace(w.trx, w.teamId, placeId)
  // Two openings of one scope must not both pass the check below: they queue on the team's row.
  await forUpdate(w.trx, w.trx.selectFrom('teams').select('id').where('id', '=', w.teamId)).execute()
  let open = w.trx.selectFrom('granaryStocktakes').select('id').where('teamId', '=', w.teamId).where('status', '!=', 'closed')
  open = placeId ? open.where('placeId', '=', placeId) : open.where('placeId', 'is', null)
  const already = await open.executeTakeFirst()
  if (already) throw conflict('stocktake_open', `A stocktake of this scope is still open (${already.id}); close it first.`)
  const row: GranaryStocktakeRow = { id: newId(), teamId: w.teamId, placeId, status: 'open', note: input.note || null, openedBy: w.actor, openedAt: w.at, countedBy: null, countedAt: null, closedBy: null, closedAt: null }
  await w.trx.insertInto('granaryStocktakes').values(row).execute()
  const sheet = [...(await bookFigures(w.trx, w.teamId, placeId))].filter(([, n]) => n > 0).map(([k]) => k).sort()
  if (sheet.length) {
    await w.trx
      .insertInto('granaryStocktakeLines')
      .values(sheet.map((itemKey) => ({ stocktakeId: row.id, itemKey, counted: null, expected: null, reason: null, note: null, movementId: null })))
      .execute()
  }
  await w.record({ kind: 'granary.stocktake_opened', entity: 'granary_stocktake', entityId: row.id, payload: { placeId, items: sheet.length } })
  return (await loadStocktake(w.trx, w.teamId, row.id))!
}

async function lockStocktake(w: WriteScope, id: string): Promise<GranaryStocktakeRow> {
  const row = await forUpdate(w.trx, w.trx.selectFrom('granaryStocktakes').selectAll().where('teamId', '=', w.teamId).where('id', '=', id)).executeTakeFirst()
  if (!row) throw notFound('Stocktake')
  return row
}

/**
 * The counts, once, for every item on the sheet (items found that are not on it may be added: any
 * item of the team with a lot in scope). The book figures are taken now and become visible.
 */
export async function submitCounts(w: WriteScope, id: string, input: StocktakeCounts): Promise<Stocktake> {
  const st = await lockStocktake(w, id)
  if (st.status !== 'open') throw conflict('already_counted', 'The counts of this stocktake were already submitted.')
  const sheet = (await w.trx.selectFrom('granaryStocktakeLines').select('itemKey').where('stocktakeId', '=', id).execute()).map((l) => l.itemKey)
  const issues: (Issue & { code: string })[] = []
  const seen = new Map<string, number>()
  for (const [i, c] of input.counts.entries()) {
    const first = seen.get(c.itemKey)
    if (first !== undefined) issues.push({ code: 'duplicate_item', path: `counts.${i}.itemKey`, message: `counted already in counts.${first}` })
    seen.set(c.itemKey, first ?? i)
  }
  const extra = [...seen.keys()].filter((k) => !sheet.includes(k))
  if (extra.length) {
    const inScope = new Set((await lotStates(w.trx, w.teamId, { itemKeys: extra, placeId: st.placeId })).map((l) => l.itemKey))
    for (const k of extra) if (!inScope.has(k)) issues.push({ code: 'unknown_item', path: `counts.${seen.get(k)}.itemKey`, message: 'no lot of this item in the stocktake’s scope' })
  }
  for (const k of sheet) if (!seen.has(k)) issues.push({ code: 'counts_missing', path: 'counts', message: `item ${k} on the sheet was not counted (count 0 if none is there)` })
  if (issues.length) throw new ApiError(422, issues[0]!.code, 'The counts do not match the count sheet; nothing was recorded.', issues.map(({ path, message }) => ({ path, message })))

  const keys = [...seen.keys()]
  await lockItems(w, keys)
  const book = await bookFigures(w.trx, w.teamId, st.placeId, keys)
  for (const c of input.counts) {
    const expected = book.get(c.itemKey) ?? 0
    if (sheet.includes(c.itemKey)) {
      await w.trx.updateTable('granaryStocktakeLines').set({ counted: c.counted, expected }).where('stocktakeId', '=', id).where('itemKey', '=', c.itemKey).execute()
    } else {
      await w.trx.insertInto('granaryStocktakeLines').values({ stocktakeId: id, itemKey: c.itemKey, counted: c.counted, expected, reason: null, note: null, movementId: null }).execute()
    }
  }
  await w.trx.updateTable('granaryStocktakes').set({ status: 'counted', countedBy: w.actor, countedAt: w.at }).where('id', '=', id).execute()
  await w.record({
    kind: 'granary.stocktake_counted',
    entity: 'granary_stocktake',
    entityId: id,
    payload: { lines: input.counts.map((c) => ({ itemKey: c.itemKey, counted: c.counted, expected: book.get(c.itemKey) ?? 0 })) },
  })
  return (await loadStocktake(w.trx, w.teamId, id))!
}

/** Closes a counted stocktake: one reason-coded adjustment per non-zero variance. */
export async function closeStocktake(w: WriteScope, id: string, input: StocktakeClose): Promise<Stocktake> {
  const st = await lockStocktake(w, id)
  if (st.status === 'open') throw conflict('not_counted', 'Submit the counts before closing the stocktake.')
  if (st.status === 'closed') throw conflict('already_closed', 'This stocktake is already closed.')
  const lines = await w.trx.selectFrom('granaryStocktakeLines').selectAll().where('stocktakeId', '=', id).orderBy('itemKey').execute()
  const variance = new Map(lines.map((l) => [l.itemKey, Number(l.counted) - Number(l.expected)]))
  const given = new Map<string, { reason: StockAdjustmentReason; note: string | null }>()
  const issues: Issue[] = []
  for (const [i, l] of input.lines.entries()) {
    const v = variance.get(l.itemKey)
    if (v === undefined) issues.push({ path: `lines.${i}.itemKey`, message: 'not on this stocktake' })
    else if (v === 0) issues.push({ path: `lines.${i}.reason`, message: 'this item has no variance' })
    else if (given.has(l.itemKey)) issues.push({ path: `lines.${i}.itemKey`, message: 'given twice' })
    else given.set(l.itemKey, { reason: l.reason, note: l.note || null })
  }
  if (issues.length) throw unprocessable('invalid_close', 'The reasons do not fit the variances; nothing was adjusted.', issues)

  const changed = lines.filter((l) => variance.get(l.itemKey) !== 0)
  await lockItems(w, changed.map((l) => l.itemKey))
  const adjustments: { itemKey: string; variance: number; reason: StockAdjustmentReason; movementId: string }[] = []
  for (const l of changed) {
    const v = variance.get(l.itemKey)!
    const g = given.get(l.itemKey)
    const reason = g?.reason ?? defaultVarianceReason(v)
    const pathIndex = input.lines.findIndex((x) => x.itemKey === l.itemKey)
    const movementId = await applyAdjustment(
      w,
      { itemKey: l.itemKey, quantity: v, reason, note: g?.note ?? undefined, stocktakeId: id, ...(st.placeId ? { placeId: st.placeId } : {}) },
      pathIndex >= 0 ? `lines.${pathIndex}.` : `stocktake.${l.itemKey}.`,
    )
    await w.trx.updateTable('granaryStocktakeLines').set({ reason, note: g?.note ?? null, movementId }).where('stocktakeId', '=', id).where('itemKey', '=', l.itemKey).execute()
    adjustments.push({ itemKey: l.itemKey, variance: v, reason, movementId })
  }
  await w.trx.updateTable('granaryStocktakes').set({ status: 'closed', closedBy: w.actor, closedAt: w.at }).where('id', '=', id).execute()
  await w.record({ kind: 'granary.stocktake_closed', entity: 'granary_stocktake', entityId: id, payload: { adjustments } })
  return (await loadStocktake(w.trx, w.teamId, id))!
}

/** A stocktake with its lines; expected figures and variances stay null until the counts are in. */
export async function loadStocktake(db: Db, teamId: string, id: string): Promise<Stocktake | undefined> {
  const st = await db
    .selectFrom('granaryStocktakes as s')
    .leftJoin('granaryPlaces as p', 'p.id', 's.placeId')
    .selectAll('s')
    .select('p.name as placeName')
    .where('s.teamId', '=', teamId)
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!st) return undefined
  const lines = await db
    .selectFrom('granaryStocktakeLines as l')
    .innerJoin('granaryItems as i', (j) => j.on('i.teamId', '=', teamId).onRef('i.itemKey', '=', 'l.itemKey'))
    .select(['l.itemKey', 'l.counted', 'l.expected', 'l.reason', 'l.note', 'l.movementId', 'i.category', 'i.description', 'i.unit'])
    .where('l.stocktakeId', '=', id)
    .orderBy('l.itemKey')
    .execute()
  const blind = st.status === 'open'
  return {
    id: st.id,
    placeId: st.placeId,
    placeName: st.placeName ?? null,
    status: st.status,
    note: st.note,
    openedBy: st.openedBy,
    openedAt: st.openedAt,
    countedBy: st.countedBy,
    countedAt: st.countedAt,
    closedBy: st.closedBy,
    closedAt: st.closedAt,
    lines: lines.map((l) => {
      const counted = l.counted === null ? null : Number(l.counted)
      const expected = blind || l.expected === null ? null : Number(l.expected)
      return {
        itemKey: l.itemKey,
        category: l.category as GranaryCategory,
        description: l.description,
        unit: l.unit,
        counted,
        expected,
        variance: counted === null || expected === null ? null : counted - expected,
        reason: (l.reason as StockAdjustmentReason | null) ?? null,
        note: l.note,
        movementId: l.movementId,
      }
    }),
  }
}

export async function getStocktake(db: Db, teamId: string, id: string): Promise<Stocktake> {
  const st = await loadStocktake(db, teamId, id)
  if (!st) throw notFound('Stocktake')
  return st
}

/** The team's stocktakes, newest first, without their lines' figures beyond what each status shows. */
export async function listStocktakes(db: Db, teamId: string, f: { status?: StocktakeStatus | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('granaryStocktakes').select(['id', 'openedAt']).where('teamId', '=', teamId).orderBy('openedAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.status) q = q.where('status', '=', f.status)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('openedAt', '<', c.createdAt), eb.and([eb('openedAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  const items: Stocktake[] = []
  for (const r of pageRows) items.push((await loadStocktake(db, teamId, r.id))!)
  return { items, nextCursor: more && last ? encodeCursor(last.openedAt, last.id) : null }
}
