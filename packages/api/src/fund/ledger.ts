import type { Kysely } from 'kysely'
import { isUniqueViolation, type Database, type FundEntryRow } from '@chayi/db'
import type { FundBalance, FundEntry, FundEntryKind } from '@chayi/domain'
import { nextTeamCounter } from '../counters.js'
import { badRequest, conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'

// The fund's ledger (公益基金台账): entries are only ever inserted. Income is +, an approved expense
// −, a reversal the opposite of the entry it reverses; the balance is their sum and never negative.
// Every write that posts an entry first takes the team's next entry number (`fund_entry_seq`, a
// locked counter row), so postings queue one behind the other and each sees the balance the one
// before it left.

export type Db = Kysely<Database>

/** Takes the next entry number; call it before any other lock in a write that posts an entry. */
export const lockFund = (w: WriteScope) => nextTeamCounter(w, 'fund_entry_seq')

/** The sum of the team's entries. */
export async function balanceOf(db: Db, teamId: string): Promise<number> {
  const r = await db
    .selectFrom('fundEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'))
    .where('teamId', '=', teamId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export interface NewEntry {
  kind: FundEntryKind
  amountFen: number
  occurredAt: string
  incomeId?: string | null
  expenseId?: string | null
  reverses?: string | null
  reason?: string | null
}

/** Inserts one entry with the number `seq` taken by lockFund in this write. */
export async function postEntry(w: WriteScope, seq: number, e: NewEntry): Promise<FundEntryRow> {
  const row: FundEntryRow = {
    id: newId(),
    teamId: w.teamId,
    seq,
    kind: e.kind,
    amountFen: e.amountFen,
    incomeId: e.incomeId ?? null,
    expenseId: e.expenseId ?? null,
    reverses: e.reverses ?? null,
    reason: e.reason ?? null,
    occurredAt: e.occurredAt,
    createdBy: w.actor,
    createdAt: w.at,
  }
  await w.trx.insertInto('fundEntries').values(row).execute()
  return row
}

/** Entry rows → API entries, with the balance after each and the reversal of each, if any. */
async function toEntries(db: Db, teamId: string, rows: FundEntryRow[]): Promise<FundEntry[]> {
  if (!rows.length) return []
  const seqs = rows.map((r) => Number(r.seq))
  const lo = Math.min(...seqs)
  const hi = Math.max(...seqs)
  const before = await db
    .selectFrom('fundEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'))
    .where('teamId', '=', teamId)
    .where('seq', '<', lo)
    .executeTakeFirstOrThrow()
  const span = await db.selectFrom('fundEntries').select(['seq', 'amountFen']).where('teamId', '=', teamId).where('seq', '>=', lo).where('seq', '<=', hi).orderBy('seq').execute()
  const after = new Map<number, number>()
  let running = Number(before.n)
  for (const s of span) {
    running += Number(s.amountFen)
    after.set(Number(s.seq), running)
  }
  const reversals = await db.selectFrom('fundEntries').select(['id', 'reverses']).where('reverses', 'in', rows.map((r) => r.id)).execute()
  const reversedBy = new Map(reversals.map((r) => [r.reverses!, r.id]))
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind,
    amountFen: Number(r.amountFen),
    balanceAfterFen: after.get(Number(r.seq)) ?? 0,
    occurredAt: r.occurredAt,
    incomeId: r.incomeId,
    expenseId: r.expenseId,
    reverses: r.reverses,
    reversedBy: reversedBy.get(r.id) ?? null,
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }))
}

export async function loadEntry(db: Db, teamId: string, id: string): Promise<FundEntry | undefined> {
  const row = await db.selectFrom('fundEntries').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  return row ? (await toEntries(db, teamId, [row]))[0] : undefined
}

const encodeSeqCursor = (seq: number) => Buffer.from(`seq:${seq}`, 'utf8').toString('base64url')
function decodeSeqCursor(cursor: string): number {
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!m) throw badRequest('invalid_request', 'The query string is not valid.', [{ path: 'cursor', message: 'not a cursor this list gave out' }])
  return Number(m[1])
}

