import { base64DecodedLength } from '../granary/rules.js'

// Pure rules of the welfare fund: months in China time, receipt numbers and attachments. No I/O
// and no clock: callers pass the instants.

/** `YYYY-MM`, months 01–12. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

const CHINA_OFFSET_MS = 8 * 3600_000

/** The instants of a China-time month: [first day 00:00 +08:00, first day of the next month 00:00 +08:00). */
export function chinaMonthRange(month: string): { from: string; to: string } {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`not a month: "${month}"`)
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS).toISOString(),
    to: new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS).toISOString(),
  }
}

/** `<TEAM>-F-<year>-<6 digits>` (F for 基金): gap-free per team and year. */
export function formatFundReceiptNumber(teamCode: string, year: number, n: number): string {
  return `${teamCode.toUpperCase()}-F-${year}-${String(n).padStart(6, '0')}`
}

/** Largest attachment kept with an expense request, in bytes once decoded. */
export const MAX_EXPENSE_ATTACHMENT_BYTES = 200 * 1024
/** Longest reference to an attachment kept elsewhere (a file number, a voucher number, a URL). */
export const MAX_ATTACHMENT_REFERENCE = 300

const ATTACHMENT_DATA_URL = /^data:(image\/(?:png|jpeg|webp)|application\/pdf);base64,([A-Za-z0-9+/]+={0,2})$/

/**
 * What is wrong with an expense attachment, or null when it is fine: either a data URL (PNG,
 * JPEG, WebP or PDF) of at most 200 kB once decoded, or a short reference to a paper voucher or a
 * file kept elsewhere (no line breaks).
 */
export function attachmentProblem(value: string): string | null {
  if (value.startsWith('data:')) {
    const m = ATTACHMENT_DATA_URL.exec(value)
    if (!m) return 'a data URL must be data:image/png|jpeg|webp or application/pdf;base64'
    if (base64DecodedLength(m[2] ?? '') > MAX_EXPENSE_ATTACHMENT_BYTES) return `larger than ${MAX_EXPENSE_ATTACHMENT_BYTES / 1024} kB`
    return null
  }
  if (value.trim() === '') return 'empty'
  if (value.length > MAX_ATTACHMENT_REFERENCE) return `a reference is at most ${MAX_ATTACHMENT_REFERENCE} characters (or send a data URL)`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a reference is one line of text'
  return null
}

/** Income − expenses ± reversals, from signed ledger amounts. */
export function fundBalance(entries: readonly { amountFen: number }[]): number {
  return entries.reduce((s, e) => s + e.amountFen, 0)
}
