import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime, ListQuery, Phone } from '../common.js'
import { attachmentProblem, MAX_ATTACHMENT_REFERENCE, MAX_EXPENSE_ATTACHMENT_BYTES, MONTH_PATTERN } from './rules.js'
import { ExpenseStatus, FundChannel, FundDonorKind, FundEntryKind } from './schemas.js'

// Request and response shapes of the welfare fund (公益基金). Money is integer fen. The ledger
// (`FundEntry`) is append-only: income and approved expenses are entries, and a mistake is undone
// by a reversal entry of the opposite sign, never by an edit.

const Note = z.string().trim().max(500)
const Text = (max: number) => z.string().trim().min(1).max(max)

/** A positive amount of fen, at most ¥100,000,000 per entry (sums stay exact integers). */
export const FundAmountFen = AmountFen.min(1).max(10_000_000_000)

/** `YYYY-MM` (China time). */
export const FundMonth = z.string().regex(MONTH_PATTERN, 'must be YYYY-MM')
export type FundMonth = z.infer<typeof FundMonth>

// ---- income ----

/** Who gave: a person (name; phone optional, sealed), an enterprise or organisation, or nobody named. */
export const FundDonorInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: Text(50), phone: Phone.optional() }),
  z.object({ kind: z.literal('enterprise'), name: Text(100) }),
  z.object({ kind: z.literal('anonymous') }),
])
export type FundDonorInput = z.infer<typeof FundDonorInput>

/**
 * Money received. `partnerId` links it to a partner (爱心企业/爱心人士) so it counts in what they
 * gave; `pledgeVolunteerId` + `pledgeMonth` mark a volunteer's monthly pledge (少抽一包烟) paid in.
 */
export const FundIncomeInput = z
  .object({
    donor: FundDonorInput,
    partnerId: Id.optional(),
    amountFen: FundAmountFen,
    channel: FundChannel,
    receivedAt: IsoDateTime,
    note: Note.optional(),
    pledgeVolunteerId: Id.optional(),
    pledgeMonth: FundMonth.optional(),
  })
  .superRefine((d, ctx) => {
    if ((d.pledgeVolunteerId === undefined) !== (d.pledgeMonth === undefined)) {
      ctx.addIssue({ code: 'custom', path: [d.pledgeVolunteerId === undefined ? 'pledgeVolunteerId' : 'pledgeMonth'], message: 'give pledgeVolunteerId and pledgeMonth together' })
    }
    if (d.partnerId !== undefined && d.donor.kind === 'anonymous') ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'an anonymous gift is not linked to a partner' })
  })
export type FundIncomeInput = z.infer<typeof FundIncomeInput>

