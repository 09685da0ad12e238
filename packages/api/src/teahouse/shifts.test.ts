import { afterAll, beforeAll, expect, it } from 'vitest'
import { KioskCatalogue, KioskDeviceState, MenuItem, Shift, ShiftReport, TeahouseSettings } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { openShiftBody, saleBody, seqs, teahouseTeam } from './fixtures.js'

describeEachDialect('teahouse: settings, menu, device, shifts with a blind close', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let t: Awaited<ReturnType<typeof teahouseTeam>>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    t = await teahouseTeam(api)
  }, 60_000)
  afterAll(() => api.close())

  it('serves default settings, then the menu and settings leaders set; a counter user or a locked tablet may not change them', async () => {
    const tab = await t.tablet()
    const first = KioskCatalogue.parse((await api.call('GET', '/api/v1/teahouse/catalogue', { headers: tab.unlocked })).json)
    expect(first.settings).toEqual({ cupPriceFen: 500, dailyCupLimit: 1, updatedAt: null })
    expect((await api.call('GET', '/api/v1/teahouse/catalogue', { headers: tab.locked })).status).toBe(403)
    expect((await api.call('GET', '/api/v1/teahouse/catalogue', { cookie: t.careStaff })).status).toBe(403)
    expect((await api.call('GET', '/api/v1/teahouse/catalogue', { cookie: t.counterCookie })).status).toBe(200)

    const id = await t.menuItem('碧潭飘雪', 1800)
    const hidden = await t.menuItem('老鹰茶', 800)
    const patched = await api.call('PATCH', `/api/v1/teahouse/menu-items/${hidden}`, { cookie: t.leader, body: { active: false } })
    expect(patched.status, patched.text).toBe(200)
    expect(MenuItem.parse(patched.json)).toMatchObject({ name: '老鹰茶', priceFen: 800, active: false })
    // A price change leaves the other fields as they were (the patch schema's defaults do not apply).
    const price = MenuItem.parse((await api.call('PATCH', `/api/v1/teahouse/menu-items/${hidden}`, { cookie: t.leader, body: { priceFen: 900 } })).json)
    expect(price).toMatchObject({ priceFen: 900, active: false })
    expect((await api.call('POST', '/api/v1/teahouse/menu-items', { cookie: t.counterCookie, body: { name: 'x', priceFen: 1 } })).status).toBe(403)
    expect((await api.call('POST', '/api/v1/teahouse/menu-items', { headers: tab.unlocked, body: { name: 'x', priceFen: 1 } })).status).toBe(403)
    const leaderTab = await t.tablet('leader')
    expect((await api.call('PUT', '/api/v1/teahouse/settings', { headers: leaderTab.unlocked, body: { cupPriceFen: 600, dailyCupLimit: 2 } })).status).toBe(200)
    const s = TeahouseSettings.parse((await api.call('PUT', '/api/v1/teahouse/settings', { cookie: t.admin, body: { cupPriceFen: 500, dailyCupLimit: 1 } })).json)
    expect(s.updatedAt).not.toBeNull()
    const cat = KioskCatalogue.parse((await api.call('GET', '/api/v1/teahouse/catalogue', { headers: tab.unlocked })).json)
    expect(cat.menu.map((m) => m.id)).toEqual([id])
    const all = (await api.call('GET', '/api/v1/teahouse/menu-items', { cookie: t.leader })).json.items
    expect(all).toHaveLength(2)
  })

  it('gives each tablet a gap-free receipt prefix once, and reports the last sequence numbers held', async () => {
    const a = await t.tablet()
    const b = await t.tablet()
    const again = KioskDeviceState.parse((await api.call('GET', '/api/v1/teahouse/device', { headers: a.locked })).json)
    expect(again.receiptPrefix).toBe(a.prefix)
    expect(Number(b.prefix.slice(1))).toBe(Number(a.prefix.slice(1)) + 1)
    expect(again.lastSeq).toEqual({ sale: 0, serving: 0, intake: 0, shift: 0 })
    expect(again.openShift).toBeNull()
    expect((await api.call('GET', '/api/v1/teahouse/device', { cookie: t.admin })).status).toBe(403)
  })

  it('opens one shift per tablet (staff only), exactly once; closes blind with the variance; refuses to close with sales unsent or twice', async () => {
    const tab = await t.tablet()
    const seq = seqs()
    const body = openShiftBody(seq('shift'))
    expect((await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.locked, body })).json.error.code).toBe('staff_required')
    const opened = await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body })
    expect(opened.status, opened.text).toBe(201)
    const shift = Shift.parse(opened.json)
    expect(shift).toMatchObject({ status: 'open', floatFen: 20_000, openedBy: { userId: t.counterUser.id } })
    expect(opened.text).not.toMatch(/expected/i)
    const resend = await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body })
    expect(resend.status).toBe(201)
    expect(resend.json).toEqual(opened.json)
    const second = await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body: openShiftBody(seq('shift')) })
    expect(second.status).toBe(409)
    expect(second.json.error.code).toBe('shift_open')

    const state = KioskDeviceState.parse((await api.call('GET', '/api/v1/teahouse/device', { headers: tab.locked })).json)
    expect(state.openShift?.id).toBe(shift.id)
    expect(JSON.stringify(state)).not.toMatch(/expected/i)

    // Sales: cash 1,500 + 500 (tea + a cup), WeChat 1,000; one cash sale left unsent (seq 3).
    const tea = await t.menuItem('花毛峰', 1500)
    const s1 = await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.unlocked, body: saleBody(shift.id, 1, { lines: [{ menuItemId: tea, quantity: 1, unitPriceFen: 1500 }], cups: 1 }) })
    expect(s1.status, s1.text).toBe(201)
    expect((await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.locked, body: saleBody(shift.id, 2, { paymentMethod: 'wechat', cups: 2 }) })).status).toBe(201)
    expect((await api.call('GET', `/api/v1/teahouse/shifts/${shift.id}/report`, { headers: tab.locked })).status).toBe(403)
    const open = ShiftReport.parse((await api.call('GET', `/api/v1/teahouse/shifts/${shift.id}/report`, { headers: tab.unlocked })).json)
    expect(open).toMatchObject({ sales: 2, cupsSold: 3, teaFen: 1500, cupsFen: 1500, totalFen: 3000, expectedCashFen: null, countedCashFen: null, varianceFen: null })
    expect(open.byMethod).toEqual([
      { method: 'cash', sales: 1, amountFen: 2000 },
      { method: 'wechat', sales: 1, amountFen: 1000 },
    ])

    const close = { closedAt: '2026-11-28T07:00:00.000Z', countedCashFen: 21_900, lastSaleSeq: 3, note: '少了一张一元' }
    const unsent = await api.call('POST', `/api/v1/teahouse/shifts/${shift.id}/close`, { headers: tab.unlocked, body: close })
    expect(unsent.status).toBe(409)
    expect(unsent.json.error.code).toBe('sales_unsent')
    expect(unsent.text).not.toMatch(/22000|22,000/)
    expect((await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.unlocked, body: saleBody(shift.id, 3, { cups: 0, lines: [{ menuItemId: tea, quantity: 1, unitPriceFen: 1500 }] }) })).status).toBe(201)
    expect((await api.call('POST', `/api/v1/teahouse/shifts/${shift.id}/close`, { headers: tab.locked, body: close })).status).toBe(403)
    const closed = await api.call('POST', `/api/v1/teahouse/shifts/${shift.id}/close`, { headers: tab.unlocked, body: close })
    expect(closed.status, closed.text).toBe(200)
    const report = ShiftReport.parse(closed.json)
    // float 20,000 + cash 2,000 + 1,500 = 23,500 expected; counted 21,900 → 1,600 short.
    expect(report).toMatchObject({ expectedCashFen: 23_500, countedCashFen: 21_900, varianceFen: -1600, closeNote: '少了一张一元', closedBy: { userId: t.counterUser.id } })
    expect(report.shift.status).toBe('closed')
    const twice = await api.call('POST', `/api/v1/teahouse/shifts/${shift.id}/close`, { headers: tab.unlocked, body: close })
    expect(twice.json.error.code).toBe('shift_closed')
    const late = await api.call('POST', '/api/v1/teahouse/sales', { headers: tab.unlocked, body: saleBody(shift.id, 4) })
    expect(late.status).toBe(409)
    expect(late.json.error.code).toBe('shift_closed')

    // Leaders read reports and the list; another tablet and care staff do not.
    expect(ShiftReport.parse((await api.call('GET', `/api/v1/teahouse/shifts/${shift.id}/report`, { cookie: t.leader })).json).varianceFen).toBe(-1600)
    const other = await t.tablet()
    expect((await api.call('GET', `/api/v1/teahouse/shifts/${shift.id}/report`, { headers: other.unlocked })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/teahouse/shifts/${shift.id}/report`, { cookie: t.careStaff })).status).toBe(403)
    const list = await api.call('GET', '/api/v1/teahouse/shifts', { cookie: t.leader })
    expect(list.status).toBe(200)
    expect(list.json.items.find((r: { shift: { id: string } }) => r.shift.id === shift.id).varianceFen).toBe(-1600)
    // A new shift opens once the old one is closed.
    expect((await api.call('POST', '/api/v1/teahouse/shifts', { headers: tab.unlocked, body: openShiftBody(seq('shift')) })).status).toBe(201)
  })
})
