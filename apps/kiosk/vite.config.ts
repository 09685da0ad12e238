import { defineConfig, mergeConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { chayiVite, pwaOptions } from '@chayi/shell/vite'

const pwa = pwaOptions({
  name: 'kiosk',
  title: '茶义 · 茶馆平板',
  shortName: '茶馆平板',
  description: '茶义茶馆的柜台平板：义仓茶、茶义仓收物与公开看板，断网也能用。',
  orientation: 'landscape',
})

export default defineConfig(
  mergeConfig(chayiVite({ name: 'kiosk', port: 5102, plugins: [VitePWA(pwa)] }), {
    // Vite's modulepreload polyfill (~0.3 kB gzip of the first load) only helps browsers without
    // <link rel="modulepreload"> (Safari before 17) fetch a lazy screen's imports in parallel. The
    // installed kiosk takes every chunk from its service worker's precache, so it has nothing to win.
    build: { modulePreload: { polyfill: false } },
  }),
)
