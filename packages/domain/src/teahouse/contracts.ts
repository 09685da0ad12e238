import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime, ListQuery } from '../common.js'
import { PaymentMethod } from '../codes/schemas.js'
import { CupKind } from '../care/cards.js'
import { DonationItemInput, DonorInput } from '../granary/contracts.js'

// Request and response shapes of the tea house (茶馆). The kiosk works offline: every write it
// makes carries a client UUID (`id`, also sent as the Idempotency-Key) and the device's own
// sequence number for that kind of record, and the server stores each exactly once. Money is integer
// fen; prices are frozen on each sale line as charged, because a tablet that was offline charged the
// price it knew.

/** At most a day's worth of charity cups on one sale, so a slip of the finger is caught. */
export const MAX_CUPS_PER_SALE = 50
export const DEFAULT_CUP_PRICE_FEN = 500
export const DEFAULT_DAILY_CUP_LIMIT = 1

const Note = z.string().trim().max(500)
const ClientId = z.uuid()
/** A device's own gap-free counter (1, 2, 3…), kept on the tablet and checked by the server. */
const DeviceSeq = z.number().int().min(1).max(2_000_000_000)
/** Short random code the customer scans to follow their cups: 10 characters of A–Z/2–9 without look-alikes. */
export const ReceiptCode = z.string().regex(/^[A-HJ-NP-Z2-9]{10}$/, 'not a receipt code')
export type ReceiptCode = z.infer<typeof ReceiptCode>

// ---- settings and menu ----

export const MenuItem = z.object({
  id: Id,
  name: z.string(),
  /** The English name for the en locale; the Chinese name stands in when null. */
  nameEn: z.string().nullable(),
  priceFen: AmountFen,
  active: z.boolean(),
  sort: z.number().int(),
})
export type MenuItem = z.infer<typeof MenuItem>

export const MenuItemInput = z.object({
  name: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(40).nullable().optional(),
  priceFen: AmountFen.min(1).max(100_000),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(1000).default(0),
})
export type MenuItemInput = z.infer<typeof MenuItemInput>
/** Only the fields given change (no defaults: a price-only patch must not reactivate an item). */
export const MenuItemPatch = z
  .object({
    name: MenuItemInput.shape.name,
    nameEn: MenuItemInput.shape.nameEn,
    priceFen: MenuItemInput.shape.priceFen,
    active: z.boolean(),
    sort: z.number().int().min(0).max(1000),
  })
  .partial()

export const TeahouseSettings = z.object({
  /** Price of one charity cup (义仓茶), default 500 fen. */
  cupPriceFen: AmountFen,
  /** Cups one care card may be served per day, default 1. */
  dailyCupLimit: z.number().int().min(1).max(10),
  updatedAt: IsoDateTime.nullable(),
})
export type TeahouseSettings = z.infer<typeof TeahouseSettings>
export const TeahouseSettingsInput = z.object({
  cupPriceFen: AmountFen.min(1).max(100_000),
  dailyCupLimit: z.number().int().min(1).max(10),
})

/** Everything a tablet caches to sell offline. */
export const KioskCatalogue = z.object({
  settings: TeahouseSettings,
  menu: z.array(MenuItem),
})
export type KioskCatalogue = z.infer<typeof KioskCatalogue>

// ---- shifts ----

export const OpenShiftRequest = z.object({
  id: ClientId,
  deviceSeq: DeviceSeq,
  openedAt: IsoDateTime,
  floatFen: AmountFen.max(10_000_000),
})
export type OpenShiftRequest = z.infer<typeof OpenShiftRequest>

/** A shift as the counter sees it while open: no expected cash (the close count is blind). */
export const Shift = z.object({
  id: Id,
  deviceId: Id,
  openedAt: IsoDateTime,
  openedBy: z.object({ userId: Id, displayName: z.string() }),
  floatFen: AmountFen,
  status: z.enum(['open', 'closed']),
  closedAt: IsoDateTime.nullable(),
})
export type Shift = z.infer<typeof Shift>

