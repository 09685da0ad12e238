import { defaultCreditComponent, type AidConfirmMethod, type AidIncomeComponentName, type AidNeedDetail, type AidNeedKind, type NewAidDelivery } from '@chayi/domain'
import { upgradeDraft, type DraftSteps } from './drafts'
import { parseYuan } from './money'

/*
 * A delivery being recorded at the handover (送达登记), kept on the device like a visit draft
 * (architecture §4.2): `v: 1` and its own `up()` chain, so an app update never strands a
 * half-recorded handover made offline. Its `id` is made on the device and becomes the delivery's
 * id: a resend through the outbox answers the stored record, nothing is recorded twice.
 */

export interface DeliveryDraftV1 {
  v: 1
  /** Made on the device; the delivery's id (and its Idempotency-Key). */
  id: string
  needId: string
  needKind: AidNeedKind
  householdId: string
  /** The pledge being delivered and its partner (NewAidDelivery needs the partner). */
  pledgeId: string | null
  partnerId: string
  startedAt: string
  updatedAt: string
  what: string
  /** In yuan as typed; fen on save. */
  value: string
  /** YYYY-MM-DD */
  deliveredOn: string
  /** JPEG data URLs, already made small on the device (1–4). */
  photos: string[]
  confirmedBy: string
  method: AidConfirmMethod
  /** The signature drawn on the pad (or a thumbprint photo), a PNG/JPEG data URL. */
  signature: string | null
  /** null: the delivery brings the household no income. */
  credit: { component: AidIncomeComponentName; amount: string } | null
  note: string
}

export type DeliveryDraft = DeliveryDraftV1
export const DELIVERY_DRAFT_VERSION = 1
/** `up()` from version n (the key) to n + 1. Empty while v1 is the only shape ever written. */
export const DELIVERY_DRAFT_STEPS: DraftSteps = {}

export const upgradeDeliveryDraft = (raw: unknown, steps: DraftSteps = DELIVERY_DRAFT_STEPS, target = DELIVERY_DRAFT_VERSION): DeliveryDraft | null =>
  upgradeDraft(raw, steps, target) as unknown as DeliveryDraft | null

/** Today as a China calendar date (the handover's day). */
export const chinaToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** A new delivery for a need (and its pledge, if any); the income credit starts from the need's kind. */
export function newDeliveryDraft(
  id: string,
  need: { id: string; kind: AidNeedKind; householdId: string },
  pledge: { id: string; partnerId: string; what: string; amountFen: number | null } | null,
  partnerId: string,
  now = new Date(),
): DeliveryDraft {
  const at = now.toISOString()
  const component = defaultCreditComponent(need.kind)
  return {
    v: 1,
    id,
    needId: need.id,
    needKind: need.kind,
    householdId: need.householdId,
    pledgeId: pledge?.id ?? null,
    partnerId: pledge?.partnerId ?? partnerId,
    startedAt: at,
    updatedAt: at,
    what: pledge?.what ?? '',
    value: pledge?.amountFen ? String(pledge.amountFen / 100) : '',
    deliveredOn: chinaToday(now),
    photos: [],
    confirmedBy: '',
    method: 'signature',
    signature: null,
    credit: component ? { component, amount: '' } : null,
    note: '',
  }
}

/**
 * Whether 登记送达 is offered for a need: the API refuses a withdrawn need, a delivered one is met
 * (it shows its delivery instead; a reversal makes it pledged again), and on the phone a delivery
 * starts from a partner's pledge. `queued`: deliveries for it already waiting in the outbox — the
 * one being sent is not recorded a second time.
 */
export function canRecordDelivery(n: Pick<AidNeedDetail, 'status' | 'pledges'>, queued = 0): boolean {
  return (n.status === 'open' || n.status === 'pledged') && n.pledges.length > 0 && queued === 0
}

export type DeliveryProblem = 'what' | 'value' | 'date' | 'photos' | 'confirmedBy' | 'signature' | 'credit'

/** What still stands in the way of saving (empty: ready). */
export function deliveryProblems(d: DeliveryDraft): DeliveryProblem[] {
  const out: DeliveryProblem[] = []
  if (!d.what.trim()) out.push('what')
  if (parseYuan(d.value) === null || d.value.trim() === '') out.push('value')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.deliveredOn)) out.push('date')
  if (d.photos.length < 1 || d.photos.length > 4) out.push('photos')
  if (!d.confirmedBy.trim()) out.push('confirmedBy')
  if (d.method !== 'verbal' && !d.signature) out.push('signature')
  if (d.credit && d.credit.amount.trim() !== '' && !((parseYuan(d.credit.amount) ?? 0) > 0)) out.push('credit')
  return out
}

/** The request body of a finished draft (checked by the contract's schema before it is queued). */
export function deliveryBody(d: DeliveryDraft): NewAidDelivery {
  // A chosen component with no amount counts the delivery's whole value (the screen shows it as the placeholder):
  // leaving the prefilled choice as it is must not silently credit nothing.
  const valueFen = parseYuan(d.value) ?? 0
  const creditFen = d.credit ? (d.credit.amount.trim() !== '' ? parseYuan(d.credit.amount)! : valueFen) : 0
  const credit = d.credit && creditFen > 0 ? { component: d.credit.component, amountFen: creditFen } : null
  return {
    id: d.id,
    ...(d.pledgeId ? { pledgeId: d.pledgeId } : {}),
    partnerId: d.partnerId,
    what: d.what.trim(),
    valueFen,
    deliveredOn: d.deliveredOn,
    photos: d.photos,
    confirmation: {
      confirmedBy: d.confirmedBy.trim(),
      method: d.method,
      ...(d.method !== 'verbal' && d.signature ? { signature: d.signature } : {}),
    },
    ...(credit ? { incomeCredit: credit } : {}),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  }
}
