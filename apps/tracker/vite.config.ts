import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { chayiVite, pwaManifest } from '@chayi/shell/vite'

const base = '/tracker/'

export default defineConfig(
  chayiVite({
    name: 'tracker',
    port: 5104,
    plugins: [
      VitePWA({
        strategies: 'generateSW',
        // A new version takes over at once; unsent visits wait in the IndexedDB outbox meanwhile.
        registerType: 'autoUpdate',
        // main.ts registers through `virtual:pwa-register` (production only), so nothing is injected.
        injectRegister: false,
        manifest: {
          ...pwaManifest({
            name: 'tracker',
            title: '茶义 · 藏区帮扶',
            shortName: '藏区帮扶',
            description: '情系藏区：帮扶户、结对帮扶与入户走访，野外没有网络也能记录。',
          }),
          id: base,
          // Slate blue like the icon: the field app is told apart from the tea-house ones at a glance.
          theme_color: '#3d5a80',
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
          // No runtimeCaching: API answers are never cached here. Who is signed in comes from the
          // session's remembered /me, and writes wait in the outbox; a cached answer would be stale.
        },
        // In dev msw's worker owns /tracker/; a second service worker there would fight it.
        devOptions: { enabled: false },
      }),
    ],
  }),
)
