// The mock granary (茶义仓) for dev mode and the tests: the same routes, rules and error codes as
// packages/api/src/granary/*, over an in-memory ledger kept per mock world (a fresh world per test).
// Stock is never stored: a lot's units are the sum of its movement lines, as on the server. Every
// body goes through `respond(schema, …)` with the domain's schemas.
import {
  AdjustmentInput,
  allocateFifo,
  ANONYMOUS_DONOR_LABEL,
  defaultVarianceReason,
  Distribution,
  DistributionInput,
  Donation,
  DonationInput,
  DonationReceipt,
  DonationSummary,
  Donor,
  DonorInput,
  DonorYearReceipt,
  isExpired,
  ItemStock,
  itemKeyOf,
  maskPhone,
  Movement,
  newestLot,
  normalizeItemText,
  page,
  Place,
  PlaceInput,
  reasonFitsQuantity,
  ReversalInput,
  StockCard,
  Stocktake,
  StocktakeClose,
  StocktakeCounts,
  StocktakeOpen,
  type DonorKind,
  type GranaryCategory,
  type MovementKind,
  type RecipientKind,
  type StockAdjustmentReason,
  type StocktakeStatus,
  type ValuationBasis,
} from '@chayi/domain'
import { fail, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, invalid, mockRoutes, perWorld, Refusal, respondPage, storedWorld, type Issue } from '../mock-kit'

interface DonorRec { id: string; kind: DonorKind; name: string | null; phone: string | null; contact: string | null; note: string | null; createdAt: string }
interface ItemRec { itemKey: string; category: GranaryCategory; description: string; unit: string }
interface LotRec {
  id: string
  donationId: string
  lineNo: number
  itemKey: string
  category: GranaryCategory
  description: string
  unit: string
  quantity: number
  unitValueFen: number
  valuationBasis: ValuationBasis
  expiresOn: string | null
  placeId: string
  receivedAt: string
  photo: string | null
}
interface DonationRec { id: string; receiptCode: string; receiptNumber: string; donorId: string | null; donorKind: DonorKind; placeId: string; receivedAt: string; note: string | null; createdBy: string; createdAt: string }
interface Line { lotId: string; itemKey: string; quantity: number; unitValueFen: number }
interface MovementRec {
  id: string
  kind: MovementKind
  reason: StockAdjustmentReason | null
  note: string | null
  occurredAt: string
  createdBy: string
  createdAt: string
  reverses: string | null
  donationId: string | null
  distributionId: string | null
  stocktakeId: string | null
  lines: Line[]
}
interface DistributionRec { id: string; recipient: { kind: RecipientKind; id: string; label: string }; placeId: string | null; note: string | null; distributedAt: string; createdBy: string; createdAt: string }
interface TakeLine { itemKey: string; counted: number | null; expected: number | null; reason: StockAdjustmentReason | null; note: string | null; movementId: string | null }
interface TakeRec {
  id: string
  placeId: string | null
  status: StocktakeStatus
  note: string | null
  openedBy: string
  openedAt: string
  countedBy: string | null
  countedAt: string | null
  closedBy: string | null
  closedAt: string | null
  lines: TakeLine[]
}

/** The granary of one mock world. */
export interface GranaryWorld {
  seq: number
  receiptSeq: number
  donors: DonorRec[]
  places: (Place & {})[]
  items: ItemRec[]
  lots: LotRec[]
  donations: DonationRec[]
  movements: MovementRec[]
  distributions: DistributionRec[]
  stocktakes: TakeRec[]
}

const KEEPERS = ['care_staff', 'admin'] as const
const READERS = ['care_staff', 'admin', 'leader'] as const
const STORE_KEY = 'chayi.mock.granary'
const DAY = 86_400_000
const CLOCK_SKEW_MS = 10 * 60_000
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** YYYY-MM-DD of an instant in China time (UTC+8, no summer time). */
export const chinaDay = (instant: Date | string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const worlds = perWorld(seedGranary)

/** The granary of a mock world (made, with its demo goods, on first use). Tests read it too. */
export const granaryOf = (state: MockState): GranaryWorld => worlds.get(state)

// ---- the ledger's arithmetic, as packages/api/src/granary/stock.ts ----

/** Ids that sort in the order they were made (the server's are time-ordered UUIDv7). */
const nextId = (g: GranaryWorld) => `01910000-0000-7000-8000-${(++g.seq).toString(16).padStart(12, '0')}`
const lotBalance = (g: GranaryWorld, lotId: string) => g.movements.reduce((s, m) => s + m.lines.reduce((t, l) => t + (l.lotId === lotId ? l.quantity : 0), 0), 0)
const lotStates = (g: GranaryWorld, f: { itemKey?: string; placeId?: string | null }) =>
  g.lots
    .filter((l) => (!f.itemKey || l.itemKey === f.itemKey) && (!f.placeId || l.placeId === f.placeId))
    .map((l) => ({ ...l, balance: lotBalance(g, l.id) }))

function receiptCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  let s = ''
  for (const b of bytes) s += RECEIPT_ALPHABET[b % 32]
  return `${s.slice(0, 4)}-${s.slice(4, 8)}`
}

