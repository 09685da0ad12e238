import { afterAll, beforeAll, expect, it } from 'vitest'
import { Distribution, Donation, ErrorBody, ItemStock, itemKeyOf, Movement, page, Place, StockCard } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { donationBody, granaryCounts, granaryTeam, oil, rawLotBalances, recipient, rice } from './fixtures.js'

const RICE = itemKeyOf('grain_oil', '大米 5kg', '袋')
const OIL = itemKeyOf('grain_oil', '菜籽油 5L', '桶')

describeEachDialect('granary: FIFO distributions, reversals, adjustments, stock card', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
  }, 60_000)
  afterAll(() => api.close())

  const post = (cookie: string, path: string, body: unknown) => api.call('POST', `/api/v1/granary${path}`, { cookie, body })
  const get = (cookie: string, path: string) => api.call('GET', `/api/v1/granary${path}`, { cookie })
  const donate = async (cookie: string, ...args: Parameters<typeof donationBody>) => {
    const r = await post(cookie, '/donations', donationBody(...args))
    if (r.status !== 201) throw new Error(r.text)
    return Donation.parse(r.json)
  }
  const stockOf = async (cookie: string, key: string) => page(ItemStock).parse((await get(cookie, '/items?inStock=false')).json).items.find((i) => i.itemKey === key)

  it('hands out first-in-first-out: earliest expiry first, then oldest intake; expired lots are skipped', async () => {
    const { staff } = await granaryTeam(api)
    const late = await donate(staff, [rice({ quantity: 5 })], { receivedAt: '2026-11-10T02:00:00.000Z' })
    const early = await donate(staff, [rice({ quantity: 3, unitValueFen: 3000 })], { receivedAt: '2026-11-01T02:00:00.000Z' })
    const expiring = await donate(staff, [rice({ quantity: 2, expiresOn: '2027-01-31', unitValueFen: 2000 })], { receivedAt: '2026-11-15T02:00:00.000Z' })
    const expired = await donate(staff, [rice({ quantity: 4, expiresOn: '2026-11-27' })], { receivedAt: '2026-11-02T02:00:00.000Z' })
    const lot = (d: Donation) => d.lots[0]!.id

    const r = await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 6 }], note: '冬季慰问' })
    expect(r.status, r.text).toBe(201)
    const dist = Distribution.parse(r.json)
    expect(dist.lines).toEqual([
      {
        itemKey: RICE,
        category: 'grain_oil',
        description: '大米 5kg',
        unit: '袋',
        quantity: 6,
        valueFen: 2 * 2000 + 3 * 3000 + 1 * 3500,
        lots: [
          { lotId: lot(expiring), donationId: expiring.id, receiptCode: expiring.receiptCode, quantity: 2, unitValueFen: 2000 },
          { lotId: lot(early), donationId: early.id, receiptCode: early.receiptCode, quantity: 3, unitValueFen: 3000 },
          { lotId: lot(late), donationId: late.id, receiptCode: late.receiptCode, quantity: 1, unitValueFen: 3500 },
        ],
      },
    ])
    expect(dist).toMatchObject({ recipient, note: '冬季慰问', totalQuantity: 6, reversed: false })

    // 4 usable left in the late lot; the expired lot's 4 are not handed out.
    const short = await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 5 }] })
    expect(short.status).toBe(422)
    expect(ErrorBody.parse(short.json).error).toMatchObject({ code: 'insufficient_stock', issues: [{ path: 'items.0.quantity', message: 'only 4 on hand (4 more in expired lots)' }] })
    expect(await stockOf(staff, RICE)).toMatchObject({ onHand: 8, expiredUnits: 4, lotCount: 2, nextExpiry: null })

    // The expired lot leaves by an 'expired' adjustment, which takes it first (earliest expiry).
    const adj = await post(staff, '/adjustments', { itemKey: RICE, quantity: -4, reason: 'expired', note: '过期处理' })
    expect(adj.status, adj.text).toBe(201)
    expect(Movement.parse(adj.json).lines).toEqual([{ lotId: lot(expired), itemKey: RICE, quantity: -4, unitValueFen: 3500 }])
    expect(await stockOf(staff, RICE)).toMatchObject({ onHand: 4, expiredUnits: 0, valueFen: 4 * 3500 })
  })

  it('refuses a distribution beyond stock with 422 insufficient_stock, naming every short line, writing nothing', async () => {
    const { staff } = await granaryTeam(api)
    await donate(staff, [rice({ quantity: 5 }), oil({ quantity: 2 })])
    const before = await granaryCounts(api)
    const r = await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 5 }, { itemKey: OIL, quantity: 3 }] })
    expect(r.status).toBe(422)
    expect(ErrorBody.parse(r.json).error).toMatchObject({ code: 'insufficient_stock', issues: [{ path: 'items.1.quantity', message: 'only 2 on hand' }] })
    expect(await granaryCounts(api)).toEqual(before)
    expect((await stockOf(staff, RICE))?.onHand).toBe(5)
  })

  it('finds an item by category and description, and refuses unknown, ambiguous, duplicate and bad lines', async () => {
    const { staff } = await granaryTeam(api)
    const otherTeam = await granaryTeam(api)
    await donate(otherTeam.staff, [rice({ description: '面粉' })])
    await donate(staff, [rice({ quantity: 5 }), rice({ quantity: 2, unit: '箱' }), oil()])
    const byName = await post(staff, '/distributions', { recipient: { kind: 'activity', id: '0190a000-0000-7000-8000-0000000a0001', label: '重阳节' }, items: [{ category: 'grain_oil', description: ' 菜籽油  ５l ', quantity: 1 }] })
    expect(byName.status, byName.text).toBe(201)
    expect(Distribution.parse(byName.json).lines[0]!.itemKey).toBe(OIL)
    const withUnit = await post(staff, '/distributions', { recipient, items: [{ category: 'grain_oil', description: '大米 5kg', unit: '箱', quantity: 2 }] })
    expect(Distribution.parse(withUnit.json).lines[0]!.unit).toBe('箱')

    const before = await granaryCounts(api)
    const cases: [unknown, number, string, string][] = [
      [{ recipient, items: [{ category: 'grain_oil', description: '大米 5kg', quantity: 1 }] }, 422, 'ambiguous_item', 'items.0.unit'],
      [{ recipient, items: [{ category: 'grain_oil', description: '面粉', quantity: 1 }] }, 422, 'unknown_item', 'items.0'],
      [{ recipient, items: [{ itemKey: 'grain_oil.0000000000000000', quantity: 1 }] }, 422, 'unknown_item', 'items.0'],
      [{ recipient, items: [{ itemKey: RICE, quantity: 1 }, { category: 'grain_oil', description: '大米 5KG', unit: '袋', quantity: 1 }] }, 422, 'duplicate_item', 'items.1'],
      [{ recipient, items: [{ itemKey: RICE, quantity: 1 }], placeId: '0190a000-0000-7000-8000-000000000000' }, 422, 'unknown_place', 'placeId'],
      [{ recipient, items: [{ itemKey: 'rice', quantity: 1 }] }, 400, 'invalid_request', 'items.0.itemKey'],
      [{ recipient, items: [{ itemKey: RICE, category: 'grain_oil', description: '大米 5kg', quantity: 1 }] }, 400, 'invalid_request', 'items.0.itemKey'],
      [{ recipient, items: [{ category: 'grain_oil', quantity: 1 }] }, 400, 'invalid_request', 'items.0.itemKey'],
      [{ recipient, items: [{ itemKey: RICE, quantity: 0 }] }, 400, 'invalid_request', 'items.0.quantity'],
      [{ recipient, items: [] }, 400, 'invalid_request', 'items'],
      [{ recipient: { ...recipient, kind: 'neighbour' }, items: [{ itemKey: RICE, quantity: 1 }] }, 400, 'invalid_request', 'recipient.kind'],
      [{ recipient: { ...recipient, label: '' }, items: [{ itemKey: RICE, quantity: 1 }] }, 400, 'invalid_request', 'recipient.label'],
      [{ items: [{ itemKey: RICE, quantity: 1 }] }, 400, 'invalid_request', 'recipient'],
    ]
    for (const [body, status, code, path] of cases) {
      const r = await post(staff, '/distributions', body)
      expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
      expect(r.json.error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(path)
    }
    expect(await granaryCounts(api)).toEqual(before)
  })

  it('takes only from lots at the place asked for', async () => {
    const { staff } = await granaryTeam(api)
    const a = Place.parse((await post(staff, '/places', { name: '一号仓' })).json)
    const b = Place.parse((await post(staff, '/places', { name: '二号仓' })).json)
    await donate(staff, [rice({ quantity: 3 })], { placeId: a.id, receivedAt: '2026-11-01T00:00:00.000Z' })
    const atB = await donate(staff, [rice({ quantity: 4 })], { placeId: b.id })
    const r = Distribution.parse((await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 2 }], placeId: b.id })).json)
    expect(r.lines[0]!.lots.map((l) => l.lotId)).toEqual([atB.lots[0]!.id])
    expect((await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 3 }], placeId: b.id })).status).toBe(422)
    const atA = page(ItemStock).parse((await get(staff, `/items?placeId=${a.id}`)).json)
    expect(atA.items.map((i) => [i.itemKey, i.onHand])).toEqual([[RICE, 3]])
  })

  it('never oversells under concurrency: 10 × 3 units against 20 in stock → 6 succeed', async () => {
    const { staff, team } = await granaryTeam(api)
    await donate(staff, [rice({ quantity: 8 })], { receivedAt: '2026-11-01T00:00:00.000Z' })
    await donate(staff, [rice({ quantity: 12 })], { receivedAt: '2026-11-02T00:00:00.000Z' })
    const results = await Promise.all(Array.from({ length: 10 }, () => post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 3 }] })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 422, 422, 422, 422])
    for (const r of results.filter((x) => x.status === 422)) expect(r.json.error.code).toBe('insufficient_stock')
    expect((await stockOf(staff, RICE))?.onHand).toBe(2)
    expect([...(await rawLotBalances(api, team.id)).values()]).toEqual([0, 2])
    const card = StockCard.parse((await get(staff, `/items/${RICE}/card`)).json)
    expect(card.items.map((e) => e.balanceAfter)).toEqual([8, 20, 17, 14, 11, 8, 5, 2])
  })

  it('reverses a distribution onto the very lots it came from; refuses a second reversal and reversing a reversal', async () => {
    const { staff, team } = await granaryTeam(api)
    const d1 = await donate(staff, [rice({ quantity: 2 })], { receivedAt: '2026-11-01T00:00:00.000Z' })
    const d2 = await donate(staff, [rice({ quantity: 5 })], { receivedAt: '2026-11-02T00:00:00.000Z' })
    const dist = Distribution.parse((await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 4 }] })).json)
    expect(dist.lines[0]!.lots.map((l) => [l.lotId, l.quantity])).toEqual([[d1.lots[0]!.id, 2], [d2.lots[0]!.id, 2]])
    // A later distribution would take the rest of d2 first if the reversal put units elsewhere.
    const rev = await post(staff, `/movements/${dist.movementId}/reversal`, { reason: '对象已搬走，物资退回' })
    expect(rev.status, rev.text).toBe(201)
    const m = Movement.parse(rev.json)
    expect(m).toMatchObject({ kind: 'reversal', reverses: dist.movementId, distributionId: dist.id, note: '对象已搬走，物资退回', quantity: 4 })
    expect(m.lines.map((l) => [l.lotId, l.quantity])).toEqual([[d1.lots[0]!.id, 2], [d2.lots[0]!.id, 2]])
    const balances = await rawLotBalances(api, team.id)
    expect([balances.get(d1.lots[0]!.id), balances.get(d2.lots[0]!.id)]).toEqual([2, 5])
    expect(Distribution.parse((await get(staff, `/distributions/${dist.id}`)).json).reversed).toBe(true)
    expect(Movement.parse((await get(staff, `/movements/${dist.movementId}`)).json).reversedBy).toBe(m.id)

    const ev = await api.deps.db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('entityId', '=', m.id).executeTakeFirstOrThrow()
    expect(ev.kind).toBe('granary.movement_reversed')
    expect(ev.payload).not.toContain('搬走')

    const before = await granaryCounts(api)
    const again = await post(staff, `/movements/${dist.movementId}/reversal`, { reason: '再退一次' })
    expect([again.status, again.json.error.code]).toEqual([409, 'already_reversed'])
    const ofReversal = await post(staff, `/movements/${m.id}/reversal`, { reason: '撤销冲销' })
    expect([ofReversal.status, ofReversal.json.error.code]).toEqual([422, 'not_reversible'])
    expect((await post(staff, `/movements/${dist.movementId}/reversal`, {})).status).toBe(400)
    expect((await post(staff, '/movements/0190a000-0000-7000-8000-000000000000/reversal', { reason: 'x' })).status).toBe(404)
    expect(await granaryCounts(api)).toEqual(before)
  })

  it('refuses to reverse an intake whose units have left (422), and reverses it once they are back', async () => {
    const { staff, team } = await granaryTeam(api)
    const d = await donate(staff, [rice({ quantity: 3 }), oil({ quantity: 1 })])
    const dist = Distribution.parse((await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 1 }] })).json)
    const before = await granaryCounts(api)
    const r = await post(staff, `/movements/${d.movementId}/reversal`, { reason: '捐赠人要回' })
    expect(r.status).toBe(422)
    expect(ErrorBody.parse(r.json).error).toMatchObject({ code: 'lot_would_go_negative', issues: [{ path: 'lots', message: `lot ${d.lots[0]!.id} holds 2; reversing would leave -1` }] })
    expect(await granaryCounts(api)).toEqual(before)
    expect((await post(staff, `/movements/${dist.movementId}/reversal`, { reason: '发错了' })).status).toBe(201)
    expect((await post(staff, `/movements/${d.movementId}/reversal`, { reason: '捐赠人要回' })).status).toBe(201)
    expect([...(await rawLotBalances(api, team.id)).values()]).toEqual([0, 0])
    expect(Donation.parse((await get(staff, `/donations/${d.id}`)).json)).toMatchObject({ reversed: true, lots: [{ onHand: 0 }, { onHand: 0 }] })
  })

  it('adjusts with reason codes: removals FIFO, additions to the newest lot or a named lot; reasons must fit the direction', async () => {
    const { staff } = await granaryTeam(api)
    const older = await donate(staff, [rice({ quantity: 3 })], { receivedAt: '2026-11-01T00:00:00.000Z' })
    const newer = await donate(staff, [rice({ quantity: 3, unitValueFen: 4000 })], { receivedAt: '2026-11-05T00:00:00.000Z' })
    const damaged = Movement.parse((await post(staff, '/adjustments', { itemKey: RICE, quantity: -4, reason: 'damaged', note: '漏水受潮' })).json)
    expect(damaged).toMatchObject({ kind: 'adjustment', reason: 'damaged', quantity: -4, valueFen: -(3 * 3500 + 4000) })
    expect(damaged.lines.map((l) => [l.lotId, l.quantity])).toEqual([[older.lots[0]!.id, -3], [newer.lots[0]!.id, -1]])
    const surplus = Movement.parse((await post(staff, '/adjustments', { itemKey: RICE, quantity: 2, reason: 'stocktake_surplus' })).json)
    expect(surplus.lines).toEqual([{ lotId: newer.lots[0]!.id, itemKey: RICE, quantity: 2, unitValueFen: 4000 }])
    const onOld = Movement.parse((await post(staff, '/adjustments', { itemKey: RICE, quantity: 1, reason: 'other', lotId: older.lots[0]!.id })).json)
    expect(onOld.lines.map((l) => l.lotId)).toEqual([older.lots[0]!.id])

    const before = await granaryCounts(api)
    const cases: [unknown, number, string][] = [
      [{ itemKey: RICE, quantity: 1, reason: 'damaged' }, 422, 'reason_mismatch'],
      [{ itemKey: RICE, quantity: -1, reason: 'stocktake_surplus' }, 422, 'reason_mismatch'],
      [{ itemKey: RICE, quantity: -6, reason: 'stocktake_shortage' }, 422, 'insufficient_stock'],
      [{ itemKey: RICE, quantity: -1, reason: 'other', lotId: '0190a000-0000-7000-8000-000000000000' }, 422, 'unknown_lot'],
      [{ itemKey: OIL, quantity: 1, reason: 'other' }, 422, 'unknown_item'],
      [{ itemKey: RICE, quantity: 0, reason: 'other' }, 400, 'invalid_request'],
      [{ itemKey: RICE, quantity: 1, reason: 'lost' }, 400, 'invalid_request'],
      [{ itemKey: RICE, quantity: 1.5, reason: 'other' }, 400, 'invalid_request'],
    ]
    for (const [body, status, code] of cases) {
      const r = await post(staff, '/adjustments', body)
      expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
    }
    expect(await granaryCounts(api)).toEqual(before)
  })

  it('keeps a stock card per item: every movement with the balance after it, paged in ledger order', async () => {
    const { staff, leader } = await granaryTeam(api)
    const d = await donate(staff, [rice({ quantity: 10 }), oil({ quantity: 2 })])
    const dist = Distribution.parse((await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 4 }, { itemKey: OIL, quantity: 1 }] })).json)
    await post(staff, '/adjustments', { itemKey: RICE, quantity: -1, reason: 'damaged' })
    await post(staff, `/movements/${dist.movementId}/reversal`, { reason: '退回' })
    const card = StockCard.parse((await get(leader, `/items/${RICE}/card`)).json)
    expect(card.item).toMatchObject({ itemKey: RICE, onHand: 9, valueFen: 9 * 3500, lotCount: 1 })
    expect(card.items.map((e) => [e.kind, e.quantity, e.balanceAfter, e.reason])).toEqual([
      ['in', 10, 10, null],
      ['out', -4, 6, null],
      ['adjustment', -1, 5, 'damaged'],
      ['reversal', 4, 9, null],
    ])
    expect(card.items[0]).toMatchObject({ donationId: d.id, receiptCode: d.receiptCode, occurredAt: d.receivedAt })
    expect(card.items[1]).toMatchObject({ distributionId: dist.id, recipientKind: 'beneficiary', lots: [{ lotId: d.lots[0]!.id, quantity: -4 }] })
    const p1 = StockCard.parse((await get(leader, `/items/${RICE}/card?limit=3`)).json)
    const p2 = StockCard.parse((await get(leader, `/items/${RICE}/card?limit=3&cursor=${p1.nextCursor}`)).json)
    expect([...p1.items, ...p2.items].map((e) => e.balanceAfter)).toEqual([10, 6, 5, 9])
    expect(p2.nextCursor).toBeNull()
    expect((await get(leader, '/items/grain_oil.0000000000000000/card')).status).toBe(404)
    expect((await get(leader, '/items/nonsense/card')).status).toBe(400)

    const items = page(ItemStock).parse((await get(leader, '/items')).json)
    expect(items.items.map((i) => [i.itemKey, i.onHand, i.valueFen])).toEqual([
      [RICE, 9, 31500],
      [OIL, 2, 17800],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))))
    const movements = page(Movement).parse((await get(leader, `/movements?itemKey=${OIL}`)).json)
    expect(movements.items.map((m) => m.kind)).toEqual(['reversal', 'out', 'in'])
    const m1 = page(Movement).parse((await get(leader, '/movements?limit=3')).json)
    const m2 = page(Movement).parse((await get(leader, `/movements?limit=3&cursor=${m1.nextCursor}`)).json)
    expect([...m1.items, ...m2.items].map((m) => m.kind)).toEqual(['reversal', 'adjustment', 'out', 'in'])
    expect(m2.nextCursor).toBeNull()
    expect((await get(leader, '/movements?cursor=bogus')).json.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'cursor' }] })
    expect((await get(leader, `/items/${RICE}/card?cursor=bogus`)).status).toBe(400)
    expect((await get(leader, '/items?cursor=bogus')).status).toBe(400)
    const outs = page(Movement).parse((await get(leader, '/movements?kind=out&limit=1')).json)
    expect(outs.items.map((m) => m.id)).toEqual([dist.movementId])
    const distributions = page(Distribution).parse((await get(leader, `/distributions?recipientId=${recipient.id}`)).json)
    expect(distributions.items.map((x) => x.id)).toEqual([dist.id])
  })
})
