import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody, FundBalance, FundEntry, FundExpense, FundIncome, FundStatement, page } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { newId } from '../ids.js'
import { createTestApi, testClock } from '../testing.js'
import { fundCounts, fundTeam, incomeBody, rawBalance } from './fixtures.js'

describeEachDialect('fund: expenses under the two-person rule, reversals, balance, statements', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  const clock = testClock()
  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
  }, 60_000)
  afterAll(() => api.close())

  const post = (cookie: string, path: string, body: unknown) => api.call('POST', `/api/v1/fund${path}`, { cookie, body })
  const get = (cookie: string, path: string) => api.call('GET', `/api/v1/fund${path}`, { cookie })
  const give = async (cookie: string, amountFen: number, over: Parameters<typeof incomeBody>[0] = {}) => {
    const r = await post(cookie, '/income', incomeBody({ amountFen, receivedAt: clock.now().toISOString(), ...over }))
    expect(r.status, r.text).toBe(201)
    return FundIncome.parse(r.json)
  }
  const ask = async (cookie: string, amountFen: number, over: Record<string, unknown> = {}) => {
    const r = await post(cookie, '/expenses', { purpose: '重阳节慰问品', payee: '幸福社区超市', amountFen, note: '30 份', ...over })
    expect(r.status, r.text).toBe(201)
    return FundExpense.parse(r.json)
  }
  const decide = (cookie: string, id: string, approve: boolean, note?: string) => post(cookie, `/expenses/${id}/decision`, { approve, ...(note ? { note } : {}) })
  const balanceOf = async (cookie: string) => FundBalance.parse((await get(cookie, '/balance')).json)

  describe('the two-person rule', () => {
    it('never lets the requester decide; a second admin or a leader can; care staff cannot decide at all', async () => {
      const t = await fundTeam(api)
      await give(t.staff, 100_000)
      const e1 = await ask(t.staff, 30_000)
      expect(e1).toMatchObject({ status: 'requested', entryId: null, hasAttachment: false })
      expect((await balanceOf(t.leader)).balanceFen).toBe(100_000)
      // Care staff may request but not decide, not even someone else's request.
      const byStaff = await decide(t.staff2, e1.id, true)
      expect([byStaff.status, byStaff.json.error.code]).toEqual([403, 'forbidden'])

      const e2 = await ask(t.admin, 20_000)
      const before = await fundCounts(api)
      for (const approve of [true, false]) {
        const own = await decide(t.admin, e2.id, approve)
        expect([own.status, ErrorBody.parse(own.json).error.code]).toEqual([403, 'same_person'])
      }
      expect(await fundCounts(api)).toEqual(before)
      expect(FundExpense.parse((await get(t.admin, `/expenses/${e2.id}`)).json).status).toBe('requested')

      const ok = await decide(t.admin2, e2.id, true, '同意')
      expect(ok.status, ok.text).toBe(200)
      const approved = FundExpense.parse(ok.json)
      expect(approved).toMatchObject({ status: 'approved', decisionNote: '同意', reversed: false })
      expect(approved.decidedBy).not.toBe(approved.requestedBy)
      expect(approved.entryId).not.toBeNull()
      const byLeader = FundExpense.parse((await decide(t.leader, e1.id, true)).json)
      expect(byLeader.status).toBe('approved')
      expect((await balanceOf(t.leader))).toMatchObject({ balanceFen: 50_000, incomeFen: 100_000, expenseFen: 50_000, pendingExpenseCount: 0 })

      const twice = await decide(t.leader, e2.id, false)
      expect([twice.status, twice.json.error.code]).toEqual([409, 'already_decided'])

      const e3 = await ask(t.staff, 1_000)
      const rejected = FundExpense.parse((await decide(t.admin, e3.id, false, '重复申请')).json)
      expect(rejected).toMatchObject({ status: 'rejected', entryId: null })
      expect((await decide(t.admin2, e3.id, true)).json.error.code).toBe('already_decided')
      expect((await balanceOf(t.staff)).balanceFen).toBe(50_000)

      const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', e2.id).orderBy('seq').execute()
      expect(ev.map((e) => e.kind)).toEqual(['fund.expense_requested', 'fund.expense_approved'])
      expect(JSON.parse(ev[1]!.payload)).toMatchObject({ amountFen: 20_000, entryId: approved.entryId, balanceAfterFen: 80_000 })
      expect(ev.map((e) => e.payload).join()).not.toContain('幸福社区超市')
    })

    it('refuses an approval the balance does not cover with a 422, writing nothing; it can be approved once money comes in', async () => {
      const t = await fundTeam(api)
      await give(t.staff, 1_000)
      const e = await ask(t.staff, 5_000)
      const before = await fundCounts(api)
      const r = await decide(t.admin, e.id, true)
      expect([r.status, ErrorBody.parse(r.json).error.code]).toEqual([422, 'insufficient_funds'])
      expect(await fundCounts(api)).toEqual(before)
      expect(FundExpense.parse((await get(t.leader, `/expenses/${e.id}`)).json).status).toBe('requested')
      expect((await balanceOf(t.leader))).toMatchObject({ balanceFen: 1_000, pendingExpenseCount: 1, pendingExpenseFen: 5_000 })
      await give(t.staff, 4_000)
      expect((await decide(t.admin, e.id, true)).status).toBe(200)
      expect((await balanceOf(t.leader)).balanceFen).toBe(0)
    })

    it('takes an attachment as a small data URL or a reference, shown only when one request is read', async () => {
      const t = await fundTeam(api)
      const pdf = `data:application/pdf;base64,${Buffer.alloc(2000, 3).toString('base64')}`
      const e = await ask(t.staff, 100, { attachment: pdf })
      expect(e.hasAttachment).toBe(true)
      expect(e.attachment).toBeUndefined()
      expect(FundExpense.parse((await get(t.leader, `/expenses/${e.id}`)).json).attachment).toBe(pdf)
      const ref = await ask(t.staff, 200, { attachment: '发票 No. 044001900111' })
      expect(page(FundExpense).parse((await get(t.leader, '/expenses?status=requested')).json).items.map((x) => [x.id, x.hasAttachment, x.attachment])).toEqual([
        [ref.id, true, undefined],
        [e.id, true, undefined],
      ])
    })
  })

  describe('reversals', () => {
    it('reverses income and approved expenses once each, never a reversal, never below zero', async () => {
      const t = await fundTeam(api)
      const a = await give(t.staff, 10_000)
      const b = await give(t.staff, 3_000)
      const e = await ask(t.staff, 8_000)
      const approved = FundExpense.parse((await decide(t.admin, e.id, true)).json)
      expect((await balanceOf(t.staff)).balanceFen).toBe(5_000)

      // Reversing a: 5,000 − 10,000 < 0 → 422, nothing written.
      const before = await fundCounts(api)
      const neg = await post(t.staff, `/entries/${a.entryId}/reversal`, { reason: '录错' })
      expect([neg.status, neg.json.error.code]).toEqual([422, 'balance_would_go_negative'])
      expect(await fundCounts(api)).toEqual(before)

      const rb = await post(t.staff, `/entries/${b.entryId}/reversal`, { reason: '重复录入' })
      expect(rb.status, rb.text).toBe(201)
      expect(FundEntry.parse(rb.json)).toMatchObject({ kind: 'reversal', amountFen: -3_000, reverses: b.entryId, incomeId: b.id, balanceAfterFen: 2_000, reason: '重复录入' })
      expect((await post(t.staff, `/entries/${b.entryId}/reversal`, { reason: '再来' })).json.error.code).toBe('already_reversed')
      expect((await post(t.staff, `/entries/${rb.json.id}/reversal`, { reason: 'x' })).json.error.code).toBe('not_reversible')
      expect(FundIncome.parse((await get(t.staff, `/income/${b.id}`)).json)).toMatchObject({ reversed: true, reversalEntryId: rb.json.id })

      const re = await post(t.admin, `/entries/${approved.entryId}/reversal`, { reason: '供应商退款' })
      expect(FundEntry.parse(re.json)).toMatchObject({ amountFen: 8_000, expenseId: e.id, balanceAfterFen: 10_000 })
      expect(FundExpense.parse((await get(t.leader, `/expenses/${e.id}`)).json)).toMatchObject({ status: 'approved', reversed: true })
      // Now a can go.
      expect((await post(t.staff, `/entries/${a.entryId}/reversal`, { reason: '录错' })).status).toBe(201)
      expect(await balanceOf(t.leader)).toMatchObject({ balanceFen: 0, incomeFen: 13_000, expenseFen: 8_000, reversalFen: -5_000, entryCount: 6 })

      // Leaders read but do not reverse; unknown ids look missing; a reason is required.
      expect((await post(t.leader, `/entries/${a.entryId}/reversal`, { reason: 'x' })).status).toBe(403)
      expect((await post(t.staff, `/entries/${newId()}/reversal`, { reason: 'x' })).status).toBe(404)
      expect((await post(t.staff, `/entries/${a.entryId}/reversal`, { reason: ' ' })).status).toBe(400)
      const ledger = page(FundEntry).parse((await get(t.leader, '/entries?limit=4')).json)
      const more = page(FundEntry).parse((await get(t.leader, `/entries?limit=4&cursor=${ledger.nextCursor}`)).json)
      expect([...ledger.items, ...more.items].map((x) => [x.seq, x.kind, x.balanceAfterFen])).toEqual([
        [6, 'reversal', 0],
        [5, 'reversal', 10_000],
        [4, 'reversal', 2_000],
        [3, 'expense', 5_000],
        [2, 'income', 13_000],
        [1, 'income', 10_000],
      ])
      expect(FundEntry.parse((await get(t.leader, `/entries/${b.entryId}`)).json).reversedBy).toBe(rb.json.id)
    })
  })

  it('keeps the balance equal to the sum of the entries, and never negative, through a random-ish sequence', async () => {
    const t = await fundTeam(api)
    let s = 20261128
    const rand = (n: number) => {
      s = (s * 1103515245 + 12345) % 2 ** 31
      return s % n
    }
    let model = 0
    const live: { entryId: string; amount: number }[] = []
    const requesters = [t.staff, t.staff2, t.admin]
    const deciders = [t.admin2, t.leader]
    for (let i = 0; i < 40; i++) {
      const op = rand(10)
      if (op < 4) {
        const amount = 1 + rand(50_000)
        const inc = await give(requesters[rand(2)]!, amount)
        model += amount
        live.push({ entryId: inc.entryId, amount })
      } else if (op < 8) {
        const amount = 1 + rand(60_000)
        const e = await ask(requesters[rand(3)]!, amount)
        const approve = op !== 7
        const r = await decide(deciders[rand(2)]!, e.id, approve)
        if (approve && amount > model) {
          expect([r.status, r.json.error.code]).toEqual([422, 'insufficient_funds'])
        } else {
          expect(r.status, r.text).toBe(200)
          if (approve) {
            model -= amount
            live.push({ entryId: FundExpense.parse(r.json).entryId!, amount: -amount })
          }
        }
      } else if (live.length) {
        const [target] = live.splice(rand(live.length), 1)
        const r = await post(t.staff, `/entries/${target!.entryId}/reversal`, { reason: '冲销' })
        if (model - target!.amount < 0) {
          expect([r.status, r.json.error.code]).toEqual([422, 'balance_would_go_negative'])
          live.push(target!)
        } else {
          expect(r.status, r.text).toBe(201)
          model -= target!.amount
        }
      }
      expect(model).toBeGreaterThanOrEqual(0)
    }
    const b = await balanceOf(t.leader)
    expect(b.balanceFen).toBe(model)
    expect(await rawBalance(api, t.team.id)).toBe(model)
    expect(b.incomeFen - b.expenseFen + b.reversalFen).toBe(model)
    const all = page(FundEntry).parse((await get(t.leader, '/entries?limit=200')).json).items
    expect(all.reduce((sum, e) => sum + e.amountFen, 0)).toBe(model)
    expect(all.length).toBe(b.entryCount)
    expect(all[0]?.balanceAfterFen ?? 0).toBe(model)
    expect(all.every((e) => e.balanceAfterFen >= 0)).toBe(true)
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => all.length - i))
  })

  it('states each China-time month: opening, lines, closing; one month’s closing is the next one’s opening', async () => {
    const t = await fundTeam(api)
    try {
      clock.set(new Date('2026-09-10T04:00:00.000Z'))
      const a = await give(t.staff, 100_000, { donor: { kind: 'person', name: '陈先生' }, channel: 'cash' })
      const e1 = await ask(t.staff, 30_000)
      clock.set(new Date('2026-09-20T04:00:00.000Z'))
      await decide(t.admin, e1.id, true)
      clock.set(new Date('2026-10-05T04:00:00.000Z'))
      await give(t.staff, 5_000)
      const e2 = await ask(t.staff, 10_000, { purpose: '助残活动', payee: '康复中心' })
      // 2026-10-31 23:30 in China: still October.
      clock.set(new Date('2026-10-31T15:30:00.000Z'))
      const d2 = FundExpense.parse((await decide(t.leader, e2.id, true)).json)
      // 2026-11-01 00:30 in China: November.
      clock.set(new Date('2026-10-31T16:30:00.000Z'))
      const e1Entry = FundExpense.parse((await get(t.staff, `/expenses/${e1.id}`)).json).entryId!
      expect((await post(t.staff, `/entries/${e1Entry}/reversal`, { reason: '退款' })).status).toBe(201)
      await give(t.staff, 700, { receivedAt: '2026-10-31T16:10:00.000Z' })

      const st = async (m: string) => FundStatement.parse((await get(t.leader, `/statements/${m}`)).json)
      const aug = await st('2026-08')
      expect([aug.openingFen, aug.closingFen, aug.incomeLines.length]).toEqual([0, 0, 0])
      const sep = await st('2026-09')
      expect(sep).toMatchObject({ from: '2026-08-31T16:00:00.000Z', to: '2026-09-30T16:00:00.000Z', openingFen: 0, incomeFen: 100_000, expenseFen: 30_000, reversalFen: 0, closingFen: 70_000 })
      expect(sep.incomeLines.map((l) => [l.receiptNumber, l.donorName, l.channel, l.amountFen, l.date])).toEqual([[a.receiptNumber, '陈先生', 'cash', 100_000, '2026-09-10']])
      expect(sep.expenseLines.map((l) => [l.purpose, l.payee, l.amountFen, l.date, l.reversed])).toEqual([['重阳节慰问品', '幸福社区超市', -30_000, '2026-09-20', true]])
      const oct = await st('2026-10')
      expect(oct).toMatchObject({ openingFen: 70_000, incomeFen: 5_000, expenseFen: 10_000, closingFen: 65_000 })
      expect(oct.expenseLines.map((l) => [l.expenseId, l.date])).toEqual([[d2.id, '2026-10-31']])
      const nov = await st('2026-11')
      expect(nov).toMatchObject({ openingFen: 65_000, incomeFen: 700, expenseFen: 0, reversalFen: 30_000, closingFen: 95_700 })
      expect(nov.reversalLines.map((l) => [l.reverses, l.reason, l.date])).toEqual([[e1Entry, '退款', '2026-11-01']])
      expect(nov.closingFen).toBe((await balanceOf(t.leader)).balanceFen)
      for (const bad of ['2026-13', '2026-1', 'abc']) expect((await get(t.leader, `/statements/${bad}`)).status).toBe(400)
    } finally {
      clock.set(new Date('2026-11-28T08:00:00.000Z'))
    }
  })

  it('lets each role do only its part: volunteers and aid workers nothing, leaders read and decide only', async () => {
    const t = await fundTeam(api)
    const inc = await give(t.staff, 5_000)
    const e = await ask(t.staff, 100)
    for (const cookie of [t.volunteer, t.aidWorker]) {
      for (const path of ['/balance', '/income', `/income/${inc.id}`, '/expenses', '/entries', '/statements/2026-11']) expect((await get(cookie, path)).status, path).toBe(403)
      expect((await post(cookie, '/income', incomeBody())).status).toBe(403)
      expect((await decide(cookie, e.id, true)).status).toBe(403)
    }
    for (const path of ['/balance', '/income', `/income/${inc.id}`, '/expenses', `/expenses/${e.id}`, '/entries', '/statements/2026-11']) expect((await get(t.leader, path)).status, path).toBe(200)
    expect((await post(t.leader, '/income', incomeBody())).status).toBe(403)
    expect((await post(t.leader, '/expenses', { purpose: 'x', payee: 'y', amountFen: 1 })).status).toBe(403)
    expect((await post(t.leader, `/entries/${inc.entryId}/reversal`, { reason: 'x' })).status).toBe(403)
    expect((await decide(t.leader, e.id, true)).status).toBe(200)
  })

  it('refuses bad expense bodies and decisions with the contract shape, writing nothing', async () => {
    const t = await fundTeam(api)
    const e = await ask(t.staff, 100)
    const big = `data:image/jpeg;base64,${Buffer.alloc(210 * 1024, 1).toString('base64')}`
    const before = await fundCounts(api)
    const good = { purpose: '慰问', payee: '超市', amountFen: 100 }
    const cases: [unknown, string][] = [
      [{ ...good, amountFen: 0 }, 'amountFen'],
      [{ ...good, amountFen: 1.5 }, 'amountFen'],
      [{ ...good, amountFen: '100' }, 'amountFen'],
      [{ ...good, purpose: '' }, 'purpose'],
      [{ ...good, payee: undefined }, 'payee'],
      [{ ...good, attachment: big }, 'attachment'],
      [{ ...good, attachment: 'data:text/html;base64,PGI+' }, 'attachment'],
      [{ ...good, attachment: 'x'.repeat(301) }, 'attachment'],
      [{ ...good, attachment: '两行\n附件' }, 'attachment'],
    ]
    for (const [body, path] of cases) {
      const r = await post(t.staff, '/expenses', body)
      expect([r.status, r.json.error.code], JSON.stringify(body).slice(0, 100)).toEqual([400, 'invalid_request'])
      expect(r.json.error.issues.map((i: { path: string }) => i.path)).toContain(path)
    }
    for (const body of [{}, { approve: 'yes' }, { approve: true, note: 'x'.repeat(501) }]) expect((await post(t.admin, `/expenses/${e.id}/decision`, body)).status).toBe(400)
    expect((await decide(t.admin, newId(), true)).status).toBe(404)
    expect(await fundCounts(api)).toEqual(before)
  })
})
