// What the granary screens share: labels of the code lists, money, who may write, and which stock
// figures a blind stocktake hides. No strings of our own here (they live in index.ts and are used
// from the .vue files, where messages.test.ts looks for them).
import { computed, ref } from 'vue'
import {
  DonorKindList,
  formatFen,
  GranaryCategoryList,
  MovementKindList,
  RecipientKindList,
  StockAdjustmentReasonList,
  ValuationBasisList,
  yuanToFen,
  type Role,
  type Stocktake,
} from '@chayi/domain'
import { useApi, useLocale, useSessionStore } from '@chayi/shell'

/** Who keeps the granary (the API's WRITE); leaders read it. */
export const KEEPERS: Role[] = ['care_staff', 'admin']

export function useKeeper() {
  const session = useSessionStore()
  return computed(() => session.hasRole(...KEEPERS))
}

/** Labels of the granary's code lists and money, in the reader's language. */
export function useGranaryFormat() {
  const locale = useLocale()
  return {
    locale,
    fen: (amount: number) => formatFen(amount, locale.value),
    category: (code: string) => GranaryCategoryList.label(code as never, locale.value),
    basis: (code: string) => ValuationBasisList.label(code as never, locale.value),
    reason: (code: string) => StockAdjustmentReasonList.label(code as never, locale.value),
    recipientKind: (code: string) => RecipientKindList.label(code as never, locale.value),
    donorKind: (code: string) => DonorKindList.label(code as never, locale.value),
    movementKind: (code: string) => MovementKindList.label(code as never, locale.value),
    options: (list: { codes: readonly string[]; label(code: never, locale: 'zh-CN' | 'en'): string }) => list.codes.map((c) => ({ value: c, label: list.label(c as never, locale.value) })),
  }
}

/** Yuan as typed ("12.5") → fen, or null when it is not an amount. */
export function parseYuan(text: string): number | null {
  try {
    return yuanToFen(text)
  } catch {
    return null
  }
}

/** A whole number of units typed in a field, or null. */
export function parseUnits(text: string | number): number | null {
  const s = String(text).trim()
  return /^\d+$/.test(s) ? Number(s) : null
}

/** `YYYY-MM-DD` in China time, as the API counts days. */
export const chinaDay = (instant: Date | string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** Days from today (China time) to a calendar day. */
export const daysUntil = (day: string, now = new Date()) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${chinaDay(now)}T00:00:00Z`)) / 86_400_000)

/** Goods expiring within this many days are flagged on the stock page. */
export const EXPIRING_SOON_DAYS = 30

/**
 * While a blind stocktake is open the counters must not see the book figures: the API still
 * shows them on the stock page and the stock card, so the screens hide the ones in its scope
 * (every item for a stocktake of all places, else the items kept at that place).
 */
export function useBlindStocktakes() {
  const { client, api } = useApi()
  const open = ref<Stocktake[]>([])
  const all = ref(false)
  const keys = ref(new Set<string>())
  async function load() {
    const p = await api(client.api.v1.granary.stocktakes.$get({ query: { status: 'open', limit: '50' } }))
    open.value = p.items
    all.value = p.items.some((t) => t.placeId === null)
    // The count sheet lists the items in stock in the stocktake's scope when it was opened.
    const hidden = new Set<string>()
    for (const t of p.items) for (const l of t.lines) hidden.add(l.itemKey)
    keys.value = hidden
  }
  const isHidden = (itemKey: string) => all.value || keys.value.has(itemKey)
  return { open, load, isHidden, any: computed(() => open.value.length > 0) }
}

/** `only 5 on hand (2 more in expired lots)` → 5, from the API's issue message. */
export function onHandFromIssue(message: string): number | null {
  const m = /only (\d+) on hand/.exec(message)
  return m ? Number(m[1]) : null
}
