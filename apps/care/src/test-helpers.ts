// For this app's tests (not part of the app): the real app definition made with memory history
// against msw on the shared mock API, and a mount of the whole app at a path.
import { flushPromises, mount } from '@vue/test-utils'
import { setupServer } from 'msw/node'
import { createMemoryHistory, RouterView } from 'vue-router'
import { createHandlers, createMockState, type MockState } from '@chayi/testing/msw'
import { createChayiApp, memoryDeviceTokenStore, SHELL_CONTEXT, type Notice } from '@chayi/shell'
import { useElderlyMode } from '@chayi/ui'
import { careApp } from './app'
import { careHandlers } from './mocks'

// As main.ts does, before any component: the shared 适老模式 state (and its watcher) must not belong
// to the first component that asks for it, or it stops applying when that component unmounts.
useElderlyMode()

export const API = 'http://api.test'

/** msw over the shared identity mock and the console's own handlers; `reset()` gives each test a fresh world. */
export function useMockApi() {
  const world = { state: createMockState() as MockState }
  const server = setupServer(...createHandlers({ state: () => world.state }), ...careHandlers(() => world.state))
  return {
    server,
    world,
    reset: () => void (world.state = createMockState()),
    signInAs: (username: string) => void (world.state.signedIn = world.state.user(username).user.id),
  }
}

export function makeApp() {
  const notices: Notice[] = []
  const made = createChayiApp(
    { ...careApp, apiBase: API },
    { history: createMemoryHistory(), notify: (n) => notices.push(n), deviceTokens: memoryDeviceTokenStore(), outbox: false },
  )
  return { ...made, notices }
}

/** Mounts the whole app (router view at the root, as ShellRoot does) at `path`. */
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
