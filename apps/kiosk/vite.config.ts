import { defineConfig, mergeConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { chayiVite, pwaManifest } from '@chayi/shell/vite'

const base = '/kiosk/'

const shared = chayiVite({
  name: 'kiosk',
  port: 5102,
  plugins: [
    VitePWA({
      strategies: 'generateSW',
      // A new version takes over at once: the counter never runs a stale build for long, and
      // nothing is lost by the reload because writes wait in the IndexedDB outbox.
      registerType: 'autoUpdate',
      // main.ts registers through `virtual:pwa-register` (production only), so nothing is injected.
      injectRegister: false,
      manifest: {
        ...pwaManifest({
          name: 'kiosk',
          title: '茶义 · 茶馆平板',
          shortName: '茶馆平板',
          description: '茶义茶馆的柜台平板：义仓茶、茶义仓收物与公开看板，断网也能用。',
          orientation: 'landscape',
        }),
        id: base,
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
        // Any screen of the app (/kiosk/board …) opens offline from the precached page.
        navigateFallback: `${base}index.html`,
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // No runtimeCaching: API answers are never cached here. Who is signed in comes from the
        // session's remembered /me, and writes wait in the outbox; a cached answer would be stale.
      },
      // In dev msw's worker owns /kiosk/; a second service worker there would fight it.
      devOptions: { enabled: false },
    }),
  ],
})

export default defineConfig(
  mergeConfig(shared, {
    // Vite's modulepreload polyfill (~0.3 kB gzip of the first load) only helps browsers without
    // <link rel="modulepreload"> (Safari before 17) fetch a lazy screen's imports in parallel. The
    // installed kiosk takes every chunk from its service worker's precache, so it has nothing to win.
    build: { modulePreload: { polyfill: false } },
  }),
)
