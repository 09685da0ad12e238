// The mock tea house for dev mode and the tests: the routes, rules and error codes of the contract
// (packages/domain/src/teahouse/contracts.ts) over an in-memory world kept per mock world. Every body
// goes through `respond(schema, …)` with the domain's schemas; writes honour the Idempotency-Key
// (the same key replays the first answer, the same key with another body is 409) as the server does.
import {
  Board,
  BoardQuery,
  CardCheck,
  CardCheckQuery,
  cupKindsOf,
  cupSerial,
  CloseShiftRequest,
  Intake,
  IntakeRequest,
  KioskCatalogue,
  KioskDeviceState,
  MenuItem,
  MenuItemInput,
  MenuItemPatch,
  OpenShiftRequest,
  page,
  parseCareCardCode,
  PublicReceipt,
  receiptNo,
  Sale,
  SaleRequest,
  saleTotals,
  Serving,
  ServingRequest,
  Shift,
  ShiftReport,
  teahouseDay,
  TeahouseSettings,
  TeahouseSettingsInput,
  type CupKind,
  type PaymentMethod,
} from '@chayi/domain'
import { fail, http, HttpResponse, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'

type Seqs = KioskDeviceState['lastSeq']
interface CupRec { token: string; serial: string; priceFen: number; boughtAt: string; saleId: string; servedAt: string | null; servedKind: CupKind | null }
interface CardRec { number: string; displayName: string; kinds: CupKind[]; usable: boolean }
interface ShiftRec { shift: Shift; openedSeq: number; counted: number | null; note: string | null; closedBy: { userId: string; displayName: string } | null }
interface ServingRec { serving: Serving; deviceId: string }

export interface TeahouseWorld {
  settings: TeahouseSettings
  menu: MenuItem[]
  cards: CardRec[]
  prefixes: Map<string, string>
  seqs: Map<string, Seqs>
  shifts: ShiftRec[]
  sales: Sale[]
  /** Sale sequence numbers held per device. */
  saleSeqs: Map<string, Set<number>>
  cups: CupRec[]
  servings: ServingRec[]
  intakes: Intake[]
  idempotency: Map<string, { body: string; status: number; json: unknown }>
  /** Figures from before this mock started (the seed's history), added to the board. */
  history: { cupsBought: number; cupsServed: number; customersGave: number; peopleServed: number; granaryItems: number; granaryValueFen: number; fundBalanceFen: number | null }
  /** Test switch: every tea-house request fails as if the network were down. */
  offline: boolean
}

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
const mockId = (n: number) => `01930000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`

export const MOCK_CARDS = {
  elderly: 'SANSHENG-XINGFU-GA-000001',
  disabled: 'SANSHENG-XINGFU-GA-000002',
  blocked: 'SANSHENG-XINGFU-GA-000003',
} as const

function seedWorld(): TeahouseWorld {
  const menu: MenuItem[] = [
    { id: mockId(1), name: '盖碗茶', nameEn: 'Gaiwan tea', priceFen: 1500, active: true, sort: 1 },
    { id: mockId(2), name: '竹叶青', nameEn: 'Zhuyeqing green tea', priceFen: 2000, active: true, sort: 2 },
    { id: mockId(3), name: '茉莉花茶', nameEn: 'Jasmine tea', priceFen: 1200, active: true, sort: 3 },
    { id: mockId(4), name: '菊花茶', nameEn: 'Chrysanthemum tea', priceFen: 1000, active: true, sort: 4 },
    { id: mockId(5), name: '老鹰茶', nameEn: null, priceFen: 800, active: true, sort: 5 },
    { id: mockId(6), name: '碧潭飘雪', nameEn: 'Bitan Piaoxue', priceFen: 2500, active: false, sort: 6 },
  ]
  // Two cups still waiting from before the mock started, so serving works at once.
  const cups: CupRec[] = [
    { token: 'HISTORY2AA-1', serial: cupSerial(1), priceFen: 500, boughtAt: at(26 * 60), saleId: 'history', servedAt: null, servedKind: null },
    { token: 'HISTORY2AA-2', serial: cupSerial(2), priceFen: 500, boughtAt: at(26 * 60), saleId: 'history', servedAt: null, servedKind: null },
  ]
  return {
    settings: { cupPriceFen: 500, dailyCupLimit: 1, updatedAt: null },
    menu,
    cards: [
      { number: MOCK_CARDS.elderly, displayName: '王**', kinds: ['elderly'], usable: true },
      { number: MOCK_CARDS.disabled, displayName: '李*', kinds: ['disabled', 'elderly'], usable: true },
      { number: MOCK_CARDS.blocked, displayName: '赵**', kinds: ['elderly'], usable: false },
    ],
    prefixes: new Map(),
    seqs: new Map(),
    shifts: [],
    sales: [],
    saleSeqs: new Map(),
    cups,
    servings: [],
    intakes: [],
    idempotency: new Map(),
    history: { cupsBought: 212, cupsServed: 96, customersGave: 201, peopleServed: 94, granaryItems: 842, granaryValueFen: 8_000_000, fundBalanceFen: 60_000_000 },
    offline: false,
  }
}

const worlds = new WeakMap<MockState, TeahouseWorld>()

/** The tea house of a mock world (made on first use). Tests read and change it. */
export function teahouseOf(state: MockState): TeahouseWorld {
  let w = worlds.get(state)
  if (!w) {
    w = seedWorld()
    worlds.set(state, w)
  }
  return w
}

const invalid = (error: z.ZodError) => fail(400, 'invalid_request', 'The request is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

export interface TeahouseMockOptions {
  /** Dev mode: keep the tea house here across reloads (tests leave it out). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

const STORE_KEY = 'chayi.mock.teahouse'
const MAPS = ['prefixes', 'seqs', 'saleSeqs', 'idempotency'] as const

function save(w: TeahouseWorld, storage: Pick<Storage, 'setItem'>) {
  const snap: Record<string, unknown> = { ...w }
  for (const k of MAPS) snap[k] = [...w[k]].map(([key, v]) => [key, v instanceof Set ? [...v] : v])
  storage.setItem(STORE_KEY, JSON.stringify(snap))
}

function restore(w: TeahouseWorld, storage: Pick<Storage, 'getItem'>) {
  const raw = storage.getItem(STORE_KEY)
  if (!raw) return
  const snap = JSON.parse(raw) as Record<string, unknown>
  for (const [k, v] of Object.entries(snap)) {
    if ((MAPS as readonly string[]).includes(k)) continue
    ;(w as unknown as Record<string, unknown>)[k] = v
  }
  w.prefixes = new Map(snap.prefixes as [string, string][])
  w.seqs = new Map(snap.seqs as [string, Seqs][])
  w.saleSeqs = new Map((snap.saleSeqs as [string, number[]][]).map(([k, v]) => [k, new Set(v)]))
  w.idempotency = new Map(snap.idempotency as [string, { body: string; status: number; json: unknown }][])
}

/** msw handlers for /api/v1/teahouse/*, /public/receipts/:code and /public/board(/stream). */
export function teahouseHandlers(getState: () => MockState, opts: TeahouseMockOptions = {}) {
  let restored = false
  /** Unknown cards looked up per world; like the server, after 20 misses a lookup must wait (429). */
  const unknownCards = new WeakMap<TeahouseWorld, number>()
  const world = () => {
    const w = teahouseOf(getState())
    if (opts.storage && !restored) {
      restored = true
      restore(w, opts.storage)
    }
    return w
  }
  const v1 = (p: string) => `*/api/v1${p}`

  const deviceOf = (request: Request) => {
    const auth = request.headers.get('authorization')
    if (!auth?.startsWith('Bearer ')) return null
    return getState().devices.find((d) => d.token === auth.slice(7) && !d.device.revokedAt)?.device ?? null
  }
  const staffOf = (request: Request, deviceId: string): MockUser | null => {
    const state = getState()
    const s = state.staffSessions.get(request.headers.get('x-chayi-staff') ?? '')
    if (!s || s.deviceId !== deviceId) return null
    return state.users.find((u) => u.user.id === s.userId) ?? null
  }
  type Who = { deviceId: string; user: MockUser }
  /** The paired device and the unlocked staff member, or the refusal. */
  const who = (request: Request, roles?: string[]): Who | Response => {
    const d = deviceOf(request)
    if (!d) return fail(401, 'unauthenticated', 'Pair this device first.')
    const u = staffOf(request, d.id)
    if (!u) return fail(401, 'unauthenticated', 'Unlock with a staff PIN first.')
    if (roles && !u.user.roles.some((r) => roles.includes(r))) return fail(403, 'forbidden', 'Only a leader or an admin may do this.')
    return { deviceId: d.id, user: u }
  }
  const seqsOf = (w: TeahouseWorld, deviceId: string): Seqs => {
    let s = w.seqs.get(deviceId)
    if (!s) {
      s = { sale: 0, serving: 0, intake: 0, shift: 0 }
      w.seqs.set(deviceId, s)
    }
    return s
  }
  const prefixOf = (w: TeahouseWorld, deviceId: string) => {
    let p = w.prefixes.get(deviceId)
    if (!p) {
      p = `T${w.prefixes.size + 1}`
      w.prefixes.set(deviceId, p)
    }
    return p
  }
  const openShiftOf = (w: TeahouseWorld, deviceId: string) => w.shifts.find((s) => s.shift.deviceId === deviceId && s.shift.status === 'open') ?? null

  const card = (w: TeahouseWorld, code: string) => {
    const c = parseCareCardCode(code)
    const number = 'number' in c ? c.number : c.token.toUpperCase()
    return w.cards.find((x) => x.number === number) ?? null
  }
  const servedToday = (w: TeahouseWorld, number: string, iso: string) =>
    w.servings.filter((s) => s.serving.cardNumber === number && teahouseDay(s.serving.servedAt) === teahouseDay(iso)).length
  const waiting = (w: TeahouseWorld) => w.cups.filter((c) => !c.servedAt).sort((a, b) => a.boughtAt.localeCompare(b.boughtAt))

  function report(w: TeahouseWorld, rec: ShiftRec): z.input<typeof ShiftReport> {
    const sales = w.sales.filter((s) => s.shiftId === rec.shift.id)
    const methods: PaymentMethod[] = ['cash', 'wechat', 'alipay', 'other']
    const byMethod = methods.map((method) => {
      const of = sales.filter((s) => s.paymentMethod === method)
      return { method, sales: of.length, amountFen: of.reduce((t, s) => t + s.totalFen, 0) }
    })
    const cash = byMethod[0]!.amountFen
    const closed = rec.shift.status === 'closed'
    const expected = closed ? rec.shift.floatFen + cash : null
    const from = rec.shift.openedAt
    const to = rec.shift.closedAt ?? '9999'
    return {
      shift: rec.shift,
      sales: sales.length,
      cupsSold: sales.reduce((t, s) => t + s.cups.length, 0),
      cupsServed: w.servings.filter((s) => s.serving.servedAt >= from && s.serving.servedAt <= to && s.serving.cup).length,
      teaFen: sales.reduce((t, s) => t + s.teaFen, 0),
      cupsFen: sales.reduce((t, s) => t + s.cupsFen, 0),
      totalFen: sales.reduce((t, s) => t + s.totalFen, 0),
      byMethod,
      floatFen: rec.shift.floatFen,
      expectedCashFen: expected,
      countedCashFen: closed ? rec.counted : null,
      varianceFen: closed && expected !== null && rec.counted !== null ? rec.counted - expected : null,
      closeNote: rec.note,
      closedBy: rec.closedBy,
    }
  }

  function board(w: TeahouseWorld): z.input<typeof Board> {
    const state = getState()
    const today = teahouseDay(new Date().toISOString())
    const wait = waiting(w)
    const served = w.servings.filter((s) => s.serving.cup)
    const h = w.history
    return {
      team: { code: state.team.code, name: state.team.name },
      cupsBought: h.cupsBought + w.cups.length,
      cupsServed: h.cupsServed + served.length,
      cupsWaiting: wait.length,
      oldestWaitingSince: wait[0]?.boughtAt ?? null,
      servedBeyondDonations: w.servings.filter((s) => s.serving.flags.includes('beyond_donations')).length,
      customersGave: h.customersGave + w.sales.filter((s) => s.cups.length > 0).length,
      peopleServed: h.peopleServed + new Set(w.servings.map((s) => s.serving.cardNumber)).size,
      granaryItems: h.granaryItems + w.intakes.reduce((t, i) => t + i.units, 0),
      granaryValueFen: h.granaryValueFen + w.intakes.reduce((t, i) => t + i.totalValueFen, 0),
      fundBalanceFen: h.fundBalanceFen,
      today: {
        date: today,
        cupsBought: w.cups.filter((c) => teahouseDay(c.boughtAt) === today).length,
        cupsServed: served.filter((s) => teahouseDay(s.serving.servedAt) === today).length,
      },
      updatedAt: new Date().toISOString(),
    }
  }

  /**
   * A write that honours the Idempotency-Key: the same key replays the first answer (with
   * `Idempotent-Replayed`), another body under it is 409; only a 2xx answer is remembered, as a
   * refused write leaves nothing behind.
   */
  const idempotent =
    (method: 'post' | 'patch' | 'put', path: string, resolver: (request: Request, text: string, params: Record<string, string>) => Response | Promise<Response>) =>
    http[method](v1(path), async ({ request, params }) => {
      const w = world()
      if (w.offline) return HttpResponse.error()
      const text = await request.text()
      const key = request.headers.get('idempotency-key')
      const prior = key ? w.idempotency.get(key) : undefined
      if (prior) {
        if (prior.body !== text) return fail(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
        return HttpResponse.json(prior.json as object, { status: prior.status, headers: { 'idempotent-replayed': 'true' } })
      }
      const res = await resolver(request, text, params as Record<string, string>)
      if (key && res.ok) w.idempotency.set(key, { body: text, status: res.status, json: await res.clone().json() })
      if (opts.storage) save(w, opts.storage)
      return res
    })
  const read = (path: string, resolver: (request: Request, params: Record<string, string>) => Response | Promise<Response>) =>
    http.get(v1(path), ({ request, params }) => (world().offline ? HttpResponse.error() : resolver(request, params as Record<string, string>)))
  const parse = <S extends z.ZodType>(schema: S, text: string) => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return schema.safeParse(json)
  }

  return [
    read('/teahouse/catalogue', (request) => {
      const me = who(request)
      if (me instanceof Response) return me
      const w = world()
      return respond(KioskCatalogue, { settings: w.settings, menu: w.menu })
    }),

    read('/teahouse/device', (request) => {
      const me = who(request)
      if (me instanceof Response) return me
      const w = world()
      return respond(KioskDeviceState, { deviceId: me.deviceId, receiptPrefix: prefixOf(w, me.deviceId), lastSeq: seqsOf(w, me.deviceId), openShift: openShiftOf(w, me.deviceId)?.shift ?? null })
    }),

    idempotent('post', '/teahouse/shifts', (request, text) => {
      const me = who(request)
      if (me instanceof Response) return me
      const b = parse(OpenShiftRequest, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      if (openShiftOf(w, me.deviceId)) return fail(409, 'shift_open', 'This device already has an open shift.')
      const shift: Shift = { id: b.data.id, deviceId: me.deviceId, openedAt: b.data.openedAt, openedBy: { userId: me.user.user.id, displayName: me.user.user.displayName }, floatFen: b.data.floatFen, status: 'open', closedAt: null }
      w.shifts.push({ shift, openedSeq: b.data.deviceSeq, counted: null, note: null, closedBy: null })
      const seqs = seqsOf(w, me.deviceId)
      seqs.shift = Math.max(seqs.shift, b.data.deviceSeq)
      return respond(Shift, shift, { status: 201 })
    }),

    idempotent('post', '/teahouse/shifts/:id/close', (request, text, params) => {
      const me = who(request)
      if (me instanceof Response) return me
      const b = parse(CloseShiftRequest, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const rec = w.shifts.find((s) => s.shift.id === params.id && s.shift.deviceId === me.deviceId)
      if (!rec) return fail(404, 'not_found', 'No such shift on this device.')
      if (rec.shift.status === 'closed') return fail(409, 'shift_closed', 'This shift is already closed.')
      if (seqsOf(w, me.deviceId).sale < b.data.lastSaleSeq) return fail(409, 'sales_unsent', 'Some sales from this tablet have not arrived yet.')
      rec.shift = { ...rec.shift, status: 'closed', closedAt: b.data.closedAt }
      rec.counted = b.data.countedCashFen
      rec.note = b.data.note ?? null
      rec.closedBy = { userId: me.user.user.id, displayName: me.user.user.displayName }
      return respond(ShiftReport, report(w, rec))
    }),

    read('/teahouse/shifts/:id/report', (request, params) => {
      const me = who(request)
      if (me instanceof Response) return me
      const rec = world().shifts.find((s) => s.shift.id === params.id)
      if (!rec) return fail(404, 'not_found', 'No such shift.')
      return respond(ShiftReport, report(world(), rec))
    }),

    idempotent('post', '/teahouse/sales', (request, text) => {
      const me = who(request)
      if (me instanceof Response) return me
      const b = parse(SaleRequest, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const rec = w.shifts.find((s) => s.shift.id === b.data.shiftId && s.shift.deviceId === me.deviceId)
      if (!rec) return fail(422, 'shift_not_found', 'No such shift on this device.')
      const held = w.saleSeqs.get(me.deviceId) ?? new Set<number>()
      if (held.has(b.data.deviceSeq)) return fail(409, 'sequence_taken', 'This device already sent a sale with this number.')
      const lines = []
      for (const l of b.data.lines) {
        const m = w.menu.find((x) => x.id === l.menuItemId)
        if (!m) return fail(422, 'menu_item_not_found', 'A tea on this sale is not on the menu.')
        lines.push({ menuItemId: m.id, name: m.name, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.quantity * l.unitPriceFen })
      }
      const saleId = b.data.id
      const cups = Array.from({ length: b.data.cups }, (_, i) => {
        const c: CupRec = { token: `${b.data.receiptCode}-${i + 1}`, serial: cupSerial(w.cups.length + 1), priceFen: b.data.cupPriceFen, boughtAt: b.data.soldAt, saleId, servedAt: null, servedKind: null }
        w.cups.push(c)
        return c
      })
      held.add(b.data.deviceSeq)
      w.saleSeqs.set(me.deviceId, held)
      const seqs = seqsOf(w, me.deviceId)
      seqs.sale = Math.max(seqs.sale, b.data.deviceSeq)
      const totals = saleTotals(b.data.lines, b.data.cups, b.data.cupPriceFen)
      const sale: Sale = {
        id: saleId,
        receiptNo: receiptNo(prefixOf(w, me.deviceId), b.data.deviceSeq),
        receiptCode: b.data.receiptCode,
        shiftId: b.data.shiftId,
        soldAt: b.data.soldAt,
        paymentMethod: b.data.paymentMethod,
        lines,
        ...totals,
        cups: cups.map((c) => ({ token: c.token, serial: c.serial, priceFen: c.priceFen, boughtAt: c.boughtAt, status: 'waiting' as const, servedAt: null, servedKind: null })),
      }
      w.sales.push(sale)
      return respond(Sale, sale, { status: 201 })
    }),

    http.get(v1('/public/receipts/:code'), ({ params }) => {
      const w = world()
      if (w.offline) return HttpResponse.error()
      const sale = w.sales.find((s) => s.receiptCode === String(params.code).toUpperCase())
      if (!sale) return fail(404, 'not_found', 'No receipt with this code (yet).')
      const cups = w.cups.filter((c) => c.saleId === sale.id)
      return respond(PublicReceipt, {
        team: { name: getState().team.name },
        receiptNo: sale.receiptNo,
        soldAt: sale.soldAt,
        cups: cups.map((c) => ({ token: c.token, serial: c.serial, status: c.servedAt ? ('served' as const) : ('waiting' as const), servedAt: c.servedAt, servedKind: c.servedKind })),
      })
    }),

    read('/teahouse/cards/check', (request) => {
      const me = who(request)
      if (me instanceof Response) return me
      const q = CardCheckQuery.safeParse({ code: new URL(request.url).searchParams.get('code') ?? '' })
      if (!q.success) return invalid(q.error)
      const w = world()
      const misses = unknownCards.get(w) ?? 0
      if (misses >= 20) return fail(429, 'too_many_attempts', 'Too many unknown cards looked up from here. Wait a while and try again.')
      const c = card(w, q.data.code)
      if (!c) {
        unknownCards.set(w, misses + 1)
        return fail(404, 'card_not_found', 'No care card with this number.')
      }
      const today = servedToday(w, c.number, new Date().toISOString())
      return respond(CardCheck, {
        cardNumber: c.number,
        kinds: cupKindsOf(c.kinds),
        displayName: c.displayName,
        usable: c.usable,
        servedToday: today,
        dailyLimit: w.settings.dailyCupLimit,
        canServe: c.usable && today < w.settings.dailyCupLimit,
        cupsWaiting: waiting(w).length,
      })
    }),

    idempotent('post', '/teahouse/servings', (request, text) => {
      const me = who(request)
      if (me instanceof Response) return me
      const b = parse(ServingRequest, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const c = card(w, b.data.cardCode)
      const flags: Serving['flags'] = []
      if (!b.data.claim) {
        if (!c) return fail(404, 'card_not_found', 'No care card with this number.')
        if (!c.usable) return fail(422, 'card_not_usable', 'This card cannot be served.')
        if (servedToday(w, c.number, b.data.servedAt) >= w.settings.dailyCupLimit) return fail(422, 'daily_limit_reached', 'This card has had its cups for today.')
        if (!waiting(w).length) return fail(422, 'no_cup_waiting', 'No charity cup is waiting.')
      } else {
        if (!c || !c.usable) flags.push('card_not_usable')
        else if (servedToday(w, c.number, b.data.servedAt) >= w.settings.dailyCupLimit) flags.push('over_daily_limit')
      }
      const cup = waiting(w)[0] ?? null
      if (!cup) flags.push('beyond_donations')
      const kinds = c ? cupKindsOf(c.kinds) : []
      if (cup) {
        cup.servedAt = b.data.servedAt
        cup.servedKind = kinds[0] ?? null
      }
      const serving: Serving = { id: b.data.id, servedAt: b.data.servedAt, cardNumber: c?.number ?? null, kinds, cup: cup && { serial: cup.serial, token: cup.token, boughtAt: cup.boughtAt }, claim: b.data.claim, flags }
      w.servings.push({ serving, deviceId: me.deviceId })
      const seqs = seqsOf(w, me.deviceId)
      seqs.serving = Math.max(seqs.serving, b.data.deviceSeq)
      return respond(Serving, serving, { status: 201 })
    }),

    idempotent('post', '/teahouse/intakes', (request, text) => {
      const me = who(request)
      if (me instanceof Response) return me
      const b = parse(IntakeRequest, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const seqs = seqsOf(w, me.deviceId)
      seqs.intake = Math.max(seqs.intake, b.data.deviceSeq)
      const n = w.intakes.length + 1
      const intake: Intake = {
        id: b.data.id,
        donationId: mockId(10_000 + n),
        receiptCode: `GD${String(n).padStart(8, '0')}`,
        receivedAt: b.data.receivedAt,
        items: b.data.items.length,
        units: b.data.items.reduce((t, i) => t + i.quantity, 0),
        totalValueFen: b.data.items.reduce((t, i) => t + i.quantity * i.unitValueFen, 0),
      }
      w.intakes.push(intake)
      return respond(Intake, intake, { status: 201 })
    }),

    read('/teahouse/menu-items', (request) => {
      const me = who(request, ['leader', 'admin'])
      if (me instanceof Response) return me
      return respond(page(MenuItem), { items: world().menu, nextCursor: null })
    }),

    idempotent('post', '/teahouse/menu-items', (request, text) => {
      const me = who(request, ['leader', 'admin'])
      if (me instanceof Response) return me
      const b = parse(MenuItemInput, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const item: MenuItem = { id: mockId(100 + w.menu.length), name: b.data.name, nameEn: b.data.nameEn ?? null, priceFen: b.data.priceFen, active: b.data.active, sort: b.data.sort }
      w.menu.push(item)
      return respond(MenuItem, item, { status: 201 })
    }),

    idempotent('patch', '/teahouse/menu-items/:id', (request, text, params) => {
      const me = who(request, ['leader', 'admin'])
      if (me instanceof Response) return me
      const b = parse(MenuItemPatch, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      const i = w.menu.findIndex((m) => m.id === params.id)
      if (i < 0) return fail(404, 'not_found', 'No such menu item.')
      const patch = Object.fromEntries(Object.entries(b.data).filter(([, v]) => v !== undefined))
      w.menu[i] = { ...w.menu[i]!, ...patch, nameEn: b.data.nameEn === undefined ? w.menu[i]!.nameEn : (b.data.nameEn ?? null) }
      return respond(MenuItem, w.menu[i])
    }),

    idempotent('put', '/teahouse/settings', (request, text) => {
      const me = who(request, ['leader', 'admin'])
      if (me instanceof Response) return me
      const b = parse(TeahouseSettingsInput, text)
      if (!b.success) return invalid(b.error)
      const w = world()
      w.settings = { ...b.data, updatedAt: new Date().toISOString() }
      return respond(TeahouseSettings, w.settings)
    }),

    http.get(v1('/public/board'), ({ request }) => {
      const w = world()
      if (w.offline) return HttpResponse.error()
      const q = BoardQuery.safeParse({ team: new URL(request.url).searchParams.get('team') ?? '' })
      if (!q.success) return invalid(q.error)
      if (q.data.team !== getState().team.code) return fail(404, 'not_found', 'No such team.')
      return respond(Board, board(w))
    }),

    // The live board: one message at once, then one every 5 s (each message a whole Board).
    http.get(v1('/public/board/stream'), ({ request }) => {
      const w = world()
      if (w.offline) return HttpResponse.error()
      const team = new URL(request.url).searchParams.get('team')
      if (team !== getState().team.code) return fail(404, 'not_found', 'No such team.')
      const enc = new TextEncoder()
      let timer: ReturnType<typeof setInterval> | undefined
      const stream = new ReadableStream({
        start(controller) {
          const send = () => controller.enqueue(enc.encode(`data: ${JSON.stringify(Board.parse(board(w)))}\n\n`))
          send()
          timer = setInterval(send, 5000)
        },
        cancel() {
          clearInterval(timer)
        },
      })
      return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
    }),
  ]
}
