import { chinaMonthRange, type FundChannel, type FundDonorKind, type FundStatement, type FundStatementLine } from '@chayi/domain'
import { chinaDay } from '../hours/time.js'
import { fundDonorName } from './income.js'
import type { Db } from './ledger.js'

// 月度收支表: a China-time month of the ledger. Opening = every entry before the month; closing =
// opening + the month's entries; so next month's opening is this month's closing, always.

export async function monthlyStatement(db: Db, teamId: string, month: string): Promise<FundStatement> {
  const { from, to } = chinaMonthRange(month)
  const opening = await db
    .selectFrom('fundEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'))
    .where('teamId', '=', teamId)
    .where('occurredAt', '<', from)
    .executeTakeFirstOrThrow()
  const rows = await db
    .selectFrom('fundEntries as e')
    .leftJoin('fundIncome as i', 'i.id', 'e.incomeId')
    .leftJoin('fundExpenseRequests as x', 'x.id', 'e.expenseId')
    .selectAll('e')
    .select(['i.receiptNumber', 'i.channel', 'i.donorKind', 'i.donorName', 'x.purpose', 'x.payee'])
    .where('e.teamId', '=', teamId)
    .where('e.occurredAt', '>=', from)
    .where('e.occurredAt', '<', to)
    .orderBy('e.occurredAt')
    .orderBy('e.seq')
    .execute()
  const reversed = new Set(
    rows.length ? (await db.selectFrom('fundEntries').select('reverses').where('reverses', 'in', rows.map((r) => r.id)).execute()).map((r) => r.reverses) : [],
  )
  const lines: FundStatementLine[] = rows.map((r) => {
    const isIncome = r.kind === 'income'
    return {
      entryId: r.id,
      seq: Number(r.seq),
      kind: r.kind,
      occurredAt: r.occurredAt,
      date: chinaDay(r.occurredAt),
      amountFen: Number(r.amountFen),
      incomeId: r.incomeId,
      expenseId: r.expenseId,
      reverses: r.reverses,
      receiptNumber: r.receiptNumber ?? null,
      channel: isIncome ? ((r.channel ?? null) as FundChannel | null) : null,
      donorKind: isIncome ? ((r.donorKind ?? null) as FundDonorKind | null) : null,
      donorName: isIncome && r.donorKind ? fundDonorName({ donorKind: r.donorKind, donorName: r.donorName }) : null,
      purpose: r.purpose ?? null,
      payee: r.payee ?? null,
      reason: r.reason,
      reversed: reversed.has(r.id),
    }
  })
  const sum = (ls: FundStatementLine[]) => ls.reduce((s, l) => s + l.amountFen, 0)
  const incomeLines = lines.filter((l) => l.kind === 'income')
  const expenseLines = lines.filter((l) => l.kind === 'expense')
  const reversalLines = lines.filter((l) => l.kind === 'reversal')
  const openingFen = Number(opening.n)
  const incomeFen = sum(incomeLines)
  const expenseFen = -sum(expenseLines)
  const reversalFen = sum(reversalLines)
  return { month, from, to, openingFen, incomeLines, expenseLines, reversalLines, incomeFen, expenseFen, reversalFen, closingFen: openingFen + incomeFen - expenseFen + reversalFen }
}
