// The mock welfare fund (公益基金) for dev mode and the tests: the same routes, rules and error codes
// as packages/api/src/fund/*, over an in-memory ledger kept per mock world (a fresh world per test).
// The ledger is append-only; the balance is the sum of its entries; an expense needs a second person
// (403 same_person), is decided once (409 already_decided) and only when the balance covers it (422
// insufficient_funds). Every body goes through `respond(schema, …)` with the domain's schemas.
import {
  ANONYMOUS_FUND_DONOR_LABEL,
  chinaMonthRange,
  ExpenseDecisionInput,
  ExpenseRequestInput,
  FundBalance,
  FundEntry,
  FundExpense,
  FundIncome,
  FundIncomeInput,
  FundReversalInput,
  FundStatement,
  formatFundReceiptNumber,
  makeReceiptCode,
  maskPhone,
  MONTH_PATTERN,
  type ExpenseStatus,
  type FundChannel,
  type FundDonorKind,
  type FundEntryKind,
  type FundStatementLine,
} from '@chayi/domain'
import { fail, respond, type MockState, type MockUser } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, mockRoutes, perWorld, Refusal, respondPage, storedWorld } from '../mock-kit'
import { partnersOf } from '../partners/mocks'

export interface IncomeRec {
  id: string
  receiptCode: string
  receiptNumber: string
  donorKind: FundDonorKind
  donorName: string | null
  donorPhone: string | null
  partnerId: string | null
  amountFen: number
  channel: FundChannel
  receivedAt: string
  note: string | null
  createdBy: string
  createdAt: string
}
export interface ExpenseRec {
  id: string
  purpose: string
  payee: string
  amountFen: number
  attachment: string | null
  note: string | null
  status: ExpenseStatus
  requestedBy: string
  requestedAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}
export interface EntryRec {
  id: string
  seq: number
  kind: FundEntryKind
  amountFen: number
  occurredAt: string
  incomeId: string | null
  expenseId: string | null
  reverses: string | null
  reason: string | null
  createdBy: string
  createdAt: string
}

/** The fund of one mock world. */
export interface FundWorld {
  seq: number
  receiptSeq: number
  income: IncomeRec[]
  expenses: ExpenseRec[]
  entries: EntryRec[]
}

const RECORDERS = ['admin', 'care_staff'] as const
const DECIDERS = ['admin', 'leader'] as const
const READERS = ['admin', 'care_staff', 'leader'] as const
const STORE_KEY = 'chayi.mock.fund'
const DAY = 86_400_000
const CLOCK_SKEW_MS = 10 * 60_000

