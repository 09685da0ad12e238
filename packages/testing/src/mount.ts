import { mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { defineComponent, h, type Component, type Plugin } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router'

type GlobalOptions = NonNullable<ComponentMountingOptions<Component>['global']>

export type Locale = 'zh-CN' | 'en'
interface Tree {
  [key: string]: string | Tree
}
export type Messages = Partial<Record<Locale, Tree>>

export interface MountWithShellOptions {
  /** Where the router starts (default `/`). */
  route?: string
  /** Routes to resolve links against; default: one catch-all route that renders nothing. */
  routes?: RouteRecordRaw[]
  /** Default: a fresh pinia (pass `createTestingPinia(...)` to spy on stores). */
  pinia?: Pinia
  locale?: Locale
  props?: Record<string, unknown>
  /**
   * Message trees merged in order, later wins: pass `[uiMessages, shellMessages, appMessages]`
   * (@chayi/testing does not import @chayi/ui or @chayi/shell itself: the shell's own tests use it).
   */
  messages?: Messages | Messages[]
  /** More plugins (after router, pinia and i18n). */
  plugins?: Plugin[]
  /** Anything else for @vue/test-utils' mount (stubs, attachTo, …). */
  mountOptions?: Omit<ComponentMountingOptions<Component>, 'props' | 'global'> & { global?: Omit<GlobalOptions, 'plugins'> }
}

export interface ShellMount {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  i18n: ReturnType<typeof createTestI18n>
}

function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v
  }
  return out
}

export function createTestI18n(messages: Messages | Messages[] = [], locale: Locale = 'zh-CN') {
  const all: Record<Locale, Tree> = { 'zh-CN': {}, en: {} }
  for (const set of Array.isArray(messages) ? messages : [messages]) {
    for (const l of ['zh-CN', 'en'] as const) if (set[l]) all[l] = merge(all[l], set[l])
  }
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: all, missingWarn: false, fallbackWarn: false })
}

const Blank = defineComponent({ name: 'BlankRoute', render: () => h('div') })

/**
 * Mounts a component with a memory router (already at `route`), pinia and vue-i18n in
 * composition mode, the way the shell sets up an app.
 */
export async function mountWithShell(component: Component, opts: MountWithShellOptions = {}): Promise<ShellMount> {
  const router = createRouter({ history: createMemoryHistory(), routes: opts.routes ?? [{ path: '/:any(.*)*', component: Blank }] })
  const pinia = opts.pinia ?? createPinia()
  setActivePinia(pinia)
  const i18n = createTestI18n(opts.messages, opts.locale)
  await router.push(opts.route ?? '/')
  await router.isReady()
  const { global: g, ...rest } = opts.mountOptions ?? {}
  const wrapper = mount(component, {
    ...rest,
    props: opts.props,
    global: { ...g, plugins: [router, pinia, i18n, ...(opts.plugins ?? [])] },
  }) as VueWrapper
  return { wrapper, router, pinia, i18n }
}
