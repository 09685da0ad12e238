import type { GranaryDistributionRow } from '@chayi/db'
import { allocateFifo, normalizeItemText, type Distribution, type DistributionInput, type GranaryCategory, type RecipientKind } from '@chayi/domain'
import { ApiError, notFound } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { chinaDay } from '../hours/time.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { insertMovement, lockItems, lockLots, lotStates, requirePlace, type Db, type NewLine } from './stock.js'

// Distributions (发放出库) to a beneficiary, an aid household or an activity. Units are taken
// first-in-first-out across the item's lots (see allocateFifo: earliest expiry first, then oldest
// intake, then lot id; expired lots are skipped), and every unit is a movement line on its lot,
// so each one traces back to the donation it came from.

type Issue = { path: string; message: string }

/** Finds the item of each requested line: by key, or by category + description (+ unit). */
async function resolveItems(w: WriteScope, input: DistributionInput): Promise<string[]> {
  const issues: (Issue & { code: string })[] = []
  const keys: string[] = []
  for (const [i, it] of input.items.entries()) {
    let candidates: { itemKey: string; unit: string }[]
    if (it.itemKey) {
      candidates = await w.trx.selectFrom('granaryItems').select(['itemKey', 'unit']).where('teamId', '=', w.teamId).where('itemKey', '=', it.itemKey).execute()
    } else {
      const rows = await w.trx.selectFrom('granaryItems').select(['itemKey', 'description', 'unit']).where('teamId', '=', w.teamId).where('category', '=', it.category!).execute()
      const description = normalizeItemText(it.description!)
      candidates = rows.filter((r) => normalizeItemText(r.description) === description && (it.unit === undefined || normalizeItemText(r.unit) === normalizeItemText(it.unit)))
    }
    if (!candidates.length) {
      issues.push({ code: 'unknown_item', path: `items.${i}`, message: 'no such item in the granary' })
    } else if (candidates.length > 1) {
      issues.push({ code: 'ambiguous_item', path: `items.${i}.unit`, message: `kept in several units (${candidates.map((c) => c.unit).join(', ')}); say which` })
    } else {
      const key = candidates[0]!.itemKey
      const first = keys.indexOf(key)
      if (first >= 0) issues.push({ code: 'duplicate_item', path: `items.${i}`, message: `the same item as items.${first}` })
      keys.push(key)
    }
  }
  // The code is the first problem's (unknown_item, ambiguous_item, duplicate_item); issues list them all.
  if (issues.length) {
    throw new ApiError(422, issues[0]!.code, 'Some of the items cannot be handed out as asked; nothing was written.', issues.map(({ path, message }) => ({ path, message })))
  }
  return keys
}

/**
 * Hands goods out, all lines or none. Asking for more than the usable stock of any item is a 422
 * `insufficient_stock` naming each short line, and nothing is written. Concurrent distributions
 * of one item queue on its lock, so they can never oversell.
 */
export async function distribute(w: WriteScope, input: DistributionInput): Promise<Distribution> {
  if (input.placeId) await requirePlace(w.trx, w.teamId, input.placeId)
  const keys = await resolveItems(w, input)
  await lockItems(w, keys)
  const today = chinaDay(w.at)
  const issues: Issue[] = []
  const lines: NewLine[] = []
  for (const [i, it] of input.items.entries()) {
    const lots = await lotStates(w.trx, w.teamId, { itemKeys: [keys[i]!], placeId: input.placeId ?? null })
    const alloc = allocateFifo(lots, it.quantity, { today })
    if (alloc.available < it.quantity) {
      issues.push({ path: `items.${i}.quantity`, message: `only ${alloc.available} on hand${alloc.expired ? ` (${alloc.expired} more in expired lots)` : ''}` })
      continue
    }
    const value = new Map(lots.map((l) => [l.id, l.unitValueFen]))
    for (const l of alloc.lines) lines.push({ lotId: l.lotId, itemKey: keys[i]!, quantity: -l.quantity, unitValueFen: value.get(l.lotId)! })
  }
  if (issues.length) throw new ApiError(422, 'insufficient_stock', 'There is not enough in stock; nothing was handed out.', issues)
  await lockLots(w, lines.map((l) => l.lotId))

  const row: GranaryDistributionRow = {
    id: newId(),
    teamId: w.teamId,
    recipientKind: input.recipient.kind,
    recipientId: input.recipient.id,
    recipientLabel: input.recipient.label,
    placeId: input.placeId ?? null,
    note: input.note || null,
    distributedAt: w.at,
    createdBy: w.actor,
    createdAt: w.at,
  }
  await w.trx.insertInto('granaryDistributions').values(row).execute()
  const movementId = await insertMovement(w, { kind: 'out', distributionId: row.id }, lines)
  // The label and note may name a person: they stay in the row; the chain gets ids and numbers.
  await w.record({
    kind: 'granary.distributed',
    entity: 'granary_distribution',
    entityId: row.id,
    payload: { movementId, recipientKind: row.recipientKind, recipientId: row.recipientId, placeId: row.placeId, lines: lines.map((l) => ({ lotId: l.lotId, itemKey: l.itemKey, quantity: l.quantity })) },
  })
  return (await loadDistributions(w.trx, w.teamId, [row.id]))[0]!
}

