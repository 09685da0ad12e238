import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { StockAdjustmentReason } from '../codes/schemas.js'

// Pure rules of the granary ledger: what counts as one item, in which order lots are used, and
// which adjustment reasons fit which direction. No I/O and no clock: callers pass "today".

/**
 * How a description or unit is compared: Unicode NFKC (full-width letters and digits become
 * half-width, e.g. `５ｋｇ` → `5kg`), spaces trimmed and runs of white space made one, Latin
 * letters lower-cased. `金龙鱼 菜籽油 5L` and ` 金龙鱼  菜籽油 ５l` are the same item.
 */
export function normalizeItemText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** `category.` + 16 hex digits. */
export const ITEM_KEY_PATTERN = /^[a-z][a-z0-9_]*\.[0-9a-f]{16}$/

/**
 * The stock-keeping unit (品项) of the granary: goods of one category, with the same normalised
 * description and the same normalised unit. `粮油 / 大米 5kg / 袋` and `粮油 / 大米 5kg / 箱` are two
 * items (a case is not a bag); the value per unit is not part of it (lots of one item may be
 * valued differently, each keeps its own frozen value). The key is `<category>.<first 16 hex
 * digits of sha256(description + "\n" + unit)>` over the normalised texts: stable, URL-safe and
 * computable by an offline client from what it typed.
 */
export function itemKeyOf(category: string, description: string, unit: string): string {
  const digest = bytesToHex(sha256(utf8ToBytes(`${normalizeItemText(description)}\n${normalizeItemText(unit)}`)))
  return `${category}.${digest.slice(0, 16)}`
}

/** What FIFO needs to know about a lot. `expiresOn` and `receivedAt` are ISO strings. */
export interface LotForAllocation {
  id: string
  /** Units of the lot in stock now (the sum of its movement lines). */
  balance: number
  receivedAt: string
  expiresOn: string | null
}

/**
 * First-in-first-out order of lots: lots that expire come first, earliest expiry first (a lot
 * with no expiry after every lot with one); then the oldest intake; then the lot id, so the
 * order is total and the same in every dialect.
 */
export function fifoCompare(a: LotForAllocation, b: LotForAllocation): number {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1
    if (b.expiresOn === null) return -1
    return a.expiresOn < b.expiresOn ? -1 : 1
  }
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** A lot is expired from the day after its `expiresOn` (goods are good through that day). */
export const isExpired = (lot: { expiresOn: string | null }, today: string): boolean => lot.expiresOn !== null && lot.expiresOn < today

export interface Allocation {
  /** Units taken from each lot, in the order they were taken; only lots that give something. */
  lines: { lotId: string; quantity: number }[]
  /** Units the usable lots hold together. */
  available: number
  /** Units left out because their lot has expired (only when `today` is given). */
  expired: number
}

/**
 * Takes `quantity` units from lots in FIFO order (see fifoCompare). With `today`, expired lots
 * are skipped: a distribution never hands out expired goods, they leave by an 'expired'
 * adjustment instead. When the lots hold too little, `lines` covers what there is and
 * `available < quantity` tells the caller to refuse.
 */
export function allocateFifo(lots: readonly LotForAllocation[], quantity: number, opts: { today?: string } = {}): Allocation {
  let expired = 0
  const usable: LotForAllocation[] = []
  for (const lot of lots) {
    if (lot.balance <= 0) continue
    if (opts.today !== undefined && isExpired(lot, opts.today)) expired += lot.balance
    else usable.push(lot)
  }
  usable.sort(fifoCompare)
  const lines: Allocation['lines'] = []
  let left = quantity
  let available = 0
  for (const lot of usable) {
    available += lot.balance
    if (left <= 0) continue
    const take = Math.min(left, lot.balance)
    lines.push({ lotId: lot.id, quantity: take })
    left -= take
  }
  return { lines, available, expired }
}

/** The lot a surplus is put on: the newest intake (latest receivedAt, then highest id). */
export function newestLot<L extends { id: string; receivedAt: string }>(lots: readonly L[]): L | undefined {
  let best: L | undefined
  for (const lot of lots) {
    if (!best || lot.receivedAt > best.receivedAt || (lot.receivedAt === best.receivedAt && lot.id > best.id)) best = lot
  }
  return best
}

/** Reasons that may add units (盘盈, 其他) and that may remove them (盘亏, 损坏, 过期, 其他). */
export const SURPLUS_REASONS: readonly StockAdjustmentReason[] = ['stocktake_surplus', 'other']
export const SHORTAGE_REASONS: readonly StockAdjustmentReason[] = ['stocktake_shortage', 'damaged', 'expired', 'other']

/** Whether an adjustment reason fits the direction of the change (damage never adds goods). */
export function reasonFitsQuantity(reason: StockAdjustmentReason, quantity: number): boolean {
  if (quantity > 0) return SURPLUS_REASONS.includes(reason)
  if (quantity < 0) return SHORTAGE_REASONS.includes(reason)
  return false
}

/** The reason a stocktake variance gets unless the closer names another: 盘盈 or 盘亏. */
export const defaultVarianceReason = (variance: number): StockAdjustmentReason => (variance > 0 ? 'stocktake_surplus' : 'stocktake_shortage')

/** Bytes a base64 payload decodes to. */
export function base64DecodedLength(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - padding
}

/** Largest photo kept with a lot, in bytes once decoded. */
export const MAX_LOT_PHOTO_BYTES = 200 * 1024