/** The ledger, newest entry first, with the balance after each entry. */
export async function listEntries(db: Db, teamId: string, f: { kind?: FundEntryKind | undefined; limit: number; cursor?: string | undefined }) {
  let q = db.selectFrom('fundEntries').selectAll().where('teamId', '=', teamId).orderBy('seq', 'desc').limit(f.limit + 1)
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.cursor) q = q.where('seq', '<', decodeSeqCursor(f.cursor))
  const rows = await q.execute()
  const more = rows.length > f.limit
  const pageRows = more ? rows.slice(0, f.limit) : rows
  const last = pageRows[pageRows.length - 1]
  return { items: await toEntries(db, teamId, pageRows), nextCursor: more && last ? encodeSeqCursor(Number(last.seq)) : null }
}

/** Balance with its parts, and the requests still waiting for a second person. */
export async function fundBalance(db: Db, teamId: string, asOf: string): Promise<FundBalance> {
  const parts = await db
    .selectFrom('fundEntries')
    .select(['kind'])
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'), eb.fn.countAll<number>().as('c')])
    .where('teamId', '=', teamId)
    .groupBy('kind')
    .execute()
  const sum = (k: FundEntryKind) => Number(parts.find((p) => p.kind === k)?.n ?? 0)
  const pending = await db
    .selectFrom('fundExpenseRequests')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'), eb.fn.countAll<number>().as('c')])
    .where('teamId', '=', teamId)
    .where('status', '=', 'requested')
    .executeTakeFirstOrThrow()
  const incomeFen = sum('income')
  const expenseFen = -sum('expense')
  const reversalFen = sum('reversal')
  return {
    balanceFen: incomeFen - expenseFen + reversalFen,
    incomeFen,
    expenseFen,
    reversalFen,
    entryCount: parts.reduce((s, p) => s + Number(p.c), 0),
    pendingExpenseCount: Number(pending.c),
    pendingExpenseFen: Number(pending.n),
    asOf,
  }
}

/**
 * Reverses an income or an approved expense with a new entry of the opposite sign. A reversal is
 * not reversed (record the money again instead); an entry is reversed once (409); a reversal that
 * would leave the fund below zero is a 422 and nothing is written.
 */
export async function reverseEntry(w: WriteScope, entryId: string, reason: string): Promise<FundEntry> {
  const entry = await w.trx.selectFrom('fundEntries').selectAll().where('teamId', '=', w.teamId).where('id', '=', entryId).executeTakeFirst()
  if (!entry) throw notFound('Entry')
  if (entry.kind === 'reversal') throw unprocessable('not_reversible', 'A reversal cannot itself be reversed; record the income or expense again instead.')
  const seq = await lockFund(w)
  // Checked under the fund lock, so of two racing reversals the second sees the first.
  const done = await w.trx.selectFrom('fundEntries').select('id').where('reverses', '=', entry.id).executeTakeFirst()
  if (done) throw conflict('already_reversed', `This entry was already reversed by ${done.id}.`)
  const amountFen = -Number(entry.amountFen)
  const balance = await balanceOf(w.trx, w.teamId)
  if (balance + amountFen < 0) {
    throw unprocessable('balance_would_go_negative', `The fund holds ${balance} fen; reversing this income would leave ${balance + amountFen}.`, [
      { path: 'id', message: `balance ${balance} fen, reversal ${amountFen} fen` },
    ])
  }
  let row: FundEntryRow
  try {
    row = await postEntry(w, seq, { kind: 'reversal', amountFen, reverses: entry.id, incomeId: entry.incomeId, expenseId: entry.expenseId, reason, occurredAt: w.at })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('already_reversed', 'This entry was already reversed.')
    throw err
  }
  // The reason is free text and may name people: it stays in the row; the chain gets ids and numbers.
  await w.record({
    kind: 'fund.entry_reversed',
    entity: 'fund_entry',
    entityId: row.id,
    payload: { reverses: entry.id, reversedKind: entry.kind, seq, amountFen, balanceAfterFen: balance + amountFen },
  })
  return (await toEntries(w.trx, w.teamId, [row]))[0]!
}
