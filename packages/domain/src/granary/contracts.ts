import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime, ListQuery, Phone } from '../common.js'
import { StockAdjustmentReason, ValuationBasis } from '../codes/schemas.js'
import { DonorKind, GranaryCategory, MovementKind, RecipientKind } from './schemas.js'
import { base64DecodedLength, ITEM_KEY_PATTERN, MAX_LOT_PHOTO_BYTES } from './rules.js'

// Request and response shapes of the granary (茶义仓). Quantities are whole units; money is integer
// fen; a value per unit is frozen on its lot at intake and never changes.

const Note = z.string().trim().max(500)
const Text = (max: number) => z.string().trim().min(1).max(max)

/** See `itemKeyOf`: `<category>.<16 hex digits>`. */
export const ItemKey = z.string().regex(ITEM_KEY_PATTERN, 'not an item key (category.16 hex digits)')
export type ItemKey = z.infer<typeof ItemKey>

/** Units of one line: whole, positive, bounded so that value sums stay exact integers. */
export const Quantity = z.number().int().min(1).max(100_000)
/** Value of one unit, in fen (at most ¥1,000,000). */
export const UnitValueFen = AmountFen.max(100_000_000)
export const ItemDescription = Text(100)
/** 件, 袋, 箱, 桶, 斤, 套… (see GRANARY_UNITS); any short unit is accepted. */
export const ItemUnit = Text(10)

// ---- donors ----

export const DonorInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: Text(50), phone: Phone, note: Note.optional() }),
  z.object({ kind: z.literal('enterprise'), name: Text(100), contact: z.string().trim().max(100).optional(), note: Note.optional() }),
  /** Someone who gives regularly but is never named; `note` tells staff who it is. */
  z.object({ kind: z.literal('anonymous'), note: Note.optional() }),
])
export type DonorInput = z.infer<typeof DonorInput>

export const Donor = z.object({
  id: Id,
  kind: DonorKind,
  /** Null for an anonymous donor. */
  name: z.string().nullable(),
  /** The name on receipts: the name, or 匿名爱心人士. */
  displayName: z.string(),
  /** A person's phone: masked in lists and for readers; whole for care staff and admins reading one donor. */
  phone: z.string().nullable(),
  contact: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
})
export type Donor = z.infer<typeof Donor>

export const DonorListQuery = ListQuery.extend({ kind: DonorKind.optional() })

// ---- places ----

export const PlaceInput = z.object({ name: Text(50), note: Note.optional() })
export type PlaceInput = z.infer<typeof PlaceInput>

export const Place = z.object({ id: Id, name: z.string(), note: z.string().nullable(), createdAt: IsoDateTime })
export type Place = z.infer<typeof Place>

// ---- donations and lots ----

const PHOTO = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/

/** A small photo as a data URL (PNG, JPEG or WebP), at most 200 kB once decoded. */
export const LotPhoto = z
  .string()
  .max(Math.ceil((MAX_LOT_PHOTO_BYTES * 4) / 3) + 40)
  .regex(PHOTO, 'must be a data:image/png|jpeg|webp;base64 URL')
  .refine((s) => base64DecodedLength(s.slice(s.indexOf(',') + 1)) <= MAX_LOT_PHOTO_BYTES, `larger than ${MAX_LOT_PHOTO_BYTES / 1024} kB`)

/** One line of a donation; it becomes one lot. */
export const DonationItemInput = z.object({
  category: GranaryCategory,
  description: ItemDescription,
  quantity: Quantity,
  unit: ItemUnit,
  /** Value of one unit in fen, frozen on the lot. */
  unitValueFen: UnitValueFen,
  valuationBasis: ValuationBasis,
  expiresOn: IsoDate.optional(),
  photo: LotPhoto.optional(),
})
export type DonationItemInput = z.infer<typeof DonationItemInput>

/**
 * Goods handed in. The donor is exactly one of: a known donor (`donorId`), a new person or
 * enterprise written inline (`donor`; a person whose phone is already on file is that donor), or
 * `anonymous: true`. Without `placeId` the team's first storage place is used (made on first use).
 */
