// For the tracker's tests only: the real app made by the real shell on the mock API (identity and
// aid), with a real outbox and the app's own IndexedDB cache over fake-indexeddb, and a network
// switch that the outbox, the screens and the mock aid API all obey.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest'
import { button, click, startApp, typeInto, useMockApi } from '@chayi/shell/testing'
import { takeContractViolations } from '@chayi/testing/msw'
import { trackerApp } from './app'
import { MOCK_AID_WORKER_NAME } from './mocks'
import { aidHandlers, aidOf } from './mocks/aid'

export { button, click, typeInto }

/** vi.waitFor with room for a busy machine. */
export const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 })

type App = Awaited<ReturnType<typeof startApp>>

/** Registers the hooks of one test file and returns its handles. */
export function trackerTest() {
  const mock = useMockApi((state) => aidHandlers(state))
  const net = { online: true }
  /** Every write the phone sent, as the server saw it. */
  const sent: { method: string; path: string; key: string | null; body: unknown }[] = []
  let app: App | undefined
  let db = 0

  beforeAll(() => {
    mock.server.listen({ onUnhandledRequest: 'error' })
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'GET' || !request.url.includes('/aid/')) return
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
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => net.online })
  })
  afterEach(async () => {
    await kit.stop()
    mock.server.resetHandlers()
    expect(takeContractViolations()).toEqual([])
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
    world: () => aidOf(mock.world.state),
    /** Unmounts the app and closes its outbox, as a page going away does (else two "tabs" would send). */
    async stop() {
      const a = app
      app = undefined
      if (!a) return
      // Lets a refetch started by the last sent write finish while the mock API still answers.
      await new Promise((r) => setTimeout(r, 50))
      a.unmount()
      await a.context.outbox?.close()
    },
    text: () => app?.el.textContent ?? '',
    $: <E extends Element = HTMLElement>(selector: string) => app?.el.querySelector<E>(selector) ?? null,
    $$: <E extends Element = HTMLElement>(selector: string) => [...(app?.el.querySelectorAll<E>(selector) ?? [])],
    signIn() {
      const aid = mock.world.state.user('aid')
      aid.user.displayName = MOCK_AID_WORKER_NAME
      mock.world.state.signedIn = aid.user.id
    },
    /** Starts (or, with the same device, restarts: a reload) the app signed in as the aid worker. */
    async start(path = '/', { fresh = true } = {}) {
      if (fresh) kit.signIn()
      await kit.stop()
      app = await startApp(trackerApp, path, { outbox: { persist: false, online: () => net.online, dbName: `tracker-test-${fresh ? ++db : db}`, backoff: () => 60_000 } })
      return app
    },
    async go(path: string, ready: string) {
      await kit.app.router.push(path)
      await until(() => expect(kit.$(ready)).not.toBeNull())
      await flushPromises()
    },
    /** The network down (or back): for the outbox, the mock aid API and the screens' `online` event. */
    async setOnline(on: boolean) {
      net.online = on
      kit.world().offline = !on
      window.dispatchEvent(new Event(on ? 'online' : 'offline'))
      await flushPromises()
    },
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
