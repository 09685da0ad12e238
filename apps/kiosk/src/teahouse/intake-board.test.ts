import { describe, expect, it } from 'vitest'
import { IntakeRequest } from '@chayi/domain'
import { kioskTest, until } from '../test-kit'

const kit = kioskTest()

describe('goods intake', () => {
  it('queues an IntakeRequest and shows the tablet’s reference, then the granary receipt code', async () => {
    await kit.start()
    await kit.unlock()
    await kit.go('/intake', '.kiosk-intake__form')
    await kit.type('input[name="name"]', '陈大爷')
    await kit.type('input[name="phone"]', '1380000')
    await kit.type('input[name="description"]', '大米')
    await kit.type('input[name="quantity"]', '2')
    await kit.type('input[name="unit"]', '袋')
    await kit.type('input[name="value"]', '50')
    await kit.press('button[data-basis="voucher"]')
    expect(kit.$('.kiosk-intake__total')?.textContent).toContain('¥100.00')

    await kit.press('.kiosk-intake__submit')
    expect(kit.text()).toContain('请填写 11 位手机号')
    await kit.type('input[name="phone"]', '13800000000')
    await kit.press('.kiosk-intake__submit')
    await until(() => expect(kit.$('.kiosk-intake__reference')).not.toBeNull())
    expect(kit.$('.kiosk-intake__reference')?.textContent).toBe('T1-I-000001')
    await until(() => expect(kit.$('.kiosk-intake__code')?.textContent?.trim()).toBe('GD00000001'))

    const posts = kit.sent.filter((s) => s.path === '/api/v1/teahouse/intakes')
    const body = IntakeRequest.parse(posts[0]!.body)
    expect(body).toMatchObject({
      id: posts[0]!.key,
      deviceSeq: 1,
      donor: { kind: 'person', name: '陈大爷', phone: '13800000000' },
      items: [{ category: 'grain_oil', description: '大米', quantity: 2, unit: '袋', unitValueFen: 5000, valuationBasis: 'voucher' }],
    })
    // The code came from replaying the same request under the same key: stored once.
    expect(kit.world().intakes).toHaveLength(1)
  })

  it('offline: anonymous goods are queued and the receipt says the code comes once sent', async () => {
    await kit.start()
    await kit.unlock()
    await kit.setOnline(false)
    await kit.go('/intake', '.kiosk-intake__form')
    await kit.press('button[data-kind="anonymous"]')
    await kit.type('input[name="description"]', '冬被')
    await kit.type('input[name="unit"]', '床')
    await kit.type('input[name="value"]', '120.5')
    await kit.press('.kiosk-intake__submit')
    await until(() => expect(kit.$('.kiosk-intake__reference')).not.toBeNull())
    expect(kit.$('.kiosk-intake__code')?.textContent).toContain('联网发送后生成收据码')
    const [rec] = await kit.queued()
    expect(IntakeRequest.parse(rec!.body)).toMatchObject({ id: rec!.id, anonymous: true, items: [{ unitValueFen: 12050, quantity: 1 }] })

    await kit.setOnline(true)
    await until(() => expect(kit.$('.kiosk-intake__code')?.textContent?.trim()).toBe('GD00000001'))
  })
})

describe('public board', () => {
  it('renders a Board in large tiles, polling where there is no EventSource', async () => {
    await kit.start('/board?team=sansheng-xingfu')
    await until(() => expect(kit.$('.kiosk-board__grid')).not.toBeNull())
    const stat = (name: string) => kit.$(`[data-stat="${name}"] .kiosk-board__value`)?.textContent
    expect(stat('cupsBought')).toBe('214杯') // 212 before the mock + 2 seeded
    expect(stat('cupsServed')).toBe('96杯')
    expect(stat('granaryItems')).toBe('842件')
    expect(stat('granaryValue')).toBe('¥80,000')
    expect(stat('fund')).toBe('¥600,000')
    expect(kit.$('[data-stat="cupsWaiting"]')?.textContent).toContain('最早一杯已等 25 小时')
    expect(kit.text()).toContain('每 10 秒更新')
  })

  it('shows no fund tile while the fund has no balance', async () => {
    kit.world().history.fundBalanceFen = null
    await kit.start('/board?team=sansheng-xingfu')
    await until(() => expect(kit.$('.kiosk-board__grid')).not.toBeNull())
    expect(kit.$('[data-stat="fund"]')).toBeNull()
  })

  it('asks for a team when neither the address nor a paired tablet gives one', async () => {
    await kit.start('/board')
    await until(() => expect(kit.text()).toContain('请在地址后加上 ?team=队伍代码'))
  })
})
