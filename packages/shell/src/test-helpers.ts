// Shared by the shell's tests (not exported): a test app definition, msw on the mock API, and a mount.
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createApiClient } from './api/client.js'
import { createChayiApp, type CreateAppOptions } from './app.js'
import ShellRoot from './components/ShellRoot.vue'
import { SHELL_CONTEXT, type Notice } from './context.js'
import { memoryDeviceTokenStore } from './session/credentials.js'
import type { ChayiAppDef } from './types.js'
import WhoAmI from './components/WhoAmI.vue'

export const API = 'http://api.test'

const page = (name: string) => defineComponent({ name, render: () => h('section', { class: `page-${name}` }, [h('h2', name), name === 'home' ? h(WhoAmI) : null]) })

export function testDef(over: Partial<ChayiAppDef> = {}): ChayiAppDef {
  return {
    name: 'care',
    title: { 'zh-CN': '关爱中心台', en: 'Care-centre console' },
    layout: 'desktop',
    routes: [
      { path: '', name: 'home', component: page('home') },
      { path: 'fund', name: 'fund', component: page('fund'), meta: { roles: ['admin'] } },
    ],
    nav: [
      { to: '/', labelKey: 'test.nav.home', icon: 'home' },
      { to: '/fund', labelKey: 'test.nav.fund', icon: 'fund', roles: ['admin'] },
    ],
    roles: ['care_staff', 'admin'],
    messages: { 'zh-CN': { test: { nav: { home: '首页', fund: '基金' } } }, en: { test: { nav: { home: 'Home', fund: 'Fund' } } } },
    auth: 'password',
    apiBase: API,
    // Like the care console it stands for: with the typed client (the kiosk's definition has none).
    client: createApiClient,
    ...over,
  }
}

export const kioskDef = (over: Partial<ChayiAppDef> = {}) =>
  testDef({ name: 'kiosk', title: { 'zh-CN': '茶馆平板', en: 'Tea-house kiosk' }, layout: 'tablet', roles: ['counter_staff', 'leader', 'admin'], auth: 'device', offline: true, client: undefined, ...over })

/** msw over the shared mock API (the same harness the apps' tests use). */
export { useMockApi } from './testing.js'

/** createChayiApp with memory history, a recorded toast list and an in-memory device token. */
export function makeApp(def: ChayiAppDef = testDef(), opts: CreateAppOptions = {}) {
  const notices: Notice[] = []
  const made = createChayiApp(def, {
    history: createMemoryHistory(),
    notify: (n) => notices.push(n),
    deviceTokens: memoryDeviceTokenStore(),
    outbox: { persist: false, online: () => true },
    ...opts,
  })
  return { ...made, notices }
}

/** Mounts the whole app (ShellRoot + router) with @vue/test-utils, at `path`. */
export async function mountApp(made: ReturnType<typeof makeApp>, path = '/') {
  await made.router.push(path)
  await made.router.isReady()
  const wrapper = mount(ShellRoot, {
    attachTo: document.body,
    global: { plugins: [made.pinia, made.router, made.i18n], provide: { [SHELL_CONTEXT as symbol]: made.context } },
  })
  await flushPromises()
  return wrapper
}