export const CloseShiftRequest = z.object({
  closedAt: IsoDateTime,
  /** Cash counted in the drawer, entered before the expected figure is shown. */
  countedCashFen: AmountFen.max(100_000_000),
  /** The highest sale sequence the tablet has made; closing is refused until the server holds all up to it. */
  lastSaleSeq: z.number().int().min(0),
  note: Note.optional(),
})
export type CloseShiftRequest = z.infer<typeof CloseShiftRequest>

export const ShiftMethodTotal = z.object({ method: PaymentMethod, sales: z.number().int(), amountFen: AmountFen })

export const ShiftReport = z.object({
  shift: Shift,
  sales: z.number().int(),
  cupsSold: z.number().int(),
  cupsServed: z.number().int(),
  teaFen: AmountFen,
  cupsFen: AmountFen,
  totalFen: AmountFen,
  byMethod: z.array(ShiftMethodTotal),
  floatFen: AmountFen,
  /** float + cash sales; shown only once the shift is closed. */
  expectedCashFen: AmountFen.nullable(),
  countedCashFen: AmountFen.nullable(),
  /** counted − expected (negative: short). */
  varianceFen: z.number().int().nullable(),
  closeNote: z.string().nullable(),
  closedBy: z.object({ userId: Id, displayName: z.string() }).nullable(),
})
export type ShiftReport = z.infer<typeof ShiftReport>

// ---- the device ----

/** What the tablet learns about itself when it starts (and caches). */
export const KioskDeviceState = z.object({
  deviceId: Id,
  /** Printed on receipts before the number: e.g. `T1`. */
  receiptPrefix: z.string(),
  /** The last receipt / serving / intake sequence numbers the server holds from this device (0 if none). */
  lastSeq: z.object({ sale: z.number().int(), serving: z.number().int(), intake: z.number().int(), shift: z.number().int() }),
  /** This device's open shift, if any. */
  openShift: Shift.nullable(),
})
export type KioskDeviceState = z.infer<typeof KioskDeviceState>

// ---- sales and charity cups ----

export const SaleLineInput = z.object({
  menuItemId: Id,
  quantity: z.number().int().min(1).max(100),
  /** As charged by the tablet (its cached menu price). */
  unitPriceFen: AmountFen.max(100_000),
})

export const SaleRequest = z
  .object({
    id: ClientId,
    /** The tablet's sale counter: the receipt number is `<prefix>-<seq>`. */
    deviceSeq: DeviceSeq,
    shiftId: Id,
    soldAt: IsoDateTime,
    paymentMethod: PaymentMethod,
    lines: z.array(SaleLineInput).max(30),
    cups: z.number().int().min(0).max(MAX_CUPS_PER_SALE),
    /** As charged. */
    cupPriceFen: AmountFen.min(1).max(100_000),
    receiptCode: ReceiptCode,
  })
  .refine((s) => s.lines.length > 0 || s.cups > 0, { message: 'a sale needs a tea line or a charity cup', path: ['lines'] })
export type SaleRequest = z.infer<typeof SaleRequest>

export const CupStatus = z.enum(['waiting', 'served'])

export const Cup = z.object({
  /** `<receiptCode>-<n>`: known to the tablet before the server has seen the sale. */
  token: z.string(),
  /** Team-wide number given when the server stored the cup (C-000001…). */
  serial: z.string(),
  priceFen: AmountFen,
  boughtAt: IsoDateTime,
  status: CupStatus,
  servedAt: IsoDateTime.nullable(),
  /** Only the kind of person served, never who. */
  servedKind: CupKind.nullable(),
})
export type Cup = z.infer<typeof Cup>

export const Sale = z.object({
  id: Id,
  receiptNo: z.string(),
  receiptCode: ReceiptCode,
  shiftId: Id,
  soldAt: IsoDateTime,
  paymentMethod: PaymentMethod,
  lines: z.array(z.object({ menuItemId: Id, name: z.string(), quantity: z.number().int(), unitPriceFen: AmountFen, amountFen: AmountFen })),
  teaFen: AmountFen,
  cupsFen: AmountFen,
  totalFen: AmountFen,
  cups: z.array(Cup),
})
export type Sale = z.infer<typeof Sale>

