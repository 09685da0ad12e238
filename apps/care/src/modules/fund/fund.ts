// What the fund screens share: labels of the code lists, money, months, who may do what, and the
// names of the people behind a request. No strings of our own here (they live in index.ts and are
// used from the .vue files, where messages.test.ts looks for them).
import { computed, ref } from 'vue'
import { ExpenseStatusList, formatFen, FundChannelList, FundDonorKindList, FundEntryKindList, yuanToFen, type Role } from '@chayi/domain'
import { useApi, useLocale, useSessionStore } from '@chayi/shell'

/** Who records income, requests expenses and reverses entries (the API's RECORD). */
export const RECORDERS: Role[] = ['admin', 'care_staff']
/** Who decides an expense — never the one who asked (the API's DECIDE). */
export const DECIDERS: Role[] = ['admin', 'leader']

export function useFundRoles() {
  const session = useSessionStore()
  const me = computed(() => (session.me?.kind === 'user' ? session.me.user.id : null))
  return {
    me,
    recorder: computed(() => session.hasRole(...RECORDERS)),
    decider: computed(() => session.hasRole(...DECIDERS)),
  }
}

/** Labels of the fund's code lists and money, in the reader's language. */
export function useFundFormat() {
  const locale = useLocale()
  return {
    locale,
    fen: (amount: number) => formatFen(amount, locale.value),
    /** With a sign: "+¥100.00", "-¥50.00". */
    signed: (amount: number) => (amount > 0 ? `+${formatFen(amount, locale.value)}` : formatFen(amount, locale.value)),
    channel: (code: string) => FundChannelList.label(code as never, locale.value),
    donorKind: (code: string) => FundDonorKindList.label(code as never, locale.value),
    entryKind: (code: string) => EntryKind(code, locale.value),
    status: (code: string) => ExpenseStatusList.label(code as never, locale.value),
    options: (list: { codes: readonly string[]; label(code: never, locale: 'zh-CN' | 'en'): string }) => list.codes.map((c) => ({ value: c, label: list.label(c as never, locale.value) })),
  }
}
const EntryKind = (code: string, locale: 'zh-CN' | 'en') => FundEntryKindList.label(code as never, locale)

/** Yuan as typed ("12.5") → fen, or null when it is not a positive amount. */
export function parseYuan(text: string): number | null {
  try {
    const fen = yuanToFen(text.trim().replace(/,/g, ''))
    return fen > 0 ? fen : null
  } catch {
    return null
  }
}

/** `YYYY-MM` of an instant in China time, as the API counts months. */
export const chinaMonth = (instant: Date | string = new Date()) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 7)
/** `YYYY` of an instant in China time. */
export const chinaYear = (instant: Date | string = new Date()) => chinaMonth(instant).slice(0, 4)

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7)) - 1 + n
  const d = new Date(Date.UTC(y, m, 1))
  return d.toISOString().slice(0, 7)
}

/**
 * Names of the team's accounts by id, for "requested by": managers may list the accounts; anyone
 * else sees "me" or "another staff member" (the screens say which).
 */
export function useUserNames() {
  const session = useSessionStore()
  const { client, api } = useApi()
  const names = ref(new Map<string, string>())
  async function load() {
    if (!session.hasRole('admin', 'leader')) return
    try {
      const p = await api(client.api.v1.users.$get({ query: { limit: '200', kind: 'staff' } }))
      names.value = new Map(p.items.map((u) => [u.id, u.displayName]))
    } catch {
      // Names are a courtesy; the screens work without them.
    }
  }
  return { names, load }
}

/** Reads a picked file as a data URL. */
export function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(r.error ?? new Error('read failed'))
    r.readAsDataURL(file)
  })
}
