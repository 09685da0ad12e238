// Pure rules of the tea house, shared by the tablet (which must work them out offline) and the server.

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A new receipt code (10 of A–Z/2–9 without I, O, 0, 1): ~50 bits, made on the tablet so it shows offline. */
export function newReceiptCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(10)
  let out = ''
  for (const b of bytes) out += RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]
  return out
}

/** `T1-000042`: the device's prefix and its gap-free sale number. */
export function receiptNo(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`
}

/** The n-th charity cup of a receipt (from 1): `<receiptCode>-<n>`. */
export function cupToken(receiptCode: string, n: number): string {
  return `${receiptCode}-${n}`
}

/** Team-wide cup number: `C-000123`. */
export function cupSerial(n: number): string {
  return `C-${String(n).padStart(6, '0')}`
}

/** The tea house's calendar day (China Standard Time, UTC+8, no daylight saving) of an instant. */
export function teahouseDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Sale arithmetic, the same on both sides: tea lines at their charged prices plus cups at the cup price. */
export function saleTotals(lines: readonly { quantity: number; unitPriceFen: number }[], cups: number, cupPriceFen: number) {
  const teaFen = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0)
  const cupsFen = cups * cupPriceFen
  return { teaFen, cupsFen, totalFen: teaFen + cupsFen }
}