function addMovement(g: GranaryWorld, who: string, at: string, m: Partial<MovementRec> & { kind: MovementKind }, lines: Line[]): MovementRec {
  const rec: MovementRec = {
    id: nextId(g),
    kind: m.kind,
    reason: m.reason ?? null,
    note: m.note ?? null,
    occurredAt: m.occurredAt ?? at,
    createdBy: who,
    createdAt: at,
    reverses: m.reverses ?? null,
    donationId: m.donationId ?? null,
    distributionId: m.distributionId ?? null,
    stocktakeId: m.stocktakeId ?? null,
    lines: lines.filter((l) => l.quantity !== 0),
  }
  g.movements.push(rec)
  return rec
}

const donorName = (d: { kind: DonorKind; name: string | null }) => (d.kind === 'anonymous' || !d.name ? ANONYMOUS_DONOR_LABEL['zh-CN'] : d.name)
const toDonor = (d: DonorRec, whole: boolean): Donor => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  displayName: donorName(d),
  phone: d.phone === null ? null : whole ? d.phone : maskPhone(d.phone),
  contact: d.contact,
  note: d.note,
  createdAt: d.createdAt,
})

function inMovementOf(g: GranaryWorld, donationId: string) {
  return g.movements.find((m) => m.kind === 'in' && m.donationId === donationId)!
}
const reversedIds = (g: GranaryWorld) => new Set(g.movements.filter((m) => m.reverses).map((m) => m.reverses!))

function summaryOf(g: GranaryWorld, d: DonationRec): DonationSummary {
  const lots = g.lots.filter((l) => l.donationId === d.id)
  const donor = g.donors.find((x) => x.id === d.donorId)
  const mv = inMovementOf(g, d.id)
  return {
    id: d.id,
    receiptCode: d.receiptCode,
    receiptNumber: d.receiptNumber,
    donorId: d.donorId,
    donorKind: d.donorKind,
    donorName: donorName({ kind: d.donorKind, name: donor?.name ?? null }),
    placeId: d.placeId,
    placeName: g.places.find((p) => p.id === d.placeId)!.name,
    receivedAt: d.receivedAt,
    note: d.note,
    movementId: mv.id,
    lotCount: lots.length,
    totalQuantity: lots.reduce((s, l) => s + l.quantity, 0),
    totalValueFen: lots.reduce((s, l) => s + l.quantity * l.unitValueFen, 0),
    reversed: reversedIds(g).has(mv.id),
    createdBy: d.createdBy,
    createdAt: d.createdAt,
  }
}

function donationOf(g: GranaryWorld, d: DonationRec, photos: boolean): Donation {
  const lots = g.lots
    .filter((l) => l.donationId === d.id)
    .map(({ photo, ...l }) => ({ ...l, valueFen: l.quantity * l.unitValueFen, onHand: lotBalance(g, l.id), hasPhoto: photo !== null, ...(photos && photo ? { photo } : {}) }))
  return { ...summaryOf(g, d), lots }
}

function receiptOf(g: GranaryWorld, state: MockState, d: DonationRec): DonationReceipt {
  const full = donationOf(g, d, false)
  return {
    donationId: d.id,
    receiptCode: d.receiptCode,
    receiptNumber: d.receiptNumber,
    donorKind: full.donorKind,
    donorName: full.donorName,
    receivedAt: d.receivedAt,
    date: chinaDay(d.receivedAt),
    team: teamOf(state),
    lines: full.lots.map((l) => ({ category: l.category, description: l.description, quantity: l.quantity, unit: l.unit, unitValueFen: l.unitValueFen, valueFen: l.valueFen, valuationBasis: l.valuationBasis })),
    totalQuantity: full.totalQuantity,
    totalValueFen: full.totalValueFen,
    reversed: full.reversed,
  }
}
const teamOf = (state: MockState) => ({ code: state.team.code, name: state.team.name, community: state.team.community })

function distributionOf(g: GranaryWorld, d: DistributionRec): Distribution {
  const mv = g.movements.find((m) => m.kind === 'out' && m.distributionId === d.id)!
  const perItem = new Map<string, Distribution['lines'][number]>()
  for (const l of mv.lines) {
    const lot = g.lots.find((x) => x.id === l.lotId)!
    const item = g.items.find((i) => i.itemKey === l.itemKey)!
    let line = perItem.get(l.itemKey)
    if (!line) {
      line = { itemKey: l.itemKey, category: item.category, description: item.description, unit: item.unit, quantity: 0, valueFen: 0, lots: [] }
      perItem.set(l.itemKey, line)
    }
    const q = -l.quantity
    line.quantity += q
    line.valueFen += q * l.unitValueFen
    line.lots.push({ lotId: l.lotId, donationId: lot.donationId, receiptCode: g.donations.find((x) => x.id === lot.donationId)!.receiptCode, quantity: q, unitValueFen: l.unitValueFen })
  }
  const lines = [...perItem.values()]
  return {
    id: d.id,
    recipient: d.recipient,
    placeId: d.placeId,
    note: d.note,
    movementId: mv.id,
    distributedAt: d.distributedAt,
    createdBy: d.createdBy,
    totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
    totalValueFen: lines.reduce((s, l) => s + l.valueFen, 0),
    reversed: reversedIds(g).has(mv.id),
    lines,
  }
}