export const DonationInput = z
  .object({
    donorId: Id.optional(),
    donor: DonorInput.optional(),
    anonymous: z.literal(true).optional(),
    receivedAt: IsoDateTime,
    placeId: Id.optional(),
    items: z.array(DonationItemInput).min(1).max(100),
    note: Note.optional(),
  })
  .superRefine((d, ctx) => {
    const given = [d.donorId !== undefined, d.donor !== undefined, d.anonymous === true].filter(Boolean).length
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['donorId'], message: 'give exactly one of donorId, donor or anonymous: true' })
    if (d.donor?.kind === 'anonymous') ctx.addIssue({ code: 'custom', path: ['donor', 'kind'], message: 'an anonymous gift is `anonymous: true`' })
  })
export type DonationInput = z.infer<typeof DonationInput>

export const Lot = z.object({
  id: Id,
  donationId: Id,
  /** Position of the line in its donation, from 1. */
  lineNo: z.number().int().min(1),
  itemKey: ItemKey,
  category: GranaryCategory,
  description: z.string(),
  unit: z.string(),
  /** Units received. */
  quantity: z.number().int(),
  unitValueFen: AmountFen,
  /** quantity × unitValueFen. */
  valueFen: AmountFen,
  valuationBasis: ValuationBasis,
  expiresOn: IsoDate.nullable(),
  placeId: Id,
  receivedAt: IsoDateTime,
  /** Units of this lot in stock now: the sum of its movement lines. */
  onHand: z.number().int(),
  hasPhoto: z.boolean(),
  /** Only when one donation is read. */
  photo: z.string().optional(),
})
export type Lot = z.infer<typeof Lot>