/** Distributions of a team by id with their lines traced to lots and donations, in the order asked for. */
export async function loadDistributions(db: Db, teamId: string, ids: readonly string[]): Promise<Distribution[]> {
  if (!ids.length) return []
  const rows = await db.selectFrom('granaryDistributions').selectAll().where('teamId', '=', teamId).where('id', 'in', [...ids]).execute()
  const outs = await db.selectFrom('granaryMovements').select(['id', 'distributionId']).where('kind', '=', 'out').where('distributionId', 'in', [...ids]).execute()
  const outOf = new Map(outs.map((m) => [m.distributionId!, m.id]))
  const reversed = new Set((await db.selectFrom('granaryMovements').select('reverses').where('reverses', 'in', outs.length ? outs.map((m) => m.id) : ['']).execute()).map((r) => r.reverses))
  const lines = outs.length
    ? await db
        .selectFrom('granaryMovementLines as ml')
        .innerJoin('granaryLots as l', 'l.id', 'ml.lotId')
        .innerJoin('granaryDonations as d', 'd.id', 'l.donationId')
        .innerJoin('granaryItems as i', (j) => j.onRef('i.teamId', '=', 'ml.teamId').onRef('i.itemKey', '=', 'ml.itemKey'))
        .select(['ml.movementId', 'ml.lotId', 'ml.itemKey', 'ml.quantity', 'ml.unitValueFen', 'l.donationId', 'd.receiptCode', 'i.category', 'i.description', 'i.unit'])
        .where('ml.movementId', 'in', outs.map((m) => m.id))
        .orderBy('ml.id')
        .execute()
    : []
  const byId = new Map(
    rows.map((r) => {
      const movementId = outOf.get(r.id)!
      const perItem = new Map<string, Distribution['lines'][number]>()
      for (const l of lines.filter((x) => x.movementId === movementId)) {
        const quantity = -Number(l.quantity)
        const unitValueFen = Number(l.unitValueFen)
        let line = perItem.get(l.itemKey)
        if (!line) {
          line = { itemKey: l.itemKey, category: l.category as GranaryCategory, description: l.description, unit: l.unit, quantity: 0, valueFen: 0, lots: [] }
          perItem.set(l.itemKey, line)
        }
        line.quantity += quantity
        line.valueFen += quantity * unitValueFen
        line.lots.push({ lotId: l.lotId, donationId: l.donationId, receiptCode: l.receiptCode, quantity, unitValueFen })
      }
      const itemLines = [...perItem.values()]
      const d: Distribution = {
        id: r.id,
        recipient: { kind: r.recipientKind, id: r.recipientId, label: r.recipientLabel },
        placeId: r.placeId,
        note: r.note,
        movementId,
        distributedAt: r.distributedAt,
        createdBy: r.createdBy,
        totalQuantity: itemLines.reduce((s, l) => s + l.quantity, 0),
        totalValueFen: itemLines.reduce((s, l) => s + l.valueFen, 0),
        reversed: reversed.has(movementId),
        lines: itemLines,
      }
      return [r.id, d]
    }),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export async function getDistribution(db: Db, teamId: string, id: string): Promise<Distribution> {
  const d = (await loadDistributions(db, teamId, [id]))[0]
  if (!d) throw notFound('Distribution')
  return d
}

/** The team's distributions, newest first, optionally for one recipient. */
export async function listDistributions(db: Db, teamId: string, f: { recipientKind?: RecipientKind | undefined; recipientId?: string | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('granaryDistributions').select(['id', 'createdAt']).where('teamId', '=', teamId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.recipientKind) q = q.where('recipientKind', '=', f.recipientKind)
  if (f.recipientId) q = q.where('recipientId', '=', f.recipientId)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('createdAt', '<', c.createdAt), eb.and([eb('createdAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await loadDistributions(db, teamId, pageRows.map((r) => r.id)), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null }
}