function movementOf(g: GranaryWorld, m: MovementRec): Movement {
  const reversedBy = g.movements.find((x) => x.reverses === m.id)?.id ?? null
  return { ...m, reversedBy, quantity: m.lines.reduce((s, l) => s + l.quantity, 0), valueFen: m.lines.reduce((s, l) => s + l.quantity * l.unitValueFen, 0), lines: m.lines.map((l) => ({ ...l })) }
}

function stockOf(g: GranaryWorld, item: ItemRec, placeId: string | null, today: string): ItemStock {
  const mine = lotStates(g, { itemKey: item.itemKey, placeId }).filter((l) => l.balance !== 0)
  const fresh = mine.filter((l) => !isExpired(l, today))
  const expiries = fresh.map((l) => l.expiresOn).filter((e): e is string => e !== null).sort()
  return {
    ...item,
    onHand: mine.reduce((s, l) => s + l.balance, 0),
    valueFen: mine.reduce((s, l) => s + l.balance * l.unitValueFen, 0),
    lotCount: mine.length,
    nextExpiry: expiries[0] ?? null,
    expiredUnits: mine.filter((l) => isExpired(l, today)).reduce((s, l) => s + l.balance, 0),
  }
}

function takeOf(g: GranaryWorld, t: TakeRec): Stocktake {
  const blind = t.status === 'open'
  return {
    ...t,
    placeName: g.places.find((p) => p.id === t.placeId)?.name ?? null,
    lines: [...t.lines]
      .sort((a, b) => (a.itemKey < b.itemKey ? -1 : 1))
      .map((l) => {
        const item = g.items.find((i) => i.itemKey === l.itemKey)!
        const expected = blind ? null : l.expected
        return { ...l, category: item.category, description: item.description, unit: item.unit, expected, variance: l.counted === null || expected === null ? null : l.counted - expected }
      }),
  }
}

// ---- writes, as the server's ----

function recordDonation(g: GranaryWorld, who: string, at: string, state: MockState, input: DonationInput): Donation {
  const receivedAt = new Date(input.receivedAt).toISOString()
  if (Date.parse(receivedAt) > Date.parse(at) + CLOCK_SKEW_MS) throw new Refusal(422, 'received_in_future', 'The intake time is in the future.', [{ path: 'receivedAt', message: 'after now' }])
  const day = chinaDay(receivedAt)
  const expired = input.items.flatMap((it, i) => (it.expiresOn && it.expiresOn < day ? [{ path: `items.${i}.expiresOn`, message: `expired before it was received (${day})` }] : []))
  if (expired.length) throw new Refusal(422, 'expired_at_intake', 'Goods past their expiry date are not taken into the granary.', expired)
  const place = input.placeId ? g.places.find((p) => p.id === input.placeId) : g.places[0]
  if (!place) throw new Refusal(422, 'unknown_place', 'No such storage place in the team.', [{ path: 'placeId', message: 'unknown place' }])
  let donor: DonorRec | null = null
  if (input.donorId) {
    donor = g.donors.find((d) => d.id === input.donorId) ?? null
    if (!donor) throw new Refusal(422, 'unknown_donor', 'No such donor in the team.', [{ path: 'donorId', message: 'unknown donor' }])
  } else if (input.donor && input.donor.kind !== 'anonymous') {
    const d = input.donor
    donor = (d.kind === 'person' && g.donors.find((x) => x.phone === d.phone)) || createDonor(g, at, d)
  }
  const year = Number(chinaDay(at).slice(0, 4))
  const rec: DonationRec = {
    id: nextId(g),
    receiptCode: receiptCode(),
    receiptNumber: `${state.team.code.toUpperCase()}-J-${year}-${String(++g.receiptSeq).padStart(6, '0')}`,
    donorId: donor?.id ?? null,
    donorKind: donor?.kind ?? 'anonymous',
    placeId: place.id,
    receivedAt,
    note: input.note || null,
    createdBy: who,
    createdAt: at,
  }
  g.donations.push(rec)
  const lots = input.items.map((it, i): LotRec => {
    const itemKey = itemKeyOf(it.category, it.description, it.unit)
    if (!g.items.some((x) => x.itemKey === itemKey)) g.items.push({ itemKey, category: it.category, description: it.description, unit: it.unit })
    return {
      id: nextId(g),
      donationId: rec.id,
      lineNo: i + 1,
      itemKey,
      category: it.category,
      description: it.description,
      unit: it.unit,
      quantity: it.quantity,
      unitValueFen: it.unitValueFen,
      valuationBasis: it.valuationBasis,
      expiresOn: it.expiresOn ?? null,
      placeId: place.id,
      receivedAt,
      photo: it.photo ?? null,
    }
  })
  g.lots.push(...lots)
  addMovement(g, who, at, { kind: 'in', donationId: rec.id, occurredAt: receivedAt }, lots.map((l) => ({ lotId: l.id, itemKey: l.itemKey, quantity: l.quantity, unitValueFen: l.unitValueFen })))
  return donationOf(g, rec, false)
}