const chinaDay = (instant: Date | string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const worlds = perWorld(seedFund)

/** The fund of a mock world (made, with its demo money, on first use). Tests read it too. */
export const fundOf = (state: MockState): FundWorld => worlds.get(state)

/** Ids that sort in the order they were made (the server's are time-ordered UUIDv7). */
const nextId = (f: FundWorld) => `01920000-0000-7000-8000-${(++f.seq).toString(16).padStart(12, '0')}`
export const fundBalanceOf = (f: FundWorld) => f.entries.reduce((s, e) => s + e.amountFen, 0)

function postEntry(f: FundWorld, who: string, at: string, e: Pick<EntryRec, 'kind' | 'amountFen' | 'occurredAt'> & Partial<EntryRec>): EntryRec {
  const row: EntryRec = {
    id: nextId(f),
    seq: f.entries.length + 1,
    kind: e.kind,
    amountFen: e.amountFen,
    occurredAt: e.occurredAt,
    incomeId: e.incomeId ?? null,
    expenseId: e.expenseId ?? null,
    reverses: e.reverses ?? null,
    reason: e.reason ?? null,
    createdBy: who,
    createdAt: at,
  }
  f.entries.push(row)
  return row
}

const reversalOf = (f: FundWorld, entryId: string) => f.entries.find((e) => e.reverses === entryId) ?? null

function toEntry(f: FundWorld, e: EntryRec): FundEntry {
  const balanceAfterFen = f.entries.filter((x) => x.seq <= e.seq).reduce((s, x) => s + x.amountFen, 0)
  return { ...e, balanceAfterFen, reversedBy: reversalOf(f, e.id)?.id ?? null }
}

function toIncome(f: FundWorld, r: IncomeRec, phone: 'masked' | 'whole'): FundIncome {
  const entry = f.entries.find((e) => e.kind === 'income' && e.incomeId === r.id)!
  const rev = reversalOf(f, entry.id)
  return {
    id: r.id,
    entryId: entry.id,
    receiptCode: r.receiptCode,
    receiptNumber: r.receiptNumber,
    donorKind: r.donorKind,
    donorName: r.donorKind === 'anonymous' || !r.donorName ? ANONYMOUS_FUND_DONOR_LABEL['zh-CN'] : r.donorName,
    donorPhone: r.donorPhone === null ? null : phone === 'whole' ? r.donorPhone : maskPhone(r.donorPhone),
    partnerId: r.partnerId,
    amountFen: r.amountFen,
    channel: r.channel,
    receivedAt: r.receivedAt,
    note: r.note,
    pledgeVolunteerId: null,
    pledgeMonth: null,
    reversed: rev !== null,
    reversalEntryId: rev?.id ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }
}

function toExpense(f: FundWorld, r: ExpenseRec, withAttachment: boolean): FundExpense {
  const entry = f.entries.find((e) => e.kind === 'expense' && e.expenseId === r.id) ?? null
  const rev = entry ? reversalOf(f, entry.id) : null
  const { attachment, ...rest } = r
  return { ...rest, hasAttachment: attachment !== null, ...(withAttachment && attachment ? { attachment } : {}), entryId: entry?.id ?? null, reversed: rev !== null, reversalEntryId: rev?.id ?? null }
}

/** Income from fund income linked to a partner (for the partners' contributions). */
export const incomeOfPartner = (state: MockState, partnerId: string) => {
  const f = fundOf(state)
  return f.income.filter((i) => i.partnerId === partnerId).map((i) => ({ rec: i, reversed: reversalOf(f, f.entries.find((e) => e.incomeId === i.id && e.kind === 'income')!.id) !== null }))
}

function recordIncome(f: FundWorld, state: MockState, who: string, at: string, input: FundIncomeInput): FundIncome {
  const receivedAt = new Date(input.receivedAt).toISOString()
  if (Date.parse(receivedAt) > Date.parse(at) + CLOCK_SKEW_MS) throw new Refusal(422, 'received_in_future', 'The time the money was received is in the future.', [{ path: 'receivedAt', message: 'after now' }])
  if (input.partnerId && !partnersOf(state).partners.some((p) => p.id === input.partnerId)) {
    throw new Refusal(422, 'unknown_partner', 'No such partner in the team.', [{ path: 'partnerId', message: 'unknown partner' }])
  }
  if (input.pledgeVolunteerId) throw new Refusal(422, 'unknown_volunteer', 'No such volunteer in the team.', [{ path: 'pledgeVolunteerId', message: 'unknown volunteer' }])
  const year = Number(chinaDay(at).slice(0, 4))
  const d = input.donor
  const row: IncomeRec = {
    id: nextId(f),
    receiptCode: makeReceiptCode(crypto.getRandomValues(new Uint8Array(8))),
    receiptNumber: formatFundReceiptNumber(state.team.code, year, ++f.receiptSeq),
    donorKind: d.kind,
    donorName: d.kind === 'anonymous' ? null : d.name,
    donorPhone: d.kind === 'person' && d.phone ? d.phone : null,
    partnerId: input.partnerId ?? null,
    amountFen: input.amountFen,
    channel: input.channel,
    receivedAt,
    note: input.note || null,
    createdBy: who,
    createdAt: at,
  }
  f.income.push(row)
  postEntry(f, who, at, { kind: 'income', amountFen: row.amountFen, incomeId: row.id, occurredAt: receivedAt })
  return toIncome(f, row, 'whole')
}

function requestExpense(f: FundWorld, who: string, at: string, input: ExpenseRequestInput): FundExpense {
  const row: ExpenseRec = {
    id: nextId(f),
    purpose: input.purpose,
    payee: input.payee,
    amountFen: input.amountFen,
    attachment: input.attachment ?? null,
    note: input.note || null,
    status: 'requested',
    requestedBy: who,
    requestedAt: at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  }
  f.expenses.push(row)
  return toExpense(f, row, false)
}

function decide(f: FundWorld, who: string, at: string, id: string, input: ExpenseDecisionInput): FundExpense {
  const req = f.expenses.find((x) => x.id === id)
  if (!req) throw new Refusal(404, 'not_found', 'Expense request not found.')
  if (req.requestedBy === who) throw new Refusal(403, 'same_person', 'An expense must be decided by a second person: the requester cannot approve or reject their own request.')
  if (req.status !== 'requested') throw new Refusal(409, 'already_decided', `This request was already ${req.status}.`)
  if (input.approve) {
    const balance = fundBalanceOf(f)
    if (balance < req.amountFen) throw new Refusal(422, 'insufficient_funds', `The fund holds ${balance} fen; this expense needs ${req.amountFen}.`, [{ path: 'amountFen', message: `balance ${balance} fen` }])
  }
  req.status = input.approve ? 'approved' : 'rejected'
  req.decidedBy = who
  req.decidedAt = at
  req.decisionNote = input.note?.trim() || null
  if (input.approve) postEntry(f, who, at, { kind: 'expense', amountFen: -req.amountFen, expenseId: id, occurredAt: at })
  return toExpense(f, req, false)
}

function reverse(f: FundWorld, who: string, at: string, id: string, reason: string): FundEntry {
  const entry = f.entries.find((e) => e.id === id)
  if (!entry) throw new Refusal(404, 'not_found', 'Entry not found.')
  if (entry.kind === 'reversal') throw new Refusal(422, 'not_reversible', 'A reversal cannot itself be reversed; record the income or expense again instead.')
  const done = reversalOf(f, entry.id)
  if (done) throw new Refusal(409, 'already_reversed', `This entry was already reversed by ${done.id}.`)
  const balance = fundBalanceOf(f)
  if (balance - entry.amountFen < 0) {
    throw new Refusal(422, 'balance_would_go_negative', `The fund holds ${balance} fen; reversing this income would leave ${balance - entry.amountFen}.`, [{ path: 'id', message: `balance ${balance} fen` }])
  }
  const row = postEntry(f, who, at, { kind: 'reversal', amountFen: -entry.amountFen, reverses: entry.id, incomeId: entry.incomeId, expenseId: entry.expenseId, reason, occurredAt: at })
  return toEntry(f, row)
}

function balanceOf(f: FundWorld, asOf: string): FundBalance {
  const sum = (k: FundEntryKind) => f.entries.filter((e) => e.kind === k).reduce((s, e) => s + e.amountFen, 0)
  const pending = f.expenses.filter((x) => x.status === 'requested')
  const incomeFen = sum('income')
  const expenseFen = -sum('expense')
  const reversalFen = sum('reversal')
  return {
    balanceFen: incomeFen - expenseFen + reversalFen,
    incomeFen,
    expenseFen,
    reversalFen,
    entryCount: f.entries.length,
    pendingExpenseCount: pending.length,
    pendingExpenseFen: pending.reduce((s, x) => s + x.amountFen, 0),
    asOf,
  }
}

function statementOf(f: FundWorld, month: string): FundStatement {
  const { from, to } = chinaMonthRange(month)
  const openingFen = f.entries.filter((e) => e.occurredAt < from).reduce((s, e) => s + e.amountFen, 0)
  const rows = f.entries.filter((e) => e.occurredAt >= from && e.occurredAt < to).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq))
  const lines: FundStatementLine[] = rows.map((e) => {
    const i = e.incomeId ? f.income.find((x) => x.id === e.incomeId) : undefined
    const x = e.expenseId ? f.expenses.find((y) => y.id === e.expenseId) : undefined
    const isIncome = e.kind === 'income'
    return {
      entryId: e.id,
      seq: e.seq,
      kind: e.kind,
      occurredAt: e.occurredAt,
      date: chinaDay(e.occurredAt),
      amountFen: e.amountFen,
      incomeId: e.incomeId,
      expenseId: e.expenseId,
      reverses: e.reverses,
      receiptNumber: i?.receiptNumber ?? null,
      channel: isIncome ? (i?.channel ?? null) : null,
      donorKind: isIncome ? (i?.donorKind ?? null) : null,
      donorName: isIncome && i ? (i.donorKind === 'anonymous' || !i.donorName ? ANONYMOUS_FUND_DONOR_LABEL['zh-CN'] : i.donorName) : null,
      purpose: x?.purpose ?? null,
      payee: x?.payee ?? null,
      reason: e.reason,
      reversed: reversalOf(f, e.id) !== null,
    }
  })
  const sum = (ls: FundStatementLine[]) => ls.reduce((s, l) => s + l.amountFen, 0)
  const incomeLines = lines.filter((l) => l.kind === 'income')
  const expenseLines = lines.filter((l) => l.kind === 'expense')
  const reversalLines = lines.filter((l) => l.kind === 'reversal')
  const incomeFen = sum(incomeLines)
  const expenseFen = -sum(expenseLines)
  const reversalFen = sum(reversalLines)
  return { month, from, to, openingFen, incomeLines, expenseLines, reversalLines, incomeFen, expenseFen, reversalFen, closingFen: openingFen + incomeFen - expenseFen + reversalFen }
}

