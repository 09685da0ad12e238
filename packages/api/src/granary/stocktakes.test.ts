import { afterAll, beforeAll, expect, it } from 'vitest'
import { Donation, ErrorBody, ItemStock, itemKeyOf, Movement, page, Place, StockCard, Stocktake } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { donationBody, granaryCounts, granaryTeam, oil, rawLotBalances, recipient, rice } from './fixtures.js'

const RICE = itemKeyOf('grain_oil', '大米 5kg', '袋')
const OIL = itemKeyOf('grain_oil', '菜籽油 5L', '桶')
const TOWEL = itemKeyOf('daily_necessities', '毛巾', '条')

describeEachDialect('granary: blind stocktake', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
  }, 60_000)
  afterAll(() => api.close())

  const post = (cookie: string, path: string, body: unknown) => api.call('POST', `/api/v1/granary${path}`, { cookie, body })
  const get = (cookie: string, path: string) => api.call('GET', `/api/v1/granary${path}`, { cookie })
  const donate = async (cookie: string, ...args: Parameters<typeof donationBody>) => Donation.parse((await post(cookie, '/donations', donationBody(...args))).json)
  const towel = { category: 'daily_necessities' as const, description: '毛巾', quantity: 6, unit: '条', unitValueFen: 1200, valuationBasis: 'estimate' as const }

  it('hides the book figures until the counts are in, then closes with reason-coded adjustments', async () => {
    const { staff, leader, team } = await granaryTeam(api)
    const older = await donate(staff, [rice({ quantity: 5 }), oil({ quantity: 3 })], { receivedAt: '2026-11-01T00:00:00.000Z' })
    const newer = await donate(staff, [rice({ quantity: 5, unitValueFen: 3000 }), towel], { receivedAt: '2026-11-10T00:00:00.000Z' })

    const opened = await post(staff, '/stocktakes', { note: '月末盘点' })
    expect(opened.status, opened.text).toBe(201)
    const st = Stocktake.parse(opened.json)
    expect(st).toMatchObject({ status: 'open', placeId: null, note: '月末盘点', countedAt: null })
    expect(st.lines.map((l) => l.itemKey)).toEqual([TOWEL, RICE, OIL].sort())
    // Blind: the sheet carries no figures, in the answer or when read back by anyone.
    for (const view of [st, Stocktake.parse((await get(staff, `/stocktakes/${st.id}`)).json), Stocktake.parse((await get(leader, `/stocktakes/${st.id}`)).json)]) {
      expect(view.lines.every((l) => l.expected === null && l.counted === null && l.variance === null)).toBe(true)
      expect(JSON.stringify(view)).not.toMatch(/"expected":\d/)
    }
    const listed = page(Stocktake).parse((await get(leader, '/stocktakes?status=open')).json)
    expect(listed.items.map((x) => x.id)).toEqual([st.id])
    expect(listed.items[0]!.lines.every((l) => l.expected === null)).toBe(true)
    expect((await post(staff, '/stocktakes', {})).json.error.code).toBe('stocktake_open')

    // Closing before counting is refused.
    expect((await post(staff, `/stocktakes/${st.id}/close`, {})).json.error.code).toBe('not_counted')

    // Rice 10 on the books, 7 found; oil 3 and 4 found; towels 6 and 6 found.
    const counted = await post(staff, `/stocktakes/${st.id}/counts`, { counts: [{ itemKey: RICE, counted: 7 }, { itemKey: OIL, counted: 4 }, { itemKey: TOWEL, counted: 6 }] })
    expect(counted.status, counted.text).toBe(200)
    const after = Stocktake.parse(counted.json)
    expect(after.status).toBe('counted')
    const byKey = (s: Stocktake) => Object.fromEntries(s.lines.map((l) => [l.itemKey, [l.counted, l.expected, l.variance]]))
    expect(byKey(after)).toEqual({ [RICE]: [7, 10, -3], [OIL]: [4, 3, 1], [TOWEL]: [6, 6, 0] })
    expect((await post(staff, `/stocktakes/${st.id}/counts`, { counts: [{ itemKey: RICE, counted: 8 }] })).json.error.code).toBe('already_counted')

    // A distribution between counting and closing changes book and shelf alike: the variance holds.
    await post(staff, '/distributions', { recipient, items: [{ itemKey: RICE, quantity: 1 }] })

    const before = await granaryCounts(api)
    const bad: [unknown, number, string][] = [
      [{ lines: [{ itemKey: RICE, reason: 'stocktake_surplus' }] }, 422, 'reason_mismatch'],
      [{ lines: [{ itemKey: TOWEL, reason: 'other' }] }, 422, 'invalid_close'],
      [{ lines: [{ itemKey: itemKeyOf('tea', '龙井', '盒'), reason: 'other' }] }, 422, 'invalid_close'],
      [{ lines: [{ itemKey: RICE, reason: 'lost' }] }, 400, 'invalid_request'],
    ]
    for (const [body, status, code] of bad) {
      const r = await post(staff, `/stocktakes/${st.id}/close`, body)
      expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
    }
    expect(await granaryCounts(api)).toEqual(before)

    const closed = await post(staff, `/stocktakes/${st.id}/close`, { lines: [{ itemKey: RICE, reason: 'damaged', note: '老鼠咬破' }] })
    expect(closed.status, closed.text).toBe(200)
    const done = Stocktake.parse(closed.json)
    expect(done.status).toBe('closed')
    const line = (k: string) => done.lines.find((l) => l.itemKey === k)!
    expect(line(RICE)).toMatchObject({ variance: -3, reason: 'damaged', note: '老鼠咬破' })
    expect(line(OIL)).toMatchObject({ variance: 1, reason: 'stocktake_surplus' })
    expect(line(TOWEL)).toMatchObject({ variance: 0, reason: null, movementId: null })

    // Shortage leaves FIFO (the older rice lot was already used by the distribution: 4 left there).
    const shortage = Movement.parse((await get(staff, `/movements/${line(RICE).movementId}`)).json)
    expect(shortage).toMatchObject({ kind: 'adjustment', reason: 'damaged', stocktakeId: st.id, quantity: -3 })
    expect(shortage.lines.map((l) => [l.lotId, l.quantity])).toEqual([[older.lots[0]!.id, -3]])
    // Surplus goes onto the newest lot of the item (here the only oil lot).
    const surplus = Movement.parse((await get(staff, `/movements/${line(OIL).movementId}`)).json)
    expect(surplus.lines.map((l) => [l.lotId, l.quantity])).toEqual([[older.lots[1]!.id, 1]])

    const stock = page(ItemStock).parse((await get(staff, '/items')).json).items
    expect(Object.fromEntries(stock.map((i) => [i.itemKey, i.onHand]))).toEqual({ [RICE]: 6, [OIL]: 4, [TOWEL]: 6 })
    const card = StockCard.parse((await get(staff, `/items/${RICE}/card`)).json)
    expect(card.items.map((e) => [e.kind, e.quantity, e.balanceAfter, e.stocktakeId])).toEqual([
      ['in', 5, 5, null],
      ['in', 5, 10, null],
      ['out', -1, 9, null],
      ['adjustment', -3, 6, st.id],
    ])
    expect([...(await rawLotBalances(api, team.id)).values()].every((b) => b >= 0)).toBe(true)
    expect(newer.lots[0]!.onHand).toBe(5)

    const events = await api.deps.db.selectFrom('ledgerEvents').select('kind').where('entityId', '=', st.id).orderBy('seq').execute()
    expect(events.map((e) => e.kind)).toEqual(['granary.stocktake_opened', 'granary.stocktake_counted', 'granary.stocktake_closed'])
    expect((await post(staff, `/stocktakes/${st.id}/close`, {})).json.error.code).toBe('already_closed')
    // A new stocktake of the same scope may open now.
    expect((await post(staff, '/stocktakes', {})).status).toBe(201)
  })

  it('counts one place, demands every sheet line, refuses duplicates and items with no lot there', async () => {
    const { staff } = await granaryTeam(api)
    const shelf = Place.parse((await post(staff, '/places', { name: '货架A' })).json)
    const back = Place.parse((await post(staff, '/places', { name: '后屋' })).json)
    await donate(staff, [rice({ quantity: 4 })], { placeId: shelf.id })
    await donate(staff, [oil({ quantity: 2 })], { placeId: back.id })
    const st = Stocktake.parse((await post(staff, '/stocktakes', { placeId: shelf.id })).json)
    expect(st).toMatchObject({ placeId: shelf.id, placeName: '货架A' })
    expect(st.lines.map((l) => l.itemKey)).toEqual([RICE])
    // Another place may be counted at the same time.
    expect((await post(staff, '/stocktakes', { placeId: back.id })).status).toBe(201)

    const before = await granaryCounts(api)
    const bad: [unknown, number, string, string][] = [
      [{ counts: [{ itemKey: OIL, counted: 2 }, { itemKey: RICE, counted: 4 }] }, 422, 'unknown_item', 'counts.0.itemKey'],
      [{ counts: [{ itemKey: RICE, counted: 4 }, { itemKey: RICE, counted: 3 }] }, 422, 'duplicate_item', 'counts.1.itemKey'],
      [{ counts: [{ itemKey: TOWEL, counted: 1 }] }, 422, 'unknown_item', 'counts.0.itemKey'],
      [{ counts: [] }, 400, 'invalid_request', 'counts'],
      [{ counts: [{ itemKey: RICE, counted: -1 }] }, 400, 'invalid_request', 'counts.0.counted'],
    ]
    for (const [body, status, code, path] of bad) {
      const r = await post(staff, `/stocktakes/${st.id}/counts`, body)
      expect([r.status, ErrorBody.parse(r.json).error.code], JSON.stringify(body)).toEqual([status, code])
      expect(r.json.error.issues.map((i: { path: string }) => i.path)).toContain(path)
    }
    expect(await granaryCounts(api)).toEqual(before)
    expect((await post(staff, '/stocktakes', { placeId: '0190a000-0000-7000-8000-000000000000' })).json.error.code).toBe('unknown_place')
    expect((await get(staff, '/stocktakes/0190a000-0000-7000-8000-000000000000')).status).toBe(404)

    // Nothing found where 4 are on the books: a 盘亏 of 4 at that place.
    const counted = Stocktake.parse((await post(staff, `/stocktakes/${st.id}/counts`, { counts: [{ itemKey: RICE, counted: 0 }] })).json)
    expect(counted.lines[0]).toMatchObject({ counted: 0, expected: 4, variance: -4 })
    const closed = Stocktake.parse((await post(staff, `/stocktakes/${st.id}/close`, {})).json)
    expect(closed.lines[0]).toMatchObject({ reason: 'stocktake_shortage' })
    expect(page(ItemStock).parse((await get(staff, '/items')).json).items.map((i) => [i.itemKey, i.onHand])).toEqual([[OIL, 2]])
  })
})
