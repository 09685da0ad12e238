import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { BeneficiaryKind } from '../codes/schemas.js'
import type { BeneficiaryKind as Kind } from '../codes/schemas.js'
import { BeneficiaryStatus, CareCardStatus } from './codes.js'

/** `XF-GA-000123`: the team code in capitals, GA (关爱), and a six-digit, gap-free number. */
export function formatCareCardNumber(teamCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError(`care card number out of range: ${n}`)
  return `${teamCode.toUpperCase()}-GA-${String(n).padStart(6, '0')}`
}

/** Where a card's QR code points: the kiosk's card page, which looks the token up. */
export const careCardPath = (token: string) => `/kiosk/card/${encodeURIComponent(token)}`

/**
 * What a kiosk scanned or a person typed: a card number, a bare token, or the QR's whole URL.
 * Gives the number (in capitals) or the token to look up.
 */
export function parseCareCardCode(code: string): { number: string } | { token: string } {
  const text = code.trim()
  const m = /\/card\/([^/?#]+)\/?(?:[?#].*)?$/.exec(text)
  if (m) return { token: decodeURIComponent(m[1]!) }
  if (/^[A-Za-z0-9-]+-GA-\d{6}$/i.test(text)) return { number: text.toUpperCase() }
  return { token: text }
}

/** Charity cups go to two kinds of beneficiary (the seed's "2 kinds"); empty-nest elders are elderly. */
export const CupKind = BeneficiaryKind.extract(['elderly', 'disabled'])
export type CupKind = z.infer<typeof CupKind>

export function cupKindsOf(kinds: readonly Kind[]): CupKind[] {
  const out: CupKind[] = []
  if (kinds.includes('elderly') || kinds.includes('empty_nest_elderly')) out.push('elderly')
  if (kinds.includes('disabled')) out.push('disabled')
  return out
}

export const CareCard = z.object({
  id: Id,
  beneficiaryId: Id,
  number: z.string(),
  status: CareCardStatus,
  issuedAt: IsoDateTime,
  issuedBy: z.string(),
  /** When it was replaced or revoked, by whom and why. */
  endedAt: IsoDateTime.nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The card that replaced this one. */
  replacedBy: Id.nullable(),
})
export type CareCard = z.infer<typeof CareCard>

/** Issuing a card; when it replaces an active one, `reason` says why (lost, worn…). */
export const CareCardIssue = z.object({ reason: z.string().trim().min(2).max(200).optional() })
export type CareCardIssue = z.infer<typeof CareCardIssue>

export const CareCardRevoke = z.object({ reason: z.string().trim().min(2).max(200) })
export type CareCardRevoke = z.infer<typeof CareCardRevoke>

export const CareCardLookupQuery = z.object({ code: z.string().trim().min(4).max(300) })

/**
 * What a tea-house counter sees for a scanned card, and nothing else personal: the number, the
 * cup kinds, a name masked past its first character, and whether the card can be used.
 */
export const CareCardLookup = z.object({
  cardId: Id,
  number: z.string(),
  status: CareCardStatus,
  kinds: z.array(CupKind),
  displayName: z.string(),
  beneficiaryStatus: BeneficiaryStatus,
  /** Card active, beneficiary active, and of a cup kind. */
  usable: z.boolean(),
})
export type CareCardLookup = z.infer<typeof CareCardLookup>

/** What a printed card shows: number, QR target, masked name and the team. */
export const PrintableCareCard = z.object({
  cardId: Id,
  number: z.string(),
  status: CareCardStatus,
  qrUrl: z.url(),
  displayName: z.string(),
  kinds: z.array(CupKind),
  team: z.object({ name: z.string(), community: z.string() }),
  issuedAt: IsoDateTime,
})
export type PrintableCareCard = z.infer<typeof PrintableCareCard>
