// For the kiosk's tests only: the real app made by the real shell on the mock API (identity and the
// tea house), with a real outbox over fake-indexeddb and a network switch that both the outbox and
// the mock tea house obey.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest'
import { MOCK_PAIRING_CODE, MOCK_PIN } from '@chayi/testing/msw'
import { button, click, startApp, typeInto, useMockApi } from '@chayi/shell/testing'
import { kioskApp } from './app'
import { teahouseHandlers, teahouseOf } from './mocks/teahouse'

export { button, click, typeInto }

/** vi.waitFor with room for a busy machine (the whole suite runs in parallel). */
export const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 })

type App = Awaited<ReturnType<typeof startApp>>

/** Registers the hooks of one test file and returns its handles. */
export function kioskTest() {
  const mock = useMockApi((state) => teahouseHandlers(state))
  const net = { online: true }
  /** Every write the tablet sent, as the server saw it: the Idempotency-Key and the body. */
  const sent: { method: string; path: string; key: string | null; body: unknown }[] = []
  let app: App | undefined
  let db = 0

  beforeAll(() => {
    mock.server.listen({ onUnhandledRequest: 'error' })
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'GET' || !request.url.includes('/teahouse/')) return
      const copy = request.clone()
      void copy.text().then((text) => sent.push({ method: request.method, path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), body: text ? JSON.parse(text) : null }))
    })
  })
  beforeEach(() => {
    mock.reset()
    localStorage.clear()
    sessionStorage.clear()
    net.online = true
    sent.length = 0
    globalThis.indexedDB = new IDBFactory()
  })
  afterEach(() => {
    app?.unmount()
    app = undefined
    mock.server.resetHandlers()
  })
  afterAll(() => mock.server.close())

  const kit = {
    mock,
    net,
    sent,
    get app(): App {
      if (!app) throw new Error('start the app first')
      return app
    },
    world: () => teahouseOf(mock.world.state),
    text: () => app?.el.textContent ?? '',
    $: <E extends Element = HTMLElement>(selector: string) => app?.el.querySelector<E>(selector) ?? null,
    async start(path = '/') {
      app = await startApp(kioskApp, path, { outbox: { persist: false, online: () => net.online, dbName: `kiosk-test-${++db}`, backoff: () => 60_000 } })
      return app
    },
    /** Pairs with the mock's code; `before` runs between pairing and the PIN (the device exists by then). */
    async unlock(name = '张明', before?: (deviceId: string) => void) {
      const a = kit.app
      await typeInto(a.el, 'input[name="code"]', MOCK_PAIRING_CODE)
      await click(a.el.querySelector('form button[type="submit"]')!)
      await until(() => expect(button(a.el, name)).toBeDefined())
      before?.(mock.world.state.devices[0]!.device.id)
      await click(button(a.el, name))
      for (const d of MOCK_PIN) await click(a.el.querySelector(`button[aria-label="数字 ${d}"]`)!)
      await click(button(a.el, '解锁'))
      await until(() => expect(a.el.querySelector('.kiosk-home')).not.toBeNull())
      await flushPromises()
    },
    async go(path: string, ready: string) {
      await kit.app.router.push(path)
      await until(() => expect(kit.$(ready)).not.toBeNull())
      await flushPromises()
    },
    /** The network down (or back): for the outbox, the mock tea house and the screens' `online` event. */
    async setOnline(on: boolean) {
      net.online = on
      kit.world().offline = !on
      window.dispatchEvent(new Event(on ? 'online' : 'offline'))
      await flushPromises()
    },
    /** What the outbox still holds. */
    queued: () => kit.app.context.outbox!.list(),
    async type(selector: string, value: string) {
      await typeInto(kit.app.el, selector, value)
    },
    async press(selector: string) {
      await click(kit.$(selector) ?? undefined)
    },
  }
  return kit
}

/** Opens a shift with a float through the shift screen (online, so it reaches the mock at once). */
export async function openShift(kit: ReturnType<typeof kioskTest>, floatYuan = '200') {
  await kit.go('/shift', '.kiosk-shift__open')
  await kit.type('input[name="float"]', floatYuan)
  await kit.press('.kiosk-shift__open button[type="submit"]')
  await until(() => expect(kit.$('.kiosk-shift__close')).not.toBeNull())
}

/** Sells through the sale screen: `teas` by name and count, `cups` charity cups, paid by `method`. */
export async function sell(kit: ReturnType<typeof kioskTest>, teas: Record<string, number>, cups: number, method: string) {
  if (kit.$('.kiosk-receipt__next')) await kit.press('.kiosk-receipt__next')
  await kit.go('/sale', '.kiosk-sale__teas')
  for (const [name, n] of Object.entries(teas)) for (let i = 0; i < n; i++) await kit.press(`.kiosk-sale__tea-add[aria-label="加一杯 ${name}"]`)
  for (let i = 0; i < cups; i++) await kit.press('.kiosk-sale__stepper--cups button:last-child')
  await kit.press(`button[data-method="${method}"]`)
  await kit.press('.kiosk-sale__confirm')
  await until(() => expect(kit.$('.kiosk-receipt__no')).not.toBeNull())
  return { receiptNo: kit.$('.kiosk-receipt__no')!.textContent!.trim(), code: kit.$('.kiosk-receipt__code')!.textContent!.trim() }
}
