import { describe, expect, it } from 'vitest'
import { ServingRequest } from '@chayi/domain'
import { MOCK_CARDS } from '../mocks/teahouse'
import { kioskTest, until } from '../test-kit'

const kit = kioskTest()

async function check(card: string) {
  if (kit.$('.kiosk-serve__next')) await kit.press('.kiosk-serve__next')
  await kit.go('/serve', '.kiosk-serve__type')
  await kit.type('input[name="card"]', card)
  await kit.press('.kiosk-serve__check')
}

describe('serving a charity cup', () => {
  it('online: shows the card check, serves the oldest cup, and says in words why a card cannot have another', async () => {
    await kit.start()
    await kit.unlock()
    await check(MOCK_CARDS.elderly)
    await until(() => expect(kit.$('.kiosk-serve__card')).not.toBeNull())
    expect(kit.$('.kiosk-serve__kind')?.textContent).toBe('老年人')
    expect(kit.$('.kiosk-serve__facts')?.textContent).toContain('王**')
    expect(kit.$('.kiosk-serve__today')?.textContent).toBe('0 / 1 杯')
    expect(kit.$('.kiosk-serve__facts')?.textContent).toContain('2 杯') // cups waiting

    await kit.press('.kiosk-serve__serve')
    await until(() => expect(kit.$('.kiosk-serve__served')).not.toBeNull())
    expect(kit.$('.kiosk-serve__served')?.textContent).toContain('已送出义仓茶 C-000001') // the oldest
    expect(kit.world().servings[0]?.serving).toMatchObject({ cardNumber: MOCK_CARDS.elderly, claim: false, flags: [] })

    // The same card again today: the daily limit, in words, and no serve button.
    await check(MOCK_CARDS.elderly)
    await until(() => expect(kit.$('.kiosk-serve__cannot')).not.toBeNull())
    expect(kit.$('.kiosk-serve__cannot')?.textContent).toContain('今天已经领满 1 杯，明天再来。')
    expect(kit.$('.kiosk-serve__serve')).toBeNull()

    // A blocked card.
    await kit.press('.kiosk-serve__card button')
    await check(MOCK_CARDS.blocked)
    await until(() => expect(kit.$('.kiosk-serve__cannot')?.textContent).toContain('这张卡现在不能领茶'))

    // An unknown card.
    await kit.press('.kiosk-serve__card button')
    await check('SANSHENG-XINGFU-GA-000999')
    await until(() => expect(kit.$('.kiosk-serve__problem')?.textContent).toContain('没有找到这张卡'))
  })

  it('a care card QR opened on the tablet (/card/<token>) lands on the serve screen with that card checked', async () => {
    await kit.start()
    await kit.unlock()
    await kit.go(`/card/${encodeURIComponent(MOCK_CARDS.elderly)}`, '.kiosk-serve')
    await until(() => expect(kit.$('.kiosk-serve__kind')?.textContent).toBe('老年人'))
    expect(kit.$('.kiosk-serve__today')?.textContent).toBe('0 / 1 杯')
  })

  it('says in words when the tablet has looked up too many unknown cards', async () => {
    await kit.start()
    await kit.unlock()
    for (let k = 0; k < 21; k++) {
      await check(`SANSHENG-XINGFU-GA-9${String(k).padStart(5, '0')}`)
      await until(() => expect(kit.$('.kiosk-serve__problem')).not.toBeNull())
    }
    expect(kit.$('.kiosk-serve__problem')?.textContent).toContain('查过太多不存在的卡号')
  })

  it('online: a refusal from the server (no cup left) is shown in words and frees the number', async () => {
    await kit.start()
    await kit.unlock()
    for (const c of kit.world().cups) c.servedAt = new Date().toISOString()
    await check(MOCK_CARDS.disabled)
    await until(() => expect(kit.$('.kiosk-serve__serve')).not.toBeNull())
    await kit.press('.kiosk-serve__serve')
    await until(() => expect(kit.$('.kiosk-serve__refused')).not.toBeNull())
    expect(kit.$('.kiosk-serve__refused')?.textContent).toContain('现在没有待领的义仓茶，请稍后再来。')
    expect(JSON.parse(localStorage.getItem('chayi.kiosk.teahouse')!).seq.serving).toBe(0)
  })

  it('offline: says no check is possible, records a claim in the outbox, and the server matches it later', async () => {
    await kit.start()
    await kit.unlock()
    await kit.setOnline(false)
    await check(MOCK_CARDS.elderly)
    await until(() => expect(kit.$('.kiosk-serve__offline')).not.toBeNull())
    expect(kit.text()).toContain('离线：现在查不了这张卡')
    expect(kit.text()).toContain('联网后服务器按先到先得配上最早的一杯义仓茶')
    await kit.press('.kiosk-serve__claim')
    await until(() => expect(kit.$('.kiosk-serve__claimed')).not.toBeNull())

    const [rec] = await kit.queued()
    const body = ServingRequest.parse(rec!.body)
    expect(body).toMatchObject({ id: rec!.id, deviceSeq: 1, cardCode: MOCK_CARDS.elderly, claim: true })
    // Nothing personal on the tablet: the card number lives only in the queued write.
    expect(localStorage.getItem('chayi.kiosk.teahouse')).not.toContain('GA-000001')
    expect(JSON.stringify(localStorage)).not.toContain('王')

    await kit.setOnline(true)
    await until(() => expect(kit.world().servings).toHaveLength(1))
    expect(kit.world().servings[0]!.serving).toMatchObject({ claim: true, cup: { serial: 'C-000001' }, flags: [] })
  })
})
