// Money on the counter: integer fen inside, yuan on screen and in the inputs.

/** ¥12.50 (−¥3.00 for a shortfall). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '−' : ''
  return `${sign}¥${(Math.abs(fen) / 100).toFixed(2)}`
}

/** "12.5" → 1250; null for anything that is not a non-negative amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^¥/, '')
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

/** 1250 → "12.50" for an input's starting value. */
export const fenToInput = (fen: number) => (fen / 100).toFixed(2)
