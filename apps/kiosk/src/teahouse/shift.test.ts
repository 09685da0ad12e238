import { describe, expect, it } from 'vitest'
import { OpenShiftRequest } from '@chayi/domain'
import { kioskTest, until, openShift, sell } from '../test-kit'

const kit = kioskTest()

describe('shift', () => {
  it('opens with a float (queued as an OpenShiftRequest) and closes with a blind count', async () => {
    await kit.start()
    await kit.unlock()
    await openShift(kit, '200')
    await until(() => expect(kit.world().shifts).toHaveLength(1))
    const post = kit.sent.find((s) => s.path === '/api/v1/teahouse/shifts')!
    expect(OpenShiftRequest.parse(post.body)).toMatchObject({ id: post.key, deviceSeq: 1, floatFen: 20000 })

    await sell(kit, { 盖碗茶: 1 }, 0, 'cash')
    await sell(kit, {}, 2, 'wechat')
    await until(() => expect(kit.world().sales).toHaveLength(2))

    // A report on demand while open: the expected cash stays hidden.
    await kit.go('/shift', '.kiosk-shift__close')
    await kit.press('.kiosk-shift__actions button')
    await until(() => expect(kit.$('.kiosk-shift__report')).not.toBeNull())
    expect(kit.$('.kiosk-shift__expected')?.textContent).toBe('交班后显示')
    expect(kit.text()).not.toContain('¥215.00')

    // The blind count: the counted cash first; only the server's answer shows expected and variance.
    await until(() => expect(kit.$<HTMLButtonElement>('.kiosk-shift__submit')?.disabled).toBe(false)) // the outbox is empty
    await kit.type('input[name="counted"]', '210')
    await kit.type('input[name="note"]', '找错零钱')
    await kit.press('.kiosk-shift__submit')
    await until(() => expect(kit.text()).toContain('已交班'))
    expect(kit.$('.kiosk-shift__expected')?.textContent).toBe('¥215.00') // float 200 + cash 15
    const variance = kit.$('.kiosk-shift__variance')!
    expect(variance.textContent).toContain('−¥5.00')
    expect(variance.textContent).toContain('短款')
    expect(variance.classList.contains('th-negative')).toBe(true)
    expect(kit.$('tr[data-method="cash"]')?.textContent).toContain('¥15.00')
    expect(kit.$('tr[data-method="wechat"]')?.textContent).toContain('¥10.00')
    expect(kit.$('tr[data-method="alipay"]')).not.toBeNull()
    expect(kit.text()).toContain('找错零钱')
    // The shift is over: a new one can be opened, and the sale tile leads back here.
    expect(kit.$('.kiosk-shift__open')).not.toBeNull()
  })

  it('refuses to close while writes are unsent, and says closing needs the network', async () => {
    await kit.start()
    await kit.unlock()
    await openShift(kit)
    await until(() => expect(kit.world().shifts).toHaveLength(1))
    await kit.setOnline(false)
    await sell(kit, { 竹叶青: 1 }, 1, 'cash')

    await kit.go('/shift', '.kiosk-shift__close')
    expect(kit.$('.kiosk-shift__unsent')?.textContent).toContain('还有 1 条记录没有发送到服务器')
    expect(kit.$<HTMLButtonElement>('.kiosk-shift__submit')?.disabled).toBe(true)
    await kit.type('input[name="counted"]', '230')
    await kit.press('.kiosk-shift__submit')
    expect(kit.world().shifts[0]!.shift.status).toBe('open')

    // Back online, the sale goes out; then the close is allowed.
    await kit.setOnline(true)
    await until(() => expect(kit.world().sales).toHaveLength(1))
    await until(() => expect(kit.$<HTMLButtonElement>('.kiosk-shift__submit')?.disabled).toBe(false))

    // Offline with nothing unsent: the close is not queued, and the screen says why.
    await kit.setOnline(false)
    await until(() => expect(kit.$('.kiosk-shift__offline')?.textContent).toContain('交班需要联网'))
    expect(kit.$<HTMLButtonElement>('.kiosk-shift__submit')?.disabled).toBe(true)
  })
})