/**
 * The demo fund, as the seed: founded with ¥600,000 by 融新茶业 (a partner), a few gifts since, one
 * approved expense (重阳节慰问品) and one request by 刘芳 (care staff) waiting for a second person.
 */
function seedFund(state: MockState): FundWorld {
  const f: FundWorld = { seq: 0, receiptSeq: 0, income: [], expenses: [], entries: [] }
  const now = state.now().getTime()
  const ago = (days: number) => new Date(now - days * DAY).toISOString()
  const care = state.user('care').user.id
  const admin = state.user('admin').user.id
  const leader = state.user('leader').user.id
  const tea = partnersOf(state).partners.find((p) => p.name === '融新茶业有限公司')
  const give = (days: number, input: Omit<FundIncomeInput, 'receivedAt'>) => recordIncome(f, state, care, ago(days), { ...input, receivedAt: ago(days) } as FundIncomeInput)
  give(70, { donor: { kind: 'enterprise', name: '融新茶业有限公司' }, ...(tea ? { partnerId: tea.id } : {}), amountFen: 60_000_000, channel: 'bank_transfer', note: '公益基金创立捐款' })
  give(40, { donor: { kind: 'person', name: '陈淑芬', phone: '13800001111' }, amountFen: 50_000, channel: 'wechat' })
  const oldRequest = requestExpense(f, care, ago(30), { purpose: '重阳节慰问品', payee: '融新粮油店', amountFen: 1_280_000, note: '80 户老人，每户大米一袋、油一桶' })
  decide(f, leader, ago(29), oldRequest.id, { approve: true, note: '同意' })
  give(12, { donor: { kind: 'anonymous' }, amountFen: 20_000, channel: 'cash' })
  give(2, { donor: { kind: 'person', name: '王建华' }, amountFen: 100_000, channel: 'alipay', note: '少抽一包烟' })
  requestExpense(f, care, ago(1), { purpose: '冬季棉被采购', payee: '锦江区百货站', amountFen: 450_000, attachment: '采购报价单 2025-031', note: '30 床' })
  void admin
  return f
}

