import { afterAll, beforeAll, expect, it } from 'vitest'
import { CardCheck, Serving } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { openShiftBody, saleBody, servingBody, teahouseTeam } from './fixtures.js'

describeEachDialect('teahouse: serving charity cups (FIFO, daily limit, offline claims)', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>

  beforeAll(async () => {
    api = await createTestApi(ctx())
  }, 60_000)
  afterAll(() => api.close())

  /** A fresh team with a tablet, an open shift and helpers to sell cups and serve them. */
  async function counter() {
    const t = await teahouseTeam(api)
    const tab = await t.tablet()
    const shiftId = (await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body: openShiftBody(1) })).json.id as string
    let saleSeq = 0
    let servingSeq = 0
    const sell = async (cups: number, soldAt: string) => {
      const r = await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.locked, body: saleBody(shiftId, ++saleSeq, { cups, soldAt }) })
      if (r.status !== 201) throw new Error(r.text)
      return r.json.cups as { token: string; serial: string }[]
    }
    const serve = (card: string, over: Record<string, unknown> = {}) => api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body: servingBody(card, ++servingSeq, over) })
    const check = (card: string) => api.call('GET', `/api/v1/teahouse/cards/check?code=${encodeURIComponent(card)}`, { headers: tab.unlocked })
    return { t, tab, sell, serve, check }
  }

  it('serves the oldest waiting cup first (bought time, then serial), links it to the card, sends nothing personal', async () => {
    const { t, sell, serve, check } = await counter()
    const late = await sell(2, '2026-11-27T05:00:00.000Z')
    const early = await sell(1, '2026-11-27T01:00:00.000Z')
    const holder = await t.cardHolder()
    const c = CardCheck.strict().parse((await check(holder.number)).json)
    expect(c).toMatchObject({ cardNumber: holder.number, kinds: ['elderly', 'disabled'], usable: true, servedToday: 0, dailyLimit: 1, canServe: true, cupsWaiting: 3 })
    expect(c.displayName).toMatch(/^张\*+/)
    const r = await serve(holder.number, { servedAt: '2026-11-28T02:00:00.000Z' })
    expect(r.status, r.text).toBe(201)
    const s = Serving.strict().parse(r.json)
    expect(s).toMatchObject({ cardNumber: holder.number, kinds: ['elderly', 'disabled'], claim: false, flags: [], cup: { token: early[0]!.token, serial: early[0]!.serial } })
    expect(r.text).not.toMatch(/张|beneficiary|phone|address/i)
    const other = await t.cardHolder({ kinds: ['disabled'] })
    const s2 = Serving.parse((await serve(other.number)).json)
    expect(s2.cup?.token).toBe(late[0]!.token)
    expect(s2.kinds).toEqual(['disabled'])
    const row = await api.deps.db.selectFrom('teahouseServings').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ cardId: holder.cardId, beneficiaryId: holder.beneficiaryId, servedDay: '2026-11-28' })
    expect((await check(holder.number)).json).toMatchObject({ servedToday: 1, canServe: false, cupsWaiting: 1 })
  })

  it('refuses online: daily limit reached, card not usable, no cup waiting, unknown card; nothing stored', async () => {
    const { t, sell, serve } = await counter()
    await sell(1, '2026-11-27T01:00:00.000Z')
    const holder = await t.cardHolder()
    expect((await serve(holder.number, { servedAt: '2026-11-27T15:30:00.000Z' })).status).toBe(201) // 23:30 China time, the 27th
    await sell(2, '2026-11-27T02:00:00.000Z')
    const limit = await serve(holder.number, { servedAt: '2026-11-27T15:50:00.000Z' })
    expect(limit.status).toBe(422)
    expect(limit.json.error.code).toBe('daily_limit_reached')
    // Past midnight in China (16:10Z) it is a new tea-house day.
    expect((await serve(holder.number, { servedAt: '2026-11-27T16:10:00.000Z' })).status).toBe(201)

    const gone = await t.cardHolder()
    expect((await api.call('POST', `/api/v1/cards/${gone.cardId}/revoke`, { cookie: t.careStaff, body: { reason: 'lost' } })).status).toBe(200)
    const notUsable = await serve(gone.number)
    expect(notUsable.status).toBe(422)
    expect(notUsable.json.error.code).toBe('card_not_usable')
    expect((await serve('XX-GA-999999')).status).toBe(404)

    const before = Number((await api.deps.db.selectFrom('teahouseServings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const other = await t.cardHolder()
    expect((await serve(other.number)).status).toBe(201)
    const third = await t.cardHolder()
    const none = await serve(third.number)
    expect(none.status).toBe(422)
    expect(none.json.error.code).toBe('no_cup_waiting')
    const after = Number((await api.deps.db.selectFrom('teahouseServings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    expect(after).toBe(before + 1)
  })

  it('always keeps an offline claim, flagged: beyond donations, over the daily limit, card not usable, unknown card', async () => {
    const { t, sell, serve } = await counter()
    await sell(1, '2026-11-27T01:00:00.000Z')
    const holder = await t.cardHolder()
    const first = Serving.parse((await serve(holder.number, { claim: true })).json)
    expect(first).toMatchObject({ claim: true, flags: [] })
    expect(first.cup).not.toBeNull()
    const again = Serving.parse((await serve(holder.number, { claim: true })).json)
    expect(again).toMatchObject({ cup: null, flags: ['beyond_donations', 'over_daily_limit'] })
    const unknown = await serve('ZZ-GA-000042', { claim: true })
    expect(unknown.status, unknown.text).toBe(201)
    expect(Serving.parse(unknown.json)).toMatchObject({ cardNumber: null, kinds: [], cup: null, flags: ['beyond_donations', 'card_not_usable'] })
    // A cup sold later goes to the next serving, not back to the claims.
    await sell(1, '2026-11-28T01:00:00.000Z')
    const next = await t.cardHolder()
    expect(Serving.parse((await serve(next.number)).json).cup).not.toBeNull()
    const board = await api.call('GET', `/api/v1/public/board?team=${t.team.code}`)
    expect(board.json).toMatchObject({ cupsBought: 2, cupsServed: 2, cupsWaiting: 0, servedBeyondDonations: 2, peopleServed: 2 })
  })

  it('answers a resend of a serving with the first answer; a used sequence number under another id is a 409', async () => {
    const { t, tab, sell } = await counter()
    await sell(2, '2026-11-27T01:00:00.000Z')
    const holder = await t.cardHolder()
    const body = servingBody(holder.number, 1)
    const a = await api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body })
    const b = await api.call('POST', '/api/v1/teahouse/servings', { headers: { ...tab.locked, 'idempotency-key': body.id }, body })
    expect(a.status).toBe(201)
    expect(b.json).toEqual(a.json)
    const taken = await api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body: servingBody(holder.number, 1, { claim: true }) })
    expect(taken.status).toBe(409)
    expect(taken.json.error.code).toBe('device_seq_taken')
  })

  it('consumes each cup once when 20 servings race for 10 cups', async () => {
    const { t, tab, sell } = await counter()
    await api.call('PUT', '/api/v1/teahouse/settings', { cookie: t.admin, body: { cupPriceFen: 500, dailyCupLimit: 10 } })
    for (let i = 0; i < 5; i++) await sell(2, `2026-11-27T0${i}:00:00.000Z`)
    const holders = await Promise.all(Array.from({ length: 4 }, () => t.cardHolder()))
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body: servingBody(holders[i % 4]!.number, i + 1) })),
    )
    const ok = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status !== 201)
    expect(ok).toHaveLength(10)
    expect(refused.every((r) => r.status === 422 && r.json.error.code === 'no_cup_waiting')).toBe(true)
    const cups = ok.map((r) => r.json.cup.serial as string)
    expect(new Set(cups).size).toBe(10)
    const rows = await api.deps.db.selectFrom('teahouseServings').select('cupId').where('teamId', '=', t.team.id).execute()
    expect(rows).toHaveLength(10)
    expect(new Set(rows.map((r) => r.cupId)).size).toBe(10)
  })
})