export const FundIncome = z.object({
  id: Id,
  /** The ledger entry that put the money in. */
  entryId: Id,
  /** Short code printed on the receipt (see rules/receipt.ts). */
  receiptCode: z.string(),
  /** Gap-free per team and year: `<TEAM>-F-<year>-<6 digits>`. */
  receiptNumber: z.string(),
  donorKind: FundDonorKind,
  /** The name on receipts: the name, or 匿名爱心人士. */
  donorName: z.string(),
  /** A person's phone: masked in lists and for readers; whole for recorders reading one income. */
  donorPhone: z.string().nullable(),
  partnerId: Id.nullable(),
  amountFen: AmountFen,
  channel: FundChannel,
  receivedAt: IsoDateTime,
  note: z.string().nullable(),
  pledgeVolunteerId: Id.nullable(),
  pledgeMonth: FundMonth.nullable(),
  /** Whether the entry was reversed since, and by which entry. */
  reversed: z.boolean(),
  reversalEntryId: Id.nullable(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
})
export type FundIncome = z.infer<typeof FundIncome>

export const FundIncomeListQuery = ListQuery.extend({ partnerId: Id.optional(), channel: FundChannel.optional() })

// ---- expenses: a request, then a second person's decision ----

/** An attachment: a data URL (PNG, JPEG, WebP or PDF) of at most 200 kB, or a short reference. */
export const ExpenseAttachment = z
  .string()
  .max(Math.ceil((MAX_EXPENSE_ATTACHMENT_BYTES * 4) / 3) + 60)
  .superRefine((s, ctx) => {
    const problem = attachmentProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .describe(`a data URL (image/png|jpeg|webp or application/pdf, ≤ 200 kB) or a reference of at most ${MAX_ATTACHMENT_REFERENCE} characters`)

export const ExpenseRequestInput = z.object({
  /** What the money is for (e.g. 重阳节慰问品). */
  purpose: Text(200),
  /** Who is paid. */
  payee: Text(100),
  amountFen: FundAmountFen,
  attachment: ExpenseAttachment.optional(),
  note: Note.optional(),
})
export type ExpenseRequestInput = z.infer<typeof ExpenseRequestInput>

/** The decision of a second person (admin or leader, never the requester). */
export const ExpenseDecisionInput = z.object({ approve: z.boolean(), note: Note.optional() })
export type ExpenseDecisionInput = z.infer<typeof ExpenseDecisionInput>

export const FundExpense = z.object({
  id: Id,
  purpose: z.string(),
  payee: z.string(),
  amountFen: AmountFen,
  note: z.string().nullable(),
  hasAttachment: z.boolean(),
  /** Only when one request is read. */
  attachment: z.string().optional(),
  status: ExpenseStatus,
  requestedBy: z.string(),
  requestedAt: IsoDateTime,
  decidedBy: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  /** The ledger entry that paid it out (approved requests only). */
  entryId: Id.nullable(),
  reversed: z.boolean(),
  reversalEntryId: Id.nullable(),
})
export type FundExpense = z.infer<typeof FundExpense>

export const FundExpenseListQuery = ListQuery.extend({ status: ExpenseStatus.optional() })

// ---- the ledger ----

export const FundEntry = z.object({
  id: Id,
  /** Gap-free position in the team's fund ledger, from 1. */
  seq: z.number().int().min(1),
  kind: FundEntryKind,
  /** Signed: income +, expense −, a reversal the opposite of what it reverses. */
  amountFen: z.number().int(),
  /** The balance once this entry is counted (entries in seq order). */
  balanceAfterFen: z.number().int(),
  occurredAt: IsoDateTime,
  incomeId: Id.nullable(),
  expenseId: Id.nullable(),
  /** For a reversal: the entry it reverses. */
  reverses: Id.nullable(),
  /** The reversal of this entry, if any. */
  reversedBy: Id.nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
})
export type FundEntry = z.infer<typeof FundEntry>

export const FundEntryListQuery = ListQuery.extend({ kind: FundEntryKind.optional() })

export const FundReversalInput = z.object({ reason: Text(500) })
export type FundReversalInput = z.infer<typeof FundReversalInput>

export const FundBalance = z.object({
  /** Income − approved expenses ± reversals: the sum of every ledger entry; never negative. */
  balanceFen: AmountFen,
  incomeFen: AmountFen,
  expenseFen: AmountFen,
  /** Net of the reversal entries (signed). */
  reversalFen: z.number().int(),
  entryCount: z.number().int().min(0),
  /** Requests awaiting a decision (not yet in the balance). */
  pendingExpenseCount: z.number().int().min(0),
  pendingExpenseFen: AmountFen,
  asOf: IsoDateTime,
})
export type FundBalance = z.infer<typeof FundBalance>

// ---- monthly statement (月度收支表) ----

export const FundStatementLine = z.object({
  entryId: Id,
  seq: z.number().int(),
  kind: FundEntryKind,
  occurredAt: IsoDateTime,
  /** China-time date of `occurredAt`. */
  date: IsoDate,
  /** Signed, as in the ledger. */
  amountFen: z.number().int(),
  incomeId: Id.nullable(),
  expenseId: Id.nullable(),
  reverses: Id.nullable(),
  /** Income: receipt number, channel and donor. */
  receiptNumber: z.string().nullable(),
  channel: FundChannel.nullable(),
  donorKind: FundDonorKind.nullable(),
  donorName: z.string().nullable(),
  /** Expense: purpose and payee. */
  purpose: z.string().nullable(),
  payee: z.string().nullable(),
  /** Reversal: why. */
  reason: z.string().nullable(),
  /** Reversed by an entry (in this month or later). */
  reversed: z.boolean(),
})
export type FundStatementLine = z.infer<typeof FundStatementLine>

export const FundStatement = z.object({
  month: FundMonth,
  /** The month's instants: [from, to). */
  from: IsoDateTime,
  to: IsoDateTime,
  openingFen: z.number().int(),
  incomeLines: z.array(FundStatementLine),
  expenseLines: z.array(FundStatementLine),
  reversalLines: z.array(FundStatementLine),
  incomeFen: AmountFen,
  /** Positive: what went out. */
  expenseFen: AmountFen,
  reversalFen: z.number().int(),
  /** openingFen + incomeFen − expenseFen + reversalFen. */
  closingFen: z.number().int(),
})
export type FundStatement = z.infer<typeof FundStatement>
