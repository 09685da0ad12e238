import { randomBytes } from 'node:crypto'
import type { FundIncomeInput } from '@chayi/domain'
import type { createTestApi } from '../testing.js'

// Test helpers for the welfare fund: a team with two care staff, two admins, a leader and a
// volunteer, shorthand for income bodies, and row counts for "nothing was written".

type TestApi = Awaited<ReturnType<typeof createTestApi>>

export async function fundTeam(api: TestApi, code = `f${randomBytes(3).toString('hex')}`) {
  const team = await api.makeTeam(code)
  const roles = ['care_staff', 'care_staff', 'admin', 'admin', 'leader', 'volunteer', 'aid_worker'] as const
  const users = await Promise.all(roles.map((role) => api.makeUser(team.id, [role])))
  const cookies = await Promise.all(users.map((u) => api.signIn(u.username!)))
  const [staff, staff2, admin, admin2, leader, volunteer, aidWorker] = cookies as [string, string, string, string, string, string, string]
  return { team, staff, staff2, admin, admin2, leader, volunteer, aidWorker, users }
}

export const incomeBody = (over: Partial<FundIncomeInput> = {}): FundIncomeInput => ({
  donor: { kind: 'anonymous' },
  amountFen: 10_000,
  channel: 'wechat',
  receivedAt: '2026-11-20T02:00:00.000Z',
  ...over,
})

/** Row counts of every table the fund writes (plus the chain, counters and idempotency keys). */
export async function fundCounts(api: TestApi) {
  const tables = ['fundIncome', 'fundExpenseRequests', 'fundEntries', 'ledgerEvents', 'teamCounters', 'idempotencyKeys'] as const
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = Number((await api.deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return out
}

/** The team's balance as the raw sum of its ledger rows, straight from the database. */
export async function rawBalance(api: TestApi, teamId: string): Promise<number> {
  const r = await api.deps.db
    .selectFrom('fundEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('n'))
    .where('teamId', '=', teamId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
