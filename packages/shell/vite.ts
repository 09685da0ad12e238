import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import vue from '@vitejs/plugin-vue'
import type { Plugin, PluginOption, UserConfig } from 'vite'
import type { AppName } from './src/types.js'

const require = createRequire(import.meta.url)

/**
 * Dev only: serves msw's service worker at the app's base, straight from the installed msw, so the
 * worker always matches the library version and no generated file is committed or shipped.
 */
function mswWorker(base: string): Plugin {
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

export interface ChayiViteOptions {
  name: AppName
  /** Dev server port (each app its own, so all four can run at once). */
  port: number
  plugins?: PluginOption[]
}

/**
 * The Vite config every app shares: its base path (/kiosk/ …), Vue, the compile-time flags that
 * drop what production does not use, and the dev server. `VITE_API_TARGET=http://127.0.0.1:3000`
 * proxies /api to a local server; without it (and without VITE_API_BASE) dev mode runs on msw mocks.
 */
export function chayiVite(opts: ChayiViteOptions): UserConfig {
  const base = `/${opts.name}/`
  const target = process.env.VITE_API_TARGET
  return {
    base,
    plugins: [vue(), mswWorker(base), ...(opts.plugins ?? [])],
    define: {
      // Composition API only; no devtools hooks or legacy i18n API in production bundles.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
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

/** Manifest fields shared by the installable apps (kiosk, tracker); each adds name, colours, icons. */
export function pwaManifest(o: { name: AppName; title: string; shortName: string; description: string; orientation?: 'any' | 'landscape' | 'portrait' }) {
  return {
    name: o.title,
    short_name: o.shortName,
    description: o.description,
    lang: 'zh-CN',
    start_url: `/${o.name}/`,
    scope: `/${o.name}/`,
    display: 'standalone' as const,
    orientation: o.orientation ?? 'any',
    background_color: '#f7f1e8',
    theme_color: '#7a4b2a',
  }
}
