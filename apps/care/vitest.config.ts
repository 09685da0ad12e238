import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Screens against msw (`setupServer`) in happy-dom; the app is made by the shell with memory history.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
  },
})
