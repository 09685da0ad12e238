// Row types of the `teahouse` context's tables (camelCase; see ../types.ts for the conventions).
// Records a tablet sends are keyed by its client UUID and unique per (deviceId, deviceSeq).

export interface TeahouseSettingsTable {
  teamId: string
  cupPriceFen: number
  dailyCupLimit: number
  updatedAt: string
  updatedBy: string
}

export interface TeahouseMenuItemsTable {
  id: string
  teamId: string
  name: string
  nameEn: string | null
  priceFen: number
  /** 1 or 0. */
  active: number
  sort: number
  createdAt: string
  updatedAt: string
}

export interface TeahouseDevicesTable {
  deviceId: string
  teamId: string
  receiptPrefix: string
  createdAt: string
}

export interface TeahouseShiftsTable {
  id: string
  teamId: string
  deviceId: string
  deviceSeq: number
  openedAt: string
  openedBy: string
  floatFen: number
  receivedAt: string
}

export interface TeahouseShiftClosesTable {
  shiftId: string
  teamId: string
  closedAt: string
  closedBy: string
  countedCashFen: number
  expectedCashFen: number
  varianceFen: number
  note: string | null
  receivedAt: string
}

export interface TeahouseSalesTable {
  id: string
  teamId: string
  deviceId: string
  deviceSeq: number
  receiptNo: string
  receiptCode: string
  shiftId: string
  staffUserId: string | null
  paymentMethod: string
  teaFen: number
  cups: number
  cupPriceFen: number
  cupsFen: number
  totalFen: number
  soldAt: string
  receivedAt: string
}

export interface TeahouseSaleLinesTable {
  saleId: string
  lineNo: number
  menuItemId: string
  name: string
  quantity: number
  unitPriceFen: number
  amountFen: number
}

export interface TeahouseSaleReversalsTable {
  saleId: string
  teamId: string
  reason: string
  reversedBy: string
  reversedAt: string
}

export interface TeahouseCupsTable {
  id: string
  teamId: string
  saleId: string
  /** `<receiptCode>-<n>`. */
  token: string
  serialNo: number
  serial: string
  priceFen: number
  boughtAt: string
}

export interface TeahouseServingsTable {
  id: string
  teamId: string
  deviceId: string
  deviceSeq: number
  cardId: string | null
  beneficiaryId: string | null
  cardNumber: string | null
  /** JSON array of cup kinds. */
  kinds: string
  /** Null: served beyond donations. */
  cupId: string | null
  /** 1 when recorded offline. */
  claim: number
  /** JSON array of ServingFlag. */
  flags: string
  /** The team's local calendar day (Asia/Shanghai) of servedAt, for the daily limit. */
  servedDay: string
  servedAt: string
  servedBy: string | null
  receivedAt: string
}

export interface TeahouseIntakesTable {
  id: string
  teamId: string
  deviceId: string
  deviceSeq: number
  donationId: string
  receivedAt: string
  staffUserId: string | null
  storedAt: string
}

export interface TeahouseTables {
  teahouseSettings: TeahouseSettingsTable
  teahouseMenuItems: TeahouseMenuItemsTable
  teahouseDevices: TeahouseDevicesTable
  teahouseShifts: TeahouseShiftsTable
  teahouseShiftCloses: TeahouseShiftClosesTable
  teahouseSales: TeahouseSalesTable
  teahouseSaleLines: TeahouseSaleLinesTable
  teahouseSaleReversals: TeahouseSaleReversalsTable
  teahouseCups: TeahouseCupsTable
  teahouseServings: TeahouseServingsTable
  teahouseIntakes: TeahouseIntakesTable
}
