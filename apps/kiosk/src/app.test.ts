import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MOCK_PAIRING_CODE, MOCK_PIN } from '@chayi/testing/msw'
import { kioskApp } from './app'
import { button, click, startApp, typeInto, useMockApi } from '@chayi/shell/testing'
import { teahouseHandlers } from './mocks/teahouse'

const mock = useMockApi((state) => teahouseHandlers(state))
let app: Awaited<ReturnType<typeof startApp>> | undefined

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  mock.reset()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  app?.unmount()
  app = undefined
  mock.server.resetHandlers()
})
afterAll(() => mock.server.close())

const route = () => app!.router.currentRoute.value
const text = () => app!.el.textContent ?? ''

/** Pairs through the pairing screen and waits for the staff list. */
async function pair() {
  await typeInto(app!.el, 'input[name="code"]', MOCK_PAIRING_CODE)
  await click(app!.el.querySelector('form button[type="submit"]')!)
  await vi.waitFor(() => expect(button(app!.el, '张明')).toBeDefined())
}

async function pressPin(pin: string) {
  for (const d of pin) await click(app!.el.querySelector(`button[aria-label="数字 ${d}"]`)!)
  await click(button(app!.el, '解锁'))
}

describe('kiosk', () => {
  it('starts unpaired on the pairing screen, for any address', async () => {
    app = await startApp(kioskApp, '/')
    expect(route().name).toBe('pair-device')
    expect(app.el.querySelector('input[name="code"]')).not.toBeNull()
    // The elderly-mode switch is on the very first screen.
    expect(app.el.querySelector('[role="switch"]')?.textContent).toContain('适老模式')

    app.unmount()
    // The public board needs no pairing (the launcher links it), and is shown full-screen.
    app = await startApp(kioskApp, '/board')
    expect(route().name).toBe('board')
    expect(route().matched.map((r) => r.name)).toEqual(['board'])
  })

  it('pairs, refuses a wrong PIN, unlocks with the right one, shows the home screen and locks again', async () => {
    app = await startApp(kioskApp, '/')
    await pair()
    expect(route().name).toBe('staff-pin')
    expect(button(app.el, '李建国')).toBeDefined() // every member with a PIN and a kiosk role

    await click(button(app.el, '张明'))
    await pressPin('0000')
    expect(app.el.querySelector('.shell-pin__error')?.textContent?.trim()).toBe('PIN 码不正确。')
    expect(route().name).toBe('staff-pin')

    await pressPin(MOCK_PIN)
    await vi.waitFor(() => expect(app!.el.querySelector('.kiosk-home')).not.toBeNull())
    expect(route().name).toBe('home')
    expect(app.el.querySelector('.kiosk-home__name')?.textContent).toBe('张明，您好')
    expect(app.el.querySelector('.kiosk-home__team')?.textContent).toBe('三圣街道幸福社区志愿服务队')
    expect(text()).toContain('茶馆店员')
    expect(app.el.querySelector('time.kiosk-home__time')?.textContent).toMatch(/^\d{1,2}:\d{2}$/)
    expect(app.el.querySelector('.kiosk-tile--status')?.textContent).toContain('全部已发送')
    // The counter's tiles; no shift is open, so the sale tile leads to the shift screen. No menu tile for counter staff.
    expect(app.el.querySelector('.kiosk-tile--sale')?.getAttribute('href')).toBe('/shift')
    for (const label of ['卖茶', '领茶', '收物', '班次', '公开看板']) expect(text()).toContain(label)
    expect(app.el.querySelector('.kiosk-tile--menu')).toBeNull()
    // The shell kept the unlock for a reload (sessionStorage) and the device in its token store.
    expect(sessionStorage.getItem('chayi.kiosk.staff')).toContain('张明')

    await click(app.el.querySelector('.kiosk-tile--lock')!)
    await vi.waitFor(() => expect(route().name).toBe('staff-pin'))
    expect(sessionStorage.getItem('chayi.kiosk.staff')).toBeNull()
    expect([...mock.world.state.staffSessions.values()]).toEqual([])
    await vi.waitFor(() => expect(button(app!.el, '张明')).toBeDefined())
  })

  it('opens the public board without a staff PIN, with the team name and live figures', async () => {
    app = await startApp(kioskApp, '/')
    await pair()
    await app.router.push('/board')
    await vi.waitFor(() => expect(app!.el.querySelector('.kiosk-board__grid')).not.toBeNull())
    expect(route().name).toBe('board')
    expect(app.el.querySelector('.kiosk-board__team')?.textContent).toBe('三圣街道幸福社区志愿服务队')
    // Locked, the board's way back is the staff unlock.
    expect(app.el.querySelector('.kiosk-board a')?.textContent?.trim()).toBe('店员解锁')
    // The 适老模式 switch is on the full-screen board too.
    expect(app.el.querySelector('.kiosk-board [role="switch"]')).not.toBeNull()
  })

  it('switches the board and home to English', async () => {
    app = await startApp(kioskApp, '/')
    await pair()
    app.i18n.global.locale.value = 'en'
    await app.router.push('/board')
    await vi.waitFor(() => expect(app!.el.querySelector('.kiosk-board__grid')).not.toBeNull())
    await flushPromises()
    expect(app.el.querySelector('.kiosk-board__eyebrow')?.textContent).toBe('Public board')
    expect(app.el.querySelector('[data-stat="cupsWaiting"]')?.textContent).toContain('Waiting')
    expect(document.title).toBe('Tea-house kiosk')
    expect(document.documentElement.lang).toBe('en')
  })
})
