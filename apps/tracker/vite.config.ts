import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { chayiVite, pwaOptions } from '@chayi/shell/vite'

const pwa = pwaOptions({
  name: 'tracker',
  title: '茶义 · 藏区帮扶',
  shortName: '藏区帮扶',
  description: '情系藏区：帮扶户、结对帮扶与入户走访，野外没有网络也能记录。',
  // Slate blue like the icon: the field app is told apart from the tea-house ones at a glance.
  themeColor: '#3d5a80',
})

export default defineConfig(chayiVite({ name: 'tracker', port: 5104, plugins: [VitePWA(pwa)] }))