// ---- handlers ----

export const fundHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts, '/fund')
  const { read, write } = mockRoutes(getState, v1, storedWorld(worlds, getState, opts.storage, STORE_KEY))
  const notFound = (what: string) => fail(404, 'not_found', `${what} not found.`)
  const isRecorder = (u: MockUser) => u.user.roles.some((r) => (RECORDERS as readonly string[]).includes(r))

  return [
    write('post', '/income', RECORDERS, FundIncomeInput, FundIncome, 201, (body, { w, who, at }) => recordIncome(w, getState(), who, at, body)),
    read('/income', READERS, ({ w, url }) => {
      const partnerId = url.searchParams.get('partnerId')
      const channel = url.searchParams.get('channel')
      const rows = [...w.income].reverse().filter((i) => (!partnerId || i.partnerId === partnerId) && (!channel || i.channel === channel))
      return respondPage(FundIncome, rows, url, (i) => toIncome(w, i, 'masked'))
    }),
    read('/income/:id', READERS, ({ w, params, who }) => {
      const i = w.income.find((x) => x.id === params.id)
      return i ? respond(FundIncome, toIncome(w, i, isRecorder(who) ? 'whole' : 'masked')) : notFound('Income')
    }),
    write('post', '/expenses', RECORDERS, ExpenseRequestInput, FundExpense, 201, (body, { w, who, at }) => requestExpense(w, who, at, body)),
    read('/expenses', READERS, ({ w, url }) => {
      const status = url.searchParams.get('status')
      return respondPage(FundExpense, [...w.expenses].reverse().filter((x) => !status || x.status === status), url, (x) => toExpense(w, x, false))
    }),
    read('/expenses/:id', READERS, ({ w, params }) => {
      const x = w.expenses.find((y) => y.id === params.id)
      return x ? respond(FundExpense, toExpense(w, x, true)) : notFound('Expense request')
    }),
    write('post', '/expenses/:id/decision', DECIDERS, ExpenseDecisionInput, FundExpense, 200, (body, { w, who, at, params }) => decide(w, who, at, params.id!, body)),
    read('/entries', READERS, ({ w, url }) => {
      const kind = url.searchParams.get('kind')
      return respondPage(FundEntry, [...w.entries].reverse().filter((e) => !kind || e.kind === kind), url, (e) => toEntry(w, e))
    }),
    read('/entries/:id', READERS, ({ w, params }) => {
      const e = w.entries.find((x) => x.id === params.id)
      return e ? respond(FundEntry, toEntry(w, e)) : notFound('Entry')
    }),
    write('post', '/entries/:id/reversal', RECORDERS, FundReversalInput, FundEntry, 201, (body, { w, who, at, params }) => reverse(w, who, at, params.id!, body.reason)),
    read('/balance', READERS, ({ w }) => respond(FundBalance, balanceOf(w, getState().now().toISOString()))),
    read('/statements/:month', READERS, ({ w, params }) => {
      const month = params.month!
      if (!MONTH_PATTERN.test(month)) return fail(400, 'invalid_request', 'The request is not valid.', [{ path: 'month', message: 'must be YYYY-MM' }])
      return respond(FundStatement, statementOf(w, month))
    }),
  ]
}