function createDonor(g: GranaryWorld, at: string, input: DonorInput): DonorRec {
  if (input.kind === 'person' && g.donors.some((d) => d.phone === input.phone)) throw new Refusal(409, 'donor_exists', 'A donor with this phone number is already on file.')
  const rec: DonorRec = {
    id: nextId(g),
    kind: input.kind,
    name: input.kind === 'anonymous' ? null : input.name,
    phone: input.kind === 'person' ? input.phone : null,
    contact: input.kind === 'enterprise' ? input.contact || null : null,
    note: input.note || null,
    createdAt: at,
  }
  g.donors.push(rec)
  return rec
}

function distribute(g: GranaryWorld, who: string, at: string, input: DistributionInput): Distribution {
  if (input.placeId && !g.places.some((p) => p.id === input.placeId)) throw new Refusal(422, 'unknown_place', 'No such storage place in the team.', [{ path: 'placeId', message: 'unknown place' }])
  const issues: (Issue & { code: string })[] = []
  const keys: string[] = []
  for (const [i, it] of input.items.entries()) {
    const candidates = it.itemKey
      ? g.items.filter((x) => x.itemKey === it.itemKey)
      : g.items.filter((x) => x.category === it.category && normalizeItemText(x.description) === normalizeItemText(it.description!) && (it.unit === undefined || normalizeItemText(x.unit) === normalizeItemText(it.unit)))
    if (!candidates.length) issues.push({ code: 'unknown_item', path: `items.${i}`, message: 'no such item in the granary' })
    else if (candidates.length > 1) issues.push({ code: 'ambiguous_item', path: `items.${i}.unit`, message: `kept in several units (${candidates.map((c) => c.unit).join(', ')}); say which` })
    else {
      const first = keys.indexOf(candidates[0]!.itemKey)
      if (first >= 0) issues.push({ code: 'duplicate_item', path: `items.${i}`, message: `the same item as items.${first}` })
      keys.push(candidates[0]!.itemKey)
    }
  }
  if (issues.length) throw new Refusal(422, issues[0]!.code, 'Some of the items cannot be handed out as asked; nothing was written.', issues.map(({ path, message }) => ({ path, message })))
  const today = chinaDay(at)
  const short: Issue[] = []
  const lines: Line[] = []
  for (const [i, it] of input.items.entries()) {
    const lots = lotStates(g, { itemKey: keys[i]!, placeId: input.placeId ?? null })
    const alloc = allocateFifo(lots, it.quantity, { today })
    if (alloc.available < it.quantity) {
      short.push({ path: `items.${i}.quantity`, message: `only ${alloc.available} on hand${alloc.expired ? ` (${alloc.expired} more in expired lots)` : ''}` })
      continue
    }
    for (const l of alloc.lines) lines.push({ lotId: l.lotId, itemKey: keys[i]!, quantity: -l.quantity, unitValueFen: lots.find((x) => x.id === l.lotId)!.unitValueFen })
  }
  if (short.length) throw new Refusal(422, 'insufficient_stock', 'There is not enough in stock; nothing was handed out.', short)
  const rec: DistributionRec = { id: nextId(g), recipient: input.recipient, placeId: input.placeId ?? null, note: input.note || null, distributedAt: at, createdBy: who, createdAt: at }
  g.distributions.push(rec)
  addMovement(g, who, at, { kind: 'out', distributionId: rec.id }, lines)
  return distributionOf(g, rec)
}

