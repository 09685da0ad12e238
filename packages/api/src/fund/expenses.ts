import type { FundExpenseRequestRow } from '@chayi/db'
import type { ExpenseDecisionInput, ExpenseRequestInput, ExpenseStatus, FundExpense } from '@chayi/domain'
import { ApiError, conflict, notFound, unprocessable } from '../errors.js'
import { decodeCursor, encodeCursor } from '../hours/cursor.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import { balanceOf, lockFund, postEntry, type Db } from './ledger.js'

// Expenses (支出) under the two-person rule: one person requests, a different person (admin or
// leader) decides. Only an approval posts money out of the fund, and only when the balance covers
// it. The one change to a request is its decision, made once by a conditional UPDATE.

/** The requester tried to decide their own request. */
export const samePerson = () =>
  new ApiError(403, 'same_person', 'An expense must be decided by a second person: the requester cannot approve or reject their own request.')

async function present(db: Db, rows: FundExpenseRequestRow[], withAttachment: boolean): Promise<FundExpense[]> {
  if (!rows.length) return []
  const entries = await db.selectFrom('fundEntries').select(['id', 'expenseId']).where('kind', '=', 'expense').where('expenseId', 'in', rows.map((r) => r.id)).execute()
  const entryOf = new Map(entries.map((e) => [e.expenseId!, e.id]))
  const reversals = entries.length ? await db.selectFrom('fundEntries').select(['id', 'reverses']).where('reverses', 'in', entries.map((e) => e.id)).execute() : []
  const reversalOf = new Map(reversals.map((r) => [r.reverses!, r.id]))
  return rows.map((r) => {
    const entryId = entryOf.get(r.id) ?? null
    const reversalEntryId = entryId ? (reversalOf.get(entryId) ?? null) : null
    const e: FundExpense = {
      id: r.id,
      purpose: r.purpose,
      payee: r.payee,
      amountFen: Number(r.amountFen),
      note: r.note,
      hasAttachment: r.attachment !== null,
      status: r.status,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
      entryId,
      reversed: reversalEntryId !== null,
      reversalEntryId,
    }
    if (withAttachment && r.attachment) e.attachment = r.attachment
    return e
  })
}

/** Records a request to pay money out; it waits for a second person's decision. */
export async function requestExpense(w: WriteScope, input: ExpenseRequestInput): Promise<FundExpense> {
  const row: FundExpenseRequestRow = {
    id: newId(),
    teamId: w.teamId,
    purpose: input.purpose,
    payee: input.payee,
    amountFen: input.amountFen,
    attachment: input.attachment ?? null,
    note: input.note || null,
    status: 'requested',
    requestedBy: w.actor,
    requestedAt: w.at,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  }
  await w.trx.insertInto('fundExpenseRequests').values(row).execute()
  // Purpose and payee are free text (a payee may be a person): they stay in the row.
  await w.record({ kind: 'fund.expense_requested', entity: 'fund_expense', entityId: row.id, payload: { amountFen: row.amountFen, hasAttachment: row.attachment !== null } })
  return (await present(w.trx, [row], false))[0]!
}

/**
 * A second person decides a request. The requester may not (403 `same_person`); a request is
 * decided once (409 `already_decided`); an approval the balance does not cover is a 422
 * `insufficient_funds` and nothing is written.
 */
export async function decideExpense(w: WriteScope, id: string, input: ExpenseDecisionInput): Promise<FundExpense> {
  const req = await w.trx.selectFrom('fundExpenseRequests').selectAll().where('teamId', '=', w.teamId).where('id', '=', id).executeTakeFirst()
  if (!req) throw notFound('Expense request')
  if (req.requestedBy === w.actor) throw samePerson()
  if (req.status !== 'requested') throw conflict('already_decided', `This request was already ${req.status}.`)
  const decisionNote = input.note?.trim() || null
  const amountFen = Number(req.amountFen)
  let seq: number | null = null
  let balanceAfterFen: number | null = null
  if (input.approve) {
    seq = await lockFund(w)
    const balance = await balanceOf(w.trx, w.teamId)
    if (balance < amountFen) {
      throw unprocessable('insufficient_funds', `The fund holds ${balance} fen; this expense needs ${amountFen}.`, [{ path: 'amountFen', message: `balance ${balance} fen` }])
    }
    balanceAfterFen = balance - amountFen
  }
  const status = input.approve ? 'approved' : 'rejected'
  const done = await w.trx
    .updateTable('fundExpenseRequests')
    .set({ status, decidedBy: w.actor, decidedAt: w.at, decisionNote })
    .where('teamId', '=', w.teamId)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst()
  // Two racing decisions: the second finds the request no longer waiting.
  if (Number(done.numUpdatedRows) !== 1) throw conflict('already_decided', 'This request was already decided.')
  let entryId: string | null = null
  if (seq !== null) entryId = (await postEntry(w, seq, { kind: 'expense', amountFen: -amountFen, expenseId: id, occurredAt: w.at })).id
  await w.record({
    kind: input.approve ? 'fund.expense_approved' : 'fund.expense_rejected',
    entity: 'fund_expense',
    entityId: id,
    payload: { requestedBy: req.requestedBy, amountFen, entryId, seq, balanceAfterFen },
  })
  const row = await w.trx.selectFrom('fundExpenseRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return (await present(w.trx, [row], false))[0]!
}

export async function getExpense(db: Db, teamId: string, id: string): Promise<FundExpense> {
  const row = await db.selectFrom('fundExpenseRequests').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Expense request')
  return (await present(db, [row], true))[0]!
}

/** The team's requests, newest first (attachments left out). */
export async function listExpenses(db: Db, teamId: string, f: { status?: ExpenseStatus | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('fundExpenseRequests').selectAll().where('teamId', '=', teamId).orderBy('requestedAt', 'desc').orderBy('id', 'desc').limit(f.limit + 1)
  if (f.status) q = q.where('status', '=', f.status)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    q = q.where((eb) => eb.or([eb('requestedAt', '<', c.createdAt), eb.and([eb('requestedAt', '=', c.createdAt), eb('id', '<', c.id)])]))
  }
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await present(db, pageRows, false), nextCursor: more && last ? encodeCursor(last.requestedAt, last.id) : null }
}
