// The Vite config every app shares. Plain JavaScript (typed by vite.d.ts) so that Vite's default
// config loader can import it from an app's vite.config.ts without compiling a workspace package.
import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'
import vue from '@vitejs/plugin-vue'

const require = createRequire(import.meta.url)

/**
 * Dev only: serves msw's service worker at the app's base, straight from the installed msw, so the
 * worker always matches the library version and no generated file is committed or shipped.
 * @param {string} base
 * @returns {import('vite').Plugin}
 */
function mswWorker(base) {
  return {
    name: 'chayi-msw-worker',
    apply: 'serve',
    configureServer(server) {
      const file = require.resolve('msw/mockServiceWorker.js')
      server.middlewares.use(`${base}mockServiceWorker.js`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript')
        res.setHeader('service-worker-allowed', base)
        createReadStream(file).pipe(res)
      })
    },
  }
}

/**
 * vue-i18n's ESM build reads Vue as a namespace (`'currentInstance' in Vue`), which keeps every Vue
 * export — Transition, KeepAlive, Suspense, hydration — in every app (~18 kB gzip). On Vue 3.5 the
 * branch it takes is `Vue.getCurrentInstance()`, so the build calls that directly. The build fails
 * loudly if vue-i18n's code changes shape, rather than silently growing again.
 * @returns {import('vite').Plugin}
 */
function vueI18nStaticVue() {
  const shim = /const key = 'currentInstance';\s*if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/
  return {
    name: 'chayi-vue-i18n-static-vue',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/vue-i18n/dist/vue-i18n.mjs')) return null
      const out = code.replace(shim, 'return Vue.getCurrentInstance();')
      if (out === code) this.error('vue-i18n changed: its getCurrentInstance shim was not found (see packages/shell/vite.js)')
      return { code: out, map: null }
    },
  }
}

/**
 * pinia picks its devtools "save state to a file" helper at load time
 * (`const saveAs = … 'download' in HTMLAnchorElement.prototype …`); the property checks count as
 * side effects, so the helper and the FileSaver fallback it may choose (~1 kB gzip) stay in every
 * production bundle although only the devtools plugin, compiled out by __VUE_PROD_DEVTOOLS__,
 * uses them. Marking that one choice pure lets the bundler drop it when nothing reads `saveAs`.
 * Fails the build if pinia's code changes shape.
 * @returns {import('vite').Plugin}
 */
function piniaPureSaveAs() {
  const choice = /const saveAs = (!IS_CLIENT \? [^;]+);/
  return {
    name: 'chayi-pinia-pure-save-as',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!/\/pinia\/dist\/pinia\.js$/.test(id)) return null
      const out = code.replace(choice, 'const saveAs = /* @__PURE__ */ (() => $1)();')
      if (out === code) this.error('pinia changed: its saveAs choice was not found (see packages/shell/vite.js)')
      return { code: out, map: null }
    },
  }
}

/**
 * Base path (/kiosk/ …), Vue, the compile-time flags that drop what production does not use, and
 * the dev server. `VITE_API_TARGET=http://127.0.0.1:3000` proxies /api to a local server; without
 * it (and without VITE_API_BASE) dev mode runs on msw mocks.
 * @param {import('./vite.d.ts').ChayiViteOptions} opts
 * @returns {import('vite').UserConfig}
 */
export function chayiVite(opts) {
  const base = `/${opts.name}/`
  const target = process.env.VITE_API_TARGET
  return {
    base,
    plugins: [vue(), mswWorker(base), vueI18nStaticVue(), piniaPureSaveAs(), ...(opts.plugins ?? [])],
    define: {
      // Composition API only; no devtools hooks or legacy i18n API in production bundles.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      // vue-i18n's message compiler (tokenizer, parser, code generator: ~5 kB gzip) stays out; the
      // shell passes its own small one (src/i18n/compile.ts). No __INTLIFY_JIT_COMPILATION__:
      // vue-i18n 11 no longer reads it (JIT is its only mode).
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    },
    server: {
      host: '127.0.0.1',
      port: opts.port,
      strictPort: true,
      proxy: target ? { '/api': { target, changeOrigin: true } } : undefined,
    },
    preview: { host: '127.0.0.1', port: opts.port },
    build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: true },
  }
}

/**
 * vite-plugin-pwa options for an installable, offline-first app (kiosk, tracker): the app shell is
 * precached so it opens with no network; API answers are never cached (who is signed in comes from
 * the session's remembered /me, and writes wait in the IndexedDB outbox — a cached answer would be
 * stale). Pass the result to `VitePWA()` in the app's vite.config.ts.
 * @param {import('./vite.d.ts').PwaOptions} o
 */
export function pwaOptions(o) {
  const base = `/${o.name}/`
  return {
    strategies: 'generateSW',
    // A new version takes over at once; nothing is lost by the reload because writes wait in the outbox.
    registerType: 'autoUpdate',
    // main.ts registers through `virtual:pwa-register` (production only), so nothing is injected.
    injectRegister: false,
    manifest: {
      id: base,
      name: o.title,
      short_name: o.shortName,
      description: o.description,
      lang: 'zh-CN',
      start_url: base,
      scope: base,
      display: 'standalone',
      orientation: o.orientation ?? 'any',
      background_color: '#f7f1e8',
      theme_color: o.themeColor ?? '#7a4b2a',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    // The favicon; the manifest's icons and the manifest itself are precached anyway.
    includeAssets: ['icons/icon.svg'],
    workbox: {
      // The app shell only: scripts, styles and the page (no source maps).
      globPatterns: ['**/*.{js,css,html}'],
      // Any screen of the app opens offline from the precached page.
      navigateFallback: `${base}index.html`,
      navigateFallbackDenylist: [/^\/api\//],
      cleanupOutdatedCaches: true,
    },
    // In dev msw's worker owns the app's scope; a second service worker there would fight it.
    devOptions: { enabled: false },
  }
}