export const DonationSummary = z.object({
  id: Id,
  /** Short code printed on the receipt (see rules/receipt.ts). */
  receiptCode: z.string(),
  /** Gap-free per team and year: `<TEAM>-J-<year>-<6 digits>`. */
  receiptNumber: z.string(),
  donorId: Id.nullable(),
  donorKind: DonorKind,
  donorName: z.string(),
  placeId: Id,
  placeName: z.string(),
  receivedAt: IsoDateTime,
  note: z.string().nullable(),
  /** The 'in' movement that put the lots into stock. */
  movementId: Id,
  lotCount: z.number().int(),
  totalQuantity: z.number().int(),
  totalValueFen: AmountFen,
  /** Whether the intake was reversed since (its lots then hold nothing). */
  reversed: z.boolean(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
})
export type DonationSummary = z.infer<typeof DonationSummary>

export const Donation = DonationSummary.extend({ lots: z.array(Lot) })
export type Donation = z.infer<typeof Donation>

export const DonationListQuery = ListQuery.extend({ donorId: Id.optional() })

// ---- receipts ----

export const ReceiptTeam = z.object({ code: z.string(), name: z.string(), community: z.string() })

export const DonationReceiptLine = z.object({
  category: GranaryCategory,
  description: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  unitValueFen: AmountFen,
  valueFen: AmountFen,
  valuationBasis: ValuationBasis,
})

/** 捐赠凭证 for one donation. */
export const DonationReceipt = z.object({
  donationId: Id,
  receiptCode: z.string(),
  receiptNumber: z.string(),
  donorKind: DonorKind,
  donorName: z.string(),
  receivedAt: IsoDateTime,
  /** Day of intake, China time. */
  date: IsoDate,
  team: ReceiptTeam,
  lines: z.array(DonationReceiptLine),
  totalQuantity: z.number().int(),
  totalValueFen: AmountFen,
  reversed: z.boolean(),
})
export type DonationReceipt = z.infer<typeof DonationReceipt>

/** A donor's gifts in one calendar year (China time), reversed donations left out. */
export const DonorYearReceipt = z.object({
  donorId: Id,
  donorKind: DonorKind,
  donorName: z.string(),
  year: z.number().int(),
  team: ReceiptTeam,
  donations: z.array(DonationReceipt.omit({ team: true, donorKind: true, donorName: true })),
  donationCount: z.number().int(),
  totalQuantity: z.number().int(),
  totalValueFen: AmountFen,
})
export type DonorYearReceipt = z.infer<typeof DonorYearReceipt>

export const DonorReceiptQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

// ---- distributions ----

export const Recipient = z.object({
  kind: RecipientKind,
  /** Id in the context that keeps the recipient (a beneficiary, an aid household, an activity). */
  id: Id,
  /** Free label for staff (e.g. 中秋慰问); it stays out of the audit chain. */
  label: Text(100),
})
export type Recipient = z.infer<typeof Recipient>

/** One item to hand out: by `itemKey`, or by category + description (+ unit when several match). */
export const DistributionItemInput = z
  .object({
    itemKey: ItemKey.optional(),
    category: GranaryCategory.optional(),
    description: ItemDescription.optional(),
    unit: ItemUnit.optional(),
    quantity: Quantity,
  })
  .superRefine((i, ctx) => {
    const byKey = i.itemKey !== undefined
    const byName = i.category !== undefined || i.description !== undefined || i.unit !== undefined
    if (byKey === byName || (!byKey && (i.category === undefined || i.description === undefined))) {
      ctx.addIssue({ code: 'custom', path: ['itemKey'], message: 'give itemKey, or category and description (and unit)' })
    }
  })
export type DistributionItemInput = z.infer<typeof DistributionItemInput>

export const DistributionInput = z.object({
  recipient: Recipient,
  items: z.array(DistributionItemInput).min(1).max(50),
  /** Take only from lots kept at this place. */
  placeId: Id.optional(),
  note: Note.optional(),
})
export type DistributionInput = z.infer<typeof DistributionInput>

/** Units of one lot in a movement, and where the lot came from. */
export const LotTrace = z.object({
  lotId: Id,
  donationId: Id,
  receiptCode: z.string(),
  quantity: z.number().int(),
  unitValueFen: AmountFen,
})

export const DistributionLine = z.object({
  itemKey: ItemKey,
  category: GranaryCategory,
  description: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  valueFen: AmountFen,
  /** Which lots the units came from (FIFO), each traced to its donation. */
  lots: z.array(LotTrace),
})

export const Distribution = z.object({
  id: Id,
  recipient: z.object({ kind: RecipientKind, id: Id, label: z.string() }),
  placeId: Id.nullable(),
  note: z.string().nullable(),
  movementId: Id,
  distributedAt: IsoDateTime,
  createdBy: z.string(),
  totalQuantity: z.number().int(),
  totalValueFen: AmountFen,
  reversed: z.boolean(),
  lines: z.array(DistributionLine),
})
export type Distribution = z.infer<typeof Distribution>

export const DistributionListQuery = ListQuery.extend({ recipientKind: RecipientKind.optional(), recipientId: Id.optional() })

// ---- the movements ledger ----

export const MovementLine = z.object({ lotId: Id, itemKey: ItemKey, quantity: z.number().int(), unitValueFen: AmountFen })

/**
 * One entry of the append-only stock ledger: 'in' (a donation's lots), 'out' (a distribution),
 * 'adjustment' (a reason-coded change, by hand or from a stocktake) or 'reversal' (of one earlier
 * movement, whole: the same lots, the quantities negated). Lines are signed units per lot.
 */
export const Movement = z.object({
  id: Id,
  kind: MovementKind,
  reason: StockAdjustmentReason.nullable(),
  note: z.string().nullable(),
  occurredAt: IsoDateTime,
  createdBy: z.string(),
  createdAt: IsoDateTime,
  reverses: Id.nullable(),
  reversedBy: Id.nullable(),
  donationId: Id.nullable(),
  distributionId: Id.nullable(),
  stocktakeId: Id.nullable(),
  /** Net units and value of the lines. */
  quantity: z.number().int(),
  valueFen: z.number().int(),
  lines: z.array(MovementLine),
})
export type Movement = z.infer<typeof Movement>

export const MovementListQuery = ListQuery.extend({ kind: MovementKind.optional(), itemKey: ItemKey.optional() })

export const ReversalInput = z.object({ reason: Text(500) })
export type ReversalInput = z.infer<typeof ReversalInput>

/**
 * A reason-coded change outside a donation or distribution (破损, 过期 found on the shelf…).
 * Positive adds units (to `lotId`, else the newest lot); negative removes them (from `lotId`,
 * else FIFO, expired lots included).
 */
export const AdjustmentInput = z.object({
  itemKey: ItemKey,
  quantity: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((q) => q !== 0, 'must not be 0'),
  reason: StockAdjustmentReason,
  note: Note.optional(),
  lotId: Id.optional(),
  placeId: Id.optional(),
})
export type AdjustmentInput = z.infer<typeof AdjustmentInput>

// ---- stock ----

export const ItemStock = z.object({
  itemKey: ItemKey,
  category: GranaryCategory,
  /** As first taken in; later lots of the item may spell it slightly differently. */
  description: z.string(),
  unit: z.string(),
  onHand: z.number().int(),
  /** Σ units on hand × their lot's frozen unit value. */
  valueFen: AmountFen,
  /** Lots holding units now. */
  lotCount: z.number().int(),
  /** Earliest expiry among lots in stock that have not expired. */
  nextExpiry: IsoDate.nullable(),
  /** Units on hand in expired lots (not handed out; remove them with an 'expired' adjustment). */
  expiredUnits: z.number().int(),
})
export type ItemStock = z.infer<typeof ItemStock>

export const ItemListQuery = ListQuery.extend({
  category: GranaryCategory.optional(),
  placeId: Id.optional(),
  /** `true` (the default) lists only items with units on hand. */
  inStock: z.enum(['true', 'false']).default('true'),
})

export const StockCardEntry = z.object({
  movementId: Id,
  kind: MovementKind,
  reason: StockAdjustmentReason.nullable(),
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  /** Signed units of this item in the movement. */
  quantity: z.number().int(),
  valueFen: z.number().int(),
  balanceAfter: z.number().int(),
  reverses: Id.nullable(),
  donationId: Id.nullable(),
  receiptCode: z.string().nullable(),
  distributionId: Id.nullable(),
  recipientKind: RecipientKind.nullable(),
  stocktakeId: Id.nullable(),
  lots: z.array(z.object({ lotId: Id, quantity: z.number().int() })),
})
export type StockCardEntry = z.infer<typeof StockCardEntry>

/** 库存卡: every movement of an item in ledger order, with the balance after each. */
export const StockCard = z.object({ item: ItemStock, items: z.array(StockCardEntry), nextCursor: z.string().nullable() })
export type StockCard = z.infer<typeof StockCard>

export const StockCardQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(200).optional(),
})

