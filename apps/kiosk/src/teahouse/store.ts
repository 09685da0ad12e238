import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  CardCheck,
  CloseShiftRequest,
  cupToken,
  IntakeRequest,
  KioskCatalogue,
  KioskDeviceState,
  newReceiptCode,
  OpenShiftRequest,
  receiptNo,
  SaleRequest,
  saleTotals,
  Serving,
  ServingRequest,
  ShiftReport,
  type MenuItem,
  type PaymentMethod,
  type Shift,
} from '@chayi/domain'
import { callerFor, isApiError, newClientId, useOutboxStore, useSessionStore, useShellContext } from '@chayi/shell'

/*
 * The counter's own state: the cached catalogue and device state (fetched when online, kept in
 * localStorage so the tablet sells offline), the per-kind device sequences, and the writes built
 * from them and handed to the shell's outbox. A sequence number is taken (and persisted) before its
 * write is queued, and on start the tablet takes max(local, server) so a reinstall or a cleared
 * cache never reuses a number.
 */

export type SeqKind = 'sale' | 'serving' | 'intake' | 'shift'
type Seqs = Record<SeqKind, number>

const KEY = 'chayi.kiosk.teahouse'
/** Outbox paths are whole API paths; `call` paths are under /api/v1. */
const API = '/api/v1/teahouse'

/** What the tablet remembers between starts; one record per paired device. */
interface Saved {
  v: 1
  deviceId: string | null
  catalogue: KioskCatalogue | null
  device: KioskDeviceState | null
  seq: Seqs
  /** The open shift as this tablet knows it, possibly opened offline (then `queued`). */
  shift: (Shift & { queued?: boolean }) | null
  /** When the server was last reached for the two above. */
  fetchedAt: string | null
}

const ZERO: Seqs = { sale: 0, serving: 0, intake: 0, shift: 0 }

function load(): Saved {
  try {
    const raw = localStorage.getItem(KEY)
    if (raw) {
      const s = JSON.parse(raw) as Saved
      if (s.v === 1) return { ...s, seq: { ...ZERO, ...s.seq } }
    }
  } catch {
    // unreadable: start empty; the server's lastSeq will still keep numbers from repeating
  }
  return { v: 1, deviceId: null, catalogue: null, device: null, seq: { ...ZERO }, shift: null, fetchedAt: null }
}

/** A sale as the receipt shows it, made on the tablet (no server needed). */
export interface LocalSale {
  id: string
  receiptNo: string
  receiptCode: string
  soldAt: string
  paymentMethod: PaymentMethod
  lines: { menuItemId: string; name: string; nameEn: string | null; quantity: number; unitPriceFen: number; amountFen: number }[]
  cups: number
  cupPriceFen: number
  cupTokens: string[]
  teaFen: number
  cupsFen: number
  totalFen: number
}

export interface LocalIntake {
  id: string
  reference: string
  body: IntakeRequest
  totalValueFen: number
}