export const SaleListQuery = ListQuery.extend({ shiftId: Id.optional() })

/** The public page a customer opens from the receipt's QR: their cups, nothing about anyone served. */
export const PublicReceipt = z.object({
  team: z.object({ name: z.string() }),
  receiptNo: z.string(),
  soldAt: IsoDateTime,
  cups: z.array(Cup.pick({ token: true, serial: true, status: true, servedAt: true, servedKind: true })),
})
export type PublicReceipt = z.infer<typeof PublicReceipt>

// ---- serving a cup ----

export const CardCheckQuery = z.object({ code: z.string().trim().min(4).max(300) })

/** What the counter sees for a scanned card before serving: the kind and whether a cup is due today. */
export const CardCheck = z.object({
  cardNumber: z.string(),
  kinds: z.array(CupKind),
  /** Masked past the first character. */
  displayName: z.string(),
  usable: z.boolean(),
  servedToday: z.number().int(),
  dailyLimit: z.number().int(),
  /** usable and servedToday < dailyLimit. */
  canServe: z.boolean(),
  cupsWaiting: z.number().int(),
})
export type CardCheck = z.infer<typeof CardCheck>

export const ServingRequest = z.object({
  id: ClientId,
  deviceSeq: DeviceSeq,
  /** As scanned or typed: a card number, a token or the card's QR URL. */
  cardCode: z.string().trim().min(4).max(300),
  servedAt: IsoDateTime,
  /**
   * True when the tablet recorded it offline: the cup has already been handed over, so the server
   * keeps it whatever it finds (no cup left, over the daily limit, unknown card) and flags it.
   */
  claim: z.boolean(),
})
export type ServingRequest = z.infer<typeof ServingRequest>

export const ServingFlag = z.enum(['beyond_donations', 'over_daily_limit', 'card_not_usable'])

export const Serving = z.object({
  id: Id,
  servedAt: IsoDateTime,
  cardNumber: z.string().nullable(),
  kinds: z.array(CupKind),
  /** The oldest waiting cup it consumed; null when served beyond donations. */
  cup: z.object({ serial: z.string(), token: z.string(), boughtAt: IsoDateTime }).nullable(),
  claim: z.boolean(),
  flags: z.array(ServingFlag),
})
export type Serving = z.infer<typeof Serving>

// ---- goods intake for the granary ----

export const IntakeRequest = z
  .object({
    id: ClientId,
    deviceSeq: DeviceSeq,
    receivedAt: IsoDateTime,
    donor: DonorInput.optional(),
    anonymous: z.literal(true).optional(),
    items: z.array(DonationItemInput).min(1).max(30),
    note: Note.optional(),
  })
  .refine((r) => (r.donor === undefined) !== (r.anonymous === undefined), { message: 'give a donor or anonymous: true', path: ['donor'] })
export type IntakeRequest = z.infer<typeof IntakeRequest>

export const Intake = z.object({
  id: Id,
  /** The granary donation it became. */
  donationId: Id,
  receiptCode: z.string(),
  receivedAt: IsoDateTime,
  items: z.number().int(),
  units: z.number().int(),
  totalValueFen: AmountFen,
})
export type Intake = z.infer<typeof Intake>

// ---- the public board ----

export const BoardQuery = z.object({ team: z.string().min(1).max(40) })

export const Board = z.object({
  team: z.object({ code: z.string(), name: z.string() }),
  cupsBought: z.number().int(),
  cupsServed: z.number().int(),
  cupsWaiting: z.number().int(),
  /** When the oldest waiting cup was bought (its age is shown), null with none waiting. */
  oldestWaitingSince: IsoDateTime.nullable(),
  servedBeyondDonations: z.number().int(),
  /** Sales with at least one charity cup. */
  customersGave: z.number().int(),
  /** Different care cards served. */
  peopleServed: z.number().int(),
  granaryItems: z.number().int(),
  granaryValueFen: AmountFen,
  fundBalanceFen: z.number().int().nullable(),
  today: z.object({ date: IsoDate, cupsBought: z.number().int(), cupsServed: z.number().int() }),
  updatedAt: IsoDateTime,
})
export type Board = z.infer<typeof Board>