function applyAdjustment(g: GranaryWorld, who: string, at: string, a: AdjustmentInput & { stocktakeId?: string }, path = ''): MovementRec {
  if (!reasonFitsQuantity(a.reason, a.quantity)) {
    throw new Refusal(422, 'reason_mismatch', `${a.reason} cannot ${a.quantity > 0 ? 'add' : 'remove'} units.`, [{ path: `${path}reason`, message: a.quantity > 0 ? 'adding units needs stocktake_surplus or other' : 'removing units needs stocktake_shortage, damaged, expired or other' }])
  }
  let lots = lotStates(g, { itemKey: a.itemKey, placeId: a.placeId ?? null })
  if (a.lotId) {
    lots = lots.filter((l) => l.id === a.lotId)
    if (!lots.length) throw new Refusal(422, 'unknown_lot', 'That lot does not hold this item (at this place).', [{ path: `${path}lotId`, message: 'not a lot of the item' }])
  }
  let lines: Line[]
  if (a.quantity > 0) {
    const lot = a.lotId ? lots[0] : newestLot(lots)
    if (!lot) throw new Refusal(422, 'no_lot', 'There is no lot of this item to add units to (at this place); take them in as a donation.', [{ path: `${path}itemKey`, message: 'no lot' }])
    lines = [{ lotId: lot.id, itemKey: a.itemKey, quantity: a.quantity, unitValueFen: lot.unitValueFen }]
  } else {
    const alloc = allocateFifo(lots, -a.quantity)
    if (alloc.available < -a.quantity) throw new Refusal(422, 'insufficient_stock', `Only ${alloc.available} on hand; cannot remove ${-a.quantity}.`, [{ path: `${path}quantity`, message: `only ${alloc.available} on hand` }])
    lines = alloc.lines.map((l) => ({ lotId: l.lotId, itemKey: a.itemKey, quantity: -l.quantity, unitValueFen: lots.find((x) => x.id === l.lotId)!.unitValueFen }))
  }
  return addMovement(g, who, at, { kind: 'adjustment', reason: a.reason, note: a.note ?? null, stocktakeId: a.stocktakeId ?? null }, lines)
}

function reverse(g: GranaryWorld, who: string, at: string, id: string, reason: string): Movement {
  const m = g.movements.find((x) => x.id === id)
  if (!m) throw new Refusal(404, 'not_found', 'Movement not found.')
  if (m.kind === 'reversal') throw new Refusal(422, 'not_reversible', 'A reversal cannot itself be reversed; record the movement again instead.')
  const done = g.movements.find((x) => x.reverses === m.id)
  if (done) throw new Refusal(409, 'already_reversed', `This movement was already reversed by ${done.id}.`)
  const after = new Map<string, number>()
  for (const l of m.lines) after.set(l.lotId, (after.get(l.lotId) ?? lotBalance(g, l.lotId)) - l.quantity)
  const issues = [...after].filter(([, b]) => b < 0).map(([lotId, b]) => ({ path: 'lots', message: `lot ${lotId} holds ${lotBalance(g, lotId)}; reversing would leave ${b}` }))
  if (issues.length) throw new Refusal(422, 'lot_would_go_negative', 'Some of these units have already left the granary; reverse those movements first.', issues)
  const rec = addMovement(g, who, at, { kind: 'reversal', note: reason, reverses: m.id, donationId: m.donationId, distributionId: m.distributionId, stocktakeId: m.stocktakeId }, m.lines.map((l) => ({ ...l, quantity: -l.quantity })))
  return movementOf(g, rec)
}

const bookFigures = (g: GranaryWorld, placeId: string | null) => {
  const book = new Map<string, number>()
  for (const l of lotStates(g, { placeId })) book.set(l.itemKey, (book.get(l.itemKey) ?? 0) + l.balance)
  return book
}

// ---- demo goods ----

/** A few donors, two places, three donations and one distribution, dated a little before "now". */
function seedGranary(state: MockState): GranaryWorld {
  const g: GranaryWorld = { seq: 0, receiptSeq: 0, donors: [], places: [], items: [], lots: [], donations: [], movements: [], distributions: [], stocktakes: [] }
  const now = state.now().getTime()
  const ago = (days: number) => new Date(now - days * DAY).toISOString()
  const dayIn = (days: number) => chinaDay(new Date(now + days * DAY))
  const who = state.user('care').user.id
  for (const [name, note] of [['茶义仓', '茶馆后间货架'], ['社区活动室', '二楼储物柜']] as const) g.places.push({ id: nextId(g), name, note, createdAt: ago(60) })
  const [main, room] = g.places as [Place, Place]
  const shop = createDonor(g, ago(40), { kind: 'enterprise', name: '融新粮油店', contact: '何经理' })
  const chen = createDonor(g, ago(30), { kind: 'person', name: '陈淑芬', phone: '13800001111' })
  const give = (daysAgo: number, input: Omit<DonationInput, 'receivedAt'>) => recordDonation(g, who, ago(daysAgo), state, { ...input, receivedAt: ago(daysAgo) })
  give(21, {
    donorId: shop.id,
    placeId: main.id,
    items: [
      { category: 'grain_oil', description: '东北大米 5kg', quantity: 20, unit: '袋', unitValueFen: 4500, valuationBasis: 'voucher' },
      { category: 'grain_oil', description: '菜籽油 5L', quantity: 10, unit: '桶', unitValueFen: 7990, valuationBasis: 'voucher' },
    ],
  })
  give(12, {
    donorId: chen.id,
    placeId: main.id,
    items: [
      { category: 'food', description: '纯牛奶 250ml×12', quantity: 6, unit: '箱', unitValueFen: 4200, valuationBasis: 'market_price', expiresOn: dayIn(9) },
      { category: 'daily_necessities', description: '纯棉毛巾', quantity: 30, unit: '条', unitValueFen: 850, valuationBasis: 'estimate' },
    ],
  })
  give(5, {
    anonymous: true,
    placeId: room.id,
    items: [
      { category: 'grain_oil', description: '东北大米 5kg', quantity: 10, unit: '袋', unitValueFen: 4800, valuationBasis: 'market_price' },
      { category: 'bedding', description: '冬被 200×230', quantity: 5, unit: '床', unitValueFen: 15000, valuationBasis: 'market_price' },
    ],
  })
  const rice = g.items[0]!
  distribute(g, who, ago(3), { recipient: { kind: 'activity', id: 'act-2024-mid-autumn', label: '中秋慰问' }, items: [{ itemKey: rice.itemKey, quantity: 5 }] })
  return g
}

