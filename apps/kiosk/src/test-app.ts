// Test helpers (not part of the app): the real app definition made by the real shell, with memory
// history, an in-memory device token and the shared msw mock API in place of the network.
import { flushPromises } from '@vue/test-utils'
import { setupServer } from 'msw/node'
import { createMemoryHistory } from 'vue-router'
import { createChayiApp, memoryDeviceTokenStore, type ChayiAppDef, type Notice } from '@chayi/shell'
import { createHandlers, createMockState, type MockState } from '@chayi/testing/msw'

export const API = 'http://api.test'

/** msw over the shared mock API; call `reset()` before each test for a fresh world. */
export function useMockApi() {
  const world = { state: createMockState() as MockState }
  const server = setupServer(...createHandlers({ state: () => world.state }))
  return { server, world, reset: () => void (world.state = createMockState()) }
}

/**
 * Mounts the app at `path` into a fresh element. The outbox is off: happy-dom has no IndexedDB
 * (the outbox has its own tests in @chayi/shell; the browser tests cover it in the real app).
 */
export async function startApp(def: ChayiAppDef, path = '/') {
  const notices: Notice[] = []
  const made = createChayiApp({ ...def, apiBase: API }, { history: createMemoryHistory(), notify: (n) => notices.push(n), deviceTokens: memoryDeviceTokenStore(), outbox: false, locale: 'zh-CN' })
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
  return { ...made, el, notices, unmount }
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
