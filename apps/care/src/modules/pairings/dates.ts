import { chinaDateOf } from '@chayi/domain'

const pad = (n: number) => String(n).padStart(2, '0')

/** Today in China, `YYYY-MM-DD` (the API's due days are China dates). */
export function chinaToday(now = new Date()): string {
  const d = chinaDateOf(now)
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
