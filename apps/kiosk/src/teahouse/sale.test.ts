import { describe, expect, it } from 'vitest'
import { SaleRequest } from '@chayi/domain'
import { kioskTest, until, openShift, sell } from '../test-kit'

const kit = kioskTest()

describe('sale', () => {
  it('leads to the shift screen until a shift is open', async () => {
    await kit.start()
    await kit.unlock()
    expect(kit.$('.kiosk-tile--sale')?.getAttribute('href')).toBe('/shift')
    await kit.go('/sale', '.kiosk-sale')
    expect(kit.text()).toContain('卖茶前请先开班')
    await openShift(kit)
    await kit.app.router.push('/')
    await until(() => expect(kit.$('.kiosk-tile--sale')?.getAttribute('href')).toBe('/sale'))
  })

  it('adds up teas and charity cups, queues the sale with the outbox id, and shows the receipt with a QR', async () => {
    await kit.start()
    await kit.unlock()
    await openShift(kit)
    await kit.go('/sale', '.kiosk-sale__teas')
    await kit.press('.kiosk-sale__tea-add[aria-label="加一杯 盖碗茶"]')
    await kit.press('.kiosk-sale__tea-add[aria-label="加一杯 盖碗茶"]')
    for (let i = 0; i < 3; i++) await kit.press('.kiosk-sale__stepper--cups button:last-child')
    expect(kit.$('.kiosk-sale__total')?.textContent).toContain('¥45.00') // 2 × 15 + 3 × 5
    expect(kit.text()).toContain('义仓茶 × 3')

    // No payment method yet: said, nothing queued.
    await kit.press('.kiosk-sale__confirm')
    expect(kit.text()).toContain('请选择付款方式')
    expect(kit.world().sales).toHaveLength(0)

    await kit.press('button[data-method="wechat"]')
    await kit.press('.kiosk-sale__confirm')
    await until(() => expect(kit.$('.kiosk-receipt__no')).not.toBeNull())
    expect(kit.$('.kiosk-receipt__no')?.textContent).toBe('T1-000001')
    const code = kit.$('.kiosk-receipt__code')!.textContent!
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
    expect(kit.$('.kiosk-receipt__total')?.textContent).toBe('¥45.00')
    expect(kit.$('.kiosk-receipt__url')?.textContent).toBe(`${location.origin}/r/${code}`)
    await until(() => expect(kit.$('.kiosk-receipt__qr svg')).not.toBeNull())

    // The server got it once, under the outbox record's id, as a valid SaleRequest.
    await until(() => expect(kit.world().sales).toHaveLength(1))
    const post = kit.sent.find((s) => s.path === '/api/v1/teahouse/sales')!
    const body = SaleRequest.parse(post.body)
    expect(body.id).toBe(post.key)
    expect(body).toMatchObject({ deviceSeq: 1, paymentMethod: 'wechat', cups: 3, cupPriceFen: 500, receiptCode: code, lines: [{ quantity: 2, unitPriceFen: 1500 }] })
    expect(kit.world().sales[0]).toMatchObject({ receiptNo: 'T1-000001', totalFen: 4500 })
    await until(() => expect(kit.$('.kiosk-receipt')?.textContent).toContain('已发送到服务器'))

    // The customer's page lists the three cups, waiting.
    await kit.go(`/r/${code}`, '.kiosk-public-receipt__cups')
    expect(kit.app.el.querySelectorAll('.kiosk-public-receipt__cup[data-status="waiting"]')).toHaveLength(3)
    expect(kit.text()).toContain('T1-000001')
  })

  it('sells offline: the receipt comes from the tablet, the sale waits in the outbox and goes out once online', async () => {
    await kit.start()
    await kit.unlock()
    await openShift(kit)
    await sell(kit, { 竹叶青: 1 }, 0, 'cash')
    await until(() => expect(kit.world().sales).toHaveLength(1))

    await kit.setOnline(false)
    const second = await sell(kit, {}, 2, 'alipay')
    expect(second.receiptNo).toBe('T1-000002')
    expect(kit.$('.kiosk-receipt')?.textContent).toContain('已存在平板上')
    expect(kit.$('.kiosk-receipt__qr')).not.toBeNull()
    const third = await sell(kit, { 菊花茶: 2 }, 1, 'cash')
    expect(third.receiptNo).toBe('T1-000003')

    const queued = await kit.queued()
    expect(queued.map((r) => r.path)).toEqual(['/api/v1/teahouse/sales', '/api/v1/teahouse/sales'])
    for (const r of queued) expect(SaleRequest.parse(r.body).id).toBe(r.id)
    expect(queued.map((r) => (r.body as SaleRequest).deviceSeq)).toEqual([2, 3])
    expect(JSON.parse(localStorage.getItem('chayi.kiosk.teahouse')!).seq.sale).toBe(3)
    expect(kit.world().sales).toHaveLength(1)
    // The customer scanning right away is told it has not arrived yet (the page needs the network too).
    await kit.setOnline(true)
    await kit.go(`/r/${second.code}`, '.kiosk-public-receipt')
    await until(() => expect(kit.world().sales).toHaveLength(3))
    expect(kit.world().sales.map((s) => s.receiptNo)).toEqual(['T1-000001', 'T1-000002', 'T1-000003'])
    expect(await kit.queued()).toEqual([])
  })

  it('never reuses a number: on start it takes the larger of its own counter and the server’s', async () => {
    await kit.start()
    // A reinstalled tablet: the server already holds sales up to 41 from this device.
    await kit.unlock('张明', (deviceId) => kit.world().seqs.set(deviceId, { sale: 41, serving: 3, intake: 0, shift: 2 }))
    await openShift(kit)
    expect((await sell(kit, { 老鹰茶: 1 }, 0, 'cash')).receiptNo).toBe('T1-000042')
    await until(() => expect(kit.world().sales).toHaveLength(1))
    // The server forgetting (an older backup) does not send the counter back.
    kit.world().seqs.get(kit.mock.world.state.devices[0]!.device.id)!.sale = 10
    await kit.app.router.push('/')
    await until(() => expect(kit.$('.kiosk-home')).not.toBeNull())
    expect((await sell(kit, { 老鹰茶: 1 }, 0, 'cash')).receiptNo).toBe('T1-000043')
  })
})

describe('public receipt', () => {
  it('says a receipt has not arrived yet instead of "not found"', async () => {
    await kit.start('/r/ABCDEFGHJK')
    await until(() => expect(kit.text()).toContain('这张收据还没有到达服务器'))
    expect(kit.text()).toContain('ABCDEFGHJK')
    expect(kit.app.router.currentRoute.value.matched.map((r) => r.name)).toEqual(['receipt'])
  })
})