// ---- blind stocktake (盲盘) ----

export const StocktakeStatus = z.enum(['open', 'counted', 'closed'])
export type StocktakeStatus = z.infer<typeof StocktakeStatus>

export const StocktakeOpen = z.object({ placeId: Id.optional(), note: Note.optional() })

export const StocktakeCounts = z.object({
  counts: z
    .array(z.object({ itemKey: ItemKey, counted: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(1000),
})
export type StocktakeCounts = z.infer<typeof StocktakeCounts>

export const StocktakeClose = z.object({
  /** A reason (and note) per item with a variance; unnamed variances are 盘盈 / 盘亏. */
  lines: z
    .array(z.object({ itemKey: ItemKey, reason: StockAdjustmentReason, note: Note.optional() }))
    .max(1000)
    .default([]),
})
export type StocktakeClose = z.infer<typeof StocktakeClose>

export const StocktakeLine = z.object({
  itemKey: ItemKey,
  category: GranaryCategory,
  description: z.string(),
  unit: z.string(),
  counted: z.number().int().nullable(),
  /** The book figure when the counts were submitted: null until then (blind). */
  expected: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  reason: StockAdjustmentReason.nullable(),
  note: z.string().nullable(),
  /** The adjustment made at close for a non-zero variance. */
  movementId: Id.nullable(),
})

export const Stocktake = z.object({
  id: Id,
  placeId: Id.nullable(),
  placeName: z.string().nullable(),
  status: StocktakeStatus,
  note: z.string().nullable(),
  openedBy: z.string(),
  openedAt: IsoDateTime,
  countedBy: z.string().nullable(),
  countedAt: IsoDateTime.nullable(),
  closedBy: z.string().nullable(),
  closedAt: IsoDateTime.nullable(),
  lines: z.array(StocktakeLine),
})
export type Stocktake = z.infer<typeof Stocktake>

export const StocktakeListQuery = ListQuery.extend({ status: StocktakeStatus.optional() })