export const useTeahouseStore = defineStore('kiosk-teahouse', () => {
  const ctx = useShellContext()
  const call = callerFor(ctx)
  const outbox = useOutboxStore()
  const session = useSessionStore()

  const saved = shallowRef<Saved>(load())
  const loading = ref(false)
  /** False once a request found no network; true again on the next answer or the `online` event. */
  const reachable = ref(typeof navigator === 'undefined' || navigator.onLine !== false)
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => (reachable.value = true))
    window.addEventListener('offline', () => (reachable.value = false))
  }

  const deviceId = computed(() => (session.me?.kind === 'device' ? session.me.device.id : null))
  const catalogue = computed(() => saved.value.catalogue)
  const device = computed(() => saved.value.device)
  const shift = computed(() => saved.value.shift)
  const seq = computed(() => saved.value.seq)
  const menu = computed<MenuItem[]>(() => (catalogue.value?.menu ?? []).filter((m) => m.active).sort((a, b) => a.sort - b.sort))
  const cupPriceFen = computed(() => catalogue.value?.settings.cupPriceFen ?? 500)
  const prefix = computed(() => device.value?.receiptPrefix ?? 'T')
  const online = computed(() => reachable.value)

  function persist(next: Saved) {
    saved.value = next
    try {
      localStorage.setItem(KEY, JSON.stringify(next))
    } catch {
      // storage full or blocked: the outbox still holds every write; numbers may then come from the server's lastSeq
    }
  }

  /** A different device (re-paired) starts from its own numbers, never another device's. */
  function forDevice(s: Saved): Saved {
    if (deviceId.value && s.deviceId !== deviceId.value) return { v: 1, deviceId: deviceId.value, catalogue: s.catalogue, device: null, seq: { ...ZERO }, shift: null, fetchedAt: null }
    return s
  }

  /** Counts shift opens and closes made here, so a device state fetched before one does not undo it. */
  let shiftEdits = 0
  const pendingIds = () => new Set(outbox.items.map((i) => i.id))

  /** Fetches the catalogue and the device state; offline, what was cached stays. Returns whether it reached the server. */
  async function refresh(): Promise<boolean> {
    loading.value = true
    const edits = shiftEdits
    try {
      const [cat, dev] = await Promise.all([call(KioskCatalogue, 'GET', '/teahouse/catalogue'), call(KioskDeviceState, 'GET', '/teahouse/device')])
      reachable.value = true
      const base = forDevice(saved.value)
      const seqs = { ...base.seq }
      for (const k of Object.keys(ZERO) as SeqKind[]) seqs[k] = Math.max(seqs[k], dev.lastSeq[k])
      // The server's open shift wins; a shift opened here offline stays while its write is still queued.
      let open: Saved['shift'] = dev.openShift
      if (!open && base.shift?.queued && pendingIds().has(base.shift.id)) open = base.shift
      // A shift opened or closed here while the answer was on its way: the answer is older than that.
      if (edits !== shiftEdits) open = base.shift
      persist({ ...base, deviceId: dev.deviceId, catalogue: cat, device: dev, seq: seqs, shift: open, fetchedAt: new Date().toISOString() })
      return true
    } catch (err) {
      if (isApiError(err) && err.isNetwork) reachable.value = false
      else throw err
      return false
    } finally {
      loading.value = false
    }
  }

  /** Takes the next number of a kind and remembers it before anything is queued. */
  function nextSeq(kind: SeqKind): number {
    const base = forDevice(saved.value)
    const n = base.seq[kind] + 1
    persist({ ...base, seq: { ...base.seq, [kind]: n } })
    return n
  }

  /** Gives a number back when the server refused its write outright (nothing stored), if nothing came after it. */
  function releaseSeq(kind: SeqKind, n: number) {
    if (saved.value.seq[kind] === n) persist({ ...saved.value, seq: { ...saved.value.seq, [kind]: n - 1 } })
  }

  function noteReachable(err: unknown) {
    if (isApiError(err) && err.isNetwork) reachable.value = false
  }

  // ---- shifts ----

  /** Opens a shift through the outbox, so it works offline; sales can start at once. */
  async function openShift(floatFen: number): Promise<Shift> {
    const id = newClientId()
    const body = OpenShiftRequest.parse({ id, deviceSeq: nextSeq('shift'), openedAt: new Date().toISOString(), floatFen })
    await outbox.enqueue({ method: 'POST', path: `${API}/shifts`, body, id })
    const staff = session.staff
    const local: Saved['shift'] = {
      id,
      deviceId: deviceId.value ?? saved.value.deviceId ?? '',
      openedAt: body.openedAt,
      openedBy: { userId: staff?.userId ?? '', displayName: staff?.displayName ?? session.displayName },
      floatFen,
      status: 'open',
      closedAt: null,
      queued: true,
    }
    shiftEdits++
    persist({ ...saved.value, shift: local })
    return local
  }

  /** The blind close: not queued, it must see the server's figures. Refused here while anything is unsent. */
  async function closeShift(countedCashFen: number, note?: string): Promise<ShiftReport> {
    const s = saved.value.shift
    if (!s) throw new Error('no open shift')
    const body = CloseShiftRequest.parse({ closedAt: new Date().toISOString(), countedCashFen, lastSaleSeq: saved.value.seq.sale, note: note?.trim() || undefined })
    try {
      const report = await call(ShiftReport, 'POST', `/teahouse/shifts/${s.id}/close`, body)
      reachable.value = true
      shiftEdits++
      persist({ ...saved.value, shift: null })
      return report
    } catch (err) {
      noteReachable(err)
      if (isApiError(err) && err.code === 'shift_closed') persist({ ...saved.value, shift: null })
      throw err
    }
  }

  async function shiftReport(id: string): Promise<ShiftReport> {
    try {
      return await call(ShiftReport, 'GET', `/teahouse/shifts/${id}/report`)
    } catch (err) {
      noteReachable(err)
      throw err
    }
  }

  // ---- sales ----

  /** Builds the sale, queues it (offline too) and returns what the receipt shows. */
  async function sell(input: { lines: { menuItemId: string; quantity: number }[]; cups: number; paymentMethod: PaymentMethod }): Promise<LocalSale> {
    const s = saved.value.shift
    if (!s) throw new Error('no open shift')
    const items = new Map((catalogue.value?.menu ?? []).map((m) => [m.id, m]))
    const lines = input.lines
      .filter((l) => l.quantity > 0)
      .map((l) => {
        const m = items.get(l.menuItemId)
        if (!m) throw new Error(`unknown menu item ${l.menuItemId}`)
        return { menuItemId: m.id, name: m.name, nameEn: m.nameEn, quantity: l.quantity, unitPriceFen: m.priceFen, amountFen: l.quantity * m.priceFen }
      })
    const id = newClientId()
    const receiptCode = newReceiptCode()
    const cupPrice = cupPriceFen.value
    const deviceSeq = nextSeq('sale')
    const body = SaleRequest.parse({
      id,
      deviceSeq,
      shiftId: s.id,
      soldAt: new Date().toISOString(),
      paymentMethod: input.paymentMethod,
      lines: lines.map(({ menuItemId, quantity, unitPriceFen }) => ({ menuItemId, quantity, unitPriceFen })),
      cups: input.cups,
      cupPriceFen: cupPrice,
      receiptCode,
    })
    await outbox.enqueue({ method: 'POST', path: `${API}/sales`, body, id })
    const totals = saleTotals(body.lines, body.cups, body.cupPriceFen)
    return {
      id,
      receiptNo: receiptNo(prefix.value, deviceSeq),
      receiptCode,
      soldAt: body.soldAt,
      paymentMethod: body.paymentMethod,
      lines,
      cups: body.cups,
      cupPriceFen: cupPrice,
      cupTokens: Array.from({ length: body.cups }, (_, i) => cupToken(receiptCode, i + 1)),
      ...totals,
    }
  }

  // ---- serving a charity cup ----

  /** Online only: the card's kind and whether a cup is due today (nothing of it is stored here). */
  async function checkCard(code: string): Promise<CardCheck> {
    try {
      const c = await call(CardCheck, 'GET', `/teahouse/cards/check?code=${encodeURIComponent(code.trim())}`)
      reachable.value = true
      return c
    } catch (err) {
      noteReachable(err)
      throw err
    }
  }

  /**
   * An attempt not answered yet (no network on the way back): a retry sends the same body with the
   * same Idempotency-Key, so the server answers with what it did the first time.
   */
  let unanswered: ServingRequest | null = null

  /** Online: sent at once (not queued), because the counter must see the cup or the refusal. */
  async function serve(cardCode: string): Promise<Serving> {
    const code = cardCode.trim()
    const body =
      unanswered && unanswered.cardCode === code
        ? unanswered
        : ServingRequest.parse({ id: newClientId(), deviceSeq: nextSeq('serving'), cardCode: code, servedAt: new Date().toISOString(), claim: false })
    try {
      const s = await call(Serving, 'POST', `/teahouse/servings`, body, { 'idempotency-key': body.id })
      reachable.value = true
      unanswered = null
      return s
    } catch (err) {
      if (isApiError(err) && err.isNetwork) {
        reachable.value = false
        unanswered = body
      } else {
        unanswered = null
        // Refused outright: the server stored nothing, so the number is free again.
        if (isApiError(err) && err.status >= 400 && err.status < 500) releaseSeq('serving', body.deviceSeq)
      }
      throw err
    }
  }

  /** Offline: the cup is handed over and recorded as a claim the server matches to the oldest cup. */
  async function claim(cardCode: string): Promise<ServingRequest> {
    const id = newClientId()
    const body = ServingRequest.parse({ id, deviceSeq: nextSeq('serving'), cardCode: cardCode.trim(), servedAt: new Date().toISOString(), claim: true })
    await outbox.enqueue({ method: 'POST', path: `${API}/servings`, body, id })
    return body
  }

  // ---- goods intake ----

  async function intake(input: Omit<IntakeRequest, 'id' | 'deviceSeq' | 'receivedAt'>): Promise<LocalIntake> {
    const id = newClientId()
    const deviceSeq = nextSeq('intake')
    const body = IntakeRequest.parse({ ...input, id, deviceSeq, receivedAt: new Date().toISOString() })
    await outbox.enqueue({ method: 'POST', path: `${API}/intakes`, body, id })
    return {
      id,
      // The tablet's own reference, known offline: the device prefix, I for intake, its number.
      reference: receiptNo(`${prefix.value}-I`, deviceSeq),
      body,
      totalValueFen: body.items.reduce((s, i) => s + i.quantity * i.unitValueFen, 0),
    }
  }

  return {
    catalogue,
    device,
    shift,
    seq,
    menu,
    cupPriceFen,
    prefix,
    online,
    loading,
    call,
    refresh,
    nextSeq,
    releaseSeq,
    noteReachable,
    openShift,
    closeShift,
    shiftReport,
    sell,
    checkCard,
    serve,
    claim,
    intake,
  }
})