// ---- handlers ----

export const granaryHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts, '/granary')
  const { read, write } = mockRoutes(getState, v1, storedWorld(worlds, getState, opts.storage, STORE_KEY))
  const today = () => chinaDay(getState().now())
  const notFound = (what: string) => fail(404, 'not_found', `${what} not found.`)
  const isKeeper = (u: MockUser) => u.user.roles.some((r) => (KEEPERS as readonly string[]).includes(r))

  return [
    // ---- donors and places ----
    read('/donors', READERS, ({ w, url }) => {
      const kind = url.searchParams.get('kind')
      return respondPage(Donor, [...w.donors].reverse().filter((d) => !kind || d.kind === kind), url, (d) => toDonor(d, false))
    }),
    write('post', '/donors', KEEPERS, DonorInput, Donor, 201, (body, { w, at }) => toDonor(createDonor(w, at, body), true)),
    read('/donors/:id', READERS, ({ w, params, who }) => {
      const d = w.donors.find((x) => x.id === params.id)
      return d ? respond(Donor, toDonor(d, isKeeper(who))) : notFound('Donor')
    }),
    read('/donors/:id/receipts', READERS, ({ w, params, url }) => {
      const d = w.donors.find((x) => x.id === params.id)
      if (!d) return notFound('Donor')
      const q = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).safeParse(Object.fromEntries(url.searchParams))
      if (!q.success) return invalid(q.error)
      const donations = w.donations
        .filter((x) => x.donorId === d.id && chinaDay(x.receivedAt).startsWith(`${q.data.year}-`))
        .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
        .map((x) => receiptOf(w, getState(), x))
        .filter((r) => !r.reversed)
      return respond(DonorYearReceipt, {
        donorId: d.id,
        donorKind: d.kind,
        donorName: donorName(d),
        year: q.data.year,
        team: teamOf(getState()),
        donations: donations.map(({ team: _t, donorKind: _k, donorName: _n, ...rest }) => rest),
        donationCount: donations.length,
        totalQuantity: donations.reduce((s, r) => s + r.totalQuantity, 0),
        totalValueFen: donations.reduce((s, r) => s + r.totalValueFen, 0),
      })
    }),
    read('/places', READERS, ({ w }) => respond(page(Place), { items: w.places, nextCursor: null })),
    write('post', '/places', KEEPERS, PlaceInput, Place, 201, (body, { w, at }) => {
      if (w.places.some((p) => p.name === body.name)) throw new Refusal(409, 'place_exists', 'The team already has a storage place of this name.')
      const place = { id: nextId(w), name: body.name, note: body.note || null, createdAt: at }
      w.places.push(place)
      return place
    }),

    // ---- donations ----
    write('post', '/donations', KEEPERS, DonationInput, Donation, 201, (body, { w, who, at }) => recordDonation(w, who, at, getState(), body)),
    read('/donations', READERS, ({ w, url }) => {
      const donorId = url.searchParams.get('donorId')
      const rows = [...w.donations].reverse().filter((d) => !donorId || d.donorId === donorId)
      return respondPage(DonationSummary, rows, url, (d) => summaryOf(w, d))
    }),
    read('/donations/:id', READERS, ({ w, params }) => {
      const d = w.donations.find((x) => x.id === params.id)
      return d ? respond(Donation, donationOf(w, d, true)) : notFound('Donation')
    }),
    read('/donations/:id/receipt', READERS, ({ w, params }) => {
      const d = w.donations.find((x) => x.id === params.id)
      return d ? respond(DonationReceipt, receiptOf(w, getState(), d)) : notFound('Donation')
    }),

    // ---- distributions ----
    write('post', '/distributions', KEEPERS, DistributionInput, Distribution, 201, (body, { w, who, at }) => distribute(w, who, at, body)),
    read('/distributions', READERS, ({ w, url }) => {
      const kind = url.searchParams.get('recipientKind')
      const rid = url.searchParams.get('recipientId')
      const rows = [...w.distributions].reverse().filter((d) => (!kind || d.recipient.kind === kind) && (!rid || d.recipient.id === rid))
      return respondPage(Distribution, rows, url, (d) => distributionOf(w, d))
    }),
    read('/distributions/:id', READERS, ({ w, params }) => {
      const d = w.distributions.find((x) => x.id === params.id)
      return d ? respond(Distribution, distributionOf(w, d)) : notFound('Distribution')
    }),

    // ---- movements ----
    read('/movements', READERS, ({ w, url }) => {
      const kind = url.searchParams.get('kind')
      const itemKey = url.searchParams.get('itemKey')
      const rows = [...w.movements].reverse().filter((m) => (!kind || m.kind === kind) && (!itemKey || m.lines.some((l) => l.itemKey === itemKey)))
      return respondPage(Movement, rows, url, (m) => movementOf(w, m))
    }),
    read('/movements/:id', READERS, ({ w, params }) => {
      const m = w.movements.find((x) => x.id === params.id)
      return m ? respond(Movement, movementOf(w, m)) : notFound('Movement')
    }),
    write('post', '/movements/:id/reversal', KEEPERS, ReversalInput, Movement, 201, (body, { w, who, at, params }) => reverse(w, who, at, params.id!, body.reason)),
    write('post', '/adjustments', KEEPERS, AdjustmentInput, Movement, 201, (body, { w, who, at }) => {
      if (!w.items.some((i) => i.itemKey === body.itemKey)) throw new Refusal(422, 'unknown_item', 'No such item in the granary.', [{ path: 'itemKey', message: 'unknown item' }])
      return movementOf(w, applyAdjustment(w, who, at, body))
    }),

    // ---- stock ----
    read('/items', READERS, ({ w, url }) => {
      const q = z
        .object({ category: z.string().optional(), placeId: z.string().optional(), inStock: z.enum(['true', 'false']).default('true') })
        .safeParse({ category: url.searchParams.get('category') ?? undefined, placeId: url.searchParams.get('placeId') ?? undefined, inStock: url.searchParams.get('inStock') ?? undefined })
      if (!q.success) return invalid(q.error)
      const rows = [...w.items]
        .sort((a, b) => (a.itemKey < b.itemKey ? -1 : 1))
        .filter((i) => !q.data.category || i.category === q.data.category)
        .map((i) => stockOf(w, i, q.data.placeId ?? null, today()))
        .filter((s) => q.data.inStock === 'false' || s.onHand > 0)
      return respondPage(ItemStock, rows, url)
    }),
    read('/items/:itemKey/card', READERS, ({ w, params }) => {
      const item = w.items.find((i) => i.itemKey === params.itemKey)
      if (!item) return notFound('Item')
      let balance = 0
      const entries = w.movements
        .filter((m) => m.lines.some((l) => l.itemKey === item.itemKey))
        .map((m) => {
          const mine = m.lines.filter((l) => l.itemKey === item.itemKey)
          const quantity = mine.reduce((s, l) => s + l.quantity, 0)
          balance += quantity
          return {
            movementId: m.id,
            kind: m.kind,
            reason: m.reason,
            occurredAt: m.occurredAt,
            recordedAt: m.createdAt,
            quantity,
            valueFen: mine.reduce((s, l) => s + l.quantity * l.unitValueFen, 0),
            balanceAfter: balance,
            reverses: m.reverses,
            donationId: m.donationId,
            receiptCode: w.donations.find((d) => d.id === m.donationId)?.receiptCode ?? null,
            distributionId: m.distributionId,
            recipientKind: w.distributions.find((d) => d.id === m.distributionId)?.recipient.kind ?? null,
            stocktakeId: m.stocktakeId,
            lots: mine.map((l) => ({ lotId: l.lotId, quantity: l.quantity })),
          }
        })
      return respond(StockCard, { item: stockOf(w, item, null, today()), items: entries, nextCursor: null })
    }),

    // ---- blind stocktake ----
    write('post', '/stocktakes', KEEPERS, StocktakeOpen, Stocktake, 201, (body, { w, who, at }) => {
      const placeId = body.placeId ?? null
      if (placeId && !w.places.some((p) => p.id === placeId)) throw new Refusal(422, 'unknown_place', 'No such storage place in the team.', [{ path: 'placeId', message: 'unknown place' }])
      const already = w.stocktakes.find((t) => t.status !== 'closed' && t.placeId === placeId)
      if (already) throw new Refusal(409, 'stocktake_open', `A stocktake of this scope is still open (${already.id}); close it first.`)
      const sheet = [...bookFigures(w, placeId)].filter(([, n]) => n > 0).map(([k]) => k)
      const t: TakeRec = {
        id: nextId(w),
        placeId,
        status: 'open',
        note: body.note || null,
        openedBy: who,
        openedAt: at,
        countedBy: null,
        countedAt: null,
        closedBy: null,
        closedAt: null,
        lines: sheet.map((itemKey) => ({ itemKey, counted: null, expected: null, reason: null, note: null, movementId: null })),
      }
      w.stocktakes.push(t)
      return takeOf(w, t)
    }),
    read('/stocktakes', READERS, ({ w, url }) => {
      const status = url.searchParams.get('status')
      const rows = [...w.stocktakes].reverse().filter((t) => !status || t.status === status)
      return respondPage(Stocktake, rows, url, (t) => takeOf(w, t))
    }),
    read('/stocktakes/:id', READERS, ({ w, params }) => {
      const t = w.stocktakes.find((x) => x.id === params.id)
      return t ? respond(Stocktake, takeOf(w, t)) : notFound('Stocktake')
    }),
    write('post', '/stocktakes/:id/counts', KEEPERS, StocktakeCounts, Stocktake, 200, (body, { w, who, at, params }) => {
      const t = w.stocktakes.find((x) => x.id === params.id)
      if (!t) throw new Refusal(404, 'not_found', 'Stocktake not found.')
      if (t.status !== 'open') throw new Refusal(409, 'already_counted', 'The counts of this stocktake were already submitted.')
      const sheet = t.lines.map((l) => l.itemKey)
      const issues: (Issue & { code: string })[] = []
      const seen = new Map<string, number>()
      for (const [i, c] of body.counts.entries()) {
        const first = seen.get(c.itemKey)
        if (first !== undefined) issues.push({ code: 'duplicate_item', path: `counts.${i}.itemKey`, message: `counted already in counts.${first}` })
        seen.set(c.itemKey, first ?? i)
      }
      for (const k of seen.keys()) {
        if (!sheet.includes(k) && !lotStates(w, { itemKey: k, placeId: t.placeId }).length) issues.push({ code: 'unknown_item', path: `counts.${seen.get(k)}.itemKey`, message: 'no lot of this item in the stocktake’s scope' })
      }
      for (const k of sheet) if (!seen.has(k)) issues.push({ code: 'counts_missing', path: 'counts', message: `item ${k} on the sheet was not counted (count 0 if none is there)` })
      if (issues.length) throw new Refusal(422, issues[0]!.code, 'The counts do not match the count sheet; nothing was recorded.', issues.map(({ path, message }) => ({ path, message })))
      const book = bookFigures(w, t.placeId)
      for (const c of body.counts) {
        const line = t.lines.find((l) => l.itemKey === c.itemKey)
        const expected = book.get(c.itemKey) ?? 0
        if (line) Object.assign(line, { counted: c.counted, expected })
        else t.lines.push({ itemKey: c.itemKey, counted: c.counted, expected, reason: null, note: null, movementId: null })
      }
      Object.assign(t, { status: 'counted', countedBy: who, countedAt: at })
      return takeOf(w, t)
    }),
    write('post', '/stocktakes/:id/close', KEEPERS, StocktakeClose, Stocktake, 200, (body, { w, who, at, params }) => {
      const t = w.stocktakes.find((x) => x.id === params.id)
      if (!t) throw new Refusal(404, 'not_found', 'Stocktake not found.')
      if (t.status === 'open') throw new Refusal(409, 'not_counted', 'Submit the counts before closing the stocktake.')
      if (t.status === 'closed') throw new Refusal(409, 'already_closed', 'This stocktake is already closed.')
      const variance = new Map(t.lines.map((l) => [l.itemKey, (l.counted ?? 0) - (l.expected ?? 0)]))
      const given = new Map<string, { reason: StockAdjustmentReason; note: string | null }>()
      const issues: Issue[] = []
      for (const [i, l] of body.lines.entries()) {
        const v = variance.get(l.itemKey)
        if (v === undefined) issues.push({ path: `lines.${i}.itemKey`, message: 'not on this stocktake' })
        else if (v === 0) issues.push({ path: `lines.${i}.reason`, message: 'this item has no variance' })
        else if (given.has(l.itemKey)) issues.push({ path: `lines.${i}.itemKey`, message: 'given twice' })
        else given.set(l.itemKey, { reason: l.reason, note: l.note || null })
      }
      if (issues.length) throw new Refusal(422, 'invalid_close', 'The reasons do not fit the variances; nothing was adjusted.', issues)
      // All or nothing, as the server's transaction: check every adjustment before writing any.
      const before = w.movements.length
      try {
        for (const l of [...t.lines].sort((a, b) => (a.itemKey < b.itemKey ? -1 : 1))) {
          const v = variance.get(l.itemKey)!
          if (v === 0) continue
          const gv = given.get(l.itemKey)
          const reason = gv?.reason ?? defaultVarianceReason(v)
          const index = body.lines.findIndex((x) => x.itemKey === l.itemKey)
          const m = applyAdjustment(w, who, at, { itemKey: l.itemKey, quantity: v, reason, note: gv?.note ?? undefined, stocktakeId: t.id, ...(t.placeId ? { placeId: t.placeId } : {}) }, index >= 0 ? `lines.${index}.` : `stocktake.${l.itemKey}.`)
          Object.assign(l, { reason, note: gv?.note ?? null, movementId: m.id })
        }
      } catch (e) {
        w.movements.length = before
        for (const l of t.lines) Object.assign(l, { reason: null, note: null, movementId: null })
        throw e
      }
      Object.assign(t, { status: 'closed', closedBy: who, closedAt: at })
      return takeOf(w, t)
    }),
  ]
}
