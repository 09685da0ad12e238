// @chayi/shell/testing — for apps' tests, not for apps: the real app made by the real shell, with
// memory history, an in-memory device token and msw on the shared mock API in place of the network.
import { flushPromises, mount } from '@vue/test-utils'
import type { HttpHandler } from 'msw'
import { setupServer } from 'msw/node'
import { createMemoryHistory, RouterView } from 'vue-router'
import { createHandlers, createMockState, type MockState } from '@chayi/testing/msw'
import { useElderlyMode } from '@chayi/ui'
import { createChayiApp, type CreateAppOptions } from './app.js'
import { SHELL_CONTEXT, type Notice } from './context.js'
import { memoryDeviceTokenStore } from './session/credentials.js'
import type { ChayiAppDef } from './types.js'

// As an app's main.ts does, before any component: the shared 适老模式 state must not belong to the
// first component that asks for it.
useElderlyMode()

/** Where the apps under test think the API is; msw answers there. */
export const TEST_API = 'http://api.test'

/**
 * msw over the shared identity mock plus an app's own handlers; `reset()` before each test gives a
 * fresh world, `signInAs(username)` a signed-in browser.
 */
export function useMockApi(extra: (state: () => MockState) => HttpHandler[] = () => []) {
  const world = { state: createMockState() as MockState }
  const get = () => world.state
  const server = setupServer(...createHandlers({ state: get }), ...extra(get))
  return {
    server,
    world,
    reset: () => void (world.state = createMockState()),
    signInAs: (username: string) => void (world.state.signedIn = world.state.user(username).user.id),
  }
}

/**
 * The app with memory history against the test API. The outbox is off by default: happy-dom has no
 * IndexedDB (the outbox has its own tests here, and the browser tests cover it in the real apps).
 */
export function makeApp(def: ChayiAppDef, opts: CreateAppOptions = {}) {
  const notices: Notice[] = []
  const made = createChayiApp(
    { ...def, apiBase: TEST_API },
    { history: createMemoryHistory(), notify: (n) => notices.push(n), deviceTokens: memoryDeviceTokenStore(), outbox: false, ...opts },
  )
  return { ...made, notices }
}

/** Mounts the whole app (a router view at the root, as ShellRoot does) at `path`, with test-utils. */
export async function mountApp(made: ReturnType<typeof makeApp>, path = '/') {
  await made.router.push(path)
  await made.router.isReady()
  const wrapper = mount(RouterView, {
    attachTo: document.body,
    global: { plugins: [made.pinia, made.router, made.i18n], provide: { [SHELL_CONTEXT as symbol]: made.context } },
  })
  await flushPromises()
  return wrapper
}

/** Mounts the app as main.ts does (its own mount, into a fresh element) at `path`. */
export async function startApp(def: ChayiAppDef, path = '/', opts: CreateAppOptions = {}) {
  const made = makeApp(def, { locale: 'zh-CN', ...opts })
  await made.router.push(path)
  await made.router.isReady()
  const el = document.createElement('div')
  document.body.append(el)
  made.mount(el)
  await flushPromises()
  const unmount = () => {
    made.app.unmount()
    el.remove()
  }
  return { ...made, el, unmount }
}

export const buttons = (el: Element) => [...el.querySelectorAll('button')]
export const button = (el: Element, text: string) => buttons(el).find((b) => b.textContent?.trim() === text)

export async function typeInto(el: Element, selector: string, value: string) {
  const input = el.querySelector<HTMLInputElement>(selector)
  if (!input) throw new Error(`no ${selector}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

export async function click(target: Element | undefined) {
  if (!target) throw new Error('nothing to click')
  ;(target as HTMLElement).click()
  await flushPromises()
}
