import { afterAll, beforeAll, expect, it } from 'vitest'
import { cupToken, PublicReceipt, receiptNo, Sale } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { openShiftBody, saleBody, servingBody, teahouseTeam } from './fixtures.js'

describeEachDialect('teahouse: sales with charity cups, exactly once', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teahouseTeam>>
  let tab: Awaited<ReturnType<typeof t.tablet>>
  let shiftId: string
  let tea: string
  let seq = 0
  const count = async (table: 'teahouseSales' | 'teahouseCups' | 'ledgerEvents' | 'idempotencyKeys') =>
    Number((await api.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const sell = (body: unknown, headers: Record<string, string> = tab.locked) => api.call('POST', '/api/v1/teahouse/sales', { headers, body })

  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await teahouseTeam(api)
    tab = await t.tablet()
    shiftId = (await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body: openShiftBody(1) })).json.id
    tea = await t.menuItem('竹叶青', 1500)
  }, 60_000)
  afterAll(() => api.close())

  it('stores a sale with its receipt number, frozen prices, totals and a cup per charity cup with a serial', async () => {
    const body = saleBody(shiftId, ++seq, { lines: [{ menuItemId: tea, quantity: 2, unitPriceFen: 1200 }], cups: 3, cupPriceFen: 500, paymentMethod: 'alipay' })
    const r = await sell(body, tab.unlocked)
    expect(r.status, r.text).toBe(201)
    const sale = Sale.parse(r.json)
    expect(sale).toMatchObject({ id: body.id, receiptNo: receiptNo(tab.prefix, seq), receiptCode: body.receiptCode, teaFen: 2400, cupsFen: 1500, totalFen: 3900, paymentMethod: 'alipay' })
    expect(sale.lines).toEqual([{ menuItemId: tea, name: '竹叶青', quantity: 2, unitPriceFen: 1200, amountFen: 2400 }])
    expect(sale.cups.map((c) => c.token)).toEqual([1, 2, 3].map((n) => cupToken(body.receiptCode, n)))
    const serials = sale.cups.map((c) => Number(c.serial.slice(2)))
    expect(serials).toEqual([serials[0], serials[0]! + 1, serials[0]! + 2])
    expect(sale.cups.every((c) => c.status === 'waiting' && c.boughtAt === body.soldAt && c.priceFen === 500)).toBe(true)
    // The menu price changing later does not change the sale.
    await api.call('PATCH', `/api/v1/teahouse/menu-items/${tea}`, { cookie: t.admin, body: { priceFen: 1800, active: false } })
    expect(Sale.parse((await sell(body)).json).lines[0]!.unitPriceFen).toBe(1200)
    // An inactive item (a cached menu) is still accepted.
    expect((await sell(saleBody(shiftId, ++seq, { lines: [{ menuItemId: tea, quantity: 1, unitPriceFen: 1500 }], cups: 0 }))).status).toBe(201)
  })

  it('answers a resend with the first answer and stores nothing, with or without an Idempotency-Key', async () => {
    const body = saleBody(shiftId, ++seq, { cups: 2 })
    const first = await sell(body, { ...tab.locked, 'idempotency-key': body.id })
    expect(first.status).toBe(201)
    const before = await Promise.all([count('teahouseSales'), count('teahouseCups'), count('ledgerEvents'), count('idempotencyKeys')])
    const again = await sell(body, { ...tab.locked, 'idempotency-key': body.id })
    const bare = await sell(body)
    const otherKey = await sell(body, { ...tab.locked, 'idempotency-key': 'another-key-123' })
    for (const r of [again, bare, otherKey]) {
      expect(r.status).toBe(201)
      expect(r.json).toEqual(first.json)
      expect(r.headers.get('idempotent-replayed')).toBe('true')
    }
    expect(await Promise.all([count('teahouseSales'), count('teahouseCups'), count('ledgerEvents'), count('idempotencyKeys')])).toEqual(before)
  })

  it('refuses another sale with a used sequence number, a shift of another device, an unknown menu item', async () => {
    const taken = await sell(saleBody(shiftId, seq))
    expect(taken.status).toBe(409)
    expect(taken.json.error.code).toBe('device_seq_taken')
    const other = await t.tablet()
    const foreign = await sell(saleBody(shiftId, 1), other.locked)
    expect(foreign.status).toBe(422)
    expect(foreign.json.error.code).toBe('unknown_shift')
    const bad = await sell(saleBody(shiftId, ++seq, { lines: [{ menuItemId: '0190a000-0000-7000-8000-00000000beef', quantity: 1, unitPriceFen: 100 }] }))
    expect(bad.json.error.code).toBe('unknown_menu_item')
    seq--
    expect((await sell(saleBody(shiftId, ++seq, { lines: [], cups: 0 }))).status).toBe(400)
    seq--
    expect((await api.call('POST', '/api/v1/teahouse/sales', { cookie: t.admin, body: saleBody(shiftId, 99) })).status).toBe(403)
  })

  it('stores a sale once when copies race, with and without a key', async () => {
    const body = saleBody(shiftId, ++seq, { cups: 4 })
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => sell(body, i % 2 ? { ...tab.locked, 'idempotency-key': body.id } : tab.locked)))
    for (const r of results) expect(r.status, r.text).toBe(201)
    expect(new Set(results.map((r) => JSON.stringify(r.json))).size).toBe(1)
    const rows = await api.deps.db.selectFrom('teahouseCups').select('id').where('saleId', '=', body.id).execute()
    expect(rows).toHaveLength(4)
  })

  it('reverses a sale (its waiting cups leave the pool), refuses when a cup was served; the public receipt shows cups, never who', async () => {
    const body = saleBody(shiftId, ++seq, { cups: 1 })
    await sell(body)
    expect((await api.call('POST', `/api/v1/teahouse/sales/${body.id}/reverse`, { headers: tab.unlocked, body: { reason: '按错了' } })).status).toBe(403)
    const rev = await api.call('POST', `/api/v1/teahouse/sales/${body.id}/reverse`, { cookie: t.leader, body: { reason: '按错了' } })
    expect(rev.status, rev.text).toBe(200)
    expect((await api.call('POST', `/api/v1/teahouse/sales/${body.id}/reverse`, { cookie: t.leader, body: { reason: 'again' } })).json.error.code).toBe('sale_reversed')

    const holder = await t.cardHolder()
    // Serve every waiting cup, oldest first; the reversed sale's cup is never served.
    const waiting = Number((await api.call('GET', `/api/v1/teahouse/cards/check?code=${holder.number}`, { headers: tab.unlocked })).json.cupsWaiting)
    expect(waiting).toBeGreaterThan(0)
    await api.call('PUT', '/api/v1/teahouse/settings', { cookie: t.admin, body: { cupPriceFen: 500, dailyCupLimit: 10 } })
    const served = await api.call('POST', '/api/v1/teahouse/servings', { headers: tab.locked, body: servingBody(holder.number, 1) })
    expect(served.status, served.text).toBe(201)
    // All sales share one time: the oldest cup is the lowest serial.
    const all: Sale[] = (await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}&limit=200`, { headers: tab.unlocked })).json.items
    const firstSale = all.find((s) => s.cups.some((c) => c.serial === 'C-000001'))!
    expect(served.json.cup.token).toBe(firstSale.cups[0]!.token)
    const refused = await api.call('POST', `/api/v1/teahouse/sales/${firstSale.id}/reverse`, { cookie: t.admin, body: { reason: 'x' } })
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('cup_served')

    const pub = await api.call('GET', `/api/v1/public/receipts/${firstSale.receiptCode}`)
    expect(pub.status).toBe(200)
    const receipt = PublicReceipt.strict().parse(pub.json)
    expect(receipt.cups[0]).toMatchObject({ status: 'served', servedKind: 'elderly' })
    expect(receipt.cups[1]).toMatchObject({ status: 'waiting', servedKind: null })
    expect(firstSale.cups[0]!.serial).toBe('C-000001')
    expect(pub.text).not.toContain(holder.number)
    expect(pub.text).not.toContain('张')
    expect((await api.call('GET', '/api/v1/public/receipts/ABCDEFGHJK')).status).toBe(404)
  })

  it('lists sales newest first for a leader and for the tablet itself', async () => {
    const mine = await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}&limit=2`, { headers: tab.unlocked })
    expect(mine.status).toBe(200)
    expect(mine.json.items).toHaveLength(2)
    const next = await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}&limit=2&cursor=${mine.json.nextCursor}`, { headers: tab.unlocked })
    expect(next.json.items[0].id).not.toBe(mine.json.items[1].id)
    expect((await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}`, { cookie: t.leader })).status).toBe(200)
    const other = await t.tablet()
    expect((await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}`, { headers: other.unlocked })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/teahouse/sales?shiftId=${shiftId}`, { headers: tab.locked })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/teahouse/sales`, { cookie: t.counterCookie })).status).toBe(200)
    expect((await api.call('GET', `/api/v1/teahouse/sales`, { cookie: t.careStaff })).status).toBe(403)
  })
})
