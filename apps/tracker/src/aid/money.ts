// Money in the field: integer fen inside (the contract), yuan on screen and in the inputs.

/** ¥7,500 or ¥7,500.50 (−¥300 for a loss); whole yuan drop their decimals, figures are yearly. */
export function yuan(fen: number, locale = 'zh-CN'): string {
  const sign = fen < 0 ? '−' : ''
  const abs = Math.abs(fen)
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: abs % 100 ? 2 : 0, maximumFractionDigits: 2 }).format(abs / 100)
  return `${sign}¥${text}`
}

/** "12.5" → 1250; "" → 0; null for anything that is not a non-negative amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^¥/, '').replace(/,/g, '')
  if (t === '') return 0
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

/** 1250 → "12.5", 120000 → "1200": a figure as the worker would type it. */
export const fenToInput = (fen: number) => String(fen / 100)

/** A calendar day (YYYY-MM-DD, a China date) as the locale writes it, with no time and no zone shift. */
export function calendarDay(iso: string, locale = 'zh-CN'): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
}
