import { createPinia, type Pinia } from 'pinia'
import { createApp, watch, type App } from 'vue'
import type { RouterHistory } from 'vue-router'
import { uiMessageSources, useToast } from '@chayi/ui'
import type { Locale } from '@chayi/domain'
import { loadNav } from './components/nav.js'
import ShellRoot from './components/ShellRoot.vue'
import { bindShellContext, createShellContext, SHELL_CONTEXT, type ShellContext, type ShellContextOptions } from './context.js'
import { createShellI18n, currentLocale, loadAllLocales, loadLocale, type ShellI18n } from './i18n/i18n.js'
import { shellMessageSources } from './i18n/sources.js'
import { whenIdle } from './idle.js'
import { decide, installGuards } from './router/guards.js'
import { createShellRouter } from './router/router.js'
import { useSessionStore } from './session/store.js'
import type { ChayiAppDef } from './types.js'

export interface CreateAppOptions extends Omit<ShellContextOptions, 'i18n'> {
  /** Default: web history under Vite's BASE_URL; tests pass createMemoryHistory(). */
  history?: RouterHistory
  /** Default: a new pinia (tests may pass a testing pinia). */
  pinia?: Pinia
  /** Start in this language instead of the remembered one. */
  locale?: Locale
}

export interface ChayiApp {
  app: App
  router: ReturnType<typeof createShellRouter>
  pinia: Pinia
  i18n: ShellI18n
  context: ShellContext
  /** Mounts the app, then starts the outbox (sending on `online`, retrying with backoff). */
  mount(selector: string | Element): ReturnType<App['mount']>
}

/**
 * Makes one Chayi app: router (shell sign-in pages + the app's routes inside AppShell, role guards),
 * pinia, vue-i18n (ui + shell + app messages), the typed API client, the session and, for
 * offline apps, the outbox. The four apps differ only in `def`.
 */
export function createChayiApp(def: ChayiAppDef, opts: CreateAppOptions = {}): ChayiApp {
  const i18n = createShellI18n([uiMessageSources, shellMessageSources, def.messages], opts.locale)
  const toast = useToast()
  const context = createShellContext(def, { notify: (n) => toast.show(n), ...opts, i18n })
  const pinia = opts.pinia ?? createPinia()
  bindShellContext(pinia, context)

  // The navigation's chunk downloads while the session is checked (see components/nav.ts).
  if (def.nav.length) void loadNav(def.layout)

  const router = createShellRouter(def, opts.history)
  const session = () => useSessionStore(pinia)
  installGuards(router, def, session)
  // The first screen waits for the remembered language's strings (loading since createShellI18n,
  // alongside the session check) rather than flash Chinese; offline without them, Chinese it is.
  router.beforeEach(() => loadLocale(i18n).catch(() => undefined))

  // Signing out, a lock, or a 401 anywhere: leave the protected screen for the right sign-in page.
  watch(
    () => {
      const s = session()
      return [s.status, s.paired, s.staff, s.roles.join(), s.mustChange] as const
    },
    () => {
      const s = session()
      const here = router.currentRoute.value
      if (s.status === 'unknown' || s.status === 'loading' || here.matched.length === 0) return
      const verdict = decide(here, def, s)
      if (verdict !== true) void router.replace(verdict)
    },
  )

  watch(
    i18n.global.locale,
    () => {
      if (typeof document !== 'undefined') document.title = def.title[currentLocale(i18n)]
    },
    { immediate: true, flush: 'sync' },
  )

  const app = createApp(ShellRoot)
  app.provide(SHELL_CONTEXT, context)
  app.use(pinia)
  app.use(router)
  app.use(i18n)

  return {
    app,
    router,
    pinia,
    i18n,
    context,
    mount(selector) {
      const root = app.mount(selector)
      context.outbox?.start() // loads the queue after this first render (see outbox/lazy.ts)
      whenIdle(() => void loadAllLocales(i18n).catch(() => undefined))
      return root
    },
  }
}
